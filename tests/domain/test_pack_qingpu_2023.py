"""The qingpu-2023 pack (青府规发〔2023〕1号): its measures, amounts worked out by hand, and statuses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import partial
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import MeasureResult, Status, match
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.profile_io import load_profile
from tests.conftest import AS_OF
from tests.domain import helpers

PACK_ID = "qingpu-2023"

EXPECTED_IDS = {
    "qingpu-2023-1.1a",
    "qingpu-2023-1.1b",
    "qingpu-2023-1.1c",
    "qingpu-2023-1.1d",
    "qingpu-2023-1.1e",
    "qingpu-2023-1.2a",
    "qingpu-2023-1.2b",
    "qingpu-2023-1.2c",
    "qingpu-2023-2.1a",
    "qingpu-2023-2.1b",
    "qingpu-2023-2.2a",
    "qingpu-2023-2.2b",
    "qingpu-2023-2.2c",
    "qingpu-2023-3.1a",
    "qingpu-2023-3.1b",
    "qingpu-2023-3.1c",
    "qingpu-2023-3.1d",
    "qingpu-2023-3.1e",
    "qingpu-2023-3.1f",
    "qingpu-2023-3.2a",
    "qingpu-2023-3.2b",
    "qingpu-2023-3.3a",
    "qingpu-2023-3.3b",
    "qingpu-2023-3.3c",
    "qingpu-2023-5.1",
    "qingpu-2023-5.2",
    "qingpu-2023-6.1a",
    "qingpu-2023-6.1b",
    "qingpu-2023-6.1c",
    "qingpu-2023-6.1d",
    "qingpu-2023-6.2a",
    "qingpu-2023-6.2b",
    "qingpu-2023-6.2c",
    "qingpu-2023-6.4a",
    "qingpu-2023-6.4b",
    "qingpu-2023-6.4c",
    "qingpu-2023-6.4d",
    "qingpu-2023-6.4e",
}

YI = 100_000_000  # 1亿元
WAN = 10_000  # 1万元


#: One verdict for a 青浦 profile built from the answers (unless they name another district).
result_for = partial(helpers.result_for, district="qingpu")


def pack_results(catalog: Catalog, profile: EnterpriseProfile, as_of: dt.date) -> list[MeasureResult]:
    report = match(profile, catalog, as_of=as_of)
    return [r for r in report.results if r.pack.id == PACK_ID]


def test_pack_has_exactly_the_expected_measures(catalog: Catalog) -> None:
    """Every measure of the document is in the pack, and nothing else."""
    ids = {m.measure.id for m in catalog.measures if m.pack.id == PACK_ID}
    assert ids == EXPECTED_IDS, f"missing: {sorted(EXPECTED_IDS - ids)}; unexpected: {sorted(ids - EXPECTED_IDS)}"


def test_pack_document_and_validity(catalog: Catalog) -> None:
    """The pack names the document, its number and its validity as the notice prints them."""
    pack = next(p for p in catalog.packs if p.id == PACK_ID)
    assert pack.document.number == "青府规发〔2023〕1号"
    assert pack.document.date == dt.date(2023, 2, 14)
    # 结尾：本行动方案自发布之日起施行，有效期至2023年12月31日
    assert (pack.valid_from, pack.valid_until) == (dt.date(2023, 2, 14), dt.date(2023, 12, 31))


AMOUNT_CASES = [
    # 二、2: 按每人 2000 元给予一次性吸纳就业补贴
    pytest.param("qingpu-2023-2.2a", {"eligible_hires": 1}, 2000, 2000, id="hires-1"),
    pytest.param("qingpu-2023-2.2a", {"eligible_hires": 7}, 14000, 14000, id="hires-7"),
    # 六、4: 投入达到300万元的单个技改项目 8%；战新行业 12%，最高200万元
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 25_000_000, "strategic_emerging": True},
        2_000_000,
        2_000_000,
        id="tech-upgrade-sei-2500wan-capped",
    ),
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 3_000_000, "strategic_emerging": False},
        240_000,
        240_000,
        id="tech-upgrade-300wan-boundary-8pct",
    ),
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 5_000_000, "strategic_emerging": True},
        600_000,
        600_000,
        id="tech-upgrade-sei-500wan-12pct",
    ),
    # 六、4: whether 最高200万元 also caps the 8% rate is open to two readings: 3000万 × 8% = 240万 uncapped,
    # 200万 if the cap reaches it — the amount spans both readings (200万元至240万元)
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 30_000_000, "strategic_emerging": False},
        2_000_000,
        2_400_000,
        id="tech-upgrade-3000wan-8pct-contested",
    ),
    # 六、4: 战新 5000万 × 12% = 600万 → 最高200万元; outside 战新 × 8% = 400万, or 200万 under the other reading
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 50_000_000, "strategic_emerging": True},
        2_000_000,
        2_000_000,
        id="tech-upgrade-sei-5000wan-capped",
    ),
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 50_000_000, "strategic_emerging": False},
        2_000_000,
        4_000_000,
        id="tech-upgrade-5000wan-8pct-contested",
    ),
    # 六、4: 战新 1600万 × 12% = 192万, just under the 200万 cap
    pytest.param(
        "qingpu-2023-6.4c",
        {"industry": "manufacturing", "tech_upgrade_investment": 16_000_000, "strategic_emerging": True},
        1_920_000,
        1_920_000,
        id="tech-upgrade-sei-1600wan-under-cap",
    ),
    # 六、4: 对市级技改项目，按1:0.5给予配套扶持
    pytest.param("qingpu-2023-6.4d", {"municipal_tech_upgrade_grant": 1_000_000}, 500_000, 500_000, id="match-1to0.5"),
    # 六、2: 发行市值 20亿元（含）以下 300万；20~100亿元（含）500万；100亿元以上 800万
    pytest.param(
        "qingpu-2023-6.2c", {"listing": True, "listing_market_value": 20 * YI}, 3_000_000, 3_000_000, id="ipo-20yi"
    ),
    pytest.param(
        "qingpu-2023-6.2c",
        {"listing": True, "listing_market_value": 20 * YI + 1},
        5_000_000,
        5_000_000,
        id="ipo-20yi-plus-1",
    ),
    pytest.param(
        "qingpu-2023-6.2c", {"listing": True, "listing_market_value": 100 * YI}, 5_000_000, 5_000_000, id="ipo-100yi"
    ),
    pytest.param(
        "qingpu-2023-6.2c",
        {"listing": True, "listing_market_value": 100 * YI + 1},
        8_000_000,
        8_000_000,
        id="ipo-100yi-plus-1",
    ),
    # 六、4: 首次进入规上工业企业库 5万元；新纳入战新企业名录库的在原基础上增加20%
    pytest.param(
        "qingpu-2023-6.4a",
        {"newly_above_scale": True, "above_scale_year": 2023, "newly_in_sei_catalog": True},
        60_000,
        60_000,
        id="first-above-scale-sei-6wan",
    ),
    pytest.param(
        "qingpu-2023-6.4a",
        {"newly_above_scale": True, "above_scale_year": 2023, "newly_in_sei_catalog": False},
        50_000,
        50_000,
        id="first-above-scale-5wan",
    ),
    # 六、4: 工业产值首次突破 5亿/10亿/50亿 → 5万/10万/50万，战新 +20%
    pytest.param(
        "qingpu-2023-6.4b",
        {"output_first_crossed": 10 * YI, "output_crossed_year": 2023, "newly_in_sei_catalog": False},
        100_000,
        100_000,
        id="output-10yi",
    ),
    pytest.param(
        "qingpu-2023-6.4b",
        {"output_first_crossed": 50 * YI, "output_crossed_year": 2023, "newly_in_sei_catalog": True},
        600_000,
        600_000,
        id="output-50yi-sei",
    ),
    # 六、2: 首次成为“四上”企业的有效期内高企，上一年度研发投入 5%，最高 50 万元
    pytest.param(
        "qingpu-2023-6.2b",
        {"newly_four_above": True, "four_above_year": 2023, "hitech_valid": True, "rd_expense_last_year": 20_000_000},
        500_000,
        500_000,
        id="rd-5pct-capped-50wan",
    ),
    pytest.param(
        "qingpu-2023-6.2b",
        {"newly_four_above": True, "four_above_year": 2023, "hitech_valid": True, "rd_expense_last_year": 4_000_000},
        200_000,
        200_000,
        id="rd-5pct-400wan",
    ),
    # 六、2: 按规定给予 3~100 万元的一次性奖励
    pytest.param(
        "qingpu-2023-6.2a",
        {"srdi_recognition": "innovative_sme", "srdi_recognition_year": 2023},
        30_000,
        1_000_000,
        id="srdi-range",
    ),
    # 一、2: 按企业实际贷款利率再给予企业不高于 50% 的利息补贴
    pytest.param(
        "qingpu-2023-1.2a",
        {"relief_quota_loan": True, "relief_quota_loan_interest": 30_000},
        0,
        15_000,
        id="relief-interest-up-to-50pct",
    ),
    # 一、2: 对符合条件的企业给予担保费全额补贴
    pytest.param(
        "qingpu-2023-1.2b",
        {"batch_guarantee_loan": True, "pici_loan": True, "guarantee_fee_paid": 8_000},
        8_000,
        8_000,
        id="guarantee-fee-full",
    ),
    # 三、1: 给予单个活动最高 25 万元扶持
    pytest.param("qingpu-2023-3.1a", {"wuwu_activity": True}, 0, 250_000, id="wuwu-up-to-25wan"),
    # 三、1: 综合体改造和信息化建设按实际支出 50%给予资金扶持，最高 100 万元
    pytest.param(
        "qingpu-2023-3.1b",
        {"mall_operator": True, "mall_renovation_cost": 600_000},
        300_000,
        300_000,
        id="mall-50pct",
    ),
    pytest.param(
        "qingpu-2023-3.1b",
        {"mall_operator": True, "mall_renovation_cost": 3_000_000},
        1_000_000,
        1_000_000,
        id="mall-capped-100wan",
    ),
    # 三、1: 新引进大型会员制超市 一次性开办补贴最高 100 万元
    pytest.param("qingpu-2023-3.1c", {"new_warehouse_club": True}, 0, 1_000_000, id="warehouse-club"),
    # 三、1: 新能源车促销 分档给予 25 万元、50 万元（分档标准未列：区商务委认定达到分档标准后）
    pytest.param(
        "qingpu-2023-3.1e",
        {"nev_promotion": True, "confirmations": ["qingpu-2023-3.1e:sales_tier"]},
        250_000,
        500_000,
        id="nev-promotion-25-50wan",
    ),
    # 三、1: 绿色智能家电补贴活动 10 万元一次性奖励
    pytest.param("qingpu-2023-3.1f", {"green_appliance_campaign": True}, 100_000, 100_000, id="appliance-10wan"),
    # 三、3: 组展实际发生费用给予资金资助，最高 100 万元
    pytest.param("qingpu-2023-3.3a", {"expo_group_cost": 400_000}, 0, 400_000, id="expo-group-below-cap"),
    pytest.param("qingpu-2023-3.3a", {"expo_group_cost": 2_000_000}, 0, 1_000_000, id="expo-group-capped"),
    # 三、3: 会展产业园建设初期租赁、装修等费用 最高 300 万元
    pytest.param("qingpu-2023-3.3b", {"expo_park_cost": 5_000_000}, 0, 3_000_000, id="expo-park-capped"),
    # 三、3: 新引进 UFI 认证会展企业 500 万元一次性奖励
    pytest.param("qingpu-2023-3.3c", {"ufi_new": True}, 5_000_000, 5_000_000, id="ufi-500wan"),
    # 六、1: 仓配一体化 50万元一次性扶持；信息系统、自动分拣系统改造 最高补贴300万元
    # 六、1: both sit inside the 快递生态圈 passage, so the enterprise must belong to it
    pytest.param(
        "qingpu-2023-6.1a",
        {"industry": "express_logistics", "express_warehouse_service": True},
        500_000,
        500_000,
        id="express-warehouse",
    ),
    pytest.param(
        "qingpu-2023-6.1b",
        {"express_ecosystem": True, "express_system_upgrade": True},
        0,
        3_000_000,
        id="express-system-upgrade",
    ),
]


@pytest.mark.parametrize(("measure_id", "answers", "minimum", "maximum"), AMOUNT_CASES)
def test_amounts_follow_the_document(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], minimum: int, maximum: int
) -> None:
    """Each amount worked out by hand from the clause comes out of the engine, to the yuan."""
    r = result_for(catalog, measure_id, **answers)
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None
    assert (r.amount.minimum, r.amount.maximum) == (Decimal(minimum), Decimal(maximum))


def test_tech_upgrade_contested_cap_is_a_visible_range(catalog: Catalog) -> None:
    """六、4: 1亿 non-战新 project: 800万 if 最高200万元 caps only the 12% rate, 200万 if both — shown as a range."""
    r = result_for(
        catalog,
        "qingpu-2023-6.4c",
        industry="manufacturing",
        tech_upgrade_investment=100_000_000,
        strategic_emerging=False,
    )
    assert r.status is Status.eligible
    assert r.amount is not None
    assert (r.amount.minimum, r.amount.maximum) == (Decimal(2_000_000), Decimal(8_000_000))
    assert r.amount_text == "200万元至800万元"
    assert r.amount.steps[0] == "经核定项目总投资 1亿元 × 8% = 800万元"
    assert r.reading_note is not None and "两种理解" in r.reading_note
    sei = result_for(
        catalog,
        "qingpu-2023-6.4c",
        industry="manufacturing",
        tech_upgrade_investment=25_000_000,
        strategic_emerging=True,
    )
    assert sei.amount is not None and sei.amount.steps[-1] == "超过上限，按最高200万元计"
    assert (sei.amount.minimum, sei.amount.maximum) == (Decimal(2_000_000), Decimal(2_000_000))


def test_tech_upgrade_is_for_industrial_enterprises(catalog: Catalog) -> None:
    """六、4 “支持工业企业技术改造”: a retailer is not eligible; an “其他” industry is left to 区经委 (待核实)."""
    answers: dict[str, Any] = {"tech_upgrade_investment": 10_000_000, "strategic_emerging": False}
    retail = result_for(catalog, "qingpu-2023-6.4c", industry="retail", **answers)
    assert retail.status is Status.not_eligible
    assert retail.amount is None
    other = result_for(catalog, "qingpu-2023-6.4c", industry="other", **answers)
    assert other.status is Status.needs_check
    assert [c.key for c in other.open_checks] == ["qingpu-2023-6.4c:industrial"]


def test_first_above_scale_excerpt_carries_the_bonus_it_uses(catalog: Catalog) -> None:
    """六、4: 6.4a adds 20% for 新纳入战新企业名录库, so its excerpt must quote that sentence, not only the 5万元."""
    excerpt = catalog.by_id()["qingpu-2023-6.4a"].measure.excerpt
    assert "给予5万元一次性资金支持" in excerpt
    assert "在原基础上增加20%的支持金额" in excerpt


@pytest.mark.parametrize(
    "measure_id",
    ["qingpu-2023-1.1a", "qingpu-2023-1.1d", "qingpu-2023-2.2b", "qingpu-2023-5.1", "qingpu-2023-6.4e"],
)
def test_measures_without_a_figure_have_no_amount(catalog: Catalog, measure_id: str) -> None:
    """Where the document names no figure, an eligible measure carries no amount and says why."""
    answers_by_measure: dict[str, dict[str, Any]] = {
        "qingpu-2023-1.1a": {"small_scale_taxpayer": True},
        "qingpu-2023-1.1d": {"small_scale_taxpayer": False, "small_low_profit": True},
        "qingpu-2023-2.2b": {"industry": "express_logistics", "postal_express": True},
        "qingpu-2023-5.1": {"overseas_exhibition": True, "size_class": "small"},
        "qingpu-2023-6.4e": {"smart_diagnosis": True, "industry": "manufacturing"},
    }
    r = result_for(catalog, measure_id, **answers_by_measure[measure_id])
    assert r.status is Status.eligible, r.reasons
    assert r.amount is None
    assert r.amount_text == r.measure.amount.note
    assert r.measure.amount.kind == "none"


# ───────────── engine statuses ─────────────


def test_tech_upgrade_below_threshold_gives_what_if_hint(catalog: Catalog) -> None:
    """六、4: a 200万 project fails the 300万 threshold, and the hint says by how much."""
    r = result_for(catalog, "qingpu-2023-6.4c", tech_upgrade_investment=2_000_000, strategic_emerging=True)
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["invest"]
    hint = next(reason for reason in r.reasons if "门槛" in reason)
    assert hint == "单个技改项目经核定总投资 200万元，未达 300万元门槛（差 100万元）"


def test_tech_upgrade_unanswered_investment_is_needs_info(catalog: Catalog) -> None:
    """六、4: without the investment the measure asks for it, never treats it as zero."""
    r = result_for(catalog, "qingpu-2023-6.4c", industry="manufacturing")
    assert r.status is Status.needs_info
    assert r.missing == ("tech_upgrade_investment",)


def test_tech_upgrade_rate_needs_the_sei_answer(catalog: Catalog) -> None:
    """六、4: the 8%/12% choice depends on 战新; unanswered, the amount waits for that answer."""
    r = result_for(catalog, "qingpu-2023-6.4c", industry="manufacturing", tech_upgrade_investment=5_000_000)
    assert r.status is Status.needs_info
    assert r.missing == ("strategic_emerging",)
    assert r.amount is None


def test_sei_bonus_unanswered_is_needs_info(catalog: Catalog) -> None:
    """六、4: the +20% for 新纳入战新名录库 is asked for, not assumed absent."""
    r = result_for(catalog, "qingpu-2023-6.4a", newly_above_scale=True, above_scale_year=2023)
    assert r.status is Status.needs_info
    assert r.missing == ("newly_in_sei_catalog",)


def test_first_four_above_needs_both_conditions(catalog: Catalog) -> None:
    """六、2: not first-time 四上 rules the award out even for a valid 高企."""
    r = result_for(
        catalog, "qingpu-2023-6.2b", newly_four_above=False, hitech_valid=True, rd_expense_last_year=5_000_000
    )
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["four_above"]


def test_six_taxes_any_of_settles_on_one_known_branch(catalog: Catalog) -> None:
    """一、1: 小型微利企业 alone qualifies for 六税两费, even with 小规模纳税人 unanswered."""
    r = result_for(catalog, "qingpu-2023-1.1d", small_low_profit=True)
    assert r.status is Status.eligible
    both_unknown = result_for(catalog, "qingpu-2023-1.1d")
    assert both_unknown.status is Status.needs_info
    assert both_unknown.missing == ("small_low_profit", "small_scale_taxpayer")


def test_vat_refund_other_industry_is_to_be_confirmed(catalog: Catalog) -> None:
    """一、1: “制造业、批发零售业等行业企业” is an open list: a software company is 待核实 with the tax office."""
    r = result_for(catalog, "qingpu-2023-1.1b", industry="software_it")
    assert r.status is Status.needs_check
    assert [c.state for c in r.criteria] == ["check"]
    assert [c.confirmer for c in r.open_checks] == ["区税务局（12366）"]
    assert result_for(catalog, "qingpu-2023-1.1b", industry="retail").status is Status.eligible
    confirmed = result_for(
        catalog, "qingpu-2023-1.1b", industry="software_it", confirmations=["qingpu-2023-1.1b:industry"]
    )
    assert confirmed.status is Status.eligible
    assert confirmed.confirmed_checks == (r.open_checks[0].text,)


def test_relief_loan_subsidy_ends_with_the_quota(catalog: Catalog) -> None:
    """一、2: the 纾困融资额度 runs to 2023-06-30; on 2023-07-15 it is expired while the document is not."""
    answers: dict[str, Any] = {"relief_quota_loan": True, "relief_quota_loan_interest": 30_000, "eligible_hires": 2}
    july = dt.date(2023, 7, 15)
    r = result_for(catalog, "qingpu-2023-1.2a", as_of=july, **answers)
    assert r.status is Status.expired
    assert r.valid_until == dt.date(2023, 6, 30)
    assert result_for(catalog, "qingpu-2023-1.2a", as_of=dt.date(2023, 6, 30), **answers).status is Status.eligible
    assert result_for(catalog, "qingpu-2023-2.2a", as_of=july, **answers).status is Status.eligible


def test_six_taxes_outlive_the_document(catalog: Catalog) -> None:
    """一、1: 六税两费 runs to 2024-12-31, so on 2024-06-01 it holds while the VAT measure has expired."""
    answers: dict[str, Any] = {"small_scale_taxpayer": True, "small_low_profit": True}
    later = dt.date(2024, 6, 1)
    assert result_for(catalog, "qingpu-2023-1.1d", as_of=later, **answers).status is Status.eligible
    assert result_for(catalog, "qingpu-2023-1.1a", as_of=later, **answers).status is Status.expired
    assert result_for(catalog, "qingpu-2023-1.1d", as_of=dt.date(2025, 1, 1), **answers).status is Status.expired


def test_tax_measures_start_before_the_document(catalog: Catalog) -> None:
    """一、1: the VAT relief runs from 2023-01-01; on 2023-02-01 it holds while district awards are not yet in force."""
    early = dt.date(2023, 2, 1)
    assert result_for(catalog, "qingpu-2023-1.1a", as_of=early, small_scale_taxpayer=True).status is Status.eligible
    r = result_for(catalog, "qingpu-2023-2.2a", as_of=early, eligible_hires=2)
    assert r.status is Status.not_yet_valid
    assert "尚未施行" in r.reasons[0]


def test_everything_expired_on_2026_11_22(catalog: Catalog) -> None:
    """After 2024-12-31 no measure of the pack is current, whatever the answers."""
    profile = EnterpriseProfile(district="qingpu", small_scale_taxpayer=True, eligible_hires=3)
    results = pack_results(catalog, profile, dt.date(2026, 11, 22))
    enterprise = [r for r in results if r.measure.audience.value == "enterprise"]
    assert len(enterprise) == len(EXPECTED_IDS) - 1
    assert {r.status for r in enterprise} == {Status.expired}


def test_other_district_is_not_applicable(catalog: Catalog) -> None:
    """A 宝山 company gets none of the 青浦 measures."""
    results = pack_results(catalog, EnterpriseProfile(district="baoshan", eligible_hires=3), AS_OF)
    assert len(results) == len(EXPECTED_IDS)
    assert {r.status for r in results} == {Status.not_applicable}


def test_return_transport_subsidy_invents_no_bus_condition(catalog: Catalog) -> None:
    """二、2: 返岗交通补贴 names no bus and no recipient: asked about returning workers, then 待核实."""
    r = result_for(catalog, "qingpu-2023-2.2c")
    assert r.status is Status.needs_info
    assert r.missing == ("migrant_workers_returned",)
    assert all("包车" not in c.label for c in r.criteria)
    returned = result_for(catalog, "qingpu-2023-2.2c", migrant_workers_returned=True, return_bus_organized=False)
    assert returned.status is Status.needs_check
    assert result_for(catalog, "qingpu-2023-2.2c", migrant_workers_returned=False).status is Status.not_eligible


def test_expo_group_funding_leaves_the_fair_size_to_the_user(catalog: Catalog) -> None:
    """三、3: 国外大型知名展会 is a condition no answer settles, so it is a manual check on the eligible result."""
    r = result_for(catalog, "qingpu-2023-3.3a", expo_group_cost=400_000)
    assert r.status is Status.eligible
    assert any("大型知名展会" in check for check in r.manual_checks)


def test_contacts_follow_the_responsible_units(catalog: Catalog) -> None:
    """二、1 lists 区社保中心、区医保局、区税务局; 一、2's 利息补贴 is a district subsidy, presumed at 区发改委."""
    by_id = catalog.by_id()
    assert by_id["qingpu-2023-2.1a"].measure.contact.units == ["区社保中心", "区医保局", "区税务局"]
    channel = by_id["qingpu-2023-1.2a"].measure.channel
    assert channel.detail.startswith("向区发改委申请")
    assert channel.from_document is False


