"""The template checker behind `policy-assistant templates --check`: find what would spoil a letter, statically.

For each template it reports, with the file and the paragraph's text:
- a tag spoiled by Word's curly quotes (“ ” ‘ ’ inside ``{{ }}`` or ``{% %}``);
- a tag in the document properties (title, comments …), which are not rendered;
- Jinja syntax errors and unknown filters;
- access to internals (``__class__``, ``_private``), refused before anything runs;
- names that are not in the documented context (docxtpl's ``get_undeclared_template_variables``), and
  attributes that the context's objects do not have (``measure.titel``).
Only a template with none of these is then rendered once, in the sandbox, with a sample context.
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.documents.context import CONTEXT_TYPES, DocumentKind

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_CURLY = "“”‘’"
_XML_TAG = re.compile(r"<[^>]+>")
_SYNTAX_HINT = "请检查 {% if %}…{% endif %}、{% for %}…{% endfor %} 是否成对，括号和英文引号是否配对"
_UNSAFE_HINT = "Word 打开由它生成的文书时可能连接外部地址或运行代码；请在 Word 中删除这些内容后另存为 .docx"
_PROPERTIES = ("title", "subject", "author", "comments", "keywords", "category", "identifier", "language")


@dataclass(frozen=True, slots=True)
class TemplateProblem:
    """One problem in one template: where (file, paragraph text) and what, in Chinese."""

    template: Path
    paragraph: str
    message: str

    def __str__(self) -> str:
        where = f"（段落：“{_shorten(self.paragraph)}”）" if self.paragraph else ""
        return f"{self.template}：{self.message}{where}"


def _shorten(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- the documented context as a schema ------------------------------------------------------------


def _unwrap(tp: Any) -> Any:
    """``X | None`` -> ``X``."""
    if isinstance(tp, types.UnionType) or typing.get_origin(tp) is typing.Union:
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return args[0] if len(args) == 1 else None
    return tp


def _fields(tp: Any) -> dict[str, Any] | None:
    """Attribute name -> type for a context dataclass; None for anything else."""
    tp = _unwrap(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return {name: _unwrap(hint) for name, hint in typing.get_type_hints(tp).items()}
    return None


def _element(tp: Any) -> Any:
    tp = _unwrap(tp)
    if typing.get_origin(tp) is list:
        return typing.get_args(tp)[0]
    return None


def context_names(kind: DocumentKind) -> dict[str, Any]:
    """Top-level names a template of ``kind`` may use, with their types."""
    fields = _fields(CONTEXT_TYPES[kind])
    assert fields is not None
    return fields


class _Walker:
    """Follows names through the template's syntax tree and reports unknown attributes and internals."""

    def __init__(self, top: dict[str, Any], report: Callable[[str, str], None]) -> None:
        self.top = top
        self.report = report

    def type_of(self, node: Any, scope: dict[str, Any]) -> Any:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            return scope[node.name] if node.name in scope else self.top.get(node.name)
        if isinstance(node, nodes.Getattr):
            fields = _fields(self.type_of(node.node, scope))
            return fields.get(node.attr) if fields else None
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
            owner = self.type_of(node.node, scope)
            if isinstance(node.arg.value, int):
                return _element(owner)
            fields = _fields(owner)
            return fields.get(node.arg.value) if fields and isinstance(node.arg.value, str) else None
        return None

    def _describe(self, node: Any) -> str:
        from jinja2 import nodes

        if isinstance(node, nodes.Name):
            return node.name
        if isinstance(node, nodes.Getattr):
            return f"{self._describe(node.node)}.{node.attr}"
        return "…"

    def check_attribute(self, node: Any, attr: str, scope: dict[str, Any]) -> None:
        if attr.startswith("_"):
            self.report(
                attr,
                f"访问了不允许的内部属性 {attr}：模板只能使用文书上下文中的变量，不能访问程序内部（未执行该模板）",
            )
            return
        fields = _fields(self.type_of(node, scope))
        if fields is not None and attr not in fields:
            self.report(
                f".{attr}",
                f"未知字段 {self._describe(node)}.{attr}：{self._describe(node)} 没有 {attr}"
                f"（可用：{'、'.join(fields)}；见 docs/templates.md）",
            )

    def walk(self, node: Any, scope: dict[str, Any]) -> None:
        from jinja2 import nodes

        if isinstance(node, nodes.For):
            self.walk(node.iter, scope)
            inner = dict(scope)
            for name in node.target.find_all(nodes.Name):
                inner[name.name] = None
            if isinstance(node.target, nodes.Name):
                inner[node.target.name] = _element(self.type_of(node.iter, scope))
            inner["loop"] = None
            for child in node.body:
                self.walk(child, inner)
            if node.test is not None:
                self.walk(node.test, inner)
            for child in node.else_:
                self.walk(child, scope)
            return
        if isinstance(node, nodes.Assign | nodes.AssignBlock):
            for name in node.target.find_all(nodes.Name):
                scope[name.name] = None
        if isinstance(node, nodes.Getattr):
            self.check_attribute(node.node, node.attr, scope)
        if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            self.check_attribute(node.node, node.arg.value, scope)
        for child in node.iter_child_nodes():
            self.walk(child, scope)


# --- reading the template --------------------------------------------------------------------------


def _paragraphs(element: Any) -> list[str]:
    from docx.oxml.ns import qn

    return ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in element.iter(qn("w:p"))]


