"""A wizard page generated from one questionnaire page: one row per question, only the ones that apply shown."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from desktop_app.domain.questionnaire import Page, Question
from desktop_app.ui.editors import FieldEditor, LineEditor
from desktop_app.ui.fields import AnswerForm, label_text

#: Width of short inputs (numbers, money, dates) so that the message beside them has room.
SHORT_INPUT_WIDTH = 220


class QuestionRow(QWidget):
    """Label (with * when required), the input, the message beside it, and the help text under it."""

    def __init__(self, question: Question, editor: FieldEditor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.editor = editor
        self.setObjectName(f"row_{question.id}")
        self.label = QLabel(label_text(question), self)
        self.label.setObjectName("question")
        self.label.setWordWrap(True)
        self.label.setBuddy(editor.focus_widget())
        self.message = QLabel(self)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(12)
        top_left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        if isinstance(editor, LineEditor) and question.type != "text":
            editor.edit.setFixedWidth(SHORT_INPUT_WIDTH)
            line.addWidget(editor, 0, top_left)
            line.addWidget(self.message, 1, Qt.AlignmentFlag.AlignTop)
        elif isinstance(editor, LineEditor):
            line.addWidget(editor, 3, Qt.AlignmentFlag.AlignTop)
            line.addWidget(self.message, 2, Qt.AlignmentFlag.AlignTop)
        else:
            # Choices, yes/no and tick lists take the row's width (their word-wrapped help needs it);
            # they never hold invalid input, so the message beside them stays empty.
            line.addWidget(editor, 1)
            line.addWidget(self.message, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 4, 0, 8)
        box.setSpacing(4)
        box.addWidget(self.label)
        box.addLayout(line)
        self.help = QLabel(self)
        self.help.setObjectName("help")
        self.help.setWordWrap(True)
        self.set_district(None)
        box.addWidget(self.help)
        editor.changed.connect(self.update_message)
        self.update_message()

    def set_district(self, district: str | None) -> None:
        """Wording and help from the district's own clause where the questionnaire has them (its dates and
        conditions, not another district's)."""
        from desktop_app.ui.translations import current_language

        self.label.setText(label_text(self.question, district))
        text = self.question.help_text(district, current_language())
        self.help.setText(text)
        self.help.setVisible(bool(text))

    def update_message(self) -> None:
        error = self.editor.error()
        self.message.setText(error or "")
        self.message.setVisible(bool(error))

    def highlight(self, on: bool) -> None:
        """Mark the row a results-page jump landed on."""
        self.setProperty("highlight", on)
        sheet = f"QWidget#{self.objectName()} {{ background: #fff3cd; border-radius: 4px; }}"
        self.setStyleSheet(sheet if on else "")


