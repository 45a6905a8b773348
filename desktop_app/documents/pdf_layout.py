"""Lay a .docx out as Word does: lines broken and justified, exact line pitch, pages kept together, footers.

One layout pass produces positioned text, rules and fills per page (:class:`Layout`); the PDF writer
(:mod:`desktop_app.documents.pdf`) and the wizard's print painter (``ui/print_painter.py``) only paint
it, so the PDF and the printout match. Lengths are points, y grows downwards from the page top.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from desktop_app.documents.fonts import FontFace, resolve_installed
from desktop_app.documents.pdf_docx import read_docx
from desktop_app.documents.pdf_face import metrics
from desktop_app.documents.pdf_model import DocxContent, Para, ParaFormat, RunStyle, Span, Table
from desktop_app.documents.preview import NO_CJK_FONT, PreviewError

#: May not begin a line (closing punctuation; GB/T 15834 and Word's default kinsoku set).
NO_LINE_START = set("!%),.:;?]}¢°·’”†‡›℃∶、。〃〆〕〗〞﹚﹜！＂％＇），．：；？］｝～…—‥〉》」』】〙〛")
#: Marks that may hang past the right margin instead of pulling the character before them down.
HANGING = set("，。、；：！？）」』》〉】〕”’")
#: May not end a line (opening punctuation).
NO_LINE_END = set("$([{£¥·‘“〈《「『【〔〖〘〚〝﹙﹛＄（．［｛￡￥")


@dataclass(frozen=True, slots=True)
class TextItem:
    x: float
    y: float  # baseline
    text: str
    face: FontFace
    size: float
    color: str | None = None
    spacing: float = 0.0  # added to every glyph's advance (w:spacing; the PDF's Tc, Qt's letter spacing)

    def advance(self) -> float:
        """How far the text moves the pen: its glyphs' widths and the character spacing after each."""
        return sum(metrics(self.face).width(c) for c in self.text) * self.size + len(self.text) * self.spacing


@dataclass(frozen=True, slots=True)
class RectItem:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True, slots=True)
class RuleItem:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float


Item = TextItem | RectItem | RuleItem


@dataclass(slots=True)
class Page:
    items: list[Item] = field(default_factory=list)
    #: (top, bottom, style text) of each body line, for tests and the pagination rules.
    lines: list[tuple[float, float, str]] = field(default_factory=list)


@dataclass(slots=True)
class Layout:
    width: float
    height: float
    pages: list[Page]
    title: str = ""


@lru_cache(maxsize=64)
def _faces(latin: str | None, east_asia: str | None, bold: bool) -> tuple[FontFace, FontFace]:
    cjk = resolve_installed(east_asia, bold=bold) or resolve_installed("宋体", bold=bold)
    if cjk is None:
        raise PreviewError(NO_CJK_FONT)
    return resolve_installed(latin, bold=bold) or cjk, cjk


def face_for(char: str, style: RunStyle) -> FontFace:
    """Word's rule: East Asian font for CJK and the punctuation it shares (U+2000 up), the Latin one below."""
    latin, cjk = _faces(style.latin, style.east_asia, style.bold)
    if ord(char) < 0x2000 and metrics(latin).has(char):
        return latin
    return cjk


def check_fonts() -> None:
    """Raise :class:`~desktop_app.documents.preview.PreviewError` when no Chinese font is installed."""
    _faces(None, "宋体", False)


# ---------------------------------------------------------------------------- paragraphs -> lines
@dataclass(slots=True)
class _Piece:
    text: str
    face: FontFace
    style: RunStyle
    width: float
    extra: float = 0.0  # space added after the glyph (autospace): the next glyph starts a new text run


@dataclass(slots=True)
class _Box:
    pieces: list[_Piece]
    width: float
    space: bool = False
    tab: bool = False
    newline: bool = False


@dataclass(slots=True)
class Line:
    height: float
    baseline: float  # from the line's top
    items: list[Item]
    text: str


#: The space Word and LibreOffice put between 汉字 and Latin letters or digits, in em (measured: 3.8 pt at 16 pt).
AUTOSPACE = 0.24


def _ideograph(char: str) -> bool:
    code = ord(char)
    return 0x3400 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or code >= 0x20000


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _is_cjk(char: str) -> bool:
    return ord(char) >= 0x2E80 or char in NO_LINE_START or char in NO_LINE_END


