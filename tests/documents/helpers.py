"""Shared helpers for the letter tests: read a generated .docx back the way a person would read it."""

from __future__ import annotations

import io
import json
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import cn2an
from docx import Document
from lxml import etree


def docx_text(source: Path | bytes) -> str:
    """Every paragraph of the body and of every table cell, one per line, as python-docx reads them."""
    document = Document(io.BytesIO(source) if isinstance(source, bytes) else str(source))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines += [p.text for p in cell.paragraphs]
    return "\n".join(lines)


def strict_document_xml(source: Path | bytes) -> Any:
    """Parse word/document.xml without recovery: raises if the XML is not well-formed."""
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def write_profile(folder: Path, data: dict[str, Any], name: str = "profile.json") -> Path:
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def valid_credit_code(body: str = "91310116MA1J8KQ3X") -> str:
    """A 统一社会信用代码 with the right check digit (python-stdnum computes it)."""
    from stdnum.cn import uscc

    return body + uscc.calc_check_digit(body)


def amount_words(result: Any) -> list[str]:
    """What a guide or notice must say about money, worked out with cn2an here rather than by the code under test.

    Where the document gives no figure, the letter quotes the document's own note (its first words are checked).
    """
    from desktop_app.domain.amounts import format_range

    amount = result.amount
    if amount is None:
        note = result.measure.amount.note
        return [note.strip()[:8]] if note else ["金额以实施细则为准"]
    words = [format_range(amount.minimum, amount.maximum)]
    for value in (amount.minimum, amount.maximum):
        if value is not None and (value > 0 or amount.maximum == 0):
            capital = cn2an.an2cn(str(value.quantize(Decimal("0.01"), ROUND_HALF_UP)), "rmb")
            # a range reads 人民币叁万元至壹佰万元整: the lower end without its own 整
            words.append(capital if amount.minimum == amount.maximum else capital.removesuffix("整"))
    return words


def application_amount(result: Any) -> str:
    """The 申请金额 line of a 申请书: the fixed figure with its 大写, else 按政策标准核定 (worked out here)."""
    from desktop_app.domain.amounts import format_range

    amount = result.amount
    if amount is None or amount.maximum is None or amount.minimum != amount.maximum or amount.minimum == 0:
        return "申请金额：按政策标准核定。"
    capital = cn2an.an2cn(str(amount.minimum.quantize(Decimal("0.01"), ROUND_HALF_UP)), "rmb")
    return f"申请金额：{format_range(amount.minimum, amount.maximum)}（大写：人民币{capital}）。"


def assert_letter(text: str, result: Any, profile: Any, kind: Any) -> None:
    """A letter names the company, its code, the measure and the clause; guides add the amount and a phone.

    A 申请书 asks for the fixed figure (or 按政策标准核定) and carries no phone of the bureau and no note
    of the tool. A guide or notice gives the document's phone (its digits) or, where the document gives
    none, the blank line to fill in, and says when the channel is inferred.
    """
    from desktop_app.documents.context import BLANK, DocumentKind

    measure = result.measure
    assert profile.name in text
    assert (profile.credit_code or BLANK) in text
    assert measure.title in text and measure.clause in text
    if kind is DocumentKind.application:
        assert application_amount(result) in text, (measure.id, application_amount(result))
        assert "特此申请。" in text and f"{profile.name}（盖章）" in text
        assert "法定代表人（签字）：" in text and "开户银行：" in text and "账号：" in text
        return
    for words in amount_words(result):
        assert words in text, (measure.id, words)
    if measure.contact.phone:
        assert digits(measure.contact.phone) in digits(text)
    else:
        assert f"{BLANK}（政策原文未载联系电话" in text
    if not measure.channel.from_document:
        assert "推定" in text  # the channel is the tool's assumption, and the guide says so
