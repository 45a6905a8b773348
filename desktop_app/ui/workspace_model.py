"""Qt models over the workspace store: the enterprises table (sortable, filterable) and the deadlines table."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from desktop_app.workspace import Deadline, EnterpriseRow, ledger, serialize
from desktop_app.workspace.summary import open_statuses

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
R = TypeVar("R")
_ORDER = ("eligible", "needs_check", "needs_info")


def status_columns() -> list[str]:
    """The match statuses shown as count columns, from the Status enum (符合条件 / 待核实 / 需补充信息)."""
    return sorted(open_statuses(), key=_ORDER.index)


class RowsModel(QAbstractTableModel, Generic[R]):
    """A flat table of ``R`` rows under fixed headers; subclasses set ``_headers`` and give :meth:`data`."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[R] = []
        self._headers: list[str] = []

    def set_rows(self, rows: list[R]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_at(self, row: int) -> R:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


class EnterpriseTableModel(RowsModel[EnterpriseRow]):
    """One row per enterprise of the workspace; sorting uses :data:`SORT_ROLE` (numbers, dates)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._statuses = status_columns()
        self._headers = [
            self.tr("编号"),
            self.tr("企业名称"),
            self.tr("统一社会信用代码"),
            self.tr("所在区"),
            *(serialize.status_label(s) for s in self._statuses),
            self.tr("符合条件金额"),
            self.tr("最近截止"),
            self.tr("申报进度"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == ID_ROLE:
            return r.id
        if role not in (Qt.ItemDataRole.DisplayRole, SORT_ROLE, Qt.ItemDataRole.ToolTipRole):
            return None
        column = index.column()
        s = r.summary
        first_count, after = 4, 4 + len(self._statuses)
        sort = role == SORT_ROLE
        if column == 0:
            return r.id if sort else str(r.id)
        if column == 1:
            return r.name or ""
        if column == 2:
            return r.credit_code or ""
        if column == 3:
            return serialize.district_label(r.district)
        if first_count <= column < after:
            if s is None:
                return -1 if sort else "…"
            n = s.counts.get(self._statuses[column - first_count], 0)
            return n if sort else str(n)
        if column == after:
            if sort:
                return float(s.total_min if s else Decimal(-1))
            return serialize.amount_text(s)
        if column == after + 1:
            day = s.nearest_deadline if s else None
            if sort:
                return day.isoformat() if day else "9999"
            return day.isoformat() if day else "—"
        return ledger.format_progress(r.ledger)


class EnterpriseFilter(QSortFilterProxyModel):
    """Search text (name or credit code), district, and a status: "has an open measure of status X" or
    "has an application in ledger state Y"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = ""
        self.district: str | None = None
        self.status: str | None = None  # "match:<Status.value>" or "ledger:<LedgerState.value>"
        self.setSortRole(SORT_ROLE)

    def set_filters(self, *, text: str, district: str | None, status: str | None) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+; invalidateFilter() is deprecated there
            self.beginFilterChange()
            self.text, self.district, self.status = text.strip(), district, status
            self.endFilterChange()
        else:  # pragma: no cover - older Qt
            self.text, self.district, self.status = text.strip(), district, status
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, EnterpriseTableModel)
        r = model.row_at(source_row)
        if self.text and self.text not in (r.name or "") and not (r.credit_code or "").startswith(self.text.upper()):
            return False
        if self.district and r.district != self.district:
            return False
        if self.status:
            kind, _, value = self.status.partition(":")
            if kind == "match":
                return r.summary is not None and r.summary.counts.get(value, 0) > 0
            return r.ledger.get(value, 0) > 0
        return True


class DeadlineTableModel(RowsModel[Deadline]):
    """The 截止提醒 list: measure, enterprise, days left, ledger state."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = [
            self.tr("截止日期"),
            self.tr("剩余天数"),
            self.tr("企业"),
            self.tr("措施"),
            self.tr("匹配结果"),
            self.tr("申报状态"),
        ]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        d = self._rows[index.row()]
        values = [
            d.measure.valid_until.isoformat(),
            str(d.days_left),
            f"[{d.enterprise_id}] {d.enterprise_name}",
            f"{d.measure.measure_id} {d.measure.title}",
            serialize.status_label(d.measure.status),
            d.ledger_state.value if d.ledger_state else self.tr("未记录"),
        ]
        return values[index.column()]
