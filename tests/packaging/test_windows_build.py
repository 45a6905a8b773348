"""The Windows build's pieces that need no bundle: version metadata, the NSIS script, the hidden-console entry."""

from __future__ import annotations

import ast
import importlib.util
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

import desktop_app
from desktop_app import cli, paths

ROOT = Path(__file__).resolve().parents[2]
NSI = ROOT / "packaging" / "windows" / "installer.nsi"


def _pyproject() -> dict[str, Any]:
    tomllib = pytest.importorskip("tomllib", reason="reading pyproject.toml needs Python 3.11's tomllib")
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _versioninfo() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pa_versioninfo", ROOT / "packaging" / "windows" / "versioninfo.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _nsi_defines() -> dict[str, str]:
    text = NSI.read_bytes().decode("utf-8-sig")
    found = {}
    for line in text.splitlines():
        parts = line.strip().split(None, 2)
        if len(parts) == 3 and parts[0] == "!define":
            found[parts[1]] = parts[2].strip('"')
    return found


def test_pyproject_version_is_the_programs_version() -> None:
    """The installer and the version resource take pyproject.toml's version; `--version` prints __version__:
    they must be the same number."""
    assert _pyproject()["version"] == desktop_app.__version__


def test_version_file_is_generated_from_pyproject() -> None:
    """build.spec's VERSIONINFO (PyInstaller version-file form) carries the product name 惠企政策申报助手,
    pyproject's version as text and as four numbers, the publisher (first author), and the zh-CN language."""
    vi = _versioninfo()
    text = vi.version_file_text(vi.read_metadata(ROOT / "pyproject.toml"))

    def record(kind: str):
        return lambda *args, **kwargs: (kind, args, kwargs)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct", "VarFileInfo"]
    info: Any = eval(text, {"__builtins__": {}}, {n: record(n) for n in [*names, "VarStruct"]})
    ffi = info[2]["ffi"][2]
    numbers = tuple(int(n) for n in _pyproject()["version"].split("."))
    assert ffi["filevers"] == ffi["prodvers"] == (*numbers, 0)[:4]
    table = info[2]["kids"][0][1][0][0]
    assert table[1][0] == "080404B0"
    strings = dict(s[1] for s in table[1][1])
    assert strings["ProductName"] == "惠企政策申报助手"
    assert strings["ProductVersion"] == strings["FileVersion"] == _pyproject()["version"]
    assert strings["CompanyName"] == _pyproject()["authors"][0]["name"]
    assert strings["OriginalFilename"] == "PolicyAssistant.exe"
    try:  # on Windows PyInstaller can read it back itself (pefile is only installed there)
        from PyInstaller.utils.win32.versioninfo import VSVersionInfo  # noqa: F401
    except ImportError:
        return
    real = eval(text, vars(sys.modules["PyInstaller.utils.win32.versioninfo"]))
    assert "惠企政策申报助手" in str(real)


def test_numeric_version_pads_and_drops_suffixes() -> None:
    """Windows wants four numbers: 0.1 -> 0.1.0.0, 1.2.3rc1 -> 1.2.3.0, 2.0.0+local -> 2.0.0.0."""
    vi = _versioninfo()
    for version, numbers in (("0.1", "0.1.0.0"), ("1.2.3rc1", "1.2.3.0"), ("2.0.0+local.7", "2.0.0.0")):
        assert vi.BuildMetadata(version=version, publisher="x").dotted_numeric_version == numbers


def test_installer_script_agrees_with_pyproject_and_paths() -> None:
    """installer.nsi: per-user (no admin), Unicode, Chinese pages, the same publisher as pyproject.toml, and the
    uninstaller's data folder is the one desktop_app.paths uses on Windows; the data box is off by default."""
    text = NSI.read_bytes().decode("utf-8-sig")
    defines = _nsi_defines()
    assert NSI.read_bytes().startswith(b"\xef\xbb\xbf")  # makensis on Windows reads BOM-less scripts as ANSI
    assert "RequestExecutionLevel user" in text and "Unicode true" in text
    assert '!insertmacro MUI_LANGUAGE "SimpChinese"' in text
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(";"))
    assert "HKLM" not in code and "$PROGRAMFILES" not in code and "SetShellVarContext all" not in code
    assert defines["PUBLISHER"] == _pyproject()["authors"][0]["name"]
    assert defines["PRODUCT_NAME"] == desktop_app.APP_NAME
    assert defines["DATA_DIR"] == f"$LOCALAPPDATA\\{paths.USER_DIR_NAME}"
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${PRODUCT_NAME}"' in text
    assert 'Section /o "un.删除我的数据' in text  # /o: unticked, so a silent uninstall keeps the data
    for value in ("DisplayName", "DisplayVersion", "Publisher", "DisplayIcon", "UninstallString",
                  "QuietUninstallString", "NoModify", "NoRepair", "EstimatedSize"):  # fmt: skip
        assert f'HKCU "${{UNINST_KEY}}" "{value}"' in text, value


