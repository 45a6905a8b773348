"""A wheel built from the repository carries forms/, templates/ and resources/ and works outside the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

#: Builds a wheel and installs it into a new venv, like the other packaging tests: CI runs it, the fast suite not.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
#: What a wheel is built from: the package, its data and the build files (a copy keeps the checkout clean).
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "desktop_app", "forms", "templates", "resources")


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8")
    assert proc.returncode == 0, f"{args}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


def _clean_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PYTHONNOUSERSITE"] = "1"
    return env


def test_wheel_in_fresh_venv_runs_match_from_an_empty_directory(tmp_path: Path) -> None:
    """`pip install <wheel>` into a new venv, then `policy-assistant match <bundled example> --as-of 2023-06-01
    --json` from an empty directory prints every measure: the data travelled inside the wheel."""
    src = tmp_path / "src"
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "_data"))
        elif source.is_file():
            src.mkdir(exist_ok=True)
            shutil.copy2(source, src / name)
    wheels = tmp_path / "wheels"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", wheels, src], cwd=tmp_path)
    (wheel,) = wheels.glob("policy_assistant-*.whl")

    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=tmp_path)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    # Dependencies (and pip) come from the site-packages of the interpreter running the tests, whether it is
    # a venv or not, so nothing is downloaded. A path listed in a .pth file does not have its own .pth files
    # run, so this checkout's editable install stays invisible and the wheel is what gets imported.
    venv_site = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=tmp_path)
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(venv_site.stdout.strip()) / "test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    env = _clean_env()
    _run([python, "-m", "pip", "install", "-q", "--no-deps", "--no-index", wheel], cwd=tmp_path, env=env)

    empty = tmp_path / "empty"
    empty.mkdir()
    probe = "import desktop_app, desktop_app.paths as p; print(desktop_app.__file__); print(p.examples_dir())"
    where = _run([python, "-c", probe], cwd=empty, env=env).stdout.splitlines()
    package_file, examples = Path(where[0]), Path(where[1])
    assert venv in package_file.parents, "the venv imported the checkout, not the installed wheel"
    assert examples.parts[-4:] == ("desktop_app", "_data", "resources", "examples")
    example = examples / "jinshan.json"
    assert example.is_file()

    script = bin_dir / ("policy-assistant.exe" if os.name == "nt" else "policy-assistant")
    proc = _run([script, "match", example, "--as-of", "2023-06-01", "--json"], cwd=empty, env=env)
    data = json.loads(proc.stdout)
    assert data["as_of"] == "2023-06-01"
    assert data["profile"]["district"] == "jinshan"
    shipped = sorted(p.stem for p in (ROOT / "resources" / "policies").glob("*.yaml"))
    assert sorted({m["id"].rsplit("-", 1)[0] for m in data["measures"]}) == shipped
    assert any(m["status"] == "eligible" for m in data["measures"])
    assert list(empty.iterdir()) == [], "match must not write into the current directory"
    assert (bin_dir / ("policy-assistant-gui.exe" if os.name == "nt" else "policy-assistant-gui")).exists()