class QuestionPage(QWizardPage):
    """One questionnaire page. ``next_id`` is the wizard's branching; ``set_asked`` hides what does not apply."""

    def __init__(
        self,
        *,
        page: Page,
        page_id: int,
        form: AnswerForm,
        next_id: Callable[[int], int],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.page = page
        self.page_id = page_id
        self.form = form
        self._next_id = next_id
        self.setObjectName(f"page_{page.id}")
        from desktop_app.ui.translations import current_language

        english = current_language() == "en"
        self.setTitle((page.title_en or page.title) if english else page.title)
        self.setSubTitle(
            ((page.intro_en or page.intro) if english else page.intro)
            or self.tr("只列出与本区现行政策有关的问题。不清楚的可以留空或选“未回答”，结果页会提示还需补充什么。")
        )
        self.rows: dict[str, QuestionRow] = {}
        self._asked: set[str] = {q.id for q in page.questions}
        self._district: str | None = None  # the rows start in no district's wording

        container = QWidget()
        container.setObjectName("questions")
        self.rows_box = QVBoxLayout(container)
        self.rows_box.setContentsMargins(4, 4, 16, 4)
        self.rows_box.setSpacing(6)
        self.add_header(self.rows_box, container)
        for question in page.questions:
            editor = form.create_editor(question, container)
            row = QuestionRow(question, editor, container)
            self.rows[question.id] = row
            self.rows_box.addWidget(row)
            editor.changed.connect(self.completeChanged.emit)
        self.rows_box.addStretch(1)
        self.rows_added()

        scroll = QScrollArea(self)
        scroll.setObjectName("scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from question to question
        scroll.setWidget(container)
        self.note = QLabel(self)
        self.note.setObjectName("help")
        self.note.setWordWrap(True)
        self.note.setVisible(False)
        self.status = QLabel(self)
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.status)
        self.scroll_area = scroll
        self.completeChanged.connect(self._update_status)
        self._update_status()

    def set_note(self, text: str) -> None:
        """A remark under the questions (e.g. which ticked topics ask nothing in this district)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def add_header(self, box: QVBoxLayout, parent: QWidget) -> None:
        """Room for a page's own widgets above the questions."""

    def rows_added(self) -> None:
        """Room for a page's own widgets among its questions, once their rows exist (``self.rows``)."""

    def set_asked(self, question_ids: Iterable[str]) -> None:
        """Show only these questions (those that apply); the others keep their answers, hidden."""
        asked = set(question_ids)
        if asked == self._asked:
            return
        self._asked = asked
        for qid, row in self.rows.items():
            row.setVisible(qid in asked)
        self.completeChanged.emit()

    def set_district(self, district: str | None) -> None:
        """Every row in the district's wording; nothing to do when the district is the one shown (each answer
        re-decides the pages, and re-setting a hundred labels per keystroke was a fifth of that work)."""
        if district == self._district:
            return
        self._district = district
        for row in self.rows.values():
            row.set_district(district)

    def focus_first(self) -> None:
        """The keyboard starts on the first question asked here."""
        first = next((self.rows[q.id] for q in self.visible_questions()), None)
        if first is not None:
            first.editor.focus_widget().setFocus(Qt.FocusReason.TabFocusReason)

    def visible_questions(self) -> list[Question]:
        return [q for q in self.page.questions if q.id in self._asked]

    def problems(self) -> tuple[list[str], list[str]]:
        """(labels of required questions still empty, labels of invalid inputs) among the visible ones."""
        missing, invalid = [], []
        for question in self.visible_questions():
            editor = self.rows[question.id].editor
            if editor.error():
                invalid.append(question.label)
            elif question.required and editor.value() is None:
                missing.append(question.label)
        return missing, invalid

    def isComplete(self) -> bool:
        missing, invalid = self.problems()
        return not missing and not invalid

    def _update_status(self) -> None:
        missing, invalid = self.problems()
        parts = []
        if invalid:
            parts.append(self.tr("请更正：{items}").format(items="、".join(invalid)))
        if missing:
            parts.append(self.tr("还需填写：{items}").format(items="、".join(missing)))
        self.status.setText("；".join(parts))
        self.status.setVisible(bool(parts))

    def nextId(self) -> int:
        return self._next_id(self.page_id)

    def focus_question(self, question_id: str) -> None:
        row = self.rows.get(question_id)
        if row is None:
            return
        for other in self.rows.values():
            other.highlight(other is row)
        self.scroll_area.ensureWidgetVisible(row)
        row.editor.focus_widget().setFocus(Qt.FocusReason.OtherFocusReason)

    def cleanupPage(self) -> None:
        """Going back keeps the answers (QWizard would otherwise reset registered fields)."""
        for row in self.rows.values():
            row.highlight(False)


class BasicsPage(QuestionPage):
    """企业基本信息: the credit code's check digit is validated live (FieldEditor); a code registered in
    another district gets a notice under the district, never a block."""

    def rows_added(self) -> None:
        self.notice = QLabel(self)
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        anchor = self.rows.get("district")
        index = self.rows_box.indexOf(anchor) + 1 if anchor is not None else 0
        self.rows_box.insertWidget(index, self.notice)
        for qid in ("credit_code", "district"):
            row = self.rows.get(qid)
            if row is not None:
                row.editor.changed.connect(self.update_notice)
        self.update_notice()

    def update_notice(self) -> None:
        from desktop_app.domain.profile import EnterpriseProfile, region_notice

        code = self.rows["credit_code"].editor.value() if "credit_code" in self.rows else None
        district = self.rows["district"].editor.value() if "district" in self.rows else None
        text = region_notice(EnterpriseProfile(credit_code=code, district=district)) if code and district else None
        self.notice.setText(text or "")
        self.notice.setVisible(bool(text))
