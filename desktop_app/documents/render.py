"""THE one rendering function: a docxtpl template plus a context gives the bytes of a .docx.

Tags are docxtpl's (``{{ }}``, ``{%p %}``, ``{%tr %}`` …), prepared by docxtpl's own ``patch_xml`` and
rendered in the project's one sandbox (``expressions.sandbox_environment(autoescape=True)``), so
``A&B <公司>`` stays valid XML and a template cannot reach Python internals.

Safety (issue 13): a template is read through :func:`read_package` (``documents/package.py``): the zip
is bounded before anything is inflated, and only the parts a letter needs are kept, without macros,
ActiveX or external links other than http(s). Headers, footers, footnotes and endnotes are rendered
and written as well-formed XML.

Speed (issue 7): a naive ``DocxTemplate(path).render(ctx); save()`` opens the .docx, patches and
recompiles the Jinja template, and saves through python-docx on every letter. Here everything that
does not depend on the context is done once per template file and kept until the file changes
(path, mtime and size): the zip members, the patched and compiled Jinja templates of the body,
headers, footers and footnotes, and the document element around the body. A render then only runs
the compiled templates, applies docxtpl's table and line-break fix-ups, and writes a new zip.
"""

from __future__ import annotations

import copy
import io
import re
import threading
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.errors import UserError

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from desktop_app.documents.package import SafePackage

_XML_DECLARATION = b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_NOTES = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
)
_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>\s*")
_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"


class TemplateRenderError(UserError):
    """A template that cannot be read or rendered; ``message`` is Chinese and names the file."""

    def __init__(self, message: str, *, template: Path) -> None:
        super().__init__(message)
        self.template = template


@cache
def letter_environment() -> ImmutableSandboxedEnvironment:
    """The sandbox every letter is rendered in (one per process; compiled templates keep a reference)."""
    from desktop_app.domain.expressions import sandbox_environment

    return sandbox_environment(autoescape=True)


@dataclass(frozen=True, slots=True)
class PatchedTemplate:
    """A template's Jinja sources after docxtpl's patching: the body, and other parts by zip member name.

    Lines of ``body`` are paragraphs (docxtpl puts each ``<w:p`` on a new line), so a Jinja line
    number points at a paragraph.
    """

    body: str
    parts: dict[str, str]


def read_package(path: Path) -> SafePackage:
    """The template's zip, bounded and stripped to what a letter needs (see :mod:`documents.package`).

    Raises :class:`TemplateRenderError` for a file that is not a .docx or is too big.
    """
    from desktop_app.documents.package import PackageError, open_package

    try:
        return open_package(path)
    except PackageError as exc:
        raise TemplateRenderError(exc.message, template=Path(path)) from exc


def patch_template(path: Path, package: SafePackage | None = None) -> tuple[PatchedTemplate, Any]:
    """Open ``path`` (its safe package) with docxtpl and return its patched sources and the docx Document.

    Rendered besides the body: headers, footers, footnotes and endnotes, each without its own XML
    declaration (the renderer writes one), so every part is well-formed XML.
    """
    from docxtpl import DocxTemplate

    package = package if package is not None else read_package(path)
    tpl = DocxTemplate(io.BytesIO(package.to_bytes()))
    tpl.init_docx()
    body = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(tpl.get_xml()))
    parts: dict[str, str] = {}
    for uri in (_HEADER, _FOOTER):
        for _rel, part in tpl.get_headers_footers(uri):
            parts[str(part.partname).lstrip("/")] = tpl.patch_xml(tpl.get_part_xml(part))
    for part in tpl.docx.part.package.parts:
        if part.content_type in _NOTES:
            blob = part.blob.decode("utf-8") if isinstance(part.blob, bytes) else part.blob
            parts[str(part.partname).lstrip("/")] = tpl.patch_xml(blob)
    for name, source in parts.items():
        source = _DECLARATION.sub("", source, count=1)
        parts[name] = re.sub(r"<w:p([ >])", r"\n<w:p\1", source)
    return PatchedTemplate(body=body, parts=parts), tpl


@dataclass(slots=True)
class _Compiled:
    """Everything about one template file that does not depend on the context."""

    members: list[tuple[zipfile.ZipInfo, bytes]]
    document_name: str
    shell: Any  # the w:document element without its body
    body_index: int
    body: Template
    parts: dict[str, Template]
    helper: Any  # a DocxTemplate, for its stateless fix-up methods


