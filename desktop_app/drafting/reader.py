"""A policy document's text from .txt, .docx (paragraphs and table cells) or a text-layer .pdf, reflowed."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from desktop_app.errors import UserError

SUPPORTED = (".txt", ".docx", ".pdf")
MAX_BYTES = 50 * 1024 * 1024


class DocumentError(UserError):
    """The document cannot be read; the message says why and what to do, in Chinese."""


def _read_txt(path: Path) -> str:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{path.name}：无法识别文本编码，请另存为 UTF-8 编码的 .txt 后重试")


def _cell_text(cell: object) -> str:
    text = "\n".join(p.text for p in cell.paragraphs)  # type: ignore[attr-defined]
    return re.sub(r"\s*\n\s*", " ", text).strip()


_CN_NUMERALS = "零一二三四五六七八九十"


def _chinese(n: int) -> str:
    if n <= 10:
        return _CN_NUMERALS[n]
    if n < 20:
        return "十" + (_CN_NUMERALS[n - 10] if n > 10 else "")
    return _CN_NUMERALS[n // 10] + "十" + (_CN_NUMERALS[n % 10] if n % 10 else "")


class _Numbering:
    """Word's automatic list numbers (一、 1. （一）), which python-docx leaves out of paragraph.text."""

    def __init__(self, document: object) -> None:
        from docx.oxml.ns import qn

        self.qn = qn
        self.levels: dict[tuple[str, int], tuple[str, str]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element  # type: ignore[attr-defined]
        except (AttributeError, KeyError, NotImplementedError):
            return
        abstract = {}
        for a in root.findall(qn("w:abstractNum")):
            lvls = {}
            for lvl in a.findall(qn("w:lvl")):
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                lvls[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "%1.") if text is not None else "%1.",
                )
            abstract[a.get(qn("w:abstractNumId"))] = lvls
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            for ilvl, value in abstract.get(ref.get(qn("w:val")) if ref is not None else None, {}).items():
                self.levels[(num.get(qn("w:numId")), ilvl)] = value

    def label(self, paragraph: object) -> str:
        qn = self.qn
        ppr = paragraph._p.pPr  # type: ignore[attr-defined]
        numpr = ppr.find(qn("w:numPr")) if ppr is not None else None
        style = getattr(paragraph, "style", None)
        while (numpr is None or numpr.find(qn("w:numId")) is None) and style is not None:
            style_ppr = style.element.pPr  # a list style numbers its paragraphs (List Number …)
            numpr = style_ppr.find(qn("w:numPr")) if style_ppr is not None else None
            style = style.base_style
        if numpr is None or numpr.find(qn("w:numId")) is None:
            return ""
        num_id = numpr.find(qn("w:numId")).get(qn("w:val"))
        ilvl_el = numpr.find(qn("w:ilvl"))
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        if (num_id, ilvl) not in self.levels:
            return ""
        counts = self.counters.setdefault(num_id, [0] * 9)
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        text = self.levels[(num_id, ilvl)][1]
        for level in range(ilvl + 1):
            fmt = self.levels.get((num_id, level), ("decimal", ""))[0]
            shown = (
                _chinese(counts[level]) if fmt.startswith(("chinese", "ideograph", "japanese")) else str(counts[level])
            )
            text = text.replace(f"%{level + 1}", shown)
        return text


