"""Spreadsheets in and out, for files from anywhere: bounded reading of CSV/xlsx, and cells that never execute.

Reading (:func:`read_sheet`) trusts nothing the file declares: the xlsx ``<dimension>`` is ignored and
the real rows are counted; rows, columns, the file size and the zip's uncompressed size are capped
before anything big is read; a merged cell in the data rows is filled into every row it covers, with a
warning. Writing (:func:`safe_row` / :func:`append_safe_row`) is THE way text reaches any xlsx this
program writes: always a string cell (never a formula), shown as text by Excel and WPS even when it
starts with ``= + - @``, with characters XML cannot hold replaced. No Qt; domain-neutral.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.errors import UserError

SHEET_SUFFIXES = (".csv", ".xlsx", ".xlsm")
MAX_ROWS = 20_000
MAX_COLUMNS = 300
#: the sheet file itself, and (for xlsx) the sum of its zip members' uncompressed sizes
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_MEMBERS = 2_000
MAX_MERGES = 500
#: a text cell starting with one of these is a formula to Excel/WPS when typed or edited
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
REPLACEMENT = "\ufffd"

MESSAGES = {
    "no_file": "找不到企业名单文件：{path}",
    "not_regular": "企业名单 {path} 不是普通文件（可能是设备或管道），请给出一个 .csv 或 .xlsx 文件",
    "bad_suffix": "企业名单 {path} 的格式无法识别：只支持 .csv 和 .xlsx 文件",
    "old_excel": "企业名单 {path} 是旧版 Excel（.xls）文件：请在 Excel 或 WPS 中另存为 .xlsx 或 .csv 后重试",
    "unreadable": "无法读取企业名单 {path}：{reason}。请确认文件完整，或另存为 .xlsx 或 .csv 后重试",
    "too_big": "企业名单 {path} 太大（{size} MB，最多 {limit} MB）。请把名单拆成几个文件分批处理",
    "too_big_inside": (
        "企业名单 {path} 解压后太大（{size} MB，最多 {limit} MB）或文件结构异常。"
        "请在 Excel 或 WPS 中另存为新的 .xlsx，或拆成几个文件分批处理"
    ),
    "too_many_rows": "企业名单 {path} 的行数超过 {limit} 行（第 {row} 行）。请把名单拆成几个文件分批处理",
    "too_many_columns": (
        "企业名单 {path} 第 {row} 行在第 {column} 列有内容，超过了最多 {limit} 列。请删除多余的列后重试"
    ),
    "too_many_merges": "企业名单 {path} 的数据行中有超过 {limit} 处合并单元格。请取消合并、逐行填写后重试",
    "merged": (
        "企业名单 {path} 的 {ref} 是合并单元格：已把其中的值“{value}”填入第 {first}–{last} 行的每一行。"
        "如果不是这个意思，请取消合并后逐行填写"
    ),
}

_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class SheetError(UserError):
    """The sheet as a whole cannot be used (missing, unreadable, too big, unknown columns): nothing is written."""


@dataclass(frozen=True, slots=True)
class Sheet:
    """A sheet's rows (row 1 is the header) and the warnings met while reading it, in Chinese."""

    rows: list[list[Any]]
    warnings: list[str]


# --- writing ---------------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """``text`` with every character that XML 1.0 (and so xlsx/docx) cannot hold replaced by U+FFFD."""
    return _ILLEGAL_XML.sub(REPLACEMENT, text)


def safe_row(sheet: Any, values: Sequence[Any]) -> list[Any]:
    """Values ready for ``sheet.append``: each text becomes a string cell that can never be a formula.

    Numbers, dates and None pass through. A text is cleaned of characters XML cannot hold, stored as a
    string (``data_type='s'``), and one starting with ``= + - @ TAB CR`` also gets Excel's quote prefix so
    that Excel and WPS show it as text even after the cell is edited. Works for normal and write-only sheets.
    """
    from openpyxl.cell.cell import Cell

    out: list[Any] = []
    for value in values:
        if not isinstance(value, str):
            out.append(value)
            continue
        text = clean_text(value)
        cell = Cell(sheet, row=1, column=1)
        cell._value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
        out.append(cell)
    return out


def append_safe_row(sheet: Any, values: Sequence[Any]) -> None:
    """``sheet.append(values)`` through :func:`safe_row`."""
    sheet.append(safe_row(sheet, values))


# --- reading ---------------------------------------------------------------------------------------------


