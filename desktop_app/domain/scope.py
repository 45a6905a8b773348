"""Does a measure apply to this enterprise? The one scope rule: district, validity, audience."""

from __future__ import annotations

import datetime as dt
from enum import Enum

from desktop_app.domain.catalog import CompiledMeasure
from desktop_app.domain.policy import Audience
from desktop_app.domain.profile import District, EnterpriseProfile
from desktop_app.domain.status import Status


class OutOfScope(Enum):
    """Why a measure does not apply, in the order the rule checks it, with the result status each gives.

    Another district or another audience is 不适用; a date before or after the validity is 未施行 / 已过期.
    """

    other_district = ("other_district", Status.not_applicable)
    not_yet_valid = ("not_yet_valid", Status.not_yet_valid)
    expired = ("expired", Status.expired)
    not_for_enterprises = ("not_for_enterprises", Status.not_applicable)

    def __init__(self, key: str, status: Status) -> None:
        self.key = key
        self.status = status


def applies_to(compiled: CompiledMeasure, district: District | None) -> bool:
    """True when the measure's pack is for ``district``; an enterprise whose district is unknown sees every pack."""
    return district is None or compiled.pack.district.value == district.value


def out_of_scope(compiled: CompiledMeasure, *, district: District | None, as_of: dt.date) -> OutOfScope | None:
    """The first scope rule the measure breaks for an enterprise of ``district`` on ``as_of``, or None.

    District first (another district's measure is 不适用 whatever its dates), then validity, then the
    audience: a measure for 个人消费者 is not the enterprise's to claim.
    """
    if not applies_to(compiled, district):
        return OutOfScope.other_district
    start, end = compiled.pack.validity_of(compiled.measure)
    if as_of < start:
        return OutOfScope.not_yet_valid
    if as_of > end:
        return OutOfScope.expired
    if compiled.measure.audience is not Audience.enterprise:
        return OutOfScope.not_for_enterprises
    return None


def measure_applies(compiled: CompiledMeasure, *, profile: EnterpriseProfile, as_of: dt.date) -> bool:
    """True when the measure is for the profile's district, in force on ``as_of`` and meant for enterprises."""
    return out_of_scope(compiled, district=profile.district, as_of=as_of) is None
