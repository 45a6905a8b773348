"""The wizard's loading: the catalog and questionnaire on a worker thread, started once the window is on screen.

The window appears at once with only the welcome page; :class:`WindowLoader` waits for its first paint
(so that a worker thread importing pydantic does not hold the GIL while the first frame is drawn), then
loads in the background and hands a :class:`Loaded` to the window, which builds its other pages.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from desktop_app.ui.background import BackgroundOp, ProgressFn

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.questionnaire import Questionnaire

FIRST_PAINT_FALLBACK_MS = 1_000


@dataclass(frozen=True)
class Loaded:
    catalog: Catalog
    questionnaire: Questionnaire


def load_data(packs: Sequence[Path]) -> Loaded:
    """Runs on a worker thread: the heavy imports and the catalog and questionnaire loading."""
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.questionnaire import load_questionnaire

    # Import the page modules here too, so that building them later on the GUI thread is quick.
    from desktop_app.ui import fields, question_page, results_page  # noqa: F401

    return Loaded(catalog=load_catalog(list(packs)), questionnaire=load_questionnaire())


class WindowLoader(QObject):
    """Runs callbacks after the window's first paint, and loads the data for it (in the background or now)."""

    #: Emitted once, just after the window was first painted: the moment to start heavy work.
    first_painted = Signal()

    def __init__(
        self,
        *,
        window: QObject,
        packs: Callable[[], Sequence[Path]],
        loaded: Callable[[Loaded, Path | None], None],
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__(window)
        self._packs = packs
        self._loaded = loaded
        self._failed = failed
        self._painted = False

    def painted(self) -> None:
        """The window was painted (or gave up waiting for it): emit :attr:`first_painted` the first time."""
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self, self.first_painted.emit)  # with self as context: dropped if deleted

    def after_first_paint(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the window is on screen (at once if it already is)."""
        if self._painted:
            QTimer.singleShot(0, self, callback)
            return
        self.first_painted.connect(callback)
        # A window that is never painted (minimised, no display) must still load.
        QTimer.singleShot(FIRST_PAINT_FALLBACK_MS, self, self.painted)

    def start(self, *, profile_path: Path | None = None) -> None:
        """Load catalog and questionnaire on a worker thread; the ``loaded`` callback gets them on this one."""
        packs = [Path(p) for p in self._packs()]

        def op(progress: ProgressFn) -> Loaded:
            return load_data(packs)

        (
            BackgroundOp(parent=self, op=op)
            .success(lambda loaded: self._loaded(loaded, profile_path))
            .failure(self._failed)
            .run_in_background()
        )

    def load_now(self, *, profile_path: Path | None = None) -> None:
        """The same as :meth:`start`, on this thread (screenshots, tests)."""
        self._loaded(load_data([Path(p) for p in self._packs()]), profile_path)