def test_multinational_headquarters_support_has_no_figure(catalog: Catalog) -> None:
    """五、2: 落实跨国公司地区总部支持政策 — a recognised HQ is eligible with no amount; others are not."""
    r = result_for(catalog, "qingpu-2023-5.2", foreign_invested=True, hq_recognized=True)
    assert r.status is Status.eligible
    assert r.amount is None and r.measure.amount.kind == "none"
    assert "原文未列标准" in r.amount_text
    assert result_for(catalog, "qingpu-2023-5.2", hq_recognized=False).status is Status.not_eligible


def test_consumer_vouchers_are_for_individuals(catalog: Catalog) -> None:
    """三、2: 专项消费券 are for consumers, so they are not applicable to an enterprise."""
    r = result_for(catalog, "qingpu-2023-3.2a")
    assert r.status is Status.not_applicable
    assert "个人消费者" in r.reasons[0]


# ───────────── the example profile ─────────────


def test_example_profile_loads_with_a_spread_of_results(catalog: Catalog) -> None:
    """resources/examples/qingpu.json is a valid 青浦 profile with eligible, needs_info and not_eligible measures."""
    profile = load_profile(paths.examples_dir() / "qingpu.json")
    assert profile.district is not None and profile.district.value == "qingpu"
    assert profile.credit_code is not None and profile.credit_code[2:8] == "310118"
    report = match(profile, catalog, as_of=AS_OF)
    mine = {r.measure.id: r for r in report.results if r.pack.id in (PACK_ID, "qingpu-2021")}
    statuses = [r.status for r in mine.values()]
    for status in (Status.eligible, Status.needs_info, Status.not_eligible):
        assert statuses.count(status) >= 5, (status, statuses.count(status))
    # 六、4: 500万 战新技改 × 12% = 60万; 产值首次突破5亿 5万 + 20% = 6万
    tech = mine["qingpu-2023-6.4c"].amount
    output = mine["qingpu-2023-6.4b"].amount
    assert tech is not None and tech.maximum == Decimal(600_000)
    assert output is not None and output.maximum == Decimal(60_000)


