"""The one expression sandbox: Jinja2's immutable sandbox, with unknown answers kept apart from zero.

Policy packs and letter templates come from outside the program, so they are untrusted.
Everything they say is compiled here, by :func:`sandbox_environment`, never by ``eval``:

- attribute access to internals (``__class__``, ``mro``, ``__globals__``…) is refused by the sandbox;
- only the functions, filters and tests on the allow-lists below exist (no ``range``, no ``lipsum``…);
- ``*``, ``**`` and ``+`` are checked so that a file cannot build a huge string, list or number;
- a misspelt name is an error (``StrictUndefined``), not a silent blank.

Unknown answers are bound to :class:`Unknown`. Any use of one (comparison, truth test,
arithmetic, membership) raises :class:`UnknownValueError`, so a criterion that needs an
unanswered question comes out *unknown*, never false and never zero. Because ``and``/``or``
short-circuit, ``known_true or unanswered`` still settles to true.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, NoReturn

from jinja2 import BaseLoader, StrictUndefined, TemplateNotFound, TemplateSyntaxError, Undefined, meta, nodes
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment

#: Largest string or list an expression or template may build with ``*`` or ``+``.
MAX_SEQUENCE_LENGTH = 100_000
#: Largest absolute exponent allowed in ``**``.
MAX_EXPONENT = 64


class ExpressionError(Exception):
    """An expression or template that cannot be compiled or evaluated. The message is Chinese."""


class UnknownValueError(Exception):
    """Raised when an expression touches an unanswered profile field."""

    def __init__(self, field: str) -> None:
        super().__init__(field)
        self.field = field


class Unknown:
    """Stands for an unanswered question. Every operation on it raises :class:`UnknownValueError`."""

    __slots__ = ("field",)

    def __init__(self, field: str) -> None:
        self.field = field

    def _raise(self, *_args: object) -> NoReturn:
        raise UnknownValueError(self.field)

    __bool__ = _raise
    __eq__ = _raise
    __ne__ = _raise
    __lt__ = _raise
    __le__ = _raise
    __gt__ = _raise
    __ge__ = _raise
    __contains__ = _raise
    __iter__ = _raise
    __len__ = _raise
    __add__ = __radd__ = __sub__ = __rsub__ = _raise
    __mul__ = __rmul__ = __truediv__ = __rtruediv__ = _raise
    __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = _raise
    __neg__ = __pos__ = __abs__ = __int__ = __float__ = __index__ = _raise
    __hash__ = None  # type: ignore[assignment]

    def __str__(self) -> str:
        self._raise()

    def __repr__(self) -> str:
        return f"Unknown({self.field!r})"


def _too_long(value: object) -> bool:
    return isinstance(value, str | bytes | list | tuple) and len(value) > MAX_SEQUENCE_LENGTH


class _PolicySandbox(ImmutableSandboxedEnvironment):
    """Immutable sandbox that also bounds the size of what ``*``, ``**`` and ``+`` produce."""

    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        if isinstance(left, Unknown):
            left._raise()
        if isinstance(right, Unknown):
            right._raise()
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"指数 {right} 过大（上限 {MAX_EXPONENT}）")
            return operator.pow(left, right)
        if operator_name == "*":
            for seq, count in ((left, right), (right, left)):
                if (
                    isinstance(seq, str | bytes | list | tuple)
                    and isinstance(count, int)
                    and len(seq) * max(count, 0) > MAX_SEQUENCE_LENGTH
                ):
                    raise SecurityError("重复生成的文本或列表过长")
            return operator.mul(left, right)
        result = operator.add(left, right)
        if _too_long(result):
            raise SecurityError("拼接生成的文本或列表过长")
        return result


def _safe_round(value: Any, ndigits: int = 0) -> Any:
    return round(value, ndigits)


#: The only functions an expression or template can call.
ALLOWED_GLOBALS: Mapping[str, Callable[..., Any]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": _safe_round,
}

#: The only filters and tests available.
ALLOWED_FILTERS = (
    "abs",
    "default",
    "d",
    "e",
    "escape",
    "first",
    "float",
    "int",
    "join",
    "last",
    "length",
    "lower",
    "upper",
    "replace",
    "round",
    "string",
    "trim",
    "truncate",
    "count",
    "sum",
    "min",
    "max",
    "list",
    "sort",
    "unique",
    "selectattr",
    "rejectattr",
    "map",
    "batch",
    "dictsort",
    "indent",
    "center",
    "title",
    "capitalize",
    "format",
    "wordcount",
)
ALLOWED_TESTS = (
    "defined",
    "undefined",
    "none",
    "number",
    "string",
    "sequence",
    "mapping",
    "boolean",
    "true",
    "false",
    "integer",
    "float",
    "in",
    "eq",
    "ne",
    "lt",
    "le",
    "gt",
    "ge",
    "equalto",
    "odd",
    "even",
    "divisibleby",
    "sameas",
    "lower",
    "upper",
)


class _NoFilesLoader(BaseLoader):
    """Templates may not include, import or extend anything: every other file is refused."""

    def get_source(self, environment: Any, template: str) -> NoReturn:
        raise TemplateNotFound(f"模板中不允许引用其他文件（{template}）")


def sandbox_environment(*, autoescape: bool = False) -> ImmutableSandboxedEnvironment:
    """Return a new sandboxed Jinja environment restricted to the allow-lists.

    Letters use ``autoescape=True`` (docxtpl writes XML); policy expressions use ``False``.
    """
    env = _PolicySandbox(undefined=StrictUndefined, autoescape=autoescape, loader=_NoFilesLoader())
    env.globals.clear()
    env.globals.update(ALLOWED_GLOBALS)
    env.filters = {name: env.filters[name] for name in ALLOWED_FILTERS if name in env.filters}
    env.tests = {name: env.tests[name] for name in ALLOWED_TESTS if name in env.tests}
    return env


@cache
def _expression_env() -> ImmutableSandboxedEnvironment:
    return sandbox_environment(autoescape=False)


@dataclass(frozen=True, slots=True)
class Threshold:
    """A comparison of one field against a constant, for what-if hints (``field >= 3000000``)."""

    field: str
    operator: str  # one of ">=", ">", "<=", "<", "=="
    value: float


_OPERATORS = {"gteq": ">=", "gt": ">", "lteq": "<=", "lt": "<", "eq": "=="}


class CompiledExpression:
    """One parsed and compiled expression, with the names it reads."""

    __slots__ = ("_call", "fields", "source", "threshold")

    def __init__(self, source: str) -> None:
        env = _expression_env()
        self.source = source
        try:
            ast = env.parse(f"{{{{ ({source}) }}}}")
            self.fields: frozenset[str] = frozenset(meta.find_undeclared_variables(ast) - set(ALLOWED_GLOBALS))
            compiled = env.compile_expression(source, undefined_to_none=False)
        except TemplateSyntaxError as exc:
            raise ExpressionError(f"表达式语法错误：{source!r}（{exc.message}）") from exc
        self._call = compiled
        self.threshold = _find_threshold(ast)

    def evaluate(self, values: Mapping[str, Any]) -> Any:
        """Evaluate with ``values``; unanswered fields must be bound to :class:`Unknown`.

        Raises :class:`UnknownValueError` when the result depends on an unanswered field, and
        :class:`ExpressionError` for anything the sandbox refuses.
        """
        try:
            result = self._call(**values)
        except UnknownValueError:
            raise
        except (SecurityError, UndefinedError) as exc:
            raise ExpressionError(f"表达式被沙箱拒绝：{self.source!r}（{exc}）") from exc
        except (TemplateError, TypeError, ValueError, ArithmeticError) as exc:
            raise ExpressionError(f"表达式无法计算：{self.source!r}（{exc}）") from exc
        if isinstance(result, Unknown):
            raise UnknownValueError(result.field)
        if isinstance(result, Undefined):
            # The sandbox hands back an Undefined for a blocked attribute or a name it does not know.
            raise ExpressionError(f"表达式被沙箱拒绝：{self.source!r}（访问了不允许的属性或名称）")
        return result


def _find_threshold(ast: nodes.Template) -> Threshold | None:
    """Recognise ``name OP constant`` so that a failed check can say how far off it is."""
    outputs = list(ast.find_all(nodes.Output))
    if len(outputs) != 1 or len(outputs[0].nodes) != 1:
        return None
    expr = outputs[0].nodes[0]
    if not isinstance(expr, nodes.Compare) or len(expr.ops) != 1:
        return None
    if not isinstance(expr.expr, nodes.Name):
        return None
    op = expr.ops[0]
    if op.op not in _OPERATORS or not isinstance(op.expr, nodes.Const):
        return None
    if not isinstance(op.expr.value, int | float) or isinstance(op.expr.value, bool):
        return None
    return Threshold(field=expr.expr.name, operator=_OPERATORS[op.op], value=float(op.expr.value))


@cache
def compile_expression(source: str) -> CompiledExpression:
    """Compile (and cache) one expression. Raises :class:`ExpressionError` on bad syntax."""
    return CompiledExpression(source)


def bind(values: Mapping[str, Any], fields: Iterable[str]) -> dict[str, Any]:
    """Bind each of ``fields`` to its value, or to :class:`Unknown` when it is ``None``."""
    return {name: (Unknown(name) if values.get(name) is None else values[name]) for name in fields}
