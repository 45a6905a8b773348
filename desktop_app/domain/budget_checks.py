"""The sandbox's checks before each operation: what a format, ``%``, method or filter call would build.

Part of the resource budget (:mod:`desktop_app.domain.budget`): each check foresees the size of the
result from the arguments and refuses it before anything is allocated; a method of a built-in value
that is not on :data:`_SAFE_METHODS` is refused outright.
"""

from __future__ import annotations

import datetime as dt
import inspect
import re
import types
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from functools import update_wrapper, wraps
from typing import Any

from jinja2.exceptions import SecurityError
from jinja2.filters import make_attrgetter
from jinja2.sandbox import SandboxedFormatter
from markupsafe import EscapeFormatter, Markup

from desktop_app.domain.budget import (
    MAX_SEQUENCE_LENGTH,
    BudgetExceeded,
    bounded_list,
    charge_result,
    current,
    too_long,
    weight,
)

_FORMAT_NUMBER = re.compile(r"\d+")
_PERCENT_DIRECTIVE = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?[a-zA-Z%]")
#: Room for one formatted number beyond its width (``%f`` of 1e300 prints 300 digits).
_NUMBER_ROOM = 320


def check_format_spec(spec: str) -> None:
    """A ``str.format`` field spec: no width or precision beyond the sequence limit."""
    for number in _FORMAT_NUMBER.findall(spec):
        if len(number) > 6 or int(number) > MAX_SEQUENCE_LENGTH:
            too_long("格式宽度或精度", int(number) if len(number) <= 12 else 10**12)


def percent_size(fmt: str, args: Any) -> int:
    """About how long ``fmt % args`` is, before it is computed; ``*`` widths are refused."""
    directives = _PERCENT_DIRECTIVE.findall(fmt)
    size = len(fmt)
    for width, precision in directives:
        if "*" in (width, precision):
            raise BudgetExceeded("格式中不允许用 * 指定宽度")
        for number in (width, precision):
            if len(number) > 6:
                return 10**12
            size += int(number or 0)
        size += _NUMBER_ROOM
    values = list(args.values()) if isinstance(args, dict) else list(args) if isinstance(args, tuple) else [args]
    longest = max((weight(v) for v in values), default=0)
    if isinstance(args, tuple):
        return size + sum(weight(v) for v in values)
    return size + len(directives) * longest


