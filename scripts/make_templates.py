"""Write the shipped letter templates (templates/*.docx) with python-docx: run after changing this file.

    python scripts/make_templates.py [--out DIR]

The templates are ordinary Word files that staff may edit; the tags they contain are described in
docs/templates.md. Formatting follows GB/T 9704-2012 as domain-notes.md "Letters" summarises it:
A4, margins 37/35/28/26 mm (top/bottom/left/right), title 方正小标宋简体 二号 (22 pt) centred, body
仿宋 三号 (16 pt) on an exact 28 pt line and a document grid of 28 characters x 22 lines, page
numbers "— 1 —" in 4号 宋体 at the foot (odd pages right, even pages left, one character in), the
date 右空四字 with the signature centred over it, or flush right when too long for that. Every font
sets ``w:eastAsia`` and drops the theme fonts, or Word would fall back to its theme font for Chinese.
方正小标宋简体 is not on most machines: the font table names 华文中宋 as its alternative
(``w:altName``), and Word falls back from there to 宋体 by the GB2312 charset and the serif family
given for it. Paragraphs use named styles (文书标题, 文书正文, 落款 …) so that the preview
(documents/preview.py) can map them to HTML classes. The body style is 文书正文, not 正文: Chinese
Word shows its built-in Normal style as 正文, and two styles of one name confuse staff.
Style ids are ASCII and start with Letter, clear of the ids of python-docx's built-in styles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

ROOT = Path(__file__).resolve().parent.parent

LATIN = "Times New Roman"
FANGSONG = "仿宋"  # FangSong
HEITI = "黑体"  # SimHei
SONGTI = "宋体"  # SimSun: page numbers
TITLE_FONT = "方正小标宋简体"  # with 华文中宋, then 宋体, as fallbacks (font table)
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
PAGE_NUMBER_PT = 14  # 4号
TABLE_PT = 10.5  # 五号
LIST_PT = 10.5  # 五号: the report's short lists
LINE_PT = 28  # a fixed line, 22 lines on a page
INDENT = Pt(2 * BODY_PT)  # two characters
TEXT_WIDTH_MM = 210 - 28 - 26  # 156 mm
CHARS_PER_LINE = 28
#: w:docGrid: pitch of a line in twips (28 pt).
LINE_PITCH = LINE_PT * 20
#: 28 characters of 16 pt are 448 pt, the line is 442 pt: every character is condensed by this many
#: twentieths of a point (w:spacing), so 28 fit. A character grid (linesAndChars with a negative
#: charSpace) would do the same in Word, but LibreOffice then gives every 16 pt character two cells.
CONDENSE = math.ceil((CHARS_PER_LINE * BODY_PT - Mm(TEXT_WIDTH_MM).pt) * 20 / CHARS_PER_LINE)  # 5 = 0.25 pt
#: A blank to write in by hand: 16 half-width underscores, 45 mm at 三号 (at least 40 mm).
WRITE_IN = "_" * 16


@dataclass(frozen=True)
class StyleSpec:
    """One named paragraph style: ASCII id, East Asian font, size, alignment, indents, line and spacing."""

    style_id: str
    font: str = FANGSONG
    size: float = BODY_PT
    align: Any = WD_ALIGN_PARAGRAPH.LEFT
    first_line: Any = None
    left: Any = None
    line: float | None = LINE_PT  # exact line height in points; None = single spacing
    after: float = 0
    keep_with_next: bool = False
    latin: str = LATIN


LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
STYLES: dict[str, StyleSpec] = {
    "文书标题": StyleSpec("LetterTitle", TITLE_FONT, TITLE_PT, CENTER, line=36, after=LINE_PT, keep_with_next=True),
    "文书副标题": StyleSpec("LetterSubtitle", align=CENTER, after=LINE_PT / 2, keep_with_next=True),
    "称谓": StyleSpec("LetterAddressee", keep_with_next=True),
    "文书正文": StyleSpec("LetterBody", align=JUSTIFY, first_line=INDENT),
    "小标题": StyleSpec("LetterHeading", HEITI, first_line=INDENT, keep_with_next=True),
    "附件": StyleSpec("LetterAttachment", first_line=INDENT, keep_with_next=True),
    "附件条目": StyleSpec("LetterAttachmentItem", left=Pt(5 * BODY_PT), keep_with_next=True),
    "落款": StyleSpec("LetterSignature", align=RIGHT, keep_with_next=True),
    "联系方式": StyleSpec("LetterContact", first_line=INDENT),
    "说明": StyleSpec("LetterRemark", size=12, align=JUSTIFY, line=None),
    "列表": StyleSpec("LetterList", size=LIST_PT, align=LEFT, left=Pt(2 * LIST_PT), line=16),
    "清单": StyleSpec("LetterChecklist", size=12, align=LEFT, left=Pt(2 * 16), line=20),
    "页码": StyleSpec("LetterPageNumber", SONGTI, PAGE_NUMBER_PT, RIGHT, line=None, latin=SONGTI),
    "表头": StyleSpec("LetterTableHead", HEITI, TABLE_PT, CENTER, line=None),
    "表格分组": StyleSpec("LetterTableGroup", HEITI, TABLE_PT, line=None, keep_with_next=True),
    "表格文字": StyleSpec("LetterTableText", size=TABLE_PT, line=None),
}


def set_cjk_font(font_owner: Any, element: Any, latin: str, cjk: str) -> None:
    """python-docx sets only the Latin font: set w:eastAsia too and drop the theme fonts that would win."""
    font_owner.font.name = latin
    rfonts = element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:eastAsia"), cjk)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)


def _set_defaults(document: Any) -> None:
    """docDefaults carry theme fonts and 11 pt Calibri: replace them, so no text falls back to the theme."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    rfonts.set(qn("w:ascii"), LATIN)
    rfonts.set(qn("w:hAnsi"), LATIN)
    rfonts.set(qn("w:eastAsia"), FANGSONG)
    condense = OxmlElement("w:spacing")
    condense.set(qn("w:val"), str(-CONDENSE))
    rpr.find(qn("w:sz")).addprevious(condense)
    rpr.find(qn("w:sz")).set(qn("w:val"), str(BODY_PT * 2))
    rpr.find(qn("w:szCs")).set(qn("w:val"), str(BODY_PT * 2))
    lang = rpr.find(qn("w:lang"))
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")
    normal = document.styles["Normal"]
    set_cjk_font(normal, normal.element, LATIN, FANGSONG)
    normal.font.size = Pt(BODY_PT)


