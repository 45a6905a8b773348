"""The 嘉定 2023 pack (嘉府规〔2023〕1号): its measures, amounts worked out by hand, statuses and the example."""

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

PACK_ID = "jiading-2023"
EXPIRED_AS_OF = dt.date(2026, 11, 22)
WAN = Decimal(10000)

EXPECTED_IDS = {
    "jiading-2023-1.1a",
    "jiading-2023-1.1b",
    "jiading-2023-1.1c",
    "jiading-2023-1.1d",
    "jiading-2023-1.1e",
    "jiading-2023-1.2a",
    "jiading-2023-1.2b",
    "jiading-2023-1.2c",
    "jiading-2023-1.2d",
    "jiading-2023-2.1a",
    "jiading-2023-2.1b",
    "jiading-2023-2.1c",
    "jiading-2023-3.1a",
    "jiading-2023-3.1b",
    "jiading-2023-3.2a",
    "jiading-2023-3.2b",
    "jiading-2023-3.3a",
    "jiading-2023-3.3b",
    "jiading-2023-7.2a",
    "jiading-2023-7.2b",
    "jiading-2023-7.2c",
    "jiading-2023-7.2d",
    "jiading-2023-7.2e",
    "jiading-2023-7.3a",
    "jiading-2023-7.3b",
}

CONSUMER_MEASURES = ["jiading-2023-3.2a", "jiading-2023-3.2b", "jiading-2023-3.3b"]


def jiading(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="jiading", **answers)


def test_pack_has_exactly_the_expected_measures(catalog: Catalog) -> None:
    """The pack holds every benefit-naming measure of the ten actions and nothing else."""
    pack = next(p for p in catalog.packs if p.id == PACK_ID)
    assert {m.id for m in pack.measures} == EXPECTED_IDS