class BudgetFormatter(SandboxedFormatter):
    """``str.format`` in the sandbox: widths and precisions bounded, the output counted as it is built."""

    def vformat(self, format_string: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> str:
        self._built = len(format_string)
        return super().vformat(format_string, args, kwargs)

    def format_field(self, value: Any, format_spec: str) -> Any:
        check_format_spec(format_spec)
        current().tick()
        out = super().format_field(value, format_spec)
        self._built += len(out)
        too_long("格式化生成的文本", self._built)
        return out


class BudgetEscapeFormatter(BudgetFormatter, EscapeFormatter):
    pass


#: Methods of built-in values a file may call; sized ones are checked before the call.
_SAFE_METHODS: dict[type, frozenset[str]] = {
    str: frozenset(
        [
            "capitalize",
            "casefold",
            "center",
            "count",
            "endswith",
            "find",
            "index",
            "isalnum",
            "isalpha",
            "isdecimal",
            "isdigit",
            "islower",
            "isnumeric",
            "isspace",
            "istitle",
            "isupper",
            "join",
            "ljust",
            "lower",
            "lstrip",
            "partition",
            "removeprefix",
            "removesuffix",
            "replace",
            "rfind",
            "rindex",
            "rjust",
            "rpartition",
            "rsplit",
            "rstrip",
            "split",
            "splitlines",
            "startswith",
            "strip",
            "swapcase",
            "title",
            "upper",
            "zfill",
        ]
    ),
    dict: frozenset({"get", "items", "keys", "values"}),
    list: frozenset({"count", "index"}),
    tuple: frozenset({"count", "index"}),
    int: frozenset({"bit_length", "is_integer"}),
    float: frozenset({"is_integer"}),
    dt.date: frozenset({"isoformat", "isoweekday", "strftime", "weekday", "date"}),
}
_POLICED = (str, bytes, bytearray, list, tuple, dict, set, frozenset, int, float, complex, Decimal, dt.date, dt.time)


def checked_method_args(obj: Any, args: tuple[Any, ...]) -> tuple[Any, ...]:
    """Refuse methods of built-in values off :data:`_SAFE_METHODS`; bound the ones that size their output."""
    owner = getattr(obj, "__self__", None)
    if owner is None or not isinstance(obj, types.BuiltinMethodType | types.MethodType | types.MethodWrapperType):
        return args
    if isinstance(owner, type) and issubclass(owner, _POLICED):
        raise SecurityError(f"不允许调用 {owner.__name__}.{obj.__name__}")
    if not isinstance(owner, _POLICED):
        return args
    name = obj.__name__
    allowed = next((names for kind, names in _SAFE_METHODS.items() if isinstance(owner, kind)), frozenset())
    if name not in allowed:
        raise SecurityError(f"不允许调用 {type(owner).__name__} 的 {name} 方法")
    if name in ("center", "ljust", "rjust", "zfill") and args and isinstance(args[0], int):
        too_long("填充后的文本", args[0])
    elif name == "replace" and isinstance(owner, str) and len(args) >= 2:
        too_long("替换后的文本", _replaced_size(owner, str(args[0]), str(args[1]), args[2] if len(args) > 2 else -1))
    elif name == "join" and isinstance(owner, str) and args:
        items = bounded_list(args[0], "拼接的元素")
        size = sum(len(x) if isinstance(x, str) else weight(x) for x in items)
        too_long("拼接生成的文本", size + len(owner) * max(len(items) - 1, 0))
        args = (items, *args[1:])
    return args


def _replaced_size(text: str, old: str, new: str, count: Any) -> int:
    occurrences = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        occurrences = min(occurrences, count)
    return len(text) + occurrences * max(len(new) - len(old), 0)


def _check_filter(name: str, arguments: dict[str, Any]) -> None:
    """Bound the filters whose output size a parameter sets, before they run (may rewrite ``arguments``)."""
    a = arguments
    if name == "center" and isinstance(a.get("width"), int):
        too_long("居中后的文本", a["width"])
    elif name == "indent":
        text, width = str(a.get("s", "")), a.get("width", 4)
        per_line = width if isinstance(width, int) else len(str(width))
        too_long("缩进后的文本", len(text) + (text.count("\n") + 1) * max(per_line, 0))
    elif name == "replace":
        count = a.get("count")
        size = _replaced_size(str(a["s"]), str(a["old"]), str(a["new"]), -1 if count is None else count)
        too_long("替换后的文本", size)
    elif name == "format":
        too_long("格式化生成的文本", percent_size(str(a["value"]), a.get("kwargs") or a.get("args", ())))
    elif name == "batch" and isinstance(a.get("linecount"), int):
        too_long("每组的元素", a["linecount"])
    elif name == "round" and isinstance(a.get("precision"), int) and abs(a["precision"]) > _MAX_ROUND_DIGITS:
        raise SecurityError(f"四舍五入的位数过大（上限 {_MAX_ROUND_DIGITS}）")
    elif name in ("join", "sum"):
        items = bounded_list(a.get("value", a.get("iterable", ())), "元素")
        if a.get("attribute") is not None:
            env = a["eval_ctx"].environment if name == "join" else a["environment"]
            getter = make_attrgetter(env, a["attribute"])
            items, a["attribute"] = [getter(x) for x in items], None
        a["value" if name == "join" else "iterable"] = items
        start = a.get("start", 0)
        if name == "join" or isinstance(start, str | list | tuple):
            size = sum(len(x) if isinstance(x, str) else weight(x) for x in items)
            too_long("拼接生成的文本或列表", size + len(str(a.get("d", ""))) * len(items))


def budgeted_filter(name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    checked = name in ("center", "indent", "replace", "format", "batch", "round", "join", "sum")
    signature = inspect.signature(func) if checked else None

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        current().tick()
        if signature is not None:
            bound = signature.bind(*args, **kwargs)
            _check_filter(name, bound.arguments)
            args, kwargs = bound.args, bound.kwargs
        return charge_result(func(*args, **kwargs))

    return wrapper


_MAX_ROUND_DIGITS = 20


def safe_round(value: Any, ndigits: int = 0) -> Any:
    if isinstance(ndigits, int) and abs(ndigits) > _MAX_ROUND_DIGITS:
        raise SecurityError(f"四舍五入的位数过大（上限 {_MAX_ROUND_DIGITS}）")
    return round(value, ndigits)


def str_format_wrapper(env: Any, value: Any) -> Callable[..., str] | None:
    """``str.format`` / ``format_map``, through :class:`BudgetFormatter`; after Jinja's ``wrap_str_format``."""
    if not isinstance(value, types.MethodType | types.BuiltinMethodType) or value.__name__ not in (
        "format",
        "format_map",
    ):
        return None
    f_self: Any = value.__self__
    if not isinstance(f_self, str):
        return None
    str_type: type[str] = type(f_self)
    is_format_map = value.__name__ == "format_map"
    if isinstance(f_self, Markup):
        formatter: BudgetFormatter = BudgetEscapeFormatter(env, escape=f_self.escape)
    else:
        formatter = BudgetFormatter(env)

    def wrapper(*args: Any, **kwargs: Any) -> str:
        if is_format_map:
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            kwargs, args = args[0], ()
        return str_type(formatter.vformat(f_self, args, kwargs))

    return update_wrapper(wrapper, value)
