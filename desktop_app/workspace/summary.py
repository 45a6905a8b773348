"""Cached match summaries, keyed by (profile hash, catalog hash, reference date), and the views built on them.

A summary is a cache: it can always be recomputed from the stored profile, so a stale or missing one is
simply matched again (over N processes for a whole workspace after a catalog change).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.workspace import ledger
from desktop_app.workspace.models import Deadline, EnterpriseRow, OpenMeasure, Summary
from desktop_app.workspace.store import Workspace, _filters, now_text

if TYPE_CHECKING:
    from desktop_app.domain.matching import MatchReport

#: Bump when the summary's content changes; old rows are then matched again.
SUMMARY_FORMAT = 1
ProgressFn = Callable[[int, int], None]


def open_statuses() -> frozenset[str]:
    """Statuses under which a measure is still worth following: eligible, or not ruled out yet."""
    from desktop_app.domain.matching import Status

    wanted = ("eligible", "needs_check", "needs_info")
    return frozenset(s.value for s in Status if s.value in wanted)


@cache
def _engine_digest() -> bytes:
    """The engine's own code (a source or wheel install), else the program version (a bundle)."""
    digest = hashlib.sha256(f"summary-{SUMMARY_FORMAT}".encode())
    sources = sorted((Path(__file__).resolve().parent.parent / "domain").glob("*.py"))
    for source in sources:
        digest.update(source.read_bytes())
    if not sources:
        from desktop_app import __version__

        digest.update(__version__.encode())
    return digest.digest()


