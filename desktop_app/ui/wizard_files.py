"""The wizard's file handling: save, open, new, autosaved drafts and the unsaved-changes prompt.

A mixin of the wizard window (ui/wizard.py); the state it changes lives in the Qt-free
:class:`~desktop_app.session.Session`.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.fileio import WriteError
from desktop_app.ui import storage
from desktop_app.ui.navigation import PageId

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMessageBox

    from desktop_app.domain.profile import EnterpriseProfile
    from desktop_app.domain.questionnaire import Questionnaire
    from desktop_app.session import Session
    from desktop_app.ui.fields import AnswerForm
    from desktop_app.ui.welcome_page import WelcomePage

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWizard

    _Base = QWizard
else:
    _Base = object


class FilesMixin(_Base):
    """Save / Open / New and drafts. Expects ``session``, ``form``, ``welcome`` and the QWizard methods."""

    session: Session
    form: AnswerForm | None
    welcome: WelcomePage
    questionnaire: Questionnaire | None
    offered_draft: storage.Draft | None

    if TYPE_CHECKING:  # provided by PolicyWizard and QWizard; never defined here (they would shadow QWizard's)
        from PySide6.QtCore import SignalInstance

        autosave_failed: SignalInstance

        def profile(self) -> EnterpriseProfile: ...
        def warn(self, title: str, text: str) -> None: ...
        def set_dirty(self, dirty: bool) -> None: ...
        def set_as_of(self, value: dt.date, *, from_profile: bool = False) -> None: ...
        def go_to_page(self, page_id: int) -> bool: ...
        def show_status(self, text: str) -> None: ...
        def update_title(self) -> None: ...
        def profile_replaced(self) -> None: ...
        def app_name(self) -> str: ...

    @property
    def profile_path(self) -> Path | None:
        return self.session.profile_path

    @profile_path.setter
    def profile_path(self, value: Path | None) -> None:
        self.session.profile_path = value

    def default_profile_dir(self) -> Path:
        if self.profile_path is not None:
            return self.profile_path.parent
        recent = storage.recent_files()
        return recent[0].parent if recent else Path.home()

    def save(self) -> bool:
        """Ctrl+S: save to the current file, or ask for one."""
        if self.profile_path is None:
            return self.save_as()
        return self.save_to(self.profile_path)

    def save_as(self) -> bool:
        if self.form is None:
            return False
        from PySide6.QtWidgets import QFileDialog

        from desktop_app.fileio import safe_filename

        name = safe_filename(self.profile().name or self.tr("企业档案")) + ".json"
        chosen, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存企业档案"),
            str(self.default_profile_dir() / name),
            self.tr("企业档案 (*.json)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        if path.suffix.lower() != ".json":
            path = path.with_suffix(".json")
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the profile atomically. Refuses while an input is invalid, and says which."""
        if self.form is None:
            return False
        from desktop_app.domain.profile_io import save_profile

        errors = self.form.errors()
        if errors:
            labels = [self._question_label(qid) for qid in errors]
            self.warn(
                self.tr("无法保存"),
                self.tr("以下内容填写有误，请更正后再保存（草稿已自动保留）：\n{items}").format(
                    items="\n".join(labels)
                ),
            )
            return False
        try:
            save_profile(path, self.profile())
        except WriteError as exc:
            self.warn(self.tr("无法保存"), exc.message)
            return False
        moved = self.session.saved(path)
        if moved and self.session.chosen_output is not None:
            storage.remember_output_folder(path, self.session.chosen_output)
        storage.add_recent_file(path)
        self.welcome.set_recent(storage.recent_files())
        self.set_dirty(False)
        self.update_title()
        storage.clear_draft()
        self.show_status(self.tr("已保存 {time}").format(time=dt.datetime.now().strftime("%H:%M")))
        return True

    def _question_label(self, question_id: str) -> str:
        question = self.questionnaire.question(question_id) if self.questionnaire else None
        return question.label if question is not None else question_id

    def open_dialog(self) -> bool:
        if self.form is None or not self.confirm_discard():
            return False
        from PySide6.QtWidgets import QFileDialog

        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("打开企业档案"),
            str(self.default_profile_dir()),
            self.tr("企业档案 (*.json);;所有文件 (*)"),
        )
        return bool(chosen) and self.open_path(Path(chosen))

    def open_path(self, path: Path, *, go_to_basics: bool = True) -> bool:
        """Read a profile file into the widgets. A bad file gets a clear message and is left untouched."""
        if self.form is None:
            return False
        from desktop_app.domain.profile import ProfileError
        from desktop_app.domain.profile_io import load_profile

        try:
            profile = load_profile(path)
        except ProfileError as exc:
            self.warn(self.tr("无法打开档案"), f"{path}\n\n{exc.message}")
            return False
        self.form.set_profile(profile)
        self.session.opened(path, output=storage.output_folder_for(path))
        if profile.reference_date is not None:
            self.set_as_of(profile.reference_date, from_profile=True)
        self.set_dirty(False)
        self.update_title()
        storage.add_recent_file(path)
        self.welcome.set_recent(storage.recent_files())
        self.profile_replaced()
        if go_to_basics:
            self.go_to_page(PageId.basics)
        return True

    def new_profile(self) -> bool:
        if self.form is None or not self.confirm_discard():
            return False
        self.form.clear()
        self.session.started_new()
        self.set_dirty(False)
        self.update_title()
        self.profile_replaced()
        if self.currentId() != PageId.welcome:
            self.go_to_page(PageId.welcome)
        self.next()
        return True

    # ------------------------------------------------------------------ drafts
    def snapshot(self) -> storage.Draft | None:
        if self.form is None:
            return None
        return storage.Draft(
            saved_at=dt.datetime.now(),
            raw=self.form.raw_state(),
            as_of=self.session.as_of,
            profile_path=str(self.profile_path) if self.profile_path else None,
            page=self.currentId(),
        )

    def autosave(self) -> bool:
        """Keep unsaved answers in the user data folder (every 30 s, on page change, after an edit)."""
        if not self.session.dirty:
            return False
        draft = self.snapshot()
        if draft is None:
            return False
        try:
            storage.save_draft(draft)
        except WriteError as exc:
            log.warning("草稿未能自动保存：%s", type(exc).__name__)
            self.autosave_failed.emit(exc.message)
            self.setWindowTitle(
                self.tr("草稿未能自动保存（{reason}）— {app}").format(reason=exc.message, app=self.app_name())
            )
            return False
        return True

    def restore_draft(self, draft: storage.Draft, *, go_to_page: bool = True) -> None:
        """Put every answer of ``draft`` back, exactly as it was typed."""
        if self.form is None:
            return
        self.form.set_raw_state(draft.raw)
        self.profile_path = Path(draft.profile_path) if draft.profile_path else None
        if draft.as_of is not None:
            self.set_as_of(draft.as_of, from_profile=True)
        self.set_dirty(True)
        self.update_title()
        self.profile_replaced()
        if go_to_page and draft.page != PageId.welcome:
            self.go_to_page(PageId.basics)
            self.go_to_page(draft.page)

    def continue_from(self, draft: storage.Draft | None, *, dirty: bool, chosen_output: Path | None) -> None:
        """Carry on another window's work (a language switch): answers, file, letters' folder, page, unsaved mark.

        The draft offered at start-up is withdrawn (not deleted): ``draft`` is the work, not an older copy.
        """
        self.offered_draft = None
        self.welcome.show_draft(None)
        if draft is None:
            return
        self.restore_draft(draft, go_to_page=False)
        self.session.chosen_output = chosen_output
        self.set_dirty(dirty)
        if draft.page != PageId.welcome:
            self.go_to_page(PageId.basics)
            self.go_to_page(draft.page)

    def restore_offered_draft(self) -> None:
        draft, self.offered_draft = self.offered_draft, None
        self.welcome.show_draft(None)
        if draft is not None:
            self.restore_draft(draft)

    def discard_offered_draft(self) -> None:
        self.offered_draft = None
        self.welcome.show_draft(None)
        storage.clear_draft()

    # ------------------------------------------------------------------ leaving
    def ask_unsaved_changes(self) -> QMessageBox.StandardButton:
        """保存 / 不保存 / 取消 — a method of its own so that tests can answer it."""
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.app_name())
        box.setText(self.tr("企业档案有未保存的修改。要保存吗？"))
        box.setStandardButtons(
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
        )
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def confirm_discard(self) -> bool:
        """Before the answers are replaced or the window closes: save, discard or stay. True to go on."""
        if not self.session.dirty:
            return True
        from PySide6.QtWidgets import QMessageBox

        choice = self.ask_unsaved_changes()
        if choice == QMessageBox.StandardButton.Save:
            return self.save()
        if choice == QMessageBox.StandardButton.Discard:
            storage.clear_draft()
            self.set_dirty(False)
            return True
        return False
