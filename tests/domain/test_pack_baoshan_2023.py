"""The 宝山 2023 pack (宝府规〔2023〕1号): its measures, amounts worked out by hand, statuses, rules and the example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF
from tests.domain.helpers import IN_FORCE_FROM_FIRST_TO_LAST, failed_ids, result_for, status_on_each_side

PACK_ID = "baoshan-2023"
EXPIRED_AS_OF = dt.date(2026, 11, 22)
WAN = Decimal(10000)

EXPECTED_IDS = {
    "baoshan-2023-1a",
    "baoshan-2023-1b",
    "baoshan-2023-1c",
    "baoshan-2023-1d",
    "baoshan-2023-2a",
    "baoshan-2023-2b",
    "baoshan-2023-3",
    "baoshan-2023-4",
    "baoshan-2023-5a",
    "baoshan-2023-5b",
    "baoshan-2023-6a",
    "baoshan-2023-6b",
    "baoshan-2023-6c",
    "baoshan-2023-8a",
    "baoshan-2023-8b",
    "baoshan-2023-9",
    "baoshan-2023-16",
    "baoshan-2023-17a",
    "baoshan-2023-17b",
    "baoshan-2023-18a",
    "baoshan-2023-18b",
    "baoshan-2023-18c",
    "baoshan-2023-18d",
    "baoshan-2023-18e",
    "baoshan-2023-20",
    "baoshan-2023-21a",
    "baoshan-2023-21b",
    "baoshan-2023-21c",
    "baoshan-2023-21d",
    "baoshan-2023-21e",
    "baoshan-2023-21f",
    "baoshan-2023-21g",
    "baoshan-2023-21h",
    "baoshan-2023-21i",
    "baoshan-2023-21j",
}

GREEN_SUPPLY_CHAIN_AND_PRODUCT = ["baoshan-2023-21e", "baoshan-2023-21f", "baoshan-2023-21i", "baoshan-2023-21j"]


def baoshan(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="baoshan", **answers)


def test_pack_has_exactly_the_expected_measures(catalog: Catalog) -> None:
    """The pack holds every benefit-naming measure of items 1–28 and nothing else."""
    pack = next(p for p in catalog.packs if p.id == PACK_ID)
    assert {m.id for m in pack.measures} == EXPECTED_IDS


# (measure id, answers, minimum, maximum) — every figure worked out by hand from the clause.
AMOUNT_CASES = [
    # 20: DCMM 二级、三级、四级、五级 分别 20万、30万、50万、80万元
    ("baoshan-2023-20", {"dcmm_level": 2}, 20 * WAN, 20 * WAN),
    ("baoshan-2023-20", {"dcmm_level": 3}, 30 * WAN, 30 * WAN),
    ("baoshan-2023-20", {"dcmm_level": 4}, 50 * WAN, 50 * WAN),
    ("baoshan-2023-20", {"dcmm_level": 5}, 80 * WAN, 80 * WAN),
    # 21: 0.3元/瓦，最高200万元 — 1000kW = 100万瓦 × 0.3 = 30万
    ("baoshan-2023-21a", {"pv_capacity_kw": 1000}, 30 * WAN, 30 * WAN),
    # 21: 8000kW = 800万瓦 × 0.3 = 240万 → 200万 (cap)
    ("baoshan-2023-21a", {"pv_capacity_kw": 8000}, 200 * WAN, 200 * WAN),
    # 21: exactly the 400kW threshold (不低于) = 40万瓦 × 0.3 = 12万
    ("baoshan-2023-21a", {"pv_capacity_kw": 400}, 12 * WAN, 12 * WAN),
    # 6: 按每人 2000元 — 3人 = 6000元
    ("baoshan-2023-6a", {"eligible_hires": 3}, Decimal(6000), Decimal(6000)),
    # 4: 100个基点（年化1.00%），贴息贷款总额度不高于2000万元 — 3000万 → 2000万 × 1% = 20万
    ("baoshan-2023-4", {"key_enterprise_loan_amount": 30_000_000}, 20 * WAN, 20 * WAN),
    # 4: 500万 × 1% = 5万
    ("baoshan-2023-4", {"key_enterprise_loan_amount": 5_000_000}, 5 * WAN, 5 * WAN),
    # 6: 返岗包车费用的50%，每家最高30万 — 20万 → 10万; 100万 → 50万 → 30万
    (
        "baoshan-2023-6b",
        {"return_bus_organized": True, "return_bus_in_window": True, "return_bus_cost": 200_000},
        10 * WAN,
        10 * WAN,
    ),
    # 6: “或委托劳务协作输出地包车输送市外务工人员返岗的企业” qualifies as well
    (
        "baoshan-2023-6b",
        {"return_bus_commissioned": True, "return_bus_in_window": True, "return_bus_cost": 1_000_000},
        30 * WAN,
        30 * WAN,
    ),
    # 6: 线上职业培训每人每次 600 元 — 10人 = 6000元
    ("baoshan-2023-6c", {"online_training_headcount": 10}, Decimal(6000), Decimal(6000)),
    # 3: 担保贷款 2000万元（含）以下 … 给予全额担保费补贴 — 2000万 exactly, fee 4.5万 → 4.5万
    (
        "baoshan-2023-3",
        {
            "size_class": "medium",
            "batch_guarantee_loan": True,
            "guarantee_loan_since_2022": True,
            "guarantee_loan_amount": 20_000_000,
            "repaid_on_time": True,
            "guarantee_fee_paid": 45_000,
        },
        Decimal(45_000),
        Decimal(45_000),
    ),
    # 8: 市级消费市场创新发展奖励按 1:1 区级配套 — 80万 → 80万 (no cap in the text)
    ("baoshan-2023-8a", {"city_consumption_award": 800_000}, 80 * WAN, 80 * WAN),
    # 8: 首店 年租金60%，最长三年，累计最多500万 — 年租金100万: 60万/年, 1–3年 = 60万–180万
    (
        "baoshan-2023-8b",
        {"first_store_level": "shanghai", "first_store_lease_years": 5, "first_store_annual_rent": 1_000_000},
        60 * WAN,
        180 * WAN,
    ),
    # 8: 年租金400万: 240万/年; three years 720万 → 500万 (累计上限)
    (
        "baoshan-2023-8b",
        {"first_store_level": "district", "first_store_lease_years": 3, "first_store_annual_rent": 4_000_000},
        240 * WAN,
        500 * WAN,
    ),
    # 17: 项目总投入30%，最高150万 — 200万 → 60万; 800万 → 240万 → 150万
    # 17: “视其科技创新能级给予项目总投入30%”: 30% is a ceiling the department scales, so 0 to 30% (最高150万)
    ("baoshan-2023-17a", {"joint_rd_investment": 2_000_000}, 0, 60 * WAN),
    ("baoshan-2023-17a", {"joint_rd_investment": 8_000_000}, 0, 150 * WAN),
    # 17: 首次纳入宝山区战新（制造业）统计的规上工业企业一次性 5万元
    (
        "baoshan-2023-17b",
        {"above_scale_industrial": True, "newly_in_baoshan_sei_stats": True, "baoshan_sei_stats_year": 2023},
        5 * WAN,
        5 * WAN,
    ),
    # 18: 上一年度研发投入5%，最高50万 — 400万 → 20万; 2000万 → 100万 → 50万
    (
        "baoshan-2023-18a",
        {"newly_four_above": True, "four_above_year": 2023, "hitech_valid": True, "rd_expense_last_year": 4_000_000},
        20 * WAN,
        20 * WAN,
    ),
    (
        "baoshan-2023-18a",
        {"newly_four_above": True, "four_above_year": 2023, "hitech_valid": True, "rd_expense_last_year": 20_000_000},
        50 * WAN,
        50 * WAN,
    ),
    # 18: 2023年新认定市级“专精特新” 20万元; 新认定国家级“小巨人” 50万元
    ("baoshan-2023-18b", {"srdi_recognition": "municipal_srdi", "srdi_recognition_year": 2023}, 20 * WAN, 20 * WAN),
    (
        "baoshan-2023-18c",
        {"srdi_recognition": "national_little_giant", "srdi_recognition_year": 2023},
        50 * WAN,
        50 * WAN,
    ),
    # 18: 履约保证保险 实际支付保费的50% — 6万 → 3万
    ("baoshan-2023-18d", {"sci_insurance_premium": 60_000, "repaid_on_time": True}, 3 * WAN, 3 * WAN),
    # 18: 孵化载体 1:1配套，最高100万 — 60万 → 60万; 150万 → 100万
    ("baoshan-2023-18e", {"incubator_city_support": 600_000}, 60 * WAN, 60 * WAN),
    ("baoshan-2023-18e", {"incubator_city_support": 1_500_000}, 100 * WAN, 100 * WAN),
    # 21: 国家级绿色园区、绿色工厂 150万、60万; 市级 50万、30万
    ("baoshan-2023-21c", {"green_national": ["park"]}, 150 * WAN, 150 * WAN),
    ("baoshan-2023-21d", {"green_national": ["factory"]}, 60 * WAN, 60 * WAN),
    ("baoshan-2023-21g", {"green_municipal": ["park"]}, 50 * WAN, 50 * WAN),
    ("baoshan-2023-21h", {"green_municipal": ["factory"]}, 30 * WAN, 30 * WAN),
    # 21: 国家级绿色供应链 30万 alone; 市级绿色产品 10万 alone
    ("baoshan-2023-21e", {"green_national": ["supply_chain"]}, 30 * WAN, 30 * WAN),
    ("baoshan-2023-21j", {"green_municipal": ["product"]}, 10 * WAN, 10 * WAN),
]


@pytest.mark.parametrize(
    ("measure_id", "answers", "minimum", "maximum"),
    AMOUNT_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(AMOUNT_CASES)],
)
def test_amounts_worked_out_from_the_clauses(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], minimum: Decimal, maximum: Decimal | None
) -> None:
    """Each amount equals the figure worked out by hand from the clause's text."""
    r = result_for(catalog, measure_id, baoshan(**answers))
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None
    assert r.amount.minimum == minimum
    assert r.amount.maximum == maximum


