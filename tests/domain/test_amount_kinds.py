"""One handler per amount kind: every kind in policy.py has one, and each computes and words its rule."""

from __future__ import annotations

import re
import typing
from decimal import Decimal
from typing import Any

import pytest
from pydantic import TypeAdapter

from desktop_app.domain.amounts import (
    KINDS,
    amount_expressions,
    amount_fields,
    compute_amount,
    describe_rule,
    potential_range,
)
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.policy import AmountSpec

SPEC: TypeAdapter[AmountSpec] = TypeAdapter(AmountSpec)
BONUS = {"when": "is_strategic_emerging", "percent": "0.2", "label": "新纳入战新名录库"}


def spec(**data: Any) -> Any:
    """An amount spec as a pack would write it."""
    return SPEC.validate_python(data)


def test_every_kind_of_amount_spec_has_one_handler() -> None:
    """KINDS lists exactly the kinds the pack models accept: a new kind cannot be half added."""
    union = typing.get_args(typing.get_args(AmountSpec)[0])
    kinds = {typing.get_args(cls.model_fields["kind"].annotation)[0] for cls in union}
    assert len(kinds) == 12
    assert set(KINDS) == kinds


CASES = [
    # (spec, answers, described, (min, max, basis), potential)
    (
        dict(kind="fixed", value=50000),
        {},
        "5万元",
        ("50000", "50000", "定额5万元"),
        ("50000", "50000"),
    ),
    (
        dict(kind="per_unit", rate=2000, quantity="eligible_hires", unit="人", cap=5000),
        {"eligible_hires": 3},
        "2000元/人，最高5000元",
        ("5000", "5000", "2000元/人 × 3人，最高5000元"),
        ("0", "5000"),
    ),
    (
        dict(kind="percent", rate="0.08", base="rd_expense_last_year", base_label="研发投入", cap=2000000),
        {"rd_expense_last_year": 1000000},
        "研发投入的8%，最高200万元",
        ("80000.00", "80000.00", "研发投入 100万元 × 8%，最高200万元"),
        ("0", "2000000"),
    ),
    (
        dict(
            kind="tiers",
            value="output_value",
            value_label="产值",
            tiers=[{"min": 100, "amount": 10}, {"above": 1000, "amount": 20}],
        ),
        {"output_value": 50},
        "10元至20元（分档）",
        ("0", "0", "产值 50元，未达到最低档"),
        ("10", "20"),
    ),
    (
        dict(kind="lookup", key="dcmm_level", key_label="DCMM等级", table={"2": 200000, "3": 300000}),
        {"dcmm_level": "3"},
        "20万元至30万元（分档）",
        ("300000", "300000", "DCMM等级：3，对应30万元"),
        ("200000", "300000"),
    ),
    (
        dict(kind="match", ratio="0.5", base="city_award", base_label="市级资助", cap=100000),
        {"city_award": 600000},
        "市级资助按1:0.5配套，最高10万元",
        ("100000", "100000", "市级资助 60万元 按 1:0.5 配套，最高10万元"),
        ("0", "100000"),
    ),
    (
        dict(kind="at_least", min=100000),
        {},
        "不低于10万元",
        ("100000", None, "不低于10万元（上限未规定）"),
        ("100000", None),
    ),
    (
        dict(kind="up_to", max=1000000, base="spent", base_label="实际费用"),
        {"spent": 300000},
        "最高100万元",
        ("0", "300000", "实际费用 30万元，资助不超过实际费用且最高100万元"),
        ("0", "1000000"),
    ),
    (
        dict(kind="range", min=100000, max=200000),
        {},
        "10万元至20万元",
        ("100000", "200000", "10万元至20万元（具体金额以实施细则为准）"),
        ("100000", "200000"),
    ),
    (dict(kind="none", note="免征车辆购置税"), {}, "免征车辆购置税", None, None),
    (
        dict(
            kind="sum",
            terms=[
                {"label": "全国首店", "rate": 300000, "quantity": "a", "unit": "家"},
                {"label": "区域首店", "rate": 100000, "quantity": "b", "unit": "家"},
            ],
            cap=500000,
        ),
        {"a": 1, "b": 0},
        "全国首店30万元/家、区域首店10万元/家，最高50万元",
        ("300000", "300000", "全国首店30万元/家 × 1家，累计最高50万元"),
        ("0", "500000"),
    ),
    (
        dict(kind="formula", min="rent * 6 / 10", max="rent * 18 / 10", basis="年租金的60%，最长三年"),
        {"rent": 100000},
        "年租金的60%，最长三年",
        ("60000.00", "180000.00", "年租金的60%，最长三年"),
        None,
    ),
]


@pytest.mark.parametrize(("data", "answers", "described", "computed", "potential"), CASES, ids=lambda c: "")
def test_each_kind_words_computes_and_bounds_its_rule(
    data: dict[str, Any],
    answers: dict[str, Any],
    described: str,
    computed: tuple[str, str | None, str] | None,
    potential: tuple[str, str | None] | None,
) -> None:
    """describe_rule, compute_amount and potential_range give the kind's own figure and words."""
    amount = spec(**data)
    assert describe_rule(amount) == described
    result = compute_amount(amount, answers)
    if computed is None:
        assert result is None
    else:
        assert result is not None
        low, high, basis = computed
        assert (result.minimum, result.maximum, result.basis) == (
            Decimal(low),
            None if high is None else Decimal(high),
            basis,
        )
    bounds = potential_range(amount)
    expected = (
        None if potential is None else (Decimal(potential[0]), None if potential[1] is None else Decimal(potential[1]))
    )
    assert bounds == expected
    assert set(amount_fields(amount)) == set(answers)


def test_bonus_is_added_for_every_kind_that_has_a_figure() -> None:
    """A bonus raises the computed amount and the potential maximum, and is worded after the rule."""
    amount = spec(kind="fixed", value=50000, bonus=BONUS)
    assert describe_rule(amount) == "5万元；新纳入战新名录库另加20%"
    assert amount_expressions(amount) == ["is_strategic_emerging"]
    result = compute_amount(amount, {"is_strategic_emerging": True})
    assert result is not None and result.maximum == Decimal(60000)
    assert potential_range(amount) == (Decimal(50000), Decimal(60000))


def test_explained_steps_quote_only_the_measures_own_words(catalog: Catalog) -> None:
    """An explanation may quote the clause, never words it does not have: 金山 政策类第7行 says
    “最高给予100%担保费补贴”, 宝山 17 “视其科技创新能级给予项目总投入30%” — the step for a rate ceiling
    once quoted “视情给予” for both."""
    checked = 0
    for compiled in catalog.measures:
        amount = compiled.measure.amount
        if getattr(amount, "kind", None) != "percent" or not getattr(amount, "up_to", False):
            continue
        answers = {name: Decimal(100_000) for name in amount_fields(amount)}
        result = compute_amount(amount, answers)
        assert result is not None
        assert any("比例上限" in step for step in result.steps), result.steps
        quoted = [q for step in result.steps for q in re.findall(r"“([^”]+)”", step)]
        assert all(q in compiled.measure.excerpt for q in quoted), (compiled.measure.id, quoted)
        checked += 1
    assert checked >= 2  # 金山 7 and 宝山 17 at least