# ───────────── fidelity review (review-qingpu) ─────────────


def test_trade_revenue_condition_is_for_the_commerce_commission(catalog: Catalog) -> None:
    """三、1 “对营业收入（销售额）符合条件的企业”: no standard printed, so a retailer is 待核实 with 区商务委."""
    r = result_for(catalog, "qingpu-2023-3.1d", industry="retail")
    assert r.status is Status.needs_check
    assert [(c.key, c.confirmer) for c in r.open_checks] == [("qingpu-2023-3.1d:revenue", "区商务委")]
    ticked = result_for(catalog, "qingpu-2023-3.1d", industry="retail", confirmations=["qingpu-2023-3.1d:revenue"])
    assert ticked.status is Status.eligible


def test_trade_circulation_scope_is_not_closed_for_logistics(catalog: Catalog) -> None:
    """三、1 “商贸流通企业” is not defined: a logistics firm is 待核实, a manufacturer is not a trade enterprise."""
    logistics = result_for(catalog, "qingpu-2023-3.1d", industry="express_logistics")
    assert logistics.status is Status.needs_check
    assert {c.key for c in logistics.open_checks} == {"qingpu-2023-3.1d:trade", "qingpu-2023-3.1d:revenue"}
    manufacturer = result_for(catalog, "qingpu-2023-3.1d", industry="manufacturing")
    assert manufacturer.status is Status.not_eligible
    assert helpers.failed_ids(manufacturer) == ["trade"]


