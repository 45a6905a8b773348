"""`policy-assistant workspace …`: the clerk's commands, their output, and bad input (exit 2, nothing written)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import openpyxl
import pytest

from desktop_app.cli import main
from desktop_app.domain.catalog import load_catalog
from desktop_app.domain.matching import match
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir
from tests.workspace.sheets import company, write_sheet

AS_OF = "2023-06-01"


def ws(db: Path, *args: str) -> int:
    return main(["workspace", "--db", str(db), *args])


def _list(db: Path, capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    capsys.readouterr()
    assert ws(db, "list", "--json", "--as-of", AS_OF, "--jobs", "1", *args) == 0
    return json.loads(capsys.readouterr().out)["enterprises"]


def test_import_reports_rows_and_a_rerun_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The summary line counts added / updated / unchanged / rejected; the rejected row is named by number."""
    db = tmp_path / "w.sqlite"
    sheet = write_sheet(tmp_path / "名单.csv", [company(i) for i in range(3)], extra_rows=[["", "", "金山区"]])
    assert ws(db, "import", str(sheet), "--as-of", AS_OF, "--jobs", "1") == 1
    captured = capsys.readouterr()
    assert "新增 3 家，更新 0 家，未变化 0 家，有误 1 行" in captured.out
    assert "第 5 行" in captured.err and "都未填写" in captured.err
    assert ws(db, "import", str(sheet), "--as-of", AS_OF, "--jobs", "1") == 1
    assert "新增 0 家，更新 0 家，未变化 3 家，有误 1 行" in capsys.readouterr().out


def test_list_json_counts_amounts_deadlines_and_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`list --json` prints {"enterprises": [...]} with counts by status, totals, nearest deadline and ledger."""
    db = tmp_path / "w.sqlite"
    for path in sorted(examples_dir().glob("*.json")):
        assert ws(db, "add-profile", str(path)) == 0
    assert ws(db, "ledger", "3", "jinshan-2023-11", "--status", "已提交", "--date", "2023-06-01") == 0
    rows = _list(db, capsys)
    assert [r["number"] for r in rows] == [1, 2, 3, 4]
    qingpu = rows[3]
    assert qingpu["district"] == "qingpu" and qingpu["nearest_deadline"] == "2023-06-30"
    expected = match(load_profile(examples_dir() / "qingpu.json"), load_catalog(), as_of=dt.date(2023, 6, 1)).counts()
    assert qingpu["counts"] == {status.value: n for status, n in expected.items()}
    assert qingpu["counts"]["eligible"] > 10
    assert rows[2]["ledger"] == {"已提交": 1}
    assert [r["number"] for r in _list(db, capsys, "--district", "金山区")] == [3]
    assert [r["number"] for r in _list(db, capsys, "--search", "青溪")] == [4]


def test_show_history_deadlines_and_export_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An enterprise by credit code: its open measures, its history, the deadlines, its profile exported intact."""
    db = tmp_path / "w.sqlite"
    source = examples_dir() / "qingpu.json"
    ws(db, "add-profile", str(source))
    code = load_profile(source).credit_code
    assert code
    ws(db, "ledger", code, "qingpu-2023-1.2a", "--status", "待申报", "--note", "材料准备中")
    capsys.readouterr()
    assert ws(db, "show", code, "--as-of", AS_OF, "--json", "--jobs", "1") == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["enterprise"]["credit_code"] == code
    assert shown["ledger"][0]["state"] == "待申报" and shown["ledger"][0]["note"] == "材料准备中"
    assert ws(db, "deadlines", "--as-of", AS_OF, "--within", "30", "--json") == 0
    soon = json.loads(capsys.readouterr().out)["deadlines"]
    assert [(d["id"], d["days_left"], d["ledger_state"]) for d in soon] == [("qingpu-2023-1.2a", 29, "待申报")]
    assert ws(db, "export-profile", "1", str(tmp_path / "out.json")) == 0
    assert load_profile(tmp_path / "out.json") == load_profile(source)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ledger", "1", "jinshan-2023-11", "--status", "已报送"], "无法识别"),
        (["ledger", "1", "no-such-measure", "--status", "已提交"], "找不到措施"),
        (["ledger", "1", "jinshan-2023-11", "--status", "已提交", "--amount", "100"], "已兑现"),
        (["ledger", "1", "jinshan-2023-11", "--status", "已兑现", "--date", "2023-13-01"], "YYYY-MM-DD"),
        (["ledger", "9", "jinshan-2023-11", "--status", "已提交"], "没有企业"),
        (["list", "--district", "浦东新区"], "不是可选的区"),
        (["export", "x.csv"], ".xlsx"),
    ],
)
def test_bad_input_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Each bad argument is one Chinese line on stderr, exit 2, and the ledger stays empty."""
    db = tmp_path / "w.sqlite"
    ws(db, "add-profile", str(examples_dir() / "jinshan.json"))
    capsys.readouterr()
    assert ws(db, *args) == 2
    err = capsys.readouterr().err
    assert err.startswith("错误：") and message in err
    capsys.readouterr()
    ws(db, "history", "1")
    assert "还没有申报记录" in capsys.readouterr().out


def test_add_profile_refuses_an_invalid_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A profile that fails validation is refused with its field named, and the workspace stays empty."""
    db = tmp_path / "w.sqlite"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "某公司", "eligible_hires": "很多"}, ensure_ascii=False), encoding="utf-8")
    assert ws(db, "add-profile", str(bad)) == 2
    assert "eligible_hires" in capsys.readouterr().err
    assert _list(db, capsys) == []


