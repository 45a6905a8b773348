"""The one answer parser: raw input (typed in the wizard or read from a batch cell) to the value a profile stores.

Same rules for every entry point: full-width forms (``２０１５－０３－２０``, ``１２万``), money typed in the
question's display unit or with its own unit (``12万``, ``12万元``, ``3,000.50``), dates in the common ways
(``2023-06-01``, ``20230601``, ``2023/6/1``, ``2023年6月1日``), booleans (是/否/yes/no/1/0), lists
(``a、b``) and ``无`` for "answered: none". Nothing here imports Qt; every error is one Chinese line.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any, Literal, Protocol

from desktop_app.domain.amounts import format_yuan
from desktop_app.domain.profile import has_control_characters
from desktop_app.errors import UserError

if TYPE_CHECKING:
    from desktop_app.domain.fields import ProfileField
    from desktop_app.domain.questionnaire import Question


class OptionLike(Protocol):
    """A registry choice or a questionnaire option: a stored value and the label people type."""

    @property
    def value(self) -> Any: ...
    @property
    def label(self) -> str: ...


AnswerKind = Literal["text", "integer", "number", "money", "date", "choice", "multi", "yesno"]

#: How many 元 one unit holds; a money answer may carry any of these after the number.
MONEY_UNITS: dict[str, int] = {"亿元": 100_000_000, "亿": 100_000_000, "万元": 10_000, "万": 10_000, "元": 1}
YES = frozenset({"是", "true", "yes", "y", "1", "对", "有"})
NO = frozenset({"否", "false", "no", "n", "0", "不是", "无", "没有"})
NONE_OF_THEM = frozenset({"无", "没有", "否", "none", "以上均无"})
LIST_SEPARATORS = re.compile(r"[、,，;；]+")
_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
#: The date forms an answer may take, as the error message lists them: 2015-03-20 (or / . 年月日), 20150320.
_DATE_FORMS = (
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
#: Mainland phones: mobile 1[3-9]xxxxxxxxx, or a fixed line with optional 0xx(x) area code and extension;
#: 5-digit service lines (12366) too. Several numbers may be given, separated by 、 or ，.
_PHONE = re.compile(r"^(?:1[3-9]\d{9}|(?:0\d{2,3}-?)?[2-9]\d{6,7}(?:-\d{1,6})?|1\d{4}|(?:0\d{2,3}-)?1\d{4})$")
PHONE_FIELDS = frozenset({"contact_phone"})


class AnswerError(UserError, ValueError):
    """Input that does not parse; ``message`` is one Chinese line saying what to type instead."""


@dataclass(frozen=True, slots=True)
class AnswerField:
    """What one answer holds. Bounds are in the stored unit (元 for money); ``choices`` maps a normalised
    value or label (:func:`choice_key`) to the stored value.

    Both are built by :func:`field_for` from the field registry: the wizard per question
    (:func:`field_for_question`), a batch sheet per column (``display_unit`` from its header, e.g. 万元); both
    then call :func:`parse_answer`, so that they read ``12万``, ``２０１５－０３－２０`` or ``无`` the same way.
    """

    name: str
    kind: AnswerKind
    unit: str | None = None
    display_unit: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    choices: Mapping[str, Any] = field(default_factory=dict)
    #: What an error offers for a choice: the options' labels.
    offered: tuple[str, ...] = ()
    #: Money the profile keeps in whole 元: fen are rounded (and the caller may say so); False keeps them.
    whole_yuan: bool = True
    #: A money answer must say its unit (a batch column whose header names none, for a field asked in 万元:
    #: ``35`` there could be 35元 or 35万元, and a guess is off by ten thousand times).
    needs_unit: bool = False


def normalise(text: str) -> str:
    """Full-width to half-width (NFKC) and trimmed; ``，`` stays apart from ``,`` only in lists."""
    return unicodedata.normalize("NFKC", text).strip()


def choice_key(value: Any) -> str:
    return normalise(str(value)).lower()


#: How a field kind is parsed (years are integers, percentages numbers).
_PARSED_AS: dict[str, AnswerKind] = {
    "text": "text",
    "integer": "integer",
    "year": "integer",
    "money": "money",
    "number": "number",
    "percent": "number",
    "date": "date",
    "choice": "choice",
    "multi": "multi",
    "yesno": "yesno",
}


def field_for(
    field: ProfileField,
    *,
    display_unit: str | None = None,
    options: Iterable[OptionLike] | None = None,
    needs_unit: bool = False,
) -> AnswerField:
    """The parsing rules of one profile field: its kind, unit, bounds and options from the registry.

    ``display_unit`` is the unit a bare number is in (万元 for money asked in 万元; default the registry's);
    ``options`` narrows or relabels the registry's choices (a questionnaire override); ``needs_unit`` refuses a
    bare money number (see :attr:`AnswerField.needs_unit`).
    """
    choices: dict[str, Any] = {}
    offered = list(field.options if options is None else options)
    for option in offered:
        for key in (option.value, option.label, *getattr(option, "aliases", ())):
            choices.setdefault(choice_key(key), option.value)
    kind = _PARSED_AS[field.kind]
    return AnswerField(
        name=field.name,
        kind=kind,
        unit=field.unit or ("元" if kind == "money" else "%" if field.kind == "percent" else None),
        display_unit=display_unit or field.display_unit,
        minimum=field.minimum,
        maximum=field.maximum,
        choices=choices,
        offered=tuple(option.label for option in offered),
        needs_unit=needs_unit,
    )


def field_for_question(question: Question) -> AnswerField:
    """The parsing rules of a questionnaire question: its field's, in the question's display unit and options."""
    from desktop_app.domain.fields import profile_field

    return field_for(profile_field(question.id), display_unit=question.display_unit, options=question.options)


def parse_answer(spec: AnswerField, raw: Any) -> Any:
    """``raw`` (str, or a number/bool/date a spreadsheet gave) as the stored value; None when empty.

    Raises :class:`AnswerError`.
    """
    if raw is None or (isinstance(raw, str) and not normalise(raw)):
        return None
    if spec.kind == "yesno":
        return parse_bool(raw)
    if spec.kind == "integer":
        number = _number(raw, spec)
        if number != number.to_integral_value():
            raise AnswerError("请输入整数")
        _check_bounds(number, spec)
        return int(number)
    if spec.kind == "number":
        number = _number(raw, spec)
        _check_bounds(number, spec)
        return float(number)
    if spec.kind == "money":
        return parse_money(raw, spec)
    if spec.kind == "date":
        return parse_date(raw)
    if spec.kind == "choice":
        return _choice(raw, spec)
    if spec.kind == "multi":
        text = normalise(str(raw))
        if text.lower() in NONE_OF_THEM:
            return []  # answered: none applies (empty would be unanswered)
        parts = [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]
        if not spec.choices:  # a list of free text (已确认的事项)
            return [parse_text(part, spec) for part in parts]
        return [_choice(part, spec) for part in parts]
    return parse_text(raw, spec)


def parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int | float) and raw in (0, 1):
        return bool(raw)
    text = normalise(str(raw)).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise AnswerError("请填“是”或“否”")


def parse_decimal(text: str) -> Decimal:
    """A plain decimal: ``3000.50``, ``3,000.50``, ``１２``; no exponent (``1e9``), no ``inf``."""
    text = re.sub(r"[\s_]", "", normalise(text)).replace("，", ",")
    if "," in text:
        if not _GROUPED.match(text):
            raise AnswerError("请输入数字（千位分隔符“,”只能每三位一个，例如 3,000.50）")
        text = text.replace(",", "")
    if not _PLAIN_NUMBER.match(text):
        raise AnswerError("请输入数字，例如 12 或 3,000.50（不接受 1e9 这样的写法）")
    try:
        return Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
        raise AnswerError("请输入数字") from None


def _number(raw: Any, spec: AnswerField) -> Decimal:
    if isinstance(raw, bool):
        raise AnswerError("请输入数字")
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise AnswerError("请输入数字")
        return Decimal(str(raw))
    text = normalise(str(raw))
    for unit in (spec.unit, spec.display_unit):
        if unit and text.endswith(unit):
            text = text[: -len(unit)].strip()
    return parse_decimal(text)


def parse_money(raw: Any, spec: AnswerField) -> int | Decimal:
    """元 from ``12万`` / ``12万元`` / ``0.5亿`` / ``3,000.50``; a bare number is in the display unit."""
    factor = MONEY_UNITS.get(spec.display_unit or "元", 1)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # A spreadsheet cell holds 元 unless the header says otherwise: the batch caller passes the display unit.
        if spec.needs_unit:
            raise _unit_missing(str(raw))
        amount = _number(raw, spec) * factor
    else:
        text = re.sub(r"\s", "", normalise(str(raw)))
        for unit, unit_factor in MONEY_UNITS.items():
            if text.endswith(unit):
                text, factor = text[: -len(unit)], unit_factor
                break
        else:
            if spec.needs_unit:
                raise _unit_missing(text)
        amount = parse_decimal(text) * factor
    if amount != amount.quantize(Decimal("0.01")):
        raise AnswerError("金额最多精确到分（0.01元）")
    _check_bounds(amount, spec)
    if spec.whole_yuan and 0 < abs(amount) < 1:
        raise AnswerError("金额不足1元：档案以元为单位，最多精确到1元")
    if spec.whole_yuan:
        return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return amount


def _unit_missing(number: str) -> AnswerError:
    return AnswerError(
        f"表头没有写明金额单位，无法判断 {number} 是元还是万元：请在表头后加上“（万元）”或“（元）”，"
        f"或在格子里写明单位，例如 {number}万元"
    )


def rounded_note(raw: Any, spec: AnswerField, value: Any) -> str:
    """Say so when a money answer had fen that the whole-元 profile rounded away (empty otherwise)."""
    if spec.kind != "money" or not spec.whole_yuan or not isinstance(value, int):
        return ""
    try:
        exact = parse_money(raw, replace(spec, whole_yuan=False))
    except AnswerError:
        return ""
    return f"按 {value:,} 元保存（档案以元为单位，已四舍五入）" if exact != value else ""


def limit_text(value: Decimal, spec: AnswerField) -> str:
    """A bound as people read it: 1000万元, 100000亿元, 100人, 60%."""
    if spec.kind == "money":
        return format_yuan(value)
    text = f"{value.normalize():f}"
    return f"{text}{spec.unit or ''}"


def _check_bounds(value: Decimal, spec: AnswerField) -> None:
    if spec.minimum is not None and value < spec.minimum:
        raise AnswerError(f"不能小于 {limit_text(spec.minimum, spec)}")
    if spec.maximum is not None and value > spec.maximum:
        raise AnswerError(f"不能大于 {limit_text(spec.maximum, spec)}")


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = normalise(str(raw))
    match = next((m for form in _DATE_FORMS if (m := form.match(text))), None)
    if not match:
        raise AnswerError("日期格式应为 年-月-日，例如 2015-03-20、20150320 或 2015/3/20")
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise AnswerError("没有这一天，请核对月份和日期") from None


def _choice(raw: Any, spec: AnswerField) -> Any:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    key = choice_key(raw)
    if key in spec.choices:
        return spec.choices[key]
    offered = f"，可选：{'、'.join(spec.offered)}" if spec.offered else ""
    raise AnswerError(f"“{raw}”不是可选项{offered}")


def parse_text(raw: Any, spec: AnswerField) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)  # a phone or code typed into Excel as a number
    if isinstance(raw, dt.datetime | dt.date):
        raw = raw.strftime("%Y-%m-%d")
    text = str(raw).strip()
    if has_control_characters(text):
        raise AnswerError("不能包含控制字符（如换行、制表符），请删除后重试")
    if spec.name in PHONE_FIELDS:
        parse_phone(text)
    return text


def parse_phone(text: str) -> str:
    """A mainland phone or several (``021-57921185、13812345678``); raises with an example."""
    parts = [p for p in re.split(r"[、,，;；/\s]+", normalise(text)) if p]
    if not parts or not all(_PHONE.match(p.replace("(", "").replace(")", "")) for p in parts):
        raise AnswerError("请填写有效的电话号码，例如 021-57921185 或 13812345678")
    return text
