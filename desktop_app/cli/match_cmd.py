"""`policy-assistant match`: every measure's status, amount, channel and phone, as a table or JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.cli.common import add_as_of, add_packs, fit, load_catalog_for, load_profile_or_exit, parse_as_of

if TYPE_CHECKING:
    from desktop_app.domain.matching import MatchReport

COLUMNS = (("状态", 10), ("编号", 18), ("措施", 26), ("金额", 20), ("电话", 18))


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    parser.add_argument("profile", type=Path, metavar="PROFILE.json", help="企业档案文件")
    add_as_of(parser)
    add_packs(parser)
    parser.add_argument("--json", action="store_true", help="以 JSON 输出（格式见 docs/cli.md）")
    parser.add_argument("--all", action="store_true", help="也列出其他区和面向个人的措施")


def run(name: str, args: argparse.Namespace) -> int:
    from desktop_app.domain.matching import match
    from desktop_app.domain.serialize import report_dict

    as_of = parse_as_of(args.as_of)
    profile = load_profile_or_exit(args.profile)
    catalog = load_catalog_for(args)
    report = match(profile, catalog, as_of=as_of)
    if args.json:
        print(json.dumps(report_dict(report), ensure_ascii=False, indent=2))
        return 0
    print_table(report, show_all=args.all)
    return 0


def print_table(report: MatchReport, *, show_all: bool = False) -> None:
    from desktop_app.domain.amounts import format_range
    from desktop_app.domain.phones import resolve_contact
    from desktop_app.domain.status import CHANNEL_HEADINGS, STATUS_ORDER, Status

    profile = report.profile
    print(f"{profile.name or '（未填写企业名称）'}  {profile.district_label()}  参考日期 {report.as_of.isoformat()}")
    hidden = 0
    for kind, heading in CHANNEL_HEADINGS:
        rows = [r for r in report.results if r.measure.channel.kind is kind]
        shown = [r for r in rows if show_all or r.status is not Status.not_applicable]
        hidden += len(rows) - len(shown)
        if not shown:
            continue
        shown.sort(key=lambda r: (r.status.rank, r.measure.id))
        print(f"\n【{heading}】")
        print(" ".join(fit(t, w) for t, w in COLUMNS).rstrip())
        for r in shown:
            phone = resolve_contact(r.measure, r.pack.district).phone_text
            cells = (r.status.label, r.measure.id, r.measure.title, r.amount_text, phone)
            print(" ".join(fit(c, w) for c, (_, w) in zip(cells, COLUMNS, strict=True)).rstrip())
    counts = report.counts()
    low, high = report.total()
    print()
    print("统计：" + "，".join(f"{s.label} {counts[s]} 项" for s in STATUS_ORDER if counts[s]))
    print(f"符合条件的金额合计：{format_range(low, high) if counts[Status.eligible] else '0元'}")
    if hidden:
        print(f"另有 {hidden} 项措施适用于其他区或面向个人，未列出（加 --all 显示）。")
    if counts[Status.needs_check]:
        print("待核实的措施有一项条件只能由受理部门确认（运行 policy-assistant explain 查看），确认后再申请。")
    if counts[Status.needs_info]:
        print("运行 policy-assistant questions 档案文件，查看还需回答的问题。")
