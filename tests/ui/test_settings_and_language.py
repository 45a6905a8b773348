"""The settings dialog (contacts, folders, packs, date) and the interface language."""

from __future__ import annotations

import datetime as dt
import importlib.util
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWizard

from desktop_app import paths
from desktop_app.contacts import ContactBook
from desktop_app.ui import storage, translations
from desktop_app.ui.app import Controller
from desktop_app.ui.results_page import ResultsPage
from desktop_app.ui.settings_dialog import SettingsDialog
from desktop_app.ui.wizard import PageId, PolicyWizard
from tests.ui.conftest import JINSHAN_CODE, choose, type_text

ROOT = Path(__file__).resolve().parents[2]


def qt_tool(name: str) -> str:
    """scripts/update_translations.py's lookup of lupdate/lrelease (the script is not a package)."""
    spec = importlib.util.spec_from_file_location("update_translations", ROOT / "scripts" / "update_translations.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.qt_tool(name))


def test_contacts_fill_missing_phones_marked_user_entered(qtbot: Any, wizard: PolicyWizard) -> None:
    """A phone entered for 区财政局 (金山 第5行 gives none) is stored per user and shown as 用户填写."""
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    dialog.add_contact("区财政局", "021-57921234", district="jinshan")
    dialog.accept()
    expected = ContactBook(by_district={"jinshan": {"区财政局": "021-57921234"}})
    assert storage.load_contacts() == expected
    assert wizard.contacts == expected

    choose(wizard, "district", "jinshan")
    results = ResultsPage(host=wizard)
    qtbot.addWidget(results)
    results.show_report(wizard.report())
    item = results.item_for("jinshan-2023-5")  # 小微企业贷款延期还本付息: 原文未载电话
    assert item is not None
    assert item.text(3) == "021-57921234（用户填写）"
    other = results.item_for("jinshan-2023-11")
    assert other is not None and other.text(3) == "67961792"  # a document's phone is never replaced


def test_units_without_phone_are_listed_for_the_district(qtbot: Any, wizard: PolicyWizard) -> None:
    """列出缺电话的部门 adds exactly the 金山 units whose documents give no phone."""
    choose(wizard, "district", "jinshan")
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    dialog.add_units_without_phone()
    listed = {dialog._cell(r, 1) for r in range(dialog.contacts.rowCount())}
    assert wizard.catalog is not None
    expected = {
        unit
        for m in wizard.catalog.measures
        if m.pack.district.value == "jinshan" and m.measure.contact.phone is None
        for unit in m.measure.contact.units
    }
    assert listed == expected and listed


def test_bad_phone_is_refused_with_its_row(qtbot: Any, wizard: PolicyWizard) -> None:
    """A phone with letters is not saved; the dialog says which row and why, and stays open."""
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.add_contact("区财政局", "call me")
    dialog.accept()
    assert dialog.isVisible()
    assert "第 1 行" in dialog.message.text()
    assert not paths.user_contacts_file().exists()


def test_settings_are_saved_and_applied(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """Reference date, folders and packs are saved atomically and take effect at once."""
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    dialog.use_today.setChecked(False)
    day = dialog.as_of.date()
    assert day is not None
    dialog.as_of.edit.setText(f"{day.year + 1}/{day.month}/{day.day}")  # typed the short way
    dialog.output_dir.setText(str(tmp_path / "out"))
    broken = tmp_path / "broken.yaml"
    broken.write_text("not: [a pack", encoding="utf-8")
    dialog.packs.addItem(str(broken))
    before = wizard.as_of
    dialog.accept()
    saved = storage.load_settings()
    assert saved.as_of == dt.date(before.year + 1, before.month, before.day)
    assert saved.output_dir == str(tmp_path / "out") and saved.packs == [str(broken)]
    assert wizard.as_of == saved.as_of
    assert wizard.catalog is not None and any("broken.yaml" in str(p) for p in wizard.catalog.problems)
    assert "broken.yaml" in wizard.welcome.status.text()


def test_missing_templates_folder_is_refused(qtbot: Any, wizard: PolicyWizard, tmp_path: Path) -> None:
    """A templates folder that does not exist is named in the dialog; nothing is saved."""
    dialog = SettingsDialog(wizard=wizard, parent=wizard)
    qtbot.addWidget(dialog)
    dialog.templates_dir.setText(str(tmp_path / "nope"))
    dialog.accept()
    assert "nope" in dialog.templates_error.text()
    assert "模板文件夹" in dialog.message.text()
    assert not paths.user_settings_file().exists()


def test_wizard_buttons_are_chinese(qtbot: Any, wizard: PolicyWizard) -> None:
    """Qt's own translator is loaded, so QWizard's buttons read 下一步 / 上一步; 退出 says what it does."""
    assert "下一步" in wizard.buttonText(QWizard.WizardButton.NextButton)
    assert "上一步" in wizard.buttonText(QWizard.WizardButton.BackButton)
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "退出(&Q)"


def test_every_interface_string_has_an_english_translation(tmp_path: Path) -> None:
    """lupdate over the current sources finds no string that the committed .ts leaves untranslated."""
    ts = tmp_path / "check.ts"
    ts.write_bytes((paths.translations_dir() / "policy_assistant_en.ts").read_bytes())
    sources = sorted(str(p) for p in (ROOT / "desktop_app" / "ui").glob("*.py"))
    subprocess.run([qt_tool("lupdate"), *sources, "-ts", str(ts), "-no-obsolete"], check=True, capture_output=True)
    messages = list(ET.parse(ts).getroot().iter("message"))
    assert len(messages) > 100
    untranslated = [
        m.findtext("source")
        for m in messages
        if m.find("translation") is None or m.find("translation").get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert untranslated == []
    qm = paths.translations_dir() / "policy_assistant_en.qm"
    assert qm.is_file() and qm.stat().st_size > 1000


def test_translation_tools_are_found_without_an_activated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """lupdate and lrelease come from this Python's installation, not from PATH (a venv need not be activated)."""
    monkeypatch.setenv("PATH", os.devnull)
    for name in ("lupdate", "lrelease"):
        tool = Path(qt_tool(name))
        assert tool.is_file() and name in tool.name
        proc = subprocess.run([str(tool), "-version"], capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0 and name in (proc.stdout + proc.stderr).lower()


def test_switching_to_english_keeps_every_answer(qtbot: Any) -> None:
    """Choosing English rebuilds the window in English; the answers, the page and the dirty mark stay."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    controller = Controller(app, storage.UserSettings(), dt.date(2023, 6, 1))
    w = controller.open_window()
    qtbot.addWidget(w)
    w.show()
    w.load_now()
    w.next()
    type_text(qtbot, w, "name", "上海示例有限公司")
    type_text(qtbot, w, "credit_code", JINSHAN_CODE)
    choose(w, "district", "jinshan")
    w.next()
    assert w.currentId() == PageId.size
    try:
        controller.switch_language("en")
        new = controller.wizard
        assert new is not None and new is not w
        qtbot.addWidget(new)
        assert new.welcome.title() == "Welcome to the Policy Application Assistant"
        assert new.buttonText(QWizard.WizardButton.CustomButton2) == "&Save"
        assert new.currentId() == PageId.size
        assert new.profile().credit_code == JINSHAN_CODE and new.is_dirty()
        assert not w.isVisible()
    finally:
        translations.install(app, "zh_CN")


def test_english_run_from_saved_setting(qtbot: Any) -> None:
    """With language en saved, the interface comes up in English (Qt's Chinese buttons are not loaded)."""
    storage.save_settings(storage.UserSettings(language="en"))
    app = QApplication.instance()
    assert app is not None
    try:
        assert translations.install(app, storage.load_settings().language) == "en"
        w = PolicyWizard(settings=storage.load_settings())
        qtbot.addWidget(w)
        assert w.welcome.new_button.text() == "Ne&w enterprise profile"
        assert "Next" in w.buttonText(QWizard.WizardButton.NextButton)
    finally:
        translations.install(app, "zh_CN")


@pytest.mark.slow  # a GUI in a subprocess (the marker's own definition); CI runs it
def test_gui_command_runs_from_the_cli_in_a_subprocess(tmp_path: Path) -> None:
    """`gui --screenshots` fills the pages from a profile, writes one PNG per page and exits 0."""
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = tmp_path / "shots"
    done = subprocess.run(
        [
            sys.executable, "-m", "desktop_app", "gui", "--screenshots", str(out),
            "--profile", str(paths.examples_dir() / "jinshan.json"), "--as-of", "2023-06-01",
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in out.glob("*.png"))
    for page in ("welcome", "basics", "size", "checklist", "results", "generate", "settings"):
        assert any(page in name for name in names), (page, names)
    assert all((out / n).stat().st_size > 5000 for n in names)


def test_gui_command_refuses_a_missing_profile(tmp_path: Path) -> None:
    """A profile path that does not exist: exit 2 and one Chinese line, no window."""
    done = subprocess.run(
        [sys.executable, "-m", "desktop_app", "gui", "--profile", str(tmp_path / "nope.json")],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 2
    assert "找不到企业档案文件" in done.stderr


def test_strings_lupdate_filed_under_no_class_are_english_at_run_time(qtbot: Any) -> None:
    """lupdate files a string under "" when it cannot tell the class (a module-level ``tr`` helper, a mixin's
    ``self.tr``); at run time the caller asks under its own class name. Every such string must still come
    out in English, and a string with no translation stays itself (Qt's fallback), not empty."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    ts = ROOT / "resources" / "translations" / "policy_assistant_en.ts"
    unnamed = next(c for c in ET.parse(ts).getroot().iter("context") if not (c.findtext("name") or ""))
    sources = [m.findtext("source") or "" for m in unnamed.iter("message")]
    assert "参考日期 {as_of}" in sources and "保存企业档案" in sources  # results_detail.tr, FilesMixin.tr
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    translations.install(app, "en")
    try:
        for context in ("ResultsPage", "PolicyWizard"):
            untranslated = [s for s in sources if QCoreApplication.translate(context, s) == s]
            assert not untranslated, (context, untranslated)
        assert QCoreApplication.translate("ResultsPage", "没有这条文字") == "没有这条文字"
    finally:
        translations.install(app, "zh_CN")
    assert QCoreApplication.translate("ResultsPage", "参考日期 {as_of}") == "参考日期 {as_of}"
