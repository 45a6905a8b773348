"""A companies sheet for `batch`: headers to profile fields, cells to answers, rows to profiles.

The file itself is read, bounded, by :func:`desktop_app.sheets.read_sheet`.

Headers are profile field names or their Chinese titles (with or without the unit, as `batch --template-csv`
writes them). A cell left empty is unanswered (None), never 0 or 否. Yes/no cells take 是/否/true/false/1/0,
list cells take values separated by 、 or a comma (无 for none of them), choice cells take the stored value
or the questionnaire's label.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from typing import Any, Literal

from desktop_app.cli.messages import MESSAGES
from desktop_app.domain.profile import EnterpriseProfile, ProfileError, field_title, field_unit, profile_from_data
from desktop_app.errors import UserError
from desktop_app.sheets import SheetError

#: Fields that are bookkeeping, not answers: never a column.
SKIPPED_FIELDS = ("schema_version",)
YES = {"是", "true", "yes", "y", "1", "对", "有"}
NO = {"否", "false", "no", "n", "0", "不是", "无", "没有"}
NONE_OF_THEM = {"无", "没有", "否", "none"}
LIST_SEPARATORS = re.compile(r"[、,，;；]+")
FieldKind = Literal["text", "bool", "int", "float", "date", "choice", "multi"]


class CellError(UserError, ValueError):
    """One cell that cannot be read; the row is skipped."""


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What a column holds: its kind and, for choices, the accepted values keyed by value text and label."""

    name: str
    kind: FieldKind
    choices: dict[str, Any]
    shown: tuple[str, ...] = ()  # what an error message offers: the labels, else the stored values


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One company row: its number as the spreadsheet shows it (header = row 1) and its profile or error."""

    number: int
    profile: EnterpriseProfile | None
    error: str | None = None
    field: str | None = None
    name: str | None = None  # the company name as typed, for reporting a bad row


def columns() -> list[str]:
    """Every profile field that is a column, in the profile's order."""
    return [name for name in EnterpriseProfile.model_fields if name not in SKIPPED_FIELDS]


def header_for(name: str) -> str:
    """The header `--template-csv` writes: the Chinese title, plus the unit where there is one."""
    unit = field_unit(name)
    title = field_title(name)
    return f"{title}（{unit}）" if unit else title


def _norm(text: str) -> str:
    text = text.strip().replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", text)


@cache
def header_index() -> dict[str, str]:
    """Accepted header text (normalised) -> field name: the name, the title, the title with its unit."""
    index: dict[str, str] = {}
    for name in columns():
        for text in (name, field_title(name), header_for(name)):
            index.setdefault(_norm(text), name)
    return index


def _unwrap(annotation: Any) -> Any:
    """``X | None`` and ``Annotated[X, ...]`` down to ``X``."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation
            annotation = args[0]
        else:
            return annotation


def _choice_values(annotation: Any) -> list[Any] | None:
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return [member.value for member in annotation]
    return None


def _labels() -> dict[str, dict[str, Any]]:
    """Choice labels people type (金山区, 小型, 绿色工厂…): from the questionnaire, and the topics' own labels."""
    from desktop_app.domain.profile import DISTRICT_LABELS
    from desktop_app.domain.questionnaire import load_questionnaire

    out: dict[str, dict[str, Any]] = {"district": {}}
    for value, label in DISTRICT_LABELS.items():
        out["district"][label] = value
        out["district"][label.removesuffix("区")] = value
    try:
        questionnaire = load_questionnaire()
    except (OSError, ValueError):  # the sheet is still readable by stored values alone
        return out
    for question in questionnaire.questions():
        for option in question.options:
            out.setdefault(question.id, {})[option.label] = option.value
    out.setdefault("topics", {}).update({t.label: t.id for t in questionnaire.topics})
    return out


@cache
def field_specs() -> dict[str, FieldSpec]:
    labels = _labels()
    specs: dict[str, FieldSpec] = {}
    for name in columns():
        annotation = _unwrap(EnterpriseProfile.model_fields[name].annotation)
        kind: FieldKind
        values = _choice_values(annotation)
        if typing.get_origin(annotation) is list:
            kind, values = "multi", _choice_values(_unwrap(typing.get_args(annotation)[0]))
        elif values is not None:
            kind = "choice"
        elif annotation is bool:
            kind = "bool"
        elif annotation is int:
            kind = "int"
        elif annotation is float:
            kind = "float"
        elif annotation is dt.date:
            kind = "date"
        else:
            kind = "text"
        choices: dict[str, Any] = {}
        for value in values or ():
            choices[_norm(str(value))] = value
        named = labels.get(name, {})
        for label, value in named.items():
            choices.setdefault(_norm(label), value)
        shown = tuple(named) if named else tuple(str(v) for v in values or ())
        specs[name] = FieldSpec(name, kind, choices, shown)
    return specs


