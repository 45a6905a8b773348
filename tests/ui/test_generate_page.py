"""The generate page: letters on a worker thread, preview, print preview, PDF export, opening files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtPrintSupport import QPrinter

from desktop_app.ui.generate_page import GeneratePage
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import click_next, fill_jinshan_company

COMPANY = "上海金山示例机械有限公司"


def generated(qtbot: Any, wizard: PolicyWizard, out: Path) -> GeneratePage:
    fill_jinshan_company(qtbot, wizard)
    assert click_next(qtbot, wizard) == PageId.generate
    page = wizard.currentPage()
    assert isinstance(page, GeneratePage)
    page.folder.setText(str(out))
    page.generate()
    qtbot.waitUntil(lambda: not page.busy and page.files.count() > 0, timeout=30_000)
    qtbot.waitUntil(lambda: bool(page.viewer.html), timeout=30_000)
    return page


def test_only_ticked_measures_get_letters(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Unticking a measure leaves its letter out; the 体检报告 is always written."""
    fill_jinshan_company(qtbot, wizard)
    click_next(qtbot, wizard)
    page = wizard.currentPage()
    assert isinstance(page, GeneratePage)
    from PySide6.QtCore import Qt

    for i in range(page.measures.count()):
        item = page.measures.item(i)
        if item.data(Qt.ItemDataRole.UserRole) != "jinshan-2023-11":
            item.setCheckState(Qt.CheckState.Unchecked)
    assert page.chosen_measures() == ["jinshan-2023-11"]
    page.folder.setText(str(tmp_path))
    page.generate()
    qtbot.waitUntil(lambda: not page.busy and page.files.count() > 0, timeout=30_000)
    assert sorted(d.measure_id or "" for d in page.documents) == ["", "", "jinshan-2023-11"]  # + 办理清单, report
    assert all(d.path.is_file() for d in page.documents)


def test_pdf_export_writes_a_pdf_with_the_letter(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """导出 PDF writes a real PDF of the previewed letter whose text reads back as typed (no NFKC, issue 12)."""
    from pypdf import PdfReader

    page = generated(qtbot, wizard, tmp_path / "out")
    target = tmp_path / "letter.pdf"
    written = page.viewer.write_pdf(target)
    assert written == target and target.read_bytes().startswith(b"%PDF")
    text = "".join(p.extract_text() for p in PdfReader(str(target)).pages)
    assert COMPANY in "".join(text.split())  # 金 is 金 (U+91D1), not the radical ⾦ Qt's PDFs gave


def test_print_preview_paints_the_letter(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The print preview dialog is a QPrintPreviewDialog whose painting prints the letter."""
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    page = generated(qtbot, wizard, tmp_path / "out")
    dialogs: list[Any] = []
    monkeypatch.setattr(page.viewer, "open_dialog", dialogs.append)
    page.viewer.print_preview()
    assert len(dialogs) == 1 and isinstance(dialogs[0], QPrintPreviewDialog)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(target))
    dialogs[0].paintRequested.emit(printer)
    del printer
    assert target.is_file() and target.read_bytes().startswith(b"%PDF")


def test_open_folder_and_letter_go_to_the_system(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """打开文件夹 and 用 Word/WPS 打开 hand the folder and the selected .docx to QDesktopServices."""
    page = generated(qtbot, wizard, tmp_path / "out")
    opened: list[QUrl] = []

    def open_url(url: QUrl) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(page, "open_url", open_url)
    page.open_folder()
    page.open_document()
    assert Path(opened[0].toLocalFile()) == tmp_path / "out"
    selected = page.current_document()
    assert selected is not None and Path(opened[1].toLocalFile()) == selected and selected.suffix == ".docx"


def test_unwritable_folder_is_reported_and_nothing_half_written(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, no_modal_dialogs: list[str]
) -> None:
    """A folder that cannot be made (a file is in the way) gives a clear message; the page stays usable."""
    blocker = tmp_path / "blocker"
    blocker.write_text("x", encoding="utf-8")
    fill_jinshan_company(qtbot, wizard)
    click_next(qtbot, wizard)
    page = wizard.currentPage()
    assert isinstance(page, GeneratePage)
    page.folder.setText(str(blocker / "out"))
    page.generate()
    qtbot.waitUntil(lambda: not page.busy, timeout=30_000)
    assert page.files.count() == 0
    assert "未能生成文书" in page.status.text()
    assert no_modal_dialogs and "无法写入" in no_modal_dialogs[-1]
    assert page.generate_button.isEnabled()
    assert blocker.read_text(encoding="utf-8") == "x"


def test_user_contacts_reach_the_letters(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The contacts of the settings dialog are passed to the documents code (used where a phone is missing)."""
    import desktop_app.documents.fill as fill
    from desktop_app.contacts import ContactBook

    contact = {"区财政局": "021-12345678"}
    wizard.contacts = ContactBook(by_district={"jinshan": contact, "qingpu": {"区财政局": "021-59720000"}})
    seen: dict[str, Any] = {}
    real = fill.generate_documents

    def spy(**kwargs: Any) -> Any:
        seen.update(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(fill, "generate_documents", spy)
    generated(qtbot, wizard, tmp_path / "out")
    assert seen["user_contacts"] == contact  # 金山's own, never 青浦's
    assert seen["out_dir"] == tmp_path / "out"


def test_pdf_held_open_offers_the_numbered_name(
    qtbot: Any, wizard: PolicyWizard, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A PDF held open by another program (Windows PermissionError): the box names it and offers name(2).pdf."""
    import errno
    import os

    from PySide6.QtWidgets import QMessageBox

    page = generated(qtbot, wizard, tmp_path / "out")
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"%PDF old, open in a viewer")
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst) == target:
            raise PermissionError(errno.EACCES, "being used by another process")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert page.viewer.write_pdf(target) is None
    box = page.findChild(QMessageBox, "offer-other-name")
    assert box is not None and str(target) in box.text() and "letter(2).pdf" in box.text()
    assert target.read_bytes() == b"%PDF old, open in a viewer"
    offer = next(b for b in box.buttons() if "letter(2).pdf" in b.text())
    offer.click()
    assert (tmp_path / "letter(2).pdf").read_bytes().startswith(b"%PDF")
