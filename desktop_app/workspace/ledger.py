"""The application ledger: an append-only history per enterprise and measure; the current state is its last event.

The database refuses UPDATE and DELETE on `ledger_event` (triggers); a correction is a new event that says
why in its note. The way forward is 待申报 → 已提交 → 已受理 → 已兑现 / 未通过 / 放弃.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from desktop_app.workspace.models import LedgerEvent, LedgerState, WorkspaceError
from desktop_app.workspace.store import Workspace, now_text

_EVENT_COLUMNS = "id, enterprise_id, measure_id, state, event_date, amount, note, who, files_json, recorded_at"
MAX_NOTE = 2_000


def current_user() -> str:
    """Who records an event: the operating-system account (the ledger is per workstation)."""
    try:
        return getpass.getuser() or "未知用户"
    except Exception:  # no login name (a service account): still record the event
        return "未知用户"


def parse_amount(text: str | None) -> Decimal | None:
    """--amount: yuan received, a non-negative number with at most two decimals."""
    if text is None or not str(text).strip():
        return None
    cleaned = str(text).strip().replace(",", "").replace("，", "").removesuffix("元")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise WorkspaceError(f"金额“{text}”不是数字：请以元为单位填写，例如 20000") from None
    if not value.is_finite() or value < 0 or value > Decimal(10) ** 13:
        raise WorkspaceError(f"金额“{text}”超出范围：应为 0 到 10000000000000 元之间的数")
    if value != value.quantize(Decimal("0.01")):
        raise WorkspaceError(f"金额“{text}”最多保留两位小数（分）")
    return value


def _event(row: Sequence[object]) -> LedgerEvent:
    amount = None if row[5] is None else Decimal(str(row[5]))
    return LedgerEvent(
        id=int(str(row[0])),
        enterprise_id=int(str(row[1])),
        measure_id=str(row[2]),
        state=LedgerState(str(row[3])),
        date=dt.date.fromisoformat(str(row[4])),
        amount=amount,
        note=None if row[6] is None else str(row[6]),
        who=str(row[7]),
        files=tuple(json.loads(str(row[8]))) if row[8] else (),
        recorded_at=str(row[9]),
    )


def check_step(previous: LedgerState | None, state: LedgerState, *, note: str | None) -> None:
    """Refuse a step that goes back or past an ending, unless a note explains the correction."""
    if previous is None or note:
        return
    if previous.final:
        raise WorkspaceError(
            f"这项申报已是“{previous.value}”：如需更正为“{state.value}”，请用 --note 写明更正原因（原记录会保留）"
        )
    if state.rank < previous.rank:
        raise WorkspaceError(
            f"这项申报已到“{previous.value}”，不能退回“{state.value}”：如确需更正，请用 --note 写明原因"
        )


def record(
    ws: Workspace,
    *,
    enterprise_id: int,
    measure_id: str,
    state: LedgerState,
    date: dt.date | None = None,
    amount: Decimal | None = None,
    note: str | None = None,
    who: str | None = None,
    files: Sequence[str] = (),
) -> LedgerEvent:
    """Append one event in its own transaction and return it. Raises :class:`WorkspaceError`."""
    day = date or dt.date.today()
    if day > dt.date.today():
        raise WorkspaceError(f"日期 {day.isoformat()} 晚于今天：台账只记已经发生的事，请填写实际日期")
    if amount is not None and state is not LedgerState.paid:
        raise WorkspaceError("金额（实际到账金额）只能与状态“已兑现”一起填写")
    note = (note or "").strip() or None
    if note is not None and len(note) > MAX_NOTE:
        raise WorkspaceError(f"备注过长（{len(note)} 字），最多 {MAX_NOTE} 字")
    with ws.transaction() as conn:
        if conn.execute("SELECT 1 FROM enterprise WHERE id = ?", (enterprise_id,)).fetchone() is None:
            raise WorkspaceError(f"台账中没有第 {enterprise_id} 家企业")
        last = conn.execute(
            "SELECT state FROM ledger_event WHERE enterprise_id = ? AND measure_id = ? ORDER BY id DESC LIMIT 1",
            (enterprise_id, measure_id),
        ).fetchone()
        check_step(None if last is None else LedgerState(last[0]), state, note=note)
        cursor = conn.execute(
            f"INSERT INTO ledger_event ({_EVENT_COLUMNS.removeprefix('id, ')}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                enterprise_id,
                measure_id,
                state.value,
                day.isoformat(),
                None if amount is None else str(amount),
                note,
                who or current_user(),
                json.dumps(list(files), ensure_ascii=False) if files else None,
                now_text(),
            ),
        )
        row = conn.execute(f"SELECT {_EVENT_COLUMNS} FROM ledger_event WHERE id = ?", (cursor.lastrowid,)).fetchone()
    return _event(row)


def history(ws: Workspace, *, enterprise_id: int, measure_id: str | None = None) -> list[LedgerEvent]:
    """Every event of an enterprise (or of one of its measures), oldest first."""
    sql = f"SELECT {_EVENT_COLUMNS} FROM ledger_event WHERE enterprise_id = ?"
    params: list[object] = [enterprise_id]
    if measure_id is not None:
        sql += " AND measure_id = ?"
        params.append(measure_id)
    return [_event(r) for r in ws.conn.execute(sql + " ORDER BY id", params)]


def all_events(ws: Workspace) -> list[LedgerEvent]:
    return [_event(r) for r in ws.conn.execute(f"SELECT {_EVENT_COLUMNS} FROM ledger_event ORDER BY id")]


def current(ws: Workspace, *, enterprise_id: int) -> dict[str, LedgerEvent]:
    """Measure id -> the last event: the application's state, derived from the history."""
    rows = ws.conn.execute(
        f"SELECT {_EVENT_COLUMNS} FROM ledger_current WHERE enterprise_id = ? ORDER BY measure_id", (enterprise_id,)
    )
    return {str(r[2]): _event(r) for r in rows}


def current_states(ws: Workspace) -> dict[tuple[int, str], LedgerState]:
    """(enterprise, measure) -> current state, for the whole workspace."""
    rows = ws.conn.execute("SELECT enterprise_id, measure_id, state FROM ledger_current")
    return {(int(r[0]), str(r[1])): LedgerState(r[2]) for r in rows}


def progress(ws: Workspace) -> dict[int, dict[str, int]]:
    """Enterprise -> {state: measures in it}, in the ledger's order."""
    out: dict[int, dict[str, int]] = {}
    rows = ws.conn.execute("SELECT enterprise_id, state, COUNT(*) FROM ledger_current GROUP BY enterprise_id, state")
    for enterprise_id, state, count in rows:
        out.setdefault(int(enterprise_id), {})[str(state)] = int(count)
    order = [s.value for s in LedgerState]
    return {k: dict(sorted(v.items(), key=lambda kv: order.index(kv[0]))) for k, v in out.items()}


def format_progress(counts: dict[str, int]) -> str:
    """ "已提交 2 · 已兑现 1", or "—" when nothing is recorded."""
    return " · ".join(f"{state} {n}" for state, n in counts.items()) or "—"