def read_sheet(path: Path) -> Sheet:
    """All rows of a CSV file or of an Excel workbook's first sheet, bounded. Raises :class:`SheetError`."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xls":
        raise SheetError(MESSAGES["old_excel"].format(path=path))
    if suffix not in SHEET_SUFFIXES:
        raise SheetError(MESSAGES["bad_suffix"].format(path=path))
    data = _read_bounded(path)
    if suffix == ".csv":
        return Sheet(_read_csv(data, path), [])
    return _read_xlsx(data, path)


def _read_bounded(path: Path) -> bytes:
    """The file's bytes, at most :data:`MAX_FILE_BYTES`; a device, pipe or folder is refused before reading."""
    try:
        with path.open("rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise SheetError(MESSAGES["not_regular"].format(path=path))
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise SheetError(MESSAGES["no_file"].format(path=path)) from None
    except IsADirectoryError:
        raise SheetError(MESSAGES["not_regular"].format(path=path)) from None
    except OSError as exc:
        raise SheetError(MESSAGES["unreadable"].format(path=path, reason=exc.strerror or exc)) from None
    if len(data) > MAX_FILE_BYTES:
        raise SheetError(
            MESSAGES["too_big"].format(path=path, size=f"{info.st_size / 2**20:.0f}", limit=MAX_FILE_BYTES // 2**20)
        )
    return data


def _check_width(row: Sequence[Any], number: int, path: Path) -> None:
    if len(row) > MAX_COLUMNS:
        beyond = [i for i, v in enumerate(row[MAX_COLUMNS:], start=MAX_COLUMNS + 1) if v not in (None, "")]
        if beyond:
            raise SheetError(
                MESSAGES["too_many_columns"].format(path=path, row=number, column=beyond[0], limit=MAX_COLUMNS)
            )


def _read_csv(data: bytes, path: Path) -> list[list[Any]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GBK
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes every byte string
        raise SheetError(MESSAGES["unreadable"].format(path=path, reason="编码无法识别"))
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    rows: list[list[Any]] = []
    try:
        for number, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            if number > MAX_ROWS + 1:
                raise SheetError(MESSAGES["too_many_rows"].format(path=path, limit=MAX_ROWS, row=number))
            _check_width(row, number, path)
            rows.append(list(row[:MAX_COLUMNS]))
    except csv.Error as exc:
        raise SheetError(MESSAGES["unreadable"].format(path=path, reason=exc)) from None
    return rows


def _check_zip(data: bytes, path: Path) -> None:
    """Refuse an xlsx whose members are too many or too big, from the zip directory alone (nothing inflated)."""
    import zipfile

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise SheetError(MESSAGES["unreadable"].format(path=path, reason=f"不是有效的 Excel 文件（{exc}）")) from None
    total = sum(info.file_size for info in infos)
    if len(infos) > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES:
        raise SheetError(
            MESSAGES["too_big_inside"].format(
                path=path, size=f"{total / 2**20:.0f}", limit=MAX_UNCOMPRESSED_BYTES // 2**20
            )
        )


def _read_xlsx(data: bytes, path: Path) -> Sheet:
    import zipfile

    import openpyxl
    from openpyxl.worksheet._reader import WorkSheetParser

    _check_zip(data, path)
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError) as exc:
        raise SheetError(
            MESSAGES["unreadable"].format(path=path, reason=f"不是有效的 Excel 文件（{type(exc).__name__}）")
        ) from None
    rows: list[list[Any]] = []
    try:
        sheet = workbook.worksheets[0]
        # The declared <dimension> is ignored: rows are what the sheet XML holds, each as wide as its cells.
        # openpyxl's own row parser, as ReadOnlyWorksheet uses it (3.1), but without its padding to the
        # dimension and its filling of missing rows, which a hostile file turns into gigabytes.
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            for number, cells in parser.parse():
                if not any(c["value"] not in (None, "") for c in cells):
                    continue
                if number > MAX_ROWS + 1:
                    raise SheetError(MESSAGES["too_many_rows"].format(path=path, limit=MAX_ROWS, row=number))
                width = max(c["column"] for c in cells)
                row: list[Any] = [None] * min(width, MAX_COLUMNS + 1)
                for cell in cells:
                    column = cell["column"]
                    if column > MAX_COLUMNS:
                        if cell["value"] not in (None, ""):
                            raise SheetError(
                                MESSAGES["too_many_columns"].format(
                                    path=path, row=number, column=column, limit=MAX_COLUMNS
                                )
                            )
                        continue
                    row[column - 1] = cell["value"]
                while len(rows) < number - 1:
                    rows.append([])
                rows.append(row[:MAX_COLUMNS])
            merged = [str(r.coord) for r in parser.merged_cells.mergeCell] if parser.merged_cells else []
    except SheetError:
        raise
    except Exception as exc:  # a damaged sheet XML raises many kinds
        raise SheetError(
            MESSAGES["unreadable"].format(path=path, reason=f"工作表内容无法解析（{type(exc).__name__}）")
        ) from None
    finally:
        workbook.close()
    return Sheet(rows, _fill_merged(rows, merged, path))


def _fill_merged(rows: list[list[Any]], refs: Sequence[str], path: Path) -> list[str]:
    """Copy a merged range's value into every data row it covers (what the user sees); one warning per range."""
    from openpyxl.utils.cell import range_boundaries

    warnings: list[str] = []
    for ref in refs:
        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            continue
        if max_row is None or max_col is None or min_row is None or min_col is None:
            continue
        if min_row < 2 or max_row == min_row or min_col > MAX_COLUMNS:
            continue  # a header merge, or a merge within one row: no data cell becomes unanswered
        if len(warnings) >= MAX_MERGES:
            raise SheetError(MESSAGES["too_many_merges"].format(path=path, limit=MAX_MERGES))
        top = rows[min_row - 1] if min_row - 1 < len(rows) else []
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for number in range(min_row, min(max_row, len(rows)) + 1):
            row = rows[number - 1]
            for column in range(min_col, min(max_col, MAX_COLUMNS) + 1):
                while len(row) < column:
                    row.append(None)
                if row[column - 1] in (None, ""):
                    row[column - 1] = value
        warnings.append(MESSAGES["merged"].format(path=path.name, ref=ref, value=value, first=min_row, last=max_row))
    return warnings
