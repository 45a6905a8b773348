"""Messages from libraries, turned into Chinese for people: YAML parser problems, exception class names."""

from __future__ import annotations

import re

#: PyYAML's problem texts (the catalog passes them through) and what they mean for someone editing a pack.
YAML_PROBLEMS: dict[str, str] = {
    "mapping values are not allowed here": "此处不能出现“键: 值”，多为缩进不对或值中含有未加引号的冒号",
    "could not find expected ':'": "缺少冒号“:”",
    "found character '\\t' that cannot start any token": "含有制表符（Tab），请改用空格缩进",
    "expected <block end>, but found '-'": "列表项“-”的缩进与上一级不一致",
    "found undefined alias": "引用了未定义的锚点",
    "did not find expected key": "缺少键名，多为缩进不对",
    "found unexpected end of stream": "文件意外结束，多为引号未闭合",
    "did not find expected node content": "缺少内容",
    "found unknown escape character": "含有无效的转义字符“\\”",
    "while scanning a quoted scalar": "引号未闭合",
}
_EXCEPTION_NAME = re.compile(r"[（(]\s*[A-Za-z_.]*(?:Error|Exception|NotFound\w*)\s*[)）]")


def chinese_message(text: str) -> str:
    """``text`` with known English library phrases replaced and bare exception names such as
    ``(PackageNotFoundError)`` removed."""
    for english, chinese in YAML_PROBLEMS.items():
        text = text.replace(english, chinese)
    return _EXCEPTION_NAME.sub("", text)