def _boxes(spans: list[Span], fields: dict[str, str]) -> list[_Box]:
    boxes: list[_Box] = []
    word: list[_Piece] = []

    def flush() -> None:
        if word:
            boxes.append(_Box(list(word), sum(p.width for p in word)))
            word.clear()

    previous = ""
    for span in spans:
        text = fields.get(span.field, "") if span.field else span.text
        for char in text:
            if previous and ((_ideograph(previous) and _latin(char)) or (_latin(previous) and _ideograph(char))):
                # Word's and LibreOffice's default autoSpaceDE/DN: a quarter em between 汉字 and Latin/digits.
                last = word[-1] if word else (boxes[-1].pieces[-1] if boxes and boxes[-1].pieces else None)
                if last is not None:
                    extra = AUTOSPACE * span.style.size
                    last.width += extra
                    last.extra += extra
                    if not word:
                        boxes[-1].width += extra
            previous = char
            if char == "\n":
                flush()
                boxes.append(_Box([], 0.0, newline=True))
                continue
            face = face_for(char if char != "\t" else " ", span.style)
            # Word's character spacing (w:spacing, -0.25 pt in the templates so 28 三号 characters fit a line)
            # is part of every character's advance, the last one on a line included.
            advance = metrics(face).width(char) * span.style.size + span.style.spacing
            piece = _Piece(char, face, span.style, advance)
            if char == "\t":
                flush()
                boxes.append(_Box([piece], 0.0, tab=True))
            elif char == " " or char == "\u3000":
                flush()
                boxes.append(_Box([piece], piece.width, space=True))
            elif _is_cjk(char):
                flush()
                boxes.append(_Box([piece], piece.width))
            else:
                # No break after "-": a measure id (qingpu-2023-1.2b) split at a line end loses its hyphen to
                # text extraction (pdftotext joins "2023-" + "1.2b" as a hyphenated word) and cannot be found.
                word.append(piece)
    flush()
    # Kinsoku: closing punctuation sticks to the box before it, opening punctuation to the box after it.
    merged: list[_Box] = []
    for box in boxes:
        first = box.pieces[0].text[0] if box.pieces else ""
        if merged and first in NO_LINE_START and not merged[-1].newline and not merged[-1].tab:
            merged[-1].pieces += box.pieces
            merged[-1].width += box.width
            merged[-1].space = False
        else:
            merged.append(box)
    out: list[_Box] = []
    for box in merged:
        if out and out[-1].pieces and out[-1].pieces[-1].text in NO_LINE_END and not (box.newline or box.tab):
            out[-1].pieces += box.pieces
            out[-1].width += box.width
        else:
            out.append(box)
    return out


def _hanging(box: _Box) -> float:
    """Width of a closing full-width mark that may hang past the margin (Word's default overflowPunct)."""
    if box.pieces and box.pieces[-1].text in HANGING:
        return box.pieces[-1].width
    return 0.0


def _split_wide(box: _Box, avail: float) -> list[_Box]:
    """A word wider than the line, cut where it must be (Word does the same)."""
    parts: list[_Box] = []
    current: list[_Piece] = []
    width = 0.0
    for piece in box.pieces:
        if current and width + piece.width > avail:
            parts.append(_Box(current, width))
            current, width = [], 0.0
        current.append(piece)
        width += piece.width
    parts.append(_Box(current, width))
    return parts


def layout_paragraph(para: Para, width: float, tab_stop: float, fields: dict[str, str] | None = None) -> list[Line]:
    """The paragraph's lines for a text column ``width`` points wide (x relative to the column)."""
    fmt = para.fmt
    boxes = _boxes(para.spans, fields or {})
    raw: list[tuple[list[_Box], bool]] = []  # (boxes, ends with a forced break or the paragraph)
    line: list[_Box] = []
    used = 0.0

    def avail_for(index: int) -> float:
        return width - fmt.left - fmt.right - (fmt.first_line if index == 0 else 0.0)

    def start_x(index: int) -> float:
        return fmt.left + (fmt.first_line if index == 0 else 0.0)

    queue = list(boxes)
    while queue:
        box = queue.pop(0)
        avail = avail_for(len(raw))
        if box.newline:
            raw.append((line, True))
            line, used = [], 0.0
            continue
        if box.tab:
            x = start_x(len(raw)) + used
            stop = (int(x / tab_stop) + 1) * tab_stop if tab_stop > 0 else x
            box = _Box(box.pieces, max(0.0, stop - x), tab=True)
        if line and used + box.width - _hanging(box) > avail + 0.01 and not box.space:
            raw.append((line, False))
            line, used = [], 0.0
            avail = avail_for(len(raw))
        if not line and box.width > avail + 0.01 and len(box.pieces) > 1:
            queue[:0] = _split_wide(box, avail)
            continue
        if not line and box.space and raw and not raw[-1][1]:
            continue  # a space where a line broke is dropped
        line.append(box)
        used += box.width
    raw.append((line, True))

    lines: list[Line] = []
    for index, (row, last) in enumerate(raw):
        while row and row[-1].space:
            row = row[:-1]
        lines.append(_place_line(row, index, last, fmt, para.mark, avail_for(index), start_x(index)))
    return lines


