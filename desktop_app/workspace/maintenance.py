"""Keeping the workspace file sound: an integrity check with a clear report, and an online backup."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.workspace.models import WorkspaceError
from desktop_app.workspace.schema import SCHEMA_VERSION
from desktop_app.workspace.store import Workspace

_TRIGGERS = ("ledger_event_no_update", "ledger_event_no_delete")


@dataclass(slots=True)
class CheckReport:
    enterprises: int = 0
    events: int = 0
    version: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(ws: Workspace) -> CheckReport:
    """`PRAGMA integrity_check`, `PRAGMA foreign_key_check`, the schema version and the ledger's guards."""
    report = CheckReport()
    conn = ws.conn
    try:
        for (line,) in conn.execute("PRAGMA integrity_check"):
            if line != "ok":
                report.problems.append(f"文件结构：{line}")
        for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
            report.problems.append(f"表 {table} 第 {rowid} 行指向不存在的 {parent} 记录")
        report.version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        report.enterprises = int(conn.execute("SELECT COUNT(*) FROM enterprise").fetchone()[0])
        report.events = int(conn.execute("SELECT COUNT(*) FROM ledger_event").fetchone()[0])
        present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    except sqlite3.DatabaseError as exc:
        report.problems.append(f"无法读取：{exc}")
        return report
    if report.version != SCHEMA_VERSION:
        report.problems.append(f"格式版本为 {report.version}，本程序使用 {SCHEMA_VERSION}")
    for name in _TRIGGERS:
        if name not in present:
            report.problems.append(f"申报台账缺少只追加保护（触发器 {name}）")
    return report


def backup(ws: Workspace, *, target: Path) -> Path:
    """Copy the live database with SQLite's online backup API into ``target`` (or ``name(2).sqlite`` if taken).

    The copy is made in a temporary file beside the target and moved into place only when complete.
    """
    from desktop_app.fileio import unique_path

    target = unique_path(Path(target))
    if ws.path.resolve() == target.resolve():
        raise WorkspaceError("备份文件不能是台账文件本身，请换一个文件名")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
    except OSError as exc:
        raise WorkspaceError(f"无法写入 {target}：{exc.strerror or exc}。请检查文件夹是否存在且可写") from None
    try:
        dest = sqlite3.connect(tmp_name)
        try:
            ws.conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        with open(tmp_name, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise WorkspaceError(f"备份到 {target} 失败：{exc}") from None
    return target
