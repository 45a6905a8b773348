"""Safe file writing: every write is atomic, an existing file is never overwritten silently, names suit Windows."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path

#: Characters Windows forbids in file names, plus the control characters.
_FORBIDDEN = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
#: Room left for a folder path under Windows' 260-character MAX_PATH.
MAX_NAME_CHARS = 80


class WriteError(Exception):
    """A write that failed; ``message`` says which file and why, in Chinese. Nothing partial is left."""

    def __init__(self, message: str, *, path: Path, alternative: Path | None = None) -> None:
        super().__init__(message)
        self.message = message
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
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text


def unique_path(path: Path) -> Path:
    """``path`` if free, else the first free ``name(2).ext``, ``name(3).ext`` …"""
    if not path.exists():
        return path
    for n in range(2, 10_000):
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
        if not candidate.exists():
            return candidate
    raise WriteError(f"文件夹 {path.parent} 中同名文件过多，请换一个输出文件夹", path=path)


def _describe(exc: OSError, path: Path, alternative: Path | None) -> str:
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


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file, fsync, then ``os.replace``.

    Either the whole new file is there afterwards or the old one is untouched; no partial file
    is left behind. Raises :class:`WriteError` with a Chinese message.
    """
    path = Path(path)
    tmp_name: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name[:40]}.", suffix=".tmp", dir=path.parent)
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
        raise WriteError(_describe(exc, path, alternative), path=path, alternative=alternative) from exc
    finally:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))
