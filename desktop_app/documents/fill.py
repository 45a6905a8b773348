"""Generate an enterprise's documents: one letter per eligible measure, the 办理清单 and the 政策体检报告.

Everything is rendered in memory first and then published as one set by :func:`staging.publish`, so
a template that fails, a full disk or a killed process leaves no half-written set behind. A file this
program wrote earlier and nobody changed since is replaced; any other existing file is kept and the
new one gets a ``(2)`` name, unless ``force`` is given.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop_app import fileio, paths, staging
from desktop_app.documents.context import (
    DocumentKind,
    kind_for,
    letter_context,
    short_company_name,
)
from desktop_app.documents.render import TemplateRenderError, render_docx
from desktop_app.documents.summary import checklist_context, report_context
from desktop_app.domain.matching import MatchReport, MeasureResult, Status
from desktop_app.domain.profile import EnterpriseProfile
from desktop_app.errors import UserError

Progress = Callable[[int, int, str], None]


class DocumentError(UserError):
    """Documents that cannot be generated; ``message`` is Chinese and says what to do."""


@dataclass(frozen=True, slots=True)
class GeneratedDocument:
    kind: DocumentKind
    measure_id: str | None
    path: Path
    pdf_path: Path | None = None


@dataclass(frozen=True, slots=True)
class _Job:
    kind: DocumentKind
    measure_id: str | None
    stem: str
    label: str
    data: bytes
    pdf: bytes | None


def template_path(kind: DocumentKind, templates_dir: Path | None = None) -> Path:
    """The template for ``kind``: the user's own folder first, file by file, then the shipped one."""
    if templates_dir is not None:
        own = Path(templates_dir) / kind.template_name
        if own.is_file():
            return own
    return paths.templates_dir() / kind.template_name


def document_stem(profile: EnterpriseProfile, kind: DocumentKind, result: MeasureResult | None = None) -> str:
    """``<公司简称>_<measure id>_<标题>``, ``<公司简称>_政策体检报告`` or ``<公司简称>_办理清单``, safe for Windows."""
    short = short_company_name(profile.name or "")
    if result is None:
        name = f"政策{kind.value}" if kind is DocumentKind.report else kind.value
        return fileio.safe_joined_name([short, name], keep=[1])
    return fileio.safe_joined_name([short, result.measure.id, result.measure.title], keep=[1])


def selected_results(report: MatchReport, measure_ids: Sequence[str] | None) -> list[MeasureResult]:
    """The eligible measures to write letters for; an id that is unknown or not eligible is an error.

    Only ``eligible`` gets a letter: a 待核实 measure becomes eligible once the user has confirmed all of
    its checks, and a measure left 0元 by a cross-measure rule is not eligible (both settled by matching).
    """
    eligible = report.with_status(Status.eligible)
    if measure_ids is None:
        return eligible
    by_id = {r.measure.id: r for r in report.results}
    chosen = []
    for measure_id in measure_ids:
        result = by_id.get(measure_id)
        if result is None:
            raise DocumentError(f"找不到措施 {measure_id}。运行 policy-assistant catalog 查看全部措施编号")
        if result.status is not Status.eligible:
            raise DocumentError(
                f"措施 {measure_id}（{result.measure.title}）的状态为“{result.status.label}”，"
                "只能为符合条件的措施生成文书。运行 policy-assistant explain 查看原因"
            )
        if result not in chosen:
            chosen.append(result)
    return chosen


