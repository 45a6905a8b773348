"""The shipped templates: made by scripts/make_templates.py, laid out as docs/templates.md describes (GB/T 9704)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt
from docx.styles.style import BaseStyle
from lxml import etree

from desktop_app import paths
from desktop_app.documents.context import DocumentKind

ROOT = Path(__file__).resolve().parents[2]
KINDS = list(DocumentKind)
IDS = [k.name for k in KINDS]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _open(kind: DocumentKind) -> DocxDocument:
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
    mm = [None if length is None else round(length.mm, 1) for length in sizes]
    assert mm == [210, 297, 37, 35, 28, 26]  # stored in twips


def _pt(length: Length | None) -> float:
    assert length is not None, "the template leaves a page size or margin unset"
    return length.pt


def _east_asian_font(style: BaseStyle) -> str | None:
    rfonts = style.element.rPr.rFonts if style.element.rPr is not None else None
    return None if rfonts is None else rfonts.get(qn("w:eastAsia"))


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_title_and_body_fonts_set_the_east_asian_font(kind: DocumentKind) -> None:
    """Title 方正小标宋简体 二号 (22 pt), body 仿宋 三号 (16 pt), with w:eastAsia set and no theme font left to win."""
    document = _open(kind)
    title, body = document.styles["文书标题"], document.styles["文书正文"]
    assert (_east_asian_font(title), title.font.size) == ("方正小标宋简体", Pt(22))
    assert (_east_asian_font(body), body.font.size) == ("仿宋", Pt(16))
    first_style = document.paragraphs[0].style
    assert first_style is not None and first_style.name == "文书标题"
    theme = [qn(f"w:{a}") for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme")]
    for rfonts in document.styles.element.iter(qn("w:rFonts")):
        owner = rfonts.getparent().getparent()
        name = owner.find(qn("w:name"))
        if owner.tag == qn("w:rPrDefault") or (name is not None and name.get(qn("w:val")) in ("文书标题", "文书正文")):
            assert not [a for a in theme if a in rfonts.attrib]


def _part(kind: DocumentKind, name: str) -> bytes:
    with zipfile.ZipFile(paths.templates_dir() / kind.template_name) as archive:
        return archive.read(name)


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_title_font_has_a_fallback_the_reader_has(kind: DocumentKind) -> None:
    """方正小标宋简体 is rarely installed: the font table names 华文中宋 as its alternative, with the GB2312 charset."""
    fonts = etree.fromstring(_part(kind, "word/fontTable.xml"))
    entry = fonts.find(f"{W}font[@{W}name='方正小标宋简体']")
    assert entry is not None
    assert entry.find(f"{W}altName").get(f"{W}val") == "华文中宋"
    assert entry.find(f"{W}charset").get(f"{W}val") == "86"
    names = {f.get(f"{W}name") for f in fonts}
    assert {"仿宋", "黑体", "宋体", "华文中宋"} <= names


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_grid_is_28_characters_by_22_lines(kind: DocumentKind) -> None:
    """GB/T 9704: 22 lines of 28 pt (docGrid linePitch 560) and 28 characters of the condensed 16 pt on 156 mm."""
    document = _open(kind)
    section = document.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:linePitch")) == "560"
    text_height = _pt(section.page_height) - _pt(section.top_margin) - _pt(section.bottom_margin)
    assert int(text_height // 28) == 22
    condense = document.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}spacing")
    pitch = 16 + int(condense.get(qn("w:val"))) / 20
    width = _pt(section.page_width) - _pt(section.left_margin) - _pt(section.right_margin)
    assert int(width // pitch) == 28
    body = document.styles["文书正文"].paragraph_format
    assert body.line_spacing == Pt(28) and body.widow_control
    assert document.styles["小标题"].paragraph_format.keep_with_next


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_page_numbers_are_dashed_and_alternate_sides(kind: DocumentKind) -> None:
    """Page numbers — 1 — in 4号 宋体 with a PAGE field: odd pages at the right, even pages at the left."""
    document = _open(kind)
    section = document.sections[0]
    assert document.settings.odd_and_even_pages_header_footer
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment == align
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        style = paragraph.style
        assert style.font.size == Pt(14) and _east_asian_font(style) == "宋体" and style.font.name == "宋体"


@pytest.mark.parametrize("kind", KINDS, ids=IDS)
def test_templates_carry_no_author_or_comment(kind: DocumentKind) -> None:
    """The core properties name no template author and carry no comment about the tags."""
    props = _open(kind).core_properties
    assert props.author == "" and props.comments == "" and props.last_modified_by == ""


def test_body_style_is_not_called_like_words_normal() -> None:
    """Chinese Word shows Normal as 正文: the letter's body style has its own name and every style an ASCII id."""
    document = _open(DocumentKind.application)
    names = {s.name for s in document.styles}
    assert "正文" not in names
    ids = [s.style_id for s in document.styles]
    assert len(ids) == len(set(ids))
    assert all(s.style_id.isascii() for s in document.styles)


