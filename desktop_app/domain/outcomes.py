"""The parts of a verdict: how each criterion came out, the reasons as data, open checks and open questions.

A :class:`Reason` keeps what it is about (the criterion, what it asks, the answers that decided it,
the clause it cites) apart from its wording; :func:`reason_text` is the one place that words it, so the
CLI, the results page and the letters say the same thing and nothing has to parse a sentence apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

from desktop_app.domain.profile import field_title
from desktop_app.domain.wording import answer_text

CriterionState = Literal["held", "failed", "unknown", "check", "error"]

#: failed: a criterion is not met; unmet: the measure is not met for another reason (its amount is 0元);
#: held / confirmed / check / pending / error: a criterion held, was confirmed, awaits the department,
#: awaits an answer, or cannot be evaluated; note: a sentence about the measure as a whole.
ReasonKind = Literal["failed", "unmet", "held", "confirmed", "check", "pending", "error", "note"]


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
class Reason:
    """One reason for a verdict, as data.

    ``expected`` is what the criterion asks (its label) or, for ``unmet`` and ``note``, the whole point;
    ``values`` are the enterprise's answers to the criterion's fields (None: not answered); ``detail`` is
    the evaluation error (``error``) or who must confirm (``check``); ``source`` cites the clause.
    """

    kind: ReasonKind
    expected: str
    criterion: str | None = None
    values: tuple[tuple[str, Any], ...] = ()
    detail: str = ""
    source: str = ""

    @property
    def not_met(self) -> bool:
        """True for a reason the measure is not met (a criterion failed, or the amount comes to 0元)."""
        return self.kind in ("failed", "unmet")


def _answers_text(values: tuple[tuple[str, Any], ...]) -> str:
    """（本企业：否） for one answer, （本企业增值税小规模纳税人：否；…） for several, empty when none is given."""
    given = [(name, value) for name, value in values if value is not None]
    if not given:
        return ""
    if len(values) == 1:
        return f"（本企业：{answer_text(*given[0])}）"
    return "（本企业" + "；".join(f"{field_title(n)}：{answer_text(n, v)}" for n, v in given) + "）"


def unmet_text(reason: Reason) -> str:
    """What was not met, without the citation: 需为增值税小规模纳税人（本企业：否）."""
    if reason.kind == "failed":
        return f"需{reason.expected}{_answers_text(reason.values)}"
    return reason.expected


def reason_text(reason: Reason) -> str:
    """The reason as one sentence: 不符合：需…（本企业：…）——《…》第1行, 符合：…, 待回答：…."""
    cited = f"——{reason.source}" if reason.source else ""
    if reason.not_met:
        return f"不符合：{unmet_text(reason)}{cited}"
    if reason.kind == "held":
        return f"符合：{reason.expected}"
    if reason.kind == "confirmed":
        return f"已向受理部门确认：{reason.expected}"
    if reason.kind == "check":
        return f"待核实：{reason.expected}（须由{reason.detail}确认）"
    if reason.kind == "pending":
        return f"待回答：{reason.expected}"
    if reason.kind == "error":
        return f"无法判断：{reason.expected}（政策包中的条件无法计算：{reason.detail}，请向受理部门核实）"
    return reason.expected


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    """An unanswered field that could still change a result: the most it could add, and the measures it affects."""

    name: str
    worth: Decimal
    measures: tuple[str, ...]
