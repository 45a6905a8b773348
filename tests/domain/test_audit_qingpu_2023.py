"""Audit of the 青浦 2023 pack (青府规发〔2023〕1号) against its seed: hand-worked cases, each citing its clause.

Most tests pin hand-worked statuses, amounts, periods and contacts the pack's own test file leaves open, so that a
later edit cannot drift silently; the last three pin readings the audit changed (三、1 新能源车促销, 五、1 境外展位费,
六、4 智能化改造诊断).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status
from desktop_app.domain.profile import EnterpriseProfile
from tests.domain.helpers import IN_FORCE_FROM_FIRST_TO_LAST, result_for, status_by_year, status_on_each_side

YI = 100_000_000  # 1亿元


def qingpu(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="qingpu", **answers)


@pytest.mark.parametrize(
    ("measure_id", "answers", "status"),
    [
        # 一、1: 对购置日期在2023年1月1日至2023年12月31日期间内并已列入《免征车辆购置税的新能源汽车车型目录》的……
        ("qingpu-2023-1.1c", {"bought_nev_2023": True}, Status.eligible),
        ("qingpu-2023-1.1c", {"bought_nev_2023": False}, Status.not_eligible),
        # 一、1: 对非居民用户2023年超定额用水减半收取超定额累进加价水费
        ("qingpu-2023-1.1e", {"excess_water_use_2023": True}, Status.eligible),
        ("qingpu-2023-1.1e", {"excess_water_use_2023": False}, Status.not_eligible),
        ("qingpu-2023-1.1e", {}, Status.needs_info),
        # 一、2: 支持正常经营的中小微企业融资周转无缝续贷 — a medium firm is 中小微
        ("qingpu-2023-1.2c", {"size_class": "medium", "loan_renewal_needed": True}, Status.eligible),
        ("qingpu-2023-1.2c", {"size_class": "micro"}, Status.needs_info),
        # 二、1: 用人单位可在 2023 年 12 月 31 日前采取分期或逐月等方式补缴缓缴社会保险费，补缴期间免收滞纳金
        ("qingpu-2023-2.1a", {"deferred_social_insurance": True}, Status.eligible),
        ("qingpu-2023-2.1a", {"deferred_social_insurance": False}, Status.not_eligible),
        # 二、2: 招录登记失业三个月以上人员或我市 2023 届高校毕业生 — nobody hired, nothing per head
        ("qingpu-2023-2.2a", {"eligible_hires": 0}, Status.not_eligible),
        ("qingpu-2023-2.2a", {}, Status.needs_info),
        # 二、2: 做好对邮政快递企业、重点工程项目等阶段性稳岗留工补贴 — a construction firm on a key project is named
        ("qingpu-2023-2.2b", {"industry": "construction", "key_construction_project": True}, Status.eligible),
        # 二、2: 外来务工人员春节后返岗交通补贴 — recipient not printed: 待核实 with 区人社局
        ("qingpu-2023-2.2c", {"migrant_workers_returned": True}, Status.needs_check),
        # 三、1: 对纳入“五五购物节”总体活动的 — not included, nothing
        ("qingpu-2023-3.1a", {"wuwu_activity": False}, Status.not_eligible),
        # 三、1: 对综合体改造和信息化建设按实际支出 50%给予资金扶持 — an operator with no spending gets nothing
        ("qingpu-2023-3.1b", {"mall_operator": True, "mall_renovation_cost": 0}, Status.not_eligible),
        ("qingpu-2023-3.1b", {"mall_operator": False, "mall_renovation_cost": 600_000}, Status.not_eligible),
        # 三、2: 配合市级部门发放文旅、体育、餐饮等专项消费券 — for consumers
        ("qingpu-2023-3.2a", {}, Status.not_applicable),
        # 三、3: 对新引进通过全球展览业协会（UFI）认证的会展企业 — one settled earlier is not 新引进
        ("qingpu-2023-3.3c", {"ufi_new": False}, Status.not_eligible),
        # 六、1: 对快递生态圈相关企业落地的交易额、采购额、进出口额以及国际物流营收等给予支持
        ("qingpu-2023-6.1c", {"express_ecosystem": True}, Status.eligible),
        ("qingpu-2023-6.1c", {"express_ecosystem": False}, Status.not_eligible),
        # 六、1: 对新注册落户的产业链上下游企业给予一次性开办补贴 — registered before 2023 is not 新注册落户
        ("qingpu-2023-6.1d", {"express_ecosystem": True, "express_ecosystem_new": True}, Status.eligible),
        ("qingpu-2023-6.1d", {"express_ecosystem": True, "express_ecosystem_new": False}, Status.not_eligible),
        ("qingpu-2023-6.1d", {"express_ecosystem": False}, Status.not_eligible),
        # 六、2: 发行市值在 20 亿元（含）以下……分别给予 300 万元 — the value is asked, not assumed
        ("qingpu-2023-6.2c", {"listing": True}, Status.needs_info),
        ("qingpu-2023-6.2c", {"listing": False}, Status.not_eligible),
        # 六、4: 对工业产值首次突破5亿元…… — not crossed, nothing
        ("qingpu-2023-6.4b", {"output_first_crossed": 0}, Status.not_eligible),
        # 六、4: 对市级技改项目，按1:0.5给予配套扶持 — no municipal grant, nothing to match
        ("qingpu-2023-6.4d", {"municipal_tech_upgrade_grant": 0}, Status.not_eligible),
    ],
)
def test_hand_worked_statuses(catalog: Catalog, measure_id: str, answers: dict[str, Any], status: Status) -> None:
    """The status a careful reader of the clause gives each profile (unanswered is needs_info, never zero)."""
    assert result_for(catalog, measure_id, qingpu(**answers)).status is status


@pytest.mark.parametrize(
    ("measure_id", "answers", "minimum", "maximum"),
    [
        # 六、4: 工业产值首次突破5亿元……给予5万元；新纳入战新企业名录库的……在原基础上增加20% → 10亿 10万 + 20% = 12万
        ("qingpu-2023-6.4b", {"output_first_crossed": 5 * YI, "newly_in_sei_catalog": False}, 50_000, 50_000),
        ("qingpu-2023-6.4b", {"output_first_crossed": 10 * YI, "newly_in_sei_catalog": True}, 120_000, 120_000),
        ("qingpu-2023-6.4b", {"output_first_crossed": 50 * YI, "newly_in_sei_catalog": False}, 500_000, 500_000),
        # 六、2: 上一年度研发投入 5%，最高 50 万元 — 1000万 × 5% = 50万, exactly the cap
        (
            "qingpu-2023-6.2b",
            {"newly_four_above": True, "hitech_valid": True, "rd_expense_last_year": 10_000_000},
            500_000,
            500_000,
        ),
        # 六、2: 发行市值在 20 亿元（含）以下 → 300万元
        ("qingpu-2023-6.2c", {"listing": True, "listing_market_value": 10 * YI}, 3_000_000, 3_000_000),
        # 三、1: 按实际支出 50%给予资金扶持，最高 100 万元 — 200万 × 50% = 100万, exactly the cap
        ("qingpu-2023-3.1b", {"mall_operator": True, "mall_renovation_cost": 2_000_000}, 1_000_000, 1_000_000),
        # 六、4: 按1:0.5给予配套扶持 — no cap printed: 300万 → 150万
        ("qingpu-2023-6.4d", {"municipal_tech_upgrade_grant": 3_000_000}, 1_500_000, 1_500_000),
        # 一、2: 按企业实际贷款利率再给予企业不高于 50% 的利息补贴 — 3.6万 interest → up to 1.8万
        ("qingpu-2023-1.2a", {"relief_quota_loan": True, "relief_quota_loan_interest": 36_000}, 0, 18_000),
        # 三、3: 对会展产业园建设初期……租赁、装修等费用予以最高 300 万元补贴 — 120万 cost → up to 120万
        ("qingpu-2023-3.3b", {"expo_park_cost": 1_200_000}, 0, 1_200_000),
    ],
)
def test_hand_worked_amounts(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], minimum: int, maximum: int
) -> None:
    """Amounts worked out by hand from the clause (years of 首次 set to 2023 where the measure asks one)."""
    years = {"qingpu-2023-6.4b": {"output_crossed_year": 2023}, "qingpu-2023-6.2b": {"four_above_year": 2023}}
    r = result_for(catalog, measure_id, qingpu(**answers, **years.get(measure_id, {})))
    assert r.status is Status.eligible, r.reasons
    assert r.amount is not None
    assert (r.amount.minimum, r.amount.maximum) == (Decimal(minimum), Decimal(maximum))


def test_recognition_award_reads_the_year(catalog: Catalog) -> None:
    """六、2: 支持创新型中小企业、专精特新企业和小巨人企业、制造业单项冠军企业和产品等认定 in a 2023 plan — a 2023
    recognition holds, 2022 is for 区经委 to confirm, 2019 is not this plan's; no year is asked."""
    answers = {"district": "qingpu", "srdi_recognition": "single_champion"}
    assert status_by_year(catalog, "qingpu-2023-6.2a", answers, "srdi_recognition_year", (2023, 2022, 2019)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2019: Status.not_eligible,
        None: Status.needs_info,
    }
    pending = result_for(
        catalog, "qingpu-2023-6.2a", qingpu(srdi_recognition="single_champion", srdi_recognition_year=2022)
    )
    assert [c.confirmer for c in pending.open_checks] == ["区经委"]


