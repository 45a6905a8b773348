"""The wizard's 打印 and 打印预览: paint the same page layout the PDF is written from, with a QPainter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPageLayout, QPageSize, QPainter, QPen

from desktop_app.documents.fonts import FontFace
from desktop_app.documents.pdf_layout import Layout, RectItem, RuleItem, TextItem, layout_docx

_families: dict[FontFace, str] = {}


def _family(face: FontFace) -> str:
    """The Qt family of ``face``; a font file Qt does not know yet (a user font folder) is loaded once."""
    found = _families.get(face)
    if found is None:
        found = face.family
        if face.family not in QFontDatabase.families():
            loaded = QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(face.path)))
            if loaded:
                found = next((f for f in loaded if f == face.family), loaded[min(face.index, len(loaded) - 1)])
        _families[face] = found
    return found


def paint_layout(layout: Layout, printer: Any) -> None:
    """Paint every page of ``layout`` on ``printer`` (a QPrinter from the print or preview dialog) at full size.

    The printer's page is set to the layout's size with no margins of its own: the layout already
    holds the letter's margins, so Qt must neither add nor shrink anything.
    """
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QSizeF(layout.width, layout.height), QPageSize.Unit.Point),
            QPageLayout.Orientation.Portrait,
            QMarginsF(0, 0, 0, 0),
            QPageLayout.Unit.Point,
        )
    )
    painter = QPainter()
    if not painter.begin(printer):
        return
    try:
        scale = printer.resolution() / 72.0
        for number, page in enumerate(layout.pages):
            if number:
                printer.newPage()
            _paint_page(painter, page.items, scale)
    finally:
        painter.end()


def _paint_page(painter: QPainter, items: list[Any], scale: float) -> None:
    for item in items:
        if isinstance(item, RectItem):
            rect = QRectF(item.x * scale, item.y * scale, item.w * scale, item.h * scale)
            painter.fillRect(rect, QColor(f"#{item.fill[:6]}"))
    for item in items:
        if isinstance(item, RuleItem):
            pen = QPen(QColor("black"))
            pen.setWidthF(item.width * scale)
            painter.setPen(pen)
            painter.drawLine(QPointF(item.x1 * scale, item.y1 * scale), QPointF(item.x2 * scale, item.y2 * scale))
        elif isinstance(item, TextItem):
            font = QFont(_family(item.face))
            font.setPixelSize(max(1, round(item.size * scale)))
            font.setBold(item.face.bold)
            font.setKerning(False)
            painter.setFont(font)
            painter.setPen(QColor(f"#{(item.color or '000000')[:6]}"))
            painter.drawText(QPointF(item.x * scale, item.y * scale), item.text)


def print_docx(source: Path | bytes, printer: Any) -> None:
    """Lay out a .docx and paint it on ``printer``. Raises PreviewError when no Chinese font is installed."""
    paint_layout(layout_docx(source), printer)
