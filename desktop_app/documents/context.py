"""The template context: what a letter template can say, built from the profile and one MeasureResult.

Every value a template sees is a string, a bool, a number or a list of them, held in the frozen
dataclasses below; their fields *are* the documented context (docs/templates.md), and the template
checker (check.py) reads them to know which names and attributes exist. Nothing secret goes in here:
the sandbox protects attributes, not data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum
from typing import Any

from desktop_app.domain.amounts import UNSPECIFIED_NOTE, AmountResult, describe_rule, format_range, format_yuan
from desktop_app.domain.matching import MatchReport, MeasureResult, Status, open_questions
from desktop_app.domain.phones import receiving_unit, resolve_contact
from desktop_app.domain.policy import Measure
from desktop_app.domain.profile import DISTRICT_LABELS, EnterpriseProfile, field_title, field_unit

#: What a letter shows where a fact is not known: a line to fill in by hand, never a made-up value.
BLANK = "________"
PROGRAM_NAME = "惠企政策申报助手"

#: Report groups, in the order the report shows them (the same order as `match`).
CHANNEL_GROUPS = (
    ("免申即享", "免申即享（无需申请）"),
    ("一网通办", "一网通办（网上申请）"),
    ("直接申请", "直接申请（向受理部门提交）"),
)

PHONE_NOTES = {
    "document": "",
    "hotline": "（公共服务热线）",
    "user": "（用户填写，非政策原文所载）",
    None: "（政策原文未载联系电话，请向受理部门核实后填写）",
}
_COMPANY_PREFIXES = ("上海市", "上海")
_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "责任公司", "公司")
_CITED = re.compile(r"（《[^》]*》[^（）]*）$")


class DocumentKind(str, Enum):
    """The four kinds of output; the value is the Chinese name used in file names and messages."""

    application = "申请书"
    online_guide = "办理指引"
    notice = "告知书"
    report = "体检报告"

    @property
    def template_name(self) -> str:
        """The template file for this kind, in templates/ or a user's own template folder."""
        return f"{self.value}.docx"


#: Which letter each channel gets, unless the measure's channel names its own (``Channel.letter``).
KIND_FOR_CHANNEL = {
    "直接申请": DocumentKind.application,
    "一网通办": DocumentKind.online_guide,
    "免申即享": DocumentKind.notice,
}


def kind_for(measure: Measure) -> DocumentKind:
    """The document to draft for a measure: its channel's, or the one the pack names (tax relief → 办理指引)."""
    channel = measure.channel
    return DocumentKind(channel.letter) if channel.letter else KIND_FOR_CHANNEL[channel.kind.value]


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