def _add_styles(document: Any) -> None:
    for name, spec in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.style_id = spec.style_id
        style.base_style = document.styles["Normal"]
        style.quick_style = True
        set_cjk_font(style, style.element, spec.latin, spec.font)
        style.font.size = Pt(spec.size)
        fmt = style.paragraph_format
        fmt.alignment = spec.align
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(spec.after)
        fmt.first_line_indent = spec.first_line
        fmt.left_indent = spec.left
        fmt.widow_control = True
        fmt.keep_with_next = spec.keep_with_next
        if spec.line is None:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            fmt.line_spacing = Pt(spec.line)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        if spec.line != LINE_PT:  # off the 28 pt line grid: tables, remarks, lists and the title keep their own
            off_grid = OxmlElement("w:snapToGrid")
            off_grid.set(qn("w:val"), "0")
            style.element.get_or_add_pPr().find(qn("w:spacing")).addprevious(off_grid)
    document.styles["说明"].paragraph_format.space_before = Pt(LINE_PT / 2)


#: Table styles kept from python-docx's default template; its other 98 make styles.xml 340 KB larger.
KEEP_TABLE_STYLES = ("Normal Table", "Table Grid")


def _slim(document: Any) -> None:
    """Drop what python-docx's default template carries but a letter never uses.

    That is: unused table styles, the Word 2010 duplicate ``stylesWithEffects.xml`` (440 KB) and a
    thumbnail of an empty page. Smaller templates open, render and save faster, in Word and here.
    """
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if style.get(qn("w:type")) == "table" and (name is None or name.get(qn("w:val")) not in KEEP_TABLE_STYLES):
            styles.remove(style)
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(("/stylesWithEffects", "/thumbnail")):
                rels.pop(rel_id)


