"""Issue 14, 8, 10, 11: the keyboard (first field, Enter, Esc, mnemonics, the whole 金山 journey by keys),
the display (no clipped combos, icons, a stretching column, 12 rows at 1366×768) and the language."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QFont, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel, QPushButton, QWidget, QWizard

from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.profile_io import save_profile
from desktop_app.ui import storage, translations
from desktop_app.ui.choice_editors import ChoiceEditor
from desktop_app.ui.generate_page import GeneratePage
from desktop_app.ui.results_page import MIN_VISIBLE_ROWS, ResultsPage
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import JINSHAN_CODE, choose, editor, make_wizard, wait_for_results


def focused(qtbot: Any, w: PolicyWizard) -> QWidget | None:
    qtbot.wait(20)
    return QApplication.focusWidget()


def activate(qtbot: Any, w: PolicyWizard) -> None:
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)


def test_each_page_starts_on_its_first_field(qtbot: Any, wizard: PolicyWizard) -> None:
    """Arriving on a page puts the keyboard on its first question."""
    activate(qtbot, wizard)
    wizard.new_profile()
    assert wizard.currentId() == PageId.basics
    name = editor(wizard, "name").focus_widget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is name, timeout=2000)
    choose(wizard, "district", "jinshan")
    editor(wizard, "name").set_value("上海示例有限公司")
    editor(wizard, "credit_code").set_value(JINSHAN_CODE)
    wizard.next()
    first = wizard.question_pages["size"].visible_questions()[0].id
    target = editor(wizard, first).focus_widget()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is target, timeout=2000)


def test_enter_on_a_recent_file_opens_it_only(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Enter on a recent file opens it (企业基本信息) and does not also press 下一步."""
    path = tmp_path / "a.json"
    save_profile(path, EnterpriseProfile(name="上海示例有限公司", credit_code=JINSHAN_CODE, district="jinshan"))
    storage.add_recent_file(path)
    wizard.welcome.set_recent(storage.recent_files())
    activate(qtbot, wizard)
    recent = wizard.welcome.recent
    assert recent is not None
    recent.setFocus()
    recent.setCurrentRow(0)
    qtbot.keyClick(recent, Qt.Key.Key_Return)
    assert wizard.profile().name == "上海示例有限公司"
    assert wizard.currentId() == PageId.basics


