"""Messages for people, in Chinese (default) and English.

Each message has an id; errors carry the id and its parameters, and are put into words
only when shown, in the language the user asked for (`--lang`).
"""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # input errors (exit 2)
    "file_missing": {"zh": "找不到文件", "en": "file not found"},
    "file_unreadable": {"zh": "无法读取文件：{detail}", "en": "cannot read file: {detail}"},
    "not_utf8": {"zh": "无法识别文件编码（已尝试 UTF-8、UTF-16、GB18030），请另存为 UTF-8 文本", "en": "cannot decode the file (tried UTF-8, UTF-16 and GB18030); save it as UTF-8 text"},
    "yaml_syntax": {"zh": "YAML 格式错误：{detail}", "en": "YAML syntax error: {detail}"},
    # YAML syntax errors as a clerk makes them (generator.io.yaml_source.syntax_problem)
    "yaml_tab": {"zh": "这一行有制表符（Tab）：YAML 文件只能用空格缩进，请把 Tab 换成空格",
                 "en": "this line holds a tab: YAML is indented with spaces only; replace the tab with spaces"},
    "yaml_fullwidth_colon": {"zh": "“{text}”用了中文冒号“：”：键和值之间请用英文冒号加一个空格（如 name: 东社小学）",
                             "en": "'{text}' uses a full-width colon '：': write an ASCII colon and a space between "
                                   "the key and its value (name: 东社小学)"},
    "yaml_colon_space": {"zh": "“{text}”的冒号后缺一个空格（如 name: 东社小学）",
                         "en": "'{text}': a space is needed after the colon (name: 东社小学)"},
    "yaml_dash_space": {"zh": "“{text}”：列表项的“-”后要有一个空格（如 - 45）",
                        "en": "'{text}': a list item's '-' needs a space after it (- 45)"},
    "yaml_colon_in_value": {"zh": "YAML 格式错误：这一行的值里有“: ”，或比上一行多缩进了：值里有冒号时请给整个值加引号，"
                                  "同一级的键请对齐",
                            "en": "YAML syntax error: this line's value holds ': ', or the line is indented more "
                                  "than the one above: quote a value holding a colon; align keys of one level"},
    "yaml_indent": {"zh": "YAML 格式错误：缩进不齐，同一级的键要用同样多的空格对齐",
                    "en": "YAML syntax error: the indentation is uneven; keys of one level take the same number of spaces"},
    "yaml_alias": {"zh": "YAML 格式错误：“*名字”引用的别名没有用“&名字”定义过（以 * 开头的值请加引号）",
                   "en": "YAML syntax error: '*name' refers to an alias no '&name' defines (quote a value starting with *)"},
    "yaml_unclosed": {"zh": "YAML 格式错误：引号或括号没有闭合（到这里文件就结束了，或少了逗号）",
                      "en": "YAML syntax error: a quote or bracket is not closed (the file ends here, or a comma is missing)"},
    "yaml_reserved": {"zh": "YAML 格式错误：这一行的值以 YAML 的保留字符（@ ` % 等）开头，请给整个值加引号",
                      "en": "YAML syntax error: the value starts with a character YAML reserves (@ ` %): quote the whole value"},
    "yaml_no_colon": {"zh": "YAML 格式错误：这一行或上一行缺少“键: 值”中的冒号（英文冒号后加空格）",
                      "en": "YAML syntax error: this line or the one above lacks the colon of 'key: value' (an ASCII colon and a space)"},
    "not_mapping": {"zh": "应为键值对（映射），实际是“{got}”", "en": "expected a mapping of keys, got '{got}'"},
    "empty_file": {"zh": "文件为空", "en": "the file is empty"},
    "duplicate_key": {"zh": "键重复出现（第 {first} 行已有）", "en": "key appears twice (first on line {first})"},
    "unknown_key": {"zh": "未知的键“{name}”", "en": "unknown key '{name}'"},
    "did_you_mean": {"zh": "，是否想写“{suggestion}”？", "en": "; did you mean '{suggestion}'?"},
    "known_keys": {"zh": "（可用的键见 junheng new {kind}）", "en": " (see `junheng new {kind}` for the keys)"},
    "missing_key": {"zh": "缺少必填的键“{name}”（{label}）", "en": "required key '{name}' ({label}) is missing"},
    "bad_kind": {"zh": "kind 应为 school、county 或 centre，实际是“{got}”",
                 "en": "kind must be school, county or centre, got '{got}'"},
    "wrong_kind": {"zh": "此处应为 {expected} 文件，实际 kind 是“{got}”",
                   "en": "expected a {expected} file here, but kind is '{got}'"},
    "expected_number": {"zh": "应为数字（单位：{unit}），实际是“{got}”",
                        "en": "expected a number (unit: {unit}), got '{got}'"},
    "expected_count": {"zh": "应为非负整数（单位：{unit}），实际是“{got}”",
                       "en": "expected a whole non-negative number (unit: {unit}), got '{got}'"},
    "number_too_small": {"zh": "数字“{got}”过小（不为 0 时至少 10^{limit}）",
                         "en": "the number '{got}' is too small (at least 10^{limit} unless it is 0)"},
    "negative": {"zh": "不能为负数，实际是 {got}", "en": "must not be negative, got {got}"},
    # a count a standard divides by (schema `divides`): 0 is refused, not judged
    "zero_per_student": {"zh": "{label}为 0，无法计算生均指标：请填写实际人数（学校或学段确无学生时不应列入）",
                         "en": "{label} is 0: per-student measures cannot be computed; give the real number "
                               "(a school or stage without students is not listed)"},
    "zero_per_class": {"zh": "{label}为 0，无法计算每班指标：请填写实际班数",
                       "en": "{label} is 0: per-class measures cannot be computed; give the real number of classes"},
    "expected_rate": {"zh": "应为 0–1 之间的比率或百分数（如 0.85 或 \"85%\"），实际是“{got}”",
                      "en": "expected a rate between 0 and 1 or a percentage (0.85 or \"85%\"), got '{got}'"},
    "expected_bool": {"zh": "应为 true/false（是/否），实际是“{got}”",
                      "en": "expected true/false, got '{got}'"},
    "expected_text": {"zh": "应为文字，实际是“{got}”", "en": "expected text, got '{got}'"},
    "expected_int": {"zh": "应为整数，实际是“{got}”", "en": "expected a whole number, got '{got}'"},
    "expected_date": {"zh": "应为日期（如 2013-09-23），实际是“{got}”",
                      "en": "expected a date such as 2013-09-23, got '{got}'"},
    "expected_list": {"zh": "应为列表，实际是“{got}”", "en": "expected a list, got '{got}'"},
    "bad_choice": {"zh": "应为以下之一：{choices}；实际是“{got}”",
                   "en": "expected one of: {choices}; got '{got}'"},
    "stage_map_keys": {"zh": "分学段人数只能用 primary/junior/senior（小学/初中/高中），实际有“{got}”",
                       "en": "per-stage counts take only primary/junior/senior, got '{got}'"},
    # {stage} is the school type's own name (九年一贯制学校, 完全中学), never followed by 学校 again
    "stage_needs_map": {"zh": "{stage}跨学段，{label}需按学段填写，如 {{primary: 166, junior: 210}}",
                        "en": "a {stage} school spans stages: give {label} per stage, such as {{primary: 166, junior: 210}}"},
    "stage_missing_part": {"zh": "{stage}缺少{part_label}（{part}）学段的{label}",
                           "en": "a {stage} school needs the {part} ({part_label}) value of {label}"},
    "stage_extra_part": {"zh": "{stage}没有{part_label}（{part}）学段", "en": "a {stage} school has no '{part}' ({part_label}) stage"},
    "subject_entry": {"zh": "学科“{subject}”应写成 {{required: 应配, actual: 实配}}",
                      "en": "subject '{subject}' must be {{required: N, actual: N}}"},
    "school_path_missing": {"zh": "学校文件不存在：{path}", "en": "school file not found: {path}"},
    "no_schools": {"zh": "县里没有任何学校", "en": "the county lists no schools"},
    "duplicate_school": {"zh": "学校名称重复：“{name}”", "en": "school name appears twice: '{name}'"},
    "class_sizes_count": {"zh": "各班人数有 {got} 个，但教学班数是 {classes}",
                          "en": "class_sizes lists {got} classes but classes is {classes}"},
    "bad_profile": {"zh": "评估标准文件错误：{detail}", "en": "profile error: {detail}"},
    "unknown_profile": {"zh": "未知的评估标准“{name}”，可用：{known}",
                        "en": "unknown profile '{name}'; known: {known}"},
    "output_exists": {"zh": "输出文件已存在：{path}（使用 --force 覆盖）",
                      "en": "output exists: {path} (use --force to overwrite)"},
    "error_prefix": {"zh": "错误", "en": "error"},
    "errors_more": {"zh": "另有 {count} 处错误未列出（请先改正以上各处再试）",
                    "en": "{count} more errors not listed (fix the ones above and try again)"},
    "engine_durable_unavailable": {
        "zh": "错误：--engine durable 在此不可用（{detail}）。durable-rules 只能装在 Python 3.12 及以下、"
              "有 C 编译器的 Linux / macOS 上：pip install \"junheng[durable]\"；其余情况请用 --engine native"
              "（纯 Python，判定结果相同）或 auto。",
        "en": "error: --engine durable cannot run here ({detail}). durable-rules installs only on Python 3.12 "
              "or older, on Linux/macOS with a C compiler: pip install \"junheng[durable]\"; otherwise use "
              "--engine native (pure Python, same verdicts) or auto."},
    "engine_fallback": {
        "zh": "提示：durable-rules 运行出错（{detail}），其余比较改由 native 引擎判定（判定结果相同）。",
        "en": "note: durable-rules failed ({detail}); the native engine decides the remaining comparisons "
              "(same verdicts)."},
    "line": {"zh": "第 {line} 行", "en": "line {line}"},
    "interrupted": {"zh": "已中断", "en": "Interrupted"},
    # verdict words
    "status_pass": {"zh": "达标", "en": "pass"},
    "status_fail": {"zh": "未达标", "en": "FAIL"},
    "status_missing": {"zh": "缺数据", "en": "missing"},
    "status_n/a": {"zh": "不适用", "en": "n/a"},
    # the overall verdict line under a table (terminal and web page)
    "result_pass": {"zh": "结论：达标", "en": "Result: meets the standard"},
    "result_fail": {"zh": "结论：未达标", "en": "Result: falls short"},
    "result_missing": {"zh": "结论：尚缺数据，暂无法判定", "en": "Result: undecided, facts are missing"},
    # a yes/no fact (K10 开齐开足, 音乐美术专用教室配备达标, …) as tables and formulas print it
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    # the 基本均衡 government score line (terminal and web page); the pass score comes from the rules
    "government_title": {"zh": "县级人民政府推进工作：{score} / {total} 分（{pass_score} 分达标）",
                         "en": "Government work: {score} / {total} (pass at {pass_score})"},
}

