"""`policy-assistant workspace`: the service center's registry of enterprises, its ledger and deadlines.

ENTERPRISE is the number `workspace list` shows, a credit code, or an exact name. Bad input exits 2 and
writes nothing; `check` exits 1 when it finds a problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.common import (
    ChineseArgumentParser,
    CliError,
    add_as_of,
    add_packs,
    load_catalog_for,
    parse_as_of,
    warn,
)
from desktop_app.cli.workspace_views import (
    cmd_deadlines,
    cmd_history,
    cmd_list,
    cmd_show,
    jobs_or_default,
    refresh_stale,
)

if TYPE_CHECKING:
    from desktop_app.workspace import Workspace

SUBCOMMANDS = {
    "import": "从企业名单（.xlsx / .csv，与 batch 相同）添加或更新企业",
    "list": "列出台账中的企业：符合条件的措施、金额、最近截止日期和申报进度",
    "show": "显示一家企业的档案、匹配结果和申报记录",
    "export-profile": "把一家企业的档案导出为 .json 文件",
    "add-profile": "把一个企业档案（.json）加入台账",
    "ledger": "记录一项措施的申报进展（待申报、已提交、已受理、已兑现、未通过、放弃）",
    "history": "显示一家企业（或其一项措施）的全部申报记录",
    "deadlines": "截止提醒：即将到期、仍可申报的措施",
    "rematch": "政策目录变化后，重新匹配台账中的全部企业",
    "generate": "为选定企业批量生成文书，并在台账中记为“待申报”",
    "export": "把企业台账、申报记录和汇总导出为 .xlsx",
    "backup": "备份台账文件（SQLite 在线备份）",
    "check": "检查台账文件是否完好",
}


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", type=Path, metavar="FILE", help="台账文件（默认在用户数据目录中的 workspace.sqlite）")
    sub = parser.add_subparsers(dest="ws_command", metavar="子命令", parser_class=ChineseArgumentParser)
    parsers = {key: sub.add_parser(key, help=text, description=text) for key, text in SUBCOMMANDS.items()}
    p = parsers["import"]
    p.add_argument("sheet", type=Path, metavar="SHEET", help="企业名单（.xlsx 或 .csv），表头与 batch 相同")
    p.add_argument("--no-match", action="store_true", help="只登记企业，暂不匹配（之后 list 等命令会自动补上）")
    _add_match_options(p)
    p = parsers["list"]
    p.add_argument("--json", action="store_true", help='输出 JSON：{"enterprises": [...]}')
    p.add_argument("--district", metavar="D", help="只列出该区（如 金山区 或 jinshan）")
    p.add_argument("--search", metavar="TEXT", help="企业名称包含该文字，或信用代码以它开头")
    _add_match_options(p)
    p = parsers["show"]
    p.add_argument("enterprise", metavar="ENTERPRISE", help="编号、信用代码或完整的企业名称")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _add_match_options(p)
    p = parsers["export-profile"]
    p.add_argument("enterprise", metavar="ENTERPRISE")
    p.add_argument("file", type=Path, metavar="FILE", help="导出的档案文件（.json）；同名文件不覆盖，另起名")
    p = parsers["add-profile"]
    p.add_argument("file", type=Path, metavar="FILE", help="企业档案（.json）")
    p = parsers["ledger"]
    p.add_argument("enterprise", metavar="ENTERPRISE")
    p.add_argument("measure", metavar="MEASURE", help="措施编号，如 jinshan-2023-11")
    p.add_argument("--status", required=True, metavar="S", help="待申报、已提交、已受理、已兑现、未通过 或 放弃")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="发生日期（默认今天）")
    p.add_argument("--amount", metavar="N", help="实际到账金额（元），只与“已兑现”一起填写")
    p.add_argument("--note", metavar="TEXT", help="备注；更正已有记录时写明原因")
    p.add_argument("--who", metavar="NAME", help="经办人（默认当前系统用户）")
    add_packs(p)
    p = parsers["history"]
    p.add_argument("enterprise", metavar="ENTERPRISE")
    p.add_argument("measure", nargs="?", metavar="MEASURE")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p = parsers["deadlines"]
    p.add_argument("--within", type=int, default=30, metavar="DAYS", help="多少天内截止（默认 30）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    _add_match_options(p)
    p = parsers["rematch"]
    _add_match_options(p)
    p = parsers["generate"]
    p.add_argument("--only", nargs="+", metavar="ENTERPRISE", help="只为这些企业生成（默认全部）")
    p.add_argument("--out", type=Path, metavar="DIR", help="输出文件夹：每家企业一个子文件夹")
    p.add_argument("--pdf", action="store_true", help="同时生成 PDF")
    _add_match_options(p)
    p = parsers["export"]
    p.add_argument("file", type=Path, metavar="FILE.xlsx")
    _add_match_options(p)
    parsers["backup"].add_argument("file", type=Path, metavar="FILE", help="备份文件；同名文件不覆盖，另起名")


def _add_match_options(parser: argparse.ArgumentParser) -> None:
    add_as_of(parser)
    add_packs(parser)
    parser.add_argument("--jobs", type=_jobs, metavar="N", help="匹配和生成文书的并行进程数（默认：CPU 核数）")


def _jobs(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"--jobs {text} 不正确，应为 1 到 256 之间的整数")
    return int(text)


def run(name: str, args: argparse.Namespace) -> int:
    from desktop_app.workspace import Workspace, WorkspaceError

    if args.ws_command is None:
        raise CliError(
            "请给出子命令，例如 policy-assistant workspace list。运行 policy-assistant workspace --help 查看全部"
        )
    handler = _handlers()[args.ws_command]
    try:
        _check_inputs(args)
        with Workspace.open(args.db) as ws:
            return int(handler(ws, args) or 0)
    except WorkspaceError as exc:
        raise CliError(exc.message) from None


def _handlers() -> dict[str, Callable[[Workspace, argparse.Namespace], int]]:
    """Each sub-command's function (the read-only ones live in workspace_views.py)."""
    return {
        "import": _cmd_import,
        "list": cmd_list,
        "show": cmd_show,
        "export-profile": _cmd_export_profile,
        "add-profile": _cmd_add_profile,
        "ledger": _cmd_ledger,
        "history": cmd_history,
        "deadlines": cmd_deadlines,
        "rematch": _cmd_rematch,
        "generate": _cmd_generate,
        "export": _cmd_export,
        "backup": _cmd_backup,
        "check": _cmd_check,
    }


