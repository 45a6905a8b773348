"""The wizard's loading (ui/wizard_loading.py): work waits for the first paint; a failed load is said, not hidden."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_app.ui import storage, wizard_loading
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.conftest import AS_OF


def test_callbacks_wait_for_the_first_paint_and_run_once(qtbot: Any) -> None:
    """A callback given before the first paint runs after it, once; one given afterwards runs at once."""
    wizard = PolicyWizard(settings=storage.UserSettings(), as_of=AS_OF)
    qtbot.addWidget(wizard)
    calls: list[str] = []
    wizard.after_first_paint(lambda: calls.append("early"))
    qtbot.wait(10)
    assert calls == []  # not shown, not painted yet (the 1 s fallback has not fired)
    wizard.loader.painted()
    wizard.loader.painted()  # a second paint emits nothing more
    qtbot.waitUntil(lambda: calls == ["early"], timeout=2000)
    wizard.after_first_paint(lambda: calls.append("late"))
    qtbot.waitUntil(lambda: calls == ["early", "late"], timeout=2000)
    qtbot.wait(20)
    assert calls == ["early", "late"]


def test_background_load_builds_the_pages(qtbot: Any) -> None:
    """start_loading builds the question, results and generate pages on the GUI thread and emits ready."""
    wizard = PolicyWizard(settings=storage.UserSettings(), as_of=AS_OF)
    qtbot.addWidget(wizard)
    with qtbot.waitSignal(wizard.ready, timeout=60_000):
        wizard.start_loading()
    assert wizard.is_ready() and wizard.generate_page is wizard.page(PageId.generate)
    assert wizard.page_sequence()[:4] == [PageId.welcome, PageId.basics, PageId.size, PageId.checklist]
    assert wizard.welcome.new_button.isEnabled()


def test_a_failed_load_is_shown_on_the_welcome_page(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """When the catalog cannot be loaded, the welcome page says so in Chinese and 新建 stays off."""

    def broken(packs: Any) -> Any:
        raise OSError("问卷文件损坏")

    monkeypatch.setattr(wizard_loading, "load_data", broken)
    wizard = PolicyWizard(settings=storage.UserSettings(), as_of=AS_OF)
    qtbot.addWidget(wizard)
    wizard.start_loading()
    qtbot.waitUntil(lambda: BackgroundOp.active() == 0, timeout=10_000)
    qtbot.waitUntil(lambda: "无法加载政策目录或问卷" in wizard.welcome.status.text(), timeout=2000)
    assert "问卷文件损坏" in wizard.welcome.status.text() and "重新安装" in wizard.welcome.status.text()
    assert not wizard.welcome.new_button.isEnabled() and not wizard.is_ready()
