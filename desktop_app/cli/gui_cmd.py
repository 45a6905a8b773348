"""Placeholder: implemented in its own issue."""

from __future__ import annotations

import argparse

from desktop_app.cli.common import CliError


def add_arguments(name: str, parser: argparse.ArgumentParser) -> None:
    return None


def run(name: str, args: argparse.Namespace) -> int:
    raise CliError("此功能尚未完成", code=1)
