"""The CLI's message catalogue: every user-facing line, in Chinese."""

MESSAGES: dict[str, str] = {
    "bad_as_of": "参考日期 --as-of {text} 格式不正确，应为 YYYY-MM-DD，例如 2023-06-01",
    "as_of_range": "参考日期 --as-of {text} 超出合理范围（2000-01-01 至 2100-12-31）",
    "unknown_measure": "找不到措施 {measure_id}。运行 policy-assistant catalog 查看全部措施编号",
    "pack_problems": "政策包校验未通过，共 {count} 个问题",
    "pack_ok": "政策包校验通过：{packs} 个政策包，{measures} 项措施",
    "no_open_questions": "没有尚未回答且可能改变结果的问题。",
    # fill / templates
    "fill_no_templates": "找不到模板文件夹 --templates {path}，请检查路径",
    "fill_no_measures": (
        "--measures 中没有措施编号，应为逗号分隔的编号，例如 --measures jinshan-2023-11,jinshan-2023-18a"
    ),
    "fill_out_not_dir": "--out {path} 是一个文件而不是文件夹，请换一个文件夹名",
    "fill_no_name": "{path}：字段 name（企业名称）未填写：文书需要企业名称，请在档案中填写后重试",
    "fill_bad_template": (
        "{problem}。自备模板共 {count} 个问题，运行 policy-assistant templates --check --templates {folder} 查看全部"
    ),
    "fill_written": "已生成{kind}：{path}",
    "fill_no_eligible": "没有符合条件的措施，只生成了政策体检报告。运行 policy-assistant questions 查看待答问题。",
    "fill_done": "完成：{letters} 份措施文书（申请书、办理指引、告知书）、办理清单和政策体检报告，保存在 {folder}",
    "fill_done_report": "完成：政策体检报告保存在 {folder}",
    "templates_hint": "运行 policy-assistant templates --check 检查模板；自备模板的写法见 docs/templates.md",
    "templates_failed": "模板检查未通过，共 {count} 个问题。模板的写法见 docs/templates.md",
    "templates_ok": "模板检查通过：{count} 个模板均可使用",
    "templates_unused": "提示：模板文件夹中的 {name} 不是程序使用的文件名，已忽略（程序使用：{known}）",
    # batch
    "pack_not_loaded": (
        "政策包 {file} 无法使用：{problem}（共 {count} 处问题）。"
        "请修正后重试；运行 policy-assistant catalog --check --pack {file} 查看全部问题"
    ),
    "batch_no_sheet": "请给出企业名单文件（.csv 或 .xlsx），例如 policy-assistant batch 企业名单.xlsx --out 输出文件夹",
    "batch_no_out": "请用 --out 指定输出文件夹，例如 --out 批量文书",
    "batch_out_not_dir": "--out {path} 是一个文件而不是文件夹，请换一个文件夹名",
    "batch_no_templates": "找不到模板文件夹 --templates {path}，请检查路径",
    "batch_bad_jobs": "--jobs {text} 不正确，应为 1 到 256 之间的整数",
    "batch_empty_sheet": (
        "企业名单是空的：第一行应为表头。运行 policy-assistant batch --template-csv 生成带表头的空白名单"
    ),
    "batch_no_columns": (
        "企业名单的表头为空：第一行应为字段名或中文标题。运行 policy-assistant batch --template-csv 生成表头"
    ),
    "batch_unknown_columns": (
        "企业名单中有无法识别的列：{columns}。表头应为企业档案的字段名或中文标题，"
        "运行 policy-assistant batch --template-csv 查看全部列"
    ),
    "batch_repeated_columns": "企业名单中有重复的列：{columns}。每个字段只能出现一次，请删除多余的列",
    "batch_no_rows": "企业名单 {path} 中没有企业数据（表头之后全是空行）",
    "batch_extra_cells": "表头之外的列中有内容，请为该列填写表头或删除这些内容",
    "batch_unnamed_cell": "没有表头的列中有内容，请为该列填写表头或删除这些内容",
    "batch_bad_row": "第 {number} 行：{error}。已跳过该行，其余企业照常处理",
    "batch_failed_row": "第 {number} 行：{error}",
    "batch_start": "开始处理 {count} 家企业（{jobs} 个进程），输出到 {out}",
    "batch_interrupted": "已中断：已完成的企业已记录，在同一命令后加 --resume 即可继续，不会重复生成",
    "batch_resume": (
        "继续上次的批量处理：{count} 家企业上次已完成且回答和设置未变，不再重新生成；其余（含改过的行）重新生成"
    ),
    "batch_progress": "进度 {done}/{total}（{percent}%），预计剩余 {eta}",
    "batch_done": "完成：{done} 家企业已处理，{failed} 行有错误（见汇总表的“错误”列）。汇总表：{summary}",
    "batch_template_written": "已写出空白企业名单 {path}（{columns} 列）：每行填写一家企业，不知道的格子留空",
    # draft-pack
    "draft_out_exists": "--out {path} 已存在：换一个文件名，或加 --force 覆盖（原文件会保存为 {path}.bak）",
    "draft_out_suffix": "--out {path} 应为 .yaml 文件，例如 --out 草稿.yaml",
    "draft_out_dir": "--out {path} 是一个文件夹，请给出 .yaml 文件名，例如 {path}/草稿.yaml",
    "draft_written": "已起草 {count} 项措施（{amounts} 项识别出金额），写入 {path}；原文文字保存为 {source}",
    "draft_none_found": "{path} 中没有找到写明对企业扶持的编号条款，未写出草稿：请确认文件是政策文件正文",
    "draft_check_hint": "请逐项审核（review: draft → reviewed），再运行 policy-assistant catalog --check --pack {path}",
    "draft_check_failed": "草稿未通过政策包校验（请把以下问题报告给开发人员）：",
}
