"""Issue 11: the engine never claims eligibility the clause does not give (each case cites its clause)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.domain.helpers import result_for, status_by_year

AS_OF = dt.date(2023, 6, 1)


@pytest.mark.parametrize(
    ("district", "measure_id"),
    [
        ("qingpu", "qingpu-2023-6.2b"),  # 青浦 六、2
        ("jiading", "jiading-2023-7.2e"),  # 嘉定 七、2
        ("baoshan", "baoshan-2023-18a"),  # 宝山 第18条
        ("jinshan", "jinshan-2023-19"),  # 金山 政策类第19行
    ],
)
def test_first_time_four_above_is_about_when_and_read_alike_in_every_district(
    catalog: Catalog, district: str, measure_id: str
) -> None:
    """对首次成为“四上”企业的有效期内高新技术企业 stands word for word in four plans: an enterprise that first
    entered the 四上 database in 2019 did not become 四上 for the first time under a 2023 plan, and a yes to
    “是否首次成为” without the year is not enough to claim 50万. One reading for all four: 2023 holds, 2022 is
    for the 科委 to confirm, earlier is not met, no year is 需补充信息."""
    base: dict[str, Any] = {
        "district": district,
        "hitech_valid": True,
        "newly_four_above": True,
        "rd_expense_last_year": 4_000_000,
    }
    assert status_by_year(catalog, measure_id, base, "four_above_year", (2023, 2022, 2019)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2019: Status.not_eligible,
        None: Status.needs_info,
    }
    unknown = result_for(catalog, measure_id, **base)
    assert unknown.missing == ("four_above_year",)
    assert unknown.reading_note and "2022年" in unknown.reading_note


@pytest.mark.parametrize(
    ("district", "measure_id"),
    [
        ("baoshan", "baoshan-2023-18b"),  # 宝山 第18条: 对 2023 年新认定的市级“专精特新”企业给予 20万元奖励
        ("jiading", "jiading-2023-7.2b"),  # 嘉定 七、2: 对新认定市级“专精特新”中小企业
        ("jinshan", "jinshan-2023-17a"),  # 金山 政策类第17行: 对新认定的市级“专精特新”企业
    ],
)
def test_a_little_giant_recognised_municipal_the_same_year_is_asked_not_ruled_out(
    catalog: Catalog, district: str, measure_id: str
) -> None:
    """The tier question takes the highest recognition only: a firm newly 市级 and then 小巨人 in 2023 answers
    小巨人, which alone said nothing about its 市级 recognition and gave 不符合 for the 市级 award."""
    base: dict[str, Any] = {
        "district": district,
        "srdi_recognition": "national_little_giant",
        "srdi_recognition_year": 2023,
    }
    asked = result_for(catalog, measure_id, **base)
    assert asked.status is Status.needs_info and asked.missing == ("municipal_srdi_same_year",)
    assert result_for(catalog, measure_id, **base, municipal_srdi_same_year=True).status is Status.eligible
    assert result_for(catalog, measure_id, **base, municipal_srdi_same_year=False).status is Status.not_eligible


@pytest.mark.parametrize(
    ("district", "measure_id"),
    [
        ("baoshan", "baoshan-2023-18c"),  # 宝山 第18条: 对新认定国家级专精特新“小巨人”企业给予 50万元奖励
        ("jiading", "jiading-2023-7.2c"),  # 嘉定 七、2: 对新认定国家专精特新“小巨人”给予不低于30万元奖励
        ("jinshan", "jinshan-2023-17b"),  # 金山 政策类第17行: 对新认定的国家专精特新“小巨人”企业，给予不低于30万元奖励
    ],
)
def test_a_single_champion_recognised_little_giant_the_same_year_is_asked_not_ruled_out(
    catalog: Catalog, district: str, measure_id: str
) -> None:
    """The same for the next tier: a firm newly 小巨人 and then 单项冠军 in 2023 answers 单项冠军, which gave 不符合
    for the 小巨人 award; a follow-up asks whether it was also newly 小巨人 that year."""
    base: dict[str, Any] = {"district": district, "srdi_recognition": "single_champion", "srdi_recognition_year": 2023}
    asked = result_for(catalog, measure_id, **base)
    assert asked.status is Status.needs_info and asked.missing == ("little_giant_same_year",)
    assert result_for(catalog, measure_id, **base, little_giant_same_year=True).status is Status.eligible
    assert result_for(catalog, measure_id, **base, little_giant_same_year=False).status is Status.not_eligible


@pytest.mark.parametrize(
    ("district", "measure_id"),
    [
        ("jinshan", "jinshan-2023-17a"),  # 金山 政策类第17行: 对新认定的市级“专精特新”企业
        ("jiading", "jiading-2023-7.2b"),  # 嘉定 七、2: 对新认定市级“专精特新”中小企业
    ],
)
def test_a_2018_recognition_is_not_new(catalog: Catalog, district: str, measure_id: str) -> None:
    """新认定 is about when: a municipal 专精特新 recognised in 2018 is not eligible under a 2023 plan."""
    old = result_for(
        catalog, measure_id, district=district, srdi_recognition="municipal_srdi", srdi_recognition_year=2018
    )
    assert old.status is Status.not_eligible
    assert old.amount is None
    assert any("2018" in reason for reason in old.reasons)
    new = result_for(
        catalog, measure_id, district=district, srdi_recognition="municipal_srdi", srdi_recognition_year=2023
    )
    assert new.status is Status.eligible
    assert new.reading_note  # the window the pack reads is shown, not hidden in a YAML comment
    last_year = result_for(
        catalog, measure_id, district=district, srdi_recognition="municipal_srdi", srdi_recognition_year=2022
    )
    assert last_year.status is Status.needs_check
    unanswered = result_for(catalog, measure_id, district=district, srdi_recognition="municipal_srdi")
    assert unanswered.status is Status.needs_info
    assert unanswered.missing == ("srdi_recognition_year",)


def test_a_2018_little_giant_is_not_new_in_baoshan(catalog: Catalog) -> None:
    """宝山 第18条: 对新认定国家级专精特新“小巨人”企业给予50万元 — a 2018 小巨人 gets nothing."""
    r = result_for(
        catalog,
        "baoshan-2023-18c",
        district="baoshan",
        srdi_recognition="national_little_giant",
        srdi_recognition_year=2018,
    )
    assert r.status is Status.not_eligible


def test_a_retailer_outside_the_express_ecosystem_gets_no_system_upgrade_subsidy(catalog: Catalog) -> None:
    """青浦 六、1: the 最高300万 for 信息管理系统、自动分拣系统改造 sits inside the 快递生态圈 passage."""
    r = result_for(
        catalog,
        "qingpu-2023-6.1b",
        district="qingpu",
        industry="retail",
        express_ecosystem=False,
        express_system_upgrade=True,
    )
    assert r.status is Status.not_eligible
    assert r.amount is None


@pytest.mark.parametrize(
    ("district", "measure_id"),
    [
        ("qingpu", "qingpu-2023-1.1b"),  # 青浦 一、1
        ("jiading", "jiading-2023-1.1b"),  # 嘉定 一、1
        ("baoshan", "baoshan-2023-1b"),  # 宝山 第1条
        ("jinshan", "jinshan-2023-1b"),  # 金山 政策类第1行
    ],
)
def test_input_vat_refund_is_to_be_confirmed_for_a_software_firm(
    catalog: Catalog, district: str, measure_id: str
) -> None:
    """“制造业、批发零售业等行业企业”: “等” ends an open list, so a software firm is 待核实, never 不符合."""
    r = result_for(catalog, measure_id, district=district, industry="software_it")
    assert r.status is Status.needs_check
    assert len(r.open_checks) == 1 and not r.open_checks[0].confirmed
    assert "税务" in r.open_checks[0].confirmer
    ticked = result_for(
        catalog, measure_id, district=district, industry="software_it", confirmations=[r.open_checks[0].key]
    )
    assert ticked.status is Status.eligible
    assert ticked.confirmed_checks == (r.open_checks[0].text,)
    assert result_for(catalog, measure_id, district=district, industry="manufacturing").status is Status.eligible


def test_jiading_is_not_yet_in_force_the_day_before_it_starts(catalog: Catalog) -> None:
    """嘉定: 本行动方案自2023年3月3日起施行 — on 2023-03-02 its own measures are 未施行, not 已过期."""
    r = result_for(catalog, "jiading-2023-2.1c", as_of=dt.date(2023, 3, 2), district="jiading", eligible_hires=2)
    assert r.status is Status.not_yet_valid
    assert r.status.label == "未施行"


def test_without_a_district_everything_has_expired_in_2026(catalog: Catalog) -> None:
    """Every document has ended by 2026-06-01: with nothing answered, every measure is 已过期, none 需补充信息."""
    report = match(EnterpriseProfile(), catalog, as_of=dt.date(2026, 6, 1))
    assert {r.status for r in report.results} == {Status.expired}


def test_zero_research_spend_is_not_eligible_and_gets_no_amount(catalog: Catalog) -> None:
    """金山 第19行: 上一年度研发投入5% — spending 0 gives 0元, which is not eligible (and so gets no letter)."""
    r = result_for(
        catalog,
        "jinshan-2023-19",
        district="jinshan",
        hitech_valid=True,
        newly_four_above=True,
        four_above_year=2023,
        rd_expense_last_year=0,
    )
    assert r.status is Status.not_eligible
    assert any("0元" in reason for reason in r.reasons)


def test_pv_gap_prints_without_float_noise(catalog: Catalog) -> None:
    """宝山 第21条: 装机容量不低于400千瓦 — 399.9 kW is 0.1kW short, never 0.10000000000002274kW."""
    r = result_for(catalog, "baoshan-2023-21a", district="baoshan", pv_capacity_kw=399.9)
    assert r.status is Status.not_eligible
    hint = next(reason for reason in r.reasons if "门槛" in reason)
    assert "差 0.1kW" in hint and "0000" not in hint


def test_green_supply_chain_cap_leaves_the_last_award_nothing(catalog: Catalog) -> None:
    """宝山 第21条: 单个单位绿色供应链、绿色产品总奖励额度不超过50万元 — 30万 + 20万 use it up, so 21i gets 0."""
    answers = {
        "district": "baoshan",
        "green_national": ["supply_chain", "product"],
        "green_municipal": ["supply_chain"],
    }
    report = match(EnterpriseProfile(**answers), catalog, as_of=AS_OF)
    by_id = {r.measure.id: r for r in report.results}
    assert by_id["baoshan-2023-21e"].amount is not None
    assert by_id["baoshan-2023-21e"].amount.maximum == Decimal(300_000)
    assert by_id["baoshan-2023-21f"].amount is not None
    assert by_id["baoshan-2023-21f"].amount.maximum == Decimal(200_000)
    capped = by_id["baoshan-2023-21i"]
    assert capped.status is Status.not_eligible
    assert any("50万元" in reason for reason in capped.reasons)


def test_contested_cap_spans_both_readings(catalog: Catalog) -> None:
    """青浦 六、4: a 1亿 non-战新 project is 200万元至800万元 — “最高200万元” may or may not reach the 8% rate."""
    r = result_for(
        catalog,
        "qingpu-2023-6.4c",
        district="qingpu",
        industry="manufacturing",
        tech_upgrade_investment=100_000_000,
        strategic_emerging=False,
    )
    assert r.amount_text == "200万元至800万元"
    assert r.reading_note


def test_department_scaled_percentage_is_a_ceiling(catalog: Catalog) -> None:
    """宝山 第17条: 视其科技创新能级给予项目总投入30% — 200万 of spending is 0 to 60万, not exactly 60万."""
    r = result_for(catalog, "baoshan-2023-17a", district="baoshan", joint_rd_investment=2_000_000)
    assert r.amount is not None
    assert (r.amount.minimum, r.amount.maximum) == (Decimal(0), Decimal(600_000))


def test_unanswered_is_never_not_eligible(catalog: Catalog) -> None:
    """Unknown is not zero: an enterprise of a district with nothing else answered has no 不符合 at all."""
    for district in ("qingpu", "jiading", "baoshan", "jinshan"):
        report = match(EnterpriseProfile(district=district), catalog, as_of=AS_OF)
        assert not report.with_status(Status.not_eligible), district


@pytest.mark.parametrize(
    ("measure_id", "answers", "year_field"),
    [
        # 金山 政策类第12行: 对商业载体首次实现年度社会消费品零售总规模达到 5 亿元、10 亿元的
        ("jinshan-2023-12a", {"mall_operator": True, "mall_retail_milestone": 500_000_000}, "mall_milestone_year"),
        # 金山 政策类第13行: 对新增的限额以上批发、零售、住宿、餐饮企业，给予一次性 2 万元的奖励
        ("jinshan-2023-13", {"industry": "retail", "newly_above_quota": True}, "above_quota_year"),
        # 金山 政策类第14行: 对年度商品销售额首次达到 10 亿元、20 亿元的，或年度零售额首次达到 1 亿元、5 亿元的
        ("jinshan-2023-14", {"sales_milestone_first": True}, "sales_milestone_year"),
    ],
)
def test_jinshan_first_and_new_milestones_are_about_when(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], year_field: str
) -> None:
    """首次实现 / 新增的 / 首次达到 are about when, like 首次成为“四上”企业: with only a yes/no a milestone reached
    in 2019 was 符合条件. Now 2023 holds, 2022 is for 区经委 to confirm, earlier is not met, no year is asked."""
    base: dict[str, Any] = {"district": "jinshan", **answers}
    assert status_by_year(catalog, measure_id, base, year_field, (2023, 2022, 2019)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2019: Status.not_eligible,
        None: Status.needs_info,
    }
    confirmed = result_for(catalog, measure_id, **{**base, year_field: 2022})
    assert [c.confirmer for c in confirmed.open_checks] == ["区经委"]