@dataclass(frozen=True, slots=True)
class AmountInfo:
    known: bool
    figures: str
    capital: str
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
class LetterContext:
    """The context of 申请书, 办理指引 and 告知书: one enterprise, one eligible measure."""

    company: CompanyInfo
    measure: MeasureInfo
    policy: PolicyInfo
    channel: ChannelInfo
    contact: ContactInfo
    amount: AmountInfo
    facts: list[Fact]
    materials: list[str]
    manual_checks: list[str]
    addressee: str
    date: str
    program: str

    def as_mapping(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


@dataclass(frozen=True, slots=True)
class ReportRow:
    id: str
    title: str
    clause: str
    document: str
    status: str
    amount: str
    units: str
    phone: str
    phone_note: str
    validity: str
    questions: list[str]
    checks: list[str]
    reasons: list[str]
    channel_note: str
    remarks: str


@dataclass(frozen=True, slots=True)
class ReportGroup:
    kind: str
    heading: str
    count: int
    rows: list[ReportRow]


@dataclass(frozen=True, slots=True)
class ReportTotals:
    checked: int
    eligible: int
    needs_info: int
    not_eligible: int
    expired: int
    not_applicable: int
    amount: str
    capital: str
    unspecified: int


@dataclass(frozen=True, slots=True)
class OpenQuestion:
    label: str
    worth: str
    count: int


@dataclass(frozen=True, slots=True)
class PackNote:
    citation: str
    notes: list[str]


@dataclass(frozen=True, slots=True)
class ReportContext:
    """The context of the 政策体检报告: one enterprise, every measure of its district."""

    company: CompanyInfo
    groups: list[ReportGroup]
    totals: ReportTotals
    questions: list[OpenQuestion]
    documents: list[str]
    pack_notes: list[PackNote]
    date: str
    program: str

    def as_mapping(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}


CONTEXT_TYPES: Mapping[DocumentKind, type] = {
    DocumentKind.application: LetterContext,
    DocumentKind.online_guide: LetterContext,
    DocumentKind.notice: LetterContext,
    DocumentKind.report: ReportContext,
}


# --- formatting helpers ----------------------------------------------------------------------------


def chinese_date(day: dt.date) -> str:
    """2023年6月1日."""
    return f"{day.year}年{day.month}月{day.day}日"


def capital_yuan(amount: Decimal | int | float) -> str:
    """人民币大写: 20000 -> 贰万元整 (rounded half-up to the fen first; cn2an truncates)."""
    import cn2an

    value = Decimal(str(amount)).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return str(cn2an.an2cn(str(value), "rmb"))


def capital_range(minimum: Decimal, maximum: Decimal | None) -> str:
    """The 大写 twin of :func:`format_range`: 人民币陆仟元整, 不低于人民币壹拾万元整, 最高人民币壹佰万元整."""
    if maximum is None:
        return f"不低于人民币{capital_yuan(minimum)}"
    if minimum == maximum:
        return f"人民币{capital_yuan(minimum)}"
    if minimum == 0:
        return f"最高人民币{capital_yuan(maximum)}"
    return f"人民币{capital_yuan(minimum).removesuffix('整')}至{capital_yuan(maximum)}"


def short_company_name(name: str) -> str:
    """The 公司简称 for file names: 上海金山精密机械有限公司 -> 金山精密机械 (the full name if nothing is left)."""
    short = name.strip()
    for prefix in _COMPANY_PREFIXES:
        if short.startswith(prefix) and len(short) > len(prefix):
            short = short[len(prefix) :]
            break
    for suffix in _COMPANY_SUFFIXES:  # longest first: only the company form itself goes
        if short.endswith(suffix):
            short = short[: -len(suffix)] if len(short) > len(suffix) else short
            break
    return short.strip() or name.strip()


def _or_blank(value: object) -> str:
    return BLANK if value is None or str(value).strip() == "" else str(value)


def _sentence(text: str) -> str:
    """The excerpt as a quotation: inner “ ” become ‘ ’, and it ends with 。 (or its own ！？)."""
    text = text.strip().rstrip("；;，,、 ").replace("“", "‘").replace("”", "’")
    return text if text.endswith(("。", "！", "？", "…")) else f"{text}。"


def _clause_text(text: str) -> str:
    return text.strip().rstrip("。；;，,、 ")


def _citation(result: MeasureResult) -> str:
    doc = result.pack.document
    return f"《{doc.title}》" + (f"（{doc.number}）" if doc.number else "")


def _value_text(name: str, value: Any) -> str:
    """A profile answer as a person reads it: 3人, 20万元, 是, 市级“专精特新”中小企业."""
    from desktop_app.domain.questionnaire import load_questionnaire

    question = load_questionnaire().question(name)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_value_text(name, item) for item in value) or "无"
    if isinstance(value, dt.date):
        return chinese_date(value)
    if question is not None and question.options:
        return question.option_label(value)
    if name == "district" and isinstance(value, str | Enum):
        key = value.value if isinstance(value, Enum) else value
        return DISTRICT_LABELS.get(str(key), str(key))
    unit = field_unit(name) or (question.unit if question is not None else None)
    if isinstance(value, int | float | Decimal):
        if unit == "元":
            return format_yuan(value)
        return f"{value:g}{unit or ''}" if isinstance(value, float) else f"{value}{unit or ''}"
    return str(value)


def _question_label(name: str) -> str:
    from desktop_app.domain.questionnaire import load_questionnaire

    question = load_questionnaire().question(name)
    return question.label if question is not None else field_title(name)


# --- building the context --------------------------------------------------------------------------


