"""The shipped templates: made by scripts/make_templates.py, formatted as domain-notes.md "Letters" asks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt

from desktop_app import paths
from desktop_app.documents.context import DocumentKind

ROOT = Path(__file__).resolve().parents[2]
KINDS = list(DocumentKind)
IDS = [k.name for k in KINDS]


def _open(kind: DocumentKind):  # type: ignore[no-untyped-def]
    return Document(str(paths.templates_dir() / kind.template_name))


def test_committed_templates_are_what_the_script_makes(tmp_path: Path) -> None:
    """templates/*.docx are exactly the output of scripts/make_templates.py (edit the script, not the files)."""
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_templates.py"), "--out", str(tmp_path)], check=True)
    for kind in KINDS:
        made = (tmp_path / kind.template_name).read_bytes()
        assert made == (paths.templates_dir() / kind.template_name).read_bytes(), kind.template_name


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_page_is_a4_with_gbt_9704_margins(kind: DocumentKind) -> None:
    """A4 portrait, margins 37/35/28/26 mm (top/bottom/left/right)."""
    section = _open(kind).sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin]
    sizes += [section.left_margin, section.right_margin]
    assert [round(length.mm, 1) for length in sizes] == [210, 297, 37, 35, 28, 26]  # stored in twips


def _east_asian_font(style) -> str | None:  # type: ignore[no-untyped-def]
    rfonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_title_and_body_fonts_set_the_east_asian_font(kind: DocumentKind) -> None:
    """Title 黑体 二号 (22 pt), body 仿宋 三号 (16 pt), with w:eastAsia set and no theme font left to win."""
    document = _open(kind)
    title, body = document.styles["文书标题"], document.styles["文书正文"]
    assert (_east_asian_font(title), title.font.size) == ("黑体", Pt(22))
    assert (_east_asian_font(body), body.font.size) == ("仿宋", Pt(16))
    assert document.paragraphs[0].style.name == "文书标题"
    theme = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme")]
    for rfonts in document.styles.element.iter(qn("w:rFonts")):
        owner = rfonts.getparent().getparent()
        name = owner.find(qn("w:name"))
        if owner.tag == qn("w:rPrDefault") or (name is not None and name.get(qn("w:val")) in ("文书标题", "文书正文")):
            assert not [a for a in theme if a in rfonts.attrib]


def test_body_style_is_not_called_like_words_normal() -> None:
    """Chinese Word shows Normal as 正文: the letter's body style has its own name and every style an ASCII id."""
    document = _open(DocumentKind.application)
    names = {s.name for s in document.styles}
    assert "正文" not in names
    ids = [s.style_id for s in document.styles]
    assert len(ids) == len(set(ids))
    assert all(s.style_id.isascii() for s in document.styles)


def test_application_holds_every_part_of_a_letter() -> None:
    """申请书: addressee, who we are, document and clause, facts, amount and 大写, 特此申请, 附件, 盖章, date."""
    text = "\n".join(p.text for p in _open(DocumentKind.application).paragraphs)
    for piece in (
        "{{ addressee }}：",
        "{{ company.credit_code }}",
        "{{ company.address }}",
        "{{ company.legal_representative }}",
        "{{ policy.citation }}{{ measure.clause }}",
        "{%p for item in facts %}",
        "{{ amount.figures }}（大写：{{ amount.capital }}）",
        "特此申请。",
        "附件：（请按受理部门要求提供相关证明材料）",
        "{%p for item in materials %}",
        "{{ company.name }}（盖章）",
        "{{ date }}",
        "联系人：{{ company.contact_person }}",
        "联系电话：{{ company.contact_phone }}",
    ):
        assert piece in text, piece


def test_report_has_a_channel_grouped_table() -> None:
    """体检报告: one table whose rows repeat by channel group ({%tr for %}) with the six columns."""
    document = _open(DocumentKind.report)
    assert len(document.tables) == 1
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "{%tr for g in groups %}" in cells and "{%tr for r in g.rows %}" in cells
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["措施及依据", "状态", "金额", "联系电话", "有效期", "待回答问题与核对事项"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{ totals.amount }}" in text and "参考日期：{{ date }}" in text
