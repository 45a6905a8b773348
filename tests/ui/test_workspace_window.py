"""The 企业台账 window driven like a clerk would: search, filter, wizard round trip, generate, ledger, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QPlainTextEdit

from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.workspace_window import WorkspaceWindow, open_workspace_window
from desktop_app.workspace import LedgerState, Workspace, ledger
from tests.conftest import AS_OF
from tests.ui.conftest import cell, make_wizard
from tests.workspace.sheets import company, examples, write_sheet


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "台账.sqlite"
    with Workspace.open(path) as ws:
        for profile in examples():  # 1 宝山, 2 嘉定, 3 金山, 4 青浦
            ws.add_profile(profile=profile)
    return path


def _idle(qtbot: Any) -> None:
    qtbot.waitUntil(lambda: BackgroundOp.active() == 0, timeout=60_000)


def _window(qtbot: Any, db: Path, **kwargs: Any) -> WorkspaceWindow:
    window = WorkspaceWindow(db_path=db, as_of=AS_OF, **kwargs)
    qtbot.addWidget(window)
    window.show()
    _idle(qtbot)  # the first match of the four examples
    return window


def _counts(status: str) -> list[int]:
    """What match() finds for the four examples (宝山, 嘉定, 金山, 青浦) on the tests' date."""
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.matching import Status, match

    catalog = load_catalog()
    return [match(p, catalog, as_of=AS_OF).counts()[Status(status)] for p in examples()]


def _report_text(window: WorkspaceWindow) -> str:
    text = window.report_dialog.findChild(QPlainTextEdit, "report_text")
    assert isinstance(text, QPlainTextEdit)
    return text.toPlainText()


def _names(window: WorkspaceWindow) -> list[str]:
    return [window.proxy.index(r, 1).data() for r in range(window.proxy.rowCount())]


def test_table_shows_counts_and_search_and_filters_narrow_it(qtbot: Any, db: Path) -> None:
    """Typing in the search box and choosing a district or a status keeps only the matching rows."""
    window = _window(qtbot, db)
    assert window.proxy.rowCount() == 4
    eligible = _counts("eligible")
    assert [window.proxy.index(r, 4).data() for r in range(4)] == [str(n) for n in eligible]
    window.filters.search.setText("青溪")
    assert _names(window) == ["上海青溪精密机械有限公司（示例）"]
    window.filters.search.clear()
    window.filters.district.setCurrentIndex(window.filters.district.findData("jinshan"))
    assert _names(window) == ["上海金湾智能装备有限公司（示例）"]
    window.filters.district.setCurrentIndex(0)
    window.filters.status.setCurrentIndex(window.filters.status.findData("match:needs_info"))
    with_questions = sum(1 for n in _counts("needs_info") if n)
    assert 0 < with_questions < 4 and len(_names(window)) == with_questions
    assert f"显示 {with_questions} / 4 家企业" in window.count_label.text()


def test_sorting_by_a_count_column_sorts_numbers(qtbot: Any, db: Path) -> None:
    """Clicking the 符合条件 header sorts by the number, not the text."""
    window = _window(qtbot, db)
    window.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    assert [window.proxy.index(r, 4).data() for r in range(4)] == [str(n) for n in sorted(_counts("eligible"))[::-1]]


def test_open_in_wizard_and_save_back(qtbot: Any, db: Path) -> None:
    """An enterprise opened from the table fills the wizard; the wizard's Save writes the change to the store."""
    wizard = make_wizard(qtbot)
    window = _window(qtbot, db, wizard=wizard)
    window.select_ids([2])
    assert window.open_selected_in_wizard()
    assert wizard.profile().name == "上海嘉示汽配科技有限公司（示例企业）"
    assert wizard.form is not None
    changed = wizard.profile().model_copy(update={"eligible_hires": 42})
    wizard.form.set_profile(changed)
    assert wizard.save()
    qtbot.waitUntil(lambda: window.ws.get(2).profile.eligible_hires == 42, timeout=10_000)  # type: ignore[union-attr]
    _idle(qtbot)
    assert window.proxy.index(1, 1).data() == "上海嘉示汽配科技有限公司（示例企业）"


def test_generate_two_enterprises_with_progress(qtbot: Any, db: Path, tmp_path: Path) -> None:
    """Two selected enterprises get their letters; the progress bar counts them; the ledger records 待申报."""
    window = _window(qtbot, db)
    seen: list[tuple[int, int]] = []
    window.jobs.progress.valueChanged.connect(lambda v: seen.append((v, window.jobs.progress.maximum())))
    window.select_ids([3, 4])
    out = tmp_path / "文书"
    assert window.generate_selected(out)
    assert window.jobs.progress.isVisible() and window.jobs.cancel_button.isVisible()
    _idle(qtbot)
    assert (2, 2) in seen and not window.jobs.progress.isVisible()
    assert window.last_generate is not None and not window.last_generate.failed
    assert len([p for p in out.iterdir() if p.is_dir()]) == 2
    states = ledger.current_states(window.ws)
    assert states[(3, "jinshan-2023-11")] is LedgerState.pending
    assert "台账新记" in _report_text(window)