def company_info(profile: EnterpriseProfile) -> CompanyInfo:
    name = profile.name or BLANK
    return CompanyInfo(
        name=name,
        short_name=short_company_name(profile.name) if profile.name else BLANK,
        credit_code=_or_blank(profile.credit_code),
        address=_or_blank(profile.address),
        legal_representative=_or_blank(profile.legal_representative),
        district=profile.district.label if profile.district else BLANK,
        contact_person=_or_blank(profile.contact_person),
        contact_phone=_or_blank(profile.contact_phone),
    )


def contact_info(result: MeasureResult, user_contacts: Mapping[str, str] | None = None) -> ContactInfo:
    """The responsible units and the phone to call: the document's, a hotline, the user's own, or a blank line."""
    contact = result.measure.contact
    resolved = resolve_contact(result.measure, result.pack.district, user_contacts)
    source = None if resolved.source == "none" else resolved.source
    return ContactInfo(
        units=resolved.units,
        phone=resolved.phone or BLANK,
        phone_known=resolved.phone is not None,
        phone_note=PHONE_NOTES[source],
        user_entered=source == "user",
        note=contact.note or "",
    )


def amount_info(result: MeasureResult) -> AmountInfo:
    """The amount in figures and in 大写, or the document's own words where it gives no figure."""
    amount: AmountResult | None = result.amount
    if amount is None:
        note = result.measure.amount.note
        text = (
            f"{_clause_text(note)}，{UNSPECIFIED_NOTE}" if note and UNSPECIFIED_NOTE not in note else UNSPECIFIED_NOTE
        )
        return AmountInfo(known=False, figures=text, capital=text, basis=describe_rule(result.measure.amount), steps=[])
    return AmountInfo(
        known=True,
        figures=format_range(amount.minimum, amount.maximum),
        capital=capital_range(amount.minimum, amount.maximum),
        basis=amount.basis,
        steps=list(amount.steps),
    )


def _facts(result: MeasureResult) -> list[Fact]:
    facts = []
    for outcome in result.criteria:
        if outcome.state != "held" or outcome.confirmed:
            continue
        # A "yes" restates the condition itself; figures and choices are the facts worth quoting. For any_of,
        # ``facts`` holds only the alternatives that held, never the one that was false.
        detail = "；".join(
            f"{_question_label(name)}：{_value_text(name, value)}"
            for name, value in outcome.facts.items()
            if value is not None and value is not True
        )
        facts.append(Fact(text=_clause_text(outcome.label), detail=detail))
    return facts


def _addressee(result: MeasureResult, contact: ContactInfo) -> str:
    """Where the application goes: the unit the channel names (向金山区经委申请), else the responsible units."""
    return receiving_unit(result.measure, result.pack.district)


def channel_note(result: MeasureResult, units: str) -> str:
    if result.measure.channel.from_document:
        return ""
    return f"政策原文未写明办理渠道，此渠道为本程序的推定，办理前请先向{units}核实。"


def letter_context(
    *,
    profile: EnterpriseProfile,
    result: MeasureResult,
    as_of: dt.date,
    user_contacts: Mapping[str, str] | None = None,
) -> LetterContext:
    """The context of one measure's letter (申请书, 办理指引 or 告知书)."""
    measure, doc = result.measure, result.pack.document
    contact = contact_info(result, user_contacts)
    return LetterContext(
        company=company_info(profile),
        measure=MeasureInfo(
            id=measure.id,
            title=measure.title,
            summary=measure.summary,
            clause=measure.clause,
            excerpt=measure.excerpt,
            quote=_sentence(measure.excerpt),
            status=result.status.label,
            valid_from=chinese_date(result.valid_from),
            valid_until=chinese_date(result.valid_until),
            validity=f"{chinese_date(result.valid_from)}至{chinese_date(result.valid_until)}",
        ),
        policy=PolicyInfo(
            title=doc.title,
            number=doc.number or "",
            issuer=doc.issuer,
            date=chinese_date(doc.date) if doc.date else "",
            citation=_citation(result),
        ),
        channel=ChannelInfo(
            kind=measure.channel.kind.value,
            detail=_clause_text(measure.channel.detail),
            from_document=measure.channel.from_document,
            note=channel_note(result, contact.units),
        ),
        contact=contact,
        amount=amount_info(result),
        facts=_facts(result),
        materials=[_clause_text(m) for m in measure.materials],
        manual_checks=[_clause_text(c) for c in result.manual_checks],
        addressee=_addressee(result, contact),
        date=chinese_date(as_of),
        program=PROGRAM_NAME,
    )


