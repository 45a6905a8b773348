"""Engine semantics on small packs built in the test: statuses, unknowns, dates, rules."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import MeasureResult, Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.domain.helpers import catalog_of, green_awards

PACK = textwrap.dedent(
    """
    pack_format: 1
    id: test-pack
    district: baoshan
    document: {title: 测试文件, number: 测〔2023〕1号, issuer: 测试区政府, date: 2023-01-01, source_file: test.txt}
    valid_from: 2023-01-01
    valid_until: 2023-12-31
    validity_excerpt: 有效期至2023年12月31日
    notes: [享受政策扶持的企业要符合产业导向]
    rules:
      - {id: cap, kind: cap_total, measures: [baoshan-2023-2a, baoshan-2023-2b], cap: 500000,
         label: 合计上限, excerpt: 总奖励额度不超过50万元}
    measures:
      - id: baoshan-2023-1
        title: 技改支持
        summary: 投入达到300万元的技改项目按8%支持，最高200万元。
        clause: "1"
        excerpt: 对投入达到300万元的单个技改项目给予支持
        criteria:
          - {id: invest, label: 技改投入达到300万元, expr: tech_upgrade_investment >= 3000000}
        amount: {kind: percent, rate: 0.08, base: tech_upgrade_investment, base_label: 技改投入, cap: 2000000}
        channel: {kind: 直接申请, detail: 向区经委申请, from_document: false}
        contact: {units: [区经委]}
    """
    + green_awards()
    + "\n"
)
AS_OF = dt.date(2023, 6, 1)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    return catalog_of(tmp_path, PACK)


def _status(catalog: Catalog, profile: EnterpriseProfile, measure_id: str, as_of: dt.date = AS_OF) -> MeasureResult:
    report = match(profile, catalog, as_of=as_of)
    return next(r for r in report.results if r.measure.id == measure_id)


def test_unanswered_is_needs_info_never_not_eligible(catalog: Catalog) -> None:
    """A criterion whose field is unanswered gives needs_info naming the question."""
    r = _status(catalog, EnterpriseProfile(district="baoshan"), "baoshan-2023-1")
    assert r.status is Status.needs_info
    assert r.missing == ("tech_upgrade_investment",)


def test_zero_is_an_answer(catalog: Catalog) -> None:
    """An answer of 0 is known: it fails the threshold and says how far off it is."""
    r = _status(catalog, EnterpriseProfile(district="baoshan", tech_upgrade_investment=2_000_000), "baoshan-2023-1")
    assert r.status is Status.not_eligible
    assert any("未达 300万元门槛（差 100万元）" in reason for reason in r.reasons)


def test_percent_with_cap(catalog: Catalog) -> None:
    """8% of 3000万 is 240万, capped at 200万."""
    r = _status(catalog, EnterpriseProfile(district="baoshan", tech_upgrade_investment=30_000_000), "baoshan-2023-1")
    assert r.status is Status.eligible
    assert r.amount is not None and r.amount.maximum == 2_000_000 and r.amount.minimum == 2_000_000


def test_expired_after_validity_and_other_district_not_applicable(catalog: Catalog) -> None:
    """After valid_until a measure is expired (shown, not dropped); another district is not_applicable."""
    profile = EnterpriseProfile(district="baoshan", tech_upgrade_investment=30_000_000)
    assert _status(catalog, profile, "baoshan-2023-1", dt.date(2026, 11, 22)).status is Status.expired
    other = EnterpriseProfile(district="jinshan", tech_upgrade_investment=30_000_000)
    assert _status(catalog, other, "baoshan-2023-1").status is Status.not_applicable


def test_cap_total_spans_measures(catalog: Catalog) -> None:
    """Two 30万 awards under a 50万 joint cap come to 50万 together."""
    profile = EnterpriseProfile(district="baoshan", green_national=["supply_chain", "product"])
    report = match(profile, catalog, as_of=AS_OF)
    amounts = [r.amount for r in report.results if r.measure.id.startswith("baoshan-2023-2")]
    maxima = [a.maximum for a in amounts if a is not None and a.maximum is not None]
    assert len(maxima) == len(amounts) == 2  # both awards have a known amount
    assert sum(maxima) == 500_000


def test_pack_notes_become_manual_checks(catalog: Catalog) -> None:
    """A pack-wide condition no answer can settle is listed for the user to confirm."""
    r = _status(catalog, EnterpriseProfile(district="baoshan"), "baoshan-2023-1")
    assert "享受政策扶持的企业要符合产业导向" in r.manual_checks


def test_unknown_district_is_needs_info(catalog: Catalog) -> None:
    """Without a district nothing can be decided, but nothing is ruled out either."""
    r = _status(catalog, EnterpriseProfile(), "baoshan-2023-1")
    assert r.status is Status.needs_info and r.missing == ("district",)
