"""The messages of generator/io/ (ids → zh / en), one table per module that shows them.

generator.i18n merges every table here when it is first imported, so a message exists whatever
modules were loaded before; callers look words up only through i18n.message(id, lang, **params)."""

# generator/io/writing.py
WRITING = {
    "output_is_dir": {"zh": "输出位置是已有的文件夹：{path}（请给出文件名）",
                      "en": "the output is an existing folder: {path} (give a file name)"},
    "output_parent_file": {"zh": "无法写入 {path}：{parent} 是文件，不是文件夹",
                           "en": "cannot write {path}: {parent} is a file, not a folder"},
    "output_not_writable": {"zh": "无法写入 {path}：文件夹 {parent} 不可写",
                            "en": "cannot write {path}: the folder {parent} is not writable"},
    "output_failed": {"zh": "无法写入 {path}：{detail}", "en": "cannot write {path}: {detail}"},
    "output_same_path": {"zh": "{first} 与 {second} 是同一个文件：{path}",
                         "en": "{first} and {second} are the same file: {path}"},
    "cell_too_long": {"zh": "工作表“{sheet}”{cell} 的文字有 {length} 个字符，超过 Excel 单元格上限 {limit}，"
                            "未写入（不截断）",
                      "en": "sheet '{sheet}' cell {cell}: the text has {length} characters, more than "
                            "Excel's cell limit of {limit}; nothing written (never cut)"},
}

# generator/io/limits.py
LIMITS = {
    "not_regular_file": {"zh": "不是普通文件（可能是设备、管道或文件夹），无法读取",
                         "en": "not a regular file (a device, pipe or folder), cannot read it"},
    "too_large": {"zh": "文件过大：{size}，上限 {limit}（{what}）",
                  "en": "file too large: {size}, the limit is {limit} ({what})"},
    "yaml_too_many": {"zh": "文件展开后的值超过 {limit} 个（别名 & / * 展开过多）",
                      "en": "the file expands to more than {limit} values (too many & / * aliases)"},
    "xlsx_too_big": {"zh": "文件解压后超过 {limit}（声明 {size}）",
                     "en": "the file inflates to more than {limit} (declared {size})"},
    "xlsx_too_many_rows": {"zh": "工作表“{sheet}”在第 {row} 行还有内容，超过上限 {limit} 行",
                           "en": "sheet '{sheet}' has content on row {row}, beyond the limit of {limit} rows"},
    "xlsx_too_many_columns": {"zh": "工作表“{sheet}”在第 {column} 列还有内容，超过上限 {limit} 列",
                              "en": "sheet '{sheet}' has content in column {column}, beyond the limit of {limit} columns"},
    "xlsx_too_many_cells": {"zh": "工作簿的单元格超过上限 {limit} 个",
                            "en": "the workbook has more than {limit} cells"},
    "xlsx_merge_too_big": {"zh": "工作表“{sheet}”的合并单元格 {ref} 超出上限（{rows} 行 × {columns} 列）",
                           "en": "sheet '{sheet}': merged range {ref} exceeds the limit ({rows} rows × {columns} columns)"},
    "xlsx_formula_no_value": {"zh": "工作表“{sheet}”{cell} 是公式但没有计算结果（文件可能由程序生成）："
                                     "请在 Excel 或 WPS 中打开、保存后再试，或直接填写数值",
                              "en": "sheet '{sheet}' cell {cell} holds a formula without a computed value "
                                    "(the file may have been made by a program): open and save it in Excel or "
                                    "WPS, or type the value"},
    "xlsx_part_too_big": {"zh": "工作簿的 {part} 解压后 {size}，超过上限 {limit}",
                          "en": "the workbook's {part} inflates to {size}, beyond the limit of {limit}"},
    "xlsx_too_many_strings": {"zh": "工作簿的共享文字（sharedStrings）超过上限 {limit} 条",
                              "en": "the workbook has more than {limit} shared strings"},
    "xlsx_too_much_text": {"zh": "工作簿的共享文字（sharedStrings）合计超过上限 {limit} 个字符",
                           "en": "the workbook's shared strings hold more than {limit} characters in all"},
    "xlsx_text_too_long": {"zh": "工作表“{sheet}”{cell} 的文字超过 {limit} 个字符（Excel 单元格上限），"
                                 "文件可能由程序生成或已损坏",
                           "en": "sheet '{sheet}' cell {cell}: a text longer than {limit} characters (Excel's "
                                 "cell limit); the file may have been made by a program or be damaged"},
    "xlsx_token_too_big": {"zh": "工作簿的 {part} 中有一个标记超过 {limit}，文件可能由程序生成或已损坏",
                           "en": "the workbook's {part} holds one tag larger than {limit}; the file may have "
                                 "been made by a program or be damaged"},
    "docx_part_too_big": {"zh": "Word 文件的 {part} 解压后 {size}，超过上限 {limit}",
                          "en": "the Word file's {part} inflates to {size}, beyond the limit of {limit}"},
    "number_too_long": {"zh": "数字“{got}”超过 {limit} 位有效数字",
                        "en": "the number '{got}' has more than {limit} significant digits"},
    "number_too_big": {"zh": "数字“{got}”过大（上限 10^{limit}）",
                       "en": "the number '{got}' is too large (the limit is 10^{limit})"},
    "text_too_long": {"zh": "文字有 {length} 个字符，超过上限 {limit}（Excel 单元格上限）",
                      "en": "the text has {length} characters, more than the limit of {limit} (Excel's cell limit)"},
    "text_bad_char": {"zh": "文字含不可见的控制字符（U+{code:04X}），请删去",
                      "en": "the text contains an invisible control character (U+{code:04X}); remove it"},
}