def _grid(section: Any) -> None:
    """w:docGrid: 22 lines of 28 pt (GB/T 9704: 22 lines; the 28 characters come from CONDENSE)."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """A complex field (PAGE) in its own runs: begin, instruction, separate, the shown value, end."""

    def run(child: Any) -> None:
        r = paragraph.add_run()
        r._r.append(child)

    begin, separate, end = (OxmlElement("w:fldChar") for _ in range(3))
    begin.set(qn("w:fldCharType"), "begin")
    separate.set(qn("w:fldCharType"), "separate")
    end.set(qn("w:fldCharType"), "end")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run(begin)
    run(instr)
    run(separate)
    paragraph.add_run(placeholder)
    run(end)


def _page_number(footer: Any, align: Any) -> None:
    """ "— 1 —" in 4号 半角 宋体, one character in from the outer edge (GB/T 9704 7.5)."""
    paragraph = footer.paragraphs[0]
    paragraph.style = "页码"
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    if align is RIGHT:
        fmt.right_indent = Pt(PAGE_NUMBER_PT)
    else:
        fmt.left_indent = Pt(PAGE_NUMBER_PT)
    paragraph.add_run("— ")
    _field(paragraph, "PAGE", "1")
    paragraph.add_run(" —")


def _footers(document: Any) -> None:
    """Page numbers: odd pages at the right, even pages at the left (settings: evenAndOddHeaders)."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number(section.footer, RIGHT)
    _page_number(section.even_page_footer, LEFT)


def new_document(title: str, *, landscape: bool = False) -> Any:
    """An empty A4 document with the letter styles, GB/T 9704 margins, grid and page numbers."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    _grid(section)
    _slim(document)
    _set_defaults(document)
    _add_styles(document)
    _footers(document)
    props = document.core_properties
    props.author = ""
    props.title = title
    props.comments = ""
    props.last_modified_by = ""
    props.revision = 1
    return document


def para(document: Any, text: str, style: str = "文书正文") -> Any:
    return document.add_paragraph(text, style=style)


def keep(paragraph: Any) -> Any:
    """Keep with the next paragraph: 特此申请 and the signature are not torn apart by a page break."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def numbered(document: Any, items: str, line: str, *, empty: str, style: str = "文书正文") -> None:
    """A numbered list over the context list ``items``, or ``empty`` when it has none."""
    para(document, f"{{%p if {items} %}}", style)
    para(document, f"{{%p for item in {items} %}}", style)
    para(document, line, style)
    para(document, "{%p endfor %}", style)
    para(document, "{%p else %}", style)
    para(document, empty, style)
    para(document, "{%p endif %}", style)


def loop(document: Any, items: str, line: str, style: str = "文书正文") -> None:
    """One paragraph per item of ``items``; nothing when it is empty."""
    para(document, f"{{%p for item in {items} %}}", style)
    para(document, line, style)
    para(document, "{%p endfor %}", style)


FACT_LINE = "{{ loop.index }}．{{ item.text }}{% if item.detail %}（{{ item.detail }}）{% endif %}。"
AMOUNT_LINE = (
    "{% if amount.known %}{{ amount.figures }}（大写：{{ amount.capital }}）。"
    "{% else %}{{ amount.figures }}。{% endif %}"
)
CHECK_LINE = "{{ loop.index }}．{{ item }}。"
OPEN_CHECK_LINE = "须由{{ item.confirmer }}确认：{{ item.text }}。"
#: 落款 (GB/T 9704 7.3.5.1): the date 右空四字; the signature centred over it in a block this many
#: characters wide at the right margin, whose centre (8 characters in) is the centre of a date of 7 to 8
#: characters ending 4 in. A longer signature cannot be centred without passing the margin: it is set
#: flush right, so it reaches out to the left over the date (the limit of centring, no jump in between).
SIGNATURE_CHARS = 16
DATE_RIGHT_CHARS = 4
SEAL = "（盖章）"
#: Up to this many characters a company name and its 盖章 fit the block; up to the second they fit one
#: line; a longer name gets a line of its own and 盖章 the next, so that （盖章） is never split.
CENTRED_NAME_CHARS = SIGNATURE_CHARS - len(SEAL)  # 12
ONE_LINE_NAME_CHARS = CHARS_PER_LINE - len(SEAL)  # 24


