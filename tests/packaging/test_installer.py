"""packaging/windows/installer.nsi: makensis builds a per-user Windows installer with the bundle as its payload."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app import __version__, paths

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="the Linux build is tested here; the workflow builds Windows'"),
    pytest.mark.skipif(
        shutil.which("makensis") is None,
        reason="makensis is not installed (Debian package nsis: apt-get install nsis; .ci/run installs it)",
    ),
]
PRODUCT = "惠企政策申报助手"


@pytest.fixture(scope="module")
def setup_exe(dist: Path) -> Path:
    """The installer scripts/build-bundle --installer made (the dist fixture asks for it when makensis exists)."""
    path = dist / f"PolicyAssistant-{__version__}-setup.exe"
    assert path.is_file(), sorted(p.name for p in dist.iterdir())
    return path


def test_installer_is_a_windows_program_carrying_the_bundle_and_the_version(setup_exe: Path, bundle: Path) -> None:
    """The .exe is a PE file (MZ header, PE\\0\\0 at e_lfanew), big enough to hold the compressed bundle, and
    its version resource names the product and the version read from pyproject.toml."""
    data = setup_exe.read_bytes()
    assert data[:2] == b"MZ"
    (e_lfanew,) = struct.unpack_from("<I", data, 0x3C)
    assert data[e_lfanew : e_lfanew + 4] == b"PE\0\0"
    payload = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink())
    assert len(data) > payload / 10, (len(data), payload)  # lzma gets the bundle to about a quarter, not a tenth
    assert PRODUCT.encode("utf-16-le") in data
    assert __version__.encode("utf-16-le") in data


@pytest.mark.skipif(
    shutil.which("wine") is None,
    reason="wine is not installed, so the silent install/uninstall is not run here (the Windows workflow runs it)",
)
def test_silent_install_and_uninstall_under_wine_keep_the_users_data(setup_exe: Path, tmp_path: Path) -> None:
    """setup.exe /S installs the bundle and the Start-menu and desktop shortcuts into a fresh wine prefix;
    uninstall.exe /S removes the program and the shortcuts but leaves %LOCALAPPDATA%\\PolicyAssistant alone."""
    prefix = tmp_path / "wine"
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEDEBUG": "-all", "WINEDLLOVERRIDES": "mscoree,mshtml="}
    target = "C:\\惠企安装测试"

    def wine(*args: str) -> None:
        proc = subprocess.run(["wine", *args], env=env, capture_output=True, timeout=900)
        assert proc.returncode == 0, proc.stderr[-2000:]

    wine(str(setup_exe), "/S", f"/D={target}")
    installed = prefix / "drive_c" / "惠企安装测试"
    exe_name = "PolicyAssistant.exe" if (installed / "PolicyAssistant.exe").exists() else "PolicyAssistant"
    assert (installed / exe_name).is_file()
    assert (installed / "_internal" / "resources" / "icons" / "app.ico").is_file()
    assert (installed / "uninstall.exe").is_file()
    users = prefix / "drive_c" / "users"
    assert list(users.glob(f"*/**/Start Menu/Programs/{PRODUCT}.lnk")) or list(users.glob(f"*/**/{PRODUCT}.lnk"))

    local = next(p for p in users.glob("*/AppData/Local") if p.parent.parent.name != "Public")
    data = local / paths.USER_DIR_NAME
    data.mkdir(parents=True, exist_ok=True)
    (data / "settings.json").write_text("{}", encoding="utf-8")

    wine(str(installed / "uninstall.exe"), "/S", f"_?={target}")  # _?= runs it in place and waits
    assert not (installed / exe_name).exists()
    assert not (installed / "_internal").exists()
    assert not list(users.glob(f"*/**/{PRODUCT}.lnk"))
    assert (data / "settings.json").read_text(encoding="utf-8") == "{}"
