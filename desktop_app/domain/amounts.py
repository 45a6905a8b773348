"""Amount formulas: compute a measure's minimum and maximum in yuan, with a basis a person can check."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Generic, TypeVar

from desktop_app.domain.expressions import bind, compile_expression
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
S = TypeVar("S")
C = TypeVar("C", bound=PerUnitAmount | MatchAmount | SumAmount)


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


def _capped(value: Decimal, cap: Decimal | None, steps: list[str]) -> Decimal:
    if cap is not None and value > cap:
        steps.append(f"超过上限，按最高{format_yuan(cap)}计")
        return cap
    return value


def _worded(text: str, spec: AmountSpec | None, cap: Decimal | None = None) -> str:
    """``text`` with the cap (and the spec's bonus) appended: …，最高200万元；新纳入名录库另加20%."""
    if cap is not None:
        text += f"，最高{format_yuan(cap)}"
    if spec is not None and spec.bonus is not None:
        text += f"；{spec.bonus.label}另加{_percent(spec.bonus.percent)}"
    return text


def _single(low: Decimal, high: Decimal | None, basis: str) -> AmountResult:
    return AmountResult(low, high, basis, (basis,))


def _span(values: list[Decimal]) -> tuple[Decimal, Decimal]:
    return min(values), max(values)


def _per_unit(spec: PerUnitAmount, answers: Mapping[str, Any]) -> AmountResult:
    quantity = _number(_eval(spec.quantity, answers), spec.quantity)
    raw = (spec.rate * quantity).quantize(CENT)
    basis = f"{_unit_rate(spec.rate)}/{spec.unit} × {quantity.normalize():f}{spec.unit}"
    steps = [f"{basis} = {format_yuan(raw)}"]
    value = _capped(raw, spec.cap, steps)
    return AmountResult(value, value, _worded(basis, None, spec.cap), tuple(steps))


def _percent_of(spec: PercentAmount, answers: Mapping[str, Any]) -> AmountResult:
    steps: list[str] = []
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
        steps.append(f"原文只给比例上限，实际比例由受理部门核定，在0至{_percent(rate)}之间")
    basis = _worded(basis, None, cap)
    low = Decimal(0) if spec.up_to else value
    contested = spec.contested_cap
    if contested is not None and not rate_label and value > contested:
        # 青浦 六、4: one reading puts 最高200万元 on this rate too; show the span both readings allow.
        steps.append(f"若“最高{format_yuan(contested)}”也适用于本档：按最高{format_yuan(contested)}计")
        basis += f"（另一种理解下最高{format_yuan(contested)}）"
        low = min(low, contested)
    return AmountResult(low, value, basis, tuple(steps))


def _describe_percent(spec: PercentAmount) -> str:
    text = _worded(f"{spec.base_label}的{'不高于' if spec.up_to else ''}{_percent(spec.rate)}", None, spec.cap)
    for alternative in spec.rate_when:
        alt_cap = f"，最高{format_yuan(alternative.cap)}" if alternative.cap is not None else ""
        text += f"（{alternative.label}{_percent(alternative.rate)}{alt_cap}）"
    return _worded(text, spec)


def _percent_bounds(spec: PercentAmount) -> tuple[Decimal, Decimal | None]:
    caps = [spec.cap] + [r.cap if r.cap is not None else spec.cap for r in spec.rate_when]
    return Decimal(0), None if None in caps else max(c for c in caps if c is not None)


def _tiers(spec: TiersAmount, answers: Mapping[str, Any]) -> AmountResult:
    value = _number(_eval(spec.value, answers), spec.value)
    reached = [t for t in spec.tiers if (t.min is None or value >= t.min) and (t.above is None or value > t.above)]
    chosen = reached[-1] if reached else None  # the highest tier listed whose bound the value reaches
    if chosen is None:
        return _single(Decimal(0), Decimal(0), f"{spec.value_label} {format_yuan(value)}，未达到最低档")
    bound = "起始档"
    if chosen.min is not None:
        bound = f"≥{format_yuan(chosen.min)}"
    elif chosen.above is not None:
        bound = f">{format_yuan(chosen.above)}"
    basis = f"{spec.value_label} {format_yuan(value)}（{bound}档），对应{format_yuan(chosen.amount)}"
    return _single(chosen.amount, chosen.amount, basis)


def _lookup(spec: LookupAmount, answers: Mapping[str, Any]) -> AmountResult:
    key_text = str(_eval(spec.key, answers))
    label = spec.labels.get(key_text, key_text)
    if key_text not in spec.table:
        return _single(Decimal(0), Decimal(0), f"{spec.key_label}：{label}，不在奖励档位内")
    amount = spec.table[key_text]
    return _single(amount, amount, f"{spec.key_label}：{label}，对应{format_yuan(amount)}")


def _match(spec: MatchAmount, answers: Mapping[str, Any]) -> AmountResult:
    base = _number(_eval(spec.base, answers), spec.base)
    raw = (base * spec.ratio).quantize(CENT)
    basis = f"{spec.base_label} {format_yuan(base)} 按 1:{spec.ratio.normalize():f} 配套"
    steps = [f"{basis} = {format_yuan(raw)}"]
    value = _capped(raw, spec.cap, steps)
    return AmountResult(value, value, _worded(basis, None, spec.cap), tuple(steps))


def _up_to(spec: UpToAmount, answers: Mapping[str, Any]) -> AmountResult:
    top = spec.max
    basis = f"最高{format_yuan(spec.max)}（比例{UNSPECIFIED_NOTE}）"
    if spec.base is not None:
        spent = _number(_eval(spec.base, answers), spec.base)
        if spent < top:
            top = spent
            basis = f"{spec.base_label} {format_yuan(spent)}，资助不超过实际费用且最高{format_yuan(spec.max)}"
    return _single(Decimal(0), top, basis)


def _sum(spec: SumAmount, answers: Mapping[str, Any]) -> AmountResult:
    steps: list[str] = []
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


def _formula(spec: FormulaAmount, answers: Mapping[str, Any]) -> AmountResult:
    low = _number(_eval(spec.min, answers), spec.min).quantize(CENT)
    high = None if spec.max is None else _number(_eval(spec.max, answers), spec.max).quantize(CENT)
    return AmountResult(low, high, spec.basis, (f"{spec.basis}：{format_range(low, high)}",))


@dataclass(frozen=True)  # no slots: AmountKind[X](...) sets __orig_class__
class AmountKind(Generic[S]):
    """What one amount kind does (a new kind in policy.py needs one entry in :data:`KINDS`); ``bounds`` is None
    where no figure can be shown in advance, ``compute`` None where the document gives no figure (NoAmount)."""

    expressions: Callable[[S], list[str]]
    describe: Callable[[S], str]
    bounds: Callable[[S], tuple[Decimal, Decimal | None]] | None
    compute: Callable[[S, Mapping[str, Any]], AmountResult] | None


def _capped_kind(
    _model: type[C],
    expressions: Callable[[C], list[str]],
    words: Callable[[C], str],
    compute: Callable[[C, Mapping[str, Any]], AmountResult],
) -> AmountKind[Any]:
    """A kind worth 0 up to its ``cap`` before the answers are in, its cap named after its rule. ``_model`` fixes
    ``C``, so mypy checks the lambdas against it (an ``AmountKind[Any]`` context would not)."""
    return AmountKind(expressions, lambda s: _worded(words(s), s, s.cap), lambda s: (Decimal(0), s.cap), compute)


#: kind → its handler; tests check that every kind of :data:`AmountSpec` has one.
KINDS: dict[str, AmountKind[Any]] = {
    "fixed": AmountKind[FixedAmount](
        expressions=lambda s: [],
        describe=lambda s: _worded(format_yuan(s.value), s),
        bounds=lambda s: (s.value, s.value),
        compute=lambda s, _a: _single(s.value, s.value, f"定额{format_yuan(s.value)}"),
    ),
    "per_unit": _capped_kind(
        PerUnitAmount, lambda s: [s.quantity], lambda s: f"{_unit_rate(s.rate)}/{s.unit}", _per_unit
    ),
    "percent": AmountKind[PercentAmount](
        expressions=lambda s: [s.base, *(r.when for r in s.rate_when)],
        describe=_describe_percent,
        bounds=_percent_bounds,
        compute=_percent_of,
    ),
    "tiers": AmountKind[TiersAmount](
        expressions=lambda s: [s.value],
        describe=lambda s: _worded(f"{format_range(*_span([t.amount for t in s.tiers]))}（分档）", s),
        bounds=lambda s: _span([t.amount for t in s.tiers]),
        compute=_tiers,
    ),
    "lookup": AmountKind[LookupAmount](
        expressions=lambda s: [s.key],
        describe=lambda s: _worded(f"{format_range(*_span(list(s.table.values())))}（分档）", s),
        bounds=lambda s: _span(list(s.table.values())),
        compute=_lookup,
    ),
    "match": _capped_kind(
        MatchAmount, lambda s: [s.base], lambda s: f"{s.base_label}按1:{s.ratio.normalize():f}配套", _match
    ),
    "at_least": AmountKind[AtLeastAmount](
        expressions=lambda s: [],
        describe=lambda s: _worded(f"不低于{format_yuan(s.min)}", s),
        bounds=lambda s: (s.min, None),
        compute=lambda s, _a: _single(s.min, None, f"不低于{format_yuan(s.min)}（上限未规定）"),
    ),
    "up_to": AmountKind[UpToAmount](
        expressions=lambda s: [] if s.base is None else [s.base],
        describe=lambda s: _worded(f"最高{format_yuan(s.max)}", s),
        bounds=lambda s: (Decimal(0), s.max),
        compute=_up_to,
    ),
    "range": AmountKind[RangeAmount](
        expressions=lambda s: [],
        describe=lambda s: _worded(format_range(s.min, s.max), s),
        bounds=lambda s: (s.min, s.max),
        compute=lambda s, _a: _single(
            s.min, s.max, f"{format_yuan(s.min)}至{format_yuan(s.max)}（具体{UNSPECIFIED_NOTE}）"
        ),
    ),
    "none": AmountKind[NoAmount](
        expressions=lambda s: [], describe=lambda s: s.note or UNSPECIFIED_NOTE, bounds=None, compute=None
    ),
    "sum": _capped_kind(
        SumAmount,
        lambda s: [t.quantity for t in s.terms],
        lambda s: "、".join(f"{t.label}{_unit_rate(t.rate)}/{t.unit}" for t in s.terms),
        _sum,
    ),
    "formula": AmountKind[FormulaAmount](
        expressions=lambda s: [s.min] + ([s.max] if s.max else []),
        describe=lambda s: _worded(s.basis, s),
        bounds=None,
        compute=_formula,
    ),
}


def amount_expressions(spec: AmountSpec) -> list[str]:
    """Every expression in a formula, for load-time checks."""
    out = KINDS[spec.kind].expressions(spec)
    return [*out, spec.bonus.when] if spec.bonus is not None else out


def amount_fields(spec: AmountSpec) -> frozenset[str]:
    """The profile fields a formula reads."""
    out: set[str] = set()
    for text in amount_expressions(spec):
        out |= compile_expression(text).fields
    return frozenset(out)


def potential_range(spec: AmountSpec) -> tuple[Decimal, Decimal | None] | None:
    """What the measure could be worth before the answers are in, or None if the document gives no figure."""
    bounds_of = KINDS[spec.kind].bounds
    if bounds_of is None:
        return None
    bounds = bounds_of(spec)
    if spec.bonus is not None and bounds[1] is not None:
        bounds = (bounds[0], bounds[1] * (1 + spec.bonus.percent))
    return bounds


def describe_rule(spec: AmountSpec) -> str:
    """The formula in words, before any answer: 2000元/人；8%，最高200万元；1:1配套，最高150万元."""
    return KINDS[spec.kind].describe(spec)


def compute_amount(spec: AmountSpec, answers: Mapping[str, Any]) -> AmountResult | None:
    """Compute the amount from the answers. Returns None where the document gives no figure.

    Raises :class:`~desktop_app.domain.expressions.UnknownValueError` when an input is unanswered.
    """
    compute = KINDS[spec.kind].compute
    if compute is None:
        return None
    result = compute(spec, answers)
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


__all__ = [
    "KINDS",
    "UNSPECIFIED_NOTE",
    "AmountKind",
    "AmountResult",
    "amount_expressions",
    "amount_fields",
    "compute_amount",
    "describe_rule",
    "format_range",
    "format_yuan",
    "potential_range",
]
