"""The results page at work: 待核实 and its confirmation tick, matching off the GUI thread, the total's
breakdown, jumps from any row, and the era banner with the reference date kept in the profile."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from desktop_app.domain import matching
from desktop_app.domain.profile_io import load_profile
from desktop_app.domain.status import STATUS_HELP, Status
from desktop_app.ui import storage
from desktop_app.ui.generate_page import GeneratePage
from desktop_app.ui.results_page import ResultsPage
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import (
    JINSHAN_CODE,
    choose,
    fill_jinshan_company,
    make_wizard,
    select_measure,
    type_text,
    wait_for_results,
)

#: 金山 政策类第1行 留抵退税 with its open list (“制造业、批发零售业等行业”) as a confirm criterion.
CONFIRM_PACK = Path(__file__).parent / "data" / "confirm-pack.yaml"
MEASURE = "jinshan-2099-1b"
KEY = f"{MEASURE}:industry"


def software_firm(qtbot: Any, w: PolicyWizard) -> ResultsPage:
    """A 金山 software firm (industry software_it), straight to the results."""
    type_text(qtbot, w, "name", "上海金山示例软件有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE)
    choose(w, "district", "jinshan")
    choose(w, "industry", "software_it")
    assert w.go_to_page(PageId.results)
    wait_for_results(qtbot, w)
    page = w.currentPage()
    assert isinstance(page, ResultsPage)
    return page


def letters_listed(page: GeneratePage) -> set[str]:
    return {str(page.measures.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(page.measures.count())}


def test_needs_check_is_shown_apart_and_the_tick_makes_the_letter(qtbot: Any) -> None:
    """待核实 has its own label, icon and tooltip; ticking 已向受理部门确认 saves the key in the profile and
    gives the letter; unticking takes it away again (金山 政策类第1行, “制造业、批发零售业等行业”)."""
    w = make_wizard(qtbot, settings=storage.UserSettings(packs=[str(CONFIRM_PACK)]))
    results = software_firm(qtbot, w)
    item = results.item_for(MEASURE)
    assert item is not None
    assert item.text(1) == "待核实" and item.toolTip(1) == STATUS_HELP[Status.needs_check]
    assert not item.icon(1).isNull()
    assert "待核实" in results.breakdown.toolTip()  # not counted in 符合条件
    results.tree.setCurrentItem(item)
    assert results.confirmations.count() == 1
    check = results.confirmations.item(0)
    assert "金山税务局" in check.text() and check.checkState() == Qt.CheckState.Unchecked
    w.set_dirty(False)

    check.setCheckState(Qt.CheckState.Checked)
    wait_for_results(qtbot, w)
    assert w.profile().confirmations == [KEY] and w.is_dirty()
    assert results._results[MEASURE].status is Status.eligible
    current = results.current_result()
    assert current is not None and current.measure.id == MEASURE
    assert w.go_to_page(PageId.generate)
    generate = w.currentPage()
    assert isinstance(generate, GeneratePage)
    assert MEASURE in letters_listed(generate)

    w.back()
    wait_for_results(qtbot, w)
    select_measure(results, MEASURE)
    results.confirmations.item(0).setCheckState(Qt.CheckState.Unchecked)
    wait_for_results(qtbot, w)
    assert not w.profile().confirmations
    assert results._results[MEASURE].status is Status.needs_check
    assert w.go_to_page(PageId.generate)
    assert MEASURE not in letters_listed(generate)


def test_the_results_page_appears_while_a_slow_match_runs(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow pack does not freeze the window: the page shows with a running progress indicator, the event
    loop keeps turning, and the rows arrive when the match ends (issue 13)."""
    w = make_wizard(qtbot)
    real = matching.match
    slow_from_now = False  # typing the answers below matches too (the live counts): only the page's match is slow

    def slow(*args: Any, **kwargs: Any) -> Any:
        if slow_from_now:
            time.sleep(1.0)
        return real(*args, **kwargs)

    monkeypatch.setattr(matching, "match", slow)
    type_text(qtbot, w, "name", "上海金山示例机械有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE)
    choose(w, "district", "jinshan")
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    slow_from_now = True
    started = time.monotonic()
    assert w.go_to_page(PageId.results)
    assert time.monotonic() - started < 0.8  # the page came up before the match ended
    page = w.currentPage()
    assert isinstance(page, ResultsPage)
    assert page.busy and page.progress.isVisible() and page.progress.maximum() == 0
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=900)  # the GUI thread is free meanwhile
    assert page.busy
    wait_for_results(qtbot, w)
    assert not page.progress.isVisible() and page.measure_items()
    timer.stop()


