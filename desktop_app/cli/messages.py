"""The CLI's message catalogue: every user-facing line, in Chinese."""

MESSAGES: dict[str, str] = {
    "bad_as_of": "参考日期 --as-of {text} 格式不正确，应为 YYYY-MM-DD，例如 2023-06-01",
    "as_of_range": "参考日期 --as-of {text} 超出合理范围（2000-01-01 至 2100-12-31）",
    "unknown_measure": "找不到措施 {measure_id}。运行 policy-assistant catalog 查看全部措施编号",
    "pack_problems": "政策包校验未通过，共 {count} 个问题",
    "pack_ok": "政策包校验通过：{packs} 个政策包，{measures} 项措施",
    "no_open_questions": "没有尚未回答且可能改变结果的问题。",
}
