"""The amount a clause's wording states: fixed, per head, percentage with cap, tiers, matching, minimum, range."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.drafting import fields, numerals
from desktop_app.drafting.numerals import Money, yaml_number

#: Where the benefit begins: what comes before it is the clause's object and conditions.
BENEFIT_START = re.compile(
    r"(?:分别|一次性|市、区联动|再)?(?:给予|予以|奖励|补贴|补助|资助|扶持|贴息|配套|按(?:照)?(?=[^，。；]{0,30}(?:给予|予以|补贴|奖励|资助|扶持|贴息|配套)))"
)


@dataclass(frozen=True, slots=True)
class _Around:
    """Words that give a figure its sense: right before it (searched at the end of what precedes) or right after."""

    before: re.Pattern[str]
    after: re.Pattern[str]

    def match(self, before: str, after: str) -> re.Match[str] | None:
        return self.before.search(before) or self.after.match(after)


#: Text right before a figure that makes it a cap (最高20万元, 累计不超过).
_CAP_BEFORE = re.compile(r"(?:最高|不超过|不高于|上限为?|封顶|最多|累计不超过)[^，。；\d一二三四五六七八九十]{0,6}$")
#: ... that makes it a floor (不低于).
_AT_LEAST_BEFORE = re.compile(r"不低于\s*$")
#: A figure that is a threshold or a loan, not money given (产值突破1亿元, 1000万元以上的).
_NOT_BENEFIT = _Around(
    before=re.compile(
        r"(?:达到|突破|超过|投入|投资|总投资|销售额|零售额|营业收入|营收|产值|规模|市值|贷款|额度|授信|延长|在|为|实现)[^，。；]{0,4}$"
    ),
    after=re.compile(
        r"^\s*(?:（含）|\(含\))?\s*(?:以下|以上|及以上|的\s*[，,]|的(?:企业|项目|单位|用人单位)|“|[^，。；]{0,10}额度)"
    ),
)
#: 每人/每千瓦… before a figure, or 元/人 after it: an amount per unit (the group ``unit``).
_PER_UNIT = _Around(
    before=re.compile(r"每(?P<unit>人|名|位|千瓦|瓦|平方米|辆车?|台|套|户|家|个)(?:每次|每年|每月)?[^，。；\d]{0,6}$"),
    after=re.compile(r"^\s*/\s*(?P<unit>人|名|千瓦|瓦|kW|平方米|辆|台|套|户|家|个|项)"),
)
#: A percentage that is a condition (增长10%, 降至5%以下), not a subsidy rate.
_RATE_REJECT = _Around(
    before=re.compile(r"(?:降至|降低|超过|占股|增长|增幅|不足|低于|达到|提高|下降)\s*$"),
    after=re.compile(r"^\s*(?:幅度|以下|以上|的幅度)"),
)
#: 最高… before a percentage: the rate is a ceiling (视情况给予最高30%).
_UP_TO = "最高|不高于|不超过|最多"
_UP_TO_BEFORE = re.compile(rf"(?:{_UP_TO})[^，。；\d]{{0,4}}$")
#: 全额补贴/担保费全额补贴: 100 % of the cost.
_FULL = re.compile(r"全额(?=担保费|贴息|补贴|资助|补助)|(?<=担保费)全额(?=补贴)")
#: Between the items of a list of titles or units (A、B和C).
_SEPARATORS = re.compile(r"[、及和与]|以及")

PER_HEAD = {"人", "名", "位"}
PER_ENTERPRISE = {"家", "户", "个", "项"}


@dataclass(slots=True)
class AmountDraft:
    """One recognised amount (one measure's worth), what was read and what was not."""

    spec: dict[str, Any]
    recognised: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)
    category: str | None = None


@dataclass(slots=True)
class _Mention:
    money: Money
    role: str  # value | cap | at_least | threshold
    per: str | None = None
    prefix: str = ""


def benefit_start(text: str) -> int:
    m = BENEFIT_START.search(text)
    return m.start() if m else len(text)