# --- cells -----------------------------------------------------------------------------------------------


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _number(value: Any, spec: FieldSpec) -> Decimal:
    if isinstance(value, bool):
        raise CellError(MESSAGES["batch_cell_number"])
    if isinstance(value, int | float):
        return Decimal(str(value))
    text = re.sub(r"[\s,，]", "", str(value))
    unit = field_unit(spec.name)
    if unit and text.endswith(unit):
        text = text[: -len(unit)]
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellError(MESSAGES["batch_cell_number"]) from None
    if not number.is_finite():
        raise CellError(MESSAGES["batch_cell_number"])
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = str(value).strip().lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(MESSAGES["batch_cell_bool"])


def _choice(value: Any, spec: FieldSpec) -> Any:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    key = _norm(str(value))
    if key in spec.choices:
        return spec.choices[key]
    raise CellError(MESSAGES["batch_cell_choice"].format(value=value, options="、".join(spec.shown)))


def _date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if not match:
        raise CellError(MESSAGES["batch_cell_date"])
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError:
        raise CellError(MESSAGES["batch_cell_date"]) from None


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a phone number or code typed into Excel as a number
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    return str(value).strip()


def convert_cell(value: Any, spec: FieldSpec) -> Any:
    """One cell to the value the profile stores; None when empty. Raises :class:`CellError`."""
    if _is_empty(value):
        return None
    if spec.kind == "bool":
        return _bool(value)
    if spec.kind in ("int", "float"):
        number = _number(value, spec)
        if spec.kind == "float":
            return float(number)
        if number != number.to_integral_value():
            raise CellError(MESSAGES["batch_cell_integer"])
        return int(number)
    if spec.kind == "date":
        return _date(value)
    if spec.kind == "choice":
        return _choice(value, spec)
    if spec.kind == "multi":
        if str(value).strip().lower() in NONE_OF_THEM:
            return []  # answered: none applies (an empty cell would be unanswered)
        parts = [p for p in LIST_SEPARATORS.split(str(value)) if p.strip()]
        return [_choice(p, spec) for p in parts]
    return _text(value)


# --- sheets ----------------------------------------------------------------------------------------------


def map_headers(header: Sequence[Any]) -> list[str | None]:
    """Each column's field (None for an empty, unnamed column). Raises :class:`SheetError` naming bad columns."""
    index = header_index()
    fields: list[str | None] = []
    unknown: list[str] = []
    seen: dict[str, str] = {}
    repeated: list[str] = []
    for cell in header:
        text = "" if cell is None else str(cell).strip()
        if not text:
            fields.append(None)
            continue
        name = index.get(_norm(text))
        if name is None:
            unknown.append(text)
        elif name in seen:
            repeated.append(f"“{seen[name]}”与“{text}”")
        else:
            seen[name] = text
        fields.append(name)
    if unknown:
        raise SheetError(MESSAGES["batch_unknown_columns"].format(columns="、".join(f"“{u}”" for u in unknown)))
    if repeated:
        raise SheetError(MESSAGES["batch_repeated_columns"].format(columns="；".join(repeated)))
    if not seen:
        raise SheetError(MESSAGES["batch_no_columns"])
    return fields


def parse_rows(table: Sequence[Sequence[Any]]) -> Iterator[SheetRow]:
    """Rows after the header as profiles; an all-empty row is skipped silently, a bad one comes with its error."""
    if not table:
        raise SheetError(MESSAGES["batch_empty_sheet"])
    fields = map_headers(table[0])
    specs = field_specs()
    for offset, row in enumerate(table[1:]):
        number = offset + 2
        cells = [(name, row[i] if i < len(row) else None) for i, name in enumerate(fields)]
        extra = [v for v in row[len(fields) :] if not _is_empty(v)]
        if all(_is_empty(v) for _, v in cells) and not extra:
            continue
        typed_name = next((_text(v) for n, v in cells if n == "name" and not _is_empty(v)), None)
        if extra:
            yield SheetRow(number, None, MESSAGES["batch_extra_cells"], None, typed_name)
            continue
        data: dict[str, Any] = {}
        failure: tuple[str, str] | None = None
        for name, value in cells:
            if name is None:
                if not _is_empty(value):
                    failure = ("", MESSAGES["batch_unnamed_cell"])
                    break
                continue
            try:
                converted = convert_cell(value, specs[name])
            except CellError as exc:
                failure = (name, str(exc))
                break
            if converted is not None:
                data[name] = converted
        if failure is not None:
            name, reason = failure
            where = f"字段 {name}（{field_title(name)}）：" if name else ""
            yield SheetRow(number, None, f"{where}{reason}", name or None, typed_name)
            continue
        try:
            yield SheetRow(number, profile_from_data(data), name=typed_name)
        except ProfileError as exc:
            yield SheetRow(number, None, exc.message, exc.field, typed_name)


def template_rows() -> list[list[str]]:
    """The empty sheet `batch --template-csv` writes: one header row."""
    return [[header_for(name) for name in columns()]]
