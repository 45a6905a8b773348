"""The one scope rule (district, validity, audience): matching and question scoping both follow it."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from desktop_app.domain.catalog import Catalog, CompiledMeasure, load_catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.questionnaire import fields_in_scope
from desktop_app.domain.scope import OutOfScope, applies_to, measure_applies, out_of_scope

AS_OF = dt.date(2023, 6, 1)
_HEAD = """
pack_format: 1
id: {id}
district: {district}
document: {{title: 测试文件, issuer: 测试区政府, date: 2023-01-01, source_file: test.txt}}
valid_from: 2023-01-01
valid_until: 2023-12-31
validity_excerpt: 有效期至2023年12月31日
measures:
"""
_MEASURE = """
  - id: {id}
    title: {title}
    summary: 测试
    clause: "1"
    excerpt: 测试措施的原文摘录
    {extra}
    criteria: [{{id: c, label: 测试条件, expr: {field} > 0}}]
    amount: {{kind: fixed, value: 10000}}
    channel: {{kind: 直接申请, detail: 向区经委申请, from_document: false}}
    contact: {{units: [区经委]}}
"""
#: One field per measure, so a field in scope names the one measure that put it there.
BAOSHAN = [
    ("baoshan-2023-1", "在期企业措施", "tech_upgrade_investment", ""),
    ("baoshan-2023-2", "已过期措施", "pv_capacity_kw", "validity: {valid_until: 2023-03-31}"),
    ("baoshan-2023-3", "未施行措施", "guarantee_fee_paid", "validity: {valid_from: 2023-09-01}"),
    ("baoshan-2023-4", "面向个人措施", "eligible_hires", "audience: individual"),
]
JINSHAN = [("jinshan-2023-1", "他区措施", "joint_rd_investment", "")]


def _pack(pack_id: str, district: str, measures: list[tuple[str, str, str, str]]) -> str:
    body = "".join(
        _MEASURE.format(id=mid, title=title, field=field, extra=extra or "review: reviewed")
        for mid, title, field, extra in measures
    )
    return textwrap.dedent(_HEAD.format(id=pack_id, district=district)) + body


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    files = []
    for name, district, measures in (("baoshan", "baoshan", BAOSHAN), ("jinshan", "jinshan", JINSHAN)):
        path = tmp_path / f"{name}.yaml"
        path.write_text(_pack(f"test-{name}", district, measures), encoding="utf-8")
        files.append(path)
    loaded = load_catalog(files, shipped=False)
    assert loaded.problems == []
    return loaded


def _measure(catalog: Catalog, measure_id: str) -> CompiledMeasure:
    compiled = catalog.get(measure_id)
    assert compiled is not None
    return compiled


#: Every field answered: an answered field stays in scope only while an applicable measure reads it, so
#: these tests see the scope rule itself, not just "a closed result asks nothing new".
ANSWERS = {
    "tech_upgrade_investment": 100,
    "pv_capacity_kw": 100,
    "guarantee_fee_paid": 100,
    "eligible_hires": 1,
    "joint_rd_investment": 100,
}


def test_fields_in_scope_asks_only_what_an_applicable_measure_reads(catalog: Catalog) -> None:
    """Of five measures only the in-force enterprise measure of the enterprise's own district keeps its field.

    Expired (own validity ended 2023-03-31), not yet in force (from 2023-09-01), 个人 audience and
    another district's measure each read a field of their own; none of those is asked, answered or not.
    """
    for answers in ({}, ANSWERS):
        scope = fields_in_scope(catalog, EnterpriseProfile(district="baoshan", **answers), AS_OF)
        assert "tech_upgrade_investment" in scope
        assert "pv_capacity_kw" not in scope  # expired
        assert "guarantee_fee_paid" not in scope  # not yet valid
        assert "eligible_hires" not in scope  # for individuals
        assert "joint_rd_investment" not in scope  # another district


def test_fields_in_scope_follows_the_reference_date(catalog: Catalog) -> None:
    """On a date inside its own period the measure that was expired puts its field in scope again."""
    scope = fields_in_scope(catalog, EnterpriseProfile(district="baoshan", **ANSWERS), dt.date(2023, 2, 1))
    assert "pv_capacity_kw" in scope and "guarantee_fee_paid" not in scope


def test_an_unknown_district_keeps_every_district_in_scope(catalog: Catalog) -> None:
    """Before the district is answered no district's measure is ruled out (an unknown is not a mismatch)."""
    scope = fields_in_scope(catalog, EnterpriseProfile(**ANSWERS), AS_OF)
    assert {"tech_upgrade_investment", "joint_rd_investment"} <= scope
    assert "eligible_hires" not in scope and "pv_capacity_kw" not in scope


@pytest.mark.parametrize(
    ("measure_id", "why", "status"),
    [
        ("baoshan-2023-1", None, None),
        ("baoshan-2023-2", OutOfScope.expired, Status.expired),
        ("baoshan-2023-3", OutOfScope.not_yet_valid, Status.not_yet_valid),
        ("baoshan-2023-4", OutOfScope.not_for_enterprises, Status.not_applicable),
        ("jinshan-2023-1", OutOfScope.other_district, Status.not_applicable),
    ],
)
def test_matching_gives_the_status_the_scope_rule_names(
    catalog: Catalog, measure_id: str, why: OutOfScope | None, status: Status | None
) -> None:
    """Each rule the measure breaks gives its own status in the match report; an applicable one is judged."""
    profile = EnterpriseProfile(district="baoshan")
    compiled = _measure(catalog, measure_id)
    assert out_of_scope(compiled, district=profile.district, as_of=AS_OF) is why
    assert measure_applies(compiled, profile=profile, as_of=AS_OF) is (why is None)
    result = match(profile, catalog, as_of=AS_OF).result_for(measure_id)
    assert result is not None
    assert result.status is (status or Status.needs_info)


def test_district_is_checked_before_dates(catalog: Catalog) -> None:
    """Another district's expired measure is 不适用, not 已过期: it was never the enterprise's to claim."""
    compiled = _measure(catalog, "jinshan-2023-1")
    assert out_of_scope(compiled, district=District.baoshan, as_of=dt.date(2026, 1, 1)) is OutOfScope.other_district
    assert out_of_scope(compiled, district=District.jinshan, as_of=dt.date(2026, 1, 1)) is OutOfScope.expired


def test_applies_to_is_the_district_part_alone(catalog: Catalog) -> None:
    """applies_to ignores dates and audience (the settings list units of expired measures too)."""
    assert applies_to(_measure(catalog, "baoshan-2023-2"), District.baoshan)
    assert applies_to(_measure(catalog, "baoshan-2023-4"), District.baoshan)
    assert not applies_to(_measure(catalog, "baoshan-2023-1"), District.jinshan)
    assert applies_to(_measure(catalog, "jinshan-2023-1"), None)
