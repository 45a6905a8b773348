"""The 申请书's 落款 as printed (GB/T 9704-2012 7.3.5.1): the date 右空四字, the name on one line over it.

Read back from the app's own layout and from its PDF with pdftotext, as they come (no normalising): a
company name of up to 24 characters is never broken, and （盖章） is never split from itself.
"""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest
from docx.shared import Mm

from desktop_app.documents.context import DocumentKind
from desktop_app.documents.fill import template_path
from desktop_app.documents.pdf import layout_to_pdf_bytes
from desktop_app.documents.pdf_layout import Layout, TextItem, layout_docx
from desktop_app.documents.render import render_docx
from desktop_app.documents.samples import SAMPLE_COMPANY, sample_letter
from tests.documents.pdf_helpers import needs_pdftotext, pdf_lines

SEAL = "（盖章）"
CHAR = 16.0  # 三号: one character of the body text, in points
SHORT = "上海金湾有限公司"
TYPICAL = "上海金湾智能装备有限公司（示例）"
LONGEST = "上海市金湾智能装备制造科技股份有限公司金山分公司"  # a 分公司 of a 股份有限公司: 24 characters
TOO_LONG = "上海市金湾智能装备制造科技股份有限公司金山分公司第一研究所"  # 29: more than a line with 盖章


@dataclasses.dataclass(frozen=True)
class Extent:
    text: str
    left: float
    right: float

    @property
    def centre(self) -> float:
        return (self.left + self.right) / 2


def _letter(name: str) -> tuple[bytes, str]:
    """The rendered 申请书 of a company called ``name``, and its date."""
    letter = dataclasses.replace(sample_letter(), company=dataclasses.replace(SAMPLE_COMPANY, name=name))
    return render_docx(template_path(DocumentKind.application), letter.as_mapping()), letter.date


def _lines(layout: Layout) -> list[Extent]:
    """Every body line of the layout with the x extent of its text (points from the page's left edge)."""
    out: list[Extent] = []
    for page in layout.pages:
        texts = [i for i in page.items if isinstance(i, TextItem)]
        for top, bottom, text in page.lines:
            on = [i for i in texts if top < i.y <= bottom]
            if not on or not text:
                continue
            ends = [i.x + i.advance() for i in on]  # the character spacing (-0.25 pt) included
            out.append(Extent(text, min(i.x for i in on), max(ends)))
    return out


def _gap(layout_width: float, right: float) -> float:
    """Characters between ``right`` and the right margin (26 mm)."""
    return (layout_width - Mm(26).pt - right) / CHAR


@pytest.mark.parametrize("name", [SHORT, TYPICAL, LONGEST], ids=["8", "16", "24"])
def test_name_is_one_line_over_a_date_four_characters_in(name: str) -> None:
    """Layout: name and 盖章 on one line, the date 4 (±1) characters in, the name centred over it or flush right."""
    assert len(name) in (8, 16, 24)
    data, date = _letter(name)
    layout = layout_docx(data)
    lines = _lines(layout)
    signed = [line for line in lines if name in line.text]
    assert [line.text for line in signed if SEAL in line.text] == [name + SEAL]
    dated = [line for line in lines if line.text == date]
    assert len(dated) == 1
    seal, day = next(line for line in signed if SEAL in line.text), dated[0]
    assert 3 <= _gap(layout.width, day.right) <= 5  # 右空四字
    if len(name) + len(SEAL) <= 16:  # fits the block: centred over the date
        assert abs(seal.centre - day.centre) <= CHAR
    else:  # flush right at the margin (a closing mark may hang a little past it), reaching out over the date
        assert abs(_gap(layout.width, seal.right)) <= 0.5
        assert seal.left < day.left
    assert lines.index(seal) + 1 == lines.index(day)  # nothing between the name and its date


@needs_pdftotext
def test_pdf_text_keeps_a_24_character_name_on_one_line(tmp_path: Path) -> None:
    """The app's PDF, read by pdftotext -layout and -bbox: the longest name and 盖章 on one line, the date 右空四字."""
    data, date = _letter(LONGEST)
    pdf = tmp_path / "申请书.pdf"
    layout = layout_docx(data)
    pdf.write_bytes(layout_to_pdf_bytes(layout))
    text = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert LONGEST + SEAL in [line.strip() for line in text.splitlines()]
    lines, _height = pdf_lines(pdf)
    day = [line for line in lines if line.text == date]  # pdftotext's words joined: the autospace gaps go
    assert len(day) == 1
    assert 3 <= _gap(layout.width, day[0].right) <= 5
    signed = next(line for line in lines if line.text == LONGEST + SEAL)
    assert signed.page == day[0].page and 0 < day[0].top - signed.top <= 28 + 0.5  # the next line


def test_a_name_longer_than_a_line_leaves_seal_whole_on_a_line_below() -> None:
    """A name too long for one line with 盖章 is set on its own; （盖章） follows whole, then the date 右空四字."""
    data, date = _letter(TOO_LONG)
    layout = layout_docx(data)
    texts = [line.text for line in _lines(layout)]
    start = next(i for i, text in enumerate(texts) if text.startswith("法定代表人（签字）")) + 1
    end = texts.index(date)
    assert "".join(texts[start : end - 1]) == TOO_LONG
    assert texts[end - 1] == SEAL
    day = _lines(layout)[end]
    assert 3 <= _gap(layout.width, day.right) <= 5
