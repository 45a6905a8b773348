"""Refresh the English interface translation: lupdate the .ts from desktop_app/ui, then lrelease the .qm.

Run: python scripts/update_translations.py [--check]
Source strings are the Chinese ones in the code (self.tr / QCoreApplication.translate). New strings
arrive in resources/translations/policy_assistant_en.ts as unfinished; translate them there (Qt
Linguist or any editor), then run this again. --check exits 1 while any string is untranslated.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "policy_assistant_en.ts"
QM = TS.with_suffix(".qm")


def qt_tool(name: str) -> str:
    """The path of PySide6's ``lupdate``/``lrelease`` for the Python running this, without an activated venv.

    The ``pyside6-<name>`` wrapper sits next to ``sys.executable`` (a venv's bin/ or Scripts\\) or in the
    interpreter's scripts folder; the binary itself ships inside the PySide6 package.
    """
    exe = ".exe" if os.name == "nt" else ""
    folders = [Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))]
    candidates = [folder / f"pyside6-{name}{exe}" for folder in folders]
    try:
        import PySide6

        candidates.append(Path(PySide6.__file__).parent / f"{name}{exe}")
    except ImportError:
        pass
    for candidate in candidates:
        if candidate.is_file():
            return str(candidate)
    raise SystemExit(
        f"找不到 pyside6-{name}：请在运行本脚本的 Python 中安装 PySide6（{sys.executable} -m pip install -e .）"
    )


def unfinished(ts: Path) -> list[str]:
    """Source texts without a finished translation."""
    out = []
    for message in ET.parse(ts).getroot().iter("message"):
        translation = message.find("translation")
        if translation is not None and translation.get("type") in ("vanished", "obsolete"):
            continue  # no longer in the code
        if translation is None or translation.get("type") == "unfinished" or not (translation.text or "").strip():
            out.append(message.findtext("source") or "")
    return out


def main(argv: list[str]) -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop_app" / "ui").glob("*.py"))
    subprocess.run(
        [qt_tool("lupdate"), *sources, "-ts", str(TS), "-no-obsolete", "-locations", "none"], cwd=ROOT, check=True
    )
    missing = unfinished(TS)
    for text in missing:
        print(f"未翻译：{text}")
    if "--check" in argv:
        return 1 if missing else 0
    subprocess.run([qt_tool("lrelease"), str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
