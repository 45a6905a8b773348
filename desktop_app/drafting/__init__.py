"""Draft a policy pack from a document's text (no Qt): read, find clauses, recognise amounts, dates, conditions."""

from desktop_app.drafting.pack import DraftError, DraftResult, draft_pack, source_name_for, write_draft
from desktop_app.drafting.reader import DocumentError

__all__ = ["DocumentError", "DraftError", "DraftResult", "draft_pack", "source_name_for", "write_draft"]
