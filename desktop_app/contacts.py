"""The contacts table: phones a service center enters for units whose documents print none.

One JSON shape, ``{"contacts": {"区经委": "021-…"}}``, shared by the wizard's settings (stored per user at
``paths.user_contacts_file()``) and the `fill` / `batch` option ``--contacts FILE``. Letters mark these
phones as user-entered; they are used only where the policy document gives no number.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

#: The same shape policy packs accept for a phone: digits, dashes, separators.
PHONE_PATTERN = re.compile(r"^[0-9\-、， ]{5,40}$")


class ContactsError(Exception):
    """A contacts file that cannot be used; ``message`` is Chinese and says what to fix."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_contacts(data: Any, *, strict: bool) -> dict[str, str]:
    """``{unit: phone}`` from parsed JSON. ``strict`` raises on a bad entry; otherwise bad entries are dropped."""
    contacts = data.get("contacts") if isinstance(data, dict) else None
    if not isinstance(contacts, dict):
        if strict:
            raise ContactsError('联系电话表格式不正确：应为 {"contacts": {"责任单位": "电话"}}')
        return {}
    out: dict[str, str] = {}
    for unit, phone in contacts.items():
        name = str(unit).strip()
        number = phone.strip() if isinstance(phone, str) else ""
        if name and PHONE_PATTERN.match(number):
            out[name] = number
        elif strict:
            raise ContactsError(f"联系电话表中“{name or '（空单位名）'}”的电话 {phone!r} 无效：只能含数字、“-”和“、”")
    return out


def read_contacts(path: Path) -> dict[str, str]:
    """Read a contacts file for the command line; raises :class:`ContactsError` with a Chinese message."""
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise ContactsError(f"找不到联系电话表：{path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        raise ContactsError(f"联系电话表 {path} 不是有效的 UTF-8 JSON 文件") from None
    return parse_contacts(data, strict=True)


def contacts_json(contacts: dict[str, str]) -> str:
    return json.dumps({"contacts": dict(sorted(contacts.items()))}, ensure_ascii=False, indent=2) + "\n"
