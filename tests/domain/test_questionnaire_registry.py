"""The questionnaire and the field registry must fit the profile model (issue 15): drift is refused, naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.cli import main
from desktop_app.domain.fields import FieldRegistryError, load_fields
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.questionnaire import QuestionnaireError, load_questionnaire


def _copy(source: Path, target: Path, old: str, new: str) -> Path:
    """``source`` copied to ``target`` with the one line that is exactly ``old`` (stripped) replaced by ``new``."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.strip() == old)
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    lines[index] = indent + new + "\n"
    target.write_text("".join(lines), encoding="utf-8")
    return target


def _questionnaire(tmp_path: Path, old: str, new: str) -> Path:
    return _copy(paths.questionnaire_file(), tmp_path / "questionnaire.yaml", old, new)


def _fields(tmp_path: Path, old: str, new: str) -> Path:
    return _copy(paths.fields_file(), tmp_path / "fields.yaml", old, new)


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        # an option the profile rejects (the issue's own example: industry other -> mining)
        ("- id: industry", "- {id: industry, options: [{value: mining, label: 采矿业}]}", "mining"),
        ("- id: return_bus_cost", "- {id: return_bus_cost, unit: 人}", "人"),  # money asked in 人
        ("- id: bought_nev_2023", "- {id: bought_nev_2023, type: money}", "money"),  # a yes/no field typed money
        ("- id: eligible_hires", "- {id: eligible_hires, max: 100}", "max"),  # bounds live in the model only
        ("- id: expo_group_cost", "- {id: expo_group_cost, display_unit: 千元}", "display_unit"),  # no such unit
    ],
)
def test_questionnaire_override_that_disagrees_is_refused_naming_the_question(
    tmp_path: Path, old: str, new: str, named: str
) -> None:
    """An option, unit, type, bound or display unit the field does not have is a load error naming the question."""
    question = old.removeprefix("- id: ")
    with pytest.raises(QuestionnaireError) as caught:
        load_questionnaire(_questionnaire(tmp_path, old, new))
    assert question in caught.value.message and named in caught.value.message
    load_questionnaire()  # the shipped questionnaire itself fits


def test_questionnaire_override_that_agrees_narrows_and_relabels() -> None:
    """A valid override is used: options narrowed and relabelled, the wizard's own label and help; type and unit
    may be restated; what the entry does not override comes from the registry."""
    # Built in memory rather than from a file: the override's effect, not YAML, is under test.
    from desktop_app.domain.questionnaire import Question

    q = Question.model_validate(
        {"id": "size_class", "type": "choice", "options": [{"value": "small", "label": "小"}, {"value": "micro"}]}
    )
    assert [(o.value, o.label) for o in q.options] == [("small", "小"), ("micro", "微型")]
    money = Question.model_validate({"id": "rd_expense_last_year", "type": "money", "unit": "元"})
    assert (money.display_unit, money.unit, money.label) == ("万元", "元", "上一年度研发投入")
    worded = Question.model_validate({"id": "name", "label": "公司全称", "help": "向导自己的说明"})
    assert (worded.label, worded.help, worded.label_en) == ("公司全称", "向导自己的说明", "Company name")


def test_shipped_questionnaire_only_orders_fields() -> None:
    """forms/questionnaire.yaml restates no type, unit, option or bound: those come from the registry alone."""
    text = paths.questionnaire_file().read_text(encoding="utf-8")
    for key in ("type:", "unit:", "options:", "min:", "max:", "topics:\n"):
        assert f" {key}" not in text and not text.startswith(key), key
    registry = load_fields()
    for q in load_questionnaire().questions():
        field = registry[q.id]
        assert (q.type, q.label, q.unit) == (field.kind, field.label, field.unit), q.id
        assert [o.value for o in q.options] == [c.value for c in field.options], q.id


