"""How an answer reads for people, the same in the CLI, on screen and in letters: 是, 200万元, 2015年3月20日."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from desktop_app.domain.amounts import format_yuan
from desktop_app.domain.expressions import Threshold
from desktop_app.domain.profile import field_title, field_unit

if TYPE_CHECKING:
    from desktop_app.domain.questionnaire import Question


def chinese_date(day: dt.date) -> str:
    """2023年6月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def _question(name: str) -> Question | None:
    """The question that fills field ``name``: the one place the wording of options and units is looked up."""
    from desktop_app.domain.questionnaire import load_questionnaire  # the wording lives in forms/; cached

    return load_questionnaire().question(name)


def question_label(name: str, district: str | None = None) -> str:
    """The questionnaire's wording of field ``name`` (in ``district``'s own words where it has them; the
    profile title where no question asks it)."""
    question = _question(name)
    return question.text(district=district) if question is not None else field_title(name)


def format_quantity(name: str, value: float | Decimal) -> str:
    """A number in field ``name``'s unit: 200万元, 3人, 500000000 (never 5e+08)."""
    question = _question(name)
    unit = field_unit(name) or (question.unit if question is not None else None)
    if unit == "元":
        return format_yuan(value)
    number = f"{Decimal(str(value)).normalize():f}"
    return f"{number}{unit or ''}"


def answer_text(name: str, value: Any) -> str:
    """An answer of field ``name`` as a person reads it: 是 / 否 / 软件和信息技术服务业 / 200万元 / 未回答.

    An option is named by its questionnaire label, a list joins its items with 、 (an empty list is 无),
    a date is written 2015年3月20日.
    """
    if value is None:
        return "未回答"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "、".join(answer_text(name, item) for item in value) or "无"
    if isinstance(value, dt.date):
        return chinese_date(value)
    if isinstance(value, int | float | Decimal):
        return format_quantity(name, value)
    question = _question(name)
    if question is not None and question.options:
        key = value.value if isinstance(value, Enum) else value
        if any(option.value == key for option in question.options):
            return question.option_label(key)
    return str(getattr(value, "label", None) or getattr(value, "value", value))


def what_if_hint(threshold: Threshold, value: Any) -> str | None:
    """Say how far a failed numeric threshold is: 技改投入 200万元，未达 300万元门槛（差 100万元）."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if threshold.operator not in (">=", ">") or (threshold.operator == ">" and threshold.value <= 0):
        return None  # a plain "any at all" check; a gap of zero would say nothing
    if threshold.field.endswith("_year"):
        return None  # a recognition year is not a gap to close: the reason already says which years count
    # Decimal from the decimal text of each side: 400 − 399.9 is 0.1, never 0.10000000000002274.
    limit, have = Decimal(str(threshold.value)), Decimal(str(value))
    gap = limit - have
    if threshold.operator == ">" and gap == 0:
        gap_text = "需超过该门槛"
    else:
        gap_text = f"差 {format_quantity(threshold.field, gap)}"
    return (
        f"{field_title(threshold.field)} {format_quantity(threshold.field, have)}，"
        f"未达 {format_quantity(threshold.field, limit)}门槛（{gap_text}）"
    )
