"""Plain-JSON views of measures and match reports (the shape documented in docs/cli.md)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from desktop_app.domain.catalog import CompiledMeasure
from desktop_app.domain.matching import MatchReport, MeasureResult
from desktop_app.domain.phones import resolve_contact
from desktop_app.domain.policy import PolicyPack


def number(value: Decimal | None) -> int | float | None:
    """A yuan amount as a JSON number: an int when whole."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def document_dict(pack: PolicyPack) -> dict[str, Any]:
    doc = pack.document
    return {
        "title": doc.title,
        "number": doc.number,
        "issuer": doc.issuer,
        "date": doc.date.isoformat() if doc.date else None,
    }


def measure_dict(compiled: CompiledMeasure) -> dict[str, Any]:
    """Every field of a measure, for `catalog --json`."""
    pack, measure = compiled.pack, compiled.measure
    start, end = pack.validity_of(measure)
    data = measure.model_dump(mode="json")
    data.update(
        district=pack.district.value,
        pack=pack.id,
        source={**document_dict(pack), "clause": measure.clause, "excerpt": measure.excerpt},
        validity={
            "from": start.isoformat(),
            "until": end.isoformat(),
            "excerpt": (
                measure.validity.excerpt if measure.validity and measure.validity.excerpt else pack.validity_excerpt
            ),
        },
        manual_checks=[*measure.manual_checks, *pack.notes],
    )
    return data


def result_dict(result: MeasureResult, user_contacts: Mapping[str, str] | None = None) -> dict[str, Any]:
    measure, pack = result.measure, result.pack
    amount = result.amount
    contact = resolve_contact(measure, pack.district, user_contacts)
    return {
        "id": measure.id,
        "title": measure.title,
        "district": pack.district.value,
        "document": pack.document.title,
        "clause": result.compiled.measure.clause_id,
        "status": result.status.value,
        "status_label": result.status.label,
        "channel": {
            "kind": measure.channel.kind.value,
            "detail": measure.channel.detail,
            "from_document": measure.channel.from_document,
        },
        "contact": {
            "unit": contact.units,
            "phone": contact.phone,
            "phone_source": contact.source,
            "hotline": contact.hotline,
        },
        "amount": None
        if amount is None
        else {
            "min": number(amount.minimum),
            "max": number(amount.maximum),
            "basis": amount.basis,
        },
        "reasons": list(result.reasons),
        "missing": list(result.missing),
        "manual_checks": list(result.manual_checks),
        "open_checks": [
            {"key": c.key, "text": c.text, "confirmer": c.confirmer, "confirmed": c.confirmed}
            for c in result.open_checks
        ],
        "reading_note": result.reading_note,
        "valid_from": result.valid_from.isoformat(),
        "valid_until": result.valid_until.isoformat(),
    }


def report_dict(report: MatchReport, user_contacts: Mapping[str, str] | None = None) -> dict[str, Any]:
    profile = report.profile
    return {
        "as_of": report.as_of.isoformat(),
        "profile": {"name": profile.name, "district": profile.district.value if profile.district else None},
        "measures": [result_dict(r, user_contacts) for r in report.results],
    }
