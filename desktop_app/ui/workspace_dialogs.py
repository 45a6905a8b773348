"""Small non-modal reports of the 企业台账 window (import results, rejected rows, generation)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget


def workspace_action(window: QWidget, slot: Callable[[], object]) -> QAction:
    """The wizard's 企业台账 action (Ctrl+K). Lives here so the wizard imports nothing heavy at start-up."""
    from PySide6.QtCore import QCoreApplication, Qt

    # The window's context: ``window.tr`` here would look the text up under the caller's class, where it is not.
    action = QAction(QCoreApplication.translate("WorkspaceWindow", "企业台账"), window)
    action.setObjectName("open_workspace_action")
    action.setShortcut(QKeySequence("Ctrl+K"))
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda *_: slot())
    return action


def show_report(parent: QWidget, title: str, lines: Sequence[str]) -> QDialog:
    """A non-modal window listing ``lines`` (selectable, so rejected rows can be copied into the sheet)."""
    dialog = QDialog(parent)
    dialog.setObjectName("workspace_report")
    dialog.setWindowTitle(title)
    text = QPlainTextEdit(dialog)
    text.setObjectName("report_text")
    text.setReadOnly(True)
    text.setPlainText("\n".join(lines))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    close = buttons.button(QDialogButtonBox.StandardButton.Close)
    if close is not None:
        close.setText(dialog.tr("关闭(&C)"))
    buttons.rejected.connect(dialog.close)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(buttons)
    dialog.resize(640, 360)
    dialog.show()
    return dialog