def test_dcmm_level_three_gives_300000(catalog: Catalog) -> None:
    """20: DCMM 三级 → 30万元, shown to people as 30万元."""
    r = result_for(catalog, "baoshan-2023-20", baoshan(dcmm_level=3))
    assert r.status is Status.eligible
    assert r.amount_text == "30万元"


def test_dcmm_level_one_is_not_eligible_with_a_hint(catalog: Catalog) -> None:
    """20: only 二级 and above are rewarded; 一级 fails the level condition and says how far off it is."""
    r = result_for(catalog, "baoshan-2023-20", baoshan(dcmm_level=1))
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["dcmm"]
    assert r.criteria[0].hint is not None and "2" in r.criteria[0].hint


def test_pv_below_400kw_is_not_eligible_with_a_what_if_hint(catalog: Catalog) -> None:
    """21: 装机容量不低于400千瓦 — 300kW is ruled out, and the hint names the 400kW threshold and the 100kW gap."""
    r = result_for(catalog, "baoshan-2023-21a", baoshan(pv_capacity_kw=300))
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["pv_capacity"]
    hint = r.criteria[0].hint
    assert hint is not None
    assert "400kW" in hint and "100kW" in hint
    assert hint in r.reasons


def test_public_institution_pv_never_applies_to_an_enterprise(catalog: Catalog) -> None:
    """21: the 公共机构 ≥100千瓦 threshold is for public bodies; a 300kW enterprise is not_applicable there."""
    r = result_for(catalog, "baoshan-2023-21b", baoshan(pv_capacity_kw=300))
    assert r.measure.audience.value == "government"
    assert r.status is Status.not_applicable


