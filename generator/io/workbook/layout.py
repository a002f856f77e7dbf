"""The layout of a fact workbook, shared by the writer and the reader: sheet names, markers, columns.

A workbook is another spelling of a fact file. Its layout is derived from generator.model.schema by
field type, so that new fields appear by themselves; the writer (generator.io.workbook.fillin) and the
reader (generator.io.workbook.reader) both take their columns from here, so reading back is exact.

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

This module also registers the workbook messages (i18n) used by the writer, the reader and `export`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import schema


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
ILLEGAL_CHARS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")


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


def stage_subcolumns(stage: str | None) -> dict:
    """The sub-columns a form for one 学段 keeps (its parts, its laboratories); every one when stage is None."""
    if stage is None:
        return GROUPED
    parts = schema.STAGE_PARTS[stage]
    labs = {lab for part in parts for lab in schema.LABS_BY_PART[part]}
    return {"stage_count": tuple((k, v) for k, v in GROUPED["stage_count"] if k in parts),
            "labs": tuple((k, v) for k, v in GROUPED["labs"] if k in labs)}


def row_columns(fields, stage: str | None = None) -> list[Col]:
    """The columns of a row sheet; with `stage`, only that 学段's per-学段 and laboratory columns."""
    cols = [Col(MARK_KEY, (MARK_KEY,), MARK_FIELD, "序号", cell="mark")]
    grouped = stage_subcolumns(stage)
    for fld in fields:
        if _placement(fld) != "cell":
            continue
        if fld.type in GROUPED:
            for sub_key, sub_label in grouped[fld.type]:
                cols.append(Col(f"{fld.key}.{sub_key}", (fld.key, sub_key), fld, _header(fld), sub_label,
                                cell="count"))
        else:
            cols.append(Col(fld.key, (fld.key,), fld, _header(fld), cell=fld.type))
    return cols


def map_columns(fld: schema.Field) -> list[Col]:
    name_label = "学科" if fld.type == "subjects" else "名称"
    cols = [Col(MARK_KEY, (MARK_KEY,), MARK_FIELD, "序号", cell="mark"),
            Col(OWNER_KEY, (OWNER_KEY,), OWNER_FIELD, "所属", cell="str"),
            Col(fld.key, (ENTRY_NAME,), fld, name_label, cell="str")]
    for sub_key, sub_label, cell in MAP_VALUES[fld.type]:
        head = f"{sub_label}（{fld.unit}）" if fld.unit else sub_label
        cols.append(Col(f"{fld.key}.{sub_key}", (ENTRY_VALUE, sub_key), fld, head, cell=cell))
    return cols


def entry_columns(kind: str) -> list[Col]:
    cols = [Col(MARK_KEY, (MARK_KEY,), MARK_FIELD, "序号", cell="mark"),
            Col(OWNER_KEY, (OWNER_KEY,), OWNER_FIELD, "所属", cell="str")]
    for fld in ENTRY_TYPES[kind]:
        if fld.type == "number_map":     # breakdown parts: one row each
            cols.append(Col(PART_KEY, (PART_NAME,), fld, "分项名称", cell="str"))
            cols.append(Col(f"{PART_KEY}.value", (PART_VALUE,), fld, "分项数值", cell="number"))
        else:
            cols.append(Col(fld.key, (fld.key,), fld, _header(fld), cell=fld.type))
    return cols


def vertical_rows(fields, prefix=()) -> list[Col]:
    """One row per fact on the county / centre sheet; the government's facts inline."""
    rows = []
    for fld in fields:
        place = _placement(fld)
        if place == "government":
            rows.append(Col("", (), None, _header(fld), cell="section"))
            rows.extend(vertical_rows(schema.GOVERNMENT_FIELDS, prefix + (fld.key,)))
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


def sheet_title(fld: schema.Field) -> str:
    return re.sub(r"[\\/?*\[\]:]", "", fld.label)[:31]


def sheet_field(fld: schema.Field) -> schema.Field:
    """The field whose label names the sheet a shared key (subject_teachers) is written on."""
    for fields in (schema.SCHOOL_FIELDS, schema.COUNTY_FIELDS, schema.GOVERNMENT_FIELDS):
        for candidate in fields:
            if candidate.key == fld.key:
                return candidate
    return fld


def map_fields(kind: str) -> list[schema.Field]:
    """The free-key mapping fields of a kind's workbook, one sheet each (key shared → one sheet)."""
    return _collect(kind, "map")


def entry_fields(kind: str) -> list[schema.Field]:
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


def value_at(values: dict | None, path: tuple):
    """The value a column holds: `path` followed through nested facts (("students", "primary")), or None."""
    value = values
    for step in path:
        if not isinstance(value, dict) or step not in value:
            return None
        value = value[step]
    return value


def example_of(fld: schema.Field, path: tuple):
    """The schema example shown in a column's example row (one sub-column of a grouped field)."""
    example = fld.example
    if fld.type == "stage_count" and not isinstance(example, dict):
        example = {"primary": example}      # the example school is a 小学
    if len(path) > 1 and fld.type in GROUPED:
        return example.get(path[-1]) if isinstance(example, dict) else None
    return example

