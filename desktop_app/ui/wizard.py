"""The wizard window: a thin coordinator of the session, its pages, loading, navigation and files.

Only the welcome page exists when the window first shows; the catalog, the questionnaire and the
other pages are loaded on a worker thread right after (ui/wizard_loading.py), so the window appears
at once. For the same reason Qt classes that the first page does not need (message boxes, file
dialogs, shortcuts) are imported where they are used: PySide creates each type, enums included, on
first use. Branching and jumps live in ui/navigation.py, Save/Open/drafts in ui/wizard_files.py, the
button row and shortcuts in ui/wizard_buttons.py; the state is the Qt-free :class:`Session`.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QWidget, QWizard

from desktop_app.session import Session
from desktop_app.ui import storage, wizard_buttons
from desktop_app.ui.navigation import FIXED_QUESTION_PAGES, NavigationMixin, PageId
from desktop_app.ui.welcome_page import WelcomePage
from desktop_app.ui.wizard_files import FilesMixin
from desktop_app.ui.wizard_header import HeaderFitter
from desktop_app.ui.wizard_loading import Loaded, WindowLoader

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent, QPaintEvent

    from desktop_app.contacts import ContactBook
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.matching import MatchReport
    from desktop_app.domain.profile import EnterpriseProfile
    from desktop_app.domain.questionnaire import Questionnaire
    from desktop_app.ui.fields import AnswerForm
    from desktop_app.ui.generate_page import GeneratePage
    from desktop_app.ui.navigation import NavigationPanel
    from desktop_app.ui.question_page import QuestionPage

__all__ = ["FIXED_QUESTION_PAGES", "Loaded", "PageId", "PolicyWizard"]

log = logging.getLogger(__name__)

AUTOSAVE_MS = 30_000
#: An edit is saved to the draft this long after typing stops, so a crash loses at most a moment.
EDIT_SETTLE_MS = 1_500


class PolicyWizard(FilesMixin, NavigationMixin, QWizard):
    """惠企政策申报助手's main window."""

    ready = Signal()
    #: The autosave could not write the draft; the Chinese reason (also shown in the title bar).
    autosave_failed = Signal(str)
    language_requested = Signal(str)

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
        self.generate_page: GeneratePage | None = None
        self.question_pages: dict[str, QuestionPage] = {}
        self.page_order: list[int] = [PageId.welcome]
        self.page_path: list[int] = [PageId.welcome]
        self.offered_draft: storage.Draft | None = None
        self._closing_confirmed = False
        self.loader = WindowLoader(
            window=self, packs=self.pack_paths, loaded=self.adopt_loaded, failed=self.show_load_failure
        )

        self.setObjectName("wizard")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        wizard_buttons.set_up_buttons(self, open_file=self.open_dialog, save=self.save, settings=self.open_settings)

        self.welcome = WelcomePage(next_id=self.next_id_after, page_id=PageId.welcome, parent=self)
        self.setPage(PageId.welcome, self.welcome)
        self.welcome.set_as_of(self.as_of)
        self.welcome.as_of_changed.connect(self.set_as_of)
        self.welcome.suggested_date_requested.connect(self.use_suggested_date)
        self.welcome.new_button.clicked.connect(self.new_profile)
        self.welcome.open_button.clicked.connect(self.open_dialog)
        self.welcome.recent_activated.connect(self.open_path)
        self.welcome.restore_button.clicked.connect(self.restore_offered_draft)
        self.welcome.discard_button.clicked.connect(self.discard_offered_draft)
        self.welcome.workspace_button.clicked.connect(self.open_workspace)

        wizard_buttons.set_project_buttons_enabled(self, False)

        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.settle_timer = QTimer(self)
        self.settle_timer.setSingleShot(True)
        self.settle_timer.setInterval(EDIT_SETTLE_MS)
        self.settle_timer.timeout.connect(self.autosave)
        self.currentIdChanged.connect(self._on_page_changed)
        self.header_fitter = HeaderFitter(self)
        self.currentIdChanged.connect(
            lambda page_id: QTimer.singleShot(0, self, lambda: self.focus_first_field(page_id))
        )

        geometry = storage.load_geometry()
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(960, 720)
        self.update_title()

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
        self.loader.painted()

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the window is on screen (at once if it already is)."""
        self.loader.after_first_paint(callback)

    def start_loading(self, *, profile_path: Path | None = None) -> None:
        """Load catalog and questionnaire on a worker thread; build the other pages when they arrive."""
        self.loader.start(profile_path=profile_path)

    def load_now(self, *, profile_path: Path | None = None) -> None:
        """The same as :meth:`start_loading`, on this thread (screenshots, tests)."""
        self.loader.load_now(profile_path=profile_path)

    def pack_paths(self) -> list[Path]:
        """The policy packs the settings name (read when loading starts, so a changed setting counts)."""
        return [Path(p) for p in self.settings.packs]

    def is_ready(self) -> bool:
        return self.form is not None

    def adopt(self, loaded: Loaded, *, profile_path: Path | None = None) -> None:
        """Build the pages from a catalog and questionnaire loaded elsewhere (a language switch keeps them)."""
        self.adopt_loaded(loaded, profile_path)

    def show_load_failure(self, exc: BaseException) -> None:
        log.error("政策目录或问卷加载失败", exc_info=exc)
        self.welcome.set_ready(
            False,
            self.tr("无法加载政策目录或问卷：{error}。请重新安装本程序。").format(error=exc),
        )

    def adopt_loaded(self, loaded: Loaded, profile_path: Path | None) -> None:
        """The catalog and questionnaire are here: build the other pages, offer the draft, open ``profile_path``."""
        self._build_pages(loaded)
        self.refresh()
        # QWizard chose Finish while the welcome page was the only page; it re-decides on a page switch.
        if self.currentId() in (PageId.welcome, -1):
            self.restart()
        self.welcome.set_ready(True, self._catalog_status())
        self.welcome.set_recent(storage.recent_files())
        wizard_buttons.set_project_buttons_enabled(self, True)
        notices: list[str] = []
        self.offered_draft = storage.load_draft(notices)
        self.welcome.show_draft(self.offered_draft)
        if notices:  # a damaged draft was set aside: say so rather than lose it silently
            self.welcome.set_ready(True, "\n".join([self._catalog_status(), *notices]))
        if profile_path is not None:
            self.open_path(profile_path, go_to_basics=False)
        self.ready.emit()

    def _build_pages(self, loaded: Loaded) -> None:
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
        wizard_buttons.add_shortcuts(
            self, save=self.save, save_as=self.save_as, open_file=self.open_dialog, workspace=self.open_workspace
        )
        self.setPage(PageId.results, ResultsPage(host=self))
        self.generate_page = GeneratePage(host=self)
        self.setPage(PageId.generate, self.generate_page)
        self.page_order = [*sorted(order), PageId.results, PageId.generate]
        self.form.changed.connect(self._on_form_changed)
        self.nav = NavigationPanel(self)
        self.nav.page_requested.connect(self.go_to_page)
        self.nav.results_requested.connect(lambda: self.go_to_page(PageId.results))
        self.setSideWidget(self.nav)
        install_wheel_guard(self)

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

    # ------------------------------------------------------------------ answers
    def profile(self) -> EnterpriseProfile:
        assert self.form is not None, "the wizard is not loaded yet"
        return self.form.profile()

    def report(self) -> MatchReport:
        """Match the current answers against the catalog (the engine decides everything)."""
        return self.session.match(self.profile())

    def match_job(self) -> Callable[[], MatchReport]:
        """A match of the answers as they are now, to run on a worker thread (touches no widget)."""
        return self.session.match_job(self.profile())

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
        self.refresh_results()

    def use_suggested_date(self) -> None:
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

    def profile_replaced(self) -> None:
        """Another enterprise is open: pages that hold per-enterprise state (the output folder) start over."""
        if self.generate_page is not None:
            self.generate_page.reset_for_profile()

    def refresh_results(self) -> None:
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
            self.update_title()

    def app_name(self) -> str:
        return self.tr("惠企政策申报助手")

    def update_title(self) -> None:
        name = self.profile_path.name if self.profile_path else self.tr("新档案")
        self.setWindowTitle(f"{name}[*] — {self.app_name()}")
        self.setWindowModified(self.session.dirty)

    def _on_page_changed(self, page_id: int) -> None:
        self.autosave()
        self.update_navigation()

    # ------------------------------------------------------------------ the workspace and settings
    def open_workspace(self) -> None:
        """企业台账 (Ctrl+K): the service center's registry, in its own window (desktop_app/ui/workspace_window.py)."""
        from desktop_app.ui.workspace_window import open_workspace_window

        open_workspace_window(self)

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

            self.catalog = load_catalog(self.pack_paths())
            self.welcome.set_ready(True, self._catalog_status())
            self.refresh()
        self.refresh_results()
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
        if self.generate_page is None or not self.generate_page.busy:
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
