"""The wizard's state without Qt: profile path, dirty flag, reference date, catalog, last report, contacts.

Pages and the wizard window read and change the work through this object (as Mu's ``Editor`` talks to its
view), so the rules — which date applies, when the work is "dirty", where letters go, when all documents
are out of force — are testable without a QApplication.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.contacts import ContactBook

if TYPE_CHECKING:
    from desktop_app.domain.catalog import Catalog
    from desktop_app.domain.matching import MatchReport
    from desktop_app.domain.profile import EnterpriseProfile


@dataclass(frozen=True, slots=True)
class EraNote:
    """Said when no loaded measure is in force on the reference date: the documents' period and a better date."""

    first: dt.date
    last: dt.date
    suggested: dt.date
    after: bool  # True: every document has ended; False: none has begun yet

    def text(self, as_of: dt.date) -> str:
        state = "均已到期" if self.after else "均尚未施行"
        return (
            f"参考日期 {as_of.isoformat()} 时，已加载的政策文件{state}"
            f"（有效期在 {self.first.isoformat()} 至 {self.last.isoformat()} 之间），因此没有可享受的措施。"
        )


def validity_spans(catalog: Catalog) -> list[tuple[dt.date, dt.date]]:
    """(start, end) of every loaded measure."""
    return [c.pack.validity_of(c.measure) for c in catalog.measures]


def suggested_reference_date(catalog: Catalog) -> dt.date | None:
    """The latest date on which the largest number of loaded measures is in force (None without measures).

    The count only changes at a start or just after an end, so those boundary dates are the only candidates.
    """
    spans = validity_spans(catalog)
    if not spans:
        return None
    candidates = {start for start, _ in spans} | {end for _, end in spans}
    counts = Counter({day: sum(start <= day <= end for start, end in spans) for day in candidates})
    best = max(counts.values())
    return max(day for day, count in counts.items() if count == best)


def era_note(catalog: Catalog, as_of: dt.date) -> EraNote | None:
    """An :class:`EraNote` when not one loaded measure is in force on ``as_of``; None otherwise."""
    spans = validity_spans(catalog)
    if not spans or any(start <= as_of <= end for start, end in spans):
        return None
    suggested = suggested_reference_date(catalog)
    assert suggested is not None
    first = min(start for start, _ in spans)
    last = max(end for _, end in spans)
    return EraNote(first=first, last=last, suggested=suggested, after=as_of > last)


@dataclass
class Session:
    """One piece of work: the profile being edited, where it lives, and what the wizard knows about it."""

    as_of: dt.date
    contacts: ContactBook = field(default_factory=ContactBook)
    catalog: Catalog | None = None
    profile_path: Path | None = None
    last_report: MatchReport | None = None
    dirty: bool = False
    #: The output folder the user chose for this profile (saved in the profile); None: derived from the name.
    chosen_output: Path | None = None

    def reference_date_for(self, profile: EnterpriseProfile) -> dt.date:
        """The profile's own reference date when it records one, else the session's."""
        return profile.reference_date or self.as_of

    def era(self) -> EraNote | None:
        return era_note(self.catalog, self.as_of) if self.catalog is not None else None

    def match_job(self, profile: EnterpriseProfile) -> Callable[[], MatchReport]:
        """A match of ``profile`` on the date as it is now, for a worker thread (later changes do not reach it)."""
        from desktop_app.domain.matching import match

        catalog, as_of = self.catalog, self.as_of
        assert catalog is not None, "the catalog is not loaded yet"
        return lambda: match(profile, catalog, as_of=as_of)

    def match(self, profile: EnterpriseProfile) -> MatchReport:
        from desktop_app.domain.matching import match

        assert self.catalog is not None, "the catalog is not loaded yet"
        self.last_report = match(profile, self.catalog, as_of=self.as_of)
        return self.last_report

    def output_folder(self, *, root: Path, company: str | None) -> Path:
        """Where this profile's letters go: its own chosen folder, else ``root/<company name>``."""
        from desktop_app.fileio import safe_filename

        if self.chosen_output is not None:
            return self.chosen_output
        return root / safe_filename(company or "未命名企业")

    def opened(self, path: Path, *, output: Path | None) -> None:
        """A profile file was read: the work is now that file's, unchanged, its letters going to ``output``."""
        self.profile_path, self.chosen_output, self.dirty = path, output, False

    def saved(self, path: Path) -> bool:
        """The profile was written to ``path``: nothing is unsaved. True when that is another file than before."""
        moved = self.profile_path != path
        self.profile_path, self.dirty = path, False
        return moved

    def started_new(self) -> None:
        """新建: a profile without a file, nothing unsaved, letters going to the folder derived from the name."""
        self.profile_path, self.chosen_output, self.dirty = None, None, False

    def title(self) -> str:
        return self.profile_path.name if self.profile_path is not None else "新档案"
