"""需补充信息 never waits on a question the wizard will not ask.

A question behind ``show_if`` / ``not_asked_if`` is hidden once its gate says so (外商投资=否 hides 是否获认定
总部). A measure that still needs that hidden answer would stay 需补充信息 for ever, with nothing the user can
do: 青浦 五、2 did, until the pack read foreign_invested itself. This walks every gated question, sets its
gate's fields to each value that hides it, and checks that no measure of any district is left waiting on it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import typing
from typing import Any

import pytest
from pydantic import ValidationError

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.expressions import compile_expression
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.questionnaire import Question, is_ruled_out, is_shown, load_questionnaire

AS_OF = dt.date(2023, 6, 1)


def _candidates(name: str) -> list[Any]:
    """Values worth trying for a gate field: both booleans, zero, every option of a choice."""
    annotation = EnterpriseProfile.model_fields[name].annotation
    options: list[Any] = [False, True, 0, 1]
    for arg in typing.get_args(annotation) or (annotation,):
        if typing.get_origin(arg) is typing.Literal:
            options += list(typing.get_args(arg))
        elif isinstance(arg, type) and issubclass(arg, District):
            options += [d.value for d in arg]
    return options


def _hiding_profiles(question: Question, district: str) -> list[EnterpriseProfile]:
    gates = [g for g in (question.show_if, question.not_asked_if) if g]
    fields = sorted({f for g in gates for f in compile_expression(g).fields})
    out = []
    for values in itertools.product(*(_candidates(f) for f in fields)):
        try:
            profile = EnterpriseProfile.model_validate({"district": district, **dict(zip(fields, values, strict=True))})
        except ValidationError:
            continue
        if not is_shown(question, profile) or is_ruled_out(question, profile):
            out.append(profile)
    return out


GATED = [q for q in load_questionnaire().questions() if q.show_if or q.not_asked_if]


def test_there_are_gated_questions_to_walk() -> None:
    assert len(GATED) >= 20


@pytest.mark.parametrize("question", GATED, ids=[q.id for q in GATED])
def test_a_hidden_question_leaves_no_measure_waiting(catalog: Catalog, question: Question) -> None:
    hiding = [p for d in District for p in _hiding_profiles(question, d.value)]
    assert hiding, f"{question.id}: no value of its gate hides it"
    for profile in hiding:
        for result in match(profile, catalog, as_of=AS_OF).results:
            if result.status is Status.needs_info:
                assert question.id not in result.missing, (
                    f"{result.measure.id} waits on {question.id}, which is hidden when "
                    f"{ {k: v for k, v in profile.answers().items() if v is not None} }"
                )
