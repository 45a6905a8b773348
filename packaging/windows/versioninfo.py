"""The Windows build's metadata, read from pyproject.toml at build time: PyInstaller's version file and NSIS defines.

Loaded by file path (``packaging`` is also the name of a PyPI package) from build.spec and scripts/build-bundle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PRODUCT_NAME = "惠企政策申报助手"
EXE_STEM = "PolicyAssistant"


@dataclass(frozen=True)
class BuildMetadata:
    """What the version resource and the installer say about the program."""

    version: str  # as in pyproject.toml, e.g. "0.1.0"
    publisher: str  # the first author in pyproject.toml
    product_name: str = PRODUCT_NAME

    @property
    def numeric_version(self) -> tuple[int, int, int, int]:
        """The four numbers Windows' VERSIONINFO and NSIS' VIProductVersion need ("0.1.0rc1" -> 0.1.0.0)."""
        numbers = [int(n) for n in re.findall(r"\d+", self.version.split("+")[0])[:3]]
        numbers += [0] * (4 - len(numbers))
        return (numbers[0], numbers[1], numbers[2], numbers[3])

    @property
    def dotted_numeric_version(self) -> str:
        return ".".join(str(n) for n in self.numeric_version)


def read_metadata(pyproject: Path) -> BuildMetadata:
    """Version and publisher from ``[project]`` of pyproject.toml."""
    text = pyproject.read_text(encoding="utf-8")
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10: the two keys are plain strings in our file
        version = re.search(r'(?m)^version\s*=\s*"([^"]+)"', text)
        author = re.search(r'authors\s*=\s*\[\s*\{\s*name\s*=\s*"([^"]+)"', text)
        if version is None or author is None:
            raise ValueError(f"{pyproject} 中没有 [project] 的 version 或 authors。") from None
        return BuildMetadata(version=version.group(1), publisher=author.group(1))
    project = tomllib.loads(text)["project"]
    return BuildMetadata(version=project["version"], publisher=project["authors"][0]["name"])


def version_file_text(meta: BuildMetadata) -> str:
    """PyInstaller's version-file form (what ``pyi-grab_version`` writes) of the VERSIONINFO resource."""
    numbers = meta.numeric_version
    strings = {
        "CompanyName": meta.publisher,
        "FileDescription": meta.product_name,
        "FileVersion": meta.version,
        "InternalName": EXE_STEM,
        "LegalCopyright": f"© {meta.publisher}，MIT 许可证",
        "OriginalFilename": f"{EXE_STEM}.exe",
        "ProductName": meta.product_name,
        "ProductVersion": meta.version,
    }
    structs = ",\n".join(f"          StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""# UTF-8
# Generated from pyproject.toml by packaging/windows/versioninfo.py at build time; do not edit.
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers!r},
    prodvers={numbers!r},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '080404B0',
        [
{structs}
        ])
    ]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""


def write_version_file(pyproject: Path, out: Path) -> Path:
    """Write the version file for ``EXE(version=...)`` and return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(version_file_text(read_metadata(pyproject)), encoding="utf-8")
    return out
