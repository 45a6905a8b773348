"""Plain-JSON and display views of workspace values (the shapes `workspace … --json` prints)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from desktop_app.workspace.models import Deadline, Enterprise, EnterpriseRow, LedgerEvent, OpenMeasure, Summary


def _number(value: Decimal | None) -> int | float | None:
    """As domain.serialize.number (a test checks they agree), without importing the engine for `list`."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def district_label(value: str | None) -> str:
    from desktop_app.domain.profile import DISTRICT_LABELS

    return DISTRICT_LABELS.get(value, value) if value else "（未填写）"


def status_label(value: str) -> str:
    from desktop_app.domain.matching import Status

    try:
        return Status(value).label
    except ValueError:  # a summary cached by an older engine: show the stored value
        return value


def amount_text(summary: Summary | None) -> str:
    """The eligible total for people: 20万元, 2万元～5万元, 6000元起 (open maximum)."""
    if summary is None:
        return "未匹配"
    from desktop_app.domain.amounts import format_range, format_yuan

    if summary.open_max:
        return f"{format_yuan(summary.total_min)}起（部分措施不设上限）"
    if summary.total_max is None or (summary.total_max == 0 and summary.total_min == 0):
        return "—"
    return format_range(summary.total_min, summary.total_max)


def measure_dict(m: OpenMeasure) -> dict[str, Any]:
    return {
        "id": m.measure_id,
        "title": m.title,
        "status": m.status,
        "valid_until": _date(m.valid_until),
        "channel": m.channel,
        "amount": None if m.amount_min is None else {"min": _number(m.amount_min), "max": _number(m.amount_max)},
    }


def summary_dict(s: Summary | None, *, measures: bool = False) -> dict[str, Any] | None:
    if s is None:
        return None
    out: dict[str, Any] = {
        "as_of": _date(s.as_of),
        "counts": dict(s.counts),
        "amount": {"min": _number(s.total_min), "max": None if s.open_max else _number(s.total_max)},
        "nearest_deadline": _date(s.nearest_deadline),
    }
    if measures:
        out["open_measures"] = [measure_dict(m) for m in s.measures]
    return out


def _identity(e: EnterpriseRow | Enterprise) -> dict[str, Any]:
    """The keys every enterprise object starts with in the JSON shapes (docs/cli.md)."""
    return {"number": e.id, "name": e.name, "credit_code": e.credit_code, "district": e.district}


def row_dict(row: EnterpriseRow) -> dict[str, Any]:
    return {
        **_identity(row),
        **(summary_dict(row.summary) or {"as_of": None, "counts": None, "amount": None, "nearest_deadline": None}),
        "ledger": dict(row.ledger),
    }


def event_dict(e: LedgerEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "enterprise": e.enterprise_id,
        "measure": e.measure_id,
        "state": e.state.value,
        "date": _date(e.date),
        "amount": _number(e.amount),
        "note": e.note,
        "who": e.who,
        "files": list(e.files),
        "recorded_at": e.recorded_at,
    }


def enterprise_dict(e: Enterprise) -> dict[str, Any]:
    return {
        **_identity(e),
        "created_at": e.created_at,
        "updated_at": e.updated_at,
        "profile": e.profile.model_dump(mode="json", exclude_none=True),
    }


def deadline_dict(d: Deadline) -> dict[str, Any]:
    return {
        "enterprise": d.enterprise_id,
        "name": d.enterprise_name,
        **measure_dict(d.measure),
        "days_left": d.days_left,
        "ledger_state": None if d.ledger_state is None else d.ledger_state.value,
    }
