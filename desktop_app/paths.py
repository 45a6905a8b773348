"""The one place that knows where forms/, templates/ and resources/ live, and where user data goes."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_DATA_DIRS = ("forms", "templates", "resources")


@cache
def data_root() -> Path:
    """Return the folder that holds forms/, templates/ and resources/.

    Three layouts are possible:
    - a PyInstaller bundle: the folders sit under ``sys._MEIPASS``;
    - an installed wheel: they are shipped inside the package as ``desktop_app/_data``;
    - a source checkout: they sit beside the ``desktop_app`` package.
    """
    meipass = getattr(sys, "_MEIPASS", None)
    candidates: list[Path] = []
    if meipass:
        candidates.append(Path(meipass))
    package_dir = Path(__file__).resolve().parent
    candidates.append(package_dir / "_data")
    candidates.append(package_dir.parent)
    for root in candidates:
        if all((root / name).is_dir() for name in _DATA_DIRS):
            return root
    raise FileNotFoundError("找不到程序数据目录（forms、templates、resources）。请重新安装本程序。")


def forms_dir() -> Path:
    return data_root() / "forms"


def templates_dir() -> Path:
    return data_root() / "templates"


def resources_dir() -> Path:
    return data_root() / "resources"


def policies_dir() -> Path:
    return resources_dir() / "policies"


def sources_dir() -> Path:
    """Full text of each policy document, for verbatim excerpts."""
    return resources_dir() / "sources"


def examples_dir() -> Path:
    return resources_dir() / "examples"


def translations_dir() -> Path:
    """The wizard's own .qm translations (Qt's are found through QLibraryInfo)."""
    return resources_dir() / "translations"


def icons_dir() -> Path:
    return resources_dir() / "icons"


def questionnaire_file() -> Path:
    return forms_dir() / "questionnaire.yaml"


def user_data_dir() -> Path:
    """Per-user folder for drafts, logs, settings and contacts (platformdirs; Qt's AppDataLocation agrees)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("PolicyAssistant", appauthor=False))


def user_log_dir() -> Path:
    return user_data_dir() / "logs"


def user_settings_file() -> Path:
    """The wizard's settings (reference date, folders, extra packs, language)."""
    return user_data_dir() / "settings.json"


def user_contacts_file() -> Path:
    """Telephone numbers a user entered for units the documents give none for: {unit: phone}."""
    return user_data_dir() / "contacts.json"


def user_draft_file() -> Path:
    """The wizard's autosaved, not yet saved answers."""
    return user_data_dir() / "draft.json"


def user_ui_state_file() -> Path:
    """Qt's own state (window geometry, recent files), in INI form."""
    return user_data_dir() / "ui-state.ini"


def user_cache_dir() -> Path:
    """Things the program can always make again (the PDF route's converted glyphs); safe to delete."""
    return user_data_dir() / "cache"
