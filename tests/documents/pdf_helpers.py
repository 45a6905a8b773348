"""Read a PDF back the way a person's tools do: pdftotext's text and line boxes, no Unicode normalisation."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pytest

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) 未安装")


def pdf_text(path: Path) -> str:
    """pdftotext's text of the whole PDF, exactly as extracted (no NFKC: 金 must come back as U+91D1)."""
    command = ["pdftotext", "-enc", "UTF-8", str(path), "-"]
    return subprocess.run(command, capture_output=True, check=True).stdout.decode()


def joined(text: str) -> str:
    """``text`` with the line breaks and the spaces that extraction puts at justified gaps taken out.

    Only layout whitespace goes; every character is compared as it is.
    """
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class TextLine:
    page: int
    top: float
    bottom: float
    text: str
    left: float = 0.0
    right: float = 0.0


def _number(pattern: str, text: str, flags: int = 0) -> float:
    """The number the first group of ``pattern`` captures in pdftotext/pdfinfo output, which must contain it."""
    found = re.search(pattern, text, flags)
    assert found is not None, f"{pattern!r} not in {text[:200]!r}"
    return float(found.group(1))


def pdf_lines(path: Path) -> tuple[list[TextLine], float]:
    """Every text line of the PDF (pdftotext -bbox-layout) with its page and box, and the page height in points."""
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    lines: list[TextLine] = []
    height = 841.9
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", out, re.S), start=1):
        height = _number(r'height="([\d.]+)"', page)
        for attrs, body in re.findall(r"<line ([^>]*)>(.*?)</line>", page, re.S):
            top = _number(r'yMin="([\d.]+)"', attrs)
            bottom = _number(r'yMax="([\d.]+)"', attrs)
            left, right = _number(r'xMin="([\d.]+)"', attrs), _number(r'xMax="([\d.]+)"', attrs)
            words = [unescape(w) for w in re.findall(r"<word [^>]*>(.*?)</word>", body, re.S)]
            lines.append(TextLine(number, top, bottom, "".join(words), left, right))
    return lines, height


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return int(_number(r"^Pages:\s+(\d+)", out, re.M))
