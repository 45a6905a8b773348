"""The 企业台账 window's ledger pane: one enterprise's open measures, a form to record a step, and its history."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.workspace import LedgerEvent, LedgerState, OpenMeasure, serialize


class LedgerPane(QGroupBox):
    """Shows what :meth:`show_enterprise` is given; emits :attr:`record_requested` for the window to store."""

    #: (measure id, state, date, amount text, note)
    record_requested = Signal(str, object, object, str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("申报台账"), parent)
        self.setObjectName("ledger_pane")
        self.heading = QLabel(self.tr("在左侧选择一家企业。"), self)
        self.heading.setWordWrap(True)
        self.measures = QTableWidget(0, 5, self)
        self.measures.setObjectName("ledger_measures")
        self.measures.setHorizontalHeaderLabels(
            [self.tr("措施编号"), self.tr("匹配结果"), self.tr("截止"), self.tr("申报状态"), self.tr("措施名称")]
        )
        self.measures.verticalHeader().setVisible(False)
        self.measures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.measures.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.measures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.measures.horizontalHeader().setStretchLastSection(True)
        measures_label = QLabel(self.tr("可申报的措施(&C)："), self)
        measures_label.setBuddy(self.measures)

        self.state = QComboBox(self)
        self.state.setObjectName("ledger_state")
        for state in LedgerState:
            self.state.addItem(state.value, state.value)
        self.date = QDateEdit(self)
        self.date.setObjectName("ledger_date")
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setDate(QDate.currentDate())
        self.amount = QLineEdit(self)
        self.amount.setObjectName("ledger_amount")
        self.amount.setPlaceholderText(self.tr("元，只在“已兑现”时填写"))
        self.note = QLineEdit(self)
        self.note.setObjectName("ledger_note")
        self.note.setPlaceholderText(self.tr("更正已有记录时写明原因"))
        self.record_button = QPushButton(self.tr("记录(&L)"), self)
        self.record_button.setObjectName("ledger_record")
        self.record_button.setEnabled(False)
        form = QFormLayout()
        for text, widget in (
            (self.tr("状态(&A)："), self.state),
            (self.tr("日期(&Y)："), self.date),
            (self.tr("到账金额(&M)："), self.amount),
            (self.tr("备注(&N)："), self.note),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)

        self.history = QTableWidget(0, 5, self)
        self.history.setObjectName("ledger_history")
        self.history.setHorizontalHeaderLabels(
            [self.tr("日期"), self.tr("措施"), self.tr("状态"), self.tr("经办人"), self.tr("金额与备注")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().setVisible(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        history_label = QLabel(self.tr("申报记录(&H)（只追加，不可修改）："), self)
        history_label.setBuddy(self.history)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(measures_label)
        layout.addWidget(self.measures, 2)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(history_label)
        layout.addWidget(self.history, 1)

        self.measures.itemSelectionChanged.connect(self._on_measure_selected)
        self.record_button.clicked.connect(self._request)

    def show_enterprise(
        self,
        *,
        title: str,
        measures: list[OpenMeasure],
        current: dict[str, LedgerEvent],
        history: list[LedgerEvent],
    ) -> None:
        self.heading.setText(title)
        rows: list[tuple[str, str, str, str]] = [
            (m.measure_id, serialize.status_label(m.status), m.valid_until.isoformat(), "") for m in measures
        ]
        shown = {m.measure_id for m in measures}
        rows += [(mid, self.tr("（已不在可申报之列）"), "", "") for mid in sorted(set(current) - shown)]
        self.measures.setRowCount(len(rows))
        titles = {m.measure_id: m.title for m in measures}
        for i, (mid, status, until, _) in enumerate(rows):
            state = current.get(mid)
            cells = [mid, status, until, state.state.value if state else "—", titles.get(mid, "")]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, mid)
                self.measures.setItem(i, j, item)
        self.measures.resizeColumnsToContents()
        self.history.setRowCount(len(history))
        for i, e in enumerate(reversed(history)):
            detail = "；".join(
                part
                for part in (
                    f"到账 {e.amount} 元" if e.amount is not None else "",
                    e.note or "",
                    self.tr("文件 {n} 份").format(n=len(e.files)) if e.files else "",
                )
                if part
            )
            for j, text in enumerate([e.date.isoformat(), e.measure_id, e.state.value, e.who, detail]):
                self.history.setItem(i, j, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()
        self._on_measure_selected()

    def clear_enterprise(self) -> None:
        self.show_enterprise(title=self.tr("在左侧选择一家企业。"), measures=[], current={}, history=[])

    def selected_measure(self) -> str | None:
        items = self.measures.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def select_measure(self, measure_id: str) -> bool:
        for row in range(self.measures.rowCount()):
            item = self.measures.item(row, 0)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == measure_id:
                self.measures.selectRow(row)
                return True
        return False

    def _on_measure_selected(self) -> None:
        self.record_button.setEnabled(self.selected_measure() is not None)

    def _request(self) -> None:
        measure_id = self.selected_measure()
        if measure_id is None:
            return
        day = self.date.date().toPython()
        assert isinstance(day, dt.date)
        self.record_requested.emit(
            measure_id, LedgerState(self.state.currentData()), day, self.amount.text(), self.note.text()
        )

    def after_recorded(self) -> None:
        self.amount.clear()
        self.note.clear()
