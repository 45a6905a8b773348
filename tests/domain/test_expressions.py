"""The expression sandbox: unknown stays unknown, internals stay out of reach, bombs are refused."""

from __future__ import annotations

import time

import pytest

from desktop_app.domain.expressions import (
    ExpressionError,
    Unknown,
    UnknownValueError,
    bind,
    compile_expression,
    sandbox_environment,
)


def test_fields_read_are_found() -> None:
    """The compiler lists every profile field an expression reads, and no allowed function."""
    expr = compile_expression("max(a, 3) >= b and c in ['x', 'y']")
    assert expr.fields == {"a", "b", "c"}


@pytest.mark.parametrize("source", ["a > 0", "a + 1 > 2", "a", "not a", "'x' in a", "a in ['x']", "a == 0"])
def test_unknown_is_never_false_or_zero(source: str) -> None:
    """Any use of an unanswered field raises UnknownValueError instead of acting as 0 or False."""
    expr = compile_expression(source)
    with pytest.raises(UnknownValueError) as info:
        expr.evaluate(bind({"a": None}, expr.fields))
    assert info.value.field == "a"


def test_short_circuit_settles_with_a_known_branch() -> None:
    """`known_true or unknown` is true and `known_false and unknown` is false: the unknown is not needed."""
    assert compile_expression("a or b").evaluate({"a": True, "b": Unknown("b")}) is True
    assert compile_expression("a and b").evaluate({"a": False, "b": Unknown("b")}) is False


@pytest.mark.parametrize(
    "source",
    [
        "''.__class__",
        "''.__class__.__mro__",
        "a.__globals__",
        "range(10)",
        "lipsum()",
        "'x' * 1000000",
        "[1] * 10**9",
        "10 ** 100000",
        "cycler",
    ],
)
def test_sandbox_refuses_internals_and_bombs(source: str) -> None:
    """Attribute escapes, functions off the allow-list and huge constructions are refused quickly."""
    start = time.perf_counter()
    with pytest.raises(ExpressionError):
        compile_expression(source).evaluate({"a": "text"})
    assert time.perf_counter() - start < 1.0


def test_template_environment_escapes_and_forbids() -> None:
    """The same sandbox, with autoescape for letters, escapes & and < and refuses __class__."""
    env = sandbox_environment(autoescape=True)
    assert env.from_string("{{ n }}").render(n="A&B <公司>") == "A&amp;B &lt;公司&gt;"
    with pytest.raises(Exception, match=r"unsafe|not safely|__class__"):
        env.from_string("{{ ''.__class__ }}").render()
