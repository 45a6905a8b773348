"""A policy document's structure: its header (title, 文号, issuer, date, validity) and its numbered clauses."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from desktop_app.drafting import numerals

#: The heading levels of an action plan: 一、 … / （一） … / 1. … / 第一条 …
H1 = re.compile(r"^([一二三四五六七八九十]{1,3})、\s*(.*)$")
H2 = re.compile(r"^[（(]([一二三四五六七八九十]{1,3})[）)]\s*(.*)$")
ITEM = re.compile(r"^(\d{1,3})\s*[.．、](?!\d)\s*(.*)$")
ARTICLE = re.compile(r"^第([一二三四五六七八九十百]{1,4})条\s*(.*)$")
#: A 文号 such as 沪府规〔2023〕1号 (brackets as typed in the wild).
DOC_NUMBER = re.compile(r"[\u4e00-\u9fa5]{1,10}\s*[〔［\[（(]\s*\d{4}\s*[〕］\]）)]\s*\d{1,4}\s*号")
#: Where a clause names its responsible units: （责任单位：…）.
UNITS_LEAD = re.compile(r"[（(]\s*(?:责任单位|责任部门|牵头单位|责任主体|实施单位)\s*[：:]")

_HEADER_ROLES = {
    "units": (
        "责任单位",
        "牵头单位",
        "责任部门",
        "牵头部门",
        "负责部门",
        "实施部门",
        "主管部门",
        "受理部门",
        "实施主体",
    ),
    "channel": (
        "办理渠道",
        "申报渠道",
        "办理方式",
        "申报方式",
        "申请渠道",
        "受理渠道",
        "办理途径",
        "申报途径",
        "受理方式",
    ),
    "instant": ("即申即享",),
    "phone": ("电话", "联系方式"),
    "content": ("政策内容", "内容", "措施", "条款", "项目"),
    "seq": ("序号", "编号"),
}


@dataclass(slots=True)
class Clause:
    """One numbered item (or table row) of the document."""

    clause_id: str
    label: str
    text: str
    heading: str | None = None
    section: str | None = None
    units: list[str] = field(default_factory=list)
    units_excerpt: str | None = None
    phones: list[str] = field(default_factory=list)
    phone_note: str | None = None
    channel_text: str | None = None
    instant_text: str | None = None
    in_table: bool = False


@dataclass(slots=True)
class Header:
    title: str
    number: str | None
    issuer: str | None
    date: dt.date | None
    valid_from: dt.date | None
    valid_until: dt.date | None
    validity_excerpt: str | None
    validity_reason: str


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def split_units(text: str) -> list[str]:
    """区经委(金融办)、区财政局 → [区经委(金融办), 区财政局]: split on 、，, at bracket depth 0."""
    out, depth, current = [], 0, ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if ch in "、，,；;" and depth == 0:
            out.append(current)
            current = ""
        else:
            current += ch
    out.append(current)
    units = [re.sub(r"^[^：:（(]{0,6}(?:单位|部门)\s*[：:]", "", u).strip(" 　及和等") for u in out]
    return [u for u in units if u]


def find_units(text: str) -> tuple[int, int, list[str]] | None:
    """The last （责任单位：…） in ``text``: its span and the units, brackets matched even when nested."""
    found = None
    for m in UNITS_LEAD.finditer(text):
        depth, i = 1, m.end()
        while i < len(text) and depth:
            if text[i] in "（(":
                depth += 1
            elif text[i] in "）)":
                depth -= 1
            i += 1
        inner = text[m.end() : i - 1 if depth == 0 else i]
        inner = re.sub(r"[；;，,]?\s*(?:联系|咨询)?(?:电话|方式)[：:][\d\-、，, ]+", "", inner)
        found = (m.start(), i, split_units(inner))
    return found


def phones_in(text: str) -> list[str]:
    return [re.sub(r"\s", "", p.group(0)) for p in numerals.PHONE.finditer(text)]


def _cn(number: str) -> int:
    value = numerals.chinese_to_number(number)
    return int(value) if value is not None else 0


@dataclass(slots=True)
class _Item:
    number: int
    text: str
    h1: int
    h1_label: str
    h2: int
    table: int  # 0 outside tables, else the table's ordinal
    caption: str | None
    cells: dict[str, str] = field(default_factory=dict)
    heading: str | None = None
    mark: str = ""  # the item's own numbering as printed when it is not "N." (（一）, 一、)


def _header_roles(cells: list[str]) -> dict[int, str] | None:
    roles: dict[int, str] = {}
    for i, cell in enumerate(cells):
        name = _squash(cell)
        for role, words in _HEADER_ROLES.items():
            if any(w in name for w in words):
                if role not in roles.values():
                    roles[i] = role
                elif role == "content":
                    roles[i] = "detail"  # 具体内容（具体项目、时间节点…）: more text of the same row
                break
    return roles if "content" in roles.values() and len(roles) >= 2 else None


def _is_sub_item(line: str, items: list[_Item], h1: int, h2: int) -> bool:
    if not items or items[-1].table or (items[-1].h1, items[-1].h2) != (h1, h2):
        return False
    return items[-1].text.rstrip().endswith(("：", ":")) or "。" in line or len(line) > 40


def _items(lines: list[str], *, level: str = "item") -> list[_Item]:
    """Numbered items in order; ``level`` h2 / h1 takes （一） / 一、 headings as the items (no 1. items)."""
    items: list[_Item] = []
    h1, h1_label, h2, table, caption = 0, "", 0, 0, None
    roles: dict[int, str] | None = None
    last_units = ""
    mode = None  # "item" when numbered items exist; decided by the first one seen
    for line in lines:
        if "\t" in line:
            cells = line.split("\t")
            header = _header_roles(cells)
            if header is not None:
                if roles is None or list(header.values()) != list(roles.values()):
                    table += 1
                    last_units = ""
                roles = header
                continue
            if roles is None:
                continue
            named = {roles[i]: cells[i].strip() for i in roles if i < len(cells)}
            content = named.get("content", "")
            seq = re.fullmatch(r"\s*(\d{1,3})\s*[.．、]?\s*", named.get("seq", ""))
            if seq and not ITEM.match(content) and content:
                content = f"{seq.group(1)}. {content}"  # a 序号 column numbers the row
            m = ITEM.match(content)
            if m:
                if named.get("units"):
                    last_units = named["units"]
                else:
                    named["units"] = last_units
                body = m.group(2) + (f"\n{named['detail']}" if named.get("detail") else "")
                items.append(_Item(int(m.group(1)), body, h1, h1_label, h2, table, caption, named))
            elif content and items and items[-1].table == table:
                items[-1].text += "\n" + content
            continue
        roles = None
        if len(line) <= 30 and not ITEM.match(line) and line.endswith(("表", "清单", "一览")):
            caption = line
        if m := H1.match(line):
            h1, h1_label, h2 = _cn(m.group(1)), m.group(1), 0
            if level == "h1":
                items.append(_Item(h1, m.group(2), 0, "", 0, 0, None, mark=f"{m.group(1)}、"))
            continue
        if (m := H2.match(line)) and level == "item" and _is_sub_item(line, items, h1, h2):
            items[-1].text += "\n" + line  # 第五条 …给予以下支持：（一）…：a list inside the item, not a heading
            continue
        if m := H2.match(line):
            h2 = _cn(m.group(1))
            if level == "h2":
                items.append(_Item(h2, m.group(2), h1, h1_label, h2, 0, None, mark=f"（{m.group(1)}）"))
            continue
        if level != "item":
            if items and items[-1].table == 0:
                items[-1].text += "\n" + line
            continue
        m = ITEM.match(line)
        if m and (mode in (None, "item")):
            n = int(m.group(1))
            prev = next((it.number for it in reversed(items) if it.table == 0), 0)
            if n == prev + 1 or n == 1:
                mode = "item"
                items.append(_Item(n, m.group(2), h1, h1_label, h2, 0, None))
                continue
        m = ARTICLE.match(line)
        if m and mode in (None, "article"):
            mode = "article"
            items.append(_Item(_cn(m.group(1)), m.group(2), h1, h1_label, h2, 0, None))
            continue
        if items and items[-1].table == 0 and (h1, h2) == (items[-1].h1, items[-1].h2):
            items[-1].text += "\n" + line
    return items


def _assign_ids(items: list[_Item]) -> list[tuple[_Item, str, str]]:
    """Clause ids as the shipped packs write them: 6.4 when numbering restarts per section, 21 when it runs
    on, p18 for a second run of numbers that no heading explains (a second table)."""
    out: list[tuple[_Item, str, str]] = []
    restarts = [i for i in range(1, len(items)) if items[i].number <= items[i - 1].number]
    by_section = bool(restarts) and all(
        items[i].h1 != items[i - 1].h1 and items[i].table == items[i - 1].table for i in restarts
    )
    part = 0
    for i, item in enumerate(items):
        if i in restarts and not by_section:
            part += 1
        if by_section and item.table == 0:
            cid, label = f"{item.h1}.{item.number}", f"{item.h1_label}、{item.mark or f'{item.number}.'}"
        else:
            cid = str(item.number) if part == 0 else (f"p{item.number}" if part == 1 else f"{part + 1}.{item.number}")
            label = f"{item.caption or '表格'}第{item.number}行" if item.table else (item.mark or f"{item.number}.")
        out.append((item, cid, label))
    return out


def clauses(text: str) -> list[Clause]:
    """Every numbered clause (or table row) of the document, with units, phones and channel cells."""
    lines = [ln for ln in text.split("\n") if ln.strip()]
    result: list[Clause] = []
    seen: set[str] = set()
    items = _items(lines)
    for level in ("h2", "h1"):
        if any(it.table == 0 for it in items):
            break
        headed = [it for it in _items(lines, level=level) if it.table == 0]
        if headed:
            items = headed + [it for it in items if it.table]
    for item, cid, label in _assign_ids(items):
        if cid in seen:
            continue
        seen.add(cid)
        heading = None
        first = re.split(r"[。；]", item.text, maxsplit=1)[0]
        if len(first) <= 25 and first != item.text.strip() and not re.search(r"[，,]|\d", first):
            heading = first.strip()  # 全面落实各项税费优惠政策。…: a short title sentence, not a benefit
        clause = Clause(cid, label, item.text, heading, item.h1_label or None, in_table=item.table > 0)
        if item.table:
            cells = item.cells
            clause.units = split_units(cells.get("units", ""))
            phone_cell = cells.get("phone", "")
            clause.phones = phones_in(phone_cell)
            if phone_cell and not clause.phones:
                clause.phone_note = phone_cell
            clause.channel_text = cells.get("channel") or None
            clause.instant_text = cells.get("instant") or None
        found = find_units(item.text)
        if found:
            start, end, units = found
            clause.units = clause.units or units
            clause.units_excerpt = item.text[start:end]
        if not clause.phones:
            clause.phones = [
                p.group(0)
                for p in numerals.PHONE.finditer(item.text)
                if re.search(
                    r"(电话|热线|咨询|联系方式)[：:\s]*[^。；]{0,12}$", item.text[max(0, p.start() - 16) : p.start()]
                )
            ]
        result.append(clause)
    return result


def header(text: str) -> Header:
    """Title, 文号, issuer, date and validity where the text states them."""
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    top = lines[:40]
    number = next((_squash(m.group(0)) for ln in top if "\t" not in ln for m in [DOC_NUMBER.search(ln)] if m), None)
    issuer = None
    title = None
    for ln in top:
        flat = _squash(ln)
        m = re.match(r"^(.{2,40}?)关于(?:印发|转发|发布)(?:.*?)《(.+?)》", flat)
        if m and title is None:
            issuer = issuer or m.group(1)
            title = re.sub(r"<(.+?)>", r"《\1》", m.group(2))
        elif flat.endswith("文件") and issuer is None and len(flat) <= 30:
            issuer = flat[: -len("文件")]
    if title is None:
        title = next(
            (
                _squash(ln)
                for ln in top
                if len(ln) <= 60
                and not DOC_NUMBER.search(ln)
                and re.search(r"(方案|办法|措施|意见|规定|细则|通知|任务表|清单|政策|规划|计划|要点)$", _squash(ln))
            ),
            _squash(lines[0])[:60] if lines else "未命名文件",
        )
    if issuer is None:
        m = re.match(r"^(.{2,12}?[区市县])", title)
        issuer = f"上海市{m.group(1)}人民政府" if m and not m.group(1).startswith("上海") else None
    date = None
    for ln in top:
        if re.fullmatch(r"[（(]?\s*(?:\d{4}|[〇零一二三四五六七八九]{4})\s*年.{1,6}月.{1,6}日\s*[）)]?", ln):
            m = numerals.DATE.search(ln)
            if m and (date := numerals.date_from(m)):
                break
    valid_from = valid_until = None
    excerpt = None
    reason = ""
    for sentence in re.findall(r"[^。\n]*有效期至[^。\n]*。?|[^。\n]*自[^。\n]{0,20}起施行[^。\n]*。?", text):
        until = re.search(r"有效期至\s*" + numerals.DATE.pattern, sentence)
        start = re.search(numerals.DATE.pattern + r"\s*起施行", sentence)
        if until is None and start is None and not re.search(r"自(?:印发|发布|公布)之日起", sentence):
            continue
        excerpt = sentence.strip()
        if until:
            valid_until = numerals.date_from(until)
        if start:
            valid_from = numerals.date_from(start)
        elif re.search(r"自(?:印发|发布|公布)之日起", sentence):
            valid_from = date
        years = re.search(r"有效期(?:为)?\s*([1-9一二三四五六七八九十])\s*年", sentence)
        if until is None and years and valid_from:
            n = int(numerals.parse_number(years.group(1)) or 0)
            valid_until = dt.date(valid_from.year + n, valid_from.month, valid_from.day) - dt.timedelta(days=1)
        reason = "原文写明有效期"
        break
    return Header(title, number, issuer, date, valid_from, valid_until, excerpt, reason)
