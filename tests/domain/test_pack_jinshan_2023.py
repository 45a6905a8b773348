"""The 金山 2023 task-table pack: its measures, amounts worked out by hand, statuses, channels and the example."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.phones import receiving_unit, resolve_contact
from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF
from tests.domain.helpers import result_for

PACK_ID = "jinshan-2023"
EXPIRED_AS_OF = dt.date(2026, 11, 22)
WAN = Decimal(10000)

EXPECTED_IDS = {
    "jinshan-2023-1a",
    "jinshan-2023-1b",
    "jinshan-2023-2",
    "jinshan-2023-3",
    "jinshan-2023-4",
    "jinshan-2023-5",
    "jinshan-2023-6",
    "jinshan-2023-7",
    "jinshan-2023-8",
    "jinshan-2023-9",
    "jinshan-2023-10",
    "jinshan-2023-11",
    "jinshan-2023-12a",
    "jinshan-2023-12b",
    "jinshan-2023-13",
    "jinshan-2023-14",
    "jinshan-2023-15",
    "jinshan-2023-16",
    "jinshan-2023-17a",
    "jinshan-2023-17b",
    "jinshan-2023-18a",
    "jinshan-2023-18b",
    "jinshan-2023-18c",
    "jinshan-2023-19",
    "jinshan-2023-20a",
    "jinshan-2023-20b",
    "jinshan-2023-21",
    "jinshan-2023-22",
    "jinshan-2023-23",
    "jinshan-2023-p18a",
    "jinshan-2023-p18b",
}


def jinshan(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="jinshan", **answers)


def test_pack_has_exactly_the_expected_measures(catalog: Catalog) -> None:
    """The pack holds every measure of the task table and nothing else."""
    pack = next(p for p in catalog.packs if p.id == PACK_ID)
    assert {m.id for m in pack.measures} == EXPECTED_IDS


# (measure id, answers, minimum, maximum) — maximum None means the document leaves it open.
AMOUNT_CASES = [
    # 11: 按每人 2000 元给予一次性吸纳就业补贴
    ("jinshan-2023-11", {"eligible_hires": 3}, Decimal(6000), Decimal(6000)),
    ("jinshan-2023-11", {"eligible_hires": 1}, Decimal(2000), Decimal(2000)),
    # 12: 社零首次达到 5 亿元、10 亿元的，分别给予项目运营方 10 万元、20 万元
    (
        "jinshan-2023-12a",
        {"mall_operator": True, "mall_retail_milestone": 500_000_000, "mall_milestone_year": 2023},
        10 * WAN,
        10 * WAN,
    ),
    (
        "jinshan-2023-12a",
        {"mall_operator": True, "mall_retail_milestone": 1_000_000_000, "mall_milestone_year": 2023},
        20 * WAN,
        20 * WAN,
    ),
    # 12: 全国、上海市、金山区首店 30 / 20 / 10 万元，单一年度累计最高不超过 50 万元
    # 2 全国 + 1 上海 = 60 + 20 = 80万 → 50万
    (
        "jinshan-2023-12b",
        {
            "mall_operator": True,
            "mall_first_stores_national": 2,
            "mall_first_stores_shanghai": 1,
            "mall_first_stores_district": 0,
        },
        50 * WAN,
        50 * WAN,
    ),
    # 1 全国 + 1 金山 = 30 + 10 = 40万, under the cap
    (
        "jinshan-2023-12b",
        {
            "mall_operator": True,
            "mall_first_stores_national": 1,
            "mall_first_stores_shanghai": 0,
            "mall_first_stores_district": 1,
        },
        40 * WAN,
        40 * WAN,
    ),
    # 3 金山区首店 = 30万
    (
        "jinshan-2023-12b",
        {
            "mall_operator": True,
            "mall_first_stores_national": 0,
            "mall_first_stores_shanghai": 0,
            "mall_first_stores_district": 3,
        },
        30 * WAN,
        30 * WAN,
    ),
    # 13: 新增的限额以上批发、零售、住宿、餐饮企业，给予一次性 2 万元
    ("jinshan-2023-13", {"industry": "retail", "newly_above_quota": True, "above_quota_year": 2023}, 2 * WAN, 2 * WAN),
    # 14: 销售额或零售额首次达标，分别给予企业一次性 10 万元
    ("jinshan-2023-14", {"sales_milestone_first": True, "sales_milestone_year": 2023}, 10 * WAN, 10 * WAN),
    # 17: 市级“专精特新”不低于10万元 — the maximum stays open
    ("jinshan-2023-17a", {"srdi_recognition": "municipal_srdi", "srdi_recognition_year": 2023}, 10 * WAN, None),
    # 17: 国家专精特新“小巨人”不低于30万元
    ("jinshan-2023-17b", {"srdi_recognition": "national_little_giant", "srdi_recognition_year": 2023}, 30 * WAN, None),
    # 18: 上年新认定、新引进、复审 20万元、20万元及5万元
    ("jinshan-2023-18a", {"hitech_event": "new", "hitech_event_year": 2022}, 20 * WAN, 20 * WAN),
    ("jinshan-2023-18b", {"hitech_event": "introduced", "hitech_event_year": 2022}, 20 * WAN, 20 * WAN),
    ("jinshan-2023-18c", {"hitech_event": "recertified", "hitech_event_year": 2022}, 5 * WAN, 5 * WAN),
    # 19: 上一年度研发投入5%，最高50万元 — 400万 × 5% = 20万
    (
        "jinshan-2023-19",
        {"hitech_valid": True, "newly_four_above": True, "four_above_year": 2023, "rd_expense_last_year": 4_000_000},
        20 * WAN,
        20 * WAN,
    ),
    # 19: 2000万 × 5% = 100万 → 50万
    (
        "jinshan-2023-19",
        {"hitech_valid": True, "newly_four_above": True, "four_above_year": 2023, "rd_expense_last_year": 20_000_000},
        50 * WAN,
        50 * WAN,
    ),
    # 20: 1:1配套，市科技小巨人企业最高不超过150万元 — 120万 → 120万; 200万 → 150万
    ("jinshan-2023-20a", {"sci_giant": "giant", "sci_giant_city_grant": 1_200_000}, 120 * WAN, 120 * WAN),
    ("jinshan-2023-20a", {"sci_giant": "giant", "sci_giant_city_grant": 2_000_000}, 150 * WAN, 150 * WAN),
    # 20: 市科技小巨人培育企业最高不超过100万元 — 120万 → 100万; 80万 → 80万
    ("jinshan-2023-20b", {"sci_giant": "cultivation", "sci_giant_city_grant": 1_200_000}, 100 * WAN, 100 * WAN),
    ("jinshan-2023-20b", {"sci_giant": "cultivation", "sci_giant_city_grant": 800_000}, 80 * WAN, 80 * WAN),
    # 21: 获技术创新资金的企业给予 10 万元配套
    ("jinshan-2023-21", {"tech_innovation_fund": True}, 10 * WAN, 10 * WAN),
    # 7: 最高给予 100% 担保费补贴 — 0 up to the fee paid (1.2万)
    ("jinshan-2023-7", {"batch_guarantee_loan": True, "guarantee_fee_paid": 12_000}, Decimal(0), Decimal(12_000)),
    # 23: 给予最高 100 万元的支持 — no rate given, so 0 to 100万
    (
        "jinshan-2023-23",
        {"industry": "manufacturing", "industrial_internet_project": True},
        Decimal(0),
        100 * WAN,
    ),
]


@pytest.mark.parametrize(
    ("measure_id", "answers", "minimum", "maximum"),
    AMOUNT_CASES,
    ids=[f"{c[0]}-{i}" for i, c in enumerate(AMOUNT_CASES)],
)
def test_amounts_worked_out_from_the_table(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], minimum: Decimal, maximum: Decimal | None
) -> None:
    """Each amount equals the figure worked out by hand from the row's text."""
    r = result_for(catalog, measure_id, jinshan(**answers))
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None
    assert r.amount.minimum == minimum
    assert r.amount.maximum == maximum