def test_pv_capacity_unanswered_asks_for_it(catalog: Catalog) -> None:
    """21: without the capacity the result asks exactly for pv_capacity_kw."""
    r = result_for(catalog, "baoshan-2023-21a", baoshan())
    assert r.status is Status.needs_info
    assert r.missing == ("pv_capacity_kw",)


def _green_total(catalog: Catalog, profile: EnterpriseProfile) -> Decimal:
    report = match(profile, catalog, as_of=AS_OF)
    total = Decimal(0)
    for r in report.results:
        if r.measure.id in GREEN_SUPPLY_CHAIN_AND_PRODUCT and r.status is Status.eligible:
            assert r.amount is not None and r.amount.maximum is not None
            total += r.amount.maximum
    return total


def test_national_supply_chain_and_product_together_give_500000(catalog: Catalog) -> None:
    """21: 国家级绿色供应链 30万 + 国家级绿色产品 20万 = 50万, exactly the per-unit ceiling."""
    profile = baoshan(green_national=["supply_chain", "product"], green_municipal=[])
    assert _green_total(catalog, profile) == 50 * WAN


def test_supply_chain_and_product_awards_are_capped_at_500000(catalog: Catalog) -> None:
    """21: 单个单位绿色供应链、绿色产品总奖励额度不超过50万元 — 30+20+15+10 = 75万 is cut to 50万."""
    profile = baoshan(green_national=["supply_chain", "product"], green_municipal=["supply_chain", "product"])
    assert _green_total(catalog, profile) == 50 * WAN
    trimmed = result_for(catalog, "baoshan-2023-21i", profile)
    assert any("不超过50万元" in reason for reason in trimmed.reasons), trimmed.reasons


