"""结果: what the enterprise can get and how, by channel; the engine decides, this page only shows it."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.documents.context import contact_info
from desktop_app.domain.amounts import format_range
from desktop_app.domain.matching import MatchReport, MeasureResult, Status

if TYPE_CHECKING:
    from desktop_app.ui.wizard import PolicyWizard

#: Sections in the order the user acts on them: nothing to do, apply online, apply in person.
SECTIONS = ("免申即享", "一网通办", "直接申请")
#: Colours and a sign per status, so that the difference does not rest on colour alone.
STATUS_STYLE = {
    Status.eligible: ("✔", "#1b5e20", "#e8f5e9"),
    Status.needs_info: ("？", "#7a5200", "#fff4d6"),
    Status.not_eligible: ("✗", "#6d6d6d", None),
    Status.expired: ("⌛", "#9e9e9e", "#f2f2f2"),
}
ROLE_MEASURE = Qt.ItemDataRole.UserRole
#: Amount texts can be whole sentences (免征车辆购置税…); the full text is in the tooltip and the details.
AMOUNT_COLUMN_WIDTH = 200


class ResultsPage(QWizardPage):
    """Three sections, one row per measure of the enterprise's district, a detail pane for the selected row."""

    def __init__(self, *, wizard: PolicyWizard) -> None:
        super().__init__()
        self._wizard = wizard
        self.report: MatchReport | None = None
        self._results: dict[str, MeasureResult] = {}
        self._ticked: dict[str, set[int]] = {}
        self.setObjectName("page_results")
        self.setTitle(self.tr("结果"))
        self.setSubTitle(self.tr("按办理方式分三类列出本区政策。选中一项，下方显示判断理由、原文条款和需核对的事项。"))

        self.total = QLabel(self)
        self.total.setObjectName("total")
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.total.setFont(font)
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("results_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("措施"), self.tr("状态"), self.tr("金额"), self.tr("电话")])
        self.tree.setAlternatingRowColors(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setColumnWidth(2, AMOUNT_COLUMN_WIDTH)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.tree.setAccessibleName(self.tr("匹配结果"))

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_anchor)
        self.answer_button = QPushButton(self.tr("去回答这个问题(&A)"), self)
        self.answer_button.setObjectName("go_answer")
        self.answer_button.setVisible(False)
        self.answer_button.clicked.connect(self.jump_to_missing)
        self.checks_label = QLabel(self.tr("请逐项核对（程序无法判断，需要您确认）："), self)
        self.checks_label.setWordWrap(True)
        self.checks = QListWidget(self)
        self.checks.setObjectName("manual_checks")
        self.checks.setWordWrap(True)
        self.checks.itemChanged.connect(self._on_check_changed)

        self.checks_panel = QWidget(self)
        side_box = QVBoxLayout(self.checks_panel)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.checks_label)
        side_box.addWidget(self.checks, 1)
        lower_split = QSplitter(Qt.Orientation.Horizontal, self)
        lower_split.addWidget(self.detail)
        lower_split.addWidget(self.checks_panel)
        lower_split.setStretchFactor(0, 3)
        lower_split.setStretchFactor(1, 2)
        lower_split.setChildrenCollapsible(False)
        lower = QWidget(self)
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 0, 0, 0)
        lower_box.addWidget(self.answer_button, 0, Qt.AlignmentFlag.AlignLeft)
        lower_box.addWidget(lower_split, 1)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter

        top = QHBoxLayout()
        top.addWidget(self.total, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(splitter, 1)

        self.tree.currentItemChanged.connect(lambda current, _previous: self._show(current))
        self.tree.itemActivated.connect(lambda item, _column: self._activate(item))

    # ------------------------------------------------------------------ filling
    def initializePage(self) -> None:
        self.show_report(self._wizard.report())

    def show_report(self, report: MatchReport) -> None:
        self.report = report
        district = report.profile.district
        shown = [
            r
            for r in report.results
            if r.status is not Status.not_applicable and (district is None or r.pack.district.value == district.value)
        ]
        self._results = {r.measure.id: r for r in shown}
        counts = report.counts()
        low, high = report.total()
        eligible = counts[Status.eligible]
        if eligible:
            self.total.setText(
                self.tr("符合条件 {count} 项，预计合计 {amount}").format(count=eligible, amount=format_range(low, high))
            )
        else:
            self.total.setText(self.tr("目前没有确定符合条件的措施"))
        self.counts.setText(
            self.tr("需补充信息 {needs} 项 · 不符合 {fails} 项 · 已过期 {expired} 项 · 参考日期 {as_of}").format(
                needs=counts[Status.needs_info],
                fails=counts[Status.not_eligible],
                expired=counts[Status.expired],
                as_of=report.as_of.isoformat(),
            )
        )
        self.tree.clear()
        first: QTreeWidgetItem | None = None
        for kind in SECTIONS:
            rows = [r for r in shown if r.measure.channel.kind.value == kind]
            rows.sort(key=lambda r: (r.status.rank, r.measure.id))
            section = QTreeWidgetItem(self.tree, [self.section_title(kind, rows)])
            section.setFirstColumnSpanned(True)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            section.setData(0, Qt.ItemDataRole.AccessibleTextRole, kind)
            for result in rows:
                item = self._row(result, section)
                if first is None:
                    first = item
            section.setExpanded(True)
        if first is not None:
            self.tree.setCurrentItem(first)
        else:
            self._show(None)

    def section_title(self, kind: str, rows: list[MeasureResult]) -> str:
        eligible = sum(r.status is Status.eligible for r in rows)
        names = {
            "免申即享": self.tr("免申即享 — 无需申请，政府主动兑现"),
            "一网通办": self.tr("一网通办 — 网上申请"),
            "直接申请": self.tr("直接申请 — 向受理部门提交"),
        }
        return self.tr("{name}（符合 {eligible} 项，共 {total} 项）").format(
            name=names[kind], eligible=eligible, total=len(rows)
        )

    def status_text(self, status: Status) -> str:
        texts = {
            Status.eligible: self.tr("符合条件"),
            Status.needs_info: self.tr("需补充信息"),
            Status.not_eligible: self.tr("不符合"),
            Status.expired: self.tr("已过期"),
            Status.not_applicable: self.tr("不适用"),
        }
        return texts[status]

    def phone_text(self, result: MeasureResult) -> str:
        contact = contact_info(result, self._wizard.contacts)
        if not contact.phone_known:
            return self.tr("原文未载")
        if contact.user_entered:
            return self.tr("{phone}（用户填写）").format(phone=contact.phone)
        return contact.phone

    def _row(self, result: MeasureResult, section: QTreeWidgetItem) -> QTreeWidgetItem:
        sign, color, background = STATUS_STYLE.get(result.status, ("", "#000000", None))
        item = QTreeWidgetItem(
            section,
            [
                result.measure.title,
                f"{sign} {self.status_text(result.status)}",
                result.amount_text,
                self.phone_text(result),
            ],
        )
        item.setData(0, ROLE_MEASURE, result.measure.id)
        item.setToolTip(0, f"{result.measure.id}  {result.measure.title}")
        item.setToolTip(2, result.amount_text)
        for column in range(4):
            item.setForeground(column, QBrush(QColor(color)))
            if background:
                item.setBackground(column, QBrush(QColor(background)))
        if result.status is Status.eligible:
            font = item.font(1)
            font.setBold(True)
            item.setFont(1, font)
        if result.status is Status.expired:
            for column in range(4):
                font = QFont(item.font(column))
                font.setStrikeOut(True)
                item.setFont(column, font)
        return item

    # ------------------------------------------------------------------ details
    def current_result(self) -> MeasureResult | None:
        item = self.tree.currentItem()
        measure_id = item.data(0, ROLE_MEASURE) if item is not None else None
        return self._results.get(measure_id) if measure_id else None

    def _show(self, item: QTreeWidgetItem | None) -> None:
        measure_id = item.data(0, ROLE_MEASURE) if item is not None else None
        result = self._results.get(measure_id) if measure_id else None
        self.checks.blockSignals(True)
        self.checks.clear()
        if result is None:
            hint = self.tr("选中上方的一项措施，这里显示详情。")
            self.detail.setHtml(f"<p>{html.escape(hint)}</p>")
            self.answer_button.setVisible(False)
            self.checks_panel.setVisible(False)
            self.checks.blockSignals(False)
            return
        self.detail.setHtml(self.detail_html(result))
        self.answer_button.setVisible(bool(self._answerable(result)))
        ticked = self._ticked.get(result.measure.id, set())
        for index, text in enumerate(result.manual_checks):
            check = QListWidgetItem(text, self.checks)
            check.setFlags(check.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            check.setCheckState(Qt.CheckState.Checked if index in ticked else Qt.CheckState.Unchecked)
        self.checks_panel.setVisible(bool(result.manual_checks))
        self.checks.blockSignals(False)

    def _on_check_changed(self, item: QListWidgetItem) -> None:
        result = self.current_result()
        if result is None:
            return
        ticked = self._ticked.setdefault(result.measure.id, set())
        index = self.checks.row(item)
        if item.checkState() == Qt.CheckState.Checked:
            ticked.add(index)
        else:
            ticked.discard(index)

    def detail_html(self, result: MeasureResult) -> str:
        """Reasons, amount, channel, contact, validity, the verbatim clause and the what-if hints."""
        esc = html.escape
        measure, pack = result.measure, result.pack
        label = {
            "reasons": self.tr("判断理由"),
            "gap": self.tr("差多少"),
            "missing": self.tr("补充以下信息即可判断"),
            "amount": self.tr("金额"),
            "presumed": self.tr("本工具推定"),
            "channel": self.tr("办理渠道"),
            "units": self.tr("受理部门"),
            "phone": self.tr("电话"),
            "validity": self.tr("有效期"),
            "source": self.tr("原文"),
            "materials": self.tr("原文所列材料"),
        }
        sign, color, _ = STATUS_STYLE.get(result.status, ("", "#000", None))
        parts = [
            f"<h3>{esc(measure.title)}</h3>",
            f"<p><b style='color:{color}'>{esc(sign)} {esc(self.status_text(result.status))}</b>"
            f" &nbsp; <span style='color:#666'>{esc(measure.id)}</span></p>",
            f"<p>{esc(measure.summary)}</p>",
            f"<p><b>{esc(label['reasons'])}</b></p><ul>",
            *(f"<li>{esc(reason)}</li>" for reason in result.reasons),
            "</ul>",
        ]
        hints = [c.hint for c in result.criteria if c.hint]
        if hints:
            parts.append(f"<p><b>{esc(label['gap'])}</b></p><ul>")
            parts += [f"<li>{esc(h)}</li>" for h in hints]
            parts.append("</ul>")
        missing = self._answerable(result)
        if missing:
            parts.append(f"<p><b>{esc(label['missing'])}</b></p><ul>")
            parts += [f"<li><a href='question:{esc(qid)}'>{esc(label)}</a></li>" for qid, label in missing]
            parts.append("</ul>")
        parts.append(f"<p><b>{esc(label['amount'])}</b>：{esc(result.amount_text)}</p>")
        if result.amount is not None and result.amount.basis:
            parts.append(f"<p style='color:#555'>{esc(result.amount.basis)}</p>")
        channel = measure.channel
        presumed = "" if channel.from_document else f" <i>（{esc(label['presumed'])}）</i>"
        parts.append(
            f"<p><b>{esc(label['channel'])}</b>：{esc(channel.kind.value)} — {esc(channel.detail)}{presumed}</p>"
        )
        contact = contact_info(result, self._wizard.contacts)
        phone = self.phone_text(result)
        parts.append(f"<p><b>{esc(label['units'])}</b>：{esc(contact.units)}　{esc(label['phone'])}：{esc(phone)}")
        if contact.note:
            parts.append(f"<br/><span style='color:#555'>{esc(contact.note)}</span>")
        parts.append("</p>")
        period = f"{result.valid_from.isoformat()} — {result.valid_until.isoformat()}"
        parts.append(f"<p><b>{esc(label['validity'])}</b>：{period}</p>")
        doc = pack.document
        number = f"（{doc.number}）" if doc.number else ""
        parts.append(f"<p><b>{esc(label['source'])}</b>：《{esc(doc.title)}》{esc(number)}{esc(measure.clause)}</p>")
        parts.append(
            "<blockquote style='background:#f6f6f6; margin-left:8px; padding:6px'>"
            + esc(measure.excerpt)
            + "</blockquote>"
        )
        if measure.materials:
            parts.append(f"<p><b>{esc(label['materials'])}</b></p><ul>")
            parts += [f"<li>{esc(m)}</li>" for m in measure.materials]
            parts.append("</ul>")
        return "".join(parts)

    def _answerable(self, result: MeasureResult) -> list[tuple[str, str]]:
        """The unanswered questions that settle a needs-info result, questionnaire order, as (id, label)."""
        if result.status is not Status.needs_info or self._wizard.questionnaire is None:
            return []
        order = {q.id: i for i, q in enumerate(self._wizard.questionnaire.questions())}
        out = []
        for qid in sorted(result.missing, key=lambda q: order.get(q, len(order))):
            question = self._wizard.questionnaire.question(qid)
            if question is not None:
                out.append((qid, question.label))
        return out

    # ------------------------------------------------------------------ jumping back
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("question:"):
            self._wizard.go_to_question(text.split(":", 1)[1])

    def _activate(self, item: QTreeWidgetItem) -> None:
        measure_id = item.data(0, ROLE_MEASURE)
        result = self._results.get(measure_id) if measure_id else None
        if result is not None and result.status is Status.needs_info:
            self.jump_to_missing()

    def jump_to_missing(self) -> bool:
        """Go back to the first unanswered question that settles the selected result."""
        result = self.current_result()
        missing = self._answerable(result) if result is not None else []
        if not missing:
            return False
        from desktop_app.domain.questionnaire import is_shown

        # Prefer a question that is asked now; one whose show_if is not yet met waits on an earlier answer.
        profile = self._wizard.profile()
        questionnaire = self._wizard.questionnaire
        assert questionnaire is not None

        def hidden(qid: str) -> bool:
            question = questionnaire.question(qid)
            return question is None or not is_shown(question, profile)

        return any(self._wizard.go_to_question(qid) for qid in sorted((qid for qid, _ in missing), key=hidden))

    def measure_items(self) -> list[QTreeWidgetItem]:
        """Every measure row, section by section."""
        out = []
        for index in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(index)
            if section is None:
                continue
            out += [child for i in range(section.childCount()) if (child := section.child(i)) is not None]
        return out

    def item_for(self, measure_id: str) -> QTreeWidgetItem | None:
        return next((item for item in self.measure_items() if item.data(0, ROLE_MEASURE) == measure_id), None)
