"""The sandbox's resource budget refuses bombs but leaves ordinary expressions and letters alone."""

from __future__ import annotations

import time

import pytest

from desktop_app.domain import budget
from desktop_app.domain.expressions import ExpressionError, compile_expression, sandbox_environment


def _render(source: str, **context: object) -> str:
    return sandbox_environment(autoescape=True).from_string(source).render(**context)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("'{:>8}'.format(12)", "      12"),
        ("'{:.2f}'.format(1.5)", "1.50"),
        ("'%s元' % 5", "5元"),
        ("'%05.1f' % 2.25", "002.2"),
        ("'、'.join(['a', 'b'])", "a、b"),
        ("['a', 'b']|join('、')", "a、b"),
        ("'a-b'|replace('-', '——')", "a——b"),
        ("'x'|center(5)", "  x  "),
        ("round(1.236, 2)", 1.24),
        ("2 ** 10 * 3", 3072),
        ("{'k': 1}.get('k')", 1),
        ("'abc'.upper().startswith('AB')", True),
        ("'a' ~ 1", "a1"),
        ("10**13 * 10**13", 10**26),
    ],
)
def test_ordinary_expressions_still_work(source: str, expected: object) -> None:
    """Widths, formats, joins and numbers of ordinary size pass the budget unchanged."""
    assert compile_expression(source).evaluate({}) == expected


def test_ordinary_template_features_still_work() -> None:
    """Loops with loop.index, unpacking, a macro calling itself a few levels deep and format all render."""
    source = (
        "{% macro down(n) %}{{ n }}{% if n > 0 %}{{ down(n - 1) }}{% endif %}{% endmacro %}"
        "{% for a, b in pairs %}{{ loop.index }}{{ a }}{{ b }};{% endfor %}{{ down(5) }}|{{ '{:,}'.format(n) }}"
    )
    assert _render(source, pairs=[("x", "y"), ("&", "<")], n=1234567) == "1xy;2&amp;&lt;;543210|1,234,567"


def test_each_render_gets_its_own_budget() -> None:
    """Two renders of 60,000 iterations each both pass: the iteration limit is per evaluation, not per process."""
    template = sandbox_environment().from_string("{% for c in s %}{% endfor %}ok")
    for _ in range(2):
        assert template.render(s="x" * 60_000) == "ok"
    with pytest.raises(budget.BudgetExceeded, match="循环次数"):
        template.render(s="x" * (budget.MAX_ITERATIONS + 1))


def test_wall_clock_budget_refuses_slow_work() -> None:
    """Work that stays under every size limit but runs too long is refused when the clock runs out."""
    template = sandbox_environment().from_string("{% for c in s %}{{ s|unique|list|length }}{% endfor %}")
    start = time.perf_counter()
    with budget.evaluation_budget(seconds=0.2), pytest.raises(budget.BudgetExceeded, match=r"计算时间超过 0\.2 秒"):
        list(template.root_render_func(template.new_context({"s": "x" * 99_999})))
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("'x'.encode()", "不允许调用 str 的 encode 方法"),
        ("'ab'.translate({97: 'x'})", "不允许调用 str 的 translate 方法"),
        ("{}.fromkeys('ab')", "不允许调用 dict.fromkeys"),
        ("'x'.zfill(10**6)", "填充后的文本过长"),
        ("5|round(-10**6)", "四舍五入的位数过大"),
        ("(2**64)**15 * (2**64)**15", "整数过大"),
    ],
)
def test_refusals_say_why_in_chinese(source: str, reason: str) -> None:
    """Methods off the allow-list and oversize results are refused with the reason in Chinese."""
    with pytest.raises(ExpressionError, match=reason):
        compile_expression(source).evaluate({})


def test_deeply_nested_expression_is_a_syntax_error() -> None:
    """1,000 nested brackets in a pack expression are a Chinese syntax error, not a RecursionError."""
    with pytest.raises(ExpressionError, match="表达式语法错误"):
        compile_expression("(" * 1000 + "1" + ")" * 1000)


OFF_LIST = [("'x'|wordwrap(5)", "过滤器 wordwrap"), ("a is callable", "测试 callable")]


@pytest.mark.parametrize(("source", "name"), OFF_LIST)
def test_filters_off_the_allow_list_are_named_in_chinese(source: str, name: str) -> None:
    """wordwrap and other filters or tests off the allow-list are refused in Chinese, naming them."""
    with pytest.raises(ExpressionError, match=f"不允许使用{name}"):
        compile_expression(source)
