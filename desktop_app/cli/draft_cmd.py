"""`policy-assistant draft-pack`: draft a policy pack (every measure marked review: draft) from a document."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.common import CliError, warn
from desktop_app.cli.messages import MESSAGES


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("document", type=Path, metavar="DOCUMENT", help="政策文件：.txt、.docx 或带文字层的 .pdf")
    parser.add_argument("--district", required=True, help="适用的区：qingpu / jiading / baoshan / jinshan")
    parser.add_argument("--id", required=True, dest="pack_id", help="政策包编号“区-年份”，例如 qingpu-2024")
    parser.add_argument("--out", required=True, type=Path, metavar="DRAFT.yaml", help="写出的政策包草稿")
    parser.add_argument("--force", action="store_true", help="覆盖已有的 --out 文件（原文件保存为 .bak）")


def run(name: str, args: argparse.Namespace) -> int:
    from desktop_app import fileio
    from desktop_app.domain.catalog import PackError, parse_pack
    from desktop_app.drafting import DocumentError, DraftError, draft_pack, source_name_for, write_draft

    out: Path = args.out
    if out.is_dir():
        raise CliError(MESSAGES["draft_out_dir"].format(path=out))
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise CliError(MESSAGES["draft_out_suffix"].format(path=out))
    if out.exists() and not args.force:
        raise CliError(MESSAGES["draft_out_exists"].format(path=out))
    try:
        result = draft_pack(
            args.document, district=args.district, pack_id=args.pack_id, source_name=source_name_for(out)
        )
    except (DocumentError, DraftError) as exc:
        raise CliError(str(exc)) from None
    if not result.measures:
        raise CliError(MESSAGES["draft_none_found"].format(path=args.document))
    problems: list[str] = []
    try:
        parse_pack(result.yaml_text, name=out.name)
    except PackError as exc:
        problems = [str(p) for p in exc.problems]
    try:
        if out.exists():
            fileio.atomic_write_bytes(out.with_name(out.name + ".bak"), out.read_bytes())
        write_draft(result, out)
    except fileio.WriteError as exc:
        raise CliError(exc.message, code=1) from None
    amounts = sum(1 for m in result.measures if m.data["amount"]["kind"] != "none")
    print(
        MESSAGES["draft_written"].format(
            count=len(result.measures), amounts=amounts, path=out, source=out.with_name(result.source_name)
        )
    )
    if problems:
        warn(MESSAGES["draft_check_failed"])
        for problem in problems:
            warn(problem)
        return 1
    print(MESSAGES["draft_check_hint"].format(path=out))
    return 0
