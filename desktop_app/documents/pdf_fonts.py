"""fpdf2 font objects for the PDF writer, made fast enough to embed a CJK font in every letter.

A CFF face (Noto CJK on Linux) is registered as the small TrueType font documents/pdf_face.py builds
from the document's characters, which fpdf2 subsets in milliseconds (the CFF font itself took seconds
per letter). A TrueType face (simfang.ttf, simsun.ttc on Windows) is registered as it is; fpdf2's
parse of it is kept for the process, and each document gets a fresh fontTools object to subset.
"""

from __future__ import annotations

import copy
import io
from typing import Any

from desktop_app.documents.fonts import FontFace
from desktop_app.documents.pdf_face import metrics

_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx")


#: Parsed TrueType fonts, one per face and process (fpdf2 would parse the file for every document).
_PARSED: dict[FontFace, Any] = {}


def add_font(pdf: Any, name: str, face: FontFace, chars: set[str]) -> None:
    """Register ``face`` on ``pdf`` as ``name``, ready to print ``chars`` (all the characters drawn with it)."""
    from fontTools.ttLib import TTFont
    from fpdf.fonts import SubsetMap, TTFFont

    key = name.lower()
    data_of_face = metrics(face)
    if data_of_face.is_cff:
        data = data_of_face.small_truetype(chars)
        data_of_face.save()
        font = pdf.fonts[key] = TTFFont(pdf, io.BytesIO(data), key, "")  # type: ignore[arg-type]  # fontTools reads it
        # Subsetting it must not recompute boxes either (that expands and recompiles every glyph).
        font.ttfont = TTFont(io.BytesIO(data), lazy=True, recalcTimestamp=False, recalcBBoxes=False)
        return
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
    # fpdf2 subsets the font object in place, so each document gets a fresh one to subset.
    ttfont = TTFont(str(face.path), fontNumber=face.index, lazy=True, recalcTimestamp=False, recalcBBoxes=False)
    for table in _LAYOUT_TABLES:
        if table in ttfont:  # fpdf2 drops the layout tables; fontTools would still read them first
            del ttfont[table]
    font.ttfont = ttfont
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    font.subset = SubsetMap(font)
