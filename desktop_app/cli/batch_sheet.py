"""A companies sheet for `batch`: headers to profile fields, cells to answers, rows to profiles.

The file itself is read, bounded, by :func:`desktop_app.sheets.read_sheet`; each cell is read by the wizard's
own parser, :func:`desktop_app.domain.answers.parse_answer`, so a sheet and the wizard agree on every input
(full-width digits and dates, ``12万``, 是/否, ``a、b`` lists, ``无`` for none of them, choices by label or value).

Headers are profile field names or their Chinese titles, with or without a unit, as `batch --template-csv`
writes them (:func:`header_for`, from the field registry). A money header's unit says what a bare number is:
``（万元）`` makes ``35`` 35万 = 350000元, ``（元）`` makes it 35元; under a title without a unit, for a field the
wizard asks in 万元, a bare number is refused (it could be either) while ``35万`` or ``350000元`` are read. A
field-name header
(``rd_expense_last_year``) is in the profile's own unit (元), as a profile file is. An empty cell is
unanswered (None), never 0 or 否.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.cli.messages import MESSAGES
from desktop_app.domain.answers import AnswerError, AnswerField, field_for, parse_answer, parse_text
from desktop_app.domain.fields import DISPLAY_UNITS, FieldRegistry, FieldRegistryError, load_fields
from desktop_app.domain.profile import EnterpriseProfile, ProfileError, field_title
from desktop_app.domain.profile_io import profile_from_data
from desktop_app.sheets import SheetError


@dataclass(frozen=True, slots=True)
class SheetRow:
    """One company row: its number as the spreadsheet shows it (header = row 1) and its profile or error."""

    number: int
    profile: EnterpriseProfile | None
    error: str | None = None
    field: str | None = None
    name: str | None = None  # the company name as typed, for reporting a bad row


@dataclass(frozen=True, slots=True)
class Column:
    """What one header names: a field, and the unit a bare number in it is in (None: the field's own)."""

    name: str
    unit: str | None = None
    #: A money title without a unit, for a field asked in 万元: a bare number is refused, not guessed.
    needs_unit: bool = False


def _registry() -> FieldRegistry:
    try:
        return load_fields()
    except FieldRegistryError as exc:
        raise SheetError(exc.message) from None


def columns() -> list[str]:
    """Every profile field that is a column, in the profile's order."""
    return list(_registry())


def header_for(name: str, *, stored: bool = False) -> str:
    """The header `--template-csv` writes: the Chinese title and the unit a person types in (万元 for money
    asked in 万元). ``stored=True`` names the profile's own unit (元) instead, for a sheet of stored values."""
    field = _registry()[name]
    return field.header(field.unit if stored else None)


def _norm(text: str) -> str:
    text = text.strip().replace("(", "（").replace(")", "）")
    return re.sub(r"\s+", "", text)


@cache
def header_index() -> dict[str, Column]:
    """Accepted header text (normalised) -> its column: the name, the title, the title with a unit."""
    index: dict[str, Column] = {}
    for name, field in _registry().items():
        index.setdefault(_norm(name), Column(name, field.unit))
        ambiguous = field.kind == "money" and (field.display_unit or "元") != "元"
        index.setdefault(_norm(field.title), Column(name, field.display_unit, needs_unit=ambiguous))
        units = DISPLAY_UNITS if field.kind == "money" else (field.unit,) if field.unit else ()
        for unit in (field.display_unit, *units):
            if unit:
                index.setdefault(_norm(field.header(unit)), Column(name, unit))
                index.setdefault(_norm(f"{field.title}（{unit}）"), Column(name, unit))  # the old doubled （元）（元）
    return index


@cache
def answer_field(column: Column) -> AnswerField:
    """How the cells of one column are parsed: the field's rules, bare numbers in the column's unit."""
    return field_for(_registry()[column.name], display_unit=column.unit, needs_unit=column.needs_unit)


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def convert_cell(value: Any, column: Column) -> Any:
    """One cell to the value the profile stores; None when empty. Raises :class:`AnswerError`."""
    return parse_answer(answer_field(column), value)


# --- sheets ----------------------------------------------------------------------------------------------


def map_headers(header: Sequence[Any]) -> list[str | None]:
    """Each column's field (None for an empty, unnamed column). Raises :class:`SheetError` naming bad columns."""
    return [column.name if column else None for column in map_columns(header)]


def map_columns(header: Sequence[Any]) -> list[Column | None]:
    """Each column's field and unit (None for an empty, unnamed column). Raises :class:`SheetError`."""
    index = header_index()
    fields: list[Column | None] = []
    unknown: list[str] = []
    seen: dict[str, str] = {}
    repeated: list[str] = []
    for cell in header:
        text = "" if cell is None else str(cell).strip()
        if not text:
            fields.append(None)
            continue
        column = index.get(_norm(text))
        if column is None:
            unknown.append(text)
        elif column.name in seen:
            repeated.append(f"“{seen[column.name]}”与“{text}”")
        else:
            seen[column.name] = text
        fields.append(column)
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
    fields = map_columns(table[0])
    for offset, row in enumerate(table[1:]):
        number = offset + 2
        cells = [(column, row[i] if i < len(row) else None) for i, column in enumerate(fields)]
        extra = [v for v in row[len(fields) :] if not _is_empty(v)]
        if all(_is_empty(v) for _, v in cells) and not extra:
            continue
        typed_name = next(
            (_typed(v) for c, v in cells if c is not None and c.name == "name" and not _is_empty(v)), None
        )
        if extra:
            yield SheetRow(number, None, MESSAGES["batch_extra_cells"], None, typed_name)
            continue
        data: dict[str, Any] = {}
        failure: tuple[str, str] | None = None
        for column, value in cells:
            if column is None:
                if not _is_empty(value):
                    failure = ("", MESSAGES["batch_unnamed_cell"])
                    break
                continue
            try:
                converted = convert_cell(value, column)
            except AnswerError as exc:
                failure = (column.name, exc.message)
                break
            if converted is not None:
                data[column.name] = converted
        if failure is not None:
            name, reason = failure
            where = f"字段 {name}（{field_title(name)}）：" if name else ""
            yield SheetRow(number, None, f"{where}{reason}", name or None, typed_name)
            continue
        try:
            yield SheetRow(number, profile_from_data(data), name=typed_name)
        except ProfileError as exc:
            yield SheetRow(number, None, exc.message, exc.field, typed_name)


def _typed(value: Any) -> str:
    """A cell as text, for naming a bad row by the company name typed in it."""
    try:
        return parse_text(value, AnswerField(name="name", kind="text"))
    except AnswerError:
        return str(value).strip()


def template_rows() -> list[list[str]]:
    """The empty sheet `batch --template-csv` writes: one header row."""
    return [[header_for(name) for name in columns()]]
