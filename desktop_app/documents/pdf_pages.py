"""Pagination: body blocks onto pages with widow/orphan control, keep-with-next, keep-lines, table rows, footers."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop_app.documents.pdf_layout import (
    Item,
    Layout,
    Line,
    Page,
    RectItem,
    RuleItem,
    TextItem,
    layout_paragraph,
    paragraph_height,
    shift,
)
from desktop_app.documents.pdf_model import Cell, DocxContent, Para, Section, Table

EPS = 0.01


@dataclass(slots=True)
class _Row:
    height: float
    items: list[Item]  # relative to the row's top-left corner (x relative to the text column)
    header: bool = False
    cant_split: bool = False
    keep_next: bool = False
    text: str = ""


@dataclass(slots=True)
class _Flow:
    section: Section
    pages: list[Page] = field(default_factory=list)
    y: float = 0.0

    def __post_init__(self) -> None:
        self.new_page()

    @property
    def top(self) -> float:
        return self.section.top

    @property
    def bottom(self) -> float:
        return self.section.height - self.section.bottom

    @property
    def at_top(self) -> bool:
        return self.y <= self.top + EPS

    def room(self) -> float:
        return self.bottom - self.y

    def new_page(self) -> None:
        self.pages.append(Page())
        self.y = self.top

    def put(self, items: list[Item], height: float, text: str) -> None:
        page = self.pages[-1]
        page.items += shift(items, self.section.left, self.y)
        page.lines.append((self.y, self.y + height, text))
        self.y += height


def _para_lines(para: Para, width: float, section: Section) -> list[Line]:
    return layout_paragraph(para, width, section.tab_stop)


def _first_lines_height(lines: list[Line], para: Para) -> float:
    count = min(len(lines), 2 if para.fmt.widow and len(lines) > 1 else 1)
    return para.fmt.before + sum(line.height for line in lines[:count])


def paginate(content: DocxContent, *, title: str = "") -> Layout:
    section = content.section
    width = section.width - section.left - section.right
    flow = _Flow(section)
    laid: list[list[Line] | list[_Row]] = []
    for block in content.blocks:
        laid.append(_para_lines(block, width, section) if isinstance(block, Para) else _table_rows(block, width))
    blocks = content.blocks
    for index, block in enumerate(blocks):
        if isinstance(block, Para):
            lines: list[Line] = laid[index]  # type: ignore[assignment]
            if block.fmt.page_break_before and not flow.at_top:
                flow.new_page()
            if block.fmt.keep_next:
                need = _chain_height(blocks, laid, index)
                if need > flow.room() + EPS and need <= flow.bottom - flow.top and not flow.at_top:
                    flow.new_page()
            _place_paragraph(flow, block, lines)
        else:
            _place_rows(flow, laid[index])  # type: ignore[arg-type]
    _footers(flow, width)
    return Layout(width=section.width, height=section.height, pages=flow.pages, title=title)


def _chain_height(blocks: list[Para | Table], laid: list, index: int) -> float:
    """Height of a keep-with-next chain from ``index``: those paragraphs whole, then the next block's start."""
    need = 0.0
    for j in range(index, len(blocks)):
        block = blocks[j]
        if isinstance(block, Table):
            return need + _start_height(laid[j])
        if block.fmt.keep_next and j + 1 < len(blocks):
            need += paragraph_height(laid[j], block.fmt)
            continue
        return need + _first_lines_height(laid[j], block)
    return need


def _place_paragraph(flow: _Flow, para: Para, lines: list[Line]) -> None:
    fmt = para.fmt
    whole = sum(line.height for line in lines)
    if not flow.at_top and fmt.before + whole > flow.room() + EPS:
        fits_page = fmt.before + whole <= flow.bottom - flow.top
        if fmt.keep_lines and fits_page:
            flow.new_page()
    if not flow.at_top:
        flow.y += fmt.before
    rest = list(lines)
    while rest:
        room = flow.room()
        fit = 0
        used = 0.0
        for line in rest:
            if used + line.height > room + EPS:
                break
            used += line.height
            fit += 1
        if fit < len(rest) and fmt.widow and len(lines) > 1:
            if len(rest) - fit < 2:  # widow: never one line alone at the next page's top
                fit = len(rest) - 2
            if fit < 2 and fit < len(rest):  # orphan: never one line alone at this page's foot
                fit = 0
        if fit <= 0:
            if flow.at_top:
                fit = 1  # taller than a page: place what must be placed
            else:
                flow.new_page()
                continue
        for line in rest[:fit]:
            flow.put(line.items, line.height, line.text)
        rest = rest[fit:]
        if rest:
            flow.new_page()
    flow.y += fmt.after