def signature(document: Any, name: str, date: str) -> None:
    """落款 and 成文日期: ``name`` centred over the date, or flush right when longer; ``date`` 右空四字.

    Which of the three layouts a name gets is decided at render time by its length (a template cannot
    measure text), so Word, WPS, LibreOffice and the app's own PDF all break the lines alike.
    """

    def block(paragraph: Any) -> Any:  # centred in the block at the right margin
        paragraph.alignment = CENTER
        paragraph.paragraph_format.left_indent = Pt(Mm(TEXT_WIDTH_MM).pt - SIGNATURE_CHARS * BODY_PT)
        return paragraph

    length = f"{name}|length"
    para(document, f"{{%p if {length} <= {CENTRED_NAME_CHARS} %}}", "落款")
    block(para(document, f"{{{{ {name} }}}}{SEAL}", "落款"))
    para(document, f"{{%p elif {length} <= {ONE_LINE_NAME_CHARS} %}}", "落款")
    para(document, f"{{{{ {name} }}}}{SEAL}", "落款")
    para(document, "{%p else %}", "落款")
    para(document, f"{{{{ {name} }}}}", "落款")
    block(para(document, SEAL, "落款"))
    para(document, "{%p endif %}", "落款")
    date_line = para(document, f"{{{{ {date} }}}}", "落款")
    date_line.paragraph_format.right_indent = Pt(DATE_RIGHT_CHARS * BODY_PT)
    date_line.paragraph_format.keep_with_next = False  # the bank details follow like a 附注, next page if need be


def application() -> Any:
    """申请书, for 直接申请 measures: only what the applicant asserts and asks, addressed to the 受理部门."""
    document = new_document("申请书")
    para(document, "关于申请{{ measure.title }}的申请书", "文书标题")
    para(document, "{{ addressee }}：", "称谓")
    para(
        document,
        "{{ company.name }}（统一社会信用代码：{{ company.credit_code }}），住所：{{ company.address }}，"
        "法定代表人：{{ company.legal_representative }}。",
    )
    para(
        document,
        "根据{{ policy.citation }}{{ measure.clause }}的规定：“{{ measure.quote }}”"
        "本企业符合上述规定，现申请{{ measure.title }}。",
    )
    para(document, "{%p if facts or confirmations %}")
    para(document, "本企业的具体情况如下：")
    loop(document, "facts", FACT_LINE)
    loop(document, "confirmations", "本企业确认：{{ item.text }}。")
    para(document, "{%p endif %}")
    para(document, "申请金额：{{ amount.request }}。")
    para(document, "本企业承诺所提供的材料真实、准确、完整。")
    keep(para(document, "特此申请。"))
    para(document, "{%p if materials %}")
    keep(para(document, ""))
    para(document, "附件：", "附件")
    para(document, "{%p for item in materials %}", "附件条目")
    para(document, "{{ loop.index }}．{{ item }}", "附件条目")
    para(document, "{%p endfor %}", "附件条目")
    para(document, "{%p endif %}")
    # The last body line, the legal representative's signature, the seal and the date stay on one page;
    # the bank details and the contact follow the date like a 附注 (GB/T 9704 7.3.6), so the chain is short.
    keep(para(document, ""))
    keep(para(document, f"法定代表人（签字）：{WRITE_IN}", "联系方式"))
    keep(para(document, ""))
    signature(document, "company.name", "date")
    para(document, "")
    para(document, "开户银行：{{ company.bank_name }}", "联系方式")
    para(document, "账号：{{ company.bank_account }}", "联系方式")
    para(document, "（联系人：{{ company.contact_person }}，联系电话：{{ company.contact_phone }}）", "联系方式")
    return document


