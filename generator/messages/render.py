"""The messages of generator/render/ (ids → zh / en), one table per module that shows them.

generator.i18n merges every table here when it is first imported, so a message exists whatever
modules were loaded before; callers look words up only through i18n.message(id, lang, **params)."""
from generator.messages.blanks import BLANK_DATE_ASCII

# generator/render/documents.py
DOCUMENTS = {
    "template_missing": {"zh": "找不到模板“{name}”（内置模板：{known}）",
                         "en": "template '{name}' not found (shipped templates: {known})"},
    "template_unreadable": {"zh": "模板不是可用的 .docx 文件：{detail}",
                            "en": "the template is not a usable .docx file: {detail}"},
    "template_syntax": {"zh": "模板标签写法有误：{detail}（附近文字：{near}）",
                        "en": "template tag error: {detail} (near: {near})"},
    "template_unknown_field": {"zh": "模板使用了不存在的字段“{name}”",
                               "en": "the template uses a field that does not exist: '{name}'"},
    "template_fields_hint": {"zh": "（可用字段见 --list-fields）", "en": " (see --list-fields for the fields)"},
    "template_render": {"zh": "模板填写失败：{detail}", "en": "the template could not be filled: {detail}"},
    "template_limit": {"zh": "模板超出限制：{detail}（附近文字：{near}）",
                       "en": "the template went past a limit: {detail} (near: {near})"},
    "template_failed": {"zh": "模板填写失败：{detail}（附近文字：{near}）",
                        "en": "the template could not be filled: {detail} (near: {near})"},
    "template_unsafe": {"zh": "模板试图执行不允许的操作：{detail}",
                        "en": "the template tried an operation that is not allowed: {detail}"},
    "soffice_missing": {"zh": "找不到 LibreOffice（soffice），无法生成 PDF：本次未写入任何文件（Word 文件和 PDF 都没有写）。"
                              "请安装 LibreOffice（Windows、macOS：https://zh-cn.libreoffice.org/ ；"
                              "Debian/Ubuntu：apt-get install libreoffice-writer-nogui），"
                              "装在别处时用 --soffice 指明 soffice 的位置（或设环境变量 JUNHENG_SOFFICE），"
                              "如 --soffice \"D:\\LibreOffice\\program\\soffice.exe\"；"
                              "或去掉 --pdf，只生成 Word 文件。",
                        "en": "LibreOffice (soffice) was not found, so no PDF can be made: nothing was written "
                              "(neither the Word file nor the PDF). Install LibreOffice (Windows, macOS: "
                              "https://www.libreoffice.org/ ; Debian/Ubuntu: apt-get install libreoffice-writer-nogui); "
                              "if it is installed somewhere else, name soffice with --soffice (or the environment "
                              "variable JUNHENG_SOFFICE), e.g. --soffice \"D:\\LibreOffice\\program\\soffice.exe\"; "
                              "or drop --pdf to write the Word file only."},
    "soffice_not_found": {"zh": "指定的 LibreOffice 程序不存在：{path}；本次未写入任何文件。请改正 --soffice 或环境变量 "
                                "JUNHENG_SOFFICE（应指向 soffice，Windows 上为 soffice.exe），或去掉 --pdf。",
                          "en": "the LibreOffice program named does not exist: {path}; nothing was written. Correct "
                                "--soffice or JUNHENG_SOFFICE (it names soffice, soffice.exe on Windows), or drop --pdf."},
    "pdf_progress": {"zh": "转换 PDF {done}/{total}：{name}", "en": "PDF {done}/{total}: {name}"},
    "pdf_failed": {"zh": "LibreOffice 转换 PDF 失败：{detail}", "en": "LibreOffice could not convert to PDF: {detail}"},
    "pdf_font_substituted": {"zh": "注意：本机未安装 {face}，PDF 中的“{font}”改用 {used} 代替"
                                   "（Debian/Ubuntu：apt-get install {package}）",
                             "en": "note: {face} is not installed, so '{font}' is printed in {used} in the PDF "
                                   "(Debian/Ubuntu: apt-get install {package})"},
    "template_tag_error": {"zh": "模板第 {para} 段（“{near}”）的标签 {tag} 有误：{detail}",
                           "en": "template paragraph {para} ('{near}'), tag {tag}: {detail}"},
    "template_fullwidth_braces": {"zh": "模板第 {para} 段有全角括号写的标签“{near}”：请改用半角 {{{{ }}}} 或 {{% %}}",
                                  "en": "template paragraph {para} has a tag typed with full-width braces '{near}': "
                                        "use half-width {{{{ }}}} or {{% %}}"},
}

