"""Figures in policy wording: money in 元/万元/亿元 (Arabic or Chinese numerals), percentages, dates, phones."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

CN_DIGITS = "零〇一二两三四五六七八九十百千"
_ARABIC = r"\d+(?:[.,，]\d+)*(?:\.\d+)?"
_CHINESE = rf"[{CN_DIGITS}]+"
_NUM = rf"(?:{_ARABIC}|{_CHINESE})"
UNIT_FACTOR = {"亿元": Decimal(10) ** 8, "万元": Decimal(10) ** 4, "千元": Decimal(1000), "元": Decimal(1)}
#: 万 / 亿 without 元 counts only before punctuation or the benefit word (奖励10万；not 10万人次, 5万平方米).
_UNIT = r"(?:亿元|万元|千元|元|万(?=[，。；、）)的]|\s*(?:奖励|补贴|资助|扶持|支持)|$)|亿(?=[，。；、）)的]|$))"

#: 10万元, 1.5 亿元, 五十万元, 2,000元 — a number and its unit, spaces allowed between them.
MONEY = re.compile(rf"(?P<num>{_NUM})\s*(?P<unit>{_UNIT})")
#: 3~100万元, 20-100 亿元: the first number takes the second one's unit.
MONEY_RANGE = re.compile(rf"(?P<lo>{_NUM})\s*(?:[~～\-—–至到])\s*(?P<hi>{_NUM})\s*(?P<unit>{_UNIT})")
PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)\s*[%％]|百分之(?P<cn>[零〇一二两三四五六七八九十百]+)")
RATIO = re.compile(r"(?P<a>\d+(?:\.\d+)?)\s*[:：]\s*(?P<b>\d+(?:\.\d+)?)")
BASIS_POINTS = re.compile(rf"(?P<num>{_NUM})\s*个\s*基点")

_Y = rf"(?P<@y>\d{{4}}|[{CN_DIGITS}]{{4}})\s*年\s*"
_M = rf"(?P<@m>\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*月\s*"
_D = rf"(?P<@d>\d{{1,2}}|[{CN_DIGITS}]{{1,3}})\s*日"
DATE = re.compile(_Y.replace("@", "") + _M.replace("@", "") + _D.replace("@", ""))
#: 自2023年1月1日至2024年12月31日, 2023年1月1日至2023年12月31日期间: both ends carry a year.
DATE_SPAN = re.compile(
    r"(?:自\s*)?" + _Y.replace("@", "a") + _M.replace("@", "a") + _D.replace("@", "a") + r"\s*(?:起\s*)?[至到\-—~～]\s*"
    r"" + _Y.replace("@", "b") + _M.replace("@", "b") + _D.replace("@", "b")
)
#: 使用至2023年6月30日, 最长可延长至…, 2023年12月31日前: an end date on its own.
DATE_UNTIL = re.compile(
    r"(?:(?:使用|延长|延|延期|执行|实施|截)至|截止(?:到|至)?|有效期至)\s*"
    + _Y.replace("@", "")
    + _M.replace("@", "")
    + _D.replace("@", "")
    + r"|"
    + _Y.replace("@", "e")
    + _M.replace("@", "e")
    + _D.replace("@", "e")
    + r"\s*(?:前|之前|以前)"
    + r"|(?P<ly>\d{4})\s*年\s*(?P<lm>\d{1,2})\s*月底"
)
#: 2023年内, 2023年度内
YEAR_WITHIN = re.compile(r"(?P<y>\d{4})\s*年(?:度)?\s*内")
QUARTER = re.compile(r"(?P<y>\d{4})\s*年\s*(?:第)?(?P<q>[一二三四1-4])\s*季度(?!\s*(?:销售|产值|营业|实际|增长))")
#: 对非居民用户2023年超定额用水: a bare year that scopes the benefit (not 2023年底, 2023届, 2023年1月 …).
BARE_YEAR = re.compile(
    r"(?<![\d年])(?P<y>(?:19|20)\d{2})\s*年(?!\s*(?:\d|[一二三四五六七八九十]|月|底|度|末|初|以|起|前|后|内|期间|上半|下半"
    r"|第|春|秋|新|首次|届|[”\"]))"
)

#: 021-12366, 57921185, 4008203152, 400-820-3152, 12366 (service hotlines only where printed).
PHONE = re.compile(
    r"(?<![\d.])(?:(?:0\d{2,3})[-－—\s]?)?(?:\d{8}|\d{7}|[48]00[-\s]?\d{3}[-\s]?\d{4}|123\d{2})(?![\d.]|\s*(?:万|亿|元|人|%|％|年|个|平方|千瓦|瓦))"
)


def chinese_to_number(text: str) -> Decimal | None:
    """一百五十 → 150, 二〇二三 → 2023, via cn2an on the isolated span (never its sentence mode)."""
    import cn2an

    if text and all(ch in "零〇一二三四五六七八九" for ch in text) and len(text) >= 2 and "十" not in text:
        digits = "".join(str("零一二三四五六七八九".index(ch)) if ch != "〇" else "0" for ch in text)
        return Decimal(digits)
    try:
        return Decimal(str(cn2an.cn2an(text, "smart")))
    except (ValueError, KeyError, InvalidOperation):
        return None


def parse_number(text: str | None) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    if text[0].isdigit():
        cleaned = re.sub(r"[,，](?=\d{3}\b)", "", text)
        try:
            return Decimal(cleaned)
        except InvalidOperation:
            return None
    return chinese_to_number(text)


@dataclass(frozen=True, slots=True)
class Money:
    """A sum of money found in the text: its value in yuan and where it stands."""

    yuan: Decimal
    start: int
    end: int
    text: str


def factor(unit: str) -> Decimal:
    return UNIT_FACTOR[unit if unit.endswith("元") else unit + "元"]


def money_at(match: re.Match[str], *, num: str = "num") -> Money | None:
    value = parse_number(match.group(num))
    if value is None:
        return None
    return Money(value * factor(match.group("unit")), match.start(), match.end(), match.group(0))


def find_money(text: str) -> list[Money]:
    """Every amount of money in ``text``, in order (a range counts as its two ends)."""
    out: list[Money] = []
    taken: list[tuple[int, int]] = []
    for m in MONEY_RANGE.finditer(text):
        lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
        if lo is None or hi is None or lo >= hi:
            continue
        scale = factor(m.group("unit"))
        out.append(Money(lo * scale, m.start(), m.start("hi"), m.group(0)))
        out.append(Money(hi * scale, m.start("hi"), m.end(), m.group(0)))
        taken.append((m.start(), m.end()))
    for m in MONEY.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        money = money_at(m)
        if money is not None:
            out.append(money)
    return sorted(out, key=lambda x: x.start)


def percent_value(match: re.Match[str]) -> Decimal | None:
    if match.group("num"):
        return Decimal(match.group("num")) / 100
    value = chinese_to_number(match.group("cn"))
    return value / 100 if value is not None else None


def _part(match: re.Match[str], name: str) -> int | None:
    value = parse_number(match.group(name))
    return int(value) if value is not None else None


def date_from(match: re.Match[str], prefix: str = "") -> dt.date | None:
    if not prefix and "ly" in match.re.groupindex and match.group("ly"):  # 2023年12月底
        year, month = int(match.group("ly")), int(match.group("lm"))
        if 1 <= month <= 12:
            return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
        return None
    y, m, d = (_part(match, prefix + k) for k in "ymd")
    if y is None or m is None or d is None:
        return None
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def quarter_span(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    start = dt.date(year, 3 * quarter - 2, 1)
    end_month = 3 * quarter
    end = (dt.date(year + (end_month == 12), end_month % 12 + 1, 1)) - dt.timedelta(days=1)
    return start, end


def yaml_number(value: Decimal) -> int | float:
    """Yuan and rates as YAML numbers: 100000, 0.05."""
    return int(value) if value == value.to_integral_value() else float(value)