def online_guide() -> Any:
    """办理指引: for 一网通办 measures, and for measures claimed at filing time or at a bank (channel.letter)."""
    document = new_document("办理指引")
    para(document, "{{ measure.title }}办理指引", "文书标题")
    para(document, "{{ company.name }}　统一社会信用代码：{{ company.credit_code }}", "文书副标题")
    para(document, "一、政策依据", "小标题")
    para(document, "{{ policy.citation }}{{ measure.clause }}：“{{ measure.quote }}”")
    para(document, "政策有效期：{{ measure.validity }}。")
    para(document, "二、办理渠道", "小标题")
    para(document, '{%p if channel.kind == "一网通办" %}')
    para(document, "办理方式：一网通办。{{ channel.detail }}。")
    para(
        document,
        "网上办理：登录上海市“一网通办”平台（网站或“随申办”App 的企业服务专区），"
        "查找与本政策对应的办理事项，事项名称以平台公布为准，按页面提示填写信息、上传材料并提交。",
    )
    para(document, "{%p else %}")
    para(document, "办理方式：{{ channel.detail }}。无需另行提交申请书，具体手续以{{ addressee }}的要求为准。")
    para(document, "{%p endif %}")
    para(document, "{%p if channel.note %}")
    para(document, "{{ channel.note }}")
    para(document, "{%p endif %}")
    para(document, "三、贵企业符合的条件", "小标题")
    numbered(document, "facts", FACT_LINE, empty="政策原文未设附加条件。")
    loop(document, "confirmations", "贵企业已确认：{{ item.text }}。")
    para(document, "四、预计金额", "小标题")
    para(document, AMOUNT_LINE)
    para(document, "{%p if amount.known %}")
    para(document, "计算依据：{{ amount.basis }}。")
    para(document, "{%p endif %}")
    para(document, "五、需准备的材料", "小标题")
    numbered(
        document,
        "materials",
        CHECK_LINE,
        empty="政策原文未列明申请材料，请按平台页面或受理部门的要求准备相关证明材料。",
    )
    para(document, "六、办理前请核对", "小标题")
    numbered(document, "manual_checks", CHECK_LINE, empty="无。")
    loop(document, "open_checks", OPEN_CHECK_LINE)
    para(document, "七、咨询电话", "小标题")
    para(document, "{{ contact.line }}")
    para(document, "{%p if contact.note %}")
    para(document, "{{ contact.note }}。")
    para(document, "{%p endif %}")
    para(
        document,
        "本指引于{{ date }}根据贵企业填报的信息和政策原文整理，仅供参考；办理要求和审核结果以受理部门为准。",
        "说明",
    )
    return document


