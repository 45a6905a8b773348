"""The one expression sandbox: Jinja2's immutable sandbox, with unknown answers kept apart from zero.

Policy packs and letter templates come from outside the program, so they are untrusted.
Everything they say is compiled here, by :func:`sandbox_environment`, never by ``eval``:

- attribute access to internals (``__class__``, ``mro``, ``__globals__``…) is refused by the sandbox;
- only the functions, filters and tests on the allow-lists below exist (no ``range``, no ``lipsum``…);
- every evaluation runs under a resource budget (:mod:`desktop_app.domain.budget`): what ``*``, ``**``,
  ``+``, ``~``, ``%``, format widths, string methods and filters would build is bounded before it is
  built, and loop iterations, call depth, output, wall-clock time and memory are bounded too;
- methods of built-in values are limited to a short allow-list (no ``encode``, ``translate``, ``fromkeys``…);
- a misspelt name is an error (``StrictUndefined``), not a silent blank.

Unknown answers are bound to :class:`Unknown`. Any use of one (comparison, truth test,
arithmetic, membership) raises :class:`UnknownValueError`, so a criterion that needs an
unanswered question comes out *unknown*, never false and never zero. Because ``and``/``or``
short-circuit, ``known_true or unanswered`` still settles to true.
"""

from __future__ import annotations

import contextlib
import copy
import operator
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, NoReturn

from jinja2 import (
    BaseLoader,
    StrictUndefined,
    Template,
    TemplateAssertionError,
    TemplateNotFound,
    TemplateSyntaxError,
    Undefined,
    meta,
    nodes,
)
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError, TemplateError, UndefinedError
from jinja2.runtime import LoopContext
from jinja2.sandbox import ImmutableSandboxedEnvironment

from desktop_app.domain import budget, budget_checks
from desktop_app.domain.budget import MAX_EXPONENT
from desktop_app.errors import UserError


class ExpressionError(UserError):
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


class _BudgetCodeGenerator(CodeGenerator):
    """Compiles templates so that every loop, ``~`` and list, tuple or dict display goes through the budget."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        node = copy.copy(node)
        loop = nodes.EnvironmentAttribute("budget_iterate", lineno=node.lineno)
        node.iter = nodes.Call(loop, [node.iter], [], None, None, lineno=node.lineno)
        super().visit_For(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"environment.budget_concat({func_name}, (")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")

    def _literal(self, node: nodes.List | nodes.Tuple | nodes.Dict, frame: Frame, visit: Callable[..., None]) -> None:
        self.write("environment.budget_literal(")
        visit(node, frame)
        self.write(")")

    def visit_List(self, node: nodes.List, frame: Frame) -> None:
        self._literal(node, frame, super().visit_List)

    def visit_Dict(self, node: nodes.Dict, frame: Frame) -> None:
        self._literal(node, frame, super().visit_Dict)

    def visit_Tuple(self, node: nodes.Tuple, frame: Frame) -> None:
        if node.ctx != "load":  # an assignment target (`for a, b in …`), not a value
            super().visit_Tuple(node, frame)
        else:
            self._literal(node, frame, super().visit_Tuple)


class _BudgetedTemplate(Template):
    """Every render of a sandboxed template runs under its own :class:`~desktop_app.domain.budget.Budget`."""

    def render(self, *args: Any, **kwargs: Any) -> str:
        with budget.evaluation_budget():
            return super().render(*args, **kwargs)

    def generate(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        yield self.render(*args, **kwargs)  # rendered whole, so that the budget covers all of it


class _PolicySandbox(ImmutableSandboxedEnvironment):
    """Immutable sandbox that runs every evaluation under a resource budget (see :mod:`.budget`)."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _BudgetCodeGenerator
    template_class = _BudgetedTemplate
    budget_iterate = staticmethod(budget.iterate)
    concat = staticmethod(budget.join_output)  # every template, macro and block output is joined here
    budget_concat = staticmethod(budget.join_checked)
    budget_literal = staticmethod(budget.literal)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        return budget_checks.str_format_wrapper(self, value)

    def parse(self, source: str, name: str | None = None, filename: str | None = None) -> nodes.Template:
        with _syntax_guard():
            return super().parse(source, name, filename)

    def compile(self, source: Any, *args: Any, **kwargs: Any) -> Any:
        with _syntax_guard():
            return super().compile(source, *args, **kwargs)

    def call(self, context: Any, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        current = budget.current()
        current.tick()
        if isinstance(obj, LoopContext) and args:  # `loop(children)` of a recursive loop
            args = (budget.iterate(args[0]), *args[1:])
        args = budget_checks.checked_method_args(obj, args)
        with current.nested_call():
            result = super().call(context, obj, *args, **kwargs)
        return budget.charge_result(result)

    def call_binop(self, context: Any, operator_name: str, left: Any, right: Any) -> Any:
        budget.current().tick()
        if isinstance(left, Unknown):
            left._raise()
        if isinstance(right, Unknown):
            right._raise()
        if operator_name == "**":
            if isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise SecurityError(f"指数 {right} 过大（上限 {MAX_EXPONENT}）")
            if isinstance(left, int) and isinstance(right, int) and right > 0:
                budget.check_integer(1 << min(left.bit_length() * right, budget.MAX_INTEGER_BITS + 1))
            return budget.charge_result(operator.pow(left, right))
        if operator_name == "*":
            if isinstance(left, int) and isinstance(right, int):
                budget.check_integer(1 << min(left.bit_length() + right.bit_length(), budget.MAX_INTEGER_BITS + 1))
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | bytes | list | tuple) and isinstance(count, int):
                    unit = len(seq) if isinstance(seq, str | bytes) else budget.weight(seq)
                    budget.too_long("重复生成的文本或列表", unit * max(count, 0))
            return budget.charge_result(operator.mul(left, right))
        if operator_name == "%":
            if isinstance(left, str):
                budget.too_long("格式化生成的文本", budget_checks.percent_size(left, right))
            return budget.charge_result(operator.mod(left, right))
        if isinstance(left, str | bytes | list | tuple) and isinstance(right, str | bytes | list | tuple):
            budget.too_long("拼接生成的文本或列表", budget.weight(left) + budget.weight(right) - 4)
        return budget.charge_result(operator.add(left, right))


