"""`fill --pdf` on the four examples: the PDFs' text is the real text, the pitch is 28 pt, no page ends on a heading.

Issue 12 (done when): pdftotext of every app PDF, not normalised, holds the exact 统一社会信用代码, the
company name and the district; the 体检报告 every measure id it prints; body lines are 28 pt ± 0.5 apart;
and, where LibreOffice is installed, the page counts agree with its rendering of the same .docx.
"""

from __future__ import annotations

import itertools
import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from docx.oxml.ns import qn

from desktop_app import paths
from desktop_app.cli import main
from desktop_app.documents.pdf_docx import read_docx
from desktop_app.documents.pdf_model import Para
from tests.documents.helpers import docx_text
from tests.documents.pdf_helpers import TextLine, joined, needs_pdftotext, page_count, pdf_lines, pdf_text

EXAMPLES = {"qingpu": "青浦区", "jiading": "嘉定区", "baoshan": "宝山区", "jinshan": "金山区"}
MEASURE_ID = re.compile(r"\b(?:qingpu|jiading|baoshan|jinshan)-[0-9][0-9A-Za-z.\-]*[0-9A-Za-z]")
BOTTOM_MARGIN = 35 / 25.4 * 72  # GB/T 9704 page: lines below this belong to the footer


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each example filled once with --pdf (as of 2023-06-01), the way a user runs it."""
    out: dict[str, Path] = {}
    for example in EXAMPLES:
        folder = tmp_path_factory.mktemp(example)
        profile = paths.resources_dir() / "examples" / f"{example}.json"
        assert main(["fill", str(profile), "--as-of", "2023-06-01", "--out", str(folder), "--pdf"]) == 0
        out[example] = folder
    return out


def _pairs(filled: dict[str, Path]) -> list[tuple[str, Path, Path]]:
    return [
        (ex, pdf.with_suffix(".docx"), pdf) for ex, folder in filled.items() for pdf in sorted(folder.glob("*.pdf"))
    ]


@needs_pdftotext
def test_every_pdf_names_the_company_its_code_and_district(filled: dict[str, Path]) -> None:
    """Exact 统一社会信用代码 (e.g. 91310118MA1JX8Q7BP, digits after letters too), company and district."""
    for example, folder in filled.items():
        data = json.loads((paths.resources_dir() / "examples" / f"{example}.json").read_text(encoding="utf-8"))
        pdfs = sorted(folder.glob("*.pdf"))
        assert len(pdfs) == len(list(folder.glob("*.docx"))) > 1
        for pdf in pdfs:
            text = pdf_text(pdf)
            assert data["credit_code"] in text, pdf.name  # one unbroken word: not even joined
            assert data["name"] in joined(text), pdf.name
            assert EXAMPLES[example] in joined(text), pdf.name


@needs_pdftotext
def test_report_pdf_prints_every_measure_id_of_its_docx(filled: dict[str, Path]) -> None:
    """The 体检报告 PDF carries every measure id its .docx prints (qingpu-2023-2.1b, not `qingpu- - .1b`)."""
    for folder in filled.values():
        report = next(folder.glob("*政策体检报告.pdf"))
        ids = set(MEASURE_ID.findall(docx_text(report.with_suffix(".docx"))))
        assert ids
        text = joined(pdf_text(report))
        assert sorted(i for i in ids if i not in text) == []


def _body(lines: list[TextLine], height: float) -> list[TextLine]:
    return [line for line in lines if line.bottom < height - BOTTOM_MARGIN and line.text]


@needs_pdftotext
def test_body_pitch_is_28_points(filled: dict[str, Path]) -> None:
    """Body lines (the most common line height: 三号 text) follow a 28 pt ± 0.5 pitch (Qt's PDFs: 40.7 pt)."""
    for _example, _docx, pdf in _pairs(filled):
        lines, height = pdf_lines(pdf)
        body = _body(lines, height)
        # 三号 (16 pt) body text gives boxes about 23 pt tall; table text (五号) and 说明 (小四) are smaller.
        size = Counter(round(line.bottom - line.top, 1) for line in body if line.bottom - line.top > 20).most_common(1)[
            0
        ][0]
        same = [line for line in body if abs(line.bottom - line.top - size) < 0.6]
        gaps = [b.top - a.top for a, b in itertools.pairwise(same) if a.page == b.page]
        near = [gap for gap in gaps if 0 < gap < 50]  # 56 and more: a blank line between
        on_pitch = [gap for gap in near if abs(gap - 28) <= 0.5]
        # The rest are paragraph spacing on top of the pitch (a 副标题's 14 pt after: 42 pt).
        assert len(on_pitch) >= 0.9 * len(near) > 0, (pdf.name, sorted(set(near)))
        assert all(gap >= 28 - 0.5 for gap in near), (pdf.name, sorted(set(near)))


@needs_pdftotext
def test_no_page_ends_with_a_heading(filled: dict[str, Path]) -> None:
    """No page but the last ends with a keep-with-next paragraph (小标题, 落款 …) or a table's header row."""
    for _example, docx, pdf in _pairs(filled):
        keep = [
            joined("".join(s.text for s in b.spans))
            for b in read_docx(docx).blocks
            if isinstance(b, Para) and b.fmt.keep_next
        ]
        keep = [k for k in keep if len(k) >= 2]
        heads = [joined(c) for c in _header_cells(docx)]
        lines, height = pdf_lines(pdf)
        body = _body(lines, height)
        last_page = max(line.page for line in body)
        for page in range(1, last_page):
            last = joined(next(line.text for line in reversed(body) if line.page == page))
            assert not any(h.endswith(last) for h in heads), (pdf.name, page, "表头", last)
            assert not any(k == last or (len(last) >= 4 and k.endswith(last)) for k in keep), (pdf.name, page, last)


def _header_cells(docx: Path) -> list[str]:
    """The text of each cell of the tables' repeated header rows."""
    from docx import Document

    cells = []
    for table in Document(str(docx)).tables:
        for row in table.rows:
            if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None:
                cells += [cell.text for cell in row.cells]
    return cells


@pytest.mark.slow
@needs_pdftotext
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) 未安装")
def test_page_counts_agree_with_libreoffice(filled: dict[str, Path], tmp_path: Path) -> None:
    """≥ 90 % of the letters have LibreOffice's page count for the same .docx, none more than one page more."""
    pairs = _pairs(filled)
    out = tmp_path / "lo"
    for example in filled:
        docs = [str(docx) for ex, docx, _ in pairs if ex == example]
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless", "--convert-to", "pdf",
             "--outdir", str(out / example), *docs],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    counts = [(page_count(pdf), page_count(out / ex / pdf.name)) for ex, _docx, pdf in pairs]
    same = sum(app == lo for app, lo in counts)
    assert same >= 0.9 * len(counts), counts
    assert all(app <= lo + 1 for app, lo in counts), counts