def notice() -> Any:
    """告知书, for 免申即享 measures: nothing to file; what to expect and whom to call."""
    document = new_document("免申即享告知书")
    para(document, "{{ measure.title }}告知书", "文书标题")
    para(document, "统一社会信用代码：{{ company.credit_code }}", "文书副标题")
    para(document, "{{ company.name }}：", "称谓")
    para(document, "根据{{ policy.citation }}{{ measure.clause }}：“{{ measure.quote }}”")
    para(document, "{%p if channel.from_document %}")
    para(document, "本项政策实行“免申即享”：政府部门根据已掌握的数据主动核定，符合条件的企业无需提交申请。")
    para(document, "{%p endif %}")
    para(document, "{%p if facts %}")
    para(document, "对照贵企业填报的信息，贵企业符合以下条件：")
    loop(document, "facts", FACT_LINE)
    para(document, "{%p endif %}")
    para(document, "一、预计可享受的金额", "小标题")
    para(document, AMOUNT_LINE)
    para(document, "{%p if amount.known %}")
    para(document, "计算依据：{{ amount.basis }}。")
    para(document, "{%p endif %}")
    para(document, "二、贵企业需要做什么", "小标题")
    para(document, "办理方式：{{ channel.detail }}。{{ channel.note }}")
    para(document, "如接到相关部门通知，要求确认企业信息，请及时配合；请确保企业在相关部门登记的信息准确、有效。")
    para(document, "{%p if materials %}")
    para(document, "政策原文提到以下材料，请备好以便核对：")
    loop(document, "materials", CHECK_LINE)
    para(document, "{%p endif %}")
    para(document, "三、何时兑现", "小标题")
    para(document, "政策有效期：{{ measure.validity }}。具体兑现时间以主管部门的通知为准。")
    para(document, "四、请核对", "小标题")
    numbered(document, "manual_checks", CHECK_LINE, empty="无。")
    loop(document, "open_checks", OPEN_CHECK_LINE)
    para(document, "五、咨询电话", "小标题")
    para(document, "{{ contact.line }}")
    para(document, "{%p if contact.note %}")
    para(document, "{{ contact.note }}。")
    para(document, "{%p endif %}")
    para(
        document,
        "本告知书于{{ date }}根据贵企业填报的信息和政策原文整理，仅供参考；是否兑现及金额以主管部门核定为准。",
        "说明",
    )
    return document


def checklist() -> Any:
    """办理清单: for the enterprise itself, one entry per letter: where, how, whom to call, what to check."""
    document = new_document("办理清单")
    para(document, "办理清单", "文书标题")
    para(document, "{{ company.name }}", "文书副标题")
    para(document, "统一社会信用代码：{{ company.credit_code }}")
    para(document, "所在区：{{ company.district }}　日期：{{ date }}")
    para(
        document,
        "以下{{ items|length }}份文书已生成。每项写明受理部门、办理渠道、咨询电话、需准备的材料、"
        "办理前须核对的事项和截止日期。"
        "{% if inferred %}其中{{ inferred }}项的办理渠道政策原文未写明，标为“推定”，"
        "办理前请先向受理部门核实。{% endif %}"
        "电话为空白横线的，政策原文未载联系电话，请向受理部门问明后填写。",
    )
    para(document, "{%p for entry in items %}")
    para(document, "{{ loop.index }}．{{ entry.title }}", "小标题")
    for line in (
        "文书：{{ entry.kind }}，文件名：{{ entry.document }}",
        "受理部门：{{ entry.addressee }}",
        "办理渠道：{{ entry.channel }}{% if entry.channel_inferred %}（推定，原文未写明）{% endif %}",
        "咨询电话：{{ entry.phone }}",
        "金额：{{ entry.amount }}",
        "截止日期：{{ entry.deadline }}",
        "材料：{% if entry.materials %}{{ entry.materials|join('；') }}"
        "{% else %}原文未列明，请按受理部门的要求准备{% endif %}",
    ):
        para(document, line, "清单")
    para(document, "{%p if entry.checks %}", "清单")
    para(document, "办理前请核对：", "清单")
    para(document, "{%p for check in entry.checks %}", "清单")
    para(document, "（{{ loop.index }}）{{ check }}", "清单")
    para(document, "{%p endfor %}", "清单")
    para(document, "{%p endif %}", "清单")
    para(document, "{%p endfor %}")
    return document


#: Report table columns: heading and width in mm (156 mm = A4 minus the 28 + 26 mm side margins).
REPORT_COLUMNS = (
    ("措施", 42),
    ("金额", 22),
    ("渠道", 18),
    ("截止日期", 24),
    ("文书文件名", 50),
)
CELL_MARGIN_MM = 1


def _cell_text(cell: Any, lines: list[str], style: str) -> None:
    cell.paragraphs[0].text = lines[0]
    cell.paragraphs[0].style = style
    for line in lines[1:]:
        cell.add_paragraph(line, style=style)