def generate_documents(
    *,
    profile: EnterpriseProfile,
    report: MatchReport,
    out_dir: Path,
    measure_ids: Sequence[str] | None = None,
    pdf: bool = False,
    force: bool = False,
    templates_dir: Path | None = None,
    user_contacts: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> list[GeneratedDocument]:
    """Write one letter per eligible measure (申请书 / 办理指引 / 告知书 by channel), the 办理清单 and the 政策体检报告.

    The 办理清单 is written only when there is at least one letter; it and the report name the letters'
    file names, so every path is settled before anything is rendered.

    ``measure_ids`` limits the letters to those measures (each must be eligible); the report is always
    written. ``user_contacts`` maps a responsible unit to a phone the user entered; it is used only
    where the document gives none, and the letter marks it as user-entered. ``progress(done, total,
    label)`` is called after each document is rendered. Raises :class:`DocumentError`,
    :class:`~desktop_app.documents.render.TemplateRenderError`, :class:`~desktop_app.fileio.WriteError`
    and, with ``pdf``, :class:`~desktop_app.documents.preview.PreviewError`.
    """
    if not profile.name:
        raise DocumentError("企业名称未填写：文书需要企业名称，请先在企业档案中填写 name（企业名称）")
    results = selected_results(report, measure_ids)
    total = len(results) + (2 if results else 1)
    out_dir = Path(out_dir)

    # The 办理清单 and the report name the letters' files: staging publishes them under these names (a rerun
    # replaces our own unchanged files), so the names are settled before anything is rendered.
    stems = {r.measure.id: document_stem(profile, kind_for(r.measure), r) for r in results}
    names = {measure_id: f"{stem}.docx" for measure_id, stem in stems.items()}
    now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    as_of: dt.date = report.as_of
    if pdf:
        from desktop_app.documents.preview import ensure_cjk_font

        ensure_cjk_font()

    jobs: list[_Job] = []

    def add(kind: DocumentKind, result: MeasureResult | None, context: Mapping[str, object], label: str) -> None:
        rendered = render_docx(template_path(kind, templates_dir), context)
        data = stamp_properties(rendered, title=label, subject=profile.name or "", when=now)
        pdf_data = None
        if pdf:
            from desktop_app.documents.preview import docx_to_pdf_bytes

            pdf_data = docx_to_pdf_bytes(data, title=label)
        stem = stems[result.measure.id] if result is not None else document_stem(profile, kind, None)
        jobs.append(_Job(kind, result.measure.id if result else None, stem, label, data, pdf_data))
        if progress is not None:
            progress(len(jobs), total, label)

    for result in results:
        kind = kind_for(result.measure)
        context = letter_context(profile=profile, result=result, as_of=as_of, user_contacts=user_contacts)
        add(kind, result, context.as_mapping(), f"{kind.value}：{result.measure.title}")
    if results:
        checklist = checklist_context(report=report, results=results, documents=names, user_contacts=user_contacts)
        add(DocumentKind.checklist, None, checklist.as_mapping(), "办理清单")
    report_ctx = report_context(report=report, user_contacts=user_contacts, documents=names)
    add(DocumentKind.report, None, report_ctx.as_mapping(), "政策体检报告")

    files = [(f"{job.stem}.docx", job.data) for job in jobs]
    files += [(f"{job.stem}.pdf", job.pdf) for job in jobs if job.pdf is not None]
    placed = iter(staging.publish(out_dir, files, force=force))  # all or nothing; reruns replace our own
    letters = [next(placed) for _ in jobs]
    return [
        GeneratedDocument(job.kind, job.measure_id, path, next(placed) if job.pdf is not None else None)
        for job, path in zip(jobs, letters, strict=True)
    ]


_CORE = "docProps/core.xml"


def stamp_properties(data: bytes, *, title: str, subject: str, when: dt.datetime) -> bytes:
    """The document's core properties as Word shows them: its own title and subject, generated ``when``.

    The template's author, comment and fixed dates do not carry over into the letter.
    """
    from xml.sax.saxutils import escape

    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    core = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title><dc:subject>{escape(subject)}</dc:subject>"
        f"<dc:creator>{escape(subject)}</dc:creator><cp:revision>1</cp:revision>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, core if info.filename == _CORE else source.read(info.filename))
    return out.getvalue()


__all__ = [
    "DocumentError",
    "DocumentKind",
    "GeneratedDocument",
    "TemplateRenderError",
    "document_stem",
    "generate_documents",
    "selected_results",
    "stamp_properties",
    "template_path",
]
