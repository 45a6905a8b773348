"""Which enterprise-profile field a phrase of policy wording most likely means (by the fields' Chinese titles)."""

from __future__ import annotations

import functools
import itertools
import typing
from dataclasses import dataclass

from desktop_app.domain.profile import ANSWER_FIELDS, EnterpriseProfile, field_title, field_unit


@dataclass(frozen=True, slots=True)
class FieldGuess:
    name: str
    title: str
    score: float


def _bigrams(text: str) -> set[str]:
    chars = [c for c in text if "\u4e00" <= c <= "\u9fff" or c.isalnum()]
    return {a + b for a, b in itertools.pairwise(chars)}


def _kind(name: str) -> str:
    annotation = EnterpriseProfile.model_fields[name].annotation
    args = [a for a in typing.get_args(annotation) if a is not type(None)] or [annotation]
    inner = args[0]
    base = typing.get_args(inner)[0] if typing.get_origin(inner) is typing.Annotated else inner
    if base is bool:
        return "bool"
    if base in (int, float):
        return "number"
    if typing.get_origin(base) is typing.Literal:
        return "choice"
    return "other"


@functools.cache
def _catalogue() -> tuple[tuple[str, str, str, str | None], ...]:
    """(name, title, kind, unit) of every field a policy may read."""
    return tuple(
        (name, field_title(name), _kind(name), field_unit(name))
        for name in sorted(ANSWER_FIELDS)
        if name in EnterpriseProfile.model_fields and name != "district"
    )


def choices(name: str) -> tuple[object, ...]:
    annotation = EnterpriseProfile.model_fields[name].annotation
    for arg in typing.get_args(annotation) or (annotation,):
        if typing.get_origin(arg) is typing.Literal:
            return typing.get_args(arg)
    return ()


def guess(
    phrase: str,
    *,
    context: str = "",
    kinds: tuple[str, ...] = ("number",),
    units: tuple[str | None, ...] | None = None,
    minimum: float = 0.3,
) -> FieldGuess | None:
    """The field whose title best covers ``phrase`` (and, less, the sentence ``context``); None below ``minimum``."""
    words = _bigrams(phrase)
    around = _bigrams(context)
    best: FieldGuess | None = None
    for name, title, kind, unit in _catalogue():
        if kind not in kinds or (units is not None and unit not in units):
            continue
        grams = _bigrams(title)
        if not grams:
            continue
        own = len(words & grams) / len(words) if words else 0.0
        cover = len(grams & (words | around)) / len(grams)
        score = 0.6 * own + 0.4 * cover
        if best is None or score > best.score:
            best = FieldGuess(name, title, round(score, 3))
    return best if best is not None and best.score >= minimum else None


def boolean_named_by(condition: str, *, threshold: float = 0.7) -> FieldGuess | None:
    """A yes/no field most of whose title the condition spells out (活动纳入“五五购物节”总体活动)."""
    words = _bigrams(condition)
    best: FieldGuess | None = None
    for name, title, kind, _unit in _catalogue():
        if kind != "bool":
            continue
        grams = _bigrams(title)
        if len(grams) < 4:
            continue
        cover = len(grams & words) / len(grams)
        if cover >= threshold and (best is None or cover > best.score):
            best = FieldGuess(name, title, round(cover, 3))
    return best
