"""The resource budget of one sandboxed evaluation: time, loop iterations, call depth and the sizes it builds.

Jinja's sandbox stops a file from reaching Python internals but not from doing unbounded work
(``'x'|center(999999999)``, nested loops over ``'x'*99999``, a recursive macro, ``(10**64)**64``).
:mod:`desktop_app.domain.expressions` calls into this module from every hook of its one sandbox, so
each pack expression and each letter rendering runs under one :class:`Budget`:

- every string, list or number it builds is checked *before* it is built, where its size can be
  foreseen (``*``, ``**``, ``%``, ``center``, ``replace``, ``join``, format widths …), and charged
  to a running total afterwards, so many medium-sized pieces cannot add up to gigabytes either;
- loop iterations and call depth are counted;
- a wall-clock deadline is checked at every hook, and (where ``/proc`` exists) the process's
  resident memory is sampled.

Going over any limit raises :class:`BudgetExceeded`, a Jinja ``SecurityError`` with a Chinese
message, which the callers already report as a refused expression or template.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar, Token
from typing import Any

from jinja2.exceptions import SecurityError

#: Largest string or list one operation may build (``*``, ``+``, ``~``, ``%``, format, filters, methods).
MAX_SEQUENCE_LENGTH = 100_000
#: Largest absolute exponent allowed in ``**``.
MAX_EXPONENT = 64
#: Largest integer, in bits (about 308 decimal digits, the range of a float): money never comes near it.
MAX_INTEGER_BITS = 1024
#: Most text one evaluation may output (a whole letter's document.xml is well under 1 MB).
MAX_OUTPUT_CHARS = 5_000_000
#: Most characters and list items one evaluation may build in all (at most about 80 MB even as UCS-4).
MAX_BUILT = 20_000_000
#: Most loop iterations in one evaluation, all loops together.
MAX_ITERATIONS = 100_000
#: Deepest nesting of calls (macros, ``caller()``, recursive loops).
MAX_CALL_DEPTH = 40
#: Wall-clock time one evaluation may take (one letter renders in about 20 ms).
MAX_SECONDS = 1.0
#: Growth of the process's resident memory during one evaluation, where it can be measured.
MAX_MEMORY_BYTES = 200 * 1024 * 1024
#: How often (in hook calls) the resident memory is sampled.
_MEMORY_SAMPLE_EVERY = 64


class BudgetExceeded(SecurityError):
    """An evaluation that went over one of the limits. The message is Chinese and says which."""

    def __init__(self, what: str) -> None:
        super().__init__(f"超出沙箱资源上限：{what}。请简化政策包或模板中的这处表达式")
        self.what = what


def _resident_bytes() -> int | None:
    """Current resident memory of this process (Linux ``/proc``); None where it cannot be read cheaply."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return None


