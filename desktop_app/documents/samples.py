"""A filled-in sample context per document kind: for the template checker's trial render and for benchmarks.

The values are placeholders that look like real ones, with every list non-empty so that every loop
of a template runs once. They describe no real enterprise and no real measure.
"""

from __future__ import annotations

from typing import Any

from desktop_app.documents.context import (
    BLANK,
    PROGRAM_NAME,
    AmountInfo,
    ChannelInfo,
    CompanyInfo,
    ContactInfo,
    DocumentKind,
    Fact,
    LetterContext,
    MeasureInfo,
    OpenQuestion,
    PackNote,
    PolicyInfo,
    ReportContext,
    ReportGroup,
    ReportRow,
    ReportTotals,
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
)


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
        ),
        amount=AmountInfo(
            known=True, figures="2万元", capital="人民币贰万元整", basis="定额2万元", steps=["一次性定额"]
        ),
        facts=[Fact(text="示例条件", detail="示例问题：是")],
        materials=["示例材料"],
        manual_checks=["示例核对事项"],
        addressee="示例部门",
        date="2023年6月1日",
        program=PROGRAM_NAME,
    )


def sample_report() -> ReportContext:
    row = ReportRow(
        id="jinshan-2023-0",
        title="示例措施",
        clause="第1条",
        document="《示例政策文件》（示府规〔2023〕1号）",
        status="需补充信息",
        amount="最高2万元",
        units="示例部门",
        phone=BLANK,
        phone_note="",
        validity="2023-01-01\n至2023-12-31",
        questions=["示例问题"],
        checks=["示例核对事项"],
        reasons=["示例原因"],
        channel_note="示例推定说明",
        remarks="待回答：示例问题",
    )
    return ReportContext(
        company=SAMPLE_COMPANY,
        groups=[ReportGroup(kind="直接申请", heading="直接申请（向受理部门提交）", count=1, rows=[row])],
        totals=ReportTotals(
            checked=1,
            eligible=0,
            needs_info=1,
            not_eligible=0,
            expired=0,
            not_applicable=0,
            amount="0元",
            capital="人民币零元整",
            unspecified=0,
        ),
        questions=[OpenQuestion(label="示例问题", worth="2万元", count=1)],
        documents=["《示例政策文件》（示府规〔2023〕1号），示例区人民政府"],
        pack_notes=[PackNote(citation="《示例政策文件》", notes=["示例共同核对事项"])],
        date="2023年6月1日",
        program=PROGRAM_NAME,
    )


def sample_context(kind: DocumentKind) -> dict[str, Any]:
    """The sample context for a template of ``kind``, as docxtpl takes it."""
    return (sample_report() if kind is DocumentKind.report else sample_letter()).as_mapping()
