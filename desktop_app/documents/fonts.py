"""Which font file prints a font a .docx names: 仿宋/黑体/宋体/小标宋… mapped to the files Windows or Linux has.

Word documents name fonts by family (仿宋, 黑体, 方正小标宋简体, Times New Roman); the PDF route needs a font
*file*. Each family has a chain of candidate files, first present wins: on Windows the system's
FangSong / SimHei / SimSun / Microsoft YaHei (simfang.ttf, simhei.ttf, simsun.ttc, msyh.ttc in
%WINDIR%\\Fonts); on Linux the Noto CJK collections. 方正小标宋简体 falls back to 华文中宋, then 宋体
(issue 12). :func:`resolve` is pure (it takes the list of font files), so the mapping is testable with a
fake font list; :func:`installed_font_files` builds the real list once per process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path


@dataclass(frozen=True, slots=True)
class FontFace:
    """One face in a font file (``index`` picks the face of a .ttc collection); ``family`` is its name for Qt."""

    path: Path
    index: int
    family: str
    #: A bold face (Qt needs it said: a bold file shares the regular one's family name).
    bold: bool = False
    #: True when no bold file exists and bold must be simulated (stroked outlines).
    fake_bold: bool = False


#: A candidate: (file name, face index in a collection, family name), or another chain's key to try next.
Candidate = tuple[str, int, str] | str

_NOTO_SERIF = ("NotoSerifCJK-Regular.ttc", 2, "Noto Serif CJK SC")  # faces: JP, KR, SC, TC, HK
_NOTO_SERIF_BOLD = ("NotoSerifCJK-Bold.ttc", 2, "Noto Serif CJK SC")
_NOTO_SANS = ("NotoSansCJK-Regular.ttc", 2, "Noto Sans CJK SC")

CHAINS: dict[str, tuple[Candidate, ...]] = {
    "fangsong": (("simfang.ttf", 0, "FangSong"), ("STFANGSO.TTF", 0, "STFangsong"), "songti"),
    "songti": (
        ("simsun.ttc", 0, "SimSun"),
        ("simsun.ttf", 0, "SimSun"),
        ("STSONG.TTF", 0, "STSong"),
        _NOTO_SERIF,
        ("NotoSerifCJKsc-Regular.otf", 0, "Noto Serif CJK SC"),
        ("SourceHanSerifSC-Regular.otf", 0, "Source Han Serif SC"),
        "heiti",
    ),
    "heiti": (
        ("simhei.ttf", 0, "SimHei"),
        ("STHeiti Medium.ttc", 0, "Heiti SC"),
        _NOTO_SANS,
        ("NotoSansCJKsc-Regular.otf", 0, "Noto Sans CJK SC"),
        ("SourceHanSansSC-Regular.otf", 0, "Source Han Sans SC"),
        ("wqy-zenhei.ttc", 0, "WenQuanYi Zen Hei"),
        "yahei",
    ),
    "yahei": (("msyh.ttc", 0, "Microsoft YaHei"), ("msyh.ttf", 0, "Microsoft YaHei"), "heiti"),
    "kaiti": (("simkai.ttf", 0, "KaiTi"), ("STKAITI.TTF", 0, "STKaiti"), "songti"),
    "xiaobiaosong": (
        ("方正小标宋简体.ttf", 0, "方正小标宋简体"),
        ("FZXBSJW.TTF", 0, "FZXiaoBiaoSong-B05S"),
        ("FZXBSK.TTF", 0, "FZXiaoBiaoSong-B05"),
        "zhongsong",
    ),
    "zhongsong": (("STZHONGS.TTF", 0, "STZhongsong"), _NOTO_SERIF_BOLD, "songti"),
    "times": (("times.ttf", 0, "Times New Roman"), ("LiberationSerif-Regular.ttf", 0, "Liberation Serif")),
    "arial": (("arial.ttf", 0, "Arial"), ("LiberationSans-Regular.ttf", 0, "Liberation Sans")),
}

#: Family names as documents write them (lower case) -> chain key.
ALIASES: dict[str, str] = {
    **dict.fromkeys(("仿宋", "fangsong", "仿宋_gb2312", "fangsong_gb2312", "华文仿宋", "stfangsong"), "fangsong"),
    **dict.fromkeys(("宋体", "simsun", "新宋体", "nsimsun", "华文宋体", "stsong", "songti sc"), "songti"),
    **dict.fromkeys(("黑体", "simhei", "华文黑体", "stheiti", "heiti sc"), "heiti"),
    **dict.fromkeys(("微软雅黑", "microsoft yahei"), "yahei"),
    **dict.fromkeys(("楷体", "kaiti", "楷体_gb2312", "kaiti_gb2312", "华文楷体", "stkaiti"), "kaiti"),
    **dict.fromkeys(("方正小标宋简体", "方正小标宋_gbk", "方正小标宋", "fzxiaobiaosong-b05s"), "xiaobiaosong"),
    **dict.fromkeys(("华文中宋", "stzhongsong"), "zhongsong"),
    **dict.fromkeys(("times new roman", "times", "liberation serif"), "times"),
    **dict.fromkeys(("arial", "helvetica", "liberation sans"), "arial"),
}

#: Bold companions of regular files (lower case); a face without one gets simulated bold.
BOLD_FILES: dict[str, str] = {
    "notoserifcjk-regular.ttc": "NotoSerifCJK-Bold.ttc",
    "notosanscjk-regular.ttc": "NotoSansCJK-Bold.ttc",
    "times.ttf": "timesbd.ttf",
    "arial.ttf": "arialbd.ttf",
    "liberationserif-regular.ttf": "LiberationSerif-Bold.ttf",
    "liberationsans-regular.ttf": "LiberationSans-Bold.ttf",
    "msyh.ttc": "msyhbd.ttc",
}

#: The chain for a Chinese font name no chain knows, and for text whose Latin font is missing.
DEFAULT_CJK = "songti"


def resolve(name: str | None, *, files: Mapping[str, Path], bold: bool = False) -> FontFace | None:
    """The face that prints ``name`` from ``files`` (lower-cased file name -> path), or None when none is present.

    A name no chain knows resolves like 宋体 when it contains Chinese, else to None (the caller then
    prints that text with the East Asian font, whose Latin glyphs are fine).
    """
    key = ALIASES.get((name or "").strip().lower())
    if key is None:
        if not name or not any(ord(c) > 0x2E80 for c in name):
            return None
        key = DEFAULT_CJK
    face = _walk(key, files, set())
    if face is None or not bold:
        return face
    bold_name = BOLD_FILES.get(face.path.name.lower())
    bold_path = files.get(bold_name.lower()) if bold_name else None
    if bold_path is not None:
        return FontFace(bold_path, face.index, face.family, bold=True)
    return FontFace(face.path, face.index, face.family, bold=True, fake_bold=True)


def _walk(key: str, files: Mapping[str, Path], seen: set[str]) -> FontFace | None:
    seen.add(key)
    for candidate in CHAINS[key]:
        if isinstance(candidate, str):
            if candidate not in seen and (found := _walk(candidate, files, seen)) is not None:
                return found
            continue
        file_name, index, family = candidate
        path = files.get(file_name.lower())
        if path is not None:
            return FontFace(path, index, family)
    return None


def font_dirs() -> list[Path]:
    """Where this system keeps fonts (per-user folders too: Windows 10 installs fonts per user without admin)."""
    home = Path.home()
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        dirs = [windir / "Fonts"]
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    if sys.platform == "darwin":
        return [Path("/System/Library/Fonts"), Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_home = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), data_home / "fonts", home / ".fonts"]


@lru_cache(maxsize=1)
def installed_font_files() -> dict[str, Path]:
    """Every font file in :func:`font_dirs` (sub-folders too), by lower-cased file name; the first found wins."""
    found: dict[str, Path] = {}
    for folder in font_dirs():
        if not folder.is_dir():
            continue
        for root, _dirs, names in os.walk(folder):
            for name in names:
                if name.lower().endswith((".ttf", ".ttc", ".otf")):
                    found.setdefault(name.lower(), Path(root) / name)
    return found


def resolve_installed(name: str | None, *, bold: bool = False) -> FontFace | None:
    """:func:`resolve` against the fonts installed on this machine."""
    return resolve(name, files=installed_font_files(), bold=bold)
