"""The questionnaire as data (forms/questionnaire.yaml): pages, questions, and which of them to ask."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, model_validator

from desktop_app import paths
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.expressions import UnknownValueError, bind, compile_expression
from desktop_app.domain.fields import (
    DISPLAY_UNITS,
    FieldKind,
    FieldRegistry,
    FieldRegistryError,
    ProfileField,
    load_fields,
    profile_field,
)
from desktop_app.domain.profile import DISTRICT_LABELS, EnterpriseProfile, Topic
from desktop_app.errors import UserError

QuestionType = FieldKind


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    value: str | int | bool
    label: str
    label_en: str | None = None

    def text(self, language: str = "zh_CN") -> str:
        return (self.label_en or self.label) if language == "en" else self.label


class Question(_Strict):
    """One question; ``id`` is the profile field it fills. Built from the field registry (:mod:`fields`):
    a questionnaire entry names the field and adds what only the wizard needs; any ``type``, ``unit`` or
    ``options`` it also gives must agree with the registry (see :func:`_from_registry`).
    """

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
    #: The question in one district's own words where the districts' clauses differ (租用大巴车跨省“点对点”
    #: in 宝山, 租用车辆 in 嘉定): the answer means what that district's clause asks. Chinese only.
    label_by_district: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _filled_from_registry(cls, data: Any, info: ValidationInfo) -> Any:
        registry = (info.context or {}).get("fields") if info.context else None
        return _from_registry(data, registry if isinstance(registry, FieldRegistry) else load_fields())

    def text(self, language: str = "zh_CN", district: str | None = None) -> str:
        """The label in the interface language (English where the questionnaire gives one), in the district's
        own words where it has them."""
        if language == "en":
            return self.label_en or self.label
        return self.label_by_district.get(district, self.label) if district is not None else self.label

    def help_text(self, district: str | None = None, language: str = "zh_CN") -> str:
        if language == "en" and self.help_en is not None:
            return self.help_en
        if district is not None and district in self.help_by_district:
            return self.help_by_district[district]
        if district is None and self.help_by_district and not self.help:
            return "；".join(self.help_by_district.values())
        return self.help

    @model_validator(mode="after")
    def _districts_exist(self) -> Question:
        for key, wording in (
            ("help_by_district", self.help_by_district),
            ("label_by_district", self.label_by_district),
        ):
            unknown = sorted(set(wording) - set(DISTRICT_LABELS))
            if unknown:
                raise ValueError(
                    f"问题 {self.id} 的 {key} 中的区 {'、'.join(unknown)} 不存在（可写：{'、'.join(DISTRICT_LABELS)}）"
                )
        return self

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
    """A topic of the 情况勾选 page: one option of the profile's ``topics`` field (forms/fields.yaml)."""

    id: Topic
    label: str
    help: str = ""
    label_en: str | None = None
    help_en: str | None = None


class Questionnaire(_Strict):
    pages: list[Page]

    @model_validator(mode="after")
    def _fields_exist(self) -> Questionnaire:
        fields = set(EnterpriseProfile.model_fields)
        seen: set[str] = set()
        for page in self.pages:
            for q in page.questions:
                if q.id in seen:
                    raise ValueError(f"问题 {q.id} 重复")
                seen.add(q.id)
                for key, expr in (("show_if", q.show_if), ("not_asked_if", q.not_asked_if)):
                    unknown = compile_expression(expr).fields - fields if expr else set()
                    if unknown:
                        raise ValueError(f"问题 {q.id} 的 {key} 引用了不存在的字段：{', '.join(sorted(unknown))}")
        return self

    @property
    def topics(self) -> list[TopicInfo]:
        """The topics in the registry's order, with their labels and help."""
        return [
            TopicInfo(id=c.value, label=c.label, help=c.help, label_en=c.label_en, help_en=c.help_en)
            for c in profile_field("topics").options
        ]

    def questions(self) -> list[Question]:
        return [q for page in self.pages for q in page.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions() if q.id == question_id), None)

    def page_of(self, question_id: str) -> Page | None:
        return next((p for p in self.pages if any(q.id == question_id for q in p.questions)), None)


#: What a questionnaire entry may give beyond the wizard-only keys; ``type``/``unit`` only as a check.
_WORDING = ("label", "label_en", "help", "help_en")


