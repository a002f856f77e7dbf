"""The messages of generator/cli/ (ids → zh / en), one table per module that shows them.

generator.i18n merges every table here when it is first imported, so a message exists whatever
modules were loaded before; callers look words up only through i18n.message(id, lang, **params)."""
from generator.messages.blanks import BLANK_DATE

# generator/cli/document_steps.py
DOCUMENT_STEPS = {
    "doc_wrong_kind": {"zh": "{verb} 需要学校或县的事实文件，实际 kind 是“{got}”",
                       "en": "{verb} needs a school or county fact file, but kind is '{got}'"},
    "doc_output_required": {"zh": "请用 -o 指定输出文件（或用 --list-fields 查看模板字段）",
                            "en": "give the output file with -o (or --list-fields to see the template fields)"},
    "doc_suffix": {"zh": "{option} 应以 {suffix} 结尾：{path}", "en": "{option} must end with {suffix}: {path}"},
    "doc_each_needs_county": {"zh": "--each-school 需要县的事实文件（kind: county）",
                              "en": "--each-school needs a county fact file (kind: county)"},
    "doc_output_dir": {"zh": "--each-school 时 -o 应为文件夹，实际是已有文件：{path}",
                       "en": "with --each-school, -o must be a folder, but it is an existing file: {path}"},
    "doc_no_date": {"zh": f"未给出 --date：落款日期留空“{BLANK_DATE}”，请打印后手写",
                    "en": "no --date given: the signature date is left blank for the clerk to fill in"},
    "doc_written": {"zh": "已写入 {path}", "en": "wrote {path}"},
    "deadline_before_date": {"zh": "完成时限 {deadline} 早于成文日期 {date}：整改方案的时限不能早于方案本身的日期",
                             "en": "the deadline {deadline} is before the document's date {date}: a plan cannot be due before it is dated"},
    "doc_drafted": {"zh": "注意：{count} 节叙述（{titles}）由事实文件中的数据起草，请核对后使用；可在事实文件的 narrative 中改写",
                    "en": "{count} narrative sections ({titles}) were drafted from the fact file's figures: check them before use, or write your own under narrative"},
    "doc_placeholders": {"zh": "注意：{count} 处叙述待补充（{titles}），文中以〔请补充：…〕标出；"
                               "可在事实文件的 narrative 中填写后重新生成",
                         "en": "note: {count} narrative section(s) still to write ({titles}), marked 〔请补充：…〕 "
                               "in the document; fill them in under `narrative:` in the fact file and run again"},
    "doc_each_unwritten": {"zh": "已写入 {written} 份报告到 {folder}；{count} 份因上述磁盘错误未能写入（不是学校数据的问题）：{names}",
                           "en": "wrote {written} reports to {folder}; {count} could not be written because of the "
                                 "disk error above (not a problem of the schools' data): {names}"},
    "doc_each_summary": {"zh": "已写入 {written} 份报告到 {folder}；{failed} 所学校的数据有误，未生成",
                         "en": "wrote {written} reports to {folder}; {failed} school(s) had bad data and were skipped"},
    "doc_each_done": {"zh": "已写入 {written} 份报告到 {folder}", "en": "wrote {written} reports to {folder}"},
    "doc_each_progress": {"zh": "生成各校自查报告", "en": "writing school reports"},
    "internal_error": {"zh": "内部错误（{kind}：{detail}）：junheng 未能完成，不是输入文件的问题，请把命令和输入文件报告给维护者"
                             "（设 JUNHENG_DEBUG=1 可看详细信息）",
                       "en": "internal error ({kind}: {detail}): junheng could not finish; this is not a problem of "
                             "your input — please report the command and its input files (JUNHENG_DEBUG=1 shows "
                             "the details)"},
    "doc_interrupted": {"zh": "已中断：写入 {written} 份，未写入 {missing} 份：{names}",
                        "en": "interrupted: {written} written, {missing} not written: {names}"},
    "doc_school_failed": {"zh": "学校“{name}”未生成：", "en": "school '{name}' not written: "},
    "doc_fields_title": {"zh": "模板 {template} 可用的字段（由 {facts} 生成的示例）：",
                         "en": "fields template {template} may use (examples from {facts}):"},
    "doc_fields_unused": {"zh": "（模板未用）", "en": " (not used by the template)"},
    "doc_fields_unknown": {"zh": "模板使用了不存在的字段：{names}", "en": "the template uses unknown fields: {names}"},
}

# generator/cli/leastcost.py
LEASTCOST = {
    "lc_needs_flag": {"zh": "{option} 需与 --least-cost 同用", "en": "{option} needs --least-cost"},
    "lc_json_and_o": {"zh": "--json 输出到终端，不能与 -o/--ledger/--pdf 同用",
                      "en": "--json prints to the terminal; it cannot be combined with -o/--ledger/--pdf"},
}

