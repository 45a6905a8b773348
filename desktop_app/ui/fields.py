"""The one mapping between questionnaire questions and widgets: answers -> EnterpriseProfile and back.

Every editor keeps "unanswered" apart from "zero" and "no": an empty field is ``None``; a yes/no
question has a third state 未回答; a multiple choice has 以上均无 (answered: none) apart from nothing
ticked (unanswered). Money is typed in the question's ``display_unit`` (万元, 亿元) and stored in 元.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import Enum
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.answers import (
    PHONE_FIELDS,
    AnswerField,
    field_for_question,
    limit_text,
    parse_answer,
    parse_date,
    rounded_note,
)
from desktop_app.domain.profile import EnterpriseProfile, validate_credit_code
from desktop_app.domain.profile_io import describe_validation_error
from desktop_app.domain.questionnaire import Question, Questionnaire, TopicInfo
from desktop_app.ui.translations import current_language
from desktop_app.ui.widgets import WheelSafeComboBox

#: How many 元 one display unit holds.
UNIT_FACTORS = {None: 1, "元": 1, "万元": 10_000, "亿元": 100_000_000}


def model_error(question_id: str, value: Any) -> str | None:
    """The profile model's own objection to ``value`` for this field, as a short Chinese reason."""
    try:
        EnterpriseProfile.model_validate({question_id: value})
    except ValidationError as exc:
        message = describe_validation_error(exc).message
        return message.split("：", 1)[-1]
    return None


def _plain(value: Decimal) -> str:
    """A Decimal without exponent or trailing zeros: 35, 1.2345."""
    text = f"{value.normalize():f}"
    return text


class FieldEditor(QWidget):
    """One question's input. ``value()`` is the parsed answer or None; ``error()`` says why input is invalid."""

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self._value: Any = None
        self._error: str | None = None

    # -- what the form reads
    def value(self) -> Any:
        """The valid answer, or None when empty or invalid."""
        return None if self._error else self._value

    def error(self) -> str | None:
        return self._error

    def is_empty(self) -> bool:
        return self._value is None and self._error is None

    # -- what the form writes
    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def raw(self) -> Any:
        """The input exactly as it stands (JSON-able), for drafts."""
        raise NotImplementedError

    def set_raw(self, raw: Any) -> None:
        raise NotImplementedError

    def clear(self) -> None:
        self.set_value(None)

    def focus_widget(self) -> QWidget:
        return self

    def _settle(self, value: Any, error: str | None) -> None:
        if error is None and value is not None:
            error = model_error(self.question.id, value)
        self._value, self._error = (None, error) if error else (value, None)
        self.changed.emit()


