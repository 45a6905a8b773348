"""Letters for chosen enterprises through the batch engine, each letter recorded in the ledger as 待申报.

The engine (`desktop_app.batch`) does the matching and writing over N processes; this module picks the
enterprises, then appends one 待申报 event per measure whose letter was written, naming the files. A
measure already further along (已提交 …) gets no 待申报 again: the ledger never goes back on its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.workspace import ledger
from desktop_app.workspace.models import LedgerState, WorkspaceError
from desktop_app.workspace.store import Workspace

if TYPE_CHECKING:
    from desktop_app.batch import Cancel, Outcome, ProgressCallback
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.profile import EnterpriseProfile


@dataclass(frozen=True, slots=True)
class _Row:
    """What the engine's planner needs: a number (the enterprise's) and a profile."""

    number: int
    profile: EnterpriseProfile | None


@dataclass(slots=True)
class GenerateResult:
    outcomes: list[Outcome]
    summary_path: Path | None = None
    recorded: int = 0  # 待申报 events appended
    kept: list[tuple[int, str, LedgerState]] = field(default_factory=list)  # already past 待申报

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error]


def _letters_by_measure(folder: Path, measure_ids: Sequence[str]) -> dict[str, list[str]]:
    """The files of each measure in a company folder (the stem carries ``_<measure id>_``)."""
    if not folder.is_dir():
        return {}
    names = sorted(p for p in folder.iterdir() if not p.name.startswith("."))  # not the engine's own files
    out: dict[str, list[str]] = {}
    for measure_id in measure_ids:
        files = [str(p) for p in names if f"_{measure_id}_" in p.name]
        if files:
            out[measure_id] = files
    return out


def generate(
    ws: Workspace,
    *,
    enterprise_ids: Sequence[int],
    out: Path,
    as_of: dt.date,
    catalog: Catalog,
    packs: Sequence[Path] = (),
    pdf: bool = False,
    jobs: int = 1,
    templates_dir: Path | None = None,
    contacts: dict[str, str] | None = None,
    progress: ProgressCallback | None = None,
    cancel: Cancel | None = None,
    who: str | None = None,
) -> GenerateResult:
    """Write each enterprise's letters into ``out/<name>/`` and 汇总.xlsx; record 待申报 for each letter."""
    from desktop_app import batch, batch_summary
    from desktop_app.domain.matching import Status, match
    from desktop_app.fileio import WriteError

    if out.exists() and not out.is_dir():
        raise WorkspaceError(f"输出文件夹 {out} 是一个文件而不是文件夹，请换一个文件夹名")
    enterprises = ws.enterprises(enterprise_ids)
    if not enterprises:
        raise WorkspaceError("没有选定企业：请先选择要生成文书的企业")
    tasks = batch.plan_tasks([_Row(e.id, e.profile) for e in enterprises], out)
    settings = batch.Settings(as_of, tuple(packs), templates_dir, pdf, tuple(sorted((contacts or {}).items())))
    outcomes = batch.run_batch(tasks, settings, jobs=jobs, progress=progress, cancel=cancel, catalog=catalog)
    result = GenerateResult(outcomes)
    try:
        result.summary_path = batch_summary.write_summary(out, outcomes)
    except WriteError as exc:
        raise WorkspaceError(exc.message) from None
    folders = {t.number: t.folder for t in tasks}
    profiles = {e.id: e.profile for e in enterprises}
    states = ledger.current_states(ws)
    for outcome in outcomes:
        if outcome.error or not outcome.documents:
            continue
        report = match(profiles[outcome.number], catalog, as_of=as_of)
        eligible = [r.measure.id for r in report.with_status(Status.eligible)]
        for measure_id, files in _letters_by_measure(folders[outcome.number], eligible).items():
            state = states.get((outcome.number, measure_id))
            if state is not None and state is not LedgerState.pending:
                result.kept.append((outcome.number, measure_id, state))
                continue
            ledger.record(
                ws,
                enterprise_id=outcome.number,
                measure_id=measure_id,
                state=LedgerState.pending,
                note="已生成申请材料",
                who=who,
                files=files,
            )
            result.recorded += 1
    return result
