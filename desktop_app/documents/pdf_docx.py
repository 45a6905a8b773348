"""Read a rendered .docx into what the PDF layout needs: paragraphs, runs, tables, page set-up, footers.

Properties are resolved the way Word resolves them (document defaults < table style < paragraph style
chain < character style < direct formatting), generically from the XML, so that a template change
(another font, line pitch or footer) reaches the PDF without code changes. Lengths are in points.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from desktop_app.documents.pdf_model import (
    Cell,
    DocxContent,
    Para,
    ParaFormat,
    Row,
    RunStyle,
    Section,
    Span,
    Table,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _on(el: Any, name: str) -> bool | None:
    """A toggle property (w:b, w:keepNext …): None when absent."""
    child = el.find(W + name) if el is not None else None
    if child is None:
        return None
    return child.get(W + "val", "true").lower() not in ("0", "false", "off", "none")


def _twips(el: Any, attr: str) -> float | None:
    value = el.get(W + attr) if el is not None else None
    try:
        return int(float(value)) / 20 if value is not None else None
    except ValueError:
        return None


def _ppr(ppr: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if ppr is None:
        return out
    for name in ("keepNext", "keepLines", "widowControl", "pageBreakBefore"):
        if (value := _on(ppr, name)) is not None:
            out[name] = value
    if (jc := ppr.find(W + "jc")) is not None:
        out["jc"] = jc.get(W + "val")
    if (spacing := ppr.find(W + "spacing")) is not None:
        for attr in ("before", "after", "beforeLines", "afterLines"):
            if spacing.get(W + attr) is not None:
                out[attr] = int(spacing.get(W + attr))
        if spacing.get(W + "line") is not None:
            out["line"] = int(spacing.get(W + "line"))
            out["lineRule"] = spacing.get(W + "lineRule", "auto")
    if (ind := ppr.find(W + "ind")) is not None:
        for attr, key in (("left", "left"), ("start", "left"), ("right", "right"), ("end", "right")):
            if ind.get(W + attr) is not None:
                out[key] = int(ind.get(W + attr))
        for attr in ("firstLine", "hanging", "firstLineChars", "hangingChars", "leftChars", "rightChars"):
            if ind.get(W + attr) is not None:
                out[attr] = int(ind.get(W + attr))
    return out


def _rpr(rpr: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rpr is None:
        return out
    if (fonts := rpr.find(W + "rFonts")) is not None:
        for attr in ("ascii", "hAnsi", "eastAsia", "asciiTheme", "eastAsiaTheme"):
            if fonts.get(W + attr) is not None:
                out[attr] = fonts.get(W + attr)
    if (sz := rpr.find(W + "sz")) is not None and sz.get(W + "val"):
        out["sz"] = int(sz.get(W + "val")) / 2
    for name in ("b", "i", "vanish"):
        if (value := _on(rpr, name)) is not None:
            out[name] = value
    if (u := rpr.find(W + "u")) is not None:
        out["u"] = u.get(W + "val", "single") != "none"
    if (color := rpr.find(W + "color")) is not None and color.get(W + "val") not in (None, "auto"):
        out["color"] = color.get(W + "val")
    if (spacing := rpr.find(W + "spacing")) is not None and (points := _twips(spacing, "val")) is not None:
        out["spacing"] = points  # character spacing, in twentieths of a point like a twips length
    return out


class _Styles:
    """Resolved paragraph/character/table styles of one document."""

    def __init__(self, styles_root: Any) -> None:
        self.by_id: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_ppr: dict[str, Any] = {}
        self.default_rpr: dict[str, Any] = {}
        self._cache: dict[tuple[str, str], dict[str, Any]] = {}
        if styles_root is None:
            return
        for style in styles_root.iter(W + "style"):
            sid = style.get(W + "styleId")
            self.by_id[sid] = style
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_para = sid
        defaults = styles_root.find(W + "docDefaults")
        if defaults is not None:
            self.default_ppr = _ppr(defaults.find(f"{W}pPrDefault/{W}pPr"))
            self.default_rpr = _rpr(defaults.find(f"{W}rPrDefault/{W}rPr"))

    def chain(self, style_id: str | None, kind: str) -> dict[str, Any]:
        """Merged pPr (kind "p"), rPr ("r") or tblPr element list ("t") of a style and its basedOn chain."""
        if not style_id or style_id not in self.by_id:
            return {}
        key = (style_id, kind)
        if key in self._cache:
            return self._cache[key]
        style = self.by_id[style_id]
        based = style.find(W + "basedOn")
        merged = dict(self.chain(based.get(W + "val"), kind)) if based is not None else {}
        self._cache[key] = merged  # guards against a basedOn cycle
        if kind == "p":
            merged.update(_ppr(style.find(W + "pPr")))
        elif kind == "r":
            merged.update(_rpr(style.find(W + "rPr")))
        else:
            tbl = style.find(W + "tblPr")
            if tbl is not None:
                merged.update({child.tag: child for child in tbl})
        return merged


def _run_style(props: dict[str, Any]) -> RunStyle:
    latin = props.get("ascii") or props.get("hAnsi")
    east = props.get("eastAsia") or ("宋体" if props.get("eastAsiaTheme") else None)
    return RunStyle(
        latin=latin,
        east_asia=east,
        size=float(props.get("sz", 10.5)),
        bold=bool(props.get("b")),
        italic=bool(props.get("i")),
        underline=bool(props.get("u")),
        color=props.get("color"),
        spacing=float(props.get("spacing", 0.0)),
    )


def _para_format(props: dict[str, Any], size: float) -> ParaFormat:
    fmt = ParaFormat()
    fmt.align = {"both": "both", "distribute": "distribute", "center": "center", "right": "right", "end": "right"}.get(
        props.get("jc") or "left", "left"
    )
    line = props.get("line")
    rule = props.get("lineRule", "auto") if line is not None else "auto"
    fmt.line_rule = rule
    fmt.line = (line / 240 if rule == "auto" else line / 20) if line is not None else 1.0
    # Word: *Lines spacing is in hundredths of a line (12 pt), *Chars indents in hundredths of a character.
    fmt.before = props["beforeLines"] * 0.12 if "beforeLines" in props else props.get("before", 0) / 20
    fmt.after = props["afterLines"] * 0.12 if "afterLines" in props else props.get("after", 0) / 20
    fmt.left = props["leftChars"] * size / 100 if "leftChars" in props else props.get("left", 0) / 20
    fmt.right = props["rightChars"] * size / 100 if "rightChars" in props else props.get("right", 0) / 20
    if "hangingChars" in props or "hanging" in props:
        fmt.first_line = -(props["hangingChars"] * size / 100 if "hangingChars" in props else props["hanging"] / 20)
    else:
        fmt.first_line = (
            props["firstLineChars"] * size / 100 if "firstLineChars" in props else props.get("firstLine", 0) / 20
        )
    fmt.keep_next = bool(props.get("keepNext"))
    fmt.keep_lines = bool(props.get("keepLines"))
    fmt.widow = bool(props.get("widowControl", True))
    fmt.page_break_before = bool(props.get("pageBreakBefore"))
    return fmt


class _Reader:
    def __init__(self, styles: _Styles) -> None:
        self.styles = styles

    def paragraph(self, p: Any, table_p: dict[str, Any], table_r: dict[str, Any]) -> Para:
        ppr = p.find(W + "pPr")
        style_el = ppr.find(W + "pStyle") if ppr is not None else None
        style_id = style_el.get(W + "val") if style_el is not None else self.styles.default_para
        pprops = {**self.styles.default_ppr, **table_p, **self.styles.chain(style_id, "p"), **_ppr(ppr)}
        base_r = {**self.styles.default_rpr, **table_r, **self.styles.chain(style_id, "r")}
        mark = _run_style({**base_r, **_rpr(ppr.find(W + "rPr") if ppr is not None else None)})
        para = Para(spans=[], fmt=_para_format(pprops, mark.size), mark=mark)
        self._inline(p, base_r, para, fields=[])
        if para.spans:  # *Chars indents count characters of the text's own size
            para.fmt = _para_format(pprops, para.spans[0].style.size)
        return para

    def _inline(self, parent: Any, base_r: dict[str, Any], para: Para, fields: list[list[Any]]) -> None:
        for child in parent:
            tag = child.tag
            if tag == W + "r":
                self._run(child, base_r, para, fields)
            elif tag == W + "fldSimple":
                instr = (child.get(W + "instr") or "").split()
                name = instr[0].upper() if instr else ""
                if name in ("PAGE", "NUMPAGES", "SECTIONPAGES"):
                    style = self._style_of(child.find(W + "r"), base_r)
                    para.spans.append(Span("", style, "NUMPAGES" if name != "PAGE" else "PAGE"))
                else:
                    self._inline(child, base_r, para, fields)
            elif tag in (W + "hyperlink", W + "ins", W + "smartTag", W + "customXml", W + "sdt", W + "sdtContent"):
                self._inline(child, base_r, para, fields)

    def _style_of(self, r: Any, base_r: dict[str, Any]) -> RunStyle:
        rpr = r.find(W + "rPr") if r is not None else None
        rstyle = rpr.find(W + "rStyle") if rpr is not None else None
        char = self.styles.chain(rstyle.get(W + "val"), "r") if rstyle is not None else {}
        return _run_style({**base_r, **char, **_rpr(rpr)})

    def _run(self, r: Any, base_r: dict[str, Any], para: Para, fields: list[list[Any]]) -> None:
        rpr = r.find(W + "rPr")
        if _on(rpr, "vanish"):
            return
        style = self._style_of(r, base_r)
        for child in r:
            tag = child.tag
            if tag == W + "fldChar":
                kind = child.get(W + "fldCharType")
                if kind == "begin":
                    fields.append(["", False])
                elif kind == "separate" and fields:
                    fields[-1][1] = True
                    name = fields[-1][0].split()[0].upper() if fields[-1][0].split() else ""
                    if name in ("PAGE", "NUMPAGES", "SECTIONPAGES"):
                        para.spans.append(Span("", style, "PAGE" if name == "PAGE" else "NUMPAGES"))
                        fields[-1].append("skip")
                elif kind == "end" and fields:
                    done = fields.pop()
                    name = done[0].split()[0].upper() if done[0].split() else ""
                    if not done[1] and name in ("PAGE", "NUMPAGES", "SECTIONPAGES"):  # a field with no result
                        para.spans.append(Span("", style, "PAGE" if name == "PAGE" else "NUMPAGES"))
                continue
            if fields and not fields[-1][1]:  # inside the field code
                if tag == W + "instrText":
                    fields[-1][0] += child.text or ""
                continue
            if fields and len(fields[-1]) > 2:  # the cached result of a page field: replaced by the number
                continue
            if tag == W + "t":
                para.spans.append(Span(child.text or "", style))
            elif tag == W + "tab":
                para.spans.append(Span("\t", style))
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") == "page":
                    para.page_break_after = True
                else:
                    para.spans.append(Span("\n", style))
            elif tag == W + "noBreakHyphen":
                para.spans.append(Span("-", style))

    def blocks(self, parent: Any, table_p: dict[str, Any] | None = None, table_r: dict[str, Any] | None = None) -> list:
        out: list[Para | Table] = []
        for child in parent:
            if child.tag == W + "p":
                para = self.paragraph(child, table_p or {}, table_r or {})
                if out and isinstance(out[-1], Para) and out[-1].page_break_after:
                    para.fmt.page_break_before = True
                out.append(para)
            elif child.tag == W + "tbl":
                out.append(self.table(child))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                out.extend(self.blocks(child, table_p, table_r))
        return out

    def table(self, tbl: Any) -> Table:
        tblpr = tbl.find(W + "tblPr")
        style_el = tblpr.find(W + "tblStyle") if tblpr is not None else None
        style_id = style_el.get(W + "val") if style_el is not None else None
        props = self.styles.chain(style_id, "t")
        if tblpr is not None:
            props = {**props, **{child.tag: child for child in tblpr}}
        table_p = self.styles.chain(style_id, "p")
        table_r = self.styles.chain(style_id, "r")
        grid = [(_twips(col, "w") or 0.0) for col in tbl.findall(f"{W}tblGrid/{W}gridCol")]
        table = Table(rows=[], grid=grid)
        if (jc := props.get(W + "jc")) is not None:
            table.align = {"center": "center", "right": "right", "end": "right"}.get(jc.get(W + "val"), "left")
        if (ind := props.get(W + "tblInd")) is not None:
            table.indent = _twips(ind, "w") or 0.0
        if (mar := props.get(W + "tblCellMar")) is not None:
            top, right, bottom, left = table.margins
            names = ("top", "right", "bottom", "left", "start", "end")
            sides = {name: _twips(mar.find(W + name), "w") for name in names}
            table.margins = (
                sides["top"] if sides["top"] is not None else top,
                next((v for v in (sides["right"], sides["end"]) if v is not None), right),
                sides["bottom"] if sides["bottom"] is not None else bottom,
                next((v for v in (sides["left"], sides["start"]) if v is not None), left),
            )
        table.borders = _borders(props.get(W + "tblBorders"))
        for tr in tbl.findall(W + "tr"):
            trpr = tr.find(W + "trPr")
            row = Row(cells=[], cant_split=bool(_on(trpr, "cantSplit")), header=bool(_on(trpr, "tblHeader")))
            if trpr is not None and (height := trpr.find(W + "trHeight")) is not None:
                row.height = _twips(height, "val") or 0.0
                row.exact_height = height.get(W + "hRule") == "exact"
            for tc in tr.findall(W + "tc"):
                tcpr = tc.find(W + "tcPr")
                cell = Cell(blocks=self.blocks(tc, table_p, table_r))
                if tcpr is not None:
                    if (span := tcpr.find(W + "gridSpan")) is not None:
                        cell.span = max(1, int(span.get(W + "val", "1")))
                    if (shd := tcpr.find(W + "shd")) is not None and shd.get(W + "fill") not in (None, "auto"):
                        cell.fill = shd.get(W + "fill")
                    if (valign := tcpr.find(W + "vAlign")) is not None:
                        cell.v_align = valign.get(W + "val", "top")
                    if (merge := tcpr.find(W + "vMerge")) is not None:
                        cell.v_merge = merge.get(W + "val", "continue")
                    cell.borders = _borders(tcpr.find(W + "tcBorders"))
                row.cells.append(cell)
            table.rows.append(row)
        return table


def _borders(el: Any) -> dict[str, float | None]:
    """Border side -> line width in points (None: explicitly no line); sides left out are inherited."""
    out: dict[str, float | None] = {}
    if el is None:
        return out
    for child in el:
        side = child.tag[len(W) :]
        side = {"start": "left", "end": "right"}.get(side, side)
        value = child.get(W + "val", "none")
        out[side] = None if value in ("nil", "none") else max(0.25, int(child.get(W + "sz", "4")) / 8)
    return out


def read_docx(source: Path | bytes) -> DocxContent:
    """The body, page set-up and footers of a .docx (bytes or a path)."""
    import docx

    document = docx.Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    styles_root = document.styles.element
    reader = _Reader(_Styles(styles_root))
    settings = document.settings.element
    tab = settings.find(W + "defaultTabStop")
    even_odd = settings.find(W + "evenAndOddHeaders") is not None
    sect = document.sections[-1]
    section = Section()
    sect_pr = sect._sectPr
    if (size := sect_pr.find(W + "pgSz")) is not None:
        section.width = _twips(size, "w") or section.width
        section.height = _twips(size, "h") or section.height
    if (mar := sect_pr.find(W + "pgMar")) is not None:
        for name in ("top", "right", "bottom", "left"):
            if (value := _twips(mar, name)) is not None:
                setattr(section, name, abs(value))
        section.header_distance = _twips(mar, "header") or section.header_distance
        section.footer_distance = _twips(mar, "footer") or section.footer_distance
    if tab is not None:
        section.tab_stop = _twips(tab, "val") or section.tab_stop
    title_pg = _on(sect_pr, "titlePg")
    for kind, footer, header in (
        ("default", sect.footer, sect.header),
        ("even", sect.even_page_footer if even_odd else None, sect.even_page_header if even_odd else None),
        ("first", sect.first_page_footer if title_pg else None, sect.first_page_header if title_pg else None),
    ):
        for store, part in ((section.footers, footer), (section.headers, header)):
            if part is not None and not part.is_linked_to_previous:
                store[kind] = [b for b in reader.blocks(part._element) if isinstance(b, Para)]
    blocks = reader.blocks(document.element.body)
    return DocxContent(section=section, blocks=blocks, title=document.core_properties.title or "")
