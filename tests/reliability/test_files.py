"""Nothing lost: atomic writes under failure, Windows-safe names, and profile files that are damaged or old."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_app import fileio
from desktop_app.domain import profile_io as profile_mod
from desktop_app.domain.profile import SCHEMA_VERSION, EnterpriseProfile, ProfileError
from desktop_app.domain.profile_io import load_profile, save_profile, upgrade_profile_file
from desktop_app.fileio import WriteError, atomic_write_bytes, safe_filename, unique_path

WINDOWS_FORBIDDEN = set('\\/:*?"<>|')
RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_interrupted_replace_leaves_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """If the process dies between writing the temp file and replacing, the old file is untouched and no temp stays."""
    target = tmp_path / "档案.json"
    target.write_text("旧内容", encoding="utf-8")

    def boom(src: str, dst: str) -> None:
        raise OSError(errno.EIO, "simulated power loss")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WriteError):
        atomic_write_bytes(target, "新内容".encode())
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "占用"),
        (OSError(errno.ENOSPC, "No space left on device"), "磁盘空间不足"),
    ],
    ids=["locked-by-word", "disk-full"],
)
def test_failed_write_names_file_and_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, words: str
) -> None:
    """A file held open (Windows PermissionError) or a full disk: Chinese message naming the file; no partial file."""
    target = tmp_path / "申请书.docx"
    target.write_bytes(b"old")
    real_fdopen = os.fdopen

    class FailingHandle:
        def __init__(self, fd: int) -> None:
            self._handle = real_fdopen(fd, "wb")

        def __enter__(self) -> FailingHandle:
            return self

        def __exit__(self, *exc: object) -> None:
            self._handle.close()

        def write(self, data: bytes) -> int:
            raise error

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FailingHandle(fd))
    with pytest.raises(WriteError) as info:
        atomic_write_bytes(target, b"new content")
    assert str(target) in info.value.message and words in info.value.message
    assert target.read_bytes() == b"old"
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(os.name == "nt" or os.geteuid() == 0, reason="root ignores directory permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    """A read-only folder gives a clear WriteError, not a traceback."""
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match=r"只读|占用"):
            atomic_write_bytes(folder / "a.docx", b"x")
    finally:
        folder.chmod(0o700)


def test_read_only_folder_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder where no file can be created (simulated, so it also runs as root) gives a clear WriteError."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(fileio.tempfile, "mkstemp", refuse)
    with pytest.raises(WriteError, match="只读"):
        atomic_write_bytes(tmp_path / "a.docx", b"x")
    assert list(tmp_path.iterdir()) == []


def test_unique_path_offers_numbered_names(tmp_path: Path) -> None:
    """An existing file is never overwritten silently: the next free name is name(2).ext, then (3)."""
    first = tmp_path / "申请书.docx"
    assert unique_path(first) == first
    first.write_bytes(b"1")
    second = unique_path(first)
    assert second.name == "申请书(2).docx"
    second.write_bytes(b"2")
    assert unique_path(first).name == "申请书(3).docx"


@settings(deadline=None)
@given(st.text(max_size=400))
def test_safe_filename_is_valid_on_windows(text: str) -> None:
    """Any text (emoji, RTL marks, control characters, reserved names) becomes a valid, short Windows name."""
    name = safe_filename(text)
    assert name and len(name) <= fileio.MAX_NAME_CHARS
    assert not (set(name) & WINDOWS_FORBIDDEN)
    assert all(ord(ch) >= 32 and ch != "\x7f" for ch in name)
    assert not name.endswith((" ", "."))
    assert name.split(".")[0].upper() not in RESERVED


@pytest.mark.parametrize("name", ["CON", "con", "Nul", "COM1", "LPT9.txt"])
def test_reserved_device_names_are_avoided(name: str) -> None:
    """Windows device names are never used as file names."""
    assert safe_filename(name).split(".")[0].upper() not in RESERVED


DAMAGED = {
    "truncated": b'{"schema_version": 1, "name": "\xe6\xb5\x8b',
    "not-json": "name=测试公司\n".encode(),
    "wrong-type": json.dumps({"schema_version": 1, "eligible_hires": "三个"}, ensure_ascii=False).encode(),
    "future-version": json.dumps({"schema_version": SCHEMA_VERSION + 1, "name": "x"}).encode(),
    "not-utf8": "名称".encode("gbk"),
    "array": b"[1, 2, 3]",
}


@pytest.mark.parametrize("case", sorted(DAMAGED))
def test_damaged_profile_gives_clear_error_and_is_left_untouched(tmp_path: Path, case: str) -> None:
    """Each damaged profile gives a Chinese ProfileError; the file's bytes and the folder stay exactly as they were."""
    path = tmp_path / "p.json"
    path.write_bytes(DAMAGED[case])
    with pytest.raises(ProfileError) as info:
        upgrade_profile_file(path)
    assert info.value.message and any("\u4e00" <= ch <= "\u9fff" for ch in info.value.message)
    assert path.read_bytes() == DAMAGED[case]
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_unversioned_profile_is_migrated_with_backup(tmp_path: Path) -> None:
    """A hand-written profile without schema_version is migrated; the original bytes are kept as .bak."""
    path = tmp_path / "p.json"
    original = json.dumps({"name": "手写档案", "district": "jinshan", "eligible_hires": 2}, ensure_ascii=False)
    path.write_text(original, encoding="utf-8")
    profile, backup = upgrade_profile_file(path)
    assert backup == tmp_path / "p.json.bak"
    assert backup.read_text(encoding="utf-8") == original
    assert json.loads(path.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    assert load_profile(path) == profile and profile.eligible_hires == 2


def test_older_version_runs_each_migration_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A future format change is one MIGRATIONS step: an old file is transformed, saved, and backed up."""
    monkeypatch.setattr(profile_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)

    def rename_hires(data: dict[str, object]) -> dict[str, object]:
        out = dict(data)
        out["eligible_hires"] = out.pop("hires_old_name")
        return out

    monkeypatch.setitem(profile_mod.MIGRATIONS, SCHEMA_VERSION, rename_hires)
    migrated = profile_mod.migrate({"schema_version": SCHEMA_VERSION, "hires_old_name": 3})
    assert migrated == {"schema_version": SCHEMA_VERSION + 1, "eligible_hires": 3}


def test_current_profile_is_not_rewritten(tmp_path: Path) -> None:
    """Opening a current-version profile writes nothing: no .bak, same bytes."""
    path = tmp_path / "p.json"
    save_profile(path, EnterpriseProfile(name="现行档案", district="qingpu"))
    before = path.read_bytes()
    _, backup = upgrade_profile_file(path)
    assert backup is None and path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.json"]


def test_file_held_open_offers_the_numbered_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Replacing a file Word holds open (Windows PermissionError): the error names the file and offers name(2)."""
    target = tmp_path / "申请书.docx"
    target.write_bytes(b"old letter")

    def locked(src: str, dst: str) -> None:
        raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(WriteError) as info:
        atomic_write_bytes(target, b"new letter")
    assert info.value.alternative == tmp_path / "申请书(2).docx"
    assert "申请书(2).docx" in info.value.message and str(target) in info.value.message
    assert target.read_bytes() == b"old letter" and _leftovers(tmp_path) == []
    monkeypatch.undo()
    atomic_write_bytes(info.value.alternative, b"new letter")  # the offered name is free and writable
    assert info.value.alternative.read_bytes() == b"new letter"