def _place_line(
    row: list[_Box], index: int, last: bool, fmt: ParaFormat, mark: RunStyle, avail: float, x0: float
) -> Line:
    natural = sum(b.width for b in row)
    extra = max(0.0, avail - natural)
    gap = 0.0
    if fmt.align == "center":
        x0 += extra / 2
    elif fmt.align == "right":
        x0 += extra
    elif (fmt.align == "both" and not last) or fmt.align == "distribute":
        gap = extra / (len(row) - 1) if len(row) > 1 else 0.0
    pieces = [(p, b) for b in row for p in b.pieces]
    if pieces:
        ascent = max(metrics(p.face).ascent * p.style.size for p, _ in pieces)
        descent = max(metrics(p.face).descent * p.style.size for p, _ in pieces)
    else:
        face = face_for("中", mark)
        ascent, descent = metrics(face).ascent * mark.size, metrics(face).descent * mark.size
    natural_h = ascent + descent
    if fmt.line_rule == "exact":
        height = fmt.line
        baseline = height * ascent / natural_h if natural_h else height * 0.8
    elif fmt.line_rule == "atLeast":
        height = max(fmt.line, natural_h)
        baseline = height - descent
    else:
        height = natural_h * fmt.line
        baseline = height - descent
    items: list[Item] = []
    x = x0
    run: list[_Piece] = []
    run_x = x

    def flush() -> None:
        if run:
            first = run[0]
            text = "".join(p.text for p in run)
            style = first.style
            items.append(TextItem(run_x, baseline, text, first.face, style.size, style.color, style.spacing))
            run.clear()

    for number, box in enumerate(row):
        if box.tab or box.space or gap:
            flush()
        for piece in box.pieces:
            if box.tab:
                break
            if run and (piece.face != run[-1].face or piece.style != run[-1].style):
                flush()
            if not run:
                run_x = x
            run.append(piece)
            if piece.style.underline:
                under = baseline + piece.style.size * 0.15
                items.append(RuleItem(x, under, x + piece.width, under, max(0.5, piece.style.size * 0.05)))
            x += piece.width
            if piece.extra:
                flush()
        if box.tab:
            x += box.width
        if gap and number < len(row) - 1:
            flush()
            x += gap
    flush()
    text = "".join(p.text for b in row for p in b.pieces if not b.tab)
    return Line(height=height, baseline=baseline, items=items, text=text)


def paragraph_height(lines: list[Line], fmt: ParaFormat) -> float:
    return fmt.before + sum(line.height for line in lines) + fmt.after


def shift(items: Sequence[Item], dx: float, dy: float) -> list[Item]:
    """``items`` moved by (dx, dy)."""
    out: list[Item] = []
    for item in items:
        if isinstance(item, TextItem):
            out.append(TextItem(item.x + dx, item.y + dy, item.text, item.face, item.size, item.color, item.spacing))
        elif isinstance(item, RectItem):
            out.append(RectItem(item.x + dx, item.y + dy, item.w, item.h, item.fill))
        else:
            out.append(RuleItem(item.x1 + dx, item.y1 + dy, item.x2 + dx, item.y2 + dy, item.width))
    return out


def layout_docx(source: Path | bytes, *, title: str = "") -> Layout:
    """Read and lay out a .docx. Raises PreviewError when no Chinese font is installed."""
    from desktop_app.documents.pdf_pages import paginate

    check_fonts()
    content: DocxContent = read_docx(source)
    layout = paginate(content, title=title or content.title)
    for face in {item.face for page in layout.pages for item in page.items if isinstance(item, TextItem)}:
        metrics(face).save()  # the widths learnt, for the next run
    return layout


__all__ = ["Layout", "Line", "Page", "RectItem", "RuleItem", "Table", "TextItem", "layout_docx"]
