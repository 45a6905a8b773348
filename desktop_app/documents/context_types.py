"""The template context's types: what a letter template can say, field by field (docs/templates.md).

Every value a template sees is a string, a bool, a number or a list of them, held in the frozen
dataclasses below; the template checker (check.py) reads their fields to know which names exist.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

# --- the context, field by field (docs/templates.md describes each) -------------------------------


@dataclass(frozen=True, slots=True)
class CompanyInfo:
    name: str
    short_name: str
    credit_code: str
    address: str
    legal_representative: str
    district: str
    contact_person: str
    contact_phone: str
    bank_name: str
    bank_account: str


@dataclass(frozen=True, slots=True)
class PolicyInfo:
    title: str
    number: str
    issuer: str
    date: str
    citation: str


@dataclass(frozen=True, slots=True)
class ChannelInfo:
    kind: str
    detail: str
    from_document: bool
    note: str


@dataclass(frozen=True, slots=True)
class ContactInfo:
    units: str
    phone: str
    phone_known: bool
    phone_note: str
    user_entered: bool
    note: str
    hotline: str
    line: str


@dataclass(frozen=True, slots=True)
class AmountInfo:
    known: bool
    fixed: bool
    figures: str
    capital: str
    request: str
    basis: str
    steps: list[str]


@dataclass(frozen=True, slots=True)
class MeasureInfo:
    id: str
    title: str
    summary: str
    clause: str
    excerpt: str
    quote: str
    status: str
    valid_from: str
    valid_until: str
    validity: str


@dataclass(frozen=True, slots=True)
class Fact:
    text: str
    detail: str


@dataclass(frozen=True, slots=True)
class Confirmation:
    text: str
    confirmer: str


@dataclass(frozen=True, slots=True)
class LetterContext:
    """The context of 申请书, 办理指引 and 告知书: one enterprise, one eligible measure."""

    company: CompanyInfo
    measure: MeasureInfo
    policy: PolicyInfo
    channel: ChannelInfo
    contact: ContactInfo
    amount: AmountInfo
    facts: list[Fact]
    confirmations: list[Confirmation]
    materials: list[str]
    manual_checks: list[str]
    open_checks: list[Confirmation]
    addressee: str
    date: str
    program: str

    def as_mapping(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """One eligible or 待核实 measure in the report's first table."""

    id: str
    title: str
    status: str
    amount: str
    channel: str
    deadline: str
    document: str


@dataclass(frozen=True, slots=True)
class ListLine:
    """One line of a short list: a measure and what is to be said about it."""

    id: str
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class ReportTotals:
    checked: int
    eligible: int
    needs_check: int
    needs_info: int
    not_eligible: int
    expired: int
    not_yet_valid: int
    draft: int
    not_applicable: int
    amount: str
    capital: str
    unspecified: int


@dataclass(frozen=True, slots=True)
class QuestionLine:
    """One open question in the report: its wording, the most it could be worth, how many measures it affects."""

    label: str
    worth: str
    count: int


@dataclass(frozen=True, slots=True)
class PackNote:
    citation: str
    notes: list[str]


@dataclass(frozen=True, slots=True)
class ReportContext:
    """The context of the 政策体检报告: one enterprise, every measure of its district, as a summary."""

    company: CompanyInfo
    totals: ReportTotals
    summary: list[SummaryRow]
    questions: list[QuestionLine]
    checks: list[ListLine]
    pending: list[ListLine]
    failed: list[ListLine]
    inactive: list[ListLine]
    readings: list[ListLine]
    documents: list[str]
    pack_notes: list[PackNote]
    #: What every name in the table's 文书文件名 column starts with (``<公司简称>_``), said once under it.
    document_prefix: str
    date: str
    program: str

    def as_mapping(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    """What to do with one generated letter: where it goes, how, whom to call, what to prepare and check."""

    id: str
    title: str
    kind: str
    document: str
    addressee: str
    channel: str
    channel_inferred: bool
    phone: str
    amount: str
    materials: list[str]
    checks: list[str]
    deadline: str


@dataclass(frozen=True, slots=True)
class ChecklistContext:
    """The context of the 办理清单: one enterprise, one item per generated letter."""

    company: CompanyInfo
    items: list[ChecklistItem]
    inferred: int
    date: str
    program: str

    def as_mapping(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
