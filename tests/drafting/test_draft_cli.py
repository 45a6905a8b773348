"""`draft-pack` on bad input: one Chinese line, exit 2, nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "qingpu-digital-2024.txt"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--district", "pudong", "--id", "pudong-2024"], "--district pudong"),
        (["--district", "qingpu", "--id", "jinshan-2024"], "不一致"),
        (["--district", "qingpu", "--id", "qingpu-24"], "--id qingpu-24"),
    ],
)
def test_bad_options(args: list[str], words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A district outside the four, or an id that is not <district>-<year>, is refused before anything is read."""
    out = tmp_path / "draft.yaml"
    assert main(["draft-pack", str(FIXTURE), *args, "--out", str(out)]) == 2
    assert words in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unreadable_documents(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing file, an unsupported type and a broken .docx each name the file and what to do."""
    out = tmp_path / "out" / "draft.yaml"
    odd = tmp_path / "policy.doc"
    odd.write_bytes(b"\xd0\xcf\x11\xe0")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    for document, words in ((tmp_path / "missing.txt", "找不到文件"), (odd, ".docx"), (broken, "Word")):
        assert (
            main(["draft-pack", str(document), "--district", "qingpu", "--id", "qingpu-2024", "--out", str(out)]) == 2
        )
        assert words in capsys.readouterr().err
    assert not out.parent.exists()


def test_existing_output_needs_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An existing --out is not overwritten without --force; with it the old file is kept as .bak."""
    out = tmp_path / "draft.yaml"
    out.write_text("旧内容", encoding="utf-8")
    base = ["draft-pack", str(FIXTURE), "--district", "qingpu", "--id", "qingpu-2024", "--out", str(out)]
    assert main(base) == 2
    assert "--force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "旧内容"
    main([*base, "--force"])
    assert (tmp_path / "draft.yaml.bak").read_text(encoding="utf-8") == "旧内容"
    assert "review: draft" in out.read_text(encoding="utf-8")
    assert (tmp_path / "draft.source.txt").is_file()


@pytest.mark.parametrize(
    ("name", "district"),
    [
        ("qingpu-digital-2024.txt", "qingpu"),
        ("baoshan-tasks-2024.docx", "baoshan"),
        ("jinshan-tourism-2024.pdf", "jinshan"),
    ],
)
def test_drafts_of_unseen_documents_pass_the_check(name: str, district: str, tmp_path: Path) -> None:
    """Each synthetic document's draft is a valid pack: draft-pack exits 0 and catalog --check --pack accepts it."""
    out = tmp_path / f"{district}.yaml"
    document = FIXTURE.parent / name
    assert (
        main(["draft-pack", str(document), "--district", district, "--id", f"{district}-2024", "--out", str(out)]) == 0
    )
    assert main(["catalog", "--check", "--pack", str(out)]) == 0
