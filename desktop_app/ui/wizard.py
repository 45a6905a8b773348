"""The wizard window: fixed page ids, branching, Save/Open, autosaved drafts, and the unsaved-changes prompt.

Only the welcome page exists when the window first shows; the catalog, the questionnaire and the
other pages are loaded on a worker thread right after, so the window appears at once. For the same
reason Qt classes that the first page does not need (Qt's namespace, message boxes, file dialogs,
shortcuts) are imported where they are used: PySide creates each type, enums included, on first use.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop_app.session import Session
from desktop_app.ui import storage
from desktop_app.ui.background import BackgroundOp, ProgressFn
from desktop_app.ui.welcome_page import WelcomePage
from desktop_app.ui.wizard_files import FilesMixin

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent

    from desktop_app.contacts import ContactBook
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.matching import MatchReport
    from desktop_app.domain.profile import EnterpriseProfile
    from desktop_app.domain.questionnaire import Questionnaire
    from desktop_app.ui.fields import AnswerForm
    from desktop_app.ui.navigation import NavigationPanel
    from desktop_app.ui.question_page import QuestionPage

log = logging.getLogger(__name__)

AUTOSAVE_MS = 30_000
FIRST_PAINT_FALLBACK_MS = 1_000
#: An edit is saved to the draft this long after typing stops, so a crash loses at most a moment.
EDIT_SETTLE_MS = 1_500


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


@dataclass(frozen=True)
class Loaded:
    catalog: Catalog
    questionnaire: Questionnaire


def load_data(packs: list[Path]) -> Loaded:
    """Runs on a worker thread: the heavy imports and the catalog and questionnaire loading."""
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.questionnaire import load_questionnaire

    # Import the page modules here too, so that building them later on the GUI thread is quick.
    from desktop_app.ui import fields, question_page, results_page  # noqa: F401

    return Loaded(catalog=load_catalog(packs), questionnaire=load_questionnaire())


class PolicyWizard(FilesMixin, QWizard):
    """惠企政策申报助手's main window."""

    ready = Signal()
    #: The autosave could not write the draft; the Chinese reason (also shown in the title bar).
    autosave_failed = Signal(str)
    language_requested = Signal(str)
    #: Emitted once, just after the window was first painted: the moment to start heavy work, so
    #: that a worker thread importing pydantic does not hold the GIL while the first frame is drawn.
    first_painted = Signal()

    def __init__(
        self,
        *,
        settings: storage.UserSettings,
        as_of: dt.date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.session = Session(as_of=as_of or settings.reference_date(), contacts=storage.load_contacts())
        self.questionnaire: Questionnaire | None = None
        self.form: AnswerForm | None = None
        self.nav: NavigationPanel | None = None
        self.question_pages: dict[str, QuestionPage] = {}
        self._painted = False
        self._closing_confirmed = False
        self._order: list[int] = [PageId.welcome]
        self._sequence: list[int] = [PageId.welcome]
        self.offered_draft: storage.Draft | None = None

        self.setObjectName("wizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, False)
        for option in (
            QWizard.WizardOption.HaveCustomButton1,
            QWizard.WizardOption.HaveCustomButton2,
            QWizard.WizardOption.HaveCustomButton3,
        ):
            self.setOption(option, True)
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("打开(&O)…"))
        self.setButtonText(QWizard.WizardButton.CustomButton2, self.tr("保存(&S)"))
        self.setButtonText(QWizard.WizardButton.CustomButton3, self.tr("设置(&T)…"))
        # 取消 would read as "undo this page"; the button leaves the program, asking first if work would be lost.
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("退出(&Q)"))
        self._button_layout = [
            QWizard.WizardButton.CustomButton1,
            QWizard.WizardButton.CustomButton2,
            QWizard.WizardButton.CustomButton3,
            QWizard.WizardButton.Stretch,
            QWizard.WizardButton.BackButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.CancelButton,
        ]
        self.setButtonLayout(self._button_layout)
        self.customButtonClicked.connect(self._on_custom_button)

        self.welcome = WelcomePage(next_id=self.next_id_after, page_id=PageId.welcome, parent=self)
        self.setPage(PageId.welcome, self.welcome)
        self.welcome.set_as_of(self.as_of)
        self.welcome.as_of_changed.connect(self.set_as_of)
        self.welcome.suggested_date_requested.connect(self._use_suggested_date)
        self.welcome.new_button.clicked.connect(self.new_profile)
        self.welcome.open_button.clicked.connect(self.open_dialog)
        self.welcome.recent_activated.connect(self.open_path)
        self.welcome.restore_button.clicked.connect(self.restore_offered_draft)
        self.welcome.discard_button.clicked.connect(self.discard_offered_draft)
        self.welcome.workspace_button.clicked.connect(self.open_workspace)

        self._set_project_buttons_enabled(False)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(EDIT_SETTLE_MS)
        self.settle_timer.timeout.connect(self.autosave)
        self.currentIdChanged.connect(self._on_page_changed)
        self.currentIdChanged.connect(lambda page_id: QTimer.singleShot(0, self, lambda: self._focus_first(page_id)))

        geometry = storage.load_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(960, 720)
        self._update_title()

    # ------------------------------------------------------------------ the session's state
    @property
    def as_of(self) -> dt.date:
        return self.session.as_of

    @property
    def catalog(self) -> Catalog | None:
        return self.session.catalog

    @catalog.setter
    def catalog(self, value: Catalog | None) -> None:
        self.session.catalog = value

    @property
    def last_report(self) -> MatchReport | None:
        return self.session.last_report

    @property
    def contacts(self) -> ContactBook:
        return self.session.contacts

    @contacts.setter
    def contacts(self, value: ContactBook) -> None:
        self.session.contacts = value

    # ------------------------------------------------------------------ loading
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._notify_painted()

    def _notify_painted(self) -> None:
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)  # with self as context: dropped if deleted

    def after_first_paint(self, callback: Any) -> None:
        """Run ``callback`` once the window is on screen (at once if it already is)."""
        if self._painted:
            QTimer.singleShot(0, self, callback)
            return
        self.first_painted.connect(callback)
        # A window that is never painted (minimised, no display) must still load.
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self._notify_painted)

    def start_loading(self, *, profile_path: Path | None = None) -> None:
        """Load catalog and questionnaire on a worker thread; build the other pages when they arrive."""
        packs = [Path(p) for p in self.settings.packs]

        def op(progress: ProgressFn) -> Loaded:
            return load_data(packs)

        (
            BackgroundOp(parent=self, op=op)
            .success(lambda loaded: self._on_loaded(loaded, profile_path))
            .failure(self._on_load_failed)
            .run_in_background()
        )

    def load_now(self, *, profile_path: Path | None = None) -> None:
        """The same as :meth:`start_loading`, on this thread (screenshots, tests)."""
        self._on_loaded(load_data([Path(p) for p in self.settings.packs]), profile_path)

    def is_ready(self) -> bool:
        return self.form is not None

    def adopt(self, loaded: Loaded, *, profile_path: Path | None = None) -> None:
        """Build the pages from a catalog and questionnaire loaded elsewhere (a language switch keeps them)."""
        self._on_loaded(loaded, profile_path)

    def _on_load_failed(self, exc: BaseException) -> None:
        log.error("政策目录或问卷加载失败", exc_info=exc)
        self.welcome.set_ready(
            False,
            self.tr("无法加载政策目录或问卷：{error}。请重新安装本程序。").format(error=exc),
        )

    def _on_loaded(self, loaded: Loaded, profile_path: Path | None) -> None:
        from desktop_app.ui.fields import AnswerForm
        from desktop_app.ui.generate_page import GeneratePage
        from desktop_app.ui.navigation import NavigationPanel
        from desktop_app.ui.question_page import BasicsPage, QuestionPage
        from desktop_app.ui.results_page import ResultsPage
        from desktop_app.ui.widgets import install_wheel_guard

        self.catalog, self.questionnaire = loaded.catalog, loaded.questionnaire
        self.form = AnswerForm(loaded.questionnaire, self)
        order: list[int] = [PageId.welcome]
        for index, qpage in enumerate(loaded.questionnaire.pages):
            page_id = FIXED_QUESTION_PAGES.get(qpage.id, PageId.detail + index)
            page_class = BasicsPage if qpage.id == "basics" else QuestionPage
            widget = page_class(page=qpage, page_id=page_id, form=self.form, next_id=self.next_id_after)
            self.setPage(page_id, widget)
            self.question_pages[qpage.id] = widget
            order.append(page_id)
        self._add_shortcuts()
        self.setPage(PageId.results, ResultsPage(host=self))
        self.setPage(PageId.generate, GeneratePage(host=self))
        self._order = [*sorted(order), PageId.results, PageId.generate]
        self.form.changed.connect(self._on_form_changed)
        self.nav = NavigationPanel(self)
        self.nav.page_requested.connect(self.go_to_page)
        self.nav.results_requested.connect(lambda: self.go_to_page(PageId.results))
        self.setSideWidget(self.nav)
        install_wheel_guard(self)
        self.refresh()
        # QWizard chose Finish while the welcome page was the only page; it re-decides on a page switch.
        if self.currentId() in (PageId.welcome, -1):
            self.restart()
        self.welcome.set_ready(True, self._catalog_status())
        self.welcome.set_recent(storage.recent_files())
        self._set_project_buttons_enabled(True)
        notices: list[str] = []
        self.offered_draft = storage.load_draft(notices)
        self.welcome.show_draft(self.offered_draft)
        if notices:  # a damaged draft was set aside: say so rather than lose it silently
            self.welcome.set_ready(True, "\n".join([self._catalog_status(), *notices]))
        if profile_path is not None:
            self.open_path(profile_path, go_to_basics=False)
        self.ready.emit()

    def _catalog_status(self) -> str:
        assert self.catalog is not None
        from desktop_app.ui.messages import chinese_message

        text = self.tr("已加载 {packs} 个政策文件，共 {measures} 项措施。").format(
            packs=len(self.catalog.packs), measures=len(self.catalog.measures)
        )
        era = self.session.era()
        self.welcome.show_era(era.text(self.as_of) if era else None, era.suggested if era else None)
        if self.catalog.problems:
            problems = "\n".join(chinese_message(str(p)) for p in self.catalog.problems[:5])
            text += "\n" + self.tr("以下政策包未加载（请在“设置”中检查）：\n{problems}").format(problems=problems)
        return text

    # ------------------------------------------------------------------ branching
    def next_id_after(self, page_id: int) -> int:
        """The page after ``page_id`` on the current path: topic pages only when ticked and when they ask something."""
        if page_id not in self._order:
            return -1
        for candidate in self._order[self._order.index(page_id) + 1 :]:
            if candidate in self._sequence:
                return candidate
        return -1

    def page_sequence(self) -> list[int]:
        """The pages a user walks through now, in order."""
        return list(self._sequence)

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
        sequence += [PageId.results, PageId.generate]
        self._sequence = sequence
        self._note_silent_topics(profile, asked)
        self._update_navigation()
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
            text = self.tr("{district}现行政策中，所选的“{topics}”没有需要回答的问题，将跳过。").format(
                district=profile.district.label, topics="、".join(silent)
            )
        checklist.set_note(text)

    def _update_navigation(self) -> None:
        """The side panel's page list follows the path; 查看结果 once the basics are complete."""
        if self.nav is None:
            return
        pages = []
        for page_id in self._sequence:
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

    # ------------------------------------------------------------------ answers
    def profile(self) -> EnterpriseProfile:
        assert self.form is not None, "the wizard is not loaded yet"
        return self.form.profile()

    def report(self) -> MatchReport:
        """Match the current answers against the catalog (the engine decides everything)."""
        return self.session.match(self.profile())

    def match_job(self) -> Callable[[], MatchReport]:
        """A match of the answers as they are now, to run on a worker thread (touches no widget)."""
        from desktop_app.domain import matching

        profile, catalog, as_of = self.profile(), self.catalog, self.as_of
        assert catalog is not None
        return lambda: matching.match(profile, catalog, as_of=as_of)

    def remember_report(self, report: MatchReport) -> None:
        self.session.last_report = report

    def set_confirmation(self, key: str, confirmed: bool) -> None:
        """已向受理部门确认 ticked or unticked: kept in the profile's ``confirmations``."""
        assert self.form is not None
        keys = [k for k in (self.profile().confirmations or []) if k != key]
        if confirmed:
            keys.append(key)
        self.form.set_extra("confirmations", sorted(keys) or None)

    def set_as_of(self, value: dt.date, *, from_profile: bool = False) -> None:
        """Change the reference date; the profile records it (unless it came from the profile itself)."""
        if value != self.as_of:
            self.session.as_of = value
            if self.welcome.as_of() != value:
                self.welcome.set_as_of(value)
            if self.catalog is not None:
                era = self.session.era()
                self.welcome.show_era(era.text(value) if era else None, era.suggested if era else None)
        if self.form is not None and not from_profile and self.profile().reference_date != value:
            self.form.set_extra("reference_date", value)  # marks the work dirty, like any answer
        self.refresh()
        self._refresh_results()

    def _use_suggested_date(self) -> None:
        era = self.session.era()
        if era is not None:
            self.set_as_of(era.suggested)

    def set_output_folder(self, folder: Path | None) -> None:
        """The user chose where this profile's letters go: remembered for this profile file."""
        self.session.chosen_output = folder
        if self.profile_path is not None:
            storage.remember_output_folder(self.profile_path, folder)

    def show_status(self, text: str) -> None:
        if self.nav is not None:
            self.nav.show_status(text)

    def _profile_replaced(self) -> None:
        """Another enterprise is open: pages that hold per-enterprise state (the output folder) start over."""
        generate = self.page(PageId.generate)
        if generate is not None:
            generate.reset_for_profile()  # type: ignore[attr-defined]

    def _refresh_results(self) -> None:
        page = self.page(PageId.results)
        if page is not None and self.currentId() == PageId.results:
            page.initializePage()

    def _on_form_changed(self, question_id: str) -> None:
        if question_id:
            self.set_dirty(True)
            self.settle_timer.start()
        self.refresh()

    def is_dirty(self) -> bool:
        return self.session.dirty

    def set_dirty(self, dirty: bool) -> None:
        if dirty != self.session.dirty:
            self.session.dirty = dirty
            self._update_title()

    def app_name(self) -> str:
        return self.tr("惠企政策申报助手")

    def _update_title(self) -> None:
        name = self.profile_path.name if self.profile_path else self.tr("新档案")
        self.setWindowTitle(f"{name}[*] — {self.app_name()}")
        self.setWindowModified(self.session.dirty)

    # ------------------------------------------------------------------ navigation
    def go_to_page(self, page_id: int) -> bool:
        """Walk back or forward to ``page_id``; stop at a page that is not complete. True when arrived."""
        if page_id in self.visitedIds():
            while self.currentId() != page_id and self.currentId() != self.startId():
                self.back()
            return self.currentId() == page_id
        if page_id not in self._sequence:
            return False
        target = self._sequence.index(page_id)
        # Back to the last page on the path before the target, then forward through the pages between.
        while self.currentId() != self.startId():
            current = self.currentId()
            if current in self._sequence and self._sequence.index(current) < target:
                break
            self.back()
        for _ in range(len(self._sequence)):
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

    def _on_page_changed(self, page_id: int) -> None:
        self.autosave()
        self._update_navigation()

    def _focus_first(self, page_id: int) -> None:
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

    # ------------------------------------------------------------------ files
    def _add_shortcuts(self) -> None:
        """Ctrl+S, Ctrl+Shift+S, Ctrl+O (once there is something to save or open into)."""
        from PySide6.QtGui import QKeySequence

        self._add_action(self.tr("保存"), QKeySequence.StandardKey.Save, self.save)
        self._add_action(self.tr("另存为"), QKeySequence.StandardKey.SaveAs, self.save_as)
        self._add_action(self.tr("打开"), QKeySequence.StandardKey.Open, self.open_dialog)
        from desktop_app.ui.workspace_dialogs import workspace_action  # Ctrl+K: 企业台账

        self.addAction(workspace_action(self, self.open_workspace))

    def _add_action(self, text: str, key: QKeySequence.StandardKey, slot: Any) -> QAction:
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda *_: slot())
        self.addAction(action)
        return action

    def _set_project_buttons_enabled(self, enabled: bool) -> None:
        for which in (QWizard.WizardButton.CustomButton1, QWizard.WizardButton.CustomButton2):
            button = self.button(which)
            if button is not None:
                button.setEnabled(enabled)

    def _on_custom_button(self, which: int) -> None:
        if which == QWizard.WizardButton.CustomButton1.value:
            self.open_dialog()
        elif which == QWizard.WizardButton.CustomButton2.value:
            self.save()
        elif which == QWizard.WizardButton.CustomButton3.value:
            self.open_settings()

    def open_workspace(self) -> None:
        """企业台账 (Ctrl+K): the service center's registry, in its own window (desktop_app/ui/workspace_window.py)."""
        from desktop_app.ui.workspace_window import open_workspace_window

        open_workspace_window(self)

    # ------------------------------------------------------------------ settings
    def open_settings(self) -> None:
        from desktop_app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(wizard=self, parent=self)
        dialog.open()

    def apply_settings(self, settings: storage.UserSettings, contacts: ContactBook) -> None:
        """Called by the settings dialog after it saved: reload packs, re-date, switch language."""
        old = self.settings
        self.settings = settings
        self.contacts = contacts
        if settings.as_of != old.as_of:
            self.set_as_of(settings.reference_date())
        if settings.packs != old.packs and self.catalog is not None:
            from desktop_app.domain.catalog import load_catalog

            self.catalog = load_catalog([Path(p) for p in settings.packs])
            self.welcome.set_ready(True, self._catalog_status())
            self.refresh()
        self._refresh_results()
        self.show_status(self.tr("设置已保存"))
        if settings.language != old.language:
            self.language_requested.emit(settings.language)

    # ------------------------------------------------------------------ closing
    def warn(self, title: str, text: str) -> None:
        from desktop_app.ui import dialogs

        dialogs.warn(self, title, text)

    def done(self, result: int) -> None:
        """Finish, 退出, Escape and the window's close button all end here: ask first if work would be lost."""
        if not self._closing_confirmed and not (self._confirm_stop_generating() and self.confirm_discard()):
            return
        storage.save_geometry(self.saveGeometry())
        super().done(result)

    def _confirm_stop_generating(self) -> bool:
        generate = self.page(PageId.generate)
        if generate is None or not getattr(generate, "busy", False):
            return True
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self, self.app_name(), self.tr("正在生成文书，现在退出会中断生成。仍要退出吗？"))
        return answer == QMessageBox.StandardButton.Yes

    def close_without_prompt(self) -> None:
        """Close keeping the draft (language switch, screenshots)."""
        self.autosave()
        self._closing_confirmed = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        super().closeEvent(event)
        if event.isAccepted():
            self.autosave_timer.stop()
            self.settle_timer.stop()
