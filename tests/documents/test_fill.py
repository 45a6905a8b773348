"""generate_documents: one letter per eligible measure plus the report, carrying the right facts, safely named."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.documents.context import BLANK, DocumentKind, kind_for, short_company_name
from desktop_app.documents.fill import DocumentError, generate_documents
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.profile_io import load_profile
from desktop_app.fileio import safe_filename
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF
from tests.documents.helpers import assert_letter, docx_text, strict_document_xml, valid_credit_code

EXAMPLES = sorted(examples_dir().glob("*.json"))


def jinshan_profile(name: str = "上海金测精密机械有限公司") -> EnterpriseProfile:
    """Our own 金山 enterprise: rows 11 (3 hires), 17 (市级专精特新) and 18 (新认定高企, 2022) apply."""
    return EnterpriseProfile(
        name=name,
        credit_code=valid_credit_code(),
        district="jinshan",
        address="上海市金山区测试路1号",
        legal_representative="张测试",
        contact_person="李联系",
        contact_phone="021-57000000",
        eligible_hires=3,
        srdi_recognition="municipal_srdi",
        srdi_recognition_year=2023,
        hitech_event="new",
        hitech_event_year=2022,
    )


def profiles() -> list[tuple[str, EnterpriseProfile]]:
    return [(p.stem, load_profile(p)) for p in EXAMPLES] + [("own-jinshan", jinshan_profile())]


@pytest.mark.parametrize(("label", "profile"), profiles(), ids=[label for label, _ in profiles()])
def test_every_eligible_measure_gets_its_letter(
    label: str, profile: EnterpriseProfile, catalog: Catalog, tmp_path: Path
) -> None:
    """Each eligible measure gets the letter of its channel, plus one 办理清单 and one 体检报告."""
    report = match(profile, catalog, as_of=AS_OF)
    eligible = report.with_status(Status.eligible)
    documents = generate_documents(profile=profile, report=report, out_dir=tmp_path)
    assert len(documents) == len(eligible) + 2
    assert [d.kind for d in documents].count(DocumentKind.report) == 1
    assert [d.kind for d in documents].count(DocumentKind.checklist) == 1
    by_id = {d.measure_id: d for d in documents if d.measure_id is not None}
    by_kind = {d.kind: d for d in documents}
    assert profile.name is not None
    short = short_company_name(profile.name)
    for result in eligible:
        document = by_id[result.measure.id]
        assert document.kind is kind_for(result.measure)
        assert document.path.name == safe_filename(f"{short}_{result.measure.id}_{result.measure.title}") + ".docx"
        strict_document_xml(document.path)
        assert_letter(docx_text(document.path), result, profile, document.kind)

    report_text = docx_text(by_kind[DocumentKind.report].path)
    assert profile.name in report_text and "参考日期：2023年6月1日" in report_text
    for result in report.results:
        if result.status is not Status.not_applicable:
            assert result.measure.id in report_text


def test_examples_exercise_both_a_known_and_an_unknown_phone(catalog: Catalog) -> None:
    """The example letters include phones from the documents and measures with none (blank line), so both are tested."""
    phones = [r.measure.contact.phone for _, p in profiles() for r in match(p, catalog, as_of=AS_OF).results
              if r.status is Status.eligible]  # fmt: skip
    assert any(phones) and None in phones


def test_jinshan_letters_carry_the_seed_figures(catalog: Catalog, tmp_path: Path) -> None:
    """金山 任务表 rows 11, 17 and 18, letter by letter."""
    profile = jinshan_profile()
    documents = generate_documents(profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=tmp_path)
    text = {d.measure_id: docx_text(d.path) for d in documents}
    kinds = {d.measure_id: d.kind for d in documents}
    # 第11行: 按每人 2000 元给予一次性吸纳就业补贴, 免申即享, 67961792 → 3人 = 6000元
    assert kinds["jinshan-2023-11"] is DocumentKind.notice
    assert "6000元（大写：人民币陆仟元整）" in text["jinshan-2023-11"] and "67961792" in text["jinshan-2023-11"]
    # 第17行: 市级“专精特新” 不低于10万元, 向金山区经委申请, 57921750
    # the amount is open (不低于), so the 申请书 leaves it to the bureau; the phone goes to the 办理清单
    letter = text["jinshan-2023-17a"]
    assert kinds["jinshan-2023-17a"] is DocumentKind.application
    assert letter.startswith("关于申请") and "\n金山区经委：\n" in letter
    assert "申请金额：按政策标准核定。" in letter and "57921750" not in letter
    assert "联系电话：021-57000000" in letter and "联系人：李联系" in letter
    checklist = next(docx_text(d.path) for d in documents if d.kind is DocumentKind.checklist)
    assert "金山区经委：57921750" in checklist
    # 第18行: 上年新认定的高新技术企业 20万元, 一网通办, 57971309
    assert kinds["jinshan-2023-18a"] is DocumentKind.online_guide
    assert "20万元（大写：人民币贰拾万元整）" in text["jinshan-2023-18a"] and "57971309" in text["jinshan-2023-18a"]


def test_odd_company_name_gives_valid_files_and_safe_names(catalog: Catalog, tmp_path: Path) -> None:
    """A&B <测试> "公司"/分部: every .docx is well-formed XML with the name intact, and every file name is safe."""
    name = 'A&B <测试> "公司"/分部'
    profile = jinshan_profile(name=name)
    documents = generate_documents(profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=tmp_path)
    assert len(documents) >= 4
    for document in documents:
        assert document.path.parent == tmp_path and document.path.is_file()
        assert not set('\\/:*?"<>|') & set(document.path.name)
        assert len(document.path.name) <= 90
        strict_document_xml(document.path)
        assert name in docx_text(document.path)


def test_existing_files_get_a_new_name_unless_forced(catalog: Catalog, tmp_path: Path) -> None:
    """A second run keeps a letter edited since as it is and writes name(2).docx beside it (the unchanged report
    is replaced, issue 13: no "(2)" copies of our own files); with force it overwrites instead."""
    profile = jinshan_profile()
    report = match(profile, catalog, as_of=AS_OF)
    first = generate_documents(profile=profile, report=report, out_dir=tmp_path, measure_ids=["jinshan-2023-11"])
    first[0].path.write_bytes(b"old")
    second = generate_documents(profile=profile, report=report, out_dir=tmp_path, measure_ids=["jinshan-2023-11"])
    assert second[0].path.name == first[0].path.stem + "(2).docx"
    assert first[0].path.read_bytes() == b"old"
    forced = generate_documents(
        profile=profile, report=report, out_dir=tmp_path, measure_ids=["jinshan-2023-11"], force=True
    )
    assert forced[0].path == first[0].path
    assert "一次性吸纳就业补贴" in docx_text(first[0].path)
    assert len(list(tmp_path.glob("*.docx"))) == 4  # the edited letter, its (2), one 办理清单, one report


def test_measure_ids_limit_the_letters_and_must_be_eligible(catalog: Catalog, tmp_path: Path) -> None:
    """--measures picks letters (the report is always written); an unknown or not eligible id writes nothing."""
    profile = jinshan_profile()
    report = match(profile, catalog, as_of=AS_OF)
    documents = generate_documents(
        profile=profile, report=report, out_dir=tmp_path / "a", measure_ids=["jinshan-2023-17a"]
    )
    assert [(d.measure_id, d.kind) for d in documents] == [
        ("jinshan-2023-17a", DocumentKind.application),
        (None, DocumentKind.checklist),
        (None, DocumentKind.report),
    ]
    not_eligible = next(r for r in report.results if r.status is not Status.eligible)
    for bad in ("jinshan-2023-999", not_eligible.measure.id):
        with pytest.raises(DocumentError):
            generate_documents(profile=profile, report=report, out_dir=tmp_path / "b", measure_ids=[bad])
    assert not (tmp_path / "b").exists()


def test_progress_counts_every_document(catalog: Catalog, tmp_path: Path) -> None:
    """The wizard's progress callback hears of every document, ending at total/total."""
    profile = jinshan_profile()
    report = match(profile, catalog, as_of=AS_OF)
    calls: list[tuple[int, int, str]] = []
    documents = generate_documents(
        profile=profile, report=report, out_dir=tmp_path, progress=lambda d, t, label: calls.append((d, t, label))
    )
    assert [c[0] for c in calls] == list(range(1, len(documents) + 1))
    assert {c[1] for c in calls} == {len(documents)}
    assert calls[-1][2] == "政策体检报告"