def test_hiring_three_people_gives_6000_automatically(catalog: Catalog) -> None:
    """11: three eligible hires give 6000元, 免申即享, phone 67961792 as printed."""
    r = result_for(catalog, "jinshan-2023-11", jinshan(eligible_hires=3))
    assert r.status is Status.eligible
    assert r.amount_text == "6000元"
    assert r.measure.channel.kind.value == "免申即享"
    assert r.measure.channel.from_document is True
    assert r.measure.contact.phone == "67961792"
    assert r.measure.contact.phone_source == "document"


def test_same_company_in_2026_is_expired_and_still_listed(catalog: Catalog) -> None:
    """11: at 2026-11-22 the measure is expired, not dropped, and says why."""
    report = match(jinshan(eligible_hires=3), catalog, as_of=EXPIRED_AS_OF)
    listed = [r for r in report.results if r.measure.id == "jinshan-2023-11"]
    assert len(listed) == 1
    assert listed[0].status is Status.expired
    assert listed[0].valid_until == dt.date(2023, 12, 31)
    assert any("已过期" in reason for reason in listed[0].reasons)


def test_six_taxes_two_fees_outlives_the_table(catalog: Catalog) -> None:
    """3: 六税两费 runs to 2024-12-31, so on 2024-06-01 it is eligible while row 11 has expired."""
    profile = jinshan(small_low_profit=True, eligible_hires=3)
    on = dt.date(2024, 6, 1)
    assert result_for(catalog, "jinshan-2023-3", profile, as_of=on).status is Status.eligible
    assert result_for(catalog, "jinshan-2023-11", profile, as_of=on).status is Status.expired
    # ... and after its own end it expires too
    assert result_for(catalog, "jinshan-2023-3", profile, as_of=dt.date(2025, 1, 1)).status is Status.expired


