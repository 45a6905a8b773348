"""Decide every measure's status for one enterprise on one reference date, with the reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from enum import Enum
from typing import Any, Literal

from jinja2.exceptions import SecurityError

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
from desktop_app.domain.policy import AUDIENCE_LABELS, Audience, Measure, PolicyPack
from desktop_app.domain.profile import DISTRICT_LABELS, EnterpriseProfile, field_title, field_unit
from desktop_app.domain.status import STATUS_ORDER, Status

CriterionState = Literal["held", "failed", "unknown", "check", "error"]

#: Evaluation failures of a pack's own expression: the measure gets its own 无法判断 result, never a crash.
_EVALUATION_ERRORS = (ExpressionError, SecurityError, TypeError, ValueError, ArithmeticError, RecursionError)


@dataclass(frozen=True, slots=True)
class CriterionOutcome:
    """How one criterion came out; ``facts`` are the answers that decided it (any_of: the alternatives that held)."""

    id: str
    label: str
    state: CriterionState
    values: dict[str, Any]
    missing: tuple[str, ...] = ()
    hint: str | None = None
    facts: dict[str, Any] = field(default_factory=dict)
    confirm: str | None = None
    confirmed: bool = False
    error: str | None = None


@dataclass(frozen=True, slots=True)
class OpenCheck:
    """A condition only the department can settle; ``key`` is what the profile's ``confirmations`` hold."""

    key: str
    text: str
    confirmer: str
    confirmed: bool


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
    open_checks: tuple[OpenCheck, ...] = ()

    @property
    def measure(self) -> Measure:
        return self.compiled.measure

    @property
    def pack(self) -> PolicyPack:
        return self.compiled.pack

    @property
    def reading_note(self) -> str | None:
        return self.compiled.measure.reading_note

    @property
    def confirmed_checks(self) -> tuple[str, ...]:
        """The department-settled conditions the user has ticked as confirmed (a letter may state them)."""
        return tuple(c.text for c in self.open_checks if c.confirmed)

    @property
    def unconfirmed_checks(self) -> tuple[OpenCheck, ...]:
        return tuple(c for c in self.open_checks if not c.confirmed)

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

    def result_for(self, measure_id: str) -> MeasureResult | None:
        """The full-evaluation result of one measure (cross-measure rules applied), or None if not loaded."""
        return next((r for r in self.results if r.measure.id == measure_id), None)

    def counts(self) -> dict[Status, int]:
        out = {s: 0 for s in STATUS_ORDER}
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


def _format_quantity(name: str, value: float | Decimal) -> str:
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
    if threshold.field.endswith("_year"):
        return None  # a recognition year is not a gap to close: the reason already says which years count
    # Decimal from the decimal text of each side: 400 − 399.9 is 0.1, never 0.10000000000002274.
    limit, have = Decimal(str(threshold.value)), Decimal(str(value))
    gap = limit - have
    if threshold.operator == ">" and gap == 0:
        gap_text = "需超过该门槛"
    else:
        gap_text = f"差 {_format_quantity(threshold.field, gap)}"
    return (
        f"{field_title(threshold.field)} {_format_quantity(threshold.field, have)}，"
        f"未达 {_format_quantity(threshold.field, limit)}门槛（{gap_text}）"
    )


def value_text(value: Any) -> str:
    """An answer as a person reads it: 是 / 否 / 金山区 / 200万元 / 未回答."""
    if value is None:
        return "未回答"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(value_text(v) for v in value) or "无"
    return str(getattr(value, "label", None) or getattr(value, "value", value))


def answer_text(name: str, value: Any) -> str:
    """An answer of field ``name`` as the questionnaire words it: 软件和信息技术服务业, 200万元, 是."""
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return _format_quantity(name, value)
    if isinstance(value, str) and not isinstance(value, Enum):
        from desktop_app.domain.questionnaire import load_questionnaire  # the wording lives in forms/

        question = load_questionnaire().question(name)
        if question is not None and question.options:
            return question.option_label(value)
    return value_text(value)


def _facts_text(name: str, value: Any) -> str:
    return f"{field_title(name)}：{answer_text(name, value)}"


