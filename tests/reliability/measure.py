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


#: Started from a small process, the measured child does not inherit the test runner's resident size: on Linux
#: a child forked from a large process reports that process's pages in its ru_maxrss even after exec.
_WRAPPER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[2:])\n"
    "_pid, status, usage = os.wait4(child.pid, 0)\n"
    "os.write(int(sys.argv[1]), str(usage.ru_maxrss).encode())\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def run_cli(args: list[str], *, timeout: float = 60) -> Run:
    """`python -m desktop_app ARGS` from the worktree root; killed (and the test failed) after ``timeout`` s."""
    command = [sys.executable, "-m", "desktop_app", *args]
    measured = hasattr(os, "wait4")
    read_fd, write_fd = os.pipe() if measured else (-1, -1)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        child = subprocess.Popen(
            [sys.executable, "-c", _WRAPPER, str(write_fd), *command] if measured else command,
            cwd=ROOT,
            stdout=out,
            stderr=err,
            env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
            pass_fds=(write_fd,) if measured else (),
            start_new_session=True,
        )
        timer = threading.Timer(timeout, (lambda: os.killpg(child.pid, 9)) if measured else child.kill)
        timer.start()
        peak = 0.0
        try:
            if measured:
                os.close(write_fd)  # only the wrapper writes
                child.wait()
                reported = os.read(read_fd, 64)
                peak = int(reported) / 1024 if reported else 0.0  # KiB on Linux
                os.close(read_fd)
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
