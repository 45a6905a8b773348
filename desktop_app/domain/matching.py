"""Decide every measure's status for one enterprise on one reference date, with the reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from desktop_app.domain.amounts import (
    AmountResult,
    compute_amount,
    describe_rule,
    format_range,
    format_yuan,
    potential_range,
)
from desktop_app.domain.catalog import Catalog, CompiledCriterion, CompiledMeasure
from desktop_app.domain.expressions import ExpressionError, Threshold, UnknownValueError, bind
from desktop_app.domain.policy import AUDIENCE_LABELS, Audience, PolicyPack
from desktop_app.domain.profile import DISTRICT_LABELS, EnterpriseProfile, field_title, field_unit


class Status(str, Enum):
    eligible = "eligible"
    needs_info = "needs_info"
    not_eligible = "not_eligible"
    expired = "expired"
    not_applicable = "not_applicable"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.value]


STATUS_LABELS = {
    "eligible": "符合条件",
    "needs_info": "需补充信息",
    "not_eligible": "不符合",
    "expired": "已过期",
    "not_applicable": "不适用",
}

CriterionState = Literal["held", "failed", "unknown"]


@dataclass(frozen=True, slots=True)
class CriterionOutcome:
    id: str
    label: str
    state: CriterionState
    values: dict[str, Any]
    missing: tuple[str, ...] = ()
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """The verdict on one measure, with everything needed to explain it."""

    compiled: CompiledMeasure
    status: Status
    amount: AmountResult | None
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    manual_checks: tuple[str, ...]
    criteria: tuple[CriterionOutcome, ...]
    valid_from: dt.date
    valid_until: dt.date

    @property
    def measure(self) -> Any:
        return self.compiled.measure

    @property
    def pack(self) -> PolicyPack:
        return self.compiled.pack

    @property
    def potential(self) -> tuple[Decimal, Decimal | None] | None:
        """What the measure could be worth, before all answers are in."""
        return potential_range(self.measure.amount)

    @property
    def amount_text(self) -> str:
        if self.amount is not None:
            return format_range(self.amount.minimum, self.amount.maximum)
        if self.status is Status.needs_info:
            bounds = self.potential
            if bounds is not None and bounds[0] > 0 and bounds[0] == bounds[1]:
                return f"可能{format_range(*bounds)}"
        return describe_rule(self.measure.amount)


@dataclass(frozen=True, slots=True)
class MatchReport:
    as_of: dt.date
    profile: EnterpriseProfile
    results: tuple[MeasureResult, ...]

    def with_status(self, *statuses: Status) -> list[MeasureResult]:
        return [r for r in self.results if r.status in statuses]

    def counts(self) -> dict[Status, int]:
        out = {s: 0 for s in Status}
        for r in self.results:
            out[r.status] += 1
        return out

    def total(self) -> tuple[Decimal, Decimal | None]:
        """Sum of eligible amounts: (min, max); max is None when any eligible maximum is open."""
        low, high = Decimal(0), Decimal(0)
        open_max = False
        for r in self.with_status(Status.eligible):
            if r.amount is None:
                continue
            low += r.amount.minimum
            if r.amount.maximum is None:
                open_max = True
            else:
                high += r.amount.maximum
        return low, (None if open_max else high)


def _format_quantity(name: str, value: float) -> str:
    unit = field_unit(name)
    if unit == "元":
        return format_yuan(value)
    number = f"{Decimal(str(value)).normalize():f}"  # 500000000, never 5e+08
    return f"{number}{unit or ''}"


def what_if_hint(threshold: Threshold, value: Any) -> str | None:
    """Say how far a failed numeric threshold is: 技改投入 200万元，未达 300万元门槛（差 100万元）."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if threshold.operator not in (">=", ">") or (threshold.operator == ">" and threshold.value <= 0):
        return None  # a plain "any at all" check; a gap of zero would say nothing
    gap = threshold.value - float(value)
    if threshold.operator == ">" and gap == 0:
        gap_text = "需超过该门槛"
    else:
        gap_text = f"差 {_format_quantity(threshold.field, gap)}"
    return (
        f"{field_title(threshold.field)} {_format_quantity(threshold.field, float(value))}，"
        f"未达 {_format_quantity(threshold.field, threshold.value)}门槛（{gap_text}）"
    )


