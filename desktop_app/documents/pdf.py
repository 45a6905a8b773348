"""The PDF of a laid-out .docx: a small PDF 1.4 writer whose text layer gives back the characters drawn.

Each face is embedded as the small TrueType font documents/pdf_face.py builds from the document's
characters (a subset by construction), as a CIDFontType2 with Identity-H encoding; its ToUnicode map
sends every glyph id to the character it was drawn for. Qt's PDF engine gave 金 as the radical ⾦ and
lost digits after Latin letters (issue 12); here pdftotext and search give back the real text.
"""

from __future__ import annotations

import datetime as dt
import zlib

from desktop_app.documents.fonts import FontFace
from desktop_app.documents.pdf_face import EmbeddedFont, metrics
from desktop_app.documents.pdf_layout import Layout, RectItem, RuleItem, TextItem

CREATOR = "惠企政策申报助手"


def _num(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return text if text not in ("", "-0") else "0"


def _text_string(text: str) -> str:
    """A PDF text string (UTF-16BE with BOM, hex) for the document information."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def _rgb(hex_color: str) -> str:
    try:
        value = int(hex_color[:6], 16)
    except ValueError:
        value = 0
    return " ".join(_num((value >> shift & 255) / 255) for shift in (16, 8, 0))


class _Writer:
    def __init__(self) -> None:
        self.objects: list[bytes] = []

    def reserve(self) -> int:
        self.objects.append(b"")
        return len(self.objects)

    def put(self, number: int, body: str | bytes) -> int:
        self.objects[number - 1] = body.encode("latin-1") if isinstance(body, str) else body
        return number

    def add(self, body: str | bytes) -> int:
        return self.put(self.reserve(), body)

    def stream(self, data: bytes, extra: str = "") -> int:
        packed = zlib.compress(data, 6)
        head = f"<< /Length {len(packed)} /Filter /FlateDecode {extra}>>\nstream\n".encode("latin-1")
        return self.add(head + packed + b"\nendstream")

    def output(self, root: int, info: int) -> bytes:
        out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
        offsets = []
        for number, body in enumerate(self.objects, start=1):
            offsets.append(len(out))
            out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(self.objects) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
        out += f"trailer\n<< /Size {len(self.objects) + 1} /Root {root} 0 R /Info {info} 0 R >>\n".encode()
        out += f"startxref\n{xref}\n%%EOF\n".encode()
        return bytes(out)


def _font_objects(writer: _Writer, font: EmbeddedFont, tag: str) -> int:
    """Type0 font, CIDFontType2, descriptor, font file and ToUnicode map; returns the Type0 font's number."""
    name = f"{tag}+{font.name or 'Font'}"
    file_obj = writer.stream(font.data, f"/Length1 {len(font.data)} ")
    bbox = " ".join(_num(v) for v in font.bbox)
    descriptor = writer.add(
        f"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{bbox}] /ItalicAngle 0 "
        f"/Ascent {_num(font.ascent)} /Descent {_num(font.descent)} /CapHeight {_num(font.ascent)} "
        f"/StemV 80 /FontFile2 {file_obj} 0 R >>"
    )
    widths = " ".join(_num(w) for w in font.widths)
    cid = writer.add(
        f"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} "
        f"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        f"/FontDescriptor {descriptor} 0 R /DW 1000 /W [0 [{widths}]] /CIDToGIDMap /Identity >>"
    )
    entries = sorted((gid, char) for char, gid in font.gid.items())
    blocks = []
    for start in range(0, len(entries), 100):  # at most 100 entries per bfchar block
        chunk = entries[start : start + 100]
        lines = "".join(f"<{gid:04X}> <{char.encode('utf-16-be').hex().upper()}>\n" for gid, char in chunk)
        blocks.append(f"{len(chunk)} beginbfchar\n{lines}endbfchar\n")
    cmap = (
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        f"{''.join(blocks)}endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    )
    to_unicode = writer.stream(cmap.encode("ascii"))
    return writer.add(
        f"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H "
        f"/DescendantFonts [{cid} 0 R] /ToUnicode {to_unicode} 0 R >>"
    )


def _tag(index: int) -> str:
    """The six capital letters a subset font's name starts with (PDF 32000 §9.6.4)."""
    letters = ""
    for _ in range(6):
        index, rest = divmod(index, 26)
        letters += chr(ord("A") + rest)
    return letters


def layout_to_pdf_bytes(layout: Layout, *, title: str = "") -> bytes:
    """The PDF of ``layout`` in memory."""
    chars: dict[FontFace, set[str]] = {}
    for page in layout.pages:
        for item in page.items:
            if isinstance(item, TextItem):
                chars.setdefault(item.face, set()).update(item.text)
    fonts = {face: metrics(face).small_truetype(used) for face, used in chars.items()}
    for face in fonts:
        metrics(face).save()  # glyphs converted for this document, kept for the next run
    names = {face: f"F{index}" for index, face in enumerate(fonts, start=1)}

    writer = _Writer()
    catalog, pages_obj = writer.reserve(), writer.reserve()
    refs = [
        f"/{names[face]} {_font_objects(writer, font, _tag(i))} 0 R" for i, (face, font) in enumerate(fonts.items())
    ]
    font_refs = " ".join(refs)
    kids = []
    for page in layout.pages:
        content = _content(page.items, layout.height, names, fonts)
        contents = writer.stream(content.encode("latin-1"))
        kids.append(
            writer.add(
                f"<< /Type /Page /Parent {pages_obj} 0 R /MediaBox [0 0 {_num(layout.width)} {_num(layout.height)}] "
                f"/Resources << /Font << {font_refs} >> >> /Contents {contents} 0 R >>"
            )
        )
    writer.put(pages_obj, f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>")
    writer.put(catalog, f"<< /Type /Catalog /Pages {pages_obj} 0 R >>")
    now = dt.datetime.now(dt.timezone.utc).strftime("D:%Y%m%d%H%M%SZ")
    info = writer.add(
        f"<< /Title {_text_string(title or layout.title)} /Creator {_text_string(CREATOR)} "
        f"/Producer {_text_string(CREATOR)} /CreationDate ({now}) /ModDate ({now}) >>"
    )
    return writer.output(catalog, info)


def _content(items: list, height: float, names: dict[FontFace, str], fonts: dict[FontFace, EmbeddedFont]) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, RectItem):
            out.append(f"{_rgb(item.fill)} rg {_num(item.x)} {_num(height - item.y - item.h)} "
                       f"{_num(item.w)} {_num(item.h)} re f")  # fmt: skip
    widths: float | None = None
    rules = [item for item in items if isinstance(item, RuleItem)]
    if rules:
        out.append("0 0 0 RG 0 J")
    for rule in rules:
        if rule.width != widths:
            widths = rule.width
            out.append(f"{_num(rule.width)} w")
        out.append(f"{_num(rule.x1)} {_num(height - rule.y1)} m {_num(rule.x2)} {_num(height - rule.y2)} l S")
    color = ""
    spacing = 0.0  # Tc, a text state parameter: it stays set from one BT … ET to the next
    for item in items:
        if not isinstance(item, TextItem):
            continue
        font = fonts[item.face]
        if (item.color or "000000") != color:
            color = item.color or "000000"
            out.append(f"{_rgb(color)} rg {_rgb(color)} RG")
        glyphs = "".join(f"{font.gid.get(c, 0):04X}" for c in item.text)
        mode = f"2 Tr {_num(item.size * 0.03)} w " if item.face.fake_bold else ""
        if item.spacing != spacing:  # character spacing (w:spacing): Tc adds it to every glyph's advance
            spacing = item.spacing
            mode += f"{_num(spacing)} Tc "
        out.append(
            f"BT {mode}/{names[item.face]} {_num(item.size)} Tf 1 0 0 1 {_num(item.x)} {_num(height - item.y)} Tm "
            f"<{glyphs}> Tj ET"
        )
    return "\n".join(out)
