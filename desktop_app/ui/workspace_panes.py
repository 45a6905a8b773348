"""The 企业台账 window's filter bar (search, district, status) and its 截止提醒 tab."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.workspace_model import DeadlineTableModel, EnterpriseFilter, status_columns
from desktop_app.workspace import Deadline, LedgerState, serialize


class FilterBar(QWidget):
    """搜索 / 所在区 / 状态 above the enterprise table; :attr:`changed` when any of them changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText(self.tr("企业名称中的文字，或信用代码开头"))
        self.search.setClearButtonEnabled(True)
        self.district = QComboBox(self)
        self.district.setObjectName("district_filter")
        self.district.addItem(self.tr("全部区"), None)
        from desktop_app.domain.profile import DISTRICT_LABELS

        for value, district_label in DISTRICT_LABELS.items():
            self.district.addItem(district_label, value)
        self.status = QComboBox(self)
        self.status.setObjectName("status_filter")
        self.status.addItem(self.tr("全部状态"), None)
        for value in status_columns():
            self.status.addItem(self.tr("有“{s}”的措施").format(s=serialize.status_label(value)), f"match:{value}")
        for state in LedgerState:
            self.status.addItem(self.tr("台账：{s}").format(s=state.value), f"ledger:{state.value}")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for text, widget in (
            (self.tr("搜索(&S)："), self.search),
            (self.tr("所在区(&Q)："), self.district),
            (self.tr("状态(&T)："), self.status),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, 2 if widget is self.search else 0)
        self.search.textChanged.connect(lambda _t: self.changed.emit())
        self.district.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.status.currentIndexChanged.connect(lambda _i: self.changed.emit())

    def apply_to(self, proxy: EnterpriseFilter) -> None:
        proxy.set_filters(
            text=self.search.text(), district=self.district.currentData(), status=self.status.currentData()
        )


class DeadlinePane(QWidget):
    """截止提醒: the measures still open for application that end within the chosen number of days."""

    #: The number of days changed: the window reads the deadlines again.
    within_changed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DeadlineTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("deadlines")
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.within = QSpinBox(self)
        self.within.setObjectName("within_days")
        self.within.setRange(0, 3660)
        self.within.setValue(30)
        self.within.setSuffix(self.tr(" 天内"))
        within_label = QLabel(self.tr("截止于(&W)："), self)
        within_label.setBuddy(self.within)
        self.note = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(within_label)
        row.addWidget(self.within)
        row.addWidget(self.note, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        self.within.valueChanged.connect(self.within_changed.emit)

    def show_deadlines(self, found: list[Deadline], *, as_of: dt.date) -> None:
        self.model.set_rows(found)
        self.table.resizeColumnsToContents()
        self.note.setText(
            self.tr("参考日期 {d}：{n} 项仍可申报的措施将在 {w} 天内截止。").format(
                d=as_of.isoformat(), n=len(found), w=self.within.value()
            )
        )
