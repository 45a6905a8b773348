"""The questionnaire as data (forms/questionnaire.yaml): pages, questions, and which of them to ask."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from desktop_app import paths
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.expressions import UnknownValueError, bind, compile_expression
from desktop_app.domain.profile import EnterpriseProfile, Topic, field_unit
from desktop_app.errors import UserError

QuestionType = Literal["text", "integer", "money", "number", "percent", "date", "choice", "multi", "yesno", "year"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    value: str | int | bool
    label: str
    label_en: str | None = None

    def text(self, language: str = "zh_CN") -> str:
        return (self.label_en or self.label) if language == "en" else self.label


class Question(_Strict):
    """One question; ``id`` is the profile field it fills."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    label: str
    help: str = ""
    type: QuestionType
    options: list[Option] = Field(default_factory=list)
    unit: str | None = None
    display_unit: str | None = Field(None, description="e.g. 万元 shown while 元 is stored")
    min: float | None = None
    max: float | None = None
    show_if: str | None = None
    #: Not asked once the answers so far make this true (an unknown answer keeps the question): the
    #: question's own wording limits it, e.g. 限额以上批发、零售、住宿、餐饮企业 only for those industries.
    not_asked_if: str | None = None
    required: bool = False
    label_en: str | None = None
    help_en: str | None = None
    #: Help quoting one district's own clause (its dates, its wording), shown instead of ``help`` there.
    help_by_district: dict[str, str] = Field(default_factory=dict)

    def text(self, language: str = "zh_CN") -> str:
        """The label in the interface language (English where the questionnaire gives one)."""
        return (self.label_en or self.label) if language == "en" else self.label

    def help_text(self, district: str | None = None, language: str = "zh_CN") -> str:
        if language == "en" and self.help_en is not None:
            return self.help_en
        if district is not None and district in self.help_by_district:
            return self.help_by_district[district]
        if district is None and self.help_by_district and not self.help:
            return "；".join(self.help_by_district.values())
        return self.help

    @model_validator(mode="after")
    def _options_for_choices(self) -> Question:
        if self.type in ("choice", "multi") and not self.options:
            raise ValueError(f"question {self.id}: choice questions need options")
        return self

    def option_label(self, value: Any) -> str:
        for option in self.options:
            if option.value == value:
                return option.label
        return str(value)


class Page(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9_]+$")]
    title: str
    intro: str = ""
    title_en: str | None = None
    intro_en: str | None = None
    topic: Topic | None = None
    questions: list[Question] = Field(min_length=1)


class TopicInfo(_Strict):
    id: Topic
    label: str
    help: str = ""
    label_en: str | None = None
    help_en: str | None = None


