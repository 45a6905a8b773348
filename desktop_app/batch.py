"""The batch engine: letters and 体检报告 for many companies over N processes (the 汇总.xlsx: batch_summary.py).

No Qt and no argparse: the CLI (`cli/batch_cmd.py`) and the GUI workspace both drive it through
:func:`plan_tasks`, :func:`run_batch` and :func:`desktop_app.batch_summary.write_summary`. A company's
failure never stops the batch: it becomes that company's :class:`Outcome` with a Chinese ``error``. The
catalog is loaded once per worker process (a forked worker inherits the parent's), and the renderer's
template cache lives as long as the worker, so templates are parsed once per process too. Workers exit
when their parent dies.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from desktop_app.batch_journal import Journal, folders_of_previous_run
from desktop_app.batch_summary import CHANNELS

if TYPE_CHECKING:
    from decimal import Decimal

    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.matching import MatchReport
    from desktop_app.domain.profile import EnterpriseProfile

MESSAGES = {
    "generate_failed": "生成文书失败：{reason}",
    "worker_died": "处理进程意外退出，该企业未生成文书，请单独重试（可加 --jobs 1）",
    "cancelled": "已取消：该企业未处理，可用“继续上次的批量处理”（--resume）补上",
}

#: ``progress(done, total, label)``: called in the calling process after each company.
ProgressCallback = Callable[[int, int, str], None]
#: A ``threading.Event`` or a callable; checked between companies.
Cancel = threading.Event | Callable[[], bool]


class RowLike(Protocol):
    """What :func:`plan_tasks` needs of a sheet row (``cli.batch_sheet.SheetRow`` is one)."""

    @property
    def number(self) -> int: ...
    @property
    def profile(self) -> EnterpriseProfile | None: ...


# --- what travels between processes ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Settings:
    """Everything a worker needs besides the company: the same for every row."""

    as_of: dt.date
    packs: tuple[Path, ...]
    templates_dir: Path | None
    pdf: bool
    contacts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Task:
    """One company to produce: its sheet row number, its profile and the folder its documents go to.

    ``key`` identifies the company across runs (credit code, name, and which occurrence in the sheet),
    so that a rerun finds the folder of the previous run and ``resume`` knows what is complete.
    """

    number: int
    profile: EnterpriseProfile
    folder: Path
    key: str = ""


@dataclass(slots=True)
class Outcome:
    """One row of 汇总.xlsx."""

    number: int
    name: str | None
    credit_code: str | None = None
    district: str | None = None
    eligible: int = 0
    needs_check: int = 0
    needs_info: int = 0
    total_min: Decimal | None = None
    total_max: Decimal | None = None  # also None when some eligible amount has no upper limit (open_max)
    open_max: bool = False
    channels: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    folder: str | None = None
    error: str | None = None


_state: tuple[Settings, Catalog] | None = None


def _watch_parent(parent: int) -> None:
    """Exit this worker as soon as its parent is gone (a killed parent never collects it otherwise)."""
    try:  # Linux: the kernel sends SIGKILL at once when the parent dies
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass

    def watch() -> None:
        while True:
            if os.getppid() != parent:
                os._exit(3)
            time.sleep(0.5)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # died before prctl took effect
        os._exit(3)


def _init_worker(settings: Settings, parent: int) -> None:
    """Per worker process: watch the parent; load the catalog unless the forked parent's is inherited."""
    global _state
    _watch_parent(parent)
    if _state is not None and _state[0] == settings:
        return
    from desktop_app.domain.catalog import load_catalog

    _state = (settings, load_catalog(settings.packs))


def _summarise(task: Task, report: MatchReport) -> Outcome:
    from desktop_app.domain.matching import Status

    profile = task.profile
    eligible = report.with_status(Status.eligible)
    low, high = report.total()
    channels = dict.fromkeys(CHANNELS, 0)
    for result in eligible:
        kind = result.measure.channel.kind.value
        channels[kind] = channels.get(kind, 0) + 1
    return Outcome(
        number=task.number,
        name=profile.name,
        credit_code=profile.credit_code,
        district=profile.district.label if profile.district else None,
        eligible=len(eligible),
        needs_check=len(report.with_status(Status.needs_check)),
        needs_info=len(report.with_status(Status.needs_info)),
        total_min=low,
        total_max=high,
        open_max=high is None,
        channels=channels,
        folder=task.folder.name,
    )


def _describe(exc: BaseException) -> str:
    from desktop_app.errors import message_for
    from desktop_app.fileio import WriteError

    if isinstance(exc, WriteError):
        return exc.message
    return MESSAGES["generate_failed"].format(reason=message_for(exc))


def process(task: Task) -> Outcome:
    """Match one company and write its documents. Never raises: a failure becomes the outcome's error."""
    assert _state is not None, "worker not initialised"
    settings, catalog = _state
    from desktop_app.domain.matching import match

    try:
        report = match(task.profile, catalog, as_of=settings.as_of)
    except Exception as exc:  # one company's failure must not stop the batch
        return Outcome(task.number, task.profile.name, folder=task.folder.name, error=_describe(exc))
    outcome = _summarise(task, report)
    try:
        from desktop_app.documents.fill import generate_documents

        documents = generate_documents(
            profile=task.profile,
            report=report,
            out_dir=task.folder,
            pdf=settings.pdf,
            templates_dir=settings.templates_dir,
            user_contacts=dict(settings.contacts) or None,
        )
        outcome.documents = len(documents)
    except Exception as exc:  # one company's failure must not stop the batch
        outcome.error = _describe(exc)
    return outcome


