"""Drafting documents the drafter was not written against: three synthetic documents of the genre."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from desktop_app.domain.catalog import normalise
from desktop_app.drafting import draft_pack

FIXTURES = Path(__file__).parent / "fixtures"


def _draft(name: str, district: str) -> tuple[dict[str, Any], dict[str, dict[str, Any]], str]:
    result = draft_pack(FIXTURES / name, district=district, pack_id=f"{district}-2024", source_name="x.source.txt")
    pack = yaml.safe_load(result.yaml_text)
    return pack, {m["id"]: m for m in pack["measures"]}, result.source_text


def test_text_document_with_sections_and_items() -> None:
    """一、/1. numbering restarting per section gives ids 1.1, 1.2a …; amounts, dates, channel, phone and units
    are read from the wording, including Chinese numerals (五百万元, 二百万元)."""
    pack, m, _ = _draft("qingpu-digital-2024.txt", "qingpu")
    assert pack["document"]["number"] == "青府规〔2024〕3号"
    assert pack["document"]["date"] == dt.date(2024, 3, 8)
    assert (pack["valid_from"], pack["valid_until"]) == (dt.date(2024, 4, 1), dt.date(2026, 3, 31))
    assert sorted(m) == [f"qingpu-2024-{c}" for c in ("1.1", "1.2a", "1.2b", "2.1", "2.2", "3.1", "3.2")]
    assert m["qingpu-2024-1.1"]["amount"] | {"base": None} == {
        "kind": "percent",
        "rate": 0.2,
        "base": None,
        "base_label": "实际投入",
        "cap": 2000000,
    }
    assert [m[f"qingpu-2024-1.2{x}"]["amount"] for x in "ab"] == [
        {"kind": "fixed", "value": 500000},
        {"kind": "fixed", "value": 1000000},
    ]
    hires = m["qingpu-2024-2.1"]
    assert hires["amount"]["kind"] == "per_unit" and hires["amount"]["rate"] == 3000
    assert hires["channel"] == {"kind": "一网通办", "detail": "通过一网通办在线申请", "from_document": True}
    assert hires["contact"] == {"units": ["区人社局"], "phone": "59731234", "phone_source": "document"}
    assert m["qingpu-2024-2.2"]["amount"]["kind"] == "match" and m["qingpu-2024-2.2"]["amount"]["ratio"] == 0.5
    assert m["qingpu-2024-3.1"]["validity"]["valid_until"] == dt.date(2025, 12, 31)
    assert m["qingpu-2024-3.2"]["amount"]["kind"] == "range"  # tiers by revenue: no such profile field
    assert all(x["review"] == "draft" for x in m.values())
    assert "phone" not in m["qingpu-2024-1.1"]["contact"], "no phone where none is printed"


def test_word_table_with_columns() -> None:
    """A .docx task table: units, channel and phone come from their columns; a row with no benefit is skipped."""
    pack, m, _ = _draft("baoshan-tasks-2024.docx", "baoshan")
    assert pack["document"]["title"] == "宝山区2024年稳增长政策任务清单"
    assert sorted(m) == [f"baoshan-2024-{n}" for n in range(1, 5)]
    assert m["baoshan-2024-1"]["amount"] == {"kind": "at_least", "min": 100000}
    assert m["baoshan-2024-1"]["channel"]["kind"] == "直接申请" and m["baoshan-2024-1"]["channel"]["from_document"]
    assert m["baoshan-2024-2"]["amount"] == {"kind": "range", "min": 30000, "max": 100000}
    assert m["baoshan-2024-2"]["validity"]["valid_until"] == dt.date(2024, 12, 31)  # 2024年内
    assert m["baoshan-2024-3"]["channel"]["kind"] == "免申即享"
    assert m["baoshan-2024-3"]["amount"]["rate"] == 0.1 and m["baoshan-2024-3"]["amount"]["cap"] == 500000
    assert "phone" not in m["baoshan-2024-3"]["contact"], "an empty phone cell is not filled in"
    assert m["baoshan-2024-4"]["amount"]["quantity"] == "pv_capacity_kw * 1000"
    assert m["baoshan-2024-4"]["channel"]["from_document"] is False


def test_pdf_with_parenthesised_items() -> None:
    """A text-layer PDF numbered 一、/（一） without 1. items: ids 1.1, 1.2, 2.1; 一季度 is a period; the phone
    printed inside the units' brackets is the contact's, not a unit."""
    pack, m, text = _draft("jinshan-tourism-2024.pdf", "jinshan")
    assert pack["document"]["number"] == "金府办〔2024〕12号"
    assert sorted(m) == ["jinshan-2024-1.1", "jinshan-2024-1.2", "jinshan-2024-2.1"]
    assert m["jinshan-2024-1.1"]["validity"]["valid_until"] == dt.date(2024, 3, 31)
    assert m["jinshan-2024-1.2"]["amount"] == {"kind": "up_to", "max": 300000}
    assert m["jinshan-2024-2.1"]["amount"]["cap"] == 800000
    assert m["jinshan-2024-2.1"]["contact"]["units"] == ["区文旅局", "区财政局"]
    assert m["jinshan-2024-2.1"]["contact"]["phone"] == "57931234"
    for measure in m.values():
        assert normalise(measure["excerpt"]) in normalise(text)


@pytest.mark.parametrize(
    ("name", "district"), [("qingpu-digital-2024.txt", "qingpu"), ("baoshan-tasks-2024.docx", "baoshan")]
)
def test_every_excerpt_is_an_exact_substring(name: str, district: str) -> None:
    """Excerpts are copied, not rebuilt: each is an exact substring of the document's text."""
    _, m, text = _draft(name, district)
    for measure in m.values():
        assert measure["excerpt"] in text
        if "validity" in measure:
            assert measure["validity"]["excerpt"] in text