def test_cap_rule_leaves_parks_and_factories_alone(catalog: Catalog) -> None:
    """21: the 50万 ceiling covers supply chains and products only; a 国家级绿色工厂 keeps its 60万."""
    profile = baoshan(green_national=["factory", "supply_chain", "product"], green_municipal=["supply_chain"])
    assert _green_total(catalog, profile) == 50 * WAN
    factory = result_for(catalog, "baoshan-2023-21d", profile)
    assert factory.amount is not None and factory.amount.maximum == 60 * WAN


def test_the_only_rule_is_the_green_cap(catalog: Catalog) -> None:
    """21 is the one place the document caps measures together; 就高不重复 is a note, not a rule."""
    pack = next(p for p in catalog.packs if p.id == PACK_ID)
    assert [(r.kind, sorted(r.measures), r.cap) for r in pack.rules] == [
        ("cap_total", sorted(GREEN_SUPPLY_CHAIN_AND_PRODUCT), 50 * WAN)
    ]
    assert any("就高不重复" in note for note in pack.notes)
    assert any("诚信经营" in note and "产业导向" in note for note in pack.notes)


def test_general_requirements_become_manual_checks(catalog: Catalog) -> None:
    """一、总体要求 and the closing paragraph show up as manual checks on every result of the pack."""
    r = result_for(catalog, "baoshan-2023-20", baoshan(dcmm_level=3))
    assert any("诚信经营" in check for check in r.manual_checks)
    assert any("就高不重复" in check for check in r.manual_checks)


def test_hiring_three_people_gives_6000_automatically(catalog: Catalog) -> None:
    """6: three eligible hires give 6000元; the document itself says 免申即享."""
    r = result_for(catalog, "baoshan-2023-6a", baoshan(eligible_hires=3))
    assert r.status is Status.eligible
    assert r.amount_text == "6000元"
    assert r.measure.channel.kind.value == "免申即享"
    assert r.measure.channel.from_document is True
    assert r.measure.contact.phone == "12333"
    assert r.measure.contact.phone_source == "hotline"


def test_key_enterprise_loan_of_30_million_gives_200000(catalog: Catalog) -> None:
    """4: 3000万 loan — the 贴息贷款总额度 caps the base at 2000万, × 1.00% = 20万."""
    r = result_for(catalog, "baoshan-2023-4", baoshan(key_enterprise_loan_amount=30_000_000))
    assert r.status is Status.eligible
    assert r.amount_text == "20万元"


def test_guarantee_fee_subsidy_asks_the_missing_loan_facts(catalog: Catalog) -> None:
    """3: a small firm with a fund-guaranteed loan is asked the loan date, amount and repayment, nothing else."""
    r = result_for(catalog, "baoshan-2023-3", baoshan(size_class="small", batch_guarantee_loan=True))
    assert r.status is Status.needs_info
    assert r.missing == ("guarantee_loan_amount", "guarantee_loan_since_2022", "repaid_on_time")