def _check_inputs(args: argparse.Namespace) -> None:
    """Everything that can be refused before the workspace file is opened (or created)."""
    if args.db is not None and not args.db.exists() and args.ws_command not in ("import", "add-profile"):
        raise CliError(
            f"找不到台账文件 --db {args.db}：请检查文件名；新台账请先用 workspace import 或 add-profile 登记企业"
        )
    for pack in getattr(args, "pack", None) or ():
        if not pack.is_file():
            raise CliError(f"找不到政策包文件 --pack {pack}")
    if getattr(args, "as_of", None) is not None:
        parse_as_of(args.as_of)
    if args.ws_command == "import" and not args.sheet.is_file():
        raise CliError(f"找不到企业名单文件：{args.sheet}")
    if args.ws_command == "export" and args.file.suffix.lower() != ".xlsx":
        raise CliError(f"导出文件 {args.file} 应以 .xlsx 结尾，例如 企业台账.xlsx")
    if args.ws_command == "deadlines" and not 0 <= args.within <= 3660:
        raise CliError(f"--within {args.within} 不正确，应为 0 到 3660 之间的天数")
    if args.ws_command == "generate" and args.out is None:
        raise CliError("请用 --out 指定输出文件夹，例如 --out 批量文书")


# --- sub-commands ----------------------------------------------------------------------------------------