def _stub_payload(folder: Path) -> Path:
    (folder / "_internal" / "resources" / "icons").mkdir(parents=True)
    shutil.copy(ROOT / "resources" / "icons" / "app.ico", folder / "_internal" / "resources" / "icons")
    (folder / "PolicyAssistant.exe").write_bytes(b"MZ stub")
    return folder


def _makensis(*args: str) -> subprocess.CompletedProcess[str]:
    command = ["makensis", "-INPUTCHARSET", "UTF8", *args, str(NSI)]
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace", timeout=120)


needs_makensis = pytest.mark.skipif(
    shutil.which("makensis") is None, reason="makensis is not installed (Debian package nsis: apt-get install nsis)"
)


@needs_makensis
def test_makensis_compiles_the_script_into_a_pe_installer(tmp_path: Path) -> None:
    """On a stub payload, the script compiles without warnings into a PE file whose version resource names the
    product and the version passed with -DVERSION."""
    out = tmp_path / "PolicyAssistant-9.8.7-setup.exe"
    proc = _makensis("-DVERSION=9.8.7", f"-DPAYLOAD={_stub_payload(tmp_path / 'payload')}", f"-DOUTFILE={out}")
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "warning" not in proc.stdout.lower().split("output:")[-1], proc.stdout[-2000:]
    data = out.read_bytes()
    (e_lfanew,) = struct.unpack_from("<I", data, 0x3C)
    assert data[:2] == b"MZ" and data[e_lfanew : e_lfanew + 4] == b"PE\0\0"
    assert "惠企政策申报助手".encode("utf-16-le") in data and "9.8.7".encode("utf-16-le") in data


@needs_makensis
def test_makensis_refuses_without_a_version_or_a_bundle(tmp_path: Path) -> None:
    """Run by hand without -DVERSION, or on a folder that is not a bundle, makensis stops with a Chinese reason
    and writes no installer."""
    out = tmp_path / "setup.exe"
    proc = _makensis(f"-DOUTFILE={out}", f"-DPAYLOAD={_stub_payload(tmp_path / 'payload')}")
    assert proc.returncode != 0 and "缺少版本号" in proc.stdout + proc.stderr
    proc = _makensis(f"-DOUTFILE={out}", "-DVERSION=1.0.0", f"-DPAYLOAD={tmp_path / 'empty'}")
    assert proc.returncode != 0 and "程序包中没有" in proc.stdout + proc.stderr
    assert not out.exists()


def test_gui_entry_point_opens_the_wizard_with_the_given_arguments(monkeypatch: pytest.MonkeyPatch) -> None:
    """policy-assistant-gui (a gui-script: no console on Windows) is cli.gui_main, which runs `gui` with the
    arguments it was given."""
    assert _pyproject()["gui-scripts"]["policy-assistant-gui"] == "desktop_app.cli:gui_main"
    seen: list[list[str]] = []
    monkeypatch.setattr(cli, "main", lambda argv: seen.append(list(argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["policy-assistant-gui", "--profile", "企业.json"])
    assert cli.gui_main() == 0
    assert seen == [["gui", "--profile", "企业.json"]]


def test_bundle_exe_hides_its_console_on_windows_and_runs_in_utf8() -> None:
    """build.spec's one executable is a console program (so `PolicyAssistant.exe match …` prints) that hides
    the console window it owns on Windows (double-click), and runs in UTF-8 mode (piped Chinese output)."""
    tree = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"))
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "EXE"]
    assert len(calls) == 1
    keywords = {k.arg: k.value for k in calls[0].keywords}
    assert ast.literal_eval(keywords["console"]) is True
    hide = keywords["hide_console"]
    assert isinstance(hide, ast.IfExp) and ast.literal_eval(hide.body) == "hide-early"
    assert "win32" in ast.unparse(hide.test)
    assert "X utf8_mode=1" in ast.unparse(calls[0].args[2])