class LineEditor(FieldEditor):
    """Text, numbers, money, years and dates: a line edit, its unit, and a note under it."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"q_{question.id}")
        self.edit.setAccessibleName(question.label)
        self.unit_label = QLabel(self.display_unit() or "", self)
        self.unit_label.setVisible(bool(self.display_unit()))
        self.note = QLabel(self)
        self.note.setObjectName("conversion")
        self.note.setVisible(False)
        line = QHBoxLayout()
        line.setContentsMargins(0, 0, 0, 0)
        line.setSpacing(6)
        line.addWidget(self.edit, 1)
        line.addWidget(self.unit_label)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addLayout(line)
        box.addWidget(self.note)
        self.setFocusProxy(self.edit)
        placeholder = self.placeholder()
        if placeholder:
            self.edit.setPlaceholderText(placeholder)
        self.edit.textChanged.connect(self._on_text)

    def display_unit(self) -> str | None:
        return self.question.display_unit or self.question.unit

    def placeholder(self) -> str:
        return ""

    def parse(self, text: str) -> Any:
        """Turn non-empty text into the answer; raise ValueError with a Chinese message."""
        return text

    @property
    def spec(self) -> AnswerField:
        return field_for_question(self.question)

    def format(self, value: Any) -> str:
        return "" if value is None else str(value)

    def conversion(self, value: Any) -> str:
        return ""

    def _on_text(self, text: str) -> None:
        stripped = text.strip()
        if not stripped:
            self.note.setVisible(False)
            self._settle(None, None)
            return
        try:
            value = self.parse(stripped)
        except ValueError as exc:
            self.note.setVisible(False)
            self._settle(None, str(exc))
            return
        note = self.conversion(value)
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self._settle(value, None)

    def set_value(self, value: Any) -> None:
        self.edit.setText(self.format(value))

    def raw(self) -> Any:
        return self.edit.text()

    def set_raw(self, raw: Any) -> None:
        self.edit.setText(raw if isinstance(raw, str) else "")

    def focus_widget(self) -> QWidget:
        return self.edit


class TextEditor(LineEditor):
    """Text; 联系电话 is checked as a phone number (domain/answers.py has the rules)."""

    def placeholder(self) -> str:
        if self.question.id in PHONE_FIELDS:
            return self.tr("例如 021-57921185 或 13812345678")
        return ""

    def parse(self, text: str) -> Any:
        return parse_answer(self.spec, text)


class CreditCodeEditor(TextEditor):
    """统一社会信用代码, its check digit validated as it is typed."""

    def placeholder(self) -> str:
        return self.tr("18位，例如 91310116MA1J8K6Q01")

    def parse(self, text: str) -> Any:
        text = super().parse(text)
        return validate_credit_code(text)


class _NumberEditor(LineEditor):
    """Numbers go through the one parser (full-width digits, 3,000.50, no 1e9); bounds carry their unit."""

    def parse(self, text: str) -> Any:
        return parse_answer(self.spec, text)

    def limits(self) -> str:
        spec = self.spec
        parts = []
        if spec.minimum is not None and spec.minimum != 0:
            parts.append(self.tr("最小 {bound}").format(bound=limit_text(spec.minimum, spec)))
        if spec.maximum is not None:
            parts.append(self.tr("最大 {bound}").format(bound=limit_text(spec.maximum, spec)))
        return "，".join(parts)


class IntegerEditor(_NumberEditor):
    """integer and year questions."""

    def placeholder(self) -> str:
        return self.tr("例如 2022") if self.question.type == "year" else self.limits()


class NumberEditor(_NumberEditor):
    """number and percent questions (kW, %)."""

    def format(self, value: Any) -> str:
        return "" if value is None else _plain(Decimal(str(value)))

    def placeholder(self) -> str:
        return self.limits()


class MoneyEditor(_NumberEditor):
    """Typed in the display unit (万元, 亿元) or with a unit (12万, 12万元), stored as whole 元."""

    def factor(self) -> int:
        return UNIT_FACTORS.get(self.question.display_unit, 1)

    def display_unit(self) -> str | None:
        return self.question.display_unit or self.question.unit or "元"

    def placeholder(self) -> str:
        unit = self.display_unit()
        return self.tr("例如 12（{unit}）或 12万、3,000.50元").format(unit=unit)

    def format(self, value: Any) -> str:
        return "" if value is None else _plain(Decimal(int(value)) / self.factor())

    def conversion(self, value: Any) -> str:
        rounded = rounded_note(self.edit.text(), self.spec, value)
        if rounded:
            return rounded
        typed_unit = any(self.edit.text().strip().endswith(u) for u in ("万", "万元", "亿", "亿元", "元"))
        if self.factor() == 1 and not typed_unit:
            return ""
        return self.tr("即 {amount} 元").format(amount=f"{int(value):,}")


class DateEditor(LineEditor):
    def placeholder(self) -> str:
        return self.tr("例如 2015-03-20 或 20150320")

    def parse(self, text: str) -> Any:
        return parse_date(text)

    def format(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, dt.date) else ""


def _same(a: Any, b: Any) -> bool:
    """Option values compare with their type: True is not 1."""
    return type(a) is type(b) and a == b


class ChoiceEditor(FieldEditor):
    """A drop-down whose first entry is （未回答）."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.combo = WheelSafeComboBox(self)
        self.combo.setObjectName(f"q_{question.id}")
        self.combo.setAccessibleName(question.label)
        self.combo.addItem(self.tr("（未回答）"), None)
        language = current_language()
        for option in question.options:
            self.combo.addItem(option.text(language), option.value)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.combo.setMinimumWidth(self.combo.sizeHint().width())  # never narrower than its longest entry
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.combo)
        box.addStretch(1)
        self.setFocusProxy(self.combo)
        self.combo.currentIndexChanged.connect(self._on_index)

    def _on_index(self, index: int) -> None:
        self._settle(self.question.options[index - 1].value if index > 0 else None, None)

    def set_value(self, value: Any) -> None:
        raw = value.value if isinstance(value, Enum) else value  # District compares by its value
        index = next((i for i, o in enumerate(self.question.options, start=1) if _same(o.value, raw)), 0)
        self.combo.setCurrentIndex(index)
        self._on_index(index)

    def select(self, value: Any) -> None:
        """Pick the option with this value (tests and jumps)."""
        self.set_value(value)

    def raw(self) -> Any:
        return self._value

    def set_raw(self, raw: Any) -> None:
        self.set_value(raw)

    def focus_widget(self) -> QWidget:
        return self.combo