def test_sports_subsidy_list_is_open(catalog: Catalog) -> None:
    """三、2 “对大型赛事活动、体育设施建设等给予适当补贴”: “等” is open, so “neither” is 待核实 with 区体育局."""
    neither = result_for(catalog, "qingpu-2023-3.2b", sports_event_or_facility=False)
    assert neither.status is Status.needs_check
    assert [c.confirmer for c in neither.open_checks] == ["区体育局"]
    assert result_for(catalog, "qingpu-2023-3.2b", sports_event_or_facility=True).status is Status.eligible
    assert result_for(catalog, "qingpu-2023-3.2b").status is Status.needs_info


def test_express_warehouse_service_asks_no_second_ecosystem_question(catalog: Catalog) -> None:
    """六、1 “支持快递企业为电商企业提供仓配一体化服务，对符合条件的给予50万元”: the 快递企业 answer is enough."""
    r = result_for(catalog, "qingpu-2023-6.1a", industry="express_logistics", express_warehouse_service=True)
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None and r.amount.maximum == Decimal(500_000)
    assert result_for(catalog, "qingpu-2023-6.1a", express_warehouse_service=False).status is Status.not_eligible


@pytest.mark.parametrize(
    ("measure_id", "words"),
    [
        ("qingpu-2023-6.2b", "首次成为‘四上’企业"),  # 六、2: 对首次成为“四上”企业的有效期内高新技术企业
        ("qingpu-2023-6.4a", "首次进入规上工业企业库"),  # 六、4: 对首次进入规上工业企业库的
        ("qingpu-2023-6.4b", "首次突破"),  # 六、4: 对工业产值首次突破5亿元、10亿元、50亿元的
    ],
)
def test_first_time_measures_say_which_window_they_read(catalog: Catalog, measure_id: str, words: str) -> None:
    """六、2 / 六、4: “首次” is about when and the clause prints no year, so the pack states its reading (2023)."""
    note = catalog.by_id()[measure_id].measure.reading_note
    assert note is not None and words in note and "2023年" in note and "2022年" in note


