"""The results page's texts: the detail pane's HTML, the total and its breakdown, status colours and icons."""

from __future__ import annotations

import html
from functools import cache

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon

from desktop_app import paths
from desktop_app.domain.amounts import format_range
from desktop_app.domain.matching import MatchReport, MeasureResult
from desktop_app.domain.phones import ResolvedContact
from desktop_app.domain.status import Status

#: Text and background colour per status; each also has its own icon, so colour is never the only sign.
STATUS_COLOURS: dict[Status, tuple[str, str | None]] = {
    Status.eligible: ("#1b5e20", "#e8f5e9"),
    Status.needs_check: ("#0d47a1", "#e3f2fd"),
    Status.needs_info: ("#7a5200", "#fff4d6"),
    Status.not_eligible: ("#6d6d6d", None),
    Status.not_yet_valid: ("#6d4c41", "#f5f0ee"),
    Status.expired: ("#8a8a8a", "#f2f2f2"),
    Status.draft: ("#6a1b9a", "#f3e5f5"),
    Status.not_applicable: ("#9e9e9e", None),
}


def tr(text: str) -> str:
    return QCoreApplication.translate("ResultsPage", text)


def status_label(status: Status) -> str:
    """The status in the interface language (the domain holds both wordings)."""
    from desktop_app.ui.translations import current_language

    return status.text(current_language())


def status_help(status: Status) -> str:
    from desktop_app.ui.translations import current_language

    return status.help_text(current_language())


@cache
def status_icon(status: Status) -> QIcon:
    """The bundled status icon (16 px and @2x), in place of glyphs such as ⌛ that many fonts lack."""
    icon = QIcon()
    for suffix in ("", "@2x"):
        path = paths.icons_dir() / f"status-{status.value}{suffix}.png"
        if path.is_file():
            icon.addFile(str(path))
    return icon


def total_texts(report: MatchReport, shown: list[MeasureResult]) -> tuple[str, str]:
    """(headline, breakdown): the sum and, line by line, what it counts and what has no figure and why."""
    eligible = [r for r in shown if r.status is Status.eligible]
    pending = [r for r in shown if r.status is Status.needs_check]
    if not eligible:
        headline = tr("目前没有确定符合条件的措施")
        if pending:
            headline += tr("（{count} 项待核实）").format(count=len(pending))
        return headline, _pending_line(pending)
    low, high = report.total()
    counted = [r for r in eligible if r.amount is not None and (r.amount.maximum is None or r.amount.maximum > 0)]
    no_figure = [r for r in eligible if r not in counted]
    headline = tr("符合条件 {count} 项，预计合计 {amount}").format(count=len(eligible), amount=format_range(low, high))
    if not counted:
        headline = tr("符合条件 {count} 项，均无可计算的金额").format(count=len(eligible))
    lines = []
    if counted:
        items = "；".join(f"{r.measure.title} {r.amount_text}" for r in counted)
        lines.append(tr("计入合计：{items}").format(items=items))
    if no_figure:
        items = "；".join(f"{r.measure.title}（{r.amount_text}）" for r in no_figure)
        lines.append(tr("未计入（原文未定金额，视实际情况而定）：{items}").format(items=items))
    pending_line = _pending_line(pending)
    if pending_line:
        lines.append(pending_line)
    return headline, "\n".join(lines)


def counts_text(report: MatchReport, shown: list[MeasureResult]) -> str:
    """需补充信息 2 项 · 不符合 3 项 · 参考日期 2023-06-01: what is left to act on, and the date it holds for."""
    counts = {s: sum(r.status is s for r in shown) for s in Status}
    parts = [
        tr("{status} {count} 项").format(status=status_label(s), count=counts[s])
        for s in (Status.needs_check, Status.needs_info, Status.not_eligible, Status.not_yet_valid, Status.expired)
        if counts[s] or s in (Status.needs_info, Status.not_eligible)
    ]
    return " · ".join([*parts, tr("参考日期 {as_of}").format(as_of=report.as_of.isoformat())])


def _pending_line(pending: list[MeasureResult]) -> str:
    if not pending:
        return ""
    names = "、".join(r.measure.title for r in pending)
    return tr("待核实、未计入（向受理部门确认后计入）：{names}").format(names=names)


