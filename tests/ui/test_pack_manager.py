"""政策包管理 driven through its widgets: add packs, draft from a .docx, review (confirm, delete), disable."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from desktop_app import paths
from desktop_app.drafting import draft_pack, source_name_for, write_draft
from desktop_app.ui.background import BackgroundOp
from desktop_app.ui.pack_manager import PackManagerDialog
from tests.ui.conftest import cell

FIXTURES = Path(__file__).parents[1] / "drafting" / "fixtures"


def _manager(qtbot: Any, enabled: list[str] | None = None) -> tuple[PackManagerDialog, list[list[str]]]:
    changes: list[list[str]] = []
    dialog = PackManagerDialog(enabled=enabled or [], on_change=changes.append)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, changes


@pytest.fixture
def valid_pack(tmp_path: Path) -> Path:
    """A drafted pack (with its saved text) that passes the check."""
    out = tmp_path / "qingpu-2024.yaml"
    result = draft_pack(
        FIXTURES / "qingpu-digital-2024.txt", district="qingpu", pack_id="qingpu-2024", source_name=source_name_for(out)
    )
    write_draft(result, out)
    return out


def test_add_a_valid_pack(qtbot: Any, valid_pack: Path) -> None:
    """A pack that passes the check is listed with title, 文号, date, validity and counts, and enabled."""
    dialog, changes = _manager(qtbot)
    assert dialog.add_pack_file(valid_pack)
    row = [cell(dialog.table, 0, c).text() for c in range(1, 7)]
    assert row == [
        "青浦区促进数字经济发展若干措施",
        "青府规〔2024〕3号",
        "2024-03-08",
        "2024-04-01 至 2026-03-31",
        "0 / 7",
        "通过",
    ]
    assert cell(dialog.table, 0, 0).checkState() == Qt.CheckState.Checked
    assert changes[-1] == [str(valid_pack)]
    assert dialog.error.text() == ""


def test_add_a_broken_pack_shows_the_error_in_place(qtbot: Any, tmp_path: Path) -> None:
    """A broken pack is listed disabled; the problem (file, line) is shown under the list, not in a popup."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("pack_format: 1\nid: qingpu-2025\nmeasures: [\n", encoding="utf-8")
    dialog, changes = _manager(qtbot)
    assert not dialog.add_pack_file(broken)
    assert "broken.yaml" in dialog.error.text() and "YAML 格式错误" in dialog.error.text()
    assert cell(dialog.table, 0, 0).checkState() == Qt.CheckState.Unchecked
    assert cell(dialog.table, 0, 6).text().startswith("有 ")
    assert changes[-1] == []


def test_draft_from_a_docx_opens_the_review(qtbot: Any, tmp_path: Path) -> None:
    """Choosing a .docx, district and id drafts in the background, then the review shows the first measure's
    excerpt beside its drafted amount and phone."""
    document = tmp_path / "任务清单.docx"
    shutil.copy(FIXTURES / "baoshan-tasks-2024.docx", document)
    dialog, _ = _manager(qtbot)
    dialog.form.document.setText(str(document))
    dialog.form.district.setCurrentIndex(dialog.form.district.findData("baoshan"))
    dialog.form.pack_id.setText("baoshan-2024")
    qtbot.mouseClick(dialog.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.review is not None and BackgroundOp.active() == 0, timeout=20000)
    review = dialog.review
    assert review is not None and review.isVisible()
    assert (paths.user_packs_dir() / "baoshan-2024.yaml").is_file()
    assert review.measure_ids()[0] == "baoshan-2024-1"
    assert "不低于十万元" in review.excerpt.toPlainText()
    fields = review.fields.toPlainText()
    assert "不低于10万元" in fields and "56781234" in fields and "草稿（待审核）" in fields
    assert cell(dialog.table, 0, 5).text() == "0 / 4"


def test_bad_draft_input_is_shown_in_place(qtbot: Any) -> None:
    """An id that does not match the district is refused before anything runs."""
    dialog, _ = _manager(qtbot)
    dialog.form.document.setText(str(FIXTURES / "qingpu-digital-2024.txt"))
    dialog.form.pack_id.setText("jinshan-2024")
    dialog.start_draft()
    assert "不一致" in dialog.error.text()
    assert dialog.review is None


def test_confirm_and_delete_save_the_yaml_with_a_backup(qtbot: Any, valid_pack: Path) -> None:
    """确认 marks one measure reviewed, 删除 removes another; the file is rewritten and the original kept as .bak."""
    dialog, _ = _manager(qtbot)
    dialog.add_pack_file(valid_pack)
    review = dialog.open_review(valid_pack)
    review.select("qingpu-2024-1.2a")
    qtbot.mouseClick(review.confirm, Qt.MouseButton.LeftButton)
    review.select("qingpu-2024-3.2")
    qtbot.mouseClick(review.delete, Qt.MouseButton.LeftButton)
    saved = {m["id"]: m for m in yaml.safe_load(valid_pack.read_text(encoding="utf-8"))["measures"]}
    assert saved["qingpu-2024-1.2a"]["review"] == "reviewed"
    assert saved["qingpu-2024-1.2b"]["review"] == "draft"
    assert "qingpu-2024-3.2" not in saved
    assert "# ── 草稿 qingpu-2024-1.2a" in valid_pack.read_text(encoding="utf-8"), "comments survive"
    original = yaml.safe_load((valid_pack.parent / "qingpu-2024.yaml.bak").read_text(encoding="utf-8"))
    assert len(original["measures"]) == 7
    review.reject()
    assert cell(dialog.table, 0, 5).text() == "1 / 5"


def test_modify_refuses_an_invalid_edit(qtbot: Any, valid_pack: Path) -> None:
    """修改 with a broken amount keeps the file unchanged and says what is wrong in the review view."""
    dialog, _ = _manager(qtbot)
    review = dialog.open_review(valid_pack)
    review.select("qingpu-2024-1.2a")
    qtbot.mouseClick(review.modify, Qt.MouseButton.LeftButton)
    review.editor.setPlainText(review.editor.toPlainText().replace("value: 500000", "value: -5"))
    before = valid_pack.read_text(encoding="utf-8")
    qtbot.mouseClick(review.apply, Qt.MouseButton.LeftButton)
    assert "修改未保存" in review.message.text()
    assert valid_pack.read_text(encoding="utf-8") == before


def test_disable_a_pack(qtbot: Any, valid_pack: Path) -> None:
    """Unticking 启用 removes the pack from the enabled list the settings keep; the library still lists it."""
    dialog, changes = _manager(qtbot, enabled=[str(valid_pack)])
    assert cell(dialog.table, 0, 0).checkState() == Qt.CheckState.Checked
    cell(dialog.table, 0, 0).setCheckState(Qt.CheckState.Unchecked)
    assert changes[-1] == []
    again, _ = _manager(qtbot)
    assert again.table.rowCount() == 1 and cell(again.table, 0, 0).checkState() == Qt.CheckState.Unchecked


def test_settings_button_opens_the_manager_and_takes_its_list(qtbot: Any, valid_pack: Path) -> None:
    """设置 → 政策包 → 政策包管理… opens the manager; a pack added there shows in the settings' pack list."""
    from desktop_app.ui.settings_dialog import SettingsDialog
    from tests.ui.conftest import make_wizard

    wizard = make_wizard(qtbot)
    settings = SettingsDialog(wizard=wizard)
    qtbot.addWidget(settings)
    button = settings.findChild(QPushButton, "settings_pack_manager")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    manager = settings.findChild(PackManagerDialog, "pack_manager")
    assert manager is not None and manager.isVisible()
    manager.add_pack_file(valid_pack)
    assert [settings.packs.item(i).text() for i in range(settings.packs.count())] == [str(valid_pack)]