def test_guarantee_loan_above_20_million_is_not_eligible(catalog: Catalog) -> None:
    """3: 担保贷款 2000万元（含）以下 — a 2500万 loan fails exactly the amount condition."""
    profile = baoshan(
        size_class="small",
        batch_guarantee_loan=True,
        guarantee_loan_since_2022=True,
        guarantee_loan_amount=25_000_000,
        repaid_on_time=True,
        guarantee_fee_paid=100_000,
    )
    r = result_for(catalog, "baoshan-2023-3", profile)
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["loan_cap"]


def test_large_enterprise_gets_no_guarantee_fee_subsidy(catalog: Catalog) -> None:
    """3: only 中小微企业 — a large enterprise is ruled out on size."""
    r = result_for(catalog, "baoshan-2023-3", baoshan(size_class="large", batch_guarantee_loan=True))
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["sme"]


def test_srdi_recognised_in_2022_is_not_eligible(catalog: Catalog) -> None:
    """18: 对2023年新认定的市级“专精特新” — a 2022 recognition fails the year condition."""
    r = result_for(catalog, "baoshan-2023-18b", baoshan(srdi_recognition="municipal_srdi", srdi_recognition_year=2022))
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["year_2023"]


def test_first_store_with_a_two_year_lease_is_not_eligible(catalog: Catalog) -> None:
    """8: 签订租赁协议不低于3年 — a 2-year lease fails, with a hint on the 3-year threshold."""
    profile = baoshan(first_store_level="national", first_store_lease_years=2, first_store_annual_rent=500_000)
    r = result_for(catalog, "baoshan-2023-8b", profile)
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["lease"]
    assert any(c.hint for c in r.criteria if c.id == "lease")


def test_loan_extension_ends_on_its_own_date(catalog: Catalog) -> None:
    """2: 还本付息日期最长可延长至2023年6月30日 — 2a expires on 2023-07-01, 2b (续贷) does not."""
    profile = baoshan(size_class="small", small_micro_loan_due=True, loan_renewal_needed=True)
    assert result_for(catalog, "baoshan-2023-2a", profile, as_of=dt.date(2023, 6, 30)).status is Status.eligible
    assert result_for(catalog, "baoshan-2023-2a", profile, as_of=dt.date(2023, 7, 1)).status is Status.expired
    assert result_for(catalog, "baoshan-2023-2b", profile, as_of=dt.date(2023, 7, 1)).status is Status.eligible


def test_travel_agency_deposit_is_limited_to_the_first_quarter(catalog: Catalog) -> None:
    """9: 2023年一季度继续按100%暂退 — expired on 2023-06-01, inside its own period on 2023-03-15."""
    profile = baoshan(industry="travel_agency")
    late = result_for(catalog, "baoshan-2023-9", profile)
    assert late.status is Status.expired
    assert late.valid_until == dt.date(2023, 3, 31)
    assert result_for(catalog, "baoshan-2023-9", profile, as_of=dt.date(2023, 3, 15)).status is Status.eligible


def test_excess_water_relief_covers_all_of_2023(catalog: Catalog) -> None:
    """1: 对非居民用户 2023年超定额用水 — from 2023-01-01 (before the 18 May notice) to 2023-12-31."""
    profile = baoshan(excess_water_use_2023=True)
    r = result_for(catalog, "baoshan-2023-1d", profile, as_of=dt.date(2023, 3, 1))
    assert r.status is Status.eligible
    assert (r.valid_from, r.valid_until) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert result_for(catalog, "baoshan-2023-1d", profile, as_of=dt.date(2024, 1, 1)).status is Status.expired


def test_first_store_checks_the_brand_and_the_recognition(catalog: Catalog) -> None:
    """8: 国内外知名商业品牌首店……经认定后 — both are left to the user, and no unit is put in the text's mouth."""
    profile = baoshan(first_store_level="national", first_store_lease_years=3, first_store_annual_rent=500_000)
    r = result_for(catalog, "baoshan-2023-8b", profile)
    assert r.status is Status.eligible
    check = next(c for c in r.manual_checks if "首店" in c)
    assert "知名商业品牌" in check and "经认定" in check


