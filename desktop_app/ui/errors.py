"""No vanishing on errors: an unhandled exception is logged and shown in a dialog that names the log file."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("desktop_app.crash")

#: Called before the dialog shows, e.g. to autosave the draft; a failure there is only logged.
_rescuers: list[Callable[[], object]] = []
_log_path: Path | None = None
_bridge: _Bridge | None = None


def add_rescuer(callback: Callable[[], object]) -> None:
    _rescuers.append(callback)


def remove_rescuer(callback: Callable[[], object]) -> None:
    if callback in _rescuers:
        _rescuers.remove(callback)


class _Bridge(QObject):
    """Carries an exception from a worker thread to the GUI thread, where the dialog may be shown."""

    raised = Signal(str)

    @Slot(str)
    def show(self, summary: str) -> None:
        show_error_dialog(summary)


def show_error_dialog(summary: str) -> QMessageBox | None:
    """A non-blocking dialog: what happened, that answers were kept as a draft, and where the log is."""
    app = QApplication.instance()
    if app is None:
        return None
    path = str(_log_path) if _log_path else QCoreApplication.translate("errors", "（日志未启用）")
    box = QMessageBox(QApplication.activeWindow())
    box.setObjectName("unhandled_exception_dialog")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("errors", "程序出错"))
    box.setText(
        QCoreApplication.translate(
            "errors",
            "程序遇到了意外错误：{summary}\n\n已填写的内容已自动保存为草稿，下次启动时可以恢复。"
            "如问题反复出现，请把日志文件发给技术支持：\n{path}",
        ).format(summary=summary, path=path)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()
    return box


def handle_exception(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """sys.excepthook: log with traceback, rescue the answers, then tell the user."""
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.error("未处理的异常", exc_info=(exc_type, exc, tb))
    for rescue in list(_rescuers):
        try:
            rescue()
        except Exception:  # a failing rescue must not hide the original error
            log.exception("保存草稿失败")
    summary = f"{exc_type.__name__}"
    app = QApplication.instance()
    if app is None:
        traceback.print_exception(exc_type, exc, tb)
        return
    if QThread.currentThread() is app.thread():
        show_error_dialog(summary)
    elif _bridge is not None:
        _bridge.raised.emit(summary)


def _thread_hook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        handle_exception(args.exc_type, args.exc_value, args.exc_traceback)


def install(*, log_path: Path | None) -> None:
    """Route unhandled exceptions (GUI thread and Python threads) to :func:`handle_exception`."""
    global _log_path, _bridge
    _log_path = log_path
    if _bridge is None:
        _bridge = _Bridge()
        _bridge.raised.connect(_bridge.show)
    sys.excepthook = handle_exception
    threading.excepthook = _thread_hook
