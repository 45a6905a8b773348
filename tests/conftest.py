"""Shared fixtures. Qt must run offscreen before anything imports it, or the process aborts."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import subprocess
import traceback
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

from desktop_app.domain.catalog import Catalog, load_catalog

#: ``python -m desktop_app`` in a subprocess imports this checkout from any folder, whatever is installed.
#: (The packaging tests drop PYTHONPATH on purpose: they test what a user's install imports.)
ROOT = Path(__file__).resolve().parent.parent
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))

# Property tests: a quick profile while developing, the full 1,000 examples on CI (CI=true) or on request
# (HYPOTHESIS_PROFILE=ci). Tests set no max_examples of their own, so the profile decides.
settings.register_profile("ci", max_examples=1000, deadline=None)
settings.register_profile("dev", max_examples=25, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

#: Examples and tests use a fixed reference date inside the 2023 validity periods.
AS_OF = dt.date(2023, 6, 1)


def run_cli_in_process(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m desktop_app ARGS`` without starting an interpreter: the exit code and what it printed.

    It runs :func:`desktop_app.cli.main` as ``__main__`` does; as a real process would, an exception that
    escapes gives exit code 1 and a traceback on stderr, and an argparse error its own exit code. A few
    tests keep a real subprocess for what only a process shows (the entry point, a closed pipe).
    """
    from desktop_app.cli import main

    out, err = io.StringIO(), io.StringIO()
    before = Path.cwd()
    command = [str(a) for a in args]
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(command)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
                if exc.code is not None and not isinstance(exc.code, int):
                    print(exc.code, file=err)
            except Exception:
                traceback.print_exc(file=err)
                code = 1
    finally:
        os.chdir(before)
    return subprocess.CompletedProcess(["policy-assistant", *command], code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The shipped catalog, loaded once."""
    loaded = load_catalog()
    assert loaded.problems == [], loaded.problems
    return loaded


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep drafts, logs and settings of tests out of the real user folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("APPDATA", str(home / "appdata"))
    monkeypatch.setenv("LOCALAPPDATA", str(home / "localappdata"))
