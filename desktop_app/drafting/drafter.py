"""Draft one measure per benefit sentence of each clause: excerpt, title, amount, dates, criteria, channel, contact."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import string
from dataclasses import dataclass, field
from typing import Any

from desktop_app.drafting import numerals
from desktop_app.drafting.amounts import AmountDraft, benefit_start, recognise, settle_base
from desktop_app.drafting.conditions import draft_conditions
from desktop_app.drafting.structure import Clause, find_units

#: A sentence that grants something to an enterprise (or a consumer): money, relief, a refund, a subsidy.
BENEFIT = re.compile(
    r"给予|予以|奖励|补贴|补助|资助|扶持|贴息|配套|减免|免征|免收|减半|退还|暂退|退税|担保费|续贷|延期还本付息|缓缴"
    r"|消费券|政策支持|支持政策|资金支持|优惠|兑现|降低[^，。；]{0,8}费率|融资担保|担保贷款"
)
#: The verbs that hand the benefit over; the nouns that name it; a tax clause.
_GIVE = re.compile(r"给予|予以")
_BENEFIT_NOUN = re.compile(r"开办补贴|担保费补贴|资金支持|贴息|奖励|补贴|补助|资助|扶持|配套|减免|免征|退还|暂退|支持")
_TAX = re.compile(r"税|纳税|申报享受")
#: One sentence (up to its 。 or ；) or the rest of a line.
_SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")


@dataclass(slots=True)
class DraftMeasure:
    """One drafted measure: the pack entry and what the drafter did and did not recognise."""

    data: dict[str, Any]
    recognised: list[str] = field(default_factory=list)
    unrecognised: list[str] = field(default_factory=list)


def benefit_sentences(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences that state a benefit; 对A给予X，对B给予Y is two."""
    spans: list[tuple[int, int]] = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start] in " \t，,":
            start += 1
        if lead := re.match(r"[（(][一二三四五六七八九十\d]{1,3}[）)]\s*|\d{1,2}[.．、]\s*(?!\d)", text[start:end]):
            start += lead.end()  # （一）对… : the excerpt starts with the wording, not the list mark
        piece = text[start:end]
        if len(piece.strip()) < 8 or not BENEFIT.search(piece) or piece.rstrip().endswith(("：", ":")):
            continue
        cuts = [start]
        for cut in re.finditer(r"[，,](?=对)", piece):
            left, right = text[cuts[-1] : start + cut.start()], text[start + cut.end() : end]
            if _GIVE.search(left) and _GIVE.search(right):
                cuts.append(start + cut.end())
        bounds = [*cuts, end]
        for a, b in itertools.pairwise(bounds):
            chunk = text[a:b].rstrip("，, ")
            if len(chunk) >= 8 and BENEFIT.search(chunk):
                spans.append((a, a + len(chunk)))
    return spans


def _date_validity(sentence: str) -> tuple[dict[str, Any] | None, list[str]]:
    def excerpt_from(pos: int, stop: int) -> str:
        tail = re.match(r"[^，。；]*", sentence[stop:])
        return sentence[pos : stop + (tail.end() if tail else 0)].strip()

    if m := numerals.DATE_SPAN.search(sentence):
        start, end = numerals.date_from(m, "a"), numerals.date_from(m, "b")
        if start and end and start <= end:
            return {"valid_from": start, "valid_until": end, "excerpt": excerpt_from(m.start(), m.end())}, [
                f"期限 {start}～{end}"
            ]
    if m := numerals.DATE_UNTIL.search(sentence):
        end = numerals.date_from(m) or numerals.date_from(m, "e")
        if end:
            return {"valid_until": end, "excerpt": excerpt_from(m.start(), m.end())}, [f"截止 {end}"]
    if m := numerals.QUARTER.search(sentence):
        q = "一二三四".index(m.group("q")) + 1 if not m.group("q").isdigit() else int(m.group("q"))
        start, end = numerals.quarter_span(int(m.group("y")), q)
        return {"valid_from": start, "valid_until": end, "excerpt": excerpt_from(m.start(), m.end())}, [
            f"期限 {m.group(0)}"
        ]
    for pattern in (numerals.YEAR_WITHIN, numerals.BARE_YEAR):
        if m := pattern.search(sentence):
            year = int(m.group("y"))
            span = {"valid_from": dt.date(year, 1, 1), "valid_until": dt.date(year, 12, 31)}
            return {**span, "excerpt": excerpt_from(m.start(), m.end())}, [f"期限 {year}年（原文“{m.group(0)}”）"]
    return None, []


