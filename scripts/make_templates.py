"""Write the shipped letter templates (templates/*.docx) with python-docx: run after changing this file.

    python scripts/make_templates.py [--out DIR]

The templates are ordinary Word files that staff may edit; the tags they contain are described in
docs/templates.md. Formatting follows GB/T 9704-2012 as domain-notes.md "Letters" summarises it:
A4, margins 37/35/28/26 mm (top/bottom/left/right), title 黑体 二号 (22 pt) centred, body 仿宋
三号 (16 pt) on a 28 pt line. Every font sets ``w:eastAsia`` and drops the theme fonts, or Word
would fall back to its theme font for Chinese. Paragraphs use named styles (文书标题, 文书正文, 落款 …)
so that the preview (documents/preview.py) can map them to HTML classes. The body style is 文书正文,
not 正文: Chinese Word shows its built-in Normal style as 正文, and two styles of one name confuse staff.
Style ids are ASCII and start with Letter, clear of the ids of python-docx's built-in styles.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
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
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_PT = 10.5  # 五号
LINE_PT = 28  # a fixed line, about 22 lines on a page
INDENT = Pt(2 * BODY_PT)  # two characters


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


LEFT, CENTER, RIGHT, JUSTIFY = (
    WD_ALIGN_PARAGRAPH.LEFT,
    WD_ALIGN_PARAGRAPH.CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT,
    WD_ALIGN_PARAGRAPH.JUSTIFY,
)
STYLES: dict[str, StyleSpec] = {
    "文书标题": StyleSpec("LetterTitle", HEITI, TITLE_PT, CENTER, line=36, after=LINE_PT),
    "文书副标题": StyleSpec("LetterSubtitle", align=CENTER, after=LINE_PT / 2),
    "称谓": StyleSpec("LetterAddressee"),
    "文书正文": StyleSpec("LetterBody", align=JUSTIFY, first_line=INDENT),
    "小标题": StyleSpec("LetterHeading", HEITI, first_line=INDENT, keep_with_next=True),
    "附件": StyleSpec("LetterAttachment", first_line=INDENT, keep_with_next=True),
    "附件条目": StyleSpec("LetterAttachmentItem", left=Pt(5 * BODY_PT), keep_with_next=True),
    "落款": StyleSpec("LetterSignature", align=RIGHT, keep_with_next=True),
    "联系方式": StyleSpec("LetterContact", first_line=INDENT),
    "说明": StyleSpec("LetterRemark", size=12, align=JUSTIFY, line=None),
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
        set_cjk_font(style, style.element, LATIN, spec.font)
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


def new_document(title: str, *, landscape: bool = False) -> Any:
    """An empty A4 document with the letter styles and GB/T 9704 margins."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(20)
    _slim(document)
    _set_defaults(document)
    _add_styles(document)
    props = document.core_properties
    props.author = "惠企政策申报助手"
    props.title = title
    props.comments = "文书模板：花括号标记中的内容由程序填写，说明见 docs/templates.md"
    props.last_modified_by = "惠企政策申报助手"
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


FACT_LINE = "{{ loop.index }}．{{ item.text }}{% if item.detail %}（{{ item.detail }}）{% endif %}。"
AMOUNT_LINE = (
    "{% if amount.known %}{{ amount.figures }}（大写：{{ amount.capital }}）。"
    "{% else %}{{ amount.figures }}。{% endif %}"
)
CONTACT_LINE = "{{ contact.units }}：{{ contact.phone }}{{ contact.phone_note }}"


def channel_warning(document: Any) -> None:
    para(document, "{%p if not channel.from_document %}")
    para(document, "请注意：{{ channel.note }}")
    para(document, "{%p endif %}")


def contact_section(document: Any, heading: str) -> None:
    para(document, heading, "小标题")
    para(document, CONTACT_LINE)
    para(document, "{%p if contact.note %}")
    para(document, "{{ contact.note }}。")
    para(document, "{%p endif %}")


def application() -> Any:
    """申请书, for 直接申请 measures: addressed to the unit that takes the application."""
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
        "本企业经对照，符合上述规定，现申请{{ measure.title }}。",
    )
    para(document, "{%p if facts %}")
    para(document, "本企业的具体情况如下：")
    para(document, "{%p for item in facts %}")
    para(document, FACT_LINE)
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")
    para(document, "申请金额：" + AMOUNT_LINE)
    para(document, "{%p if amount.known %}")
    para(document, "计算依据：{{ amount.basis }}。")
    para(document, "{%p endif %}")
    para(document, "本企业承诺所提供的材料真实、准确、完整。")
    keep(para(document, "特此申请。"))
    keep(para(document, ""))
    para(document, "{%p if materials %}")
    para(document, "附件：", "附件")
    para(document, "{%p for item in materials %}")
    para(document, "{{ loop.index }}．{{ item }}", "附件条目")
    para(document, "{%p endfor %}")
    para(document, "{%p else %}")
    para(document, "附件：（请按受理部门要求提供相关证明材料）", "附件")
    para(document, "{%p endif %}")
    keep(para(document, ""))
    keep(para(document, ""))
    para(document, "{{ company.name }}（盖章）", "落款")
    para(document, "{{ date }}", "落款")
    para(document, "")
    para(document, "联系人：{{ company.contact_person }}", "联系方式")
    para(document, "联系电话：{{ company.contact_phone }}", "联系方式")
    para(
        document,
        "办理提示（提交前可删除）：受理部门 {{ contact.units }}，咨询电话 {{ contact.phone }}{{ contact.phone_note }}。"
        "{% if channel.note %}{{ channel.note }}{% endif %}",
        "说明",
    )
    return document


