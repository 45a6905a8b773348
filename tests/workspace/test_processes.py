"""Several processes on one workspace file: a killed import, two writers at once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop_app.workspace import Workspace
from desktop_app.workspace.maintenance import check
from tests.workspace.sheets import company, write_companies, write_sheet

ROOT = Path(__file__).resolve().parents[2]


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "desktop_app", "workspace", "--db", str(db), *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute("SELECT COUNT(*) FROM enterprise").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet
        return 0


@pytest.mark.slow  # a child process killed and rerun (or started cold): CI runs it
def test_kill_9_during_a_10000_row_import_then_rerun_completes_it(tmp_path: Path) -> None:
    """SIGKILL half-way leaves a file that passes the check; the rerun ends with exactly 10,000 enterprises."""
    sheet = write_companies(tmp_path / "名单.csv", 10_000)
    db = tmp_path / "w.sqlite"
    started = time.monotonic()
    proc = subprocess.Popen(
        _cli(db, "import", str(sheet), "--no-match"), env=_env(), cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        while _count(db) < 1000:
            assert proc.poll() is None, "the import ended before it could be killed"
            assert time.monotonic() - started < 50
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    assert proc.returncode == -signal.SIGKILL
    with Workspace.open(db) as ws:
        report = check(ws)
        assert report.ok, report.problems
        assert 1000 <= report.enterprises < 10_000 and report.enterprises % 500 == 0  # whole chunks only
    done = subprocess.run(
        _cli(db, "import", str(sheet), "--no-match"), env=_env(), cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"新增 {10_000 - report.enterprises} 家，更新 0 家，未变化 {report.enterprises} 家，有误 0 行" in done.stdout
    assert _count(db) == 10_000


def test_two_processes_writing_at_once_both_succeed(tmp_path: Path) -> None:
    """Two imports of different sheets into one file at the same moment: the second waits, neither fails."""
    db = tmp_path / "w.sqlite"
    Workspace.open(db).close()
    sheets = [
        write_sheet(tmp_path / "a.csv", [company(i) for i in range(0, 1200)]),
        write_sheet(tmp_path / "b.csv", [company(i) for i in range(1200, 2400)]),
    ]
    procs = [
        subprocess.Popen(_cli(db, "import", str(s), "--no-match"), env=_env(), cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for s in sheets
    ]  # fmt: skip
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in results]
    assert all("新增 1200 家" in out for out, _ in results)
    assert _count(db) == 2400
