"""Property-based tests over random profiles and the whole shipped catalog (issue 8)."""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from typing import Any, Literal, get_args, get_origin

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import BASIC_FIELDS, EnterpriseProfile

EXAMPLES = settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


def _bounds(metadata: list[Any]) -> tuple[Any, Any]:
    """ge/le bounds from Annotated metadata (pydantic FieldInfo keeps them in its own .metadata)."""
    flat: list[Any] = []
    for meta in metadata:
        flat += [meta, *getattr(meta, "metadata", [])]
    low = next((m.ge for m in flat if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in flat if getattr(m, "le", None) is not None), None)
    return low, high


def _strategy_for(annotation: Any) -> st.SearchStrategy[Any]:
    """A value strategy for one profile field's type (without the None branch)."""
    args = [a for a in get_args(annotation) if a is not type(None)]
    if get_origin(annotation) in (typing.Union, types.UnionType):
        return st.one_of(*(_strategy_for(a) for a in args))
    if get_origin(annotation) is typing.Annotated:
        base, *metadata = get_args(annotation)
        low, high = _bounds(metadata)
        if base is int:
            # Values around the documents' thresholds matter most; include small and large ones.
            return st.one_of(
                st.integers(low or 0, min(high or 10**6, 10**6)),
                st.integers(low or 0, high or 10**12),
                # the thresholds within the field's bounds, chosen up front (a .filter would reject most
                # draws for a small range such as a year or a DCMM level, and fail the health check)
                st.sampled_from(
                    [
                        v
                        for v in (0, 1, 3_000_000, 5_000_000, 20_000_000, 2_000_000_000)
                        if (low is None or v >= low) and (high is None or v <= high)
                    ]
                    or [low or 0]
                ),
            )
        if base is float:
            return st.floats(low or 0, high or 10**7, allow_nan=False, allow_infinity=False)
        if base is str:
            return st.text(max_size=30)
        return _strategy_for(base)
    if get_origin(annotation) is Literal:
        return st.sampled_from(get_args(annotation))
    if get_origin(annotation) is list:
        (item,) = get_args(annotation)
        return st.lists(_strategy_for(item), max_size=4, unique=True)
    if annotation is bool:
        return st.booleans()
    if annotation is int:
        return st.integers(0, 10**9)
    if (
        isinstance(annotation, type)
        and issubclass(annotation, typing.SupportsInt) is False
        and issubclass(annotation, enum.Enum)
    ):
        return st.sampled_from(list(annotation))
    if annotation is dt.date:
        return st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31))
    if annotation is str:
        return st.text(max_size=30)
    raise NotImplementedError(f"no strategy for {annotation!r}")


ANSWER_STRATEGIES = {
    name: st.one_of(st.none(), _strategy_for(info.annotation))
    for name, info in EnterpriseProfile.model_fields.items()
    if name not in (*BASIC_FIELDS, "schema_version")
}


@st.composite
def profiles(draw: st.DrawFn) -> EnterpriseProfile:
    answers = {name: draw(strategy) for name, strategy in ANSWER_STRATEGIES.items()}
    district = draw(st.sampled_from(["qingpu", "jiading", "baoshan", "jinshan", None]))
    return EnterpriseProfile(name="测试企业", district=district, **answers)


dates = st.dates(dt.date(2022, 1, 1), dt.date(2027, 12, 31))


def test_strategies_cover_every_answer_field() -> None:
    """The generator answers every field an expression may read, so the properties reach every criterion."""
    from desktop_app.domain.profile import ANSWER_FIELDS

    assert ANSWER_FIELDS - {"district"} <= set(ANSWER_STRATEGIES)


@EXAMPLES
@given(profile=profiles(), as_of=dates)
def test_matching_never_raises_and_amounts_are_ordered(
    catalog: Catalog, profile: EnterpriseProfile, as_of: dt.date
) -> None:
    """Matching any profile on any date returns every measure once, each amount with 0 ≤ min ≤ max."""
    report = match(profile, catalog, as_of=as_of)
    assert len(report.results) == len(catalog.measures)
    for r in report.results:
        if r.amount is not None:
            assert r.amount.minimum >= 0
            assert r.amount.maximum is None or r.amount.minimum <= r.amount.maximum
    low, high = report.total()
    assert low >= 0 and (high is None or low <= high)


@EXAMPLES
@given(profile=profiles(), as_of=dates)
def test_status_invariants(catalog: Catalog, profile: EnterpriseProfile, as_of: dt.date) -> None:
    """eligible has no failed or unknown criterion; needs_info names a question; not_eligible names a failure."""
    for r in match(profile, catalog, as_of=as_of).results:
        states = {c.state for c in r.criteria}
        if r.status is Status.eligible:
            assert states <= {"held"}, r.measure.id
            assert not r.missing
        elif r.status is Status.needs_info:
            assert r.missing, r.measure.id
        elif r.status is Status.not_eligible:
            # a failed criterion, or a money measure that comes to 0元 (tiers not reached, a shared cap used up)
            zero = r.amount is not None and r.amount.maximum == 0
            assert "failed" in states or zero, r.measure.id


@EXAMPLES
@given(profile=profiles(), other=profiles(), as_of=dates, data=st.data())
def test_not_eligible_is_stable_under_unrelated_changes(
    catalog: Catalog, profile: EnterpriseProfile, other: EnterpriseProfile, as_of: dt.date, data: st.DataObject
) -> None:
    """A not_eligible verdict never flips to eligible when answers the failing criterion does not read change."""
    report = match(profile, catalog, as_of=as_of)
    by_id = catalog.by_id()
    for r in report.results:
        if r.status is not Status.not_eligible:
            continue
        failed = next((c for c in r.criteria if c.state == "failed"), None)
        if failed is None:
            continue  # not eligible because the amount comes to 0元, not because of a criterion
        read = next(c.fields for c in by_id[r.measure.id].criteria if c.id == failed.id)
        changed_fields = data.draw(st.sets(st.sampled_from(sorted(ANSWER_STRATEGIES))), label="fields")
        changes = {f: getattr(other, f) for f in changed_fields if f not in read}
        changed = profile.model_copy(update=changes)
        again = next(x for x in match(changed, catalog, as_of=as_of).results if x.measure.id == r.measure.id)
        assert again.status is not Status.eligible, (r.measure.id, changes)
        break  # one measure per example keeps 1,000 examples fast; hypothesis varies which one


@pytest.mark.parametrize("district", ["qingpu", "jiading", "baoshan", "jinshan"])
def test_empty_profile_rules_nothing_out(catalog: Catalog, district: str) -> None:
    """With no answers beyond the district, no measure of that district is not_eligible: unknown is not zero."""
    report = match(EnterpriseProfile(district=district), catalog, as_of=dt.date(2023, 6, 1))
    for r in report.results:
        if r.pack.district.value == district:
            assert r.status is not Status.not_eligible, (r.measure.id, r.reasons)
