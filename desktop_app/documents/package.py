"""A .docx template from anywhere, made safe to copy into letters: bounded, and only the parts a letter needs.

:func:`open_package` reads the zip directory first and refuses a template with too many members or too
large an uncompressed size (a 2 MB file can declare a 2 GiB member), then keeps only the parts reached
through relationship types a letter needs (text, styles, numbering, fonts, theme, headers, footers,
foot- and endnotes, comments, embedded images, properties). Everything else — macros (vbaProject.bin),
ActiveX controls, OLE objects, attached templates, alt-chunks, sub-documents — is dropped together with
its relationship, its content type and the XML that points at it; so is every external relationship
other than an http(s) hyperlink (a linked image or a ``file://`` / ``\\\\host\\share`` target makes Word
contact that host when the letter is opened), and every INCLUDEPICTURE / INCLUDETEXT / LINK / DDE field,
which is turned into its shown text. ``findings`` says, in Chinese, what was removed: the checker
refuses such a template, the renderer strips and goes on (and neutralises such fields in the rendered
letter too, in case a tag builds one).
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.errors import UserError

MAX_MEMBERS = 300
MAX_UNCOMPRESSED_BYTES = 40 * 1024 * 1024

_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
#: relationship types (the last path segment) whose targets a letter may carry
_ALLOWED_TYPES = {
    "officeDocument",
    "core-properties",
    "extended-properties",
    "custom-properties",
    "styles",
    "stylesWithEffects",
    "settings",
    "webSettings",
    "fontTable",
    "font",
    "theme",
    "numbering",
    "header",
    "footer",
    "footnotes",
    "endnotes",
    "comments",
    "commentsExtended",
    "commentsIds",
    "commentsExtensible",
    "people",
    "image",
    "hyperlink",
    "customXml",
    "customXmlProps",
    "thumbnail",
}
#: elements whose reference may simply be dropped (the element itself stays: a hyperlink's text, an image)
_KEEP_ELEMENT = {"hyperlink", "blip", "imagedata"}
_SAFE_LINK = re.compile(r"^https?://", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: field codes that make Word read a file, a URL or another program when the letter is opened or updated
_FIELD = re.compile(r"^\s*(INCLUDEPICTURE|INCLUDETEXT|LINK|DDEAUTO|DDE|IMPORT)\b", re.IGNORECASE)
_WHAT = {
    "vbaProject": "宏（VBA 代码）",
    "attachedTemplate": "附加模板",
    "control": "ActiveX 控件",
    "oleObject": "嵌入或链接的 OLE 对象",
    "package": "嵌入的文档",
    "aFChunk": "导入的外部内容（altChunk）",
    "subDocument": "子文档",
    "frame": "框架页",
    "image": "链接的图片",
    "hyperlink": "指向本机或共享文件夹的超链接",
}


class PackageError(UserError):
    """The template cannot be used at all (not a zip, too big); ``message`` is Chinese and names the file."""


@dataclass(slots=True)
class SafePackage:
    """The kept zip members (in their original order) and what was removed, as Chinese sentences."""

    members: list[tuple[zipfile.ZipInfo, bytes]]
    findings: list[str] = field(default_factory=list)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in self.members:
                out.writestr(info, data)
        return buffer.getvalue()


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _source_of(rels: str) -> str:
    folder, name = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), name.removesuffix(".rels"))


def _target(source: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def open_package(path: Path) -> SafePackage:
    """Read ``path`` bounded and return its safe parts. Raises :class:`PackageError`."""
    path = Path(path)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if len(infos) > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES:
                raise PackageError(
                    f"模板 {path} 过大或结构异常（{len(infos)} 个部件，解压后 {total / 2**20:.0f} MB；"
                    f"最多 {MAX_MEMBERS} 个、{MAX_UNCOMPRESSED_BYTES // 2**20} MB）。"
                    "请在 Word 或 WPS 中打开并另存为新的 .docx，删除大图片后重试"
                )
            members = [(info, archive.read(info.filename)) for info in infos if not info.is_dir()]
    except PackageError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise PackageError(
            f"无法读取模板 {path}：不是有效的 Word 文档（{type(exc).__name__}）。请用 Word 或 WPS 另存为 .docx"
        ) from exc
    return _sanitise(members)


def _parse(data: bytes) -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    return etree.fromstring(data, parser)


def _sanitise(members: list[tuple[zipfile.ZipInfo, bytes]]) -> SafePackage:
    from lxml import etree

    data = {info.filename: payload for info, payload in members}
    findings: list[str] = []
    kept: set[str] = {"[Content_Types].xml", "_rels/.rels"}
    removed_ids: dict[str, set[str]] = {}  # source part -> relationship ids removed from it
    new_rels: dict[str, bytes] = {}
    queue = ["_rels/.rels"]
    while queue:
        rels_name = queue.pop()
        if rels_name not in data:
            continue
        source = "" if rels_name == "_rels/.rels" else _source_of(rels_name)
        try:
            root = _parse(data[rels_name])
        except etree.XMLSyntaxError:
            continue  # python-docx will refuse the file with its own error
        changed = False
        for rel in list(root):
            kind = (rel.get("Type") or "").rsplit("/", 1)[-1]
            target = rel.get("Target") or ""
            external = (rel.get("TargetMode") or "").lower() == "external"
            if external:
                if kind == "hyperlink" and _SAFE_LINK.match(target):
                    continue
                findings.append(f"{_WHAT.get(kind, '外部链接')} → {target}（{source or '文档'}）")
            elif kind in _ALLOWED_TYPES:
                part = _target(source, target)
                if part not in kept:
                    kept.add(part)
                    kept.add(_rels_name(part))
                    queue.append(_rels_name(part))
                continue
            else:
                findings.append(f"{_WHAT.get(kind, kind)}（{target}）")
            root.remove(rel)
            removed_ids.setdefault(source, set()).add(rel.get("Id") or "")
            changed = True
        if changed:
            new_rels[rels_name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    for source, ids in removed_ids.items():
        if source and source in data and source in kept:
            data[source] = _drop_references(data[source], ids)
    data.update(new_rels)
    for name in kept:
        if name.startswith("word/") and name.endswith(".xml") and name in data:
            data[name] = _neutralise_part(data[name], name, findings)
    data["[Content_Types].xml"] = _content_types(data.get("[Content_Types].xml", b""), kept)
    out = [(info, data[info.filename]) for info, _ in members if info.filename in kept]
    dropped = sorted({info.filename for info, _ in members} - kept)
    findings += [f"不允许的部件 {name}" for name in dropped if re.search(r"vba|activex|\.bin$", name, re.IGNORECASE)]
    return SafePackage(out, list(dict.fromkeys(findings)))


def _drop_references(xml: bytes, ids: set[str]) -> bytes:
    """Remove what points at a removed relationship: the attribute of a hyperlink or image, else the element."""
    from lxml import etree

    try:
        root = _parse(xml)
    except etree.XMLSyntaxError:
        return xml
    prefix = f"{{{_R_NS}}}"
    for element in list(root.iter()):
        refs = [name for name, value in element.attrib.items() if name.startswith(prefix) and value in ids]
        if not refs:
            continue
        local = etree.QName(element).localname
        if local in _KEEP_ELEMENT:
            for name in refs:
                del element.attrib[name]
        elif element.getparent() is not None:
            element.getparent().remove(element)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def neutralise_fields(root: Any) -> list[str]:
    """Turn every field that fetches from outside (INCLUDEPICTURE \\\\host\\x.png, INCLUDETEXT, LINK, DDE …)
    into its shown text, in place; return the field names found. Simple and complex fields, nested too."""
    found: list[str] = []
    for simple in list(root.iter(f"{_W}fldSimple")):
        match = _FIELD.match(simple.get(f"{_W}instr") or "")
        parent = simple.getparent()
        if match and parent is not None:
            found.append(match.group(1).upper())
            index = parent.index(simple)
            for offset, child in enumerate(list(simple)):
                parent.insert(index + offset, child)
            parent.remove(simple)
    stack: list[list[Any]] = []  # per open complex field: its fldChar and instrText elements
    for element in list(root.iter(f"{_W}fldChar", f"{_W}instrText")):
        if element.tag == f"{_W}fldChar":
            kind = element.get(f"{_W}fldCharType")
            if kind == "begin":
                stack.append([element])
            elif stack:
                stack[-1].append(element)
                if kind == "end":
                    parts = stack.pop()
                    instruction = "".join(e.text or "" for e in parts if e.tag == f"{_W}instrText")
                    match = _FIELD.match(instruction)
                    if match:
                        found.append(match.group(1).upper())
                        for part in parts:  # the shown result between separate and end stays as plain text
                            if part.getparent() is not None:
                                part.getparent().remove(part)
        elif stack:
            stack[-1].append(element)
    return found


def _neutralise_part(xml: bytes, name: str, findings: list[str]) -> bytes:
    if b"fldSimple" not in xml and b"instrText" not in xml:
        return xml
    from lxml import etree

    try:
        root = _parse(xml)
    except etree.XMLSyntaxError:
        return xml
    names = neutralise_fields(root)
    if not names:
        return xml
    findings += [f"会读取外部文件、网址或程序的域代码 {field}（{name}）" for field in sorted(set(names))]
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _content_types(xml: bytes, kept: set[str]) -> bytes:
    """Overrides only for kept parts; a macro-enabled main part declared as a plain document."""
    from lxml import etree

    try:
        root = _parse(xml)
    except etree.XMLSyntaxError:
        return xml
    extensions = {posixpath.splitext(name)[1].lstrip(".").lower() for name in kept}
    for entry in list(root):
        local = etree.QName(entry).localname
        if local == "Override":
            if (entry.get("PartName") or "").lstrip("/") not in kept:
                root.remove(entry)
            elif "macroEnabled" in (entry.get("ContentType") or "") or "ms-word.template" in (
                entry.get("ContentType") or ""
            ):
                entry.set("ContentType", _MAIN)
        elif local == "Default" and (entry.get("Extension") or "").lower() not in extensions | {"rels", "xml"}:
            root.remove(entry)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
