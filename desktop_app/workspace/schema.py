"""The workspace database's tables, one migration per `PRAGMA user_version` step.

The SQL keeps to what SQLite and PostgreSQL both understand (partial unique indexes, a view over a
GROUP BY, TEXT dates in ISO form, amounts as decimal text); only the append-only triggers and the
INTEGER PRIMARY KEY rowids are SQLite's own (see docs/architecture.md, "一个区、多个服务中心").
"""

from __future__ import annotations

import sqlite3

from desktop_app.errors import UserError

#: The newest schema this program writes. A file of a newer version is refused, never downgraded.
SCHEMA_VERSION = 1

#: Ledger states in their order; the last three end an application.
LEDGER_STATES = ("待申报", "已提交", "已受理", "已兑现", "未通过", "放弃")

#: A cached match: match_summary holds one per enterprise, reference date, catalog and profile; match_part the
#: same for one pack of the catalog (combined into the summary, so that a changed pack rematches only itself).
_MATCH_COLUMNS = """
    enterprise_id INTEGER NOT NULL REFERENCES enterprise (id) ON DELETE CASCADE,
    profile_hash TEXT NOT NULL,
    catalog_hash TEXT NOT NULL,
    as_of TEXT NOT NULL,
    counts_json TEXT NOT NULL,
    total_min TEXT NOT NULL,
    total_max TEXT,
    open_max INTEGER NOT NULL,
    nearest_deadline TEXT,
    measures_json TEXT NOT NULL,
    computed_at TEXT NOT NULL,
    PRIMARY KEY (enterprise_id, as_of, catalog_hash, profile_hash)
"""

_V1 = f"""
CREATE TABLE enterprise (
    id INTEGER PRIMARY KEY,
    name TEXT,
    credit_code TEXT,
    district TEXT,
    profile_json TEXT NOT NULL,
    profile_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (name IS NOT NULL OR credit_code IS NOT NULL)
);
CREATE UNIQUE INDEX enterprise_credit_code ON enterprise (credit_code) WHERE credit_code IS NOT NULL;
CREATE UNIQUE INDEX enterprise_uncoded_name ON enterprise (name) WHERE credit_code IS NULL;
CREATE INDEX enterprise_name ON enterprise (name);
CREATE INDEX enterprise_district ON enterprise (district);

CREATE TABLE match_summary ({_MATCH_COLUMNS});

CREATE TABLE match_part ({_MATCH_COLUMNS});

CREATE TABLE ledger_event (
    id INTEGER PRIMARY KEY,
    enterprise_id INTEGER NOT NULL REFERENCES enterprise (id),
    measure_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ({", ".join(f"'{s}'" for s in LEDGER_STATES)})),
    event_date TEXT NOT NULL,
    amount TEXT,
    note TEXT,
    who TEXT NOT NULL,
    files_json TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX ledger_event_key ON ledger_event (enterprise_id, measure_id, id);

CREATE TRIGGER ledger_event_no_update BEFORE UPDATE ON ledger_event
BEGIN SELECT RAISE(ABORT, '申报台账只能追加新记录，不能修改已有记录'); END;
CREATE TRIGGER ledger_event_no_delete BEFORE DELETE ON ledger_event
BEGIN SELECT RAISE(ABORT, '申报台账只能追加新记录，不能删除已有记录'); END;

CREATE VIEW ledger_current AS
SELECT e.* FROM ledger_event e
JOIN (SELECT enterprise_id, measure_id, MAX(id) AS last_id FROM ledger_event GROUP BY enterprise_id, measure_id) l
  ON e.id = l.last_id;
"""

#: MIGRATIONS[n] brings a version-n database to version n+1.
MIGRATIONS: dict[int, str] = {0: _V1}


class NewerSchemaError(UserError):
    """The file was written by a newer program."""

    def __init__(self, version: int) -> None:
        super().__init__(f"台账文件由更新版本的程序创建（格式版本 {version}），请升级本程序后再打开")
        self.version = version


def migrate(conn: sqlite3.Connection) -> int:
    """Apply every missing step inside one transaction; return the version the file now has."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            raise NewerSchemaError(version)
        while version < SCHEMA_VERSION:
            for statement in _statements(MIGRATIONS[version]):
                conn.execute(statement)
            version += 1
            conn.execute(f"PRAGMA user_version = {version:d}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    return version


def _statements(script: str) -> list[str]:
    """Split a script on the semicolons that end statements (a trigger body holds its own `;`)."""
    out: list[str] = []
    buffer = ""
    for line in script.strip().splitlines():
        buffer += line + "\n"
        if line.rstrip().endswith(";") and sqlite3.complete_statement(buffer):
            out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
