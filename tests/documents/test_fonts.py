"""Font mapping (issue 18): the families the templates name resolve to the files Windows or Linux really has."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_app.documents import fonts
from desktop_app.documents.fonts import FontFace, resolve

WINDOWS = {
    name.lower(): Path(r"C:\Windows\Fonts") / name
    for name in ("simfang.ttf", "simhei.ttf", "SIMSUN.TTC", "msyh.ttc", "msyhbd.ttc", "times.ttf", "simkai.ttf")
}
LINUX = {
    name.lower(): Path("/usr/share/fonts/opentype/noto") / name
    for name in ("NotoSerifCJK-Regular.ttc", "NotoSerifCJK-Bold.ttc", "NotoSansCJK-Regular.ttc")
}


@pytest.mark.parametrize(
    ("name", "file", "family"),
    [
        ("仿宋", "simfang.ttf", "FangSong"),
        ("仿宋_GB2312", "simfang.ttf", "FangSong"),
        ("黑体", "simhei.ttf", "SimHei"),
        ("宋体", "SIMSUN.TTC", "SimSun"),
        ("微软雅黑", "msyh.ttc", "Microsoft YaHei"),
        ("Times New Roman", "times.ttf", "Times New Roman"),
    ],
)
def test_windows_names_map_to_the_system_fonts(name: str, file: str, family: str) -> None:
    """On Windows 仿宋/黑体/宋体/微软雅黑 print with simfang/simhei/simsun/msyh (issue 18), face 0 of a .ttc."""
    face = resolve(name, files=WINDOWS)
    assert face == FontFace(WINDOWS[file.lower()], 0, family)


def test_xiaobiaosong_falls_back_to_zhongsong_then_songti() -> None:
    """方正小标宋简体 → 华文中宋 → 宋体: the first the machine has (issue 12's fallback chain)."""
    with_zhongsong = {**WINDOWS, "stzhongs.ttf": Path("STZHONGS.TTF")}
    assert resolve("方正小标宋简体", files=with_zhongsong) == FontFace(Path("STZHONGS.TTF"), 0, "STZhongsong")
    assert resolve("方正小标宋简体", files=WINDOWS) == FontFace(WINDOWS["simsun.ttc"], 0, "SimSun")
    own = {**WINDOWS, "方正小标宋简体.ttf": Path("方正小标宋简体.ttf")}
    assert resolve("方正小标宋简体", files=own).path == Path("方正小标宋简体.ttf")  # type: ignore[union-attr]


def test_linux_uses_the_simplified_chinese_face_of_the_noto_collections() -> None:
    """Without the Windows fonts 仿宋/宋体 print in Noto Serif CJK and 黑体 in Noto Sans CJK, face 2 (SC)."""
    serif = FontFace(LINUX["notoserifcjk-regular.ttc"], 2, "Noto Serif CJK SC")
    assert resolve("仿宋", files=LINUX) == serif
    assert resolve("宋体", files=LINUX) == serif
    assert resolve("黑体", files=LINUX) == FontFace(LINUX["notosanscjk-regular.ttc"], 2, "Noto Sans CJK SC")
    assert resolve("方正小标宋简体", files=LINUX) == FontFace(LINUX["notoserifcjk-bold.ttc"], 2, "Noto Serif CJK SC")


def test_latin_and_unknown_names() -> None:
    """A Latin font that is missing gives None (the CJK face prints it); an unknown Chinese name prints as 宋体."""
    assert resolve("Times New Roman", files=LINUX) is None
    assert resolve("Comic Sans MS", files=WINDOWS) is None
    assert resolve("某某字体", files=WINDOWS) == FontFace(WINDOWS["simsun.ttc"], 0, "SimSun")
    assert resolve("仿宋", files={}) is None


def test_bold_uses_the_bold_file_or_simulates_it() -> None:
    """Bold takes the bold companion file where there is one; SimHei has none, so it is simulated."""
    assert resolve("宋体", files=LINUX, bold=True) == FontFace(
        LINUX["notoserifcjk-bold.ttc"], 2, "Noto Serif CJK SC", bold=True
    )
    hei = resolve("黑体", files=WINDOWS, bold=True)
    assert hei is not None and hei.path == WINDOWS["simhei.ttf"] and hei.fake_bold


def test_font_dirs_on_windows_include_the_per_user_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Windows 10 installs fonts per user without admin rights: %LOCALAPPDATA%\\Microsoft\\Windows\\Fonts counts."""
    monkeypatch.setattr(fonts.sys, "platform", "win32")
    monkeypatch.setenv("WINDIR", r"D:\Win")
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\张三\AppData\Local")
    assert fonts.font_dirs() == [
        Path(r"D:\Win") / "Fonts",
        Path(r"C:\Users\张三\AppData\Local") / "Microsoft" / "Windows" / "Fonts",
    ]


def test_installed_fonts_are_found_by_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The font folders are walked (sub-folders too) and files are keyed by lower-cased name."""
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "SIMFANG.TTF").write_bytes(b"")
    (tmp_path / "readme.txt").write_text("x")
    monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path, tmp_path / "missing"])
    fonts.installed_font_files.cache_clear()
    try:
        assert fonts.installed_font_files() == {"simfang.ttf": tmp_path / "sub" / "SIMFANG.TTF"}
    finally:
        fonts.installed_font_files.cache_clear()