def pack_keys(packs: Sequence[Path] = ()) -> list[tuple[Path, str]]:
    """Each pack file (shipped, then ``packs``) with the key its summaries are stored under.

    A key covers the engine's code, the file's name and its bytes: editing one pack re-matches that pack
    only (the engine's rules never span packs). Nothing is parsed, so `list` stays fast.
    """
    from desktop_app import paths

    out: list[tuple[Path, str]] = []
    # The same files as catalog.shipped_pack_files(), found without importing the engine (a test checks).
    for path in [*sorted(paths.policies_dir().glob("*.yaml")), *packs]:
        digest = hashlib.sha256(_engine_digest())
        digest.update(path.name.encode("utf-8") + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
        key = digest.hexdigest()[:32]
        if key not in {k for _, k in out}:
            out.append((path.resolve(), key))
    return out


def catalog_hash(packs: Sequence[Path] = ()) -> str:
    """The catalog's key: its packs' keys, comma-separated (what `rows`, `stale` and `deadlines` take)."""
    return ",".join(key for _, key in pack_keys(packs))


def empty_summary(*, enterprise_id: int, profile_hash: str, catalog_hash: str, as_of: dt.date) -> Summary:
    """The summary of a pack file that did not load: no measures (it is reported when the catalog loads)."""
    return Summary(enterprise_id, profile_hash, catalog_hash, as_of, {}, Decimal(0), Decimal(0), False, None, ())


def summarise(*, enterprise_id: int, profile_hash: str, catalog_hash: str, report: MatchReport) -> Summary:
    """The parts of a match report the registry shows: counts by status, totals, open measures."""
    counts = {status.value: n for status, n in report.counts().items()}
    low, high = report.total()
    wanted = open_statuses()
    measures = []
    for r in report.results:
        if r.status.value not in wanted:
            continue
        measures.append(
            OpenMeasure(
                measure_id=r.measure.id,
                title=r.measure.title,
                status=r.status.value,
                valid_until=r.valid_until,
                channel=r.measure.channel.kind.value,
                amount_min=r.amount.minimum if r.amount is not None and r.status.value == "eligible" else None,
                amount_max=r.amount.maximum if r.amount is not None and r.status.value == "eligible" else None,
            )
        )
    deadlines = [m.valid_until for m in measures if m.valid_until >= report.as_of]
    return Summary(
        enterprise_id=enterprise_id,
        profile_hash=profile_hash,
        catalog_hash=catalog_hash,
        as_of=report.as_of,
        counts=counts,
        total_min=low,
        total_max=high,
        open_max=high is None,
        nearest_deadline=min(deadlines) if deadlines else None,
        measures=tuple(measures),
    )


def _measure_dict(m: OpenMeasure) -> dict[str, Any]:
    return {
        "id": m.measure_id,
        "title": m.title,
        "status": m.status,
        "until": m.valid_until.isoformat(),
        "channel": m.channel,
        "min": None if m.amount_min is None else str(m.amount_min),
        "max": None if m.amount_max is None else str(m.amount_max),
    }


def _measure(d: dict[str, Any]) -> OpenMeasure:
    return OpenMeasure(
        measure_id=d["id"],
        title=d["title"],
        status=d["status"],
        valid_until=dt.date.fromisoformat(d["until"]),
        channel=d["channel"],
        amount_min=None if d["min"] is None else Decimal(d["min"]),
        amount_max=None if d["max"] is None else Decimal(d["max"]),
    )


def put_summaries(ws: Workspace, summaries: Sequence[Summary], *, table: str = "match_summary") -> None:
    """Store summaries in one transaction, dropping the rows they supersede.

    ``match_summary`` holds one combined row per enterprise and date (keyed by the whole catalog);
    ``match_part`` one row per pack (keyed by the pack's key), from which the combined rows are made.
    """
    assert table in ("match_summary", "match_part")
    same_key = " AND catalog_hash = ?" if table == "match_part" else ""
    stamp = now_text()
    with ws.transaction() as conn:
        for s in summaries:
            conn.execute(
                f"DELETE FROM {table} WHERE enterprise_id = ? AND (profile_hash <> ? OR (as_of = ?{same_key}))",
                (s.enterprise_id, s.profile_hash, s.as_of.isoformat(), *([s.catalog_hash] if same_key else [])),
            )
            conn.execute(
                f"INSERT INTO {table} (enterprise_id, profile_hash, catalog_hash, as_of, counts_json, total_min,"
                " total_max, open_max, nearest_deadline, measures_json, computed_at)"
                " SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS"
                " (SELECT 1 FROM enterprise WHERE id = ? AND profile_hash = ?)",
                (
                    s.enterprise_id,
                    s.profile_hash,
                    s.catalog_hash,
                    s.as_of.isoformat(),
                    json.dumps(s.counts, sort_keys=True),
                    str(s.total_min),
                    None if s.total_max is None else str(s.total_max),
                    1 if s.open_max else 0,
                    None if s.nearest_deadline is None else s.nearest_deadline.isoformat(),
                    json.dumps([_measure_dict(m) for m in s.measures], ensure_ascii=False),
                    stamp,
                    s.enterprise_id,
                    s.profile_hash,
                ),
            )


def _keys(catalog_hash: str) -> list[str]:
    return [k for k in catalog_hash.split(",") if k]


def _marks(keys: Sequence[object]) -> str:
    return ", ".join("?" for _ in keys)


def stale(ws: Workspace, *, as_of: dt.date, catalog_hash: str) -> list[tuple[int, str, str]]:
    """(id, profile JSON, profile hash) of every enterprise without a current summary for this date."""
    rows = ws.conn.execute(
        "SELECT e.id, e.profile_json, e.profile_hash FROM enterprise e WHERE NOT EXISTS (SELECT 1 FROM match_summary s"
        " WHERE s.enterprise_id = e.id AND s.profile_hash = e.profile_hash AND s.catalog_hash = ? AND s.as_of = ?)"
        " ORDER BY e.id",
        (catalog_hash, as_of.isoformat()),
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


# --- the registry's views --------------------------------------------------------------------------------


def rows(
    ws: Workspace,
    *,
    as_of: dt.date,
    catalog_hash: str,
    text: str | None = None,
    district: str | None = None,
    with_measures: bool = False,
    enterprise_id: int | None = None,
) -> list[EnterpriseRow]:
    """One row per enterprise (filtered), with its current summary when there is one."""
    where, params = _filters(text=text, district=district, table="e")
    if enterprise_id is not None:
        where = f"{where} AND e.id = ?" if where else "WHERE e.id = ?"
        params.append(enterprise_id)
    sql = (
        "SELECT e.id, e.name, e.credit_code, e.district, e.profile_hash, s.counts_json, s.total_min, s.total_max,"
        " s.open_max, s.nearest_deadline, s.measures_json FROM enterprise e LEFT JOIN match_summary s"
        " ON s.enterprise_id = e.id AND s.profile_hash = e.profile_hash AND s.catalog_hash = ? AND s.as_of = ?"
        f" {where} ORDER BY e.id"
    )
    progress = ledger.progress(ws)
    out = []
    for r in ws.conn.execute(sql, [catalog_hash, as_of.isoformat(), *params]):
        summary = None
        if r[5] is not None:
            summary = Summary(
                enterprise_id=r[0],
                profile_hash=r[4],
                catalog_hash=catalog_hash,
                as_of=as_of,
                counts=json.loads(r[5]),
                total_min=Decimal(r[6]),
                total_max=None if r[7] is None else Decimal(r[7]),
                open_max=bool(r[8]),
                nearest_deadline=None if r[9] is None else dt.date.fromisoformat(r[9]),
                measures=tuple(_measure(d) for d in json.loads(r[10])) if with_measures else (),
            )
        out.append(EnterpriseRow(r[0], r[1], r[2], r[3], summary, progress.get(r[0], {})))
    return out


def deadlines(ws: Workspace, *, as_of: dt.date, catalog_hash: str, within: int) -> list[Deadline]:
    """Every measure open for some enterprise that ends within ``within`` days of ``as_of``, soonest first.

    An application already ended in the ledger (已兑现 / 未通过 / 放弃) is left out.
    """
    states = ledger.current_states(ws)
    out = []
    for row in rows(ws, as_of=as_of, catalog_hash=catalog_hash, with_measures=True):
        if row.summary is None:
            continue
        for m in row.summary.measures:
            days = (m.valid_until - as_of).days
            state = states.get((row.id, m.measure_id))
            if 0 <= days <= within and not (state is not None and state.final):
                out.append(Deadline(row.id, row.name or row.credit_code or f"#{row.id}", m, days, state))
    return sorted(out, key=lambda d: (d.days_left, d.enterprise_id, d.measure.measure_id))
