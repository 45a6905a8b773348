"""``catalog --check`` runs every pack expression before any user does: with typed sample answers at their bounds.

An expression can compile and still fail when evaluated (the sandbox refuses it, it divides by zero,
compares text with a number, or an amount comes out as text). Each criterion and each amount is
therefore evaluated with every field unanswered, then with each field it reads set in turn to the
boundary values of its type in the profile model (True/False, every choice, 0/min/max, empty and full
lists), then with all of them set at once. Any error is a problem naming file, measure and field.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from collections.abc import Callable, Iterator
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from desktop_app.domain.amounts import compute_amount
from desktop_app.domain.catalog import Catalog, PackProblem
from desktop_app.domain.expressions import UnknownValueError, bind
from desktop_app.domain.profile import EnterpriseProfile

_NO_BOUND = object()


def _bound(metadata: list[Any], *names: str) -> Any:
    for item in metadata:
        for name in names:
            value = getattr(item, name, None)
            if value is not None:
                return value
        found = _bound(list(getattr(item, "metadata", ()) or ()), *names)
        if found is not _NO_BOUND:
            return found
    return _NO_BOUND


def _samples(annotation: Any, metadata: list[Any]) -> list[Any]:
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        return [v for arg in get_args(annotation) if arg is not type(None) for v in _samples(arg, metadata)]
    if origin is Annotated:
        base, *extra = get_args(annotation)
        return _samples(base, [*metadata, *extra])
    if origin is Literal:
        return list(get_args(annotation))
    if origin is list:
        members = _samples(get_args(annotation)[0], [])
        return [[], members[:1], members]
    if annotation is bool:
        return [True, False]
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return list(annotation)
    if annotation in (int, float):
        low = _bound(metadata, "ge", "gt")
        high = _bound(metadata, "le", "lt")
        low = 0 if low is _NO_BOUND else low
        high = 10**13 if high is _NO_BOUND else high
        values = [annotation(low), annotation(low) + 1, annotation(high)]
        return [*values, 0.5] if annotation is float else values
    if annotation is dt.date:
        return [dt.date(1990, 1, 1), dt.date(2100, 12, 31)]
    if annotation is str:
        return ["", "示例"]
    return []


def boundary_values(field: str) -> list[Any]:
    """Sample answers for one profile field, taken from its type in the profile model."""
    info = EnterpriseProfile.model_fields[field]
    return _samples(info.annotation, list(info.metadata))


def _answer_sets(fields: frozenset[str]) -> Iterator[tuple[dict[str, Any], str]]:
    """(answers, how to name them): none answered, each field at each bound, then all fields together."""
    blank: dict[str, Any] = dict.fromkeys(fields)
    yield blank, "所有问题均未回答"
    samples = {name: boundary_values(name) for name in sorted(fields) if name in EnterpriseProfile.model_fields}
    for name, values in samples.items():
        for value in values:
            yield {**blank, name: value}, f"{name} = {value!r}"
    widest = max((len(v) for v in samples.values()), default=0)
    for k in range(widest):
        answers = {**blank, **{n: v[k % len(v)] for n, v in samples.items() if v}}
        yield answers, "同时填写 " + "，".join(f"{n} = {a!r}" for n, a in answers.items() if a is not None)


def _trial(run: Callable[[dict[str, Any]], object], fields: frozenset[str]) -> str | None:
    for answers, described in _answer_sets(fields):
        try:
            run(answers)
        except UnknownValueError:
            continue
        except Exception as exc:  # every kind of failure is what this check is for
            return f"试算失败（{described}）：{exc}"
    return None


def dry_run_problems(catalog: Catalog) -> list[PackProblem]:
    """Every criterion and amount of every loaded measure, evaluated with sample answers; one problem per failure."""
    problems: list[PackProblem] = []
    for compiled in catalog.measures:
        name = catalog.files[compiled.pack.id].name
        measure = compiled.measure
        for i, criterion in enumerate(compiled.criteria):
            for j, expr in enumerate(criterion.expressions):
                where = f"criteria.{i}.expr" if not criterion.any_of else f"criteria.{i}.any_of.{j}"

                def run(answers: dict[str, Any], expr: Any = expr) -> None:
                    bool(expr.evaluate(bind(answers, expr.fields)))

                failure = _trial(run, expr.fields)
                if failure:
                    problems.append(PackProblem(name, failure, measure.id, where))

        def amount(answers: dict[str, Any], spec: Any = measure.amount) -> None:
            compute_amount(spec, answers)

        failure = _trial(amount, compiled.amount_fields)
        if failure:
            problems.append(PackProblem(name, failure, measure.id, "amount"))
    return problems
