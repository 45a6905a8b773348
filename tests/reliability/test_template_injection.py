"""Untrusted templates: injections and loop bombs are refused within a second, clearly, and nothing from them runs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from docx import Document

from desktop_app.documents.check import check_template
from desktop_app.documents.context import DocumentKind
from desktop_app.documents.render import TemplateRenderError, render_docx
from desktop_app.documents.samples import sample_context

MARKER = "/tmp/policy-assistant-injection-marker"

ATTACKS = {
    "class-mro": "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "globals": "{{ company.__init__.__globals__ }}",
    "mro-attribute": "{{ company.name.mro }}",
    "cycler-globals": "{{ cycler.__init__.__globals__.os.system('touch " + MARKER + "') }}",
    "joiner": "{{ joiner().__init__.__globals__ }}",
    "import": "{% import 'os' as os %}{{ os.system('touch " + MARKER + "') }}",
    "format-escape": "{{ '{0.__class__.__mro__}'.format(company) }}",
    "range-bomb": "{% for i in range(10**9) %}x{% endfor %}",
    "range-bomb-p": "{%p for i in range(10**9) %}x{%p endfor %}",
    "repeat-bomb": "{{ 'x' * 10**9 }}",
    "list-bomb": "{% for i in [0] * 10**9 %}x{% endfor %}",
    "power-bomb": "{{ 10 ** 10000000 }}",
    "concat-bomb": "{% set s = 'x' * 90000 %}{{ s + s + s }}",
    "private-attr": "{{ company._fields }}",
}


def _template(folder: Path, body: str) -> Path:
    path = folder / "申请书.docx"
    document = Document()
    document.add_paragraph("{{ addressee }}：")
    document.add_paragraph(body)
    document.save(str(path))
    return path


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_checker_refuses_within_a_second(tmp_path: Path, attack: str) -> None:
    """`templates --check` reports the attack in Chinese, fast, and nothing in the template is executed."""
    Path(MARKER).unlink(missing_ok=True)
    path = _template(tmp_path, ATTACKS[attack])
    start = time.perf_counter()
    problems = check_template(path, DocumentKind.application)
    assert time.perf_counter() - start < 1.0
    assert problems, f"{attack} passed the checker"
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in p.message) for p in problems)
    assert not Path(MARKER).exists()


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_renderer_refuses_within_a_second(tmp_path: Path, attack: str) -> None:
    """Rendering without checking first (e.g. a template swapped after the check) still refuses, fast."""
    Path(MARKER).unlink(missing_ok=True)
    path = _template(tmp_path, ATTACKS[attack])
    start = time.perf_counter()
    with pytest.raises(TemplateRenderError) as info:
        render_docx(path, sample_context(DocumentKind.application))
    assert time.perf_counter() - start < 1.0
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(info.value))
    assert not Path(MARKER).exists()
