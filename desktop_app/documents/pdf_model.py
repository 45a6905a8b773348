"""What the PDF layout reads from a .docx: paragraphs and runs with resolved formatting, tables, the page.

Lengths are in points. Filled by documents/pdf_docx.py, laid out by pdf_layout.py and pdf_pages.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RunStyle:
    latin: str | None
    east_asia: str | None
    size: float
    bold: bool = False
    italic: bool = False
    underline: bool = False
    color: str | None = None
    spacing: float = 0.0  # w:spacing: points added to (negative: taken from) every character's advance


@dataclass(slots=True)
class Span:
    """A piece of text in one style; ``field`` is PAGE or NUMPAGES for a page-number field, ``text`` "\\n" a break."""

    text: str
    style: RunStyle
    field: str | None = None


@dataclass(slots=True)
class ParaFormat:
    align: str = "left"  # left, center, right, both, distribute
    line: float = 1.0  # points for exact/atLeast, a multiple of single spacing for auto
    line_rule: str = "auto"
    before: float = 0.0
    after: float = 0.0
    left: float = 0.0
    right: float = 0.0
    first_line: float = 0.0  # negative: hanging
    keep_next: bool = False
    keep_lines: bool = False
    widow: bool = True
    page_break_before: bool = False


@dataclass(slots=True)
class Para:
    spans: list[Span]
    fmt: ParaFormat
    mark: RunStyle  # the paragraph mark's style: an empty paragraph is one line of this size
    page_break_after: bool = False


@dataclass(slots=True)
class Cell:
    blocks: list[Para | Table]
    span: int = 1
    fill: str | None = None
    borders: dict[str, float | None] = field(default_factory=dict)
    v_align: str = "top"
    v_merge: str | None = None  # restart / continue


@dataclass(slots=True)
class Row:
    cells: list[Cell]
    cant_split: bool = False
    header: bool = False
    height: float = 0.0
    exact_height: bool = False


@dataclass(slots=True)
class Table:
    rows: list[Row]
    grid: list[float]
    align: str = "left"
    indent: float = 0.0
    margins: tuple[float, float, float, float] = (0.0, 5.4, 0.0, 5.4)  # top, right, bottom, left
    borders: dict[str, float | None] = field(default_factory=dict)  # side -> line width (None: no line)


@dataclass(slots=True)
class Section:
    width: float = 595.3
    height: float = 841.9
    top: float = 72.0
    right: float = 72.0
    bottom: float = 72.0
    left: float = 72.0
    header_distance: float = 36.0
    footer_distance: float = 36.0
    footers: dict[str, list[Para]] = field(default_factory=dict)  # default / even / first
    headers: dict[str, list[Para]] = field(default_factory=dict)
    tab_stop: float = 36.0


@dataclass(slots=True)
class DocxContent:
    section: Section
    blocks: list[Para | Table]
    title: str = ""
