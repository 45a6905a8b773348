"""`explain` shows exactly what `match` decides (cross-measure rules included), and labels hotlines everywhere."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main


def _profile(tmp_path: Path, **answers: object) -> Path:
    path = tmp_path / "档案.json"
    path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    return path


def _match_json(capsys: pytest.CaptureFixture[str], profile: Path) -> dict[str, dict[str, Any]]:
    assert main(["match", str(profile), "--as-of", "2023-06-01", "--json"]) == 0
    return {m["id"]: m for m in json.loads(capsys.readouterr().out)["measures"]}


def test_explain_on_baoshan_21i_shows_the_cap_match_applies(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """宝山 第21条 绿色供应链、绿色产品合计不超过50万元: explain 21i says 不符合 and names the cap, as match does."""
    profile = _profile(
        tmp_path, district="baoshan", green_national=["supply_chain", "product"], green_municipal=["supply_chain"]
    )
    measures = _match_json(capsys, profile)
    assert measures["baoshan-2023-21i"]["status"] == "not_eligible"
    assert main(["explain", str(profile), "baoshan-2023-21i", "--as-of", "2023-06-01"]) == 0
    text = capsys.readouterr().out
    assert "结论：不符合" in text
    assert "合计不超过50万元" in text
    assert "15万元" not in text.split("金额：")[1].split("结果：")[1].splitlines()[0]


def test_hotline_is_labelled_in_the_table_explain_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """青浦 一、1 prints no phone: the tool's 12366 is a 纳税服务热线 (phone_source hotline) wherever shown."""
    profile = _profile(tmp_path, district="qingpu", small_scale_taxpayer=True)
    contact = _match_json(capsys, profile)["qingpu-2023-1.1a"]["contact"]
    assert contact == {
        "unit": "青浦区税务局、青浦区财政局",
        "phone": "12366",
        "phone_source": "hotline",
        "hotline": "纳税服务热线",
    }
    assert main(["match", str(profile), "--as-of", "2023-06-01"]) == 0
    assert "纳税服务热线 12366" in capsys.readouterr().out
    assert main(["explain", str(profile), "qingpu-2023-1.1a", "--as-of", "2023-06-01"]) == 0
    assert "纳税服务热线 12366（公共服务热线，非政策原文所载）" in capsys.readouterr().out


def test_document_printed_numbers_keep_their_source(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """金山 政策类第11行 prints 67961792 in its 联系电话 column: phone_source document; a missing phone is none."""
    measures = _match_json(capsys, _profile(tmp_path, district="jinshan", eligible_hires=3))
    assert measures["jinshan-2023-11"]["contact"]["phone"] == "67961792"
    assert measures["jinshan-2023-11"]["contact"]["phone_source"] == "document"
    assert measures["jinshan-2023-5"]["contact"] == {
        "unit": "金山区财政局",
        "phone": None,
        "phone_source": "none",
        "hotline": None,
    }


def test_explain_words_answers_as_the_letters_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """explain shows an answer by its questionnaire label and unit (制造业, 200万元), as the letters do."""
    from desktop_app.documents.context import letter_context
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.matching import match
    from desktop_app.domain.profile import EnterpriseProfile

    answers = {"district": "baoshan", "industry": "manufacturing", "joint_rd_investment": 2_000_000}
    profile = _profile(tmp_path, **answers)
    assert main(["explain", str(profile), "baoshan-2023-17a", "--as-of", "2023-06-01"]) == 0
    text = capsys.readouterr().out
    assert "joint_rd_investment = 200万元" in text
    report = match(EnterpriseProfile(**answers), load_catalog(), as_of=dt.date(2023, 6, 1))
    result = report.result_for("baoshan-2023-17a")
    assert result is not None
    letter = letter_context(profile=report.profile, result=result, as_of=report.as_of)
    assert any("200万元" in fact.detail for fact in letter.facts)
    assert main(["explain", str(profile), "baoshan-2023-1b", "--as-of", "2023-06-01"]) == 0
    assert "industry = 制造业" in capsys.readouterr().out