def _detail_headings() -> dict[str, str]:
    """The detail pane's headings, translated when it is drawn (each a literal here, so that lupdate finds it)."""
    return {
        "reasons": tr("判断理由"),
        "checks": tr("须由受理部门确认"),
        "confirmed": tr("已确认"),
        "unconfirmed": tr("未确认"),
        "confirmer": tr("确认单位："),
        "reading": tr("解读说明："),
        "gaps": tr("差多少"),
        "missing": tr("补充以下信息即可判断"),
        "deciding": tr("决定这一项的回答（点击修改）"),
        "amount": tr("金额："),
        "presumed": tr("（本工具推定）"),
        "channel": tr("办理渠道："),
        "units": tr("受理部门："),
        "phone": tr("电话："),
        "validity": tr("有效期："),
        "source": tr("原文："),
        "materials": tr("原文所列材料"),
    }


def detail_html(result: MeasureResult, contact: ResolvedContact, questions: list[tuple[str, str]]) -> str:
    """Reasons, open checks, amount, channel, contact, validity, the verbatim clause and the what-if hints."""
    esc = html.escape
    h = _detail_headings()
    measure, pack = result.measure, result.pack
    colour, _ = STATUS_COLOURS.get(result.status, ("#000", None))
    parts = [
        f"<h3>{esc(measure.title)}</h3>",
        f"<p><b style='color:{colour}'>{esc(status_label(result.status))}</b>"
        f" &nbsp; <span style='color:#666'>{esc(status_help(result.status))} · {esc(measure.id)}</span></p>",
        f"<p>{esc(measure.summary)}</p>",
        f"<p><b>{esc(h['reasons'])}</b></p><ul>",
        *(f"<li>{esc(reason)}</li>" for reason in result.reasons),
        "</ul>",
    ]
    if result.open_checks:
        parts.append(f"<p><b>{esc(h['checks'])}</b></p><ul>")
        for check in result.open_checks:
            state = h["confirmed"] if check.confirmed else h["unconfirmed"]
            parts.append(f"<li>{esc(check.text)}（{esc(h['confirmer'])}{esc(check.confirmer)}；{esc(state)}）</li>")
        parts.append("</ul>")
    if result.reading_note:
        parts.append(f"<p style='color:#8a4b00'><b>{esc(h['reading'])}</b>{esc(result.reading_note)}</p>")
    hints = [c.hint for c in result.criteria if c.hint]
    if hints:
        parts.append(f"<p><b>{esc(h['gaps'])}</b></p><ul>")
        parts += [f"<li>{esc(h)}</li>" for h in hints]
        parts.append("</ul>")
    if questions:
        needs_info = result.status is Status.needs_info
        heading = h["missing"] if needs_info else h["deciding"]
        parts.append(f"<p><b>{esc(heading)}</b></p><ul>")
        parts += [f"<li><a href='question:{esc(qid)}'>{esc(label)}</a></li>" for qid, label in questions]
        parts.append("</ul>")
    parts.append(f"<p><b>{esc(h['amount'])}</b>{esc(result.amount_text)}</p>")
    if result.amount is not None and result.amount.basis:
        parts.append(f"<p style='color:#555'>{esc(result.amount.basis)}</p>")
    channel = measure.channel
    presumed = "" if channel.from_document else f" <i>{esc(h['presumed'])}</i>"
    parts.append(f"<p><b>{esc(h['channel'])}</b>{esc(channel.kind.value)} — {esc(channel.detail)}{presumed}</p>")
    parts.append(f"<p><b>{esc(h['units'])}</b>{esc(contact.units)}　{esc(h['phone'])}{esc(contact.phone_text)}</p>")
    period = f"{result.valid_from.isoformat()} — {result.valid_until.isoformat()}"
    parts.append(f"<p><b>{esc(h['validity'])}</b>{period}</p>")
    doc = pack.document
    number = f"（{doc.number}）" if doc.number else ""
    parts.append(f"<p><b>{esc(h['source'])}</b>《{esc(doc.title)}》{esc(number)}{esc(measure.clause)}</p>")
    parts.append(
        "<blockquote style='background:#f6f6f6; margin-left:8px; padding:6px'>" + esc(measure.excerpt) + "</blockquote>"
    )
    if measure.materials:
        parts.append(f"<p><b>{esc(h['materials'])}</b></p><ul>")
        parts += [f"<li>{esc(m)}</li>" for m in measure.materials]
        parts.append("</ul>")
    return "".join(parts)
