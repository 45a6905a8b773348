"""The 企业台账 window's background jobs: one at a time, with its own connection, a progress bar and 取消."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMainWindow, QProgressBar, QPushButton

from desktop_app.ui.background import BackgroundOp, ProgressFn
from desktop_app.workspace import Workspace

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog

#: work(ws, catalog, progress): runs on a worker thread with a connection of its own.
Work = Callable[[Workspace, "Catalog", ProgressFn], Any]


class JobRunner(QObject):
    """Runs one job of the window at a time and shows it in the window's status bar."""

    #: True when a job starts, False when it ends (the window locks the actions that start jobs).
    busy_changed = Signal(bool)
    #: A job failed: the exception, for the window to report.
    failed = Signal(object)

    def __init__(self, *, window: QMainWindow, db_path: Path, catalog: Callable[[], Catalog]) -> None:
        super().__init__(window)
        self._window = window
        self._db_path = db_path
        self._catalog = catalog
        self.busy = False
        #: Set by 取消 (and by closing the window); a job that can stop reads it.
        self.cancel_event: threading.Event | None = None
        self.progress = QProgressBar(window)
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("取消(&X)"), window)
        self.cancel_button.setObjectName("cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.progress)
        window.statusBar().addPermanentWidget(self.cancel_button)

    def run(self, what: str, work: Work, done: Callable[[Any], None], *, cancel: threading.Event | None = None) -> bool:
        """Run ``work`` on a worker thread; ``done(value)`` on this one. False (and a note) while another runs.

        With ``cancel`` (the event ``work`` reads), 取消 is shown and sets it.
        """
        bar = self._window.statusBar()
        if self.busy:
            bar.showMessage(self.tr("请等当前任务完成后再试。"), 5000)
            return False
        self.busy = True
        self.cancel_event = cancel
        self.busy_changed.emit(True)
        self.progress.setRange(0, 0)
        self.progress.setFormat(f"{what} %v/%m")
        self.progress.setVisible(True)
        self.cancel_button.setVisible(cancel is not None)
        bar.showMessage(what)
        path, catalog = self._db_path, self._catalog

        def op(progress: ProgressFn) -> Any:
            with Workspace.open(path) as ws:
                return work(ws, catalog(), progress)

        def finished() -> None:
            self.busy = False
            self.cancel_event = None
            self.progress.setVisible(False)
            self.cancel_button.setVisible(False)
            bar.clearMessage()
            self.busy_changed.emit(False)

        def succeeded(value: Any) -> None:
            finished()
            done(value)

        def failed(exc: BaseException) -> None:
            finished()
            self.failed.emit(exc)

        BackgroundOp(parent=self, op=op).progress(self._on_progress).success(succeeded).failure(
            failed
        ).run_in_background()
        return True

    def _on_progress(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self._window.statusBar().showMessage(label)

    def cancel(self) -> None:
        """取消: the enterprises already started are finished, no new one begins."""
        if self.cancel_event is not None:
            self.cancel_event.set()
            self._window.statusBar().showMessage(self.tr("正在取消：已开始的企业会处理完…"))
