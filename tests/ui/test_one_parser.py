"""One answer parser (issue 15): the wizard's editors and a batch sheet read the same raw input as the same value.

Each case goes through both entry points. The wizard: the question's real editor from ``make_editor``; text
is typed into line editors (``qtbot.keyClicks``, or committed as an input method does for CJK); yes/no,
choice and list questions, which the wizard shows as buttons and tick boxes, go through the rules the wizard
builds for the question (``field_for_question`` + ``parse_answer``), and the editor is then set to that value
and read back. The batch sheet: a .csv (and an .xlsx with native cells) with `batch --template-csv` headers,
read by ``read_sheet`` and ``parse_rows``. Both must store the same value, or both refuse with the same reason.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.cli.batch_sheet import SheetRow, header_for, parse_rows
from desktop_app.domain.answers import AnswerError, field_for_question, parse_answer
from desktop_app.domain.questionnaire import load_questionnaire
from desktop_app.sheets import read_sheet
from desktop_app.ui.editors import LineEditor
from desktop_app.ui.fields import make_editor

#: (field, raw input, stored value; None when both must refuse it)
CASES: list[tuple[str, str, Any]] = [
    ("established_on", "２０１５－０３－２０", dt.date(2015, 3, 20)),  # full-width digits and dashes
    ("established_on", "2023年6月1日", dt.date(2023, 6, 1)),
    ("established_on", "20230601", dt.date(2023, 6, 1)),
    ("established_on", "2023-02-30", None),  # no such day
    ("rd_expense_last_year", "12万", 120_000),  # 上一年度研发投入 is asked in 万元
    ("rd_expense_last_year", "１２万", 120_000),
    ("rd_expense_last_year", "35", 350_000),  # a bare number in a 万元 field is 35万, in both
    ("rd_expense_last_year", "1e9", None),  # no exponents
    ("relief_quota_loan_interest", "3,000.50", 3001),  # asked in 元; fen rounded to whole 元
    ("relief_quota_loan_interest", "3,00.5", None),  # a misplaced thousands separator
    ("listing_market_value", "2.5", 250_000_000),  # 发行市值 is asked in 亿元
    ("eligible_hires", "１２", 12),
    ("eligible_hires", "1.5", None),  # people are whole
    ("small_scale_taxpayer", "是", True),
    ("small_scale_taxpayer", "否", False),
    ("small_scale_taxpayer", "yes", True),
    ("small_scale_taxpayer", "1", True),
    ("small_scale_taxpayer", "也许", None),
    ("industry", "制造业", "manufacturing"),  # a choice by its label
    ("industry", "manufacturing", "manufacturing"),  # and by its value
    ("industry", "采矿业", None),  # not an option
    ("green_national", "绿色工厂、product", ["factory", "product"]),  # a list, labels and values mixed
    ("green_national", "a、b", None),  # neither is an option
    ("green_national", "无", []),  # answered: none of them
    ("contact_phone", "021-57921185", "021-57921185"),
    ("contact_phone", "12", None),  # not a phone number
]


def _wizard(qtbot: Any, field: str, raw: str) -> tuple[Any, str | None]:
    """The value (or error) the wizard's editor for ``field`` holds after ``raw`` is entered."""
    question = load_questionnaire().question(field)
    assert question is not None
    editor = make_editor(question)
    qtbot.addWidget(editor)
    if isinstance(editor, LineEditor):
        if raw.isascii():
            qtbot.keyClicks(editor.edit, raw)
        else:  # committed as the input method would (keyClicks aborts on CJK)
            editor.edit.insert(raw)
        return editor.value(), editor.error()
    try:
        value = parse_answer(field_for_question(question), raw)
    except AnswerError as exc:
        return None, exc.message
    editor.set_value(value)
    return editor.value(), None


def _sheet_row(path: Path, field: str, raw: Any) -> SheetRow:
    """The one company row of a sheet with template headers: 企业名称 and ``field``."""
    header = [header_for("name"), header_for(field)]
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([header, ["甲公司", raw]])
    else:
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.append(header)
        sheet.append(["甲公司", raw])
        workbook.save(path)
    rows = list(parse_rows(read_sheet(path).rows))
    assert len(rows) == 1
    return rows[0]


@pytest.mark.parametrize(("field", "raw", "expected"), CASES)
def test_wizard_and_batch_sheet_store_the_same_value(
    qtbot: Any, tmp_path: Path, field: str, raw: str, expected: Any
) -> None:
    """The same raw input is the same stored value in the wizard and in a batch sheet, or refused by both."""
    value, error = _wizard(qtbot, field, raw)
    row = _sheet_row(tmp_path / "名单.csv", field, raw)
    if expected is None:
        assert value is None and error, f"the wizard accepted {raw!r} for {field}"
        assert row.profile is None and row.error is not None, f"the sheet accepted {raw!r} for {field}"
        assert error in row.error and field in row.error  # the same reason, with the field named
        return
    assert error is None and value == expected
    assert row.error is None and row.profile is not None, row.error
    assert getattr(row.profile, field) == expected


@pytest.mark.parametrize(
    ("field", "cell", "expected"),
    [
        ("rd_expense_last_year", 35, 350_000),  # a number cell under （万元） is 万元
        ("relief_quota_loan_interest", 3000, 3000),  # under （元） it is 元
        ("small_scale_taxpayer", True, True),
        ("established_on", dt.datetime(2015, 3, 20), dt.date(2015, 3, 20)),
    ],
)
def test_native_xlsx_cells_read_in_the_header_unit(tmp_path: Path, field: str, cell: Any, expected: Any) -> None:
    """Excel's own numbers, booleans and dates under template headers store what the wizard would."""
    row = _sheet_row(tmp_path / "名单.xlsx", field, cell)
    assert row.error is None and row.profile is not None, row.error
    assert getattr(row.profile, field) == expected


def test_header_unit_decides_what_a_bare_number_is(tmp_path: Path) -> None:
    """（万元） makes 35 350000元, （元） makes it 35元; a field name is 元; a bare title is refused, not guessed."""
    path = tmp_path / "名单.csv"
    titles = ["上一年度研发投入（万元）", "上一年度研发投入（元）", "rd_expense_last_year"]
    stored = []
    for title in titles:
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([["企业名称", title], ["甲公司", "35"]])
        (row,) = parse_rows(read_sheet(path).rows)
        assert row.profile is not None, row.error
        stored.append(row.profile.rd_expense_last_year)
    # a field-name header is in the profile's own unit (元), as a profile file is
    assert stored == [350_000, 35, 35]
    for cell, expected in (("35", None), ("35万", 350_000), ("350000元", 350_000)):
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([["企业名称", "上一年度研发投入"], ["甲公司", cell]])
        (row,) = parse_rows(read_sheet(path).rows)
        if expected is None:
            # 35 under a title without a unit could be 35元 or 35万元: the row is refused, saying what to write
            assert row.profile is None and row.error is not None and "（万元）" in row.error, row.error
        else:
            assert row.profile is not None and row.profile.rd_expense_last_year == expected, row.error
