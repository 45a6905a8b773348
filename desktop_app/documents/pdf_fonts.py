"""Fonts for the PDF writer: fpdf2 font objects made fast enough to embed a CJK font in every letter.

fpdf2 parses the whole font file for each document and subsets it with fontTools. For a 20 MB
CFF collection (Noto CJK, the Linux fonts) that took seconds per letter: fontTools executes every
used CFF glyph program twice. So a CFF face is embedded as a small TrueType font built from just the
characters the document uses, their outlines converted once per process (cu2qu, error below 1/1000
em) and cached; fpdf2 then subsets that small font in milliseconds. TrueType faces (simfang.ttf,
simsun.ttc on Windows) subset quickly as they are, and only their parse is cached. Converted glyphs
are also kept in the user's cache folder (paths.user_cache_dir), so the next run starts warm.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import io
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.documents.fonts import FontFace

_LAYOUT_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx")


class _Source:
    """One face of a font file, opened once per process, with its converted glyphs."""

    def __init__(self, face: FontFace) -> None:
        from desktop_app.documents.pdf_layout import metrics

        shared = metrics(face)  # the layout's open font: one parse of cmap and hmtx per face
        self.face = face
        self.font = shared.font
        self.is_cff = "CFF " in self.font
        self.cmap: dict[int, str] = shared.cmap
        self.glyphs: dict[str, tuple[Any, int]] = {}  # glyph name -> (compiled TrueType glyph, xMin)
        self._glyph_set: Any = None
        self._cache = _cache_file(face) if self.is_cff else None
        self._stored = 0
        if self._cache is not None:
            self._load()

    def _load(self) -> None:
        """Glyphs converted by earlier runs (the cache is dropped silently when unreadable: it is only a cache)."""
        from fontTools.ttLib.tables._g_l_y_f import Glyph

        try:
            stored = json.loads(self._cache.read_text(encoding="utf-8"))  # type: ignore[union-attr]
            self.glyphs = {name: (Glyph(base64.b64decode(data)), int(x)) for name, (x, data) in stored.items()}
        except (OSError, ValueError, TypeError):
            self.glyphs = {}
        self._stored = len(self.glyphs)

    def save(self) -> None:
        """Keep newly converted glyphs for the next run (best effort: a read-only profile just converts again)."""
        if self._cache is None or len(self.glyphs) == self._stored:
            return
        from desktop_app.fileio import WriteError, atomic_write_text

        data = {name: [x, base64.b64encode(glyph.compile(None)).decode()] for name, (glyph, x) in self.glyphs.items()}
        try:
            self._cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self._cache, json.dumps(data))
        except (OSError, WriteError):
            return
        self._stored = len(self.glyphs)

    def truetype_glyph(self, name: str) -> tuple[Any, int]:
        """The glyph as compiled TrueType data (a glyph object that is never expanded again) and its xMin."""
        found = self.glyphs.get(name)
        if found is None:
            from fontTools.pens.cu2quPen import Cu2QuPen
            from fontTools.pens.ttGlyphPen import TTGlyphPen
            from fontTools.ttLib.tables._g_l_y_f import Glyph

            if self._glyph_set is None:
                self._glyph_set = self.font.getGlyphSet()
            pen = TTGlyphPen(None)
            # CFF contours run counter-clockwise, TrueType ones clockwise; 1 unit of 1000 is invisible in print.
            self._glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
            glyph = pen.glyph()
            glyph.recalcBounds(None)
            x_min = glyph.xMin if glyph.numberOfContours else 0
            found = self.glyphs[name] = (Glyph(glyph.compile(None)), x_min)
        return found

    def small_truetype(self, chars: set[str]) -> bytes:
        """A TrueType font with just ``chars`` (and .notdef), metrics and names taken from the face."""
        from fontTools.fontBuilder import FontBuilder
        from fontTools.ttLib import newTable

        font = self.font
        names = sorted({self.cmap[ord(c)] for c in chars if ord(c) in self.cmap})
        order = [".notdef", *[n for n in names if n != ".notdef"]]
        converted = {name: self.truetype_glyph(name) for name in order}
        advances = font["hmtx"].metrics
        glyphs = {name: glyph for name, (glyph, _x) in converted.items()}
        metrics = {name: (advances[name][0], x_min) for name, (_g, x_min) in converted.items()}
        head, hhea, os2 = font["head"], font["hhea"], font["OS/2"]
        family = font["name"].getDebugName(1) or self.face.family
        builder = FontBuilder(head.unitsPerEm, isTTF=True)
        builder.setupGlyphOrder(order)
        builder.setupCharacterMap({ord(c): self.cmap[ord(c)] for c in chars if ord(c) in self.cmap})
        # What FontBuilder.setupGlyf does, minus its cubic check, which would expand the compiled glyphs.
        builder.font["loca"] = newTable("loca")
        builder.font["glyf"] = newTable("glyf")
        builder.font["glyf"].glyphs = glyphs
        builder.font["glyf"].glyphOrder = order
        builder.setupHorizontalMetrics(metrics)
        builder.setupHorizontalHeader(ascent=hhea.ascent, descent=hhea.descent, lineGap=hhea.lineGap)
        style = font["name"].getDebugName(2) or "Regular"
        builder.setupNameTable(
            {"familyName": family, "styleName": style, "psName": re.sub(r"[^A-Za-z0-9-]", "", f"{family}-{style}")}
        )
        builder.setupOS2(
            sTypoAscender=os2.sTypoAscender,
            sTypoDescender=os2.sTypoDescender,
            sTypoLineGap=os2.sTypoLineGap,
            usWinAscent=os2.usWinAscent,
            usWinDescent=os2.usWinDescent,
            usWeightClass=os2.usWeightClass,
            sCapHeight=getattr(os2, "sCapHeight", hhea.ascent),
        )
        builder.setupPost()
        for attr in ("xMin", "yMin", "xMax", "yMax"):  # the face's own box: recomputing it would recompile glyphs
            setattr(builder.font["head"], attr, getattr(head, attr))
        builder.font.recalcBBoxes = False
        out = io.BytesIO()
        builder.save(out)
        return out.getvalue()


def _cache_file(face: FontFace) -> Path | None:
    """Where this face's converted glyphs are kept: named after the file, its size and date, and the face."""
    from desktop_app import paths

    try:
        stat = face.path.stat()
    except OSError:
        return None
    key = f"{face.path.resolve()}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|{CACHE_VERSION}"
    return paths.user_cache_dir() / "pdf-glyphs" / f"{hashlib.sha1(key.encode()).hexdigest()}.json"


#: Bump when the conversion changes, so that old caches are not used.
CACHE_VERSION = 1


@lru_cache(maxsize=16)
def _source(face: FontFace) -> _Source:
    return _Source(face)


#: Parsed TrueType fonts, one per face and process (fpdf2 would parse the file for every document).
_PARSED: dict[FontFace, Any] = {}


def add_font(pdf: Any, name: str, face: FontFace, chars: set[str]) -> None:
    """Register ``face`` on ``pdf`` as ``name``, ready to print ``chars`` (all the characters drawn with it)."""
    from fontTools.ttLib import TTFont
    from fpdf.fonts import SubsetMap, TTFFont

    key = name.lower()
    source = _source(face)
    if source.is_cff:
        data = source.small_truetype(chars)
        source.save()
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
