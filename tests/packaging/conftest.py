"""The slow packaging tests share one build: scripts/build-bundle --portable (and --installer where makensis is)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD_SCRIPT = ROOT / "scripts" / "build-bundle"


def run_program(args: list[str | Path], cwd: Path, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run a program as a user would: no PYTHONPATH of ours, Qt offscreen, output decoded as UTF-8."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["QT_QPA_PLATFORM"] = "offscreen"
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", timeout=timeout
    )


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build once per run into a temporary dist/: the bundle, the portable zip and, with makensis, the installer.

    The script runs with this interpreter (sys.executable), as the README tells users to run it."""
    pytest.importorskip("PyInstaller", reason="PyInstaller is in the test extra: pip install -e '.[test]'")
    work = tmp_path_factory.mktemp("bundle")
    args: list[str | Path] = [sys.executable, BUILD_SCRIPT, "--distpath", work / "dist", "--workpath", work / "build"]
    args.append("--portable")
    if shutil.which("makensis"):
        args.append("--installer")
    proc = run_program(args, cwd=ROOT, timeout=1200)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    assert "已生成" in proc.stdout
    return work / "dist"


@pytest.fixture(scope="session")
def bundle(dist: Path) -> Path:
    """The onedir bundle dist/PolicyAssistant/."""
    return dist / "PolicyAssistant"