def test_generate_with_the_wizards_contacts(
    qtbot: Any, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The wizard's general phones reach a registry run; a district's own phones stay out (one run, many districts)."""
    import desktop_app.workspace.generate as generate_module
    from desktop_app.contacts import ContactBook

    wizard = make_wizard(qtbot)
    wizard.contacts = ContactBook(general={"区财政局": "021-11111111"}, by_district={"qingpu": {"区科委": "021-2"}})
    seen: dict[str, Any] = {}
    real = generate_module.generate

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(generate_module, "generate", spy)
    window = _window(qtbot, db, wizard=wizard)
    window.select_ids([3, 4])
    assert window.generate_selected(tmp_path / "文书")
    _idle(qtbot)
    assert seen["contacts"] == {"区财政局": "021-11111111"}
    assert window.last_generate is not None and not window.last_generate.failed


def test_set_a_ledger_state_from_the_pane(qtbot: Any, db: Path) -> None:
    """Choosing a measure, 已兑现 and an amount, then 记录, appends an event shown in the history and the table."""
    window = _window(qtbot, db)
    window.select_ids([3])
    pane = window.ledger_pane
    assert pane.select_measure("jinshan-2023-11")
    pane.state.setCurrentIndex(pane.state.findData("已兑现"))
    pane.amount.setText("3000")
    pane.note.setText("区人社局拨付")
    qtbot.mouseClick(pane.record_button, Qt.MouseButton.LeftButton)
    event = ledger.current(window.ws, enterprise_id=3)["jinshan-2023-11"]
    assert event.state is LedgerState.paid and str(event.amount) == "3000" and event.note == "区人社局拨付"
    assert cell(pane.history, 0, 2).text() == "已兑现"
    assert window.proxy.index(2, window.model.columnCount() - 1).data() == "已兑现 1"


def test_a_refused_ledger_step_is_explained(qtbot: Any, db: Path, no_modal_dialogs: list[str]) -> None:
    """Going back from 已受理 without a note shows why and records nothing."""
    window = _window(qtbot, db)
    ledger.record(window.ws, enterprise_id=1, measure_id="baoshan-2023-1", state=LedgerState.accepted)
    window.select_ids([1])
    assert not window.record_ledger("baoshan-2023-1", LedgerState.pending, AS_OF, "", "")
    assert any("不能退回" in text for text in no_modal_dialogs)
    assert len(ledger.history(window.ws, enterprise_id=1)) == 1


def test_import_with_progress_and_rejected_rows_report(qtbot: Any, db: Path, tmp_path: Path) -> None:
    """An import adds the good rows, selects them, and lists the rejected row by its number."""
    window = _window(qtbot, db)
    sheet = write_sheet(tmp_path / "名单.csv", [company(10), company(11)], extra_rows=[["", "", "金山区"]])
    assert window.import_file(sheet)
    _idle(qtbot)
    assert window.model.rowCount() == 6
    assert window.last_import.added == [2, 3] and [r.number for r in window.last_import.rejected] == [4]
    text = _report_text(window)
    assert "第 4 行" in text and "新增 2 家" in text
    assert window.selected_ids() == [5, 6]


def test_reachable_from_the_wizard(qtbot: Any, db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The welcome page's 企业台账 button opens one window for the wizard; Ctrl+K shows the same one again."""
    monkeypatch.setattr("desktop_app.workspace.store.default_path", lambda: db)
    wizard = make_wizard(qtbot)
    qtbot.mouseClick(wizard.welcome.workspace_button, Qt.MouseButton.LeftButton)
    first = wizard.findChild(WorkspaceWindow)
    assert isinstance(first, WorkspaceWindow) and first.isVisible()
    _idle(qtbot)
    assert open_workspace_window(wizard) is first
    assert first.model.rowCount() == 4
    first.close()
    action = wizard.findChild(QAction, "open_workspace_action")
    assert isinstance(action, QAction) and action.shortcut().toString() == "Ctrl+K"
    action.trigger()
    assert first.isVisible() and wizard.findChildren(WorkspaceWindow) == [first]


def test_generate_can_be_cancelled(qtbot: Any, db: Path, tmp_path: Path) -> None:
    """取消 after the first enterprise: the ones not started come back as cancelled, nothing is left half done."""
    window = _window(qtbot, db)

    def cancel_after_the_first(done: int) -> None:
        if done == 1:
            window.jobs.cancel_button.click()

    window.jobs.progress.valueChanged.connect(cancel_after_the_first)
    window.select_ids([1, 2, 3, 4])
    assert window.generate_selected(tmp_path / "文书")
    _idle(qtbot)
    result = window.last_generate
    cancelled = [o for o in result.failed if "已取消" in (o.error or "")]
    assert cancelled and len(cancelled) < 4
    done = {o.number for o in result.outcomes if not o.error}
    assert {eid for eid, _ in ledger.current_states(window.ws)} == done


def test_deadline_view_lists_what_ends_soon(qtbot: Any, db: Path) -> None:
    """截止提醒 on 2023-06-01 within 30 days holds the 青浦 loan-interest measure ending 2023-06-30."""
    window = _window(qtbot, db)
    qtbot.keyClick(window, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    model = window.deadlines.model
    assert [model.index(r, 3).data().split()[0] for r in range(model.rowCount())] == ["qingpu-2023-1.2a"]
    window.deadlines.within.setValue(214)
    assert model.rowCount() > 10
