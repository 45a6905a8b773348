"""Issue 13 item 4 and the smaller pack items: packs are checked by running them; keys, sources and reads bounded."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest

from desktop_app.domain.catalog import Catalog, PackError, check_sources, load_catalog, load_pack
from desktop_app.domain.dry_run import boundary_values, dry_run_problems
from desktop_app.domain.profile import District
from tests.domain.test_catalog import BASE_PACK, broken, run_cli, write_pack

# ── dry run: an expression the sandbox refuses, or that fails on some answer, fails the check ──

#: (case, replacement in BASE_PACK, the field the message must name)
FAILING = [
    ("sandbox-refusal", ("eligible_hires > 0", "('x' * return_bus_cost) != ''"), "criteria.0.expr"),
    ("format-bomb", ("eligible_hires > 0", "('{0:>999999999}'.format(eligible_hires)) != ''"), "criteria.0.expr"),
    ("division-by-zero", ("eligible_hires > 0", "100 / eligible_hires > 1"), "criteria.0.expr"),
    ("text-against-number", ("eligible_hires > 0", "size_class > 3"), "criteria.0.expr"),
    (
        "amount-is-text",
        (
            "amount: {kind: fixed, value: 1000}\n",
            "amount: {kind: formula, min: \"'%s' % eligible_hires\", basis: 测试}\n",
        ),
        "amount",
    ),
]


@pytest.mark.parametrize(("case", "change", "field"), FAILING, ids=[f[0] for f in FAILING])
def test_check_runs_every_expression(tmp_path: Path, case: str, change: tuple[str, str], field: str) -> None:
    """`catalog --check` exits 2 naming file, measure and field for an expression that only fails when evaluated."""
    path = write_pack(tmp_path, f"{case}.yaml", broken([change]))
    assert load_catalog([path], shipped=False).problems == []  # it compiles: only running it shows the fault
    proc = run_cli("catalog", "--check", "--pack", str(path))
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    lines = [line for line in proc.stdout.splitlines() if line.startswith(path.name)]
    assert any(f"措施 jinshan-2099-1：字段 {field}：试算失败" in line for line in lines), proc.stdout


def test_shipped_packs_pass_the_dry_run(catalog: Catalog) -> None:
    """Every criterion and amount of the shipped packs evaluates without error at every boundary answer."""
    assert dry_run_problems(catalog) == []


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("hitech_valid", [True, False]),
        ("eligible_hires", [0, 1, 10**5]),
        ("return_bus_cost", [0, 1, 10**13]),
        ("dcmm_level", [0, 1, 5]),
        ("output_first_crossed", [0, 500_000_000, 1_000_000_000, 5_000_000_000]),
        ("green_national", [[], ["park"], ["park", "factory", "supply_chain", "product"]]),
        ("district", list(District)),
        ("pv_capacity_kw", [0.0, 1.0, 1e7, 0.5]),
    ],
)
def test_boundary_values_come_from_the_profile_types(field: str, expected: list[object]) -> None:
    """Sample answers are the type's bounds: booleans both ways, every choice, 0/min/max, empty and full lists."""
    assert boundary_values(field) == expected


# ── duplicate keys ──


@pytest.mark.parametrize(
    ("change", "lines"),
    [
        (("    clause: 第1行\n", "    clause: 第1行\n    title: 另一个标题\n"), ("第 13 行", "第 10 行")),
        (("valid_until: 2023-12-31\n", "valid_until: 2023-12-31\nvalid_until: 2024-12-31\n"), ("第 7 行", "第 6 行")),
    ],
)
def test_duplicate_keys_are_errors(tmp_path: Path, change: tuple[str, str], lines: tuple[str, str]) -> None:
    """A key given twice is an error naming its line (PyYAML alone silently keeps the last one)."""
    path = write_pack(tmp_path, "dupe.yaml", broken([change]))
    with pytest.raises(PackError) as info:
        load_pack(path)
    message = str(info.value)
    assert "重复" in message and all(line in message for line in lines), message
    assert run_cli("catalog", "--check", "--pack", str(path)).returncode == 2


