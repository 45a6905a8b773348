"""The wizard's 打印 and 打印预览: paint the same page layout the PDF is written from, with a QPainter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QLineF, QMarginsF, QPointF, QRectF, QSizeF
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF, QPageLayout, QPageSize, QPainter, QPen

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
        unit = _spacing_unit(printer)
        for number, page in enumerate(layout.pages):
            if number:
                printer.newPage()
            _paint_page(painter, page.items, scale, unit)
    finally:
        painter.end()


def _spacing_unit(device: Any) -> float:
    """Device pixels that one unit of QFont's absolute letter spacing adds to a glyph's advance on ``device``.

    Qt scales the letter spacing by the device's resolution over the screen's, rounded (12, not 12.5, was
    measured for a 1200 dpi printer and a 96 dpi screen), so the factor is measured rather than assumed.
    """
    plain = QFont()
    plain.setPixelSize(100)
    spaced = QFont(plain)
    spaced.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, 1.0)
    sample = "x" * 8
    wide, narrow = QFontMetricsF(spaced, device), QFontMetricsF(plain, device)
    return (wide.horizontalAdvance(sample) - narrow.horizontalAdvance(sample)) / len(sample) or 1.0


def _paint_page(painter: QPainter, items: list[Any], scale: float, unit: float) -> None:
    """Paint one page with as few Qt calls as it takes.

    Fonts, pens and colours are set only when they change and the rules go in one drawLines call per
    width: PySide6 6.12 on Python 3.11 loses a reference to None in every void method call, and a
    process that makes a few thousand of them aborts ("deallocating None").
    """
    for item in items:
        if isinstance(item, RectItem):
            rect = QRectF(item.x * scale, item.y * scale, item.w * scale, item.h * scale)
            painter.fillRect(rect, QColor(f"#{item.fill[:6]}"))
    rules: dict[float, list[QLineF]] = {}
    for item in items:
        if isinstance(item, RuleItem):
            line = QLineF(item.x1 * scale, item.y1 * scale, item.x2 * scale, item.y2 * scale)
            rules.setdefault(item.width, []).append(line)
    for width, lines in rules.items():
        pen = QPen(QColor("black"))
        pen.setWidthF(width * scale)
        painter.setPen(pen)
        painter.drawLines(lines)
    current: tuple[Any, ...] = ()
    color = ""
    for item in items:
        if not isinstance(item, TextItem):
            continue
        key = (item.face, round(item.size * scale), round(item.spacing * scale / unit, 3))
        if key != current:
            painter.setFont(_font(*key))
            current = key
        if (item.color or "000000") != color:
            color = item.color or "000000"
            painter.setPen(QColor(f"#{color[:6]}"))
        painter.drawText(QPointF(item.x * scale, item.y * scale), item.text)


_fonts: dict[tuple[FontFace, int, float], QFont] = {}


def _font(face: FontFace, pixels: int, spacing: float) -> QFont:
    """``face`` at ``pixels``; ``spacing`` (QFont letter-spacing units, see _spacing_unit) after every glyph."""
    found = _fonts.get((face, pixels, spacing))
    if found is None:
        found = QFont(_family(face))
        found.setPixelSize(max(1, pixels))
        found.setBold(face.bold)
        found.setKerning(False)
        if spacing:
            found.setLetterSpacing(QFont.SpacingType.AbsoluteSpacing, spacing)
        _fonts[(face, pixels, spacing)] = found
    return found


def print_docx(source: Path | bytes, printer: Any) -> None:
    """Lay out a .docx and paint it on ``printer``. Raises PreviewError when no Chinese font is installed."""
    paint_layout(layout_docx(source), printer)
