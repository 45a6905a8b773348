"""build.spec builds a PyInstaller onedir whose binary runs the CLI and the wizard from an empty directory."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop_app import __version__
from tests.packaging.conftest import run_program

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="the Linux build is tested here; Windows uses the same spec"),
]


def test_bundle_layout_and_size(bundle: Path) -> None:
    """One executable over one _internal folder holding the three data folders, only the Chinese Qt
    translation, and none of the excluded modules; the size is printed for the record."""
    internal = bundle / "_internal"
    assert (bundle / "PolicyAssistant").is_file()
    for name in ("forms", "templates", "resources"):
        assert any((internal / name).iterdir()), name
    qt_translations = sorted(p.name for p in internal.glob("PySide6/Qt/translations/*.qm"))
    assert qt_translations == ["qtbase_zh_CN.qm"]  # the app's own .qm files live in resources/translations
    for unwanted in ("tkinter", "unittest", "requests", "mypy", "PySide6/QtNetwork", "PySide6/QtQml"):
        assert not list(internal.glob(f"{unwanted}*")), unwanted
    size = sum(p.stat().st_size for p in bundle.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20
    print(f"bundle size: {size:.1f} MiB")


def test_bundled_binary_answers_version_and_matches_a_bundled_example(bundle: Path, tmp_path: Path) -> None:
    """From an empty directory the binary prints its version and runs `match … --json` on the example
    inside the bundle, listing every shipped pack's measures."""
    exe = bundle / "PolicyAssistant"
    proc = run_program([exe, "--version"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"惠企政策申报助手 {__version__}"

    example = bundle / "_internal" / "resources" / "examples" / "jinshan.json"
    proc = run_program([exe, "match", example, "--as-of", "2023-06-01", "--json"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["profile"]["district"] == "jinshan"
    shipped = sorted(p.stem for p in (ROOT / "resources" / "policies").glob("*.yaml"))
    assert sorted({m["id"].rsplit("-", 1)[0] for m in data["measures"]}) == shipped
    assert any(m["status"] == "eligible" for m in data["measures"])
    assert list(tmp_path.iterdir()) == []


def test_bundled_binary_fills_letters(bundle: Path, tmp_path: Path) -> None:
    """The frozen app renders the letters and the 体检报告 of a bundled example, as .docx and as PDF (docxtpl,
    templates, Qt's print support and fonts all made it into the bundle)."""
    exe = bundle / "PolicyAssistant"
    example = bundle / "_internal" / "resources" / "examples" / "jinshan.json"
    out = tmp_path / "out"
    proc = run_program([exe, "fill", example, "--as-of", "2023-06-01", "--out", out, "--pdf"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    written = sorted(p.name for p in out.rglob("*.docx"))
    assert any("体检报告" in name for name in written) and len(written) > 1, written
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) == len(written) and all(p.read_bytes().startswith(b"%PDF") for p in pdfs)


def test_bundled_binary_runs_a_batch_over_two_processes(bundle: Path, tmp_path: Path) -> None:
    """`batch --jobs 2` works frozen: worker processes start from the bundle and every company is produced."""
    exe = bundle / "PolicyAssistant"
    sheet = tmp_path / "名单.csv"
    rows = ["企业名称,所在区,增值税小规模纳税人", "甲公司,金山区,是", "乙公司,宝山区,否", "丙公司,青浦区,"]
    sheet.write_text("\n".join(rows) + "\n", encoding="utf-8-sig")
    out = tmp_path / "out"
    proc = run_program([exe, "batch", sheet, "--out", out, "--as-of", "2023-06-01", "--jobs", "2"], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))  # not the hidden run journal
    assert visible == ["丙公司", "乙公司", "汇总.xlsx", "甲公司"]
    assert all(any((out / name).glob("*体检报告.docx")) for name in ("甲公司", "乙公司", "丙公司"))


def test_bundled_wizard_starts_and_walks_every_page(bundle: Path, tmp_path: Path) -> None:
    """The frozen wizard (offscreen) opens a bundled example, walks the pages and saves a screenshot of each,
    so the Qt platform plugins, translations and icons the spec keeps are enough to run it."""
    exe = bundle / "PolicyAssistant"
    example = bundle / "_internal" / "resources" / "examples" / "jinshan.json"
    shots = tmp_path / "shots"
    args = [exe, "gui", "--screenshots", shots, "--profile", example, "--as-of", "2023-06-01"]
    proc = run_program(args, cwd=tmp_path, timeout=180)
    assert proc.returncode == 0, proc.stderr[-2000:]
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names and names[0].startswith("01-welcome") and any("results" in n for n in names), names
