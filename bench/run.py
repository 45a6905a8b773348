"""Benchmarks of issue 7, run as `python bench/run.py [--json]`; writes bench/results.md. Not part of the tests.

Every figure is a median of several runs. Every ratio pits the two contestants against each other in
the same run, interleaved, so machine noise cancels:

- startup_ratio   process start -> first window painted, `policy-assistant gui` / a bare QApplication +
                  QWizard().show() script (both offscreen, both timed by the same hook, see STARTUP_DRIVER)
- match_ms        match() of the richest example profile against the full catalog, warm
- match_10k_ms    the same against 10,000 measures cloned from the real ones (also timed at 2,500 and 5,000
                  to show how the cost grows)
- render_ratio    one 申请书 through desktop_app.documents.render / naive DocxTemplate(path).render(); save()
- batch_1000_s    `batch` on 1,000 generated companies (four districts, 4 letters + 体检报告 each), --jobs 2
- gui_peak_rss_mb peak RSS of `gui --screenshots` (the scripted full session) with the jinshan example
- bundle_mb       size of the PyInstaller onedir built from build.spec (MiB)
- pdf_ms_per_doc  (`fill --pdf` − `fill`) / documents written, per example and run, interleaved (issue 12)

A figure that cannot be measured (a part not built yet, a failed run) is null with the reason; nothing
is estimated.
"""

from __future__ import annotations

import argparse
import atexit
import datetime as dt
import io
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

AS_OF = dt.date(2023, 6, 1)
KEYS = (
    "startup_ratio",
    "match_ms",
    "match_10k_ms",
    "render_ratio",
    "batch_1000_s",
    "gui_peak_rss_mb",
    "bundle_mb",
    "draft_clause_recall",
    "draft_amount_recall",
    "draft_date_recall",
    "draft_phone_recall",
    "draft_s_per_doc",
    "pdf_ms_per_doc",
)
#: Each figure's target (issue 7): value <= target.
TARGETS = {
    "startup_ratio": 1.5,
    "match_ms": 2.0,
    "match_10k_ms": 200.0,
    "render_ratio": 0.8,
    "batch_1000_s": 45.0,
    "gui_peak_rss_mb": 200.0,
    "bundle_mb": 120.0,
    "draft_s_per_doc": 5.0,
    "pdf_ms_per_doc": 150.0,  # issue 12
}
#: Figures whose target is a minimum (issue 17's recalls): value >= target.
MINIMUMS = {"draft_clause_recall": 0.95, "draft_amount_recall": 0.90, "draft_date_recall": 0.90,
            "draft_phone_recall": 1.0}  # fmt: skip
UNITS = {"startup_ratio": "×", "match_ms": "ms", "match_10k_ms": "ms", "render_ratio": "×", "batch_1000_s": "s",
         "gui_peak_rss_mb": "MB", "bundle_mb": "MB", "draft_clause_recall": "", "draft_amount_recall": "",
         "draft_date_recall": "", "draft_phone_recall": "", "draft_s_per_doc": "s", "pdf_ms_per_doc": "ms"}  # fmt: skip


@dataclass
class Figure:
    value: float | None
    detail: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


