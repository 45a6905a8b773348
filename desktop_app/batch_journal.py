"""The batch run journal: which company went to which folder, and which are complete, for reruns and --resume.

A hidden file in the output folder (:data:`JOURNAL_NAME`), one JSON object a line, appended by the
calling process as each company finishes (fsync'd), so a run killed at any moment leaves a journal
that is true up to the last finished company; a half-written last line is ignored. A rerun gives each
company its previous folder again; with ``resume`` a complete one is skipped.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_app.batch import Outcome, Settings, Task

JOURNAL_NAME = ".policy-assistant-batch.jsonl"
_AMOUNTS = ("total_min", "total_max")


def records(out: Path) -> list[dict[str, Any]]:
    """The journal's records in ``out`` (empty when there is none or it is unreadable)."""
    from desktop_app.staging import load_json_lines

    return [r for r in load_json_lines(Path(out) / JOURNAL_NAME) if isinstance(r.get("key"), str)]


def folders_of_previous_run(out: Path) -> dict[str, str]:
    """Company key -> the folder name a previous run in ``out`` gave it."""
    return {r["key"]: str(r["folder"]) for r in records(out) if isinstance(r.get("folder"), str)}


def fingerprint(task: Task, settings: Settings) -> str:
    """What a company's documents depend on: its answers and the run's settings (date, packs, templates …).

    ``resume`` skips a company only when this is unchanged, so a corrected sheet row or another --as-of
    is produced again rather than kept from the earlier run."""
    import hashlib

    text = repr(settings) + task.profile.model_dump_json()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _to_record(task: Task, outcome: Outcome | None, settings: Settings) -> dict[str, Any]:
    record: dict[str, Any] = {
        "key": task.key,
        "folder": task.folder.name,
        "inputs": fingerprint(task, settings),
        "complete": False,
    }
    if outcome is None:
        return record
    from dataclasses import asdict

    data = asdict(outcome)
    for name in _AMOUNTS:
        data[name] = None if data[name] is None else str(data[name])
    record.update(complete=not outcome.error, outcome=data)
    return record


def _from_record(record: dict[str, Any], task: Task) -> Outcome | None:
    from decimal import Decimal, InvalidOperation

    from desktop_app.batch import Outcome

    data = record.get("outcome")
    if not isinstance(data, dict) or set(data) != set(Outcome.__dataclass_fields__):
        return None
    try:
        data = dict(data)
        for name in _AMOUNTS:
            data[name] = None if data[name] is None else Decimal(data[name])
        outcome = Outcome(**data)
    except (TypeError, ValueError, InvalidOperation):
        return None
    outcome.number = task.number  # the row may have moved in the sheet since
    return outcome


def completed(out: Path, tasks: Sequence[Task], settings: Settings) -> dict[str, Outcome]:
    """Key -> outcome of the tasks a previous run in ``out`` completed with the same answers and settings
    (same folder, folder still there)."""
    by_key = {t.key: t for t in tasks}
    done: dict[str, Outcome] = {}
    for record in records(out):
        task = by_key.get(record["key"])
        if task is None or record.get("folder") != task.folder.name:
            continue
        if record.get("inputs") != fingerprint(task, settings):
            done.pop(task.key, None)
            continue
        outcome = _from_record(record, task) if record.get("complete") else None
        if outcome is not None and task.folder.is_dir():
            done[task.key] = outcome
        elif "outcome" in record:
            done.pop(task.key, None)  # a later failed attempt wins over an earlier success
    return done


class Journal:
    """The journal of the current run; one writer (the process that calls :func:`desktop_app.batch.run_batch`)."""

    def __init__(self, path: Path, settings: Settings) -> None:
        self.path = path
        self.settings = settings

    @classmethod
    def start(
        cls, out: Path, tasks: Sequence[Task], settings: Settings, *, resume: bool
    ) -> tuple[Journal, dict[str, Outcome]]:
        """Begin a run of ``tasks`` in ``out``: every task's folder claimed, the complete ones carried over when
        resuming. Returns the journal and the carried outcomes by key. Raises :class:`fileio.WriteError`."""
        from desktop_app.fileio import atomic_write_bytes, hide

        done = completed(out, tasks, settings) if resume else {}
        by_key = {t.key: t for t in tasks}
        lines = [_to_record(by_key[key], outcome, settings) for key, outcome in done.items()]
        lines += [_to_record(task, None, settings) for task in tasks if task.key not in done]
        path = Path(out) / JOURNAL_NAME
        atomic_write_bytes(path, "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines).encode("utf-8"))
        hide(path)
        return cls(path, settings), done

    def add(self, task: Task, outcome: Outcome) -> None:
        """Record one finished company (a failure to record only costs redoing it on --resume)."""
        line = json.dumps(_to_record(task, outcome, self.settings), ensure_ascii=False) + "\n"
        with contextlib.suppress(OSError), self.path.open("a", encoding="utf-8") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())