def _classify(text: str, start: int) -> list[_Mention]:
    out: list[_Mention] = []
    previous_end = 0
    for money in numerals.find_money(text):
        before, after = text[max(0, money.start - 14) : money.start], text[money.end : money.end + 14]
        unit_match = _PER_UNIT.match(before, after)
        per = unit_match.group("unit") if unit_match else None
        if money.start < start or (_NOT_BENEFIT.match(before, after) and not _CAP_BEFORE.search(before)):
            role = "threshold"
        elif _CAP_BEFORE.search(before):
            role = "cap"
        elif _AT_LEAST_BEFORE.search(before):
            role = "at_least"
        else:
            role = "value"
        if role == "cap" and re.search(r"(?:贷款|额度|投资|规模)[^，。；]{0,6}$", before):
            role = "threshold"  # 贴息贷款总额度不高于2000万元 bounds the base, not the amount
        prefix = re.split(r"[，。；、：（）()\s]|给予|予以|奖励|补贴|最高", text[previous_end : money.start].strip())[
            -1
        ]
        out.append(_Mention(money, role, per, prefix.strip()))
        previous_end = money.end + (len(m.group(0)) if (m := _PER_UNIT.after.match(after)) else 0)
    return out


def _rate(text: str, start: int) -> tuple[Decimal, int, int] | None:
    for m in numerals.PERCENT.finditer(text):
        if m.start() < start and not re.search(r"(?:按|给予|予以)[^，。；]{0,25}$", text[: m.start()]):
            continue
        if _RATE_REJECT.match(text[: m.start()], text[m.end() :]):
            continue
        value = numerals.percent_value(m)
        if value:
            return value, m.start(), m.end()
    if full := _FULL.search(text):
        return Decimal(1), full.start(), full.end()
    if points := numerals.BASIS_POINTS.search(text):
        value = numerals.parse_number(points.group("num"))
        if value:
            return value / 10000, points.start(), points.end()
    return None


def _base_label(text: str, rate_start: int, rate_end: int) -> str:
    if "贴息" in text and re.search(r"利率|基点", text[:rate_end]):
        return "贷款金额"  # 给予100个基点（即年化利率1.00%）的贷款贴息: a rate on the loan
    before = re.split(r"[，。；：]", text[:rate_start])[-1]
    before = re.split(r"按照|按|给予|予以|对", before)[-1]
    label = re.sub(r"^(?:企业|其|最高|不高于|不超过|最多)+|的\s*$|(?:最高|不高于|不超过|最多)\s*$", "", before.strip())
    label = label.strip()
    if len(label) < 2:
        after = re.match(r"\s*(?:的)?([^，。；\d]{1,12}?)(?:补贴|贴息|奖励|资助|支持|$)", text[rate_end:])
        label = (after.group(1) if after else "") or "实际发生费用"
        if label.startswith("担保费") or label == "":
            label = label or "实际发生费用"
    return label.strip() or "实际发生费用"


def _split_items(phrase: str) -> list[str]:
    return [p.strip(" 的") for p in _SEPARATORS.split(phrase) if p.strip(" 的")]


def _categories(text: str, start: int, count: int) -> list[str] | None:
    """对A、B、C的，分别给予…: the N named kinds of the object, when there are exactly N."""
    head = text[:start]
    obj = re.split(r"(?<![对针])对(?:于)?", head)[-1] if "对" in head else head
    obj = re.split(r"[，；]", obj.rstrip("，, "))[0] if "，" in obj.rstrip("，, ") else obj
    items = _split_items(re.sub(r"的[^、]*$", "", obj.strip("，, ")))
    if len(items) != count:
        return None
    first = re.split(r"为|获|认定|通过|首次|新", items[0])[-1] or items[0]
    return [first, *items[1:]]


def _levels(names: list[str]) -> list[int] | None:
    """二级、三级、四级 → [2, 3, 4] when every category names a level."""
    found = [re.search(r"([一二三四五六七八九1-9])\s*级", n) for n in names]
    if not all(found):
        return None
    levels = [int(numerals.parse_number(m.group(1)) or 0) for m in found if m]
    return levels if len(set(levels)) == len(levels) and all(levels) else None


