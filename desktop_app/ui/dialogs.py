"""Telling the user something went wrong, without a nested event loop: the message box opens and returns."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget


def warn(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A window-modal warning that does not block the caller (callbacks of background work call this)."""
    from PySide6.QtCore import Qt

    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("warning")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box