def _cmd_import(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace.importer import import_sheet

    as_of = parse_as_of(args.as_of)
    report = import_sheet(ws, path=args.sheet, progress=lambda done, total: warn(f"已读入 {done}/{total} 行"))
    for warning in report.warnings:
        warn(warning)
    for rejected in report.rejected:
        who = f"（{rejected.name}）" if rejected.name else ""
        warn(f"第 {rejected.number} 行{who}：{rejected.error}。已跳过该行，其余企业照常导入")
    if not args.no_match:
        refresh_stale(ws, args, as_of)
    print(
        f"导入完成：新增 {len(report.added)} 家，更新 {len(report.updated)} 家，未变化 {len(report.unchanged)} 家，"
        f"有误 {len(report.rejected)} 行。台账中共 {ws.count()} 家企业：{ws.path}"
    )
    return 1 if report.rejected else 0


def _cmd_export_profile(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.domain.profile_io import save_profile
    from desktop_app.fileio import WriteError, unique_path

    enterprise = ws.resolve(args.enterprise)
    try:
        written = save_profile(unique_path(args.file), enterprise.profile)
    except WriteError as exc:
        raise CliError(exc.message, code=1) from None
    print(f"已导出 [{enterprise.id}] {enterprise.display_name} 的档案：{written}")
    return 0


def _cmd_add_profile(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.cli.common import load_profile_or_exit

    profile = load_profile_or_exit(args.file)
    enterprise_id, outcome = ws.add_profile(profile=profile)
    said = {"added": "已加入台账", "updated": "已更新台账中的档案", "unchanged": "台账中的档案与文件相同，未变化"}
    print(f"{said[outcome]}：[{enterprise_id}] {profile.name or profile.credit_code}")
    return 0


def _cmd_ledger(ws: Workspace, args: argparse.Namespace) -> int:
    import datetime as dt

    from desktop_app.workspace import LedgerState, ledger

    enterprise = ws.resolve(args.enterprise)
    state = LedgerState.parse(args.status)
    try:
        day = dt.date.fromisoformat(args.date) if args.date else None
    except ValueError:
        raise CliError(f"--date {args.date} 格式不正确，应为 YYYY-MM-DD，例如 2023-06-01") from None
    amount = ledger.parse_amount(args.amount)
    catalog = load_catalog_for(args)
    if catalog.get(args.measure) is None:
        raise CliError(f"找不到措施 {args.measure}。运行 policy-assistant catalog 查看全部措施编号")
    event = ledger.record(
        ws, enterprise_id=enterprise.id, measure_id=args.measure, state=state, date=day, amount=amount,
        note=args.note, who=args.who,
    )  # fmt: skip
    paid = f"，到账 {event.amount} 元" if event.amount is not None else ""
    print(f"已记录：[{enterprise.id}] {enterprise.display_name} · {args.measure}：{state.value}（{event.date}{paid}）")
    return 0


def _cmd_rematch(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace import rematch

    as_of = parse_as_of(args.as_of)
    catalog = load_catalog_for(args)
    count = rematch.refresh(ws, as_of=as_of, packs=args.pack, jobs=jobs_or_default(args), catalog=catalog)
    print(f"已重新匹配 {count} 家企业（参考日期 {as_of.isoformat()}）；其余企业的结果仍然有效。")
    return 0


def _cmd_generate(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.cli.batch_cmd import Progress
    from desktop_app.workspace.generate import generate

    as_of = parse_as_of(args.as_of)
    chosen = [ws.resolve(key).id for key in args.only] if args.only else ws.search_ids()
    catalog = load_catalog_for(args)
    jobs = min(jobs_or_default(args), max(len(chosen), 1))
    warn(f"开始为 {len(chosen)} 家企业生成文书（{jobs} 个进程），输出到 {args.out}")
    bar = Progress(len(chosen))
    try:
        result = generate(
            ws, enterprise_ids=chosen, out=args.out, as_of=as_of, catalog=catalog, packs=args.pack, pdf=args.pdf,
            jobs=jobs, progress=lambda done, total, label: bar.update(done),
        )  # fmt: skip
    finally:
        bar.close()
    for outcome in result.failed:
        warn(f"[{outcome.number}] {outcome.name or ''}：{outcome.error}")
    for enterprise_id, measure_id, state in result.kept:
        warn(f"[{enterprise_id}] {measure_id} 已是“{state.value}”，台账状态保持不变（文书已重新生成）")
    print(
        f"完成：{len(result.outcomes) - len(result.failed)} 家企业已生成文书，{len(result.failed)} 家失败；"
        f"台账新记 {result.recorded} 项“待申报”。汇总表：{result.summary_path}"
    )
    return 1 if result.failed else 0


def _cmd_export(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.fileio import WriteError
    from desktop_app.workspace.export import write_export

    as_of = parse_as_of(args.as_of)
    digest = refresh_stale(ws, args, as_of)
    try:
        written = write_export(ws, path=args.file, as_of=as_of, catalog_hash=digest, catalog=load_catalog_for(args))
    except WriteError as exc:
        raise CliError(exc.message, code=1) from None
    print(f"已导出企业台账、申报记录和汇总：{written}")
    return 0


def _cmd_backup(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace.maintenance import backup

    written = backup(ws, target=args.file)
    print(f"已备份台账（{ws.count()} 家企业）：{written}")
    return 0


def _cmd_check(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace.maintenance import check

    report = check(ws)
    if report.ok:
        print(
            f"台账文件完好：{ws.path}（格式版本 {report.version}，"
            f"{report.enterprises} 家企业，{report.events} 条申报记录）"
        )
        return 0
    print(f"台账文件 {ws.path} 有 {len(report.problems)} 个问题：", file=sys.stderr)
    for problem in report.problems:
        print(f"  - {problem}", file=sys.stderr)
    print("请用 workspace backup 留存的备份恢复，或把文件交给技术人员检查。", file=sys.stderr)
    return 1
