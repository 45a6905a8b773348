"""The one answer parser (issue 15): the same raw input gives the same value wherever it is typed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.answers import AnswerError, AnswerField, field_for_question, parse_answer
from desktop_app.domain.questionnaire import load_questionnaire


def question_field(question_id: str) -> AnswerField:
    question = load_questionnaire().question(question_id)
    assert question is not None, question_id
    return field_for_question(question)


ACCEPTED: list[tuple[str, Any, Any]] = [
    # 万元 fields: a bare number is in the display unit; an explicit unit wins.
    ("rd_expense_last_year", "35", 350_000),
    ("rd_expense_last_year", "12万", 120_000),
    ("rd_expense_last_year", "12万元", 120_000),
    ("rd_expense_last_year", "１２万", 120_000),
    ("rd_expense_last_year", "3,000.50元", 3001),
    ("listing_market_value", "0.5亿", 50_000_000),
    # 元 fields
    ("guarantee_fee_paid", "3,000.50", 3001),
    ("guarantee_fee_paid", "３０００", 3000),
    ("guarantee_fee_paid", 3000, 3000),
    # dates, full-width too
    ("established_on", "2023-06-01", dt.date(2023, 6, 1)),
    ("established_on", "20230601", dt.date(2023, 6, 1)),
    ("established_on", "2023/6/1", dt.date(2023, 6, 1)),
    ("established_on", "２０１５－０３－２０", dt.date(2015, 3, 20)),
    ("established_on", "2015年3月20日", dt.date(2015, 3, 20)),
    # booleans and lists
    ("foreign_invested", "是", True),
    ("foreign_invested", "否", False),
    ("foreign_invested", "yes", True),
    ("foreign_invested", 0, False),
    ("topics", "hiring、tax", ["hiring", "tax"]),
    ("topics", "招用人员，税费与社保", ["hiring", "tax"]),
    ("topics", "无", []),
    # choices by value or label
    ("district", "金山区", "jinshan"),
    ("district", "jinshan", "jinshan"),
    # integers
    ("eligible_hires", "３", 3),
    ("eligible_hires", 3.0, 3),
    # phones
    ("contact_phone", "021-57921185", "021-57921185"),
    ("contact_phone", "13812345678", "13812345678"),
    ("contact_phone", "57921185、13812345678", "57921185、13812345678"),
    # empty is unanswered, never zero
    ("rd_expense_last_year", "  ", None),
    ("foreign_invested", None, None),
]

REFUSED: list[tuple[str, Any, str]] = [
    ("rd_expense_last_year", "1e9", "1e9"),
    ("guarantee_fee_paid", "1e9", "1e9"),
    ("rd_expense_last_year", "inf", "数字"),
    ("guarantee_fee_paid", "3,00.5", "千位分隔符"),
    ("guarantee_fee_paid", "0.001", "精确到分"),
    ("guarantee_fee_paid", "-5", "不能小于"),
    ("established_on", "2023-02-30", "没有这一天"),
    ("established_on", "next week", "日期格式"),
    ("foreign_invested", "也许", "是"),
    ("district", "浦东新区", "不是可选项"),
    ("contact_phone", "abc", "电话号码"),
    ("contact_phone", "123", "电话号码"),
    ("name", "甲\v公司", "控制字符"),
    ("eligible_hires", "2.5", "整数"),
]


@pytest.mark.parametrize(("field", "raw", "expected"), ACCEPTED)
def test_accepted_inputs(field: str, raw: Any, expected: Any) -> None:
    """Each common way of writing an answer parses to the stored value (元, date, bool, list)."""
    assert parse_answer(question_field(field), raw) == expected


@pytest.mark.parametrize(("field", "raw", "says"), REFUSED)
def test_refused_inputs(field: str, raw: Any, says: str) -> None:
    """Bad input is refused with a Chinese reason that says what to type (1e9 is not a number here)."""
    with pytest.raises(AnswerError) as caught:
        parse_answer(question_field(field), raw)
    assert says in caught.value.message


def test_limits_carry_their_unit() -> None:
    """A maximum is shown in 亿元/万元, not as a raw 10000000000000."""
    spec = AnswerField(name="x", kind="money", unit="元", maximum=Decimal(10**13))
    with pytest.raises(AnswerError) as caught:
        parse_answer(spec, "20000000000000")
    assert caught.value.message == "不能大于 100000亿元"


def test_fen_are_kept_where_the_field_allows_them() -> None:
    """A field that stores fen keeps 3,000.50 exactly (batch sheets and future Decimal fields)."""
    spec = AnswerField(name="fee", kind="money", unit="元", whole_yuan=False)
    assert parse_answer(spec, "3,000.50") == Decimal("3000.50")