def _all_paragraphs(tpl: Any) -> list[str]:
    from docx.opc.oxml import parse_xml

    texts = _paragraphs(tpl.docx.element)
    for rel in tpl.docx.part.rels.values():
        if rel.is_external:
            continue
        if rel.reltype.endswith(("/header", "/footer", "/footnotes", "/endnotes")):
            texts += _paragraphs(parse_xml(rel.target_part.blob))
    return [t for t in texts if t.strip()]


def _find(texts: Iterable[str], token: str) -> str:
    """The first paragraph with a tag that contains ``token``."""
    for text in texts:
        if any(token in tag for tag in _TAG.findall(text)):
            return text
    return ""


def _line_paragraph(source: str, lineno: int | None) -> str:
    if not lineno:
        return ""
    lines = source.splitlines()
    if 0 < lineno <= len(lines):
        return _XML_TAG.sub("", lines[lineno - 1]).strip()
    return ""


def check_template(path: Path, kind: DocumentKind) -> list[TemplateProblem]:
    """Every problem in one template file; an empty list means it is fit to use."""
    from jinja2 import TemplateSyntaxError, meta

    from desktop_app.documents.render import TemplateRenderError, letter_environment, patch_template, read_package

    path = Path(path)
    problems: list[TemplateProblem] = []

    def add(paragraph: str, message: str) -> None:
        problems.append(TemplateProblem(path, paragraph, message))

    try:
        package = read_package(path)
    except TemplateRenderError as exc:
        add("", exc.message)
        return problems
    for finding in package.findings:
        add("", f"模板含有不允许的内容：{finding}。{_UNSAFE_HINT}")
    try:
        patched, tpl = patch_template(path, package)
        texts = _all_paragraphs(tpl)
    except Exception as exc:  # python-docx raises many kinds for a file that is not a .docx
        add("", f"无法打开：不是有效的 Word 文档（.docx）（{type(exc).__name__}）。请用 Word 或 WPS 另存为 .docx")
        return problems

    for text in texts:
        for tag in _TAG.findall(text):
            if any(q in tag for q in _CURLY):
                add(text, f"标记 {tag} 中含有中文引号（“ ” ‘ ’），多为 Word 自动替换所致；请改为英文引号 \" 或 '")
    props = tpl.docx.core_properties
    for name in _PROPERTIES:
        value = getattr(props, name, "") or ""
        if "{{" in value or "{%" in value:
            add(value, f"文档属性“{name}”中含有模板标记；文档属性不会被填写，请把标记移到正文中")

    env = letter_environment()
    sources = {"正文": patched.body, **patched.parts}
    trees = []
    for part, source in sources.items():
        try:
            trees.append(env.parse(source))
        except TemplateSyntaxError as exc:
            add(_line_paragraph(source, exc.lineno), f"模板语法错误（{part}）：{exc.message}。{_SYNTAX_HINT}")
    if len(trees) != len(sources):
        return problems

    top = context_names(kind)
    walker = _Walker(top, lambda token, message: add(_find(texts, token), message))
    for tree in trees:
        walker.walk(tree, {})

    # Compiling (not running) finds unknown filters and tests; find_undeclared_variables needs it to pass.
    compiled = True
    for part, source in sources.items():
        try:
            env.compile(source)
        except TemplateSyntaxError as exc:
            compiled = False
            add(_line_paragraph(source, exc.lineno), f"模板错误（{part}）：{exc.message}")
    if compiled:
        undeclared = set(tpl.get_undeclared_template_variables(env))
        for tree in trees:
            undeclared |= meta.find_undeclared_variables(tree)
        for name in sorted(undeclared - set(top)):
            add(
                _find(texts, name),
                f"未知变量 {name}：{kind.value}模板的上下文中没有这个变量"
                f"（可用：{'、'.join(top)}；见 docs/templates.md）",
            )
    if problems:
        return problems  # nothing runs unless every check above passed

    from desktop_app.documents.samples import sample_context

    try:
        from desktop_app.documents.render import render_docx

        data = render_docx(path, sample_context(kind))
        _check_output(data)
    except TemplateRenderError as exc:
        add("", f"用示例数据试填失败：{exc.message}")
    except ValueError as exc:
        add("", f"用示例数据试填后的文档无效：{exc}")
    return problems


def _check_output(data: bytes) -> None:
    """Every XML part of the rendered letter must be well-formed (docxtpl's own parser would hide a broken one:
    body, headers, footers, foot- and endnotes), and no relationship may point outside but to an http(s) page."""
    import io
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            try:
                root = etree.fromstring(archive.read(name))
            except etree.XMLSyntaxError as exc:
                raise ValueError(f"生成的 {name} 不是合法的 XML（{exc}）") from exc
            if name.endswith(".rels"):
                for rel in root:
                    target = rel.get("Target") or ""
                    if (rel.get("TargetMode") or "").lower() == "external" and not re.match(
                        r"https?://", target, re.IGNORECASE
                    ):
                        raise ValueError(f"生成的文书含有外部链接 {target}（{name}）")


def check_templates(templates_dir: Path | None = None) -> list[TemplateProblem]:
    """Check the template used for every kind: the user's own where ``templates_dir`` has it, else the shipped one."""
    from desktop_app.documents.fill import template_path

    problems: list[TemplateProblem] = []
    for kind in DocumentKind:
        path = template_path(kind, templates_dir)
        if not path.is_file():
            problems.append(TemplateProblem(path, "", "模板文件不存在；请重新安装本程序或在模板文件夹中放入该文件"))
            continue
        problems += check_template(path, kind)
    return problems
