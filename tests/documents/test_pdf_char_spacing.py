"""The templates' character spacing (−0.25 pt, w:spacing) in the app's layout and PDF: 28 三号 characters a line.

GB/T 9704-2012 7.1: 28 characters of 三号 to a 156 mm line. 28 × 16 pt is 448 pt, the line 442 pt, so the
templates condense every character by 0.25 pt; Word and LibreOffice apply it, and so must the app.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop_app.documents import preview
from desktop_app.documents.context import DocumentKind
from desktop_app.documents.fill import template_path
from desktop_app.documents.pdf_docx import read_docx
from desktop_app.documents.pdf_layout import TextItem, layout_docx
from desktop_app.documents.pdf_model import Para
from tests.documents.pdf_helpers import needs_pdftotext, pdf_lines

#: 56 ideographs, no punctuation: no mark may hang or be pulled down, so the count is the line's capacity.
HAN = ("本企业承诺所提供的材料真实准确完整并按规定时间向受理部门报送申请材料和相关证明文件" * 2)[:56]
CONDENSE = -0.25  # points: w:spacing w:val="-5" in the templates' default run properties


def letter(paragraphs: list[tuple[str, str]], *, no_indent: bool = False, spacing: int | None = None) -> bytes:
    """The shipped 申请书 template's styles and page with only ``paragraphs`` (style name, text) in its body."""
    document = Document(str(template_path(DocumentKind.application)))
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    for style, text in paragraphs:
        para = document.add_paragraph(text, style=style)
        if no_indent:
            para.paragraph_format.first_line_indent = Pt(0)
        if spacing is not None:  # direct formatting on the run, in twentieths of a point
            direct = OxmlElement("w:spacing")
            direct.set(qn("w:val"), str(spacing))
            para.runs[0]._r.get_or_add_rPr().append(direct)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_condensing_is_read_from_the_templates_defaults() -> None:
    """Every body run of 文书正文 carries the −0.25 pt the template's docDefaults give it."""
    block = read_docx(letter([("文书正文", HAN)])).blocks[0]
    assert isinstance(block, Para)
    assert [span.style.spacing for span in block.spans] == [CONDENSE]


def test_56_chinese_characters_are_two_lines_of_28() -> None:
    """Layout: 56 汉字 in 文书正文 (its 2-character indent set to 0) are exactly two full lines of 28."""
    lines = layout_docx(letter([("文书正文", HAN)], no_indent=True)).pages[0].lines
    assert [text for _top, _bottom, text in lines] == [HAN[:28], HAN[28:]]


def test_direct_formatting_overrides_the_style_spacing() -> None:
    """A run's own w:spacing w:val="0" wins over the default −0.25 pt: 28 × 16 pt no longer fit, 27 do."""
    lines = layout_docx(letter([("文书正文", HAN)], no_indent=True, spacing=0)).pages[0].lines
    assert [len(text) for _top, _bottom, text in lines] == [27, 27, 2]


def test_the_first_line_of_an_indented_paragraph_holds_26() -> None:
    """文书正文 as shipped (首行缩进两字): 26 characters on the first line, 28 on the next."""
    lines = layout_docx(letter([("文书正文", HAN[:54])])).pages[0].lines
    assert [len(text) for _top, _bottom, text in lines] == [26, 28]


@needs_pdftotext
def test_the_pdf_first_body_line_has_28_characters(tmp_path: Path) -> None:
    """The app's PDF read by pdftotext -layout (not normalised): the first body line is the first 28 characters."""
    pdf = tmp_path / "正文.pdf"
    pdf.write_bytes(preview.docx_to_pdf_bytes(letter([("文书正文", HAN)], no_indent=True)))
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    body = [line.strip() for line in text.splitlines() if line.strip()]
    assert body[:2] == [HAN[:28], HAN[28:]]


@needs_pdftotext
def test_a_left_aligned_line_is_drawn_condensed(tmp_path: Path) -> None:
    """A run set in one piece (称谓, left-aligned) is drawn 28 × 15.75 pt wide in the PDF, as it was laid out."""
    layout = layout_docx(letter([("称谓", HAN[:28])]))
    items = [item for item in layout.pages[0].items if isinstance(item, TextItem) and item.text == HAN[:28]]
    assert len(items) == 1 and items[0].spacing == CONDENSE  # one run: the footer's page number is apart
    pdf = tmp_path / "称谓.pdf"
    pdf.write_bytes(preview.docx_to_pdf_bytes(letter([("称谓", HAN[:28])])))
    lines, _height = pdf_lines(pdf)
    line = next(line for line in lines if line.text == HAN[:28])
    assert abs(line.left - items[0].x) < 0.5
    assert abs(line.right - (items[0].x + 28 * (16 + CONDENSE))) < 1.0  # uncondensed it would end 7 pt further