def test_six_taxes_two_fees_outlives_the_rest_of_the_pack(catalog: Catalog) -> None:
    """1: 六税两费 runs to 2024-12-31; on 2024-06-01 it is eligible while every other measure has expired."""
    profile = baoshan(small_low_profit=True, eligible_hires=3, dcmm_level=3, industry="manufacturing")
    report = match(profile, catalog, as_of=dt.date(2024, 6, 1))
    ours = {r.measure.id: r.status for r in report.results if r.pack.id == PACK_ID}
    assert ours.pop("baoshan-2023-1c") is Status.eligible
    # 21b (public bodies only) has ended too: validity is decided before audience and district.
    assert set(ours.values()) == {Status.expired}
    assert result_for(catalog, "baoshan-2023-1c", profile, as_of=dt.date(2025, 1, 1)).status is Status.expired


def test_everything_has_expired_by_2026(catalog: Catalog) -> None:
    """On 2026-11-22 every enterprise measure of the pack is listed as expired, and says so."""
    profile = baoshan(small_low_profit=True, eligible_hires=3, dcmm_level=3, pv_capacity_kw=1000)
    report = match(profile, catalog, as_of=EXPIRED_AS_OF)
    ours = [r for r in report.results if r.pack.id == PACK_ID and r.measure.audience.value == "enterprise"]
    assert len(ours) == len(EXPECTED_IDS) - 1
    assert {r.status for r in ours} == {Status.expired}
    assert all(any("已过期" in reason for reason in r.reasons) for r in ours)


def test_no_vehicle_purchase_tax_measure_in_baoshan(catalog: Catalog) -> None:
    """1: unlike 嘉定 and 青浦, 宝山's tax clause has no 新能源车购置税 measure, so no measure reads that answer."""
    pack_measures = [m for m in catalog.measures if m.pack.id == PACK_ID]
    assert all("bought_nev_2023" not in m.fields for m in pack_measures)
    assert all("车辆购置税" not in m.measure.excerpt for m in pack_measures)


def test_other_district_company_is_not_applicable(catalog: Catalog) -> None:
    """Every 宝山 measure is not_applicable to a 嘉定 company, however well it fits otherwise."""
    profile = EnterpriseProfile(district="jiading", eligible_hires=3, dcmm_level=3, pv_capacity_kw=1000)
    report = match(profile, catalog, as_of=AS_OF)
    ours = [r for r in report.results if r.pack.id == PACK_ID]
    assert {r.measure.id for r in ours} == EXPECTED_IDS
    assert {r.status for r in ours} == {Status.not_applicable}


def test_tax_measures_use_the_tax_hotline_and_no_other_phone_is_invented(catalog: Catalog) -> None:
    """The document prints no phone: only the 12366 / 12333 hotlines appear, marked as hotlines."""
    for compiled in catalog.measures:
        if compiled.pack.id != PACK_ID:
            continue
        contact = compiled.measure.contact
        assert contact.phone in (None, "12366", "12333"), compiled.measure.id
        assert contact.phone_source == (None if contact.phone is None else "hotline"), compiled.measure.id
    assert catalog.by_id()["baoshan-2023-1a"].measure.contact.phone == "12366"


def test_only_item_6_names_its_channel(catalog: Catalog) -> None:
    """Only 6 (免申即享) comes from the document; every other channel is marked as presumed."""
    named = {m.measure.id for m in catalog.measures if m.pack.id == PACK_ID and m.measure.channel.from_document}
    assert named == {"baoshan-2023-6a"}


def test_example_profile_gives_a_spread_of_results(catalog: Catalog) -> None:
    """resources/examples/baoshan.json loads, is a 宝山 code, and gives the hand-worked amounts and every status."""
    profile = load_profile(examples_dir() / "baoshan.json")
    assert profile.credit_code is not None and profile.credit_code[2:8] == "310113"
    report = match(profile, catalog, as_of=AS_OF)
    by_id = {r.measure.id: r for r in report.results}
    expected = {
        "baoshan-2023-20": 30 * WAN,  # 20: DCMM 三级
        "baoshan-2023-21a": 30 * WAN,  # 21: 1000kW × 0.3元/瓦
        "baoshan-2023-6a": Decimal(6000),  # 6: 3人 × 2000元
        "baoshan-2023-4": 20 * WAN,  # 4: min(3000万, 2000万) × 1%
        "baoshan-2023-17a": 60 * WAN,  # 17: 200万 × 30%
    }
    for measure_id, amount in expected.items():
        r = by_id[measure_id]
        assert r.status is Status.eligible, (measure_id, r.reasons)
        assert r.amount is not None and r.amount.maximum == amount, measure_id
    statuses = {r.status for r in report.results if r.pack.id == PACK_ID}
    assert {Status.eligible, Status.needs_info, Status.not_eligible, Status.expired} <= statuses


