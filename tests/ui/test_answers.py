"""Answers in the widgets: validation, unknown kept apart from zero, saving and reopening, topics and pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.profile_io import load_profile
from desktop_app.ui.editors import LineEditor, MoneyEditor
from desktop_app.ui.question_page import BasicsPage
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import (
    JINSHAN_CODE,
    answer_yes_no,
    choose,
    click_next,
    editor,
    make_wizard,
    next_enabled,
    tick,
    type_text,
)


def go_to_basics(qtbot: Any, w: PolicyWizard) -> None:
    qtbot.mouseClick(w.welcome.new_button, Qt.MouseButton.LeftButton)
    assert w.currentId() == PageId.basics


def test_wrong_check_digit_keeps_next_disabled_and_says_why(qtbot: Any, wizard: PolicyWizard) -> None:
    """A credit code whose last character is not its check digit blocks Next; the message sits beside it."""
    go_to_basics(qtbot, wizard)
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    choose(wizard, "district", "jinshan")
    wrong = JINSHAN_CODE[:-1] + ("2" if JINSHAN_CODE[-1] != "2" else "3")
    type_text(qtbot, wizard, "credit_code", wrong)
    row = wizard.question_pages["basics"].rows["credit_code"]
    assert not next_enabled(wizard)
    assert row.message.isVisible()
    assert "校验位" in row.message.text()
    assert editor(wizard, "credit_code").value() is None
    type_text(qtbot, wizard, "credit_code", JINSHAN_CODE)
    assert not row.message.isVisible()
    assert next_enabled(wizard)


def test_partly_typed_code_says_what_is_wrong(qtbot: Any, wizard: PolicyWizard) -> None:
    """While the code is short, the message says it needs 18 characters and Next stays off."""
    go_to_basics(qtbot, wizard)
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    choose(wizard, "district", "jinshan")
    type_text(qtbot, wizard, "credit_code", JINSHAN_CODE[:10])
    assert "18位" in wizard.question_pages["basics"].rows["credit_code"].message.text()
    assert not next_enabled(wizard)


def test_code_of_another_district_is_a_notice_not_a_block(qtbot: Any, wizard: PolicyWizard) -> None:
    """A 宝山 (310113) code for a company that chose 金山 shows the region notice; Next stays enabled."""
    from stdnum.cn import uscc

    body = "91310113MA1J8K6Q0"
    baoshan_code = body + uscc.calc_check_digit(body)
    go_to_basics(qtbot, wizard)
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    type_text(qtbot, wizard, "credit_code", baoshan_code)
    choose(wizard, "district", "jinshan")
    basics = wizard.question_pages["basics"]
    assert isinstance(basics, BasicsPage)
    notice = basics.notice
    assert notice.isVisible()
    assert "宝山区" in notice.text() and "金山区" in notice.text()
    assert next_enabled(wizard)


def test_required_fields_keep_next_disabled(qtbot: Any, wizard: PolicyWizard) -> None:
    """名称, 信用代码 and 所在区 are required: the page lists what is still missing."""
    go_to_basics(qtbot, wizard)
    page = wizard.question_pages["basics"]
    assert not next_enabled(wizard)
    assert "企业名称" in page.status.text()
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    type_text(qtbot, wizard, "credit_code", JINSHAN_CODE)
    assert not next_enabled(wizard)
    assert "所在区" in page.status.text()
    choose(wizard, "district", "jinshan")
    assert next_enabled(wizard)
    assert not page.status.isVisible()


def test_empty_is_unanswered_and_zero_is_zero(qtbot: Any, wizard: PolicyWizard) -> None:
    """An empty number field, an untouched yes/no and an untouched choice are None; 0 and 否 are answers."""
    ed = editor(wizard, "eligible_hires")
    assert ed.value() is None
    assert wizard.profile().eligible_hires is None
    type_text(qtbot, wizard, "eligible_hires", "0")
    assert wizard.profile().eligible_hires == 0
    assert wizard.profile().small_scale_taxpayer is None
    answer_yes_no(qtbot, wizard, "small_scale_taxpayer", False)
    assert wizard.profile().small_scale_taxpayer is False
    answer_yes_no(qtbot, wizard, "small_scale_taxpayer", None)
    assert wizard.profile().small_scale_taxpayer is None
    assert wizard.profile().green_national is None
    none_box = editor(wizard, "green_national").none_box  # type: ignore[attr-defined]
    none_box.setChecked(True)
    assert wizard.profile().green_national == []


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("35", 350_000), ("1.2345", 12_345), ("３５", 350_000), ("1,000", 10_000_000)],
)
def test_money_typed_in_wan_is_stored_in_yuan(qtbot: Any, wizard: PolicyWizard, typed: str, stored: int) -> None:
    """A 万元 question stores 元, and shows the 元 figure under the field."""
    ed = editor(wizard, "rd_expense_last_year")
    assert isinstance(ed, MoneyEditor) and ed.unit_label.text() == "万元"
    ed.edit.setText(typed)
    assert ed.value() == stored
    assert f"{stored:,}" in ed.note.text()


@pytest.mark.parametrize(
    ("question_id", "typed", "message"),
    [
        ("eligible_hires", "-1", "不能小于"),
        ("eligible_hires", "2.5", "整数"),
        ("eligible_hires", "三个", "数字"),
        ("dcmm_level", "6", "不能大于"),
        ("rd_expense_last_year", "0.00001", "精确到1元"),
        ("established_on", "2015-02-30", "没有这一天"),
        ("established_on", "去年", "年-月-日"),
        ("hitech_event_year", "1800", "不能小于"),
    ],
)
def test_bad_numbers_and_dates_are_refused_with_a_reason(
    qtbot: Any, wizard: PolicyWizard, question_id: str, typed: str, message: str
) -> None:
    """Bounds, whole numbers and real dates are checked as typed; the reason is shown, the value is None."""
    ed = editor(wizard, question_id)
    assert isinstance(ed, LineEditor)
    ed.edit.setText(typed)
    assert ed.value() is None
    error = ed.error()
    assert error is not None and message in error


def test_detail_page_next_disabled_until_valid(qtbot: Any, wizard: PolicyWizard) -> None:
    """On a generated page an invalid number keeps Next disabled."""
    go_to_basics(qtbot, wizard)
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    type_text(qtbot, wizard, "credit_code", JINSHAN_CODE)
    choose(wizard, "district", "jinshan")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    tick(qtbot, wizard, "topics", "hiring")
    click_next(qtbot, wizard)
    assert wizard.currentId() == wizard.question_page_id("eligible_hires")
    type_text(qtbot, wizard, "eligible_hires", "-3")
    assert not next_enabled(wizard)
    type_text(qtbot, wizard, "eligible_hires", "3")
    assert next_enabled(wizard)


def test_unchecking_a_topic_hides_its_page(qtbot: Any, wizard: PolicyWizard) -> None:
    """A ticked topic puts its page on the path; unticking takes it off, and Next skips it."""
    go_to_basics(qtbot, wizard)
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    type_text(qtbot, wizard, "credit_code", JINSHAN_CODE)
    choose(wizard, "district", "jinshan")
    click_next(qtbot, wizard)
    click_next(qtbot, wizard)
    hiring = wizard.question_page_id("eligible_hires")
    assert hiring is not None and hiring not in wizard.page_sequence()
    tick(qtbot, wizard, "topics", "hiring")
    assert hiring in wizard.page_sequence()
    tick(qtbot, wizard, "topics", "hiring", on=False)
    assert hiring not in wizard.page_sequence()
    assert click_next(qtbot, wizard) == PageId.results


def test_only_questions_that_apply_are_shown(qtbot: Any, wizard: PolicyWizard) -> None:
    """金山 has no measure reading the 嘉定科创贷 question, so it is not asked; a show_if question waits."""
    choose(wizard, "district", "jinshan")
    editor(wizard, "topics").set_value(["finance", "hiring"])
    finance = wizard.question_pages["finance"]
    assert "kechuang_loan" not in {q.id for q in finance.visible_questions()}
    choose(wizard, "district", "jiading")
    assert "kechuang_loan" in {q.id for q in finance.visible_questions()}
    # 宝山 6 pays part of the bus cost, so the cost is asked — until the answers rule the subsidy out
    # (neither a chartered bus nor a commissioned one): then the unanswered cost is no longer asked.
    choose(wizard, "district", "baoshan")
    hiring = wizard.question_pages["hiring"]
    assert "return_bus_cost" in {q.id for q in hiring.visible_questions()}
    answer_yes_no(qtbot, wizard, "return_bus_organized", False)
    answer_yes_no(qtbot, wizard, "return_bus_commissioned", False)
    assert "return_bus_cost" not in {q.id for q in hiring.visible_questions()}
    assert "return_bus_organized" in {q.id for q in hiring.visible_questions()}  # an answer stays changeable


def fill_many(qtbot: Any, w: PolicyWizard) -> None:
    """Answers of every widget kind, CJK text included."""
    type_text(qtbot, w, "name", "上海金山示例机械有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE)
    choose(w, "district", "jinshan")
    type_text(qtbot, w, "address", "上海市金山区示例路1号")
    type_text(qtbot, w, "established_on", "2015-03-20")
    choose(w, "size_class", "small")
    answer_yes_no(qtbot, w, "small_scale_taxpayer", False)
    answer_yes_no(qtbot, w, "above_scale_industrial", True)
    editor(w, "topics").set_value(["hiring", "certification", "green"])
    type_text(qtbot, w, "eligible_hires", "0")
    type_text(qtbot, w, "rd_expense_last_year", "320")
    choose(w, "hitech_event", "new")
    type_text(qtbot, w, "hitech_event_year", "2022")
    type_text(qtbot, w, "pv_capacity_kw", "12.5")
    editor(w, "green_national").set_value(["factory", "product"])
    editor(w, "green_municipal").set_value([])


def test_saved_profile_reopens_with_every_answer(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Save writes the profile file; a new window opening it shows every answer exactly, unknowns included."""
    fill_many(qtbot, wizard)
    target = tmp_path / "企业档案.json"
    assert wizard.is_dirty()
    assert wizard.save_to(target)
    assert not wizard.is_dirty()
    saved = load_profile(target)
    assert saved.rd_expense_last_year == 3_200_000
    assert saved.eligible_hires == 0 and saved.small_scale_taxpayer is False
    assert saved.green_municipal == [] and saved.foreign_invested is None
    data = json.loads(target.read_text(encoding="utf-8"))
    assert "foreign_invested" not in data  # unanswered stays out of the file, never false

    other = make_wizard(qtbot)
    assert other.open_path(target)
    assert other.form is not None and wizard.form is not None
    assert other.form.values() == wizard.form.values()
    assert other.profile() == wizard.profile()
    assert other.currentId() == PageId.basics
    assert not other.is_dirty()


