"""`policy-assistant fill` and `templates --check`: what is written, what is refused; bad input writes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from desktop_app.cli import main
from desktop_app.documents.context import DocumentKind, kind_for, short_company_name
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile_io import load_profile
from desktop_app.fileio import safe_filename
from desktop_app.paths import examples_dir, templates_dir
from tests.conftest import AS_OF
from tests.documents.helpers import assert_letter, docx_text, strict_document_xml, valid_credit_code, write_profile

EXAMPLES = sorted(examples_dir().glob("*.json"))
ROOT = Path(__file__).resolve().parents[2]

#: Our own 金山 profile: rows 11 (3 hires, 免申即享), 17 (市级专精特新, 直接申请) and 18 (新认定高企, 一网通办).
OWN: dict[str, Any] = {
    "schema_version": 1,
    "name": "上海金测精密机械有限公司",
    "credit_code": valid_credit_code(),
    "district": "jinshan",
    "eligible_hires": 3,
    "srdi_recognition": "municipal_srdi",
    "srdi_recognition_year": 2023,
    "hitech_event": "new",
    "hitech_event_year": 2022,
}


def fill(*args: str) -> int:
    return main(["fill", *args])


def own_profile(tmp_path: Path, **changes: Any) -> Path:
    return write_profile(tmp_path, {**OWN, **changes})


@pytest.fixture(scope="module")
def own_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_profile(tmp_path_factory.mktemp("own"), OWN, "own-jinshan.json")


@pytest.mark.parametrize("example", [*EXAMPLES, None], ids=[*(p.stem for p in EXAMPLES), "own-jinshan"])
def test_fill_writes_a_letter_per_eligible_measure_and_the_report(
    example: Path | None, own_file: Path, catalog: Catalog, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """fill --as-of 2023-06-01: every eligible measure's letter plus the 办理清单 and the report, each reopened."""
    source = example or own_file
    out = tmp_path / "out"
    assert fill(str(source), "--out", str(out), "--as-of", "2023-06-01") == 0
    profile = load_profile(source)
    report = match(profile, catalog, as_of=AS_OF)
    eligible = report.with_status(Status.eligible)
    written = sorted(out.glob("*.docx"))
    assert len(written) == len(eligible) + 2
    assert profile.name is not None
    short = short_company_name(profile.name)
    for result in eligible:
        path = out / (safe_filename(f"{short}_{result.measure.id}_{result.measure.title}") + ".docx")
        assert path in written
        text = docx_text(path)
        assert_letter(text, result, profile, kind_for(result.measure))
        assert "2023年6月1日" in text
    report_path = out / (safe_filename(f"{short}_政策体检报告") + ".docx")
    assert report_path in written
    assert out / (safe_filename(f"{short}_办理清单") + ".docx") in written
    assert "参考日期：2023年6月1日" in docx_text(report_path)
    printed = capsys.readouterr().out
    assert printed.count("已生成") == len(written) and str(out) in printed


def _pdf_text(path: Path) -> str:
    """The PDF's text as extracted, characters not normalised (issue 12), layout whitespace taken out.

    Line breaks, and the quarter-em gap Word and LibreOffice put between 汉字 and digits ("6000 元"), read
    back as whitespace; every character is compared as it is.
    """
    return "".join("".join(p.extract_text() or "" for p in PdfReader(str(path)).pages).split())