def _evaluate_criterion(criterion: CompiledCriterion, answers: dict[str, Any]) -> CriterionOutcome:
    values = {name: answers.get(name) for name in sorted(criterion.fields)}
    missing = tuple(name for name, v in values.items() if v is None)
    outcomes: list[bool | None] = []
    for expr in criterion.expressions:
        try:
            outcomes.append(bool(expr.evaluate(bind(answers, expr.fields))))
        except UnknownValueError:
            outcomes.append(None)
        if criterion.any_of and outcomes[-1] is True:
            break
        if not criterion.any_of and outcomes[-1] is False:
            break
    if criterion.any_of:
        state: CriterionState = "held" if True in outcomes else "unknown" if None in outcomes else "failed"
    else:
        state = "failed" if False in outcomes else "unknown" if None in outcomes else "held"
    hint = None
    if state == "failed" and len(criterion.expressions) == 1:
        threshold = criterion.expressions[0].threshold
        if threshold is not None:
            hint = what_if_hint(threshold, answers.get(threshold.field))
    return CriterionOutcome(criterion.id, criterion.label, state, values, missing if state == "unknown" else (), hint)


def _source_ref(compiled: CompiledMeasure) -> str:
    doc = compiled.pack.document
    number = f"（{doc.number}）" if doc.number else ""
    return f"《{doc.title}》{number}{compiled.measure.clause}"


def evaluate_measure(
    compiled: CompiledMeasure, profile: EnterpriseProfile, answers: dict[str, Any], as_of: dt.date
) -> MeasureResult:
    """Decide one measure. ``answers`` is ``profile.answers()``, passed in so it is built once."""
    measure, pack = compiled.measure, compiled.pack
    start, end = pack.validity_of(measure)
    checks = tuple(measure.manual_checks) + compiled.notes

    def result(status: Status, reasons: Iterable[str], **kw: Any) -> MeasureResult:
        return MeasureResult(
            compiled=compiled,
            status=status,
            amount=kw.get("amount"),
            reasons=tuple(reasons),
            missing=tuple(kw.get("missing", ())),
            manual_checks=checks,
            criteria=tuple(kw.get("criteria", ())),
            valid_from=start,
            valid_until=end,
        )

    if measure.audience is not Audience.enterprise:
        return result(Status.not_applicable, [f"面向{AUDIENCE_LABELS[measure.audience.value]}，不由企业申领"])
    district = profile.district
    if district is None:
        return result(Status.needs_info, ["尚未填写所在区"], missing=["district"])
    if district.value != pack.district.value:
        return result(
            Status.not_applicable,
            [f"适用于{DISTRICT_LABELS[pack.district.value]}企业，本企业在{district.label}"],
        )
    if not (start <= as_of <= end):
        when = "尚未施行" if as_of < start else "已过期"
        return result(
            Status.expired,
            [f"有效期 {start.isoformat()} 至 {end.isoformat()}，参考日期 {as_of.isoformat()} {when}"],
        )

    outcomes = [_evaluate_criterion(c, answers) for c in compiled.criteria]
    failed = [o for o in outcomes if o.state == "failed"]
    if failed:
        reasons = [f"不符合：{o.label}（{_source_ref(compiled)}）" for o in failed]
        reasons += [o.hint for o in failed if o.hint]
        return result(Status.not_eligible, reasons, criteria=outcomes)
    unknown = [o for o in outcomes if o.state == "unknown"]
    if unknown:
        missing = sorted({name for o in unknown for name in o.missing})
        reasons = [f"待确认：{o.label}" for o in unknown]
        return result(Status.needs_info, reasons, missing=missing, criteria=outcomes)

    held_reasons = [f"符合：{o.label}" for o in outcomes] or ["本措施未设附加条件"]
    try:
        amount = compute_amount(measure.amount, answers)
    except UnknownValueError:
        missing = sorted(name for name in compiled.amount_fields if answers.get(name) is None)
        return result(
            Status.needs_info,
            [*held_reasons, "金额待补充：计算金额所需的信息尚未填写"],
            missing=missing,
            criteria=outcomes,
        )
    except (ExpressionError, TypeError, ArithmeticError) as exc:
        return result(
            Status.needs_info,
            [*held_reasons, f"金额无法计算：{exc}"],
            criteria=outcomes,
        )
    return result(Status.eligible, held_reasons, amount=amount, criteria=outcomes)


