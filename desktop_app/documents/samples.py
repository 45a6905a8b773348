"""A filled-in sample context per document kind: for the template checker's trial render and for benchmarks.

The values are data (resources/template-samples.yaml), read into the context types so that a sample
missing a field, or one of the wrong type, fails here rather than in a trial render.
"""

from __future__ import annotations

import functools
from typing import Any, TypeVar

import yaml
from pydantic import TypeAdapter

from desktop_app.documents.context import PROGRAM_NAME, DocumentKind
from desktop_app.documents.context_types import ChecklistContext, CompanyInfo, LetterContext, ReportContext
from desktop_app.paths import resources_dir

T = TypeVar("T")


@functools.cache
def _samples() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((resources_dir() / "template-samples.yaml").read_text(encoding="utf-8"))
    return data


def _read(kind: type[T], key: str) -> T:
    return TypeAdapter(kind).validate_python({**_samples()[key], "program": PROGRAM_NAME})


def sample_letter() -> LetterContext:
    return _read(LetterContext, "letter")


def sample_report() -> ReportContext:
    return _read(ReportContext, "report")


def sample_checklist() -> ChecklistContext:
    return _read(ChecklistContext, "checklist")


SAMPLE_COMPANY: CompanyInfo = sample_letter().company


def sample_context(kind: DocumentKind) -> dict[str, Any]:
    """The sample context for a template of ``kind``, as docxtpl takes it."""
    if kind is DocumentKind.report:
        return sample_report().as_mapping()
    if kind is DocumentKind.checklist:
        return sample_checklist().as_mapping()
    return sample_letter().as_mapping()