def test_online_training_runs_through_all_of_2023(catalog: Catalog) -> None:
    """6: 每人每次补贴 600 元，2023 年内可享受 1 次 — the item's own period is 2023-01-01 to 2023-12-31."""
    profile = baoshan(online_training_headcount=10)
    r = result_for(catalog, "baoshan-2023-6c", profile, as_of=dt.date(2023, 3, 1))
    assert r.status is Status.eligible
    assert (r.valid_from, r.valid_until) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert r.amount_text == "6000元"
    assert result_for(catalog, "baoshan-2023-6c", profile, as_of=dt.date(2024, 1, 1)).status is Status.expired


def test_key_enterprise_loan_purposes_stay_an_open_list(catalog: Catalog) -> None:
    """4: 扩大生产规模、提升产业能级、绿色低碳转型等方面 — the condition keeps the 等, it does not close the list."""
    measure = catalog.by_id()["baoshan-2023-4"].measure
    (loan,) = [c for c in measure.criteria if c.id == "loan"]
    assert "等方面" in loan.label


def test_first_time_four_above_says_which_years_it_reads(catalog: Catalog) -> None:
    """18: 对首次成为“四上”企业 — 首次 is about when, and no year is written: 2023 holds, 2022 is for 区科委 to
    confirm, an earlier entry is not 首次; the result tells the user the reading."""
    base = {"newly_four_above": True, "hitech_valid": True, "rd_expense_last_year": 4_000_000}
    r = result_for(catalog, "baoshan-2023-18a", baoshan(**base, four_above_year=2023))
    assert r.status is Status.eligible
    assert r.reading_note is not None and "首次" in r.reading_note and "2022年" in r.reading_note
    pending = result_for(catalog, "baoshan-2023-18a", baoshan(**base, four_above_year=2022))
    assert pending.status is Status.needs_check  # the other years: test_fidelity, alike in all four districts
    assert [c.confirmer for c in pending.open_checks] == ["区科委"]


def test_first_time_in_the_sei_statistics_says_which_years_it_reads(catalog: Catalog) -> None:
    """17: 对首次纳入宝山区战略性新兴产业（制造业）统计的 — 首次 is about when; the result says the years it reads."""
    profile = baoshan(above_scale_industrial=True, newly_in_baoshan_sei_stats=True, baoshan_sei_stats_year=2023)
    r = result_for(catalog, "baoshan-2023-17b", profile)
    assert r.status is Status.eligible and r.amount_text == "5万元"
    assert r.reading_note is not None and "2023年首次纳入" in r.reading_note and "2022年" in r.reading_note


@pytest.mark.parametrize("measure_id", ["baoshan-2023-21g", "baoshan-2023-21h", "baoshan-2023-21i", "baoshan-2023-21j"])
def test_municipal_green_titles_say_the_2023_is_carried_over(catalog: Catalog, measure_id: str) -> None:
    """21: 2023年首次认定为国家级……；首次认定为市级…… — the 市级 sentence repeats no year; the note says so."""
    r = result_for(catalog, measure_id, baoshan())
    assert r.reading_note is not None
    assert "未重复“2023年”" in r.reading_note