def test_opening_a_damaged_profile_says_why_and_keeps_answers(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, no_modal_dialogs: list[str]
) -> None:
    """A truncated file is refused with the profile module's message; the answers in the window stay."""
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "上海', encoding="utf-8")
    assert not wizard.open_path(bad)
    assert no_modal_dialogs and "JSON" in no_modal_dialogs[-1]
    assert wizard.profile().name == "上海示例有限公司"
    assert bad.read_text(encoding="utf-8") == '{"name": "上海'


def test_save_refuses_invalid_input_and_names_it(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, no_modal_dialogs: list[str]
) -> None:
    """With a wrong entry the file is not written and the message names the question."""
    type_text(qtbot, wizard, "eligible_hires", "-2")
    target = tmp_path / "x.json"
    assert not wizard.save_to(target)
    assert not target.exists()
    assert "招录的符合条件人员人数" in no_modal_dialogs[-1]


def test_keyboard_save_shortcut_writes_the_file(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Ctrl+S saves to the current file."""
    target = tmp_path / "k.json"
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    assert wizard.save_to(target)
    type_text(qtbot, wizard, "address", "上海市金山区")
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)
    qtbot.keyClick(wizard, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert load_profile(target).address == "上海市金山区"
    assert not wizard.is_dirty()


def test_recent_files_are_listed_on_the_welcome_page(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """A saved file shows among the recent files of the next window and opens from there."""
    type_text(qtbot, wizard, "name", "上海示例有限公司")
    target = tmp_path / "recent.json"
    assert wizard.save_to(target)
    other = make_wizard(qtbot)
    recent = other.welcome.recent
    assert recent is not None
    items = [recent.item(i) for i in range(recent.count())]
    assert [Path(i.data(Qt.ItemDataRole.UserRole)) for i in items] == [target.resolve()]
    recent.itemActivated.emit(items[0])
    assert other.profile().name == "上海示例有限公司"


def test_reference_date_is_shown_and_changes_results(qtbot: Any, wizard: PolicyWizard) -> None:
    """The welcome page shows the reference date; changing it changes what the engine sees."""
    assert wizard.welcome.as_of() == wizard.as_of
    wizard.welcome.as_of_edit.setText("20240201")  # typed without separators (issue 14, 2)
    wizard.welcome.as_of_edit.editingFinished.emit()
    assert wizard.as_of == dt.date(2024, 2, 1)
    assert wizard.welcome.as_of_edit.text() == "2024-02-01"
    choose(wizard, "district", "jinshan")
    assert wizard.report().as_of == dt.date(2024, 2, 1)


def test_a_ticked_topic_without_questions_is_named_on_the_checklist(qtbot: Any, wizard: PolicyWizard) -> None:
    """A ticked topic that no measure of the district asks about is skipped, and the checklist says so."""
    assert wizard.catalog is not None and wizard.questionnaire is not None
    choose(wizard, "district", "jinshan")
    editor(wizard, "topics").set_value(["hiring", "listing"])
    page = wizard.question_pages["checklist"]
    listing_page = wizard.question_pages["listing"]
    # Is 上市 asked in 金山? Only when some 金山 measure reads a listing question.
    jinshan_fields = {f for m in wizard.catalog.measures if m.pack.district.value == "jinshan" for f in m.fields}
    asks_listing = bool(jinshan_fields & {q.id for q in listing_page.page.questions})
    assert (listing_page.page_id in wizard.page_sequence()) == asks_listing
    assert ("上市" in page.note.text()) == (not asks_listing)
    assert "招用人员" not in page.note.text()
