"""`policy-assistant fill` writes an enterprise's letters and 体检报告; `templates --check` checks the templates.

Everything is validated before the output folder is created: a bad profile, date, measure id,
template folder or template exits with code 2, one Chinese line, and nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop_app.cli import common
from desktop_app.cli.common import CliError
from desktop_app.cli.messages import MESSAGES


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    templates_help = "自备模板文件夹：其中有的模板替换程序自带的同名模板，没有的仍用自带模板"
    if name == "templates":
        parser.add_argument("--check", action="store_true", help="检查模板：标记、变量名和语法；有问题时退出码为 2")
        parser.add_argument("--templates", type=Path, metavar="DIR", help=templates_help)
        return
    parser.add_argument("profile", type=Path, metavar="PROFILE.json", help="企业档案文件")
    parser.add_argument("--out", type=Path, metavar="DIR", required=True, help="输出文件夹（不存在时自动创建）")
    common.add_as_of(parser)
    common.add_packs(parser)
    parser.add_argument("--pdf", action="store_true", help="同时生成 PDF（不需要 Word）")
    parser.add_argument("--measures", metavar="ID,...", help="只为这些措施生成文书（逗号分隔的措施编号）")
    parser.add_argument("--force", action="store_true", help="覆盖同名文件（默认另存为“文件名(2)”）")
    parser.add_argument("--templates", type=Path, metavar="DIR", help=templates_help)
    common.add_contacts(parser)


def run(name: str, args: argparse.Namespace) -> int:
    if name == "templates":
        return run_templates(args)
    return run_fill(args)


def _templates_dir(path: Path | None) -> Path | None:
    """--templates must be a folder; a .docx in it that no kind uses is named, since it will be ignored."""
    if path is None:
        return None
    if not path.is_dir():
        raise CliError(MESSAGES["fill_no_templates"].format(path=path))
    from desktop_app.cli.common import warn
    from desktop_app.documents.context import DocumentKind

    known = {kind.template_name for kind in DocumentKind}
    for extra in sorted(p.name for p in path.glob("*.docx") if p.name not in known and not p.name.startswith("~$")):
        warn(MESSAGES["templates_unused"].format(name=extra, known="、".join(sorted(known))))
    return path


def _measure_ids(text: str | None) -> list[str] | None:
    if text is None:
        return None
    ids = [part.strip() for part in text.replace("，", ",").split(",") if part.strip()]
    if not ids:
        raise CliError(MESSAGES["fill_no_measures"])
    return ids


def run_fill(args: argparse.Namespace) -> int:
    from desktop_app.documents.fill import DocumentError, generate_documents, selected_results
    from desktop_app.documents.preview import PreviewError
    from desktop_app.documents.render import TemplateRenderError
    from desktop_app.domain.matching import match
    from desktop_app.fileio import WriteError

    as_of = common.parse_as_of(args.as_of)
    measure_ids = _measure_ids(args.measures)
    templates_dir = _templates_dir(args.templates)
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise CliError(MESSAGES["fill_out_not_dir"].format(path=out))
    profile = common.load_profile_or_exit(args.profile)
    if not profile.name:
        raise CliError(MESSAGES["fill_no_name"].format(path=args.profile))
    common.check_own_templates(templates_dir)
    contacts = common.read_contacts_or_exit(args.contacts)
    catalog = common.load_catalog_for(args)
    report = match(profile, catalog, as_of=as_of)
    try:
        selected_results(report, measure_ids)
        if args.pdf:
            from desktop_app.documents.preview import ensure_cjk_font

            ensure_cjk_font()
    except (DocumentError, PreviewError) as exc:
        raise CliError(exc.message) from None

    try:
        documents = generate_documents(
            profile=profile,
            report=report,
            out_dir=out,
            measure_ids=measure_ids,
            pdf=args.pdf,
            force=args.force,
            templates_dir=templates_dir,
            user_contacts=contacts,
        )
    except (DocumentError, TemplateRenderError, PreviewError, WriteError) as exc:
        raise CliError(exc.message, code=1) from None

    for document in documents:
        print(MESSAGES["fill_written"].format(kind=document.kind.value, path=document.path))
        if document.pdf_path is not None:
            print(MESSAGES["fill_written"].format(kind="PDF", path=document.pdf_path))
    letters = sum(1 for d in documents if d.measure_id is not None)
    if letters == 0:
        print(MESSAGES["fill_no_eligible"])
        print(MESSAGES["fill_done_report"].format(folder=out))
    else:
        print(MESSAGES["fill_done"].format(letters=letters, folder=out))
    return 0


def run_templates(args: argparse.Namespace) -> int:
    from desktop_app.documents.context import DocumentKind
    from desktop_app.documents.fill import template_path

    templates_dir = _templates_dir(args.templates)
    if not args.check:
        for kind in DocumentKind:
            print(f"{kind.value}：{template_path(kind, templates_dir)}")
        print(MESSAGES["templates_hint"])
        return 0
    from desktop_app.documents.check import check_templates

    problems = check_templates(templates_dir)
    for problem in problems:
        print(f"错误：{problem}", file=sys.stderr)
    if problems:
        print(MESSAGES["templates_failed"].format(count=len(problems)), file=sys.stderr)
        return 2
    print(MESSAGES["templates_ok"].format(count=len(DocumentKind)))
    return 0