def test_loan_extension_ends_on_its_own_date(catalog: Catalog) -> None:
    """5: 还本付息日期最长可延至2023年6月30日 — on 2023-07-01 row 5 has expired, row 6 has not."""
    profile = jinshan(size_class="small", small_micro_loan_due=True, loan_renewal_needed=True)
    assert result_for(catalog, "jinshan-2023-5", profile, as_of=dt.date(2023, 6, 30)).status is Status.eligible
    assert result_for(catalog, "jinshan-2023-5", profile, as_of=dt.date(2023, 7, 1)).status is Status.expired
    assert result_for(catalog, "jinshan-2023-6", profile, as_of=dt.date(2023, 7, 1)).status is Status.eligible


@pytest.mark.parametrize("measure_id", ["jinshan-2023-15", "jinshan-2023-16"])
@pytest.mark.parametrize("district", ["jinshan", "qingpu"])
def test_consumer_rows_never_apply_to_an_enterprise(catalog: Catalog, measure_id: str, district: str) -> None:
    """15, 16: subsidies for individual consumers are not_applicable to any enterprise."""
    profile = EnterpriseProfile(district=district, eligible_hires=3, bought_nev_2023=True, industry="retail")
    r = result_for(catalog, measure_id, profile)
    assert r.status is Status.not_applicable
    assert r.measure.audience.value == "individual"


def test_unanswered_hires_need_info(catalog: Catalog) -> None:
    """11: without the number of hires the result asks for exactly that question."""
    r = result_for(catalog, "jinshan-2023-11", jinshan())
    assert r.status is Status.needs_info
    assert r.missing == ("eligible_hires",)


def test_zero_hires_is_not_eligible(catalog: Catalog) -> None:
    """11: zero hires (answered) rules the measure out, naming the failed condition."""
    r = result_for(catalog, "jinshan-2023-11", jinshan(eligible_hires=0))
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["hires"]


def test_mall_below_first_milestone_gets_a_what_if_hint(catalog: Catalog) -> None:
    """12: a mall that has not reached 5亿元 is not eligible, with a hint on the 5亿元 threshold."""
    r = result_for(catalog, "jinshan-2023-12a", jinshan(mall_operator=True, mall_retail_milestone=0))
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["milestone"]
    hint = {c.id: c.hint for c in r.criteria}["milestone"]
    assert hint is not None and "未达 5亿元门槛" in hint, hint
    assert hint in r.reasons


def test_first_store_counts_are_asked_for(catalog: Catalog) -> None:
    """12: an operator who has not said how many first stores it opened is asked all three counts."""
    r = result_for(catalog, "jinshan-2023-12b", jinshan(mall_operator=True))
    assert r.status is Status.needs_info
    assert r.missing == ("mall_first_stores_district", "mall_first_stores_national", "mall_first_stores_shanghai")


def test_one_known_first_store_settles_the_condition_and_asks_the_rest_for_the_amount(catalog: Catalog) -> None:
    """12: one national first store settles the any_of; the amount still needs the other two counts."""
    r = result_for(catalog, "jinshan-2023-12b", jinshan(mall_operator=True, mall_first_stores_national=1))
    assert r.status is Status.needs_info
    assert {c.id: c.state for c in r.criteria}["first_store"] == "held"
    assert r.missing == ("mall_first_stores_district", "mall_first_stores_shanghai")


