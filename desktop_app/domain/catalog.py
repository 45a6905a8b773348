"""Load and check policy packs: the shipped ones and any a user adds. A broken pack never stops the others."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import yaml
from pydantic import ValidationError

from desktop_app import paths
from desktop_app.domain.amounts import amount_expressions
from desktop_app.domain.expressions import CompiledExpression, ExpressionError, compile_expression
from desktop_app.domain.pack_messages import VALIDATION_MESSAGES, yaml_problem
from desktop_app.domain.policy import Measure, PolicyPack
from desktop_app.domain.profile import ANSWER_FIELDS
from desktop_app.errors import UserError
from desktop_app.reading import FileReadError, read_limited

MAX_PACK_BYTES = 2 * 1024 * 1024
#: A source text is a whole policy document as plain text: a few hundred KB at most.
MAX_SOURCE_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class PackProblem:
    """One thing wrong with a pack: which file, which measure, which field, and what."""

    file: str
    message: str
    measure: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.measure:
            parts.append(f"措施 {self.measure}")
        if self.field:
            parts.append(f"字段 {self.field}")
        return "：".join(parts) + f"：{self.message}"


class PackError(UserError):
    def __init__(self, problems: Sequence[PackProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = list(problems)


_ALIAS_MESSAGE = "政策包中不允许使用 YAML 别名（*引用）"


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases, so a file cannot expand itself (billion laughs)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, _ALIAS_MESSAGE, event.start_mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        """A key given twice is an error naming both lines, not "the last one wins"."""
        if isinstance(node, yaml.MappingNode):
            self.flatten_mapping(node)
            seen: dict[Any, int] = {}
            for key_node, _value in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else id(key_node)
                if key in seen:
                    message = f"键 {key} 重复（第 {seen[key] + 1} 行已有同名的键）"
                    raise yaml.constructor.ConstructorError(None, None, message, key_node.start_mark)
                seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


# Dates stay text for pydantic to parse: PyYAML would raise a bare ValueError on 2023-13-45, naming nothing.
_NoAliasLoader.yaml_implicit_resolvers = {
    first: [r for r in resolvers if r[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_MEASURES_KEY = re.compile(r"^measures\s*:\s*(#.*)?$")
_ITEM_ID = re.compile(r"^(\s*)-\s+id\s*:\s*[\"']?([^\"'\s#]+)")
_LINE_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*:")


def _locate_line(text: str, line: int) -> tuple[str | None, str | None]:
    """For a YAML error on ``line`` (0-based): the id of the measure around it and the key on that line."""
    lines = text.splitlines()
    if not 0 <= line < len(lines):
        return None, None
    key = _LINE_KEY.match(lines[line])
    start = next((i for i, t in enumerate(lines) if _MEASURES_KEY.match(t)), None)
    measure = None
    if start is not None and line > start:
        items = [(i, m) for i in range(start + 1, line + 1) if (m := _ITEM_ID.match(lines[i]))]
        if items:
            indent = len(items[0][1].group(1))  # the first item under measures: sets the list's indent
            measure = next((m.group(2) for _, m in reversed(items) if len(m.group(1)) == indent), None)
    return measure, key.group(1) if key else None


def _duplicate_id_problems(name: str, data: dict[str, Any]) -> list[PackProblem]:
    """Repeated measure ids, each named with its field, before the model's own (file-wide) check."""
    measures = data.get("measures")
    if not isinstance(measures, list):
        return []
    ids = [str(m["id"]) for m in measures if isinstance(m, dict) and "id" in m]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    return [PackProblem(name, "措施编号重复，每项措施的编号必须唯一", d, "id") for d in dupes]


@dataclass(slots=True)
class CompiledCriterion:
    id: str
    label: str
    expressions: tuple[CompiledExpression, ...]
    any_of: bool
    fields: frozenset[str]
    confirm: str | None = None
    confirm_when: CompiledExpression | None = None


@dataclass(slots=True)
class CompiledMeasure:
    """A measure with its expressions compiled once per catalog load."""

    pack: PolicyPack
    measure: Measure
    criteria: tuple[CompiledCriterion, ...]
    amount_fields: frozenset[str]
    notes: tuple[str, ...]

    @property
    def fields(self) -> frozenset[str]:
        out: set[str] = set(self.amount_fields)
        for c in self.criteria:
            out |= c.fields
        return frozenset(out)


@dataclass(slots=True)
class Catalog:
    """Every loaded pack, its compiled measures, and the problems of the packs that did not load."""

    packs: list[PolicyPack] = field(default_factory=list)
    measures: list[CompiledMeasure] = field(default_factory=list)
    problems: list[PackProblem] = field(default_factory=list)
    files: dict[str, Path] = field(default_factory=dict)

    def by_id(self) -> dict[str, CompiledMeasure]:
        return {m.measure.id: m for m in self.measures}

    def get(self, measure_id: str) -> CompiledMeasure | None:
        return self.by_id().get(measure_id)


