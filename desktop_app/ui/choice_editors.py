"""The wizard's choice editors: a drop-down, 是/否/未回答 radio buttons, and tick boxes for lists.

A yes/no question has a third state 未回答; a multiple choice has 以上均无 (answered: none) apart from
nothing ticked (unanswered). Option values compare with their type (True is not 1).
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.fields import same_value as _same
from desktop_app.domain.questionnaire import Question, TopicInfo
from desktop_app.ui.editors import FieldEditor
from desktop_app.ui.translations import current_language
from desktop_app.ui.widgets import WheelSafeComboBox, tight_row


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
        tight_row(self, self.combo, stretch=True)
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
        tight_row(self, self.yes, self.no, self.unknown, stretch=True)
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
