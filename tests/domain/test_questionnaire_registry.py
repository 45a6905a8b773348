"""The questionnaire must fit the profile model (issue 15): a drifted option, type or unit is refused, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.cli import main
from desktop_app.domain.questionnaire import QuestionnaireError, load_questionnaire


def _drifted(tmp_path: Path, line_with: str, old: str, new: str) -> Path:
    """A copy of forms/questionnaire.yaml with ``old`` replaced by ``new`` on the first line holding ``line_with``."""
    path = tmp_path / "questionnaire.yaml"
    lines = paths.questionnaire_file().read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line_with in line and old in line)
    lines[index] = lines[index].replace(old, new, 1)
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line_with", "old", "new", "named"),
    [
        ("{value: other, label: 其他", "value: other", "value: mining", "industry"),  # an option the profile rejects
        ("id: return_bus_cost", "unit: 元", "unit: 人", "return_bus_cost"),  # a wrong unit
        ("id: bought_nev_2023", "type: yesno", "type: money", "bought_nev_2023"),  # a wrong type
    ],
)
def test_drifted_questionnaire_is_refused_naming_the_question(
    tmp_path: Path, line_with: str, old: str, new: str, named: str
) -> None:
    """An option, unit or type the profile field does not have is a load error that names the question."""
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(_drifted(tmp_path, line_with, old, new))
    assert named in caught.value.message
    load_questionnaire()  # the shipped questionnaire itself fits


def test_questions_command_exits_2_on_a_drifted_questionnaire(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`questions` with an option value the profile rejects: exit 2 and one Chinese line naming the question."""
    drifted = _drifted(tmp_path, "{value: other, label: 其他", "value: other", "value: mining")
    monkeypatch.setattr(paths, "questionnaire_file", lambda: drifted)
    example = paths.examples_dir() / "jinshan.json"
    code = main(["questions", str(example), "--as-of", "2023-06-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert "industry" in err and "mining" in err
