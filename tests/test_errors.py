"""Every error a person must act on is a UserError with a Chinese ``message`` (issue 15)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from desktop_app.domain.answers import AnswerError
from desktop_app.domain.catalog import PackError, PackProblem
from desktop_app.domain.expressions import ExpressionError, UnknownValueError
from desktop_app.errors import UserError, message_for
from desktop_app.fileio import WriteError
from desktop_app.workspace.schema import NewerSchemaError

PACKAGE = Path(__file__).resolve().parent.parent / "desktop_app"
#: Exceptions that are control flow, not something to show: an unanswered field while evaluating.
CONTROL_FLOW = {"UnknownValueError"}


def test_the_errors_module_imports_nothing_from_the_package() -> None:
    """errors.py is a leaf: any module (domain included) can import it without a cycle or Qt."""
    tree = ast.parse((PACKAGE / "errors.py").read_text(encoding="utf-8"))
    imported = [n for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom)]
    assert all(isinstance(n, ast.ImportFrom) and n.module == "__future__" for n in imported)


def test_every_error_class_in_the_package_derives_from_user_error() -> None:
    """No ``class ...Error(Exception)`` of its own: each one subclasses UserError (or another package error)."""
    classes = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and node.name.endswith("Error"):
                classes[f"{path.relative_to(PACKAGE)}:{node.name}"] = [ast.unparse(b) for b in node.bases]
    ours = {key.split(":")[1] for key in classes} - CONTROL_FLOW
    own_base = [
        f"{key}({', '.join(bases)})"
        for key, bases in classes.items()
        if key.split(":")[1] not in CONTROL_FLOW | {"UserError"} and not set(bases) & ours
    ]
    assert len(classes) > 15
    assert own_base == []


def test_value_errors_stay_value_errors() -> None:
    """Code that catches ValueError around answer parsing (wizard editors and batch cells alike) still catches it."""
    for cls in (AnswerError,):
        exc = cls("请填写数字，例如 120")
        assert isinstance(exc, ValueError) and isinstance(exc, UserError)
        assert exc.message == "请填写数字，例如 120"


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (WriteError("无法写入 a.docx：磁盘已满", path=Path("a.docx")), "无法写入 a.docx：磁盘已满"),
        (ExpressionError("表达式语法错误：'a >'"), "表达式语法错误：'a >'"),
        (PackError([PackProblem("p.yaml", "缺少 id")]), str(PackProblem("p.yaml", "缺少 id"))),
        (NewerSchemaError(7), "台账文件由更新版本的程序创建（格式版本 7），请升级本程序后再打开"),
    ],
)
def test_message_is_the_chinese_line(exc: UserError, expected: str) -> None:
    """``message`` is the text given (or built) at the raise, and message_for shows exactly that."""
    assert exc.message == expected
    assert message_for(exc) == expected


def test_message_for_other_exceptions_falls_back_to_text_or_name() -> None:
    """A bug's exception is shown by its text, or its class name when it has none (never an empty line)."""
    assert message_for(RuntimeError("boom")) == "boom"
    assert message_for(KeyError()) == "KeyError"
    assert not isinstance(UnknownValueError("x"), UserError)