class Budget:
    """What one evaluation has used so far."""

    __slots__ = ("built", "deadline", "depth", "iterations", "rss_start", "seconds", "ticks")

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.iterations = 0
        self.built = 0
        self.depth = 0
        self.ticks = 0
        self.rss_start: int | None = None

    def tick(self) -> None:
        """Called at every sandbox hook: enforce the deadline, and now and then the memory bound."""
        self.ticks += 1
        if time.monotonic() > self.deadline:
            raise BudgetExceeded(f"计算时间超过 {self.seconds:g} 秒")
        if self.ticks % _MEMORY_SAMPLE_EVERY == 0:
            rss = _resident_bytes()
            if rss is None:
                return
            if self.rss_start is None:
                self.rss_start = rss
            elif rss - self.rss_start > MAX_MEMORY_BYTES:
                raise BudgetExceeded(f"占用内存超过 {MAX_MEMORY_BYTES // (1024 * 1024)} MB")

    def iterate(self) -> None:
        self.iterations += 1
        if self.iterations > MAX_ITERATIONS:
            raise BudgetExceeded(f"循环次数超过 {MAX_ITERATIONS} 次")
        self.tick()

    def charge(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            raise BudgetExceeded(f"生成的文本和列表总量超过 {MAX_BUILT} 个字符")

    @contextlib.contextmanager
    def nested_call(self) -> Iterator[None]:
        self.depth += 1
        try:
            if self.depth > MAX_CALL_DEPTH:
                raise BudgetExceeded(f"调用嵌套超过 {MAX_CALL_DEPTH} 层（宏或循环递归调用自身）")
            yield
        except RecursionError:
            raise BudgetExceeded("调用嵌套过深（宏或循环递归调用自身）") from None
        finally:
            self.depth -= 1


_current: ContextVar[Budget | None] = ContextVar("sandbox_budget", default=None)


def current() -> Budget:
    """The running evaluation's budget. Outside one (a hook reached some other way), a fresh one:
    the per-operation limits still hold, only the running totals start from zero."""
    budget = _current.get()
    return budget if budget is not None else Budget()


@contextlib.contextmanager
def evaluation_budget(seconds: float = MAX_SECONDS) -> Iterator[Budget]:
    """Run one evaluation (an expression, a template render) under a new budget."""
    budget = Budget(seconds)
    token = _current.set(budget)
    try:
        yield budget
    except RecursionError:
        raise BudgetExceeded("嵌套过深") from None
    except MemoryError:
        raise BudgetExceeded("内存不足") from None
    finally:
        _current.reset(token)


def start(seconds: float = MAX_SECONDS) -> Token[Budget | None]:
    """Begin an evaluation under a new budget; pass the token to :func:`stop` (in a ``finally``)."""
    return _current.set(Budget(seconds))


def stop(token: Token[Budget | None]) -> None:
    _current.reset(token)


def iterate(iterable: Iterable[Any]) -> Iterator[Any]:
    """Every ``{% for %}`` loop of a sandboxed template iterates through this."""
    budget = current()
    for item in iterable:
        budget.iterate()
        yield item


def output_value(value: Any) -> Any:
    """Jinja's ``finalize``: every ``{{ … }}`` output is counted, since inside a macro it is copied (escaped)."""
    budget = current()
    budget.tick()
    budget.charge(len(value) if isinstance(value, str) else weight(value))
    return value


def too_long(what: str, size: int, limit: int = MAX_SEQUENCE_LENGTH) -> None:
    """Refuse to build something of ``size`` characters or items."""
    if size > limit:
        raise BudgetExceeded(f"{what}过长（约 {size} 个字符或元素，上限 {limit}）")


def check_integer(value: Any) -> None:
    if isinstance(value, int) and value.bit_length() > MAX_INTEGER_BITS:
        raise BudgetExceeded(f"整数过大（超过 {MAX_INTEGER_BITS} 位二进制）")


def charge_result(value: Any) -> Any:
    """After an operation: refuse a too-large integer, charge a new string or list to the running total."""
    check_integer(value)
    if isinstance(value, str | bytes | list | tuple | dict | set | frozenset):
        current().charge(len(value))
    return value


def weight(value: Any, cap: int = MAX_SEQUENCE_LENGTH) -> int:
    """About how many characters ``str(value)`` gives, counting shared items each time (as ``str`` does).

    Stops counting past ``cap``, so it costs at most about ``cap`` steps however large the value.
    """
    total = 0
    stack = [value]
    while stack and total <= cap:
        item = stack.pop()
        if isinstance(item, str | bytes):
            total += len(item) + 2
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            if total <= cap:
                stack.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            if total <= cap:
                stack.extend(item.keys())
                stack.extend(item.values())
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        else:
            total += 1
    return total


def bounded_list(iterable: Iterable[Any], what: str) -> list[Any]:
    """The items of ``iterable``, refusing more than :data:`MAX_SEQUENCE_LENGTH` of them."""
    out: list[Any] = []
    for item in iterable:
        out.append(item)
        if len(out) > MAX_SEQUENCE_LENGTH:
            too_long(what, len(out))
    current().charge(len(out))
    return out


def join_output(parts: Iterable[str]) -> str:
    """Join a template's (or macro's, or block's) output, refusing it before it grows too large."""
    out: list[str] = []
    size = 0
    for part in parts:
        out.append(part)
        size += len(part) + 1
        if size > MAX_OUTPUT_CHARS:
            too_long("模板生成的文本", size, MAX_OUTPUT_CHARS)
    current().charge(size)
    return "".join(out)


def join_checked(join: Callable[[Iterable[Any]], str], parts: tuple[Any, ...]) -> str:
    """``a ~ b``: refused before joining when the pieces are too long together."""
    current().tick()
    size = sum(len(p) if isinstance(p, str) else weight(p) for p in parts)
    too_long("拼接生成的文本", size)
    return charge_result(join(parts))


def literal(value: Any) -> Any:
    """``[a, b]``, ``(a, b)``, ``{k: v}``: a display that repeats a large value is refused."""
    current().tick()
    too_long("列表或字典", weight(value))
    return charge_result(value)
