"""Workbooks (.xlsx) as fact files: the fill-in workbook, export to and from YAML, the verdict workbook.

A workbook is another spelling of a fact file. The reader turns it into exactly the raw structure
the YAML loader produces (LineDict / LineList, each value with its position), so generator.model.facts
runs the one validation on both; positions are errors.Where cells ("学校基本情况!F7").

Layout, derived from generator.model.schema by field type so that new fields appear by themselves:

* 学校基本情况 — one row per school. Row 1 the Chinese label with its unit, row 2 the sub-headers of
  grouped fields (per-学段 counts 小学/初中/高中, laboratories by type), row 3 (hidden) the English
  key of each column so reading back is exact, row 4 an example row marked 示例 (never read), data
  from row 5. Lists of numbers (各班人数) go in one cell: "49、50、48".
* 县及政府工作 (county) / 中心学校 (centre) — one row per fact: 项目 | 值 | 单位 | 说明 | key (hidden).
* Mappings with free keys (学科教师 {音乐: {应配, 实配}}, 责任人, 经费增长 series) — a sheet per field:
  所属 | 名称 | value(s), one row per entry; 所属 is the school's name, or （县级） for the county.
* 报告声明 / 分项合计 — one row per claim; one row per part of a breakdown (a row with 对象 starts
  a breakdown, rows below it with 对象 blank add parts to it).
* 填写说明 — how to fill it in, and every field with its key, unit and meaning.

A mapping or list that is given but empty is written 无 (or, on a mapping sheet, as a row with only
所属 filled), so that "no laboratories" and "not stated" stay different after a round trip.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from generator import i18n
from generator.model import schema
from generator.errors import InputError, InputErrors, Where
from generator.model.facts import LineDict, LineList

MESSAGES = {
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
i18n.MESSAGES.update(MESSAGES)

SCHOOLS_SHEET = "学校基本情况"
COUNTY_SHEET = "县及政府工作"
CENTRE_SHEET = "中心学校"
CENTRE_SCHOOLS_SHEET = "所辖学校"
HELP_SHEET = "填写说明"
COUNTY_OWNER = "（县级）"
EXAMPLE_MARK = "示例"
EMPTY_MARK = "无"
MARK_KEY = "#"              # the key of column A (序号 / 示例)
OWNER_KEY = "owner"
PART_KEY = "parts"          # breakdown sheet: the part's name; "parts.value" its number
# How the reader holds the columns of detail sheets in a row (never a fact key).
ENTRY_NAME, ENTRY_VALUE, PART_NAME, PART_VALUE = "_name", "_value", "_part", "_part_value"
DATA_ROWS = 500             # rows given data validation below the header in a county workbook
# Workbook metadata dates are fixed: the same facts give the same bytes (no clock).
IGNORED_HEADERS = ("序号", "备注", "说明", "填表说明")   # a clerk's own remark columns are not facts
TOTAL_ROWS = ("合计", "总计", "小计", "全县合计")

GROUPED = {   # field type → its sub-columns (key, header)
    "stage_count": tuple(schema.PART_LABELS.items()),
    "labs": tuple(schema.LAB_LABELS.items()),
}
MAP_VALUES = {   # mapping types with free keys → the value column(s) of their sheet
    "subjects": (("required", "应配", "count"), ("actual", "实配", "count")),
    "text_map": (("value", "内容", "str"), ),
    "series": (("value", "各年数值", "series_item"), ),
    "number_map": (("value", "数值", "number"), ),
}
ENTRY_TYPES = {"claims": schema.CLAIM_FIELDS, "breakdowns": schema.BREAKDOWN_FIELDS}
SUB_ALIASES = {"stage_count": {"小学部": "primary", "初中部": "junior", "高中部": "senior"}}
ENUM_LABELS = {"stage": schema.STAGE_LABELS, "location": schema.LOCATIONS, "ownership": schema.OWNERSHIPS,
               "affiliation": schema.AFFILIATIONS, "category": schema.CATEGORIES}
UNIT_SUFFIX = re.compile(r"\s*[（(][^（）()]*[）)]\s*$")
LIST_SPLIT = re.compile(r"[、，,；;\s]+")
_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


# ---------------------------------------------------------------- layout
@dataclass(frozen=True)
class Col:
    key: str                 # what the hidden key row / column holds: "students.primary"
    path: tuple              # ("students", "primary")
    fld: schema.Field | None
    head: str                # header row 1: label with unit
    sub: str = ""            # header row 2 (grouped fields)
    cell: str = ""           # how the cell is encoded: a field type, or "series_item"


def _header(fld: schema.Field) -> str:
    return f"{fld.label}（{fld.unit}）" if fld.unit else fld.label


def _pseudo(key, label, type_="str", unit="", help_="", required=False) -> schema.Field:
    return schema.Field(key, label, type_, unit, (), required=required, help=help_)


OWNER_FIELD = _pseudo(OWNER_KEY, "所属", help_=f"学校名称；县级数据填“{COUNTY_OWNER}”", required=True)
MARK_FIELD = _pseudo(MARK_KEY, "序号", help_=f"填“{EXAMPLE_MARK}”的行不读取")


def _placement(fld: schema.Field) -> str:
    """Where a field goes: a cell of its row, a sheet of its own, or inline (government)."""
    if fld.type in MAP_VALUES:
        return "map"
    if fld.type in ENTRY_TYPES:
        return "entries"
    if fld.type in ("schools", "centre_schools", "government"):
        return fld.type
    if fld.key == "kind":
        return "kind"
    return "cell"


def _row_columns(fields) -> list[Col]:
    cols = [Col(MARK_KEY, (MARK_KEY,), MARK_FIELD, "序号", cell="mark")]
    for fld in fields:
        if _placement(fld) != "cell":
            continue
        if fld.type in GROUPED:
            for sub_key, sub_label in GROUPED[fld.type]:
                cols.append(Col(f"{fld.key}.{sub_key}", (fld.key, sub_key), fld, _header(fld), sub_label,
                                cell="count"))
        else:
            cols.append(Col(fld.key, (fld.key,), fld, _header(fld), cell=fld.type))
    return cols


def _map_columns(fld: schema.Field) -> list[Col]:
    name_label = "学科" if fld.type == "subjects" else "名称"
    cols = [Col(MARK_KEY, (MARK_KEY,), MARK_FIELD, "序号", cell="mark"),
            Col(OWNER_KEY, (OWNER_KEY,), OWNER_FIELD, "所属", cell="str"),
            Col(fld.key, (ENTRY_NAME,), fld, name_label, cell="str")]
    for sub_key, sub_label, cell in MAP_VALUES[fld.type]:
        head = f"{sub_label}（{fld.unit}）" if fld.unit else sub_label
        cols.append(Col(f"{fld.key}.{sub_key}", (ENTRY_VALUE, sub_key), fld, head, cell=cell))
    return cols


def _entry_columns(kind: str) -> list[Col]:
    cols = [Col(MARK_KEY, (MARK_KEY,), MARK_FIELD, "序号", cell="mark"),
            Col(OWNER_KEY, (OWNER_KEY,), OWNER_FIELD, "所属", cell="str")]
    for fld in ENTRY_TYPES[kind]:
        if fld.type == "number_map":     # breakdown parts: one row each
            cols.append(Col(PART_KEY, (PART_NAME,), fld, "分项名称", cell="str"))
            cols.append(Col(f"{PART_KEY}.value", (PART_VALUE,), fld, "分项数值", cell="number"))
        else:
            cols.append(Col(fld.key, (fld.key,), fld, _header(fld), cell=fld.type))
    return cols


def _vertical_rows(fields, prefix=()) -> list[Col]:
    """One row per fact on the county / centre sheet; the government's facts inline."""
    rows = []
    for fld in fields:
        place = _placement(fld)
        if place == "government":
            rows.append(Col("", (), None, _header(fld), cell="section"))
            rows.extend(_vertical_rows(schema.GOVERNMENT_FIELDS, prefix + (fld.key,)))
        elif place == "cell":
            if fld.type in GROUPED:
                for sub_key, sub_label in GROUPED[fld.type]:
                    path = prefix + (fld.key, sub_key)
                    rows.append(Col(".".join(path), path, fld, f"{fld.label}：{sub_label}", cell="count"))
            else:
                path = prefix + (fld.key,)
                rows.append(Col(".".join(path), path, fld, fld.label, cell=fld.type))
        elif place in ("map", "entries"):
            rows.append(Col("", (), fld, fld.label, cell="pointer"))
    return rows


