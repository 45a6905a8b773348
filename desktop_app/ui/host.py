"""The narrow interfaces pages, dialogs and the 企业台账 window use to reach the wizard (no page imports it)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from desktop_app.contacts import ContactBook
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.matching import MatchReport
    from desktop_app.domain.profile import EnterpriseProfile
    from desktop_app.domain.questionnaire import Questionnaire
    from desktop_app.session import Session
    from desktop_app.ui.fields import AnswerForm
    from desktop_app.ui.storage import UserSettings


class WizardHost(Protocol):
    """What a page may ask of the window: the work (session), answers, jumps and a status line."""

    session: Session
    settings: UserSettings
    questionnaire: Questionnaire | None
    form: AnswerForm | None

    @property
    def catalog(self) -> Catalog | None: ...

    @property
    def contacts(self) -> ContactBook: ...

    @property
    def as_of(self) -> dt.date: ...

    @property
    def last_report(self) -> MatchReport | None: ...

    def profile(self) -> EnterpriseProfile: ...

    def report(self) -> MatchReport: ...

    def match_job(self) -> Callable[[], MatchReport]: ...

    def remember_report(self, report: MatchReport) -> None: ...

    def go_to_question(self, question_id: str) -> bool: ...

    def set_confirmation(self, key: str, confirmed: bool) -> None: ...

    def set_as_of(self, value: dt.date) -> None: ...

    def set_output_folder(self, folder: Path | None) -> None: ...

    def show_status(self, text: str) -> None: ...

    def apply_settings(self, settings: UserSettings, contacts: ContactBook) -> None: ...


class RegistryHost(Protocol):
    """What the 企业台账 window asks of the wizard: its settings and data, and to open a handed-over profile."""

    settings: UserSettings

    @property
    def catalog(self) -> Catalog | None: ...

    @property
    def contacts(self) -> ContactBook: ...

    def is_ready(self) -> bool: ...

    def confirm_discard(self) -> bool: ...

    def open_path(self, path: Path, *, go_to_basics: bool = True) -> bool: ...

    def show(self) -> None: ...

    def raise_(self) -> None: ...

    def activateWindow(self) -> None: ...
