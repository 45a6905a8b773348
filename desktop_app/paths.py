"""The one place that knows where forms/, templates/ and resources/ live, and where user data goes."""

from __future__ import annotations

import ntpath
import os
import sys
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PureWindowsPath

_DATA_DIRS = ("forms", "templates", "resources")
#: The user-data folder's name under %LOCALAPPDATA% (Windows), ~/.local/share (Linux) …
USER_DIR_NAME = "PolicyAssistant"
#: A file of this name beside the executable of the bundle makes it portable: user data goes to ``<exe dir>/data``.
PORTABLE_MARKER = "portable.txt"
PORTABLE_DATA_DIR = "data"
#: Windows refuses longer paths unless they carry the ``\\?\`` prefix (or the system enables long paths).
_WINDOWS_MAX_PATH = 260
#: Room kept for the names the program writes under its data folder (``logs\policy-assistant.log.1`` …).
_ROOM_FOR_NAMES = 60


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


def fields_file() -> Path:
    """The wording of every profile field (forms/fields.yaml), read by domain/fields.py."""
    return forms_dir() / "fields.yaml"


def program_dir() -> Path | None:
    """The folder of the bundle's executable; None when the program runs from Python (source or wheel)."""
    if not getattr(sys, "frozen", False):
        return None
    return Path(os.path.abspath(sys.executable)).parent


def portable_data_dir() -> Path | None:
    """``<exe dir>/data`` when ``portable.txt`` sits beside the bundle's executable (the portable zip ships one)."""
    folder = program_dir()
    if folder is None or not (folder / PORTABLE_MARKER).is_file():
        return None
    return folder / PORTABLE_DATA_DIR


def windows_long_path(path: str, *, room: int = _ROOM_FOR_NAMES) -> str:
    r"""A Windows path in the ``\\?\`` form when it (plus ``room`` for names below it) would pass MAX_PATH.

    Python and the bundle are long-path aware, but Windows only honours that when the LongPathsEnabled policy is
    on, which it is not by default; the prefixed form works everywhere. Short and relative paths come back
    normalised but otherwise unchanged, so the folders users see stay ordinary.
    """
    if path.startswith("\\\\?\\"):
        return path
    if not PureWindowsPath(path).is_absolute():
        return path
    text = ntpath.normpath(path)
    if len(text.encode("utf-16-le")) // 2 + room < _WINDOWS_MAX_PATH:  # MAX_PATH counts UTF-16 units
        return text
    if text.startswith("\\\\"):  # \\server\share\… -> \\?\UNC\server\share\…
        return "\\\\?\\UNC\\" + text[2:]
    return "\\\\?\\" + text


def windows_user_data_dir(environ: Mapping[str, str]) -> str | None:
    """``%LOCALAPPDATA%\\PolicyAssistant`` (long-path safe); None when LOCALAPPDATA is unset or not absolute.

    The installer and its uninstaller use the same folder ($LOCALAPPDATA in packaging/windows/installer.nsi).
    """
    local = environ.get("LOCALAPPDATA", "")
    if not local or not PureWindowsPath(local).is_absolute():
        return None
    return windows_long_path(ntpath.join(local, USER_DIR_NAME))


def user_data_dir() -> Path:
    """Per-user folder for drafts, logs, settings and contacts.

    In order: ``<exe dir>/data`` for a portable bundle (``portable.txt`` beside the exe); on Windows
    ``%LOCALAPPDATA%\\PolicyAssistant``; elsewhere platformdirs' folder (Qt's AppDataLocation agrees).
    """
    portable = portable_data_dir()
    if portable is not None:
        return _native(portable)
    if sys.platform == "win32":
        local = windows_user_data_dir(os.environ)
        if local is not None:
            return Path(local)
    import platformdirs

    return _native(Path(platformdirs.user_data_dir(USER_DIR_NAME, appauthor=False)))


def _native(path: Path) -> Path:
    return Path(windows_long_path(str(path))) if sys.platform == "win32" else path


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


def user_packs_dir() -> Path:
    """Packs drafted in the pack manager (政策包管理), with the document texts their excerpts are checked against."""
    return user_data_dir() / "packs"


def user_pack_library_file() -> Path:
    """Every extra pack the pack manager knows, enabled or not (settings.json lists only the enabled ones)."""
    return user_data_dir() / "pack-library.json"


def user_cache_dir() -> Path:
    """Things the program can always make again (the PDF route's converted glyphs); safe to delete."""
    return user_data_dir() / "cache"
