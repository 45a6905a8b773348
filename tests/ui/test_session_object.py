"""The Qt-free session (issue 15): reference date, era note, output folder and matching, without a QApplication."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

from desktop_app.domain.catalog import Catalog
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.status import Status
from desktop_app.session import Session, era_note, suggested_reference_date, validity_spans


def test_the_session_imports_no_qt() -> None:
    """desktop_app.session loads without PySide6 (the wizard's rules are testable without widgets)."""
    code = "import sys, desktop_app.session; print(any(m.startswith('PySide6') for m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_suggested_date_is_the_latest_with_most_measures_in_force(catalog: Catalog) -> None:
    """The one-click date is a day on which no other day has more measures in force, and the latest such day."""
    day = suggested_reference_date(catalog)
    assert day is not None
    spans = validity_spans(catalog)

    def count(d: dt.date) -> int:
        return sum(start <= d <= end for start, end in spans)

    best = count(day)
    boundaries = {s for s, _ in spans} | {e for _, e in spans}
    assert all(count(d) <= best for d in boundaries)
    assert all(count(d) < best for d in boundaries if d > day)


def test_the_era_note_says_ended_or_not_yet_begun(catalog: Catalog) -> None:
    """No note while measures are in force; “均已到期” after every period, “均尚未施行” before."""
    assert era_note(catalog, dt.date(2023, 6, 1)) is None
    after = era_note(catalog, dt.date(2026, 12, 1))
    assert after is not None and after.after and "均已到期" in after.text(dt.date(2026, 12, 1))
    before = era_note(catalog, dt.date(2000, 1, 1))
    assert before is not None and not before.after and "均尚未施行" in before.text(dt.date(2000, 1, 1))
    assert after.suggested == suggested_reference_date(catalog)


def test_the_output_folder_is_derived_unless_chosen(tmp_path: Path) -> None:
    """Letters go to root/<company>; a folder chosen for the profile wins."""
    session = Session(as_of=dt.date(2023, 6, 1))
    assert session.output_folder(root=tmp_path, company="上海乙软件有限公司") == tmp_path / "上海乙软件有限公司"
    session.chosen_output = tmp_path / "chosen"
    assert session.output_folder(root=tmp_path, company="上海乙软件有限公司") == tmp_path / "chosen"


def test_the_profile_date_wins_and_matching_is_remembered(catalog: Catalog) -> None:
    """A profile that records its reference date is read on that date; the last report is kept."""
    session = Session(as_of=dt.date(2026, 12, 1), catalog=catalog)
    profile = EnterpriseProfile(district="jinshan", reference_date=dt.date(2023, 6, 1))
    assert session.reference_date_for(profile) == dt.date(2023, 6, 1)
    report = session.match(profile)
    assert session.last_report is report and report.as_of == dt.date(2026, 12, 1)
    assert all(r.status in (Status.expired, Status.not_applicable) for r in report.results)
    assert session.era() is not None


def test_open_save_and_new_set_the_file_and_the_unsaved_mark(tmp_path: Path) -> None:
    """Opening takes the file and its folder, unchanged; Save As reports the move; 新建 forgets both."""
    session = Session(as_of=dt.date(2023, 6, 1), dirty=True)
    first, second = tmp_path / "甲.json", tmp_path / "乙.json"
    session.opened(first, output=tmp_path / "甲的文书")
    assert (session.profile_path, session.chosen_output, session.dirty) == (first, tmp_path / "甲的文书", False)
    session.dirty = True
    assert session.saved(first) is False and not session.dirty  # 保存: the same file
    session.dirty = True
    assert session.saved(second) is True and session.profile_path == second and not session.dirty  # 另存为
    session.dirty = True
    session.started_new()
    assert (session.profile_path, session.chosen_output, session.dirty) == (None, None, False)
    assert session.title() == "新档案"


def test_a_match_job_uses_the_date_it_was_made_on(catalog: Catalog) -> None:
    """A job made before the date changes still matches on the old date (the worker thread reads no later state)."""
    session = Session(as_of=dt.date(2023, 6, 1), catalog=catalog)
    job = session.match_job(EnterpriseProfile(district="jinshan"))
    session.as_of = dt.date(2026, 12, 1)
    report = job()
    assert report.as_of == dt.date(2023, 6, 1)
    assert session.last_report is None  # only the wizard decides which report is the last shown
