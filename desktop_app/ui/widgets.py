"""Small widgets the pages share: combo boxes and spin boxes that ignore an unfocused wheel, a typed date field."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget


def tight_row(parent: QWidget, *widgets: QWidget, stretch: bool = False) -> QHBoxLayout:
    """``widgets`` side by side in ``parent`` with no margins (an editor made of several controls), a stretch
    after them when ``stretch``: the editors' one way of laying out their parts."""
    box = QHBoxLayout(parent)
    box.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        box.addWidget(widget)
    if stretch:
        box.addStretch(1)
    return box


class WheelSafeComboBox(QComboBox):
    """A drop-down the mouse wheel changes only once it has focus, so scrolling a long page changes no answer."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel does not give focus

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # the scroll area behind scrolls instead


class _WheelGuard(QObject):
    """Event filter for combo and spin boxes not made as WheelSafeComboBox (Qt's own, the settings dialog)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QComboBox | QAbstractSpinBox)
            and not watched.hasFocus()
        ):
            event.ignore()
            return True
        return False


def install_wheel_guard(root: QWidget) -> None:
    """Make every combo and spin box under ``root`` ignore the wheel unless focused."""
    guard = root.findChild(_WheelGuard, "wheel_guard")
    if guard is None:
        guard = _WheelGuard(root)
        guard.setObjectName("wheel_guard")
    for widget in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(guard)


class DateField(QWidget):
    """A date typed the way people write it (2023-06-01, 20230601, 2023/6/1); shown back as 2023-06-01.

    ``date_changed`` fires with a valid date when editing finishes; an invalid text gets a reason beside it.
    """

    date_changed = Signal(object)  # dt.date

    def __init__(self, parent: QWidget | None = None, *, object_name: str = "date") -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(object_name)
        self.edit.setPlaceholderText(self.tr("例如 2023-06-01"))
        self.edit.setMaximumWidth(140)
        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setVisible(False)
        tight_row(self, self.edit, self.message)
        self.setFocusProxy(self.edit)
        self._date: dt.date | None = None
        self.edit.editingFinished.connect(self._on_finished)

    def date(self) -> dt.date | None:
        return self._date

    def set_date(self, value: dt.date) -> None:
        self._date = value
        self.edit.setText(value.isoformat())
        self.message.setVisible(False)

    def parsed(self) -> dt.date | None:
        """The text as a date, or None after showing why it is not one."""
        from desktop_app.domain.answers import AnswerError, parse_date  # loaded by then; not at start-up

        try:
            value = parse_date(self.edit.text())
        except AnswerError as exc:
            self.message.setText(exc.message)
            self.message.setVisible(True)
            return None
        if not dt.date(2000, 1, 1) <= value <= dt.date(2100, 12, 31):
            self.message.setText(self.tr("请填写 2000 年至 2100 年之间的日期"))
            self.message.setVisible(True)
            return None
        return value

    def _on_finished(self) -> None:
        value = self.parsed()
        if value is None:
            return
        self.set_date(value)
        self.date_changed.emit(value)
