"""Issue 13's smaller items: file names that keep the measure id, Windows device names, broken --pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.fileio import MAX_NAME_CHARS, safe_filename, safe_joined_name
from desktop_app.paths import examples_dir

AS_OF = "2023-06-01"


@pytest.mark.parametrize("name", ["COM0", "LPT0", "COM¹", "LPT²", "com³.docx", "CONIN$", "lpt9 .txt"])
def test_more_windows_device_names_are_reserved(name: str) -> None:
    """COM0/LPT0, the superscript ports and the console names are device names on Windows: they get a prefix."""
    assert safe_filename(name).startswith("_")


def test_joined_name_keeps_the_kept_part_when_cut() -> None:
    """A 100-character company name and a long title are shortened; the measure id in the middle survives."""
    name = safe_joined_name(["甲" * 100, "JS-2023-07", "标题" * 30], keep=[1])
    assert len(name) <= MAX_NAME_CHARS and "_JS-2023-07_" in name


def test_long_company_name_gives_distinct_letter_and_report_names(tmp_path: Path) -> None:
    """`fill` for a 120-character company name: every letter keeps its measure id, the report its title,
    and no file is a "(2)" copy of another."""
    data = json.loads(sorted(examples_dir().glob("*.json"))[0].read_text(encoding="utf-8"))
    data["name"] = "上海" + "超长名称" * 30 + "有限公司"
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["fill", str(profile), "--out", str(out), "--as-of", AS_OF]) == 0
    names = sorted(p.stem for p in out.glob("*.docx"))
    assert len(names) >= 2 and not [n for n in names if n.endswith(")")], names
    assert any(n.endswith("_政策体检报告") for n in names)
    assert all(len(n) <= MAX_NAME_CHARS for n in names)
    from desktop_app.domain.catalog import load_catalog

    ids = {m.measure.id for m in load_catalog().measures}
    letters = [n for n in names if not n.endswith("_政策体检报告")]
    assert letters and all(any(f"_{i}_" in n for i in ids) for n in letters), letters


def test_match_with_a_broken_pack_exits_2_naming_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`match --pack broken.yaml`: exit 2 with the pack's file name and its problem, not 0 with a warning."""
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nmeasures: [1, 2\n", encoding="utf-8")
    profile = sorted(examples_dir().glob("*.json"))[0]
    assert main(["match", str(profile), "--pack", str(broken), "--as-of", AS_OF]) == 2
    err = capsys.readouterr().err
    assert "broken.yaml" in err and "无法使用" in err
