"""Issue 14 as a new user meets the wizard: the right folder, district phones, the wheel, the right questions,
input that parses the way people write it, and the settings that check what they are given."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication

from desktop_app.contacts import ContactBook, book_json, parse_contact_book
from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.profile_io import save_profile
from desktop_app.domain.status import Status
from desktop_app.ui.choice_editors import ChoiceEditor
from desktop_app.ui.editors import LineEditor
from desktop_app.ui.generate_page import GeneratePage
from desktop_app.ui.results_page import ResultsPage
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import JINSHAN_CODE, choose, editor, tick, type_text, wait_for_results


def profile_file(tmp_path: Path, name: str) -> Path:
    path = tmp_path / f"{name}.json"
    save_profile(path, EnterpriseProfile(name=name, credit_code=JINSHAN_CODE, district="jinshan"))
    return path


def on_generate_page(qtbot: Any, w: PolicyWizard) -> GeneratePage:
    assert w.go_to_page(PageId.generate)
    page = w.currentPage()
    assert isinstance(page, GeneratePage)
    return page


def test_the_output_folder_follows_the_enterprise(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Open A → 生成文书 → open B: 保存到 is B's folder (issue 14, 1), also when B is opened on that page."""
    a, b = profile_file(tmp_path, "上海甲机械有限公司"), profile_file(tmp_path, "上海乙软件有限公司")
    assert wizard.open_path(a)
    page = on_generate_page(qtbot, wizard)
    assert page.folder.text().endswith("上海甲机械有限公司")
    assert wizard.open_path(b)  # Ctrl+O → 打开 → basics
    page = on_generate_page(qtbot, wizard)
    assert page.folder.text().endswith("上海乙软件有限公司")
    assert wizard.open_path(a, go_to_basics=False)  # opened while the generate page is showing
    assert page.folder.text().endswith("上海甲机械有限公司")


