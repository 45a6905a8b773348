"""The rotating log in the user's data folder: warnings and errors only, with codes and phone numbers masked."""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

from desktop_app import paths

LOG_NAME = "policy-assistant.log"
#: Each log file stays small; three old ones are kept.
MAX_BYTES = 512 * 1024
BACKUP_COUNT = 3
#: A single message longer than this is cut: a whole profile or letter never fits in the log.
MAX_MESSAGE_CHARS = 2000

#: 18-character 统一社会信用代码 (registration authority, type, region, organisation code, check digit).
_CREDIT_CODE = re.compile(r"(?<![0-9A-Z])[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}(?![0-9A-Z])")
#: Chinese telephone numbers, not just any run of digits (a timestamp 2026-12-01 23:15:02 is not one):
#: mobiles 1[3-9]x-xxxx-xxxx (optionally +86), landlines with an area code 0xx(x)-[2-9]xxx(x)-xxxx,
#: bare 8-digit local numbers [2-9]xxx-xxxx unless they read as a date (20231201), and 400/800 numbers.
_PHONE = re.compile(
    r"(?<![\d\-])(?:"
    r"(?:\+?86[\- ]?)?1[3-9]\d[\- ]?\d{4}[\- ]?\d{4}"
    r"|\(?0\d{2,3}\)?[\- ]?[2-9]\d{2,3}[\- ]?\d{4}"
    r"|(?!(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?!\d))[2-9]\d{3}[\- ]?\d{4}"
    r"|[48]00[\- ]?\d{3}[\- ]?\d{4}"
    r")(?![\d\-])"
)

_MARK = "policy_assistant_handler"


def redact(text: str) -> str:
    """Mask credit codes and phone numbers, and cut very long text: logs never hold an enterprise's details."""
    text = _CREDIT_CODE.sub("[信用代码已隐去]", text)
    text = _PHONE.sub("[号码已隐去]", text)
    if len(text) > MAX_MESSAGE_CHARS:
        text = text[:MAX_MESSAGE_CHARS] + f"…（已截断，原长 {len(text)} 字符）"
    return text


class RedactingFormatter(logging.Formatter):
    """Format as usual (traceback included), then redact the whole record."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def log_file() -> Path:
    """Where the current log file is (it may not exist until the first warning)."""
    return paths.user_log_dir() / LOG_NAME


def setup_logging(*, level: int = logging.WARNING) -> Path:
    """Send warnings and errors of the whole program to the rotating log; return its path.

    Calling it again (a second window, a test) does not add a second handler.
    """
    path = log_file()
    root = logging.getLogger()
    for old in list(root.handlers):
        if getattr(old, _MARK, False):
            if Path(getattr(old, "baseFilename", "")) == path:
                return path
            root.removeHandler(old)
            old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
        )
    except OSError:
        # A read-only profile folder must not stop the program; warnings then go to stderr only.
        handler = logging.StreamHandler()
    setattr(handler, _MARK, True)
    handler.setLevel(level)
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.captureWarnings(True)
    return path
