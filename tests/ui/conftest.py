"""Fixtures and small drivers for the wizard tests: a loaded wizard, typing, choosing, clicking Next."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTableWidget, QTableWidgetItem, QWizard

from desktop_app.ui import dialogs, storage, translations
from desktop_app.ui.choice_editors import ChoiceEditor, MultiEditor, YesNoEditor
from desktop_app.ui.editors import FieldEditor, LineEditor
from desktop_app.ui.results_page import ResultsPage
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.conftest import AS_OF

#: A valid 统一社会信用代码 registered in 金山 (310116); the last character is the check digit.
JINSHAN_CODE = "91310116MA1J8K6Q01"


def make_wizard(qtbot: Any, **kwargs: Any) -> PolicyWizard:
    """A shown wizard with the shipped catalog and questionnaire loaded (on this thread)."""
    app = QApplication.instance()
    assert app is not None
    translations.install(app, "zh_CN")
    wizard = PolicyWizard(settings=kwargs.pop("settings", storage.UserSettings()), as_of=kwargs.pop("as_of", AS_OF))
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.load_now(**kwargs)
    return wizard


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A modal dialog would wait forever offscreen: record message boxes instead, and answer the
    unsaved-changes prompt with 不保存 (pytest-qt closes the windows after each test)."""
    shown: list[str] = []

    def record(_parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        shown.append(f"{title}: {text}")
        return QMessageBox.StandardButton.Ok

    for name in ("warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(record))
    monkeypatch.setattr(dialogs, "warn", record)
    monkeypatch.setattr(PolicyWizard, "ask_unsaved_changes", lambda self: QMessageBox.StandardButton.Discard)
    return shown


@pytest.fixture
def wizard(qtbot: Any) -> Iterator[PolicyWizard]:
    yield make_wizard(qtbot)


def editor(w: PolicyWizard, question_id: str) -> FieldEditor:
    assert w.form is not None
    found = w.form.editor(question_id)
    assert found is not None, question_id
    return found


def type_text(qtbot: Any, w: PolicyWizard, question_id: str, text: str) -> None:
    """ASCII is typed key by key; CJK is committed as the input method would (keyClicks aborts on CJK)."""
    ed = editor(w, question_id)
    assert isinstance(ed, LineEditor)
    ed.edit.clear()
    if text.isascii():
        qtbot.keyClicks(ed.edit, text)
    else:
        ed.edit.setFocus()
        ed.edit.insert(text)


def choose(w: PolicyWizard, question_id: str, value: Any) -> None:
    ed = editor(w, question_id)
    assert isinstance(ed, ChoiceEditor)
    index = next(i for i in range(ed.combo.count()) if ed.combo.itemData(i) == value)
    ed.combo.setCurrentIndex(index)


def answer_yes_no(qtbot: Any, w: PolicyWizard, question_id: str, value: bool | None) -> None:
    ed = editor(w, question_id)
    assert isinstance(ed, YesNoEditor)
    button = ed.yes if value is True else ed.no if value is False else ed.unknown
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def tick(qtbot: Any, w: PolicyWizard, question_id: str, value: Any, on: bool = True) -> None:
    """Tick a box of a multiple choice with the keyboard (a click on a stretched box can miss)."""
    ed = editor(w, question_id)
    assert isinstance(ed, MultiEditor)
    box = ed.boxes[value]
    if box.isChecked() != on:
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked() == on


def click_next(qtbot: Any, w: PolicyWizard) -> int:
    button = w.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next is disabled on page {w.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    if w.currentId() == PageId.results:
        wait_for_results(qtbot, w)
    return w.currentId()


def wait_for_results(qtbot: Any, w: PolicyWizard) -> None:
    """Matching runs on a worker thread: wait until the results page has its rows."""
    page = w.page(PageId.results)
    assert isinstance(page, ResultsPage)
    qtbot.waitUntil(lambda: not page.busy and page.report is not None, timeout=10_000)


def cell(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item in a table cell, which the test expects to be there."""
    item = table.item(row, column)
    assert item is not None, f"no item at ({row}, {column})"
    return item


def select_measure(page: ResultsPage, measure_id: str) -> None:
    """Select a measure's row on the results page (it must be listed), as a click would."""
    item = page.item_for(measure_id)
    assert item is not None, measure_id
    page.tree.setCurrentItem(item)


def next_enabled(w: PolicyWizard) -> bool:
    return w.button(QWizard.WizardButton.NextButton).isEnabled()


def fill_jinshan_company(qtbot: Any, w: PolicyWizard) -> None:
    """From the welcome page to the results page, answering as a clerk would."""
    assert w.currentId() == PageId.welcome
    qtbot.mouseClick(w.welcome.new_button, Qt.MouseButton.LeftButton)
    assert w.currentId() == PageId.basics
    type_text(qtbot, w, "name", "上海金山示例机械有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE)
    choose(w, "district", "jinshan")
    type_text(qtbot, w, "contact_person", "李晓燕")
    assert click_next(qtbot, w) == PageId.size
    choose(w, "industry", "manufacturing")
    assert click_next(qtbot, w) == PageId.checklist
    tick(qtbot, w, "topics", "hiring")
    tick(qtbot, w, "topics", "certification")
    hiring_page = w.question_page_id("eligible_hires")
    assert click_next(qtbot, w) == hiring_page
    type_text(qtbot, w, "eligible_hires", "3")
    certification_page = w.question_page_id("hitech_event")
    assert click_next(qtbot, w) == certification_page
    page = w.question_pages["certification"]
    assert not page.rows["hitech_event_year"].isVisible()  # show_if: only once an event is chosen
    choose(w, "hitech_event", "new")
    assert page.rows["hitech_event_year"].isVisible()
    type_text(qtbot, w, "hitech_event_year", "2022")
    choose(w, "srdi_recognition", "municipal_srdi")
    type_text(qtbot, w, "srdi_recognition_year", "2023")  # 金山 17: a new recognition (issue 11)
    assert click_next(qtbot, w) == PageId.results
