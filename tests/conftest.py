"""Shared fixtures. Qt must run offscreen before anything imports it, or the process aborts."""

from __future__ import annotations

import datetime as dt
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from hypothesis import settings

from desktop_app.domain.catalog import Catalog, load_catalog

# Property tests: a quick profile while developing, the full 1,000 examples on CI (CI=true) or on request
# (HYPOTHESIS_PROFILE=ci). Tests set no max_examples of their own, so the profile decides.
settings.register_profile("ci", max_examples=1000, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev"))

#: Examples and tests use a fixed reference date inside the 2023 validity periods.
AS_OF = dt.date(2023, 6, 1)


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
