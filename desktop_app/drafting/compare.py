"""Compare a drafted pack with a reviewed one: clause, amount, end-date and phone recall (for tests and bench)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from desktop_app.domain.catalog import normalise
from desktop_app.domain.policy import MEASURE_ID, PolicyPack

_FAMILY = {"lookup": "graded", "tiers": "graded"}


@dataclass(slots=True)
class Recall:
    """Found / total for one figure, with what was missed (measure ids of the reviewed pack)."""

    found: int = 0
    total: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.found / self.total if self.total else 1.0

    def count(self, ok: bool, what: str) -> None:
        self.total += 1
        self.found += ok
        if not ok:
            self.missed.append(what)


@dataclass(slots=True)
class Comparison:
    clauses: Recall
    amounts: Recall
    dates: Recall
    phones: Recall
    invented_phones: list[str]
    bad_excerpts: list[str]


def clause_of(measure_id: str) -> str:
    m = MEASURE_ID.match(measure_id)
    return m.group(3) if m else measure_id


def _d(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value)).normalize()


def figures(amount: dict[str, Any]) -> tuple[Any, ...]:
    """The kind (tiers and lookup are one: an amount per level) and the figures that define the amount."""
    kind = amount["kind"]
    if kind == "fixed":
        numbers: tuple[Any, ...] = (_d(amount["value"]),)
    elif kind in ("per_unit",):
        numbers = (_d(amount["rate"]), _d(amount.get("cap")))
    elif kind == "percent":
        numbers = (_d(amount["rate"]), _d(amount.get("cap")), bool(amount.get("up_to")))
    elif kind == "tiers":
        numbers = tuple(sorted(Decimal(str(t["amount"])) for t in amount["tiers"]))
    elif kind == "lookup":
        numbers = tuple(sorted(Decimal(str(v)) for v in amount["table"].values()))
    elif kind == "match":
        numbers = (_d(amount["ratio"]), _d(amount.get("cap")))
    elif kind == "at_least":
        numbers = (_d(amount["min"]),)
    elif kind == "up_to":
        numbers = (_d(amount["max"]),)
    elif kind == "range":
        numbers = (_d(amount["min"]), _d(amount["max"]))
    elif kind == "formula":
        numbers = (amount["min"], amount.get("max"))
    else:
        numbers = ()
    return (_FAMILY.get(kind, kind), *numbers)


def _overlap(a: str, b: str, size: int = 12) -> bool:
    a, b = normalise(a), normalise(b)
    if a in b or b in a:
        return True
    return any(a[i : i + size] in b for i in range(0, max(1, len(a) - size + 1)))


def _phones(text: str | None) -> set[str]:
    return {re.sub(r"\D", "", p) for p in re.split(r"[、，,\s]+", text or "") if p}


def compare(drafted: list[dict[str, Any]], shipped: PolicyPack, source_text: str) -> Comparison:
    """How much of the reviewed ``shipped`` pack the ``drafted`` measures (plain YAML dicts) recover."""
    by_clause: dict[str, list[dict[str, Any]]] = {}
    for entry in drafted:
        by_clause.setdefault(clause_of(entry["id"]), []).append(entry)
    clauses, amounts, dates, phones = Recall(), Recall(), Recall(), Recall()
    for cid in dict.fromkeys(clause_of(m.id) for m in shipped.measures):
        clauses.count(cid in by_clause, cid)
    for m in shipped.measures:
        candidates = [d for d in by_clause.get(clause_of(m.id), []) if _overlap(d["excerpt"], m.excerpt)]
        if m.amount.kind != "none":
            want = figures(m.amount.model_dump(mode="json"))
            amounts.count(any(figures(d["amount"]) == want for d in candidates), m.id)
        if m.validity and m.validity.valid_until:
            until = m.validity.valid_until
            dates.count(any((d.get("validity") or {}).get("valid_until") == until for d in candidates), m.id)
        if m.contact.phone and m.contact.phone_source == "document":
            want_phones = _phones(m.contact.phone)
            phones.count(any(_phones(d["contact"].get("phone")) == want_phones for d in candidates), m.id)
    digits = re.sub(r"\D", "", source_text)
    invented = [f"{d['id']}：{p}" for d in drafted for p in _phones(d["contact"].get("phone")) if p not in digits]
    flat = normalise(source_text)
    bad = [d["id"] for d in drafted if normalise(d["excerpt"]) not in flat]
    return Comparison(clauses, amounts, dates, phones, invented, bad)