def test_the_total_says_what_it_counts(qtbot: Any, wizard: PolicyWizard) -> None:
    """“预计合计” comes with what it counts and which eligible measures have no figure and why."""
    fill_jinshan_company(qtbot, wizard)
    page = wizard.currentPage()
    assert isinstance(page, ResultsPage) and page.report is not None
    eligible = [r for r in page._results.values() if r.status is Status.eligible]
    assert eligible
    text = page.breakdown.toolTip()
    for result in eligible:
        assert result.measure.title in text
    assert page.total.toolTip() == text
    without = [r for r in eligible if r.amount is None]
    if without:
        assert "未计入" in text and all(r.amount_text in text for r in without)


def test_a_not_eligible_row_jumps_to_the_question_that_decided_it(qtbot: Any, wizard: PolicyWizard) -> None:
    """Not only 需补充信息: a 不符合 row also leads to the answer that ruled it out, and its reason names the
    condition that was not met."""
    fill_jinshan_company(qtbot, wizard)
    page = wizard.currentPage()
    assert isinstance(page, ResultsPage)
    failed = next(
        r
        for r in page._results.values()
        if r.status is Status.not_eligible and page._answerable(r) and any(c.state == "failed" for c in r.criteria)
    )
    assert any(reason.startswith("不符合：") for reason in failed.reasons)
    select_measure(page, failed.measure.id)
    assert page.answer_button.isVisible()
    qid = page._answerable(failed)[0][0]
    assert page.jump_to_missing()
    assert wizard.currentId() == wizard.question_page_id(qid)


def test_era_banner_one_click_date_saved_and_restored(qtbot: Any, tmp_path: Path) -> None:
    """On 2026-12-01 every document has ended: the welcome and results pages say so, one click goes to the
    date most measures were in force, results appear, and the date is saved in the profile and restored."""
    w = make_wizard(qtbot, as_of=dt.date(2026, 12, 1))
    assert w.welcome.era_box.isVisibleTo(w.welcome)
    assert "均已到期" in w.welcome.era_label.text()
    era = w.session.era()
    assert era is not None and era.suggested.year == 2023
    assert era.suggested.isoformat() in w.welcome.era_button.text()
    type_text(qtbot, w, "name", "上海金山示例机械有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE)
    choose(w, "district", "jinshan")
    editor = w.form.editor("small_scale_taxpayer") if w.form else None
    assert editor is not None
    editor.set_value(True)  # 金山 政策类第1行: 小规模纳税人减免增值税
    assert w.go_to_page(PageId.results)
    wait_for_results(qtbot, w)
    page = w.currentPage()
    assert isinstance(page, ResultsPage)
    assert page.era_box.isVisibleTo(page)
    assert not [r for r in page._results.values() if r.status is Status.eligible]
    page.era_button.click()
    wait_for_results(qtbot, w)
    assert w.as_of == era.suggested and not page.era_box.isVisibleTo(page)
    assert [r for r in page._results.values() if r.status is Status.eligible]
    assert w.profile().reference_date == era.suggested and w.is_dirty()
    path = tmp_path / "a.json"
    assert w.save_to(path)
    assert load_profile(path).reference_date == era.suggested

    again = make_wizard(qtbot, as_of=dt.date(2026, 12, 1))
    assert again.open_path(path)
    assert again.as_of == era.suggested and again.welcome.as_of() == era.suggested
    assert not again.is_dirty()


@pytest.mark.parametrize("typed", ["2023-06-01", "20230601", "2023/6/1", "２０２３年６月１日"])
def test_the_date_field_takes_dates_as_people_type_them(qtbot: Any, wizard: PolicyWizard, typed: str) -> None:
    """参考日期 accepts 2023-06-01, 20230601, 2023/6/1 (and full-width) and shows it back as 2023-06-01."""
    wizard.set_as_of(dt.date(2024, 1, 1))
    wizard.welcome.as_of_edit.setText(typed)
    wizard.welcome.as_of_edit.editingFinished.emit()
    assert wizard.as_of == dt.date(2023, 6, 1)
    assert wizard.welcome.as_of_edit.text() == "2023-06-01"


def test_a_bad_date_is_refused_beside_the_field(qtbot: Any, wizard: PolicyWizard) -> None:
    """2023-02-30 is no day: the date stays and the reason shows next to the field."""
    before = wizard.as_of
    wizard.welcome.as_of_edit.setText("2023-02-30")
    wizard.welcome.as_of_edit.editingFinished.emit()
    assert wizard.as_of == before
    assert "没有这一天" in wizard.welcome.as_of_field.message.text()
