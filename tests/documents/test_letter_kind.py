"""Which document each eligible measure gets: by channel, unless the pack says a letter would never be filed."""

from __future__ import annotations

from pathlib import Path

from desktop_app.documents.fill import generate_documents
from desktop_app.domain.catalog import Catalog
from desktop_app.domain.matching import match
from desktop_app.domain.profile_io import load_profile
from desktop_app.paths import examples_dir
from tests.conftest import AS_OF


def test_self_declared_tax_relief_gets_a_guide_not_an_application(catalog: Catalog, tmp_path: Path) -> None:
    """金山 政策类第3行 六税两费 is claimed when filing taxes (电子税务局或办税服务厅): a 办理指引, no 申请书."""
    profile = load_profile(examples_dir() / "jinshan.json")
    report = match(profile, catalog, as_of=AS_OF)
    docs = {d.measure_id: d for d in generate_documents(profile=profile, report=report, out_dir=tmp_path)}
    assert docs["jinshan-2023-3"].kind.value == "办理指引"
    assert docs["jinshan-2023-17a"].kind.value == "申请书"  # 政策类第17行: 向金山区经委申请
    assert docs["jinshan-2023-11"].kind.value == "告知书"  # 政策类第11行: 免申即享
    assert docs["jinshan-2023-18a"].kind.value == "办理指引"  # 政策类第18行: 一网通办


def test_every_tax_and_bank_measure_is_marked(catalog: Catalog) -> None:
    """No measure claimed at filing time or at a bank falls back to a 申请书 addressed to a bureau."""
    for compiled in catalog.measures:
        channel = compiled.measure.channel
        if channel.kind.value == "直接申请" and ("电子税务局" in channel.detail or "贷款银行" in channel.detail):
            assert channel.letter == "办理指引", compiled.measure.id
