"""The one way to run slow work: a callable on a worker thread, its outcome delivered on the GUI thread."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
#: progress(done, total, what) — safe to call from inside an op; it is relayed to the GUI thread.
ProgressFn = Callable[[int, int, str], None]

log = logging.getLogger(__name__)


class _Signals(QObject):
    """Created on the GUI thread and emitted from the worker, so every connection is queued.

    It is a child of the application, not owned by Python: it goes by ``deleteLater`` once the outcome
    has been delivered, never because a Python reference count dropped inside a Qt destructor.
    """

    succeeded = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)

    def __init__(self, op: BackgroundOp[Any]) -> None:
        super().__init__(QCoreApplication.instance())
        self._op: BackgroundOp[Any] | None = op

    def clean_up_after_delivery(self) -> None:
        """Connect last, so that it runs after the relay delivered the outcome (or found its parent gone)."""
        from PySide6.QtCore import Qt

        queued = Qt.ConnectionType.QueuedConnection
        self.succeeded.connect(self._done, queued)
        self.failed.connect(self._done, queued)

    @Slot(object)
    def _done(self, _outcome: object) -> None:
        if self._op is not None:
            self._op.delivered()
            self._op = None
        self.deleteLater()


class _Relay(QObject):
    """A child of the op's parent widget: when the parent is gone, late results are dropped, not delivered."""

    def __init__(self, parent: QObject, op: BackgroundOp[Any]) -> None:
        super().__init__(parent)
        self._op: BackgroundOp[Any] | None = op

    @Slot(object)
    def on_success(self, value: object) -> None:
        op, self._op = self._op, None
        if op is not None:
            op.finish(value, None)
        self.deleteLater()

    @Slot(object)
    def on_failure(self, exc: object) -> None:
        op, self._op = self._op, None
        if op is not None:
            op.finish(None, exc if isinstance(exc, BaseException) else RuntimeError(str(exc)))
        self.deleteLater()

    @Slot(int, int, str)
    def on_progress(self, done: int, total: int, what: str) -> None:
        if self._op is not None:
            self._op.report_progress(done, total, what)


class _Runnable(QRunnable):
    def __init__(self, fn: Callable[[ProgressFn], Any], signals: _Signals) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self.setAutoDelete(True)

    def run(self) -> None:
        try:
            value = self._fn(self._signals.progressed.emit)
        except BaseException as exc:  # delivered to the GUI thread, which decides what to tell the user
            log.warning("后台任务失败：%s", type(exc).__name__, exc_info=exc)
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(value)


class BackgroundOp(Generic[T]):
    """Run ``op(progress)`` on a worker thread; call ``success``/``failure`` back on the GUI thread.

    Usage::

        BackgroundOp(parent=self, op=lambda progress: slow_thing()).success(self.show_it).run_in_background()

    Never touch a widget inside ``op``: it runs on another thread. Report progress through the
    ``progress`` callable the op receives; it is relayed to ``on_progress`` on the GUI thread.
    If ``parent`` is destroyed before the op ends, no callback runs.
    """

    _running: ClassVar[set[BackgroundOp[Any]]] = set()

    def __init__(self, *, parent: QObject, op: Callable[[ProgressFn], T]) -> None:
        self._parent = parent
        self._op = op
        self._on_success: Callable[[T], None] | None = None
        self._on_failure: Callable[[BaseException], None] | None = None
        self._on_progress: ProgressFn | None = None
        self._signals: _Signals | None = None

    def success(self, callback: Callable[[T], None]) -> BackgroundOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> BackgroundOp[T]:
        self._on_failure = callback
        return self

    def progress(self, callback: ProgressFn) -> BackgroundOp[T]:
        self._on_progress = callback
        return self

    def run_in_background(self) -> None:
        from PySide6.QtCore import Qt  # here, not at import: the first window need not create Qt's namespace

        signals = _Signals(self)
        relay = _Relay(self._parent, self)
        queued = Qt.ConnectionType.QueuedConnection
        signals.succeeded.connect(relay.on_success, queued)
        signals.failed.connect(relay.on_failure, queued)
        signals.progressed.connect(relay.on_progress, queued)
        signals.clean_up_after_delivery()
        self._signals = signals
        BackgroundOp._running.add(self)
        QThreadPool.globalInstance().start(_Runnable(self._op, signals))

    def finish(self, value: Any, exc: BaseException | None) -> None:
        """On the GUI thread: call the success or failure callback with the op's outcome."""
        if exc is None:
            if self._on_success is not None:
                self._on_success(value)
        elif self._on_failure is not None:
            self._on_failure(exc)
        else:
            raise exc

    def report_progress(self, done: int, total: int, what: str) -> None:
        """On the GUI thread: pass the op's progress to the ``progress`` callback, if any."""
        if self._on_progress is not None:
            self._on_progress(done, total, what)

    def delivered(self) -> None:
        """The outcome has been delivered (or dropped): the op no longer counts as running."""
        BackgroundOp._running.discard(self)

    @classmethod
    def active(cls) -> int:
        """How many ops have not delivered their outcome yet (tests wait for zero)."""
        return len(cls._running)
