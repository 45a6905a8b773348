"""The PDF of a laid-out .docx, written with fpdf2: subset-embedded fonts whose text extracts as typed.

Qt's PDF engine gave 金 as the radical ⾦ and lost digits after Latin letters (issue 12); fpdf2 maps each
glyph to the character that was drawn, so pdftotext and search give back the real text.
"""

from __future__ import annotations

import datetime as dt

from desktop_app.documents.fonts import FontFace
from desktop_app.documents.pdf_fonts import add_font
from desktop_app.documents.pdf_layout import Layout, RectItem, RuleItem, TextItem

CREATOR = "惠企政策申报助手"


def layout_to_pdf_bytes(layout: Layout, *, title: str = "") -> bytes:
    """The PDF of ``layout`` in memory."""
    import logging

    from fpdf import FPDF

    logging.getLogger("fpdf").setLevel(logging.ERROR)  # a glyph missing from a font is not the user's business
    pdf = FPDF(unit="pt", format=(layout.width, layout.height))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.set_title(title or layout.title)
    pdf.set_creator(CREATOR)
    pdf.set_producer(CREATOR)
    pdf.set_creation_date(dt.datetime.now(dt.timezone.utc))
    chars: dict[FontFace, set[str]] = {}
    for page in layout.pages:
        for item in page.items:
            if isinstance(item, TextItem):
                chars.setdefault(item.face, set()).update(item.text)
    names: dict[FontFace, str] = {}
    for page in layout.pages:
        pdf.add_page()
        for item in page.items:
            if isinstance(item, RectItem):
                pdf.set_fill_color(*_rgb(item.fill))
                pdf.rect(item.x, item.y, item.w, item.h, style="F")
        for item in page.items:
            if isinstance(item, RuleItem):
                pdf.set_draw_color(0, 0, 0)
                pdf.set_line_width(item.width)
                pdf.line(item.x1, item.y1, item.x2, item.y2)
            elif isinstance(item, TextItem):
                name = names.get(item.face)
                if name is None:
                    name = names[item.face] = f"F{len(names)}"
                    add_font(pdf, name, item.face, chars[item.face])
                pdf.set_font(name, size=item.size)
                pdf.set_text_color(*_rgb(item.color or "000000"))
                if item.face.fake_bold:
                    pdf.text_mode = "FILL_STROKE"
                    pdf.set_line_width(item.size * 0.03)
                pdf.text(item.x, item.y, item.text)
                if item.face.fake_bold:
                    pdf.text_mode = "FILL"
    return bytes(pdf.output())


def _rgb(hex_color: str) -> tuple[int, int, int]:
    try:
        value = int(hex_color[:6], 16)
    except ValueError:
        return (0, 0, 0)
    return (value >> 16 & 255, value >> 8 & 255, value & 255)
