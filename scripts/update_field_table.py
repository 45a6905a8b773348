"""Write the profile-field table of docs/policy-packs.md (八、条件中可用的企业档案字段) from the profile model.

Run: python scripts/update_field_table.py [--check]
Every field an expression may read gets a row, in the model's order, with its Chinese title and its type
in words. --check exits 1 when the table in the docs is not the generated one.
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from pathlib import Path
from typing import Any

from pydantic.fields import FieldInfo

from desktop_app.domain.profile import ANSWER_FIELDS, EnterpriseProfile

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "policy-packs.md"
START, END = "<!-- profile-fields:start -->", "<!-- profile-fields:end -->"


def _choices(values: list[Any]) -> str:
    return "、".join(f"`{v!r}`" for v in values)


def _values(annotation: Any) -> list[Any] | None:
    if typing.get_origin(annotation) is typing.Literal:
        return list(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return [member.value for member in annotation]
    return None


def _unit(field: FieldInfo) -> str | None:
    extra = field.json_schema_extra
    return str(extra["unit"]) if isinstance(extra, dict) and "unit" in extra else None


def type_words(field: FieldInfo) -> str:
    """How the docs say a field's type: 是/否, 整数（元）, 取值之一：…, 列表，元素取自：…"""
    annotation, unit = field.annotation, None
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        annotation = next(a for a in args if a is not type(None))
    if typing.get_origin(annotation) is typing.Annotated:
        annotation, *extras = typing.get_args(annotation)
        unit = next((_unit(e) for e in extras if isinstance(e, FieldInfo) and _unit(e)), None)
    unit = unit or _unit(field)
    suffix = f"（{unit}）" if unit else ""
    if annotation is bool:
        return "是/否（`true`/`false`）"
    if annotation is int:
        return f"整数{suffix}"
    if annotation is float:
        return f"数值{suffix}"
    values = _values(annotation)
    if values is not None:
        return f"取值之一：{_choices(values)}"
    if typing.get_origin(annotation) in (list, tuple, frozenset, set):
        inner = _values(typing.get_args(annotation)[0])
        if inner is not None:
            return f"列表，元素取自：{_choices(inner)}"
    raise SystemExit(f"update_field_table.py 不认识字段类型：{field.annotation!r}，请在 type_words 中补上")


def table() -> str:
    """The table between the markers, header included."""
    lines = ["| 字段 | 中文名称 | 类型 |", "| --- | --- | --- |"]
    for name, field in EnterpriseProfile.model_fields.items():
        if name in ANSWER_FIELDS:
            lines.append(f"| `{name}` | {field.title} | {type_words(field)} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    new = f"{head}{START}\n{table()}\n{END}{tail}"
    if "--check" in argv:
        if new != text:
            print("docs/policy-packs.md 的字段表与企业档案模型不一致：请运行 python scripts/update_field_table.py")
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