def test_no_phone_is_taken_as_the_documents(catalog: Catalog) -> None:
    """青浦 prints no phone: only 12366 on the 一、1 tax measures and 12333 on 二、1–2 appear, marked as hotlines."""
    phones = {}
    for compiled in catalog.measures:
        if compiled.pack.id in (PACK_ID, "qingpu-2021") and compiled.measure.contact.phone is not None:
            assert compiled.measure.contact.phone_source == "hotline", compiled.measure.id
            phones[compiled.measure.id] = compiled.measure.contact.phone
    assert {p for m, p in phones.items() if m.startswith("qingpu-2023-1.")} == {"12366"}
    assert {p for m, p in phones.items() if m.startswith("qingpu-2023-2.")} == {"12333"}
    assert all(m.startswith(("qingpu-2023-1.1", "qingpu-2023-2.")) for m in phones), sorted(phones)


def test_deferral_for_a_large_firm_is_left_to_the_bank(catalog: Catalog) -> None:
    """一、2 “积极开展延期还本付息和续贷服务” names no size; only 无缝续贷 is for 中小微: a large firm is 待核实."""
    large = result_for(catalog, "qingpu-2023-1.2c", size_class="large", loan_renewal_needed=True)
    assert large.status is Status.needs_check
    assert [c.confirmer for c in large.open_checks] == ["贷款银行"]
    small = result_for(catalog, "qingpu-2023-1.2c", size_class="small", loan_renewal_needed=True)
    assert small.status is Status.eligible
    assert result_for(catalog, "qingpu-2023-1.2c", size_class="large", loan_renewal_needed=False).status is (
        Status.not_eligible
    )


