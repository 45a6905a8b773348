"""The two per-enterprise documents: the 政策体检报告 (a summary) and the 办理清单 (what to do with each letter).

Both are built from the same MatchReport as the letters; the file names of the letters are passed in,
so that the report's table and the checklist name the files that were actually written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from desktop_app.documents.context import (
    AMOUNT_BY_STANDARD,
    PROGRAM_NAME,
    _citation,
    _clause_text,
    capital_range,
    capital_yuan,
    channel_text,
    company_info,
    contact_info,
    kind_for,
    letter_context,
    short_company_name,
)
from desktop_app.documents.context_types import (
    ChecklistContext,
    ChecklistItem,
    ListLine,
    PackNote,
    QuestionLine,
    ReportContext,
    ReportTotals,
    SummaryRow,
)
from desktop_app.domain.amounts import format_range, format_yuan
from desktop_app.domain.matching import MatchReport, MeasureResult, Status, open_questions
from desktop_app.domain.outcomes import unmet_text
from desktop_app.domain.wording import chinese_date, question_label

#: Statuses the report's first table shows: what the enterprise can act on.
SUMMARY_STATUSES = (Status.eligible, Status.needs_check)
INACTIVE_STATUSES = (Status.expired, Status.not_yet_valid, Status.draft)
NO_DOCUMENT = "—"


def _channel_label(result: MeasureResult) -> str:
    """免申即享 / 一网通办 / 直接申请, marked （推定） where the document does not name the channel."""
    kind = result.measure.channel.kind.value
    return kind if result.measure.channel.from_document else f"{kind}（推定）"


def _reason(result: MeasureResult) -> str:
    """The first reason a measure was not met, as 未满足：…, without the clause citation (a short list cites none)."""
    for reason in result.why:
        if reason.not_met and (text := _clause_text(unmet_text(reason))):
            return f"未满足：{text}"
    return "未满足原文条件"


def _document_prefix(report: MatchReport, documents: Mapping[str, str]) -> str:
    """The ``<公司简称>_`` every letter's file name starts with, left out of the report's table (it would take a
    line in every row) and said once under it; empty when the names do not all share it."""
    prefix = f"{short_company_name(report.profile.name or '')}_"
    names = list(documents.values())
    return prefix if len(prefix) > 1 and names and all(n.startswith(prefix) for n in names) else ""


def _summary_row(result: MeasureResult, documents: Mapping[str, str], prefix: str = "") -> SummaryRow:
    name = documents.get(result.measure.id)
    return SummaryRow(
        id=result.measure.id,
        title=result.measure.title,
        status=result.status.label,
        amount=result.amount_text if result.amount is not None else AMOUNT_BY_STANDARD,
        channel=_channel_label(result),
        deadline=result.valid_until.isoformat(),
        document=name.removeprefix(prefix) if name else NO_DOCUMENT,
    )


def _totals(report: MatchReport, shown: Sequence[MeasureResult]) -> ReportTotals:
    counts = report.counts()
    low, high = report.total()
    eligible = report.with_status(Status.eligible)
    has_amount = any(r.amount is not None for r in eligible)
    return ReportTotals(
        checked=len(shown),
        eligible=counts[Status.eligible],
        needs_check=counts[Status.needs_check],
        needs_info=counts[Status.needs_info],
        not_eligible=counts[Status.not_eligible],
        expired=counts[Status.expired],
        not_yet_valid=counts[Status.not_yet_valid],
        draft=counts[Status.draft],
        not_applicable=counts[Status.not_applicable],
        amount=format_range(low, high) if has_amount else "0元",
        capital=capital_range(low, high) if has_amount else f"人民币{capital_yuan(0)}",
        unspecified=sum(1 for r in eligible if r.amount is None),
    )


def _line(result: MeasureResult, text: str) -> ListLine:
    return ListLine(id=result.measure.id, title=result.measure.title, text=text)


def report_context(
    *,
    report: MatchReport,
    user_contacts: Mapping[str, str] | None = None,
    documents: Mapping[str, str] | None = None,
) -> ReportContext:
    """The 政策体检报告: totals and the eligible / 待核实 table first, then questions, then short lists.

    ``documents`` maps a measure id to the file name of its letter. ``user_contacts`` is accepted for
    symmetry with the letters; the report names no phone (the 办理清单 does).
    """
    del user_contacts
    documents = documents or {}
    shown = [r for r in report.results if r.status is not Status.not_applicable]
    by_rank = sorted(shown, key=lambda r: (r.status.rank, r.measure.channel.kind.value, r.measure.id))
    prefix = _document_prefix(report, documents)
    summary = [_summary_row(r, documents, prefix) for r in by_rank if r.status in SUMMARY_STATUSES]
    checks = [
        _line(r, f"{_clause_text(c.text)}（须由{c.confirmer}确认）")
        for r in by_rank
        if r.status is Status.needs_check
        for c in r.unconfirmed_checks
    ]
    pending = [
        _line(r, "待回答：" + "、".join(question_label(n, r.pack.district.value) for n in r.missing))
        for r in by_rank
        if r.status is Status.needs_info
    ]
    inactive = [
        _line(r, f"{r.status.label}（{r.valid_from.isoformat()}至{r.valid_until.isoformat()}）")
        for r in by_rank
        if r.status in INACTIVE_STATUSES
    ]
    district = report.profile.district.value if report.profile.district else None
    questions = [
        QuestionLine(
            label=question_label(q.name, district),
            worth=format_yuan(q.worth) if q.worth > 0 else "",
            count=len(q.measures),
        )
        for q in open_questions(report)
    ]
    sources: dict[str, str] = {}
    notes: dict[str, PackNote] = {}
    for r in sorted(shown, key=lambda r: r.pack.id):
        sources.setdefault(r.pack.id, f"{_citation(r)}，{r.pack.document.issuer}")
        if r.compiled.notes and r.pack.id not in notes:
            notes[r.pack.id] = PackNote(citation=_citation(r), notes=[_clause_text(n) for n in r.compiled.notes])
    return ReportContext(
        company=company_info(report.profile),
        totals=_totals(report, shown),
        summary=summary,
        questions=questions,
        checks=checks,
        pending=pending,
        failed=[_line(r, _reason(r)) for r in by_rank if r.status is Status.not_eligible],
        inactive=inactive,
        readings=[_line(r, _clause_text(r.reading_note)) for r in by_rank if r.reading_note],
        documents=list(sources.values()),
        pack_notes=list(notes.values()),
        document_prefix=prefix,
        date=chinese_date(report.as_of),
        program=PROGRAM_NAME,
    )


def checklist_item(
    report: MatchReport, result: MeasureResult, document: str, *, user_contacts: Mapping[str, str] | None = None
) -> ChecklistItem:
    """One letter's entry: 受理部门, channel (推定 marked), phone, materials, open checks, deadline, file name."""
    letter = letter_context(profile=report.profile, result=result, as_of=report.as_of, user_contacts=user_contacts)
    contact = contact_info(result, user_contacts)
    channel = result.measure.channel
    detail = channel_text(channel.detail)
    checks = [_clause_text(c) for c in result.manual_checks]
    checks += [f"{c.text}（须由{c.confirmer}确认）" for c in letter.open_checks]
    if contact.note:
        checks.append(contact.note)
    return ChecklistItem(
        id=result.measure.id,
        title=result.measure.title,
        kind=kind_for(result.measure).value,
        document=document,
        addressee=letter.addressee,
        channel=detail if detail.startswith(channel.kind.value) else f"{channel.kind.value}：{detail}".rstrip("："),
        channel_inferred=not channel.from_document,
        phone=contact.line,
        amount=letter.amount.figures,
        materials=list(letter.materials),
        checks=checks,
        deadline=chinese_date(result.valid_until),
    )


def checklist_context(
    *,
    report: MatchReport,
    results: Sequence[MeasureResult],
    documents: Mapping[str, str],
    user_contacts: Mapping[str, str] | None = None,
) -> ChecklistContext:
    """The 办理清单: one item per generated letter, in the order the letters were written."""
    items = [
        checklist_item(report, r, documents.get(r.measure.id, NO_DOCUMENT), user_contacts=user_contacts)
        for r in results
    ]
    return ChecklistContext(
        company=company_info(report.profile),
        items=items,
        inferred=sum(1 for item in items if item.channel_inferred),
        date=chinese_date(report.as_of),
        program=PROGRAM_NAME,
    )
