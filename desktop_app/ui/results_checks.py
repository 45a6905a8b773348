"""The results page's side panel: the department's confirmations (saved) and the user's own checks (ticked)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from desktop_app.domain.matching import MeasureResult

ROLE_KEY = Qt.ItemDataRole.UserRole + 1


class ChecksPanel(QWidget):
    """Two lists for the selected measure; ``confirmation_changed(key, confirmed)`` when a confirmation is ticked."""

    confirmation_changed = Signal(str, bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._measure: str | None = None
        # Ticked own checks per measure, by row: kept while the page lives, never saved.
        self._ticked: dict[str, set[int]] = {}
        self._box = QVBoxLayout(self)
        self._box.setContentsMargins(0, 0, 0, 0)
        self.confirm_label, self.confirmations = self._list(
            self.tr("须由受理部门确认（确认后勾选，才会生成文书）："), "open_checks", self._on_confirmation_changed
        )
        self.checks_label, self.checks = self._list(
            self.tr("请逐项核对（程序无法判断，需要您确认）："), "manual_checks", self._on_check_changed
        )

    def _list(
        self, heading: str, name: str, on_change: Callable[[QListWidgetItem], None]
    ) -> tuple[QLabel, QListWidget]:
        """A heading and a list of tickable items below it; the list grows with the panel."""
        label = QLabel(heading, self)
        label.setWordWrap(True)
        items = QListWidget(self)
        items.setObjectName(name)
        items.setWordWrap(True)
        items.itemChanged.connect(on_change)
        self._box.addWidget(label)
        self._box.addWidget(items, 1)
        return label, items

    def show_result(self, result: MeasureResult | None) -> None:
        """Fill both lists for ``result``; the panel hides when it has nothing to check."""
        self._measure = result.measure.id if result is not None else None
        for widget in (self.checks, self.confirmations):
            widget.blockSignals(True)
            widget.clear()
        try:
            if result is None:
                self.setVisible(False)
                return
            for check in result.open_checks:
                text = self.tr("已向受理部门确认：{text}（确认单位：{who}）").format(
                    text=check.text, who=check.confirmer
                )
                entry = QListWidgetItem(text, self.confirmations)
                entry.setData(ROLE_KEY, check.key)
                entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                entry.setCheckState(Qt.CheckState.Checked if check.confirmed else Qt.CheckState.Unchecked)
            ticked = self._ticked.get(result.measure.id, set())
            for index, text in enumerate(result.manual_checks):
                check_item = QListWidgetItem(text, self.checks)
                check_item.setFlags(check_item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                check_item.setCheckState(Qt.CheckState.Checked if index in ticked else Qt.CheckState.Unchecked)
            for widget, label, items in (
                (self.confirmations, self.confirm_label, result.open_checks),
                (self.checks, self.checks_label, result.manual_checks),
            ):
                widget.setVisible(bool(items))
                label.setVisible(bool(items))
            self.setVisible(bool(result.manual_checks or result.open_checks))
        finally:
            for widget in (self.checks, self.confirmations):
                widget.blockSignals(False)

    def _on_check_changed(self, item: QListWidgetItem) -> None:
        if self._measure is None:
            return
        ticked = self._ticked.setdefault(self._measure, set())
        index = self.checks.row(item)
        if item.checkState() == Qt.CheckState.Checked:
            ticked.add(index)
        else:
            ticked.discard(index)

    def _on_confirmation_changed(self, item: QListWidgetItem) -> None:
        self.confirmation_changed.emit(str(item.data(ROLE_KEY)), item.checkState() == Qt.CheckState.Checked)
