"""paths.py on Windows terms: the portable switch, Chinese user names and paths past MAX_PATH (260)."""

from __future__ import annotations

import ntpath
import os
import sys
from pathlib import Path

import pytest

from desktop_app import fileio, paths

CHINESE_LOCAL = r"C:\Users\张三\AppData\Local"
#: 30 × 9 characters: the folder alone passes Windows' MAX_PATH of 260
DEEP = "\\".join(["企业服务中心共享资料夹"] * 30)


@pytest.fixture
def frozen_exe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Pretend to be the bundle: sys.frozen set and sys.executable inside an unpacked portable folder."""
    folder = tmp_path / "U盘" / "惠企政策申报助手"
    folder.mkdir(parents=True)
    exe = folder / "PolicyAssistant.exe"
    exe.write_bytes(b"MZ")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(exe))
    return exe


def test_portable_marker_beside_the_exe_keeps_user_data_beside_the_program(frozen_exe: Path) -> None:
    """With portable.txt next to the exe, settings, drafts, contacts and logs all go to <exe dir>/data."""
    (frozen_exe.parent / paths.PORTABLE_MARKER).write_text("便携模式", encoding="utf-8")
    data = frozen_exe.parent / "data"
    assert paths.user_data_dir() == data
    assert paths.user_settings_file() == data / "settings.json"
    assert paths.user_draft_file().parent == data
    assert paths.user_contacts_file().parent == data
    assert paths.user_log_dir() == data / "logs"


def test_without_the_marker_the_bundle_uses_the_per_user_folder(frozen_exe: Path) -> None:
    """No portable.txt: the installed bundle keeps user data in the per-user folder, not beside the program."""
    assert paths.portable_data_dir() is None
    assert frozen_exe.parent not in paths.user_data_dir().parents
    assert paths.user_data_dir().name == paths.USER_DIR_NAME


def test_a_marker_folder_or_a_marker_beside_python_does_not_switch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Only a marker *file* beside a *frozen* exe counts: running from Python next to a portable.txt does not."""
    exe = tmp_path / "python"
    exe.write_bytes(b"")
    (tmp_path / paths.PORTABLE_MARKER).write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "executable", str(exe))
    monkeypatch.delattr(sys, "frozen", raising=False)
    assert paths.portable_data_dir() is None

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    (tmp_path / paths.PORTABLE_MARKER).unlink()
    (tmp_path / paths.PORTABLE_MARKER).mkdir()
    assert paths.portable_data_dir() is None


def test_chinese_user_name_in_localappdata_is_kept_as_it_is() -> None:
    """A user called 张三: %LOCALAPPDATA%\\PolicyAssistant, characters unchanged and no prefix on a short path."""
    found = paths.windows_user_data_dir({"LOCALAPPDATA": CHINESE_LOCAL})
    assert found == r"C:\Users\张三\AppData\Local\PolicyAssistant"


def test_localappdata_past_max_path_gets_the_long_path_prefix() -> None:
    """A LOCALAPPDATA deeper than 260 characters comes back as \\\\?\\C:\\… so Windows accepts it without the
    LongPathsEnabled policy; the folder named is the same one, normalised (no ``..`` or forward slashes)."""
    local = CHINESE_LOCAL + "\\" + DEEP + "\\多余\\.."
    found = paths.windows_user_data_dir({"LOCALAPPDATA": local.replace("\\", "/")})
    assert found is not None and len(found) > 260
    assert found.startswith("\\\\?\\C:\\Users\\张三\\")
    assert found == "\\\\?\\" + ntpath.join(CHINESE_LOCAL, DEEP, "PolicyAssistant")


def test_long_path_rules_for_unc_relative_and_already_prefixed_paths() -> None:
    """Network folders take the \\\\?\\UNC\\ form; relative paths and paths already prefixed are left alone."""
    unc = "\\\\文件服务器\\共享\\" + DEEP
    assert paths.windows_long_path(unc) == "\\\\?\\UNC\\文件服务器\\共享\\" + DEEP
    assert paths.windows_long_path("data\\" + DEEP) == "data\\" + DEEP
    prefixed = "\\\\?\\D:\\" + DEEP
    assert paths.windows_long_path(prefixed) == prefixed


def test_max_path_counts_utf16_units_and_leaves_room_for_the_files_inside() -> None:
    """The threshold is MAX_PATH less room for names under the folder, counted in UTF-16 units as Windows does:
    a folder of 199 units stays plain, one of 200 is prefixed, and an astral character counts twice."""
    base = "C:\\" + "a" * 196  # 199 units
    assert paths.windows_long_path(base) == base
    assert paths.windows_long_path(base + "b").startswith("\\\\?\\")
    astral = "C:\\" + "a" * 195 + "𠀀"  # 199 characters, but 𠀀 is a surrogate pair: 200 units
    assert paths.windows_long_path(astral).startswith("\\\\?\\")


def test_missing_or_relative_localappdata_falls_back_to_platformdirs() -> None:
    """Without a usable LOCALAPPDATA the Windows branch answers None (platformdirs then asks the shell)."""
    assert paths.windows_user_data_dir({}) is None
    assert paths.windows_user_data_dir({"LOCALAPPDATA": "AppData\\Local"}) is None


def test_settings_are_written_under_a_long_chinese_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For real on this system: a user-data folder under a Chinese user name and deeper than 260 characters
    takes an atomic write and gives it back (on Windows through the \\\\?\\ form)."""
    deep = tmp_path.joinpath("张三", *["企业服务中心共享资料夹"] * 24)
    monkeypatch.setenv("LOCALAPPDATA" if sys.platform == "win32" else "XDG_DATA_HOME", str(deep))
    target = paths.user_settings_file()
    assert len(os.fspath(target)) > 260
    fileio.atomic_write_text(target, '{"language": "zh_CN"}')
    assert target.read_text(encoding="utf-8") == '{"language": "zh_CN"}'
    assert target.parent.name == paths.USER_DIR_NAME