def test_export_has_no_formula_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Names and notes that start with = + - @ are written as text: the workbook holds no formula at all."""
    db = tmp_path / "w.sqlite"
    hostile = company(2).model_copy(update={"name": '=HYPERLINK("http://x","点击")'})
    ws(db, "import", str(write_sheet(tmp_path / "名单.csv", [hostile, company(3)])), "--as-of", AS_OF, "--jobs", "1")
    ws(
        db,
        "ledger",
        "1",
        "jinshan-2023-11",
        "--status",
        "已兑现",
        "--amount",
        "3000",
        "--note",
        "@SUM(1+1)*cmd|' /C calc'!A0",
    )
    out = tmp_path / "台账.xlsx"
    assert ws(db, "export", str(out), "--as-of", AS_OF, "--jobs", "1") == 0
    with zipfile.ZipFile(out) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert len(sheets) == 3
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["企业台账", "申报记录", "汇总"]
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert book["企业台账"]["B2"].value == '=HYPERLINK("http://x","点击")'
    totals = {(r[0], r[1]): r for r in book["汇总"].iter_rows(min_row=2, values_only=True)}
    assert totals[("所在区", "金山区")][5] == 3000


def test_check_and_backup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` reports a sound file with its counts; `backup` writes a copy that `check` also passes."""
    db = tmp_path / "w.sqlite"
    ws(db, "add-profile", str(examples_dir() / "jinshan.json"))
    assert ws(db, "backup", str(tmp_path / "备份.sqlite")) == 0
    capsys.readouterr()
    assert main(["workspace", "--db", str(tmp_path / "备份.sqlite"), "check"]) == 0
    out = capsys.readouterr().out
    assert "台账文件完好" in out and "1 家企业" in out


def test_generate_writes_letters_and_records_them_as_pending(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`generate --only` writes the chosen firms' letters through the batch engine and records 待申报 with files;
    a measure already 已提交 keeps its state."""
    db = tmp_path / "w.sqlite"
    for path in sorted(examples_dir().glob("*.json")):
        ws(db, "add-profile", str(path))
    ws(db, "ledger", "3", "jinshan-2023-11", "--status", "已提交", "--date", "2023-06-01")
    out = tmp_path / "文书"
    assert ws(db, "generate", "--only", "3", "4", "--out", str(out), "--as-of", AS_OF, "--jobs", "1") == 0
    captured = capsys.readouterr()
    assert "2 家企业已生成文书" in captured.out and "已是“已提交”" in captured.err
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [
        "上海金湾智能装备有限公司（示例）",
        "上海青溪精密机械有限公司（示例）",
        "汇总.xlsx",
    ]
    ws(db, "history", "3", "--json")
    events = json.loads(capsys.readouterr().out)["events"]
    pending = [e for e in events if e["state"] == "待申报"]
    assert pending and all(Path(e["files"][0]).is_file() and e["measure"] in e["files"][0] for e in pending)
    assert "jinshan-2023-11" not in {e["measure"] for e in pending}
    ws(db, "history", "1")
    assert "还没有申报记录" in capsys.readouterr().out


def test_a_mistyped_db_is_refused_and_not_created(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--db` naming no file is an error for every command but import/add-profile, and no file appears."""
    missing = tmp_path / "台帐.sqlite"
    assert ws(missing, "list") == 2
    assert "找不到台账文件" in capsys.readouterr().err
    assert not missing.exists()
