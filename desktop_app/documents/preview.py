"""Preview and PDF without Word: the on-screen preview as HTML (mammoth), the PDF as the .docx's own layout.

The preview: mammoth keeps the structure but drops fonts, sizes and alignment, so the templates' named
paragraph styles (文书标题, 文书正文, 落款 …) are mapped to HTML classes (STYLE_MAP) and the classes get
the letter's look from one default style sheet, :func:`style_sheet` (ui/letter_preview.py applies it
at three quarters of print size).

The PDF (and the wizard's 打印, ui/print_painter.py) does not go through HTML: documents/pdf_layout.py
lays the .docx out with its own line pitch, spacing, indents, justification, keep-with-next, widow
control and footers, and documents/pdf.py writes that layout as PDF. Nothing here creates a Qt
application. Without a Chinese font every character would print as a box: that is refused with a
clear message instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.errors import UserError

#: The templates' paragraph styles as HTML classes (see scripts/make_templates.py).
STYLE_MAP = """
p[style-name='文书标题'] => p.title:fresh
p[style-name='文书副标题'] => p.subtitle:fresh
p[style-name='称谓'] => p.addressee:fresh
p[style-name='文书正文'] => p.body:fresh
p[style-name='小标题'] => p.heading:fresh
p[style-name='附件'] => p.attachment:fresh
p[style-name='附件条目'] => p.attachment-item:fresh
p[style-name='落款'] => p.signature:fresh
p[style-name='联系方式'] => p.contact:fresh
p[style-name='说明'] => p.remark:fresh
p[style-name='表头'] => p.cell-head:fresh
p[style-name='表格分组'] => p.cell-group:fresh
p[style-name='表格文字'] => p.cell:fresh
"""

#: The letter's look. Qt's rich text takes lengths other than font sizes in pixels only, and scales
#: them unevenly: a margin is in pixels at 96 dpi, a text indent in pixels of the paint device.
#: {ptN} stands for N points in the pixels that property needs; :func:`style_sheet` fills them in.
#: (ptN for margins: 14, 28, 80; for text indents: 32.)
STYLE_SHEET = """
body {{ font-family: "{body}"; font-size: 16pt; }}
p {{ margin: 0; line-height: 175%; }}
p.title {{ font-family: "{title}"; font-size: 22pt; text-align: center; line-height: 150%; margin-bottom: {pt28}px; }}
p.heading {{ font-family: "{title}"; text-indent: {pt32}px; }}
p.subtitle {{ text-align: center; margin-bottom: {pt14}px; }}
p.addressee {{ text-indent: 0; }}
p.body, p.attachment, p.contact {{ text-indent: {pt32}px; }}
p.attachment-item {{ margin-left: {pt80}px; }}
p.signature {{ text-align: right; }}
p.remark {{ font-size: 12pt; margin-top: {pt14}px; line-height: 150%; }}
p.cell, p.cell-head, p.cell-group {{ font-size: 10.5pt; line-height: 125%; text-indent: 0; }}
p.cell-head {{ font-family: "{title}"; text-align: center; }}
p.cell-group {{ font-family: "{title}"; }}
"""
_MARGIN_POINTS = (14, 28, 80)
_INDENT_POINTS = (32,)


def style_sheet(fonts: Fonts, *, dpi: float, scale: float = 1.0) -> str:
    """The letter style sheet for a document laid out on a device of ``dpi`` (a screen, a printer, a PDF).

    ``scale`` shrinks every font size and length alike: the on-screen preview shows the letter at three
    quarters of print size, so that a line fits the pane, with the same proportions as on paper.
    """
    lengths = {f"pt{n}": round(n * scale * 96 / 72) for n in _MARGIN_POINTS}
    lengths.update({f"pt{n}": round(n * scale * dpi / 72) for n in _INDENT_POINTS})
    sheet = STYLE_SHEET.format(body=fonts.body, title=fonts.title, **lengths)
    if scale == 1.0:
        return sheet
    return re.sub(r"(\d+(?:\.\d+)?)pt\b", lambda m: f"{float(m.group(1)) * scale:g}pt", sheet)


class PreviewError(UserError):
    """Preview, print or PDF that cannot be made; ``message`` is Chinese and says what to do."""


@dataclass(frozen=True, slots=True)
class Fonts:
    body: str
    title: str


def docx_to_html(source: Path | bytes) -> str:
    """The .docx as an HTML fragment, with the templates' styles as classes and tables given borders."""
    import mammoth

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    result = mammoth.convert_to_html(
        io.BytesIO(data), style_map=STYLE_MAP, ignore_empty_paragraphs=False, external_file_access=False
    )
    # Qt gives an empty paragraph no height; the letter's blank lines (before the signature) need one.
    html = re.sub(r"(<p[^>]*>)(</p>)", r"\1&nbsp;\2", str(result.value))
    return _size_tables(html, _grid_widths(data))


