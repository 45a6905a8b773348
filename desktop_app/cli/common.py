"""What every sub-command shares: Chinese argument errors, --as-of, --pack, profile loading, output."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from desktop_app.cli.messages import MESSAGES
from desktop_app.errors import UserError

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.profile import EnterpriseProfile


class CliError(UserError):
    """Bad input: printed as one Chinese line; exit code 2 unless said otherwise. Nothing is written."""

    def __init__(self, message: str, *, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"错误：命令参数不正确（{message}）。运行 {self.prog} --help 查看用法。\n")


def parse_as_of(text: str | None) -> dt.date:
    """--as-of: a date between 2000 and 2100; default today."""
    if text is None:
        return dt.date.today()
    try:
        value = dt.date.fromisoformat(text)
    except ValueError:
        raise CliError(MESSAGES["bad_as_of"].format(text=text)) from None
    if not (dt.date(2000, 1, 1) <= value <= dt.date(2100, 12, 31)):
        raise CliError(MESSAGES["as_of_range"].format(text=text))
    return value


def add_as_of(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as-of", metavar="YYYY-MM-DD", help="参考日期（默认今天）；政策是否过期依此判断")


def add_packs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--pack",
        metavar="FILE",
        action="append",
        default=[],
        type=Path,
        help="额外加载的政策包（YAML），可重复",
    )


def load_profile_or_exit(path: Path) -> EnterpriseProfile:
    from desktop_app.domain.profile import ProfileError, region_notice
    from desktop_app.domain.profile_io import load_profile

    try:
        profile = load_profile(path)
    except ProfileError as exc:
        raise CliError(f"{path}：{exc.message}") from None
    notice = region_notice(profile)
    if notice:
        warn(notice)
    return profile


def load_catalog_for(args: argparse.Namespace) -> Catalog:
    """Load shipped + --pack packs; report broken ones on stderr and go on with the rest."""
    from desktop_app.domain.catalog import load_catalog

    catalog = load_catalog(args.pack)
    given = {Path(path).name for path in args.pack}
    own = [problem for problem in catalog.problems if problem.file in given]
    if own:  # a pack the user named that cannot be used is bad input, not a warning
        raise CliError(MESSAGES["pack_not_loaded"].format(problem=own[0], count=len(own), file=own[0].file))
    for problem in catalog.problems:
        warn(f"政策包未加载：{problem}")
    return catalog


def check_own_templates(templates_dir: Path | None) -> None:
    """The user's own templates (--templates) must pass the checker before anything is written (exit 2)."""
    if templates_dir is None:
        return
    from desktop_app import paths
    from desktop_app.documents.check import check_template
    from desktop_app.documents.context import DocumentKind
    from desktop_app.documents.fill import template_path

    problems = []
    for kind in DocumentKind:
        path = template_path(kind, templates_dir)
        if path.parent.resolve() != paths.templates_dir().resolve():
            problems += check_template(path, kind)
    if problems:
        raise CliError(
            MESSAGES["fill_bad_template"].format(problem=problems[0], count=len(problems), folder=templates_dir)
        )


def warn(text: str) -> None:
    print(text, file=sys.stderr)


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit(text: str, width: int) -> str:
    """Cut or pad ``text`` to exactly ``width`` terminal columns."""
    out: list[str] = []
    used = 0
    for ch in text:
        w = display_width(ch)
        if used + w > width:
            if out and used + 1 > width - 1:
                while out and used > width - 1:
                    used -= display_width(out.pop())
            out.append("…")
            used += 1
            break
        out.append(ch)
        used += w
    return "".join(out) + " " * max(width - used, 0)


def add_contacts(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--contacts",
        type=Path,
        metavar="FILE",
        help="联系电话表（JSON，与桌面向导“设置”中的表相同）：为原文未载电话的责任单位填写电话，文书中标明为自填",
    )


def read_contacts_or_exit(path: Path | None) -> dict[str, str] | None:
    """--contacts: read before anything is written; a bad file is bad input (exit 2)."""
    if path is None:
        return None
    from desktop_app.contacts import ContactsError, read_contacts

    try:
        return read_contacts(path)
    except ContactsError as exc:
        raise CliError(exc.message) from None
