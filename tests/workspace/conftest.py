"""Fixtures for the workspace tests: an empty workspace file and one holding the four examples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop_app.workspace import Workspace
from tests.workspace.sheets import examples


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "台账.sqlite"


@pytest.fixture
def ws(db: Path) -> Iterator[Workspace]:
    with Workspace.open(db) as opened:
        yield opened


@pytest.fixture
def filled(ws: Workspace) -> Workspace:
    """The four shipped examples, added as profiles (numbers 1–4 in file order)."""
    for profile in examples():
        ws.add_profile(profile=profile)
    return ws