# (measure id, answers, minimum, maximum) — maximum None means the document leaves it open.
AMOUNT_CASES = [
    # 一、2: 一年期全额贴息，最高不超过50万元 — interest 80万 → 50万
    (
        "jiading-2023-1.2a",
        {"size_class": "small", "district_guarantee_loan": True, "district_guarantee_loan_interest": 800_000},
        50 * WAN,
        50 * WAN,
    ),
    # 一、2: interest 32万 (under the cap) → 32万 in full
    (
        "jiading-2023-1.2a",
        {"size_class": "micro", "district_guarantee_loan": True, "district_guarantee_loan_interest": 320_000},
        32 * WAN,
        32 * WAN,
    ),
    # 二、1: 按每人 2000 元给予一次性吸纳就业补贴 — 5人 = 1万; 1人 = 2000元
    ("jiading-2023-2.1c", {"eligible_hires": 5}, 1 * WAN, 1 * WAN),
    ("jiading-2023-2.1c", {"eligible_hires": 1}, Decimal(2000), Decimal(2000)),
    # 七、2: 新认定市级“专精特新”中小企业给予不低于10万元奖励 — the maximum stays open
    ("jiading-2023-7.2b", {"srdi_recognition": "municipal_srdi", "srdi_recognition_year": 2023}, 10 * WAN, None),
    # 七、2: 新认定国家专精特新“小巨人”给予不低于30万元奖励
    ("jiading-2023-7.2c", {"srdi_recognition": "national_little_giant", "srdi_recognition_year": 2023}, 30 * WAN, None),
    # 七、2: 上一年度研发投入5%，最高50万元 — 400万 → 20万
    (
        "jiading-2023-7.2e",
        {"newly_four_above": True, "four_above_year": 2023, "hitech_valid": True, "rd_expense_last_year": 4_000_000},
        20 * WAN,
        20 * WAN,
    ),
    # 七、2: 2000万 × 5% = 100万 → 50万
    (
        "jiading-2023-7.2e",
        {"newly_four_above": True, "four_above_year": 2023, "hitech_valid": True, "rd_expense_last_year": 20_000_000},
        50 * WAN,
        50 * WAN,
    ),
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
    r = result_for(catalog, measure_id, jiading(**answers))
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None
    assert r.amount.minimum == minimum
    assert r.amount.maximum == maximum


def test_municipal_srdi_reads_at_least_100000(catalog: Catalog) -> None:
    """七、2: 不低于10万元 is shown as an open amount, never as exactly 10万元."""
    r = result_for(catalog, "jiading-2023-7.2b", jiading(srdi_recognition="municipal_srdi", srdi_recognition_year=2023))
    assert r.amount is not None and r.amount.maximum is None
    assert r.amount_text == "不低于10万元"


def test_interest_of_800000_is_capped_at_500000(catalog: Catalog) -> None:
    """一、2: 全额贴息 of 80万 interest stops at the 50万 ceiling, and the steps say so."""
    profile = jiading(size_class="small", district_guarantee_loan=True, district_guarantee_loan_interest=800_000)
    r = result_for(catalog, "jiading-2023-1.2a", profile)
    assert r.amount_text == "50万元"
    assert r.amount is not None and any("上限" in step for step in r.amount.steps)


def test_medium_enterprise_gets_no_interest_subsidy(catalog: Catalog) -> None:
    """一、2: 对小微企业 — a medium enterprise fails exactly the size condition."""
    profile = jiading(size_class="medium", district_guarantee_loan=True, district_guarantee_loan_interest=100_000)
    r = result_for(catalog, "jiading-2023-1.2a", profile)
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["small_micro"]


def test_interest_subsidy_asks_for_the_interest(catalog: Catalog) -> None:
    """一、2: conditions met but the interest unanswered → needs_info asking only for the interest."""
    r = result_for(catalog, "jiading-2023-1.2a", jiading(size_class="small", district_guarantee_loan=True))
    assert r.status is Status.needs_info
    assert r.missing == ("district_guarantee_loan_interest",)


def test_rd_award_asks_conditions_first_then_the_amount(catalog: Catalog) -> None:
    """七、2: an empty profile is asked both conditions; once they hold, only the R&D spending."""
    first = result_for(catalog, "jiading-2023-7.2e", jiading())
    assert first.status is Status.needs_info
    assert first.missing == ("four_above_year", "hitech_valid", "newly_four_above")
    second = result_for(catalog, "jiading-2023-7.2e", jiading(hitech_valid=True, newly_four_above=True))
    assert second.status is Status.needs_info
    assert second.missing == ("four_above_year",)  # 首次 is about when
    third = result_for(
        catalog, "jiading-2023-7.2e", jiading(hitech_valid=True, newly_four_above=True, four_above_year=2023)
    )
    assert third.status is Status.needs_info
    assert third.missing == ("rd_expense_last_year",)


def test_not_four_above_is_not_eligible(catalog: Catalog) -> None:
    """七、2: a valid 高企 that did not newly become 四上 fails that one condition."""
    profile = jiading(hitech_valid=True, newly_four_above=False, rd_expense_last_year=1_000_000)
    r = result_for(catalog, "jiading-2023-7.2e", profile)
    assert r.status is Status.not_eligible
    assert failed_ids(r) == ["newly_four_above"]


@pytest.mark.parametrize("event", ["new", "introduced", "recertified"])
def test_hitech_award_has_no_figure(catalog: Catalog, event: str) -> None:
    """七、2: 新认定（含引进）及重新认定 are all eligible; the document gives no amount, and says so."""
    r = result_for(catalog, "jiading-2023-7.2d", jiading(hitech_event=event, hitech_event_year=2023))
    assert r.status is Status.eligible
    assert r.amount is None
    assert r.measure.amount.kind == "none"
    assert "原文未写明金额" in r.amount_text


def test_quarterly_growth_award_has_no_figure(catalog: Catalog) -> None:
    """七、3: 分档奖励 without thresholds — eligible with no amount, pointing to the 实施细则."""
    r = result_for(catalog, "jiading-2023-7.3a", jiading(above_scale_industrial=True, output_growth=True))
    assert r.status is Status.eligible
    assert r.amount is None
    assert "实施细则" in r.amount_text


def test_kechuang_loan_has_no_figure(catalog: Catalog) -> None:
    """一、2: 嘉定科创贷 names 优惠利率和担保费用补贴 without a figure."""
    r = result_for(catalog, "jiading-2023-1.2c", jiading(kechuang_loan=True))
    assert r.status is Status.eligible
    assert r.amount is None
    assert r.amount_text == "贷款优惠利率和担保费用补贴，原文未写明标准"


def test_refund_of_input_vat_is_an_open_list(catalog: Catalog) -> None:
    """一、1: 制造业、批发零售业等 — a manufacturer qualifies; a software firm is 待核实 (tax office), not 不符合."""
    assert result_for(catalog, "jiading-2023-1.1b", jiading(industry="manufacturing")).status is Status.eligible
    other = result_for(catalog, "jiading-2023-1.1b", jiading(industry="software_it"))
    assert other.status is Status.needs_check
    assert any("等行业" in check.text for check in other.open_checks)


def test_retention_subsidy_is_for_the_three_named_sectors(catalog: Catalog) -> None:
    """二、1: 邮政快递、电商平台、重点建设工程行业 (no 等) — a postal or express firm qualifies, freight-only
    logistics does not; a retailer is asked whether it is an e-commerce platform; a retailer or software firm
    that is not one, and a manufacturer, do not qualify."""
    express = {"industry": "express_logistics", "postal_express": True}
    assert result_for(catalog, "jiading-2023-2.1a", jiading(**express)).status is Status.eligible
    # the industry option 邮政快递、物流 also holds freight-only logistics, which the clause does not name
    unknown = result_for(catalog, "jiading-2023-2.1a", jiading(industry="express_logistics"))
    assert unknown.status is Status.needs_info and unknown.missing == ("postal_express",)
    freight = jiading(industry="express_logistics", postal_express=False)
    assert result_for(catalog, "jiading-2023-2.1a", freight).status is Status.not_eligible
    retail = result_for(catalog, "jiading-2023-2.1a", jiading(industry="retail"))
    assert retail.status is Status.needs_info and retail.missing == ("ecommerce_platform",)
    for industry in ("retail", "software_it"):
        r = result_for(catalog, "jiading-2023-2.1a", jiading(industry=industry, ecommerce_platform=False))
        assert r.status is Status.not_eligible, industry
    platform = result_for(catalog, "jiading-2023-2.1a", jiading(industry="software_it", ecommerce_platform=True))
    assert platform.status is Status.eligible
    assert result_for(catalog, "jiading-2023-2.1a", jiading(industry="manufacturing")).status is Status.not_eligible


def test_six_taxes_two_fees_outlives_the_rest_of_the_pack(catalog: Catalog) -> None:
    """一、1: 六税两费 runs to 2024-12-31; on 2024-06-01 it is eligible, every other enterprise measure expired."""
    profile = jiading(small_low_profit=True, small_scale_taxpayer=True, eligible_hires=3, bought_nev_2023=True)
    report = match(profile, catalog, as_of=dt.date(2024, 6, 1))
    ours = {r.measure.id: r.status for r in report.results if r.pack.id == PACK_ID}
    assert ours.pop("jiading-2023-1.1d") is Status.eligible
    # consumer measures have ended too: validity is decided before audience
    assert set(ours.values()) == {Status.expired}
    assert result_for(catalog, "jiading-2023-1.1d", profile, as_of=dt.date(2025, 1, 1)).status is Status.expired


def test_vat_relief_runs_from_january_before_the_plan(catalog: Catalog) -> None:
    """一、1: 自2023年1月1日 — the tax measures run from January, before the plan took effect on 2023-03-03."""
    profile = jiading(small_scale_taxpayer=True, eligible_hires=2)
    assert result_for(catalog, "jiading-2023-1.1a", profile, as_of=dt.date(2023, 2, 1)).status is Status.eligible
    # 2023-03-02 and earlier: the plan's own measures are not yet in force (未施行), never 已过期.
    assert result_for(catalog, "jiading-2023-2.1c", profile, as_of=dt.date(2023, 2, 1)).status is Status.not_yet_valid
    assert result_for(catalog, "jiading-2023-2.1c", profile, as_of=dt.date(2023, 3, 2)).status is Status.not_yet_valid
    assert result_for(catalog, "jiading-2023-2.1c", profile, as_of=dt.date(2023, 3, 3)).status is Status.eligible


def test_excess_water_relief_covers_all_of_2023(catalog: Catalog) -> None:
    """一、1: 对非居民用户 2023 年超定额用水 — from 2023-01-01 (before the plan's 3 March start) to 2023-12-31."""
    profile = jiading(excess_water_use_2023=True)
    r = result_for(catalog, "jiading-2023-1.1e", profile, as_of=dt.date(2023, 2, 1))
    assert r.status is Status.eligible
    assert (r.valid_from, r.valid_until) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert result_for(catalog, "jiading-2023-1.1e", profile, as_of=dt.date(2024, 1, 1)).status is Status.expired


def test_tech_transfer_check_names_no_unit_the_text_does_not(catalog: Catalog) -> None:
    """七、2: 对经认定项目 — the text names no recogniser, so the manual check must not name 区科委 as one."""
    r = result_for(catalog, "jiading-2023-7.2a", jiading(tech_transfer_project=True))
    assert r.status is Status.eligible
    assert not any("经区科委认定" in check for check in r.manual_checks)
    assert any("经认定" in check for check in r.manual_checks)


def test_everything_has_expired_by_2026(catalog: Catalog) -> None:
    """On 2026-11-22 every enterprise measure of the pack is listed as expired, and says so."""
    profile = jiading(small_low_profit=True, eligible_hires=3, srdi_recognition="municipal_srdi")
    report = match(profile, catalog, as_of=EXPIRED_AS_OF)
    ours = [r for r in report.results if r.pack.id == PACK_ID and r.measure.id not in CONSUMER_MEASURES]
    assert len(ours) == len(EXPECTED_IDS) - len(CONSUMER_MEASURES)
    assert {r.status for r in ours} == {Status.expired}
    assert all(any("已过期" in reason for reason in r.reasons) for r in ours)


@pytest.mark.parametrize("measure_id", CONSUMER_MEASURES)
def test_consumer_measures_never_apply_to_an_enterprise(catalog: Catalog, measure_id: str) -> None:
    """三、2 and 三、3: 置换补贴, 家电补贴 and 消费券 go to consumers, so an enterprise sees not_applicable."""
    r = result_for(catalog, measure_id, jiading(industry="retail", bought_nev_2023=True))
    assert r.measure.audience.value == "individual"
    assert r.status is Status.not_applicable


def test_jiading_company_gets_nothing_from_baoshan_or_jinshan(catalog: Catalog) -> None:
    """A 嘉定 company that fits 宝山 and 金山 measures well gets all of them as not_applicable."""
    profile = jiading(
        eligible_hires=3,
        dcmm_level=3,
        pv_capacity_kw=1000,
        srdi_recognition="municipal_srdi",
        srdi_recognition_year=2023,
        small_low_profit=True,
        key_enterprise_loan_amount=30_000_000,
    )
    report = match(profile, catalog, as_of=AS_OF)
    others = [r for r in report.results if r.pack.id in ("baoshan-2023", "jinshan-2023")]
    assert {r.pack.id for r in others} == {"baoshan-2023", "jinshan-2023"}
    assert {r.status for r in others} == {Status.not_applicable}
    assert any(r.status is Status.eligible for r in report.results if r.pack.id == PACK_ID)


def test_no_channel_is_claimed_from_the_document(catalog: Catalog) -> None:
    """The 嘉定 text names no channel, so every channel is marked as presumed (本工具推定)."""
    ours = [m.measure for m in catalog.measures if m.pack.id == PACK_ID]
    assert ours and all(m.channel.from_document is False for m in ours)


def test_only_hotlines_are_given_as_phones(catalog: Catalog) -> None:
    """The document prints no phone: only 12366 (tax) and 12333 (employment) appear, marked as hotlines."""
    for compiled in catalog.measures:
        if compiled.pack.id != PACK_ID:
            continue
        contact = compiled.measure.contact
        assert contact.phone in (None, "12366", "12333"), compiled.measure.id
        assert contact.phone_source == (None if contact.phone is None else "hotline"), compiled.measure.id
    assert catalog.by_id()["jiading-2023-1.1c"].measure.contact.phone == "12366"
    assert catalog.by_id()["jiading-2023-2.1c"].measure.contact.phone == "12333"


def test_example_profile_gives_a_spread_of_results(catalog: Catalog) -> None:
    """resources/examples/jiading.json loads, is a 嘉定 code, and gives the hand-worked amounts and several statuses."""
    profile = load_profile(examples_dir() / "jiading.json")
    assert profile.credit_code is not None and profile.credit_code[2:8] == "310114"
    report = match(profile, catalog, as_of=AS_OF)
    by_id = {r.measure.id: r for r in report.results}
    expected = {
        "jiading-2023-1.2a": (32 * WAN, 32 * WAN),  # 一、2: 32万 interest in full
        "jiading-2023-2.1c": (1 * WAN, 1 * WAN),  # 二、1: 5人 × 2000元
        "jiading-2023-7.2b": (10 * WAN, None),  # 七、2: 不低于10万元
        "jiading-2023-7.2e": (30 * WAN, 30 * WAN),  # 七、2: 600万 × 5%
    }
    for measure_id, (low, high) in expected.items():
        r = by_id[measure_id]
        assert r.status is Status.eligible, (measure_id, r.reasons)
        assert r.amount is not None and (r.amount.minimum, r.amount.maximum) == (low, high), measure_id
    statuses = {r.status for r in report.results if r.pack.id == PACK_ID}
    assert {Status.eligible, Status.needs_info, Status.not_eligible, Status.not_applicable} <= statuses


@pytest.mark.parametrize("industry", ["wholesale", "other"])
def test_retention_subsidy_asks_a_wholesale_or_other_firm_if_it_is_a_platform(catalog: Catalog, industry: str) -> None:
    """二、1: 电商平台……行业 — a platform registered as 批发 or 其他 is asked, and qualifies when it is one."""
    asked = result_for(catalog, "jiading-2023-2.1a", jiading(industry=industry))
    assert asked.status is Status.needs_info and asked.missing == ("ecommerce_platform",)
    platform = result_for(catalog, "jiading-2023-2.1a", jiading(industry=industry, ecommerce_platform=True))
    assert platform.status is Status.eligible
    not_one = result_for(catalog, "jiading-2023-2.1a", jiading(industry=industry, ecommerce_platform=False))
    assert not_one.status is Status.not_eligible


def test_first_time_four_above_says_which_years_it_reads(catalog: Catalog) -> None:
    """七、2: 对首次成为“四上”企业 — 首次 is about when, and the text names no year: 2023 holds, 2022 is for 区科委
    to confirm (待核实), an earlier entry is not 首次; the result tells the user which reading it takes."""
    base = {"newly_four_above": True, "hitech_valid": True, "rd_expense_last_year": 4_000_000}
    r = result_for(catalog, "jiading-2023-7.2e", jiading(**base, four_above_year=2023))
    assert r.status is Status.eligible
    assert r.reading_note is not None and "首次" in r.reading_note and "2022年" in r.reading_note
    pending = result_for(catalog, "jiading-2023-7.2e", jiading(**base, four_above_year=2022))
    assert pending.status is Status.needs_check  # the other years: test_fidelity, alike in all four districts
    assert [c.confirmer for c in pending.open_checks] == ["区科委"]


@pytest.mark.parametrize(
    ("measure_id", "industry", "cap"),
    [("jiading-2023-3.1a", "retail", 100 * WAN), ("jiading-2023-3.1b", "catering", 50 * WAN)],
)
def test_consumption_award_is_for_the_department_to_judge(
    catalog: Catalog, measure_id: str, industry: str, cap: Decimal
) -> None:
    """三、1: 对具有市场引领性的创新业态、模式及创意活动以及对消费市场增长有突出贡献的企业，最高奖励零售企业
    100 万元/家、餐饮企业 50 万元/家 — being a retailer (caterer) is not enough: whether it is 市场引领性 or made an
    突出贡献 only the 商务委 can settle, so 待核实 (not 符合条件), with 0 to the cap (最高, no rate)."""
    r = result_for(catalog, measure_id, jiading(industry=industry))
    assert r.status is Status.needs_check, r.reasons
    assert r.amount is not None and (r.amount.minimum, r.amount.maximum) == (Decimal(0), cap)
    assert [(c.text, c.confirmer) for c in r.open_checks] == [
        ("本企业具有市场引领性的创新业态、模式及创意活动，或对消费市场增长有突出贡献（按市级补贴政策认定）", "区商务委")
    ]
    # once the department has confirmed it, the measure is eligible with the same ceiling
    confirmed = jiading(industry=industry, confirmations=[f"{measure_id}:leading_or_contributing"])
    assert result_for(catalog, measure_id, confirmed).status is Status.eligible
    # 零售企业 / 餐饮企业 only: a wholesaler fails the sector, an unanswered industry is asked
    assert result_for(catalog, measure_id, jiading(industry="wholesale")).status is Status.not_eligible
    assert result_for(catalog, measure_id, jiading()).missing == ("industry",)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (dt.date(2023, 3, 2), Status.not_yet_valid),
        (dt.date(2023, 3, 3), Status.eligible),
        (dt.date(2023, 12, 31), Status.eligible),
        (dt.date(2024, 1, 1), Status.expired),
    ],
)
def test_input_vat_refund_runs_with_the_plan(catalog: Catalog, as_of: dt.date, status: Status) -> None:
    """一、1: 对符合条件的制造业、批发零售业等行业企业，继续按月全额退还增值税增量留抵税额 — this sentence names no
    period of its own, so the plan's 本行动方案自2023年3月3日起施行，有效期至2023年12月31日 applies."""
    r = result_for(catalog, "jiading-2023-1.1b", jiading(industry="manufacturing"), as_of=as_of)
    assert r.status is status