def _channel(clause: Clause, sentence: str, units: list[str]) -> tuple[dict[str, Any], str]:
    stated = " ".join(t for t in (clause.channel_text, clause.instant_text) if t)
    if "免申即享" in stated or "免申即享" in sentence:
        kind, detail = "免申即享", clause.channel_text or "免申即享"
    elif "一网通办" in stated or "一网通办" in sentence:
        kind, detail = "一网通办", clause.channel_text or "通过一网通办在线申请"
    elif clause.channel_text:
        kind, detail = "直接申请", clause.channel_text
    elif m := re.search(r"线下申请|直接申请|向[^，。；]{1,20}(?:申请|申报)", sentence):
        kind, detail = "直接申请", m.group(0)
    else:
        bank = "银行" in sentence and not re.search(r"给予|予以", sentence[: sentence.find("银行")])
        if _TAX.search(sentence):
            detail = "纳税申报时通过电子税务局或办税服务厅自行申报享受（原文未写明办理渠道）"
        elif bank:
            detail = "向贷款银行申请（原文未写明办理渠道）"
        else:
            detail = f"向{units[0]}申请（原文未写明办理渠道）"
        channel: dict[str, Any] = {"kind": "直接申请", "detail": detail, "from_document": False}
        if _TAX.search(sentence) or bank:
            channel["letter"] = "办理指引"
        return channel, "渠道：原文未写（from_document: false，按本工具推定）"
    if clause.instant_text and clause.instant_text not in detail:
        detail = f"{detail}（{clause.instant_text}）"
    channel = {"kind": kind, "detail": detail, "from_document": True}
    if kind == "直接申请" and (_TAX.search(sentence) or "银行" in detail):
        channel["letter"] = "办理指引"
    return channel, f"渠道：{kind}（原文“{stated or kind}”）"


def _object(cond: str) -> str:
    """对A的，给予… → A (without 符合条件的 and the closing 的)."""
    if "对" not in cond:
        return ""
    obj = re.split(r"(?<![针])对(?:于)?", cond)[-1]
    obj = re.split(r"[，,；;。]", obj.strip(" ，,"))[0]
    obj = re.sub(r"^(?:符合条件的|上述|获得|获)", "", obj)
    return re.sub(r"的$", "", obj).strip()


def _lead(sentence: str) -> str:
    """The comma segment that states the benefit, without a leading date span."""
    segments = [seg for seg in re.split(r"[，,。；;]", sentence) if seg.strip()]
    seg = next((g for g in segments if BENEFIT.search(g)), segments[0] if segments else sentence)
    seg = numerals.DATE_SPAN.sub("", seg)
    return re.sub(r"^(?:自|对|按照|按|在)?\s*", "", seg).strip()


def _title(clause: Clause, sentence: str, cond: str, draft: AmountDraft, single: bool) -> str:
    if single and clause.heading and not draft.category:
        return clause.heading[:40]
    obj = _object(cond) if benefit_start(sentence) < len(sentence) else ""
    noun = _BENEFIT_NOUN.search(sentence[len(cond) :]) or _BENEFIT_NOUN.search(sentence)
    word = noun.group(0) if noun else "支持"
    base = f"{obj[:22]}{word}" if obj and len(obj) >= 2 else _lead(sentence)[:30]
    if draft.category:
        base = f"{base[:28]}（{draft.category[:8]}）"
    base = re.sub(r"\s+", "", base)
    return base[:40] if len(base) >= 2 else f"第{clause.clause_id}条措施"


