"""Start the desktop wizard: the window first, everything heavy after it is on screen.

Before the first paint only what the welcome page needs is imported; logging, the crash dialog,
the catalog and the other pages follow once the event loop runs (issue 7, "Fast start").
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from desktop_app import paths
from desktop_app.ui import storage, translations
from desktop_app.ui.wizard import PolicyWizard
from desktop_app.ui.wizard_loading import Loaded

SCREENSHOT_TIMEOUT_MS = 100_000

STYLE_SHEET = """
QLabel#error { color: #b00020; }
QLabel#help, QLabel#conversion { color: #5f6368; }
QLabel#question { font-weight: bold; }
QLabel#status { color: #8a4b00; padding: 4px 0; }
QLabel#notice { color: #6b4700; background: #fff4d6; border: 1px solid #f0d48a; border-radius: 4px; padding: 6px; }
QFrame#draft_banner { background: #fff4d6; border: 1px solid #f0d48a; border-radius: 4px; }
QLabel#total { color: #1b5e20; }
"""


def application() -> QApplication:
    """The one QApplication, configured (names, icon, style sheet)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("PolicyAssistant")
    app.setOrganizationName("PolicyAssistant")
    app.setStyleSheet(STYLE_SHEET)
    return app


def set_icon(app: QApplication) -> None:
    """The window icon (after the first paint: QIcon and the PNG decoder are not needed before)."""
    from PySide6.QtGui import QIcon

    icon_file = paths.icons_dir() / "app.png"
    if icon_file.is_file():
        app.setWindowIcon(QIcon(str(icon_file)))


def fit_to_screen(wizard: PolicyWizard) -> None:
    """A first window (no saved geometry) that fits the screen, also at 150 % scaling."""
    screen = wizard.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    room = screen.availableGeometry()
    width = min(wizard.width(), int(room.width() * 0.94))
    height = min(wizard.height(), int(room.height() * 0.94))
    wizard.resize(width, height)
    frame = wizard.frameGeometry()
    frame.moveCenter(room.center())
    wizard.move(frame.topLeft())


class Controller:
    """Owns the window; rebuilds it when the interface language changes, keeping every answer."""

    def __init__(self, app: QApplication, settings: storage.UserSettings, as_of: dt.date | None) -> None:
        self.app = app
        self.settings = settings
        self.as_of = as_of
        self.wizard: PolicyWizard | None = None
        self.protected = False

    def open_window(self) -> PolicyWizard:
        wizard = PolicyWizard(settings=self.settings, as_of=self.as_of)
        if storage.load_geometry() is None:
            fit_to_screen(wizard)
        wizard.language_requested.connect(self.switch_language)
        self.wizard = wizard
        if self.protected:
            self.protect(wizard)
        return wizard

    def install_error_handling(self) -> None:
        """The rotating log and the unhandled-exception dialog (after the first paint: they import logging.handlers)."""
        from desktop_app.logs import setup_logging
        from desktop_app.ui import errors

        errors.install(log_path=setup_logging())
        self.protected = True
        if self.wizard is not None:
            self.protect(self.wizard)

    def protect(self, wizard: PolicyWizard) -> None:
        """On an unhandled exception, the window's answers are saved as a draft first."""
        from desktop_app.ui import errors

        errors.add_rescuer(wizard.autosave)

    def switch_language(self, language: str) -> None:
        old = self.wizard
        if old is None or old.catalog is None or old.questionnaire is None:
            return
        snapshot = old.snapshot()  # its page is the one the user is on
        translations.install(self.app, language)
        self.settings = old.settings
        self.as_of = old.as_of
        new = self.open_window()
        new.contacts = old.contacts
        new.adopt(Loaded(catalog=old.catalog, questionnaire=old.questionnaire))
        new.continue_from(snapshot, dirty=old.is_dirty(), chosen_output=old.session.chosen_output)
        new.show()
        from desktop_app.ui import errors

        errors.remove_rescuer(old.autosave)
        old.close_without_prompt()
        old.deleteLater()


def run(
    *,
    profile: Path | None = None,
    as_of: dt.date | None = None,
    screenshots: Path | None = None,
    exit_after_show: bool = False,
) -> int:
    """The `gui` command. Returns the exit code."""
    app = application()
    settings = storage.load_settings()
    translations.install(app, settings.language)
    controller = Controller(app, settings, as_of)
    wizard = controller.open_window()
    wizard.show()
    if exit_after_show:
        # Start-up measurement: the first page is on screen; quit before any loading starts.
        QTimer.singleShot(0, app.quit)
        return app.exec()
    wizard.after_first_paint(controller.install_error_handling)
    wizard.after_first_paint(lambda: set_icon(app))
    if screenshots is not None:
        from desktop_app.ui.screenshots import take_screenshots

        def shoot() -> None:
            written: list[Path] = []
            try:
                written = take_screenshots(wizard, out_dir=screenshots, profile=profile)
            except Exception:  # a screenshot run must end, and say why, rather than wait forever
                import traceback

                traceback.print_exc()
            for path in written:
                print(path)
            wizard.close_without_prompt()
            app.exit(0 if written else 1)

        def give_up() -> None:
            print(f"截图超时（{SCREENSHOT_TIMEOUT_MS // 1000} 秒），已放弃", file=sys.stderr)
            app.exit(1)

        QTimer.singleShot(0, shoot)
        QTimer.singleShot(SCREENSHOT_TIMEOUT_MS, give_up)
        return app.exec()
    wizard.after_first_paint(lambda: wizard.start_loading(profile_path=profile))
    return app.exec()
