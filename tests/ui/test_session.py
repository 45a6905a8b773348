"""A full session through the real widgets: welcome -> questions -> results -> letters on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from desktop_app.domain.matching import Status
from desktop_app.ui.generate_page import GeneratePage
from desktop_app.ui.results_page import ResultsPage
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import click_next, editor, fill_jinshan_company, select_measure

# 金山 任务表 政策类第11行: 一次性吸纳就业补贴 2000元/人, 免申即享, 67961792
# 金山 任务表 政策类第18行: 上年新认定高企 20万元, 一网通办, 57971309
# 金山 任务表 政策类第17行: 新认定市级“专精特新” 不低于10万元, 向金山区经委申请, 57921750
EXPECTED = {
    "jinshan-2023-11": ("免申即享", "67961792"),
    "jinshan-2023-18a": ("一网通办", "57971309"),
    "jinshan-2023-17a": ("直接申请", "57921750"),
}


def test_full_session_from_welcome_to_letters_on_disk(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """The 金山 company of issue 5 gets the three measures in their sections with the documents' phones,
    and the generate page writes their letters to disk."""
    fill_jinshan_company(qtbot, wizard)
    results = wizard.currentPage()
    assert isinstance(results, ResultsPage)
    for measure_id, (section, phone) in EXPECTED.items():
        item = results.item_for(measure_id)
        assert item is not None, measure_id
        section_item = item.parent()
        assert section_item is not None and section_item.data(0, Qt.ItemDataRole.AccessibleTextRole) == section
        assert item.text(1).endswith(Status.eligible.label)
        assert item.text(3) == phone
    # 6000元 + 20万元 + 不低于10万元 (other eligible rows, like 第1行 留抵退税, name no figure):
    # the open maximum of 17a keeps the total open.
    assert "不低于30.6万元" in results.total.text()

    assert click_next(qtbot, wizard) == PageId.generate
    page = wizard.currentPage()
    assert isinstance(page, GeneratePage)
    chosen = set(page.chosen_measures())
    assert set(EXPECTED) <= chosen
    page.folder.setText(str(tmp_path / "out"))
    qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not page.busy and page.files.count() > 0, timeout=30_000)
    written = {d.measure_id: d.path for d in page.documents}
    assert set(written) == {*chosen, None}  # one letter per chosen measure, plus the 体检报告
    for path in written.values():
        assert path.is_file() and path.stat().st_size > 0
        assert path.parent == tmp_path / "out"
    assert page.progress.value() == page.progress.maximum()
    qtbot.waitUntil(lambda: bool(page.viewer.html), timeout=30_000)
    assert "上海金山示例机械有限公司" in page.viewer.toPlainText()
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_results_page_shows_status_differently(qtbot: Any, wizard: PolicyWizard) -> None:
    """Eligible, needs-info, not-eligible and expired rows differ in sign and colour, not in colour alone."""
    fill_jinshan_company(qtbot, wizard)
    results = wizard.currentPage()
    assert isinstance(results, ResultsPage)
    looks: dict[Status, tuple[str, str]] = {}
    for measure_id, result in results._results.items():
        item = results.item_for(measure_id)
        assert item is not None
        looks.setdefault(result.status, (item.text(1).split()[0], item.background(0).color().name()))
    assert Status.eligible in looks and Status.not_eligible in looks and Status.needs_info in looks
    signs = {sign for sign, _ in looks.values()}
    backgrounds = {bg for _, bg in looks.values()}
    assert len(signs) == len(looks)
    assert len(backgrounds) == len(looks)


def test_expired_measures_are_struck_out(qtbot: Any, wizard: PolicyWizard) -> None:
    """With a reference date after the 2023 packs ended, the measures show as 已过期, struck out."""
    fill_jinshan_company(qtbot, wizard)
    wizard.back()
    from datetime import date

    wizard.set_as_of(date(2024, 6, 1))  # 金山 任务表: valid to 2023-12-31
    click_next(qtbot, wizard)
    results = wizard.currentPage()
    assert isinstance(results, ResultsPage)
    item = results.item_for("jinshan-2023-11")
    assert item is not None
    assert Status.expired.label in item.text(1)
    assert item.font(0).strikeOut()


def test_detail_pane_explains_and_marks_presumed_channels(qtbot: Any, wizard: PolicyWizard) -> None:
    """The detail pane carries the reasons and the verbatim clause; a channel the document does not name
    is marked 本工具推定."""
    fill_jinshan_company(qtbot, wizard)
    results = wizard.currentPage()
    assert isinstance(results, ResultsPage)
    select_measure(results, "jinshan-2023-11")
    text = results.detail.toPlainText()
    result = results._results["jinshan-2023-11"]
    assert result.measure.excerpt.replace(" ", "")[:20] in text.replace(" ", "")
    assert all(reason in text for reason in result.reasons)
    assert "本工具推定" not in text  # 金山 names its channels (第11行: 免申即享)
    presumed = [r for r in wizard.report().results if not r.measure.channel.from_document]
    assert presumed, "the catalog has measures whose document names no channel"
    assert "本工具推定" in results.detail_html(presumed[0])


def test_needs_info_row_jumps_back_to_its_question(qtbot: Any, wizard: PolicyWizard) -> None:
    """A needs-info result's button goes back to the page and field of the question that settles it."""
    fill_jinshan_company(qtbot, wizard)
    # Unanswer the number of hires: 金山 第11行 then needs it.
    wizard.back()
    wizard.back()
    hiring = wizard.question_page_id("eligible_hires")
    assert wizard.currentId() == hiring
    editor(wizard, "eligible_hires").clear()
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    results = wizard.currentPage()
    assert isinstance(results, ResultsPage)
    item = results.item_for("jinshan-2023-11")
    assert item is not None and Status.needs_info.label in item.text(1)
    results.tree.setCurrentItem(item)
    assert results.answer_button.isVisibleTo(results)
    qtbot.mouseClick(results.answer_button, Qt.MouseButton.LeftButton)
    assert wizard.currentId() == hiring
    assert editor(wizard, "eligible_hires").focus_widget().hasFocus() or not wizard.isActiveWindow()
    assert wizard.question_pages["hiring"].rows["eligible_hires"].property("highlight") is True


def test_no_page_clips_its_wrapped_text(qtbot: Any, wizard: PolicyWizard) -> None:
    """On every page of a full example, each visible word-wrapped label is as tall as its text needs
    (a label squeezed by its layout showed help texts cut in half)."""
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop_app import paths

    assert wizard.open_path(paths.examples_dir() / "jinshan.json")
    seen = 0
    while True:
        QApplication.processEvents()
        page = wizard.currentPage()
        for label in page.findChildren(QLabel):
            if label.isVisibleTo(page) and label.wordWrap() and label.text() and label.width() > 0:
                needed = label.heightForWidth(label.width())
                assert label.height() >= needed - 1, (wizard.currentId(), label.text()[:30], label.height(), needed)
                seen += 1
        if wizard.currentId() == PageId.results or wizard.nextId() == -1:
            break
        wizard.next()
    assert seen > 20


def test_tab_moves_through_the_fields_in_order(qtbot: Any, wizard: PolicyWizard) -> None:
    """Keyboard users reach the fields top to bottom: Tab from 企业名称 goes to 统一社会信用代码."""
    qtbot.mouseClick(wizard.welcome.new_button, Qt.MouseButton.LeftButton)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    name = editor(wizard, "name").focus_widget()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus, timeout=2000)
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    assert editor(wizard, "credit_code").focus_widget().hasFocus()
