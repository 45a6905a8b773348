"""`policy-assistant batch`: sheets in (CSV/xlsx, Chinese or field-name headers), folders and 汇总.xlsx out."""

from __future__ import annotations

import csv
import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from desktop_app.batch_summary import CHANNELS, SUMMARY_HEADERS, SUMMARY_NAME
from desktop_app.cli import main
from desktop_app.cli.batch_sheet import SheetError, header_for, map_headers, parse_rows
from desktop_app.domain.answers import MONEY_UNITS
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.fields import profile_field
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile import EnterpriseProfile, field_title
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir

AS_OF = "2023-06-01"
EXAMPLES = sorted(examples_dir().glob("*.json"))


def _cell_text(value: Any, name: str | None = None, *, spell_unit: bool = False) -> str:
    """How a person types an answer into the sheet: 是/否, lists joined with 、, money in the field's display
    unit (万元) as the template's headers ask; ``spell_unit`` writes that unit in the cell (``8万元``), as a
    column whose header names no unit needs."""
    if value is None:
        return ""
    unit = profile_field(name).display_unit if name else None
    if unit and isinstance(value, int) and not isinstance(value, bool):
        return f"{(Decimal(value) / MONEY_UNITS[unit]).normalize():f}" + (unit if spell_unit else "")
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "无"
    if hasattr(value, "value"):  # District
        return str(value.value)
    return str(value)


def _profiles() -> list[EnterpriseProfile]:
    return [load_profile(path) for path in EXAMPLES]


def _columns(profiles: list[EnterpriseProfile]) -> list[str]:
    used = {name for p in profiles for name, v in p.answers().items() if v is not None}
    return [name for name in EnterpriseProfile.model_fields if name in used and name != "schema_version"]


def _write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _summary(out: Path) -> dict[int, dict[str, Any]]:
    """汇总.xlsx read back with openpyxl: row number -> {header: value}."""
    workbook = openpyxl.load_workbook(out / SUMMARY_NAME)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert list(rows[0]) == [title for title, _ in SUMMARY_HEADERS]
    return {int(r[0]): dict(zip(rows[0], r, strict=True)) for r in rows[1:]}


def _expected(profile: EnterpriseProfile, catalog: Catalog) -> dict[str, Any]:
    report = match(profile, catalog, as_of=dt.date.fromisoformat(AS_OF))
    eligible = report.with_status(Status.eligible)
    low, high = report.total()
    return {
        "符合条件（项）": len(eligible),
        "待核实（项）": len(report.with_status(Status.needs_check)),
        "需补充信息（项）": len(report.with_status(Status.needs_info)),
        "金额合计下限（元）": int(low),
        "金额合计上限（元）": "不设上限" if high is None else int(high),
        **{f"符合条件·{c}（项）": sum(1 for r in eligible if r.measure.channel.kind.value == c) for c in CHANNELS},
    }


def _check_company(out: Path, row: dict[str, Any], profile: EnterpriseProfile, catalog: Catalog) -> None:
    assert row["错误"] is None, row["错误"]
    assert row["企业名称"] == profile.name
    for key, value in _expected(profile, catalog).items():
        assert row[key] == value, key
    folder = out / row["文件夹"]
    docx = sorted(p.name for p in folder.glob("*.docx"))
    assert any("体检报告" in name for name in docx), docx
    assert row["生成文书（份）"] >= len(docx) and row["生成文书（份）"] > 0


