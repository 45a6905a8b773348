"""Helpers shared by the pack tests: a catalog of one inline test pack; one measure's verdict in a report."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from desktop_app.domain.catalog import Catalog, load_catalog
from desktop_app.domain.matching import MeasureResult, Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.conftest import AS_OF


def green_awards(prefix: str = "baoshan-2023", *, from_document: bool = False) -> str:
    """Two 30万 fixed awards, ``<prefix>-2a`` 绿色供应链 and ``<prefix>-2b`` 绿色产品, as the measure entries of
    an inline pack (indented for ``textwrap.dedent`` under ``measures:``): the pair the cap-rule tests share."""
    return "".join(
        f"""
      - id: {prefix}-{key}
        title: {title}
        summary: 测试
        clause: "2"
        excerpt: {title}奖励测试
        criteria: [{{id: {cid}, label: 认定{title}, expr: "'{value}' in green_national"}}]
        amount: {{kind: fixed, value: 300000}}
        channel: {{kind: 直接申请, detail: 向区经委申请, from_document: {str(from_document).lower()}}}
        contact: {{units: [区经委]}}"""
        for key, title, cid, value in (("2a", "绿色供应链", "sc", "supply_chain"), ("2b", "绿色产品", "pr", "product"))
    )


def catalog_of(folder: Path, pack_text: str, name: str = "test.yaml") -> Catalog:
    """A catalog of only this pack (no shipped pack can interfere), written into ``folder``; it must load clean."""
    path = folder / name
    path.write_text(pack_text, encoding="utf-8")
    loaded = load_catalog([path], shipped=False)
    assert loaded.problems == [], loaded.problems
    return loaded


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


def status_on_each_side(
    catalog: Catalog, measure_id: str, profile: EnterpriseProfile, first: dt.date, last: dt.date
) -> list[Status]:
    """The status on the day before ``first``, on ``first``, on ``last`` and on the day after ``last``: for a
    measure the profile qualifies for, ``[not_yet_valid, eligible, eligible, expired]``."""
    day = dt.timedelta(days=1)
    days = (first - day, first, last, last + day)
    return [result_for(catalog, measure_id, profile, as_of=when).status for when in days]


IN_FORCE_FROM_FIRST_TO_LAST = [Status.not_yet_valid, Status.eligible, Status.eligible, Status.expired]


def status_by_year(
    catalog: Catalog, measure_id: str, answers: dict[str, Any], year_field: str, years: tuple[int, ...]
) -> dict[int | None, Status]:
    """The status when ``year_field`` (首次 / 新认定 … in which year) is each of ``years``, and unanswered (None)."""
    out: dict[int | None, Status] = {}
    for year in (*years, None):
        out[year] = result_for(catalog, measure_id, **{**answers, year_field: year}).status
    return out