def _summary(sentence: str, cond: str, spec: dict[str, Any]) -> str:
    from pydantic import TypeAdapter

    from desktop_app.domain.amounts import describe_rule
    from desktop_app.domain.policy import AmountSpec

    try:
        amount = describe_rule(TypeAdapter(AmountSpec).validate_python(spec))
    except ValueError:
        amount = "金额以实施细则为准"
    who = _object(cond) or _lead(sentence)
    return f"{re.sub(chr(92) + 's+', '', who)[:50].rstrip('。；，')}：{amount}。"


def draft_clause(clause: Clause, *, pack_id: str, issuer: str | None) -> list[DraftMeasure]:
    """The drafted measures of one clause, ids ``<pack>-<clause>[a-z]``."""
    text = clause.text
    found = find_units(text)
    spans = benefit_sentences(text[: found[0]] if found else text)
    if clause.heading and len(spans) > 1 and text.startswith(clause.heading):
        spans = [s for s in spans if s[0] > len(clause.heading)] or spans
    drafted: list[tuple[str, str, AmountDraft]] = []
    previous: tuple[str, str] | None = None
    for a, b in spans:
        sentence = text[a:b]
        for draft in recognise(sentence):
            settle_base(draft, previous)
            if draft.spec.get("kind") == "percent":
                previous = (draft.spec["base"], draft.spec["base_label"])
            drafted.append((sentence, sentence[: benefit_start(sentence)], draft))
    units = clause.units or ([issuer] if issuer else ["（原文未写责任单位）"])
    out: list[DraftMeasure] = []
    for i, (sentence, cond, draft) in enumerate(drafted[:26]):
        suffix = string.ascii_lowercase[i] if len(drafted) > 1 else ""
        individual = re.search(r"个人消费者|消费者购买|个人消费", sentence) is not None
        if individual and draft.spec.get("kind") in ("percent", "match"):
            draft.spec["base"] = None  # the profile describes an enterprise, not a buyer: no base to read
            draft.unrecognised[:] = [n for n in draft.unrecognised if "对应字段为推测" not in n]
            settle_base(draft, None)
        conditions = draft_conditions(cond, sentence, category=draft.category)
        recognised = [*draft.recognised, *conditions.recognised]
        unrecognised = [*draft.unrecognised, *conditions.unrecognised]
        data: dict[str, Any] = {
            "id": f"{pack_id}-{clause.clause_id}{suffix}",
            "review": "draft",
            "title": _title(clause, sentence, cond, draft, len(drafted) == 1),
            "summary": _summary(sentence, cond, draft.spec),
        }
        if individual:
            data["audience"] = "individual"
            recognised.append("对象：个人消费者")
        data["clause"] = clause.label
        data["excerpt"] = sentence.strip()
        validity, notes = _date_validity(sentence)
        if validity:
            data["validity"] = validity
            recognised += notes
        if conditions.criteria:
            data["criteria"] = conditions.criteria
        if conditions.manual_checks:
            data["manual_checks"] = conditions.manual_checks
        data["amount"] = draft.spec
        channel, channel_note = _channel(clause, sentence, units)
        data["channel"] = channel
        (recognised if channel["from_document"] else unrecognised).append(channel_note)
        contact: dict[str, Any] = {"units": units}
        if clause.phones:
            contact["phone"] = "、".join(dict.fromkeys(clause.phones))
            contact["phone_source"] = "document"
            recognised.append(f"电话：{contact['phone']}（原文印出）")
        else:
            unrecognised.append("电话：原文未印（不填）")
        if clause.phone_note:
            contact["note"] = clause.phone_note
        data["contact"] = contact
        if clause.units:
            recognised.append(f"责任单位：{'、'.join(units)}（{'表格列' if clause.in_table else '原文括注'}）")
        else:
            unrecognised.append("责任单位：原文未写，暂填发文单位")
        out.append(DraftMeasure(data, recognised, unrecognised))
    if len(drafted) > 26:
        out[-1].unrecognised.append(f"本条共 {len(drafted)} 项，只起草了前 26 项")
    return out