@pytest.mark.skipif(not EXAMPLES, reason="no example profiles shipped")
def test_csv_with_chinese_headers_produces_good_rows_and_skips_a_bad_one(
    tmp_path: Path, catalog: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    """Chinese titles as headers, 是/否 and 、-lists: every good company gets a folder and a summary row with
    the engine's own counts and totals; a bad row is reported with its row number and field, and skipped."""
    profiles = _profiles()
    names = _columns(profiles)
    header = [header_for(n) if i % 2 else field_title(n) for i, n in enumerate(names)]  # with and without unit
    rows = [[_cell_text(getattr(p, n), n, spell_unit=not i % 2) for i, n in enumerate(names)] for p in profiles]
    bad = list(rows[0])
    bad[names.index("name")] = "坏行测试有限公司"
    bad[names.index("district")] = "浦东新区"
    rows.insert(1, bad)  # sheet row 3
    sheet = _write_csv(tmp_path / "名单.csv", header, rows)
    out = tmp_path / "输出"

    code = main(["batch", str(sheet), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"])

    err = capsys.readouterr().err
    assert code == 1
    assert "第 3 行" in err and "district" in err and "所在区" in err
    summary = _summary(out)
    assert sorted(summary) == [2, 3, *range(4, len(profiles) + 3)]
    assert summary[3]["企业名称"] == "坏行测试有限公司" and "所在区" in summary[3]["错误"]
    assert summary[3]["文件夹"] is None and not (out / "坏行测试有限公司").exists()
    good_numbers = [2, *range(4, len(profiles) + 3)]
    for number, profile in zip(good_numbers, profiles, strict=True):
        _check_company(out, summary[number], profile, catalog)
    # the 嘉定 example's 2022 高企 re-certification is 待核实 (七、2): 汇总.xlsx counts it apart from 符合条件
    assert any(summary[n]["待核实（项）"] for n in good_numbers)


@pytest.mark.skipif(not EXAMPLES, reason="no example profiles shipped")
def test_xlsx_with_field_names_and_native_cells_over_two_processes(tmp_path: Path, catalog: Catalog) -> None:
    """An .xlsx sheet with field names as headers and Excel's own types (booleans, numbers, dates) gives the
    same results as the profiles themselves, when the rows are spread over two worker processes."""
    profiles = _profiles()
    names = _columns(profiles)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(names)
    for p in profiles:
        cells: list[Any] = []
        for n in names:
            value = getattr(p, n)
            if isinstance(value, list):
                value = ",".join(value) or "无"
            elif hasattr(value, "value"):
                value = value.label  # 金山区 rather than jinshan
            cells.append(value)
        sheet.append(cells)
    path = tmp_path / "companies.xlsx"
    workbook.save(path)
    out = tmp_path / "out"

    code = main(["batch", str(path), "--out", str(out), "--as-of", AS_OF, "--jobs", "2"])

    assert code == 0
    summary = _summary(out)
    assert sorted(summary) == list(range(2, len(profiles) + 2))
    for number, profile in zip(range(2, len(profiles) + 2), profiles, strict=True):
        _check_company(out, summary[number], profile, catalog)


def test_cells_empty_is_unanswered_and_yes_no_and_lists_are_read() -> None:
    """An empty cell stays unanswered (None, never 0 or 否); 是/否/true/false/1/0, 、/, lists and 无 are read."""
    table = [
        ["企业名称", "所在区", "增值税小规模纳税人", "包车返岗实际费用（元）", "green_national", "成立日期"],
        ["甲", "金山区", "是", "", "绿色工厂、product", "2015-03-18"],
        ["乙", "jinshan", "0", "12,000", "factory, park", ""],
        ["丙", "金山", "TRUE", "0", "", "2020/1/2"],
        ["丁", "金山区", "false", "", "无", ""],
    ]
    rows = list(parse_rows(table))
    assert [r.error for r in rows] == [None, None, None, None]
    first, second, third, fourth = (r.profile for r in rows)
    assert first is not None and second is not None and third is not None and fourth is not None
    assert first.small_scale_taxpayer is True and first.return_bus_cost is None
    assert first.green_national == ["factory", "product"]
    assert first.established_on == dt.date(2015, 3, 18)
    assert second.small_scale_taxpayer is False and second.return_bus_cost == 12000
    assert second.green_national == ["factory", "park"] and second.established_on is None
    assert third.small_scale_taxpayer is True and third.return_bus_cost == 0
    assert third.green_national is None and third.established_on == dt.date(2020, 1, 2)
    assert fourth.small_scale_taxpayer is False and fourth.green_national == []  # 无: answered, none of them


@pytest.mark.parametrize(
    ("cell", "field", "reason"),
    [
        ("也许", "增值税小规模纳税人", "“是”或“否”"),
        ("12千", "包车返岗实际费用（元）", "数字"),
        ("1e9", "包车返岗实际费用（元）", "1e9"),
        ("2023-02-30", "成立日期", "日期"),
        ("浦东", "所在区", "可选：青浦区、嘉定区、宝山区、金山区"),
    ],
)
def test_bad_cell_names_its_row_and_field(cell: str, field: str, reason: str) -> None:
    """A cell that cannot be read makes its row an error naming the row number, the field and why."""
    table = [["企业名称", field], ["好", ""], ["坏", cell]]
    rows = list(parse_rows(table))
    assert rows[0].error is None
    assert rows[1].number == 3 and rows[1].profile is None
    assert rows[1].error is not None and reason in rows[1].error and field.split("（")[0] in rows[1].error


def test_unknown_columns_are_named_and_nothing_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown columns make the sheet unusable: exit 2, the columns named in Chinese, no output folder."""
    sheet = _write_csv(
        tmp_path / "c.csv", ["企业名称", "注册资本", "所在区", "纳税信用等级"], [["甲", "100", "金山区", "A"]]
    )
    out = tmp_path / "out"
    code = main(["batch", str(sheet), "--out", str(out), "--as-of", AS_OF])
    err = capsys.readouterr().err
    assert code == 2
    assert "“注册资本”" in err and "“纳税信用等级”" in err and "--template-csv" in err
    assert not out.exists()


@pytest.mark.parametrize("name", ["missing.csv", "old.xls", "broken.xlsx", "notes.txt"])
def test_unusable_input_exits_2_and_writes_nothing(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file, an old .xls, a corrupt .xlsx or another format: exit 2, one Chinese line, no output."""
    path = tmp_path / name
    if name != "missing.csv":
        path.write_bytes(b"not a spreadsheet")
    out = tmp_path / "out"
    assert main(["batch", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and len(err.splitlines()) == 1
    assert not out.exists()


def test_repeated_column_is_unusable() -> None:
    """The same field twice (by name and by title) is refused rather than silently picking one."""
    with pytest.raises(SheetError, match="重复"):
        map_headers(["name", "企业名称"])


def test_template_csv_has_a_header_for_every_field_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`batch --template-csv` writes one header per profile field, which batch reads back; a second run
    leaves the first file alone and writes 企业名单模板(2).csv."""
    monkeypatch.chdir(tmp_path)
    assert main(["batch", "--template-csv"]) == 0
    first = tmp_path / "企业名单模板.csv"
    first.write_text(first.read_text(encoding="utf-8-sig") + "甲公司\n", encoding="utf-8-sig")
    assert main(["batch", "--template-csv"]) == 0
    assert "甲公司" in first.read_text(encoding="utf-8-sig")
    second = tmp_path / "企业名单模板(2).csv"
    assert second.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    header = next(csv.reader(second.read_text(encoding="utf-8-sig").splitlines()))
    fields = [n for n in EnterpriseProfile.model_fields if n != "schema_version"]
    assert map_headers(header) == fields
    assert "包车返岗实际费用（万元）" in header  # asked in 万元, as the wizard asks it
    assert "该笔贷款3个月的实际利息（元）" in header  # asked in 元


def test_plain_progress_lines_when_not_on_a_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a TTY, progress comes as plain lines ending at 100%, not as a redrawn bar."""
    rows = [[f"企业{i}", "金山区", "否"] for i in range(3)]
    sheet = _write_csv(tmp_path / "c.csv", ["企业名称", "所在区", "增值税小规模纳税人"], rows)
    main(["batch", str(sheet), "--out", str(tmp_path / "out"), "--as-of", AS_OF, "--jobs", "1"])
    err = capsys.readouterr().err
    assert "\r" not in err
    assert "进度 3/3（100%）" in err


def test_same_name_twice_gets_two_folders(tmp_path: Path) -> None:
    """Two rows with the same company name are both produced, in 甲公司 and 甲公司(2)."""
    sheet = _write_csv(tmp_path / "c.csv", ["企业名称", "所在区"], [["甲公司", "金山区"], ["甲公司", "宝山区"]])
    out = tmp_path / "out"
    assert main(["batch", str(sheet), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"]) == 0
    summary = _summary(out)
    assert [summary[2]["文件夹"], summary[3]["文件夹"]] == ["甲公司", "甲公司(2)"]
    assert (out / "甲公司").is_dir() and (out / "甲公司(2)").is_dir()


def test_examples_are_valid_json() -> None:
    """The shipped examples this test relies on are profiles (guards the fixtures themselves)."""
    for path in EXAMPLES:
        assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


def test_engine_with_spawned_workers_matches_the_cli(tmp_path: Path) -> None:
    """run_batch over two spawned workers (what a GUI with threads uses) produces every company, in row order,
    with progress reported once per company."""
    from desktop_app.batch import Settings, plan_tasks, run_batch
    from desktop_app.sheets import read_sheet

    rows_in = [[f"企业{i}", "金山区", "否"] for i in range(3)]
    sheet = _write_csv(tmp_path / "c.csv", ["企业名称", "所在区", "增值税小规模纳税人"], rows_in)
    tasks = plan_tasks(list(parse_rows(read_sheet(sheet).rows)), tmp_path / "out")
    seen: list[int] = []
    settings = Settings(dt.date.fromisoformat(AS_OF), (), None, False)
    outcomes = run_batch(
        tasks, settings, jobs=2, progress=lambda done, total, label: seen.append(done), start_method="spawn"
    )
    assert [o.number for o in outcomes] == [2, 3, 4] and all(o.error is None for o in outcomes)
    assert seen == [1, 2, 3] and all(o.documents > 0 for o in outcomes)
