"""What the wizard keeps per user: settings, contacts, the autosaved draft, recent files and window state.

JSON files are written atomically through fileio; a damaged file is set aside (``.bad``) and defaults
are used, so a bad file never stops the program. Nothing here imports pydantic, so it is cheap at start-up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from desktop_app import paths
from desktop_app.contacts import contacts_json, parse_contacts
from desktop_app.fileio import atomic_write_text
from desktop_app.reading import FileReadError, read_limited

log = logging.getLogger(__name__)

LANGUAGES = ("zh_CN", "en")
DRAFT_FORMAT = 1
MAX_RECENT = 8


#: Settings, contacts and drafts are a few KB; a larger file is not ours (and is not read whole).
MAX_JSON_BYTES = 16 * 1024 * 1024


def _read_json(path: Path, notices: list[str] | None = None) -> Any:
    """Parsed JSON, or None when absent or unreadable.

    A damaged file (cut short, not UTF-8, nested or numbered absurdly) is renamed to ``.bad``, logged,
    and described in ``notices`` (Chinese, for the user), so that it never stops start-up silently.
    """
    try:
        raw = read_limited(path, limit=MAX_JSON_BYTES)
    except FileReadError as exc:
        if path.exists() or path.is_symlink():
            log.warning("无法读取 %s：%s", path.name, exc.message)
            if notices is not None:
                notices.append(f"无法读取 {path}：{exc.message}")
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):  # JSONDecodeError and UnicodeDecodeError are ValueErrors
        bad = path.with_suffix(path.suffix + ".bad")
        log.warning("%s 已损坏，已改名为 .bad 并使用默认值", path.name)
        with contextlib.suppress(OSError):
            os.replace(path, bad)
        if notices is not None:
            notices.append(f"{path.name} 已损坏（可能是上次未正常退出时只写了一半），无法恢复，已另存为 {bad}")
        return None


def _write_json(path: Path, data: Any) -> None:
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _date_or_none(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


@dataclass
class UserSettings:
    """The settings dialog's values. ``as_of`` None means "today"."""

    as_of: dt.date | None = None
    output_dir: str | None = None
    templates_dir: str | None = None
    packs: list[str] = field(default_factory=list)
    language: str = "zh_CN"

    def reference_date(self) -> dt.date:
        return self.as_of or dt.date.today()


def load_settings() -> UserSettings:
    data = _read_json(paths.user_settings_file())
    if not isinstance(data, dict):
        return UserSettings()

    def text(key: str) -> str | None:
        value = data.get(key)
        return value if isinstance(value, str) and value else None

    packs = data.get("packs")
    language = data.get("language")
    return UserSettings(
        as_of=_date_or_none(data.get("as_of")),
        output_dir=text("output_dir"),
        templates_dir=text("templates_dir"),
        packs=[p for p in packs if isinstance(p, str) and p] if isinstance(packs, list) else [],
        language=language if language in LANGUAGES else "zh_CN",
    )


def save_settings(settings: UserSettings) -> None:
    """Raises fileio.WriteError (Chinese message) when the folder is not writable."""
    _write_json(
        paths.user_settings_file(),
        {
            "as_of": settings.as_of.isoformat() if settings.as_of else None,
            "output_dir": settings.output_dir,
            "templates_dir": settings.templates_dir,
            "packs": settings.packs,
            "language": settings.language,
        },
    )


def load_contacts() -> dict[str, str]:
    """{unit: phone} the user entered; entries that are not valid phones are dropped."""
    return parse_contacts(_read_json(paths.user_contacts_file()), strict=False)


def save_contacts(contacts: dict[str, str]) -> None:
    atomic_write_text(paths.user_contacts_file(), contacts_json(contacts))


@dataclass
class Draft:
    """Answers exactly as typed (even half-typed ones), so a crash loses nothing."""

    saved_at: dt.datetime
    raw: dict[str, Any]
    as_of: dt.date | None = None
    profile_path: str | None = None
    page: int = 0

    def company_name(self) -> str:
        name = self.raw.get("name")
        return name.strip() if isinstance(name, str) else ""


def save_draft(draft: Draft) -> None:
    """Raises fileio.WriteError (Chinese message, naming the file) when the draft cannot be written."""
    _write_json(
        paths.user_draft_file(),
        {
            "draft_format": DRAFT_FORMAT,
            "saved_at": draft.saved_at.isoformat(timespec="seconds"),
            "as_of": draft.as_of.isoformat() if draft.as_of else None,
            "profile_path": draft.profile_path,
            "page": draft.page,
            "raw": draft.raw,
        },
    )


def load_draft(notices: list[str] | None = None) -> Draft | None:
    """The autosaved draft, if any. A draft that had to be set aside is described in ``notices``."""
    data = _read_json(paths.user_draft_file(), notices)
    if not isinstance(data, dict) or data.get("draft_format") != DRAFT_FORMAT or not isinstance(data.get("raw"), dict):
        return None
    try:
        saved_at = dt.datetime.fromisoformat(str(data.get("saved_at")))
    except ValueError:
        saved_at = dt.datetime.now()
    page = data.get("page")
    profile_path = data.get("profile_path")
    return Draft(
        saved_at=saved_at,
        raw=data["raw"],
        as_of=_date_or_none(data.get("as_of")),
        profile_path=profile_path if isinstance(profile_path, str) else None,
        page=page if isinstance(page, int) and not isinstance(page, bool) else 0,
    )


def clear_draft() -> None:
    with contextlib.suppress(FileNotFoundError):
        paths.user_draft_file().unlink()


def ui_state() -> QSettings:
    """Window geometry and recent files, in an INI file in the user data folder (Qt writes it atomically)."""
    return QSettings(str(paths.user_ui_state_file()), QSettings.Format.IniFormat)


def recent_files() -> list[Path]:
    """Recently opened or saved profiles that still exist, newest first."""
    value = ui_state().value("recent_files", [])
    items: list[object] = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
    return [Path(p) for p in items if isinstance(p, str) and Path(p).is_file()][:MAX_RECENT]


def add_recent_file(path: Path) -> None:
    path = path.resolve()
    items = [p for p in recent_files() if p != path]
    state = ui_state()
    state.setValue("recent_files", [str(p) for p in [path, *items][:MAX_RECENT]])
    state.sync()


def save_geometry(geometry: QByteArray) -> None:
    state = ui_state()
    state.setValue("window/geometry", geometry)
    state.sync()


def load_geometry() -> QByteArray | None:
    value = ui_state().value("window/geometry")
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None