def _from_registry(data: Any, registry: FieldRegistry) -> Any:
    """A questionnaire entry completed from its field's registry entry; a disagreeing override is refused.

    The registry is the one definition of a field; a questionnaire that drifted from it (an option the profile
    rejects, money asked in 人) would silently lose the answers, so it is refused at load, naming the question.
    """
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return data
    qid = data["id"]
    field = registry.get(qid)
    if field is None:
        raise ValueError(f"问题 {qid} 不对应企业档案中的任何字段")
    for key in ("min", "max"):
        if key in data:
            raise ValueError(f"问题 {qid} 不能写 {key}：上下限只在企业档案模型中定义")
    if "type" in data and data["type"] != field.kind:
        kind = field.kind
        raise ValueError(
            f"问题 {qid} 的类型 {data['type']} 与企业档案中该字段的类型 {kind} 不符，请删除 type 或改为 {kind}"
        )
    if "unit" in data and data["unit"] != field.unit:
        unit = field.unit or "（无）"
        raise ValueError(f"问题 {qid} 的单位 {data['unit']} 与企业档案中该字段的单位 {unit} 不符，请删除 unit")
    display_unit = data.get("display_unit", field.display_unit)
    if "display_unit" in data and (field.kind != "money" or display_unit not in DISPLAY_UNITS):
        raise ValueError(f"问题 {qid} 的 display_unit {display_unit} 无效：只有金额题可写，且只能是万元、亿元或元")
    out = {key: value for key, value in data.items() if key not in ("type", "unit", "options")}
    out.update({key: getattr(field, key) for key in _WORDING if key not in data})
    out.update(
        type=field.kind,
        unit=field.unit,
        display_unit=display_unit,
        min=float(field.minimum) if field.minimum is not None else None,
        max=float(field.maximum) if field.maximum is not None else None,
        options=_options(qid, field, data.get("options")),
    )
    return out


def _options(qid: str, field: ProfileField, given: Any) -> list[dict[str, Any]]:
    """The registry's options, or those the entry lists (a subset, relabelled), each checked against the field."""
    if given is None:
        return [{"value": c.value, "label": c.label, "label_en": c.label_en} for c in field.options]
    if not isinstance(given, list) or not field.options:
        raise ValueError(f"问题 {qid} 的 options 无效：该字段{'不是选择题' if not field.options else '的选项应为列表'}")
    out = []
    allowed = "、".join(str(c.value) for c in field.options)
    for item in given:
        value = item.get("value") if isinstance(item, dict) else item
        choice = field.choice(value)
        if choice is None:
            raise ValueError(
                f"问题 {qid} 的选项 {value!r} 不是企业档案该字段可取的值（可取：{allowed}），请改正或删除该选项"
            )
        words = item if isinstance(item, dict) else {}
        out.append(
            {
                "value": choice.value,
                "label": words.get("label", choice.label),
                "label_en": words.get("label_en", choice.label_en),
            }
        )
    return out


class QuestionnaireError(UserError):
    """forms/questionnaire.yaml does not fit the profile; ``message`` is Chinese and names the question."""


def load_questionnaire(path: Path | None = None) -> Questionnaire:
    """The questionnaire, checked against the field registry. Raises :class:`QuestionnaireError`."""
    path = path or paths.questionnaire_file()
    try:
        registry = load_fields()
    except FieldRegistryError as exc:
        raise QuestionnaireError(exc.message) from None
    return _load_cached(str(path), path.stat().st_mtime_ns, registry)


@cache
def _load_cached(path: str, _mtime: int, registry: FieldRegistry) -> Questionnaire:
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark is not None else "文件"
        raise QuestionnaireError(f"问卷 {Path(path).name} 不是有效的 YAML（{where}），请检查缩进和引号") from None
    try:
        return Questionnaire.model_validate(data, context={"fields": registry})
    except ValidationError as exc:
        first = exc.errors()[0]
        reason = str(first.get("ctx", {}).get("error", first["msg"])).removeprefix("Value error, ")
        if first["type"] == "extra_forbidden":
            reason = f"{'.'.join(map(str, first['loc']))} 不是问卷中可写的项"
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
    from desktop_app.domain.scope import measure_applies

    report = match(profile, catalog, as_of=as_of)
    answered = {name for name, value in profile.answers().items() if value is not None}
    out: set[str] = set()
    for compiled in catalog.measures:
        if not measure_applies(compiled, profile=profile, as_of=as_of):
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