@contextlib.contextmanager
def _syntax_guard() -> Iterator[None]:
    """Compile-time failures that Jinja does not turn into syntax errors (deep nesting, huge number literals)."""
    try:
        yield
    except TemplateAssertionError as exc:  # "No filter named 'wordwrap'.": say it in Chinese
        unknown = re.fullmatch(r"No (filter|test) named '([^']*)'\.?(?: \(.*\))?", exc.message or "")
        if unknown is None:
            raise
        kind = "过滤器" if unknown.group(1) == "filter" else "测试"
        raise TemplateSyntaxError(
            f"不允许使用{kind} {unknown.group(2)}（只能用白名单中的{kind}）", exc.lineno
        ) from None
    except RecursionError:
        raise TemplateSyntaxError("嵌套的括号或标记层级过深", 1) from None
    except (ValueError, OverflowError) as exc:
        raise TemplateSyntaxError(f"其中的数字过长或无法读取（{type(exc).__name__}），数字请不超过 300 位", 1) from None


#: The only functions an expression or template can call.
ALLOWED_GLOBALS: Mapping[str, Callable[..., Any]] = {
    "min": min,
    "max": max,
    "abs": abs,
    "round": budget_checks.safe_round,
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
    env = _PolicySandbox(
        undefined=StrictUndefined, autoescape=autoescape, loader=_NoFilesLoader(), finalize=budget.output_value
    )
    env.globals.clear()
    env.globals.update(ALLOWED_GLOBALS)
    env.filters = {
        name: budget_checks.budgeted_filter(name, env.filters[name]) for name in ALLOWED_FILTERS if name in env.filters
    }
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
            with _syntax_guard():  # also around the steps that parse or compile outside env.parse/compile
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
        token = budget.start()  # not a context manager: this runs hundreds of times per match
        try:
            result = self._call(**values)
        except UnknownValueError:
            raise
        except (SecurityError, UndefinedError) as exc:
            raise ExpressionError(f"表达式被沙箱拒绝：{self.source!r}（{exc}）") from exc
        except (TemplateError, TypeError, ValueError, ArithmeticError) as exc:
            raise ExpressionError(f"表达式无法计算：{self.source!r}（{exc}）") from exc
        except (RecursionError, MemoryError) as exc:
            raise ExpressionError(f"表达式被沙箱拒绝：{self.source!r}（嵌套过深或内存不足）") from exc
        finally:
            budget.stop(token)
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
