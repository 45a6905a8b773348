"""Import a companies sheet (the same .xlsx/.csv as `batch`) into the workspace, row by row, resumably.

Rows are keyed by credit code, else by name. Rows are written in chunks, each in one transaction: a killed
import leaves whole chunks behind, and running it again adds the rest and leaves the others unchanged.
A sheet's empty cell never erases a stored answer (empty means "not answered here").
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from desktop_app.workspace.models import ImportReport, RejectedRow, WorkspaceError
from desktop_app.workspace.store import Workspace, now_text

CHUNK_ROWS = 500


def import_sheet(
    ws: Workspace,
    *,
    path: Path,
    progress: Callable[[int, int], None] | None = None,
    chunk_rows: int = CHUNK_ROWS,
) -> ImportReport:
    """Add or update every good row; report each row's number under added / updated / unchanged / rejected.

    Raises :class:`WorkspaceError` (nothing written) when the sheet as a whole cannot be used.
    """
    from desktop_app.cli.batch_sheet import parse_rows
    from desktop_app.sheets import SheetError, read_sheet

    try:
        sheet = read_sheet(path)
        rows = list(parse_rows(sheet.rows))
    except SheetError as exc:
        raise WorkspaceError(exc.message) from None
    if not rows:
        raise WorkspaceError(f"企业名单 {path} 中没有企业数据（表头之后全是空行）")
    report = ImportReport(source=path, warnings=list(sheet.warnings))
    touched: dict[int, int] = {}  # enterprise id -> the row that named it first
    for start in range(0, len(rows), chunk_rows):
        stamp = now_text()
        with ws.transaction() as conn:
            for row in rows[start : start + chunk_rows]:
                if row.profile is None:
                    report.rejected.append(RejectedRow(row.number, row.name, row.error or "无法读取"))
                    continue
                try:
                    located = ws._locate(conn, row.profile)
                    if located is not None and int(str(located[0])) in touched:
                        first = touched[int(str(located[0]))]
                        raise WorkspaceError(f"与第 {first} 行是同一家企业（信用代码或名称相同），请合并为一行")
                    enterprise_id, outcome = ws.put_profile(
                        conn, profile=row.profile, merge=True, now=stamp, validated=True
                    )  # parse_rows built it with profile_from_data
                except WorkspaceError as exc:
                    report.rejected.append(RejectedRow(row.number, row.name, exc.message))
                    continue
                except sqlite3.IntegrityError:
                    message = "统一社会信用代码或名称与台账中另一家企业冲突，请核对"
                    report.rejected.append(RejectedRow(row.number, row.name, message))
                    continue
                touched[enterprise_id] = row.number
                report.enterprise_ids.append(enterprise_id)
                getattr(report, outcome).append(row.number)
        if progress is not None:
            progress(min(start + chunk_rows, len(rows)), len(rows))
    report.rejected.sort(key=lambda r: r.number)
    return report
