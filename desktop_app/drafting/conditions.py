"""A clause's conditions as drafted criteria over profile fields, where the wording maps cleanly; the rest as
open points for the reviewer."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from desktop_app.drafting import fields, numerals
from desktop_app.drafting.numerals import yaml_number

#: (wording, criterion id, label, expression) — recognitions, statuses and sizes the profile asks about.
_STATUS: tuple[tuple[str, str, str, str], ...] = (
    (r"科技小巨人培育", "sci_giant", "为上海市科技小巨人培育企业", "sci_giant == 'cultivation'"),
    (r"科技小巨人(?!（培育）|\(培育\)|培育)", "sci_giant", "为上海市科技小巨人企业", "sci_giant == 'giant'"),
    (r"单项冠军", "srdi", "新获评制造业单项冠军", "srdi_recognition == 'single_champion'"),
    (r"(?<!科技)小巨人", "srdi", "新认定为国家级专精特新“小巨人”企业", "srdi_recognition == 'national_little_giant'"),
    (r"市级[“\"]?专精特新", "srdi", "新认定为市级“专精特新”中小企业", "srdi_recognition == 'municipal_srdi'"),
    (r"创新型中小企业", "srdi", "新认定为创新型中小企业", "srdi_recognition == 'innovative_sme'"),
    (r"有效期内(?:的)?高新技术企业", "hitech", "为有效期内的高新技术企业", "hitech_valid"),
    (r"首次成为[“\"]?四上[”\"]?企业", "four_above", "首次成为“四上”企业", "newly_four_above"),
    (
        r"首次(?:进入|纳入)规上工业企业|首次进入规模以上",
        "newly_above_scale",
        "首次进入规上工业企业库",
        "newly_above_scale",
    ),
    (
        r"新纳入战新企业名录库|新纳入战略性新兴产业企业名录",
        "sei_catalog",
        "新纳入战新企业名录库",
        "newly_in_sei_catalog",
    ),
    (r"属于战新行业|属于战略性新兴产业", "strategic", "属于战略性新兴产业行业", "strategic_emerging"),
    (
        r"(?<!首次成为“四上”企业的)(?:规模以上|规上)工业企业",
        "above_scale",
        "为规模以上工业企业",
        "above_scale_industrial",
    ),
    (r"外商投资企业|外资企业", "foreign", "为外商投资企业", "foreign_invested"),
)
_SIZES = (
    (r"中小微企业|中小企业", "size", "为中型、小型或微型企业", "size_class in ['medium', 'small', 'micro']"),
    (r"小微企业", "size", "为小型或微型企业", "size_class in ['small', 'micro']"),
)
_INDUSTRIES = (
    ("制造业", "manufacturing"),
    ("批发", "wholesale"),
    ("零售", "retail"),
    ("住宿", "accommodation"),
    ("餐饮", "catering"),
    ("建筑业", "construction"),
    ("快递", "express_logistics"),
    ("软件和信息", "software_it"),
    ("会展企业", "exhibition"),
    ("旅行社", "travel_agency"),
)
_HITECH_EVENT = (("重新认定", "recertified"), ("复审", "recertified"), ("新引进", "introduced"), ("新认定", "new"))
_GREEN = (("绿色园区", "park"), ("绿色工厂", "factory"), ("绿色供应链", "supply_chain"), ("绿色产品", "product"))
_THRESHOLD = re.compile(r"(?P<noun>[\u4e00-\u9fa5A-Za-z]{2,12}?)\s*(?:在|达到|超过|不低于|突破|首次达到|首次突破)?\s*$")
_OPEN_WORDS = re.compile(
    r"符合条件|经认定|考核评价|评价结果|符合.{0,8}(?:导向|要求|规定|标准)|具有|突出贡献|知名|认定标准"
)


@dataclass(slots=True)
class ConditionDraft:
    criteria: list[dict[str, Any]] = field(default_factory=list)
    manual_checks: list[str] = field(default_factory=list)
    recognised: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)

    def add(self, cid: str, label: str, expr: str | list[str]) -> None:
        if any(c["id"] == cid for c in self.criteria):
            return
        entry: dict[str, Any] = {"id": cid, "label": label}
        entry["any_of" if isinstance(expr, list) else "expr"] = expr
        self.criteria.append(entry)
        self.recognised.append(f"条件 {cid}：{label}")


def _thresholds(cond: str, sentence: str, out: ConditionDraft) -> None:
    for money in numerals.find_money(cond):
        before, after = cond[max(0, money.start - 16) : money.start], cond[money.end : money.end + 8]
        op = None
        if re.search(r"(?:达到|不低于|突破)\s*$", before) or re.match(
            r"\s*(?:（含）|\(含\))?\s*(?:以上|及以上)", after
        ):
            op = ">="
        elif re.search(r"超过\s*$", before):
            op = ">"
        elif re.match(r"\s*(?:（含）|\(含\))\s*以下", after) or re.search(r"(?:不超过|不高于)\s*$", before):
            op = "<="
        elif re.match(r"\s*以下", after):
            op = "<"
        if op is None or "~" in money.text or "、" in cond[money.end : money.end + 2]:
            continue
        seg_start = max(cond.rfind(c, 0, money.start) for c in "，。；对") + 1
        seg_end = min([i for i in (cond.find(c, money.end) for c in "，。；") if i >= 0] or [len(cond)])
        segment = cond[seg_start:seg_end]
        noun = re.split(r"[，。；、的对]", before)[-1]
        guess = fields.guess(segment.replace(money.text, ""), context=sentence, kinds=("number",), units=("元",))
        if guess is None:
            out.unrecognised.append(f"门槛“{cond[max(0, money.start - 8) : money.end]}”未能对应到企业档案字段")
            continue
        label = cond[max(seg_start, money.start - len(noun)) : money.end].strip() + (
            after.split("以")[0] + ("以下" if op.startswith("<") and "以下" in after else "")
            if re.match(r"\s*（含）", after)
            else ""
        )
        out.add(f"{guess.name}_threshold", label, f"{guess.name} {op} {yaml_number(money.yuan)}")
        out.unrecognised.append(f"门槛字段为推测：{guess.name}（{guess.title}），请核对")


def draft_conditions(cond: str, sentence: str, *, category: str | None = None) -> ConditionDraft:
    """Criteria from the object/condition part ``cond`` of ``sentence`` (and the category of a split measure)."""
    out = ConditionDraft()
    scope = f"{category} {cond}" if category else cond
    if category and re.search(r"新认定|新引进|复审|重新认定", category) and "高新技术企业" in sentence:
        value = next(v for w, v in _HITECH_EVENT if w in category)
        out.add("hitech_event", f"高新技术企业认定情况为“{category}”", f"hitech_event == '{value}'")
    elif category and "绿色" in sentence and any(w in category for w, _ in _GREEN):
        level = (
            "green_national"
            if "国家级" in sentence and not re.search(r"市级", sentence.split(category)[0][-12:])
            else ("green_municipal" if "市级" in sentence else "green_national")
        )
        value = next(v for w, v in _GREEN if w in category)
        out.add(
            "green_title",
            f"首次认定为{'国家级' if level == 'green_national' else '市级'}{category}",
            f"'{value}' in {level}",
        )
    else:
        tiers = [(label, expr) for pattern, cid, label, expr in _STATUS if cid == "srdi" and re.search(pattern, scope)]
        if len(tiers) == 1:
            out.add("srdi", *tiers[0])
        elif tiers:  # 支持创新型中小企业、专精特新企业和小巨人企业…认定: any of the listed tiers
            out.add("srdi", "获得原文列明的专精特新梯度认定之一", [expr for _, expr in tiers])
        for pattern, cid, label, expr in _STATUS:
            if cid != "srdi" and re.search(pattern, scope):
                out.add(cid, label, expr)
        if "高新技术企业" in scope and not any(c["id"] == "hitech" for c in out.criteria):
            events = [v for w, v in _HITECH_EVENT if w in scope]
            if len(set(events)) == 1:
                out.add("hitech_event", "高新技术企业认定情况符合原文", f"hitech_event == '{events[0]}'")
    if re.search(r"增值税小规模纳税人", scope) and re.search(r"小型微利企业", scope):
        out.add("small_taxpayer", "为增值税小规模纳税人或小型微利企业", ["small_scale_taxpayer", "small_low_profit"])
    elif "增值税小规模纳税人" in scope:
        out.add("small_scale", "为增值税小规模纳税人", "small_scale_taxpayer")
    elif "小型微利企业" in scope:
        out.add("small_low_profit", "为小型微利企业", "small_low_profit")
    sized = re.sub(r"(?:创新型|科技型|专精特新[”\"]?)中小企业", "", scope)  # a recognition's name, not a size
    if not any(c["id"] in ("small_taxpayer", "small_scale") for c in out.criteria):
        for pattern, cid, label, expr in _SIZES:
            if re.search(pattern, sized):
                out.add(cid, label, expr)
                break
    industries = [v for w, v in _INDUSTRIES if re.search(w + r"(?!单项冠军)[^，。；]{0,12}(?:企业|行业|业)", scope)]
    if industries and re.search(r"(?:企业|行业)", scope):
        listed = ", ".join(f"'{v}'" for v in dict.fromkeys(industries))
        out.add("industry", "所属行业为原文列明的行业", f"industry in [{listed}]")
        if re.search(r"等(?:行业|企业)", scope):
            out.manual_checks.append("原文列举的行业后有“等”：其他行业是否适用，请向受理部门确认")
    _thresholds(cond, sentence, out)
    boolean = fields.boolean_named_by(sentence)
    if boolean is not None and not any(boolean.name in str(c.get("expr", c.get("any_of"))) for c in out.criteria):
        out.add(boolean.name, boolean.title, boolean.name)
        out.unrecognised.append(f"条件字段 {boolean.name} 按字面相似起草，请核对")
    for m in _OPEN_WORDS.finditer(cond):
        phrase = re.split(r"[，。；]", cond[m.start() :])[0]
        text = f"原文条件：“{phrase[:40]}”（需向受理部门确认）"
        if not any(phrase[:40] in known for known in out.manual_checks):
            out.manual_checks.append(text)
    if not out.criteria and cond.strip():
        out.unrecognised.append("条件未能对应到企业档案字段，请审核时补充")
    return out
