"""`policy-assistant catalog`: list measures, print them as JSON, or check the packs."""

from __future__ import annotations

import argparse
import json

from desktop_app.cli.common import CliError, add_packs, fit, warn
from desktop_app.cli.messages import MESSAGES


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    add_packs(parser)
    parser.add_argument("--json", action="store_true", help='以 JSON 输出 {"measures": [...]}')
    parser.add_argument("--check", action="store_true", help="校验全部政策包；有问题时退出码为 2")


def run(name: str, args: argparse.Namespace) -> int:
    from desktop_app.domain.amounts import describe_rule
    from desktop_app.domain.catalog import check_sources, load_catalog
    from desktop_app.domain.dry_run import dry_run_problems
    from desktop_app.domain.profile import DISTRICT_LABELS
    from desktop_app.domain.serialize import measure_dict

    catalog = load_catalog(args.pack)
    if args.check:
        problems = catalog.problems + check_sources(catalog) + dry_run_problems(catalog)
        for problem in problems:
            print(problem)
        if problems:
            raise CliError(MESSAGES["pack_problems"].format(count=len(problems)))
        print(MESSAGES["pack_ok"].format(packs=len(catalog.packs), measures=len(catalog.measures)))
        return 0
    for problem in catalog.problems:
        warn(f"政策包未加载：{problem}")  # stderr, so that --json output stays parseable
    if args.json:
        print(json.dumps({"measures": [measure_dict(m) for m in catalog.measures]}, ensure_ascii=False, indent=2))
        return 0
    columns = (("编号", 20), ("区", 4), ("措施", 26), ("渠道", 8), ("金额", 20), ("有效期至", 10))
    print(" ".join(fit(title, width) for title, width in columns).rstrip())
    print("-" * (sum(w for _, w in columns) + len(columns) - 1))
    for compiled in catalog.measures:
        m, pack = compiled.measure, compiled.pack
        amount = describe_rule(m.amount)
        _, until = pack.validity_of(m)
        cells = (
            m.id,
            DISTRICT_LABELS[pack.district.value][:2],
            m.title,
            m.channel.kind.value,
            amount,
            until.isoformat(),
        )
        print(" ".join(fit(c, w) for c, (_, w) in zip(cells, columns, strict=True)).rstrip())
    print(f"\n共 {len(catalog.measures)} 项措施，来自 {len(catalog.packs)} 个政策包。")
    return 0