def _all_text(kind: DocumentKind) -> str:
    document = _open(kind)
    lines = [p.text for p in document.paragraphs]
    lines += [p.text for table in document.tables for row in table.rows for cell in row.cells for p in cell.paragraphs]
    return "\n".join(lines)


def test_application_holds_every_part_of_a_letter() -> None:
    """申请书: addressee, who we are, clause, facts, confirmations, amount, 特此申请, signature block, 盖章, date."""
    text = _all_text(DocumentKind.application)
    for piece in (
        "{{ addressee }}：",
        "{{ company.credit_code }}",
        "{{ company.address }}",
        "{{ company.legal_representative }}",
        "{{ policy.citation }}{{ measure.clause }}",
        "{%p for item in facts %}",
        "本企业确认：{{ item.text }}",
        "申请金额：{{ amount.request }}",
        "特此申请。",
        "{%p for item in materials %}",
        "法定代表人（签字）：" + "_" * 16,
        "开户银行：{{ company.bank_name }}",
        "账号：{{ company.bank_account }}",
        "{{ company.name }}（盖章）",
        "{{ date }}",
        "联系人：{{ company.contact_person }}",
        "联系电话：{{ company.contact_phone }}",
    ):
        assert piece in text, piece
    for banned in ("附件：（请按受理部门要求", "提交前可删除", "contact.phone", "channel.note", "program"):
        assert banned not in text, banned


def test_signature_is_centred_over_a_date_four_characters_in() -> None:
    """落款 (GB/T 9704 7.3.5.1): date 右空四字; a name that fits is centred over it, a longer one flush right."""
    document = _open(DocumentKind.application)
    block = [p for p in document.paragraphs if p.style is not None and p.style.name == "落款"]
    assert [p.text for p in block] == [
        "{%p if company.name|length <= 12 %}",
        "{{ company.name }}（盖章）",
        "{%p elif company.name|length <= 24 %}",
        "{{ company.name }}（盖章）",
        "{%p else %}",
        "{{ company.name }}",
        "（盖章）",  # a name too long for one line: 盖章 on a line of its own, never split
        "{%p endif %}",
        "{{ date }}",
    ]
    assert not document.tables  # plain paragraphs: a table cell narrower than the name would break it
    centred, flush, long_name, seal, date = (block[i] for i in (1, 3, 5, 6, 8))
    text_width = Mm(210 - 28 - 26).pt
    for line in (centred, seal):  # centred in a block of 16 characters at the right margin (12 + 盖章)
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert text_width - _pt(line.paragraph_format.left_indent) == pytest.approx(16 * 16, abs=0.1)
    for line in (flush, long_name, date):
        assert line.style is not None
        assert line.alignment is None and line.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
        assert line.paragraph_format.left_indent is None
    assert _pt(date.paragraph_format.right_indent) == 4 * 16  # 右空四字 of 三号
    assert all(
        p.style is not None and p.style.paragraph_format.keep_with_next for p in block
    )  # 特此申请…落款 on one page
    assert date.paragraph_format.keep_with_next is False  # the bank details may go over like a 附注


def test_report_opens_with_the_summary_table() -> None:
    """体检报告: one table of eligible and 待核实 measures with 措施, 金额, 渠道, 截止日期, 文书文件名."""
    document = _open(DocumentKind.report)
    assert len(document.tables) == 1
    cells = [cell.text for row in document.tables[0].rows for cell in row.cells]
    assert "{%tr for r in summary %}" in cells
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header == ["措施", "金额", "渠道", "截止日期", "文书文件名"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "{{ totals.amount }}" in text and "参考日期：{{ date }}" in text
    assert "所在区：{{ company.district }}" in text.splitlines()[3]  # on a line of its own start, never split
