"""Safe file writing: every write is atomic, an existing file is never overwritten silently, names suit Windows."""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Collection, Sequence
from pathlib import Path

from desktop_app.errors import UserError

#: Characters Windows forbids in file names, plus the control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
#: Device names Windows reserves, whatever the extension: COM0–9 and LPT0–9 including the superscript
#: digits ¹²³ that Windows also treats as digits here, and the console names.
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³"),
}
#: Room left for a folder path under Windows' 260-character MAX_PATH.
MAX_NAME_CHARS = 80


class WriteError(UserError):
    """A write that failed; ``message`` says which file and why, in Chinese. Nothing partial is left."""

    def __init__(self, message: str, *, path: Path, alternative: Path | None = None) -> None:
        super().__init__(message)
        self.path = path
        #: a free ``name(2).ext`` beside a file that is held open, to offer instead
        self.alternative = alternative


def safe_filename(text: str, *, max_chars: int = MAX_NAME_CHARS, fallback: str = "未命名") -> str:
    """Turn any text into a file-name part that Windows accepts (no extension handling)."""
    text = unicodedata.normalize("NFC", text)
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"))
    text = _FORBIDDEN.sub("_", text)
    text = re.sub(r"\s+", " ", text).strip(" .")
    if len(text) > max_chars:
        text = text[:max_chars].rstrip(" .")
    if not text:
        text = fallback
    if text.split(".")[0].rstrip(" ").upper() in _RESERVED:
        text = f"_{text}"
    return text


def safe_joined_name(
    parts: Sequence[str], *, keep: Collection[int] = (), sep: str = "_", max_chars: int = MAX_NAME_CHARS
) -> str:
    """``sep.join(parts)`` made safe like :func:`safe_filename`, cut to ``max_chars`` without losing the parts
    whose indexes are in ``keep`` (a measure id, 政策体检报告): the other parts are shortened instead, the
    longest first, so two documents of one long company name never end up with the same name."""
    cleaned = [safe_filename(part, max_chars=max_chars, fallback="") for part in parts]
    kept = {i for i in keep if 0 <= i < len(cleaned)}

    def length() -> int:
        present = [part for part in cleaned if part]
        return sum(len(part) for part in present) + len(sep) * max(len(present) - 1, 0)

    while length() > max_chars:
        shortenable = [i for i in range(len(cleaned)) if i not in kept and cleaned[i]]
        if not shortenable:
            break
        longest = max(shortenable, key=lambda i: len(cleaned[i]))
        cleaned[longest] = cleaned[longest][:-1].rstrip(" .")
    return safe_filename(sep.join(part for part in cleaned if part), max_chars=max(max_chars, length()))


def unique_path(path: Path) -> Path:
    """``path`` if free, else the first free ``name(2).ext``, ``name(3).ext`` …"""
    if not path.exists():
        return path
    for n in range(2, 10_000):
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise WriteError(f"文件夹 {path.parent} 中同名文件过多，请换一个输出文件夹", path=path)


def describe_os_error(exc: OSError, path: Path, alternative: Path | None) -> str:
    """One Chinese sentence for a failed write of ``path``: held open, read-only, disk full, or the OS reason."""
    if isinstance(exc, PermissionError):
        offer = f"也可以另存为 {alternative.name}。" if alternative is not None else ""
        return (
            f"无法写入 {path}：文件被其他程序（如 Word、WPS）占用，或文件夹只读。"
            f"请关闭该文件或换一个文件夹后重试；{offer}"
        ).rstrip("；")
    if exc.errno == 28:  # ENOSPC
        return f"无法写入 {path}：磁盘空间不足。请清理磁盘或换一个文件夹后重试。"
    from desktop_app.reading import describe_os_error  # "Read-only file system" and the like, in Chinese

    return f"无法写入 {path}：{describe_os_error(exc)}。请检查文件夹是否存在且可写。"


def hide(path: Path) -> None:
    """Mark ``path`` hidden on Windows (a leading dot already hides it elsewhere)."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x02)  # FILE_ATTRIBUTE_HIDDEN


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file, fsync, then ``os.replace``.

    Either the whole new file is there afterwards or the old one is untouched; no partial file
    is left behind. Raises :class:`WriteError` with a Chinese message.
    """
    path = Path(path)
    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # ".<name>.pa<pid>-…tmp": hidden, and recognisable by staging.clean_stale once this process is gone
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:40]}.pa{os.getpid()}-", suffix=".tmp", dir=path.parent)
        hide(Path(tmp_name))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
        tmp_name = None
    except OSError as exc:
        alternative = None
        if isinstance(exc, PermissionError) and path.exists():
            # Windows refuses to replace a file Word holds open: a free (2) name can still be written.
            with contextlib.suppress(WriteError, OSError):
                alternative = unique_path(path)
        raise WriteError(describe_os_error(exc, path, alternative), path=path, alternative=alternative) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))
