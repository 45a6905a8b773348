"""Policy-pack problems in Chinese: PyYAML's and pydantic's English messages, translated."""

from __future__ import annotations

#: PyYAML's commonest messages, in Chinese.
_YAML_PROBLEMS = (
    ("could not determine a constructor", "不支持的类型标签（政策包中不允许使用以 ! 开头的标签）"),
    ("mapping values are not allowed here", "此处不能再出现“键: 值”（冒号后的文字含冒号时请加引号）"),
    ("found character '\\t' that cannot start any token", "含有制表符（请用空格缩进）"),
    ("found character", "含有不能出现在此处的字符"),
    ("expected <block end>", "缩进不一致"),
    ("did not find expected key", "缩进不一致或缺少冒号"),
    ("found unexpected end of stream", "引号或括号没有配对"),
    ("found duplicate anchor", "重复的锚点"),
    ("found undefined tag handle", "不支持的类型标签"),
    ("expected ',' or ']'", "方括号 [ ] 没有配对或缺少逗号"),
    ("expected ',' or '}'", "花括号 { } 没有配对或缺少逗号"),
)


def yaml_problem(problem: str) -> str:
    for english, chinese in _YAML_PROBLEMS:
        if english in problem:
            return chinese
    return problem if any("\u4e00" <= ch <= "\u9fff" for ch in problem) else "无法解析"


#: pydantic's error kinds, in Chinese (``value_error`` messages are the models' own, already Chinese).
VALIDATION_MESSAGES = {
    "string_type": "应为文字",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "decimal_type": "应为数字",
    "decimal_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "list_type": "应为列表（- 开头的各项或 [ ]）",
    "dict_type": "应为映射（键: 值）",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "literal_error": "取值不在允许的范围内",
    "enum": "取值不在允许的范围内",
    "string_too_short": "文字过短",
    "string_too_long": "文字过长",
    "too_short": "项数过少",
    "too_long": "项数过多",
    "string_pattern_mismatch": "格式不正确",
    "greater_than_equal": "数值过小",
    "greater_than": "数值过小",
    "less_than_equal": "数值过大",
    "less_than": "数值过大",
    "union_tag_invalid": "kind 的取值无效（见 docs/policy-packs.md 的金额类型）",
    "union_tag_not_found": "缺少 kind（金额类型）",
    "decimal_max_digits": "数字位数过多",
    "decimal_max_places": "小数位数过多",
    "recursion_loop": "嵌套层级过深",
}
