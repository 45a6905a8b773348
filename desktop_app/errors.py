"""The one base class for errors a person must act on: ``message`` is one Chinese line saying what to fix.

A leaf module (it imports nothing from the package), so domain, documents, CLI and UI can all use it.
Catch :class:`UserError` and show ``exc.message``; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """Input or a file the user must fix; ``message`` is Chinese, names the field or file and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def message_for(exc: BaseException) -> str:
    """What to show for ``exc`` caught at a boundary (a worker's failure, a batch row): a :class:`UserError`'s
    Chinese ``message``, else the exception's own text (or its class name when it has none)."""
    if isinstance(exc, UserError):
        return exc.message
    return str(exc) or type(exc).__name__