def _fix_widths(table: Any) -> None:
    """Fixed layout with explicit column widths and narrow cell margins, so Word, WPS and LibreOffice agree.

    Elements of w:tblPr must keep the schema's order, or Word calls the file damaged: tblW is edited in
    place, tblLayout comes from python-docx, and tblCellMar goes right before tblLook.
    """
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(sum(int(Mm(mm).twips) for _, mm in REPORT_COLUMNS)))
    width.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(Mm(CELL_MARGIN_MM).twips)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)
    for index, (_, mm) in enumerate(REPORT_COLUMNS):
        table.columns[index].width = Mm(mm)
        for cell in table.columns[index].cells:
            cell.width = Mm(mm)


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _shade(cell: Any, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _summary_table(document: Any) -> None:
    """The eligible and 待核实 measures: 措施, 金额, 渠道, 截止日期, 文书文件名; one row per measure."""
    rows = ["head", "for_row", "row", "end_row"]
    table = document.add_table(rows=len(rows), cols=len(REPORT_COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    _repeat_header(head)
    for cell, (heading, _) in zip(head.cells, REPORT_COLUMNS, strict=True):
        _cell_text(cell, [heading], "表头")
        _shade(cell, "D9D9D9")
    _cell_text(table.rows[1].cells[0], ["{%tr for r in summary %}"], "表格文字")
    table.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = table.rows[2].cells
    _cell_text(
        cells[0],
        ["{{ r.title }}{% if r.status != '符合条件' %}（{{ r.status }}）{% endif %}", "{{ r.id }}"],
        "表格文字",
    )
    _cell_text(cells[1], ["{{ r.amount }}"], "表格文字")
    _cell_text(cells[2], ["{{ r.channel }}"], "表格文字")
    _cell_text(cells[3], ["{{ r.deadline }}"], "表格文字")
    _cell_text(cells[4], ["{{ r.document }}"], "表格文字")
    _cell_text(table.rows[3].cells[0], ["{%tr endfor %}"], "表格文字")
    _fix_widths(table)


LIST_LINE = "{{ item.title }}（{{ item.id }}）：{{ item.text }}。"


def report() -> Any:
    """政策体检报告: page 1 the totals and the eligible table; then open questions, then short lists."""
    document = new_document("政策体检报告")
    para(document, "政策体检报告", "文书标题")
    para(document, "{{ company.name }}", "文书副标题")
    para(document, "统一社会信用代码：{{ company.credit_code }}")
    para(document, "所在区：{{ company.district }}　参考日期：{{ date }}")
    para(document, "一、总体情况", "小标题")
    para(
        document,
        "对照本区政策措施共{{ totals.checked }}项：符合条件{{ totals.eligible }}项，"
        "{% if totals.needs_check %}待核实{{ totals.needs_check }}项，{% endif %}"
        "需补充信息{{ totals.needs_info }}项，不符合{{ totals.not_eligible }}项"
        "{% if totals.expired or totals.not_yet_valid or totals.draft %}，"
        "已过期、未施行或待审核{{ totals.expired + totals.not_yet_valid + totals.draft }}项{% endif %}。"
        "符合条件措施的金额合计{{ totals.amount }}（大写：{{ totals.capital }}）"
        "{% if totals.unspecified %}，另有{{ totals.unspecified }}项原文未给出金额，未计入合计{% endif %}。",
    )
    para(document, "{%p if summary %}")
    _summary_table(document)
    para(document, "{%p if document_prefix %}")
    para(document, "表中文书文件名均省略了开头的“{{ document_prefix }}”。", "说明")
    para(document, "{%p endif %}")
    para(document, "{%p else %}")
    para(document, "暂无符合条件的措施。")
    para(document, "{%p endif %}")
    para(document, "二、尚未回答、可能改变结果的问题", "小标题")
    numbered(
        document,
        "questions",
        "{{ loop.index }}．{{ item.label }}（影响{{ item.count }}项措施{% if item.worth %}，"
        "最多涉及{{ item.worth }}{% endif %}）。",
        empty="无。",
        style="列表",
    )
    para(document, "{%p if checks %}")
    para(document, "待核实的条件（须由受理部门确认）", "小标题")
    loop(document, "checks", LIST_LINE, "列表")
    para(document, "{%p endif %}")
    para(document, "{%p if pending %}")
    para(document, "需补充信息的措施：{{ pending|length }}项，所缺信息见上列问题", "小标题")
    para(
        document,
        "{% for item in pending %}{{ item.title }}（{{ item.id }}）{% if not loop.last %}、{% endif %}{% endfor %}。",
        "列表",
    )
    para(document, "{%p endif %}")
    para(document, "{%p if failed %}")
    para(document, "不符合的措施", "小标题")
    loop(document, "failed", LIST_LINE, "列表")
    para(document, "{%p endif %}")
    para(document, "{%p if inactive %}")
    para(document, "已过期、未施行或待审核的措施：{{ inactive|length }}项", "小标题")
    loop(document, "inactive", "{{ item.title }}（{{ item.id }}）：{{ item.text }}。", "列表")
    para(document, "{%p endif %}")
    para(document, "{%p if readings %}")
    para(document, "条款理解说明", "小标题")
    loop(document, "readings", LIST_LINE, "列表")
    para(document, "{%p endif %}")
    para(document, "依据的政策文件", "小标题")
    numbered(document, "documents", "{{ loop.index }}．{{ item }}。", empty="无。", style="列表")
    para(document, "{%p for note in pack_notes %}", "列表")
    para(document, "{{ note.citation }}：{{ note.notes|join('；') }}。", "列表")
    para(document, "{%p endfor %}", "列表")
    para(
        document,
        "说明：本报告由{{ program }}根据企业填报的信息和政策原文生成，仅供参考，以受理部门审核结果为准。"
        "渠道标注“推定”的，政策原文未写明办理渠道；各项文书的受理部门、电话、材料和须核对的事项见办理清单。"
        "适用于其他区或面向个人的{{ totals.not_applicable }}项措施未列出。",
        "说明",
    )
    return document


FIXED_TIME = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)

#: word/fontTable.xml: every font the templates name, with charset 86 (GB2312) and a family, so that
#: Word substitutes a Chinese font of the same kind where one is missing; 方正小标宋简体 names
#: 华文中宋 as its alternative, and 宋体 is on every Chinese Windows.
FONTS = (
    (LATIN, None, "00", "roman", "02020603050405020304"),
    (FANGSONG, "FangSong", "86", "modern", "02010609060101010101"),
    (HEITI, "SimHei", "86", "modern", "02010609060101010101"),
    (SONGTI, "SimSun", "86", "auto", "02010600030101010101"),
    (TITLE_FONT, "华文中宋", "86", "roman", "02010600030101010101"),
    ("华文中宋", "STZhongsong", "86", "auto", "02010600040101010101"),
)


def font_table() -> bytes:
    """The font table: names, alternatives, charsets and families of the fonts the styles use."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    parts = [f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<w:fonts xmlns:w=\"{ns}\">"]
    for name, alt, charset, family, panose in FONTS:
        alt_xml = f'<w:altName w:val="{alt}"/>' if alt else ""
        parts.append(
            f'<w:font w:name="{name}">{alt_xml}<w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
            f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
        )
    parts.append("</w:fonts>")
    return "".join(parts).encode()


def reproducible(document: Any) -> bytes:
    """The .docx bytes with fixed dates, so that running the script again changes nothing in git."""
    props = document.core_properties
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            data = font_table() if info.filename == "word/fontTable.xml" else source.read(info.filename)
            target.writestr(fixed, data)
    return out.getvalue()


TEMPLATES = {
    "申请书.docx": application,
    "办理指引.docx": online_guide,
    "告知书.docx": notice,
    "体检报告.docx": report,
    "办理清单.docx": checklist,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "templates", help="输出文件夹（默认 templates/）")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name, build in TEMPLATES.items():
        path = args.out / name
        path.write_bytes(reproducible(build()))
        print(f"已写入 {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
