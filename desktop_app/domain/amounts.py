"""Amount formulas: compute a measure's minimum and maximum in yuan, with a basis a person can check."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from desktop_app.domain.expressions import UnknownValueError, bind, compile_expression
from desktop_app.domain.policy import (
    AmountSpec,
    AtLeastAmount,
    FixedAmount,
    FormulaAmount,
    LookupAmount,
    MatchAmount,
    NoAmount,
    PercentAmount,
    PerUnitAmount,
    RangeAmount,
    SumAmount,
    TiersAmount,
    UpToAmount,
)

UNSPECIFIED_NOTE = "金额以实施细则为准"
CENT = Decimal("0.01")
WAN = Decimal(10000)
YI = Decimal(100_000_000)


@dataclass(frozen=True, slots=True)
class AmountResult:
    """What a measure is worth: ``maximum`` is None when the document leaves it open (不低于)."""

    minimum: Decimal
    maximum: Decimal | None
    basis: str
    steps: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        if self.minimum < 0 or (self.maximum is not None and self.maximum < self.minimum):
            raise ValueError(f"amount out of order: {self.minimum}..{self.maximum}")


def format_yuan(amount: Decimal | int | float) -> str:
    """Format yuan the way a Chinese reader expects: 6000元, 2.5万元, 200万元, 1.5亿元, 1234.50元."""
    value = Decimal(str(amount)).quantize(CENT, ROUND_HALF_UP)
    if value >= YI and value % WAN == 0:
        return f"{(value / YI).normalize():f}亿元"
    if value >= WAN and value % 100 == 0:
        wan = (value / WAN).normalize()
        text = f"{wan:f}"
        return f"{text}万元"
    if value == value.to_integral_value():
        return f"{int(value)}元"
    return f"{value:f}元"


def format_range(minimum: Decimal | None, maximum: Decimal | None) -> str:
    """Format an amount range: 6000元, 0至100万元, 不低于10万元."""
    if minimum is None:
        return UNSPECIFIED_NOTE
    if maximum is None:
        return f"不低于{format_yuan(minimum)}"
    if minimum == maximum:
        return format_yuan(minimum)
    if minimum == 0:
        return f"最高{format_yuan(maximum)}"
    return f"{format_yuan(minimum)}至{format_yuan(maximum)}"


def _unit_rate(rate: Decimal) -> str:
    """A per-unit rate: 0.3元 (not 0.30元), 2000元, 1万元."""
    if rate < WAN and rate != rate.to_integral_value():
        return f"{rate.normalize():f}元"
    return format_yuan(rate)


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f}%"


def _number(value: Any, source: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{source} 的值不是数字")
    return Decimal(str(value))


def _eval(source: str, answers: Mapping[str, Any]) -> Any:
    expr = compile_expression(source)
    return expr.evaluate(bind(answers, expr.fields))


def amount_fields(spec: AmountSpec) -> frozenset[str]:
    """The profile fields a formula reads."""
    sources: list[str] = []
    for name in ("quantity", "base", "value", "key"):
        text = getattr(spec, name, None)
        if isinstance(text, str):
            sources.append(text)
    sources += [s for s in amount_expressions(spec) if s not in sources]
    out: set[str] = set()
    for text in sources:
        out |= compile_expression(text).fields
    return frozenset(out)


def amount_expressions(spec: AmountSpec) -> list[str]:
    """Every expression in a formula, for load-time checks."""
    out = [t for t in (getattr(spec, n, None) for n in ("quantity", "base", "value", "key")) if isinstance(t, str)]
    if isinstance(spec, FormulaAmount):
        out += [spec.min] + ([spec.max] if spec.max else [])
    if isinstance(spec, PercentAmount):
        out += [r.when for r in spec.rate_when]
    if isinstance(spec, SumAmount):
        out += [t.quantity for t in spec.terms]
    if spec.bonus is not None:
        out.append(spec.bonus.when)
    return out


def potential_range(spec: AmountSpec) -> tuple[Decimal, Decimal | None] | None:
    """What the measure could be worth before the answers are in, or None if the document gives no figure."""
    bounds: tuple[Decimal, Decimal | None] | None
    if isinstance(spec, FixedAmount):
        bounds = (spec.value, spec.value)
    elif isinstance(spec, PercentAmount):
        caps = [spec.cap] + [r.cap if r.cap is not None else spec.cap for r in spec.rate_when]
        bounds = (Decimal(0), None if None in caps else max(c for c in caps if c is not None))
    elif isinstance(spec, PerUnitAmount | MatchAmount | SumAmount):
        bounds = (Decimal(0), spec.cap)
    elif isinstance(spec, TiersAmount):
        amounts = [t.amount for t in spec.tiers]
        bounds = (min(amounts), max(amounts))
    elif isinstance(spec, LookupAmount):
        values = list(spec.table.values())
        bounds = (min(values), max(values))
    elif isinstance(spec, AtLeastAmount):
        bounds = (spec.min, None)
    elif isinstance(spec, UpToAmount):
        bounds = (Decimal(0), spec.max)
    elif isinstance(spec, RangeAmount):
        bounds = (spec.min, spec.max)
    else:
        return None
    if spec.bonus is not None and bounds[1] is not None:
        bounds = (bounds[0], bounds[1] * (1 + spec.bonus.percent))
    return bounds


def describe_rule(spec: AmountSpec) -> str:
    """The formula in words, before any answer: 2000元/人；8%，最高200万元；1:1配套，最高150万元."""
    text: str
    if isinstance(spec, FixedAmount):
        text = format_yuan(spec.value)
    elif isinstance(spec, PerUnitAmount):
        text = f"{_unit_rate(spec.rate)}/{spec.unit}"
    elif isinstance(spec, PercentAmount):
        text = f"{spec.base_label}的{'不高于' if spec.up_to else ''}{_percent(spec.rate)}"
        if spec.cap is not None:
            text += f"，最高{format_yuan(spec.cap)}"
        for alternative in spec.rate_when:
            alt_cap = f"，最高{format_yuan(alternative.cap)}" if alternative.cap is not None else ""
            text += f"（{alternative.label}{_percent(alternative.rate)}{alt_cap}）"
        return text + (f"；{spec.bonus.label}另加{_percent(spec.bonus.percent)}" if spec.bonus else "")
    elif isinstance(spec, MatchAmount):
        text = f"{spec.base_label}按1:{spec.ratio.normalize():f}配套"
    elif isinstance(spec, TiersAmount | LookupAmount):
        amounts = [t.amount for t in spec.tiers] if isinstance(spec, TiersAmount) else list(spec.table.values())
        text = f"{format_range(min(amounts), max(amounts))}（分档）"
    elif isinstance(spec, RangeAmount):
        text = format_range(spec.min, spec.max)
    elif isinstance(spec, AtLeastAmount):
        text = f"不低于{format_yuan(spec.min)}"
    elif isinstance(spec, UpToAmount):
        text = f"最高{format_yuan(spec.max)}"
    elif isinstance(spec, FormulaAmount):
        text = spec.basis
    elif isinstance(spec, SumAmount):
        text = "、".join(f"{t.label}{_unit_rate(t.rate)}/{t.unit}" for t in spec.terms)
    else:
        return spec.note or UNSPECIFIED_NOTE
    cap = getattr(spec, "cap", None)
    if cap is not None:
        text += f"，最高{format_yuan(cap)}"
    if spec.bonus is not None:
        text += f"；{spec.bonus.label}另加{_percent(spec.bonus.percent)}"
    return text


def compute_amount(spec: AmountSpec, answers: Mapping[str, Any]) -> AmountResult | None:
    """Compute the amount from the answers. Returns None where the document gives no figure.

    Raises :class:`UnknownValueError` when an input is unanswered.
    """
    if isinstance(spec, NoAmount):
        return None
    result = _compute(spec, answers)
    if spec.bonus is not None and _eval(spec.bonus.when, answers):
        factor = 1 + spec.bonus.percent
        new_max = None if result.maximum is None else (result.maximum * factor).quantize(CENT)
        new_min = (result.minimum * factor).quantize(CENT)
        step = f"{spec.bonus.label}，在原基础上增加{_percent(spec.bonus.percent)}"
        basis = f"{result.basis}；{step}，合计{format_range(new_min, new_max)}"
        result = AmountResult(new_min, new_max, basis, (*result.steps, f"{step}，合计{format_range(new_min, new_max)}"))
    if spec.note:
        result = AmountResult(result.minimum, result.maximum, f"{result.basis}（{spec.note}）", result.steps)
    return result


def _capped(value: Decimal, cap: Decimal | None, steps: list[str]) -> Decimal:
    if cap is not None and value > cap:
        steps.append(f"超过上限，按最高{format_yuan(cap)}计")
        return cap
    return value


def _compute(spec: AmountSpec, answers: Mapping[str, Any]) -> AmountResult:
    steps: list[str] = []
    if isinstance(spec, FixedAmount):
        return AmountResult(
            spec.value, spec.value, f"定额{format_yuan(spec.value)}", (f"定额{format_yuan(spec.value)}",)
        )

    if isinstance(spec, PerUnitAmount):
        quantity = _number(_eval(spec.quantity, answers), spec.quantity)
        raw = (spec.rate * quantity).quantize(CENT)
        steps.append(f"{_unit_rate(spec.rate)}/{spec.unit} × {quantity.normalize():f}{spec.unit} = {format_yuan(raw)}")
        value = _capped(raw, spec.cap, steps)
        basis = f"{_unit_rate(spec.rate)}/{spec.unit} × {quantity.normalize():f}{spec.unit}"
        if spec.cap is not None:
            basis += f"，最高{format_yuan(spec.cap)}"
        return AmountResult(value, value, basis, tuple(steps))

    if isinstance(spec, PercentAmount):
        base = _number(_eval(spec.base, answers), spec.base)
        rate, rate_label, cap = spec.rate, "", spec.cap
        for alternative in spec.rate_when:
            if _eval(alternative.when, answers):
                rate, rate_label = alternative.rate, f"（{alternative.label}）"
                cap = alternative.cap if alternative.cap is not None else spec.cap
                break
        raw = (base * rate).quantize(CENT)
        steps.append(f"{spec.base_label} {format_yuan(base)} × {_percent(rate)}{rate_label} = {format_yuan(raw)}")
        value = _capped(raw, cap, steps)
        basis = f"{spec.base_label} {format_yuan(base)} × {_percent(rate)}{rate_label}"
        if spec.up_to:
            basis = f"{spec.base_label} {format_yuan(base)} × 不高于{_percent(rate)}{rate_label}"
            steps.append(f"原文为“视情给予”，比例由受理部门核定，在0至{_percent(rate)}之间")
        if cap is not None:
            basis += f"，最高{format_yuan(cap)}"
        low = Decimal(0) if spec.up_to else value
        contested = spec.contested_cap
        if contested is not None and not rate_label and value > contested:
            # 青浦 六、4: one reading puts 最高200万元 on this rate too; show the span both readings allow.
            steps.append(f"若“最高{format_yuan(contested)}”也适用于本档：按最高{format_yuan(contested)}计")
            basis += f"（另一种理解下最高{format_yuan(contested)}）"
            low = min(low, contested)
        return AmountResult(low, value, basis, tuple(steps))

    if isinstance(spec, TiersAmount):
        value = _number(_eval(spec.value, answers), spec.value)
        chosen = None
        for tier in spec.tiers:
            bound_ok = (tier.min is None or value >= tier.min) and (tier.above is None or value > tier.above)
            if bound_ok:
                chosen = tier
        if chosen is None:
            basis = f"{spec.value_label} {format_yuan(value)}，未达到最低档"
            return AmountResult(Decimal(0), Decimal(0), basis, (basis,))
        bound = (
            f"≥{format_yuan(chosen.min)}"
            if chosen.min is not None
            else f">{format_yuan(chosen.above)}"
            if chosen.above is not None
            else "起始档"
        )
        basis = f"{spec.value_label} {format_yuan(value)}（{bound}档），对应{format_yuan(chosen.amount)}"
        return AmountResult(chosen.amount, chosen.amount, basis, (basis,))

    if isinstance(spec, LookupAmount):
        key = _eval(spec.key, answers)
        key_text = str(key)
        label = spec.labels.get(key_text, key_text)
        if key_text not in spec.table:
            basis = f"{spec.key_label}：{label}，不在奖励档位内"
            return AmountResult(Decimal(0), Decimal(0), basis, (basis,))
        amount = spec.table[key_text]
        basis = f"{spec.key_label}：{label}，对应{format_yuan(amount)}"
        return AmountResult(amount, amount, basis, (basis,))

    if isinstance(spec, MatchAmount):
        base = _number(_eval(spec.base, answers), spec.base)
        raw = (base * spec.ratio).quantize(CENT)
        ratio = f"1:{spec.ratio.normalize():f}"
        steps.append(f"{spec.base_label} {format_yuan(base)} 按 {ratio} 配套 = {format_yuan(raw)}")
        value = _capped(raw, spec.cap, steps)
        basis = f"{spec.base_label} {format_yuan(base)} 按 {ratio} 配套"
        if spec.cap is not None:
            basis += f"，最高{format_yuan(spec.cap)}"
        return AmountResult(value, value, basis, tuple(steps))

    if isinstance(spec, AtLeastAmount):
        basis = f"不低于{format_yuan(spec.min)}（上限未规定）"
        return AmountResult(spec.min, None, basis, (basis,))

    if isinstance(spec, UpToAmount):
        top = spec.max
        basis = f"最高{format_yuan(spec.max)}（比例{UNSPECIFIED_NOTE}）"
        if spec.base is not None:
            spent = _number(_eval(spec.base, answers), spec.base)
            if spent < top:
                top = spent
                basis = f"{spec.base_label} {format_yuan(spent)}，资助不超过实际费用且最高{format_yuan(spec.max)}"
        return AmountResult(Decimal(0), top, basis, (basis,))

    if isinstance(spec, RangeAmount):
        basis = f"{format_yuan(spec.min)}至{format_yuan(spec.max)}（具体{UNSPECIFIED_NOTE}）"
        return AmountResult(spec.min, spec.max, basis, (basis,))

    if isinstance(spec, SumAmount):
        parts: list[str] = []
        total = Decimal(0)
        for term in spec.terms:
            count = _number(_eval(term.quantity, answers), term.quantity)
            if count == 0:
                continue
            part = (term.rate * count).quantize(CENT)
            total += part
            times = f"{_unit_rate(term.rate)}/{term.unit} × {count.normalize():f}{term.unit}"
            parts.append(f"{term.label}{times}")
            steps.append(f"{term.label}：{times} = {format_yuan(part)}")
        steps.append(f"合计 {format_yuan(total)}")
        value = _capped(total, spec.cap, steps)
        basis = " + ".join(parts) or "无计数"
        if spec.cap is not None:
            basis += f"，累计最高{format_yuan(spec.cap)}"
        return AmountResult(value, value, basis, tuple(steps))

    if isinstance(spec, FormulaAmount):
        low = _number(_eval(spec.min, answers), spec.min).quantize(CENT)
        high = None if spec.max is None else _number(_eval(spec.max, answers), spec.max).quantize(CENT)
        return AmountResult(low, high, spec.basis, (f"{spec.basis}：{format_range(low, high)}",))

    raise AssertionError(f"unhandled amount kind {spec.kind}")


__all__ = [
    "UNSPECIFIED_NOTE",
    "AmountResult",
    "UnknownValueError",
    "amount_expressions",
    "amount_fields",
    "compute_amount",
    "describe_rule",
    "format_range",
    "format_yuan",
    "potential_range",
]
