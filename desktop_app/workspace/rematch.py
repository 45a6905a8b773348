"""Matching the workspace: each enterprise against only the packs it has no current result of, over N processes.

The engine's rules (caps, 就高不重复) never span packs, so a pack's results do not depend on the others:
results are kept per pack (`match_part`), and after one pack is added or edited only that pack is matched
again. The per-pack rows are then combined into one `match_summary` row per enterprise, which is all
`list`, `show` and `deadlines` read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.workspace.models import Summary
from desktop_app.workspace.store import Workspace
from desktop_app.workspace.summary import (
    ProgressFn,
    _keys,
    _marks,
    _measure,
    catalog_hash,
    empty_summary,
    pack_keys,
    put_summaries,
    stale,
    summarise,
)

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog

CHUNK = 250
#: This process's catalog, split by pack key (None: a pack file that did not load). Forked workers inherit it.
_state: tuple[tuple[str, ...], dict[str, Catalog | None]] | None = None


def split(catalog: Catalog, packs: Sequence[Path]) -> dict[str, Catalog | None]:
    """One single-pack catalog per pack key of :func:`pack_keys`."""
    from desktop_app.domain.catalog import Catalog

    by_path = {Path(path).resolve(): pack_id for pack_id, path in catalog.files.items()}
    out: dict[str, Catalog | None] = {}
    for path, key in pack_keys(packs):
        pack_id = by_path.get(path)
        pack = next((p for p in catalog.packs if p.id == pack_id), None)
        if pack is None:
            out[key] = None
            continue
        measures = [m for m in catalog.measures if m.pack.id == pack.id]
        out[key] = Catalog(packs=[pack], measures=measures, files={pack.id: path})
    return out


def _catalogs(packs: tuple[str, ...]) -> dict[str, Catalog | None]:
    global _state
    if _state is None or _state[0] != packs:
        from desktop_app.domain.catalog import load_catalog

        paths = [Path(p) for p in packs]
        _state = (packs, split(load_catalog(paths), paths))
    return _state[1]


def _match_chunk(job: tuple[list[tuple[int, str, str, tuple[str, ...]]], str, tuple[str, ...]]) -> list[Summary]:
    from desktop_app.domain.matching import match
    from desktop_app.domain.profile_io import profile_from_data

    items, as_of_text, packs = job
    catalogs = _catalogs(packs)
    as_of = dt.date.fromisoformat(as_of_text)
    out = []
    for enterprise_id, text, profile_hash, missing in items:
        profile = profile_from_data(json.loads(text))
        for key in missing:
            sub = catalogs.get(key)
            if sub is None:
                out.append(empty_summary(enterprise_id=enterprise_id, profile_hash=profile_hash, catalog_hash=key,
                                         as_of=as_of))  # fmt: skip
                continue
            report = match(profile, sub, as_of=as_of)
            out.append(
                summarise(enterprise_id=enterprise_id, profile_hash=profile_hash, catalog_hash=key, report=report)
            )
    return out


def stale_parts(ws: Workspace, *, as_of: dt.date, catalog_hash: str) -> list[tuple[int, str, str, tuple[str, ...]]]:
    """(id, profile JSON, profile hash, pack keys without a current result) of every enterprise missing some."""
    keys = _keys(catalog_hash)
    present: dict[int, set[str]] = {}
    for enterprise_id, key in ws.conn.execute(
        "SELECT s.enterprise_id, s.catalog_hash FROM match_part s JOIN enterprise e ON e.id = s.enterprise_id"
        f" AND e.profile_hash = s.profile_hash WHERE s.as_of = ? AND s.catalog_hash IN ({_marks(keys)})",
        [as_of.isoformat(), *keys],
    ):
        present.setdefault(int(enterprise_id), set()).add(str(key))
    wanted = set(keys)
    missing = [i for (i,) in ws.conn.execute("SELECT id FROM enterprise ORDER BY id") if present.get(i) != wanted]
    out = []
    for start in range(0, len(missing), 500):
        part = missing[start : start + 500]
        for r in ws.conn.execute(
            f"SELECT id, profile_json, profile_hash FROM enterprise WHERE id IN ({_marks(part)}) ORDER BY id", part
        ):
            have = present.get(int(r[0]), set())
            out.append((int(r[0]), str(r[1]), str(r[2]), tuple(k for k in keys if k not in have)))
    return out


def combine(parts: Sequence[Summary], *, catalog_hash: str) -> Summary:
    """One enterprise's per-pack results as one: counts and totals added, the nearest deadline kept."""
    counts: dict[str, int] = {}
    for part in parts:
        for status, n in part.counts.items():
            counts[status] = counts.get(status, 0) + n
    open_max = any(p.open_max for p in parts)
    deadlines = [p.nearest_deadline for p in parts if p.nearest_deadline is not None]
    first = parts[0]
    return Summary(
        enterprise_id=first.enterprise_id,
        profile_hash=first.profile_hash,
        catalog_hash=catalog_hash,
        as_of=first.as_of,
        counts=counts,
        total_min=sum((p.total_min for p in parts), Decimal(0)),
        total_max=None if open_max else sum((p.total_max or Decimal(0) for p in parts), Decimal(0)),
        open_max=open_max,
        nearest_deadline=min(deadlines) if deadlines else None,
        measures=tuple(m for p in parts for m in p.measures),
    )


