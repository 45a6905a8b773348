"""Preview and PDF without Word: mammoth HTML with the letter's classes; PDFs with real Chinese text on A4 pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_app.documents import fonts, preview
from desktop_app.documents.context import DocumentKind
from desktop_app.documents.fill import generate_documents, template_path
from desktop_app.documents.render import render_docx
from desktop_app.documents.samples import SAMPLE_COMPANY, sample_context
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import match
from tests.conftest import AS_OF
from tests.documents.pdf_helpers import joined, needs_pdftotext
from tests.documents.pdf_helpers import pdf_text as read_pdf_text
from tests.documents.test_fill import jinshan_profile


def pdf_text(source: Path | bytes, tmp_path: Path) -> str:
    """pdftotext's text of every page, not normalised (Qt's PDFs gave radicals: 金 → ⾦, issue 12)."""
    if isinstance(source, bytes):
        (tmp_path / "read.pdf").write_bytes(source)
        source = tmp_path / "read.pdf"
    return joined(read_pdf_text(source))


def test_html_keeps_the_letters_paragraph_styles() -> None:
    """The templates' named styles become classes that the print style sheet knows."""
    html = preview.docx_to_html(
        render_docx(template_path(DocumentKind.application), sample_context(DocumentKind.application))
    )
    for css_class in ("title", "addressee", "body", "signature", "contact"):
        assert f'<p class="{css_class}">' in html
        assert f"p.{css_class}" in preview.STYLE_SHEET
    assert f"{SAMPLE_COMPANY.name}（盖章）" in html


def test_scaled_style_sheet_shrinks_sizes_and_lengths_alike() -> None:
    """The on-screen sheet (scale 3/4) is the print sheet with every pt size and px length scaled, fonts kept."""
    import re

    fonts = preview.Fonts(body="仿宋", title="黑体")
    full = preview.style_sheet(fonts, dpi=96)
    screen = preview.style_sheet(fonts, dpi=96, scale=0.75)
    assert "font-size: 16pt" in full and "font-size: 12pt" in screen  # the body: 三号 on paper
    assert "font-size: 16.5pt" in screen  # the title, 22pt on paper
    number = r"(\d+(?:\.\d+)?)(pt|px)"
    printed, shown = re.findall(number, full), re.findall(number, screen)
    assert len(printed) == len(shown) >= 10
    for (size, unit), (small, small_unit) in zip(printed, shown, strict=True):
        assert unit == small_unit and abs(float(small) - float(size) * 0.75) <= 0.5, (size, small)
    assert re.sub(number, "", full) == re.sub(number, "", screen)  # nothing else differs


def test_report_table_gets_borders_and_the_templates_column_widths() -> None:
    """mammoth drops widths; the preview puts the template's column widths back on the first row."""
    html = preview.docx_to_html(render_docx(template_path(DocumentKind.report), sample_context(DocumentKind.report)))
    assert '<table border="1"' in html
    first_row = html[html.index("<tr>") : html.index("</tr>")]
    widths = [int(part.split("%")[0]) for part in first_row.split('width="')[1:]]
    assert len(widths) == 5 and abs(sum(widths) - 100) <= 3
    assert widths[0] > widths[1]  # 措施 is wider than 金额, as in the template


def test_mammoth_never_reads_files_outside_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    """docx_to_html passes external_file_access=False: a letter's image link cannot read a local file."""
    import mammoth

    seen: dict[str, object] = {}
    real = mammoth.convert_to_html

    def spy(*args: object, **kwargs: object) -> object:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(mammoth, "convert_to_html", spy)
    preview.docx_to_html(render_docx(template_path(DocumentKind.notice), sample_context(DocumentKind.notice)))
    assert seen["external_file_access"] is False


@needs_pdftotext
def test_pdf_has_chinese_text_on_a4_pages(tmp_path: Path) -> None:
    """docx_to_pdf writes an A4 PDF whose text (pdftotext, not normalised) is the letter's Chinese text."""
    data = render_docx(template_path(DocumentKind.notice), sample_context(DocumentKind.notice))
    target = preview.docx_to_pdf(data, tmp_path / "告知书.pdf", title="告知书")
    pdf = Path(target).read_bytes()
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    assert SAMPLE_COMPANY.name in text and "2万元" in text
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert abs(width - 595.3) < 2 and abs(height - 841.9) < 2  # A4 in points
    assert reader.metadata is not None and reader.metadata.title == "告知书"


@needs_pdftotext
def test_generate_with_pdf_writes_readable_pdfs(catalog: Catalog, tmp_path: Path) -> None:
    """--pdf: each PDF beside its .docx, carrying the company name and the amount (金山 第11行: 3人 × 2000元)."""
    profile = jinshan_profile()
    report = match(profile, catalog, as_of=AS_OF)
    documents = generate_documents(
        profile=profile, report=report, out_dir=tmp_path, measure_ids=["jinshan-2023-11"], pdf=True
    )
    assert [d.pdf_path is not None for d in documents] == [True, True, True]  # letter, 办理清单, report
    assert documents[0].pdf_path is not None and documents[1].pdf_path is not None
    assert profile.name is not None
    letter = pdf_text(documents[0].pdf_path, tmp_path)
    assert profile.name in letter and "6000元" in letter and "陆仟元整" in letter
    assert documents[0].pdf_path == documents[0].path.with_suffix(".pdf")
    assert profile.name in pdf_text(documents[1].pdf_path, tmp_path)


def test_no_chinese_font_is_a_clear_error_and_writes_nothing(
    catalog: Catalog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a CJK font the PDF would be boxes: refuse in Chinese, before any file is written."""
    monkeypatch.setattr(fonts, "installed_font_files", lambda: {"dejavusans.ttf": Path("DejaVuSans.ttf")})
    with pytest.raises(preview.PreviewError) as caught:
        preview.ensure_cjk_font()
    assert "中文字体" in caught.value.message
    profile = jinshan_profile()
    with pytest.raises(preview.PreviewError):
        generate_documents(
            profile=profile, report=match(profile, catalog, as_of=AS_OF), out_dir=tmp_path / "out", pdf=True
        )
    assert not (tmp_path / "out").exists()


def test_fonts_prefer_fangsong_and_simhei_then_noto(monkeypatch: pytest.MonkeyPatch) -> None:
    """The preview's fonts are the PDF's: 仿宋/黑体 when installed (FangSong/SimHei), else the Noto CJK faces."""
    windows = {"simfang.ttf": Path("simfang.ttf"), "simhei.ttf": Path("simhei.ttf")}
    monkeypatch.setattr(fonts, "installed_font_files", lambda: windows)
    assert preview.ensure_cjk_font() == preview.Fonts(body="FangSong", title="SimHei")
    noto = {"notoserifcjk-regular.ttc": Path("NotoSerifCJK-Regular.ttc")}
    monkeypatch.setattr(fonts, "installed_font_files", lambda: noto)
    assert preview.ensure_cjk_font() == preview.Fonts(body="Noto Serif CJK SC", title="Noto Serif CJK SC")
