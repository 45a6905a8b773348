"""Preview, print and PDF without Word: .docx -> HTML (mammoth) -> QTextDocument -> QPdfWriter / QPrinter.

mammoth keeps the structure but drops fonts, sizes and alignment, so the templates' named paragraph
styles (文书标题, 文书正文, 落款 …) are mapped to HTML classes (STYLE_MAP) and the classes get the
letter's look from a default style sheet. Qt is imported inside the functions only, so that the
CLI and the wizard's first window do not pay for it. Without a Chinese font every character would
print as a box: that is refused with a clear message instead.
"""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtGui import QPagedPaintDevice, QTextDocument

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

#: GB/T 9704 page: A4, margins top/bottom/left/right in mm (domain-notes.md "Letters").
MARGINS_MM = (37.0, 35.0, 28.0, 26.0)

#: Preferred fonts, first available wins: 仿宋 for the body, 黑体 for titles, then common CJK fonts.
BODY_FONTS = (
    "FangSong", "仿宋", "STFangsong", "FangSong_GB2312", "仿宋_GB2312", "Noto Serif CJK SC", "Source Han Serif SC",
    "SimSun", "宋体", "Songti SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑",
)  # fmt: skip
TITLE_FONTS = (
    "SimHei", "黑体", "STHeiti", "Heiti SC", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "微软雅黑",
    "PingFang SC", "WenQuanYi Zen Hei",
)  # fmt: skip

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


def style_sheet(fonts: Fonts, *, dpi: float) -> str:
    """The letter style sheet for a document laid out on a device of ``dpi`` (a screen, a printer, a PDF)."""
    lengths = {f"pt{n}": round(n * 96 / 72) for n in _MARGIN_POINTS}
    lengths.update({f"pt{n}": round(n * dpi / 72) for n in _INDENT_POINTS})
    return STYLE_SHEET.format(body=fonts.body, title=fonts.title, **lengths)


class PreviewError(Exception):
    """Preview, print or PDF that cannot be made; ``message`` is Chinese and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Fonts:
    body: str
    title: str


def docx_to_html(source: Path | bytes) -> str:
    """The .docx as an HTML fragment, with the templates' styles as classes and tables given borders."""
    import mammoth

    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP, ignore_empty_paragraphs=False)
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


def ensure_application() -> Any:
    """The Qt application that fonts and painting need; made (offscreen when there is no display) if missing.

    It is a QApplication, not just a QGuiApplication, so that widgets created later in the same
    process (the wizard, tests) still work: Qt allows one application object per process.
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QGuiApplication

    app = QCoreApplication.instance()
    if app is None:
        if not _on_main_thread():
            raise PreviewError("打印和生成 PDF 需要先启动图形界面程序，请在主线程中调用")
        if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtWidgets import QApplication

        app = QApplication([sys.argv[0] if sys.argv and sys.argv[0] else "policy-assistant"])
        _keep.append(app)
    elif not isinstance(app, QGuiApplication):
        raise PreviewError("打印和生成 PDF 需要图形界面程序（QGuiApplication），当前只有 QCoreApplication")
    return app


_keep: list[Any] = []


def _on_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def available_families() -> list[str]:
    """Font families that can show simplified Chinese."""
    from PySide6.QtGui import QFontDatabase

    ensure_application()
    return list(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_cjk_font() -> Fonts:
    """The fonts to print with. Raises :class:`PreviewError` when no installed font has Chinese glyphs."""
    families = available_families()
    if not families:
        raise PreviewError(
            "未找到中文字体，生成的 PDF 中汉字会显示为方框。请安装中文字体（如仿宋、宋体、黑体，"
            "或 Linux 上的 fonts-noto-cjk 软件包）后重试；Word 文档（.docx）不受影响"
        )
    present = set(families)
    body = next((f for f in BODY_FONTS if f in present), families[0])
    title = next((f for f in TITLE_FONTS if f in present), body)
    return Fonts(body=body, title=title)


def _page_layout() -> Any:
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    top, bottom, left, right = MARGINS_MM
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4),
        QPageLayout.Orientation.Portrait,
        QMarginsF(left, top, right, bottom),
        QPageLayout.Unit.Millimeter,
    )


def text_document(html: str, device: QPagedPaintDevice) -> QTextDocument:
    """Lay ``html`` out for ``device``'s page: the letter's fonts and sizes, A4 with the letter margins.

    The layout measures in the device's own pixels and the page size is its paint rectangle, so
    Qt neither shrinks the text nor adds margins and page numbers of its own.
    """
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QFont, QTextDocument

    fonts = ensure_cjk_font()
    device.setPageLayout(_page_layout())
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)
    document.setDocumentMargin(0)
    font = QFont(fonts.body)
    font.setPointSizeF(16)
    document.setDefaultFont(font)
    document.setDefaultStyleSheet(style_sheet(fonts, dpi=device.logicalDpiX()))
    document.setHtml(f"<html><body>{html}</body></html>")
    document.setPageSize(QSizeF(device.width(), device.height()))
    return document


def print_html(html: str, device: QPagedPaintDevice) -> None:
    """Print ``html`` on ``device`` (a QPrinter from a print or preview dialog, or a QPdfWriter)."""
    document = text_document(html, device)
    document.print_(device)


def html_to_pdf_bytes(html: str, *, title: str = "") -> bytes:
    """A PDF of ``html`` in memory."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    ensure_application()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(300)
    writer.setTitle(title)
    writer.setCreator("惠企政策申报助手")
    print_html(html, writer)
    del writer  # finishes the file
    buffer.close()
    return bytes(data.data())


def html_to_pdf(html: str, pdf_path: Path, *, title: str = "") -> Path:
    """Write a PDF of ``html`` to ``pdf_path`` atomically. Raises PreviewError or fileio.WriteError."""
    from desktop_app.fileio import atomic_write_bytes

    return atomic_write_bytes(Path(pdf_path), html_to_pdf_bytes(html, title=title))


def docx_to_pdf_bytes(source: Path | bytes, *, title: str = "") -> bytes:
    """A PDF of a .docx, through the HTML preview route."""
    return html_to_pdf_bytes(docx_to_html(source), title=title)
