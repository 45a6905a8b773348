"""Reading and writing profile files: validation messages, schema-version migration, atomic saves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from desktop_app.domain.profile import SCHEMA_VERSION, EnterpriseProfile, ProfileError


def describe_validation_error(exc: ValidationError) -> ProfileError:
    """Turn pydantic's error into one Chinese line that names the field path."""
    first = exc.errors()[0]
    path = ".".join(str(part) for part in first["loc"]) or "(整个文件)"
    field_name = str(first["loc"][0]) if first["loc"] else ""
    info = EnterpriseProfile.model_fields.get(field_name)
    title = f"（{info.title}）" if info is not None and info.title else ""
    kind = first["type"]
    ctx = first.get("ctx") or {}
    if kind == "extra_forbidden":
        reason = "不是企业档案中的字段，请检查拼写"
    elif kind in ("greater_than_equal", "greater_than"):
        reason = f"不能小于 {ctx.get('ge', ctx.get('gt'))}"
    elif kind in ("less_than_equal", "less_than"):
        reason = f"不能大于 {ctx.get('le', ctx.get('lt'))}"
    elif kind in ("literal_error", "enum"):
        reason = f"取值无效，可选：{ctx.get('expected', '')}"
    elif kind == "finite_number":
        reason = "应为有限的数字（不能是无穷大或 NaN）"
    elif kind.startswith(("int_", "float_", "decimal_")):
        reason = "应为数字"
    elif kind.startswith("bool"):
        reason = "应为 true（是）或 false（否）"
    elif kind.startswith(("date", "datetime")):
        reason = "应为日期，格式 YYYY-MM-DD"
    elif kind == "value_error":
        reason = str(ctx.get("error", first["msg"]))
    elif kind in ("string_type", "list_type", "model_type", "dict_type"):
        reason = "类型不正确"
    elif kind == "string_too_long":
        reason = f"过长（最多 {ctx.get('max_length')} 个字符）"
    elif kind in ("too_long", "too_short"):
        reason = "项数不对"
    else:
        reason = f"取值无效（{kind}），请检查"
    return ProfileError(f"字段 {path}{title}：{reason}", field=path)


def profile_version(data: Any) -> int:
    """The schema version a parsed profile claims. A file without one (hand-written, exported) is version 0."""
    if not isinstance(data, dict):
        raise ProfileError("文件内容不是企业档案（应为 JSON 对象）", field="(整个文件)")
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        raise ProfileError("字段 schema_version：应为非负整数", field="schema_version")
    if version > SCHEMA_VERSION:
        raise ProfileError(
            f"字段 schema_version：档案格式版本 {version} 比本程序支持的 {SCHEMA_VERSION} 新，请升级本程序",
            field="schema_version",
        )
    return version


def profile_from_data(data: Any) -> EnterpriseProfile:
    """Validate parsed JSON as a profile, migrating older schema versions in memory."""
    profile_version(data)
    data = migrate(data)
    try:
        return EnterpriseProfile.model_validate(data)
    except ValidationError as exc:
        raise describe_validation_error(exc) from None


def _from_unversioned(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 (no schema_version, e.g. written by hand or by a spreadsheet export) has the v1 fields."""
    return dict(data)


#: MIGRATIONS[n] turns a version-n profile into version n+1. Add one step per format change.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_unversioned}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a profile of any older version up to :data:`SCHEMA_VERSION`, one step at a time."""
    version = profile_version(data)
    out = dict(data)
    while version < SCHEMA_VERSION:
        out = MIGRATIONS[version](out)
        version += 1
        out["schema_version"] = version
    return out


def upgrade_profile_file(path: Path) -> tuple[EnterpriseProfile, Path | None]:
    """Open a profile for editing; if it is of an older version, keep the original as ``.bak`` and rewrite it.

    Returns the profile and the backup's path (None when nothing was migrated). The file is left
    untouched when it cannot be read or validated.
    """
    from desktop_app.fileio import atomic_write_bytes

    profile = load_profile(path)
    raw = _read_profile_bytes(path)
    version = profile_version(json.loads(raw.decode("utf-8-sig")))
    if version == SCHEMA_VERSION:
        return profile, None
    backup = path.with_name(path.name + ".bak")
    atomic_write_bytes(backup, raw)
    save_profile(path, profile)
    return profile, backup


class _DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A key given twice ({"district": "jinshan", "district": "baoshan"}) would silently keep the last one."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def load_profile(path: Path) -> EnterpriseProfile:
    """Read and validate a profile file. Raises :class:`ProfileError` with a Chinese message."""
    raw = _read_profile_bytes(path)
    try:
        text = raw.decode("utf-8-sig")
        data = json.loads(text, object_pairs_hook=_refuse_duplicates)
    except _DuplicateKey as exc:
        raise ProfileError(
            f"档案文件中“{exc.key}”出现了两次，无法确定以哪一处为准：请在文件中删去多余的一处后重试",
            field=exc.key,
        ) from None
    except RecursionError:
        raise ProfileError("档案文件的嵌套层级过深，不是本程序的档案", field="(整个文件)") from None
    except UnicodeDecodeError:
        raise ProfileError("档案文件不是 UTF-8 文本，无法读取", field="(整个文件)") from None
    except json.JSONDecodeError as exc:
        raise ProfileError(
            f"档案文件不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列）：文件可能不完整或已损坏",
            field="(整个文件)",
        ) from None
    except ValueError:  # an integer of thousands of digits (Python refuses to convert it)
        raise ProfileError("档案文件中有位数过多的数字（超过 4300 位），请检查文件", field="(整个文件)") from None
    return profile_from_data(data)


#: A profile is a few KB; anything larger is not one (a device, a log, a wrong file).
MAX_PROFILE_BYTES = 4 * 1024 * 1024


def _read_profile_bytes(path: Path) -> bytes:
    from desktop_app.reading import FileReadError, read_limited

    try:
        path.stat()
    except FileNotFoundError:
        raise ProfileError(f"找不到档案文件：{path}") from None
    except OSError:
        pass  # read_limited says what, in Chinese
    try:
        return read_limited(path, limit=MAX_PROFILE_BYTES, what="档案文件")
    except FileReadError as exc:
        raise ProfileError(exc.message) from None


def profile_to_json(profile: EnterpriseProfile) -> str:
    """Serialise a profile as pretty UTF-8 JSON, keeping unanswered fields out of the file."""
    data = profile.model_dump(mode="json", exclude_none=True)
    data["schema_version"] = SCHEMA_VERSION
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def save_profile(path: Path, profile: EnterpriseProfile) -> Path:
    """Write a profile atomically (temp file, fsync, replace). Raises fileio.WriteError."""
    from desktop_app.fileio import atomic_write_text

    return atomic_write_text(path, profile_to_json(profile))
