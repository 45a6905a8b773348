"""The contacts table: phones a service center enters for units whose documents print none.

One JSON shape, shared by the wizard's settings (stored per user at ``paths.user_contacts_file()``) and the
`fill` / `batch` option ``--contacts FILE``::

    {"contacts": {"区经委": "021-…"},                       # any district (the original shape)
     "by_district": {"jinshan": {"区财政局": "021-57920000"}}}   # one district's units

"区财政局" is a different office in each district, so the wizard writes district entries; files with only
``contacts`` still load. Letters mark these phones as user-entered; they are used only where the policy
document gives no number.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.errors import UserError

#: The same shape policy packs accept for a phone: digits, dashes, separators.
PHONE_PATTERN = re.compile(r"^[0-9\-、， ]{5,40}$")


class ContactsError(UserError):
    """A contacts file that cannot be used; ``message`` is Chinese and says what to fix."""


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


@dataclass
class ContactBook:
    """User-entered phones: ``general`` for every district, ``by_district[district][unit]`` for one."""

    general: dict[str, str] = field(default_factory=dict)
    by_district: dict[str, dict[str, str]] = field(default_factory=dict)

    def for_district(self, district: str | None) -> dict[str, str]:
        """``{unit: phone}`` that applies to ``district``: its own entries over the general ones."""
        if district is None:
            return dict(self.general)
        return {**self.general, **self.by_district.get(district, {})}

    def rows(self) -> list[tuple[str | None, str, str]]:
        """(district or None, unit, phone), general entries first."""
        out: list[tuple[str | None, str, str]] = [(None, u, p) for u, p in sorted(self.general.items())]
        for district in sorted(self.by_district):
            out += [(district, u, p) for u, p in sorted(self.by_district[district].items())]
        return out

    def set(self, district: str | None, unit: str, phone: str) -> None:
        if district is None:
            self.general[unit] = phone
        else:
            self.by_district.setdefault(district, {})[unit] = phone

    def __bool__(self) -> bool:
        return bool(self.general) or any(self.by_district.values())


def parse_contact_book(data: Any, *, strict: bool) -> ContactBook:
    """Both keys of a contacts file; a file with only ``contacts`` gives general entries only."""
    book = ContactBook(general=parse_contacts(data, strict=strict) if _has_general(data) else {})
    districts = data.get("by_district") if isinstance(data, dict) else None
    if districts is None:
        return book
    if not isinstance(districts, dict):
        if strict:
            raise ContactsError('联系电话表的 by_district 格式不正确：应为 {"区代码": {"责任单位": "电话"}}')
        return book
    for district, entries in districts.items():
        parsed = parse_contacts({"contacts": entries}, strict=strict)
        if parsed:
            book.by_district[str(district)] = parsed
    return book


def _has_general(data: Any) -> bool:
    """A file may hold only district entries; then the missing ``contacts`` key is no error."""
    return not (isinstance(data, dict) and "contacts" not in data and "by_district" in data)


def book_json(book: ContactBook) -> str:
    data: dict[str, Any] = {"contacts": dict(sorted(book.general.items()))}
    if any(book.by_district.values()):
        data["by_district"] = {d: dict(sorted(e.items())) for d, e in sorted(book.by_district.items()) if e}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


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
