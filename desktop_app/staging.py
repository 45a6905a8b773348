"""Writing a set of documents so that an interrupted run leaves a consistent folder, and a rerun replaces it.

THE one place for this (``fill``, ``batch`` and the wizard go through :func:`publish` via
``documents/fill.py``). A set is first written into a hidden staging folder inside the output folder;
only when every file is there are they moved into place, each with ``os.replace``. A hidden manifest
(:data:`MANIFEST_NAME`) records what this program wrote and each file's SHA-256: on a rerun, a file that
is ours and unchanged since is replaced instead of getting a "(2)" copy; a file someone edited (or
that is not ours) is kept and the new one takes the "(2)" name. Temporary files and staging folders
left by a killed run are hidden (Windows) and removed by the next run in that folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.fileio import WriteError, atomic_write_bytes, describe_os_error, hide, unique_path

MANIFEST_NAME = ".policy-assistant.json"
STAGING_PREFIX = ".pa-staging-"
#: temp files of ``fileio.atomic_write_bytes``: ``.<name>.pa<pid>-<random>.tmp``
_TEMP = re.compile(r"^\..*\.pa(\d+)-[^.]*\.tmp$")
_STAGING = re.compile(rf"^{re.escape(STAGING_PREFIX)}(\d+)-")
#: temp files written before the pid was part of the name: removed once they are an hour old
_OLD_TEMP = re.compile(r"^\..+\.(docx|pdf|xlsx|json)\.[a-z0-9_]{8}\.tmp$")


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (this process counts as alive)."""
    if pid == os.getpid():
        return True
    if not 0 < pid < 2**32:
        return False
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except PermissionError:
        return True
    except (OSError, OverflowError):  # no such process, or a number no process can have
        return False
    # A killed worker whose parent is gone stays a zombie where nothing reaps orphans (a container's PID 1):
    # it answers signal 0 but will never finish its staging folder.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[:1] != ["Z"]


def clean_stale(folder: Path) -> list[str]:
    """Remove temp files and staging folders in ``folder`` that a killed run of this program left behind."""
    removed: list[str] = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        name = entry.name
        temp, staging = _TEMP.match(name), _STAGING.match(name)
        owner = temp or staging
        stale = owner is not None and not pid_alive(int(owner.group(1)))
        if not stale and _OLD_TEMP.match(name):
            with contextlib.suppress(OSError):
                stale = time.time() - entry.stat().st_mtime > 3600
        if not stale:
            continue
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(name)
    return removed


def read_manifest(folder: Path) -> dict[str, str]:
    """File name -> SHA-256 of what this program last wrote in ``folder``; empty when unknown or damaged."""
    try:
        data = json.loads((Path(folder) / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict):
        return {}
    return {str(k): str(v) for k, v in files.items()}


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except OSError:
        return None


def _write_manifest(folder: Path, files: dict[str, str]) -> None:
    path = Path(folder) / MANIFEST_NAME
    data = json.dumps({"version": 1, "files": files}, ensure_ascii=False, indent=1, sort_keys=True)
    with contextlib.suppress(WriteError):  # the documents are in place; a missing record only costs a (2)
        atomic_write_bytes(path, data.encode("utf-8"))
        hide(path)


def _names(paths: Sequence[str]) -> str:
    return "、".join(paths) if paths else "无"


def publish(folder: Path, files: Sequence[tuple[str, bytes]], *, force: bool = False) -> list[Path]:
    """Write ``files`` (name, bytes) into ``folder`` as one set and return where each went, in order.

    All are staged first: a failure there (a full disk) leaves ``folder`` as it was and the
    :class:`~desktop_app.fileio.WriteError` says that no document was written. Then each is moved into
    place: over the same name when ``force`` or when that file is one this program wrote and nobody
    changed since, else under the next free "(2)" name. A failure while moving names the documents that
    were written and those that were not.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        clean_stale(folder)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=folder))
    except OSError as exc:
        raise WriteError(describe_os_error(exc, folder, None), path=folder) from exc
    hide(staging)
    try:
        staged: list[tuple[str, Path, str]] = []
        for number, (name, data) in enumerate(files):
            path = staging / f"{number:05d}.part"
            try:
                with path.open("wb") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
            except OSError as exc:
                reason = describe_os_error(exc, folder / name, None)
                raise WriteError(
                    f"{reason}本次没有写出任何文书，文件夹 {folder} 保持原样。", path=folder / name
                ) from exc
            staged.append((name, path, _digest(data)))
        return _move_into_place(folder, staged, force)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(folder: Path, staged: list[tuple[str, Path, str]], force: bool) -> list[Path]:
    manifest = read_manifest(folder)
    placed: list[Path] = []
    try:
        for name, path, digest in staged:
            target = folder / name
            if target.name.casefold() in {p.name.casefold() for p in placed}:
                target = unique_path(target)  # the same name twice in one set: never one over the other
            elif target.exists() and not force:
                recorded = manifest.get(name)
                if recorded is None or recorded != _file_digest(target):
                    target = unique_path(target)
            try:
                os.replace(path, target)
            except OSError as exc:
                alternative = None
                if isinstance(exc, PermissionError) and target.exists():
                    with contextlib.suppress(WriteError, OSError):
                        alternative = unique_path(target)
                written = [p.name for p in placed]
                missing = [n for n, _, _ in staged[len(placed) :]]
                raise WriteError(
                    f"{describe_os_error(exc, target, alternative)}已写出：{_names(written)}；"
                    f"未写出：{_names(missing)}。",
                    path=target,
                    alternative=alternative,
                ) from exc
            placed.append(target)
            manifest[target.name] = digest
    finally:
        if placed:
            _write_manifest(folder, manifest)
    return placed


def load_json_lines(path: Path) -> list[dict[str, Any]]:
    """The records of a journal file, one JSON object a line; a damaged (half-written) line is skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    records = []
    for line in text.splitlines():
        with contextlib.suppress(ValueError):
            record = json.loads(line)
            if isinstance(record, dict):
                records.append(record)
    return records
