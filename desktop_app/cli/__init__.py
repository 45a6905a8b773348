"""The command line `policy-assistant`: one sub-command per job; each module is imported only when used."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from desktop_app import __version__
from desktop_app.cli.common import ChineseArgumentParser, CliError

#: sub-command -> (module, one-line Chinese help). Each module defines add_arguments(parser) and run(args).
COMMANDS: dict[str, tuple[str, str]] = {
    "catalog": ("desktop_app.cli.catalog_cmd", "列出全部政策措施；--check 校验政策包"),
    "match": ("desktop_app.cli.match_cmd", "按企业档案匹配全部措施：状态、金额、渠道、电话"),
    "explain": ("desktop_app.cli.explain_cmd", "逐条解释某项措施的判断过程和金额计算"),
    "questions": ("desktop_app.cli.explain_cmd", "列出尚未回答、仍可能改变结果的问题"),
    "schema": ("desktop_app.cli.explain_cmd", "输出企业档案的 JSON Schema（含中文标题）"),
    "fill": ("desktop_app.cli.fill_cmd", "为符合条件的措施生成申请书、指引、告知书和体检报告"),
    "templates": ("desktop_app.cli.fill_cmd", "检查文书模板（--check）"),
    "batch": ("desktop_app.cli.batch_cmd", "批量处理多家企业（CSV 或 Excel）"),
    "workspace": ("desktop_app.cli.workspace_cmd", "企业台账：登记企业、跟踪申报进度、截止提醒、批量生成"),
    "draft-pack": ("desktop_app.cli.draft_cmd", "从政策文件（.txt/.docx/.pdf）起草政策包草稿，供人工审核"),
    "gui": ("desktop_app.cli.gui_cmd", "打开桌面向导（默认）"),
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser; with ``only``, just that sub-command (the wizard starts faster without the others)."""
    parser = ChineseArgumentParser(
        prog="policy-assistant",
        description="惠企政策申报助手：匹配上海青浦、嘉定、宝山、金山区惠企政策并生成申请文书。",
    )
    parser.add_argument("--version", action="version", version=f"惠企政策申报助手 {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="命令", parser_class=ChineseArgumentParser)
    for name, (module_name, help_text) in COMMANDS.items():
        if only is not None and name != only:
            continue
        command = sub.add_parser(name, help=help_text, description=help_text)
        module = importlib.import_module(module_name)
        module.add_arguments(name, command)
        command.set_defaults(_module=module_name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; with no arguments, open the wizard."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list:
        args_list = ["gui"]
    # `gui` is started many times a day: parse it without importing every other command (issue 7).
    parser = build_parser(only="gui" if args_list[0] == "gui" else None)
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return 2
    module = importlib.import_module(args._module)
    try:
        return int(module.run(args.command, args) or 0)
    except CliError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`policy-assistant catalog | head`): stop quietly, as other tools do.
        # Point stdout at devnull so Python's own flush at exit does not raise a second time.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except Exception as exc:  # the questionnaire is data: one that drifted from the profile is bad input
        questionnaire = sys.modules.get("desktop_app.domain.questionnaire")  # only loaded if a command used it
        if questionnaire is None or not isinstance(exc, questionnaire.QuestionnaireError):
            raise
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2


def gui_main() -> int:
    """Entry point of the windowed `policy-assistant-gui` (no console on Windows)."""
    return main(["gui", *sys.argv[1:]])