def _measure_id_at(data: Any, loc: tuple[Any, ...]) -> str | None:
    if len(loc) >= 2 and loc[0] == "measures" and isinstance(loc[1], int) and isinstance(data, dict):
        measures = data.get("measures")
        if isinstance(measures, list) and loc[1] < len(measures) and isinstance(measures[loc[1]], dict):
            return str(measures[loc[1]].get("id", f"#{loc[1] + 1}"))
        return f"#{loc[1] + 1}"
    return None


def _validation_problems(name: str, data: Any, exc: ValidationError) -> list[PackProblem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        measure = _measure_id_at(data, loc)
        rest = loc[2:] if measure else loc
        # list positions stay in the path (criteria.1.id), counted from 0 like the expression checks
        path = ".".join(str(p) for p in rest) or "(整个文件)"
        kind = err["type"]
        if kind == "extra_forbidden":
            message = "未知字段（请检查拼写，或参阅 docs/policy-packs.md）"
        elif kind == "missing":
            message = "缺少必填字段"
        elif kind.startswith("date"):
            message = f"日期格式不正确（应为 YYYY-MM-DD）：{err.get('input')!r}"
        else:
            message = VALIDATION_MESSAGES.get(kind) or err["msg"].removeprefix("Value error, ")
        problems.append(PackProblem(name, message, measure, path))
    return problems


def _expression_problems(name: str, pack: PolicyPack) -> list[PackProblem]:
    problems: list[PackProblem] = []

    def check(measure_id: str | None, where: str, source: str) -> None:
        try:
            expr = compile_expression(source)
        except ExpressionError as exc:
            problems.append(PackProblem(name, str(exc), measure_id, where))
            return
        unknown = sorted(expr.fields - ANSWER_FIELDS)
        if unknown:
            problems.append(
                PackProblem(name, f"表达式引用了企业档案中不存在的字段：{', '.join(unknown)}", measure_id, where)
            )

    for measure in pack.measures:
        for i, criterion in enumerate(measure.criteria):
            for j, source in enumerate(criterion.expressions()):
                suffix = "expr" if criterion.expr is not None else f"any_of.{j}"
                check(measure.id, f"criteria.{i}.{suffix}", source)
        for source in amount_expressions(measure.amount):
            check(measure.id, "amount", source)
    return problems


def parse_pack(text: str, *, name: str) -> PolicyPack:
    """Parse and validate one pack's YAML text. Raises :class:`PackError` listing every problem.

    A text met before (under the same name) is not parsed again: every window, batch worker and command
    reloads the catalog, and the pure-Python YAML loader (needed to refuse aliases) takes most of that
    time. The pack is a frozen model, so sharing it is safe; a changed file is a new text.
    """
    return _parse_pack_text(text, name)


@lru_cache(maxsize=32)
def _parse_pack_text(text: str, name: str) -> PolicyPack:
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行：" if mark is not None else ""
        problem = yaml_problem(getattr(exc, "problem", None) or str(exc))
        measure, key = _locate_line(text, mark.line) if mark is not None else (None, None)
        if problem == _ALIAS_MESSAGE:
            advice = "请把引用处写成完整内容"
        elif problem.startswith("键 "):
            advice = "请删除或合并重复的一项"
        else:
            advice = "请检查该行的缩进、冒号和引号"
        message = f"YAML 格式错误，{where}{problem}。{advice}"
        raise PackError([PackProblem(name, message, measure, key)]) from None
    except (ValueError, RecursionError):
        raise PackError([PackProblem(name, "文件内容无法解析（数值或嵌套层级无效），请检查 YAML 格式")]) from None
    if not isinstance(data, dict):
        raise PackError([PackProblem(name, "文件内容不是政策包（应为 YAML 映射）")])
    duplicates = _duplicate_id_problems(name, data)
    if duplicates:
        raise PackError(duplicates)
    try:
        pack = PolicyPack.model_validate(data)
    except ValidationError as exc:
        raise PackError(_validation_problems(name, data, exc)) from None
    problems = _expression_problems(name, pack) + _source_name_problems(name, pack)
    if problems:
        raise PackError(problems)
    return pack


def _source_name_problems(name: str, pack: PolicyPack) -> list[PackProblem]:
    """``document.source_file`` is a plain file name: it is looked up in two known folders, nowhere else."""
    source = pack.document.source_file
    if plain_file_name(source):
        return []
    message = (
        f"原文文件名 {source!r} 无效：只能写文件名（如 jinshan-2023.txt），不能带路径、盘符或“..”；"
        "文件放在政策包旁边或 resources/sources/ 中"
    )
    return [PackProblem(name, message, None, "document.source_file")]


def plain_file_name(text: str) -> bool:
    """A bare file name on both Windows and POSIX: no folder, drive, UNC share, ``..`` or control character."""
    if not text or text != text.strip() or text in (".", "..") or any(ord(ch) < 32 for ch in text):
        return False
    return PurePosixPath(text).name == text and PureWindowsPath(text).name == text and ":" not in text


def load_pack(path: Path) -> PolicyPack:
    """Read and validate one pack file (at most :data:`MAX_PACK_BYTES`)."""
    name = path.name
    try:
        text = read_limited(path, limit=MAX_PACK_BYTES, what="政策包").decode("utf-8-sig")
    except FileReadError as exc:
        raise PackError([PackProblem(name, exc.message)]) from None
    except UnicodeDecodeError:
        raise PackError([PackProblem(name, "文件不是 UTF-8 文本")]) from None
    return parse_pack(text, name=name)


def compile_measure(pack: PolicyPack, measure: Measure) -> CompiledMeasure:
    from desktop_app.domain.amounts import amount_fields

    criteria = []
    for c in measure.criteria:
        exprs = tuple(compile_expression(s) for s in c.expressions())
        fields: set[str] = set()
        for e in exprs:
            fields |= e.fields
        when = compile_expression(c.confirm_when) if c.confirm_when else None
        if when is not None:
            fields |= when.fields
        criteria.append(
            CompiledCriterion(c.id, c.label, exprs, c.any_of is not None, frozenset(fields), c.confirm, when)
        )
    return CompiledMeasure(pack, measure, tuple(criteria), amount_fields(measure.amount), tuple(pack.notes))


def shipped_pack_files() -> list[Path]:
    return sorted(paths.policies_dir().glob("*.yaml"))


def load_catalog(extra: Iterable[Path] = (), *, shipped: bool = True) -> Catalog:
    """Load the shipped packs and ``extra`` ones. Broken packs land in ``problems``; the rest still load."""
    catalog = Catalog()
    files = (shipped_pack_files() if shipped else []) + list(extra)
    seen_ids: dict[str, str] = {}
    for path in files:
        try:
            pack = load_pack(path)
        except PackError as exc:
            catalog.problems.extend(exc.problems)
            continue
        clashes = sorted(m.id for m in pack.measures if m.id in seen_ids)
        if pack.id in {p.id for p in catalog.packs} or clashes:
            what = f"政策包编号 {pack.id}" if not clashes else f"措施编号 {', '.join(clashes)}"
            catalog.problems.append(PackProblem(path.name, f"{what} 与已加载的政策包重复，未加载"))
            continue
        catalog.packs.append(pack)
        catalog.files[pack.id] = path
        for measure in pack.measures:
            seen_ids[measure.id] = pack.id
            catalog.measures.append(compile_measure(pack, measure))
    return catalog


def normalise(text: str) -> str:
    """Whitespace-free text, for comparing excerpts with the source document."""
    return re.sub(r"\s+", "", text)


def _source_path(file_name: str, pack_folder: Path) -> Path | None:
    """The source text in the shipped sources or beside the pack; never a link that leads out of its folder."""
    for folder in (paths.sources_dir(), pack_folder):
        candidate = folder / file_name
        try:
            if candidate.is_file() and candidate.resolve().parent == folder.resolve():
                return candidate
        except OSError:
            continue
    return None


def check_sources(catalog: Catalog) -> list[PackProblem]:
    """Every excerpt must be verbatim (whitespace aside) in the pack's source document."""
    problems: list[PackProblem] = []
    for pack in catalog.packs:
        name = catalog.files[pack.id].name
        source_file = pack.document.source_file
        if not plain_file_name(source_file or ""):  # a pack built in code, not read by parse_pack
            problems.extend(_source_name_problems(name, pack))
            continue
        source_path = _source_path(source_file, catalog.files[pack.id].parent)
        if source_path is None:
            message = f"找不到原文文件 {source_file}（应在 resources/sources/ 或政策包所在的文件夹中）"
            problems.append(PackProblem(name, message, None, "document.source_file"))
            continue
        try:
            source = normalise(read_limited(source_path, limit=MAX_SOURCE_BYTES, what="原文文件").decode("utf-8"))
        except FileReadError as exc:
            problems.append(PackProblem(name, exc.message, None, "document.source_file"))
            continue
        except UnicodeDecodeError:
            problems.append(PackProblem(name, f"原文文件 {source_file} 不是 UTF-8 文本", None, "document.source_file"))
            continue
        texts: list[tuple[str | None, str, str]] = [(None, "validity_excerpt", pack.validity_excerpt)]
        for m in pack.measures:
            texts.append((m.id, "excerpt", m.excerpt))
            if m.validity and m.validity.excerpt:
                texts.append((m.id, "validity.excerpt", m.validity.excerpt))
        for rule in pack.rules:
            texts.append((None, f"rules.{rule.id}.excerpt", rule.excerpt))
        for measure_id, where, text in texts:
            if normalise(text) not in source:
                problems.append(PackProblem(name, "摘录不是原文的逐字内容", measure_id, where))
    return problems
