"""Offline by construction: the whole match + fill chain runs with every socket refused."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from desktop_app.cli import main
from desktop_app.paths import examples_dir


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Refuse every socket and name lookup, and remember each attempt (a swallowed error still shows)."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def _refuse(*args: object, **kwargs: object) -> None:
            attempts.append(f"{name}{args!r}")
            raise OSError(f"network blocked by test: {name}")

        return _refuse

    for name in ("socket", "create_connection", "getaddrinfo", "gethostbyname", "socketpair", "fromfd"):
        monkeypatch.setattr(socket, name, refuse(name))
    return attempts


def test_match_and_fill_with_sockets_blocked(
    tmp_path: Path, no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """`match --json` and `fill` on a shipped example succeed, and nothing even tries to open a socket."""
    example = examples_dir() / "jinshan.json"
    assert main(["match", str(example), "--as-of", "2023-06-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    eligible = [m["id"] for m in data["measures"] if m["status"] == "eligible"]
    assert eligible

    out = tmp_path / "文书"
    assert main(["fill", str(example), "--as-of", "2023-06-01", "--out", str(out)]) == 0
    written = sorted(p.name for p in out.rglob("*.docx"))
    assert len(written) == len(eligible) + 2  # one letter per eligible measure, the 办理清单 and the 体检报告
    assert any("体检报告" in name for name in written)
    assert no_network == []


def test_blocking_really_blocks(no_network: list[str]) -> None:
    """The fixture itself works: opening a connection fails and is recorded (so the test above can fail)."""
    with pytest.raises(OSError, match="network blocked"):
        socket.create_connection(("example.com", 80), timeout=1)
    assert no_network and no_network[0].startswith("create_connection")
