"""The PDF route's layout follows the .docx: exact pitch, keep-with-next, widows, justification, footers, text."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from desktop_app.documents import preview
from desktop_app.documents.pdf_layout import TextItem, layout_docx
from tests.documents.pdf_helpers import joined, needs_pdftotext, pdf_lines, pdf_text

BODY = "本企业承诺所提供的材料真实、准确、完整，并按规定时间向受理部门报送申请材料和相关证明。" * 2


def _style(document: DocxDocument, name: str, *, keep_next: bool = False, size: float = 16, font: str = "仿宋") -> None:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    fmt = style.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(28)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.first_line_indent = Pt(32)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.keep_with_next = keep_next
    style.font.size = Pt(size)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def letter(paragraphs: list[tuple[str, str]], *, footer: bool = False) -> bytes:
    """A GB/T 9704 page (A4, 37/35/28/26 mm) with 正文 and 小标题 (keep with next) paragraphs."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _style(document, "正文")
    _style(document, "小标题", keep_next=True, font="黑体")
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    if footer:
        para = section.footer.paragraphs[0]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        para.add_run("— ")
        for kind, field_text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
            run = para.add_run()
            if kind:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)
            elif field_text == " PAGE ":
                instr = OxmlElement("w:instrText")
                instr.text = field_text
                run._r.append(instr)
            else:
                run.text = field_text
        para.add_run(" —")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def body_lines(data: bytes) -> list[list[tuple[float, float, str]]]:
    return [page.lines for page in layout_docx(data).pages]


def test_body_lines_are_exactly_28_points_apart() -> None:
    """Exact 28 pt line spacing (GB/T 9704: 22 lines a page) gives a 28 pt pitch, 22 lines on a full page."""
    pages = body_lines(letter([("正文", BODY)] * 12))
    first = pages[0]
    assert all(abs(b[0] - a[0] - 28) < 0.01 for a, b in itertools.pairwise(first))
    assert len(first) == 22  # (297 - 37 - 35) mm = 637.8 pt = 22 lines of 28 pt


def test_a_heading_never_ends_a_page() -> None:
    """A 小标题 (keep with next) that would be a page's last line moves to the next page with its paragraph."""
    # 21 one-line paragraphs fill 21 of the 22 lines; the heading would be line 22.
    paragraphs = [("正文", "第一项。")] * 21 + [("小标题", "二、逐项情况"), ("正文", BODY)]
    pages = body_lines(letter(paragraphs))
    assert pages[0][-1][2] == "第一项。" and len(pages[0]) == 21
    assert pages[1][0][2] == "二、逐项情况"


def test_no_single_line_of_a_paragraph_is_left_at_a_page_top_or_foot() -> None:
    """Widow and orphan control: a paragraph split over two pages leaves at least two lines on each."""
    paragraphs = [("正文", "第一项。")] * 21 + [("正文", BODY)]  # BODY is 4 lines; only 1 fits on page 1
    pages = body_lines(letter(paragraphs))
    assert len(pages[0]) == 21 and len(pages[1]) == 4
    paragraphs = [("正文", "第一项。")] * 19 + [("正文", BODY)]  # 3 fit, but then 1 would be a widow
    pages = body_lines(letter(paragraphs))
    assert len(pages[0]) == 21 and len(pages[1]) == 2


def test_justified_lines_reach_the_right_margin_and_the_last_does_not() -> None:
    """文书正文 is justified (jc=both): every line but the paragraph's last ends at the right margin."""
    layout = layout_docx(letter([("正文", BODY)]))
    right = layout.width - Mm(26).pt
    items = [i for i in layout.pages[0].items if isinstance(i, TextItem)]
    ends: dict[float, float] = {}
    for item in items:
        width = item.advance()
        ends[item.y] = max(ends.get(item.y, 0.0), item.x + width)
    rows = [ends[y] for y in sorted(ends)]
    assert all(abs(end - right) < 0.5 or end > right for end in rows[:-1])  # a closing mark may hang past it
    assert rows[-1] < right - 16