def _tiers(mentions: list[_Mention], values: list[_Mention], text: str) -> list[dict[str, Any]] | None:
    thresholds = [m for m in mentions if m.role == "threshold"]
    bounds: list[dict[str, Any]] = []
    i = 0
    while i < len(thresholds):
        t = thresholds[i]
        nxt = thresholds[i + 1] if i + 1 < len(thresholds) else None
        after = text[t.money.end : t.money.end + 6]
        if nxt is not None and nxt.money.text == t.money.text and nxt.money.start == t.money.end:
            bounds.append({"above": yaml_number(t.money.yuan)})  # 20~100亿元: above the lower end
            i += 2
            continue
        if "以下" in after:
            bounds.append({"min": 0})
        elif "以上" in after or re.search(r"超过\s*$", text[max(0, t.money.start - 4) : t.money.start]):
            bounds.append({"above": yaml_number(t.money.yuan)})
        else:
            bounds.append({"min": yaml_number(t.money.yuan)})
        i += 1
    if len(bounds) != len(values):
        return None
    return [{**b, "amount": yaml_number(v.money.yuan)} for b, v in zip(bounds, values, strict=True)]


def recognise(text: str) -> list[AmountDraft]:
    """The amount(s) one benefit sentence states; several when it lists kinds with one amount each."""
    start = benefit_start(text)
    if (split := text.find("分别")) > start:
        start = split  # …的，分别给予A、B、C: every figure before 分别 names a level, not an amount
    mentions = _classify(text, start)
    values = [m for m in mentions if m.role == "value"]
    caps = [m for m in mentions if m.role == "cap"]
    least = [m for m in mentions if m.role == "at_least"]
    rate = _rate(text, start)
    ratio = numerals.RATIO.search(text[start:]) or numerals.RATIO.search(text)
    if ratio and "配套" in text:
        a, b = Decimal(ratio.group("a")), Decimal(ratio.group("b"))
        if a > 0 and b > 0:
            label = re.split(r"按(?:照)?", text[: ratio.start() + (start if ratio.string is not text else 0)])[-1]
            label = re.sub(r"分别|给予|予以|的比例|比例", "", re.split(r"[，。；]", label)[-1]).strip(" 的")
            label = label if len(label) >= 2 else "市级资助金额"
            base = fields.guess(label, context=text, units=("元",), minimum=0.2)
            drafts = []
            for cap in caps or [None]:  # type: ignore[list-item]
                spec: dict[str, Any] = {"kind": "match", "ratio": yaml_number(b / a), "base": None, "base_label": label}
                if cap is not None:
                    spec["cap"] = yaml_number(cap.money.yuan)
                draft = AmountDraft(
                    spec, [f"配套比例 {ratio.group(0)}"], category=cap.prefix if cap and len(caps) > 1 else None
                )
                _set_base(draft, spec, "base", base, label)
                drafts.append(draft)
            return drafts
    if rate is not None:
        value, r_start, r_end = rate
        label = _base_label(text, r_start, r_end)
        rate_cap = next((c for c in caps if c.money.start > r_start), None)
        spec = {"kind": "percent", "rate": yaml_number(value), "base": None, "base_label": label}
        if rate_cap is not None:
            spec["cap"] = yaml_number(rate_cap.money.yuan)
        lead = re.split(r"按照|按|给予|予以|[，。；]", text[:r_start])[-1]
        if _UP_TO_BEFORE.search(text[max(0, r_start - 8) : r_start]) or re.search(_UP_TO, lead):
            spec["up_to"] = True  # 按照不超过实际投资额的20%: a ceiling on the rate
        capped = f"，上限 {rate_cap.money.text}" if rate_cap else ""
        draft = AmountDraft(spec, [f"比例 {text[r_start:r_end]}{capped}"])
        _set_base(draft, spec, "base", fields.guess(label, context=text, units=("元",), minimum=0.25), label)
        return [draft]
    per = [m for m in values + caps if m.per and m.per not in PER_ENTERPRISE]
    if per:
        m = per[0]
        unit = m.per or "人"
        units: tuple[str | None, ...] = ("人",) if unit in PER_HEAD else (("kW",) if "瓦" in unit else (unit,))
        guess = fields.guess(text[:start], context=text, units=units, minimum=0.0)
        unit_cap = next((c for c in caps if c is not m and c.money.start > m.money.start), None)
        if guess is not None:
            quantity = f"{guess.name} * 1000" if unit == "瓦" and "kW" in units else guess.name
            spec = {"kind": "per_unit", "rate": yaml_number(m.money.yuan), "unit": unit, "quantity": quantity}
            if unit_cap is not None:
                spec["cap"] = yaml_number(unit_cap.money.yuan)
            return [
                AmountDraft(
                    spec,
                    [f"单价 {m.money.text}/{unit}"],
                    [f"数量字段为推测：{guess.name}（{guess.title}），请核对"],
                )
            ]
        return [
            AmountDraft(
                {"kind": "fixed", "value": yaml_number(m.money.yuan), "note": f"按每{unit}{m.money.text}计"},
                [f"每{unit} {m.money.text}"],
                [f"企业档案中没有“{unit}”数量的字段，按定额起草"],
            )
        ]
    pair = [m for m in values if re.search(r"[~～\-—–至到]", m.money.text)]
    if len(pair) == 2 and len(values) == 2:
        spec = {"kind": "range", "min": yaml_number(pair[0].money.yuan), "max": yaml_number(pair[1].money.yuan)}
        return [AmountDraft(spec, [f"区间 {pair[0].money.text}"])]
    amounts = values or least or caps
    if len(amounts) >= 2 and len({a.role for a in amounts}) == 1:
        role = amounts[0].role
        tiers = None
        if "分别" in text or role == "value":
            tiers = _tiers(mentions, amounts, text)
            guess = fields.guess(text[:start], context=text, kinds=("number", "choice"), units=("元",))
            if tiers is not None and guess is not None:
                spec = {"kind": "tiers", "value": guess.name, "value_label": guess.title, "tiers": tiers}
                return [
                    AmountDraft(
                        spec,
                        ["分档：" + "、".join(a.money.text for a in amounts)],
                        [f"分档依据字段为推测：{guess.name}"],
                    )
                ]
        if tiers is not None and "分别" in text:
            listed = "、".join(
                f"{'以下' if 'min' in t and t['min'] == 0 else t.get('min', t.get('above'))}→{t['amount']}"
                for t in tiers
            )
            spec = {
                "kind": "range",
                "min": yaml_number(min(a.money.yuan for a in amounts)),
                "max": yaml_number(max(a.money.yuan for a in amounts)),
            }
            spec["note"] = "分档给予，分档标准见原文"
            return [AmountDraft(spec, [f"分档：{listed}"], ["分档依据在企业档案中没有对应字段，按区间起草"])]
        names = _categories(text, start, len(amounts))
        prefixes = [a.prefix for a in amounts]
        if names is None and all(len(p) >= 2 for p in prefixes) and len(set(prefixes)) == len(prefixes):
            names = prefixes
        levels = _levels(names) if names is not None and role == "value" else None
        if levels is not None:
            level_field = fields.guess("等级", context=text, kinds=("number",), units=(None,), minimum=0.4)
            if level_field is not None:  # DCMM二级、三级…认证的，分别给予20万元、30万元…: an amount per level
                table = {str(n): yaml_number(a.money.yuan) for n, a in zip(levels, amounts, strict=True)}
                spec = {"kind": "lookup", "key": level_field.name, "key_label": level_field.title, "table": table}
                spec["labels"] = {str(n): f"{'零一二三四五六七八九'[n]}级" for n in levels if n < 10}
                return [
                    AmountDraft(
                        spec,
                        ["按等级：" + "、".join(a.money.text for a in amounts)],
                        [f"等级字段为推测：{level_field.name}（{level_field.title}），请核对"],
                    )
                ]
        if names is not None:
            kind = {"value": "fixed", "at_least": "at_least", "cap": "up_to"}[role]
            if re.search(r"最高|不超过|不高于", text[start : amounts[0].money.start]):
                kind = "up_to"  # 最高奖励零售企业100万元/家、餐饮企业50万元/家
            key = {"fixed": "value", "at_least": "min", "up_to": "max"}[kind]
            return [
                AmountDraft({"kind": kind, key: yaml_number(a.money.yuan)}, [f"{name}：{a.money.text}"], category=name)
                for name, a in zip(names, amounts, strict=True)
            ]
        low, high = min(a.money.yuan for a in amounts), max(a.money.yuan for a in amounts)
        if low == high:
            amounts = amounts[:1]
        else:
            spec = {
                "kind": "range",
                "min": yaml_number(low),
                "max": yaml_number(high),
                "note": "分档标准以实施细则为准",
            }
            return [AmountDraft(spec, ["分档金额：" + "、".join(a.money.text for a in amounts)], ["分档标准未能识别"])]
    if values:
        v = values[0]
        return [AmountDraft({"kind": "fixed", "value": yaml_number(v.money.yuan)}, [f"定额 {v.money.text}"])]
    if least:
        return [
            AmountDraft(
                {"kind": "at_least", "min": yaml_number(least[0].money.yuan)}, [f"不低于 {least[0].money.text}"]
            )
        ]
    if caps:
        return [AmountDraft({"kind": "up_to", "max": yaml_number(caps[0].money.yuan)}, [f"最高 {caps[0].money.text}"])]
    return [AmountDraft({"kind": "none", "note": "原文未写具体金额，以实施细则为准"}, [], ["原文未写具体金额"])]