def test_user_entered_phone_is_marked_in_guide_and_checklist(catalog: Catalog, tmp_path: Path) -> None:
    """A phone the user typed fills the blank of a measure whose document gives none, marked as user-entered."""
    found = [
        (p, report, r)
        for _, p in profiles()
        for report in [match(p, catalog, as_of=AS_OF)]
        for r in report.with_status(Status.eligible)
        if not r.measure.contact.phone and kind_for(r.measure) is not DocumentKind.application
    ]
    assert found, "no example has an eligible guide or notice without a phone"
    profile, report, result = found[0]
    letter, checklist, _ = generate_documents(
        profile=profile,
        report=report,
        out_dir=tmp_path / "letter",
        measure_ids=[result.measure.id],
        user_contacts={u: "021-69990000" for u in result.measure.contact.units},
    )
    for document in (letter, checklist):
        text = docx_text(document.path)
        assert "021-69990000（用户填写" in text
        assert f"{BLANK}（政策原文未载" not in text


def test_a_name_is_required(catalog: Catalog, tmp_path: Path) -> None:
    """Without a company name there is no letter to write: a Chinese error naming the field, nothing written."""
    profile = EnterpriseProfile(district="jinshan")
    with pytest.raises(DocumentError) as caught:
        generate_documents(profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=tmp_path / "x")
    assert "企业名称" in caught.value.message
    assert not (tmp_path / "x").exists()


def test_core_properties_are_the_documents_own(catalog: Catalog, tmp_path: Path) -> None:
    """Each file's title is its own, its subject the company; created = generation time, no template comment."""
    import datetime as dt

    from docx import Document

    profile = jinshan_profile()
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    documents = generate_documents(
        profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=tmp_path, measure_ids=["jinshan-2023-11"]
    )
    for document in documents:
        props = Document(str(document.path)).core_properties
        assert props.subject == profile.name and props.comments == ""
        assert props.created is not None and props.created >= before and props.modified == props.created
    titles = [Document(str(d.path)).core_properties.title for d in documents]
    assert titles == ["告知书：一次性吸纳就业补贴", "办理清单", "政策体检报告"]
