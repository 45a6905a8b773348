"""A drafted pack loaded with --pack: its measures are 草稿（待审核）, never eligible, never get a letter — until a
reviewer marks them reviewed, when they behave like the shipped measure they draft (金山 row 11)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app import paths
from desktop_app.cli import main
from desktop_app.drafting.library import DraftFile

EXAMPLE = paths.examples_dir() / "jinshan.json"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    out = tmp_path / "jinshan-draft.yaml"
    source = paths.sources_dir() / "jinshan-2023.txt"
    assert main(["draft-pack", str(source), "--district", "jinshan", "--id", "jinshan-2099", "--out", str(out)]) == 0
    return out


def _match(pack: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, dict[str, Any]]:
    capsys.readouterr()
    assert main(["match", str(EXAMPLE), "--as-of", "2023-06-01", "--json", "--all", "--pack", str(pack)]) == 0
    return {m["id"]: m for m in json.loads(capsys.readouterr().out)["measures"]}


def test_draft_measures_are_draft_and_never_eligible(draft: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every drafted measure is reported as draft, including 金山 row 11 that the shipped pack finds eligible."""
    results = _match(draft, capsys)
    drafted = {i: r for i, r in results.items() if i.startswith("jinshan-2099-")}
    assert len(drafted) >= 25
    assert {r["status"] for r in drafted.values()} == {"draft"}
    assert results["jinshan-2023-11"]["status"] == "eligible"


def test_fill_writes_no_letter_for_a_draft(draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """fill writes letters for the shipped eligible measures and none for the drafted ones."""
    out = tmp_path / "letters"
    assert main(["fill", str(EXAMPLE), "--as-of", "2023-06-01", "--out", str(out), "--pack", str(draft)]) == 0
    names = [p.name for p in out.rglob("*.docx")]
    assert any("jinshan-2023-11" in n for n in names)
    assert not any("jinshan-2099" in n for n in names)


def test_reviewed_draft_behaves_like_the_shipped_measure(
    draft: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Marked reviewed, drafted row 11 (按每人2000元) is eligible with the shipped amount, and gets its letter."""
    edit = DraftFile(draft)
    edit.set_reviewed("jinshan-2099-11")
    edit.save()
    results = _match(draft, capsys)
    mine, shipped = results["jinshan-2099-11"], results["jinshan-2023-11"]
    assert mine["status"] == shipped["status"] == "eligible"
    assert mine["amount"] == shipped["amount"]
    assert mine["contact"]["phone"] == shipped["contact"]["phone"] == "67961792"
    assert results["jinshan-2099-12a"]["status"] == "draft"
    out = tmp_path / "letters"
    args = ["fill", str(EXAMPLE), "--as-of", "2023-06-01", "--out", str(out), "--pack", str(draft)]
    assert main([*args, "--measures", "jinshan-2099-11"]) == 0
    assert any("jinshan-2099-11" in p.name for p in out.rglob("*.docx"))
