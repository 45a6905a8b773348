"""Matching the workspace: each enterprise against only the packs it has no current summary of, over N processes.

The engine's rules (caps, 就高不重复) never span packs, so a pack's results do not depend on the others:
after one pack is added or edited, only that pack is matched again for every enterprise.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.workspace.models import Summary
from desktop_app.workspace.store import Workspace
from desktop_app.workspace.summary import (
    ProgressFn,
    _keys,
    _marks,
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
    from desktop_app.domain.profile import profile_from_data

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


def refresh(
    ws: Workspace,
    *,
    as_of: dt.date,
    packs: Sequence[Path] = (),
    jobs: int = 1,
    progress: ProgressFn | None = None,
    catalog: Catalog | None = None,
) -> int:
    """Match what is missing for ``as_of``; return how many enterprises were matched (against some pack)."""
    global _state
    digest = catalog_hash(packs)
    todo = stale(ws, as_of=as_of, catalog_hash=digest)
    if not todo:
        return 0
    pack_names = tuple(str(p) for p in packs)
    if catalog is not None:
        _state = (pack_names, split(catalog, list(packs)))
    chunks = [(todo[i : i + CHUNK], as_of.isoformat(), pack_names) for i in range(0, len(todo), CHUNK)]
    done = 0

    def store(job_size: int, summaries: list[Summary]) -> None:
        nonlocal done
        put_summaries(ws, summaries)
        done += job_size
        if progress is not None:
            progress(done, len(todo))

    if jobs <= 1 or len(chunks) == 1:
        for chunk in chunks:
            store(len(chunk[0]), _match_chunk(chunk))
    else:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for chunk, summaries in zip(chunks, pool.map(_match_chunk, chunks), strict=True):
                store(len(chunk[0]), summaries)
    keys = _keys(digest)
    with ws.transaction() as conn:  # the rows of packs that are gone or changed are of no use on this date
        conn.execute(
            f"DELETE FROM match_summary WHERE as_of = ? AND catalog_hash NOT IN ({_marks(keys)})",
            [as_of.isoformat(), *keys],
        )
    return done
