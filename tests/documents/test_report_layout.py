"""The 体检报告 as LibreOffice lays it out: a summary of at most 4 pages, the eligible table on page 1.

Issue 12: the 青浦 example's report was 21–23 pages, about 3 rows a page. Rendered here with
``soffice --headless --convert-to pdf`` (a stand-in for Word), read back per page with pdftotext.
Skipped where LibreOffice or poppler is not installed.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from desktop_app.documents.context import DocumentKind
from desktop_app.documents.fill import generate_documents
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import Status, match
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None or shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice (soffice) and poppler (pdftotext, pdfinfo) are needed to lay the report out",
)


def _to_pdf(docx: Path, out: Path) -> Path:
    assert SOFFICE is not None
    profile_dir = out / "lo-profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile_dir.as_uri()}", "--headless", "--convert-to", "pdf",
         "--outdir", str(out), str(docx)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    return out / docx.with_suffix(".pdf").name


def _pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def _page_text(pdf: Path, page: int) -> str:
    args = ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_qingpu_report_fits_four_pages_with_the_eligible_table_first(catalog: Catalog, tmp_path: Path) -> None:
    """青浦 example, 2023-06-01: at most 4 pages; page 1 has the totals, the table head and the first eligible row."""
    profile = load_profile(examples_dir() / "qingpu.json")
    report = match(profile, catalog, as_of=AS_OF)
    documents = generate_documents(profile=profile, report=report, out_dir=tmp_path / "out")
    docx = next(d.path for d in documents if d.kind is DocumentKind.report)
    ascii_copy = tmp_path / "report.docx"  # LibreOffice's --convert-to is happier with a plain name
    shutil.copy(docx, ascii_copy)
    pdf = _to_pdf(ascii_copy, tmp_path)
    pages = _pages(pdf)
    assert pages <= 4, pages
    first = _page_text(pdf, 1)
    assert "一、总体情况" in first and "文书文件名" in first
    eligible = sorted(report.with_status(Status.eligible, Status.needs_check), key=lambda r: r.status.rank)
    assert len(eligible) >= 10  # the example is a full one: 15 eligible measures
    assert any(r.measure.id in first for r in eligible)
    assert "所在区：青浦区" in first.replace("\n", "")  # the district is never split as 青 / 浦区
    assert "—1—" in first.replace(" ", "")  # pdftotext may drop the half-width spaces around the number
    last = _page_text(pdf, pages)
    assert f"—{pages}—" in last.replace(" ", "")
