"""The one rendering function: same letter as docxtpl, valid XML for any data, compiled once per template file."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
from pathlib import Path

import pytest
from docx import Document

from desktop_app.documents import render
from desktop_app.documents.context import DocumentKind
from desktop_app.documents.fill import template_path
from desktop_app.documents.render import TemplateRenderError, letter_environment, render_docx
from desktop_app.documents.samples import SAMPLE_COMPANY, sample_context, sample_letter
from tests.documents.helpers import docx_text, strict_document_xml


def _naive(template: Path, context: dict[str, object]) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(str(template))
    tpl.render(context, jinja_env=letter_environment(), autoescape=True)
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


@pytest.mark.parametrize("kind", list(DocumentKind), ids=[k.name for k in DocumentKind])
def test_cached_render_reads_the_same_as_naive_docxtpl(kind: DocumentKind) -> None:
    """The cached renderer writes the same text, paragraph by paragraph and cell by cell, as docxtpl itself."""
    template = template_path(kind)
    context = sample_context(kind)
    ours = render_docx(template, context)
    assert docx_text(ours) == docx_text(_naive(template, context))
    assert "{{" not in docx_text(ours) and "{%" not in docx_text(ours)


def test_markup_characters_in_data_stay_text() -> None:
    """A&B <公司> "x" in the data is escaped: the XML stays valid and the name reads back unchanged."""
    name = 'A&B <公司> "测试"/分部'
    letter = dataclasses.replace(sample_letter(), company=dataclasses.replace(SAMPLE_COMPANY, name=name))
    data = render_docx(template_path(DocumentKind.application), letter.as_mapping())
    strict_document_xml(data)  # raises on broken XML
    text = docx_text(data)
    assert f"{name}（盖章）" in text
    assert "特此申请。" in text  # nothing after the name was cut off


def test_template_is_compiled_once_and_again_after_it_changes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Repeated letters reuse the compiled template; editing the file (new mtime or size) recompiles it."""
    template = tmp_path / "告知书.docx"
    shutil.copy(template_path(DocumentKind.notice), template)
    calls: list[Path] = []
    original = render._compile

    def counting(path: Path) -> object:
        calls.append(path)
        return original(path)

    monkeypatch.setattr(render, "_compile", counting)
    context = sample_context(DocumentKind.notice)
    for _ in range(3):
        render_docx(template, context)
    assert len(calls) == 1

    document = Document(str(template))
    document.add_paragraph("新增段落：{{ company.name }}")
    document.save(str(template))
    stat = template.stat()
    os.utime(template, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    text = docx_text(render_docx(template, context))
    assert len(calls) == 2
    assert f"新增段落：{SAMPLE_COMPANY.name}" in text


def test_missing_variable_is_an_error_not_a_blank(tmp_path: Path) -> None:
    """StrictUndefined: a template asking for a name the context lacks fails with a Chinese message."""
    template = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{{ company.nmae }}")
    document.save(str(template))
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(template, sample_context(DocumentKind.application))
    assert "t.docx" in caught.value.message and "templates --check" in caught.value.message


def test_internals_are_refused_at_render_time_too(tmp_path: Path) -> None:
    """Even unchecked, a template cannot reach Python internals: the sandbox refuses ''.__class__.__mro__."""
    template = tmp_path / "t.docx"
    document = Document()
    document.add_paragraph("{{ ''.__class__.__mro__ }}")
    document.save(str(template))
    with pytest.raises(TemplateRenderError):
        render_docx(template, sample_context(DocumentKind.application))


def test_not_a_docx_is_a_clear_error(tmp_path: Path) -> None:
    """A file that is not a Word document is named in a Chinese error, not a zipfile traceback."""
    template = tmp_path / "申请书.docx"
    template.write_text("not a zip", encoding="utf-8")
    with pytest.raises(TemplateRenderError) as caught:
        render_docx(template, sample_context(DocumentKind.application))
    assert "不是有效的 Word 文档" in caught.value.message
