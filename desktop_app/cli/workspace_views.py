"""The read-only `workspace` sub-commands (list, show, history, deadlines) and what every sub-command shares:
matching what is stale before reading, the number of processes, JSON output."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from desktop_app.cli.common import CliError, fit, load_catalog_for, parse_as_of, warn

if TYPE_CHECKING:
    import datetime as dt

    from desktop_app.workspace import Workspace


def refresh_stale(ws: Workspace, args: argparse.Namespace, as_of: dt.date) -> str:
    """Match whatever is stale for ``as_of``; return the catalog hash the summaries are keyed by."""
    from desktop_app.workspace import rematch, summary

    digest = summary.catalog_hash(args.pack)
    if summary.stale(ws, as_of=as_of, catalog_hash=digest):
        catalog = load_catalog_for(args)
        todo = len(summary.stale(ws, as_of=as_of, catalog_hash=digest))
        warn(f"正在匹配 {todo} 家企业（参考日期 {as_of.isoformat()}）…")
        rematch.refresh(ws, as_of=as_of, packs=args.pack, jobs=jobs_or_default(args), catalog=catalog)
    return digest


def jobs_or_default(args: argparse.Namespace) -> int:
    import os

    return int(args.jobs or os.cpu_count() or 1)


def print_json(data: Any) -> None:
    """Indented for a person at a terminal; compact (and several times faster) into a pipe or file."""
    print(json.dumps(data, ensure_ascii=False, indent=2 if sys.stdout.isatty() else None))


def _district(text: str | None) -> str | None:
    if text is None:
        return None
    from desktop_app.domain.profile import DISTRICT_LABELS

    for value, label in DISTRICT_LABELS.items():
        if text.strip() in (value, label, label.removesuffix("区")):
            return value
    raise CliError(f"--district {text} 不是可选的区：可选 {'、'.join(DISTRICT_LABELS.values())}")


def cmd_list(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace import ledger, serialize, summary

    district = _district(args.district)
    as_of = parse_as_of(args.as_of)
    digest = refresh_stale(ws, args, as_of)
    table = summary.rows(ws, as_of=as_of, catalog_hash=digest, text=args.search, district=district)
    if args.json:
        print_json({"as_of": as_of.isoformat(), "enterprises": [serialize.row_dict(r) for r in table]})
        return 0
    statuses = sorted(summary.open_statuses(), key=["eligible", "needs_check", "needs_info"].index)
    labels = [serialize.status_label(s) for s in statuses]
    print(
        f"{fit('编号', 6)}{fit('企业名称', 30)}{fit('统一社会信用代码', 20)}{fit('所在区', 8)}"
        + "".join(fit(label, 12) for label in labels)
        + f"{fit('符合条件金额', 24)}{fit('最近截止', 12)}申报进度"
    )
    for r in table:
        s = r.summary
        counts = "".join(fit(str(s.counts.get(st, 0)) if s else "—", 12) for st in statuses)
        deadline = s.nearest_deadline.isoformat() if s and s.nearest_deadline else "—"
        print(
            f"{fit(str(r.id), 6)}{fit(r.name or '（未填写名称）', 30)}{fit(r.credit_code or '—', 20)}"
            f"{fit(serialize.district_label(r.district), 8)}{counts}{fit(serialize.amount_text(s), 24)}"
            f"{fit(deadline, 12)}{ledger.format_progress(r.ledger)}"
        )
    print(f"共 {len(table)} 家企业（参考日期 {as_of.isoformat()}）")
    return 0


def cmd_show(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace import ledger, serialize, summary

    enterprise = ws.resolve(args.enterprise)
    as_of = parse_as_of(args.as_of)
    digest = refresh_stale(ws, args, as_of)
    row = next(
        r for r in summary.rows(ws, as_of=as_of, catalog_hash=digest, with_measures=True) if r.id == enterprise.id
    )
    states = ledger.current(ws, enterprise_id=enterprise.id)
    if args.json:
        print_json(
            {
                "enterprise": serialize.enterprise_dict(enterprise),
                "summary": serialize.summary_dict(row.summary, measures=True),
                "ledger": [serialize.event_dict(e) for e in states.values()],
            }
        )
        return 0
    print(f"[{enterprise.id}] {enterprise.display_name}")
    print(
        f"统一社会信用代码：{enterprise.credit_code or '（未填写）'}    "
        f"所在区：{serialize.district_label(enterprise.district)}"
    )
    s = row.summary
    if s is not None:
        counts = "，".join(f"{serialize.status_label(k)} {v} 项" for k, v in s.counts.items() if v)
        print(f"参考日期 {as_of.isoformat()}：{counts}；符合条件金额 {serialize.amount_text(s)}")
        for m in s.measures:
            state = states.get(m.measure_id)
            print(
                f"  {fit(m.measure_id, 22)}{fit(serialize.status_label(m.status), 12)}{fit(m.title, 36)}"
                f"截止 {m.valid_until.isoformat()}  {state.state.value if state else '—'}"
            )
    extra = sorted(set(states) - {m.measure_id for m in (s.measures if s else ())})
    for measure_id in extra:
        print(f"  {fit(measure_id, 22)}{fit('（已不在可申报之列）', 48)}{states[measure_id].state.value}")
    return 0


def cmd_history(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace import ledger, serialize

    enterprise = ws.resolve(args.enterprise)
    events = ledger.history(ws, enterprise_id=enterprise.id, measure_id=args.measure)
    if args.json:
        print_json({"enterprise": enterprise.id, "events": [serialize.event_dict(e) for e in events]})
        return 0
    if not events:
        print(f"[{enterprise.id}] {enterprise.display_name} 还没有申报记录。")
        return 0
    for e in events:
        amount = f"  到账 {e.amount} 元" if e.amount is not None else ""
        note = f"  备注：{e.note}" if e.note else ""
        files = f"  文件 {len(e.files)} 份" if e.files else ""
        print(f"{e.date}  {fit(e.measure_id, 22)}{fit(e.state.value, 8)}{e.who}{amount}{files}{note}")
    return 0


def cmd_deadlines(ws: Workspace, args: argparse.Namespace) -> int:
    from desktop_app.workspace import serialize, summary

    as_of = parse_as_of(args.as_of)
    digest = refresh_stale(ws, args, as_of)
    found = summary.deadlines(ws, as_of=as_of, catalog_hash=digest, within=args.within)
    if args.json:
        print_json(
            {
                "as_of": as_of.isoformat(),
                "within": args.within,
                "deadlines": [serialize.deadline_dict(d) for d in found],
            }
        )
        return 0
    if not found:
        print(f"{args.within} 天内（自 {as_of.isoformat()} 起）没有到期的可申报措施。")
        return 0
    for d in found:
        state = d.ledger_state.value if d.ledger_state else "未记录"
        print(
            f"{d.measure.valid_until}（{d.days_left} 天）  [{d.enterprise_id}] {fit(d.enterprise_name, 28)}"
            f"{fit(d.measure.measure_id, 22)}{fit(serialize.status_label(d.measure.status), 12)}{state}"
        )
    print(f"共 {len(found)} 项将在 {args.within} 天内截止（参考日期 {as_of.isoformat()}）")
    return 0