class Questionnaire(_Strict):
    topics: list[TopicInfo]
    pages: list[Page]

    @model_validator(mode="after")
    def _fields_exist(self) -> Questionnaire:
        fields = set(EnterpriseProfile.model_fields)
        seen: set[str] = set()
        for page in self.pages:
            for q in page.questions:
                if q.id not in fields:
                    raise ValueError(f"问题 {q.id} 不对应企业档案中的任何字段")
                if q.id in seen:
                    raise ValueError(f"问题 {q.id} 重复")
                seen.add(q.id)
                for key, expr in (("show_if", q.show_if), ("not_asked_if", q.not_asked_if)):
                    unknown = compile_expression(expr).fields - fields if expr else set()
                    if unknown:
                        raise ValueError(f"问题 {q.id} 的 {key} 引用了不存在的字段：{', '.join(sorted(unknown))}")
                _check_against_profile(q)
        return self

    def questions(self) -> list[Question]:
        return [q for page in self.pages for q in page.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def page_of(self, question_id: str) -> Page | None:
        return next((p for p in self.pages if any(q.id == question_id for q in p.questions)), None)


#: A value each question type must be able to store in its profile field (choices use their options).
_SAMPLES: dict[str, Any] = {
    "integer": 1,
    "money": 1,
    "number": 1.5,
    "percent": 0.5,
    "date": "2023-01-01",
    "yesno": True,
    "year": 2023,
}


def _accepts(field: str, value: Any) -> bool:
    try:
        EnterpriseProfile.model_validate({field: value})
    except ValidationError:
        return False
    return True


def _check_against_profile(q: Question) -> None:
    """The question must fit its profile field: every option a value the profile takes, the type and unit its own.

    The profile model is the one definition of a field; a questionnaire that drifted from it (an option the
    profile rejects, money asked in 人) would silently lose the answers, so it is refused at load.
    """
    if q.type in ("choice", "multi"):
        for option in q.options:
            value = [option.value] if q.type == "multi" else option.value
            if not _accepts(q.id, value):
                raise ValueError(f"问题 {q.id} 的选项 {option.value!r}（{option.label}）不是企业档案该字段可取的值")
    elif q.type == "text":  # a text field may check its own format (信用代码), so only its kind is compared
        if _accepts(q.id, True) or _accepts(q.id, 1):
            raise ValueError(f"问题 {q.id} 的类型 text 与企业档案中该字段的类型不符")
    elif not _accepts(q.id, _SAMPLES[q.type]) or (q.type != "yesno" and _accepts(q.id, True)):
        raise ValueError(f"问题 {q.id} 的类型 {q.type} 与企业档案中该字段的类型不符")
    unit = field_unit(q.id)
    if q.type == "money" and unit != "元":
        raise ValueError(f"问题 {q.id} 是金额题，但企业档案中该字段的单位是 {unit or '（无）'}，应为 元")
    if q.unit is not None and unit is not None and q.unit != unit:
        raise ValueError(f"问题 {q.id} 的单位 {q.unit} 与企业档案中该字段的单位 {unit} 不符")


class QuestionnaireError(UserError):
    """forms/questionnaire.yaml does not fit the profile; ``message`` is Chinese and names the question."""


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """The questionnaire, checked against the profile. Raises :class:`QuestionnaireError`."""
    path = path or paths.questionnaire_file()
    return _load_cached(str(path), path.stat().st_mtime_ns)


@cache
def _load_cached(path: str, _mtime: int) -> Questionnaire:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    try:
        return Questionnaire.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        reason = str(first.get("ctx", {}).get("error", first["msg"])).removeprefix("Value error, ")
        raise QuestionnaireError(f"问卷 {Path(path).name} 有误：{reason}") from None


def is_shown(question: Question, profile: EnterpriseProfile) -> bool:
    """A question with ``show_if`` is shown only once its condition is known to hold."""
    if not question.show_if:
        return True
    expr = compile_expression(question.show_if)
    try:
        return bool(expr.evaluate(bind(profile.answers(), expr.fields)))
    except UnknownValueError:
        return False


#: Statuses under which a measure can still be changed by an unanswered question.
_OPEN = frozenset({"eligible", "needs_check", "needs_info"})


def is_ruled_out(question: Question, profile: EnterpriseProfile) -> bool:
    """True when ``not_asked_if`` is known to hold for these answers."""
    if not question.not_asked_if:
        return False
    expr = compile_expression(question.not_asked_if)
    try:
        return bool(expr.evaluate(bind(profile.answers(), expr.fields)))
    except UnknownValueError:
        return False


def fields_in_scope(catalog: Catalog, profile: EnterpriseProfile, as_of: dt.date) -> frozenset[str]:
    """Fields worth asking: read by a measure of the enterprise's district that is valid on ``as_of`` and that
    the answers so far have not ruled out (a manufacturer is not asked what only retailers' measures read;
    外商投资=否 drops the 外资总部 questions). A field already answered stays while any valid measure reads
    it, so an answer that ruled a measure out can still be changed.
    """
    from desktop_app.domain.matching import match  # matching imports this module's neighbours; keep it lazy

    report = match(profile, catalog, as_of=as_of)
    answered = {name for name, value in profile.answers().items() if value is not None}
    out: set[str] = set()
    for compiled in catalog.measures:
        pack = compiled.pack
        if profile.district is not None and pack.district.value != profile.district.value:
            continue
        start, end = pack.validity_of(compiled.measure)
        if not (start <= as_of <= end) or compiled.measure.audience.value != "enterprise":
            continue
        result = report.result_for(compiled.measure.id)
        if result is None or result.status.value in _OPEN:
            out |= compiled.fields
        else:
            out |= compiled.fields & answered
    return frozenset(out)


def pages_for(
    questionnaire: Questionnaire, profile: EnterpriseProfile, scope: Iterable[str] | None = None
) -> list[tuple[Page, list[Question]]]:
    """The pages to show and, on each, the questions to ask.

    A topic page is shown only when its topic is ticked; a question only when its ``show_if`` holds
    and, if ``scope`` is given, when some measure in scope reads it (so it can change a result).
    """
    scope_set = set(scope) if scope is not None else None
    ticked = set(profile.topics or [])
    out = []
    for page in questionnaire.pages:
        if page.topic is not None and page.topic not in ticked:
            continue
        asked = [
            q
            for q in page.questions
            if is_shown(q, profile)
            and not is_ruled_out(q, profile)
            and (page.topic is None or scope_set is None or q.id in scope_set)
        ]
        if asked:
            out.append((page, asked))
    return out