def _apply_rules(results: list[MeasureResult]) -> list[MeasureResult]:
    """Apply caps and 就高不重复 rules that span measures of one pack."""
    index = {r.measure.id: i for i, r in enumerate(results)}
    packs = {r.pack.id: r.pack for r in results}
    for pack in packs.values():
        for rule in pack.rules:
            members = [
                index[m]
                for m in rule.measures
                if m in index and results[index[m]].status is Status.eligible and results[index[m]].amount is not None
            ]
            if len(members) < 2:
                continue
            if rule.kind == "cap_total" and rule.cap is not None:
                remaining = rule.cap
                for i in members:
                    amt = results[i].amount
                    assert amt is not None
                    if amt.maximum is None:
                        continue
                    new_max = min(amt.maximum, max(remaining, Decimal(0)))
                    remaining -= new_max
                    if new_max != amt.maximum:
                        note = (
                            f"{rule.label}：与同类奖励合计不超过{format_yuan(rule.cap)}，本项按{format_yuan(new_max)}计"
                        )
                        new_amt = AmountResult(
                            min(amt.minimum, new_max), new_max, f"{amt.basis}；{note}", (*amt.steps, note)
                        )
                        results[i] = replace(results[i], amount=new_amt, reasons=(*results[i].reasons, note))
            elif rule.kind == "highest_only":

                def top(i: int) -> Decimal:
                    amt = results[i].amount
                    assert amt is not None
                    return amt.maximum if amt.maximum is not None else amt.minimum

                best = max(members, key=top)
                for i in members:
                    if i == best:
                        continue
                    amt = results[i].amount
                    assert amt is not None
                    note = f"{rule.label}：就高不重复，按“{results[best].measure.title}”计，本项不另计"
                    results[i] = replace(
                        results[i],
                        amount=AmountResult(Decimal(0), Decimal(0), f"{amt.basis}；{note}", amt.steps),
                        reasons=(*results[i].reasons, note),
                    )
    return results


def match(profile: EnterpriseProfile, catalog: Catalog, *, as_of: dt.date) -> MatchReport:
    """Decide every measure of the catalog for ``profile`` on ``as_of``. Every measure appears once."""
    answers = profile.answers()
    results = [evaluate_measure(m, profile, answers, as_of) for m in catalog.measures]
    return MatchReport(as_of=as_of, profile=profile, results=tuple(_apply_rules(results)))


def open_questions(report: MatchReport) -> list[tuple[str, Decimal, list[str]]]:
    """Unanswered fields that could still change a result, most valuable first.

    Each entry is (field, the most it could add in yuan, the measure ids it affects). Measures
    whose amount the document leaves open or unspecified count by their known minimum.
    """
    weight: dict[str, Decimal] = {}
    affects: dict[str, list[str]] = {}
    for r in report.with_status(Status.needs_info):
        bounds = r.potential
        worth = Decimal(0) if bounds is None else (bounds[1] if bounds[1] is not None else bounds[0])
        for name in r.missing:
            weight[name] = weight.get(name, Decimal(0)) + worth
            affects.setdefault(name, []).append(r.measure.id)
    order = sorted(weight, key=lambda n: (-weight[n], -len(affects[n]), n))
    return [(n, weight[n], affects[n]) for n in order]