@pytest.mark.parametrize(
    ("measure_id", "answers", "start", "end"),
    [
        # 一、1: 自 2023 年 1 月 1 日至 2023 年 12 月 31 日，对增值税小规模纳税人执行减免增值税等政策
        ("jiading-2023-1.1a", {"small_scale_taxpayer": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        # 一、1: 对购置日期在 2023 年 1 月 1 日至 2023 年 12 月 31 日期间内……免征车辆购置税
        ("jiading-2023-1.1c", {"bought_nev_2023": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        # 一、1: 自 2023 年 1 月 1 日至 2024 年 12 月 31 日，继续按照 50% 幅度减免……“六税两费”
        ("jiading-2023-1.1d", {"small_low_profit": True}, dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    ],
)
def test_tax_measures_keep_their_own_periods(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], start: dt.date, end: dt.date
) -> None:
    """具体政策措施明确执行期限的，从其规定: the day before, the first day, the last day and the day after."""
    statuses = status_on_each_side(catalog, measure_id, jiading(**answers), start, end)
    assert statuses == IN_FORCE_FROM_FIRST_TO_LAST


@pytest.mark.parametrize(
    ("measure_id", "answers", "expected"),
    [
        # 一、2: 一年期全额贴息，最高不超过 50 万元 — 不超过 includes 50万: 50万 interest is paid in full,
        # 50万零1元 stops at 50万
        ("jiading-2023-1.2a", {"district_guarantee_loan_interest": 500_000}, 50 * WAN),
        ("jiading-2023-1.2a", {"district_guarantee_loan_interest": 500_001}, 50 * WAN),
        ("jiading-2023-1.2a", {"district_guarantee_loan_interest": 123_457}, Decimal(123_457)),
        # 七、2: 上一年度研发投入5%的一次性奖励，最高50万元 — 1000万 × 5% = 50万 exactly; 123.4567万 × 5% = 61728.35元
        ("jiading-2023-7.2e", {"rd_expense_last_year": 10_000_000}, 50 * WAN),
        ("jiading-2023-7.2e", {"rd_expense_last_year": 1_234_567}, Decimal("61728.35")),
    ],
)
def test_amounts_at_the_ceiling_and_in_cents(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], expected: Decimal
) -> None:
    """The caps include their figure (最高不超过 / 最高), and a percentage is kept to the cent."""
    base = {
        "size_class": "micro",
        "district_guarantee_loan": True,
        "newly_four_above": True,
        "four_above_year": 2023,
        "hitech_valid": True,
    }
    r = result_for(catalog, measure_id, jiading(**base, **answers))
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None and r.amount.minimum == r.amount.maximum == expected


def test_zero_and_unknown_are_not_the_same(catalog: Catalog) -> None:
    """二、1 按每人 2000 元 and 一、2 全额贴息: nobody hired or no interest is 不符合; an unanswered figure is
    需补充信息."""
    assert result_for(catalog, "jiading-2023-2.1c", jiading(eligible_hires=0)).status is Status.not_eligible
    assert result_for(catalog, "jiading-2023-2.1c", jiading()).missing == ("eligible_hires",)
    loan = {"size_class": "small", "district_guarantee_loan": True}
    zero = result_for(catalog, "jiading-2023-1.2a", jiading(**loan, district_guarantee_loan_interest=0))
    assert zero.status is Status.not_eligible
    # 七、2 新认定: a recognition without its year is asked for the year, never judged
    r = result_for(catalog, "jiading-2023-7.2b", jiading(srdi_recognition="municipal_srdi"))
    assert r.status is Status.needs_info and r.missing == ("srdi_recognition_year",)
