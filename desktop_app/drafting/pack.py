"""Assemble a drafted pack from a document and write it as commented YAML beside the document's text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from desktop_app.drafting import structure
from desktop_app.drafting.drafter import DraftMeasure, draft_clause
from desktop_app.drafting.reader import read_document
from desktop_app.errors import UserError

DISTRICTS = ("qingpu", "jiading", "baoshan", "jinshan")
PACK_ID = re.compile(r"^(qingpu|jiading|baoshan|jinshan)-(\d{4})$")


class DraftError(UserError):
    """Bad input for a draft (Chinese message naming the option or file)."""


@dataclass(slots=True)
class DraftResult:
    pack_id: str
    yaml_text: str
    source_text: str
    source_name: str
    measures: list[DraftMeasure] = field(default_factory=list)
    header: structure.Header | None = None


def check_options(*, district: str, pack_id: str) -> None:
    if district not in DISTRICTS:
        raise DraftError(f"--district {district} 不正确：应为 {' / '.join(DISTRICTS)} 之一")
    m = PACK_ID.match(pack_id)
    if m is None:
        raise DraftError(f"--id {pack_id} 不正确：应为“区-四位年份”，例如 {district}-2024")
    if m.group(1) != district:
        raise DraftError(f"--id {pack_id} 的区与 --district {district} 不一致，请改为 {district}-{m.group(2)}")


def _validity(head: structure.Header, text: str, drafts: list[DraftMeasure]) -> tuple[dt.date, dt.date, str, str]:
    """The pack's period: as stated, or presumed from the document's year (and said so in a comment)."""
    if head.valid_until and head.validity_excerpt:
        start = head.valid_from or head.date or dt.date(head.valid_until.year, 1, 1)
        return start, head.valid_until, head.validity_excerpt, "原文写明有效期"
    title_line = next((ln.strip() for ln in text.split("\n") if re.sub(r"\s", "", ln) == head.title), head.title)
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", text)]
    if "十四五" in head.title:
        return (
            dt.date(2021, 1, 1),
            dt.date(2025, 12, 31),
            title_line,
            "原文未写有效期：按“十四五”期间（2021—2025年）推定，请核对",
        )
    year = head.date.year if head.date else (max(set(years), key=years.count) if years else dt.date.today().year)
    start = head.date or dt.date(year, 1, 1)
    return start, dt.date(year, 12, 31), title_line, f"原文未写有效期：按文件年份 {year} 年推定，请核对"


class _NoAliasDumper(yaml.SafeDumper):
    """Packs may not use anchors and aliases (the loader refuses them), so repeated values are written out."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def _dump(value: object) -> str:
    return yaml.dump(
        value, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=100000, default_flow_style=False
    )


def _comment(draft: DraftMeasure) -> str:
    lines = [f"  # ── 草稿 {draft.data['id']}（{draft.data['clause']}）：review: draft，审核后改为 reviewed ──"]
    lines += [f"  # 已识别：{note}" for note in draft.recognised] or ["  # 已识别：（无）"]
    lines += [f"  # 未识别/待核对：{note}" for note in draft.unrecognised]
    return "\n".join(line.replace("\n", " ") for line in lines)


def build_yaml(
    *, head: structure.Header, pack_id: str, district: str, source_name: str, text: str, drafts: list[DraftMeasure]
) -> str:
    start, until, excerpt, reason = _validity(head, text, drafts)
    document = {"title": head.title, "number": head.number, "issuer": head.issuer or "（原文未写发文单位）"}
    document["date"] = head.date  # type: ignore[assignment]
    document["source_file"] = source_name
    top = {
        "pack_format": 1,
        "id": pack_id,
        "district": district,
        "document": document,
        "valid_from": start,
        "valid_until": until,
        "validity_excerpt": excerpt,
        "notes": [],
        "rules": [],
    }
    lines = [
        f"# 由 policy-assistant draft-pack 从《{head.title}》起草的政策包草稿（{dt.date.today().isoformat()}）。",
        "# 每项措施都标为 review: draft：匹配时显示为“草稿（待审核）”，不会判为符合条件，也不生成申请书。",
        "# 请逐项对照原文核对金额、日期、条件、渠道和电话，确认后把 review 改为 reviewed。",
        f"# 有效期：{reason}。",
        f"# 文号：{'原文写明' if head.number else '原文未写'}；发文日期：{'原文写明' if head.date else '原文未写'}。",
        _dump(top).rstrip("\n"),
        "measures:",
    ]
    for draft in drafts:
        lines.append(_comment(draft))
        item = _dump([draft.data]).rstrip("\n")
        lines.append("\n".join("  " + ln for ln in item.split("\n")))
        lines.append("")
    if not drafts:
        lines.append("  []  # 没有找到写明对企业扶持的条款")
    return "\n".join(lines) + "\n"


def draft_pack(
    document: Path,
    *,
    district: str,
    pack_id: str,
    source_name: str,
    progress: Callable[[int, int, str], None] | None = None,
) -> DraftResult:
    """Read ``document`` and draft its pack; ``source_name`` is the file the text will be saved as."""
    check_options(district=district, pack_id=pack_id)
    text = read_document(document)
    head = structure.header(text)
    clauses = structure.clauses(text)
    drafts: list[DraftMeasure] = []
    for i, clause in enumerate(clauses):
        if progress is not None:
            progress(i, len(clauses), clause.label)
        drafts += draft_clause(clause, pack_id=pack_id, issuer=head.issuer)
    if progress is not None:
        progress(len(clauses), len(clauses), "完成")
    yaml_text = build_yaml(
        head=head, pack_id=pack_id, district=district, source_name=source_name, text=text, drafts=drafts
    )
    return DraftResult(pack_id, yaml_text, text, source_name, drafts, head)


def source_name_for(out: Path) -> str:
    """The document text is saved beside the draft as ``<draft>.source.txt``: the excerpts are checked against it."""
    return f"{out.stem}.source.txt"


def write_draft(result: DraftResult, out: Path) -> None:
    from desktop_app import fileio

    fileio.atomic_write_text(out.parent / result.source_name, result.source_text)
    fileio.atomic_write_text(out, result.yaml_text)