def _report_amount(result: MeasureResult) -> str:
    if result.status in (Status.eligible, Status.needs_info, Status.expired):
        return result.amount_text
    return describe_rule(result.measure.amount)


def _report_row(result: MeasureResult, user_contacts: Mapping[str, str] | None) -> ReportRow:
    contact = contact_info(result, user_contacts)
    questions = [_question_label(name) for name in result.missing]
    checks = [_clause_text(c) for c in result.measure.manual_checks]
    # The engine cites the clause in each reason; the row shows the clause already.
    reasons = [] if result.status is Status.eligible else [_CITED.sub("", r) for r in result.reasons if r]
    if result.status is Status.needs_info:
        reasons = []  # the unanswered questions say it better
    note = channel_note(result, contact.units)
    remarks = [*(f"待回答：{q}" for q in questions), *reasons, *(f"请核对：{c}" for c in checks)]
    if note:
        remarks.append(note)
    return ReportRow(
        id=result.measure.id,
        title=result.measure.title,
        clause=result.measure.clause,
        document=_citation(result),
        status=result.status.label,
        amount=_report_amount(result),
        units=contact.units,
        phone=contact.phone,
        phone_note=contact.phone_note,
        validity=f"{result.valid_from.isoformat()}\n至{result.valid_until.isoformat()}",
        questions=questions,
        checks=checks,
        reasons=reasons,
        channel_note=note,
        remarks="\n".join(remarks) or "—",
    )


def report_context(*, report: MatchReport, user_contacts: Mapping[str, str] | None = None) -> ReportContext:
    """The context of the 政策体检报告: every measure that concerns the enterprise, grouped by channel."""
    shown = [r for r in report.results if r.status is not Status.not_applicable]
    groups = []
    for kind, heading in CHANNEL_GROUPS:
        members = [r for r in shown if r.measure.channel.kind.value == kind]
        if not members:
            continue
        members.sort(key=lambda r: (r.status.rank, r.measure.id))
        rows = [_report_row(r, user_contacts) for r in members]
        groups.append(ReportGroup(kind=kind, heading=heading, count=len(rows), rows=rows))
    counts = report.counts()
    low, high = report.total()
    eligible = report.with_status(Status.eligible)
    has_amount = any(r.amount is not None for r in eligible)
    questions = [
        OpenQuestion(label=_question_label(name), worth=format_yuan(worth) if worth > 0 else "", count=len(ids))
        for name, worth, ids in open_questions(report)
    ]
    documents: dict[str, str] = {}
    notes: dict[str, PackNote] = {}
    for r in sorted(shown, key=lambda r: r.pack.id):
        documents.setdefault(r.pack.id, f"{_citation(r)}，{r.pack.document.issuer}")
        if r.compiled.notes and r.pack.id not in notes:
            notes[r.pack.id] = PackNote(citation=_citation(r), notes=[_clause_text(n) for n in r.compiled.notes])
    return ReportContext(
        company=company_info(report.profile),
        groups=groups,
        totals=ReportTotals(
            checked=len(shown),
            eligible=counts[Status.eligible],
            needs_info=counts[Status.needs_info],
            not_eligible=counts[Status.not_eligible],
            expired=counts[Status.expired],
            not_applicable=counts[Status.not_applicable],
            amount=format_range(low, high) if has_amount else "0元",
            capital=capital_range(low, high) if has_amount else f"人民币{capital_yuan(0)}",
            unspecified=sum(1 for r in eligible if r.amount is None),
        ),
        questions=questions,
        documents=list(documents.values()),
        pack_notes=list(notes.values()),
        date=chinese_date(report.as_of),
        program=PROGRAM_NAME,
    )
