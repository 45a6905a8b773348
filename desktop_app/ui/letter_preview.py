"""The generate page's preview pane: a generated letter on screen, and its 打印 and 导出 PDF.

The letter is converted to HTML on a worker thread and styled with the one letter style sheet,
:func:`desktop_app.documents.preview.style_sheet`, at three quarters of print size. Printing and the
PDF do not go through the HTML: they lay the .docx out itself (ui/print_painter.py, documents/pdf.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTextBrowser, QWidget

from desktop_app.errors import message_for
from desktop_app.ui import dialogs
from desktop_app.ui.background import BackgroundOp, ProgressFn

#: On screen the letter is shown at this share of its print size, so that a line fits the pane.
SCREEN_SCALE = 0.75


class LetterPreview(QTextBrowser):
    """Shows one .docx (:meth:`show_letter`); :attr:`changed` when what can be printed changes."""

    #: A letter is on screen, or no longer: 打印 and 导出 PDF follow :attr:`html`.
    changed = Signal()
    #: A short Chinese line for the page's status (a PDF was written).
    status = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preview")
        self.setOpenExternalLinks(False)
        #: The letter on screen and its HTML ("" while none is, or while it is being converted).
        self.path: Path | None = None
        self.html = ""
        self._requested: Path | None = None
        self._styled = False

    def show_letter(self, path: Path | None) -> None:
        """Show ``path`` (None: nothing); the docx -> HTML conversion runs on a worker thread."""
        self._requested = path
        self.path, self.html = None, ""
        if path is None:
            self.clear()
            self.changed.emit()
            return
        self.setPlainText(self.tr("正在生成预览…"))

        def op(progress: ProgressFn) -> str:
            from desktop_app.documents.preview import docx_to_html

            return docx_to_html(path)

        def shown(text: str) -> None:
            if self._requested != path:
                return  # the user moved on meanwhile
            self.path, self.html = path, text
            self._apply_style()
            self.setHtml(text)
            self.changed.emit()

        def failed(exc: BaseException) -> None:
            self.setPlainText(self.tr("无法预览：{error}").format(error=message_for(exc)))

        BackgroundOp(parent=self, op=op).success(shown).failure(failed).run_in_background()

    def _apply_style(self) -> None:
        """The letter's fonts and paragraph styles: the print style sheet, scaled to the screen."""
        if self._styled:
            return
        from desktop_app.documents.preview import PreviewError, ensure_cjk_font, style_sheet

        try:
            fonts = ensure_cjk_font()
        except PreviewError:
            return  # the plain preview still shows the text
        sheet = style_sheet(fonts, dpi=self.logicalDpiX(), scale=SCREEN_SCALE)
        self.document().setDefaultStyleSheet(sheet)
        self.document().setDocumentMargin(16)
        self._styled = True

    # ------------------------------------------------------------------ print
    def print_preview(self) -> None:
        if not self.html:
            return
        from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印预览"))
        dialog.paintRequested.connect(self._paint)
        self.open_dialog(dialog)

    def _paint(self, printer: Any) -> None:
        from desktop_app.documents.preview import PreviewError
        from desktop_app.ui.print_painter import print_docx

        if self.path is None:
            return
        try:
            print_docx(self.path, printer)
        except PreviewError as exc:
            dialogs.warn(self, self.tr("无法打印"), exc.message)

    def open_dialog(self, dialog: Any) -> None:
        """Run a modal dialog (a method of its own so that tests can intercept it)."""
        dialog.exec()

    # ------------------------------------------------------------------ PDF
    def export_pdf(self) -> None:
        path = self.path
        if path is None or not self.html:
            return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 PDF"), str(path.with_suffix(".pdf")), self.tr("PDF 文件 (*.pdf)")
        )
        if chosen:
            self.write_pdf(Path(chosen))

    def write_pdf(self, target: Path) -> Path | None:
        from desktop_app.documents.preview import PreviewError, docx_to_pdf
        from desktop_app.fileio import WriteError

        if self.path is None:
            return None
        try:
            written = docx_to_pdf(self.path, target, title=target.stem)
        except WriteError as exc:
            if exc.alternative is not None:  # held open by another program: offer the free (2) name
                self.offer_other_name(exc.message, exc.alternative)
            else:
                dialogs.warn(self, self.tr("无法导出 PDF"), exc.message)
            return None
        except PreviewError as exc:
            dialogs.warn(self, self.tr("无法导出 PDF"), exc.message)
            return None
        self.status.emit(self.tr("已导出 PDF：{path}").format(path=written))
        return Path(written)

    def offer_other_name(self, message: str, alternative: Path) -> QMessageBox:
        """Say which file could not be written and why, and offer to save under ``alternative`` instead."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("无法导出 PDF"), message, QMessageBox.StandardButton.Cancel, self
        )
        box.setObjectName("offer-other-name")
        save = box.addButton(self.tr("另存为 {name}").format(name=alternative.name), QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(save)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(lambda button: self.write_pdf(alternative) if button is save else None)
        box.open()
        return box
