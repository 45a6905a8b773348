"""Issue 13, smaller items: hostile or odd profile files give one Chinese line and exit 2, never a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.domain.profile import EnterpriseProfile, ProfileError
from desktop_app.domain.profile_io import load_profile, profile_from_data
from desktop_app.fileio import WriteError, atomic_write_text
from desktop_app.reading import describe_os_error

REPO = Path(__file__).parents[2]


def _has_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


#: (case, file content, what the message must say)
BAD_FILES = [
    ("nested-100000", "[" * 100_000 + "]" * 100_000, "嵌套层级过深"),
    ("nested-object", '{"a":' * 100_000 + "1" + "}" * 100_000, "嵌套层级过深"),
    ("5000-digit-integer", '{"eligible_hires": 1' + "0" * 5000 + "}", "位数过多"),
    ("infinite-float", '{"pv_capacity_kw": 1e999}', "有限的数字"),
    # a key twice: json keeps the last silently, so a file edited by hand would be matched as the wrong district
    ("duplicate-key", '{"district": "jinshan", "name": "甲", "district": "baoshan"}', "“district”出现了两次"),
]


@pytest.mark.parametrize(("case", "content", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_profile_gives_a_chinese_error_and_exit_2(tmp_path: Path, case: str, content: str, expected: str) -> None:
    """Deep nesting, a 5000-digit integer or 1e999 give exit 2 and one Chinese line, not a traceback (rc 1)."""
    path = tmp_path / f"{case}.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProfileError, match=expected):
        load_profile(path)
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", "match", str(path), "--as-of", "2023-06-01"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and expected in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("eligible_hires", True, "不能写成 true 或 false"),
        ("eligible_hires", False, "不能写成 true 或 false"),
        ("return_bus_cost", True, "不能写成 true 或 false"),
        ("output_first_crossed", False, "不能写成 true 或 false"),
        ("dcmm_level", True, "不能写成 true 或 false"),
        ("pv_capacity_kw", True, "不能写成 true 或 false"),
        ("hitech_valid", "false", "应为 true（是）或 false（否）"),
        ("hitech_valid", "true", "应为 true（是）或 false（否）"),
        ("hitech_valid", 0, "应为 true（是）或 false（否）"),
        ("hitech_valid", 1, "应为 true（是）或 false（否）"),
        ("listing", "yes", "应为 true（是）或 false（否）"),
    ],
)
def test_answers_are_strictly_typed(field: str, value: object, expected: str) -> None:
    """`true` is not 1 person and "false" or 0 is no yes/no answer: each is refused, naming the field."""
    with pytest.raises(ProfileError, match=expected) as info:
        profile_from_data({field: value})
    assert info.value.field == field


def test_proper_answers_still_load() -> None:
    """Real booleans and numbers (and 0 as a number) load unchanged."""
    profile = profile_from_data({"eligible_hires": 0, "hitech_valid": False, "pv_capacity_kw": 12, "dcmm_level": 3})
    assert (profile.eligible_hires, profile.hitech_valid, profile.pv_capacity_kw) == (0, False, 12.0)
    assert EnterpriseProfile(listing=True).listing is True


def test_profile_that_is_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """A profile that is a symlink to /dev/zero is refused as not a regular file, without reading it."""
    path = tmp_path / "zero.json"
    os.symlink("/dev/zero", path)
    start = time.perf_counter()
    with pytest.raises(ProfileError, match="不是普通文件"):
        load_profile(path)
    assert time.perf_counter() - start < 1.0


def test_huge_profile_is_refused_after_a_bounded_read(tmp_path: Path) -> None:
    """A 1 GB (sparse) profile is refused as too large after reading at most 4 MB."""
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(1024**3)
    start = time.perf_counter()
    with pytest.raises(ProfileError, match="过大"):
        load_profile(path)
    assert time.perf_counter() - start < 1.0


def test_not_a_directory_is_said_in_chinese(tmp_path: Path) -> None:
    """A profile path through a file ("Not a directory") gives a Chinese reason."""
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        load_profile(plain / "profile.json")
    assert "路径中有一部分不是文件夹" in info.value.message and "Not a directory" not in info.value.message


@pytest.mark.parametrize(
    "code", [errno.EROFS, errno.ENOTDIR, errno.EACCES, errno.EISDIR, errno.ENOSPC, errno.ELOOP, errno.EIO, 9999]
)
def test_os_errors_are_described_in_chinese(code: int) -> None:
    """Every errno, known or not, is described in Chinese (never "Read-only file system")."""
    text = describe_os_error(OSError(code, os.strerror(code) if code != 9999 else "Unknown error"))
    assert _has_chinese(text) and not any(word in text for word in ("file", "system", "error", "Error")), text


@pytest.mark.parametrize(
    ("code", "expected"), [(errno.EROFS, "只读"), (errno.ENOTDIR, "不是文件夹"), (errno.EIO, "磁盘")]
)
def test_write_errors_are_said_in_chinese(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str
) -> None:
    """A write on a read-only file system (a real EROFS is an OSError, not a PermissionError) is told in Chinese."""

    def refuse(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr("desktop_app.fileio.tempfile.mkstemp", refuse)
    with pytest.raises(WriteError) as info:
        atomic_write_text(tmp_path / "out.json", "{}")
    assert expected in info.value.message and os.strerror(code) not in info.value.message, info.value.message
