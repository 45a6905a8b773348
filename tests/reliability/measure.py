"""Run the CLI in a child process and measure it: exit code, output, wall time and that child's peak memory."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float  # the child's own maximum resident set size (wait4); 0 where the platform cannot tell


def run_cli(args: list[str], *, timeout: float = 60) -> Run:
    """`python -m desktop_app ARGS` from the worktree root; killed (and the test failed) after ``timeout`` s."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-m", "desktop_app", *args],
            cwd=ROOT,
            stdout=out,
            stderr=err,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        )
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        peak = 0.0
        try:
            if hasattr(os, "wait4"):
                _pid, status, usage = os.wait4(child.pid, 0)
                child.returncode = os.waitstatus_to_exitcode(status)
                peak = usage.ru_maxrss / 1024  # KiB on Linux
            else:  # pragma: no cover - Windows
                child.wait()
        finally:
            timer.cancel()
        seconds = time.monotonic() - started
        assert seconds < timeout, f"still running after {timeout} s: {args}"
        out.seek(0)
        err.seek(0)
        text_out, text_err = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    return Run(int(child.returncode), text_out, text_err, seconds, peak)
