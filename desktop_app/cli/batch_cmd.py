"""`policy-assistant batch`: letters and 体检报告 for every company of a sheet, over N processes, plus 汇总.xlsx.

Bad input as a whole (missing file, unreadable sheet, unknown columns) stops before anything is written
(exit 2). A bad row is reported with its row number and field and skipped; every good row is still produced,
and the exit code is 1 when some rows failed. The catalog is loaded once per worker process, and the
renderer's template cache lives as long as the worker, so templates are parsed once per process too.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from desktop_app.cli.common import (
    CliError,
    add_as_of,
    add_contacts,
    add_packs,
    load_catalog_for,
    parse_as_of,
    read_contacts_or_exit,
    warn,
)
from desktop_app.cli.messages import MESSAGES

if TYPE_CHECKING:
    from decimal import Decimal

    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.matching import MatchReport
    from desktop_app.domain.profile import EnterpriseProfile

SUMMARY_NAME = "汇总.xlsx"
TEMPLATE_NAME = "企业名单模板.csv"
CHANNELS = ("免申即享", "一网通办", "直接申请")
SUMMARY_HEADERS = (
    ("行号", 6),
    ("企业名称", 28),
    ("统一社会信用代码", 21),
    ("所在区", 8),
    ("符合条件（项）", 10),
    ("需补充信息（项）", 10),
    ("金额合计下限（元）", 14),
    ("金额合计上限（元）", 14),
    *((f"符合条件·{c}（项）", 12) for c in CHANNELS),
    ("生成文书（份）", 10),
    ("文件夹", 28),
    ("错误", 60),
)


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "sheet",
        nargs="?",
        type=Path,
        metavar="COMPANIES.csv|xlsx",
        help="企业名单：每行一家企业，列为档案字段（中文标题或字段名，见 --template-csv）",
    )
    parser.add_argument(
        "--out", type=Path, metavar="DIR", help=f"输出文件夹：每家企业一个子文件夹，另有 {SUMMARY_NAME}"
    )
    add_as_of(parser)
    parser.add_argument("--pdf", action="store_true", help="同时生成 PDF")
    parser.add_argument("--jobs", type=_jobs, metavar="N", help="并行处理的进程数（默认：CPU 核数）")
    add_packs(parser)
    parser.add_argument(
        "--templates", type=Path, metavar="DIR", help="使用自己的文书模板文件夹（见 docs/templates.md）"
    )
    add_contacts(parser)
    parser.add_argument(
        "--template-csv",
        nargs="?",
        const=Path(TEMPLATE_NAME),
        type=Path,
        metavar="FILE",
        help=f"只写出一张带正确表头的空白企业名单（默认 {TEMPLATE_NAME}；已有同名文件时另起名，不覆盖）",
    )


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(MESSAGES["batch_bad_jobs"].format(text=text)) from None
    if not 1 <= value <= 256:
        raise argparse.ArgumentTypeError(MESSAGES["batch_bad_jobs"].format(text=text))
    return value


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
    number: int
    profile: EnterpriseProfile
    folder: Path


@dataclass(slots=True)
class Outcome:
    """One row of 汇总.xlsx."""

    number: int
    name: str | None
    credit_code: str | None = None
    district: str | None = None
    eligible: int = 0
    needs_info: int = 0
    total_min: Decimal | None = None
    total_max: Decimal | None = None  # also None when some eligible amount has no upper limit (open_max)
    open_max: bool = False
    channels: dict[str, int] = field(default_factory=dict)
    documents: int = 0
    folder: str | None = None
    error: str | None = None


_state: tuple[Settings, Catalog] | None = None


def _init_worker(settings: Settings) -> None:
    """Load the catalog once per process (a forked worker inherits the parent's; a spawned one loads it)."""
    global _state
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
        needs_info=len(report.with_status(Status.needs_info)),
        total_min=low,
        total_max=high,
        open_max=high is None,
        channels=channels,
        folder=task.folder.name,
    )


def _describe(exc: BaseException) -> str:
    from desktop_app.fileio import WriteError

    if isinstance(exc, WriteError):
        return exc.message
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    return MESSAGES["batch_generate_failed"].format(reason=message)


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


# --- progress --------------------------------------------------------------------------------------------