@pytest.mark.slow  # a child process killed and rerun (or started cold): CI runs it
def test_fill_pdf_in_a_fresh_process_without_display(own_file: Path, catalog: Catalog, tmp_path: Path) -> None:
    """--pdf in a new process with no display set: PDFs whose text holds the company name and the amount."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    out = tmp_path / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "desktop_app",
            "fill",
            str(own_file),
            "--out",
            str(out),
            "--as-of",
            "2023-06-01",
            "--pdf",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr
    profile = load_profile(own_file)
    report = match(profile, catalog, as_of=AS_OF)
    short = short_company_name(OWN["name"])
    for result in report.with_status(Status.eligible):
        pdf = out / (safe_filename(f"{short}_{result.measure.id}_{result.measure.title}") + ".pdf")
        text = _pdf_text(pdf)
        assert OWN["name"] in text
        assert result.amount_text in text  # 6000元 (第11行), 不低于10万元 (第17行), 20万元 (第18行)
    assert OWN["name"] in _pdf_text(out / (safe_filename(f"{short}_政策体检报告") + ".pdf"))


def test_odd_company_name_gives_valid_docx_and_safe_names(tmp_path: Path) -> None:
    """A&B <测试> "公司"/分部: files named without \\ / : * ? " < > |, each a well-formed .docx with the name."""
    name = 'A&B <测试> "公司"/分部'
    out = tmp_path / "out"
    assert fill(str(own_profile(tmp_path, name=name)), "--out", str(out), "--as-of", "2023-06-01") == 0
    files = [p for p in out.iterdir() if not p.name.startswith(".")]  # not the hidden manifest
    assert len(files) == 5  # rows 11, 17 and 18, the 办理清单 and the report
    for path in files:
        assert path.parent == out and not set('\\/:*?"<>|') & set(path.name)
        strict_document_xml(path)
        assert name in docx_text(path)


WRONG_CHECK_DIGIT = OWN["credit_code"][:-1] + ("0" if OWN["credit_code"][-1] != "0" else "1")
BAD_INPUTS = {
    "malformed JSON": ('{"name": "上海测试有限公司", "district": "jinshan",', "JSON"),
    "wrong check digit": ({**OWN, "credit_code": WRONG_CHECK_DIGIT}, "credit_code"),
    "negative amount": ({**OWN, "guarantee_fee_paid": -5}, "guarantee_fee_paid"),
    "unknown district": ({**OWN, "district": "pudong"}, "district"),
    "no name": ({**OWN, "name": None}, "name"),
}  # fmt: skip


