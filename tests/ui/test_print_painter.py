"""The wizard's 打印 paints the layout's glyphs where the layout put them, character spacing included."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtPrintSupport import QPrinter

from desktop_app.documents.pdf_layout import TextItem, layout_docx
from desktop_app.ui.print_painter import paint_layout
from tests.documents.pdf_helpers import needs_pdftotext, pdf_lines
from tests.documents.test_pdf_char_spacing import CONDENSE, letter

#: 28 ideographs none of which Qt's PDF text layer turns into a radical (金, 青, 门 … would be).
LINE = "本企业承诺所提供的材料真实准确完整并按规定时间向受理单位"


@needs_pdftotext
def test_a_printed_line_is_as_wide_as_laid_out(qapp: Any, tmp_path: Path) -> None:
    """A 28-character 称谓 line printed to a PDF printer spans 28 × 15.75 pt (−0.25 pt each), not 28 × 16."""
    assert len(LINE) == 28
    layout = layout_docx(letter([("称谓", LINE)]))
    item = next(i for i in layout.pages[0].items if isinstance(i, TextItem) and i.text == LINE)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    paint_layout(layout, printer)
    del printer  # the PDF is complete when the printer goes
    lines, _height = pdf_lines(target)
    printed = next(line for line in lines if line.text == LINE)
    assert abs(printed.left - item.x) < 1.0
    assert abs(printed.right - (item.x + 28 * (16 + CONDENSE))) < 2.0  # uncondensed it would end 7 pt further
