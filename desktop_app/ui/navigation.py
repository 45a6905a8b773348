"""The wizard's side panel: a page list to jump to any page, 查看结果 from anywhere, and a short status line."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

#: How long a status such as “已保存” stays before it fades out.
STATUS_MS = 4_000


class NavigationPanel(QWidget):
    """Page titles on the current path (click or Enter to jump), a results button, and the status area."""

    page_requested = Signal(int)
    results_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        label = QLabel(self.tr("跳到(&J)："), self)
        self.pages = QListWidget(self)
        self.pages.setObjectName("page_list")
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.setTextElideMode(Qt.TextElideMode.ElideRight)
        label.setBuddy(self.pages)
        self.pages.itemActivated.connect(self._on_item)
        self.pages.itemClicked.connect(self._on_item)
        self.results_button = QPushButton(self.tr("查看结果(&K)"), self)
        self.results_button.setObjectName("view_results")
        self.results_button.setToolTip(self.tr("填好企业基本信息后，可从任一页直接查看结果"))
        self.results_button.clicked.connect(self.results_requested.emit)
        self.status = QLabel(self)
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.setInterval(STATUS_MS)
        self._clear.timeout.connect(lambda: self.status.setText(""))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 8, 0)
        box.addWidget(label)
        box.addWidget(self.pages, 1)
        box.addWidget(self.results_button)
        box.addWidget(self.status)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("企业基本信息") + 40)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("欢迎使用惠企政策") + 40)

    def set_pages(self, pages: list[tuple[int, str]], current: int) -> None:
        self.pages.blockSignals(True)
        self.pages.clear()
        for page_id, title in pages:
            item = QListWidgetItem(title, self.pages)
            item.setToolTip(title)
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            if page_id == current:
                self.pages.setCurrentItem(item)
        self.pages.blockSignals(False)

    def _on_item(self, item: QListWidgetItem) -> None:
        self.page_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self._clear.start()
