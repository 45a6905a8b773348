"""The template checker: shipped templates pass; each kind of broken template is caught, with file and paragraph."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from desktop_app.documents import render
from desktop_app.documents.check import check_template, check_templates
from desktop_app.documents.context import DocumentKind


def _template(folder: Path, *paragraphs: str, name: str = "申请书.docx") -> Path:
    path = folder / name
    document = Document()
    document.add_paragraph("致：{{ addressee }}")
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_shipped_templates_pass() -> None:
    """Every shipped template passes, including the trial render with the sample context."""
    assert check_templates() == []


def test_a_good_own_template_passes(tmp_path: Path) -> None:
    """A plain template using documented names, a loop and a filter is fit to use."""
    path = _template(
        tmp_path,
        "{{ company.name }}（{{ company.credit_code }}）申请{{ measure.title }}，{{ amount.figures }}。",
        "{% for item in facts %}{{ loop.index }}．{{ item.text }}{% endfor %}",
        "{{ materials|join('、') }}",
    )
    assert check_template(path, DocumentKind.application) == []


def test_unknown_variable_is_reported_with_its_paragraph(tmp_path: Path) -> None:
    """A name outside the documented context is an error naming the file, the name and the paragraph."""
    path = _template(tmp_path, "申请单位：{{ compnay.name }}")
    problems = check_template(path, DocumentKind.application)
    assert len(problems) == 1
    message = str(problems[0])
    assert "compnay" in message and "申请书.docx" in message and "申请单位：{{ compnay.name }}" in message


def test_unknown_attribute_is_reported(tmp_path: Path) -> None:
    """A misspelt field of a documented object (measure.titel) is caught too, also inside loops."""
    path = _template(tmp_path, "{{ measure.titel }}", "{% for item in facts %}{{ item.txt }}{% endfor %}")
    messages = [p.message for p in check_template(path, DocumentKind.application)]
    assert any("measure.titel" in m for m in messages)
    assert any("item.txt" in m for m in messages)


def test_report_names_are_not_letter_names(tmp_path: Path) -> None:
    """The report's context differs from a letter's: groups is unknown in a 申请书."""
    path = _template(tmp_path, "{% for g in groups %}{{ g.heading }}{% endfor %}")
    problems = check_template(path, DocumentKind.application)
    assert [p for p in problems if "groups" in p.message]
    assert check_template(path, DocumentKind.report) != []  # addressee is not a report name


def test_bad_syntax_is_reported_with_its_paragraph(tmp_path: Path) -> None:
    """An unclosed {% if %} is a syntax error, reported with the paragraph it starts in."""
    path = _template(tmp_path, "{% if amount.known %}金额：{{ amount.figures }}")
    problems = check_template(path, DocumentKind.application)
    assert problems and "语法错误" in problems[0].message


def test_unknown_filter_is_reported(tmp_path: Path) -> None:
    """A filter outside the sandbox's allow-list is an error at check time, not at print time."""
    path = _template(tmp_path, "{{ company.name|attr('x') }}")
    problems = check_template(path, DocumentKind.application)
    assert problems and "attr" in problems[0].message and problems[0].paragraph


def test_curly_quotes_in_a_tag_are_an_error(tmp_path: Path) -> None:
    """Word's “smart quotes” inside a tag are reported, with the tag and the paragraph."""
    path = _template(tmp_path, "{{ materials|join(“、”) }}")
    problems = check_template(path, DocumentKind.application)
    assert problems and "中文引号" in problems[0].message
    assert "{{ materials|join(“、”) }}" in problems[0].paragraph


def test_curly_quotes_outside_tags_are_fine(tmp_path: Path) -> None:
    """Quotes in the letter's own text are ordinary Chinese punctuation."""
    path = _template(tmp_path, "申请“{{ measure.title }}”。")
    assert check_template(path, DocumentKind.application) == []


def test_internals_fail_clearly_and_nothing_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """{{ ''.__class__.__mro__ }} fails with a clear message, and the template is never rendered."""

    def refuse(*_args: object) -> bytes:
        raise AssertionError("the checker rendered a template that reaches for internals")

    monkeypatch.setattr(render, "render_docx", refuse)
    path = _template(tmp_path, "{{ ''.__class__.__mro__ }}")
    problems = check_template(path, DocumentKind.application)
    assert problems
    assert all("内部属性" in p.message for p in problems)
    assert "__class__" in " ".join(p.message for p in problems)


def test_tags_in_document_properties_are_reported(tmp_path: Path) -> None:
    """Tags in the document's title or comments would stay unfilled: say so."""
    path = _template(tmp_path, "{{ company.name }}")
    document = Document(str(path))
    document.core_properties.title = "{{ company.name }}"
    document.save(str(path))
    problems = check_template(path, DocumentKind.application)
    assert problems and "文档属性" in problems[0].message


def test_not_a_docx_is_reported(tmp_path: Path) -> None:
    """A .docx that is not a Word file is one clear problem, not a crash."""
    path = tmp_path / "申请书.docx"
    path.write_bytes(b"PK-not-really")
    problems = check_template(path, DocumentKind.application)
    assert len(problems) == 1 and "不是有效的 Word 文档" in problems[0].message


def test_own_folder_replaces_file_by_file(tmp_path: Path) -> None:
    """check_templates checks the user's file where the folder has one and the shipped file elsewhere."""
    _template(tmp_path, "{{ nope }}", name="告知书.docx")
    problems = check_templates(tmp_path)
    assert [p.template.name for p in problems] == ["告知书.docx"]
    assert problems[0].template.parent == tmp_path