def online_guide() -> Any:
    """办理指引: for 一网通办 measures, and for measures claimed at filing time or at a bank (channel.letter)."""
    document = new_document("办理指引")
    para(document, "{{ measure.title }}办理指引", "文书标题")
    para(document, "（{{ company.name }}　统一社会信用代码：{{ company.credit_code }}）", "文书副标题")
    para(document, "一、政策依据", "小标题")
    para(document, "{{ policy.citation }}{{ measure.clause }}：“{{ measure.quote }}”")
    para(document, "政策有效期：{{ measure.validity }}。")
    para(document, "二、办理渠道", "小标题")
    para(document, "办理方式：{{ channel.kind }}。{{ channel.detail }}。")
    channel_warning(document)
    para(document, '{%p if channel.kind == "一网通办" %}')
    para(
        document,
        "网上办理：登录上海市“一网通办”平台（网站或“随申办”App 的企业服务专区），"
        "查找与本政策对应的办理事项（事项名称以平台公布为准），按页面提示填写信息、上传材料并提交。",
    )
    para(document, "{%p else %}")
    para(document, "办理方法：{{ channel.detail }}。无需另行提交申请书；具体手续以受理部门或银行的要求为准。")
    para(document, "{%p endif %}")
    para(document, "三、本企业符合的条件", "小标题")
    numbered(document, "facts", FACT_LINE, empty="政策原文未设附加条件。")
    para(document, "四、预计金额", "小标题")
    para(document, AMOUNT_LINE)
    para(document, "{%p if amount.known %}")
    para(document, "计算依据：{{ amount.basis }}。")
    para(document, "{%p endif %}")
    para(document, "五、需准备的材料", "小标题")
    numbered(
        document,
        "materials",
        "{{ loop.index }}．{{ item }}。",
        empty="政策原文未列明申请材料，请按平台页面或受理部门的要求准备相关证明材料。",
    )
    para(document, "六、办理前请核对", "小标题")
    numbered(document, "manual_checks", "{{ loop.index }}．{{ item }}。", empty="无。")
    contact_section(document, "七、咨询电话")
    para(
        document,
        "本指引由{{ program }}于{{ date }}根据企业填报的信息和政策原文生成，仅供参考；"
        "办理要求和审核结果以受理部门为准。",
        "说明",
    )
    return document


def notice() -> Any:
    """告知书, for 免申即享 measures: nothing to file; what to expect and whom to call."""
    document = new_document("免申即享告知书")
    para(document, "{{ measure.title }}告知书", "文书标题")
    para(document, "（统一社会信用代码：{{ company.credit_code }}）", "文书副标题")
    para(document, "{{ company.name }}：", "称谓")
    para(
        document,
        "根据{{ policy.citation }}{{ measure.clause }}：“{{ measure.quote }}”"
        "本项政策实行“免申即享”：政府部门根据已掌握的数据主动核定，符合条件的企业无需提交申请。",
    )
    channel_warning(document)
    para(document, "{%p if facts %}")
    para(document, "对照贵企业填报的信息，贵企业符合以下条件：")
    para(document, "{%p for item in facts %}")
    para(document, FACT_LINE)
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")
    para(document, "一、预计可享受的金额", "小标题")
    para(document, AMOUNT_LINE)
    para(document, "{%p if amount.known %}")
    para(document, "计算依据：{{ amount.basis }}。")
    para(document, "{%p endif %}")
    para(document, "二、您需要做什么", "小标题")
    para(document, "办理方式：{{ channel.detail }}。")
    para(
        document,
        "如接到相关部门通知，要求确认企业信息或银行账户，请及时配合；请确保企业在相关部门登记的信息准确、有效。",
    )
    para(document, "{%p if materials %}")
    para(document, "政策原文提到以下材料，请备好以便核对：")
    para(document, "{%p for item in materials %}")
    para(document, "{{ loop.index }}．{{ item }}。")
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")
    para(document, "三、何时兑现", "小标题")
    para(document, "政策有效期：{{ measure.validity }}。具体兑现时间以主管部门的通知为准。")
    para(document, "四、请核对", "小标题")
    numbered(document, "manual_checks", "{{ loop.index }}．{{ item }}。", empty="无。")
    contact_section(document, "五、咨询电话")
    para(document, "")
    para(document, "{{ program }}", "落款")
    para(document, "{{ date }}", "落款")
    para(
        document,
        "本告知书由{{ program }}根据企业填报的信息和政策原文生成，仅供参考；是否兑现及金额以主管部门核定为准。",
        "说明",
    )
    return document


