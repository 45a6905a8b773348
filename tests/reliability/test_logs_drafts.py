"""Issue 13, smaller items: the log masks phones but not timestamps; damaged drafts and failed autosaves are told."""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path
from typing import Any

import pytest

from desktop_app import logs, paths
from desktop_app.fileio import WriteError
from desktop_app.ui import storage
from tests.ui.conftest import make_wizard, no_modal_dialogs  # noqa: F401  (the fixture keeps dialogs non-modal)

# ── log redaction ──


@pytest.mark.parametrize(
    "text",
    [
        "2026-12-01 23:15:02,123 WARNING desktop_app.ui: 保存失败",
        "参考日期 2023-06-01，有效期至 2023-12-31",
        "用时 1234567 ms，进程 12345678",
        "20231201 批次",
        "金额 6000元，共 3 人",
        "税务热线 12366、人社热线 12333",
    ],
)
def test_timestamps_dates_and_counts_are_not_masked(text: str) -> None:
    """Dates, times, durations and counts survive redaction unchanged (they used to become [号码已隐去])."""
    assert logs.redact(text) == text


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("电话 021-57921750", "57921750"),
        ("电话 021 5792 1750", "5792 1750"),
        ("电话 (021)57921750", "57921750"),
        ("电话 57921750", "57921750"),
        ("手机 13812345678", "13812345678"),
        ("手机 138-1234-5678", "1234-5678"),
        ("手机 +86 138 1234 5678", "1234 5678"),
        ("客服 400-820-8820", "820-8820"),
        ("信用代码 91310116MA1J8K6Q01", "91310116MA1J8K6Q01"),
    ],
)
def test_phones_and_credit_codes_are_masked(text: str, secret: str) -> None:
    """Landlines, mobiles, 400 numbers and credit codes are masked in every common spelling."""
    out = logs.redact(text)
    assert secret not in out and ("[号码已隐去]" in out or "[信用代码已隐去]" in out), out


def test_a_formatted_log_line_keeps_its_timestamp() -> None:
    """A whole formatted record keeps its date and time while the phone in the message is masked."""
    formatter = logs.RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    record = logging.LogRecord("desktop_app.x", logging.WARNING, __file__, 1, "电话 %s", ("021-57921750",), None)
    record.created = time.mktime((2026, 12, 1, 23, 15, 2, 0, 0, -1))
    line = formatter.format(record)
    assert line.startswith("2026-12-01 23:15:02") and "57921750" not in line, line


# ── drafts ──

DAMAGED = {
    "not-utf8": b'\xff\xfe{"draft_format": 1, "raw": {}}',
    "truncated": '{"draft_format": 1, "saved_at": "2026-12-01T10:00:00", "raw": {"name": "上海甲'.encode(),
    "nested": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_damaged_draft_is_set_aside_and_reported(case: str) -> None:
    """A non-UTF-8, cut-short or absurdly nested draft is renamed .bad and described; nothing is raised."""
    draft = paths.user_draft_file()
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes(DAMAGED[case])
    notices: list[str] = []
    assert storage.load_draft(notices) is None
    assert not draft.exists() and draft.with_suffix(draft.suffix + ".bad").read_bytes() == DAMAGED[case]
    assert len(notices) == 1 and "已损坏" in notices[0] and draft.name in notices[0], notices


def test_draft_that_is_dev_zero_is_not_read(tmp_path: Path) -> None:
    """A draft file that is a symlink to /dev/zero is skipped at once, with a notice."""
    draft = paths.user_draft_file()
    draft.parent.mkdir(parents=True, exist_ok=True)
    os.symlink("/dev/zero", draft)
    notices: list[str] = []
    start = time.perf_counter()
    assert storage.load_draft(notices) is None
    assert time.perf_counter() - start < 1.0
    assert notices and "不是普通文件" in notices[0]


def test_wizard_shows_that_a_damaged_draft_was_set_aside(qtbot: Any) -> None:
    """On start-up the welcome page says the damaged draft was set aside, and where it went."""
    draft = paths.user_draft_file()
    draft.parent.mkdir(parents=True, exist_ok=True)
    draft.write_bytes(DAMAGED["truncated"])
    wizard = make_wizard(qtbot)
    assert wizard.offered_draft is None
    status = wizard.welcome.status.text()
    assert "已损坏" in status and ".bad" in status, status


def test_failed_autosave_is_shown(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An autosave that cannot write emits autosave_failed with the Chinese reason and says so in the title."""
    wizard = make_wizard(qtbot)
    reason = "无法写入 draft.json：磁盘空间不足。请清理磁盘或换一个文件夹后重试。"

    def fail(_draft: storage.Draft) -> None:
        raise WriteError(reason, path=paths.user_draft_file())

    monkeypatch.setattr(storage, "save_draft", fail)
    wizard.set_dirty(True)
    with qtbot.waitSignal(wizard.autosave_failed, timeout=1000) as signal:
        assert wizard.autosave() is False
    assert signal.args == [reason]
    assert "草稿未能自动保存" in wizard.windowTitle() and "磁盘空间不足" in wizard.windowTitle()
