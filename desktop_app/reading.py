"""Reading files that come from anywhere: a bounded read, and operating-system errors said in Chinese.

A profile or pack may be a symlink to ``/dev/zero``, a named pipe or a multi-gigabyte file; each is read
at most ``limit`` bytes. :func:`describe_os_error` is the one place that turns an ``OSError`` into
Chinese, so that "Read-only file system" or "Not a directory" never reaches the user in English.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from desktop_app.errors import UserError

_REASONS = {
    errno.ENOENT: "找不到该文件或文件夹",
    errno.EACCES: "没有访问权限",
    errno.EPERM: "操作系统不允许此操作",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOTDIR: "路径中有一部分不是文件夹",
    errno.EROFS: "所在的磁盘或文件夹是只读的",
    errno.ENOSPC: "磁盘空间不足",
    errno.ELOOP: "符号链接（快捷方式）层层指向自身",
    errno.ENAMETOOLONG: "路径或文件名过长",
    errno.EIO: "读写磁盘时出错（磁盘或网络盘可能有故障）",
    errno.EBUSY: "文件正被其他程序占用",
    errno.EMFILE: "同时打开的文件过多",
    errno.EINVAL: "路径或文件名无效",
    errno.EEXIST: "同名文件已存在",
    errno.EXDEV: "不能跨磁盘移动",
}


def describe_os_error(exc: OSError) -> str:
    """What went wrong, in Chinese (no path; the caller names the file)."""
    if isinstance(exc, PermissionError) and exc.errno is None:
        return _REASONS[errno.EACCES]
    reason = _REASONS.get(exc.errno) if exc.errno is not None else None
    if reason is None:
        code = exc.errno if exc.errno is not None else type(exc).__name__
        reason = f"操作系统报告错误（代码 {code}）"
    return reason


class FileReadError(UserError):
    """A file that cannot be read within the bounds; ``message`` is Chinese (the caller names the file)."""

    def __init__(self, message: str, *, path: Path) -> None:
        super().__init__(message)
        self.path = path


def read_limited(path: Path, *, limit: int, what: str = "文件") -> bytes:
    """The bytes of the regular file ``path``, refusing devices, pipes and anything over ``limit`` bytes.

    Raises :class:`FileReadError` (Chinese) for those and for every ``OSError``.
    """
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise FileReadError(f"{what}不是普通文件（可能是设备、管道或文件夹），请选择一个文件", path=path)
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise FileReadError(f"无法读取{what}：{describe_os_error(exc)}", path=path) from None
    if len(data) > limit:
        raise FileReadError(f"{what}过大（超过 {_size(limit)}），不像是本程序的文件，请检查是否选错了文件", path=path)
    return data


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