def _evaluate_criterion(criterion: CompiledCriterion, answers: dict[str, Any], *, confirmed: bool) -> CriterionOutcome:
    values = {name: answers.get(name) for name in sorted(criterion.fields)}
    # Ask only what an undecided expression needs: a branch already settled without a field does not ask for it.
    needed: set[str] = set()
    outcomes: list[bool | None] = []
    held_fields: set[str] = set()
    try:
        for expr in criterion.expressions:
            try:
                outcomes.append(bool(expr.evaluate(bind(answers, expr.fields))))
            except UnknownValueError:
                outcomes.append(None)
                needed |= {name for name in expr.fields if answers.get(name) is None}
            if outcomes[-1] is True:
                held_fields |= expr.fields
            if criterion.any_of and outcomes[-1] is True:
                break
            if not criterion.any_of and outcomes[-1] is False:
                break
    except _EVALUATION_ERRORS as exc:
        return CriterionOutcome(criterion.id, criterion.label, "error", values, error=str(exc) or type(exc).__name__)
    if not criterion.expressions:
        state: CriterionState = "failed"  # a confirm-only criterion: nothing the enterprise answers settles it
    elif criterion.any_of:
        state = "held" if True in outcomes else "unknown" if None in outcomes else "failed"
    else:
        state = "failed" if False in outcomes else "unknown" if None in outcomes else "held"
    hint = None
    if state == "failed" and criterion.confirm is not None:
        state = "held" if confirmed else "check"
    elif state == "failed" and len(criterion.expressions) == 1:
        threshold = criterion.expressions[0].threshold
        if threshold is not None:
            hint = what_if_hint(threshold, answers.get(threshold.field))
    facts_from = held_fields if criterion.any_of else set(values)
    facts = {n: values[n] for n in sorted(facts_from) if values.get(n) is not None}
    return CriterionOutcome(
        criterion.id,
        criterion.label,
        state,
        values,
        tuple(sorted(needed)) if state == "unknown" else (),
        hint,
        facts,
        criterion.confirm,
        confirmed and criterion.confirm is not None and state == "held",
    )


def _source_ref(compiled: CompiledMeasure) -> str:
    doc = compiled.pack.document
    number = f"（{doc.number}）" if doc.number else ""
    return f"《{doc.title}》{number}{compiled.measure.clause}"


def _failed_reason(outcome: CriterionOutcome, compiled: CompiledMeasure) -> str:
    """不符合：需为增值税小规模纳税人（本企业：增值税小规模纳税人：否）——《…》第1行."""
    have = "；".join(_facts_text(n, v) for n, v in outcome.values.items() if v is not None)
    mine = f"（本企业{have}）" if have and len(outcome.values) > 1 else ""
    if have and len(outcome.values) == 1:
        name, value = next(iter(outcome.values.items()))
        mine = f"（本企业：{answer_text(name, value)}）"
    return f"不符合：需{outcome.label}{mine}——{_source_ref(compiled)}"


