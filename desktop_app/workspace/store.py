"""The workspace repository: one SQLite file of enterprises, their cached matches and the application ledger.

Every write runs in its own `BEGIN IMMEDIATE` transaction, so a second program on the same file waits
(busy timeout) instead of failing, and a killed process leaves the last committed state. Profiles are
validated with the profile model on the way in and on the way out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from desktop_app.errors import message_for
from desktop_app.workspace.models import Enterprise, WorkspaceError
from desktop_app.workspace.schema import NewerSchemaError, migrate

DB_NAME = "workspace.sqlite"
BUSY_TIMEOUT_MS = 30_000
Outcome = Literal["added", "updated", "unchanged"]
_COLUMNS = "id, name, credit_code, district, profile_json, profile_hash, created_at, updated_at"


def default_path() -> Path:
    """The clerk's workspace in the user data directory (paths.py is the one data locator)."""
    from desktop_app import paths

    return paths.user_data_dir() / DB_NAME


def now_text() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def profile_json(profile: object) -> str:
    """Canonical JSON of a profile (sorted keys, unanswered fields left out): equal answers, equal text."""
    from desktop_app.domain.profile import SCHEMA_VERSION, EnterpriseProfile

    assert isinstance(profile, EnterpriseProfile)
    data = profile.model_dump(mode="json", exclude_none=True)
    data["schema_version"] = SCHEMA_VERSION
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Workspace:
    """A connection to one workspace file. Use one per thread; open another for a worker thread."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: Path | None = None) -> Workspace:
        """Open (creating and migrating as needed) the workspace at ``path`` or the default location."""
        path = Path(path) if path is not None else default_path()
        if path.is_dir():
            raise WorkspaceError(f"台账文件 {path} 是一个文件夹，请给出文件名，例如 --db 企业台账.sqlite")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise WorkspaceError(f"无法打开台账文件 {path}：{exc}。请检查文件夹是否存在且可写") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA journal_mode = WAL")
            migrate(conn)
        except NewerSchemaError as exc:
            conn.close()
            raise WorkspaceError(
                f"台账文件 {path} 由更新版本的程序创建（格式版本 {exc.version}），请升级本程序后再打开"
            ) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise WorkspaceError(
                f"{path} 不是企业台账文件或已损坏（{exc}）。请用 workspace backup 留存的备份，或换一个文件名"
            ) from None
        return cls(conn, path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it or nothing. Waits for another writer up to the busy timeout."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise WorkspaceError(f"台账文件 {self.path} 正被其他程序长时间占用（{exc}），请稍后重试") from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # ------------------------------------------------------------------ enterprises
    def _enterprise(self, row: Sequence[object]) -> Enterprise:
        from desktop_app.domain.profile import ProfileError
        from desktop_app.domain.profile_io import profile_from_data

        try:
            profile = profile_from_data(json.loads(str(row[4])))
        except (ProfileError, ValueError) as exc:
            reason = message_for(exc)
            raise WorkspaceError(f"台账中第 {row[0]} 家企业（{row[1] or row[2]}）的档案无法读取：{reason}") from None
        return Enterprise(
            id=int(str(row[0])),
            name=row[1] if row[1] is None else str(row[1]),
            credit_code=row[2] if row[2] is None else str(row[2]),
            district=row[3] if row[3] is None else str(row[3]),
            profile=profile,
            profile_hash=str(row[5]),
            created_at=str(row[6]),
            updated_at=str(row[7]),
        )

    def get(self, enterprise_id: int) -> Enterprise | None:
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM enterprise WHERE id = ?", (enterprise_id,)).fetchone()
        return None if row is None else self._enterprise(row)

    def enterprises(self, ids: Sequence[int] | None = None) -> list[Enterprise]:
        """Every enterprise (or those of ``ids``, in that order), profiles validated."""
        if ids is None:
            rows = self.conn.execute(f"SELECT {_COLUMNS} FROM enterprise ORDER BY id").fetchall()
            return [self._enterprise(r) for r in rows]
        found = [self.get(i) for i in ids]
        return [e for e in found if e is not None]

    def count(self) -> int:
        return int(self.conn.execute("SELECT COUNT(*) FROM enterprise").fetchone()[0])

    def resolve(self, key: str) -> Enterprise:
        """ENTERPRISE on the command line: the number `list` shows, a credit code, or an exact name."""
        text = key.strip()
        if text.isdigit() and len(text) < 18:
            found = self.get(int(text))
            if found is not None:
                return found
        row = self.conn.execute(f"SELECT {_COLUMNS} FROM enterprise WHERE credit_code = ?", (text.upper(),)).fetchone()
        if row is not None:
            return self._enterprise(row)
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM enterprise WHERE name = ? ORDER BY id", (text,)).fetchall()
        if len(rows) == 1:
            return self._enterprise(rows[0])
        if len(rows) > 1:
            numbers = "、".join(str(r[0]) for r in rows)
            raise WorkspaceError(f"台账中有 {len(rows)} 家企业名为“{text}”（编号 {numbers}），请改用编号或信用代码")
        raise WorkspaceError(f"台账中没有企业“{text}”：请用 workspace list 显示的编号、信用代码或完整的企业名称")

    def search_ids(
        self, *, text: str | None = None, district: str | None = None, limit: int | None = None
    ) -> list[int]:
        """Enterprises whose name contains ``text`` (or whose credit code starts with it), by number."""
        where, params = _filters(text=text, district=district)
        sql = f"SELECT id FROM enterprise {where} ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit):d}"
        return [int(r[0]) for r in self.conn.execute(sql, params)]

    def _locate(self, conn: sqlite3.Connection, profile: object) -> tuple[object, ...] | None:
        """The stored enterprise a profile is about: by credit code, else by name."""
        code = getattr(profile, "credit_code", None)
        name = getattr(profile, "name", None)
        if code:
            row = conn.execute(f"SELECT {_COLUMNS} FROM enterprise WHERE credit_code = ?", (code,)).fetchone()
            if row is not None:
                return tuple(row)
            if name:  # registered earlier without a code: this profile supplies it
                row = conn.execute(
                    f"SELECT {_COLUMNS} FROM enterprise WHERE name = ? AND credit_code IS NULL", (name,)
                ).fetchone()
                return None if row is None else tuple(row)
            return None
        if not name:
            raise WorkspaceError("企业名称和统一社会信用代码都未填写：至少填写一项，台账才能认出这家企业")
        rows = conn.execute(f"SELECT {_COLUMNS} FROM enterprise WHERE name = ? ORDER BY id", (name,)).fetchall()
        if len(rows) > 1:
            raise WorkspaceError(f"台账中有 {len(rows)} 家企业名为“{name}”，请填写统一社会信用代码以区分")
        return tuple(rows[0]) if rows else None

    def put_profile(
        self,
        conn: sqlite3.Connection,
        *,
        profile: object,
        merge: bool,
        now: str | None = None,
        validated: bool = False,
    ) -> tuple[int, Outcome]:
        """Add or update one enterprise inside the caller's transaction.

        With ``merge``, the stored answers stay where the new profile leaves a field unanswered (a sheet's
        empty cell never erases an answer); without it the new profile replaces the stored one. The result is
        validated again unless ``validated`` says the caller just built it with ``profile_from_data`` and
        nothing is merged into it.
        """
        from desktop_app.domain.profile import EnterpriseProfile, ProfileError
        from desktop_app.domain.profile_io import profile_from_data

        if not isinstance(profile, EnterpriseProfile):
            raise TypeError("profile must be an EnterpriseProfile")
        stamp = now or now_text()
        row = self._locate(conn, profile)
        incoming = profile.model_dump(mode="json", exclude_none=True)
        stored = json.loads(str(row[4])) if row is not None and merge else {}
        if stored or not validated:
            try:  # validated on the way in, whatever the caller did to the model
                profile = profile_from_data({**stored, **incoming})
            except ProfileError as exc:
                raise WorkspaceError(exc.message) from None
        text = profile_json(profile)
        digest = text_hash(text)
        district = profile.district.value if profile.district else None
        if row is None:
            cursor = conn.execute(
                "INSERT INTO enterprise (name, credit_code, district, profile_json, profile_hash, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (profile.name, profile.credit_code, district, text, digest, stamp, stamp),
            )
            return int(cursor.lastrowid or 0), "added"
        if row[5] == digest:
            return int(str(row[0])), "unchanged"
        conn.execute(
            "UPDATE enterprise SET name = ?, credit_code = ?, district = ?, profile_json = ?, profile_hash = ?,"
            " updated_at = ? WHERE id = ?",
            (profile.name, profile.credit_code, district, text, digest, stamp, row[0]),
        )
        return int(str(row[0])), "updated"

    def add_profile(self, *, profile: object) -> tuple[int, Outcome]:
        """Add a whole profile (or replace the stored one of the same enterprise), in one transaction."""
        try:
            with self.transaction() as conn:
                return self.put_profile(conn, profile=profile, merge=False)
        except sqlite3.IntegrityError as exc:
            raise WorkspaceError(_integrity_message(exc)) from None

    def save_profile(self, *, enterprise_id: int, profile: object) -> Enterprise:
        """Write a profile back to an enterprise (the wizard's save). Refuses one that names another firm."""
        from desktop_app.domain.profile import EnterpriseProfile, ProfileError
        from desktop_app.domain.profile_io import profile_from_data

        assert isinstance(profile, EnterpriseProfile)
        try:
            profile = profile_from_data(profile.model_dump(mode="json", exclude_none=True))
        except ProfileError as exc:
            raise WorkspaceError(exc.message) from None
        text = profile_json(profile)
        if not profile.name and not profile.credit_code:
            raise WorkspaceError("企业名称和统一社会信用代码都未填写：至少填写一项后才能存回台账")
        try:
            with self.transaction() as conn:
                cursor = conn.execute(
                    "UPDATE enterprise SET name = ?, credit_code = ?, district = ?, profile_json = ?,"
                    " profile_hash = ?, updated_at = ? WHERE id = ?",
                    (
                        profile.name,
                        profile.credit_code,
                        profile.district.value if profile.district else None,
                        text,
                        text_hash(text),
                        now_text(),
                        enterprise_id,
                    ),
                )
                if cursor.rowcount != 1:
                    raise WorkspaceError(f"台账中已没有第 {enterprise_id} 家企业，无法存回")
        except sqlite3.IntegrityError as exc:
            raise WorkspaceError(_integrity_message(exc)) from None
        saved = self.get(enterprise_id)
        assert saved is not None
        return saved


def _filters(*, text: str | None, district: str | None, table: str = "") -> tuple[str, list[object]]:
    """A WHERE clause for a name / credit-code search and a district, columns prefixed with ``table``."""
    t = f"{table}." if table else ""
    clauses: list[str] = []
    params: list[object] = []
    if text and text.strip():
        needle = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append(f"({t}name LIKE ? ESCAPE '\\' OR {t}credit_code LIKE ? ESCAPE '\\')")
        params += [f"%{needle}%", f"{needle.upper()}%"]
    if district:
        clauses.append(f"{t}district = ?")
        params.append(district)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _integrity_message(exc: sqlite3.IntegrityError) -> str:
    if "credit_code" in str(exc):
        return "台账中已有另一家企业使用这个统一社会信用代码，请核对后重试"
    if "name" in str(exc):
        return "台账中已有另一家同名且未填信用代码的企业，请填写统一社会信用代码以区分"
    return f"台账拒绝了这次写入（{exc}）"