def test_footer_page_field_numbers_each_page(tmp_path: Path) -> None:
    """A footer with a PAGE field prints — 1 —, — 2 — … at the foot of each page."""
    pdf = tmp_path / "f.pdf"
    pdf.write_bytes(preview.docx_to_pdf_bytes(letter([("正文", BODY)] * 8, footer=True)))
    lines, height = pdf_lines(pdf)
    feet = [(line.page, line.text) for line in lines if line.top > height - Mm(35).pt]
    assert feet == [(1, "—1—"), (2, "—2—")]


@needs_pdftotext
def test_text_layer_gives_back_the_real_characters(tmp_path: Path) -> None:
    """Characters Qt's PDFs turned into radicals (金→⾦, 青→⻘, 门→⻔) and a credit code's digits come back exact."""
    text = "上海金山示例机械有限公司（统一社会信用代码：91310116MA1J8K2X4U），青浦区、门、长、车、民、页。"
    pdf = tmp_path / "t.pdf"
    pdf.write_bytes(preview.docx_to_pdf_bytes(letter([("正文", text)])))
    extracted = pdf_text(pdf)
    assert "91310116MA1J8K2X4U" in extracted
    assert joined(text) in joined(extracted)
    assert not any(0x2E80 <= ord(c) <= 0x2FDF for c in extracted)  # no CJK radical code points at all


def test_no_chinese_font_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without any Chinese font the PDF would be boxes: a PreviewError in Chinese, before anything is laid out."""
    from desktop_app.documents import fonts, pdf_layout

    monkeypatch.setattr(fonts, "installed_font_files", dict)
    pdf_layout._faces.cache_clear()
    try:
        with pytest.raises(preview.PreviewError) as caught:
            preview.docx_to_pdf_bytes(letter([("正文", "正文")]))
        assert "中文字体" in caught.value.message
    finally:
        pdf_layout._faces.cache_clear()


def test_font_data_is_kept_between_runs_and_a_broken_cache_is_ignored() -> None:
    """A second run reads widths and glyphs from the cache without opening the font; a corrupt cache is rebuilt."""
    from desktop_app.documents import pdf_face

    pdf_face.metrics.cache_clear()  # this test's own user folder (conftest), not an earlier test's
    preview.docx_to_pdf_bytes(letter([("正文", "青浦区金山区门长车")]))
    face = next(i.face for i in layout_docx(letter([("正文", "青浦区")])).pages[0].items if isinstance(i, TextItem))
    warm = pdf_face.FaceData(face)  # what a new process would make
    assert warm.width("浦") == 1.0 and warm.has("车") and warm._font is None
    assert warm._cache is not None
    warm._cache.write_text("{not json", encoding="utf-8")
    cold = pdf_face.FaceData(face)
    assert cold.chars == {} and cold.width("浦") == 1.0


def test_saving_the_font_cache_does_not_recompile_the_glyphs_it_holds(monkeypatch: pytest.MonkeyPatch) -> None:
    """A glyph embedded in a PDF is expanded; saving the cache reuses the bytes it was converted to instead of
    compiling every held glyph again on every document (that made each PDF after new characters seconds slower)."""
    from fontTools.ttLib.tables._g_l_y_f import Glyph

    from desktop_app.documents import pdf_face

    pdf_face.metrics.cache_clear()
    preview.docx_to_pdf_bytes(letter([("正文", "青浦区金山区门长车")]))  # converts, embeds and saves
    face = next(i.face for i in layout_docx(letter([("正文", "青浦区")])).pages[0].items if isinstance(i, TextItem))
    warm = pdf_face.FaceData(face)
    assert warm._cache is not None
    before = warm._cache.read_bytes()
    compiled: list[str] = []
    original = Glyph.compile

    def counting(self: Glyph, glyf_table: object, *args: object, **kwargs: object) -> bytes:
        compiled.append("x")
        return original(self, glyf_table, *args, **kwargs)

    monkeypatch.setattr(Glyph, "compile", counting)
    warm._dirty = True  # as after learning one new character
    warm.save()
    assert compiled == []  # no held glyph compiled again
    assert warm._cache.read_bytes() == before  # and the same bytes written back
