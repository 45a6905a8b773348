"""结果: what the enterprise can get and how, by channel; the engine decides, this page only shows it.

Matching runs on a worker thread (a slow pack never freezes the window): the page appears at once with a
busy indicator, and the rows arrive when the report does.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QBrush, QColor, QFont, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.domain.matching import MatchReport, MeasureResult
from desktop_app.domain.phones import ResolvedContact, resolve_contact
from desktop_app.domain.scope import applies_to
from desktop_app.domain.status import CHANNEL_HEADINGS, Status, channel_heading
from desktop_app.errors import message_for
from desktop_app.ui.background import BackgroundOp, ProgressFn
from desktop_app.ui.results_checks import ChecksPanel
from desktop_app.ui.results_detail import (
    STATUS_COLOURS,
    counts_text,
    detail_html,
    status_help,
    status_icon,
    status_label,
    total_texts,
)

if TYPE_CHECKING:
    from desktop_app.ui.host import WizardHost

ROLE_MEASURE = Qt.ItemDataRole.UserRole
#: The list shows at least this many rows when the window is 1366×768 (issue 14, 10).
MIN_VISIBLE_ROWS = 12


class ResultsPage(QWizardPage):
    """Three sections, one row per measure of the enterprise's district, a detail pane for the selected row."""

    def __init__(self, *, host: WizardHost) -> None:
        super().__init__()
        self._host = host
        self.report: MatchReport | None = None
        self.busy = False
        self._results: dict[str, MeasureResult] = {}
        self._keep_selection: str | None = None
        self.setObjectName("page_results")
        self.setTitle(self.tr("结果"))
        # No subtitle: at 150 % on 1366×768 its two lines are rows the list needs; the tooltip says it.
        self.setToolTip(self.tr("按办理方式分三类列出本区政策。选中一项，下方显示判断理由、原文条款和需核对的事项。"))

        self.era_box = QFrame(self)
        self.era_box.setObjectName("era_banner")
        self.era_label = QLabel(self.era_box)
        self.era_label.setWordWrap(True)
        self.era_button = QPushButton(self.era_box)
        self.era_button.setObjectName("era_button")
        self.era_button.clicked.connect(self._use_suggested_date)
        era_row = QHBoxLayout(self.era_box)
        era_row.setContentsMargins(8, 4, 8, 4)
        era_row.addWidget(self.era_label, 1)
        era_row.addWidget(self.era_button)
        self.era_box.setVisible(False)

        self.total = QLabel(self)
        self.total.setObjectName("total")
        self.total.setWordWrap(True)
        self.total.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.total.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.total.setFont(font)
        self.breakdown = QLabel(self)
        self.breakdown.setObjectName("total_breakdown")
        self.breakdown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.breakdown_text = ""
        self.counts = QLabel(self)
        self.counts.setObjectName("counts")
        self.counts.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("match_progress")
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.setFormat(self.tr("正在匹配…"))
        self.progress.setMaximumHeight(16)
        self.progress.setVisible(False)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("results_tree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("措施"), self.tr("状态"), self.tr("金额"), self.tr("电话")])
        self.tree.setUniformRowHeights(True)
        self.tree.setRootIsDecorated(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)  # amount and phone: see _fit_columns
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        self._fitting = self._user_sized = False
        header.sectionResized.connect(self._on_section_resized)
        self.tree.setAccessibleName(self.tr("匹配结果"))

        self.detail = QTextBrowser(self)
        self.detail.setObjectName("detail")
        self.detail.setOpenLinks(False)
        self.detail.anchorClicked.connect(self._on_anchor)
        self.answer_button = QPushButton(self.tr("去修改决定这一项的回答(&A)"), self)
        self.answer_button.setObjectName("go_answer")
        self.answer_button.setVisible(False)
        self.answer_button.clicked.connect(self.jump_to_missing)

        self.checks_panel = ChecksPanel(self)
        self.checks_panel.confirmation_changed.connect(self._on_confirmation_changed)
        self.confirmations = self.checks_panel.confirmations
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

        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.addWidget(self.tree)
        self.splitter.addWidget(lower)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setSpacing(4)
        layout.addWidget(self.era_box)
        layout.addWidget(self.total)
        layout.addWidget(self.breakdown)
        layout.addWidget(self.counts)
        layout.addWidget(self.progress)
        layout.addWidget(self.splitter, 1)

        self.tree.currentItemChanged.connect(lambda current, _previous: self._show(current))
        self.tree.itemActivated.connect(lambda item, _column: self._activate(item))

    # ------------------------------------------------------------------ filling
    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        """Match the current answers on a worker thread; the page stays responsive meanwhile."""
        job = self._host.match_job()
        self.busy = True
        self.progress.setVisible(True)
        self.completeChanged.emit()

        def op(progress: ProgressFn) -> MatchReport:
            return job()

        BackgroundOp(parent=self, op=op).success(self._on_matched).failure(self._on_failed).run_in_background()

    def _on_matched(self, report: MatchReport) -> None:
        self.busy = False
        self.progress.setVisible(False)
        self._host.remember_report(report)
        self.show_report(report)
        self.fit_rows()
        self.completeChanged.emit()

    def _on_failed(self, exc: BaseException) -> None:
        self.busy = False
        self.progress.setVisible(False)
        message = message_for(exc)
        self.total.setText(self.tr("无法完成匹配：{message}").format(message=message))
        self.completeChanged.emit()

    def show_report(self, report: MatchReport) -> None:
        self.report = report
        district = report.profile.district
        current = self.current_result()
        keep = self._keep_selection or (current.measure.id if current is not None else None)
        self._keep_selection = None
        shown = [
            r for r in report.results if r.status is not Status.not_applicable and applies_to(r.compiled, district)
        ]
        self._results = {r.measure.id: r for r in shown}
        headline, breakdown = total_texts(report, shown)
        self.total.setText(headline)
        # One line that elides at the window's edge, so the list keeps its rows; the whole text in the tooltip.
        self.breakdown_text = breakdown
        self._elide_breakdown()
        self.breakdown.setToolTip(breakdown)
        self.breakdown.setVisible(bool(breakdown))
        self.total.setToolTip(breakdown)
        self.counts.setText(counts_text(report, shown))
        self._show_era(report)
        self.tree.clear()
        first: QTreeWidgetItem | None = None
        from desktop_app.ui.translations import current_language

        for kind, _ in CHANNEL_HEADINGS:
            heading = channel_heading(kind, current_language())
            rows = sorted(
                (r for r in shown if r.measure.channel.kind is kind), key=lambda r: (r.status.rank, r.measure.id)
            )
            section = QTreeWidgetItem(self.tree, [self.section_title(heading, rows)])
            section.setFirstColumnSpanned(True)
            font = section.font(0)
            font.setBold(True)
            section.setFont(0, font)
            section.setFlags(Qt.ItemFlag.ItemIsEnabled)
            section.setData(0, Qt.ItemDataRole.AccessibleTextRole, kind.value)
            for result in rows:
                item = self._row(result, section)
                if first is None:
                    first = item
            section.setExpanded(True)
        self._fit_columns()
        chosen = (self.item_for(keep) if keep else None) or first
        if chosen is not None:
            self.tree.setCurrentItem(chosen)
        else:
            self._show(None)

    def _show_era(self, report: MatchReport) -> None:
        era = self._host.session.era()
        self.era_box.setVisible(era is not None)
        if era is not None:
            self.era_label.setText(self.tr(era.text(report.as_of)))
            self.era_button.setText(self.tr("按 {date} 查看(&V)").format(date=era.suggested.isoformat()))

    def _use_suggested_date(self) -> None:
        era = self._host.session.era()
        if era is not None:
            self._host.set_as_of(era.suggested)

    def section_title(self, heading: str, rows: list[MeasureResult]) -> str:
        eligible = sum(r.status is Status.eligible for r in rows)
        pending = sum(r.status is Status.needs_check for r in rows)
        extra = self.tr("，待核实 {n} 项").format(n=pending) if pending else ""
        return self.tr("{name}（符合 {eligible} 项{extra}，共 {total} 项）").format(
            name=heading, eligible=eligible, extra=extra, total=len(rows)
        )

    def detail_html(self, result: MeasureResult) -> str:
        return detail_html(result, self._contact(result), self._answerable(result))

    def phone_text(self, result: MeasureResult) -> str:
        return self._contact(result).phone_text

    def _contact(self, result: MeasureResult) -> ResolvedContact:
        district = result.pack.district
        return resolve_contact(result.measure, district, self._host.contacts.for_district(district.value))

    def _row(self, result: MeasureResult, section: QTreeWidgetItem) -> QTreeWidgetItem:
        color, background = STATUS_COLOURS.get(result.status, ("#000000", None))
        values = [result.measure.title, status_label(result.status), result.amount_text, self.phone_text(result)]
        item = QTreeWidgetItem(section, values)
        item.setIcon(1, status_icon(result.status))
        item.setData(0, ROLE_MEASURE, result.measure.id)
        item.setToolTip(0, f"{result.measure.id}  {result.measure.title}")
        item.setToolTip(1, status_help(result.status))
        item.setToolTip(2, result.amount_text)
        item.setToolTip(3, values[3])
        for column in range(4):
            item.setForeground(column, QBrush(QColor(color)))
            if background:
                item.setBackground(column, QBrush(QColor(background)))
        if result.status in (Status.eligible, Status.needs_check):
            font = item.font(1)
            font.setBold(True)
            item.setFont(1, font)
        if result.status is Status.expired:
            for column in range(4):
                font = QFont(item.font(column))
                font.setStrikeOut(True)
                item.setFont(column, font)
        return item

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_rows()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide_breakdown()
        self._fit_columns()
        self.fit_rows()

    def _fit_columns(self) -> None:
        """Amount and phone as wide as their longest entry but at most 30 % and 22 % of the list, so that in
        a narrow window the measure titles keep their room; a cut entry is whole in its tooltip. A width the
        user dragged is kept."""
        if self._user_sized:
            return
        width = self.tree.viewport().width()
        self._fitting = True
        for column, share in ((2, 0.30), (3, 0.22)):
            wanted = self.tree.sizeHintForColumn(column) + 8
            self.tree.header().resizeSection(column, min(wanted, max(int(width * share), 80)))
        self._fitting = False

    def _on_section_resized(self, column: int, _old: int, _new: int) -> None:
        if column in (2, 3) and not self._fitting:
            self._user_sized = True

    def _elide_breakdown(self) -> None:
        lines = [line for line in self.breakdown_text.split("\n") if line]
        width = max(self.breakdown.width(), 200)
        metrics = self.breakdown.fontMetrics()
        self.breakdown.setText(
            "\n".join(metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines)
        )

    def fit_rows(self) -> None:
        """Give the list room for :data:`MIN_VISIBLE_ROWS` rows; the detail pane keeps at least four lines."""
        row = max(self.tree.sizeHintForRow(0), self.tree.fontMetrics().height() + 4)
        wanted = row * MIN_VISIBLE_ROWS + self.tree.header().sizeHint().height() + 6
        total = sum(self.splitter.sizes())
        lower_min = self.detail.fontMetrics().lineSpacing() * 4 + self.answer_button.sizeHint().height() + 12
        if total <= 0:
            return
        tree = min(max(wanted, total * 3 // 5), max(total - lower_min, total // 2))
        self.splitter.setSizes([tree, total - tree])

    # ------------------------------------------------------------------ details
    def current_result(self) -> MeasureResult | None:
        item = self.tree.currentItem()
        measure_id = item.data(0, ROLE_MEASURE) if item is not None else None
        return self._results.get(measure_id) if measure_id else None

    def _show(self, item: QTreeWidgetItem | None) -> None:
        measure_id = item.data(0, ROLE_MEASURE) if item is not None else None
        result = self._results.get(measure_id) if measure_id else None
        self.checks_panel.show_result(result)
        if result is None:
            hint = self.tr("选中上方的一项措施，这里显示详情。")
            self.detail.setHtml(f"<p>{html.escape(hint)}</p>")
            self.answer_button.setVisible(False)
            return
        self.detail.setHtml(self.detail_html(result))
        self.answer_button.setVisible(bool(self._answerable(result)))

    def _on_confirmation_changed(self, key: str, confirmed: bool) -> None:
        """已向受理部门确认: saved in the profile (confirmations), then the measure is matched again."""
        result = self.current_result()
        self._keep_selection = result.measure.id if result is not None else None
        self._host.set_confirmation(key, confirmed)
        self.refresh()

    def _answerable(self, result: MeasureResult) -> list[tuple[str, str]]:
        """The questions that decide ``result``: the unanswered ones for 需补充信息, else the answers it read."""
        questionnaire = self._host.questionnaire
        if questionnaire is None:
            return []
        order = {q.id: i for i, q in enumerate(questionnaire.questions())}
        out: list[tuple[str, str]] = []
        for qid in sorted(result.deciding_fields, key=lambda q: order.get(q, len(order))):
            question = questionnaire.question(qid)
            if question is not None:
                out.append((qid, question.label))
        return out

    # ------------------------------------------------------------------ jumping back
    def _on_anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("question:"):
            self._host.go_to_question(text.split(":", 1)[1])

    def _activate(self, item: QTreeWidgetItem) -> None:
        if item.data(0, ROLE_MEASURE):
            self.jump_to_missing()

    def jump_to_missing(self) -> bool:
        """Go back to the first question that decides the selected result (unanswered ones first)."""
        result = self.current_result()
        missing = self._answerable(result) if result is not None else []
        if not missing:
            return False
        from desktop_app.domain.questionnaire import is_shown

        # Prefer a question that is asked now; one whose show_if is not yet met waits on an earlier answer.
        profile = self._host.profile()
        questionnaire = self._host.questionnaire
        assert questionnaire is not None

        def hidden(qid: str) -> bool:
            question = questionnaire.question(qid)
            return question is None or not is_shown(question, profile)

        return any(self._host.go_to_question(qid) for qid in sorted((qid for qid, _ in missing), key=hidden))

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