def _combined(ws: Workspace, ids: Sequence[int], *, as_of: dt.date, catalog_hash: str) -> list[Summary]:
    """The combined summaries of ``ids`` from their current per-pack rows (all of them must be there)."""
    keys = _keys(catalog_hash)
    order = {k: i for i, k in enumerate(keys)}
    parts: dict[int, list[Summary]] = {}
    for r in ws.conn.execute(
        "SELECT s.enterprise_id, s.profile_hash, s.catalog_hash, s.counts_json, s.total_min, s.total_max, s.open_max,"
        " s.nearest_deadline, s.measures_json FROM match_part s JOIN enterprise e ON e.id = s.enterprise_id"
        f" AND e.profile_hash = s.profile_hash WHERE s.as_of = ? AND s.catalog_hash IN ({_marks(keys)})"
        f" AND s.enterprise_id IN ({_marks(ids)})",
        [as_of.isoformat(), *keys, *ids],
    ):
        parts.setdefault(int(r[0]), []).append(
            Summary(
                enterprise_id=int(r[0]),
                profile_hash=str(r[1]),
                catalog_hash=str(r[2]),
                as_of=as_of,
                counts=json.loads(r[3]),
                total_min=Decimal(r[4]),
                total_max=None if r[5] is None else Decimal(r[5]),
                open_max=bool(r[6]),
                nearest_deadline=None if r[7] is None else dt.date.fromisoformat(r[7]),
                measures=tuple(_measure(d) for d in json.loads(r[8])),
            )
        )
    out = []
    for found in parts.values():
        if len(found) == len(keys):
            out.append(combine(sorted(found, key=lambda p: order[p.catalog_hash]), catalog_hash=catalog_hash))
    return out


def refresh(
    ws: Workspace,
    *,
    as_of: dt.date,
    packs: Sequence[Path] = (),
    jobs: int = 1,
    progress: ProgressFn | None = None,
    catalog: Catalog | None = None,
) -> int:
    """Match what is missing for ``as_of`` pack by pack, then combine; return how many enterprises were stale."""
    global _state
    digest = catalog_hash(packs)
    todo_ids = [i for i, _, _ in stale(ws, as_of=as_of, catalog_hash=digest)]
    if not todo_ids:
        return 0
    todo = stale_parts(ws, as_of=as_of, catalog_hash=digest)
    pack_names = tuple(str(p) for p in packs)
    if catalog is not None:
        _state = (pack_names, split(catalog, list(packs)))
    chunks = [(todo[i : i + CHUNK], as_of.isoformat(), pack_names) for i in range(0, len(todo), CHUNK)]
    done = 0

    def store(job_size: int, summaries: list[Summary]) -> None:
        nonlocal done
        put_summaries(ws, summaries, table="match_part")
        done += job_size
        if progress is not None:
            progress(done, len(todo))

    if jobs <= 1 or len(chunks) <= 1:
        for chunk in chunks:
            store(len(chunk[0]), _match_chunk(chunk))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for chunk, summaries in zip(chunks, pool.map(_match_chunk, chunks), strict=True):
                store(len(chunk[0]), summaries)
    for start in range(0, len(todo_ids), 500):
        put_summaries(ws, _combined(ws, todo_ids[start : start + 500], as_of=as_of, catalog_hash=digest))
    keys = _keys(digest)
    with ws.transaction() as conn:  # results of packs that are gone or changed are of no use on this date
        conn.execute(
            f"DELETE FROM match_part WHERE as_of = ? AND catalog_hash NOT IN ({_marks(keys)})",
            [as_of.isoformat(), *keys],
        )
    return len(todo_ids)
