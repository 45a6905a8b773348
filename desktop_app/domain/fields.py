"""The field registry: each profile field once, its facts from the model and its wording from forms/fields.yaml.

The model (:class:`~desktop_app.domain.profile.EnterpriseProfile`) says what a field is: its type, the values
it takes, its unit, its bounds and its name (``title``). forms/fields.yaml says how the wizard asks for it:
the question (``label``), its help, the options' wording and the unit money is typed in (``display_unit``).
The questionnaire, the wizard's editors and the batch sheet's columns are all built from :func:`profile_field`.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Any, Literal

import yaml
from annotated_types import Ge, Le
from pydantic.fields import FieldInfo

from desktop_app import paths
from desktop_app.domain.profile import EnterpriseProfile, field_title, field_unit
from desktop_app.errors import UserError

#: How a field is answered; the questionnaire's ``type``.
FieldKind = Literal["text", "integer", "year", "money", "number", "percent", "date", "choice", "multi", "yesno"]
#: Units money may be typed in (stored in 元).
DISPLAY_UNITS = ("元", "万元", "亿元")
#: Bookkeeping, not an answer: no wording, never asked, never a column.
UNLISTED = frozenset({"schema_version"})
_FIELD_KEYS = frozenset({"label", "label_en", "help", "help_en", "display_unit", "options"})
_OPTION_KEYS = frozenset({"label", "label_en", "help", "help_en"})


class FieldRegistryError(UserError):
    """forms/fields.yaml does not fit the profile model; ``message`` is Chinese and names the field."""


@dataclass(frozen=True, slots=True)
class Choice:
    """One value a choice field takes, with its wording. ``aliases`` are other spellings a sheet may use."""

    value: Any
    label: str
    label_en: str | None = None
    help: str = ""
    help_en: str | None = None
    aliases: tuple[str, ...] = ()

    def text(self, language: str = "zh_CN") -> str:
        return (self.label_en or self.label) if language == "en" else self.label


@dataclass(frozen=True, slots=True)
class ProfileField:
    """Everything about one profile field. Bounds and unit are in the stored unit (元 for money)."""

    name: str
    kind: FieldKind
    title: str
    label: str
    label_en: str | None = None
    help: str = ""
    help_en: str | None = None
    unit: str | None = None
    display_unit: str | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    options: tuple[Choice, ...] = ()

    def header(self, unit: str | None = None) -> str:
        """A sheet header: the title and, in brackets, ``unit`` (default: the unit a person types in)."""
        shown = unit or self.display_unit or self.unit
        return f"{self.title}（{shown}）" if shown else self.title

    def choice(self, value: Any) -> Choice | None:
        return next((c for c in self.options if same_value(c.value, value)), None)


def same_value(a: Any, b: Any) -> bool:
    """Option values compare with their type: True is not 1."""
    return type(a) is type(b) and a == b


# --- what the model says ---------------------------------------------------------------------------------


def _parts(annotation: Any) -> tuple[Any, list[Any]]:
    """``X | None`` and ``Annotated[X, ...]`` down to ``X``, with the metadata met on the way."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *meta = typing.get_args(annotation)
            metadata += meta
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            if len(args) != 1:
                return annotation, metadata
            annotation = args[0]
        else:
            return annotation, metadata


