"""Catalog-wide checks across every shipped pack, and how a broken pack is reported without stopping the rest."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from desktop_app import paths
from desktop_app.domain.catalog import (
    Catalog,
    PackError,
    check_sources,
    load_catalog,
    load_pack,
    parse_pack,
    shipped_pack_files,
)
from desktop_app.domain.policy import MEASURE_ID
from desktop_app.domain.profile import ANSWER_FIELDS, EnterpriseProfile
from tests.conftest import run_cli_in_process

REPO = Path(__file__).parents[2]
#: CI checks the repository out with shared/ beside it; the seeds are the documents as received.
SEEDS = Path(__file__).parents[3] / "shared" / "seeds"
#: The nationwide tax and social-insurance hotlines, the only numbers not taken from a document.
HOTLINES = {"12366", "12333"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The command, run in this process; test_check_command_passes keeps a real process."""
    return run_cli_in_process(*args, cwd=REPO)


def run_cli_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_app", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=REPO,
        timeout=120,
    )


def seed_texts() -> list[str]:
    """The seeds if reachable, otherwise their verbatim copies under resources/sources."""
    folder = SEEDS if SEEDS.is_dir() else paths.sources_dir()
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def phone_digits(part: str) -> str:
    """Digits of one number, without the Shanghai area code 021."""
    digits = re.sub(r"\D", "", part)
    return digits[3:] if digits.startswith("021") and len(digits) > 3 else digits


def printed_numbers() -> set[str]:
    """Every number printed in the seeds (hyphenated parts joined), as digits without 021."""
    numbers: set[str] = set()
    for text in seed_texts():
        numbers |= {phone_digits(token) for token in re.findall(r"\d+(?:-\d+)*", text)}
    return numbers


# ── (1) the shipped packs ──


def test_shipped_packs_load_and_quote_their_sources(catalog: Catalog) -> None:
    """Every shipped pack loads without problems and every excerpt is verbatim in its source text."""
    assert len(catalog.packs) == len(shipped_pack_files()) > 0
    assert check_sources(catalog) == []
    for pack in catalog.packs:
        assert pack.document.source_file, f"{pack.id} names no source text"
        assert (paths.sources_dir() / pack.document.source_file).is_file(), pack.document.source_file


