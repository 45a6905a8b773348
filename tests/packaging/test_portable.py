"""scripts/build-bundle --portable: a zip of the bundle whose portable.txt keeps user data beside the program."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from desktop_app import __version__, paths
from tests.packaging.conftest import run_program

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="the Linux build is tested here; the workflow builds Windows'"),
]


@pytest.fixture(scope="module")
def portable_zip(dist: Path) -> Path:
    path = dist / f"PolicyAssistant-{__version__}-portable.zip"
    assert path.is_file(), sorted(p.name for p in dist.iterdir())
    return path


def test_zip_holds_the_whole_bundle_the_switch_and_the_chinese_readme(portable_zip: Path, bundle: Path) -> None:
    """Every file of dist/PolicyAssistant/ is in the zip under PolicyAssistant/, with portable.txt and
    便携版说明.txt beside the executable; the readme is UTF-8 with BOM and CRLF (Notepad) and names the version."""
    with zipfile.ZipFile(portable_zip) as zf:
        names = set(zf.namelist())
        readme = zf.read("PolicyAssistant/便携版说明.txt")
        marker = zf.read(f"PolicyAssistant/{paths.PORTABLE_MARKER}")
        assert zf.testzip() is None
    expected = {f"PolicyAssistant/{p.relative_to(bundle).as_posix()}" for p in bundle.rglob("*") if p.is_file()}
    assert expected <= names
    assert names - expected == {f"PolicyAssistant/{paths.PORTABLE_MARKER}", "PolicyAssistant/便携版说明.txt"}
    assert readme.startswith(b"\xef\xbb\xbf") and b"\r\n" in readme and b"\n" not in readme.replace(b"\r\n", b"")
    text = readme.decode("utf-8-sig")
    assert f"惠企政策申报助手 {__version__} 便携版" in text and "portable.txt" in text and "{version}" not in text
    assert "便携模式" in marker.decode("utf-8-sig")


def test_unzipped_program_keeps_its_data_in_the_data_folder_until_the_switch_is_removed(
    portable_zip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Unzipped as a user would, the frozen wizard writes its state to PolicyAssistant/data and nothing to the
    per-user folder; with portable.txt deleted the same program uses the per-user folder instead."""
    with zipfile.ZipFile(portable_zip) as zf:
        zf.extractall(tmp_path / "U盘")
    program = tmp_path / "U盘" / "PolicyAssistant"
    exe = program / "PolicyAssistant"
    exe.chmod(0o755)
    example = program / "_internal" / "resources" / "examples" / "jinshan.json"
    user_home = tmp_path / "xdg-data"
    monkeypatch.setenv("XDG_DATA_HOME", str(user_home))
    args = [exe, "gui", "--screenshots", tmp_path / "shots", "--profile", example, "--as-of", "2023-06-01"]

    proc = run_program(args, cwd=tmp_path, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (program / "data" / "ui-state.ini").is_file()
    assert not user_home.exists()

    (program / paths.PORTABLE_MARKER).unlink()
    proc = run_program(args, cwd=tmp_path, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (user_home / paths.USER_DIR_NAME / "ui-state.ini").is_file()
