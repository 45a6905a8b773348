"""The template context: money in figures and 大写, Chinese dates, names, phones and addressees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.documents.context import (
    BLANK,
    DocumentKind,
    capital_range,
    capital_yuan,
    chinese_date,
    contact_info,
    letter_context,
    short_company_name,
)
from desktop_app.documents.summary import report_context
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import MatchReport, MeasureResult, Status, match
from desktop_app.domain.profile import EnterpriseProfile
from tests.conftest import AS_OF


def test_capital_rounds_half_up_before_cn2an() -> None:
    """大写 is rounded to the fen first: cn2an alone would truncate 1234.565 to …伍角陆分."""
    assert capital_yuan(Decimal("1234.565")) == "壹仟贰佰叁拾肆元伍角柒分"
    assert capital_yuan(20000) == "贰万元整"
    assert capital_yuan(0) == "零元整"


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (Decimal(6000), Decimal(6000), "人民币陆仟元整"),
        (Decimal(100000), None, "不低于人民币壹拾万元整"),
        (Decimal(0), Decimal(1000000), "最高人民币壹佰万元整"),
        (Decimal(50000), Decimal(200000), "人民币伍万元至贰拾万元整"),
    ],
)
def test_capital_range_follows_the_shape_of_format_range(low: Decimal, high: Decimal | None, expected: str) -> None:
    """An open maximum stays open (不低于), a 0..max range reads 最高, never a made-up exact amount."""
    assert capital_range(low, high) == expected


def test_chinese_date() -> None:
    """Dates are written the Chinese way, without leading zeros."""
    assert chinese_date(dt.date(2023, 6, 1)) == "2023年6月1日"
    assert chinese_date(dt.date(2023, 12, 31)) == "2023年12月31日"


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("上海金山精密机械有限公司", "金山精密机械"),
        ("上海市青溪科技股份有限公司", "青溪科技"),
        ("宝马（中国）汽车有限责任公司", "宝马（中国）汽车"),
        ("有限公司", "有限公司"),
    ],
)
def test_short_company_name(name: str, short: str) -> None:
    """The 公司简称 in file names drops 上海 and the company form, but never leaves nothing."""
    assert short_company_name(name) == short


def _jinshan_profile(**extra: object) -> EnterpriseProfile:
    return EnterpriseProfile(name="上海测试有限公司", district="jinshan", **extra)


def _result(catalog: Catalog, profile: EnterpriseProfile, measure_id: str) -> tuple[MeasureResult, MatchReport]:
    report = match(profile, catalog, as_of=AS_OF)
    return next(r for r in report.results if r.measure.id == measure_id), report


def test_letter_context_for_jinshan_row_17(catalog: Catalog) -> None:
    """金山 政策类第17行: 市级“专精特新” 不低于10万元, 向金山区经委申请, 电话 57921750."""
    profile = _jinshan_profile(srdi_recognition="municipal_srdi", srdi_recognition_year=2023)
    result, _ = _result(catalog, profile, "jinshan-2023-17a")
    assert result.status is Status.eligible
    context = letter_context(profile=profile, result=result, as_of=AS_OF)
    assert context.addressee == "金山区经委"
    assert context.amount.known
    assert context.amount.figures == "不低于10万元"
    assert context.amount.capital == "不低于人民币壹拾万元整"
    assert context.contact.phone == "57921750"
    assert context.contact.phone_note == ""
    assert context.date == "2023年6月1日"
    assert context.company.credit_code == BLANK  # unanswered: a line to fill in, not a made-up code
    assert context.facts and "专精特新" in context.facts[0].text
    assert "“" not in context.measure.quote  # inner quotes of the quotation become ‘ ’


def test_user_phone_is_used_only_where_the_document_has_none_and_is_marked(catalog: Catalog) -> None:
    """A phone the user typed fills a gap and says so; it never replaces the document's own number."""
    no_phone = next(
        m for m in catalog.measures if m.measure.contact.phone is None and m.pack.district.value == "qingpu"
    )
    with_phone = next(m for m in catalog.measures if m.measure.contact.phone is not None)
    profile = EnterpriseProfile(name="上海测试有限公司", district=no_phone.pack.district.value)
    report = match(profile, catalog, as_of=AS_OF)
    by_id = {r.measure.id: r for r in report.results}
    unit = no_phone.measure.contact.units[0]
    entered = {unit: "021-55556666", with_phone.measure.contact.units[0]: "021-99990000"}

    filled = contact_info(by_id[no_phone.measure.id], entered)
    assert filled.phone == "021-55556666"
    assert filled.user_entered and "用户填写" in filled.phone_note

    blank = contact_info(by_id[no_phone.measure.id], None)
    assert blank.phone == BLANK and not blank.phone_known
    assert "未载联系电话" in blank.phone_note

    kept = contact_info(by_id[with_phone.measure.id], entered)
    assert kept.phone == with_phone.measure.contact.phone and not kept.user_entered


