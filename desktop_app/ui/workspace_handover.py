"""在向导中打开 from the 企业台账: the enterprise goes to the wizard as a profile file, and its saves come back.

The file lives in the user data folder (``workspace-open/``); a watcher on that folder notices when the
wizard saves it, and the new profile is written back to the workspace.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from desktop_app.workspace import Enterprise, Workspace, WorkspaceError

if TYPE_CHECKING:
    from desktop_app.ui.host import RegistryHost


class WizardHandover(QObject):
    """Hands enterprises to ``wizard`` and stores back what it saved; ``warn(title, text)`` reports a problem."""

    #: Profiles were stored back (the display name of the last one): the window reloads its table.
    stored = Signal(str)

    def __init__(
        self, *, parent: QObject, ws: Workspace, wizard: RegistryHost, warn: Callable[[str, str], None]
    ) -> None:
        super().__init__(parent)
        self._ws = ws
        self._wizard = wizard
        self._warn = warn
        self._opened: dict[Path, tuple[int, str]] = {}  # handed-over file -> (enterprise, last text)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _d: self.sync())

    def open(self, enterprise_id: int) -> bool:
        """Write the enterprise's profile for the wizard and open it there (after the unsaved-changes prompt)."""
        if not self._wizard.is_ready():
            self._warn(self.tr("在向导中打开"), self.tr("向导仍在加载政策目录，请稍候再试。"))
            return False
        enterprise = self._ws.get(enterprise_id)
        if enterprise is None or not self._wizard.confirm_discard():
            return False
        path = self._write(enterprise)
        if path is None or not self._wizard.open_path(path):
            return False
        self._wizard.show()
        self._wizard.raise_()
        self._wizard.activateWindow()
        return True

    def _write(self, enterprise: Enterprise) -> Path | None:
        from desktop_app import paths
        from desktop_app.domain.profile_io import save_profile
        from desktop_app.fileio import WriteError, safe_filename

        folder = paths.user_data_dir() / "workspace-open"
        path = folder / f"{enterprise.id}-{safe_filename(enterprise.display_name, max_chars=40)}.json"
        try:
            save_profile(path, enterprise.profile)
        except WriteError as exc:
            self._warn(self.tr("在向导中打开"), exc.message)
            return None
        self._opened[path] = (enterprise.id, path.read_text(encoding="utf-8"))
        if str(folder) not in self.watcher.directories():
            self.watcher.addPath(str(folder))
        return path

    def sync(self) -> int:
        """Write back every handed-over file the wizard has saved since; return how many were stored."""
        from desktop_app.domain.profile import ProfileError
        from desktop_app.domain.profile_io import load_profile

        stored, name = 0, ""
        for path, (enterprise_id, last) in list(self._opened.items()):
            try:
                text = path.read_text(encoding="utf-8")
            except OSError:
                continue
            if text == last:
                continue
            self._opened[path] = (enterprise_id, text)
            try:
                saved = self._ws.save_profile(enterprise_id=enterprise_id, profile=load_profile(path))
            except (ProfileError, WorkspaceError) as exc:
                self._warn(self.tr("无法存回台账"), exc.message)
                continue
            stored, name = stored + 1, saved.display_name
        if stored:
            self.stored.emit(name)
        return stored
