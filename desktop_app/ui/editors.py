"""The wizard's line editors (text, numbers, money, dates) and their base class: typed text -> one answer.

Every editor keeps "unanswered" apart from "zero": an empty field is ``None``. Text goes through the one
parser, :func:`desktop_app.domain.answers.parse_answer`, with the question's rules (the batch sheet uses the
same), so ``１２万``, ``2023年6月1日`` or ``3,000.50`` mean the same everywhere. Money is typed in the
question's ``display_unit`` (万元, 亿元) and stored in 元.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop_app.domain.answers import (
    MONEY_UNITS,
    PHONE_FIELDS,
    AnswerField,
    field_for_question,
    limit_text,
    parse_answer,
    rounded_note,
)
from desktop_app.domain.profile import EnterpriseProfile, validate_credit_code
from desktop_app.domain.profile_io import describe_validation_error
from desktop_app.domain.questionnaire import Question


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
        return MONEY_UNITS.get(self.question.display_unit or "元", 1)

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
        typed_unit = any(self.edit.text().strip().endswith(u) for u in MONEY_UNITS)
        if self.factor() == 1 and not typed_unit:
            return ""
        return self.tr("即 {amount} 元").format(amount=f"{int(value):,}")


class DateEditor(LineEditor):
    def placeholder(self) -> str:
        return self.tr("例如 2015-03-20 或 20150320")

    def parse(self, text: str) -> Any:
        return parse_answer(self.spec, text)

    def format(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, dt.date) else ""