def _sheet_title(fld: schema.Field) -> str:
    return re.sub(r"[\\/?*\[\]:]", "", fld.label)[:31]


def _sheet_field(fld: schema.Field) -> schema.Field:
    """The field whose label names the sheet a shared key (subject_teachers) is written on."""
    for fields in (schema.SCHOOL_FIELDS, schema.COUNTY_FIELDS, schema.GOVERNMENT_FIELDS):
        for candidate in fields:
            if candidate.key == fld.key:
                return candidate
    return fld


def _map_fields(kind: str) -> list[schema.Field]:
    """The free-key mapping fields of a kind's workbook, one sheet each (key shared → one sheet)."""
    return _collect(kind, "map")


def _entry_fields(kind: str) -> list[schema.Field]:
    return _collect(kind, "entries")


def _collect(kind, place) -> list[schema.Field]:
    groups = {"school": [schema.SCHOOL_FIELDS], "centre": [],
              "county": [schema.SCHOOL_FIELDS, schema.COUNTY_FIELDS, schema.GOVERNMENT_FIELDS]}[kind]
    seen, result = set(), []
    for fields in groups:
        for fld in fields:
            if _placement(fld) == place and fld.key not in seen:
                seen.add(fld.key)
                result.append(fld)
    return result


# ---------------------------------------------------------------- cell values
def _natural_text(value) -> str | None:
    """The text a numeric or boolean cell reads back as (what YAML would have written)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return None


def _percent_text(value) -> str:
    number = (Decimal(repr(value)) * 100).normalize() if isinstance(value, float) else Decimal(value) * 100
    text = format(number, "f")
    return text + "%"


def _yaml_scalar(value, written=None) -> str:
    """One value as YAML text (a claim's 声明值 keeps the digits as written: "9.60")."""
    data = _Verbatim(value, written) if written is not None else value
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, default_flow_style=True, width=10**6)
    text = text.strip()
    if text.endswith("..."):
        text = text[:-3].strip()
    return text


def _encode(cell: str, fld, value, written=None):
    """A validated value → (cell value, number format or None)."""
    if value is None:
        return None, None
    if cell in ("str", "date"):
        return str(value), "@"
    if cell == "enum":
        return ENUM_LABELS.get(fld.key, {}).get(value, value), None
    if cell == "bool":
        return ("是" if value else "否"), None
    if cell == "rate":
        return value, "0.0#%"
    if cell in ("int", "number", "count"):
        if written is not None and written != _natural_text(value):
            return written, "@"      # "96.50": the digits as written
        return value, None
    if cell == "count_list":
        return ("、".join(str(v) for v in value) if value else EMPTY_MARK), "@"
    if cell == "str_list":
        if not value:
            return EMPTY_MARK, "@"
        text = "\n".join(value)
        if "\n" not in text and (LIST_SPLIT.search(text) or text == EMPTY_MARK):
            text += "\n"   # one item that itself holds a separator: the newline says "split on lines"
        return text, "@"
    if cell == "series_item":
        return ("、".join(_percent_text(v) for v in value) if value else EMPTY_MARK), "@"
    if cell == "any":
        natural = _natural_text(value)
        if natural is not None and (written is None or written == natural):
            return value, None
        return _yaml_scalar(value, written), "@"
    return _yaml_scalar(value), "@"       # a type this module does not know yet: YAML flow text


def _decode(cell: str, raw):
    """A cell as read → the raw value the YAML loader would have produced, and its raw text."""
    if isinstance(raw, str):
        text = raw.strip()
        if cell in ("count_list", "series_item"):
            if text == EMPTY_MARK:
                return LineList(), text
            return LineList(p for p in LIST_SPLIT.split(text) if p), text
        if cell == "str_list":
            if text == EMPTY_MARK:
                return LineList(), text
            parts = raw.split("\n") if "\n" in raw else re.split(r"[、；;]", raw)
            return LineList(p.strip() for p in parts if p.strip()), text
        if cell == "any" or cell not in _PLAIN_CELLS:
            return _yaml_value(text)
        return text, text
    if isinstance(raw, _dt.datetime):
        if raw.time() == _dt.time(0):
            raw = raw.date()
        return raw, raw.isoformat()
    if isinstance(raw, (_dt.date, _dt.time)):
        return raw, raw.isoformat()
    if cell in ("count_list", "series_item", "str_list"):
        return LineList([raw]), _natural_text(raw)
    return raw, _natural_text(raw)


_PLAIN_CELLS = {"str", "date", "enum", "bool", "rate", "int", "number", "count", "mark", "stage_count", "labs"}


def _yaml_value(text: str):
    try:
        from generator.io.yaml12 import Yaml12Loader, load_text
        node = yaml.compose(text, Loader=Yaml12Loader)
        if node is None:
            return None, text
        value = load_text(text)
    except (yaml.YAMLError, ValueError, RecursionError):
        return text, text
    return value, (node.value if isinstance(node, yaml.ScalarNode) else text)


# ---------------------------------------------------------------- YAML out
class _Verbatim:
    """A scalar to be written with the digits it was given in ("9.60", not 9.6)."""

    def __init__(self, value, text):
        self.value, self.text = value, text


class _Dumper(yaml.SafeDumper):
    pass


def _represent_verbatim(dumper, data: _Verbatim):
    try:
        resolved = yaml.safe_load(data.text)
    except yaml.YAMLError:
        resolved = None
    node = dumper.represent_data(data.value)
    if type(resolved) is type(data.value) and resolved == data.value and isinstance(node, yaml.ScalarNode):
        return dumper.represent_scalar(node.tag, data.text)
    # written differently from what YAML reads ("13,125" for a number): keep it as a string,
    # which the fact loader parses exactly as it parsed the original
    return dumper.represent_scalar("tag:yaml.org,2002:str", data.text)


_Dumper.add_representer(_Verbatim, _represent_verbatim)
_Dumper.add_representer(Where, lambda dumper, data: dumper.represent_int(int(data)))


def _plain_entry(fields, values: dict) -> dict:
    out = {}
    for fld in fields:
        if fld.key not in values:
            continue
        value = values[fld.key]
        if fld.key == "value" and "written" in values:
            value = _Verbatim(value, values["written"])
        elif fld.key == "total" and "total_written" in values:
            value = _Verbatim(value, values["total_written"])
        elif fld.key == "line":
            value = int(value)
        out[fld.key] = value
    return out


def _plain(fields, values: dict, school=None) -> dict:
    """Validated facts → the mapping a YAML fact file holds (English keys, schema order)."""
    out = {}
    for fld in fields:
        if fld.key not in values:
            continue
        value = values[fld.key]
        if fld.type in ENTRY_TYPES:
            value = [_plain_entry(ENTRY_TYPES[fld.type], entry) for entry in value]
        elif fld.type == "centre_schools":
            value = [_plain_entry(schema.CENTRE_SCHOOL_FIELDS, entry) for entry in value]
        elif fld.type == "government":
            value = _plain(schema.GOVERNMENT_FIELDS, value)
        elif fld.type == "stage_count" and school is not None and len(school.parts) == 1:
            value = value[school.parts[0]]
        out[fld.key] = value
    return out


