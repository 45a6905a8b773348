"""`policy-assistant batch`: letters and 体检报告 for every company of a sheet, over N processes, plus 汇总.xlsx.

Only the command line lives here (arguments, the terminal progress bar, exit codes); the engine is
:mod:`desktop_app.batch`. Bad input as a whole (missing file, unreadable sheet, unknown columns) stops
before anything is written (exit 2). A bad row is reported with its row number and field and skipped;
every good row is still produced, and the exit code is 1 when some rows failed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import TextIO

from desktop_app.batch import Outcome, Settings, plan_tasks, run_batch
from desktop_app.batch_summary import SUMMARY_NAME, write_summary
from desktop_app.cli.common import (
    CliError,
    add_as_of,
    add_contacts,
    add_packs,
    check_own_templates,
    load_catalog_for,
    parse_as_of,
    read_contacts_or_exit,
    warn,
)
from desktop_app.cli.messages import MESSAGES

TEMPLATE_NAME = "企业名单模板.csv"


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
        "--resume",
        action="store_true",
        help="继续上次在同一 --out 文件夹中被中断的批量处理：已完成的企业不再重新生成",
    )
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
    from desktop_app.cli.batch_sheet import parse_rows
    from desktop_app.sheets import SheetError, read_sheet

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
    check_own_templates(args.templates)
    try:
        sheet = read_sheet(args.sheet)
        rows = list(parse_rows(sheet.rows))
    except SheetError as exc:
        raise CliError(exc.message) from None
    for warning in sheet.warnings:
        warn(f"注意：{warning}")
    if not rows:
        raise CliError(MESSAGES["batch_no_rows"].format(path=args.sheet))

    contacts = read_contacts_or_exit(args.contacts) or {}
    catalog = load_catalog_for(args)
    settings = Settings(as_of, tuple(args.pack), args.templates, args.pdf, tuple(sorted(contacts.items())))

    outcomes: list[Outcome] = []
    for row in rows:
        if row.profile is None:
            warn(MESSAGES["batch_bad_row"].format(number=row.number, error=row.error))
            outcomes.append(Outcome(row.number, row.name, error=row.error))
    tasks = plan_tasks(rows, out)
    jobs = min(args.jobs or os.cpu_count() or 1, max(len(tasks), 1))
    if tasks:
        print(MESSAGES["batch_start"].format(count=len(tasks), jobs=jobs, out=out), file=sys.stderr)
    if args.resume:
        from desktop_app.batch_journal import completed

        print(MESSAGES["batch_resume"].format(count=len(completed(out, tasks, settings))), file=sys.stderr)
    from desktop_app.fileio import WriteError

    bar = Progress(len(tasks))
    try:
        produced = run_batch(
            tasks,
            settings,
            jobs=jobs,
            progress=lambda done, _total, _label: bar.update(done),
            catalog=catalog,
            resume=args.resume,
        )
    except WriteError as exc:
        raise CliError(exc.message, code=1) from None
    except KeyboardInterrupt:
        raise CliError(MESSAGES["batch_interrupted"], code=130) from None
    finally:
        bar.close()
    for outcome in produced:
        if outcome.error:
            warn(MESSAGES["batch_failed_row"].format(number=outcome.number, error=outcome.error))
    outcomes = sorted(outcomes + produced, key=lambda o: o.number)

    try:
        summary = write_summary(out, outcomes)
    except WriteError as exc:
        raise CliError(exc.message, code=1) from None
    failed = [o for o in outcomes if o.error]
    print(MESSAGES["batch_done"].format(done=len(outcomes) - len(failed), failed=len(failed), summary=summary))
    return 1 if failed else 0


def _write_template(path: Path) -> int:
    """The empty companies sheet: .xlsx when the name says so, else CSV with a BOM (Excel reads it as UTF-8)."""
    import csv
    import io

    from desktop_app.cli.batch_sheet import template_rows
    from desktop_app.fileio import WriteError, atomic_write_bytes, unique_path
    from desktop_app.sheets import append_safe_row

    rows = template_rows()
    if path.suffix.lower() == ".xlsx":
        import openpyxl

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "企业名单"
        for row in rows:
            append_safe_row(sheet, row)
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