def _extras(info: FieldInfo, metadata: list[Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for extra in [*(getattr(m, "json_schema_extra", None) for m in metadata), info.json_schema_extra]:
        if isinstance(extra, dict):
            out.update(extra)
    return out


def _values(annotation: Any) -> list[Any] | None:
    if typing.get_origin(annotation) is Literal:
        return list(typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return list(annotation)
    return None


def _bounds(info: FieldInfo, metadata: list[Any]) -> tuple[Decimal | None, Decimal | None]:
    low = high = None
    for item in [*info.metadata, *metadata, *(m for meta in metadata for m in getattr(meta, "metadata", ()))]:
        if isinstance(item, Ge):
            low = Decimal(str(item.ge))
        elif isinstance(item, Le):
            high = Decimal(str(item.le))
    return low, high


def _kind(base: Any, extras: Mapping[str, Any]) -> FieldKind:
    if typing.get_origin(base) is list:
        return "multi"
    if _values(base) is not None:
        return "choice"
    if base is bool:
        return "yesno"
    if base is dt.date:
        return "date"
    if base is int:
        return "year" if extras.get("kind") == "year" else "money" if extras.get("unit") == "元" else "integer"
    if base is float:
        return "percent" if extras.get("unit") == "%" else "number"
    return "text"


# --- the registry ----------------------------------------------------------------------------------------


class FieldRegistry(Mapping[str, ProfileField]):
    """Every listed profile field by name, in the model's order."""

    def __init__(self, fields: dict[str, ProfileField]) -> None:
        self._fields = fields

    def __getitem__(self, name: str) -> ProfileField:
        return self._fields[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._fields)

    def __len__(self) -> int:
        return len(self._fields)

    # One registry per loaded file: compared (and cached on) by identity, not by its fields.
    def __eq__(self, other: object) -> bool:
        return self is other

    __hash__ = object.__hash__


def load_fields(path: Path | None = None) -> FieldRegistry:
    """The registry with the wording of ``path`` (default forms/fields.yaml). Raises :class:`FieldRegistryError`."""
    path = path or paths.fields_file()
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        raise FieldRegistryError(f"找不到字段表 {path}，请重新安装本程序") from None
    return _load_cached(str(path), stamp)


def profile_field(name: str) -> ProfileField:
    """One field of the shipped registry. Raises KeyError for a name the profile does not have."""
    return load_fields()[name]


@cache
def _load_cached(path: str, _mtime: int) -> FieldRegistry:
    where = Path(path).name
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise FieldRegistryError(f"字段表 {where} 无法读取（{type(exc).__name__}），请检查文件") from None
    if not isinstance(data, dict) or set(data) != {"fields"} or not isinstance(data["fields"], dict):
        raise FieldRegistryError(f"字段表 {where} 有误：应只有一项 fields，其下按字段名列出各字段")
    try:
        return FieldRegistry(_build(data["fields"]))
    except ValueError as exc:
        raise FieldRegistryError(f"字段表 {where} 有误：{exc}") from None


def _build(entries: dict[Any, Any]) -> dict[str, ProfileField]:
    names = [n for n in EnterpriseProfile.model_fields if n not in UNLISTED]
    unknown = sorted(str(n) for n in entries if n not in names)
    if unknown:
        raise ValueError(f"{'、'.join(unknown)} 不是企业档案中的字段，请检查拼写")
    missing = [n for n in names if n not in entries]
    if missing:
        raise ValueError(f"缺少字段 {'、'.join(missing)}（每个档案字段都要有一项，没有说明时写 {{}}）")
    return {name: _field(name, entries[name] or {}) for name in names}


def _text(name: str, key: str, value: Any, *, where: str = "") -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"字段 {name}{where} 的 {key} 应为非空文字")
    return value


def _field(name: str, entry: Any) -> ProfileField:
    if not isinstance(entry, dict):
        raise ValueError(f"字段 {name} 应为一组键值（label、help、options 等）")
    extra = sorted(str(k) for k in set(entry) - _FIELD_KEYS)
    if extra:
        raise ValueError(f"字段 {name} 有不认识的项 {'、'.join(extra)}（可用：{'、'.join(sorted(_FIELD_KEYS))}）")
    info = EnterpriseProfile.model_fields[name]
    base, metadata = _parts(info.annotation)
    extras = _extras(info, metadata)
    kind = _kind(base, extras)
    low, high = _bounds(info, metadata)
    display_unit = entry.get("display_unit")
    if display_unit is not None and (kind != "money" or display_unit not in DISPLAY_UNITS):
        raise ValueError(
            f"字段 {name} 的 display_unit {display_unit!r} 无效：只有金额字段可写，且只能是 万元、亿元 或 元"
        )
    words = {key: _text(name, key, entry[key]) for key in ("label", "label_en", "help", "help_en") if key in entry}
    values = _values(typing.get_args(base)[0] if kind == "multi" else base)
    return ProfileField(
        name=name,
        kind=kind,
        title=field_title(name),
        label=words.get("label", field_title(name)),
        label_en=words.get("label_en"),
        help=words.get("help", ""),
        help_en=words.get("help_en"),
        unit=field_unit(name),
        display_unit=display_unit,
        minimum=low,
        maximum=high,
        options=_options(name, values, entry.get("options")),
    )


def _options(name: str, values: list[Any] | None, given: Any) -> tuple[Choice, ...]:
    """The model's values in its order, each with its wording; a value the model does not take is refused."""
    if values is None:
        if given is not None:
            raise ValueError(f"字段 {name} 不是选择题，不能有 options")
        return ()
    if not isinstance(given, dict):
        raise ValueError(f"字段 {name} 是选择题，缺少 options（每个可取的值一项）")
    plain = [v.value if isinstance(v, Enum) else v for v in values]
    for key in given:
        if not any(same_value(key, v) for v in plain):
            raise ValueError(
                f"字段 {name} 的选项 {key!r} 不是企业档案该字段可取的值（可取：{'、'.join(map(str, plain))}），请改正"
            )
    out = []
    for value, stored in zip(values, plain, strict=True):
        key = next((k for k in given if same_value(k, stored)), None)
        if key is None:
            raise ValueError(f"字段 {name} 的可取值 {stored!r} 没有选项文字，请在 options 中补上")
        words = given[key] or {}
        if not isinstance(words, dict) or set(words) - _OPTION_KEYS:
            raise ValueError(f"字段 {name} 的选项 {stored!r} 只能写 {'、'.join(sorted(_OPTION_KEYS))}")
        own = getattr(value, "label", None)  # District names itself (青浦区)
        where = f" 的选项 {stored!r}"
        label = (
            own
            if isinstance(own, str) and "label" not in words
            else _text(name, "label", words.get("label"), where=where)
        )
        out.append(
            Choice(
                value=stored,
                label=label,
                label_en=_text(name, "label_en", words["label_en"], where=where) if "label_en" in words else None,
                help=_text(name, "help", words["help"], where=where) if "help" in words else "",
                help_en=_text(name, "help_en", words["help_en"], where=where) if "help_en" in words else None,
                aliases=(label.removesuffix("区"),) if isinstance(value, Enum) and label.endswith("区") else (),
            )
        )
    return tuple(out)