_cache: dict[str, tuple[tuple[int, int], _Compiled]] = {}
_lock = threading.Lock()


def _compile(path: Path) -> _Compiled:
    from docx.oxml.ns import qn
    from jinja2 import TemplateError

    env = letter_environment()
    package = read_package(path)  # bounded; macros, ActiveX and external links stripped
    try:
        patched, tpl = patch_template(path, package)
        members = package.members
        document_name = str(tpl.docx.part.partname).lstrip("/")
        shell = copy.deepcopy(tpl.docx.element)
    except Exception as exc:  # python-docx and zipfile raise many kinds for a file that is not a .docx
        raise TemplateRenderError(
            f"无法读取模板 {path}：不是有效的 Word 文档（{type(exc).__name__}）。请用 Word 或 WPS 另存为 .docx",
            template=path,
        ) from exc
    body = shell.find(qn("w:body"))
    body_index = list(shell).index(body)
    shell.remove(body)
    try:
        compiled_body = env.from_string(patched.body)
        compiled_parts = {name: env.from_string(source) for name, source in patched.parts.items()}
    except TemplateError as exc:
        raise TemplateRenderError(
            f"模板 {path.name} 有语法错误：{exc}。请运行 policy-assistant templates --check 查看详情",
            template=path,
        ) from exc
    return _Compiled(members, document_name, shell, body_index, compiled_body, compiled_parts, tpl)


def _compiled(path: Path) -> _Compiled:
    """The compiled template, from the cache unless the file changed since."""
    resolved = path.resolve()
    try:
        stat = resolved.stat()
    except OSError as exc:
        raise TemplateRenderError(f"找不到模板文件 {path}，请检查模板文件夹", template=path) from exc
    key, stamp = str(resolved), (stat.st_mtime_ns, stat.st_size)
    with _lock:
        hit = _cache.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
    compiled = _compile(resolved)
    with _lock:
        _cache[key] = (stamp, compiled)
    return compiled


def clear_cache() -> None:
    with _lock:
        _cache.clear()


def _finish_part(helper: Any, xml: str) -> str:
    """docxtpl's post-render steps for one part: undo the paragraph newlines, escaped braces, line breaks."""
    xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    return str(helper.resolve_listing(xml))


def render_docx(template: Path, context: Mapping[str, Any]) -> bytes:
    """Render ``template`` with ``context`` and return the .docx bytes. Raises :class:`TemplateRenderError`."""
    from docx.oxml.ns import nsmap
    from jinja2 import TemplateError
    from lxml import etree

    from desktop_app.documents.package import neutralise_fields

    compiled = _compiled(Path(template))
    helper = compiled.helper
    try:
        body_xml = _finish_part(helper, compiled.body.render(context))
        rendered_parts = {name: _finish_part(helper, t.render(context)) for name, t in compiled.parts.items()}
    except TemplateError as exc:
        raise TemplateRenderError(
            f"模板 {Path(template).name} 无法生成文书：{exc}。请运行 policy-assistant templates --check 检查模板",
            template=Path(template),
        ) from exc
    # Autoescape keeps the XML well-formed; docxtpl's own parser (recover=True) would hide a broken one.
    body = helper.fix_tables(body_xml)
    for number, doc_pr in enumerate(body.xpath("//wp:docPr", namespaces=nsmap), start=1001):
        doc_pr.attrib["id"] = str(number)
    document = copy.deepcopy(compiled.shell)
    document.insert(compiled.body_index, body)
    neutralise_fields(document)  # a field a tag assembled (INCLUDEPICTURE …) fetches nothing either
    replaced = {compiled.document_name: etree.tostring(document, encoding="UTF-8", standalone=True)}
    for name, xml in rendered_parts.items():
        data = _XML_DECLARATION + xml.encode("utf-8")
        if "fldSimple" in xml or "instrText" in xml:
            part = etree.fromstring(data)
            if neutralise_fields(part):
                data = etree.tostring(part, xml_declaration=True, encoding="UTF-8", standalone=True)
        replaced[name] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in compiled.members:
            out.writestr(info, replaced.get(info.filename, data))
    return buffer.getvalue()