def test_escape_asks_only_when_there_is_work_to_lose(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Esc with unsaved answers asks (取消 keeps the window); Esc on saved work leaves without a prompt."""
    from PySide6.QtWidgets import QMessageBox

    asked: list[int] = []

    def cancel(self: PolicyWizard) -> QMessageBox.StandardButton:
        asked.append(1)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(PolicyWizard, "ask_unsaved_changes", cancel)
    activate(qtbot, wizard)
    editor(wizard, "name").set_value("上海示例有限公司")
    editor(wizard, "name").focus_widget().setFocus()
    assert wizard.is_dirty()
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [1] and wizard.isVisible()
    assert wizard.save_to(tmp_path / "a.json")
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert asked == [1] and not wizard.isVisible()


def test_every_button_has_a_mnemonic(qtbot: Any, wizard: PolicyWizard) -> None:
    """添加政策包…, 移除, 添加一行, 删除选中行, 列出缺电话的部门 and every other button can be reached with Alt."""
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    buttons = dialog.findChildren(QPushButton) + [
        b for page_id in wizard.pageIds() for b in wizard.page(page_id).findChildren(QPushButton)
    ]
    if wizard.nav is not None:
        buttons += wizard.nav.findChildren(QPushButton)
    # The default button (确定) answers Enter and needs no letter.
    missing = sorted({b.text() for b in buttons if b.text() and "&" not in b.text() and not b.isDefault()})
    assert not missing, missing


@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_no_dropdown_is_narrower_than_its_text(qtbot: Any, scale: float) -> None:
    """At 100 % and 150 % every drop-down is at least as wide as its longest entry (no clipped “（未回答”)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    old = app.font()
    font = QFont(old)
    font.setPointSizeF(old.pointSizeF() * scale)
    app.setFont(font)
    try:
        w = make_wizard(qtbot)
        w.resize(1366 if scale == 1.0 else 911, 700 if scale == 1.0 else 480)
        assert w.form is not None
        for qid, ed in w.form.editors().items():
            if not isinstance(ed, ChoiceEditor):
                continue
            page_id = w.question_page_id(qid)
            assert page_id is not None
            page = w.page(page_id)
            page.show()
            page.resize(w.width() - 200, page.height())
            QApplication.processEvents()
            assert ed.combo.width() >= ed.combo.sizeHint().width(), qid
    finally:
        app.setFont(old)


def jinshan_results(qtbot: Any, w: PolicyWizard) -> ResultsPage:
    editor(w, "name").set_value("上海金山示例机械有限公司")
    editor(w, "credit_code").set_value(JINSHAN_CODE)
    choose(w, "district", "jinshan")
    assert w.go_to_page(PageId.results)
    wait_for_results(qtbot, w)
    page = w.currentPage()
    assert isinstance(page, ResultsPage)
    return page


def test_results_use_icons_and_a_stretching_amount_column(qtbot: Any, wizard: PolicyWizard) -> None:
    """Status icons come from bundled files (no ⌛ glyph); the amount column grows with the window."""
    page = jinshan_results(qtbot, wizard)
    rows = page.measure_items()
    assert rows and all(not r.icon(1).isNull() for r in rows)
    assert not any("⌛" in r.text(1) for r in rows)
    wizard.resize(1000, 700)
    QApplication.processEvents()
    narrow = page.tree.columnWidth(2)
    wizard.resize(1900, 1000)
    QApplication.processEvents()
    assert page.tree.columnWidth(2) > narrow


def test_a_narrow_window_keeps_room_for_the_measure_titles(qtbot: Any, wizard: PolicyWizard) -> None:
    """In a narrow window (a laptop at 150 %) the long phone and amount entries no longer squeeze the titles
    to two characters: the title column stays the widest, and a cut phone is whole in its tooltip."""
    page = jinshan_results(qtbot, wizard)
    wizard.resize(760, 640)
    QApplication.processEvents()
    widths = [page.tree.columnWidth(c) for c in range(4)]
    assert widths[0] == max(widths), widths
    assert widths[3] <= page.tree.viewport().width() * 0.22 + 1, widths
    hotline = next(r for r in page.measure_items() if "12366" in r.text(3))
    assert page.tree.fontMetrics().horizontalAdvance(hotline.text(3)) > widths[3]  # this one is cut …
    assert hotline.toolTip(3) == hotline.text(3)  # … and whole in its tooltip


def test_a_column_width_the_user_dragged_is_kept(qtbot: Any, wizard: PolicyWizard) -> None:
    """The fitted widths are a default: once the user drags the phone column wider, resizing keeps it."""
    page = jinshan_results(qtbot, wizard)
    wizard.resize(1000, 700)
    QApplication.processEvents()
    page.tree.header().resizeSection(3, 333)  # as a drag does
    wizard.resize(1200, 800)
    QApplication.processEvents()
    assert page.tree.columnWidth(3) == 333


def test_the_list_shows_twelve_rows_at_1366x768(qtbot: Any, wizard: PolicyWizard) -> None:
    """On a 1366×768 screen the results list has room for at least 12 rows."""
    wizard.resize(1366, 728)  # the screen less a task bar
    page = jinshan_results(qtbot, wizard)
    QApplication.processEvents()
    page.fit_rows()
    row = page.tree.sizeHintForRow(0) or page.tree.fontMetrics().height()
    assert page.tree.viewport().height() // row >= MIN_VISIBLE_ROWS


def test_qt_file_dialogs_speak_chinese(qtbot: Any) -> None:
    """Qt's own file dialog shows 查找范围 / 文件类型, not “Look in:” / “Files of type:”."""
    app = QApplication.instance()
    assert app is not None
    translations.install(app, "zh_CN")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in texts and "文件类型" in texts
    assert "Look in" not in texts and "Files of" not in texts


def test_the_folder_placeholder_fits_the_system(qtbot: Any, wizard: PolicyWizard) -> None:
    """The default output folder is shown with this system's own path, not a Windows path on Linux."""
    from desktop_app.ui.output_folder import default_output_root

    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    text = dialog.output_dir.placeholderText()
    assert str(default_output_root()) in text
    if Path("/").anchor == "/":
        assert "\\" not in text


@pytest.fixture
def english_wizard(qtbot: Any) -> Iterator[PolicyWizard]:
    """A loaded wizard in the English interface; Chinese is installed again afterwards."""
    app = QApplication.instance()
    assert app is not None
    try:
        translations.install(app, "en")
        w = PolicyWizard(settings=storage.UserSettings(language="en"))
        qtbot.addWidget(w)
        w.load_now()
        yield w
    finally:
        translations.install(app, "zh_CN")


def test_english_shows_the_questions_in_english(english_wizard: PolicyWizard) -> None:
    """With English chosen, question labels and options come from the questionnaire's English labels."""
    w = english_wizard
    row = w.question_pages["basics"].rows["name"]
    assert row.label.text().startswith("Company name")
    district = editor(w, "district")
    assert isinstance(district, ChoiceEditor)
    assert district.combo.itemText(4) == "Jinshan"
    assert w.question_pages["basics"].title() == "Basic information"


def test_the_welcome_page_shows_next_while_loading(qtbot: Any) -> None:
    """Before the catalog has loaded, the button reads 下一步 (disabled), not 完成."""
    w = PolicyWizard(settings=storage.UserSettings())
    qtbot.addWidget(w)
    w.show()
    QApplication.processEvents()
    next_button = w.button(QWizard.WizardButton.NextButton)
    assert next_button.isVisible() and not next_button.isEnabled()
    assert not w.button(QWizard.WizardButton.FinishButton).isVisible()


def commit_text(qtbot: Any, text: str) -> None:
    """What an input method does for CJK (keyClicks aborts on it): commit the text into the focus widget."""
    target = QApplication.focusWidget()
    assert target is not None
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(target, event)


def keys(qtbot: Any, text: str) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClicks(target, text)


def key(qtbot: Any, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, k, modifier)
    qtbot.wait(10)


def alt(qtbot: Any, letter: Qt.Key) -> None:
    """Alt+letter: a button's mnemonic (Qt animates the click, so wait for it)."""
    key(qtbot, letter, Qt.KeyboardModifier.AltModifier)
    qtbot.wait(250)


def test_the_jinshan_journey_by_keyboard_alone(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New profile → 3 graduates → letters → PDF → open folder, driven by key events only (issue 14)."""
    opened: list[str] = []
    out = tmp_path / "letters"

    def open_url(_page: GeneratePage, url: QUrl) -> bool:
        opened.append(url.toLocalFile())
        return True

    monkeypatch.setattr(GeneratePage, "open_url", open_url)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out / "申请书.pdf"), "")))
    activate(qtbot, wizard)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is wizard.welcome.new_button, timeout=2000)
    key(qtbot, Qt.Key.Key_Space)  # 新建企业档案
    assert wizard.currentId() == PageId.basics
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor(wizard, "name").focus_widget(), timeout=2000)
    commit_text(qtbot, "上海金山示例机械有限公司")
    key(qtbot, Qt.Key.Key_Tab)
    keys(qtbot, JINSHAN_CODE)
    key(qtbot, Qt.Key.Key_Tab)
    district = editor(wizard, "district")
    assert isinstance(district, ChoiceEditor) and QApplication.focusWidget() is district.combo
    for _ in range(4):  # （未回答） → 青浦 → 嘉定 → 宝山 → 金山
        key(qtbot, Qt.Key.Key_Down)
    assert wizard.profile().district is District.jinshan
    alt(qtbot, Qt.Key.Key_N)
    assert wizard.currentId() == PageId.size
    alt(qtbot, Qt.Key.Key_N)
    assert wizard.currentId() == PageId.checklist
    boxes = wizard.question_pages["checklist"].rows["topics"].editor
    qtbot.waitUntil(lambda: QApplication.focusWidget() is boxes.boxes["tax"], timeout=2000)  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is boxes.boxes["hiring"]  # type: ignore[attr-defined]
    key(qtbot, Qt.Key.Key_Space)
    alt(qtbot, Qt.Key.Key_N)
    assert wizard.currentId() == wizard.question_page_id("eligible_hires")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor(wizard, "eligible_hires").focus_widget(), timeout=2000)
    keys(qtbot, "3")
    alt(qtbot, Qt.Key.Key_N)
    assert wizard.currentId() == PageId.results
    wait_for_results(qtbot, wizard)
    alt(qtbot, Qt.Key.Key_N)
    assert wizard.currentId() == PageId.generate
    page = wizard.currentPage()
    assert isinstance(page, GeneratePage)
    alt(qtbot, Qt.Key.Key_H)  # 保存到(&H)
    assert QApplication.focusWidget() is page.folder
    key(qtbot, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    keys(qtbot, str(out))
    alt(qtbot, Qt.Key.Key_G)  # 生成文书(&G)
    qtbot.waitUntil(lambda: not page.busy and page.files.count() > 0, timeout=30_000)
    hires = [
        r
        for r in wizard.report().results
        if "eligible_hires" in r.compiled.fields and r.pack.district.value == "jinshan"
    ]
    assert any(r.status.value == "eligible" for r in hires)  # the 3 graduates count
    qtbot.waitUntil(lambda: bool(page.viewer.html), timeout=30_000)
    alt(qtbot, Qt.Key.Key_E)  # 导出 PDF(&E)
    assert (out / "申请书.pdf").is_file()
    alt(qtbot, Qt.Key.Key_D)  # 打开文件夹(&D)
    assert opened == [str(out)]


def test_english_shows_statuses_and_channel_headings_in_english(qtbot: Any, english_wizard: PolicyWizard) -> None:
    """With English chosen, the results page's channel groups and status column are English (the domain holds
    both wordings); the Chinese interface keeps the Chinese ones."""
    from desktop_app.domain.status import Status
    from desktop_app.ui.results_page import ResultsPage

    choose(english_wizard, "district", "jinshan")
    page = ResultsPage(host=english_wizard)
    qtbot.addWidget(page)
    page.show_report(english_wizard.report())
    sections = [page.tree.topLevelItem(i) for i in range(page.tree.topLevelItemCount())]
    headings = [section.text(0) for section in sections if section is not None]
    assert headings[0].startswith("Granted automatically") and "Apply to the department" in headings[2]
    statuses = {item.text(1) for item in page.measure_items()}
    assert statuses and statuses <= {s.text("en") for s in Status}
    assert not any("需补充" in s or "符合" in s for s in statuses)
    assert Status.needs_info.text() == "需补充信息" and Status.needs_info.text("en") == "Needs information"
    # the counts line under the table: "Needs information: 3 · …", with no Chinese measure word left in it
    counts = page.counts.text()
    assert "Needs information: " in counts and "项" not in counts, counts