_HOME = tempfile.mkdtemp(prefix="bench-home-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)


def _env() -> dict[str, str]:
    """Offscreen Qt, the checkout importable, and an empty home: no user's draft or settings changes a run."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "APPDATA", "LOCALAPPDATA"):
        env[name] = str(Path(_HOME) / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


# --- start-up -------------------------------------------------------------------------------------------

#: Runs a script or module and reports the first paint of the first top-level window, then exits at once.
#: Both contestants run under it, so its own cost (importing QtWidgets first) is the same on both sides.
STARTUP_DRIVER = textwrap.dedent(
    """
    import os, runpy, sys
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QWidget

    class _Watch(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                sys.stdout.write("shown\\n")
                sys.stdout.flush()
                os._exit(0)
            return False

    _watch = _Watch()
    _show = QWidget.show

    def show(self):
        if self.isWindow():
            self.installEventFilter(_watch)
        return _show(self)

    QWidget.show = show
    if sys.argv[1] == "-m":
        sys.argv = [sys.argv[2], *sys.argv[3:]]
        runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
    else:
        sys.argv = sys.argv[1:]
        runpy.run_path(sys.argv[0], run_name="__main__")
    sys.stdout.write("exited without showing a window\\n")
    """
)
BASELINE_WIZARD = textwrap.dedent(
    """
    import sys
    from PySide6.QtWidgets import QApplication, QWizard
    app = QApplication(sys.argv)
    wizard = QWizard()
    wizard.show()
    app.exec()
    """
)


def _time_to_window(args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, *args], cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        line = proc.stdout.readline() if proc.stdout else ""
        elapsed = time.perf_counter() - start
    finally:
        proc.kill()
        _, err = proc.communicate(timeout=30)
    if line.strip() != "shown":
        raise RuntimeError(f"no window shown: {line.strip()} {err.strip()[-300:]}")
    return elapsed * 1000


def startup_ratio(runs: int) -> Figure:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "driver.py").write_text(STARTUP_DRIVER, encoding="utf-8")
        (work / "baseline.py").write_text(BASELINE_WIZARD, encoding="utf-8")
        app_args = ["driver.py", "-m", "desktop_app", "gui"]
        base_args = ["driver.py", "baseline.py"]
        _time_to_window(base_args, work)  # warm the file cache for both
        _time_to_window(app_args, work)
        app, base = [], []
        for _ in range(runs):
            base.append(_time_to_window(base_args, work))
            app.append(_time_to_window(app_args, work))
    a, b = statistics.median(app), statistics.median(base)
    return Figure(a / b, f"应用 {a:.0f} ms，基线（裸 QApplication + QWizard）{b:.0f} ms，各 {runs} 次取中位数")


# --- matching -------------------------------------------------------------------------------------------


def _rich_example() -> Any:
    from desktop_app.domain.profile_io import load_profile
    from desktop_app.paths import examples_dir

    profiles = [load_profile(p) for p in sorted(examples_dir().glob("*.json"))]
    return max(profiles, key=lambda p: sum(v is not None for v in p.answers().values()))


def match_ms(runs: int) -> Figure:
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.matching import match

    catalog = load_catalog()
    profile = _rich_example()
    for _ in range(20):
        match(profile, catalog, as_of=AS_OF)
    value = _median_ms(lambda: match(profile, catalog, as_of=AS_OF), runs)
    return Figure(value, f"{profile.name}，{len(catalog.measures)} 项措施，预热后 {runs} 次取中位数")


def _cloned_catalog(size: int) -> Any:
    from desktop_app.domain.catalog import Catalog, compile_measure, load_catalog

    real = load_catalog()
    measures = []
    n = 0
    while len(measures) < size:
        for compiled in real.measures:
            if len(measures) == size:
                break
            suffix = "abcdefghijklmnopqrstuvwxyz"[n % 26]  # ids stay valid: <district>-<year>-<clause><letter>
            clone = compiled.measure.model_copy(update={"id": f"{compiled.measure.id}{suffix}"})
            measures.append(compile_measure(compiled.pack, clone))
        n += 1
    return Catalog(packs=list(real.packs), measures=measures)


def match_10k_ms(runs: int) -> Figure:
    from desktop_app.domain.matching import match

    profile = _rich_example()
    sizes = (2_500, 5_000, 10_000)
    catalogs = {size: _cloned_catalog(size) for size in sizes}
    samples: dict[int, list[float]] = {size: [] for size in sizes}
    for catalog in catalogs.values():
        for _ in range(3):
            match(profile, catalog, as_of=AS_OF)
    for _ in range(runs):  # the sizes take turns, so a busy moment hits all of them alike
        for size, catalog in catalogs.items():
            samples[size].append(_median_ms(lambda c=catalog: match(profile, c, as_of=AS_OF), 1))
    timings = {size: statistics.median(values) for size, values in samples.items()}
    growth = timings[10_000] / timings[2_500]
    fastest = min(samples[10_000]) / min(samples[2_500])  # less exposed to other load on the machine
    per = ", ".join(f"{s:,} 项 {t:.1f} ms" for s, t in timings.items())
    return Figure(
        timings[10_000],
        f"{per}（各 {runs} 次轮流测量）；措施数 4 倍时耗时 {growth:.2f} 倍（中位数）、{fastest:.2f} 倍（最快一次），"
        "线性为 4 倍",
        {"growth_vs_linear": growth / 4},
    )


# --- rendering ------------------------------------------------------------------------------------------


def _document_text(data: bytes) -> str:
    import re
    import zipfile

    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))


def render_ratio(runs: int) -> Figure:
    from docxtpl import DocxTemplate

    from desktop_app.documents.context import KIND_FOR_CHANNEL, DocumentKind, letter_context
    from desktop_app.documents.fill import template_path
    from desktop_app.documents.render import letter_environment, render_docx
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.matching import Status, match

    catalog = load_catalog()
    profile = _rich_example()
    report = match(profile, catalog, as_of=AS_OF)
    result = next(
        r
        for r in report.with_status(Status.eligible)
        if KIND_FOR_CHANNEL[r.measure.channel.kind.value] is DocumentKind.application
    )
    context = letter_context(profile=profile, result=result, as_of=AS_OF).as_mapping()
    template = template_path(DocumentKind.application)
    env = letter_environment()

    def naive() -> bytes:
        tpl = DocxTemplate(str(template))
        tpl.render(context, jinja_env=env, autoescape=True)
        out = io.BytesIO()
        tpl.save(out)
        return out.getvalue()

    def ours() -> bytes:
        return render_docx(template, context)

    same = _document_text(naive()) == _document_text(ours())
    for _ in range(3):
        naive()
        ours()
    mine, theirs = [], []
    for _ in range(runs):
        mine.append(_median_ms(ours, 1))
        theirs.append(_median_ms(naive, 1))
    a, b = statistics.median(mine), statistics.median(theirs)
    check = "两者正文文字一致" if same else "注意：两者正文文字不一致"
    detail = f"项目渲染器 {a:.1f} ms，原样 docxtpl {b:.1f} ms（{result.measure.id}，各 {runs} 次）；{check}"
    return Figure(a / b, detail)


# --- batch ----------------------------------------------------------------------------------------------


def _trimmed_variants(per_example: int, letters: int, seed: int) -> list[Any]:
    """Profiles with exactly ``letters`` eligible measures, made by unanswering fields of the examples."""
    from desktop_app.domain.catalog import load_catalog
    from desktop_app.domain.matching import Status, match
    from desktop_app.domain.profile import BASIC_FIELDS, EnterpriseProfile
    from desktop_app.domain.profile_io import load_profile
    from desktop_app.paths import examples_dir

    catalog = load_catalog()
    rng = random.Random(seed)
    out = []
    for path in sorted(examples_dir().glob("*.json")):
        example = load_profile(path)
        for _ in range(per_example):
            data = example.model_dump()
            skip = {*BASIC_FIELDS, "district", "schema_version"}
            answered = [k for k, v in data.items() if v is not None and k not in skip]
            rng.shuffle(answered)

            def eligible(d: dict[str, Any]) -> int:
                report = match(EnterpriseProfile.model_validate(d), catalog, as_of=AS_OF)
                return len(report.with_status(Status.eligible))

            count = eligible(data)
            for name in answered:
                if count <= letters:
                    break
                trial = dict(data, **{name: None})
                trial_count = eligible(trial)
                if trial_count >= letters:
                    data, count = trial, trial_count
            if count == letters:
                out.append(EnterpriseProfile.model_validate(data))
    return out


def _write_companies(path: Path, count: int) -> tuple[int, float]:
    import csv

    from desktop_app.cli.batch_sheet import columns, header_for

    variants = _trimmed_variants(per_example=12, letters=4, seed=7)
    if not variants:
        raise RuntimeError("could not generate companies with 4 eligible measures")
    names = columns()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([header_for(n, stored=True) for n in names])  # cells hold stored values (元)
        for i in range(count):
            profile = variants[i % len(variants)].model_copy(update={"name": f"批量测试企业{i + 1:04d}有限公司"})
            writer.writerow([_cell(getattr(profile, n)) for n in names])
    districts = len({v.district for v in variants})
    return districts, 5.0


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(value) or "无"
    if hasattr(value, "value"):
        return str(value.value)
    return str(value)


def batch_1000_s(runs: int) -> Figure:
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sheet = work / "companies.csv"
        districts, _ = _write_companies(sheet, 1000)
        documents = 0
        for i in range(runs):
            out = work / f"out{i}"
            start = time.perf_counter()
            proc = subprocess.run(
                [sys.executable, "-m", "desktop_app", "batch", str(sheet), "--out", str(out), "--as-of",
                 AS_OF.isoformat(), "--jobs", "2"],
                cwd=work, env=_env(), capture_output=True, text=True,
            )  # fmt: skip
            times.append(time.perf_counter() - start)
            if proc.returncode != 0:
                raise RuntimeError(f"batch exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
            documents = sum(1 for _ in out.rglob("*.docx"))
    value = statistics.median(times)
    return Figure(
        value,
        f"1,000 家企业（{districts} 个区），共 {documents} 份文书（平均 {documents / 1000:.1f} 份），"
        f"--jobs 2，不含 PDF，{runs} 次取中位数",
    )


# --- PDF -----------------------------------------------------------------------------------------------


def pdf_ms_per_doc(runs: int) -> Figure:
    """What --pdf adds to `fill`, per document: the four examples, with and without --pdf, interleaved."""
    examples = ("qingpu", "jiading", "baoshan", "jinshan")
    per_doc: list[float] = []
    documents = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)

        def fill(example: str, out: Path, pdf: bool) -> tuple[float, int]:
            profile = ROOT / "resources" / "examples" / f"{example}.json"
            command = [sys.executable, "-m", "desktop_app", "fill", str(profile), "--out", str(out),
                       "--as-of", AS_OF.isoformat(), *(["--pdf"] if pdf else [])]  # fmt: skip
            start = time.perf_counter()
            proc = subprocess.run(command, cwd=work, env=_env(), capture_output=True, text=True)
            elapsed = time.perf_counter() - start
            if proc.returncode != 0:
                raise RuntimeError(f"fill exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
            return elapsed, sum(1 for _ in out.glob("*.pdf"))

        for run in range(runs):
            for example in examples:
                plain, _ = fill(example, work / f"{example}-{run}-docx", pdf=False)
                with_pdf, count = fill(example, work / f"{example}-{run}-pdf", pdf=True)
                per_doc.append((with_pdf - plain) * 1000 / count)
                documents = max(documents, count)
    value = statistics.median(per_doc)
    cold = statistics.median(per_doc[: len(examples)])
    return Figure(
        value,
        f"四个示例企业（每家最多 {documents} 份文书），`fill --pdf` 与 `fill` 交替各 {runs} 次，"
        f"每次相减后除以文书数，取中位数；含每个进程读取字体的时间。用户缓存从空开始：第一轮（字形尚未缓存）"
        f"中位数 {cold:.0f} ms",
        {"cold_ms": cold},
    )


# --- GUI memory and bundle ------------------------------------------------------------------------------


def gui_peak_rss_mb(runs: int) -> Figure:
    if not hasattr(os, "wait4"):
        return Figure(None, "本平台无 os.wait4，无法测量子进程峰值内存")
    example = ROOT / "resources" / "examples" / "jinshan.json"
    peaks = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs):
            shots = Path(tmp) / f"shots{i}"
            args = [sys.executable, "-m", "desktop_app", "gui", "--screenshots", str(shots), "--profile", str(example),
                    "--as-of", AS_OF.isoformat()]  # fmt: skip
            proc = subprocess.Popen(args, cwd=tmp, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
            if proc.returncode != 0:
                return Figure(None, f"gui --screenshots 退出码 {proc.returncode}：{err.strip()[-300:]}")
            pictures = len(list(shots.glob("*.png")))
            peaks.append(usage.ru_maxrss / 1024)  # KiB on Linux
    return Figure(statistics.median(peaks), f"gui --screenshots（金山示例，{pictures} 张截图），{runs} 次取中位数")


def _tree_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink()) / 2**20


def bundle_mb(bundle_dir: Path | None) -> Figure:
    if bundle_dir is not None:
        return Figure(_tree_mib(bundle_dir), f"{bundle_dir}（已有的构建）")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        # the build's Python is this one (sys.executable), not whichever python the script's sh prelude finds
        command = [sys.executable, str(ROOT / "scripts" / "build-bundle")]
        command += ["--distpath", f"{tmp}/dist", "--workpath", f"{tmp}/build"]
        proc = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if proc.returncode != 0:
            return Figure(None, f"build-bundle 失败：{proc.stderr.strip()[-300:]}")
        size = _tree_mib(Path(tmp) / "dist" / "PolicyAssistant")
        return Figure(
            size,
            f"PyInstaller onedir（build.spec，构建 {time.perf_counter() - start:.0f} s），MiB；"
            "Linux 版不打包 /lib、/usr/lib 下的系统库（见 build.spec 和 README）",
        )


# --- drafting packs from the shipped documents (issue 17) ----------------------------------------------

_DRAFT_CACHE: dict[str, Figure] = {}


def draft_figures(runs: int) -> dict[str, Figure]:
    """draft-pack on the five shipped documents, compared with their reviewed packs; time per document."""
    if _DRAFT_CACHE:
        return _DRAFT_CACHE
    from desktop_app import paths
    from desktop_app.domain.catalog import load_pack
    from desktop_app.drafting import draft_pack
    from desktop_app.drafting.compare import compare

    totals = {k: [0, 0] for k in ("clauses", "amounts", "dates", "phones")}
    seconds: dict[str, float] = {}
    import yaml

    for source in sorted(paths.sources_dir().glob("*.txt")):
        shipped = load_pack(paths.policies_dir() / f"{source.stem}.yaml")
        district = shipped.district.value
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = draft_pack(source, district=district, pack_id=f"{district}-2099", source_name="bench.source.txt")
            times.append(time.perf_counter() - start)
        seconds[source.stem] = statistics.median(times)
        drafted = yaml.safe_load(result.yaml_text)["measures"]
        c = compare(drafted, shipped, source.read_text(encoding="utf-8"))
        for key in totals:
            recall = getattr(c, key)
            totals[key][0] += recall.found
            totals[key][1] += recall.total
    names = {"clauses": "draft_clause_recall", "amounts": "draft_amount_recall", "dates": "draft_date_recall",
             "phones": "draft_phone_recall"}  # fmt: skip
    what = {"clauses": "已审核政策包的条款有草稿", "amounts": "有金额的措施金额种类和数字一致",
            "dates": "条款自身的截止日期找到", "phones": "原文印出的电话找到"}  # fmt: skip
    for key, name in names.items():
        found, total = totals[key]
        _DRAFT_CACHE[name] = Figure(found / total if total else None, f"{found}/{total} {what[key]}（五份原文合计）")
    slowest = max(seconds, key=lambda k: seconds[k])
    _DRAFT_CACHE["draft_s_per_doc"] = Figure(
        seconds[slowest],
        "最慢一份 " + slowest + "；" + "、".join(f"{k} {v:.2f} s" for k, v in seconds.items()) + f"；{runs} 次取中位数",
    )
    return _DRAFT_CACHE


# --- report ---------------------------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"，内存 {kib / 2**20:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    try:
        from PySide6 import __version__ as pyside
    except ImportError:
        pyside = "未安装"
    load = ""
    if hasattr(os, "getloadavg"):
        load = f"；测量开始时的平均负载 {os.getloadavg()[0]:.2f}"
    return (
        f"{cpu}，{os.cpu_count()} 核{memory}；{platform.system()} {platform.release()}；"
        f"Python {platform.python_version()}；PySide6 {pyside}；Qt 平台 offscreen{load}"
    )


def _format(key: str, value: float | None) -> str:
    if value is None:
        return "未测"
    if key in MINIMUMS:
        return f"{value:.1%}"
    digits = 2 if key.endswith("ratio") or key == "draft_s_per_doc" else 1
    return f"{value:.{digits}f} {UNITS[key]}"


def _met(key: str, value: float) -> bool:
    return value >= MINIMUMS[key] if key in MINIMUMS else value <= TARGETS[key]


def table(figures: dict[str, Figure]) -> str:
    lines = ["| 指标 | 目标 | 实测 | 达标 | 说明 |", "| --- | --- | --- | --- | --- |"]
    for key in KEYS:
        fig = figures.get(key)
        value = fig.value if fig else None
        met = "—" if value is None else ("是" if _met(key, value) else "**否**")
        detail = fig.detail if fig else "本次未运行"
        target = f"≥ {MINIMUMS[key]:.0%}" if key in MINIMUMS else f"≤ {TARGETS[key]:g} {UNITS[key]}"
        lines.append(f"| `{key}` | {target} | {_format(key, value)} | {met} | {detail} |")
    return "\n".join(lines)


def write_results(figures: dict[str, Figure], path: Path) -> None:
    today = dt.date.today().isoformat()
    text = (
        "# 性能测量结果（bench/run.py）\n\n"
        f"- 日期：{today}\n- 机器：{machine()}\n"
        "- 命令：`python bench/run.py`（`--json` 输出同一组数字）\n"
        "- 每项取多次运行的中位数；比值的两方在同一次运行中交替测量。目标见 issue 7。\n\n"
        f"{table(figures)}\n"
    )
    path.write_text(text, encoding="utf-8")


# --- the workspace (issue 16) ----------------------------------------------------------------------------

WS_KEYS = ("ws_import_10k_s", "ws_list_10k_ms", "ws_search_ms", "ws_rematch_10k_s")
KEYS = (*KEYS, *WS_KEYS)
TARGETS.update(ws_import_10k_s=60.0, ws_list_10k_ms=1000.0, ws_search_ms=50.0, ws_rematch_10k_s=30.0)
UNITS.update(ws_import_10k_s="s", ws_list_10k_ms="ms", ws_search_ms="ms", ws_rematch_10k_s="s")
_WS: dict[str, Path] = {}


def _ws_cli(db: Path, *args: str) -> float:
    """Seconds one `workspace` command takes as a process; raises on a non-zero exit."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "desktop_app", "workspace", "--db", str(db), *args], cwd=ROOT,
                          env=_env(), capture_output=True, text=True)  # fmt: skip
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"workspace {args[0]} exited {proc.returncode}: {proc.stderr.strip()[-400:]}")
    return elapsed


