"""Decide every measure's status for one enterprise on one reference date, with the reasons."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

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
from desktop_app.domain.expressions import ExpressionError, UnknownValueError, bind
from desktop_app.domain.outcomes import CriterionOutcome, CriterionState, OpenCheck, OpenQuestion, Reason, reason_text
from desktop_app.domain.policy import AUDIENCE_LABELS, Measure, PolicyPack
from desktop_app.domain.profile import DISTRICT_LABELS, EnterpriseProfile
from desktop_app.domain.scope import OutOfScope, out_of_scope
from desktop_app.domain.status import STATUS_ORDER, Status
from desktop_app.domain.wording import what_if_hint

#: Evaluation failures of a pack's own expression: the measure gets its own 无法判断 result, never a crash.
_EVALUATION_ERRORS = (ExpressionError, SecurityError, TypeError, ValueError, ArithmeticError, RecursionError)


@dataclass(frozen=True, slots=True)
class MeasureResult:
    """The verdict on one measure, with everything needed to explain it."""

    compiled: CompiledMeasure
    status: Status
    amount: AmountResult | None
    why: tuple[Reason, ...]
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
    def reasons(self) -> tuple[str, ...]:
        """The reasons worded for people (:func:`reason_text`); what they are about is in ``why``."""
        return tuple(reason_text(r) for r in self.why)

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
    def deciding_fields(self) -> tuple[str, ...]:
        """The fields that decide this result: the unanswered ones for 需补充信息, else the answers it read."""
        if self.status is Status.needs_info:
            return tuple(dict.fromkeys(self.missing))
        deciding = [c for c in self.criteria if c.state == "failed"]
        deciding = deciding or [c for c in self.criteria if c.state in ("held", "check")]
        return tuple(dict.fromkeys(name for c in deciding for name in (*c.values, *c.facts)))

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
    _by_id: dict[str, MeasureResult] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {r.measure.id: r for r in reversed(self.results)})

    def with_status(self, *statuses: Status) -> list[MeasureResult]:
        return [r for r in self.results if r.status in statuses]

    def result_for(self, measure_id: str) -> MeasureResult | None:
        """The full-evaluation result of one measure (cross-measure rules applied), or None if not loaded."""
        return self._by_id.get(measure_id)

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
    confirmable = criterion.confirm is not None
    if state == "failed" and confirmable and criterion.confirm_when is not None:
        try:
            # outside the window the department could still accept, a false expression is simply not met
            confirmable = bool(criterion.confirm_when.evaluate(bind(answers, criterion.confirm_when.fields)))
        except UnknownValueError:
            needed |= {n for n in criterion.confirm_when.fields if answers.get(n) is None}
            state = "unknown"
        except _EVALUATION_ERRORS as exc:
            return CriterionOutcome(criterion.id, criterion.label, "error", values, error=str(exc))
    if state == "failed" and confirmable:
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


def _note(text: str) -> Reason:
    return Reason("note", text)


def _scope_note(why: OutOfScope, compiled: CompiledMeasure, profile: EnterpriseProfile, as_of: dt.date) -> str:
    """Why the measure is out of scope, in one sentence naming the district, the dates or the audience."""
    pack, measure = compiled.pack, compiled.measure
    start, end = pack.validity_of(measure)
    if why is OutOfScope.other_district:
        assert profile.district is not None
        return f"适用于{DISTRICT_LABELS[pack.district.value]}企业，本企业在{profile.district.label}"
    if why is OutOfScope.not_yet_valid:
        return f"自 {start.isoformat()} 起施行，参考日期 {as_of.isoformat()} 尚未施行（有效期至 {end.isoformat()}）"
    if why is OutOfScope.expired:
        return f"有效期 {start.isoformat()} 至 {end.isoformat()}，参考日期 {as_of.isoformat()} 已过期"
    return f"面向{AUDIENCE_LABELS[measure.audience.value]}，不由企业申领"


def _failed(outcome: CriterionOutcome, compiled: CompiledMeasure) -> Reason:
    """不符合：需为增值税小规模纳税人（本企业：否）——《…》第1行, as data."""
    values = tuple(outcome.values.items())
    return Reason("failed", outcome.label, criterion=outcome.id, values=values, source=_source_ref(compiled))


def evaluate_measure(
    compiled: CompiledMeasure, profile: EnterpriseProfile, answers: dict[str, Any], as_of: dt.date
) -> MeasureResult:
    """Decide one measure on its own, before cross-measure rules. Views use :func:`match`, never this alone."""
    measure = compiled.measure
    start, end = compiled.pack.validity_of(measure)
    checks = tuple(measure.manual_checks) + compiled.notes

    def result(status: Status, why: Iterable[Reason], **kw: Any) -> MeasureResult:
        return MeasureResult(
            compiled=compiled,
            status=status,
            amount=kw.get("amount"),
            why=tuple(why),
            missing=tuple(kw.get("missing", ())),
            manual_checks=checks,
            criteria=tuple(kw.get("criteria", ())),
            valid_from=start,
            valid_until=end,
            open_checks=tuple(kw.get("open_checks", ())),
        )

    if measure.review == "draft":
        return result(Status.draft, [_note("草稿（待审核）：本措施由起草工具生成，尚未经人工审核，不作为申请依据")])
    # Validity before anything unanswered: a measure that has ended is 已过期 whatever is still open.
    outside = out_of_scope(compiled, district=profile.district, as_of=as_of)
    if outside is not None:
        return result(outside.status, [_note(_scope_note(outside, compiled, profile, as_of))])
    if profile.district is None:
        return result(Status.needs_info, [_note("尚未填写所在区")], missing=["district"])

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
        why = [_failed(o, compiled) for o in failed]
        why += [_note(o.hint) for o in failed if o.hint]
        return result(Status.not_eligible, why, criteria=outcomes)
    unknown = [o for o in outcomes if o.state == "unknown"]
    if unknown:
        missing = sorted({name for o in unknown for name in o.missing})
        why = [Reason("pending", o.label, criterion=o.id) for o in unknown]
        return result(Status.needs_info, why, missing=missing, criteria=outcomes, open_checks=open_checks)
    errors = [o for o in outcomes if o.state == "error"]
    if errors:
        why = [Reason("error", o.label, criterion=o.id, detail=o.error or "") for o in errors]
        return result(Status.needs_check, why, criteria=outcomes, open_checks=open_checks)

    held = [Reason("held", o.label, criterion=o.id) for o in outcomes if o.state == "held" and not o.confirmed]
    held += [Reason("confirmed", o.confirm or "", criterion=o.id) for o in outcomes if o.confirmed]
    held += [Reason("check", c.text, detail=c.confirmer) for c in open_checks if not c.confirmed]
    held = held or [_note("本措施未设附加条件")]
    try:
        amount = compute_amount(measure.amount, answers)
    except UnknownValueError:
        missing = sorted(name for name in compiled.amount_fields if answers.get(name) is None)
        return result(
            Status.needs_info,
            [*held, _note("金额待补充：计算金额所需的信息尚未填写")],
            missing=missing,
            criteria=outcomes,
            open_checks=open_checks,
        )
    except _EVALUATION_ERRORS as exc:
        return result(
            Status.needs_check,
            [*held, _note(f"无法判断：金额无法计算（{exc}），请向受理部门核实")],
            criteria=outcomes,
            open_checks=open_checks,
        )
    if amount is not None and amount.maximum == 0:
        zero = Reason("unmet", f"按所填信息计算，可得金额为0元（{amount.basis}）", source=_source_ref(compiled))
        return result(Status.not_eligible, [zero], amount=amount, criteria=outcomes, open_checks=open_checks)
    status = Status.needs_check if any(o.state == "check" for o in outcomes) else Status.eligible
    return result(status, held, amount=amount, criteria=outcomes, open_checks=open_checks)


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
                        results[i] = replace(results[i], amount=new_amt, why=(*results[i].why, _note(note)))
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
                        why=(*results[i].why, _note(note)),
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
    zero = Reason("unmet", f"{why}，本项可得金额为0元")
    return replace(result, status=Status.not_eligible, why=(*result.why, zero))


def match(profile: EnterpriseProfile, catalog: Catalog, *, as_of: dt.date) -> MatchReport:
    """Decide every measure of the catalog for ``profile`` on ``as_of``. Every measure appears once."""
    answers = profile.answers()
    results = [evaluate_measure(m, profile, answers, as_of) for m in catalog.measures]
    return MatchReport(as_of=as_of, profile=profile, results=tuple(_apply_rules(results)))


def open_questions(report: MatchReport) -> list[OpenQuestion]:
    """Unanswered fields that could still change a result, most valuable first.

    ``worth`` is the most the field could add in yuan; measures whose amount the document leaves open
    or unspecified count by their known minimum.
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
    return [OpenQuestion(name=n, worth=weight[n], measures=tuple(affects[n])) for n in order]
