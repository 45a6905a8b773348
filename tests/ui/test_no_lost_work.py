"""Nothing typed is lost: autosaved drafts, the unsaved-changes prompt, crash recovery in a real process."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_app import paths
from desktop_app.ui import storage
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import JINSHAN_CODE, answer_yes_no, choose, editor, make_wizard, type_text

ROOT = Path(__file__).resolve().parents[2]


def type_some(qtbot: Any, w: PolicyWizard) -> None:
    type_text(qtbot, w, "name", "上海金山示例机械有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE[:12])  # half typed: invalid, still kept
    choose(w, "district", "jinshan")
    type_text(qtbot, w, "eligible_hires", "3")
    answer_yes_no(qtbot, w, "foreign_invested", False)
    type_text(qtbot, w, "rd_expense_last_year", "1.5")


def test_draft_is_offered_back_after_the_window_is_destroyed(qtbot: Any) -> None:
    """A window destroyed without saving leaves a draft; the next window offers it and restores every input."""
    first = make_wizard(qtbot)
    type_some(qtbot, first)
    assert first.form is not None
    typed = first.form.raw_state()
    first.next()  # a page change autosaves
    assert paths.user_draft_file().is_file()
    first.hide()
    first.deleteLater()
    QApplication.processEvents()

    second = make_wizard(qtbot)
    assert second.offered_draft is not None
    assert second.welcome.draft_box.isVisible()
    assert "上海金山示例机械有限公司" in second.welcome.draft_label.text()
    qtbot.mouseClick(second.welcome.restore_button, Qt.MouseButton.LeftButton)
    assert second.form is not None
    assert second.form.raw_state() == typed
    assert editor(second, "credit_code").error()  # the half-typed code came back as it was
    assert second.profile().rd_expense_last_year == 15_000
    assert second.is_dirty()
    assert second.currentId() == PageId.basics


def test_edits_reach_the_draft_shortly_after_typing(qtbot: Any, wizard: PolicyWizard) -> None:
    """Without a page change, the draft is written once typing settles (and every 30 s)."""
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    qtbot.waitUntil(paths.user_draft_file().is_file, timeout=5000)
    draft = storage.load_draft()
    assert draft is not None and draft.raw["name"] == "上海示例有限公司"


def test_discarding_the_offered_draft_removes_it(qtbot: Any) -> None:
    """丢弃草稿 deletes the file, so it is not offered again."""
    storage.save_draft(storage.Draft(saved_at=storage.dt.datetime.now(), raw={"name": "上海示例"}))
    w = make_wizard(qtbot)
    assert w.welcome.draft_box.isVisible()
    qtbot.mouseClick(w.welcome.discard_button, Qt.MouseButton.LeftButton)
    assert not paths.user_draft_file().exists()
    assert not w.welcome.draft_box.isVisible()


def test_saving_clears_the_draft(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Once the answers are in a profile file, the draft is gone."""
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    assert wizard.autosave()
    assert wizard.save_to(tmp_path / "a.json")
    assert not paths.user_draft_file().exists()


def test_close_with_unsaved_changes_asks(qtbot: Any, wizard: PolicyWizard, monkeypatch: pytest.MonkeyPatch) -> None:
    """Closing with changes asks; 取消 keeps the window, 不保存 closes and drops the draft."""
    asked: list[int] = []
    answer = {"value": QMessageBox.StandardButton.Cancel}

    def ask(self: PolicyWizard) -> QMessageBox.StandardButton:
        asked.append(1)
        return answer["value"]

    monkeypatch.setattr(PolicyWizard, "ask_unsaved_changes", ask)
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    wizard.autosave()
    wizard.close()
    assert asked and wizard.isVisible()
    answer["value"] = QMessageBox.StandardButton.Discard
    wizard.close()
    assert not wizard.isVisible()
    assert not paths.user_draft_file().exists()


def test_close_without_changes_does_not_ask(qtbot: Any, wizard: PolicyWizard, monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing typed, nothing to ask."""
    monkeypatch.setattr(PolicyWizard, "ask_unsaved_changes", lambda self: pytest.fail("asked"))
    wizard.close()
    assert not wizard.isVisible()


def test_window_geometry_is_restored(qtbot: Any) -> None:
    """The next window opens at the size the last one closed with."""
    first = make_wizard(qtbot)
    first.resize(700, 560)
    first.close()
    second = make_wizard(qtbot)
    assert (second.width(), second.height()) == (700, 560)


CHILD = textwrap.dedent(
    """
    import os, sys
    from desktop_app.ui import app as app_module
    from desktop_app.ui import storage
    from desktop_app import paths
    from PySide6.QtCore import QTimer

    def fill():
        w = controller.wizard
        if not w.is_ready():
            QTimer.singleShot(20, fill)
            return
        w.form.editor("name").edit.setText("上海金山示例机械有限公司")
        w.form.editor("credit_code").edit.setText(sys.argv[1])
        w.form.editor("district").set_value("jinshan")
        w.form.editor("topics").set_value(["hiring", "certification"])
        w.form.editor("eligible_hires").edit.setText("3")
        w.form.editor("hitech_event").set_value("new")
        w.form.editor("hitech_event_year").edit.setText("2022")
        w.form.editor("srdi_recognition").set_value("municipal_srdi")
        w.form.editor("address").edit.setText("上海市金山区示例路1号（未保存）")
        def wait_for_draft():
            draft = storage.load_draft()
            if draft is not None and draft.raw.get("address", "").endswith("（未保存）"):
                print("TYPED", flush=True)
            else:
                QTimer.singleShot(50, wait_for_draft)
        wait_for_draft()

    app = app_module.application()
    controller = app_module.Controller(app, storage.load_settings(), None)
    window = controller.open_window()
    window.show()
    window.start_loading()
    QTimer.singleShot(0, fill)
    app.exec()
    """
)


@pytest.mark.slow
def test_killed_gui_process_loses_nothing(qtbot: Any, tmp_path: Path) -> None:
    """A GUI process killed (SIGKILL) after typing and before saving: the next start offers the draft
    and every answer comes back."""
    script = tmp_path / "child.py"
    script.write_text(CHILD, encoding="utf-8")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(script), JINSHAN_CODE], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline and "TYPED" not in line:
            line = child.stdout.readline()
            if not line and child.poll() is not None:
                break
        assert "TYPED" in line, "the child never reported its answers typed"
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    w = make_wizard(qtbot)
    assert w.offered_draft is not None and w.welcome.draft_box.isVisible()
    qtbot.mouseClick(w.welcome.restore_button, Qt.MouseButton.LeftButton)
    profile = w.profile()
    assert profile.name == "上海金山示例机械有限公司"
    assert profile.credit_code == JINSHAN_CODE
    assert profile.district is not None and profile.district.value == "jinshan"
    assert profile.topics == ["hiring", "certification"]
    assert profile.eligible_hires == 3
    assert profile.hitech_event == "new" and profile.hitech_event_year == 2022
    assert profile.srdi_recognition == "municipal_srdi"
    assert profile.address == "上海市金山区示例路1号（未保存）"
    saved = json.loads(paths.user_draft_file().read_text(encoding="utf-8"))
    assert saved["raw"]["eligible_hires"] == "3"
