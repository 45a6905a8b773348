"""欢迎: new profile, open one, recent files, the reference date, and the draft left by a crash.

Shown before the catalog is loaded, so this module imports nothing heavy (no pydantic, no domain).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.ui.widgets import DateField

if TYPE_CHECKING:
    from desktop_app.ui.storage import Draft

#: The page id of 企业基本信息; Next points there while loading, so the button reads 下一步, not 完成.
BASICS_PAGE_ID = 1


class WelcomePage(QWizardPage):
    """The first page; its buttons call back into the wizard."""

    as_of_changed = Signal(object)  # dt.date
    recent_activated = Signal(object)  # Path
    suggested_date_requested = Signal()

    def __init__(
        self,
        *,
        next_id: Callable[[int], int],
        page_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page_id = page_id
        self._next_id = next_id
        self._ready = False
        self.setObjectName("page_welcome")
        self.setTitle(self.tr("欢迎使用惠企政策申报助手"))
        self.setSubTitle(self.tr("看看企业能享受哪些区级惠企政策，怎么办理，并生成申请书草稿。"))
        intro = QLabel(
            self.tr(
                "回答几组问题，即可看到企业可以享受的青浦、嘉定、宝山、金山区惠企政策，"
                "以及每项政策的办理渠道、金额和联系电话，并生成申请书草稿。全部在本机完成，不联网。"
            ),
            self,
        )
        intro.setWordWrap(True)

        self.draft_box = QFrame(self)
        self.draft_box.setObjectName("draft_banner")
        self.draft_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.draft_label = QLabel(self.draft_box)
        self.draft_label.setWordWrap(True)
        self.restore_button = QPushButton(self.tr("恢复草稿(&R)"), self.draft_box)
        self.restore_button.setObjectName("restore_draft")
        self.discard_button = QPushButton(self.tr("丢弃草稿(&X)"), self.draft_box)
        self.discard_button.setObjectName("discard_draft")
        banner = QHBoxLayout(self.draft_box)
        banner.addWidget(self.draft_label, 1)
        banner.addWidget(self.restore_button)
        banner.addWidget(self.discard_button)
        self.draft_box.setVisible(False)

        self.new_button = QPushButton(self.tr("新建企业档案(&W)"), self)
        self.new_button.setObjectName("new_profile")
        self.open_button = QPushButton(self.tr("打开档案文件(&P)…"), self)
        self.open_button.setObjectName("open_profile")
        self.new_button.setMinimumHeight(36)
        self.open_button.setMinimumHeight(36)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        self.workspace_button = QPushButton(self.tr("企业台账(&K)…"), self)  # opens the workspace window
        self.workspace_button.setObjectName("open_workspace")
        self.workspace_button.setMinimumHeight(36)
        buttons.addWidget(self.workspace_button)
        buttons.addStretch(1)

        # The recent-files list is made when the first list arrives, after the first paint.
        self.recent_label: QLabel | None = None
        self.recent: QListWidget | None = None
        self.recent_box = QVBoxLayout()
        self.recent_box.setContentsMargins(0, 0, 0, 0)

        date_label = QLabel(self.tr("参考日期(&D)："), self)
        self.as_of_field = DateField(self, object_name="as_of")
        self.as_of_edit = self.as_of_field.edit
        date_label.setBuddy(self.as_of_edit)
        self.today_button = QPushButton(self.tr("今天(&Y)"), self)
        date_note = QLabel(self.tr("政策是否在有效期内，按这一天判断。"), self)
        date_note.setObjectName("help")
        date_row = QHBoxLayout()
        date_row.addWidget(date_label)
        date_row.addWidget(self.as_of_field)
        date_row.addWidget(self.today_button)
        date_row.addWidget(date_note, 1)

        self.era_box = QFrame(self)
        self.era_box.setObjectName("era_banner")
        self.era_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.era_label = QLabel(self.era_box)
        self.era_label.setWordWrap(True)
        self.era_button = QPushButton(self.era_box)
        self.era_button.setObjectName("era_button")
        self.era_button.clicked.connect(self.suggested_date_requested.emit)
        era_row = QHBoxLayout(self.era_box)
        era_row.addWidget(self.era_label, 1)
        era_row.addWidget(self.era_button)
        self.era_box.setVisible(False)

        self.status = QLabel(self.tr("正在加载政策目录…"), self)
        self.status.setObjectName("load_status")
        self.status.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(8)
        layout.addWidget(self.draft_box)
        layout.addLayout(buttons)
        layout.addSpacing(8)
        layout.addLayout(self.recent_box)
        layout.addSpacing(8)
        layout.addLayout(date_row)
        layout.addWidget(self.era_box)
        layout.addStretch(1)
        layout.addWidget(self.status)

        self.today_button.clicked.connect(lambda: self._pick(dt.date.today()))
        self.as_of_field.date_changed.connect(self.as_of_changed.emit)
        self._ready = False
        for button in (self.new_button, self.open_button, self.restore_button):
            button.setEnabled(False)

    def set_as_of(self, value: dt.date) -> None:
        if self.as_of_field.date() != value:
            self.as_of_field.set_date(value)

    def as_of(self) -> dt.date:
        value = self.as_of_field.date()
        assert value is not None
        return value

    def show_era(self, text: str | None, suggested: dt.date | None) -> None:
        """The one-line banner when no loaded document is in force on the reference date."""
        self.era_box.setVisible(bool(text))
        if text and suggested is not None:
            self.era_label.setText(text)
            self.era_button.setText(self.tr("按 {date} 查看(&V)").format(date=suggested.isoformat()))

    def focus_first(self) -> None:
        target = self.new_button if self.new_button.isEnabled() else self.as_of_edit
        target.setFocus()

    def _pick(self, value: dt.date) -> None:
        self.set_as_of(value)
        self.as_of_changed.emit(value)

    def set_ready(self, ready: bool, status: str | None = None) -> None:
        self._ready = ready
        for button in (self.new_button, self.open_button, self.restore_button):
            button.setEnabled(ready)
        if self.recent is not None:
            self.recent.setEnabled(ready)
        if status is not None:
            from PySide6.QtCore import Qt

            self.status.setText(status)
            self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.completeChanged.emit()

    def set_recent(self, files: list[Path]) -> None:
        from PySide6.QtCore import Qt  # not at import: creating Qt's namespace costs the first window ~12 ms

        if self.recent is None:
            self.recent_label = QLabel(self.tr("最近使用的档案(&L)："), self)
            self.recent = QListWidget(self)
            self.recent.setObjectName("recent_files")
            self.recent.setMaximumHeight(150)
            self.recent_label.setBuddy(self.recent)
            self.recent.itemActivated.connect(
                lambda item: self.recent_activated.emit(Path(item.data(Qt.ItemDataRole.UserRole)))
            )
            self._enter_filter = _EnterOpensOnly(self.recent)
            self.recent.installEventFilter(self._enter_filter)
            self.recent_box.addWidget(self.recent_label)
            self.recent_box.addWidget(self.recent)
        self.recent.clear()
        for path in files:
            item = QListWidgetItem(f"{path.name}    —    {path.parent}")
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.recent.addItem(item)
        assert self.recent_label is not None
        self.recent_label.setVisible(bool(files))
        self.recent.setVisible(bool(files))

    def show_draft(self, draft: Draft | None) -> None:
        if draft is None:
            self.draft_box.setVisible(False)
            return
        name = draft.company_name() or self.tr("未填写企业名称")
        when = draft.saved_at.strftime("%Y-%m-%d %H:%M")
        self.draft_label.setText(
            self.tr("发现上次未保存的内容（{name}，自动保存于 {when}）。要恢复吗？").format(name=name, when=when)
        )
        self.draft_box.setVisible(True)

    def isComplete(self) -> bool:
        return self._ready

    def nextId(self) -> int:
        if not self._ready:
            return BASICS_PAGE_ID  # not there yet; Next stays disabled but reads 下一步
        return self._next_id(self.page_id)


class _EnterOpensOnly(QObject):
    """Enter on a recent file opens it; the key must not go on to press the wizard's default button."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QKeyEvent

        is_key = event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
        if is_key and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # type: ignore[attr-defined]
            item = watched.currentItem() if hasattr(watched, "currentItem") else None
            if item is not None:
                watched.itemActivated.emit(item)  # type: ignore[attr-defined]
            return True
        return False