# generator/cli/slogans.py
SLOGANS = {
    "slogan_bad_suffix": {"zh": "{option} 只能写 {allowed} 文件，实际是“{path}”",
                          "en": "{option} writes {allowed} files only, got '{path}'"},
    "slogan_for_centre": {"zh": "--for 需要学校或县的事实文件（要看它的薄弱项），这是中心学校文件；中心学校请用 --centre",
                          "en": "--for needs a school or county fact file (its weak criteria); for a centre file use --centre"},
    "slogan_output_dir": {"zh": "--each-school 的 -o 应为目录，但“{path}”是文件",
                          "en": "with --each-school, -o names a directory, but '{path}' is a file"},
    "slogan_reasons_intro": {"zh": "按{name}的薄弱项选择标语主题：", "en": "themes chosen from the weak criteria of {name}:"},
    "slogan_list_title": {"zh": "义务教育均衡发展宣传标语（横幅）一览表", "en": "义务教育均衡发展宣传标语（横幅）一览表"},
    # no file names or software words in a document's note; the sources stay in corpora/
    "slogan_corpus_note": {"zh": "以上标语均选自各地义务教育均衡发展宣传方案中使用过的标语。",
                           "en": "以上标语均选自各地义务教育均衡发展宣传方案中使用过的标语。"},
    "slogan_corpus_note_web": {
        "zh": "以上标语均选自各地义务教育均衡发展宣传方案和公开发布的宣传材料中使用过的标语。",
        "en": "以上标语均选自各地义务教育均衡发展宣传方案和公开发布的宣传材料中使用过的标语。"},
    "slogan_standard_themes": {
        "zh": "按{standard}的宣传重点，优先选用以下主题的标语：{themes}",
        "en": "the {standard} standard's publicity favours these themes: {themes}"},
    # the slogan choice as the verbs tell it (the corpus's own errors: generator.publicity.corpus)
    "slogan_none_selected": {
        "zh": "没有符合条件的标语（主题：{themes}；最多字数：{max_chars}）。请放宽 --theme 或 --max-chars",
        "en": "no slogan matches (themes: {themes}; max chars: {max_chars}); relax --theme or --max-chars"},
    "slogan_theme_empty": {
        "zh": "语料中没有“{theme}”主题的标语，改用其他主题", "en": "the corpus holds no '{theme}' slogan; other themes are used"},
    "slogan_all_met": {
        "zh": "{name}：各项评估均已达标或缺数据，没有薄弱项，按标语的常用程度选择",
        "en": "{name}: no criterion falls short, so slogans are chosen by how often the sources use them"},
    "slogan_reason": {"zh": "{what} → {themes}", "en": "{what} → {themes}"},
}

# generator/cli/audit.py
# ---------------------------------------------------------------- a report's figures
AUDIT = {
    "extract_heading": {"zh": "报告中未能对应到字段的数字（{count} 个，请核对，需要时写入事实文件）：",
                        "en": "Figures in the report not tied to a fact field ({count}; check them, add them to the fact file if needed):"},
    "extract_pending": {"zh": "以下学校的数字原文未给出在校生数，无法核算（已写入事实文件的注释中）：{names}",
                        "en": "These schools' figures cannot be recomputed, the report gives no student count "
                              "(written as comments in the fact file): {names}"},
    "extract_no_students": {"zh": "报告未给出在校生数：各数字按县级文件写出，均无法按生均核算。",
                            "en": "The report gives no student count: its figures were read as a county file "
                                  "and nothing per student can be recomputed."},
    "extract_emitted": {"zh": "已写出事实文件：{path}", "en": "fact file written: {path}"},
}

# generator/cli/profiles.py and generator/render/profile_list.py
PROFILES = {
    "profiles_shipped": {"zh": "内置评估标准", "en": "Shipped standards"},
    "profiles_local": {"zh": "本县标准（本地文件）", "en": "Your own standards (local files)"},
    "profiles_col_name": {"zh": "名称", "en": "name"},
    "profiles_col_number": {"zh": "文号", "en": "document"},
    "profiles_col_inherits": {"zh": "继承自", "en": "builds on"},
    "profiles_col_id": {"zh": "--profile 写法", "en": "--profile"},
    "profiles_default": {"zh": "（默认）", "en": " (default)"},
    "profiles_no_local": {"zh": "当前文件夹没有本县标准文件（带 inherits: 的 .yaml）；写法见 README 的 Rules and profiles 一节。",
                          "en": "No standard of your own in this folder (a .yaml with inherits:); see README, Rules and profiles."},
    "profiles_usage": {"zh": "用法：junheng check 事实文件.yaml --profile 编号或文件，如 --profile quality-2017",
                       "en": "Use: junheng check FACTS.yaml --profile ID-or-FILE, e.g. --profile quality-2017"},
}

# generator/render/unfilled_list.py (check on a form nobody has filled in)
BLANK_FORM = {
    "blank_form_title": {"zh": "{file} 是尚未填写的空白表格：未作任何判定，各项均为“缺数据”。",
                         "en": "{file} is a blank form: nothing is decided, every item is missing."},
    "blank_form_intro": {"zh": "请填写以下各项（不知道的可以空着，需要它的指标会报“缺数据”）：",
                         "en": "Fill in these keys (leave unknown ones empty: the items needing them stay missing):"},
    "blank_form_required": {"zh": "（必填）", "en": " (required)"},
    "blank_form_government": {"zh": "{label}的各项（government 下，共 {count} 项，见表中注释）",
                              "en": "the {count} keys under government ({label}), see the comments in the form"},
}

TABLES = (DOCUMENT_STEPS, LEASTCOST, SLOGANS, AUDIT, PROFILES, BLANK_FORM)
