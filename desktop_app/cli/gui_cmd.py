"""`policy-assistant gui`: open the desktop wizard (also the default with no arguments).

Qt is imported inside run(): the CLI imports every command module to build its parser.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop_app.cli.common import CliError, add_as_of, parse_as_of


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", type=Path, metavar="P.json", help="启动时打开的企业档案")
    add_as_of(parser)
    parser.add_argument(
        "--screenshots",
        type=Path,
        metavar="DIR",
        help="按 --profile 填好各页，每页保存一张 PNG 截图到 DIR 后退出（用于说明文档）",
    )
    parser.add_argument(
        "--exit-after-show",
        action="store_true",
        help="显示第一页后立即退出（用于测量启动时间）",
    )


def run(name: str, args: argparse.Namespace) -> int:
    as_of = parse_as_of(args.as_of) if args.as_of else None
    if args.profile is not None and not args.profile.is_file():
        raise CliError(f"找不到企业档案文件：{args.profile}。请检查路径。")
    if args.screenshots is not None and args.screenshots.exists() and not args.screenshots.is_dir():
        raise CliError(f"截图目录 {args.screenshots} 已存在且不是文件夹，请换一个路径。")
    from desktop_app.ui.app import run as run_gui

    return run_gui(
        profile=args.profile,
        as_of=as_of,
        screenshots=args.screenshots,
        exit_after_show=args.exit_after_show,
    )
