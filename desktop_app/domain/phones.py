"""The one contact resolver: which unit to call and which phone, with where the number comes from.

Used by `match`, `explain`, the wizard's results and the letters, so that all of them show a unit and a phone
the same way. A phone comes from the document, from a national hotline (labelled as one), or from the user's
contacts table (only where the document prints none); otherwise it is left blank, never invented.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

from desktop_app.domain.policy import Measure
from desktop_app.domain.profile import DISTRICT_LABELS, District
from desktop_app.domain.status import hotline_name

PhoneSource = Literal["document", "hotline", "user", "none"]

PHONE_SOURCE_NOTES: dict[PhoneSource, str] = {
    "document": "政策原文所载",
    "hotline": "公共服务热线，非政策原文所载",
    "user": "用户填写，非政策原文所载",
    "none": "政策原文未载联系电话",
}


@dataclass(frozen=True, slots=True)
class ResolvedContact:
    """Units as a reader should address them (区经委 → 金山区经委) and the phone to call."""

    units: str
    phone: str | None
    source: PhoneSource
    hotline: str | None
    receiver: str

    @property
    def phone_text(self) -> str:
        """The phone as every view prints it: 57921185 / 纳税服务热线 12366 / 021-12366（纳税服务热线） / —."""
        if self.phone is None:
            return "（原文未载）"
        if self.hotline and self.source == "hotline":
            return f"{self.hotline} {self.phone}"
        if self.hotline:
            return f"{self.phone}（{self.hotline}）"
        if self.source == "user":
            return f"{self.phone}（用户填写）"
        return self.phone


def unit_name(unit: str, district: District) -> str:
    """区经委 in a 金山 document is 金山区经委: name the district so the letter reaches the right office."""
    label = DISTRICT_LABELS[district.value]
    if unit.startswith("区") and label.endswith("区"):
        return f"{label[:-1]}{unit}"
    return unit


def resolve_contact(
    measure: Measure, district: District, user_contacts: Mapping[str, str] | None = None
) -> ResolvedContact:
    """The contact for ``measure`` of a ``district`` pack; ``user_contacts`` maps a unit to a user-entered phone."""
    contact = measure.contact
    units = "、".join(unit_name(u, district) for u in contact.units)
    phone = contact.phone
    source: PhoneSource = contact.phone_source or "none"
    if phone is None and user_contacts:
        for unit in contact.units:
            given = (user_contacts.get(unit) or user_contacts.get(unit_name(unit, district)) or "").strip()
            if given:
                phone, source = given, "user"
                break
    if phone is None:
        source = "none"
    return ResolvedContact(
        units=units, phone=phone, source=source, hotline=hotline_name(phone), receiver=receiving_unit(measure, district)
    )


_APPLY_TO = re.compile(r"向(.+?)(?:提出|递交|提交)?申请")


def receiving_unit(measure: Measure, district: District) -> str:
    """The office that receives applications (受理部门): the one the channel names (金山 22: 向市经信委申请),
    else the responsible units. 责任单位 is not always 受理部门."""
    found = _APPLY_TO.search(measure.channel.detail)
    if found:
        return unit_name(found.group(1).strip(), district)
    return "、".join(unit_name(u, district) for u in measure.contact.units)