# ───────────── clause audit (audit-qingpu) ─────────────


def test_no_guarantee_fund_loan_means_no_pici_subsidy(catalog: Catalog) -> None:
    """一、2 “着力扩大‘批次贷’覆盖面……对符合条件的企业给予担保费全额补贴”: 批次贷 is a guarantee-fund loan.

    An enterprise that has no 政策性融资担保基金 loan at all has no 批次贷 either, and the wizard never asks it
    the 批次贷 question (shown only after a “yes”): not eligible, not needs_info waiting for a question never put."""
    none = result_for(catalog, "qingpu-2023-1.2b", batch_guarantee_loan=False)
    assert none.status is Status.not_eligible
    assert helpers.failed_ids(none) == ["guarantee_loan"]
    asked = result_for(catalog, "qingpu-2023-1.2b", batch_guarantee_loan=True, guarantee_fee_paid=8_000)
    assert asked.status is Status.needs_info
    assert asked.missing == ("pici_loan",)
    other_guarantee = result_for(catalog, "qingpu-2023-1.2b", batch_guarantee_loan=True, pici_loan=False)
    assert other_guarantee.status is Status.not_eligible


def test_multinational_headquarters_support_is_for_foreign_invested_firms(catalog: Catalog) -> None:
    """五、2 “外资稳存量扩增量……加快外资总部类项目集聚发展，落实跨国公司地区总部支持政策”: a domestic firm
    (外商投资企业: 否, and so never asked about a 跨国公司地区总部) is not eligible rather than needs_info."""
    domestic = result_for(catalog, "qingpu-2023-5.2", foreign_invested=False)
    assert domestic.status is Status.not_eligible
    assert helpers.failed_ids(domestic) == ["foreign"]
    foreign = result_for(catalog, "qingpu-2023-5.2", foreign_invested=True)
    assert foreign.status is Status.needs_info
    assert foreign.missing == ("hq_recognized",)


