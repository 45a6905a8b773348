"""Interrupted runs (issue 13, item 5): full disk, killed processes, reruns that replace rather than duplicate."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest

from desktop_app import staging
from desktop_app.batch import Settings, plan_tasks, run_batch
from desktop_app.batch_journal import JOURNAL_NAME
from desktop_app.batch_summary import SUMMARY_NAME
from desktop_app.cli import main
from desktop_app.paths import examples_dir
from tests.reliability.measure import ROOT

AS_OF = "2023-06-01"


def _profile() -> Path:
    """An example profile with several eligible measures (so `fill` writes several letters)."""
    return sorted(examples_dir().glob("*.json"))[0]


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _visible(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))


def test_full_disk_during_fill_writes_nothing_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The disk fills up at the third document: exit 1, a message that no document was written, folder as it was."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "已有.txt").write_text("x", encoding="utf-8")
    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(staging.os, "fsync", fsync)
    assert main(["fill", str(_profile()), "--out", str(out), "--as-of", AS_OF]) == 1
    err = capsys.readouterr().err
    assert "磁盘空间不足" in err and "本次没有写出任何文书" in err
    assert [p.name for p in out.iterdir()] == ["已有.txt"]


def test_rerun_of_fill_replaces_its_own_files_and_removes_stray_temp_files(tmp_path: Path) -> None:
    """A second `fill` into the same folder gives the same file names (no "(2)" copies); a temp file and a
    staging folder left by a killed run are removed."""
    out = tmp_path / "out"
    assert main(["fill", str(_profile()), "--out", str(out), "--as-of", AS_OF]) == 0
    first = _visible(out)
    dead = _dead_pid()
    stray = out / f".x.docx.pa{dead}-abcd1234.tmp"
    stray.write_bytes(b"half a letter")
    (out / f"{staging.STAGING_PREFIX}{dead}-q1w2e3").mkdir()
    assert main(["fill", str(_profile()), "--out", str(out), "--as-of", AS_OF]) == 0
    assert _visible(out) == first and len(first) >= 2
    assert not stray.exists() and not list(out.glob(f"{staging.STAGING_PREFIX}*"))


def test_temp_file_of_a_living_process_is_kept(tmp_path: Path) -> None:
    """Cleaning never touches the temp file of a run still in progress (this process)."""
    mine = tmp_path / f".x.docx.pa{os.getpid()}-abcd1234.tmp"
    mine.write_bytes(b"in progress")
    staging.clean_stale(tmp_path)
    assert mine.exists()


def _sheet(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["企业名称", "所在区", "增值税小规模纳税人"])
        for i in range(count):
            writer.writerow([f"企业{i:03d}", ["金山区", "宝山区", "嘉定区", "青浦区"][i % 4], "否"])
    return path


def _children(pid: int) -> list[int]:
    """Live child processes of ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid and fields[0] != "Z":
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _complete_lines(out: Path) -> int:
    try:
        lines = (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    return sum(1 for line in lines if '"complete": true' in line)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.slow  # a child process killed and rerun (or started cold): CI runs it
def test_killed_batch_parent_takes_its_workers_and_resume_completes(tmp_path: Path) -> None:
    """kill -9 of the `batch` parent mid-run: both workers exit within 5 s; `--resume` then skips the companies
    already complete, finishes the rest and writes 汇总.xlsx with every row, without any "(2)" folder."""
    count = 40
    sheet = _sheet(tmp_path / "c.csv", count)
    out = tmp_path / "out"
    args = ["batch", str(sheet), "--out", str(out), "--as-of", AS_OF, "--jobs", "2"]
    parent = subprocess.Popen(
        [sys.executable, "-m", "desktop_app", *args], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while _complete_lines(out) < 3 and time.monotonic() < deadline and parent.poll() is None:
        time.sleep(0.05)
    workers = _children(parent.pid)
    assert parent.poll() is None and len(workers) == 2, "the run ended before it could be interrupted"
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    assert not (out / SUMMARY_NAME).exists()
    done = _complete_lines(out)
    assert 0 < done < count

    resumed = subprocess.run(
        [sys.executable, "-m", "desktop_app", *args, "--resume"], cwd=ROOT, capture_output=True, text=True
    )
    assert resumed.returncode == 0, resumed.stderr
    assert f"{done} 家企业上次已完成" in resumed.stderr
    folders = [p for p in out.iterdir() if p.is_dir() and not p.name.startswith(".")]
    assert sorted(p.name for p in folders) == [f"企业{i:03d}" for i in range(count)]
    rows = list(openpyxl.load_workbook(out / SUMMARY_NAME).worksheets[0].iter_rows(values_only=True))[1:]
    assert [r[1] for r in rows] == [f"企业{i:03d}" for i in range(count)]
    assert all(r[-1] is None for r in rows)
    assert not list(out.rglob(f"{staging.STAGING_PREFIX}*")) and not list(out.rglob("*.tmp"))


def test_batch_rerun_replaces_instead_of_adding_copies(tmp_path: Path) -> None:
    """Running the same batch twice into one folder: the same folders, files and one 汇总.xlsx, no "(2)"."""
    sheet = _sheet(tmp_path / "c.csv", 3)
    out = tmp_path / "out"
    args = ["batch", str(sheet), "--out", str(out), "--as-of", AS_OF, "--jobs", "1"]
    assert main(args) == 0
    before = sorted(str(p.relative_to(out)) for p in out.rglob("*") if not p.name.startswith("."))
    assert main(args) == 0
    after = sorted(str(p.relative_to(out)) for p in out.rglob("*") if not p.name.startswith("."))
    assert after == before and not [p for p in after if "(2)" in p]


def test_cancel_stops_between_companies(tmp_path: Path) -> None:
    """The engine's cancel Event, set after the second company, leaves the rest unprocessed and marked 已取消;
    the run's journal lets --resume pick them up."""
    from desktop_app.cli.batch_sheet import parse_rows
    from desktop_app.sheets import read_sheet

    rows = list(parse_rows(read_sheet(_sheet(tmp_path / "c.csv", 5)).rows))
    out = tmp_path / "out"
    tasks = plan_tasks(rows, out)
    cancel = threading.Event()
    seen: list[tuple[int, int, str]] = []

    def progress(done: int, total: int, label: str) -> None:
        seen.append((done, total, label))
        if done == 2:
            cancel.set()

    settings = Settings(dt.date.fromisoformat(AS_OF), (), None, False)
    outcomes = run_batch(tasks, settings, jobs=1, progress=progress, cancel=cancel)
    assert [o.error is None for o in outcomes] == [True, True, False, False, False]
    assert all("已取消" in (o.error or "") for o in outcomes[2:])
    assert seen[0] == (1, 5, "企业000") and seen[-1][0] == 5
    again = run_batch(plan_tasks(rows, out), settings, jobs=1, resume=True)
    assert [o.error for o in again] == [None] * 5
    journal = [json.loads(line) for line in (out / JOURNAL_NAME).read_text(encoding="utf-8").splitlines()]
    assert sum(1 for r in journal if r.get("complete")) == 5


def test_resume_redoes_companies_whose_answers_or_settings_changed(tmp_path: Path) -> None:
    """--resume skips only what would come out the same: a corrected row is produced again, and another
    --as-of redoes every company instead of mixing two reference dates in one summary."""
    from desktop_app.cli.batch_sheet import parse_rows
    from desktop_app.sheets import read_sheet

    out = tmp_path / "out"
    settings = Settings(dt.date.fromisoformat(AS_OF), (), None, False)
    rows = list(parse_rows(read_sheet(_sheet(tmp_path / "a.csv", 3)).rows))
    run_batch(plan_tasks(rows, out), settings, jobs=1)
    sheet = (tmp_path / "a.csv").read_text(encoding="utf-8-sig").replace("企业001,宝山区", "企业001,嘉定区")
    (tmp_path / "b.csv").write_text(sheet, encoding="utf-8-sig")
    changed = list(parse_rows(read_sheet(tmp_path / "b.csv").rows))
    assert changed[1].profile is not None and changed[1].profile.district is not None
    seen: list[str] = []
    outcomes = run_batch(
        plan_tasks(changed, out), settings, jobs=1, resume=True, progress=lambda d, t, label: seen.append(label)
    )
    assert seen == ["", "企业001"]  # two carried over at once, the changed row produced again
    assert [o.district for o in outcomes] == ["金山区", "嘉定区", "嘉定区"]
    later = Settings(dt.date(2023, 12, 1), (), None, False)
    seen.clear()
    run_batch(plan_tasks(changed, out), later, jobs=1, resume=True, progress=lambda d, t, label: seen.append(label))
    assert seen == ["企业000", "企业001", "企业002"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_a_zombie_worker_counts_as_gone() -> None:
    """A killed worker nobody has reaped yet (a zombie) no longer owns its staging folder: it is cleaned."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        state = Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0]
        if state == "Z":
            break
        time.sleep(0.02)
    try:
        assert staging.pid_alive(child.pid) is False
        assert staging.pid_alive(os.getpid()) is True
    finally:
        child.wait()
