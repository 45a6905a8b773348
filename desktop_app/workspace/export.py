"""`workspace export`: the registry, the ledger and totals by district and channel as one .xlsx workbook.

Every text cell goes through `sheets.append_safe_row` (never a formula), whatever it starts with: a name typed as
``=HYPERLINK(...)`` stays a name in Excel.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.workspace import ledger
from desktop_app.workspace.models import EnterpriseRow, LedgerState
from desktop_app.workspace.store import Workspace
from desktop_app.workspace.summary import rows

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog

CHANNELS = ("免申即享", "一网通办", "直接申请")


def _status_columns() -> list[tuple[str, str]]:
    from desktop_app.domain.matching import Status
    from desktop_app.workspace.summary import open_statuses

    wanted = open_statuses()
    return [(s.value, s.label) for s in Status if s.value in wanted]


def _number(value: Decimal | None) -> int | float | None:
    from desktop_app.domain.serialize import number

    return number(value)


def _write_sheet(sheet: Any, header: Sequence[str], body: Sequence[Sequence[Any]], widths: Sequence[int]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from desktop_app.sheets import append_safe_row

    for values in [list(header), *body]:
        append_safe_row(sheet, [v.isoformat() if isinstance(v, dt.date) else v for v in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "B2"


def _registry(table: list[EnterpriseRow]) -> tuple[list[str], list[list[Any]]]:
    columns = _status_columns()
    header = ["编号", "企业名称", "统一社会信用代码", "所在区", *(f"{label}（项）" for _, label in columns)]
    header += ["符合条件金额下限（元）", "符合条件金额上限（元）", "最近截止日期", "申报进度"]
    body = []
    for row in table:
        s = row.summary
        upper: Any = None
        if s is not None:
            upper = "不设上限" if s.open_max else _number(s.total_max)
        body.append(
            [
                row.id,
                row.name,
                row.credit_code,
                _district_label(row.district),
                *((s.counts.get(value, 0) if s else None) for value, _ in columns),
                _number(s.total_min) if s else None,
                upper,
                s.nearest_deadline if s and s.nearest_deadline else None,
                ledger.format_progress(row.ledger),
            ]
        )
    return header, body


def _district_label(value: str | None) -> str | None:
    from desktop_app.domain.profile import DISTRICT_LABELS

    return DISTRICT_LABELS.get(value, value) if value else None


def write_export(ws: Workspace, *, path: Path, as_of: dt.date, catalog_hash: str, catalog: Catalog) -> Path:
    """Write the workbook atomically; an existing file of that name is kept and a (2) name is used."""
    import openpyxl

    from desktop_app.fileio import atomic_write_bytes, unique_path

    table = rows(ws, as_of=as_of, catalog_hash=catalog_hash, with_measures=True)
    names = {r.id: r.name or r.credit_code or f"#{r.id}" for r in table}
    districts = {r.id: r.district for r in table}
    measures = catalog.by_id()
    workbook = openpyxl.Workbook()
    first = workbook.active
    assert first is not None
    first.title = "企业台账"
    header, body = _registry(table)
    _write_sheet(first, header, body, [6, 30, 21, 8, *([10] * (len(header) - 8)), 14, 14, 12, 30])

    events = ledger.all_events(ws)
    event_rows = []
    for e in events:
        compiled = measures.get(e.measure_id)
        event_rows.append(
            [
                e.id,
                e.enterprise_id,
                names.get(e.enterprise_id),
                e.measure_id,
                compiled.measure.title if compiled else None,
                e.state.value,
                e.date,
                _number(e.amount),
                e.note,
                e.who,
                "；".join(e.files) or None,
                e.recorded_at,
            ]
        )
    events_header = ["记录号", "企业编号", "企业名称", "措施编号", "措施名称", "状态", "日期", "到账金额（元）"]
    events_header += ["备注", "记录人", "文件", "记录时间"]
    _write_sheet(
        workbook.create_sheet("申报记录"), events_header, event_rows, [8, 8, 30, 18, 36, 8, 12, 14, 30, 10, 40, 22]
    )

    paid: dict[tuple[str, str], Decimal] = {}
    for e in events:
        if e.state is LedgerState.paid and e.amount is not None:
            compiled = measures.get(e.measure_id)
            channel = compiled.measure.channel.kind.value if compiled else "（措施已不在政策目录中）"
            district = _district_label(districts.get(e.enterprise_id)) or "（未填写所在区）"
            for key in ((district, "*"), ("*", channel)):
                paid[key] = paid.get(key, Decimal(0)) + e.amount
    totals: list[list[Any]] = []
    by_district: dict[str, list[Any]] = {}
    by_channel: dict[str, list[Any]] = {c: [0, Decimal(0)] for c in CHANNELS}
    for r in table:
        district = _district_label(r.district) or "（未填写所在区）"
        entry = by_district.setdefault(district, [0, 0, Decimal(0)])
        entry[0] += 1
        if r.summary is None:
            continue
        entry[1] += r.summary.counts.get("eligible", 0)
        entry[2] += r.summary.total_min
        for m in r.summary.measures:
            if m.status == "eligible":
                slot = by_channel.setdefault(m.channel, [0, Decimal(0)])
                slot[0] += 1
                slot[1] += m.amount_min or Decimal(0)
    for district, (count, eligible, low) in sorted(by_district.items()):
        totals.append(["所在区", district, count, eligible, _number(low), _number(paid.get((district, "*")))])
    for channel, (eligible, low) in by_channel.items():
        totals.append(["办理渠道", channel, None, eligible, _number(low), _number(paid.get(("*", channel)))])
    totals_header = [
        "分组",
        "名称",
        "企业（家）",
        "符合条件（项）",
        "符合条件金额下限合计（元）",
        "已兑现到账金额（元）",
    ]
    _write_sheet(workbook.create_sheet("汇总"), totals_header, totals, [10, 20, 10, 14, 24, 20])

    buffer = io.BytesIO()
    workbook.save(buffer)
    return atomic_write_bytes(unique_path(path), buffer.getvalue())