def _ws_sheet() -> Path:
    """10,000 generated companies (the four examples under new names and credit codes), written once."""
    if "sheet" not in _WS:
        from tests.workspace.sheets import write_companies

        folder = Path(tempfile.mkdtemp(prefix="bench-ws-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        _WS["sheet"] = write_companies(folder / "companies.csv", 10_000)
    return _WS["sheet"]


def _ws_db() -> Path:
    """A workspace holding the 10,000 companies, matched on AS_OF (made by the first import timed)."""
    if "db" not in _WS:
        ws_import_10k_s(1)
    return _WS["db"]


def ws_import_10k_s(runs: int) -> Figure:
    times = []
    for i in range(runs):
        db = _ws_sheet().parent / f"import{i}.sqlite"
        times.append(_ws_cli(db, "import", str(_ws_sheet()), "--as-of", AS_OF.isoformat(), "--jobs", "2"))
        _WS.setdefault("db", db)
    return Figure(statistics.median(times), f"10,000 行 CSV 导入新台账并匹配（--jobs 2），{runs} 次取中位数")


def ws_list_10k_ms(runs: int) -> Figure:
    db = _ws_db()
    args = ("list", "--json", "--as-of", AS_OF.isoformat())
    _ws_cli(db, *args)  # warm: every summary current
    times = [_ws_cli(db, *args) * 1000 for _ in range(runs)]
    detail = f"`workspace list --json`，10,000 家企业（匹配结果已缓存），进程启动到退出，{runs} 次取中位数"
    return Figure(statistics.median(times), detail)


def ws_search_ms(runs: int) -> Figure:
    from desktop_app.workspace import Workspace

    with Workspace.open(_ws_db()) as ws:
        needles = [f"企业{random.Random(i).randint(1, 10_000):05d}" for i in range(runs)]
        found = [ws.search_ids(text=n) for n in needles]
        assert all(len(f) == 1 for f in found)
        value = statistics.median(_median_ms(lambda n=n: ws.search_ids(text=n), 5) for n in needles)
    return Figure(value, f"Workspace.search_ids(text=名称片段)，10,000 家企业，{runs} 个名称各 5 次")


def ws_rematch_10k_s(runs: int) -> Figure:
    """A new pack (宝山 2023's measures cloned under new ids) makes every summary stale: match all again."""
    source = (ROOT / "resources" / "policies" / "baoshan-2023.yaml").read_text(encoding="utf-8")
    times = []
    for i in range(runs):
        pack = _ws_sheet().parent / f"revised{i}.yaml"
        pack.write_text(source.replace("baoshan-2023-", f"baoshan-209{i}-").replace("id: baoshan-2023",
                                       f"id: baoshan-209{i}"), encoding="utf-8")  # fmt: skip
        db = _ws_sheet().parent / f"rematch{i}.sqlite"
        shutil.copyfile(_ws_db(), db)
        times.append(_ws_cli(db, "rematch", "--as-of", AS_OF.isoformat(), "--jobs", "2", "--pack", str(pack)))
    return Figure(statistics.median(times), f"加载一个新政策包后重新匹配 10,000 家企业（--jobs 2），{runs} 次取中位数")


MEASURES: dict[str, Callable[[argparse.Namespace], Figure]] = {
    "startup_ratio": lambda a: startup_ratio(a.runs),
    "match_ms": lambda a: match_ms(max(a.runs * 10, 50)),
    "match_10k_ms": lambda a: match_10k_ms(max(a.runs * 3, 25)),
    "render_ratio": lambda a: render_ratio(max(a.runs * 4, 30)),
    "batch_1000_s": lambda a: batch_1000_s(a.batch_runs),
    "gui_peak_rss_mb": lambda a: gui_peak_rss_mb(3),
    "bundle_mb": lambda a: bundle_mb(a.bundle_dir),
    "ws_import_10k_s": lambda a: ws_import_10k_s(max(a.batch_runs // 3, 1)),
    "ws_list_10k_ms": lambda a: ws_list_10k_ms(max(a.runs // 2, 3)),
    "ws_search_ms": lambda a: ws_search_ms(max(a.runs * 3, 20)),
    "ws_rematch_10k_s": lambda a: ws_rematch_10k_s(max(a.batch_runs // 3, 1)),
    **{key: (lambda a, key=key: draft_figures(max(a.runs // 3, 3))[key]) for key in KEYS if key.startswith("draft_")},
    "pdf_ms_per_doc": lambda a: pdf_ms_per_doc(max(a.runs // 3, 3)),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="惠企政策申报助手的性能测量（issue 7）")
    parser.add_argument("--json", action="store_true", help="只输出一个 JSON 对象（全部指标）")
    parser.add_argument("--only", metavar="KEY,…", help="只测这些指标（逗号分隔）")
    parser.add_argument("--runs", type=int, default=9, help="每项的基本运行次数（默认 9）")
    parser.add_argument("--batch-runs", type=int, default=3, help="batch_1000_s 的运行次数（默认 3）")
    parser.add_argument("--bundle-dir", type=Path, help="量已有的 dist/PolicyAssistant，而不是重新构建")
    parser.add_argument("--no-write", action="store_true", help="不写 bench/results.md")
    args = parser.parse_args(argv)
    keys = KEYS if not args.only else tuple(k.strip() for k in args.only.split(","))
    unknown = [k for k in keys if k not in KEYS]
    if unknown:
        parser.error(f"未知指标：{', '.join(unknown)}；可选：{', '.join(KEYS)}")
    figures: dict[str, Figure] = {}
    for key in keys:
        if not args.json:
            print(f"测量 {key} …", file=sys.stderr, flush=True)
        try:
            figures[key] = MEASURES[key](args)
        except Exception as exc:  # a part not built yet: report it, do not guess a number
            figures[key] = Figure(None, f"无法测量：{type(exc).__name__}: {exc}")
    if args.json:
        print(json.dumps({k: (round(figures[k].value, 3) if k in figures and figures[k].value is not None else None)
                          for k in KEYS}, ensure_ascii=False))  # fmt: skip
    else:
        print(table(figures))
    if not args.no_write:
        write_results(figures, ROOT / "bench" / "results.md")
    return 0 if all(f.value is not None and _met(k, f.value) for k, f in figures.items()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
