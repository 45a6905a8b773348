"""The one mapping between questionnaire questions and widgets: answers -> EnterpriseProfile and back.

:func:`make_editor` picks the editor for a question's type (ui/editors.py for typed text, ui/choice_editors.py
for choices); :class:`AnswerForm` holds every editor of the wizard and builds the profile from them.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.questionnaire import Question, Questionnaire
from desktop_app.ui.choice_editors import ChoiceEditor, MultiEditor, TopicsEditor, YesNoEditor
from desktop_app.ui.editors import (
    CreditCodeEditor,
    DateEditor,
    FieldEditor,
    IntegerEditor,
    MoneyEditor,
    NumberEditor,
    TextEditor,
)


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


def label_text(question: Question, district: str | None = None) -> str:
    """The label shown above a question, in the interface language (and the district's own words where the
    questionnaire has them): required ones carry a *."""
    from desktop_app.ui.translations import current_language

    label = question.text(current_language(), district)
    return f"{label} *" if question.required else label
