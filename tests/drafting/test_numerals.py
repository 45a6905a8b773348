"""Figures in the genre's wording: money in 元/万元/亿元 and Chinese numerals, percentages, dates, phones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.drafting import numerals


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("给予10万元奖励", [Decimal(100000)]),
        ("最高 1.5 亿元", [Decimal(150000000)]),
        ("给予不低于五十万元奖励", [Decimal(500000)]),
        ("按每人2000元", [Decimal(2000)]),
        ("一千五百万元", [Decimal(15000000)]),
        ("给予 3~100 万元的一次性奖励", [Decimal(30000), Decimal(1000000)]),
        ("补贴 0.3元/瓦", [Decimal("0.3")]),
    ],
)
def test_money_in_yuan(text: str, yuan: list[Decimal]) -> None:
    """Every amount is read in yuan, whatever unit or numeral the wording uses; a range gives both ends."""
    assert [m.yuan for m in numerals.find_money(text)] == yuan


def test_one_off_wording_is_not_a_number() -> None:
    """一次性 stays words: only isolated numeral spans are converted (cn2an's sentence mode makes it 1次性)."""
    assert numerals.find_money("给予一次性开办补贴") == []
    assert [m.yuan for m in numerals.find_money("给予一次性2万元奖励")] == [Decimal(20000)]


def test_dates_with_spaces_and_chinese_numerals() -> None:
    """2023 年 6 月 30 日 (spaces from a PDF) and 二〇二三年六月三十日 are the same date."""
    for text in ("使用至 2023 年 6 月 30 日", "使用至二〇二三年六月三十日"):
        match = numerals.DATE_UNTIL.search(text)
        assert match is not None
        assert numerals.date_from(match) == dt.date(2023, 6, 30)


def test_phones_are_not_amounts_or_years() -> None:
    """An 8-digit phone is found; 50000000元, 2023年 and 11170平方米 are not phones."""
    assert [m.group(0) for m in numerals.PHONE.finditer("联系电话：57971309")] == ["57971309"]
    assert list(numerals.PHONE.finditer("给予50000000元，2023年改造11170平方米")) == []


def test_wan_without_yuan_only_as_money() -> None:
    """奖励10万 is 100,000 yuan; 10万人次 and 5万平方米 are not money."""
    assert [m.yuan for m in numerals.find_money("给予一次性奖励10万。")] == [Decimal(100000)]
    assert numerals.find_money("年接待游客10万人次，改造5万平方米") == []


def test_rate_under_a_ceiling_is_up_to() -> None:
    """按照不超过实际投资额的20%给予补助，最高100万元: a maximum rate with a cap, base named without 不超过."""
    from desktop_app.drafting.amounts import recognise

    (draft,) = recognise("对符合条件的项目，按照不超过实际投资额的20%给予补助，最高100万元。")
    assert draft.spec["rate"] == 0.2 and draft.spec["cap"] == 1000000 and draft.spec["up_to"] is True
    assert draft.spec["base_label"] == "实际投资额"
