"""draft-pack on the five shipped documents: the draft passes the pack check and recovers the reviewed packs.

The reviewed packs in resources/policies/ are the answer key. Figures are compared kind by kind (fixed value,
rate and cap, ratio and cap, tier amounts …); tiers and lookup count as one kind (an amount per level)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from desktop_app import paths
from desktop_app.cli import main
from desktop_app.domain.catalog import load_pack
from desktop_app.drafting.compare import Comparison, compare

DOCUMENTS = ["qingpu-2023", "jiading-2023", "baoshan-2023", "jinshan-2023", "qingpu-2021"]


def _draft(name: str, tmp_path: Path) -> tuple[Path, Comparison]:
    district = name.split("-")[0]
    out = tmp_path / f"{name}-draft.yaml"
    source = paths.sources_dir() / f"{name}.txt"
    assert main(["draft-pack", str(source), "--district", district, "--id", f"{district}-2099", "--out", str(out)]) == 0
    drafted = yaml.safe_load(out.read_text(encoding="utf-8"))["measures"]
    shipped = load_pack(paths.policies_dir() / f"{name}.yaml")
    return out, compare(drafted, shipped, source.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_draft_passes_the_pack_check(name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`catalog --check --pack DRAFT.yaml` accepts the draft (excerpts checked against the saved text)."""
    out, _ = _draft(name, tmp_path)
    capsys.readouterr()
    assert main(["catalog", "--check", "--pack", str(out)]) == 0, capsys.readouterr()
    assert "政策包校验通过" in capsys.readouterr().out


@pytest.mark.parametrize("name", DOCUMENTS)
def test_draft_recovers_the_reviewed_pack(name: str, tmp_path: Path) -> None:
    """≥95 % of clauses, ≥90 % of amounts (kind and figures) and of clause end dates, every printed phone."""
    _, c = _draft(name, tmp_path)
    assert c.clauses.ratio >= 0.95, c.clauses.missed
    assert c.amounts.ratio >= 0.90, c.amounts.missed
    assert c.dates.ratio >= 0.90, c.dates.missed
    assert c.phones.ratio == 1.0, c.phones.missed
    assert c.invented_phones == []
    assert c.bad_excerpts == []


def test_jinshan_phones_come_from_the_phone_column(tmp_path: Path) -> None:
    """金山 row 11 prints 67961792 and row 16 two numbers; the 12366 hotline is never added where none is printed."""
    out, c = _draft("jinshan-2023", tmp_path)
    drafted = {m["id"]: m for m in yaml.safe_load(out.read_text(encoding="utf-8"))["measures"]}
    assert drafted["jinshan-2099-11"]["contact"]["phone"] == "67961792"
    assert drafted["jinshan-2099-16"]["contact"]["phone"] == "23110675、23110794"
    assert "phone" not in drafted["jinshan-2099-5"]["contact"]
    assert drafted["jinshan-2099-5"]["contact"]["note"] == "联系相应贷款银行进行咨询"
    assert c.phones.total == 27


def test_qingpu_clause_numbering_follows_the_document(tmp_path: Path) -> None:
    """青浦 六、4. holds several measures: 6.4a, 6.4b …; its 8% rate on 技改 investment is drafted as percent."""
    out, _ = _draft("qingpu-2023", tmp_path)
    drafted = {m["id"]: m for m in yaml.safe_load(out.read_text(encoding="utf-8"))["measures"]}
    six_four = sorted(i for i in drafted if i.startswith("qingpu-2099-6.4"))
    assert six_four[:2] == ["qingpu-2099-6.4a", "qingpu-2099-6.4b"]
    rates = [drafted[i]["amount"].get("rate") for i in six_four]
    assert 0.08 in rates
    assert all(drafted[i]["clause"] == "六、4." for i in six_four)