def test_six_taxes_two_fees_any_of(catalog: Catalog) -> None:
    """3: 小规模纳税人 or 小型微利企业 — one known yes suffices; two unknowns ask both; two noes rule it out."""
    assert result_for(catalog, "jinshan-2023-3", jinshan(small_scale_taxpayer=True)).status is Status.eligible
    unknown = result_for(catalog, "jinshan-2023-3", jinshan())
    assert unknown.status is Status.needs_info
    assert unknown.missing == ("small_low_profit", "small_scale_taxpayer")
    both_no = result_for(catalog, "jinshan-2023-3", jinshan(small_scale_taxpayer=False, small_low_profit=False))
    assert both_no.status is Status.not_eligible


def test_hitech_certified_this_year_waits_for_next_year(catalog: Catalog) -> None:
    """18: 上年新认定 means 2022 for a 2023 application; a 2023 certificate does not qualify yet."""
    r = result_for(catalog, "jinshan-2023-18a", jinshan(hitech_event="new", hitech_event_year=2023))
    assert r.status is Status.not_eligible


def test_science_giant_without_the_city_grant_needs_the_grant(catalog: Catalog) -> None:
    """20: a 科技小巨人 without the city grant amount is asked for it, since the match is 1:1."""
    r = result_for(catalog, "jinshan-2023-20a", jinshan(sci_giant="giant"))
    assert r.status is Status.needs_info
    assert r.missing == ("sci_giant_city_grant",)


def test_not_four_above_is_not_eligible_for_row_19(catalog: Catalog) -> None:
    """19: a valid 高企 that did not newly become 四上 is not eligible."""
    r = result_for(
        catalog, "jinshan-2023-19", jinshan(hitech_valid=True, newly_four_above=False, rd_expense_last_year=10**6)
    )
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["four_above"]


def test_other_district_company_is_not_applicable(catalog: Catalog) -> None:
    """Every 金山 measure is not_applicable to a 青浦 company, however well it fits otherwise."""
    report = match(EnterpriseProfile(district="qingpu", eligible_hires=3), catalog, as_of=AS_OF)
    ours = [r for r in report.results if r.pack.id == PACK_ID]
    assert {r.measure.id for r in ours} == EXPECTED_IDS
    assert {r.status for r in ours} == {Status.not_applicable}


def test_no_district_asks_for_the_district(catalog: Catalog) -> None:
    """Without a district every enterprise measure asks for it first."""
    r = result_for(catalog, "jinshan-2023-11", EnterpriseProfile(eligible_hires=3))
    assert r.status is Status.needs_info
    assert r.missing == ("district",)


# The 办理渠道 and 联系电话 columns, exactly as printed (row: kind, phone).
CHANNELS = {
    "1a": ("直接申请", "021-12366"),
    "3": ("直接申请", "021-12366"),
    "7": ("直接申请", "37907579"),
    "8": ("直接申请", "37907669"),
    "9": ("直接申请", "12333"),
    "10": ("直接申请", "67961951"),
    "11": ("免申即享", "67961792"),
    "12b": ("直接申请", "57921185"),
    "15": ("直接申请", "4008203152"),
    "16": ("直接申请", "23110675、23110794"),
    "17a": ("直接申请", "57921750"),
    "18a": ("一网通办", "57971309"),
    "20a": ("免申即享", "57971309"),
    "22": ("直接申请", "23112714"),
    "23": ("一网通办", "57931942"),
}


@pytest.mark.parametrize("clause", sorted(CHANNELS))
def test_channel_and_phone_as_printed(catalog: Catalog, clause: str) -> None:
    """Policy rows take channel and phone from the table's own columns."""
    measure = catalog.by_id()[f"jinshan-2023-{clause}"].measure
    kind, phone = CHANNELS[clause]
    assert measure.channel.kind.value == kind
    assert measure.channel.from_document is True
    assert measure.contact.phone == phone


def test_bank_rows_have_no_phone_but_say_whom_to_ask(catalog: Catalog) -> None:
    """5, 6: 联系相应贷款银行进行咨询 — no phone, the note says to ask the bank."""
    for clause in ("5", "6"):
        contact = catalog.by_id()[f"jinshan-2023-{clause}"].measure.contact
        assert contact.phone is None
        assert contact.phone_source is None
        assert contact.note == "联系相应贷款银行进行咨询"


