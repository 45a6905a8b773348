"""One wording of an answer for people (answer_text), and the reasons as data worded in one place."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match, open_questions
from desktop_app.domain.outcomes import OpenQuestion, Reason, reason_text, unmet_text
from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.wording import answer_text

AS_OF = dt.date(2023, 6, 1)


@pytest.mark.parametrize(
    ("name", "value", "text"),
    [
        ("industry", "manufacturing", "制造业"),  # an option by its questionnaire label, never its code
        ("green_national", ["supply_chain", "product"], "绿色供应链、绿色产品"),  # each item of a list too
        ("green_national", [], "无"),
        ("district", District.jinshan, "金山区"),
        ("small_scale_taxpayer", False, "否"),
        ("small_scale_taxpayer", None, "未回答"),
        ("established_on", dt.date(2015, 3, 20), "2015年3月20日"),
        ("joint_rd_investment", 2_000_000, "200万元"),
        ("eligible_hires", 3, "3人"),
        ("pv_capacity_kw", 1000.0, "1000kW"),
        ("first_store_lease_years", 3, "3年"),  # the unit the question gives where the profile gives none
        ("tech_upgrade_investment", 5e8, "5亿元"),
        ("name", "上海示例有限公司", "上海示例有限公司"),
    ],
)
def test_answer_text_words_an_answer_as_the_questionnaire_does(name: str, value: object, text: str) -> None:
    """Options by label, lists item by item, dates 年月日, numbers in their unit and never as 5e+08."""
    assert answer_text(name, value) == text


def test_a_failed_criterion_keeps_its_parts() -> None:
    """A failed criterion's reason holds what it asks, the answers and the clause; the wording is one function."""
    reason = Reason(
        "failed",
        "为增值税小规模纳税人",
        criterion="small",
        values=(("small_scale_taxpayer", False),),
        source="《测试文件》第1条",
    )
    assert reason.not_met
    assert unmet_text(reason) == "需为增值税小规模纳税人（本企业：否）"
    assert reason_text(reason) == "不符合：需为增值税小规模纳税人（本企业：否）——《测试文件》第1条"


def test_a_reason_with_several_answers_names_each_field() -> None:
    """Several answers are each named by their field (本企业小型微利企业：否；…); an unanswered one is left out."""
    reason = Reason(
        "failed",
        "为小型微利企业",
        values=(("small_low_profit", False), ("small_scale_taxpayer", None)),
    )
    assert reason_text(reason) == "不符合：需为小型微利企业（本企业小型微利企业：否）"


def test_match_reasons_are_data_the_sentence_is_derived(catalog: Catalog) -> None:
    """A not-eligible result's first reason names the criterion that failed and the answers it read (宝山 1a)."""
    profile = EnterpriseProfile(district="baoshan", small_scale_taxpayer=False)
    result = match(profile, catalog, as_of=AS_OF).result_for("baoshan-2023-1a")
    assert result is not None and result.status is Status.not_eligible
    first = result.why[0]
    assert first.kind == "failed" and first.criterion is not None
    assert dict(first.values) == {"small_scale_taxpayer": False}
    assert first.source.startswith("《宝山区")
    assert result.reasons[0] == reason_text(first)


def test_open_questions_are_typed(catalog: Catalog) -> None:
    """open_questions gives OpenQuestion entries: the field, what it could add, the measures it affects."""
    entries = open_questions(match(EnterpriseProfile(district="qingpu"), catalog, as_of=AS_OF))
    assert entries and all(isinstance(e, OpenQuestion) for e in entries)
    worths = [e.worth for e in entries]
    assert worths == sorted(worths, reverse=True)
    assert all(isinstance(e.worth, Decimal) and e.measures for e in entries)
    assert all(m.startswith("qingpu-") for e in entries for m in e.measures)