class Progress:
    """A redrawn bar with ETA on a terminal; otherwise a plain line about every 5 %."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.started = time.monotonic()
        self.step = max(1, total // 20)
        self.last_draw = 0.0

    @staticmethod
    def _clock(seconds: float) -> str:
        seconds = max(int(seconds + 0.5), 0)
        return f"{seconds // 60}:{seconds % 60:02d}"

    def update(self, done: int) -> None:
        now = time.monotonic()
        elapsed = now - self.started
        remaining = elapsed / done * (self.total - done) if done else 0.0
        if self.tty:
            if done < self.total and now - self.last_draw < 0.1:
                return
            self.last_draw = now
            width = 30
            filled = width * done // max(self.total, 1)
            bar = "█" * filled + "░" * (width - filled)
            self.stream.write(
                f"\r{bar} {done}/{self.total} {100 * done // max(self.total, 1):3d}%  "
                f"已用 {self._clock(elapsed)}  预计剩余 {self._clock(remaining)} "
            )
            self.stream.flush()
        elif done % self.step == 0 or done == self.total:
            print(
                MESSAGES["batch_progress"].format(
                    done=done, total=self.total, percent=100 * done // max(self.total, 1), eta=self._clock(remaining)
                ),
                file=self.stream,
                flush=True,
            )

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()


# --- the command -----------------------------------------------------------------------------------------


def run(name: str, args: argparse.Namespace) -> int:
    if args.template_csv is not None:
        return _write_template(args.template_csv)
    from desktop_app.cli.batch_sheet import SheetError, parse_rows, read_table

    if args.sheet is None:
        raise CliError(MESSAGES["batch_no_sheet"])
    if args.out is None:
        raise CliError(MESSAGES["batch_no_out"])
    as_of = parse_as_of(args.as_of)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise CliError(MESSAGES["batch_out_not_dir"].format(path=out))
    if args.templates is not None and not args.templates.is_dir():
        raise CliError(MESSAGES["batch_no_templates"].format(path=args.templates))
    try:
        rows = list(parse_rows(read_table(args.sheet)))
    except SheetError as exc:
        raise CliError(exc.message) from None
    if not rows:
        raise CliError(MESSAGES["batch_no_rows"].format(path=args.sheet))

    contacts = read_contacts_or_exit(args.contacts) or {}
    catalog = load_catalog_for(args)
    settings = Settings(as_of, tuple(args.pack), args.templates, args.pdf, tuple(sorted(contacts.items())))
    global _state
    _state = (settings, catalog)  # this process's worker state; forked workers inherit it

    outcomes: list[Outcome] = []
    for row in rows:
        if row.profile is None:
            warn(MESSAGES["batch_bad_row"].format(number=row.number, error=row.error))
            outcomes.append(Outcome(row.number, row.name, error=row.error))
    tasks = _plan(rows, out)
    jobs = min(args.jobs or os.cpu_count() or 1, max(len(tasks), 1))
    if tasks:
        print(MESSAGES["batch_start"].format(count=len(tasks), jobs=jobs, out=out), file=sys.stderr)
    produced = _run_tasks(tasks, settings, jobs)
    for outcome in sorted(produced, key=lambda o: o.number):
        if outcome.error:
            warn(MESSAGES["batch_failed_row"].format(number=outcome.number, error=outcome.error))
    outcomes = sorted(outcomes + produced, key=lambda o: o.number)

    from desktop_app.fileio import WriteError

    try:
        summary = write_summary(out, outcomes)
    except WriteError as exc:
        raise CliError(exc.message, code=1) from None
    failed = [o for o in outcomes if o.error]
    print(MESSAGES["batch_done"].format(done=len(outcomes) - len(failed), failed=len(failed), summary=summary))
    return 1 if failed else 0


def _plan(rows: list[Any], out: Path) -> list[Task]:
    """One folder per company, named after it; a name met twice (or already on disk) gets (2), (3) …"""
    from desktop_app.fileio import safe_filename

    used: set[str] = set()
    tasks = []
    for row in rows:
        if row.profile is None:
            continue
        base = safe_filename(row.profile.name or f"第{row.number}行")
        candidate, n = base, 2
        while candidate.casefold() in used or (out / candidate).exists():
            candidate, n = f"{base}({n})", n + 1
        used.add(candidate.casefold())
        tasks.append(Task(row.number, row.profile, out / candidate))
    return tasks


def _run_tasks(tasks: list[Task], settings: Settings, jobs: int) -> list[Outcome]:
    progress = Progress(len(tasks))
    outcomes: list[Outcome] = []
    try:
        if jobs <= 1:
            for task in tasks:
                outcomes.append(process(task))
                progress.update(len(outcomes))
            return outcomes
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(settings,)) as pool:
            futures = {pool.submit(process, task): task for task in tasks}
            try:
                for future in as_completed(futures):
                    task = futures[future]
                    try:
                        outcomes.append(future.result())
                    except BrokenProcessPool:
                        outcomes.append(Outcome(task.number, task.profile.name, error=MESSAGES["batch_worker_died"]))
                    progress.update(len(outcomes))
            except BaseException:
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        return outcomes
    finally:
        progress.close()


def _amount(value: Decimal | None) -> int | float | None:
    from desktop_app.domain.serialize import number

    return number(value)


def write_summary(out: Path, outcomes: list[Outcome]) -> Path:
    """汇总.xlsx: one row per company (in sheet order), written atomically; an existing one is kept (2)."""
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font

    from desktop_app.fileio import atomic_write_bytes, unique_path

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "汇总"
    sheet.append([title for title, _ in SUMMARY_HEADERS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, (_, width) in enumerate(SUMMARY_HEADERS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    sheet.freeze_panes = "C2"
    for o in outcomes:
        produced = o.folder is not None and o.total_min is not None
        sheet.append(
            [
                o.number,
                o.name,
                o.credit_code,
                o.district,
                o.eligible if produced else None,
                o.needs_info if produced else None,
                _amount(o.total_min) if produced else None,
                (MESSAGES["batch_open_max"] if o.open_max else _amount(o.total_max)) if produced else None,
                *((o.channels.get(c, 0) if produced else None) for c in CHANNELS),
                o.documents if produced else None,
                o.folder,
                o.error,
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return atomic_write_bytes(unique_path(out / SUMMARY_NAME), buffer.getvalue())


def _write_template(path: Path) -> int:
    """The empty companies sheet: .xlsx when the name says so, else CSV with a BOM (Excel reads it as UTF-8)."""
    import csv
    import io

    from desktop_app.cli.batch_sheet import template_rows
    from desktop_app.fileio import WriteError, atomic_write_bytes, unique_path

    rows = template_rows()
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "企业名单"
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        data = buffer.getvalue()
    else:
        text = io.StringIO()
        csv.writer(text, lineterminator="\r\n").writerows(rows)
        data = text.getvalue().encode("utf-8-sig")
    try:
        written = atomic_write_bytes(unique_path(path), data)
    except WriteError as exc:
        raise CliError(exc.message, code=1) from None
    print(MESSAGES["batch_template_written"].format(path=written, columns=len(rows[0])))
    return 0