def test_report_summary_lists_eligible_measures_with_amounts_and_files(catalog: Catalog) -> None:
    """金山 第11行 2000元/人 × 3人 = 6000元 and 第18行 20万元: both in the first table, with their files."""
    profile = _jinshan_profile(eligible_hires=3, hitech_event="new", hitech_event_year=2022)
    report = match(profile, catalog, as_of=AS_OF)
    files = {"jinshan-2023-11": "a.docx"}
    context = report_context(report=report, documents=files)
    rows = {row.id: row for row in context.summary}
    assert rows["jinshan-2023-11"].amount == "6000元" and rows["jinshan-2023-11"].document == "a.docx"
    assert rows["jinshan-2023-18a"].amount == "20万元" and rows["jinshan-2023-18a"].document == "—"
    assert set(rows) == {r.measure.id for r in report.with_status(Status.eligible, Status.needs_check)}
    assert rows["jinshan-2023-11"].deadline == "2023-12-31"
    assert context.totals.eligible == len(report.with_status(Status.eligible))


def test_report_table_leaves_out_the_file_names_shared_start_and_says_it_once(catalog: Catalog) -> None:
    """Every letter's file starts with <公司简称>_: the table leaves it out (a line a row) and the report says
    it once; when the names do not all share it, they are shown whole."""
    profile = _jinshan_profile(eligible_hires=3, hitech_event="new", hitech_event_year=2022)
    report = match(profile, catalog, as_of=AS_OF)
    short = report_context(report=report).company.short_name
    files = {"jinshan-2023-11": f"{short}_jinshan-2023-11_一次性吸纳就业补贴.docx"}
    context = report_context(report=report, documents=files)
    rows = {row.id: row for row in context.summary}
    assert context.document_prefix == f"{short}_"
    assert rows["jinshan-2023-11"].document == "jinshan-2023-11_一次性吸纳就业补贴.docx"
    whole = report_context(report=report, documents={**files, "jinshan-2023-18a": "另存的名字.docx"})
    assert whole.document_prefix == ""
    assert {row.id: row for row in whole.summary}["jinshan-2023-11"].document == files["jinshan-2023-11"]
    assert context.date == "2023年6月1日"
    low, _ = report.total()
    assert low >= Decimal(206000)  # at least 6000元 + 20万元
    assert context.totals.capital.startswith(("人民币", "不低于人民币", "最高人民币"))


def test_report_short_lists_say_what_is_missing_and_what_failed(catalog: Catalog) -> None:
    """A measure waiting for an answer is in the pending list; a failed one says 未满足 without the citation."""
    profile = _jinshan_profile(small_scale_taxpayer=False, small_low_profit=False)
    report = match(profile, catalog, as_of=AS_OF)
    context = report_context(report=report)
    assert "jinshan-2023-11" in {line.id for line in context.pending}
    failed = {line.id: line.text for line in context.failed}
    assert failed["jinshan-2023-3"].startswith("未满足：")
    assert "《" not in failed["jinshan-2023-3"]  # the clause citation is left to the letter
    assert all(q.label != "eligible_hires" for q in context.questions)  # labels for people, not field names


def test_every_kind_has_a_context_type() -> None:
    """Each document kind names its template file and its context."""
    from desktop_app.documents.context import CONTEXT_TYPES

    assert set(CONTEXT_TYPES) == set(DocumentKind)
    assert {k.template_name for k in DocumentKind} == {
        "申请书.docx",
        "办理指引.docx",
        "告知书.docx",
        "体检报告.docx",
        "办理清单.docx",
    }


def test_addressee_is_the_office_the_channel_names(catalog: Catalog) -> None:
    """金山 政策类第22行 “向市经信委申请”: the 申请书 goes to 市经信委, not to the responsible 区经委."""
    profile = _jinshan_profile(major_tech_upgrade_project=True)
    result, _ = _result(catalog, profile, "jinshan-2023-22")
    assert result.status is Status.eligible
    context = letter_context(profile=profile, result=result, as_of=AS_OF)
    assert context.addressee == "市经信委"
    assert context.contact.units == "金山区经委"