@pytest.mark.parametrize(
    ("measure_id", "answers", "day", "status"),
    [
        # 结尾：本行动方案自发布之日起施行（通知 2023年2月14日），有效期至2023年12月31日
        ("qingpu-2023-2.2a", {"eligible_hires": 1}, dt.date(2023, 2, 13), Status.not_yet_valid),
        ("qingpu-2023-2.2a", {"eligible_hires": 1}, dt.date(2023, 2, 14), Status.eligible),
        ("qingpu-2023-2.2a", {"eligible_hires": 1}, dt.date(2023, 12, 31), Status.eligible),
        ("qingpu-2023-2.2a", {"eligible_hires": 1}, dt.date(2024, 1, 1), Status.expired),
        # 一、1：自2023年1月1日至2023年12月31日，全面落实增值税小规模纳税人减免增值税等政策
        ("qingpu-2023-1.1a", {"small_scale_taxpayer": True}, dt.date(2022, 12, 31), Status.not_yet_valid),
        ("qingpu-2023-1.1a", {"small_scale_taxpayer": True}, dt.date(2023, 1, 1), Status.eligible),
        ("qingpu-2023-1.1a", {"small_scale_taxpayer": True}, dt.date(2024, 1, 1), Status.expired),
        # 一、1：自2023年1月1日至2024年12月31日，继续按照50%幅度减免……“六税两费”
        ("qingpu-2023-1.1d", {"small_low_profit": True}, dt.date(2024, 12, 31), Status.eligible),
        # 一、2：“防疫紧急纾困融资额度”……使用至 2023 年 6 月 30 日
        (
            "qingpu-2023-1.2a",
            {"relief_quota_loan": True, "relief_quota_loan_interest": 1},
            dt.date(2023, 7, 1),
            Status.expired,
        ),
    ],
)
def test_validity_boundaries(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], day: dt.date, status: Status
) -> None:
    """The day before, the first and the last day of each period the document prints, and the day after."""
    assert result_for(catalog, measure_id, as_of=day, **answers).status is status