@pytest.mark.parametrize(("data", "field"), BAD_INPUTS.values(), ids=list(BAD_INPUTS))
def test_bad_profile_exits_2_names_the_field_and_writes_nothing(
    data: object, field: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Bad input: exit 2, one Chinese line naming what is wrong, and no output folder."""
    path = tmp_path / "p.json"
    path.write_text(data if isinstance(data, str) else json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = tmp_path / "out"
    assert fill(str(path), "--out", str(out), "--as-of", "2023-06-01") == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("错误：") and field in err
    assert not out.exists()


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--as-of", "2023-13-01"], "--as-of"),
        (["--measures", "jinshan-2023-999"], "jinshan-2023-999"),
        (["--measures", "jinshan-2023-20a"], "jinshan-2023-20a"),  # 第20行 not eligible for this profile
        (["--measures", " , "], "--measures"),
        (["--templates", "no-such-folder"], "no-such-folder"),
    ],
    ids=["bad date", "unknown measure", "not eligible", "empty measures", "missing templates"],
)
def test_bad_options_exit_2_and_write_nothing(
    args: list[str], expected: str, own_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad option is refused before the output folder is made."""
    out = tmp_path / "out"
    assert fill(str(own_file), "--out", str(out), *args) == 2
    assert expected in capsys.readouterr().err
    assert not out.exists()


def test_out_that_is_a_file_is_refused(own_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--out naming a file is bad input, and the file is left alone."""
    out = tmp_path / "out"
    out.write_text("keep", encoding="utf-8")
    assert fill(str(own_file), "--out", str(out)) == 2
    assert "文件夹" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "keep"


def test_existing_file_gets_a_2_name_and_force_overwrites(own_file: Path, tmp_path: Path) -> None:
    """Never overwrite an edited file silently: a second run writes name(2).docx; --force writes over the first."""
    out = tmp_path / "out"
    base = ["--out", str(out), "--as-of", "2023-06-01", "--measures", "jinshan-2023-11"]
    assert fill(str(own_file), *base) == 0
    first = sorted(out.glob("*.docx"))
    letter = next(p for p in first if "jinshan-2023-11" in p.name)
    letter.write_bytes(b"edited by hand")
    assert fill(str(own_file), *base) == 0
    assert (out / f"{letter.stem}(2).docx").is_file()
    assert letter.read_bytes() == b"edited by hand"
    assert fill(str(own_file), *base, "--force") == 0
    assert "一次性吸纳就业补贴" in docx_text(letter)
    assert len(list(out.glob("*.docx"))) == 4  # the edited letter, its (2) copy, the 办理清单 and the report (replaced)


def _template(folder: Path, name: str, *paragraphs: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(folder / name))
    return folder / name


def test_own_templates_replace_the_shipped_ones_file_by_file(own_file: Path, tmp_path: Path) -> None:
    """--templates DIR: its 告知书.docx is used; the 申请书 still comes from the shipped templates."""
    own = tmp_path / "mine"
    _template(own, "告知书.docx", "自备告知书：{{ company.name }}，{{ measure.title }}，{{ amount.figures }}")
    out = tmp_path / "out"
    assert fill(str(own_file), "--out", str(out), "--as-of", "2023-06-01", "--templates", str(own)) == 0
    notice = next(out.glob("*jinshan-2023-11_*.docx"))
    assert docx_text(notice).strip() == f"自备告知书：{OWN['name']}，一次性吸纳就业补贴，6000元"
    application = next(out.glob("*jinshan-2023-17a_*.docx"))
    assert "特此申请。" in docx_text(application)


def test_broken_own_template_stops_fill_before_writing(
    own_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A user's template that fails the checker is bad input: exit 2 naming the file, nothing written."""
    own = tmp_path / "mine"
    _template(own, "申请书.docx", "{{ compnay.name }}")
    out = tmp_path / "out"
    assert fill(str(own_file), "--out", str(out), "--templates", str(own)) == 2
    err = capsys.readouterr().err
    assert "申请书.docx" in err and "compnay" in err
    assert not out.exists()


def test_templates_check_passes_for_the_shipped_templates(capsys: pytest.CaptureFixture[str]) -> None:
    """The shipped templates pass `templates --check`."""
    assert main(["templates", "--check"]) == 0
    assert "通过" in capsys.readouterr().out


def test_templates_check_reports_each_problem_with_file_and_paragraph(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Unknown variable, bad syntax, curly quotes and __class__: each reported with its file and paragraph; exit 2."""
    own = tmp_path / "mine"
    _template(own, "申请书.docx", "甲：{{ unknown_thing }}")
    _template(own, "办理指引.docx", "乙：{% for x in facts %}{{ x.text }}")
    _template(own, "告知书.docx", "丙：{{ materials|join(“、”) }}")
    _template(own, "体检报告.docx", "丁：{{ ''.__class__.__mro__ }}")
    assert main(["templates", "--check", "--templates", str(own)]) == 2
    err = capsys.readouterr().err
    for name, paragraph, words in (
        ("申请书.docx", "甲：{{ unknown_thing }}", "unknown_thing"),
        ("办理指引.docx", "乙：{% for x in facts %}", "语法错误"),
        ("告知书.docx", "丙：{{ materials|join(“、”) }}", "中文引号"),
        ("体检报告.docx", "丁：{{ ''.__class__.__mro__ }}", "__class__"),
    ):
        line = next(line for line in err.splitlines() if name in line and words in line)
        assert paragraph in line


def test_templates_without_check_lists_the_files_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`templates` shows which file each kind uses: the user's where given, else the shipped one."""
    own = tmp_path / "mine"
    _template(own, "告知书.docx", "{{ company.name }}")
    assert main(["templates", "--templates", str(own)]) == 0
    lines = capsys.readouterr().out.splitlines()
    used = {line.split("：", 1)[0]: Path(line.split("：", 1)[1]) for line in lines if "：" in line and ".docx" in line}
    assert used["告知书"] == own / "告知书.docx"
    assert used["申请书"] == templates_dir() / DocumentKind.application.template_name


def test_unrecognised_file_in_own_folder_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A .docx whose name no document kind uses would be silently ignored: the command says so."""
    own = tmp_path / "mine"
    _template(own, "申请书模板.docx", "{{ company.name }}")
    assert main(["templates", "--check", "--templates", str(own)]) == 0
    assert "申请书模板.docx" in capsys.readouterr().err
