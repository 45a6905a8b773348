"""Audit of the 嘉定 2023 pack (嘉府规〔2023〕1号) against its seed: hand-worked cases, each citing its clause.

The first test pins the one reading the audit changed (一、2 担保费率减半 is in the “贷动小微” passage); the others
pin hand-worked readings of measures the pack's own test file leaves open, so a later edit cannot drift silently.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.fields import load_fields
from desktop_app.domain.matching import Status
from desktop_app.domain.profile import EnterpriseProfile
from tests.domain.helpers import (
    IN_FORCE_FROM_FIRST_TO_LAST,
    failed_ids,
    result_for,
    status_by_year,
    status_on_each_side,
)


def jiading(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="jiading", **answers)


# 嘉定 一、2: “实施‘四位一体、贷动小微’金融助企行动……在‘融、贷、担、补’等方面给予小微企业全面支持。……
# 鼓励区级政府性融资担保机构担保费率继续减半收取。” — the 担 of a passage given to 小微企业.
def test_guarantee_fee_halving_is_for_small_and_micro_firms_and_to_be_confirmed_for_others(catalog: Catalog) -> None:
    """A small or micro firm with a district-guaranteed loan qualifies; a medium or large one is 待核实 with
    区经委(金融办) (the sentence itself names nobody, so never 不符合); an unanswered size is asked, not assumed."""
    measure = "jiading-2023-1.2d"
    for size in ("small", "micro"):
        r = result_for(catalog, measure, jiading(size_class=size, district_guarantee_loan=True))
        assert r.status is Status.eligible, size
    for size in ("medium", "large"):
        r = result_for(catalog, measure, jiading(size_class=size, district_guarantee_loan=True))
        assert r.status is Status.needs_check, size
        assert [c.confirmer for c in r.open_checks] == ["区经委(金融办)"]
        assert "贷动小微" in r.open_checks[0].text
        confirmed = jiading(size_class=size, district_guarantee_loan=True, confirmations=[r.open_checks[0].key])
        assert result_for(catalog, measure, confirmed).status is Status.eligible
    unknown = result_for(catalog, measure, jiading(district_guarantee_loan=True))
    assert unknown.status is Status.needs_info and unknown.missing == ("size_class",)
    # no district-guaranteed loan: nothing to halve, whatever the size
    no_loan = result_for(catalog, measure, jiading(size_class="medium", district_guarantee_loan=False))
    assert no_loan.status is Status.not_eligible and failed_ids(no_loan) == ["district_guarantee"]


@pytest.mark.parametrize(
    ("measure_id", "answers", "status"),
    [
        # 一、2: 对受疫情影响暂时遇困的到期小微企业贷款，鼓励区内银行……协商办理贷款延期还本付息、无缝续贷
        ("jiading-2023-1.2b", {"size_class": "micro", "small_micro_loan_due": True}, Status.eligible),
        ("jiading-2023-1.2b", {"size_class": "medium", "small_micro_loan_due": True}, Status.not_eligible),
        ("jiading-2023-1.2b", {"size_class": "small", "small_micro_loan_due": False}, Status.not_eligible),
        # 一、2: 深入实施“嘉定科创贷”批次担保业务，对符合条件的企业 — 符合条件的企业, no size named
        ("jiading-2023-1.2c", {"kechuang_loan": True, "size_class": "medium"}, Status.eligible),
        ("jiading-2023-1.2c", {"kechuang_loan": False}, Status.not_eligible),
        # 二、1: 对符合条件的企业租用车辆组织员工返岗的，按规定给予返岗交通补贴
        ("jiading-2023-2.1b", {"return_bus_organized": True}, Status.eligible),
        ("jiading-2023-2.1b", {"return_bus_organized": False}, Status.not_eligible),
        # 二、1: 重点建设工程行业 — a construction firm on a key project qualifies
        ("jiading-2023-2.1a", {"industry": "construction", "key_construction_project": True}, Status.eligible),
        # 三、3: 指导符合条件的旅行社继续申报暂退旅游服务质量保证金
        ("jiading-2023-3.3a", {"industry": "travel_agency"}, Status.eligible),
        ("jiading-2023-3.3a", {"industry": "catering"}, Status.not_eligible),
        # 七、3: 对规模以上工业企业加快改扩建项目建设，实现当年竣工投产的
        ("jiading-2023-7.3b", {"above_scale_industrial": True, "expansion_completed": True}, Status.eligible),
        ("jiading-2023-7.3b", {"above_scale_industrial": False, "expansion_completed": True}, Status.not_eligible),
        # 一、1: 对非居民用户 2023 年超定额用水，减半收取
        ("jiading-2023-1.1e", {"excess_water_use_2023": False}, Status.not_eligible),
    ],
)
def test_hand_worked_statuses(catalog: Catalog, measure_id: str, answers: dict[str, Any], status: Status) -> None:
    """The status a careful reader of the clause gives each profile."""
    assert result_for(catalog, measure_id, jiading(**answers)).status is status


def test_new_little_giant_is_about_when(catalog: Catalog) -> None:
    """七、2: 对新认定国家专精特新“小巨人”给予不低于30万元奖励 — 2023 holds, 2022 is for 区经委 to confirm,
    2018 is not 新认定, no year is asked."""
    answers = {"district": "jiading", "srdi_recognition": "national_little_giant"}
    assert status_by_year(catalog, "jiading-2023-7.2c", answers, "srdi_recognition_year", (2023, 2022, 2018)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2018: Status.not_eligible,
        None: Status.needs_info,
    }


@pytest.mark.parametrize("event", ["new", "introduced", "recertified"])
def test_hitech_award_is_about_when(catalog: Catalog, event: str) -> None:
    """七、2: 对新认定（含引进）及重新认定的高新技术企业给予一次性资金奖励 — 2023 holds, 2022 is for 区科委 to
    confirm, an earlier recognition (or move-in) is not in this plan's period; no recognition at all gets nothing."""
    answers = {"district": "jiading", "hitech_event": event}
    assert status_by_year(catalog, "jiading-2023-7.2d", answers, "hitech_event_year", (2023, 2022, 2020)) == {
        2023: Status.eligible,
        2022: Status.needs_check,
        2020: Status.not_eligible,
        None: Status.needs_info,
    }
    pending = result_for(catalog, "jiading-2023-7.2d", jiading(hitech_event=event, hitech_event_year=2022))
    assert [c.confirmer for c in pending.open_checks] == ["区科委"]
    none = result_for(catalog, "jiading-2023-7.2d", jiading(hitech_event="none", hitech_event_year=2023))
    assert none.status is Status.not_eligible


