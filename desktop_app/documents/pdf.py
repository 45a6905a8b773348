"""The PDF of a laid-out .docx, written with fpdf2: subset-embedded fonts whose text extracts as typed.

Qt's PDF engine gave 金 as the radical ⾦ and lost digits after Latin letters (issue 12); fpdf2 maps each
glyph to the character that was drawn, so pdftotext and search give back the real text.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from desktop_app.documents.fonts import FontFace
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
                    _add_font(pdf, name, item.face)
                pdf.set_font(name, size=item.size)
                pdf.set_text_color(*_rgb(item.color or "000000"))
                if item.face.fake_bold:
                    pdf.text_mode = "FILL_STROKE"
                    pdf.set_line_width(item.size * 0.03)
                pdf.text(item.x, item.y, item.text)
                if item.face.fake_bold:
                    pdf.text_mode = "FILL"
    return bytes(pdf.output())


#: Parsed fonts, one per face and process: fpdf2 parses a 20 MB CJK collection for every document otherwise.
_PARSED: dict[FontFace, Any] = {}


def _add_font(pdf: Any, name: str, face: FontFace) -> None:
    """Register ``face`` as ``name``, reusing this process's parse of the font (widths, cmap, descriptor).

    Each document still gets its own fontTools object to subset (fpdf2 subsets it in place); bounding
    boxes are not recomputed for the subset (the font's own are kept), which halves the subsetting time.
    """
    from fontTools.ttLib import TTFont
    from fpdf.fonts import SubsetMap

    key = name.lower()
    parsed = _PARSED.get(face)
    if parsed is None:
        pdf.add_font(name, "", str(face.path), collection_font_number=face.index)
        parsed = _PARSED[face] = copy.copy(pdf.fonts[key])
        font = pdf.fonts[key]
    else:
        font = copy.copy(parsed)
        font.i = len(pdf.fonts) + 1
        font.fontkey = key
        pdf.fonts[key] = font
        if font.is_cff and font.is_cid_keyed:
            pdf._set_min_pdf_version("1.6")
    ttfont = TTFont(str(face.path), fontNumber=face.index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    for table in ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx"):
        if table in ttfont:  # fpdf2 drops the layout tables anyway; fontTools would still read them first
            del ttfont[table]
    font.ttfont = ttfont
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)


def _rgb(hex_color: str) -> tuple[int, int, int]:
    try:
        value = int(hex_color[:6], 16)
    except ValueError:
        return (0, 0, 0)
    return (value >> 16 & 255, value >> 8 & 255, value & 255)
