"""The batch's 汇总.xlsx: one row per company with its counts, totals, channels, documents and error."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.domain.status import CHANNEL_HEADINGS

if TYPE_CHECKING:
    from desktop_app.batch import Outcome

SUMMARY_NAME = "汇总.xlsx"
#: The channels in the order every view shows them (domain/status.py).
CHANNELS = tuple(kind.value for kind, _ in CHANNEL_HEADINGS)
SUMMARY_HEADERS = (
    ("行号", 6),
    ("企业名称", 28),
    ("统一社会信用代码", 21),
    ("所在区", 8),
    ("符合条件（项）", 10),
    ("待核实（项）", 10),
    ("需补充信息（项）", 10),
    ("金额合计下限（元）", 14),
    ("金额合计上限（元）", 14),
    *((f"符合条件·{c}（项）", 12) for c in CHANNELS),
    ("生成文书（份）", 10),
    ("文件夹", 28),
    ("错误", 60),
)
#: What the 金额合计上限 column says when a measure's amount has no upper bound.
OPEN_MAX = "不设上限"


def _amount(value: Decimal | None) -> int | float | None:
    from desktop_app.domain.serialize import number

    return number(value)


def summary_rows(outcomes: Sequence[Outcome]) -> list[list[object]]:
    """The summary table as values: the header row, then one row per outcome in the given order."""
    rows: list[list[object]] = [[title for title, _ in SUMMARY_HEADERS]]
    for o in outcomes:
        produced = o.folder is not None and o.total_min is not None
        rows.append(
            [
                o.number,
                o.name,
                o.credit_code,
                o.district,
                o.eligible if produced else None,
                o.needs_check if produced else None,
                o.needs_info if produced else None,
                _amount(o.total_min) if produced else None,
                (OPEN_MAX if o.open_max else _amount(o.total_max)) if produced else None,
                *((o.channels.get(c, 0) if produced else None) for c in CHANNELS),
                o.documents if produced else None,
                o.folder,
                o.error,
            ]
        )
    return rows


def write_summary(out: Path, outcomes: Sequence[Outcome]) -> Path:
    """Write 汇总.xlsx into folder ``out`` (one row per outcome, in the given order) and return its path.

    Written atomically through :func:`desktop_app.staging.publish`: the 汇总.xlsx of a previous run, unchanged
    since, is replaced; one edited since (or not ours) is kept and the new one named 汇总(2).xlsx. Raises
    :class:`~desktop_app.fileio.WriteError` with a Chinese message.
    """
    import io

    import openpyxl
    from openpyxl.styles import Alignment, Font

    from desktop_app.sheets import append_safe_row
    from desktop_app.staging import publish

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "汇总"
    rows = summary_rows(outcomes)
    for row in rows:
        append_safe_row(sheet, row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, (_, width) in enumerate(SUMMARY_HEADERS, start=1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width = width
    sheet.freeze_panes = "C2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return publish(Path(out), [(SUMMARY_NAME, buffer.getvalue())])[0]
