"""One font face as the layout and the PDF writer need it: widths, vertical metrics, TrueType glyphs.

Everything is read lazily and kept between runs in the user's cache folder (paths.user_cache_dir), keyed
by the font file's path, size and date: a 20 MB CJK collection's character map costs 0.1 s to parse
and each CFF glyph about 1 ms to convert, so a warm run reads neither. The cache is only a cache: an
unreadable or stale one is ignored and rebuilt.

Every face is embedded as a small TrueType font built from just the characters a document uses
(:meth:`FaceData.small_truetype`), its glyphs converted once and cached. For CFF faces (the Noto CJK
collections on Linux) that replaces fontTools' subsetter, which executes every used glyph's program:
seconds per letter; the outlines are converted with cu2qu instead (error below 1/1000 em, invisible in
print). TrueType faces (simfang.ttf, simsun.ttc on Windows) keep their outlines as they are.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from desktop_app.documents.fonts import FontFace

#: Bump when what is cached changes, so that old caches are not used.
CACHE_VERSION = 4


@dataclass(frozen=True, slots=True)
class EmbeddedFont:
    """A font program to embed (TrueType bytes) with its glyph ids and widths (1/1000 em) for the PDF."""

    data: bytes
    gid: dict[str, int]
    widths: list[float]
    name: str
    bbox: tuple[float, ...]
    ascent: float
    descent: float


class FaceData:
    """Metrics and converted glyphs of one face (one per face and process, see :func:`metrics`)."""

    def __init__(self, face: FontFace) -> None:
        self.face = face
        self._font: Any = None
        self._cmap: dict[int, str] | None = None
        self._glyph_set: Any = None
        self.chars: dict[str, tuple[str | None, int]] = {}  # char -> (glyph name or None: missing, advance)
        self.glyphs: dict[str, tuple[Any, int]] = {}  # glyph name -> (compiled TrueType glyph, xMin)
        #: Each glyph's compiled bytes, kept as converted: a glyph object is expanded once it is embedded, and
        #: compiling it again for the cache costs more than converting it did (every save, every glyph).
        self._glyph_data: dict[str, bytes] = {}
        self._dirty = False
        self._cache = _cache_file(face)
        header = self._load()
        if header is None:
            header = self._read_header()
            self._dirty = True
        self.header = header
        self.upem = float(header["upem"])
        self.ascent = header["ascent"] / self.upem
        self.descent = header["descent"] / self.upem
        self.is_cff = bool(header["cff"])

    def _read_header(self) -> dict[str, Any]:
        """What the layout and :meth:`small_truetype` need from the face's small tables."""
        font = self.font
        head, hhea, os2 = font["head"], font["hhea"], font.get("OS/2")
        win = os2 is not None and os2.usWinAscent
        header: dict[str, Any] = {
            "upem": head.unitsPerEm,
            "ascent": os2.usWinAscent if win else hhea.ascent,
            "descent": os2.usWinDescent if win else -hhea.descent,
            "cff": "CFF " in font,
            "family": font["name"].getDebugName(1) or self.face.family,
            "style": font["name"].getDebugName(2) or "Regular",
            "hhea": [hhea.ascent, hhea.descent, hhea.lineGap],
            "bbox": [head.xMin, head.yMin, head.xMax, head.yMax],
            "notdef": int(font["hmtx"].metrics[".notdef"][0]),
        }
        if os2 is not None:
            header["os2"] = {
                "sTypoAscender": os2.sTypoAscender,
                "sTypoDescender": os2.sTypoDescender,
                "sTypoLineGap": os2.sTypoLineGap,
                "usWinAscent": os2.usWinAscent,
                "usWinDescent": os2.usWinDescent,
                "usWeightClass": os2.usWeightClass,
                "sCapHeight": getattr(os2, "sCapHeight", hhea.ascent),
            }
        return header

    @property
    def font(self) -> Any:
        if self._font is None:
            from fontTools.ttLib import TTFont

            self._font = TTFont(str(self.face.path), fontNumber=self.face.index, lazy=True)
        return self._font

    def _char(self, char: str) -> tuple[str | None, int]:
        found = self.chars.get(char)
        if found is None:
            if self._cmap is None:
                self._cmap = self.font.getBestCmap() or {}
            name = self._cmap.get(ord(char))
            advance = self.font["hmtx"].metrics[name][0] if name is not None else int(self.upem)
            found = self.chars[char] = (name, advance)
            self._dirty = True
        return found

    def has(self, char: str) -> bool:
        return self._char(char)[0] is not None

    def width(self, char: str) -> float:
        """Advance of ``char`` in em (1 em for a character the face lacks)."""
        return self._char(char)[1] / self.upem

    def truetype_glyph(self, name: str) -> tuple[Any, int]:
        """The glyph as compiled TrueType data (a glyph object never expanded again) and its xMin."""
        found = self.glyphs.get(name)
        if found is None:
            from fontTools.pens.cu2quPen import Cu2QuPen
            from fontTools.pens.ttGlyphPen import TTGlyphPen
            from fontTools.ttLib.tables._g_l_y_f import Glyph

            if self._glyph_set is None:
                self._glyph_set = self.font.getGlyphSet()
            pen = TTGlyphPen(None)
            # CFF contours run counter-clockwise, TrueType ones clockwise; TrueType curves pass unchanged.
            self._glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=self.is_cff))
            glyph = pen.glyph()
            glyph.recalcBounds(None)
            x_min = glyph.xMin if glyph.numberOfContours else 0
            data = glyph.compile(None)
            self._glyph_data[name] = data
            found = self.glyphs[name] = (Glyph(data), x_min)
            self._dirty = True
        return found

    def small_truetype(self, chars: set[str]) -> EmbeddedFont:
        """A TrueType font with just ``chars`` (and .notdef), metrics and names taken from the face."""
        from fontTools.fontBuilder import FontBuilder
        from fontTools.ttLib import newTable

        mapping = {ord(c): name for c in chars if (name := self._char(c)[0]) is not None}
        order = [".notdef", *sorted(set(mapping.values()) - {".notdef"})]
        converted = {name: self.truetype_glyph(name) for name in order}
        by_name = {glyph: advance for glyph, advance in self.chars.values() if glyph is not None}
        by_name[".notdef"] = self.header["notdef"] or int(self.upem)
        header = self.header
        builder = FontBuilder(header["upem"], isTTF=True)
        builder.setupGlyphOrder(order)
        builder.setupCharacterMap(mapping)
        # What FontBuilder.setupGlyf does, minus its cubic check, which would expand the compiled glyphs.
        builder.font["loca"] = newTable("loca")
        builder.font["glyf"] = newTable("glyf")
        builder.font["glyf"].glyphs = {name: glyph for name, (glyph, _x) in converted.items()}
        builder.font["glyf"].glyphOrder = order
        builder.setupHorizontalMetrics({name: (by_name[name], x) for name, (_g, x) in converted.items()})
        ascent, descent, line_gap = header["hhea"]
        builder.setupHorizontalHeader(ascent=ascent, descent=descent, lineGap=line_gap)
        family, style = header["family"], header["style"]
        ps_name = re.sub(r"[^A-Za-z0-9-]", "", f"{family}-{style}")
        builder.setupNameTable({"familyName": family, "styleName": style, "psName": ps_name})
        builder.setupOS2(**header.get("os2", {}))
        builder.setupPost()
        for attr, value in zip(("xMin", "yMin", "xMax", "yMax"), header["bbox"], strict=True):
            setattr(builder.font["head"], attr, value)  # the face's own box: recomputing it recompiles glyphs
        builder.font.recalcBBoxes = False
        out = io.BytesIO()
        builder.save(out)
        gids = {name: gid for gid, name in enumerate(order)}
        return EmbeddedFont(
            data=out.getvalue(),
            gid={chr(code): gids[name] for code, name in mapping.items()},
            widths=[by_name[name] * 1000 / self.upem for name in order],
            name=ps_name,
            bbox=tuple(v * 1000 / self.upem for v in header["bbox"]),
            ascent=self.ascent * 1000,
            descent=-self.descent * 1000,
        )

    # ------------------------------------------------------------------------ the cache between runs
    def _load(self) -> dict[str, Any] | None:
        if self._cache is None or not self._cache.is_file():
            return None
        from fontTools.ttLib.tables._g_l_y_f import Glyph

        try:
            stored = json.loads(self._cache.read_text(encoding="utf-8"))
            header = stored["header"]
            chars = {c: (name, int(advance)) for c, (name, advance) in stored["chars"].items()}
            raw = {name: (base64.b64decode(data), int(x)) for name, (x, data) in stored["glyphs"].items()}
            glyphs = {name: (Glyph(data), x) for name, (data, x) in raw.items()}
            float(header["upem"]), float(header["ascent"]), float(header["descent"]), header["hhea"], header["bbox"]
        except (OSError, ValueError, TypeError, KeyError):
            return None
        self.chars, self.glyphs = chars, glyphs
        self._glyph_data = {name: data for name, (data, _) in raw.items()}
        return dict(header)

    def save(self) -> None:
        """Keep what this run learnt for the next one (best effort: a read-only profile just reads again)."""
        if self._cache is None or not self._dirty:
            return
        from desktop_app.fileio import WriteError, atomic_write_text

        data = {
            "header": self.header,
            "chars": self.chars,
            "glyphs": {
                name: [x, base64.b64encode(self._glyph_data[name]).decode()] for name, (_, x) in self.glyphs.items()
            },
        }
        try:
            self._cache.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(self._cache, json.dumps(data, ensure_ascii=False))
        except (OSError, WriteError):
            return
        self._dirty = False


def _cache_file(face: FontFace) -> Path | None:
    """Where this face's data is kept: named after the file, its size and date, and the face."""
    from desktop_app import paths

    try:
        stat = face.path.stat()
    except OSError:
        return None
    key = f"{face.path.resolve()}|{face.index}|{stat.st_size}|{stat.st_mtime_ns}|{CACHE_VERSION}"
    return paths.user_cache_dir() / "pdf-fonts" / f"{hashlib.sha1(key.encode()).hexdigest()}.json"


@lru_cache(maxsize=16)
def metrics(face: FontFace) -> FaceData:
    """The process's one :class:`FaceData` of ``face``."""
    return FaceData(face)
