"""Preview and PDF without Word: mammoth HTML with the letter's classes, Qt PDF with Chinese glyphs, A4 pages."""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.documents import preview
from desktop_app.documents.context import DocumentKind
from desktop_app.documents.fill import generate_documents, template_path
from desktop_app.documents.render import render_docx
from desktop_app.documents.samples import SAMPLE_COMPANY, sample_context
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import match
from tests.conftest import AS_OF
from tests.documents.test_fill import jinshan_profile


def pdf_text(source: Path | bytes) -> str:
    """Text of every page, NFKC-normalised: Qt's PDFs turn some ideographs into Kangxi radicals (一 → ⼀)."""
    reader = PdfReader(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    return unicodedata.normalize("NFKC", "".join(page.extract_text() or "" for page in reader.pages))


def test_html_keeps_the_letters_paragraph_styles() -> None:
    """The templates' named styles become classes that the print style sheet knows."""
    html = preview.docx_to_html(
        render_docx(template_path(DocumentKind.application), sample_context(DocumentKind.application))
    )
    for css_class in ("title", "addressee", "body", "signature", "contact"):
        assert f'<p class="{css_class}">' in html
        assert f"p.{css_class}" in preview.STYLE_SHEET
    assert f"{SAMPLE_COMPANY.name}（盖章）" in html


def test_report_table_gets_borders_and_the_templates_column_widths() -> None:
    """mammoth drops widths; the preview puts the template's column widths back on the first row."""
    html = preview.docx_to_html(render_docx(template_path(DocumentKind.report), sample_context(DocumentKind.report)))
    assert '<table border="1"' in html
    first_row = html[html.index("<tr>") : html.index("</tr>")]
    widths = [int(part.split("%")[0]) for part in first_row.split('width="')[1:]]
    assert len(widths) == 5 and abs(sum(widths) - 100) <= 3
    assert widths[0] > widths[1]  # 措施 is wider than 金额, as in the template


def test_pdf_has_chinese_text_on_a4_pages(tmp_path: Path) -> None:
    """html_to_pdf writes an A4 PDF whose text (read back with pypdf) is the letter's Chinese text."""
    html = preview.docx_to_html(render_docx(template_path(DocumentKind.notice), sample_context(DocumentKind.notice)))
    target = preview.html_to_pdf(html, tmp_path / "告知书.pdf", title="告知书")
    data = Path(target).read_bytes()
    assert data.startswith(b"%PDF")
    text = pdf_text(data)
    assert SAMPLE_COMPANY.name in text and "2万元" in text
    page = PdfReader(io.BytesIO(data)).pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points


def test_generate_with_pdf_writes_readable_pdfs(catalog: Catalog, tmp_path: Path) -> None:
    """--pdf: each PDF beside its .docx, carrying the company name and the amount (金山 第11行: 3人 × 2000元)."""
    profile = jinshan_profile()
    report = match(profile, catalog, as_of=AS_OF)
    documents = generate_documents(
        profile=profile, report=report, out_dir=tmp_path, measure_ids=["jinshan-2023-11"], pdf=True
    )
    assert [d.pdf_path is not None for d in documents] == [True, True, True]  # letter, 办理清单, report
    letter = pdf_text(documents[0].pdf_path)  # type: ignore[arg-type]
    assert profile.name in letter and "6000元" in letter and "陆仟元整" in letter
    assert documents[0].pdf_path == documents[0].path.with_suffix(".pdf")
    assert profile.name in pdf_text(documents[1].pdf_path)  # type: ignore[arg-type]


def test_no_chinese_font_is_a_clear_error_and_writes_nothing(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a CJK font the PDF would be boxes: refuse in Chinese, before any file is written."""
    monkeypatch.setattr(preview, "available_families", lambda: [])
    with pytest.raises(preview.PreviewError) as caught:
        preview.ensure_cjk_font()
    assert "中文字体" in caught.value.message
    profile = jinshan_profile()
    with pytest.raises(preview.PreviewError):
        generate_documents(
            profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=tmp_path / "out", pdf=True
        )
    assert not (tmp_path / "out").exists()


def test_fonts_prefer_fangsong_then_any_chinese_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """仿宋/黑体 when installed; otherwise a font that has Chinese glyphs, never a Latin-only one."""
    monkeypatch.setattr(preview, "available_families", lambda: ["Noto Sans CJK SC", "FangSong", "SimHei"])
    assert preview.ensure_cjk_font() == preview.Fonts(body="FangSong", title="SimHei")
    monkeypatch.setattr(preview, "available_families", lambda: ["Some CJK Font"])
    assert preview.ensure_cjk_font() == preview.Fonts(body="Some CJK Font", title="Some CJK Font")
