"""Helpers shared by the pack tests: find one measure's verdict in a match report."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import MeasureResult, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.conftest import AS_OF


def result_for(
    catalog: Catalog,
    measure_id: str,
    profile: EnterpriseProfile | None = None,
    *,
    as_of: dt.date = AS_OF,
    **answers: Any,
) -> MeasureResult:
    """The verdict on ``measure_id`` (cross-measure rules applied) for ``profile``, or for a profile built from
    ``answers``; the measure must be listed exactly once."""
    if profile is None:
        profile = EnterpriseProfile(**answers)
    else:
        assert not answers, f"give a profile or answers, not both: {sorted(answers)}"
    report = match(profile, catalog, as_of=as_of)
    found = [r for r in report.results if r.measure.id == measure_id]
    assert len(found) == 1, f"{measure_id} should be listed exactly once"
    return found[0]


def failed_ids(result: MeasureResult) -> list[str]:
    """The ids of the criteria that failed."""
    return [c.id for c in result.criteria if c.state == "failed"]
