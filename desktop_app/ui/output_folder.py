"""Where an enterprise's letters go, and what is already there (another company's letters, an earlier set)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths


def default_output_root() -> Path:
    """我的文档/惠企政策申报 on this system (its own separators and its own Documents folder)."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents or Path.home()) / QCoreApplication.translate("GeneratePage", "惠企政策申报")


def other_companies(folder: Path, *, mine: str) -> list[str]:
    """Short names of other enterprises whose 体检报告 is in ``folder`` (``mine`` is this one's short name)."""
    found = set()
    if folder.is_dir():
        for path in folder.glob("*_政策体检报告*.docx"):
            prefix = path.name.split("_政策体检报告", 1)[0]
            if prefix and prefix != mine:
                found.add(prefix)
    return sorted(found)


def earlier_set(folder: Path, *, mine: str) -> list[Path]:
    """This enterprise's letters already in ``folder`` (a rerun would otherwise add “(2)” copies)."""
    if not mine or not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"{mine}_*.docx") if not p.name.startswith("~$"))
