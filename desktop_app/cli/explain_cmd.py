"""`explain`, `questions` and `schema`: why a measure came out as it did, and what is left to ask."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.common import (
    CliError,
    add_as_of,
    add_packs,
    load_catalog_for,
    load_profile_or_exit,
    parse_as_of,
)
from desktop_app.cli.messages import MESSAGES

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.profile import EnterpriseProfile

STATE_LABELS = {
    "held": "✔ 满足",
    "failed": "✘ 不满足",
    "unknown": "？ 未回答",
    "check": "△ 待核实",
    "error": "！ 无法判断",
}


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    if name == "schema":
        return
    parser.add_argument("profile", type=Path, metavar="PROFILE.json", help="企业档案文件")
    if name == "explain":
        parser.add_argument("measure_id", metavar="MEASURE_ID", help="措施编号，例如 jinshan-2023-11")
    add_as_of(parser)
    add_packs(parser)
    if name == "questions":
        parser.add_argument("--json", action="store_true", help="以 JSON 输出")


def run(name: str, args: argparse.Namespace) -> int:
    if name == "schema":
        from desktop_app.domain.profile import EnterpriseProfile

        schema = EnterpriseProfile.model_json_schema()
        schema["title"] = "企业档案"
        print(json.dumps(schema, ensure_ascii=False, indent=2))
        return 0
    as_of = parse_as_of(args.as_of)
    profile = load_profile_or_exit(args.profile)
    catalog = load_catalog_for(args)
    if name == "explain":
        return _explain(profile, catalog, args.measure_id, as_of)
    return _questions(profile, catalog, as_of, as_json=args.json)


def _explain(profile: EnterpriseProfile, catalog: Catalog, measure_id: str, as_of: dt.date) -> int:
    from desktop_app.domain.matching import match
    from desktop_app.domain.wording import answer_text

    compiled = catalog.get(measure_id)
    if compiled is None:
        raise CliError(MESSAGES["unknown_measure"].format(measure_id=measure_id))
    # The full evaluation, cross-measure rules included: explain shows exactly what match and the letters show.
    result = match(profile, catalog, as_of=as_of).result_for(measure_id)
    assert result is not None
    from desktop_app.domain.phones import PHONE_SOURCE_NOTES, resolve_contact

    answers = profile.answers()
    m, doc = compiled.measure, compiled.pack.document
    print(f"{m.id}  {m.title}")
    print(f"结论：{result.status.label}    参考日期 {as_of.isoformat()}")
    print(f"依据：《{doc.title}》{('（' + doc.number + '）') if doc.number else ''} {m.clause}")
    print(f"原文：{m.excerpt}")
    print(f"有效期：{result.valid_from.isoformat()} 至 {result.valid_until.isoformat()}")
    print("\n条件：")
    if not compiled.criteria:
        print("  （本措施未设附加条件）")
    outcomes = {o.id: o for o in result.criteria}
    for c in compiled.criteria:
        outcome = outcomes.get(c.id)
        state = STATE_LABELS[outcome.state] if outcome else "— 未判断"
        print(f"  {state}  {c.label}")
        for field_name in sorted(c.fields):
            print(f"        {field_name} = {answer_text(field_name, answers.get(field_name))}")
        for expr in c.expressions:
            print(f"        表达式：{expr.source}")
        if outcome and outcome.confirm and outcome.state == "check":
            print(f"        须由受理部门确认：{outcome.confirm}")
        if outcome and outcome.error:
            print(f"        无法判断：{outcome.error}")
        if outcome and outcome.hint:
            print(f"        差距：{outcome.hint}")
    print("\n金额：")
    if result.amount is not None:
        for step in result.amount.steps:
            print(f"  {step}")
        print(f"  结果：{result.amount_text}")
    else:
        print(f"  {result.amount_text}")
    if result.reading_note:
        print(f"  理解说明：{result.reading_note}")
    ch = m.channel
    print(f"\n渠道：{ch.kind.value}（{ch.detail}）{'' if ch.from_document else '【原文未写明渠道，本工具推定】'}")
    contact = resolve_contact(m, compiled.pack.district)
    phone = contact.phone_text if contact.phone else "原文未载联系电话，请向责任单位询问后填写：________"
    print(f"联系：{contact.units}  电话 {phone}（{PHONE_SOURCE_NOTES[contact.source]}）")
    if m.contact.note:
        print(f"      {m.contact.note}")
    if result.open_checks:
        print("\n须由受理部门确认（在向导中勾选“已向受理部门确认”后才生成申请文书）：")
        for open_check in result.open_checks:
            mark = "☑" if open_check.confirmed else "□"
            print(f"  {mark} {open_check.text}（{open_check.confirmer}）")
    if result.manual_checks:
        print("\n需要您自行确认：")
        for check in result.manual_checks:
            print(f"  □ {check}")
    print("\n说明：")
    for reason in result.reasons:
        print(f"  · {reason}")
    if result.missing:
        print(f"\n尚需回答：{', '.join(result.missing)}")
    return 0


def _questions(profile: EnterpriseProfile, catalog: Catalog, as_of: dt.date, *, as_json: bool) -> int:
    from desktop_app.domain.amounts import format_yuan
    from desktop_app.domain.matching import match, open_questions
    from desktop_app.domain.questionnaire import load_questionnaire

    questionnaire = load_questionnaire()
    entries = open_questions(match(profile, catalog, as_of=as_of))
    district = profile.district.value if profile.district else None
    rows: list[dict[str, Any]] = []
    for entry in entries:
        question = questionnaire.question(entry.name)
        page = questionnaire.page_of(entry.name)
        rows.append(
            {
                "id": entry.name,
                "label": question.text(district=district) if question else entry.name,
                "page": page.title if page else None,
                "up_to": int(entry.worth),
                "measures": list(entry.measures),
            }
        )
    if as_json:
        print(json.dumps({"as_of": as_of.isoformat(), "questions": rows}, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(MESSAGES["no_open_questions"])
        return 0
    print(f"尚未回答、可能改变结果的问题（按可能影响的金额排序，参考日期 {as_of.isoformat()}）：")
    for i, row in enumerate(rows, 1):
        worth_text = f"最多影响 {format_yuan(row['up_to'])}" if row["up_to"] else "影响金额未定"
        print(f"{i:>2}. [{row['page']}] {row['label']}（{row['id']}）— {worth_text}，涉及 {', '.join(row['measures'])}")
    return 0
