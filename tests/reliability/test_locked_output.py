"""A letter held open by Word (a Windows PermissionError), simulated: file named, (2) offered, nothing partial."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.paths import examples_dir

EXAMPLE = str(examples_dir() / "jinshan.json")


def test_fill_force_onto_a_letter_held_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`fill --force` over a letter Word holds open fails with the file named and its (2) name offered."""
    out = tmp_path / "out"
    assert main(["fill", EXAMPLE, "--out", str(out), "--as-of", "2023-06-01"]) == 0
    locked = next(out.glob("*jinshan-2023-11*.docx"))
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if Path(dst) == locked:
            raise PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    code = main(["fill", EXAMPLE, "--out", str(out), "--as-of", "2023-06-01", "--force"])
    err = capsys.readouterr().err
    assert code != 0
    assert str(locked) in err and "占用" in err and f"{locked.stem}(2).docx" in err
    assert locked.read_bytes() == before[locked.name], "the letter held open is untouched"
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")], "no partial file is left behind"
    assert {p.name for p in out.iterdir()} == set(before), "nothing half-written appears"