# --- planning and running --------------------------------------------------------------------------------


def plan_tasks(rows: Sequence[RowLike], out: Path) -> list[Task]:
    """One folder per good row, named after the company; a name met twice (or already on disk) gets (2), (3) …

    A company that a previous run in ``out`` produced (see :mod:`desktop_app.batch_journal`) gets that
    folder again, so a rerun replaces its documents instead of adding "(2)" folders. Rows without a
    profile (bad rows) get no task; report them yourself as outcomes with their error.
    """
    from desktop_app.fileio import safe_filename

    previous = folders_of_previous_run(out)
    good = [row for row in rows if row.profile is not None]
    seen: dict[str, int] = {}
    keys = []
    for row in good:
        assert row.profile is not None
        identity = f"{row.profile.credit_code or ''}|{row.profile.name or ''}"
        seen[identity] = seen.get(identity, 0) + 1
        keys.append(f"{identity}|{seen[identity]}")
    owned = {previous[key].casefold() for key in keys if key in previous}
    used: set[str] = set()
    tasks = []
    for row, key in zip(good, keys, strict=True):
        assert row.profile is not None
        folder = previous.get(key)
        if folder is None or folder.casefold() in used:
            base = safe_filename(row.profile.name or f"第{row.number}行")
            folder, n = base, 2
            while folder.casefold() in used or folder.casefold() in owned or (out / folder).exists():
                folder, n = f"{base}({n})", n + 1
        used.add(folder.casefold())
        tasks.append(Task(row.number, row.profile, out / folder, key))
    return tasks


def _cancelled(cancel: Cancel | None) -> bool:
    if cancel is None:
        return False
    if isinstance(cancel, threading.Event):
        return cancel.is_set()
    return bool(cancel())


def _label(task: Task) -> str:
    return task.profile.name or f"第{task.number}行"


def run_batch(
    tasks: Sequence[Task],
    settings: Settings,
    *,
    jobs: int = 1,
    progress: ProgressCallback | None = None,
    cancel: Cancel | None = None,
    catalog: Catalog | None = None,
    resume: bool = False,
    start_method: str | None = None,
) -> list[Outcome]:
    """Produce every task over ``jobs`` processes and return one :class:`Outcome` per task, in row order.

    ``catalog``: the catalog already loaded for ``settings.packs`` (the CLI loads it to report broken
    packs); without it each worker loads its own. ``progress(done, total, label)`` runs in this process
    after each company, ``label`` being the company name. ``cancel`` (an Event or a callable) is checked
    between companies: companies already started are finished, the others come back with a
    "已取消" error. With ``jobs > 1`` the workers are separate processes that exit if this one dies.

    Each finished company is recorded in the output folder's journal as it arrives, so a run that is
    killed can be continued: with ``resume``, a company the journal records as complete with the same
    answers and settings (and whose folder is still there) is not produced again; its outcome comes
    back from the journal and counts towards ``progress`` at once. ``start_method`` ("spawn",
    "forkserver", "fork") picks how workers start; a GUI with threads running should pass "spawn"
    (forking a threaded process can hang).
    Raises :class:`~desktop_app.fileio.WriteError` if the journal cannot be started (the output
    folder is not writable).
    """
    global _state
    if catalog is not None:
        _state = (settings, catalog)  # used in-process, and inherited by forked workers
    outcomes: list[Outcome] = []
    total = len(tasks)
    journal: Journal | None = None
    if tasks:
        journal, done_before = Journal.start(tasks[0].folder.parent, tasks, settings, resume=resume)
        outcomes += done_before.values()
        from desktop_app import staging

        for task in tasks:
            if task.key in done_before:
                # a worker killed while tidying up after its publish leaves a staging folder in a company the
                # journal records as complete: a resumed run skips that folder, so it is cleaned here
                staging.clean_stale(task.folder)
        tasks = [t for t in tasks if t.key not in done_before]
        if done_before and progress is not None:
            progress(len(outcomes), total, "")

    def record(outcome: Outcome, task: Task) -> None:
        outcomes.append(outcome)
        if journal is not None:
            journal.add(task, outcome)
        if progress is not None:
            progress(len(outcomes), total, _label(task))

    def cancelled_outcome(task: Task) -> Outcome:
        return Outcome(task.number, task.profile.name, error=MESSAGES["cancelled"])

    if jobs <= 1 or len(tasks) <= 1:
        if _state is None or _state[0] != settings:
            from desktop_app.domain.catalog import load_catalog

            _state = (settings, load_catalog(settings.packs))
        for task in tasks:
            record(cancelled_outcome(task) if _cancelled(cancel) else process(task), task)
        return sorted(outcomes, key=lambda o: o.number)
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    context = multiprocessing.get_context(start_method)
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=context, initializer=_init_worker, initargs=(settings, os.getpid())
    )
    try:
        futures: dict[Future[Outcome], Task] = {pool.submit(process, task): task for task in tasks}
        pending = set(futures)
        while pending:
            done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            for future in done:
                task = futures[future]
                if future.cancelled():
                    record(cancelled_outcome(task), task)
                    continue
                try:
                    record(future.result(), task)
                except BrokenProcessPool:
                    record(Outcome(task.number, task.profile.name, error=MESSAGES["worker_died"]), task)
            if pending and _cancelled(cancel):
                for future in pending:
                    future.cancel()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return sorted(outcomes, key=lambda o: o.number)
