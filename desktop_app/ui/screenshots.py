"""`gui --screenshots DIR`: walk every page filled from a profile, save one PNG per page, then exit."""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.wizard import PageId, PolicyWizard

WAIT_SECONDS = 60


def wait_until(condition: Callable[[], bool], timeout: float = WAIT_SECONDS) -> bool:
    """Process events until ``condition`` holds (worker results arrive through the event loop)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QApplication.processEvents()
        if condition():
            return True
        time.sleep(0.01)
    return condition()


def grab(widget: QWidget, path: Path) -> Path:
    for _ in range(3):
        QApplication.processEvents()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not widget.grab().save(str(path)):
        raise OSError(f"无法保存截图 {path}")
    return path


def page_name(wizard: PolicyWizard, page_id: int) -> str:
    if page_id == PageId.welcome:
        return "welcome"
    if page_id == PageId.results:
        return "results"
    if page_id == PageId.generate:
        return "generate"
    for qid, page in wizard.question_pages.items():
        if page.page_id == page_id:
            return qid
    return str(page_id)


def take_screenshots(wizard: PolicyWizard, *, out_dir: Path, profile: Path | None) -> list[Path]:
    """Every page of one session, in order; the generate page after real letters were made (in a temp folder)."""
    written: list[Path] = []
    wizard.load_now()
    wizard.welcome.show_draft(None)
    if profile is not None and not wizard.open_path(profile, go_to_basics=False):
        return written
    written.append(grab(wizard, out_dir / "01-welcome.png"))  # with the era banner when nothing is in force
    era = wizard.session.era()
    if era is not None:  # the rest of the tour as the banner's one click shows it
        wizard.set_as_of(era.suggested)
    index = 2
    while wizard.currentId() != PageId.results:
        if wizard.nextId() == -1 or not wizard.currentPage().isComplete():
            break
        wizard.next()
        if wizard.currentId() == PageId.results:
            break
        written.append(grab(wizard, out_dir / f"{index:02d}-{page_name(wizard, wizard.currentId())}.png"))
        index += 1
    if wizard.currentId() != PageId.results:
        return written
    results = wizard.currentPage()
    wait_until(lambda: not getattr(results, "busy", False) and BackgroundOp.active() == 0)
    written.append(grab(wizard, out_dir / f"{index:02d}-results.png"))
    index += 1

    from desktop_app.ui.generate_page import GeneratePage

    scratch = Path(tempfile.mkdtemp(prefix="policy-assistant-shots-"))
    try:
        wizard.next()
        page = wizard.currentPage()
        assert isinstance(page, GeneratePage)
        page.folder.setText(str(scratch))
        page.generate()
        wait_until(lambda: not page.busy and BackgroundOp.active() == 0)
        wait_until(lambda: bool(page.viewer.html) or page.files.count() == 0, timeout=30)
        written.append(grab(wizard, out_dir / f"{index:02d}-generate.png"))
        index += 1
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    from desktop_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    dialog.show()
    written.append(grab(dialog, out_dir / f"{index:02d}-settings.png"))
    dialog.tabs.setCurrentIndex(2)
    dialog.add_units_without_phone()
    written.append(grab(dialog, out_dir / f"{index + 1:02d}-settings-contacts.png"))
    dialog.reject()
    return written
