"""The 就高不重复 rule (``kind: highest_only``, docs/policy-packs.md 五): only the highest of its measures counts.

No shipped pack uses it yet, so the pack is built here: three awards of one enterprise under one rule.
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from pathlib import Path

import pytest

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.conftest import AS_OF
from tests.domain.helpers import catalog_of, result_for


def _award(measure_id: str, title: str, level: str, value: int) -> str:
    return f"""
      - id: {measure_id}
        title: {title}
        summary: 测试
        clause: "3"
        excerpt: {title}的原文摘录
        criteria: [{{id: level, label: 认定为{level}, expr: "'{level}' in green_national"}}]
        amount: {{kind: fixed, value: {value}}}
        channel: {{kind: 直接申请, detail: 向区经委申请, from_document: false}}
        contact: {{units: [区经委]}}"""


PACK = textwrap.dedent(
    """
    pack_format: 1
    id: test-highest
    district: baoshan
    document: {title: 测试文件, number: null, issuer: 测试区政府, date: 2023-01-01, source_file: test.txt}
    valid_from: 2023-01-01
    valid_until: 2023-12-31
    validity_excerpt: 有效期至2023年12月31日
    rules:
      - {id: highest, kind: highest_only, measures: [baoshan-2023-3a, baoshan-2023-3b, baoshan-2023-3c],
         label: 第3条就高不重复, excerpt: 同一项目同时符合的，按就高原则给予支持，不重复享受}
    measures:"""
) + textwrap.indent(
    textwrap.dedent(
        _award("baoshan-2023-3a", "绿色供应链奖励", "supply_chain", 300_000)
        + _award("baoshan-2023-3b", "绿色工厂奖励", "factory", 600_000)
        + _award("baoshan-2023-3c", "绿色产品奖励", "product", 200_000)
    ),
    "  ",
)


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    """Only the test pack, so no shipped rule interferes."""
    return catalog_of(tmp_path, PACK)


def test_only_the_highest_award_counts_and_the_others_say_why(catalog: Catalog) -> None:
    """With all three met, 60万 stays; the 30万 and 20万 awards become 0元, not eligible, naming the kept one."""
    profile = EnterpriseProfile(district="baoshan", green_national=["supply_chain", "factory", "product"])
    kept = result_for(catalog, "baoshan-2023-3b", profile)
    assert kept.status is Status.eligible
    assert kept.amount is not None and kept.amount.maximum == Decimal(600_000)
    for measure_id in ("baoshan-2023-3a", "baoshan-2023-3c"):
        dropped = result_for(catalog, measure_id, profile)
        assert dropped.amount is not None
        assert (dropped.amount.minimum, dropped.amount.maximum) == (0, 0)
        assert dropped.status is Status.not_eligible
        assert any("第3条就高不重复：就高不重复，按“绿色工厂奖励”计，本项不另计" in r for r in dropped.reasons)
    assert match(profile, catalog, as_of=AS_OF).total() == (Decimal(600_000), Decimal(600_000))


def test_the_rule_applies_only_among_measures_that_are_met(catalog: Catalog) -> None:
    """Without the 60万 award, the highest of those that are met (30万) counts; one met award alone is untouched."""
    both = EnterpriseProfile(district="baoshan", green_national=["supply_chain", "product"])
    assert result_for(catalog, "baoshan-2023-3a", both).amount_text == "30万元"
    assert result_for(catalog, "baoshan-2023-3c", both).status is Status.not_eligible
    alone = EnterpriseProfile(district="baoshan", green_national=["product"])
    only = result_for(catalog, "baoshan-2023-3c", alone)
    assert only.status is Status.eligible and only.amount_text == "20万元"