def test_every_phone_is_the_tables_own(catalog: Catalog) -> None:
    """联系电话栏: every number, 021-12366 and 12333 included, is printed in the table, so its source is document."""
    phones = 0
    for compiled in catalog.measures:
        if compiled.pack.id != PACK_ID or compiled.measure.contact.phone is None:
            continue
        assert compiled.measure.contact.phone_source == "document", compiled.measure.id
        phones += 1
    assert phones >= 20


def test_project_rows_have_no_figure_and_a_presumed_channel(catalog: Catalog) -> None:
    """p18: the project table names the benefit but no figure, channel or phone."""
    for suffix in ("p18a", "p18b"):
        measure = catalog.by_id()[f"jinshan-2023-{suffix}"].measure
        assert measure.amount.kind == "none"
        assert measure.channel.from_document is False
        assert measure.contact.phone is None
        assert measure.clause == "项目类第18行"


def test_example_profile_gives_the_documented_results(catalog: Catalog) -> None:
    """resources/examples/jinshan.json: rows 11, 18a and 17a with their amounts, channels and phones."""
    profile = load_profile(examples_dir() / "jinshan.json")
    assert profile.credit_code is not None and profile.credit_code[2:8] == "310116"
    report = match(profile, catalog, as_of=AS_OF)
    by_id = {r.measure.id: r for r in report.results}
    expected = {
        # 11: 3 人 × 2000元
        "jinshan-2023-11": (Decimal(6000), Decimal(6000), "免申即享", "67961792"),
        # 18: 2022 年新认定高企，2023 年申请 20万元
        "jinshan-2023-18a": (20 * WAN, 20 * WAN, "一网通办", "57971309"),
        # 17: 新认定市级专精特新，不低于10万元
        "jinshan-2023-17a": (10 * WAN, None, "直接申请", "57921750"),
    }
    for measure_id, (low, high, kind, phone) in expected.items():
        r = by_id[measure_id]
        assert r.status is Status.eligible, (measure_id, r.reasons)
        assert r.amount is not None
        assert (r.amount.minimum, r.amount.maximum) == (low, high), measure_id
        assert r.measure.channel.kind.value == kind
        assert r.measure.contact.phone == phone
    assert by_id["jinshan-2023-17a"].amount_text == "不低于10万元"


# ── Review fixes: the office that receives each application (受理部门), from the 办理渠道 column ──
RECEIVERS = {
    # 政策类第1–3行 办理渠道“电子税务局或办税服务厅”: the tax office's own channels
    "1a": "金山税务局",
    "1b": "金山税务局",
    "2": "金山税务局",
    "3": "金山税务局",
    # 政策类第4行 办理渠道“电子税务局或办税服务厅”, 是否即申即享“自行申报，符合条件享受减免优惠”: the same tax
    # channel, so not the four units of the 责任单位 column (区水务局 does not take tax filings)
    "4": "金山税务局",
    # 政策类第5–6行 办理渠道“各银行机构”, 是否即申即享“自行申请”
    "5": "贷款银行",
    "6": "贷款银行",
    # 政策类第10行 “各街镇（高新区）社区事务受理中心、园区企业服务部门线下申请”
    "10": "各街镇（高新区）社区事务受理中心、园区企业服务部门",
    # 政策类第16行 办理渠道“市商务委”; 第22行 “向市经信委申请”; 第8行 “金开担保”
    "16": "市商务委",
    "22": "市经信委",
    "8": "金开担保",
}


@pytest.mark.parametrize("clause", sorted(RECEIVERS))
def test_application_goes_to_the_office_the_channel_column_names(catalog: Catalog, clause: str) -> None:
    """金山 政策类第1–6、8、10、16、22行: the letter's addressee is the office in the 办理渠道 column."""
    measure = catalog.by_id()[f"jinshan-2023-{clause}"].measure
    assert receiving_unit(measure, District.jinshan) == RECEIVERS[clause]


def test_appliance_phones_are_shown_as_the_city_commerce_commissions(catalog: Catalog) -> None:
    """金山 政策类第16行: 联系电话“市商务委 23110675、 23110794” — the numbers are 市商务委's, not 区经委's."""
    contact = resolve_contact(catalog.by_id()["jinshan-2023-16"].measure, District.jinshan)
    assert contact.phone == "23110675、23110794"
    assert contact.units.split("、")[0] == "市商务委"


