"""A filled-in sample context per document kind: for the template checker's trial render and for benchmarks.

The values are placeholders that look like real ones, with every list non-empty so that every loop
of a template runs once. They describe no real enterprise and no real measure.
"""

from __future__ import annotations

from typing import Any

from desktop_app.documents.context import BLANK, PROGRAM_NAME, DocumentKind
from desktop_app.documents.context_types import (
    AmountInfo,
    ChannelInfo,
    ChecklistContext,
    ChecklistItem,
    CompanyInfo,
    Confirmation,
    ContactInfo,
    Fact,
    LetterContext,
    ListLine,
    MeasureInfo,
    PackNote,
    PolicyInfo,
    QuestionLine,
    ReportContext,
    ReportTotals,
    SummaryRow,
)

SAMPLE_COMPANY = CompanyInfo(
    name="示例企业有限公司",
    short_name="示例企业",
    credit_code="91310000000000000X",
    address="上海市（示例地址）",
    legal_representative="（法定代表人）",
    district="金山区",
    contact_person="（联系人）",
    contact_phone=BLANK,
    bank_name=BLANK,
    bank_account=BLANK,
)
SAMPLE_LINE = ListLine(id="jinshan-2023-0", title="示例措施", text="示例说明")


def sample_letter() -> LetterContext:
    return LetterContext(
        company=SAMPLE_COMPANY,
        measure=MeasureInfo(
            id="jinshan-2023-0",
            title="示例措施",
            summary="示例措施的摘要",
            clause="第1条",
            excerpt="示例条款原文",
            quote="示例条款原文。",
            status="符合条件",
            valid_from="2023年1月1日",
            valid_until="2023年12月31日",
            validity="2023年1月1日至2023年12月31日",
        ),
        policy=PolicyInfo(
            title="示例政策文件",
            number="示府规〔2023〕1号",
            issuer="示例区人民政府",
            date="2023年1月1日",
            citation="《示例政策文件》（示府规〔2023〕1号）",
        ),
        channel=ChannelInfo(kind="直接申请", detail="向示例部门申请", from_document=False, note="示例推定说明"),
        contact=ContactInfo(
            units="示例部门",
            phone=BLANK,
            phone_known=False,
            phone_note="（政策原文未载联系电话，请向受理部门核实后填写）",
            user_entered=False,
            note="示例备注",
            hotline="",
            line=f"示例部门：{BLANK}（政策原文未载联系电话，请向受理部门核实后填写）",
        ),
        amount=AmountInfo(
            known=True,
            fixed=True,
            figures="2万元",
            capital="人民币贰万元整",
            request="2万元（大写：人民币贰万元整）",
            basis="定额2万元",
            steps=["一次性定额"],
        ),
        facts=[Fact(text="示例条件", detail="示例问题：是")],
        confirmations=[Confirmation(text="示例确认事项", confirmer="示例部门")],
        materials=["示例材料"],
        manual_checks=["示例核对事项"],
        open_checks=[Confirmation(text="示例待确认事项", confirmer="示例部门")],
        addressee="示例部门",
        date="2023年6月1日",
        program=PROGRAM_NAME,
    )


def sample_report() -> ReportContext:
    return ReportContext(
        company=SAMPLE_COMPANY,
        totals=ReportTotals(
            checked=1,
            eligible=1,
            needs_check=0,
            needs_info=0,
            not_eligible=0,
            expired=0,
            not_yet_valid=0,
            draft=0,
            not_applicable=0,
            amount="2万元",
            capital="人民币贰万元整",
            unspecified=0,
        ),
        summary=[
            SummaryRow(
                id="jinshan-2023-0",
                title="示例措施",
                status="符合条件",
                amount="2万元",
                channel="直接申请（推定）",
                deadline="2023-12-31",
                document="jinshan-2023-0_示例措施.docx",
            )
        ],
        questions=[QuestionLine(label="示例问题", worth="2万元", count=1)],
        checks=[SAMPLE_LINE],
        pending=[SAMPLE_LINE],
        failed=[SAMPLE_LINE],
        inactive=[SAMPLE_LINE],
        readings=[SAMPLE_LINE],
        documents=["《示例政策文件》（示府规〔2023〕1号），示例区人民政府"],
        pack_notes=[PackNote(citation="《示例政策文件》", notes=["示例共同核对事项"])],
        document_prefix="示例企业_",
        date="2023年6月1日",
        program=PROGRAM_NAME,
    )


def sample_checklist() -> ChecklistContext:
    item = ChecklistItem(
        id="jinshan-2023-0",
        title="示例措施",
        kind="申请书",
        document="示例企业_jinshan-2023-0_示例措施.docx",
        addressee="示例部门",
        channel="直接申请：向示例部门申请",
        channel_inferred=True,
        phone=f"示例部门：{BLANK}（政策原文未载联系电话，请向受理部门核实后填写）",
        amount="2万元",
        materials=["示例材料"],
        checks=["示例核对事项"],
        deadline="2023年12月31日",
    )
    return ChecklistContext(company=SAMPLE_COMPANY, items=[item], inferred=1, date="2023年6月1日", program=PROGRAM_NAME)


def sample_context(kind: DocumentKind) -> dict[str, Any]:
    """The sample context for a template of ``kind``, as docxtpl takes it."""
    if kind is DocumentKind.report:
        return sample_report().as_mapping()
    if kind is DocumentKind.checklist:
        return sample_checklist().as_mapping()
    return sample_letter().as_mapping()