def test_check_command_passes() -> None:
    """`catalog --check` on the shipped packs exits 0 and says 校验通过 (as a real process)."""
    proc = run_cli_process("catalog", "--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "校验通过" in proc.stdout


# ── (2) the source texts are the documents as received ──


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside the repository")
def test_every_source_text_is_a_seed_byte_for_byte() -> None:
    """Each resources/sources/*.txt is an unchanged copy of one seed."""
    seeds = {p.read_bytes() for p in SEEDS.glob("*.txt")}
    sources = sorted(paths.sources_dir().glob("*.txt"))
    assert sources
    for source in sources:
        assert source.read_bytes() in seeds, f"{source.name} differs from every seed"


# ── (3) phone numbers are never invented ──


def test_every_phone_is_printed_in_a_seed_or_a_hotline(catalog: Catalog) -> None:
    """A phone comes from the documents or is 12366/12333; `document` phones are printed in the pack's own text."""
    printed = printed_numbers()
    checked = 0
    for compiled in catalog.measures:
        contact, where = compiled.measure.contact, compiled.measure.id
        if contact.phone is None:
            assert contact.phone_source is None, where
            continue
        parts = [p for p in re.split(r"[、，,\s]+", contact.phone) if p]
        numbers = [phone_digits(p) for p in parts]
        assert numbers and all(numbers), (where, contact.phone)
        for number in numbers:
            assert number in HOTLINES or number in printed, f"{where}: {contact.phone} is in no seed"
            checked += 1
        source = paths.sources_dir() / (compiled.pack.document.source_file or "")
        own = re.sub(r"\D", "", source.read_text(encoding="utf-8")) if source.is_file() else ""
        if contact.phone_source == "hotline":
            # a hotline the document itself does not print (e.g. 12333 for 青浦 吸纳就业)
            assert set(numbers) <= HOTLINES, f"{where}: {contact.phone} is not a hotline"
        else:
            # printed in the pack's own document (金山 prints 021-12366 and 12333 in its phone column)
            assert contact.phone_source == "document", where
            assert all(n in own for n in numbers), f"{where}: {contact.phone} is not printed in its own document"
    assert checked > 0, "the 金山 table prints phone numbers, so some must be checked"


def test_phone_check_catches_an_invented_number() -> None:
    """The phone check itself can fail: a made-up number is not among the printed ones."""
    printed = printed_numbers()
    assert "67961792" in printed  # 金山 11
    assert phone_digits("021-12366") == "12366"
    assert "57921186" not in printed


# ── (4) measure ids ──


def test_measure_ids_are_unique_and_match_their_district() -> None:
    """Ids are unique across all packs, and each names its pack's district (and year)."""
    ids: Counter[str] = Counter()
    for path in shipped_pack_files():
        pack = load_pack(path)
        year = re.fullmatch(r"[a-z]+-(\d{4})", pack.id)
        for measure in pack.measures:
            ids[measure.id] += 1
            parts = MEASURE_ID.match(measure.id)
            assert parts is not None, measure.id
            assert parts.group(1) == pack.district.value, f"{measure.id} in {path.name}"
            if year:
                assert parts.group(2) == year.group(1), f"{measure.id} in {path.name}"
    assert ids
    assert [i for i, n in ids.items() if n > 1] == []


# ── (5) broken packs: exit 2, named file / measure / field, the others still load ──

BASE_PACK = textwrap.dedent(
    """\
    pack_format: 1
    id: test-broken
    district: jinshan
    document: {title: 测试文件, number: null, issuer: 测试单位, date: 2023-01-01, source_file: test-broken.txt}
    valid_from: 2023-01-01
    valid_until: 2023-12-31
    validity_excerpt: 测试有效期
    measures:
      - id: jinshan-2099-1
        title: 测试措施一
        summary: 测试。
        clause: 第1行
        excerpt: 测试措施一的原文摘录
        criteria:
          - id: hires
            label: 有招录人员
            expr: eligible_hires > 0
        amount: {kind: fixed, value: 1000}
        channel: {kind: 直接申请, detail: 向测试单位申请, from_document: false}
        contact: {units: [测试单位]}
      - id: jinshan-2099-2
        title: 测试措施二
        summary: 测试。
        clause: 第2行
        excerpt: 测试措施二的原文摘录
        validity: {valid_until: 2023-06-30}
        amount: {kind: fixed, value: 1000}
        channel: {kind: 直接申请, detail: 向测试单位申请, from_document: false}
        contact: {units: [测试单位]}
    """
)


# (case, replacements (old, new) applied to the base, the measure and the field the message must name)
BROKEN: list[tuple[str, list[tuple[str, str]], str, str]] = [
    ("unknown_field", [("    clause: 第2行\n", "    clause: 第2行\n    colour: red\n")], "jinshan-2099-2", "colour"),
    ("unknown_profile_field", [("eligible_hires > 0", "foo_bar > 1")], "jinshan-2099-1", "criteria.0.expr"),
    ("malformed_date", [("valid_until: 2023-06-30", "valid_until: 2023-13-45")], "jinshan-2099-2", "valid_until"),
    ("duplicate_ids", [("id: jinshan-2099-2", "id: jinshan-2099-1")], "jinshan-2099-1", "id"),
    (
        "invalid_yaml",
        [("    summary: 测试。\n    clause: 第2行", "    summary: a: b\n    clause: 第2行")],
        "jinshan-2099-2",
        "summary",
    ),
    (
        "yaml_alias",
        [
            ("    criteria:\n", "    criteria: &first\n"),
            (
                "    validity: {valid_until: 2023-06-30}\n",
                "    validity: {valid_until: 2023-06-30}\n    criteria: *first\n",
            ),
        ],
        "jinshan-2099-2",
        "criteria",
    ),
]


#: The source text of BASE_PACK, written beside it: every excerpt is in it word for word.
BASE_SOURCE = "测试有效期。测试措施一的原文摘录。测试措施二的原文摘录。"


def write_pack(folder: Path, name: str, text: str) -> Path:
    """Write a test pack and its source text into ``folder``."""
    (folder / "test-broken.txt").write_text(BASE_SOURCE, encoding="utf-8")
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def broken(replacements: list[tuple[str, str]]) -> str:
    text = BASE_PACK
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def test_base_of_the_broken_packs_is_valid(tmp_path: Path) -> None:
    """The unbroken test pack passes `catalog --check`, so each failure below comes from its one change."""
    path = write_pack(tmp_path, "base.yaml", BASE_PACK)
    proc = run_cli("catalog", "--check", "--pack", str(path))
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.parametrize(("case", "replacements", "measure", "field"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_pack_is_named_and_others_still_load(
    tmp_path: Path, catalog: Catalog, case: str, replacements: list[tuple[str, str]], measure: str, field: str
) -> None:
    """A broken pack makes `catalog --check` exit 2 naming file, measure and field; the rest still load."""
    path = write_pack(tmp_path, f"bad_{case}.yaml", broken(replacements))

    proc = run_cli("catalog", "--check", "--pack", str(path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith(path.name)]
    assert lines, proc.stdout
    assert any(f"措施 {measure}：" in line and re.search(f"字段 [^：]*{re.escape(field)}：", line) for line in lines), (
        lines
    )

    loaded = load_catalog([path])
    assert loaded.problems and {p.file for p in loaded.problems} == {path.name}
    assert {p.id for p in loaded.packs} == {p.id for p in catalog.packs}
    assert {m.measure.id for m in loaded.measures} == {m.measure.id for m in catalog.measures}


# ── (6) catalog --json ──


def test_catalog_json_shape(catalog: Catalog) -> None:
    """`catalog --json` prints {"measures": [...]}: source, validity, criteria, amount, channel and contact each."""
    proc = run_cli("catalog", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert set(data) == {"measures"}
    measures = data["measures"]
    assert sorted(m["id"] for m in measures) == sorted(m.measure.id for m in catalog.measures)
    for m in measures:
        assert {"id", "source", "audience", "validity", "criteria", "amount", "channel", "contact"} <= set(m), m["id"]
        assert {"title", "number", "clause", "excerpt"} <= set(m["source"])
        assert m["source"]["title"] and m["source"]["clause"] and m["source"]["excerpt"]
        assert m["audience"] in {"enterprise", "individual", "government"}
        assert {"from", "until", "excerpt"} <= set(m["validity"])
        assert m["validity"]["from"] <= m["validity"]["until"]
        assert isinstance(m["criteria"], list)
        assert "kind" in m["amount"]
        assert {"kind", "detail", "from_document"} <= set(m["channel"])
        assert {"units", "phone", "phone_source"} <= set(m["contact"])
    by_id = {m["id"]: m for m in measures}
    if "jinshan-2023-11" in by_id:
        assert by_id["jinshan-2023-11"]["contact"]["phone"] == "67961792"  # 金山 11
        assert by_id["jinshan-2023-3"]["validity"]["until"] == "2024-12-31"  # 金山 3: 至 2024 年 12 月 31 日


def test_catalog_json_stays_parseable_with_a_broken_pack(tmp_path: Path) -> None:
    """With a broken --pack, the problem goes to stderr and stdout is still the JSON document."""
    path = tmp_path / "broken.yaml"
    path.write_text("measures: [", encoding="utf-8")
    proc = run_cli("catalog", "--json", "--pack", str(path))
    assert proc.returncode == 0, proc.stderr
    assert "broken.yaml" in proc.stderr
    assert json.loads(proc.stdout)["measures"]


# ── docs/policy-packs.md stays true ──

DOC = REPO / "docs" / "policy-packs.md"


def test_annotated_example_in_the_docs_is_a_valid_pack(catalog: Catalog) -> None:
    """The annotated example in docs/policy-packs.md parses and equals the shipped 金山 row 3."""
    text = DOC.read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.S)
    assert example is not None
    pack = parse_pack(example.group(1), name="policy-packs.md")
    assert [m.id for m in pack.measures] == ["jinshan-2023-3"]
    shipped = catalog.by_id()["jinshan-2023-3"].measure
    assert pack.measures[0] == shipped


def test_field_table_in_the_docs_matches_the_profile() -> None:
    """Every row of the profile-field table names a field an expression may read, with its Chinese title, and
    every such field has a row (nine fields added for the fidelity review were missing):
    scripts/update_field_table.py writes the table, and its --check finds nothing to change."""
    spec = importlib.util.spec_from_file_location("update_field_table", REPO / "scripts" / "update_field_table.py")
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.main(["--check"]) == 0, "docs/policy-packs.md: run python scripts/update_field_table.py"
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- profile-fields:start -->")[1].split("<!-- profile-fields:end -->")[0]
    rows = re.findall(r"^\| `([a-z0-9_]+)` \| ([^|]+) \|", table, re.M)
    assert {name for name, _ in rows} == ANSWER_FIELDS
    for name, title in rows:
        assert name in ANSWER_FIELDS, f"docs/policy-packs.md lists {name}, which expressions cannot read"
        assert EnterpriseProfile.model_fields[name].title == title.strip(), name


SECOND_CRITERION = (
    "      - id: hires\n",
    "      - id: hires\n        label: 有招录人员\n        expr: eligible_hires > 0\n      - id: Bad-Id\n",
)
SHORT_RULE = "rules:\n  - {id: r1, kind: cap_total, measures: [jinshan-2099-1], cap: 10, label: 合计, excerpt: 合计}\n"


@pytest.mark.parametrize(
    ("replacement", "measure", "field"),
    [
        (SECOND_CRITERION, "jinshan-2099-1", "criteria.1.id"),
        (("measures:\n", SHORT_RULE + "measures:\n"), None, "rules.0.measures"),
    ],
    ids=["second_criterion", "first_rule"],
)
def test_a_problem_in_a_list_names_its_position(replacement: tuple[str, str], measure: str | None, field: str) -> None:
    """A field inside a list is named with its position (criteria.1.id), so the reader knows which entry to fix."""
    with pytest.raises(PackError) as caught:
        parse_pack(broken([replacement]), name="bad.yaml")
    problems = [(p.measure, p.field) for p in caught.value.problems]
    assert (measure, field) in problems, problems


def test_a_changed_pack_file_is_read_again(tmp_path: Path) -> None:
    """Packs are parsed once per text: reloading an edited file gives the edit, an unchanged one the same pack."""
    path = write_pack(tmp_path, "pack.yaml", BASE_PACK)
    first = load_catalog([path], shipped=False).packs[0]
    assert load_catalog([path], shipped=False).packs[0] is first
    path.write_text(BASE_PACK.replace("title: 测试措施一", "title: 改过的措施一"), encoding="utf-8")
    again = load_catalog([path], shipped=False).packs[0]
    assert [m.title for m in again.measures] == ["改过的措施一", "测试措施二"]