ARTICLES = """嘉定区促进人工智能产业发展若干办法

第一条 为促进人工智能产业发展，制定本办法。

第二条 对经认定的人工智能企业给予以下支持：
（一）对首次认定为高新技术企业的，给予一次性20万元奖励；
（二）对年度研发投入达到1000万元的，按研发投入的10%给予补贴，最高不超过三百万元。

第三条 对招用应届毕业生的企业，按每名1500元/人给予补贴，政策执行至2025年12月底。（牵头单位：区科委；配合单位：区财政局）

- 2 -

第四条 本办法自2024年7月1日起施行，有效期5年。
"""


def test_articles_with_inline_sub_items(tmp_path: Path) -> None:
    """第X条 numbering, （一）（二） listed inside an article, 月底 end dates, 有效期5年 and 配合单位 are read."""
    document = tmp_path / "办法.txt"
    document.write_text(ARTICLES, encoding="utf-8")
    result = draft_pack(document, district="jiading", pack_id="jiading-2024", source_name="x.source.txt")
    pack = yaml.safe_load(result.yaml_text)
    m = {x["id"]: x for x in pack["measures"]}
    assert (pack["valid_from"], pack["valid_until"]) == (dt.date(2024, 7, 1), dt.date(2029, 6, 30))
    assert sorted(m) == ["jiading-2024-2a", "jiading-2024-2b", "jiading-2024-3"]
    assert m["jiading-2024-2a"]["amount"] == {"kind": "fixed", "value": 200000}
    assert m["jiading-2024-2b"]["amount"]["rate"] == 0.1 and m["jiading-2024-2b"]["amount"]["cap"] == 3000000
    assert m["jiading-2024-3"]["amount"]["rate"] == 1500
    assert m["jiading-2024-3"]["validity"]["valid_until"] == dt.date(2025, 12, 31)
    assert m["jiading-2024-3"]["contact"]["units"] == ["区科委", "区财政局"]
    assert "- 2 -" not in result.source_text


def test_word_automatic_numbering_is_read(tmp_path: Path) -> None:
    """Items numbered by Word itself (a List Number style, not typed digits) keep their numbers as clause ids."""
    import docx

    document = docx.Document()
    document.add_paragraph("嘉定区支持企业发展若干措施")
    document.add_paragraph("支持企业上规模。对首次进入规上工业企业库的，给予10万元奖励。", style="List Number")
    document.add_paragraph("鼓励企业创新。对新认定的高新技术企业，给予20万元奖励。", style="List Number")
    path = tmp_path / "措施.docx"
    document.save(str(path))
    result = draft_pack(path, district="jiading", pack_id="jiading-2024", source_name="x.source.txt")
    measures = {m["id"]: m for m in yaml.safe_load(result.yaml_text)["measures"]}
    assert sorted(measures) == ["jiading-2024-1", "jiading-2024-2"]
    assert measures["jiading-2024-2"]["amount"] == {"kind": "fixed", "value": 200000}
    assert "2.鼓励企业创新" in result.source_text
