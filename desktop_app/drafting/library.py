"""The pack manager's logic without Qt: describe and check a pack file, and edit a draft measure by measure
(confirm, modify, delete) keeping the file's comments, the original as .bak, every write atomic."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from desktop_app import fileio, paths
from desktop_app.reading import describe_os_error

_ITEM = re.compile(r"^  - id:\s*['\"]?([^'\"\s#]+)")
_COMMENT = re.compile(r"^  #")
_REVIEW = re.compile(r"^(    review:\s*)(draft|reviewed)\s*$")


@dataclass(slots=True)
class PackEntry:
    """One pack file as the manager lists it."""

    path: Path
    enabled: bool
    title: str = ""
    number: str | None = None
    date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_until: dt.date | None = None
    reviewed: int = 0
    drafts: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_pack(path: Path) -> list[str]:
    """What `catalog --check --pack path` reports for this file (empty when it passes)."""
    from desktop_app.domain.catalog import check_sources, load_catalog

    catalog = load_catalog([path])
    problems = [str(p) for p in catalog.problems if p.file == path.name]
    problems += [str(p) for p in check_sources(catalog) if p.file == path.name]
    return problems


def describe(path: Path, *, enabled: bool) -> PackEntry:
    """Title, 文号, date, validity, reviewed / draft counts and check result of one pack file."""
    entry = PackEntry(path, enabled)
    entry.problems = check_pack(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return entry
    if not isinstance(data, dict):
        return entry
    raw_document = data.get("document")
    document: dict[str, Any] = raw_document if isinstance(raw_document, dict) else {}
    entry.title = str(document.get("title") or path.name)
    entry.number = document.get("number")
    entry.date = document.get("date") if isinstance(document.get("date"), dt.date) else None
    for key in ("valid_from", "valid_until"):
        value = data.get(key)
        setattr(entry, key, value if isinstance(value, dt.date) else None)
    for m in data.get("measures") or []:
        if isinstance(m, dict):
            if m.get("review") == "draft":
                entry.drafts += 1
            else:
                entry.reviewed += 1
    return entry


def load_library(enabled: list[str]) -> list[tuple[str, bool]]:
    """Every pack the manager knows (the library file plus the enabled ones), with its enabled flag."""
    known: list[str] = []
    try:
        data = json.loads(paths.user_pack_library_file().read_text(encoding="utf-8"))
        known = [p for p in data.get("packs", []) if isinstance(p, str)]
    except (OSError, ValueError, AttributeError):
        known = []
    for p in enabled:
        if p not in known:
            known.append(p)
    return [(p, p in enabled) for p in known]


def save_library(packs: list[str]) -> None:
    fileio.atomic_write_text(paths.user_pack_library_file(), json.dumps({"packs": packs}, ensure_ascii=False, indent=2))


@dataclass(slots=True)
class _Block:
    measure_id: str
    start: int  # first line (its comment block included)
    end: int  # one past the last line


class DraftFile:
    """A pack's YAML as lines, edited one measure block at a time so that comments survive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines = path.read_text(encoding="utf-8-sig").split("\n")

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def _blocks(self) -> list[_Block]:
        starts: list[tuple[int, str]] = []
        for i, line in enumerate(self.lines):
            if m := _ITEM.match(line):
                first = i
                while first > 0 and _COMMENT.match(self.lines[first - 1]):
                    first -= 1
                starts.append((first, m.group(1)))
        blocks = []
        for n, (first, mid) in enumerate(starts):
            end = starts[n + 1][0] if n + 1 < len(starts) else len(self.lines)
            blocks.append(_Block(mid, first, end))
        return blocks

    def _block(self, measure_id: str) -> _Block:
        for block in self._blocks():
            if block.measure_id == measure_id:
                return block
        raise KeyError(measure_id)

    def measures(self) -> list[dict[str, Any]]:
        data = yaml.safe_load(self.text) or {}
        return [m for m in data.get("measures") or [] if isinstance(m, dict)]

    def comments(self, measure_id: str) -> list[str]:
        block = self._block(measure_id)
        return [ln.strip()[1:].strip() for ln in self.lines[block.start : block.end] if _COMMENT.match(ln)]

    def set_reviewed(self, measure_id: str) -> None:
        """确认: review: draft → reviewed (the line is added when the measure has none)."""
        block = self._block(measure_id)
        for i in range(block.start, block.end):
            if m := _REVIEW.match(self.lines[i]):
                self.lines[i] = f"{m.group(1)}reviewed"
                return
        item = next(i for i in range(block.start, block.end) if _ITEM.match(self.lines[i]))
        self.lines.insert(item + 1, "    review: reviewed")

    def delete(self, measure_id: str) -> None:
        """删除: the measure and its comment block go."""
        block = self._block(measure_id)
        del self.lines[block.start : block.end]

    def measure_text(self, measure_id: str) -> str:
        """The measure's YAML (without its comment block), for 修改."""
        block = self._block(measure_id)
        return "\n".join(ln for ln in self.lines[block.start : block.end] if not _COMMENT.match(ln)).rstrip()

    def replace(self, measure_id: str, text: str) -> None:
        """修改: put ``text`` (a YAML list item starting with "  - id:") in place of the measure, comments kept."""
        block = self._block(measure_id)
        comments = [ln for ln in self.lines[block.start : block.end] if _COMMENT.match(ln)]
        new = [ln.rstrip() for ln in text.strip("\n").split("\n")]
        if not new or not _ITEM.match(new[0]):
            raise ValueError("修改后的内容应以“  - id: 措施编号”开头（两个空格缩进），请检查缩进")
        self.lines[block.start : block.end] = [*comments, *new, ""]

    def problems(self) -> list[str]:
        """What the pack check says about the edited text (it is checked beside the original file)."""
        from desktop_app.domain.catalog import PackError, check_sources, load_catalog, parse_pack

        try:
            parse_pack(self.text, name=self.path.name)
        except PackError as exc:
            return [str(p) for p in exc.problems]
        probe = self.path.with_name(f".{self.path.stem}.check.yaml")
        try:
            fileio.atomic_write_text(probe, self.text)
            catalog = load_catalog([probe])
            found = [str(p).replace(probe.name, self.path.name) for p in check_sources(catalog) if p.file == probe.name]
            found += [str(p).replace(probe.name, self.path.name) for p in catalog.problems if p.file == probe.name]
            return found
        finally:
            probe.unlink(missing_ok=True)

    def save(self) -> None:
        """Write atomically; the file as it was before the first save is kept as ``<name>.bak``."""
        backup = self.path.with_name(self.path.name + ".bak")
        if not backup.exists() and self.path.exists():
            try:
                original = self.path.read_bytes()
            except OSError as exc:
                reason = describe_os_error(exc)
                raise fileio.WriteError(
                    f"无法备份 {self.path.name}：{reason}，请检查文件权限后重试", path=backup
                ) from exc
            fileio.atomic_write_bytes(backup, original)
        fileio.atomic_write_text(self.path, self.text)