_GENERIC_BASE = re.compile(r"^(?:资金|资金支持|支持|补贴|奖励|的|实际发生费用)?$")


def _set_base(draft: AmountDraft, spec: dict[str, Any], key: str, guess: fields.FieldGuess | None, label: str) -> None:
    """Fill the base field; without one, leave it None for :func:`settle_base` (the clause may name it earlier)."""
    if guess is not None and not _GENERIC_BASE.match(label):
        spec[key] = guess.name
        draft.unrecognised.append(f"计算基数“{label}”对应字段为推测：{guess.name}（{guess.title}），请核对")


def settle_base(draft: AmountDraft, previous: tuple[str, str] | None) -> None:
    """A percentage whose sentence names no base takes the previous sentence's (对A给予投入8%…；对B给予12%…);
    with none to take, the amount is drafted as "no figure" and the reviewer is told why."""
    spec = draft.spec
    if spec.get("kind") not in ("percent", "match") or spec.get("base") is not None:
        return
    if previous is not None:
        spec["base"], spec["base_label"] = previous
        draft.unrecognised.append(f"原文本句未写计算基数，沿用上一句的“{previous[1]}”（{previous[0]}），请核对")
        return
    label = spec.get("base_label", "")
    rate = spec.get("rate", spec.get("ratio"))
    kind = spec.get("kind")
    cap = spec.get("cap")
    spec.clear()
    if cap is not None:  # 给予支付额10%、最高1000元: without the base, the document still bounds the amount
        spec.update({"kind": "up_to", "max": cap, "note": f"按“{label}”的比例 {rate} 计算，最高 {cap} 元"})
        draft.unrecognised.append(f"计算基数“{label}”在企业档案中没有对应字段，按“最高”金额起草")
        return
    pct = f"{Decimal(str(rate)) * 100:g}%" if kind == "percent" else f"1:{rate}"
    spec.update(
        {"kind": "none", "note": f"原文写明比例 {pct}，计算基数“{label}”在企业档案中没有对应字段，以实施细则为准"}
    )
    draft.unrecognised.append(f"计算基数“{label}”在企业档案中没有对应字段，金额按“未写具体数字”起草")
