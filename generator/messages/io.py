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
    "output_is_input": {"zh": "输出文件 {path} 就是本次读入的文件 {input}，不能写在它上面（--force 也不行），未写入任何文件",
                        "en": "the output {path} is {input}, a file this run read; it is never written over "
                              "(not even with --force); nothing written"},
    "output_same_path": {"zh": "{first} 与 {second} 是同一个文件：{path}",
                         "en": "{first} and {second} are the same file: {path}"},
    "cell_too_long": {"zh": "工作表“{sheet}”{cell} 的文字有 {length} 个字符，超过 Excel 单元格上限 {limit}，"
                            "未写入（不截断）",
                      "en": "sheet '{sheet}' cell {cell}: the text has {length} characters, more than "
                            "Excel's cell limit of {limit}; nothing written (never cut)"},
}

# generator/limits.py
LIMITS = {
    "not_regular_file": {"zh": "不是普通文件（可能是设备、管道或文件夹），无法读取",
                         "en": "not a regular file (a device, pipe or folder), cannot read it"},
    "too_large": {"zh": "文件过大：{size}，上限 {limit}（{what}）",
                  "en": "file too large: {size}, the limit is {limit} ({what})"},
    "yaml_too_many_keys": {"zh": "从这一行起的一组数据有超过 {limit} 个键，远多于任何学校或县的数据："
                                 "文件可能由程序生成或已损坏",
                           "en": "the mapping starting on this line has more than {limit} keys, far more than "
                                 "any school or county has: the file may have been made by a program or be damaged"},
    "yaml_too_many": {"zh": "文件中的别名（& / *）展开后多出的值超过 {limit} 个",
                      "en": "the file's aliases (& / *) add more than {limit} values when expanded"},
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
    # a cell or merged range the worksheet format does not allow: named, never "list index out of range"
    "xlsx_bad_ref": {"zh": "工作表“{sheet}”第 {row} 行有一个单元格的位置“{ref}”无效（应如 B5），"
                           "文件可能由程序生成或已损坏：请在 Excel 或 WPS 中打开、另存为 .xlsx 后再试",
                     "en": "sheet '{sheet}' row {row}: a cell's reference '{ref}' is not valid (such as B5); the "
                           "file may have been made by a program or be damaged: open it in Excel or WPS and "
                           "save it as .xlsx again"},
    "xlsx_bad_type": {"zh": "工作表“{sheet}”{cell} 的单元格类型“{value}”无效，文件可能由程序生成或已损坏："
                            "请在 Excel 或 WPS 中打开、另存为 .xlsx 后再试",
                      "en": "sheet '{sheet}' cell {cell}: the cell type '{value}' is not valid; the file may have "
                            "been made by a program or be damaged: open it in Excel or WPS and save it again"},
    "xlsx_bad_number": {"zh": "工作表“{sheet}”{cell} 是数字单元格，但存的是“{value}”，不是数字："
                              "文件可能由程序生成或已损坏，请改填数值",
                        "en": "sheet '{sheet}' cell {cell} is a number cell holding '{value}', not a number: the "
                              "file may have been made by a program or be damaged; type the value"},
    "xlsx_formula_error": {"zh": "工作表“{sheet}”{cell} 的公式算出错误值 {value}：请改正公式或直接填写数值",
                           "en": "sheet '{sheet}' cell {cell}: the formula gives the error {value}; correct it or "
                                 "type the value"},
    "xlsx_bad_shared": {"zh": "工作表“{sheet}”{cell} 引用共享文字编号 {index}，但工作簿的共享文字只有 {count} 条，"
                              "文件可能由程序生成或已损坏：请在 Excel 或 WPS 中打开、另存为 .xlsx 后再试",
                        "en": "sheet '{sheet}' cell {cell} refers to shared string {index}, but the workbook has "
                              "{count}; the file may have been made by a program or be damaged: open it in Excel "
                              "or WPS and save it again"},
    "xlsx_bad_bool": {"zh": "工作表“{sheet}”{cell} 是“是/否”单元格，但存的是“{value}”（只能是 0 或 1），"
                            "文件可能由程序生成或已损坏：请改填“是”或“否”",
                      "en": "sheet '{sheet}' cell {cell} is a true/false cell holding '{value}' (only 0 or 1); the "
                            "file may have been made by a program or be damaged: type 是 or 否"},
    "xlsx_bad_date": {"zh": "工作表“{sheet}”{cell} 是日期单元格，但存的是“{value}”，不是日期："
                            "请改填日期（如 2024-09-01）",
                      "en": "sheet '{sheet}' cell {cell} is a date cell holding '{value}', not a date: type a "
                            "date such as 2024-09-01"},
    "xlsx_bad_merge": {"zh": "工作表“{sheet}”的合并单元格范围“{ref}”无效，文件可能由程序生成或已损坏："
                             "请在 Excel 或 WPS 中取消合并、另存为 .xlsx 后再试",
                       "en": "sheet '{sheet}': the merged range '{ref}' is not valid; the file may have been made "
                             "by a program or be damaged: unmerge it in Excel or WPS and save it again"},
    "xlsx_merge_hides": {"zh": "合并单元格 {ref} 盖住了 {cell} 等单元格的内容（合并后只显示左上角"
                               "一格，盖住的内容不会读入）：请取消合并，或把内容移出合并区域后再试",
                         "en": "the merged range {ref} covers cells with content, such as {cell} "
                               "(a merged range shows only its top-left cell, the rest would not be read): unmerge "
                               "it, or move the content out of it"},
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
    "file_is_workbook": {"zh": "这是 Excel 工作簿，不是 YAML 文本：请把文件名改为以 .xlsx 结尾后再用",
                         "en": "this is an Excel workbook, not YAML text: rename it to end in .xlsx and use it again"},
    "file_is_word": {"zh": "这是 Word 文档，不是事实文件：请把数据填入 YAML 文件或工作簿（junheng new）；"
                             "要核对一份自查报告，请用 junheng audit",
                     "en": "this is a Word document, not a fact file: put the figures in a YAML file or a workbook "
                           "(junheng new); to check a self-assessment report use junheng audit"},
    "file_is_encrypted": {"zh": "这是加了打开密码（加密）的 Office 文件，无法读取：请在 Excel 中去掉密码"
                                  "（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再用",
                          "en": "this Office file is password-protected (encrypted) and cannot be read: remove the "
                                "password in Excel (File → Info → Protect Workbook → Encrypt with Password, clear it), "
                                "save, and use it again"},
    "file_is_old_word": {"zh": "这是旧版 Word 文档（.doc），不是事实文件：请把数据填入 YAML 文件或工作簿（junheng new）",
                         "en": "this is an old Word document (.doc), not a fact file: put the figures in a YAML file "
                               "or a workbook (junheng new)"},
    "file_is_old_workbook": {"zh": "这是旧版 Excel 工作簿（.xls）：请在 Excel 中另存为 .xlsx 后再用",
                             "en": "this is an old Excel workbook (.xls): save it as .xlsx in Excel and use it again"},
    "file_is_old_office": {"zh": "这是旧版 Office 文件（.doc / .xls），无法读取：请另存为 .xlsx 后再用",
                           "en": "this is an old Office file (.doc / .xls) and cannot be read: save it as .xlsx"},
    "file_is_pdf": {"zh": "这是 PDF 文件，不是事实文件：请把数据填入 YAML 文件或工作簿（junheng new）",
                    "en": "this is a PDF, not a fact file: put the figures in a YAML file or a workbook (junheng new)"},
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
    "workbook_stray_key": {"zh": "隐藏的键行里“{text}”不是 junheng 的键，这一列未读入（请改回原来的键或删去它）",
                           "en": "'{text}' in the hidden key row is not a junheng key, so its column is not "
                                 "read (put back the key it replaced, or delete it)"},
    "workbook_merged_key_row": {"zh": "合并单元格 {ref} 盖住了隐藏的键行（第 {row} 行），这几列无法对应：请取消合并，"
                                      "并把键行恢复原样（可用 junheng new 重新生成空白表对照）",
                                "en": "the merged range {ref} covers the hidden key row (row {row}), so its columns "
                                      "cannot be matched: unmerge it and put the key row back as it was (junheng new "
                                      "makes a blank form to compare with)"},
    "workbook_duplicate_key": {"zh": "隐藏的键行里“{text}”出现了两次（先在 {first}），这一列未读入：请改回原来的键或删去它",
                               "en": "'{text}' appears twice in the hidden key row (first at {first}), so this column "
                                     "is not read: put back the key it replaced, or delete it"},
    "workbook_stray_key_hint": {"zh": "；原来可能是“{key}”", "en": "; it may have been '{key}'"},
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

# generator/extract/report_text.py
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