def _read_docx(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a broken package
        raise DocumentError(
            f"{path.name}：不是有效的 Word（.docx）文件（{type(exc).__name__}），请用 Word 另存后重试"
        ) from None
    lines: list[str] = []
    numbering = _Numbering(document)
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            lines.append(numbering.label(paragraph) + paragraph.text)
        elif tag == "tbl":
            table = Table(child, document)
            lines.append("")
            for row in table.rows:
                cells: list[str] = []
                last = None
                for cell in row.cells:
                    if last is not None and cell._tc is last:  # a horizontally merged cell repeats
                        continue
                    last = cell._tc
                    cells.append(_cell_text(cell))
                lines.append("\t".join(cells))
            lines.append("")
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - pypdf is a main dependency
        raise DocumentError("读取 PDF 需要 pypdf，请重新安装本程序") from None
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise DocumentError(f"{path.name}：PDF 无法读取（{exc}），请确认文件完整") from None
    text = "\n".join(pages)
    if len(re.sub(r"\s", "", text)) < 20:
        raise DocumentError(f"{path.name}：PDF 中没有文字层（可能是扫描件），请先做文字识别（OCR）或改用 Word 版本")
    return text


def _fix_radicals(text: str) -> str:
    """Kangxi radicals (⼀ U+2F00…) that PDF text layers put for ideographs → the ideographs themselves."""
    return "".join(unicodedata.normalize("NFKC", ch) if "\u2e80" <= ch <= "\u2fdf" else ch for ch in text)


#: A line ending here ends a sentence.
_ENDS_SENTENCE = re.compile(r"[。！？；：:）)”」』】\]]$")
#: A line starting with this starts a new block.
_STARTS_BLOCK = re.compile(
    r"""^(?:
        [一二三四五六七八九十]+、                  # 一、 a heading
      | [（(][一二三四五六七八九十\d]+[）)]        # （一） or (1)
      | \d{1,3}\s*[.．、](?!\d)                   # 1. an item (not 1.5)
      | 第[一二三四五六七八九十百]+[条章节]        # 第一条
      | 附件 | [（(]?责任单位                      # 附件, （责任单位：…）
      | \t                                        # a table row
    )""",
    re.VERBOSE,
)
#: Lines that are layout, not text: page numbers; and lines that stand alone, never joined to the one
#: before or after: the 成文日期 line, a 文号 ending its line.
_PAGE_NUMBER = re.compile(r"^\s*[-—–－]*\s*\d{1,3}\s*[-—–－]*\s*$|^\s*第\s*\d{1,3}\s*页(?:\s*共\s*\d+\s*页)?\s*$")
_STANDS_ALONE = re.compile(
    r"^\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,6}月.{1,6}日\s*$"  # 成文日期
    r"|〔\s*\d{4}\s*〕\s*\d+\s*号\s*$"  # 文号
)


def reflow(raw: str) -> str:
    """Join lines a layout broke inside a sentence; keep one item, heading or table row per line."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\xa0", " ")
    text = _fix_radicals(text)
    out: list[str] = []
    for line in text.split("\n"):
        is_row = "\t" in line.strip(" ") or line.startswith("\t")
        line = line.rstrip() if is_row else line.strip()
        line = line.replace("**", "") if not is_row else line
        if not line.strip() or _PAGE_NUMBER.match(line):
            continue
        if out and not is_row and "\t" not in out[-1]:
            prev = out[-1]
            joinable = not (
                _ENDS_SENTENCE.search(prev)
                or _STARTS_BLOCK.match(line)
                or _STANDS_ALONE.search(prev)
                or _STANDS_ALONE.search(line)
                or prev.endswith(("文件", "表", "清单"))
                or re.fullmatch(r"附件\s*\d*[:：]?", prev) is not None
            )
            if joinable:
                out[-1] = prev + line
                continue
        out.append(line)
    return "\n".join(out) + "\n"


def read_document(path: Path) -> str:
    """The document's reflowed text. Raises :class:`DocumentError` with a Chinese message."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise DocumentError(
            f"{path.name}：不支持的文件类型 {suffix or '（无扩展名）'}，请使用 .txt、.docx 或带文字层的 .pdf"
        )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DocumentError(f"{path.name}：文件超过 50 MB，不像是政策文件")
        raw = {".txt": _read_txt, ".docx": _read_docx, ".pdf": _read_pdf}[suffix](path)
    except FileNotFoundError:
        raise DocumentError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise DocumentError(f"{path} 是文件夹，请选择一个文件") from None
    except PermissionError:
        raise DocumentError(f"{path.name}：没有读取权限，请检查文件权限或关闭占用它的程序") from None
    text = reflow(raw)
    if len(re.sub(r"\s", "", text)) < 20:
        raise DocumentError(f"{path.name}：文件中几乎没有文字，请确认选择的是政策文件正文")
    return text