# generator/io/workbook/layout.py
LAYOUT = {
    "workbook_unreadable": {"zh": "不是可读取的 Excel 工作簿（.xlsx）：{detail}",
                            "en": "not a readable Excel workbook (.xlsx): {detail}"},
    "workbook_old_format": {"zh": "请先另存为 .xlsx 格式（Excel 2007 及以后；WPS：文件 → 另存为 → .xlsx）",
                            "en": "save it as .xlsx first (Excel 2007 or later; WPS: File → Save as → .xlsx)"},
    "workbook_no_table": {"zh": "工作簿中找不到“{sheet}”表，也没有带“学校名称”列的表",
                          "en": "the workbook has no sheet '{sheet}' and no sheet with a 学校名称 column"},
    "workbook_no_rows": {"zh": "“{sheet}”表中没有填写任何学校", "en": "sheet '{sheet}' lists no school"},
    "workbook_one_school": {"zh": "学校工作簿只填一所学校，“{sheet}”表中有 {count} 行（多所学校请用 junheng new county --xlsx）",
                            "en": "a school workbook holds one school; sheet '{sheet}' has {count} rows "
                                  "(use `junheng new county --xlsx` for several)"},
    "workbook_owner": {"zh": "所属“{owner}”不是“{sheet}”表中的学校，县级数据请填“{county}”",
                       "en": "所属 '{owner}' is not a school of sheet '{sheet}'; write '{county}' for the county"},
    "workbook_orphan_part": {"zh": "分项前面没有写“对象”的行", "en": "a part comes before any row naming its 对象"},
    "workbook_bad_text": {"zh": "含有 Excel 不能保存的控制字符：“{got}”",
                          "en": "contains control characters Excel cannot store: '{got}'"},
    "export_suffix": {"zh": "输出文件应以 .xlsx 或 .yaml 结尾：{path}",
                      "en": "the output must end in .xlsx or .yaml: {path}"},
}

# generator/io/measures_file.py
MEASURES_FILE = {
    "measures_unknown_key": {"zh": "未知的键“{name}”（可用：{known}）", "en": "unknown key '{name}' (known: {known})"},
    "measures_placeholder": {"zh": "措施中的占位符“{{{name}}}”未知，可用：{{quantity}} {{standard}} {{name}}{hint}",
                             "en": "unknown placeholder '{{{name}}}' in a clause; known: {{quantity}} {{standard}} "
                                   "{{name}}{hint}"},
    "measures_no_clauses": {"zh": "measures 应为至少一条措施的列表", "en": "measures must be a list of at least one clause"},
    "measures_phase": {"zh": "phase 应为 phases 中的编号（{known}），实际是“{got}”",
                       "en": "phase must be one of the numbers in phases ({known}), got '{got}'"},
    "measures_cost": {"zh": "cost 应为 rules/costs.yaml 中的单价项（{known}），实际是“{got}”",
                      "en": "cost must be a unit-cost key of rules/costs.yaml ({known}), got '{got}'"},
}

# generator/io/report_text.py
REPORT_TEXT = {
    "report_not_text": {"zh": "无法识别文件编码（已尝试 UTF-8、GB18030）",
                        "en": "cannot decode the file (tried UTF-8 and GB18030)"},
    "report_bad_docx": {"zh": "不是有效的 Word（.docx）文件：{detail}",
                        "en": "not a valid Word (.docx) file: {detail}"},
    "report_suffix": {"zh": "报告应为 .docx 或 .txt 文件，实际是“{suffix}”",
                      "en": "a report must be a .docx or .txt file, got '{suffix}'"},
    "report_empty": {"zh": "报告中没有文字", "en": "the report contains no text"},
}

TABLES = (WRITING, LIMITS, LAYOUT, MEASURES_FILE, REPORT_TEXT,)
