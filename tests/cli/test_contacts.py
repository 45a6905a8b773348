"""`fill --contacts` / `batch --contacts`: a service center's own phone table, used only where documents print none."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_app.cli import main
from desktop_app.paths import examples_dir
from tests.documents.helpers import docx_text

BAOSHAN = str(examples_dir() / "baoshan.json")


def _contacts(tmp_path: Path, contacts: object) -> Path:
    path = tmp_path / "contacts.json"
    path.write_text(json.dumps(contacts, ensure_ascii=False), encoding="utf-8")
    return path


def test_user_phone_fills_the_gap_and_is_marked(tmp_path: Path) -> None:
    """宝山 第20条 DCMM names 区经委 but no phone: the 办理清单 gives the entered one, marked as not from the document.

    The 申请书 itself goes to the bureau and prints no phone of the bureau (issue 12)."""
    table = _contacts(tmp_path, {"contacts": {"区经委": "021-66661234"}})
    out = tmp_path / "out"
    assert main(["fill", BAOSHAN, "--out", str(out), "--as-of", "2023-06-01", "--contacts", str(table)]) == 0
    text = docx_text(next(out.glob("*_办理清单.docx")))
    assert "宝山区经委：021-66661234（用户填写，非政策原文所载）" in text


def test_user_phone_never_replaces_a_printed_one(tmp_path: Path) -> None:
    """金山 政策类第11行 prints 67961792 for 区人社局: an entered number for the same unit is not used."""
    table = _contacts(tmp_path, {"contacts": {"区人社局": "021-55550000"}})
    out = tmp_path / "out"
    example = str(examples_dir() / "jinshan.json")
    assert main(["fill", example, "--out", str(out), "--as-of", "2023-06-01", "--contacts", str(table)]) == 0
    text = docx_text(next(out.glob("*jinshan-2023-11_*.docx")))
    assert "67961792" in text and "55550000" not in text


@pytest.mark.parametrize(
    "content",
    [{"区经委": "021-1"}, {"contacts": {"区经委": "电话号码"}}, {"contacts": ["区经委"]}, "not json"],
    ids=["no-wrapper", "not-a-phone", "wrong-shape", "not-json"],
)
@pytest.mark.parametrize("command", ["fill", "batch"])
def test_bad_contacts_file_exits_2_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: object, command: str
) -> None:
    """A broken contacts file is bad input: exit 2, a Chinese line, and no output folder."""
    table = tmp_path / "contacts.json"
    table.write_text(content if isinstance(content, str) else json.dumps(content, ensure_ascii=False), "utf-8")
    out = tmp_path / "out"
    if command == "fill":
        code = main(["fill", BAOSHAN, "--out", str(out), "--as-of", "2023-06-01", "--contacts", str(table)])
    else:
        sheet = tmp_path / "companies.csv"
        sheet.write_text("name,district\n测试企业,baoshan\n", encoding="utf-8")
        code = main(["batch", str(sheet), "--out", str(out), "--as-of", "2023-06-01", "--contacts", str(table)])
    assert code == 2
    assert "联系电话表" in capsys.readouterr().err
    assert not out.exists()


def test_batch_letters_use_the_contacts(tmp_path: Path) -> None:
    """The table reaches every worker process: a 宝山 DCMM letter made by batch carries the entered phone."""
    table = _contacts(tmp_path, {"contacts": {"区经委": "021-66661234"}})
    sheet = tmp_path / "companies.csv"
    sheet.write_text("name,district,dcmm_level\n宝山数据科技有限公司,baoshan,3\n", encoding="utf-8")
    out = tmp_path / "out"
    code = main(
        ["batch", str(sheet), "--out", str(out), "--as-of", "2023-06-01", "--jobs", "2", "--contacts", str(table)]
    )
    assert code == 0
    checklist = next(out.rglob("*_办理清单.docx"))
    assert "021-66661234" in docx_text(checklist)