def test_green_appliance_promotion_is_encouragement_not_a_benefit(catalog: Catalog) -> None:
    """金山 政策类第16行: “鼓励企业开展绿色家电促销…” gives enterprises nothing; only the consumer subsidy is listed."""
    ours = [m for m in catalog.measures if m.pack.id == PACK_ID]
    readers = [m.measure.id for m in ours if "green_appliance_campaign" in m.fields]
    assert readers == []
    measure = catalog.by_id()["jinshan-2023-16"].measure
    assert "鼓励企业" not in measure.excerpt
    r = result_for(catalog, "jinshan-2023-16", jinshan(industry="retail", green_appliance_campaign=True))
    assert r.status is Status.not_applicable


def test_return_bus_condition_adds_no_period_the_row_does_not_give(catalog: Catalog) -> None:
    """金山 政策类第10行: “制定本区企业包车返岗交通补贴政策” names no period, so the condition names none either."""
    (criterion,) = catalog.by_id()["jinshan-2023-10"].criteria
    assert "春节" not in criterion.label and "2023" not in criterion.label
    assert criterion.fields == frozenset({"return_bus_organized"})


def test_table_wide_period_note_defers_to_a_rows_own_dates(catalog: Catalog) -> None:
    """金山 政策类第3行 runs “至 2024 年 12 月 31 日”: the presumed 2023-12-31 note must not contradict it."""
    r = result_for(catalog, "jinshan-2023-3", jinshan(small_low_profit=True))
    assert r.valid_until == dt.date(2024, 12, 31)
    (note,) = [c for c in r.manual_checks if "推定至2023年12月31日" in c]
    assert "另载期限的，按该行期限" in note


# The table prints no period of its own: 2023-01-01 to 2023-12-31 (the city plan's term), except the rows that
# name one — 第3行 “自 2023 年 1 月 1 日至 2024 年 12 月 31 日”, 第5行 “最长可延至 2023 年 6 月 30 日”.
BOUNDARIES = [
    # 第11行: the table's own period
    ("jinshan-2023-11", {"eligible_hires": 1}, dt.date(2022, 12, 31), Status.not_yet_valid),
    ("jinshan-2023-11", {"eligible_hires": 1}, dt.date(2023, 1, 1), Status.eligible),
    ("jinshan-2023-11", {"eligible_hires": 1}, dt.date(2023, 12, 31), Status.eligible),
    ("jinshan-2023-11", {"eligible_hires": 1}, dt.date(2024, 1, 1), Status.expired),
    # 第3行: 至 2024 年 12 月 31 日
    ("jinshan-2023-3", {"small_low_profit": True}, dt.date(2022, 12, 31), Status.not_yet_valid),
    ("jinshan-2023-3", {"small_low_profit": True}, dt.date(2024, 12, 31), Status.eligible),
    ("jinshan-2023-3", {"small_low_profit": True}, dt.date(2025, 1, 1), Status.expired),
    # 第5行: 还本付息日期原则上最长可延至 2023 年 6 月 30 日
    ("jinshan-2023-5", {"size_class": "micro", "small_micro_loan_due": True}, dt.date(2023, 1, 1), Status.eligible),
    ("jinshan-2023-5", {"size_class": "micro", "small_micro_loan_due": True}, dt.date(2023, 6, 30), Status.eligible),
    ("jinshan-2023-5", {"size_class": "micro", "small_micro_loan_due": True}, dt.date(2023, 7, 1), Status.expired),
    # 第9行: 用人单位可在 2023 年 12 月 31 日前……补缴
    ("jinshan-2023-9", {"deferred_social_insurance": True}, dt.date(2023, 12, 31), Status.eligible),
    ("jinshan-2023-9", {"deferred_social_insurance": True}, dt.date(2024, 1, 1), Status.expired),
]


@pytest.mark.parametrize(
    ("measure_id", "answers", "as_of", "status"),
    BOUNDARIES,
    ids=[f"{c[0]}-{c[2]}" for c in BOUNDARIES],
)
def test_status_on_each_side_of_a_period_boundary(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], as_of: dt.date, status: Status
) -> None:
    """The day before, on and after each boundary: not yet valid, in force, expired."""
    assert result_for(catalog, measure_id, jinshan(**answers), as_of=as_of).status is status