#: Report table columns: heading and width in mm (156 mm = A4 minus the 28 + 26 mm side margins).
REPORT_COLUMNS = (
    ("措施及依据", 35),
    ("状态", 17),
    ("金额", 23),
    ("联系电话", 24),
    ("有效期", 25),
    ("待回答问题与核对事项", 32),
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


def report() -> Any:
    """政策体检报告: every measure of the district by channel, with totals and the reference date."""
    document = new_document("政策体检报告")
    para(document, "政策体检报告", "文书标题")
    para(document, "{{ company.name }}", "文书副标题")
    para(document, "统一社会信用代码：{{ company.credit_code }}　所在区：{{ company.district }}")
    para(document, "参考日期：{{ date }}（政策是否有效、是否过期均按此日期判断）")
    para(document, "一、总体情况", "小标题")
    para(
        document,
        "对照本区政策措施共{{ totals.checked }}项：符合条件{{ totals.eligible }}项，"
        "需补充信息{{ totals.needs_info }}项，不符合{{ totals.not_eligible }}项，"
        "已过期或尚未施行{{ totals.expired }}项。",
    )
    para(
        document,
        "符合条件措施的金额合计：{{ totals.amount }}（大写：{{ totals.capital }}）"
        "{% if totals.unspecified %}；另有{{ totals.unspecified }}项金额以实施细则为准，未计入合计{% endif %}。",
    )
    para(document, "本报告依据的政策文件：")
    para(document, "{%p for item in documents %}")
    para(document, "{{ loop.index }}．{{ item }}。")
    para(document, "{%p endfor %}")
    para(document, "二、逐项情况（按办理渠道）", "小标题")

    rows = ["head", "for_group", "group", "for_row", "row", "end_row", "end_group"]
    table = document.add_table(rows=len(rows), cols=len(REPORT_COLUMNS))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    head = table.rows[0]
    _repeat_header(head)
    for cell, (heading, _) in zip(head.cells, REPORT_COLUMNS, strict=True):
        _cell_text(cell, [heading], "表头")
        _shade(cell, "D9D9D9")
    _cell_text(table.rows[1].cells[0], ["{%tr for g in groups %}"], "表格文字")
    group = table.rows[2].cells[0].merge(table.rows[2].cells[-1])
    _cell_text(group, ["{{ g.heading }}：{{ g.count }}项"], "表格分组")
    _shade(group, "F2F2F2")
    _cell_text(table.rows[3].cells[0], ["{%tr for r in g.rows %}"], "表格文字")
    table.rows[4]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    cells = table.rows[4].cells
    _cell_text(cells[0], ["{{ r.title }}", "{{ r.id }}", "{{ r.clause }}"], "表格文字")
    _cell_text(cells[1], ["{{ r.status }}"], "表格文字")
    _cell_text(cells[2], ["{{ r.amount }}"], "表格文字")
    _cell_text(cells[3], ["{{ r.units }}", "{{ r.phone }}{{ r.phone_note }}"], "表格文字")
    _cell_text(cells[4], ["{{ r.validity }}"], "表格文字")
    _cell_text(cells[5], ["{{ r.remarks }}"], "表格文字")
    _cell_text(table.rows[5].cells[0], ["{%tr endfor %}"], "表格文字")
    _cell_text(table.rows[6].cells[0], ["{%tr endfor %}"], "表格文字")
    _fix_widths(table)

    para(document, "三、尚未回答、可能改变结果的问题", "小标题")
    numbered(
        document,
        "questions",
        "{{ loop.index }}．{{ item.label }}（影响{{ item.count }}项措施{% if item.worth %}，"
        "最多涉及{{ item.worth }}{% endif %}）。",
        empty="无。",
    )
    para(document, "{%p if pack_notes %}")
    para(document, "四、各政策文件的共同核对事项", "小标题")
    para(document, "{%p for note in pack_notes %}")
    para(document, "{{ note.citation }}：{{ note.notes|join('；') }}。")
    para(document, "{%p endfor %}")
    para(document, "{%p endif %}")
    para(
        document,
        "说明：本报告由{{ program }}根据企业填报的信息和政策原文生成，仅供参考，以受理部门审核结果为准。"
        "电话为“________”的，政策原文未载联系电话，请向受理部门核实后填写；"
        "标注“推定”的办理渠道为本程序根据原文推定，原文未写明。"
        "适用于其他区或面向个人的{{ totals.not_applicable }}项措施未列出。",
        "说明",
    )
    para(document, "")
    para(document, "{{ program }}", "落款")
    para(document, "{{ date }}", "落款")
    return document


FIXED_TIME = dt.datetime(2023, 1, 1, tzinfo=dt.timezone.utc)


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
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


TEMPLATES = {
    "申请书.docx": application,
    "办理指引.docx": online_guide,
    "告知书.docx": notice,
    "体检报告.docx": report,
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