@pytest.mark.parametrize(
    ("old", "new", "named"),
    [
        ("other: {label: 其他, label_en: Other}", "mining: {label: 采矿业, label_en: Mining}", "mining"),
        ("micro: {label: 微型, label_en: Micro}", "", "micro"),  # a value the model takes, left without a label
        ("address: {label_en: Address}", "adress: {label_en: Address}", "adress"),  # a field that does not exist
        ("address: {label_en: Address}", "address: {label_en: Address, unit: 元}", "unit"),  # an unknown key
        ("address: {label_en: Address}", "address: {label_en: Address, options: {a: {label: 甲}}}", "address"),
    ],
)
def test_drifted_registry_is_refused_naming_the_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, named: str
) -> None:
    """forms/fields.yaml: an option the model rejects, a value without a label, an unknown field or key is refused."""
    drifted = _fields(tmp_path, old, new)
    with pytest.raises(FieldRegistryError) as caught:
        load_fields(drifted)
    assert named in caught.value.message and "fields.yaml" in caught.value.message
    monkeypatch.setattr(paths, "fields_file", lambda: drifted)
    with pytest.raises(QuestionnaireError):  # the questionnaire is built on it, so it cannot load either
        load_questionnaire()


def test_registry_has_every_profile_field() -> None:
    """Every profile field but the bookkeeping version has a registry entry, choices with every model value."""
    registry = load_fields()
    assert set(registry) == set(EnterpriseProfile.model_fields) - {"schema_version"}
    assert [c.value for c in registry["industry"].options][-1] == "other"
    assert registry["district"].choice("jinshan") is not None and registry["district"].options[3].label == "金山区"


@pytest.mark.parametrize("where", ["questionnaire", "fields"])
def test_questions_command_exits_2_on_drift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    """`questions` with an option value the profile rejects: exit 2 and one Chinese line naming the question."""
    if where == "questionnaire":
        drifted = _questionnaire(tmp_path, "- id: industry", "- {id: industry, options: [{value: mining}]}")
        monkeypatch.setattr(paths, "questionnaire_file", lambda: drifted)
    else:
        drifted = _fields(tmp_path, "other: {label: 其他, label_en: Other}", "mining: {label: 采矿业}")
        monkeypatch.setattr(paths, "fields_file", lambda: drifted)
    example = paths.examples_dir() / "jinshan.json"
    code = main(["questions", str(example), "--as-of", "2023-06-01"])
    err = capsys.readouterr().err
    assert code == 2
    assert "industry" in err and "mining" in err and "错误" in err


@pytest.mark.parametrize(
    ("district", "words"),
    [
        ("baoshan", "租用大巴车跨省“点对点”"),  # 宝山 第6条: 租用大巴车跨省“点对点”组织外来务工人员返岗
        ("jiading", "租用车辆组织员工返岗"),  # 嘉定 二、1.: 对符合条件的企业租用车辆组织员工返岗的
        ("jinshan", "组织企业包车返岗"),  # 金山 政策类第10项: 制定本区企业包车返岗交通补贴政策
    ],
)
def test_a_shared_question_is_asked_in_the_districts_own_words(district: str, words: str) -> None:
    """The one 包车返岗 field is read by three districts whose clauses differ: each district's firms are asked
    its own clause's condition, never another district's (宝山's 大巴车跨省 is not 嘉定's 租用车辆)."""
    question = load_questionnaire().question("return_bus_organized")
    assert question is not None
    asked = question.text(district=district)
    assert words in asked
    others = {"baoshan": "大巴车", "jiading": "租用车辆组织员工", "jinshan": "企业包车"}
    assert all(mark not in asked for d, mark in others.items() if d != district)
    assert "大巴车" not in question.text() and "2023年春节后" not in question.text()  # the neutral wording


def test_district_wording_names_a_district_that_exists(tmp_path: Path) -> None:
    """A label_by_district key that is no district is refused at load, naming the question."""
    path = _questionnaire(
        tmp_path, "- id: return_bus_cost", "- {id: return_bus_cost, label_by_district: {pudong: 浦东的问法}}"
    )
    with pytest.raises(QuestionnaireError, match=r"return_bus_cost.*pudong"):
        load_questionnaire(path)


def test_every_help_text_has_an_english_one() -> None:
    """The English interface shows help under each question and topic, and page intros: none may be Chinese."""
    registry = load_fields()
    untranslated = [name for name, f in registry.items() if f.help and not f.help_en]
    untranslated += [f"{name}.{o.value}" for name, f in registry.items() for o in f.options if o.help and not o.help_en]
    assert untranslated == []
    asked = [name for name, f in registry.items() if name not in ("confirmations", "reference_date")]
    assert [name for name in asked if not registry[name].label_en] == []
    pages = load_questionnaire().pages
    assert [page.id for page in pages if page.intro and not page.intro_en] == []  # the page subtitles
