"""The wizard's navigation: fixed page ids, the path through the pages, jumps, and the side panel.

:class:`NavigationMixin` gives :class:`~desktop_app.ui.wizard.PolicyWizard` its branching (which
pages the answers so far lead through) and its jumps (to a page, to one question);
:class:`NavigationPanel` is the side panel that lists the path.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtWidgets import QWizard

    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.profile import EnterpriseProfile
    from desktop_app.domain.questionnaire import Questionnaire
    from desktop_app.ui.fields import AnswerForm
    from desktop_app.ui.question_page import QuestionPage

    _Base = QWizard
else:
    _Base = object

#: How long a status such as “已保存” stays before it fades out.
STATUS_MS = 4_000


class PageId(IntEnum):
    """Fixed page ids. Detail pages get ``detail + i``, i being their place in forms/questionnaire.yaml."""

    welcome = 0
    basics = 1
    size = 2
    checklist = 3
    results = 40
    generate = 50
    detail = 100


#: Questionnaire pages with a fixed id; every other questionnaire page is a detail page.
FIXED_QUESTION_PAGES = {"basics": PageId.basics, "size": PageId.size, "checklist": PageId.checklist}


class NavigationPanel(QWidget):
    """Page titles on the current path (click or Enter to jump), a results button, and the status area."""

    page_requested = Signal(int)
    results_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        label = QLabel(self.tr("跳到(&J)："), self)
        self.pages = QListWidget(self)
        self.pages.setObjectName("page_list")
        self.pages.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.pages.setTextElideMode(Qt.TextElideMode.ElideRight)
        label.setBuddy(self.pages)
        self.pages.itemActivated.connect(self._on_item)
        self.pages.itemClicked.connect(self._on_item)
        self.results_button = QPushButton(self.tr("查看结果(&K)"), self)
        self.results_button.setObjectName("view_results")
        self.results_button.setToolTip(self.tr("填好企业基本信息后，可从任一页直接查看结果"))
        self.results_button.clicked.connect(self.results_requested.emit)
        self.status = QLabel(self)
        self.status.setObjectName("save_status")
        self.status.setWordWrap(True)
        self._clear = QTimer(self)
        self._clear.setSingleShot(True)
        self._clear.setInterval(STATUS_MS)
        self._clear.timeout.connect(lambda: self.status.setText(""))
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 8, 0)
        box.addWidget(label)
        box.addWidget(self.pages, 1)
        box.addWidget(self.results_button)
        box.addWidget(self.status)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("企业基本信息") + 40)
        self.setMaximumWidth(self.fontMetrics().horizontalAdvance("欢迎使用惠企政策") + 40)

    def set_pages(self, pages: list[tuple[int, str]], current: int) -> None:
        self.pages.blockSignals(True)
        self.pages.clear()
        for page_id, title in pages:
            item = QListWidgetItem(title, self.pages)
            item.setToolTip(title)
            item.setData(Qt.ItemDataRole.UserRole, page_id)
            if page_id == current:
                self.pages.setCurrentItem(item)
        self.pages.blockSignals(False)

    def _on_item(self, item: QListWidgetItem) -> None:
        self.page_requested.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self._clear.start()


class NavigationMixin(_Base):
    """Branching and jumps of the wizard: expects ``form``, ``questionnaire``, ``question_pages`` and ``nav``.

    Its texts keep the wizard's translation context (``QCoreApplication.translate("PolicyWizard", …)``).
    """

    form: AnswerForm | None
    questionnaire: Questionnaire | None
    question_pages: dict[str, QuestionPage]
    nav: NavigationPanel | None
    #: Every page in id order, and the pages on the path the answers lead through now.
    page_order: list[int]
    page_path: list[int]

    if TYPE_CHECKING:  # provided by PolicyWizard

        @property
        def catalog(self) -> Catalog | None: ...
        @property
        def as_of(self) -> dt.date: ...
        def profile(self) -> EnterpriseProfile: ...

    def next_id_after(self, page_id: int) -> int:
        """The page after ``page_id`` on the current path: topic pages only when ticked and when they ask something."""
        if page_id not in self.page_order:
            return -1
        for candidate in self.page_order[self.page_order.index(page_id) + 1 :]:
            if candidate in self.page_path:
                return candidate
        return -1

    def page_sequence(self) -> list[int]:
        """The pages a user walks through now, in order."""
        return list(self.page_path)

    def refresh(self) -> None:
        """Re-decide which questions and pages apply, from the answers so far."""
        if self.form is None or self.questionnaire is None or self.catalog is None:
            return
        from desktop_app.domain.questionnaire import fields_in_scope, pages_for

        profile = self.form.profile()
        scope = fields_in_scope(self.catalog, profile, self.as_of)
        for qpage in self.questionnaire.pages:
            self.question_pages[qpage.id].set_district(profile.district.value if profile.district else None)
        asked = {
            page.id: [q.id for q in questions] for page, questions in pages_for(self.questionnaire, profile, scope)
        }
        sequence: list[int] = [PageId.welcome]
        for qpage in self.questionnaire.pages:
            widget = self.question_pages[qpage.id]
            widget.set_asked(asked.get(qpage.id, []))
            if qpage.id in FIXED_QUESTION_PAGES or qpage.id in asked:
                sequence.append(widget.page_id)
        self.page_path = [*sequence, PageId.results, PageId.generate]
        self._note_silent_topics(profile, asked)
        self.update_navigation()
        current = self.currentPage()
        if current is not None:
            current.completeChanged.emit()  # lets QWizard re-ask nextId() for its buttons

    def _note_silent_topics(self, profile: EnterpriseProfile, asked: dict[str, list[str]]) -> None:
        """Say which ticked topics have no question for this district, so a skipped page is no surprise."""
        checklist = self.question_pages.get("checklist")
        if checklist is None or self.questionnaire is None:
            return
        ticked = set(profile.topics or [])
        silent = [
            t.label
            for t in self.questionnaire.topics
            if t.id in ticked and not any(page.topic == t.id and page.id in asked for page in self.questionnaire.pages)
        ]
        text = ""
        if silent and profile.district is not None:
            text = QCoreApplication.translate(
                "PolicyWizard", "{district}现行政策中，所选的“{topics}”没有需要回答的问题，将跳过。"
            ).format(district=profile.district.label, topics="、".join(silent))
        checklist.set_note(text)

    def update_navigation(self) -> None:
        """The side panel's page list follows the path; 查看结果 once the basics are complete."""
        if self.nav is None:
            return
        pages = []
        for page_id in self.page_path:
            page = self.page(page_id)
            if page is not None:
                pages.append((page_id, page.title()))
        self.nav.set_pages(pages, self.currentId())
        basics = self.page(PageId.basics)
        self.nav.results_button.setEnabled(basics is not None and basics.isComplete())

    def question_page_id(self, question_id: str) -> int | None:
        if self.questionnaire is None:
            return None
        page = self.questionnaire.page_of(question_id)
        return self.question_pages[page.id].page_id if page is not None else None

    def go_to_page(self, page_id: int) -> bool:
        """Walk back or forward to ``page_id``; stop at a page that is not complete. True when arrived."""
        if page_id in self.visitedIds():
            while self.currentId() != page_id and self.currentId() != self.startId():
                self.back()
            return self.currentId() == page_id
        if page_id not in self.page_path:
            return False
        target = self.page_path.index(page_id)
        # Back to the last page on the path before the target, then forward through the pages between.
        while self.currentId() != self.startId():
            current = self.currentId()
            if current in self.page_path and self.page_path.index(current) < target:
                break
            self.back()
        for _ in range(len(self.page_path)):
            if self.currentId() == page_id:
                return True
            page = self.currentPage()
            if page is None or not page.isComplete() or self.nextId() == -1:
                return False
            self.next()
        return self.currentId() == page_id

    def go_to_question(self, question_id: str) -> bool:
        """Jump to the page and the field of one question (from a needs-info result)."""
        if self.form is None or self.questionnaire is None:
            return False
        page = self.questionnaire.page_of(question_id)
        if page is None:
            return False
        if page.topic is not None:
            topics_editor = self.form.editor("topics")
            ticked = list(self.profile().topics or [])
            if topics_editor is not None and page.topic not in ticked:
                topics_editor.set_value([*ticked, page.topic])
        widget = self.question_pages[page.id]
        arrived = self.go_to_page(widget.page_id)
        if arrived:
            widget.focus_question(question_id)
        return arrived

    def focus_first_field(self, page_id: int) -> None:
        """Arriving on a page puts the keyboard on its first field (a jump sets its own focus afterwards)."""
        page = self.page(page_id)
        if page is None or self.currentId() != page_id:
            return
        focus = getattr(page, "focus_first", None)
        current = self.focusWidget()
        from PySide6.QtWidgets import QAbstractScrollArea

        # A jump to a question has already put the focus on its field; QWizard's own choice (the scroll area,
        # a button) is replaced.
        if focus is not None and not (page.isAncestorOf(current) and not isinstance(current, QAbstractScrollArea)):
            focus()