def _grid_widths(data: bytes) -> list[list[int]]:
    """Each table's column widths (w:gridCol, in twips), in document order as mammoth writes the tables."""
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    widths = []
    for table in root.iter(f"{w}tbl"):
        grid = table.find(f"{w}tblGrid")
        cols = [] if grid is None else grid.findall(f"{w}gridCol")
        widths.append([int(c.get(f"{w}w") or 0) for c in cols])
    return widths


def _size_tables(html: str, widths: list[list[int]]) -> str:
    """Give tables borders, and the cells of each table's first row the template's column widths.

    mammoth drops widths, and Qt would then size columns by their content.
    """
    cell = re.compile(r"<(td|th)((?:\s[^>]*)?)>")
    pieces = html.split("<table>")
    out = [pieces[0]]
    for index, piece in enumerate(pieces[1:]):
        cols = widths[index] if index < len(widths) else []
        total = sum(cols)
        end = piece.find("</tr>")
        if total and end > 0:
            position = 0

            def sized(match: re.Match[str], cols: list[int] = cols, total: int = total) -> str:
                nonlocal position
                colspan = re.search(r'colspan="(\d+)"', match.group(2))
                span = int(colspan.group(1)) if colspan else 1
                share = sum(cols[position : position + span]) * 100 / total
                position += span
                return f'<{match.group(1)}{match.group(2)} width="{share:.0f}%">'

            piece = cell.sub(sized, piece[:end]) + piece[end:]
        out.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">' + piece)
    return "".join(out)


def ensure_cjk_font() -> Fonts:
    """The fonts of the letters' body (仿宋) and titles (黑体) on this machine, by family name.

    Raises :class:`PreviewError` when no installed font has Chinese glyphs. Needs no Qt: the fonts
    are found as files (documents/fonts.py), the same ones the PDF embeds.
    """
    from desktop_app.documents.fonts import resolve_installed

    body = resolve_installed("仿宋")
    if body is None:
        raise PreviewError(NO_CJK_FONT)
    title = resolve_installed("黑体") or body
    return Fonts(body=body.family, title=title.family)


NO_CJK_FONT = (
    "未找到中文字体，生成的 PDF 中汉字会显示为方框。请安装中文字体（如仿宋、宋体、黑体，"
    "或 Linux 上的 fonts-noto-cjk 软件包）后重试；Word 文档（.docx）不受影响"
)


def docx_to_pdf_bytes(source: Path | bytes, *, title: str = "") -> bytes:
    """A PDF of a .docx (bytes or a path) laid out as Word lays it out (documents/pdf_layout.py).

    Raises :class:`PreviewError` when no Chinese font is installed.
    """
    from desktop_app.documents.pdf import layout_to_pdf_bytes
    from desktop_app.documents.pdf_layout import layout_docx

    return layout_to_pdf_bytes(layout_docx(source, title=title), title=title)


def docx_to_pdf(source: Path | bytes, pdf_path: Path, *, title: str = "") -> Path:
    """Write the PDF of a .docx to ``pdf_path`` atomically. Raises PreviewError or fileio.WriteError."""
    from desktop_app.fileio import atomic_write_bytes

    return atomic_write_bytes(Path(pdf_path), docx_to_pdf_bytes(source, title=title))