@pytest.mark.parametrize(
    ("measure_id", "answers"),
    [
        (
            "jiading-2023-1.2a",
            {"size_class": "small", "district_guarantee_loan": True, "district_guarantee_loan_interest": 1},
        ),
        ("jiading-2023-1.2d", {"size_class": "small", "district_guarantee_loan": True}),
        ("jiading-2023-2.1a", {"industry": "express_logistics", "postal_express": True}),
        ("jiading-2023-3.3a", {"industry": "travel_agency"}),
        ("jiading-2023-7.2a", {"tech_transfer_project": True}),
        ("jiading-2023-7.3a", {"above_scale_industrial": True, "output_growth": True}),
        ("jiading-2023-7.3b", {"above_scale_industrial": True, "expansion_completed": True}),
    ],
)
def test_measures_without_a_period_of_their_own_run_with_the_plan(
    catalog: Catalog, measure_id: str, answers: dict[str, Any]
) -> None:
    """本行动方案自2023年3月3日起施行，有效期至2023年12月31日: the day before, the first, the last, the day after."""
    statuses = status_on_each_side(catalog, measure_id, jiading(**answers), dt.date(2023, 3, 3), dt.date(2023, 12, 31))
    assert statuses == IN_FORCE_FROM_FIRST_TO_LAST


# (measure, channel kind, first unit, phone) — units as printed in each clause's （责任单位：…）; the text prints no
# phone, so only the tax (12366) and 人社 (12333) hotlines appear, and only where those offices are responsible.
CONTACTS = [
    ("jiading-2023-1.1a", "直接申请", "区税务局", "12366"),
    ("jiading-2023-1.1b", "直接申请", "区税务局", "12366"),
    ("jiading-2023-1.1c", "直接申请", "区税务局", "12366"),
    ("jiading-2023-1.1d", "直接申请", "区税务局", "12366"),
    ("jiading-2023-1.1e", "免申即享", "区水务局", None),
    ("jiading-2023-1.2a", "直接申请", "区经委(金融办)", None),
    ("jiading-2023-1.2b", "直接申请", "区经委(金融办)", None),
    ("jiading-2023-1.2c", "直接申请", "区经委(金融办)", None),
    ("jiading-2023-1.2d", "直接申请", "区经委(金融办)", None),
    ("jiading-2023-2.1a", "直接申请", "区人力资源社会保障局", "12333"),
    ("jiading-2023-2.1b", "直接申请", "区人力资源社会保障局", "12333"),
    ("jiading-2023-2.1c", "免申即享", "区人力资源社会保障局", "12333"),
    ("jiading-2023-3.1a", "直接申请", "区商务委", None),
    ("jiading-2023-3.1b", "直接申请", "区商务委", None),
    ("jiading-2023-3.3a", "直接申请", "区文化旅游局", None),
    ("jiading-2023-7.2a", "直接申请", "区科委", None),
    ("jiading-2023-7.2b", "直接申请", "区经委", None),
    ("jiading-2023-7.2c", "直接申请", "区经委", None),
    ("jiading-2023-7.2d", "直接申请", "区科委", None),
    ("jiading-2023-7.2e", "直接申请", "区科委", None),
    ("jiading-2023-7.3a", "直接申请", "区经委", None),
    ("jiading-2023-7.3b", "直接申请", "区经委", None),
]


@pytest.mark.parametrize(("measure_id", "kind", "unit", "phone"), CONTACTS, ids=[c[0] for c in CONTACTS])
def test_channel_department_and_phone(
    catalog: Catalog, measure_id: str, kind: str, unit: str, phone: str | None
) -> None:
    """Each enterprise measure's presumed channel, its responsible unit as printed, and only hotlines as phones."""
    measure = catalog.by_id()[measure_id].measure
    assert measure.channel.kind == kind
    assert measure.channel.from_document is False
    assert measure.contact.units[0] == unit
    assert measure.contact.phone == phone


def test_a_tech_transfer_project_awaiting_recognition_is_not_ruled_out(catalog: Catalog) -> None:
    """嘉定 七、2: “支持一批具有良好市场潜力的科技成果转移转化，对经认定项目给予资金支持” — recognition is the
    department's act after the application; the question asked “是否有经认定的……项目”, so a firm whose project was yet
    to be recognised could only answer 否 and was 不符合. It now asks whether there is a project; 经认定 is a check."""
    label = load_fields()["tech_transfer_project"].label
    assert "经认定的" not in label and "拟申请认定" in label
    r = result_for(catalog, "jiading-2023-7.2a", EnterpriseProfile(district="jiading", tech_transfer_project=True))
    assert r.status is Status.eligible and any("经认定" in check for check in r.manual_checks)
