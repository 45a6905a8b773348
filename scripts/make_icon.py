"""Draw the application icon with QPainter and write resources/icons/app.png, app-64.png and app.ico.

Run: QT_QPA_PLATFORM=offscreen python scripts/make_icon.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "icons"


def draw(size: int) -> QImage:
    """A red seal-like square with a white letter sheet and a check mark: "policy letter, approved"."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256
    background = QPainterPath()
    background.addRoundedRect(QRectF(8 * s, 8 * s, 240 * s, 240 * s), 44 * s, 44 * s)
    p.fillPath(background, QBrush(QColor("#b71c1c")))
    sheet = QPainterPath()
    sheet.addRoundedRect(QRectF(46 * s, 36 * s, 124 * s, 168 * s), 10 * s, 10 * s)
    p.fillPath(sheet, QBrush(QColor("#fffdf7")))
    p.setPen(QPen(QColor("#d9c9b0"), 9 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for y in (72, 98, 124):
        p.drawLine(int(68 * s), int(y * s), int(148 * s), int(y * s))
    p.setPen(QPen(QColor("#2e7d32"), 18 * s, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin))
    check = QPainterPath()
    check.moveTo(80 * s, 160 * s)
    check.lineTo(104 * s, 182 * s)
    check.lineTo(146 * s, 138 * s)
    p.drawPath(check)
    font = QFont("Noto Sans CJK SC")
    font.setPixelSize(int(56 * s))
    font.setBold(True)
    p.setFont(font)
    p.setPen(QColor("#ffffff"))
    p.drawText(QRectF(170 * s, 164 * s, 72 * s, 72 * s), Qt.AlignmentFlag.AlignCenter, "惠")
    p.end()
    return image


def main() -> int:
    QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    big = draw(256)
    ok = big.save(str(OUT / "app.png")) and draw(64).save(str(OUT / "app-64.png")) and big.save(str(OUT / "app.ico"))
    print("written" if ok else "failed", OUT)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