def test_first_four_above_reads_the_year(catalog: Catalog) -> None:
    """六、2: 对首次成为“四上”企业的有效期内高新技术企业 — 2023 holds, 2022 for 区科委, 2020 is not 首次."""
    answers = {"district": "qingpu", "newly_four_above": True, "hitech_valid": True, "rd_expense_last_year": 1_000_000}
    assert status_by_year(catalog, "qingpu-2023-6.2b", answers, "four_above_year", (2023, 2022, 2020)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2020: Status.not_eligible,
        None: Status.needs_info,
    }


@pytest.mark.parametrize(
    ("measure_id", "answers", "first", "last"),
    [
        # 一、1: 对购置日期在2023年1月1日至2023年12月31日期间内……免征车辆购置税
        ("qingpu-2023-1.1c", {"bought_nev_2023": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        # 一、1: 对非居民用户2023年超定额用水减半收取
        ("qingpu-2023-1.1e", {"excess_water_use_2023": True}, dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
        # 一、1: 自2023年1月1日至2024年12月31日，继续按照50%幅度减免……“六税两费”
        ("qingpu-2023-1.1d", {"small_low_profit": True}, dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
        # 一、2: “防疫紧急纾困融资额度”……使用至 2023 年 6 月 30 日 (from the plan's first day)
        (
            "qingpu-2023-1.2a",
            {"relief_quota_loan": True, "relief_quota_loan_interest": 1},
            dt.date(2023, 2, 14),
            dt.date(2023, 6, 30),
        ),
        # 二、1: 用人单位可在 2023 年 12 月 31 日前……补缴 (from the plan's first day)
        ("qingpu-2023-2.1a", {"deferred_social_insurance": True}, dt.date(2023, 2, 14), dt.date(2023, 12, 31)),
        # 结尾：本行动方案自发布之日起施行，有效期至2023年12月31日（发布 2023年2月14日）
        ("qingpu-2023-3.3c", {"ufi_new": True}, dt.date(2023, 2, 14), dt.date(2023, 12, 31)),
        ("qingpu-2023-6.4d", {"municipal_tech_upgrade_grant": 1}, dt.date(2023, 2, 14), dt.date(2023, 12, 31)),
    ],
)
def test_periods_on_both_boundary_days(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], first: dt.date, last: dt.date
) -> None:
    """The day before, the first, the last and the day after each period the clause (or the plan) prints."""
    assert status_on_each_side(catalog, measure_id, qingpu(**answers), first, last) == IN_FORCE_FROM_FIRST_TO_LAST


# Each clause's （责任单位：…） as printed; a measure's units must all come from its own clause's list.
PRINTED_UNITS = {
    "一、1.": {"区税务局", "区财政局", "区水务局"},
    "一、2.": {"区发改委", "区国资委", "区财政局"},
    "二、1.": {"区社保中心", "区医保局", "区税务局"},
    "二、2.": {"区人社局", "区经委", "区商务委", "区建管委", "区财政局", "青浦邮政管理局"},
    "三、1.": {"区商务委", "区财政局"},
    "三、2.": {"区商务委", "区教育局", "区卫健委", "区文旅局", "区体育局"},
    "三、3.": {"区商务委", "区财政局", "西虹桥公司"},
    "五、1.": {"区商务委", "区科委", "青浦海关", "青浦工业园区", "西虹桥公司"},
    "五、2.": {"区商务委"},
    "六、1.": {"区发改委", "区经委", "区商务委", "区科委", "青发集团"},
    "六、2.": {"区经委", "区科委", "区财政局"},
    "六、4.": {"区经委", "区财政局", "区农业农村委", "相关街镇", "区属公司"},
}

# (measure, presumed channel kind, first unit, phone): the text prints no channel and no phone, so every channel is
# presumed (from_document: false) and only the tax (12366) and 人社 (12333) hotlines appear, where those offices are
# responsible.
CONTACTS = [
    ("qingpu-2023-1.1a", "直接申请", "区税务局", "12366"),
    ("qingpu-2023-1.1b", "直接申请", "区税务局", "12366"),
    ("qingpu-2023-1.1c", "直接申请", "区税务局", "12366"),
    ("qingpu-2023-1.1d", "直接申请", "区税务局", "12366"),
    ("qingpu-2023-1.1e", "免申即享", "区水务局", None),
    ("qingpu-2023-1.2a", "直接申请", "区发改委", None),
    ("qingpu-2023-1.2b", "直接申请", "区财政局", None),
    ("qingpu-2023-1.2c", "直接申请", "区发改委", None),
    ("qingpu-2023-2.1a", "直接申请", "区社保中心", "12333"),
    ("qingpu-2023-2.1b", "免申即享", "区社保中心", "12333"),
    ("qingpu-2023-2.2a", "免申即享", "区人社局", "12333"),
    ("qingpu-2023-2.2b", "直接申请", "区人社局", "12333"),
    ("qingpu-2023-2.2c", "直接申请", "区人社局", "12333"),
    ("qingpu-2023-3.1a", "直接申请", "区商务委", None),
    ("qingpu-2023-3.1b", "直接申请", "区商务委", None),
    ("qingpu-2023-3.1c", "直接申请", "区商务委", None),
    ("qingpu-2023-3.1d", "直接申请", "区商务委", None),
    ("qingpu-2023-3.1e", "直接申请", "区商务委", None),
    ("qingpu-2023-3.1f", "直接申请", "区商务委", None),
    ("qingpu-2023-3.2b", "直接申请", "区体育局", None),
    ("qingpu-2023-3.3a", "直接申请", "区商务委", None),
    ("qingpu-2023-3.3b", "直接申请", "区商务委", None),
    ("qingpu-2023-3.3c", "直接申请", "区商务委", None),
    ("qingpu-2023-5.1", "直接申请", "区商务委", None),
    ("qingpu-2023-5.2", "直接申请", "区商务委", None),
    ("qingpu-2023-6.1a", "直接申请", "区商务委", None),
    ("qingpu-2023-6.1b", "直接申请", "区商务委", None),
    ("qingpu-2023-6.1c", "直接申请", "区商务委", None),
    ("qingpu-2023-6.1d", "直接申请", "区商务委", None),
    ("qingpu-2023-6.2a", "直接申请", "区经委", None),
    ("qingpu-2023-6.2b", "直接申请", "区科委", None),
    ("qingpu-2023-6.2c", "直接申请", "区经委", None),
    ("qingpu-2023-6.4a", "直接申请", "区经委", None),
    ("qingpu-2023-6.4b", "直接申请", "区经委", None),
    ("qingpu-2023-6.4c", "直接申请", "区经委", None),
    ("qingpu-2023-6.4d", "直接申请", "区经委", None),
    ("qingpu-2023-6.4e", "直接申请", "区经委", None),
]


@pytest.mark.parametrize(("measure_id", "kind", "unit", "phone"), CONTACTS, ids=[c[0] for c in CONTACTS])
def test_channel_department_and_phone(
    catalog: Catalog, measure_id: str, kind: str, unit: str, phone: str | None
) -> None:
    """Each enterprise measure's presumed channel, its responsible units as printed in its clause, and no phone but
    a labelled hotline."""
    measure = catalog.by_id()[measure_id].measure
    assert measure.channel.kind == kind
    assert measure.channel.from_document is False
    assert measure.contact.units[0] == unit
    assert set(measure.contact.units) <= PRINTED_UNITS[measure.clause], measure.contact.units
    assert measure.contact.phone == phone
    assert measure.contact.phone_source == (None if phone is None else "hotline")


def test_contacts_cover_every_enterprise_measure(catalog: Catalog) -> None:
    """No enterprise measure of the pack escapes the contact table above."""
    enterprise = {
        m.measure.id
        for m in catalog.measures
        if m.pack.id == "qingpu-2023" and m.measure.audience.value == "enterprise"
    }
    assert enterprise == {c[0] for c in CONTACTS}


def test_nev_promotion_tiers_are_for_the_commerce_commission_to_settle(catalog: Catalog) -> None:
    """青浦 三、1: “按 2023 年上半年销售额增量分档给予 25 万元、50 万元的一次性奖励” — the tiers' thresholds are not
    printed, so whether a firm reaches even the first is 区商务委's to say: 待核实 (was 符合条件), the amount kept."""
    r = result_for(catalog, "qingpu-2023-3.1e", qingpu(nev_promotion=True))
    assert r.status is Status.needs_check
    assert [c.confirmer for c in r.open_checks] == ["区商务委"]
    assert r.amount is not None and (r.amount.minimum, r.amount.maximum) == (Decimal(250_000), Decimal(500_000))
    assert result_for(catalog, "qingpu-2023-3.1e", qingpu(nev_promotion=False)).status is Status.not_eligible


@pytest.mark.parametrize(
    ("size", "status"),
    [
        ("small", Status.eligible),
        ("medium", Status.eligible),
        ("micro", Status.eligible),
        ("large", Status.needs_check),
        (None, Status.needs_info),
    ],
)
def test_overseas_booth_support_follows_the_sme_policy(catalog: Catalog, size: str | None, status: Status) -> None:
    """青浦 五、1: “支持外贸企业参加境外展会，落实中小企业国际市场开拓政策，对境外展位费给予扶持” — the support is
    the SME market-development policy: a large firm was 符合条件; now 区商务委 confirms it (the text does not exclude
    it), and an unanswered size is asked."""
    r = result_for(catalog, "qingpu-2023-5.1", qingpu(overseas_exhibition=True, size_class=size))
    assert r.status is status, r.reasons
    if status is Status.needs_check:
        assert [c.confirmer for c in r.open_checks] == ["区商务委"]
    if status is Status.needs_info:
        assert r.missing == ("size_class",)


@pytest.mark.parametrize(
    ("industry", "status"),
    [
        ("manufacturing", Status.eligible),
        ("retail", Status.needs_check),
        ("other", Status.needs_check),
        (None, Status.needs_info),
    ],
)
def test_smart_upgrade_diagnosis_is_for_manufacturers(catalog: Catalog, industry: str | None, status: Status) -> None:
    """青浦 六、4: “引导传统制造业智能化改造，……；支持开展智能化技术改造诊断，按规定给予资金奖励” — the diagnosis sits
    in the 传统制造业 sentence: a retailer that had one was 符合条件; now 区经委 confirms a non-manufacturer
    (待核实)."""
    r = result_for(catalog, "qingpu-2023-6.4e", qingpu(smart_diagnosis=True, industry=industry))
    assert r.status is status, r.reasons
    if status is Status.needs_check:
        assert [c.confirmer for c in r.open_checks] == ["区经委"]
