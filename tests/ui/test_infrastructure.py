"""Around the pages: background work, the log, the error dialog, and a start-up that imports nothing heavy."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from desktop_app import logs
from desktop_app.ui import errors
from desktop_app.ui.background import BackgroundOp
from tests.ui.conftest import JINSHAN_CODE

ROOT = Path(__file__).resolve().parents[2]


def test_background_op_delivers_success_on_the_gui_thread(qtbot: Any) -> None:
    """The op runs on a worker; success and progress arrive on the GUI thread."""
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, Any] = {}
    progress: list[tuple[int, int, str]] = []

    def op(report: Any) -> int:
        seen["op_thread"] = threading.current_thread()
        report(1, 2, "一半")
        return 42

    def success(value: int) -> None:
        seen["value"] = value
        seen["callback_thread"] = QThread.currentThread()

    BackgroundOp(parent=parent, op=op).success(success).progress(lambda *a: progress.append(a)).run_in_background()
    qtbot.waitUntil(lambda: "value" in seen, timeout=5000)
    assert seen["value"] == 42
    assert seen["op_thread"] is not threading.main_thread()
    assert seen["callback_thread"] is QApplication.instance().thread()  # type: ignore[union-attr]
    assert progress == [(1, 2, "一半")]


def test_background_op_delivers_failure(qtbot: Any) -> None:
    """An exception inside the op reaches the failure callback, not the void."""
    parent = QWidget()
    qtbot.addWidget(parent)
    failures: list[BaseException] = []

    def op(_report: Any) -> None:
        raise ValueError("坏了")

    BackgroundOp(parent=parent, op=op).failure(failures.append).run_in_background()
    qtbot.waitUntil(lambda: bool(failures), timeout=5000)
    assert isinstance(failures[0], ValueError) and str(failures[0]) == "坏了"


def test_background_op_drops_results_for_a_destroyed_parent(qtbot: Any) -> None:
    """If the window that asked is gone, its callback is not called."""
    parent = QWidget()
    gate = threading.Event()
    called: list[object] = []
    BackgroundOp(parent=parent, op=lambda _r: gate.wait(5)).success(called.append).run_in_background()
    parent.deleteLater()
    QApplication.processEvents()
    gate.set()
    qtbot.waitUntil(lambda: BackgroundOp.active() == 0, timeout=5000)
    qtbot.wait(50)
    assert called == []


def test_log_redacts_codes_and_phones_and_rotates(tmp_path: Path) -> None:
    """Warnings reach the log in the user data folder; credit codes and phone numbers are masked."""
    path = logs.setup_logging()
    assert path == logs.log_file() and "PolicyAssistant" in str(path)
    logging.getLogger("desktop_app.test").warning("保存失败：%s 电话 021-57921750", JINSHAN_CODE)
    for handler in logging.getLogger().handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "保存失败" in text
    assert JINSHAN_CODE not in text and "57921750" not in text
    assert "[信用代码已隐去]" in text and "[号码已隐去]" in text
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(path))
    assert isinstance(handler, logging.handlers.RotatingFileHandler)
    assert handler.maxBytes == logs.MAX_BYTES and handler.backupCount == logs.BACKUP_COUNT
    assert logs.setup_logging() == path
    assert sum(getattr(h, "baseFilename", None) == str(path) for h in logging.getLogger().handlers) == 1


def test_a_whole_profile_never_fits_in_the_log() -> None:
    """Even a message carrying a serialised profile is cut and masked."""
    profile = json.dumps({"name": "上海示例有限公司", "credit_code": JINSHAN_CODE, "notes": "x" * 5000})
    out = logs.redact(profile)
    assert JINSHAN_CODE not in out
    assert len(out) < logs.MAX_MESSAGE_CHARS + 50


def test_unhandled_exception_shows_dialog_with_log_path(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unhandled exception is logged with its traceback, the draft rescue runs, and a dialog names the log."""
    path = logs.setup_logging()
    errors.install(log_path=path)
    rescued: list[int] = []
    rescue = lambda: rescued.append(1)  # noqa: E731
    errors.add_rescuer(rescue)
    opened: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: opened.append(self))
    try:
        raise RuntimeError("测试用的意外错误")
    except RuntimeError:
        errors.handle_exception(*sys.exc_info())
    finally:
        errors.remove_rescuer(rescue)
        sys.excepthook = sys.__excepthook__
    assert rescued == [1]
    assert opened and str(path) in opened[0].text()
    assert opened[0].objectName() == "unhandled_exception_dialog"
    for handler in logging.getLogger().handlers:
        handler.flush()
    log_text = path.read_text(encoding="utf-8")
    assert "RuntimeError" in log_text and "测试用的意外错误" in log_text


STARTUP_PROBE = """
import sys
from desktop_app.cli import main
code = main(["gui", "--exit-after-show"])
HEAVY = {"pydantic", "docxtpl", "docx", "mammoth", "cn2an", "jinja2", "yaml", "lxml", "openpyxl"}
heavy = sorted({m.split(".")[0] for m in sys.modules} & HEAVY)
domain = sorted(m for m in sys.modules if m.startswith("desktop_app.domain") or m.startswith("desktop_app.documents"))
print(code, heavy, domain)
"""


def test_first_window_imports_nothing_heavy() -> None:
    """The welcome page shows before pydantic, docxtpl, mammoth, cn2an, Jinja or the catalog are loaded."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", STARTUP_PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "0 [] []"