def test_yaml_type_tags_are_refused_in_chinese(tmp_path: Path) -> None:
    """`!!python/object` tags are refused with a Chinese reason (not "could not determine a constructor")."""
    marker = tmp_path / "ran"
    text = broken([("summary: 测试。\n", f"summary: !!python/object/apply:os.system ['touch {marker}']\n")])
    path = write_pack(tmp_path, "tag.yaml", text)
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert "不支持的类型标签" in str(info.value) and "constructor" not in str(info.value)
    assert not marker.exists()


# ── document.source_file ──

BAD_SOURCES = ["/etc/passwd", "../test-broken.txt", "..", "C:\\sources\\x.txt", "\\\\evil\\share\\x.txt"]
BAD_SOURCES += ["sub/test-broken.txt", "c:test-broken.txt", "..\\..\\x.txt", ""]


@pytest.mark.parametrize("source", BAD_SOURCES)
def test_source_file_must_be_a_plain_name(tmp_path: Path, source: str) -> None:
    """A path, drive, UNC share or `..` in document.source_file makes the pack invalid, naming the field."""
    escaped = source.replace("\\", "\\\\")
    path = write_pack(tmp_path, "src.yaml", broken([("source_file: test-broken.txt", f'source_file: "{escaped}"')]))
    with pytest.raises(PackError) as info:
        load_pack(path)
    assert any(p.field == "document.source_file" for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("value", ["null", None])
def test_source_file_is_required(tmp_path: Path, value: str | None) -> None:
    """`source_file: null` or no source_file is an error, so the excerpt check can never be skipped."""
    new = "" if value is None else f", source_file: {value}"
    path = write_pack(tmp_path, "src.yaml", broken([(", source_file: test-broken.txt", new)]))
    with pytest.raises(PackError) as info:
        load_pack(path)
    problem = next(p for p in info.value.problems if p.field == "document.source_file")
    assert re.search("缺少必填字段|应为文字", problem.message), problem


def test_source_link_out_of_the_folder_is_not_read(tmp_path: Path) -> None:
    """A source text that is a symlink to /dev/zero is reported, quickly, without being read."""
    folder = tmp_path / "packs"
    folder.mkdir()
    path = write_pack(folder, "link.yaml", BASE_PACK)
    (folder / "test-broken.txt").unlink()
    os.symlink("/dev/zero", folder / "test-broken.txt")
    catalog = load_catalog([path], shipped=False)
    start = time.perf_counter()
    problems = check_sources(catalog)
    assert time.perf_counter() - start < 1.0
    assert [p.field for p in problems] == ["document.source_file"]


# ── bounded reads ──


def test_pack_that_is_dev_zero_is_refused_quickly(tmp_path: Path) -> None:
    """A pack that is a symlink to /dev/zero is refused at once as not a regular file, not read forever."""
    path = tmp_path / "zero.yaml"
    os.symlink("/dev/zero", path)
    start = time.perf_counter()
    with pytest.raises(PackError, match="不是普通文件"):
        load_pack(path)
    assert time.perf_counter() - start < 1.0


def test_huge_pack_is_refused_after_a_bounded_read(tmp_path: Path) -> None:
    """A 1 GB (sparse) file given as a pack is refused as too large after reading at most 2 MB."""
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(1024**3)
    start = time.perf_counter()
    with pytest.raises(PackError, match="过大"):
        load_pack(path)
    assert time.perf_counter() - start < 1.0


def test_pack_in_a_missing_folder_names_the_reason_in_chinese(tmp_path: Path) -> None:
    """ "Not a directory" comes out in Chinese, with the file named."""
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    with pytest.raises(PackError) as info:
        load_pack(plain / "pack.yaml")
    message = str(info.value)
    assert "路径中有一部分不是文件夹" in message and "Not a directory" not in message
