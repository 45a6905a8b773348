"""The qingpu-2021 pack (青府办发〔2021〕47号): which items are measures, no invented amounts, and its 十四五 period."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import MeasureResult, Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.conftest import AS_OF
from tests.domain import helpers

PACK_ID = "qingpu-2021"

EXPECTED_IDS = {
    "qingpu-2021-8",
    "qingpu-2021-11",
    "qingpu-2021-12",
    "qingpu-2021-13",
    "qingpu-2021-17",
}

#: Answers that satisfy every criterion of the pack.
QUALIFYING: dict[str, Any] = {
    "above_scale_industrial": True,  # 第8项
    "output_growth": True,  # 第8项
    "industry": "manufacturing",  # 第11项
    "tech_upgrade_investment": 5_000_000,  # 第11、12项
    "key_sector_project": True,  # 第11项: 集成电路、人工智能、生物医药等重点领域
    "service_firm_subsidiary": True,  # 第12项: 生产性服务业企业单独设立的子公司
    "newly_above_scale": True,  # 第12项
    "above_scale_year": 2022,  # 第12项: 新入统 within the 十四五 period
    "hitech_event": "new",  # 第13项
    "hitech_event_year": 2022,  # 第13项: 在“十四五”期间获得
    "size_class": "small",  # 第17项
    # 第8项: 增幅达到一定规模 — a standard only 区经委 knows, ticked here as confirmed with the department
    "confirmations": ["qingpu-2021-8:growth_scale"],
}


#: One verdict for a 青浦 profile built from the answers (unless they name another district).
result_for = partial(helpers.result_for, district="qingpu")


def pack_results(catalog: Catalog, as_of: dt.date, **answers: Any) -> list[MeasureResult]:
    answers.setdefault("district", "qingpu")
    report = match(EnterpriseProfile(**answers), catalog, as_of=as_of)
    return [r for r in report.results if r.pack.id == PACK_ID]


def test_pack_has_exactly_the_expected_measures(catalog: Catalog) -> None:
    """Only the items that name a benefit for enterprises (8, 11, 12, 13, 17) are measures."""
    ids = {m.measure.id for m in catalog.measures if m.pack.id == PACK_ID}
    assert ids == EXPECTED_IDS, f"missing: {sorted(EXPECTED_IDS - ids)}; unexpected: {sorted(ids - EXPECTED_IDS)}"


def test_pack_runs_to_the_end_of_the_14th_five_year_period(catalog: Catalog) -> None:
    """The document prints no end date; the pack runs from 2021-11-02 to 2025-12-31 and quotes 十四五."""
    pack = next(p for p in catalog.packs if p.id == PACK_ID)
    assert pack.document.number == "青府办发〔2021〕47号"
    assert (pack.valid_from, pack.valid_until) == (dt.date(2021, 11, 2), dt.date(2025, 12, 31))
    assert "十四五" in pack.validity_excerpt


def test_no_amount_is_invented(catalog: Catalog) -> None:
    """第19项: 具体资金扶持实施细则另行制定 — every measure has amount kind none, and says so."""
    for r in pack_results(catalog, AS_OF, **QUALIFYING):
        assert r.measure.amount.kind == "none", r.measure.id
        assert r.status is Status.eligible, (r.measure.id, r.reasons)
        assert r.amount is None
        assert "实施细则另行制定" in r.amount_text, r.measure.id


def test_four_heroes_note_is_a_manual_check(catalog: Catalog) -> None:
    """第3项: the 四个论英雄 evaluation is left to the user on every measure of the pack."""
    for r in pack_results(catalog, AS_OF, **QUALIFYING):
        assert any("四个论英雄" in check for check in r.manual_checks), r.measure.id


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (dt.date(2021, 11, 1), Status.not_yet_valid),  # before the notice of 2021-11-02: not yet in force
        (dt.date(2021, 11, 2), Status.eligible),
        (AS_OF, Status.eligible),  # 2023-06-01
        (dt.date(2025, 12, 31), Status.eligible),  # last day of 十四五
        (dt.date(2026, 1, 1), Status.expired),
        (dt.date(2026, 11, 22), Status.expired),
    ],
)
def test_validity_window(catalog: Catalog, as_of: dt.date, status: Status) -> None:
    """The measures hold from the notice to the end of 十四五, and not outside it."""
    statuses = {r.measure.id: r.status for r in pack_results(catalog, as_of, **QUALIFYING)}
    assert statuses == {measure_id: status for measure_id in EXPECTED_IDS}


def test_output_growth_unanswered_is_needs_info(catalog: Catalog) -> None:
    """第8项: a 规上 enterprise that has not said whether output grew is asked, not rejected."""
    r = result_for(catalog, "qingpu-2021-8", above_scale_industrial=True)
    assert r.status is Status.needs_info
    assert r.missing == ("output_growth",)


def test_growth_scale_is_for_the_department_to_confirm(catalog: Catalog) -> None:
    """第8项 “增幅达到一定规模”: the scale is not printed, so growth alone is 待核实 with 区经委, never 符合条件."""
    r = result_for(catalog, "qingpu-2021-8", above_scale_industrial=True, output_growth=True)
    assert r.status is Status.needs_check
    assert [(c.key, c.confirmer) for c in r.open_checks] == [("qingpu-2021-8:growth_scale", "区经委")]
    assert "一定规模" in r.open_checks[0].text
    no_growth = result_for(catalog, "qingpu-2021-8", above_scale_industrial=True, output_growth=False)
    assert no_growth.status is Status.not_eligible


def test_output_growth_needs_above_scale(catalog: Catalog) -> None:
    """第8项: only 已入库规上工业企业 qualify."""
    r = result_for(catalog, "qingpu-2021-8", above_scale_industrial=False, output_growth=True)
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["above_scale"]


def test_tech_upgrade_is_for_manufacturers(catalog: Catalog) -> None:
    """第11项: 支持制造业企业……改造提升 — a retailer with a project does not qualify."""
    r = result_for(catalog, "qingpu-2021-11", industry="retail", tech_upgrade_investment=5_000_000)
    assert r.status is Status.not_eligible
    assert [c.id for c in r.criteria if c.state == "failed"] == ["manufacturing"]


def test_new_statistics_entrant_upgrade_needs_both_answers(catalog: Catalog) -> None:
    """第12项: 新入统的规上工业企业 with 技术改造投入; without the investment answer it is needs_info."""
    r = result_for(
        catalog, "qingpu-2021-12", newly_above_scale=True, above_scale_year=2022, service_firm_subsidiary=True
    )
    assert r.status is Status.needs_info
    assert r.missing == ("tech_upgrade_investment",)
    r = result_for(
        catalog,
        "qingpu-2021-12",
        newly_above_scale=False,
        service_firm_subsidiary=True,
        tech_upgrade_investment=5_000_000,
    )
    assert r.status is Status.not_eligible


@pytest.mark.parametrize(
    ("event", "status"),
    [
        ("new", Status.eligible),
        ("recertified", Status.eligible),
        ("introduced", Status.needs_check),
        ("none", Status.not_eligible),
    ],
)
def test_hitech_certification(catalog: Catalog, event: str, status: Status) -> None:
    """第13项: 获得高企认定 — new or re-certified holds; moved in with a certificate is 待核实; none is not met."""
    assert result_for(catalog, "qingpu-2021-13", hitech_event=event, hitech_event_year=2022).status is status


def test_hitech_moved_in_is_left_to_the_science_commission(catalog: Catalog) -> None:
    """第13项 “对于获得高企认定的” names no place of certification: a firm moved in with one is 待核实 with 区科委."""
    r = result_for(catalog, "qingpu-2021-13", hitech_event="introduced", hitech_event_year=2022)
    assert r.status is Status.needs_check
    assert [(c.key, c.confirmer) for c in r.open_checks] == [("qingpu-2021-13:hitech_certified", "区科委")]
    ticked = result_for(
        catalog,
        "qingpu-2021-13",
        hitech_event="introduced",
        hitech_event_year=2022,
        confirmations=["qingpu-2021-13:hitech_certified"],
    )
    assert ticked.status is Status.eligible


def test_hitech_certificate_from_before_the_plan_is_not_new(catalog: Catalog) -> None:
    """第13项: a 2016 高企 certificate was not 获得 during the 十四五 plan (2021–2025), so it is not eligible."""
    old = result_for(catalog, "qingpu-2021-13", hitech_event="new", hitech_event_year=2016)
    assert old.status is Status.not_eligible
    assert result_for(catalog, "qingpu-2021-13", hitech_event="new").status is Status.needs_info


def test_key_field_project_outside_the_three_named_is_to_be_confirmed(catalog: Catalog) -> None:
    """第11项: 集成电路、人工智能、生物医药等 — another field is 待核实 with 区经委, never 不符合."""
    answers = {**QUALIFYING, "key_sector_project": False}
    r = result_for(catalog, "qingpu-2021-11", **answers)
    assert r.status is Status.needs_check
    assert [c.key for c in r.open_checks] == ["qingpu-2021-11:key_field"]


def test_batch_loan_is_for_smes(catalog: Catalog) -> None:
    """第17项: 政策性担保贷款服务……中小微企业 — a large enterprise is not eligible, size unknown asks."""
    assert result_for(catalog, "qingpu-2021-17", size_class="large").status is Status.not_eligible
    unknown = result_for(catalog, "qingpu-2021-17")
    assert unknown.status is Status.needs_info
    assert unknown.missing == ("size_class",)


def test_other_district_is_not_applicable(catalog: Catalog) -> None:
    """A 嘉定 company gets none of the 青浦 measures."""
    results = pack_results(catalog, AS_OF, **{**QUALIFYING, "district": "jiading"})
    assert len(results) == len(EXPECTED_IDS)
    assert {r.status for r in results} == {Status.not_applicable}


# 第11项、第12项 each end “（责任部门：区经委、区发展改革委、区科委、区财政局、区税务局、区生态环境局）”.
RESPONSIBLE_UNITS = {
    "qingpu-2021-8": ["区经委", "区财政局"],  # 第8项（责任部门：区经委、区财政局）
    "qingpu-2021-11": ["区经委", "区发展改革委", "区科委", "区财政局", "区税务局", "区生态环境局"],
    "qingpu-2021-12": ["区经委", "区发展改革委", "区科委", "区财政局", "区税务局", "区生态环境局"],
    "qingpu-2021-13": ["区科委", "区经委", "区财政局"],  # 第13项（责任部门：区科委、区经委、区财政局）
    "qingpu-2021-17": ["区财政局"],  # 第17项（责任部门：区财政局）
}


@pytest.mark.parametrize("measure_id", sorted(RESPONSIBLE_UNITS))
def test_responsible_units_are_the_items_own(catalog: Catalog, measure_id: str) -> None:
    """Each item's 责任部门 bracket, every unit in its order; the document prints no phone and no channel."""
    measure = catalog.by_id()[measure_id].measure
    assert list(measure.contact.units) == RESPONSIBLE_UNITS[measure_id]
    assert measure.contact.phone is None
    assert measure.channel.from_document is False


def test_new_statistics_entrant_means_entered_in_the_period(catalog: Catalog) -> None:
    """第12项: 对于上述新入统的规上工业企业 — 新入统 is about when: in a 十四五 (2021–2025) plan an enterprise in the
    database since 2018 is not newly entered; one that entered in 2021 is; without the year it is asked."""
    base: dict[str, Any] = {
        "district": "qingpu",
        "newly_above_scale": True,
        "service_firm_subsidiary": True,
        "tech_upgrade_investment": 5_000_000,
    }
    assert helpers.status_by_year(catalog, "qingpu-2021-12", base, "above_scale_year", (2021, 2018)) == {
        2021: Status.eligible,
        2018: Status.not_eligible,
        None: Status.needs_info,
    }
    assert helpers.result_for(catalog, "qingpu-2021-12", **base).missing == ("above_scale_year",)
