"""The template context: what a letter template can say, built from the profile and one MeasureResult.

The context's types are in context_types.py; their fields *are* the documented context. Nothing
secret goes in here: the sandbox protects attributes, not data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from desktop_app.documents.context_types import (
    AmountInfo,
    ChannelInfo,
    ChecklistContext,
    CompanyInfo,
    Confirmation,
    ContactInfo,
    Fact,
    LetterContext,
    MeasureInfo,
    PolicyInfo,
    ReportContext,
)
from desktop_app.domain.amounts import UNSPECIFIED_NOTE, AmountResult, describe_rule, format_range
from desktop_app.domain.matching import MeasureResult
from desktop_app.domain.phones import CHANNEL_REMARK, receiving_unit, resolve_contact
from desktop_app.domain.policy import Measure
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.wording import answer_text, chinese_date, question_label

#: What a letter shows where a fact is not known: a line to fill in by hand, never a made-up value.
#: Sixteen half-width underscores are 45 mm at 三号 (16 pt), long enough to hand-write a phone number.
BLANK = "_" * 16
PROGRAM_NAME = "惠企政策申报助手"

PHONE_NOTES = {
    "document": "",
    "hotline": "（公共服务热线）",
    "user": "（用户填写，非政策原文所载）",
    None: "（政策原文未载联系电话，请向受理部门核实后填写）",
}
#: What a 申请书 asks for when the figure is not fixed: the bureau sets it.
AMOUNT_BY_STANDARD = "按政策标准核定"
_COMPANY_PREFIXES = ("上海市", "上海")
_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司", "责任公司", "公司")


class DocumentKind(str, Enum):
    """The four kinds of output; the value is the Chinese name used in file names and messages."""

    application = "申请书"
    online_guide = "办理指引"
    notice = "告知书"
    report = "体检报告"
    checklist = "办理清单"

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


CONTEXT_TYPES: Mapping[DocumentKind, type] = {
    DocumentKind.application: LetterContext,
    DocumentKind.online_guide: LetterContext,
    DocumentKind.notice: LetterContext,
    DocumentKind.report: ReportContext,
    DocumentKind.checklist: ChecklistContext,
}


# --- formatting helpers ----------------------------------------------------------------------------


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
        bank_name=_or_blank(profile.bank_name),
        bank_account=_or_blank(profile.bank_account),
    )


def contact_info(result: MeasureResult, user_contacts: Mapping[str, str] | None = None) -> ContactInfo:
    """The responsible units and the phone to call: the document's, a hotline, the user's own, or a blank line.

    ``line`` is the phone as one sentence: a hotline is named as a hotline (纳税服务热线：12366), never
    printed as the number of every responsible unit.
    """
    contact = result.measure.contact
    resolved = resolve_contact(result.measure, result.pack.district, user_contacts)
    source = None if resolved.source == "none" else resolved.source
    phone = resolved.phone or BLANK
    named = f"{resolved.units}：{phone}{PHONE_NOTES[source]}"
    line = f"{resolved.hotline}：{phone}" if resolved.hotline else named
    return ContactInfo(
        units=resolved.units,
        phone=phone,
        phone_known=resolved.phone is not None,
        phone_note=PHONE_NOTES[source],
        user_entered=source == "user",
        note=_clause_text(contact.note or ""),
        hotline=resolved.hotline or "",
        line=line,
    )


def _amount_note(note: str | None) -> str:
    """The document's own words on an amount it does not give, said once (never …为准，金额以实施细则为准)."""
    if not note:
        return UNSPECIFIED_NOTE
    note = _clause_text(note)
    return note if any(word in note for word in ("为准", "而定")) else f"{note}，{UNSPECIFIED_NOTE}"


def amount_info(result: MeasureResult) -> AmountInfo:
    """The amount in figures and in 大写, or the document's own words where it gives no figure.

    ``request`` is what a 申请书 asks for: the figure with its 大写 when it is fixed, else 按政策标准核定.
    """
    amount: AmountResult | None = result.amount
    if amount is None:
        text = _amount_note(result.measure.amount.note)
        return AmountInfo(
            known=False,
            fixed=False,
            figures=text,
            capital=text,
            request=AMOUNT_BY_STANDARD,
            basis=describe_rule(result.measure.amount),
            steps=[],
        )
    figures = format_range(amount.minimum, amount.maximum)
    capital = capital_range(amount.minimum, amount.maximum)
    fixed = amount.maximum is not None and amount.minimum == amount.maximum and amount.minimum > 0
    return AmountInfo(
        known=True,
        fixed=fixed,
        figures=figures,
        capital=capital,
        request=f"{figures}（大写：{capital}）" if fixed else AMOUNT_BY_STANDARD,
        basis=amount.basis.replace(" → ", "，即").replace("→", "，即"),
        steps=[step.replace(" → ", "，即").replace("→", "，即") for step in amount.steps],
    )


def _facts(result: MeasureResult) -> list[Fact]:
    """The conditions that held, each with the answers that decided it.

    A plain "yes" restates the condition, so it is left out, except for an "A或B" condition whose
    label names both: there the alternative that held is named, whether the other was answered 否 or
    left open. ``outcome.facts`` holds only the alternatives that held, so the false one is never printed.
    """
    facts = []
    for outcome in result.criteria:
        if outcome.state != "held" or outcome.confirmed:
            continue
        # an alternative that did not hold, answered 否 or not at all: name the one that did
        either = len(outcome.facts) < len(outcome.values)
        detail = "；".join(
            f"{question_label(name, result.pack.district.value)}：{answer_text(name, value)}"
            for name, value in outcome.facts.items()
            if value is not None and (value is not True or either)
        )
        facts.append(Fact(text=_clause_text(outcome.label), detail=detail))
    return facts


def channel_text(detail: str) -> str:
    """The channel as a letter may state it: without the pack's remarks (（原文未写明办理渠道）) or 本市做法."""
    text = CHANNEL_REMARK.sub("", detail).replace("按本市做法", "")
    return _clause_text(text)


def _addressee(result: MeasureResult, contact: ContactInfo) -> str:
    """Where the application goes: the unit the channel names (向市经信委申请), else the responsible units."""
    return receiving_unit(result.measure, result.pack.district)


def channel_note(result: MeasureResult, units: str) -> str:
    """For guidance documents only: the channel is inferred, so say whom to ask first."""
    if result.measure.channel.from_document:
        return ""
    return f"政策原文未写明办理渠道，以上办理方式为推定，办理前请先向{units}核实。"


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
            detail=channel_text(measure.channel.detail),
            from_document=measure.channel.from_document,
            note=channel_note(result, contact.units),
        ),
        contact=contact,
        amount=amount_info(result),
        facts=_facts(result),
        confirmations=[Confirmation(_clause_text(c.text), c.confirmer) for c in result.open_checks if c.confirmed],
        materials=[_clause_text(m) for m in measure.materials],
        manual_checks=[_clause_text(c) for c in result.manual_checks],
        open_checks=[Confirmation(_clause_text(c.text), c.confirmer) for c in result.unconfirmed_checks],
        addressee=_addressee(result, contact),
        date=chinese_date(as_of),
        program=PROGRAM_NAME,
    )
