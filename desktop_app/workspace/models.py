"""The typed values the workspace repository takes and returns (no SQL, no Qt)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.errors import UserError

if TYPE_CHECKING:
    from desktop_app.domain.profile import EnterpriseProfile


class WorkspaceError(UserError):
    """Something the user must fix (a bad file, an unknown enterprise, a refused ledger step); Chinese."""


class LedgerState(str, Enum):
    """Where an application stands: 待申报 → 已提交 → 已受理 → 已兑现 / 未通过 / 放弃."""

    pending = "待申报"
    submitted = "已提交"
    accepted = "已受理"
    paid = "已兑现"
    rejected = "未通过"
    withdrawn = "放弃"

    @property
    def label(self) -> str:
        return self.value

    @property
    def rank(self) -> int:
        """Order along the way; the three endings share the last rank."""
        return min(list(LedgerState).index(self), 3)

    @property
    def final(self) -> bool:
        return self.rank == 3

    @classmethod
    def parse(cls, text: str) -> LedgerState:
        """A label (已提交) or a name (submitted). Raises :class:`WorkspaceError`."""
        for state in cls:
            if text.strip() in (state.value, state.name):
                return state
        options = "、".join(s.value for s in cls)
        raise WorkspaceError(f"申报状态“{text}”无法识别，可选：{options}")


@dataclass(frozen=True, slots=True)
class Enterprise:
    """One registered enterprise with its validated profile."""

    id: int
    name: str | None
    credit_code: str | None
    district: str | None
    profile: EnterpriseProfile
    profile_hash: str
    created_at: str
    updated_at: str

    @property
    def display_name(self) -> str:
        return self.name or self.credit_code or f"#{self.id}"


@dataclass(frozen=True, slots=True)
class OpenMeasure:
    """A measure still open for an enterprise on the summary's date (eligible, or not ruled out yet)."""

    measure_id: str
    title: str
    status: str  # Status.value
    valid_until: dt.date
    channel: str
    amount_min: Decimal | None  # eligible measures only; None where no amount is known
    amount_max: Decimal | None


@dataclass(frozen=True, slots=True)
class Summary:
    """The cached match of one profile against one catalog on one reference date."""

    enterprise_id: int
    profile_hash: str
    catalog_hash: str
    as_of: dt.date
    counts: dict[str, int]  # Status.value -> number of measures
    total_min: Decimal
    total_max: Decimal | None  # None when some eligible amount has no upper limit
    open_max: bool
    nearest_deadline: dt.date | None
    measures: tuple[OpenMeasure, ...]


@dataclass(frozen=True, slots=True)
class LedgerEvent:
    """One appended step of an application."""

    id: int
    enterprise_id: int
    measure_id: str
    state: LedgerState
    date: dt.date
    amount: Decimal | None
    note: str | None
    who: str
    files: tuple[str, ...]
    recorded_at: str


@dataclass(frozen=True, slots=True)
class EnterpriseRow:
    """One line of `workspace list`: the enterprise, its summary (None when not matched yet), its ledger."""

    id: int
    name: str | None
    credit_code: str | None
    district: str | None
    summary: Summary | None
    ledger: dict[str, int] = field(default_factory=dict)  # LedgerState.value -> measures in that state


@dataclass(frozen=True, slots=True)
class Deadline:
    """A measure open for an enterprise that ends soon, with its ledger state."""

    enterprise_id: int
    enterprise_name: str
    measure: OpenMeasure
    days_left: int
    ledger_state: LedgerState | None


@dataclass(frozen=True, slots=True)
class RejectedRow:
    number: int
    name: str | None
    error: str


@dataclass(slots=True)
class ImportReport:
    """What an import did, row by row."""

    source: Path
    added: list[int] = field(default_factory=list)  # row numbers
    updated: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    enterprise_ids: list[int] = field(default_factory=list)  # every enterprise the sheet names
    warnings: list[str] = field(default_factory=list)  # from reading the sheet (e.g. merged cells filled)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged) + len(self.rejected)