class YesNoEditor(FieldEditor):
    """是 / 否 / 未回答 — three radio buttons, so "no" is never confused with "not answered"."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        self.group = QButtonGroup(self)
        self.yes = QRadioButton(self.tr("是"), self)
        self.no = QRadioButton(self.tr("否"), self)
        self.unknown = QRadioButton(self.tr("未回答"), self)
        for button, ident in ((self.yes, 1), (self.no, 0), (self.unknown, -1)):
            button.setObjectName(f"q_{question.id}_{ident}")
            self.group.addButton(button, ident)
        self.unknown.setChecked(True)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.yes)
        box.addWidget(self.no)
        box.addWidget(self.unknown)
        box.addStretch(1)
        self.setFocusProxy(self.unknown)
        self.group.idToggled.connect(self._on_toggled)

    def _on_toggled(self, ident: int, checked: bool) -> None:
        if checked:
            self._settle({1: True, 0: False}.get(ident), None)

    def set_value(self, value: Any) -> None:
        button = self.yes if value is True else self.no if value is False else self.unknown
        if button.isChecked():
            self._settle(value if isinstance(value, bool) else None, None)
        button.setChecked(True)

    def raw(self) -> Any:
        return self._value

    def set_raw(self, raw: Any) -> None:
        self.set_value(raw if isinstance(raw, bool) else None)

    def focus_widget(self) -> QWidget:
        return self.group.checkedButton() or self.unknown


class MultiEditor(FieldEditor):
    """Tick any that apply; 以上均无 answers "none" (an empty list), nothing ticked is unanswered."""

    none_option = True

    def __init__(
        self, question: Question, parent: QWidget | None = None, *, topics: dict[str, TopicInfo] | None = None
    ) -> None:
        super().__init__(question, parent)
        self.boxes: dict[Any, QCheckBox] = {}
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(6)
        language = current_language()
        for option in question.options:
            check = QCheckBox(option.text(language), self)
            check.setObjectName(f"q_{question.id}_{option.value}")
            self.boxes[option.value] = check
            box.addWidget(check)
            info = (topics or {}).get(str(option.value))
            help_text = ""
            if info is not None:
                help_text = (info.help_en or info.help) if language == "en" else info.help
            if help_text:
                help_label = QLabel(help_text, self)
                help_label.setObjectName("help")
                help_label.setWordWrap(True)
                help_label.setContentsMargins(24, 0, 0, 4)
                box.addWidget(help_label)
            check.toggled.connect(self._on_toggled)
        self.none_box: QCheckBox | None = None
        if self.none_option:
            self.none_box = QCheckBox(self.tr("以上均无"), self)
            self.none_box.setObjectName(f"q_{question.id}_none")
            box.addWidget(self.none_box)
            self.none_box.toggled.connect(self._on_none)
        first = next(iter(self.boxes.values()), None)
        if first is not None:
            self.setFocusProxy(first)
        self._syncing = False

    def _on_none(self, checked: bool) -> None:
        if self._syncing:
            return
        if checked:
            self._syncing = True
            for check in self.boxes.values():
                check.setChecked(False)
            self._syncing = False
        self._update()

    def _on_toggled(self, checked: bool) -> None:
        if self._syncing:
            return
        if checked and self.none_box is not None and self.none_box.isChecked():
            self._syncing = True
            self.none_box.setChecked(False)
            self._syncing = False
        self._update()

    def _update(self) -> None:
        ticked = [value for value, check in self.boxes.items() if check.isChecked()]
        if ticked:
            self._settle(ticked, None)
        elif self.none_box is not None and self.none_box.isChecked():
            self._settle([], None)
        else:
            self._settle(None, None)

    def set_value(self, value: Any) -> None:
        wanted = list(value) if isinstance(value, list | tuple) else None
        self._syncing = True
        for option_value, check in self.boxes.items():
            check.setChecked(wanted is not None and any(_same(option_value, w) for w in wanted))
        if self.none_box is not None:
            self.none_box.setChecked(wanted == [])
        self._syncing = False
        self._update()

    def raw(self) -> Any:
        return self._value

    def set_raw(self, raw: Any) -> None:
        self.set_value(raw if isinstance(raw, list) else None)

    def focus_widget(self) -> QWidget:
        return next(iter(self.boxes.values()), self)


class TopicsEditor(MultiEditor):
    """The 情况勾选 list: topics with their help text; nothing ticked means no topic pages."""

    none_option = False


def make_editor(question: Question, parent: QWidget | None = None) -> FieldEditor:
    """The widget for one question, by its type."""
    if question.id == "credit_code":
        return CreditCodeEditor(question, parent)
    kind = question.type
    if kind == "text":
        return TextEditor(question, parent)
    if kind in ("integer", "year"):
        return IntegerEditor(question, parent)
    if kind in ("number", "percent"):
        return NumberEditor(question, parent)
    if kind == "money":
        return MoneyEditor(question, parent)
    if kind == "date":
        return DateEditor(question, parent)
    if kind == "choice":
        return ChoiceEditor(question, parent)
    if kind == "yesno":
        return YesNoEditor(question, parent)
    return MultiEditor(question, parent)


class AnswerForm(QObject):
    """All editors of the wizard, by question id: the profile is built from them and written back into them."""

    changed = Signal(str)

    def __init__(self, questionnaire: Questionnaire, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.questionnaire = questionnaire
        self._editors: dict[str, FieldEditor] = {}
        #: Answers of the loaded file that no editor shows; kept so that saving loses nothing.
        self._extras: dict[str, Any] = {}
        self._quiet = False

    def create_editor(self, question: Question, parent: QWidget | None = None) -> FieldEditor:
        if question.id == "topics":
            editor: FieldEditor = TopicsEditor(question, parent, topics={t.id: t for t in self.questionnaire.topics})
        else:
            editor = make_editor(question, parent)
        self._editors[question.id] = editor
        editor.changed.connect(lambda qid=question.id: self._on_changed(qid))
        return editor

    def _on_changed(self, question_id: str) -> None:
        if not self._quiet:
            self.changed.emit(question_id)

    def set_extra(self, name: str, value: Any) -> None:
        """Set a profile answer that no editor shows (confirmations, reference_date); counts as an edit."""
        if value is None:
            self._extras.pop(name, None)
        else:
            self._extras[name] = value
        self._on_changed(name)

    def editor(self, question_id: str) -> FieldEditor | None:
        return self._editors.get(question_id)

    def editors(self) -> dict[str, FieldEditor]:
        return dict(self._editors)

    def values(self) -> dict[str, Any]:
        """Valid answers by question id; empty and invalid inputs are None."""
        return {qid: editor.value() for qid, editor in self._editors.items()}

    def errors(self) -> dict[str, str]:
        return {qid: e.error() or "" for qid, e in self._editors.items() if e.error()}

    def profile(self) -> EnterpriseProfile:
        """The profile the valid answers make; an answer the model still refuses is left out (unanswered)."""
        data = {**self._extras, **{k: v for k, v in self.values().items() if v is not None}}
        for _ in range(len(data) + 1):
            try:
                return EnterpriseProfile.model_validate(data)
            except ValidationError as exc:
                bad = {str(err["loc"][0]) for err in exc.errors() if err["loc"]}
                if not bad & set(data):
                    break
                for name in bad:
                    data.pop(name, None)
        return EnterpriseProfile()

    def set_profile(self, profile: EnterpriseProfile) -> None:
        """Show every answer of ``profile``; editors it does not answer are cleared."""
        self._quiet = True
        try:
            for qid, editor in self._editors.items():
                editor.set_value(getattr(profile, qid, None))
            self._extras = {
                name: value
                for name, value in profile.answers().items()
                if name not in self._editors and name != "schema_version" and value is not None
            }
        finally:
            self._quiet = False
        self.changed.emit("")

    def raw_state(self) -> dict[str, Any]:
        """Every input as typed, half-typed ones included (JSON-able)."""
        out: dict[str, Any] = {}
        for qid, editor in self._editors.items():
            raw = editor.raw()
            if raw not in (None, ""):
                out[qid] = raw
        if self._extras:
            out["__extras__"] = EnterpriseProfile.model_validate(self._extras).model_dump(
                mode="json", exclude_none=True, exclude={"schema_version"}
            )
        return out

    def set_raw_state(self, raw: dict[str, Any]) -> None:
        self._quiet = True
        try:
            for qid, editor in self._editors.items():
                editor.set_raw(raw.get(qid))
            extras = raw.get("__extras__")
            self._extras = {}
            if isinstance(extras, dict):
                try:
                    loaded = EnterpriseProfile.model_validate(extras)
                    self._extras = {k: v for k, v in loaded.answers().items() if v is not None and k in extras}
                except ValidationError:
                    self._extras = {}
        finally:
            self._quiet = False
        self.changed.emit("")

    def clear(self) -> None:
        self._quiet = True
        try:
            for editor in self._editors.values():
                editor.clear()
            self._extras = {}
        finally:
            self._quiet = False
        self.changed.emit("")


def label_text(question: Question) -> str:
    """The label shown above a question, in the interface language: required ones carry a *."""
    from desktop_app.ui.translations import current_language

    label = question.text(current_language())
    return f"{label} *" if question.required else label


__all__ = [
    "AnswerForm",
    "ChoiceEditor",
    "FieldEditor",
    "LineEditor",
    "MultiEditor",
    "YesNoEditor",
    "label_text",
    "make_editor",
]