# Every other area's messages (generator/messages/, one file per area) belong to the same table from the
# first import of i18n: a message never depends on which modules happen to have been imported.
from generator.messages import TABLES as _AREA_TABLES  # noqa: E402

for _table in _AREA_TABLES:
    MESSAGES.update(_table)

# The verdict words as documents print them (达标 / 未达标 / 缺数据 / 不适用): the same entries as above.
STATUS_WORDS: dict[str, str] = {status: MESSAGES[f"status_{status}"]["zh"]
                                 for status in ("pass", "fail", "missing", "n/a")}

# The one op → words table: a standard in a sentence ("不低于5.2平方米"); the render's sentences
# (generator.render.measure_words, quality_common) and the least-cost plan's CV limit word an op with it.
RELATION_WORDS: dict[str, str] = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "达到"}

# The spellings a fact file or a filled-in workbook may use for true / false (是/否 first: the
# workbook's drop-down offers those two).
# (Latin words are compared in lower case: TRUE, Yes; a tick or cross as a form marks it)
TRUE_WORDS = ("是", "有", "已", "true", "True", "对", "yes", "√", "✓", "✔")
FALSE_WORDS = ("否", "无", "没有", "未", "false", "False", "no", "×", "✗", "✘")

# The blank date left for the clerk (成文日期 without --date) is spelled in generator/messages/blanks.py,
# since messages quote it; it is re-exported here.
from generator.messages.blanks import BLANK_DATE, BLANK_DATE_ASCII, BLANK_MONTH_DAY  # noqa: E402,F401


def status_word(status: str, lang: str = "zh") -> str:
    """达标 / 未达标 / 缺数据 / 不适用 (pass / FAIL / missing / n/a)."""
    return message(f"status_{status}", lang)


def yes_no(value, lang: str = "zh") -> str:
    """是 / 否 (yes / no) for a true/false fact."""
    return message("yes" if value else "no", lang)


def message(msg_id: str, lang: str = "zh", **params) -> str:
    entry = MESSAGES.get(msg_id)
    if entry is None:
        return msg_id + (" " + repr(params) if params else "")
    template = entry.get(lang) or entry["zh"]
    # a detail given in both languages ({"zh": …, "en": …}) is said in the message's own
    params = {key: (value.get(lang) or value["zh"]) if isinstance(value, dict) and "zh" in value else value
              for key, value in params.items()}
    return template.format(**params)