def evaluate_measure(
    compiled: CompiledMeasure, profile: EnterpriseProfile, answers: dict[str, Any], as_of: dt.date
) -> MeasureResult:
    """Decide one measure on its own, before cross-measure rules. Views use :func:`match`, never this alone."""
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
            open_checks=tuple(kw.get("open_checks", ())),
        )

    if measure.review == "draft":
        return result(Status.draft, ["草稿（待审核）：本措施由起草工具生成，尚未经人工审核，不作为申请依据"])
    district = profile.district
    if district is not None and district.value != pack.district.value:
        return result(
            Status.not_applicable,
            [f"适用于{DISTRICT_LABELS[pack.district.value]}企业，本企业在{district.label}"],
        )
    # Validity before anything unanswered: a measure that has ended is 已过期 whatever is still open.
    if as_of < start:
        return result(
            Status.not_yet_valid,
            [f"自 {start.isoformat()} 起施行，参考日期 {as_of.isoformat()} 尚未施行（有效期至 {end.isoformat()}）"],
        )
    if as_of > end:
        return result(
            Status.expired,
            [f"有效期 {start.isoformat()} 至 {end.isoformat()}，参考日期 {as_of.isoformat()} 已过期"],
        )
    if measure.audience is not Audience.enterprise:
        return result(Status.not_applicable, [f"面向{AUDIENCE_LABELS[measure.audience.value]}，不由企业申领"])
    if district is None:
        return result(Status.needs_info, ["尚未填写所在区"], missing=["district"])

    ticked = set(profile.confirmations or ())
    outcomes = [_evaluate_criterion(c, answers, confirmed=f"{measure.id}:{c.id}" in ticked) for c in compiled.criteria]
    confirmer = "、".join(measure.contact.units)
    by_id = {c.id: c for c in measure.criteria}
    open_checks = [
        OpenCheck(f"{measure.id}:{o.id}", o.confirm, by_id[o.id].confirmer or confirmer, o.confirmed)
        for o in outcomes
        if o.confirm is not None and o.state in ("check", "held") and (o.state == "check" or o.confirmed)
    ]
    failed = [o for o in outcomes if o.state == "failed"]
    if failed:
        reasons = [_failed_reason(o, compiled) for o in failed]
        reasons += [o.hint for o in failed if o.hint]
        return result(Status.not_eligible, reasons, criteria=outcomes)
    unknown = [o for o in outcomes if o.state == "unknown"]
    if unknown:
        missing = sorted({name for o in unknown for name in o.missing})
        reasons = [f"待回答：{o.label}" for o in unknown]
        return result(Status.needs_info, reasons, missing=missing, criteria=outcomes, open_checks=open_checks)
    errors = [o for o in outcomes if o.state == "error"]
    if errors:
        reasons = [f"无法判断：{o.label}（政策包中的条件无法计算：{o.error}，请向受理部门核实）" for o in errors]
        return result(Status.needs_check, reasons, criteria=outcomes, open_checks=open_checks)

    held_reasons = [f"符合：{o.label}" for o in outcomes if o.state == "held" and not o.confirmed]
    held_reasons += [f"已向受理部门确认：{o.confirm}" for o in outcomes if o.confirmed]
    held_reasons += [f"待核实：{c.text}（须由{c.confirmer}确认）" for c in open_checks if not c.confirmed]
    held_reasons = held_reasons or ["本措施未设附加条件"]
    try:
        amount = compute_amount(measure.amount, answers)
    except UnknownValueError:
        missing = sorted(name for name in compiled.amount_fields if answers.get(name) is None)
        return result(
            Status.needs_info,
            [*held_reasons, "金额待补充：计算金额所需的信息尚未填写"],
            missing=missing,
            criteria=outcomes,
            open_checks=open_checks,
        )
    except _EVALUATION_ERRORS as exc:
        return result(
            Status.needs_check,
            [*held_reasons, f"无法判断：金额无法计算（{exc}），请向受理部门核实"],
            criteria=outcomes,
            open_checks=open_checks,
        )
    if amount is not None and amount.maximum == 0:
        return result(
            Status.not_eligible,
            [f"不符合：按所填信息计算，可得金额为0元（{amount.basis}）——{_source_ref(compiled)}"],
            amount=amount,
            criteria=outcomes,
            open_checks=open_checks,
        )
    status = Status.needs_check if any(o.state == "check" for o in outcomes) else Status.eligible
    return result(status, held_reasons, amount=amount, criteria=outcomes, open_checks=open_checks)


def _apply_rules(results: list[MeasureResult]) -> list[MeasureResult]:
    """Apply caps and 就高不重复 rules that span measures of one pack."""
    index = {r.measure.id: i for i, r in enumerate(results)}
    packs = {r.pack.id: r.pack for r in results}
    for pack in packs.values():
        for rule in pack.rules:
            members = [
                index[m]
                for m in rule.measures
                if m in index and results[index[m]].status in _PAYABLE and results[index[m]].amount is not None
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
    return [_zero_is_not_eligible(r) for r in results]


#: Statuses whose amount counts: eligible, and eligible but for a department's confirmation.
_PAYABLE = (Status.eligible, Status.needs_check)


def _zero_is_not_eligible(result: MeasureResult) -> MeasureResult:
    """A cross-measure rule that leaves a measure nothing (cap used up, 就高不重复) makes it not eligible."""
    amount = result.amount
    if result.status not in _PAYABLE or amount is None or amount.maximum != 0:
        return result
    why = amount.steps[-1] if amount.steps else amount.basis
    return replace(result, status=Status.not_eligible, reasons=(*result.reasons, f"不符合：{why}，本项可得金额为0元"))


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
