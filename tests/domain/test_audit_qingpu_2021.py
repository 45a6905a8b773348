"""Audit of the 青浦 2021 pack (青府办发〔2021〕47号) against its seed: hand-worked cases, each citing its item.

The audit found no defect in this pack; these tests pin hand-worked readings the pack's own test file leaves
open (the office an application goes to, and the edges of the items' conditions), so a later edit cannot drift.
"""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status
from desktop_app.domain.phones import receiving_unit, resolve_contact
from desktop_app.domain.profile import District, EnterpriseProfile
from tests.domain.helpers import failed_ids, result_for

QINGPU = District("qingpu")


def qingpu(**answers: Any) -> EnterpriseProfile:
    return EnterpriseProfile(district="qingpu", **answers)


# The document prints no channel and no phone: each channel is the tool's own (from_document: false), addressed to
# the first 责任部门 of the item, or the lending bank for 第17项 “批次贷”; no phone at all, not even a hotline.
@pytest.mark.parametrize(
    ("measure_id", "receiver"),
    [
        ("qingpu-2021-8", "青浦区经委"),  # 第8项（责任部门：区经委、区财政局）
        ("qingpu-2021-11", "青浦区经委"),  # 第11项（责任部门：区经委、……）
        ("qingpu-2021-12", "青浦区经委"),  # 第12项（责任部门：区经委、……）
        ("qingpu-2021-13", "青浦区科委"),  # 第13项（责任部门：区科委、区经委、区财政局）
        ("qingpu-2021-17", "贷款银行"),  # 第17项 推进“批次贷”业务全面开展（责任部门：区财政局）
    ],
)
def test_channel_is_the_tools_own_and_no_phone_is_printed(catalog: Catalog, measure_id: str, receiver: str) -> None:
    measure = next(m for p in catalog.packs for m in p.measures if m.id == measure_id)
    assert measure.channel.from_document is False
    assert receiving_unit(measure, QINGPU) == receiver
    contact = resolve_contact(measure, QINGPU)
    assert contact.phone is None and contact.hotline is None


# 第11项: “对集成电路、人工智能、生物医药等符合本区产业导向的重点领域项目给予政策扶持” — the field is a question
# the enterprise answers: unanswered is asked (需补充信息), never assumed either way.
def test_key_field_unanswered_is_asked(catalog: Catalog) -> None:
    r = result_for(catalog, "qingpu-2021-11", qingpu(industry="manufacturing", tech_upgrade_investment=2_000_000))
    assert r.status is Status.needs_info and r.missing == ("key_sector_project",)
    named = result_for(
        catalog,
        "qingpu-2021-11",
        qingpu(industry="manufacturing", tech_upgrade_investment=2_000_000, key_sector_project=True),
    )
    assert named.status is Status.eligible


# 第12项: “对于上述新入统的规上工业企业……对其技术改造投入给予政策扶持” — no upgrade spending, nothing to support.
def test_new_entrant_without_upgrade_spending_is_not_eligible(catalog: Catalog) -> None:
    r = result_for(
        catalog,
        "qingpu-2021-12",
        qingpu(service_firm_subsidiary=True, newly_above_scale=True, above_scale_year=2022, tech_upgrade_investment=0),
    )
    assert r.status is Status.not_eligible and failed_ids(r) == ["upgrade_project"]


# 第13项: “对于获得高企认定的” in a 十四五 plan — a firm that moved in (2019) before the plan is not 待核实 but
# 不符合: the period criterion fails whatever the science commission says about moving in.
def test_hitech_moved_in_before_the_plan_is_not_eligible(catalog: Catalog) -> None:
    r = result_for(catalog, "qingpu-2021-13", qingpu(hitech_event="introduced", hitech_event_year=2019))
    assert r.status is Status.not_eligible and failed_ids(r) == ["in_period"]
    recert = result_for(catalog, "qingpu-2021-13", qingpu(hitech_event="recertified", hitech_event_year=2021))
    assert recert.status is Status.eligible