def test_key_enterprise_loan_cites_the_sentence_that_holds_its_conditions(catalog: Catalog) -> None:
    """4: 鼓励银行等金融机构帮助区内重点企业在 2023年期间扩大生产规模、提升产业能级、绿色低碳转型等方面进行融资服务。
    对符合条件的贷款给予 100个基点…… — the conditions (区内重点企业, 2023年期间, 等方面) are in the first
    sentence, so the excerpt a letter cites starts there, and the summary keeps the list open."""
    measure = catalog.by_id()["baoshan-2023-4"].measure
    assert "区内重点企业" in measure.excerpt and "2023年期间" in measure.excerpt.replace(" ", "")
    assert "100个基点" in measure.excerpt
    assert "等方面" in measure.summary


def test_return_bus_summary_names_both_ways(catalog: Catalog) -> None:
    """6: 租用大巴车跨省“点对点”组织外来务工人员返岗的，或委托劳务协作输出地包车输送市外务工人员返岗的企业 — both ways
    qualify, so the one-line summary names both (a firm that commissioned buses must not read itself out)."""
    summary = catalog.by_id()["baoshan-2023-6b"].measure.summary
    assert "租用大巴车" in summary and "委托劳务协作输出地包车" in summary
    commissioned = baoshan(return_bus_commissioned=True, return_bus_in_window=True, return_bus_cost=80_000)
    r = result_for(catalog, "baoshan-2023-6b", commissioned)
    assert r.status is Status.eligible and r.amount_text == "4万元"


# (measure id, answers that make it eligible, first day, last day) — each period as the clause words it; measures
# without their own period run from the notice (本行动方案自印发之日起施行, 2023年5月18日) to 2023-12-31.
VALIDITY_CASES = [
    # 1: 自 2023年 1月 1日至 2023年 12月 31日，全面落实增值税小规模纳税人减免增值税等政策
    ("baoshan-2023-1a", {"small_scale_taxpayer": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    # 1: 继续按月全额退还增值税增量留抵税额 — no period of its own: the plan's
    ("baoshan-2023-1b", {"industry": "manufacturing"}, dt.date(2023, 5, 18), dt.date(2023, 12, 31)),
    # 1: 自 2023 年 1 月 1日至 2024 年 12 月 31 日，继续按照 50%幅度减免……“六税两费”
    ("baoshan-2023-1c", {"small_low_profit": True}, dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    # 1: 对非居民用户 2023年超定额用水，减半收取
    ("baoshan-2023-1d", {"excess_water_use_2023": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    # 2: 还本付息日期原则上最长可延长至 2023 年 6 月 30 日
    (
        "baoshan-2023-2a",
        {"size_class": "small", "small_micro_loan_due": True},
        dt.date(2023, 5, 18),
        dt.date(2023, 6, 30),
    ),
    # 5: 用人单位可在 2023 年 12月 31日前……补缴
    ("baoshan-2023-5a", {"deferred_social_insurance": True}, dt.date(2023, 5, 18), dt.date(2023, 12, 31)),
    # 6: 2023年1月28日至2月5日 is when the buses ran, not the claim period: the plan's
    (
        "baoshan-2023-6b",
        {"return_bus_organized": True, "return_bus_in_window": True, "return_bus_cost": 80_000},
        dt.date(2023, 5, 18),
        dt.date(2023, 12, 31),
    ),
    # 6: 每人每次补贴 600 元，2023 年内可享受 1 次
    ("baoshan-2023-6c", {"online_training_headcount": 10}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    # 9: 对符合条件的旅行社 2023年一季度继续按 100%比例暂退
    ("baoshan-2023-9", {"industry": "travel_agency"}, dt.date(2023, 1, 1), dt.date(2023, 3, 31)),
    # 20: no period of its own: 本行动方案自印发之日起施行，有效期至 2023年 12月 31日
    ("baoshan-2023-20", {"dcmm_level": 3}, dt.date(2023, 5, 18), dt.date(2023, 12, 31)),
]


@pytest.mark.parametrize(("measure_id", "answers", "first", "last"), VALIDITY_CASES, ids=[c[0] for c in VALIDITY_CASES])
def test_each_period_starts_and_ends_where_the_clause_says(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], first: dt.date, last: dt.date
) -> None:
    """The day before the first day is 未施行, the first and the last day are in force, the day after is 已过期."""
    statuses = status_on_each_side(catalog, measure_id, baoshan(**answers), first, last)
    assert statuses == IN_FORCE_FROM_FIRST_TO_LAST