def test_stay_on_subsidy_names_postal_and_express_not_all_logistics(catalog: Catalog) -> None:
    """二、2: 做好对邮政快递企业、重点工程项目等阶段性稳岗留工补贴 — the industry option 邮政快递、物流 also holds
    freight-only logistics: a postal or express firm is named (符合条件), a freight firm falls under 等 (待核实)."""
    named = result_for(catalog, "qingpu-2023-2.2b", industry="express_logistics", postal_express=True)
    assert named.status is Status.eligible
    freight = result_for(
        catalog, "qingpu-2023-2.2b", industry="express_logistics", postal_express=False, key_construction_project=False
    )
    assert freight.status is Status.needs_check
    asked = result_for(catalog, "qingpu-2023-2.2b", industry="express_logistics", key_construction_project=False)
    assert asked.status is Status.needs_info and asked.missing == ("postal_express",)


def test_warehouse_service_award_is_for_express_firms_only(catalog: Catalog) -> None:
    """六、1: 支持快递企业为电商企业提供仓配一体化服务 — a manufacturer is not a 快递企业: not eligible, and the
    wizard does not ask it about warehouse services (the question's not_asked_if and the criterion agree)."""
    maker = result_for(catalog, "qingpu-2023-6.1a", industry="manufacturing")
    assert maker.status is Status.not_eligible and "express_warehouse_service" not in maker.missing


@pytest.mark.parametrize(
    ("measure_id", "answers", "year_field"),
    [
        ("qingpu-2023-6.4a", {"newly_above_scale": True}, "above_scale_year"),  # 对首次进入规上工业企业库的
        ("qingpu-2023-6.4b", {"output_first_crossed": 5 * YI}, "output_crossed_year"),  # 对工业产值首次突破5亿元…的
    ],
)
def test_first_time_awards_of_six_four_read_the_year(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], year_field: str
) -> None:
    """六、4: 首次进入 / 首次突破 are about when, and no year is written (the reading note says so): 2023 holds, 2022
    is for 区经委 to confirm, an enterprise in the database or past the level since 2019 is not 首次."""
    base: dict[str, Any] = {**answers, "district": "qingpu", "newly_in_sei_catalog": False}
    assert helpers.status_by_year(catalog, measure_id, base, year_field, (2023, 2022, 2019)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2019: Status.not_eligible,
        None: Status.needs_info,
    }
    assert helpers.result_for(catalog, measure_id, **base).missing == (year_field,)


def test_recognition_award_list_is_open(catalog: Catalog) -> None:
    """六、2: 支持创新型中小企业、专精特新企业和小巨人企业、制造业单项冠军企业和产品等认定 — “等” ends an open list: a
    Shanghai 科技小巨人 without a 专精特新 tier is for 区经委 to confirm (待核实), not 不符合; with neither it is."""
    giant = result_for(catalog, "qingpu-2023-6.2a", srdi_recognition="none", sci_giant="giant")
    assert giant.status is Status.needs_check
    assert [c.confirmer for c in giant.open_checks] == ["区经委"]
    neither = result_for(catalog, "qingpu-2023-6.2a", srdi_recognition="none", sci_giant="none")
    assert neither.status is Status.not_eligible
    asked = result_for(catalog, "qingpu-2023-6.2a", srdi_recognition="none")
    assert asked.status is Status.needs_info and asked.missing == ("sci_giant",)
    tier = result_for(catalog, "qingpu-2023-6.2a", srdi_recognition="municipal_srdi", srdi_recognition_year=2023)
    assert tier.status is Status.eligible