# ---------------------------------------------------------------------------- tables
def _table_rows(table: Table, column_width: float) -> list[_Row]:
    grid = table.grid or [column_width]
    total = sum(grid)
    x0 = table.indent
    if table.align == "center":
        x0 = (column_width - total) / 2
    elif table.align == "right":
        x0 = column_width - total
    top_m, right_m, bottom_m, left_m = table.margins
    rows: list[_Row] = []
    count = len(table.rows)
    merges: list[dict[int, str | None]] = []
    for row in table.rows:
        col, merge = 0, {}
        for cell in row.cells:
            merge[col] = cell.v_merge
            col += cell.span
        merges.append(merge)
    for r_index, row in enumerate(table.rows):
        cells: list[tuple[float, float, Cell, list[tuple[float, Line]], float, int]] = []
        col = 0
        x = x0
        height = 0.0
        texts: list[str] = []
        keep_next = False
        for cell in row.cells:
            w = sum(grid[col : col + cell.span]) if col < len(grid) else grid[-1]
            inner = max(1.0, w - left_m - right_m)
            placed: list[tuple[float, Line]] = []
            y = top_m
            if cell.v_merge != "continue":
                for block in cell.blocks:
                    if not isinstance(block, Para):
                        continue
                    lines = layout_paragraph(block, inner, 36.0)
                    y += block.fmt.before
                    for line in lines:
                        placed.append((y, line))
                        y += line.height
                        texts.append(line.text)
                    y += block.fmt.after
                    keep_next = keep_next or block.fmt.keep_next
            content_h = y + bottom_m
            height = max(height, content_h)
            cells.append((x, w, cell, placed, content_h, col))
            x += w
            col += cell.span
        if row.height:
            height = row.height if row.exact_height else max(height, row.height)
        items: list[Item] = []
        for x, w, cell, _placed, _content_h, _col in cells:
            if cell.fill:
                items.append(RectItem(x, 0.0, w, height, cell.fill))
        for x, w, cell, placed, content_h, col in cells:
            offset = {"center": (height - content_h) / 2, "bottom": height - content_h}.get(cell.v_align, 0.0)
            for y, line in placed:
                items += shift(line.items, x + left_m, y + offset)
            continues_below = r_index + 1 < count and merges[r_index + 1].get(col) == "continue"
            sides = {
                "top": None if cell.v_merge == "continue" else _side(cell, table, "top", r_index == 0),
                "bottom": None if continues_below else _side(cell, table, "bottom", r_index == count - 1),
                "left": _side(cell, table, "left", col == 0),
                "right": _side(cell, table, "right", col + cell.span >= len(grid)),
            }
            for side, line_w in sides.items():
                if line_w is None:
                    continue
                x1, y1, x2, y2 = {
                    "top": (x, 0.0, x + w, 0.0),
                    "bottom": (x, height, x + w, height),
                    "left": (x, 0.0, x, height),
                    "right": (x + w, 0.0, x + w, height),
                }[side]
                items.append(RuleItem(x1, y1, x2, y2, line_w))
        rows.append(_Row(height, items, row.header, row.cant_split, keep_next, " ".join(texts)))
    return rows


def _side(cell: Cell, table: Table, side: str, outer: bool) -> float | None:
    if side in cell.borders:
        return cell.borders[side]
    name = side if outer else ("insideH" if side in ("top", "bottom") else "insideV")
    return table.borders.get(name)


def _start_height(rows: list[_Row]) -> float:
    """The header rows, the first body row and the rows it keeps with: what must share a page."""
    height = 0.0
    for index, row in enumerate(rows):
        height += row.height
        if not row.header and not (row.keep_next and index + 1 < len(rows)):
            break
    return height


def _place_rows(flow: _Flow, rows: list[_Row]) -> None:
    header = [row for row in rows if row.header]
    page_span = flow.bottom - flow.top
    start = _start_height(rows)
    if start > flow.room() + EPS and start <= page_span and not flow.at_top:
        flow.new_page()  # never a header row alone at a page's foot
    for index, row in enumerate(rows):
        need = row.height
        if row.keep_next and index + 1 < len(rows):
            need += rows[index + 1].height
        on_new_page = False
        if need > flow.room() + EPS and not flow.at_top and (need <= page_span or row.cant_split):
            flow.new_page()
            on_new_page = True
        if on_new_page and header and not row.header:
            for head in header:
                flow.put(head.items, head.height, head.text)
        if row.height > flow.room() + EPS and row.height > page_span:
            _split_row(flow, row)
            continue
        flow.put(row.items, row.height, row.text)


def _split_row(flow: _Flow, row: _Row) -> None:
    """A row taller than a page: cut it at the page foot (its text only; rules and fills are dropped)."""
    items = row.items
    start = 0.0
    if flow.room() < 1:
        flow.new_page()
    while True:
        room = flow.room()
        cut = start + room
        part = [i for i in items if isinstance(i, TextItem) and start < i.y <= cut - 2]
        flow.put(shift(part, 0, -start), min(room, row.height - start), row.text)
        start = cut
        if start >= row.height:
            return
        flow.new_page()


# ---------------------------------------------------------------------------- footers and headers
def _footers(flow: _Flow, width: float) -> None:
    section = flow.section
    total = len(flow.pages)
    for number, page in enumerate(flow.pages, start=1):
        fields = {"PAGE": str(number), "NUMPAGES": str(total)}
        for store, at_bottom in ((section.footers, True), (section.headers, False)):
            paras = _pick(store, number)
            if not paras:
                continue
            stacked: list[tuple[float, Line]] = []
            y = 0.0
            for para in paras:
                y += para.fmt.before
                for line in layout_paragraph(para, width, section.tab_stop, fields):
                    stacked.append((y, line))
                    y += line.height
                y += para.fmt.after
            if not any(line.text.strip() for _, line in stacked):
                continue
            top = section.height - section.footer_distance - y if at_bottom else section.header_distance
            for dy, line in stacked:
                page.items += shift(line.items, section.left, top + dy)


def _pick(store: dict[str, list[Para]], number: int) -> list[Para]:
    if number == 1 and "first" in store:
        return store["first"]
    if number % 2 == 0 and "even" in store:
        return store["even"]
    return store.get("default", [])