def facts_yaml(subject) -> str:
    """A validated fact file as YAML: English keys, a county's schools inline, claims' digits as written."""
    if subject.kind == "school":
        data = _plain(schema.SCHOOL_FIELDS, subject.facts, subject)
    elif subject.kind == "county":
        data = _plain(schema.COUNTY_FIELDS, {**subject.facts, "government": subject.government})
        if not data.get("government"):
            data.pop("government", None)
        data["schools"] = [_plain(schema.SCHOOL_FIELDS, school.facts, school) for school in subject.schools]
    else:
        data = _plain(schema.CENTRE_FIELDS, subject.facts)
    head = f"# junheng export：{subject.name}（键名及单位见 junheng new {subject.kind}）\n"
    return head + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


# ---------------------------------------------------------------- workbook out
class _Writer:
    """Builds one workbook from validated facts (or none: the blank fill-in workbook)."""

    def __init__(self, kind: str):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        self.kind = kind
        from generator.io.writing import install_cell_rule
        install_cell_rule()       # one rule for every cell (writing.py)
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.head_font = Font(bold=True)
        self.required_font = Font(bold=True, color="9C0006")
        self.head_fill = PatternFill("solid", fgColor="DDEBF7")
        self.example_font = Font(italic=True, color="808080")
        self.wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
        self.top = Alignment(wrap_text=True, vertical="top")

    # -- sheets of rows
    def rows_sheet(self, title, cols, rows, example=None, validate_rows=DATA_ROWS, note=""):
        """Header (1 or 2 rows), hidden key row, example row, data rows. `rows`: lists of
        (value, format) per column."""
        from openpyxl.comments import Comment
        from openpyxl.utils import get_column_letter
        ws = self.wb.create_sheet(title)
        two = any(col.sub for col in cols)
        key_row = 3 if two else 2
        first = key_row + 1 + (1 if example is not None else 0)
        widths = {}
        index = 0
        while index < len(cols):
            col = cols[index]
            span = 1
            if col.sub:
                while index + span < len(cols) and cols[index + span].head == col.head and cols[index + span].sub:
                    span += 1
            letter = get_column_letter(index + 1)
            top = ws.cell(row=1, column=index + 1, value=col.head)
            self._style_head(top, col.fld)
            top.comment = Comment(self._comment(col), "junheng", width=320, height=160)
            if two:
                if col.sub:
                    if span > 1:
                        ws.merge_cells(start_row=1, start_column=index + 1, end_row=1, end_column=index + span)
                    for offset in range(span):
                        sub = ws.cell(row=2, column=index + offset + 1, value=cols[index + offset].sub)
                        self._style_head(sub, col.fld)
                else:
                    ws.merge_cells(f"{letter}1:{letter}2")
            for offset in range(span):
                widths[index + offset] = max(_width(col.head) // span + 2, _width(cols[index + offset].sub) + 2, 6)
            index += span
        for index, col in enumerate(cols):
            ws.cell(row=key_row, column=index + 1, value=col.key)
        ws.row_dimensions[key_row].hidden = True
        if example is not None:
            for index, (value, fmt) in enumerate(example):
                cell = self._put(ws, key_row + 1, index + 1, value, fmt)
                cell.font = self.example_font
        for offset, row in enumerate(rows):
            for index, (value, fmt) in enumerate(row):
                self._put(ws, first + offset, index + 1, value, fmt)
                if value is not None:
                    widths[index] = max(widths[index], min(_width(value) + 2, 40))
        for index, width in widths.items():
            ws.column_dimensions[get_column_letter(index + 1)].width = width
        ws.freeze_panes = ws.cell(row=key_row + 1, column=3 if len(cols) > 2 else 1)
        ws.print_title_rows = f"1:{key_row - 1}"
        ws.page_setup.orientation = "landscape"
        last = first + max(len(rows), validate_rows) - 1
        self._validations(ws, cols, first, last)
        if note:
            ws.cell(row=1, column=len(cols) + 2, value=note).alignment = self.top
            ws.column_dimensions[get_column_letter(len(cols) + 2)].width = 50
        return ws

    def _validations(self, ws, cols, first, last):
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.datavalidation import DataValidation
        rules = {}
        for index, col in enumerate(cols):
            spec = _validation(col)
            if spec is None:
                continue
            letter = get_column_letter(index + 1)
            rules.setdefault(spec, []).append(f"{letter}{first}:{letter}{last}")
        for (type_, operator, formula1, formula2, error), ranges in rules.items():
            rule = DataValidation(type=type_, operator=operator, formula1=formula1, formula2=formula2,
                                  allow_blank=True, showErrorMessage=True, errorTitle="junheng", error=error)
            for cell_range in ranges:
                rule.add(cell_range)
            ws.add_data_validation(rule)

    def _style_head(self, cell, fld):
        cell.font = self.required_font if fld is not None and fld.required else self.head_font
        cell.fill = self.head_fill
        cell.alignment = self.wrap

    def _comment(self, col: Col) -> str:
        fld = col.fld
        parts = [col.head + (f"：{col.sub}" if col.sub else "")]
        if fld is not None:
            if fld.unit:
                parts.append(f"单位：{fld.unit}")
            if fld.required:
                parts.append("必填")
            if fld.help:
                parts.append(fld.help)
            if fld.type == "rate":
                parts.append("填百分数（85%）或 0–1 之间的小数")
            elif fld.type == "count_list":
                parts.append("一格内逐个填写，用顿号分隔：49、50、48")
            elif fld.type == "str_list":
                parts.append("一格内逐个填写，每项一行（Alt+Enter）或用顿号分隔")
        parts.append(f"键：{col.key}")
        return "\n".join(parts)

    def _put(self, ws, row, column, value, fmt):
        cell = ws.cell(row=row, column=column)
        if isinstance(value, str):
            if _ILLEGAL.search(value):
                raise InputErrors([InputError(None, None, ws.title, "workbook_bad_text",
                                              got=_ILLEGAL.sub("?", value)[:40])])
            cell.value = value
            cell.data_type = "s"      # "=..." is a name here, not a formula
        else:
            cell.value = value
        if fmt:
            cell.number_format = fmt
        if isinstance(value, str) and "\n" in value:
            cell.alignment = self.top
        return cell

    # -- one row per fact
    def vertical_sheet(self, title, rows: list[Col], values: dict):
        from openpyxl.comments import Comment
        ws = self.wb.create_sheet(title)
        for index, text in enumerate(("项目", "值", "单位", "说明", "key"), start=1):
            self._style_head(ws.cell(row=1, column=index, value=text), None)
        for number, col in enumerate(rows, start=2):
            label = ws.cell(row=number, column=1, value=col.head)
            if col.cell == "section":
                label.font = self.head_font
                ws.merge_cells(start_row=number, start_column=1, end_row=number, end_column=4)
                continue
            fld = col.fld
            if col.cell == "pointer":
                ws.cell(row=number, column=4, value=f"填在“{_sheet_title(_sheet_field(fld))}”表")
                continue
            if fld.required:
                label.font = self.required_font
            value = _get(values, col.path)
            cell_value, fmt = _encode(col.cell, fld, value)
            self._put(ws, number, 2, cell_value, fmt)
            ws.cell(row=number, column=3, value=fld.unit or None)
            notes = [fld.help] if fld.help else []
            if fld.required:
                notes.insert(0, "必填")
            if fld.example is not None and fld.type not in ("government", "schools"):
                example, _ = _encode(col.cell, fld, _example_of(fld, col.path))
                if example is not None:
                    notes.append(f"例：{example if not isinstance(example, float) or fmt != '0.0#%' else _percent_text(example)}")
            ws.cell(row=number, column=4, value="；".join(str(n) for n in notes) or None).alignment = self.top
            ws.cell(row=number, column=5, value=col.key)
            label.comment = Comment(self._comment(col), "junheng", width=320, height=140)
            spec = _validation(col)
            if spec is not None:
                from openpyxl.worksheet.datavalidation import DataValidation
                type_, operator, formula1, formula2, error = spec
                rule = DataValidation(type=type_, operator=operator, formula1=formula1, formula2=formula2,
                                      allow_blank=True, showErrorMessage=True, errorTitle="junheng", error=error)
                rule.add(f"B{number}")
                ws.add_data_validation(rule)
        ws.column_dimensions["A"].width = 36
        ws.column_dimensions["B"].width = 18
        ws.column_dimensions["C"].width = 8
        ws.column_dimensions["D"].width = 60
        ws.column_dimensions["E"].hidden = True
        ws.freeze_panes = "B2"
        return ws

    def help_sheet(self, lines: list[str], fields_table: list[tuple]):
        ws = self.wb.create_sheet(HELP_SHEET)
        for number, text in enumerate(lines, start=1):
            ws.cell(row=number, column=1, value=text).alignment = self.top
        start = len(lines) + 2
        for index, text in enumerate(("表", "中文名", "单位", "键", "说明"), start=1):
            self._style_head(ws.cell(row=start, column=index, value=text), None)
        for offset, row in enumerate(fields_table, start=1):
            for index, value in enumerate(row, start=1):
                ws.cell(row=start + offset, column=index, value=value or None).alignment = self.top
        for letter, width in zip("ABCDE", (16, 34, 8, 34, 70)):
            ws.column_dimensions[letter].width = width
        return ws

    def save(self) -> bytes:
        return _save(self.wb)


def _save(wb) -> bytes:
    """The workbook's bytes, the same for the same content (generator.io.writing.xlsx_bytes)."""
    from generator.io.writing import xlsx_bytes
    return xlsx_bytes(wb)


def _width(value) -> int:
    text = str(value) if value is not None else ""
    longest = max(text.split("\n"), key=len) if text else ""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def _validation(col: Col):
    """(type, operator, formula1, formula2, error) for a column, or None."""
    fld, cell = col.fld, col.cell
    if fld is None:
        return None
    if cell == "count":
        return ("whole", "greaterThanOrEqual", "0", None, "应为非负整数 / a whole number ≥ 0")
    if cell == "number":
        return ("decimal", "greaterThanOrEqual", "0", None, "应为非负数 / a number ≥ 0")
    if cell == "int":
        return ("whole", "greaterThanOrEqual", "0", None, "应为整数 / a whole number")
    if cell == "rate":
        return ("decimal", "between", "0", "1", "应为 0%–100% / a rate between 0 and 1")
    if cell == "bool":
        return ("list", None, '"是,否"', None, "请选择 是 或 否 / choose 是 or 否")
    if cell == "enum" and fld.key != "kind":
        labels = [ENUM_LABELS.get(fld.key, {}).get(choice, choice) for choice in fld.choices]
        return ("list", None, '"' + ",".join(labels) + '"', None, "请从下拉列表中选择 / choose from the list")
    return None


def _get(values: dict | None, path: tuple):
    value = values
    for step in path:
        if not isinstance(value, dict) or step not in value:
            return None
        value = value[step]
    return value


def _example_of(fld: schema.Field, path: tuple):
    example = fld.example
    if fld.type == "stage_count" and not isinstance(example, dict):
        example = {"primary": example}      # the example school is a 小学
    if len(path) > 1 and fld.type in GROUPED:
        return example.get(path[-1]) if isinstance(example, dict) else None
    return example


def _row_values(cols: list[Col], values: dict) -> list:
    row = []
    for col in cols:
        if col.key == MARK_KEY:
            row.append((None, None))
            continue
        value = _get(values, col.path)
        row.append(_encode(col.cell, col.fld, value))
    return _empty_groups(cols, values, row)


def _empty_groups(cols, values, row):
    """A grouped field given but empty (labs: {}) is written 无 in its first column."""
    seen = set()
    for index, col in enumerate(cols):
        if col.sub and col.path[0] not in seen:
            seen.add(col.path[0])
            given = values.get(col.path[0]) if values else None
            if isinstance(given, dict) and not given:
                row[index] = (EMPTY_MARK, "@")
    return row


def _example_row(cols: list[Col]) -> list:
    values = {}
    for col in cols:
        if col.fld is not None and col.fld.example is not None and col.key != MARK_KEY:
            values[col.path[0]] = _example_of(col.fld, (col.path[0],))
    row = _row_values(cols, values)
    row[0] = (EXAMPLE_MARK, None)
    return row


ENTRY_EXAMPLES = {
    "claims": {"of": "land_area_m2", "measure": "per_student", "value": 9.6, "text": "生均占地面积9.6平方米"},
    "breakdowns": {"of": "computers", "total": 96, "parts": {"办公": 12, "学生": 60, "班班通": 24}},
}


def facts_workbook(subject) -> bytes:
    """A validated fact file (school, county or centre) as a workbook."""
    return _build(subject.kind, subject)


def blank_workbook(kind: str) -> bytes:
    """The fill-in workbook of `junheng new school|county|centre --xlsx`."""
    return _build(kind, None)


def _build(kind: str, subject) -> bytes:
    writer = _Writer(kind)
    help_table = []
    if kind == "centre":
        rows = _vertical_rows(schema.CENTRE_FIELDS)
        writer.vertical_sheet(CENTRE_SHEET, rows, subject.facts if subject else {})
        help_table += [(CENTRE_SHEET, c.fld.label, c.fld.unit, c.key, c.fld.help) for c in rows if c.key]
        cols = _row_columns(schema.CENTRE_SCHOOL_FIELDS)
        data = [_row_values(cols, entry) for entry in (subject.schools if subject else [])]
        example = _row_values(cols, {"name": "某某完小", "banner_sites": ["学校门口", "村委会"]})
        example[0] = (EXAMPLE_MARK, None)
        writer.rows_sheet(CENTRE_SCHOOLS_SHEET, cols, data, example)
        help_table += [(CENTRE_SCHOOLS_SHEET, c.head, c.fld.unit, c.key, c.fld.help) for c in cols[1:]]
        writer.help_sheet(_help_lines(kind), help_table)
        return writer.save()

    schools = ([subject] if kind == "school" else subject.schools) if subject else []
    cols = _row_columns(schema.SCHOOL_FIELDS)
    data = [_row_values(cols, school.facts) for school in schools]
    writer.rows_sheet(SCHOOLS_SHEET, cols, data, _example_row(cols),
                      validate_rows=1 if kind == "school" else DATA_ROWS)
    help_table += [(SCHOOLS_SHEET, c.head + (f"：{c.sub}" if c.sub else ""), c.fld.unit, c.key, c.fld.help)
                   for c in cols[1:]]
    county_values = {}
    if kind == "county":
        county_values = {**subject.facts, "government": subject.government} if subject else {}
        rows = _vertical_rows(schema.COUNTY_FIELDS)
        writer.vertical_sheet(COUNTY_SHEET, rows, county_values)
        help_table += [(COUNTY_SHEET, c.head, c.fld.unit, c.key, c.fld.help) for c in rows if c.key]
    writer.help_sheet(_help_lines(kind), help_table)

    owners = [(school.name, school.facts) for school in schools]
    if kind == "county" and subject is not None:
        owners.append((COUNTY_OWNER, county_values))
    for fld in _map_fields(kind):
        mcols = _map_columns(fld)
        data = []
        for owner, values in owners:
            mapping = _owner_value(fld, owner, values)
            if mapping is None:
                continue
            if not mapping:
                data.append([(None, None), (owner, "@")] + [(None, None)] * (len(mcols) - 2))
            for name, entry in mapping.items():
                row = [(None, None), (owner, "@"), (str(name), "@")]
                for col in mcols[3:]:
                    value = entry.get(col.path[1]) if fld.type == "subjects" else entry
                    row.append(_encode(col.cell, fld, value))
                data.append(row)
        example_value = fld.example if isinstance(fld.example, dict) and fld.example else {}
        name, entry = next(iter(example_value.items())) if example_value else ("", None)
        example = [(EXAMPLE_MARK, None), ("某某小学", None), (name, None)]
        for col in mcols[3:]:
            value = entry.get(col.path[1]) if fld.type == "subjects" and entry else entry
            example.append(_encode(col.cell, fld, value))
        writer.rows_sheet(_sheet_title(fld), mcols, data, example,
                          note=f"{fld.label}：每行一项；所属填学校名称" +
                               (f"，县级填“{COUNTY_OWNER}”" if kind == "county" else "") +
                               (f"。{fld.help}" if fld.help else ""))
        help_table.append((_sheet_title(fld), fld.label, fld.unit, fld.key, fld.help))
    for fld in _entry_fields(kind):
        ecols = _entry_columns(fld.type)
        data = []
        for owner, values in owners:
            entries = values.get(fld.key)
            if entries is None:
                continue
            if not entries:
                data.append([(None, None), (owner, "@")] + [(None, None)] * (len(ecols) - 2))
            for entry in entries:
                data.extend(_entry_rows(ecols, owner, entry))
        example_rows = _entry_rows(ecols, "某某小学", ENTRY_EXAMPLES[fld.type])
        example = example_rows[0]
        example[0] = (EXAMPLE_MARK, None)
        writer.rows_sheet(fld.label, ecols, data, example,
                          note="每行一项；所属填学校名称" + (f"，县级填“{COUNTY_OWNER}”" if kind == "county" else "") +
                               ("。一个分项合计占多行：第一行写对象与合计，下面各行只写分项名称和数值"
                                if fld.type == "breakdowns" else ""))
    return writer.save()


def _owner_value(fld, owner, values):
    if owner == COUNTY_OWNER:
        if any(f.key == fld.key for f in schema.COUNTY_FIELDS):
            return values.get(fld.key)
        return (values.get("government") or {}).get(fld.key)
    return values.get(fld.key)


def _entry_rows(cols, owner, entry) -> list:
    first = []
    parts = None
    for col in cols:
        if col.key == MARK_KEY:
            first.append((None, None))
        elif col.key == OWNER_KEY:
            first.append((owner, "@"))
        elif col.path[0] in (PART_NAME, PART_VALUE):
            parts = entry.get("parts")
            first.append((None, None))
        else:
            written = None
            if col.key == "value":
                written = entry.get("written")
            elif col.key == "total":
                written = entry.get("total_written")
            value = entry.get(col.key)
            if col.key == "line" and value is not None:
                value = int(value)
            first.append(_encode(col.cell, col.fld, value, written))
    rows = [first]
    if parts:
        name_index = next(i for i, c in enumerate(cols) if c.path == (PART_NAME,))
        for number, (name, value) in enumerate(parts.items()):
            row = rows[0] if number == 0 else [(None, None)] * len(cols)
            if number:
                row[1] = (owner, "@")
                rows.append(row)
            row[name_index] = (str(name), "@")
            row[name_index + 1] = _encode("number", None, value)
    return rows


def _help_lines(kind: str) -> list[str]:
    what = {"school": "一所学校", "county": "一个县（每所学校一行）", "centre": "一个中心学校及所辖学校"}[kind]
    lines = [
        f"junheng 事实工作簿：{what}。填好后运行：junheng check 本文件.xlsx",
        f"· 表头第一行是中文名和单位，红色为必填；批注说明每个字段。第 1 列写“{EXAMPLE_MARK}”的是示例行，不读取，可删除。",
        "· 隐藏行（或隐藏列）里是每列的英文键，请勿修改；可以增删数据行，不要改动表头。",
        "· 数字可写成 13125、13,125 或“13,125”（文本）；比率写 85% 或 0.85；是否类填“是”或“否”。",
        "· 留空表示没有数据：需要它的指标会报“缺数据”，不会猜。",
        f"· 一项给出但为空（如没有实验室）写“{EMPTY_MARK}”。",
        "· 九年一贯制、完全中学、十二年一贯制学校按学段分别填写学生数和教师数（小学 / 初中 / 高中 列）。",
        "· 各班人数：一格内用顿号分隔，如 49、50、48。",
    ]
    if kind == "county":
        lines += [
            f"· “{COUNTY_SHEET}”表：县的名称、满意度及县级人民政府推进工作的各项数据。",
            f"· 学科教师、责任人、经费增长、报告声明、分项合计各占一表；“所属”填学校名称，县级数据填“{COUNTY_OWNER}”。",
        ]
    elif kind == "school":
        lines.append("· 学科教师、责任人、报告声明、分项合计各占一表；“所属”填本校名称。")
    lines.append("· 本工作簿与 YAML 事实文件可互相转换：junheng export 本文件.xlsx -o 本文件.yaml")
    return lines


# ---------------------------------------------------------------- workbook in
@dataclass
class _Table:
    ws: object
    columns: dict            # column number → Col (known) or str (an unknown header)
    first: int               # first data row
    keyed: bool              # read through the hidden key row


def read_workbook(path: Path):
    """A workbook → the raw LineDict a YAML fact file gives. Raises InputError(s)."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".et"):
        raise InputError(path, None, None, "workbook_old_format")
    import io

    from openpyxl import load_workbook

    from generator.io.limits import check_workbook
    data = check_workbook(path)      # a regular file within the size, row and cell limits, or refused
    try:
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:   # zip, XML and openpyxl errors alike mean "not a workbook we can read"
        raise InputError(path, None, None, "workbook_unreadable",
                         detail=str(exc).splitlines()[0][:80] if str(exc) else "not an .xlsx workbook") from None
    return _Reader(path, wb).read()


class _Reader:
    def __init__(self, path: Path, wb):
        self.path = path
        self.wb = wb
        self.errors: list[InputError] = []

    def error(self, where, key, msg_id, **params):
        self.errors.append(InputError(self.path, where, key, msg_id, **params))

    def read(self):
        names = set(self.wb.sheetnames)
        if CENTRE_SHEET in names:
            data = self.centre()
        elif COUNTY_SHEET in names:
            data = self.county()
        else:
            data = self.school_or_county()
        if self.errors:
            raise InputErrors(self.errors)
        return data

    # -- kinds
    def centre(self):
        ws = self.wb[CENTRE_SHEET]
        top = self.vertical(ws, _vertical_rows(schema.CENTRE_FIELDS))
        top["kind"] = "centre"
        top.lines["kind"] = top.line
        schools = LineList()
        schools.line, schools.lines = Where(1, CENTRE_SCHOOLS_SHEET), []
        if CENTRE_SCHOOLS_SHEET in self.wb.sheetnames:
            sheet = self.wb[CENTRE_SCHOOLS_SHEET]
            table = self.table(sheet, _row_columns(schema.CENTRE_SCHOOL_FIELDS))
            for row, entry in self.rows(table):
                schools.append(entry)
                schools.lines.append(entry.line)
        _put(top, "schools", schools, schools.line)
        return top

    def county(self):
        ws = self.wb[COUNTY_SHEET]
        top = self.vertical(ws, _vertical_rows(schema.COUNTY_FIELDS))
        top["kind"] = "county"
        top.lines["kind"] = top.line
        table = self.school_table()
        schools = LineList()
        schools.line, schools.lines = Where(1, table.ws.title if table else SCHOOLS_SHEET), []
        if table is not None:
            for _, entry in self.rows(table):
                schools.append(entry)
                schools.lines.append(entry.line)
        elif COUNTY_SHEET in self.wb.sheetnames:
            self.error(Where(1, COUNTY_SHEET), None, "workbook_no_table", sheet=SCHOOLS_SHEET)
        _put(top, "schools", schools, schools.line)
        self.details("county", top, schools)
        return top

    def school_or_county(self):
        table = self.school_table()
        if table is None:
            raise InputError(self.path, None, None, "workbook_no_table", sheet=SCHOOLS_SHEET)
        entries = [entry for _, entry in self.rows(table)]
        if not entries:
            raise InputError(self.path, Where(1, table.ws.title), None, "workbook_no_rows", sheet=table.ws.title)
        if len(entries) > 1:
            raise InputError(self.path, Where(1, table.ws.title), None, "workbook_one_school",
                             sheet=table.ws.title, count=len(entries))
        school = entries[0]
        school.setdefault("kind", "school")
        school.lines.setdefault("kind", school.line)
        self.details("school", school, LineList([school]))
        return school

    def school_table(self) -> _Table | None:
        cols = _row_columns(schema.SCHOOL_FIELDS)
        if SCHOOLS_SHEET in self.wb.sheetnames:
            return self.table(self.wb[SCHOOLS_SHEET], cols)
        for ws in self.wb.worksheets:      # a county office's own table, under its own sheet name
            table = self.table(ws, cols)
            if table is not None and any(isinstance(c, Col) and c.path == ("name",) for c in table.columns.values()):
                return table
        return None

    # -- sheets of facts, one per row
    def vertical(self, ws, rows: list[Col]):
        by_key = {col.key: col for col in rows if col.key}
        top = LineDict()
        top.line, top.lines, top.raws = Where(1, ws.title), {}, {}
        cells = _merged_values(ws, ws.max_row)
        for number in range(2, ws.max_row + 1):
            key_text = _text(cells.get((number, 5)))
            label = _text(cells.get((number, 1)))
            raw = ws.cell(row=number, column=2).value
            col = by_key.get(key_text) if key_text else None
            if col is None and label:
                col = _vertical_label(label, rows)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            where = Where(number, f"{ws.title}!B{number}（{label or key_text}）")
            if col is None:
                if label in IGNORED_HEADERS or not label:
                    continue
                _put(top, label, raw, where)        # an unknown label: the checker names the closest key
                continue
            value, text = _decode(col.cell, raw)
            target = top
            for step in col.path[:-1]:
                if step not in target:
                    child = LineDict()
                    child.line, child.lines, child.raws = where, {}, {}
                    _put(target, step, child, where)
                target = target[step]
            if col.path[-1] in target:
                self.error(where, ".".join(col.path), "duplicate_key", first=target.lines[col.path[-1]])
                continue
            _put(target, col.path[-1], value, where, text)
        return top

    def table(self, ws, cols: list[Col]) -> _Table | None:
        """Find a sheet's header: the hidden key row, else the Chinese labels (merged or not)."""
        width = ws.max_column   # openpyxl recomputes it on every call
        by_key = {col.key: col for col in cols}
        cells = _merged_values(ws)
        limit = min(ws.max_row, 12)
        for number in range(1, limit + 1):
            texts = {c: _text(cells.get((number, c))) for c in range(1, width + 1)}
            filled = {c: t for c, t in texts.items() if t}
            if filled and all(t in by_key for t in filled.values()) and len(filled) >= min(2, len(cols)):
                columns = {c: by_key[t] for c, t in filled.items()}
                # a column a clerk added beside the keyed ones: known by its header, or reported
                for c in range(1, width + 1):
                    if c in columns:
                        continue
                    labels = []
                    for header_row in range(1, number):
                        text = _text(cells.get((header_row, c)))
                        if text and (not labels or labels[-1] != text):
                            labels.append(text)
                    if labels:
                        col = _label_col(labels, cols)
                        if col is not None:
                            columns[c] = col
                        elif labels[-1] not in IGNORED_HEADERS:
                            columns[c] = labels[-1]
                return _Table(ws, columns, number + 1, True)
        return self.labelled_table(ws, cols, cells, limit)

    def labelled_table(self, ws, cols, cells, limit):
        """No key row (a table of the county office's own): find the row naming the columns."""
        width = ws.max_column   # openpyxl recomputes it on every call
        top = None
        for number in range(1, limit + 1):
            for c in range(1, width + 1):
                col = _label_col([_text(cells.get((number, c)))], cols)
                if col is not None and col.path[0] in ("name", OWNER_KEY):
                    top = number
                    break
            if top:
                break
        if top is None:
            return None
        bottom = top
        for merged in ws.merged_cells.ranges:
            if merged.min_row == top:
                bottom = max(bottom, merged.max_row)
        # a row of sub-headers (小学 / 初中 …) under a merged group
        while bottom + 1 <= limit:
            texts = [_text(cells.get((bottom + 1, c))) for c in range(1, width + 1)]
            subs = {label for _, groups in GROUPED.items() for _, label in groups} | {"小学", "初中", "高中"}
            if any(t in subs for t in texts if t) and all(not t or t in subs or _label_col([t], cols)
                                                          for t in texts):
                bottom += 1
            else:
                break
        columns = {}
        for c in range(1, width + 1):
            labels = []
            for number in range(top, bottom + 1):
                text = _text(cells.get((number, c)))
                if text and (not labels or labels[-1] != text):
                    labels.append(text)
            if not labels:
                continue
            col = _label_col(labels, cols)
            if col is not None:
                columns[c] = col
            elif labels[-1] not in IGNORED_HEADERS:
                columns[c] = labels[-1]
        return _Table(ws, columns, bottom + 1, False)

    def rows(self, table: _Table):
        """Each data row as a LineDict keyed like YAML (English keys, or the unknown header)."""
        ws = table.ws
        grouped = {col.path[0] for col in table.columns.values()
                   if isinstance(col, Col) and col.fld is not None and col.fld.type in GROUPED and len(col.path) > 1}
        for number in range(table.first, ws.max_row + 1):
            entry = LineDict()
            entry.line, entry.lines, entry.raws = Where(number, f"{ws.title}!{number}:{number}"), {}, {}
            values = []
            for column, col in sorted(table.columns.items()):
                raw = ws.cell(row=number, column=column).value
                if raw is None or (isinstance(raw, str) and not raw.strip()):
                    continue
                values.append((column, col, raw))
            if not values:
                continue       # blank rows, trailing or between schools
            first = _text(values[0][2])
            if first in (EXAMPLE_MARK, f"（{EXAMPLE_MARK}）", f"({EXAMPLE_MARK})"):
                continue
            name = next((raw for _, col, raw in values if isinstance(col, Col) and col.path == ("name",)), None)
            if _text(name) in TOTAL_ROWS or (name is None and first in TOTAL_ROWS):
                continue       # a 合计 row under a county table is not a school
            for column, col, raw in values:
                where = Where(number, f"{ws.title}!{ws.cell(row=number, column=column).coordinate}"
                                      f"（{_column_name(col)}）")
                if isinstance(col, str):
                    _put(entry, col, raw, where)
                    continue
                if col.key == MARK_KEY:
                    continue
                value, text = _decode(col.cell, raw)
                if len(col.path) == 1:
                    _put(entry, col.path[0], value, where, text)
                    continue
                group = entry.get(col.path[0])
                if not isinstance(group, LineDict):
                    group = LineDict()
                    group.line, group.lines, group.raws = where, {}, {}
                    _put(entry, col.path[0], group, where)
                _put(group, col.path[1], value, where, text)
            for key, group in list(entry.items()):
                # 无 in the first column of a group, the rest blank: given but empty (labs: {})
                if key in grouped and isinstance(group, LineDict) and len(group) == 1 and \
                        _text(next(iter(group.values()))) == EMPTY_MARK:
                    empty = LineDict()
                    empty.line, empty.lines, empty.raws = group.line, {}, {}
                    entry[key] = empty
            yield number, entry

    # -- sheets of details: free-key mappings, claims, breakdowns
    def details(self, kind, top, schools: LineList):
        by_name, by_normal = {}, {}
        for entry in schools:
            if entry.get("name") is not None:
                by_name.setdefault(_exact(entry.get("name")), entry)
                by_normal.setdefault(_text(entry.get("name")), entry)
        government = None

        def owner_of(raw_owner, where):
            nonlocal government
            owner = _text(raw_owner)
            if kind == "school" and (not owner or owner in by_normal):
                return top, top
            if kind == "county" and owner in (_text(COUNTY_OWNER), "县级"):
                if government is None:
                    government = top.get("government")
                    if not isinstance(government, LineDict):
                        government = LineDict()
                        government.line, government.lines, government.raws = where, {}, {}
                        _put(top, "government", government, where)
                return top, government
            school = by_name.get(_exact(raw_owner)) or by_normal.get(owner)
            if school is not None:
                return school, school
            self.error(where, OWNER_KEY, "workbook_owner", owner=str(raw_owner or ""), sheet=SCHOOLS_SHEET,
                       county=COUNTY_OWNER)
            return None, None

        for fld in _map_fields(kind):
            table = self.find_detail(_map_columns(fld), _sheet_title(fld))
            if table is None:
                continue
            for number, row in self.rows(table):
                owner_where = row.lines.get(OWNER_KEY, row.line)
                school_or_county, government_target = owner_of(row.get(OWNER_KEY), owner_where)
                if school_or_county is None:
                    continue
                target = school_or_county
                if school_or_county is top and kind == "county" and \
                        not any(f.key == fld.key for f in schema.COUNTY_FIELDS):
                    target = government_target
                mapping = target.get(fld.key)
                if not isinstance(mapping, LineDict):
                    mapping = LineDict()
                    mapping.line, mapping.lines, mapping.raws = row.line, {}, {}
                    _put(target, fld.key, mapping, row.line)
                name = row.get(ENTRY_NAME)
                if name is None:
                    if ENTRY_VALUE in row:
                        self.error(row.line, fld.key, "missing_key", name=fld.key, label="名称")
                    continue   # a row with only 所属: the mapping is given, and empty
                name = _exact(name)
                if name in mapping:
                    self.error(row.lines[ENTRY_NAME], f"{fld.key}.{name}", "duplicate_key",
                               first=mapping.lines[name])
                    continue
                mapping_value = self.map_value(fld, row)
                _put(mapping, name, mapping_value, row.lines[ENTRY_NAME])
        for fld in _entry_fields(kind):
            table = self.find_detail(_entry_columns(fld.type), fld.label)
            if table is None:
                continue
            current = None
            for number, row in self.rows(table):
                owner_raw = row.get(OWNER_KEY)
                if fld.type == "breakdowns" and "of" not in row and PART_NAME in row:
                    if current is None or (owner_raw is not None and _text(owner_raw) != current[0]):
                        self.error(row.lines[PART_NAME], PART_KEY, "workbook_orphan_part")
                        continue
                    self.add_part(current[1], row)
                    continue
                target, _ = owner_of(owner_raw, row.lines.get(OWNER_KEY, row.line))
                if target is None:
                    current = None
                    continue
                entries = target.get(fld.key)
                if not isinstance(entries, LineList):
                    entries = LineList()
                    entries.line, entries.lines = row.line, []
                    _put(target, fld.key, entries, row.line)
                item = LineDict()
                item.line, item.lines, item.raws = row.line, {}, {}
                for key, value in row.items():
                    if key in (OWNER_KEY, PART_NAME, PART_VALUE):
                        continue
                    _put(item, key, value, row.lines[key], row.raws.get(key))
                if len(item) == 0 and PART_NAME not in row:
                    current = None
                    continue         # only 所属: the list is given, and empty
                if fld.type == "breakdowns":
                    parts = LineDict()
                    parts.line, parts.lines, parts.raws = row.line, {}, {}
                    _put(item, "parts", parts, row.line)
                    if PART_NAME in row:
                        self.add_part(item, row)
                    current = (_text(owner_raw), item)
                entries.append(item)
                entries.lines.append(row.line)

    def map_value(self, fld, row):
        """The value columns of a mapping sheet's row: {required, actual} for subjects, else one value."""
        group = row.get(ENTRY_VALUE)
        if fld.type == "subjects":
            result = LineDict()
            result.line, result.lines, result.raws = row.lines[ENTRY_NAME], {}, {}
            for sub_key, value in (group or {}).items():
                _put(result, sub_key, value, group.lines[sub_key])
            return result
        return group.get("value") if group else None

    def add_part(self, item, row):
        parts = item["parts"]
        name = _exact(row.get(PART_NAME))
        where = row.lines[PART_NAME]
        if name in parts:
            self.error(where, f"parts.{name}", "duplicate_key", first=parts.lines[name])
            return
        _put(parts, name, row.get(PART_VALUE), row.lines.get(PART_VALUE, where))

    def find_detail(self, cols, title) -> _Table | None:
        """A detail sheet: found by its hidden key row wherever it is, else by its title."""
        for ws in self.wb.worksheets:
            table = self.table_by_keys(ws, cols)
            if table is not None:
                return table
        if title in self.wb.sheetnames:
            return self.table(self.wb[title], cols)
        return None

    def table_by_keys(self, ws, cols):
        width = ws.max_column   # openpyxl recomputes it on every call
        by_key = {col.key: col for col in cols}
        specific = {col.key for col in cols} - {MARK_KEY, OWNER_KEY}
        cells = _merged_values(ws)
        for number in range(1, min(ws.max_row, 12) + 1):
            filled = {c: _text(cells.get((number, c))) for c in range(1, width + 1)}
            filled = {c: t for c, t in filled.items() if t}
            if filled and all(t in by_key for t in filled.values()) and specific <= set(filled.values()):
                return _Table(ws, {c: by_key[t] for c, t in filled.items()}, number + 1, True)
        return None


def _column_name(col) -> str:
    """A column as the clerk sees it: 在校生数：小学."""
    if isinstance(col, str):
        return col
    head = UNIT_SUFFIX.sub("", col.head)
    return f"{head}：{col.sub}" if col.sub else head


def _put(target: LineDict, key, value, where, text=None):
    if isinstance(value, LineList) and not hasattr(value, "lines"):
        value.line, value.lines = where, [where] * len(value)   # a list from one cell: "49、50、48"
    target[key] = value
    target.lines[key] = where
    if text is not None:
        target.raws[key] = text


def _exact(value) -> str:
    """A name as written (parts, subjects): only the surrounding blanks go."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def _merged_values(ws, rows: int = 12) -> dict:
    """(row, column) → value of the first `rows` rows, a merged range's value in every cell it covers."""
    cells = {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, rows)):
        for cell in row:
            if cell.value is not None:
                cells[(cell.row, cell.column)] = cell.value
    for merged in ws.merged_cells.ranges:
        if merged.min_row > rows:
            continue
        value = ws.cell(row=merged.min_row, column=merged.min_col).value
        for r in range(merged.min_row, min(merged.max_row, rows) + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                cells[(r, c)] = value
    return cells


def _normal_label(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().rstrip("*＊").strip()
    return re.sub(r"\s+", "", text)


def _label_options(text: str) -> list[str]:
    text = _normal_label(text)
    stripped = UNIT_SUFFIX.sub("", text)
    return [text, stripped] if stripped != text else [text]


def _label_col(labels: list[str], cols: list[Col]) -> Col | None:
    """Chinese header text (group, then sub-header) → the column it names."""
    labels = [t for t in labels if t]
    if not labels:
        return None
    fields = {}
    for col in cols:
        fld = col.fld
        if fld is None:
            continue
        names = {col.head, _normal_label(col.head)} if col.path[0] in (ENTRY_NAME, ENTRY_VALUE, PART_NAME,
                                                                        PART_VALUE, OWNER_KEY) else \
            {fld.key, fld.label, *fld.labels, col.head, _normal_label(col.head)}
        if col.key in (OWNER_KEY, MARK_KEY) or len(col.path) == 1 or col.path[0] == ENTRY_VALUE:
            names.add(UNIT_SUFFIX.sub("", _normal_label(col.head)))
        for name in names:
            fields.setdefault((_normal_label(name), col.sub), []).append(col)
            if col.sub:
                for alias, key in SUB_ALIASES.get(fld.type, {}).items():
                    if key == col.path[-1]:
                        fields.setdefault((_normal_label(name), alias), []).append(col)
    group_options = _label_options(labels[0]) if len(labels) > 1 else []
    sub = _normal_label(labels[-1])
    for group in group_options:
        found = fields.get((group, sub))
        if found:
            return found[0]
    for option in _label_options(labels[-1]):
        found = fields.get((option, ""))
        if found:
            return found[0]
        # a single column for a grouped field ("在校生数"): the whole value
        grouped = [c for (name, s), cs in fields.items() if name == option and s for c in cs]
        if grouped:
            fld = grouped[0].fld
            return Col(fld.key, (fld.key,), fld, grouped[0].head, cell=fld.type)
    return None


def _vertical_label(label: str, rows: list[Col]) -> Col | None:
    for option in _label_options(label):
        for col in rows:
            if not col.key or col.fld is None:
                continue
            if option in (_normal_label(col.head), col.fld.key, col.fld.label, *col.fld.labels) and \
                    (len(col.path) == 1 or col.path[0] == "government" and len(col.path) == 2):
                return col
    return None


# ---------------------------------------------------------------- verdicts out (check --xlsx)
def result_workbook(result: dict, profile, lang: str = "zh") -> bytes:
    """`check --xlsx`: the verdicts (red fill for 未达标) and, for a county, the CV tables."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    from generator.render.terminal import deficit_text, standard_text, status_text, value_text
    zh = lang == "zh"
    from generator.io.writing import install_cell_rule
    install_cell_rule()       # one rule for every cell (writing.py)
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    red = PatternFill("solid", fgColor="FFC7CE")
    red_font = Font(color="9C0006", bold=True)
    yellow = PatternFill("solid", fgColor="FFEB9C")
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(title, headers, widths):
        ws = wb.create_sheet(title)
        for index, text in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=index, value=text)
            cell.font, cell.fill = bold, head_fill
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[_letter(index)].width = width
        ws.freeze_panes = "A2"
        return ws

    def mark(ws, row, status, columns):
        fill = red if status == "fail" else yellow if status == "missing" else None
        if fill is None:
            return
        for column in range(1, columns + 1):
            ws.cell(row=row, column=column).fill = fill
        if status == "fail":
            for column in range(1, columns + 1):
                ws.cell(row=row, column=column).font = red_font

    verdict_headers = ("编号", "指标", "实际值", "标准", "结论", "尚缺", "来源") if zh else \
        ("Id", "Indicator", "Value", "Standard", "Verdict", "Short by", "Source")

    def verdict_rows(ws, verdicts, start, prefix=()):
        row = start
        for verdict in verdicts:
            status = status_text(verdict.status, lang)
            if verdict.status == "missing" and verdict.missing:
                status += "：" + "、".join(schema.label_of(k) for k in verdict.missing)
            stage = f"（{schema.PART_SUFFIX[verdict.stage]}）" if verdict.stage else ""
            values = (*prefix, verdict.rule, verdict.name + stage, value_text(verdict, lang),
                      standard_text(verdict, lang), status, deficit_text(verdict), verdict.source)
            for index, value in enumerate(values, start=1):
                ws.cell(row=row, column=index, value=value if value != "" else None).alignment = wrap
            mark(ws, row, verdict.status, len(values))
            row += 1
        return row

    name = result["subject"]["name"]
    if result["subject"]["kind"] == "centre":
        ws = sheet("所辖学校" if zh else "Schools", ("学校", "横幅悬挂地点") if zh else ("School", "Banner sites"),
                   (24, 60))
        for row, entry in enumerate(result["schools"], start=2):
            ws.cell(row=row, column=1, value=entry["name"])
            ws.cell(row=row, column=2, value="、".join(entry["banner_sites"])).alignment = wrap
        return _save(wb)
    if result["subject"]["kind"] == "school":
        ws = sheet("办学基本条件" if zh else "Basic conditions", verdict_headers, (8, 30, 12, 20, 16, 14, 60))
        end = verdict_rows(ws, result["_verdicts"], 2)
        ws.cell(row=end + 1, column=1, value=f"{name}：" + (
            ("达标" if result["passed"] else "未达标") if zh else ("pass" if result["passed"] else "FAIL"))).font = bold
        return _save(wb)

    composite = profile.monitoring["cv"].get("composite", True)   # false: 优质均衡, each CV on its own
    ws = sheet(("县域四项条件" if composite else "县域认定条件") if zh else "County conditions", verdict_headers,
               (12, 34, 12, 20, 16, 14, 60))
    end = verdict_rows(ws, result["_verdicts"], 2)
    ws.cell(row=end + 1, column=1, value=f"{name}：" + (
        ("达标" if result["passed"] else "未达标") if zh else ("pass" if result["passed"] else "FAIL"))).font = bold

    indicators = profile.monitoring["indicators"]
    ws = sheet("差异系数" if zh else "CV", ("学段", *[f"{i['id']} {i['name']}" for i in indicators],
                                             *(("综合差异系数",) if composite else ()), "标准", "结论") if zh else
               ("Stage", *[f"{i['id']} {i['name']}" for i in indicators], *(("Composite",) if composite else ()),
                "Standard", "Verdict"),
               (10, *[14] * len(indicators), *((12,) if composite else ()), 10, 10))
    row = 2
    for stage, table in result["cv"].items():
        each = [v for v in result["_verdicts"] if getattr(v, "cv_stage", None) == stage]
        verdict = next((v for v in result["_verdicts"] if v.rule == f"C2-{stage}"), None) if composite else \
            (each[0] if each else None)
        cells = [schema.PART_LABELS[stage] if zh else stage]
        cells += [table[i["id"]] for i in indicators]
        status = verdict.status if composite or verdict is None else \
            ("fail" if any(v.status == "fail" for v in each) else
             "missing" if any(v.status == "missing" for v in each) else "pass")
        cells += [*((table["composite"],) if composite else ()),
                  float(verdict.standard) if verdict and verdict.standard is not None else None,
                  status_text(status, lang) if verdict else None]
        for index, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            if isinstance(value, float):
                cell.number_format = "0.000"
        if verdict is not None and composite:
            mark(ws, row, verdict.status, len(cells))
        for column, single in enumerate(each if not composite else [], start=2):
            if single.status in ("fail", "missing"):
                ws.cell(row=row, column=column).fill = red if single.status == "fail" else yellow
        row += 1
    row += 1
    headers = ("学校", "学段", "学生数", *[i["id"] for i in indicators], "计入差异系数") if zh else \
        ("School", "Stage", "Students", *[i["id"] for i in indicators], "In CV")
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=index, value=text)
        cell.font, cell.fill = bold, head_fill
    for school_row in result["schools"]:
        row += 1
        cells = [school_row["name"], schema.PART_LABELS[school_row["stage"]] if zh else school_row["stage"],
                 school_row["students"], *[school_row["values"].get(i["id"]) for i in indicators],
                 ("是" if zh else "yes") if school_row["included"] else
                 (("否：" if zh else "no: ") + str(school_row.get("excluded", "")))]
        for index, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            if index > 3 and isinstance(value, float):
                cell.number_format = "0.00##"
    ws.column_dimensions["A"].width = 24

    ws = sheet(("各校办学基本条件" if composite else "各校资源配置") if zh else "Schools", (("学校",) if zh else ("School",)) + verdict_headers,
               (20, 8, 30, 12, 20, 16, 14, 60))
    row = 2
    for school, verdicts, passed in result["_school_results"]:
        row = verdict_rows(ws, verdicts, row, prefix=(school.name,))
    government = result["government"]
    scored = "score" in government       # 优质均衡 items are met or not: no points
    ws = sheet(("政府推进工作" if scored else "政府保障、教育质量与否决") if zh else "Government",
               ("编号", "项目", "得分", "满分", "情况") if zh else ("Id", "Item", "Score", "Points", "Status"),
               (8, 50, 8, 8, 30))
    row = 2
    for item in government["items"]:
        note = status_text(item["status"], lang)
        if item.get("missing"):
            note += "：" + "、".join(schema.label_of(k) for k in item["missing"])
        for index, value in enumerate((item["id"], item["name"], item.get("score"), item.get("points"), note),
                                      start=1):
            ws.cell(row=row, column=index, value=value).alignment = wrap
        mark(ws, row, item["status"], 5)
        row += 1
    if scored:
        ws.cell(row=row + 1, column=1, value=(f"得分 {government['score']} / {government['total']}"
                                              f"（{government['pass_score']} 分达标）" if zh else
                                              f"score {government['score']} / {government['total']}")).font = bold
    return _save(wb)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index)
