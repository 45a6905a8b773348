"""Refresh the English interface translation: lupdate the .ts from desktop_app/ui, then lrelease the .qm.

Run: python scripts/update_translations.py [--check]
Source strings are the Chinese ones in the code (self.tr / QCoreApplication.translate). New strings
arrive in resources/translations/policy_assistant_en.ts as unfinished; translate them there (Qt
Linguist or any editor), then run this again. --check exits 1 while any string is untranslated.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS = ROOT / "resources" / "translations" / "policy_assistant_en.ts"
QM = TS.with_suffix(".qm")


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
        ["pyside6-lupdate", *sources, "-ts", str(TS), "-no-obsolete", "-locations", "none"], cwd=ROOT, check=True
    )
    missing = unfinished(TS)
    for text in missing:
        print(f"未翻译：{text}")
    if "--check" in argv:
        return 1 if missing else 0
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(QM)], cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
