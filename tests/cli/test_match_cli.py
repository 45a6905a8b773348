"""The match / explain / questions / schema commands: JSON shape, table width, and bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.cli.common import display_width
from desktop_app.domain.catalog import Catalog
from desktop_app.paths import examples_dir
from tests.conftest import run_cli_in_process

EXAMPLES = sorted(examples_dir().glob("*.json"))
GOOD = {
    "schema_version": 1,
    "name": "上海测试有限公司",
    "credit_code": "91310116MA1J8XXX0P",
    "district": "jinshan",
    "eligible_hires": 3,
}


def _valid_code() -> str:
    from stdnum.cn import uscc

    body = "91310116MA1J8KQ3X"
    return body + uscc.calc_check_digit(body)


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command, run in this process (a real process each time cost the suite ~40 s; the entry point
    keeps its own process tests below: test_bad_profile_exits_2_from_a_real_process and the closed pipe)."""
    return run_cli_in_process(*args, cwd=cwd)


def write_profile(tmp_path: Path, data: object, name: str = "p.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False) if not isinstance(data, str) else data, encoding="utf-8")
    return path


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_match_json_shape_for_every_example(example: Path, catalog: Catalog) -> None:
    """`match --json` prints the documented shape, with every loaded measure exactly once."""
    proc = run_cli("match", str(example), "--as-of", "2023-06-01", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"as_of", "profile", "measures"}
    assert data["as_of"] == "2023-06-01"
    assert set(data["profile"]) == {"name", "district"}
    ids = [m["id"] for m in data["measures"]]
    assert sorted(ids) == sorted(m.measure.id for m in catalog.measures)
    keys = {
        "id",
        "title",
        "district",
        "document",
        "clause",
        "status",
        "channel",
        "contact",
        "amount",
        "reasons",
        "missing",
        "manual_checks",
        "status_label",
        "open_checks",
        "reading_note",
        "valid_from",
        "valid_until",
    }
    statuses = {
        "eligible",
        "needs_check",
        "needs_info",
        "not_eligible",
        "not_yet_valid",
        "expired",
        "draft",
        "not_applicable",
    }
    for m in data["measures"]:
        assert set(m) == keys
        assert m["status"] in statuses
        assert set(m["channel"]) == {"kind", "detail", "from_document"}
        assert m["channel"]["kind"] in {"免申即享", "一网通办", "直接申请"}
        assert set(m["contact"]) == {"unit", "phone", "phone_source", "hotline"}
        assert m["contact"]["phone_source"] in {"document", "hotline", "user", "none"}
        assert (m["contact"]["phone"] is None) == (m["contact"]["phone_source"] == "none")
        if m["amount"] is not None:
            assert set(m["amount"]) == {"min", "max", "basis"}
            assert m["amount"]["max"] is None or m["amount"]["min"] <= m["amount"]["max"]
        if m["status"] == "needs_info":
            assert m["missing"], m["id"]
    assert any(m["status"] == "eligible" for m in data["measures"]), "an example should show eligible measures"


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_match_table_fits_100_columns(example: Path) -> None:
    """The readable table is grouped by channel and no line is wider than 100 terminal columns."""
    proc = run_cli("match", str(example), "--as-of", "2023-06-01")
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert max(display_width(line) for line in lines) <= 100
    assert any(line.startswith("【免申即享") for line in lines) or any(line.startswith("【直接申请") for line in lines)
    assert any(line.startswith("统计：") for line in lines)


def test_jinshan_hiring_case_and_expiry(tmp_path: Path) -> None:
    """金山 政策类第11行: 3 eligible hires → 6000元, 免申即享, 67961792; expired on 2026-11-22 but still listed."""
    profile = write_profile(tmp_path, {**GOOD, "credit_code": _valid_code()})
    data = json.loads(run_cli("match", str(profile), "--as-of", "2023-06-01", "--json").stdout)
    row = next(m for m in data["measures"] if m["id"] == "jinshan-2023-11")
    assert row["status"] == "eligible"
    assert row["amount"] == {"min": 6000, "max": 6000, "basis": "2000元/人 × 3人"}
    assert row["channel"]["kind"] == "免申即享" and row["channel"]["from_document"] is True
    assert row["contact"]["phone"] == "67961792"
    later = json.loads(run_cli("match", str(profile), "--as-of", "2026-11-22", "--json").stdout)
    assert next(m for m in later["measures"] if m["id"] == "jinshan-2023-11")["status"] == "expired"


def test_missing_answer_gives_needs_info_with_question_ids(tmp_path: Path) -> None:
    """Without the hires count, 金山 row 11 is needs_info naming `eligible_hires`, never not_eligible."""
    data = {k: v for k, v in GOOD.items() if k != "eligible_hires"} | {"credit_code": _valid_code()}
    out = json.loads(run_cli("match", str(write_profile(tmp_path, data)), "--as-of", "2023-06-01", "--json").stdout)
    row = next(m for m in out["measures"] if m["id"] == "jinshan-2023-11")
    assert row["status"] == "needs_info"
    assert row["missing"] == ["eligible_hires"]


BAD_PROFILES = [
    ("malformed", '{"name": "x", ', "p.json"),
    ("check_digit", {**GOOD, "credit_code": "91110000600037341A"}, "credit_code"),
    ("negative", {**GOOD, "credit_code": None, "tech_upgrade_investment": -5}, "tech_upgrade_investment"),
    ("district", {**GOOD, "credit_code": None, "district": "pudong"}, "district"),
    ("date", {**GOOD, "credit_code": None, "established_on": "1800-01-01"}, "established_on"),
    ("not_a_profile", '["a", "list"]', "p.json"),
    ("unknown_field", {**GOOD, "credit_code": None, "turnover": 5}, "turnover"),
    ("future_version", {**GOOD, "credit_code": None, "schema_version": 99}, "schema_version"),
]


@pytest.mark.parametrize("command", ["match", "explain", "questions"])
@pytest.mark.parametrize(("case", "content", "field"), BAD_PROFILES, ids=[c[0] for c in BAD_PROFILES])
def test_bad_input_exits_2_names_field_writes_nothing(
    tmp_path: Path, command: str, case: str, content: object, field: str
) -> None:
    """Each bad profile ends with exit code 2, one Chinese line naming the field path, and no file written."""
    profile = write_profile(tmp_path, content)
    before = sorted(p.name for p in tmp_path.iterdir())
    extra = ["jinshan-2023-11"] if command == "explain" else []
    proc = run_cli(command, str(profile), *extra, "--as-of", "2023-06-01", cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == ""
    errors = [line for line in proc.stderr.splitlines() if line.startswith("错误：")]
    assert len(errors) == 1 and field in errors[0], proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert profile.read_text(encoding="utf-8") == (
        content if isinstance(content, str) else json.dumps(content, ensure_ascii=False)
    )


@pytest.mark.parametrize("as_of", ["2023-13-01", "1899-01-01", "yesterday"])
def test_bad_as_of_exits_2(tmp_path: Path, as_of: str) -> None:
    """A reference date that is not a date, or outside 2000–2100, is refused with exit code 2."""
    profile = write_profile(tmp_path, {**GOOD, "credit_code": _valid_code()})
    proc = run_cli("match", str(profile), "--as-of", as_of)
    assert proc.returncode == 2 and "--as-of" in proc.stderr and proc.stdout == ""


@pytest.mark.parametrize("command", ["match", "explain", "questions"])
def test_bad_profile_exits_2_from_a_real_process(tmp_path: Path, command: str) -> None:
    """`python -m desktop_app` itself: a bad profile exits 2 with one Chinese line, no traceback, nothing written."""
    profile = write_profile(tmp_path, {**GOOD, "credit_code": None, "district": "pudong"})
    extra = ["jinshan-2023-11"] if command == "explain" else []
    proc = subprocess.run(
        [sys.executable, "-m", "desktop_app", command, str(profile), *extra, "--as-of", "2023-06-01"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=tmp_path,
    )
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stdout == "" and "Traceback" not in proc.stderr
    assert [line for line in proc.stderr.splitlines() if line.startswith("错误：") and "district" in line]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json"]


def test_missing_profile_file_exits_2(tmp_path: Path) -> None:
    """A profile path that does not exist is bad input, not a crash."""
    proc = run_cli("match", str(tmp_path / "nope.json"))
    assert proc.returncode == 2 and "找不到档案文件" in proc.stderr


def test_explain_shows_criteria_steps_and_clause(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`explain` prints each criterion with its value, the amount step by step and the verbatim clause."""
    profile = write_profile(tmp_path, {**GOOD, "credit_code": _valid_code()})
    assert main(["explain", str(profile), "jinshan-2023-11", "--as-of", "2023-06-01"]) == 0
    out = capsys.readouterr().out
    assert "eligible_hires = 3" in out
    assert "2000元/人 × 3人 = 6000元" in out
    assert "按每人 2000 元给予一次性吸纳就业补贴" in out
    assert "67961792" in out


def test_explain_unknown_measure_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown measure id is bad input with a hint where to find ids."""
    profile = write_profile(tmp_path, {**GOOD, "credit_code": _valid_code()})
    assert main(["explain", str(profile), "jinshan-2023-999"]) == 2
    assert "policy-assistant catalog" in capsys.readouterr().err


def test_questions_orders_by_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`questions` lists unanswered fields that could change a result, the most valuable first."""
    profile = write_profile(tmp_path, {"schema_version": 1, "name": "x", "district": "jinshan"})
    assert main(["questions", str(profile), "--as-of", "2023-06-01", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["questions"]
    assert rows and all(r["up_to"] >= 0 for r in rows)
    assert [r["up_to"] for r in rows] == sorted((r["up_to"] for r in rows), reverse=True)
    assert "eligible_hires" in {r["id"] for r in rows}


def test_schema_has_chinese_titles(capsys: pytest.CaptureFixture[str]) -> None:
    """`schema` prints the profile's JSON Schema with Chinese titles."""
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["credit_code"]["title"] == "统一社会信用代码"
    assert schema["properties"]["eligible_hires"]["title"] == "招录的符合条件人员人数"


def test_output_cut_off_by_head_is_quiet() -> None:
    """`catalog --json | head -1` (far more than a pipe buffer) stops without a BrokenPipeError traceback."""
    proc = subprocess.run(
        f'"{sys.executable}" -m desktop_app catalog --json | head -1', shell=True, capture_output=True, text=True
    )
    assert proc.stdout.startswith("{")
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr
