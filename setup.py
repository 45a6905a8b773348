"""Build hook: a wheel carries forms/, templates/ and resources/ as ``desktop_app/_data`` (see desktop_app/paths.py).

Everything else about the package lives in pyproject.toml. Editable installs keep reading the checkout.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
#: The folders desktop_app.paths.data_root() looks for; the same three in the same place.
DATA_DIRS = ("forms", "templates", "resources")
JUNK = shutil.ignore_patterns("__pycache__", "*.pyc", ".*", "*~", "~$*")


class build_py_with_data(build_py):
    """Copy the three data folders into the built package as ``desktop_app/_data/<folder>``."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the checkout itself is the data root
            return
        target = Path(self.build_lib) / "desktop_app" / "_data"
        for name in DATA_DIRS:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"缺少数据目录 {source}：无法构建安装包")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(source, target / name, ignore=JUNK)


setup(cmdclass={"build_py": build_py_with_data})
