"""`policy-assistant draft-pack`: draft a policy pack (every measure marked review: draft) from a document."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.common import CliError, warn

#: This command's lines (kept beside it: the shared catalogue in messages.py belongs to the other commands).
DRAFT_MESSAGES = {
    "out_exists": "--out {path} 已存在：换一个文件名，或加 --force 覆盖（原文件会保存为 {path}.bak）",
    "out_suffix": "--out {path} 应为 .yaml 文件，例如 --out 草稿.yaml",
    "out_dir": "--out {path} 是一个文件夹，请给出 .yaml 文件名，例如 {path}/草稿.yaml",
    "written": "已起草 {count} 项措施（{amounts} 项识别出金额），写入 {path}；原文文字保存为 {source}",
    "none_found": "{path} 中没有找到写明对企业扶持的编号条款，未写出草稿：请确认文件是政策文件正文",
    "check_hint": "请逐项审核（review: draft → reviewed），再运行 policy-assistant catalog --check --pack {path}",
    "check_failed": "草稿未通过政策包校验（请把以下问题报告给开发人员）：",
}


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
        raise CliError(DRAFT_MESSAGES["out_dir"].format(path=out))
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise CliError(DRAFT_MESSAGES["out_suffix"].format(path=out))
    if out.exists() and not args.force:
        raise CliError(DRAFT_MESSAGES["out_exists"].format(path=out))
    try:
        result = draft_pack(
            args.document, district=args.district, pack_id=args.pack_id, source_name=source_name_for(out)
        )
    except (DocumentError, DraftError) as exc:
        raise CliError(str(exc)) from None
    if not result.measures:
        raise CliError(DRAFT_MESSAGES["none_found"].format(path=args.document))
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
        DRAFT_MESSAGES["written"].format(
            count=len(result.measures), amounts=amounts, path=out, source=out.with_name(result.source_name)
        )
    )
    if problems:
        warn(DRAFT_MESSAGES["check_failed"])
        for problem in problems:
            warn(problem)
        return 1
    print(DRAFT_MESSAGES["check_hint"].format(path=out))
    return 0