# generator/render/publicity.py
PUBLICITY = {
    "publicity_no_date": {
        "zh": "{file}：事实文件没有 date（日期），落款日期留空“" + BLANK_DATE_ASCII + "”，请打印后手写或在文件中补上",
        "en": "{file}: the fact file gives no date, so the signature date is left blank for the clerk to fill in"},
    "publicity_written": {"zh": "已写入 {path}", "en": "wrote {path}"},
}

# generator/render/report_common.py
REPORT_COMMON = {
    "costs_unknown_key": {"zh": "未知的单价项“{name}”", "en": "unknown unit-cost key '{name}'"},
    "costs_known_keys": {"zh": "（可用的单价项：{keys}；见 rules/costs.yaml 及 README“Documents”一节）",
                         "en": " (unit-cost keys: {keys}; see rules/costs.yaml and the README section "
                               "\"Documents\")"},
    "costs_bad_value": {"zh": "单价应为非负数字，实际是“{got}”", "en": "a unit cost must be a non-negative number, got '{got}'"},
    "bad_date": {"zh": "日期应写成 2024-09-01 或 2024年9月1日，实际是“{got}”",
                 "en": "a date must look like 2024-09-01, got '{got}'"},
    "measures_bad": {"zh": "整改措施库格式错误：{detail}", "en": "measures library error: {detail}"},
}

# generator/render/slogan_corpus.py
SLOGAN_CORPUS = {
    "slogan_unknown_theme": {
        "zh": "未知的主题“{name}”，可用的主题：{known}",
        "en": "unknown theme '{name}'; known themes: {known}"},
    "slogan_theme_suggest": {"zh": "，是否想写“{suggestion}”？", "en": "; did you mean '{suggestion}'?"},
}

# generator/render/slogan_placement.py
SLOGAN_PLACEMENT = {
    "slogan_school_short": {
        "zh": "“{school}”有 {sites} 处悬挂地点，但只选出 {slogans} 条标语，同一学校不能重复悬挂同一条标语。"
              "请增加 --count，或放宽 --theme / --max-chars",
        "en": "'{school}' has {sites} banner sites but only {slogans} slogans were chosen, and one school "
              "never hangs the same slogan twice; raise --count or relax --theme / --max-chars"},
    "slogan_centre_short": {
        "zh": "各校共有 {sites} 处悬挂地点，但只选出 {slogans} 条标语，不能每处各挂一条不同的标语。"
              "请增加 --count、放宽 --theme / --max-chars，或加 --allow-repeat 允许不同学校使用同一条标语"
              "（同一学校内仍不重复，各条使用次数相差不超过 1）",
        "en": "the schools have {sites} banner sites in all but only {slogans} slogans were chosen, so not "
              "every site can get a different slogan; raise --count, relax --theme / --max-chars, or pass "
              "--allow-repeat to let different schools share a slogan (never twice in one school, each "
              "slogan used within one of the others)"},
    "slogan_duplicate_site": {
        "zh": "“{school}”的悬挂地点“{site}”重复出现", "en": "'{school}' lists the banner site '{site}' twice"},
    "slogan_duplicate_school": {"zh": "学校名称重复：“{name}”", "en": "school name appears twice: '{name}'"},
    "slogan_not_centre": {
        "zh": "应为中心学校文件（kind: centre），实际 kind 是“{got}”",
        "en": "expected a centre file (kind: centre), but kind is '{got}'"},
}

TABLES = (DOCUMENTS, PUBLICITY, REPORT_COMMON, SLOGAN_CORPUS, SLOGAN_PLACEMENT,)
