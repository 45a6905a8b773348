"""Companies sheets for the workspace tests and benchmarks: the four examples, varied, with valid credit codes."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from desktop_app.cli.batch_sheet import columns, header_for
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir

_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(number: int, region: str = "310116") -> str:
    """A valid 统一社会信用代码 for ``number`` (the check digit computed with python-stdnum)."""
    from stdnum.cn import uscc

    body = ""
    n = number
    for _ in range(9):
        n, digit = divmod(n, len(_ALPHABET))
        body = _ALPHABET[digit] + body
    stem = f"91{region}{body}"
    return stem + uscc.calc_check_digit(stem)


def examples() -> list[EnterpriseProfile]:
    return [load_profile(p) for p in sorted(examples_dir().glob("*.json"))]


def cell(value: Any) -> str:
    """How a clerk types an answer: 是/否, lists joined with 、 (无 for none), choices by value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) or "无"
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def company(i: int) -> EnterpriseProfile:
    """The i-th generated company: an example's answers under a new name and credit code."""
    base = _EXAMPLES[i % len(_EXAMPLES)]
    region = base.credit_code[2:8] if base.credit_code else "310116"
    update: dict[str, Any] = {"name": f"台账测试企业{i + 1:05d}有限公司", "credit_code": credit_code(i + 1, region)}
    if base.eligible_hires is not None:
        update["eligible_hires"] = (i % 7) + 1  # vary an amount so the summaries differ
    return base.model_copy(update=update)


_EXAMPLES = examples()


def write_sheet(path: Path, profiles: list[EnterpriseProfile], *, extra_rows: Sequence[Sequence[str]] = ()) -> Path:
    """A CSV with every column `batch --template-csv` writes, one row per profile, then ``extra_rows``."""
    names = columns()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header_for(n, stored=True) for n in names])  # cells hold stored values (元)
        for profile in profiles:
            writer.writerow([cell(getattr(profile, n)) for n in names])
        for row in extra_rows:
            writer.writerow(row)
    return path


def write_companies(path: Path, count: int) -> Path:
    return write_sheet(path, [company(i) for i in range(count)])