def test_a_chosen_folder_is_remembered_for_that_profile(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """A folder the user typed for B is B's from then on; A keeps its own default."""
    a, b = profile_file(tmp_path, "上海甲机械有限公司"), profile_file(tmp_path, "上海乙软件有限公司")
    chosen = tmp_path / "乙的文书"
    assert wizard.open_path(b)
    page = on_generate_page(qtbot, wizard)
    page.folder.setText(str(chosen))
    page.folder.textEdited.emit(str(chosen))
    assert wizard.open_path(a)
    assert on_generate_page(qtbot, wizard).folder.text().endswith("上海甲机械有限公司")
    assert wizard.open_path(b)
    assert on_generate_page(qtbot, wizard).folder.text() == str(chosen)


def test_a_folder_with_another_companys_letters_is_flagged(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """B's letters about to go where A's 体检报告 lies: a warning names A."""
    folder = tmp_path / "shared"
    folder.mkdir()
    (folder / "甲机械_政策体检报告.docx").write_bytes(b"x")
    assert wizard.open_path(profile_file(tmp_path, "上海乙软件有限公司"))
    page = on_generate_page(qtbot, wizard)
    assert not page.folder_note.isVisibleTo(page)
    page.folder.setText(str(folder))
    page.folder.textEdited.emit(str(folder))
    assert page.folder_note.isVisibleTo(page) and "甲机械" in page.folder_note.text()


def test_regenerating_asks_to_replace(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second run into a folder with this enterprise's letters asks; 取消 writes nothing, 替换 overwrites."""
    import desktop_app.documents.fill as fill

    assert wizard.open_path(profile_file(tmp_path, "上海乙软件有限公司"))
    page = on_generate_page(qtbot, wizard)
    page.folder.setText(str(tmp_path / "out"))
    page.generate()
    qtbot.waitUntil(lambda: not page.busy and page.files.count() > 0, timeout=30_000)

    def letters() -> list[str]:
        return sorted(p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith("."))

    before = letters()
    asked: list[int] = []
    seen: dict[str, Any] = {}
    real = fill.generate_documents

    def spy(**kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(fill, "generate_documents", spy)
    monkeypatch.setattr(page, "ask_replace", asked.append)
    page.generate()
    assert asked == [len(before)] and not page.busy and not seen
    monkeypatch.setattr(page, "ask_replace", lambda count: True)
    page.generate()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert seen["force"] is True
    assert letters() == before  # replaced, no “(2)” copies


def test_phones_are_kept_per_district(qtbot: Any, wizard: PolicyWizard) -> None:
    """区财政局 = 021-57920000 typed for 金山 does not show on 青浦's measures (issue 14, 3)."""
    assert wizard.catalog is not None
    unit = next(
        u
        for m in wizard.catalog.measures
        if m.pack.district.value == "qingpu" and m.measure.contact.phone is None
        for u in m.measure.contact.units
    )
    wizard.contacts = ContactBook(by_district={"jinshan": {unit: "021-57920000"}})
    choose(wizard, "district", "qingpu")
    page = ResultsPage(host=wizard)
    qtbot.addWidget(page)
    page.show_report(wizard.report())
    texts = [item.text(3) for item in page.measure_items()]
    assert texts and not any("57920000" in t for t in texts)
    choose(wizard, "district", "jinshan")
    page.show_report(wizard.report())
    jinshan_units = {
        u
        for m in wizard.catalog.measures
        if m.pack.district.value == "jinshan" and m.measure.contact.phone is None
        for u in m.measure.contact.units
    }
    if unit in jinshan_units:
        assert any("57920000" in item.text(3) for item in page.measure_items())


def test_old_contacts_files_still_load() -> None:
    """A contacts file of the original shape (no districts) loads as phones for every district."""
    book = parse_contact_book({"contacts": {"区经委": "021-57921185"}}, strict=True)
    assert book.for_district("jinshan") == {"区经委": "021-57921185"}
    book.set("qingpu", "区财政局", "021-59720000")
    again = parse_contact_book(__import__("json").loads(book_json(book)), strict=True)
    assert again == book and "区财政局" not in again.for_district("jinshan")


def wheel(widget: Any, notches: int = -1) -> None:
    event = QWheelEvent(
        QPointF(5, 5),
        QPointF(widget.mapToGlobal(QPoint(5, 5))),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_the_wheel_leaves_an_unfocused_dropdown_alone(qtbot: Any, wizard: PolicyWizard) -> None:
    """Scrolling over 所在区 while it has no focus keeps 金山区; once focused, the wheel may change it."""
    choose(wizard, "district", "jinshan")
    combo = editor(wizard, "district")
    assert isinstance(combo, ChoiceEditor)
    wizard.go_to_page(PageId.basics)
    editor(wizard, "name").focus_widget().setFocus()
    wheel(combo.combo, -1)
    wheel(combo.combo, 1)
    assert wizard.profile().district is District.jinshan
    combo.combo.setFocus()
    qtbot.waitUntil(combo.combo.hasFocus, timeout=2000)
    index = combo.combo.currentIndex()
    wheel(combo.combo, 1)
    assert combo.combo.currentIndex() != index


def asked(w: PolicyWizard, page: str) -> set[str]:
    return {q.id for q in w.question_pages[page].visible_questions()}


def test_questions_follow_the_answers_already_given(qtbot: Any, wizard: PolicyWizard) -> None:
    """A manufacturer is not asked about 限额以上批发、零售、住宿、餐饮; 外商投资=否 drops 跨国公司地区总部;
    金山's return-bus help quotes 金山's own clause, not 宝山's dates (issue 14, 6)."""
    choose(wizard, "district", "jinshan")
    editor(wizard, "topics").set_value(["commerce", "upgrade", "hiring"])
    choose(wizard, "industry", "retail")
    assert "newly_above_quota" in asked(wizard, "commerce")
    choose(wizard, "industry", "manufacturing")
    assert "newly_above_quota" not in asked(wizard, "commerce")
    assert "hq_recognized" in asked(wizard, "upgrade")
    editor(wizard, "foreign_invested").set_value(False)
    assert "hq_recognized" not in asked(wizard, "upgrade")
    help_text = wizard.question_pages["hiring"].rows["return_bus_organized"].help.text()
    assert "金山" in help_text and "2月5日" not in help_text
    choose(wizard, "district", "baoshan")
    assert "2月5日" in wizard.question_pages["hiring"].rows["return_bus_organized"].help.text()


@pytest.mark.parametrize(
    ("question", "typed", "value"),
    [
        ("rd_expense_last_year", "12万", 120_000),
        ("rd_expense_last_year", "12万元", 120_000),
        ("guarantee_fee_paid", "3,000.50", 3001),
        ("guarantee_fee_paid", "３０００", 3000),
    ],
)
def test_money_is_typed_the_common_ways(
    qtbot: Any, wizard: PolicyWizard, question: str, typed: str, value: int
) -> None:
    """12万, 12万元 and 3,000.50 are accepted in money fields (issue 14, 9)."""
    ed = editor(wizard, question)
    assert isinstance(ed, LineEditor)
    ed.edit.setText(typed)
    assert ed.error() is None and ed.value() == value


@pytest.mark.parametrize(
    ("question", "typed", "says"),
    [("rd_expense_last_year", "1e9", "1e9"), ("contact_phone", "abc", "电话号码"), ("eligible_hires", "2e3", "1e9")],
)
def test_bad_input_is_refused(qtbot: Any, wizard: PolicyWizard, question: str, typed: str, says: str) -> None:
    """1e9 is no amount and abc is no phone: refused with the reason beside the field."""
    ed = editor(wizard, question)
    assert isinstance(ed, LineEditor)
    ed.edit.setText(typed)
    assert ed.value() is None and says in (ed.error() or "")


def test_limits_are_shown_with_a_unit(qtbot: Any, wizard: PolicyWizard) -> None:
    """A bound reads 100000人 or 100000亿元, never a bare 10000000000000."""
    ed = editor(wizard, "eligible_hires")
    assert isinstance(ed, LineEditor)
    assert "100000人" in ed.edit.placeholderText()
    ed.edit.setText("100001")
    assert ed.error() == "不能大于 100000人"


def test_settings_check_a_pack_when_it_is_added(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """A broken pack is refused at once, in Chinese, in the dialog (no “mapping values are not allowed here”)."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack_format: 1\nid: x: y\n", encoding="utf-8")
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    assert not dialog.add_pack(broken)
    assert dialog.packs.count() == 0
    text = dialog.packs_error.text()
    assert "broken.yaml" in text and "mapping values" not in text and "缩进" in text


def test_settings_check_a_template_folder_when_it_is_set(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """A folder with a 申请书.docx that is no Word file is reported under the field, without exception names."""
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "申请书.docx").write_text("not a docx", encoding="utf-8")
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    dialog.templates_dir.setText(str(folder))
    dialog.templates_dir.editingFinished.emit()
    text = dialog.templates_error.text()
    assert "申请书.docx" in text and "Error" not in text


def test_failures_to_open_are_shown(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, no_modal_dialogs: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """打开文件夹 where the system has no handler says so and names the folder (issue 14, 12)."""
    assert wizard.open_path(profile_file(tmp_path, "上海乙软件有限公司"))
    page = on_generate_page(qtbot, wizard)
    page.folder.setText(str(tmp_path))
    monkeypatch.setattr(page, "open_url", lambda url: False)
    page.open_folder()
    assert any("无法打开文件夹" in m and str(tmp_path) in m for m in no_modal_dialogs)


def test_saving_says_so(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Saving leaves a short “已保存” in the status area."""
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    assert wizard.save_to(tmp_path / "a.json")
    assert wizard.nav is not None and wizard.nav.status.text().startswith("已保存")


def test_page_list_and_view_results_from_any_page(qtbot: Any, wizard: PolicyWizard) -> None:
    """Once the basics are filled, 查看结果 works from any page; the page list jumps back (issue 14, 13)."""
    nav = wizard.nav
    assert nav is not None
    assert not nav.results_button.isEnabled()
    type_text(qtbot, wizard, "name", "上海金山示例机械有限公司")
    type_text(qtbot, wizard, "credit_code", JINSHAN_CODE)
    choose(wizard, "district", "jinshan")
    tick(qtbot, wizard, "topics", "hiring")
    assert nav.results_button.isEnabled()
    nav.results_button.click()
    assert wizard.currentId() == PageId.results
    wait_for_results(qtbot, wizard)
    page = wizard.currentPage()
    assert isinstance(page, ResultsPage) and page.report is not None
    titles = [nav.pages.item(i).text() for i in range(nav.pages.count())]
    assert "企业基本信息" in titles and "结果" in titles
    basics = next(nav.pages.item(i) for i in range(nav.pages.count()) if nav.pages.item(i).text() == "企业基本信息")
    nav.pages.itemActivated.emit(basics)
    assert wizard.currentId() == PageId.basics


def test_needs_check_rows_sort_before_needs_info(qtbot: Any, wizard: PolicyWizard) -> None:
    """Rows follow the shared status order (符合条件, 待核实, 需补充信息, …) within each channel."""
    choose(wizard, "district", "jinshan")
    page = ResultsPage(host=wizard)
    qtbot.addWidget(page)
    page.show_report(wizard.report())
    ranks = [page._results[str(i.data(0, Qt.ItemDataRole.UserRole))].status.rank for i in page.measure_items()]
    assert ranks and Status.eligible.rank < Status.needs_check.rank < Status.needs_info.rank
    section = page.tree.topLevelItem(0)
    assert section is not None
    child_ranks = [ranks[i] for i in range(section.childCount())]
    assert child_ranks == sorted(child_ranks)
