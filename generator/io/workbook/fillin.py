"""The fill-in workbook of `junheng new … --xlsx`, blank or filled with validated facts.

`build(kind, subject)` lays out every sheet (the schools' rows, the county / centre sheet, one sheet per
free-key mapping, claims and breakdowns, the help sheet) with its example row and help text; with
`subject` None it is the blank workbook, otherwise `export` fills it (generator.io.workbook.export).
"""
from __future__ import annotations

from generator.io.workbook.cells import encode
from generator.io.workbook.layout import (CENTRE_SCHOOLS_SHEET, CENTRE_SHEET, COUNTY_OWNER, COUNTY_SHEET, DATA_ROWS,
                                          EMPTY_MARK, EXAMPLE_MARK, MARK_KEY, OWNER_KEY, PART_NAME,
                                          PART_VALUE, SCHOOLS_SHEET, Col, entry_columns, entry_fields,
                                          example_of, map_columns, map_fields, row_columns, sheet_title,
                                          value_at, vertical_rows)
from generator.io.workbook.sheets import SheetWriter
from generator.model import schema
from generator.i18n import status_word


def _row_values(cols: list[Col], values: dict) -> list:
    row = []
    for col in cols:
        if col.key == MARK_KEY:
            row.append((None, None))
            continue
        value = value_at(values, col.path)
        row.append(encode(col.cell, col.fld, value))
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
            values[col.path[0]] = example_of(col.fld, (col.path[0],))
    row = _row_values(cols, values)
    row[0] = (EXAMPLE_MARK, None)
    return row


ENTRY_EXAMPLES = {
    "claims": {"of": "land_area_m2", "measure": "per_student", "value": 9.6, "text": "生均占地面积9.6平方米"},
    "breakdowns": {"of": "computers", "total": 96, "parts": {"办公": 12, "学生": 60, "班班通": 24}},
}


def blank_workbook(kind: str, stage: str | None = None) -> bytes:
    """The fill-in workbook of `junheng new school|county|centre --xlsx [--stage S]`: no value in it but, for one
    school of a chosen 学段, that 学段 (and only that 学段's columns). Examples are in each header's comment and
    in the help sheet, never in a row: a clerk typing over an example row would have the row skipped."""
    return build(kind, None, stage)


def build(kind: str, subject, stage: str | None = None) -> bytes:
    writer = SheetWriter(kind)
    help_table = []
    if kind == "centre":
        rows = vertical_rows(schema.CENTRE_FIELDS)
        writer.vertical_sheet(CENTRE_SHEET, rows, subject.facts if subject else {})
        help_table += [(CENTRE_SHEET, c.fld.label, c.fld.unit, c.key, c.fld.help) for c in rows if c.key]
        cols = row_columns(schema.CENTRE_SCHOOL_FIELDS)
        data = [_row_values(cols, entry) for entry in (subject.schools if subject else [])]
        example = None
        if subject is not None:
            example = _row_values(cols, {"name": "某某完小", "banner_sites": ["学校门口", "村委会"]})
            example[0] = (EXAMPLE_MARK, None)
        writer.rows_sheet(CENTRE_SCHOOLS_SHEET, cols, data, example)
        help_table += [(CENTRE_SCHOOLS_SHEET, c.head, c.fld.unit, c.key, c.fld.help) for c in cols[1:]]
        writer.help_sheet(_help_lines(kind), help_table)
        return writer.save()

    schools = ([subject] if kind == "school" else subject.schools) if subject else []
    cols = row_columns(schema.SCHOOL_FIELDS, stage)
    data = [_row_values(cols, school.facts) for school in schools]
    if subject is None and kind == "school" and stage is not None:
        data = [_row_values(cols, {"stage": stage})]        # the one value a form for one 学段 carries
    writer.rows_sheet(SCHOOLS_SHEET, cols, data, _example_row(cols) if subject is not None else None,
                      validate_rows=1 if kind == "school" else DATA_ROWS)
    help_table += [(SCHOOLS_SHEET, c.head + (f"：{c.sub}" if c.sub else ""), c.fld.unit, c.key, c.fld.help)
                   for c in cols[1:]]
    county_values = {}
    if kind == "county":
        county_values = {**subject.facts, "government": subject.government} if subject else {}
        rows = vertical_rows(schema.COUNTY_FIELDS)
        writer.vertical_sheet(COUNTY_SHEET, rows, county_values)
        help_table += [(COUNTY_SHEET, c.head, c.fld.unit, c.key, c.fld.help) for c in rows if c.key]
    writer.help_sheet(_help_lines(kind), help_table)

    owners = [(school.name, school.facts) for school in schools]
    if kind == "county" and subject is not None:
        owners.append((COUNTY_OWNER, county_values))
    for fld in map_fields(kind):
        mcols = map_columns(fld)
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
                    row.append(encode(col.cell, fld, value))
                data.append(row)
        example_value = fld.example if isinstance(fld.example, dict) and fld.example else {}
        name, entry = next(iter(example_value.items())) if example_value else ("", None)
        example = [(EXAMPLE_MARK, None), ("某某小学", None), (name, None)]
        for col in mcols[3:]:
            value = entry.get(col.path[1]) if fld.type == "subjects" and entry else entry
            example.append(encode(col.cell, fld, value))
        if subject is None:
            example = None
        writer.rows_sheet(sheet_title(fld), mcols, data, example,
                          note=f"{fld.label}：每行一项；所属填学校名称" +
                               (f"，县级填“{COUNTY_OWNER}”" if kind == "county" else "") +
                               (f"。{fld.help}" if fld.help else ""))
        help_table.append((sheet_title(fld), fld.label, fld.unit, fld.key, fld.help))
    for fld in entry_fields(kind):
        ecols = entry_columns(fld.type)
        data = []
        for owner, values in owners:
            entries = values.get(fld.key)
            if entries is None:
                continue
            if not entries:
                data.append([(None, None), (owner, "@")] + [(None, None)] * (len(ecols) - 2))
            for entry in entries:
                data.extend(_entry_rows(ecols, owner, entry))
        example = None
        if subject is not None:
            example = _entry_rows(ecols, "某某小学", ENTRY_EXAMPLES[fld.type])[0]
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
            first.append(encode(col.cell, col.fld, value, written))
    rows = [first]
    if parts:
        name_index = next(i for i, c in enumerate(cols) if c.path == (PART_NAME,))
        for number, (name, value) in enumerate(parts.items()):
            row = rows[0] if number == 0 else [(None, None)] * len(cols)
            if number:
                row[1] = (owner, "@")
                rows.append(row)
            row[name_index] = (str(name), "@")
            row[name_index + 1] = encode("number", None, value)
    return rows


def _help_lines(kind: str) -> list[str]:
    what = {"school": "一所学校", "county": "一个县（每所学校一行）", "centre": "一个中心学校及所辖学校"}[kind]
    lines = [
        f"junheng 事实工作簿：{what}。填好后运行：junheng check 本文件.xlsx",
        "· 表头第一行是中文名和单位，红色为必填；批注说明每个字段并举例。表中没有预填任何数值。",
        f"· 第 1 列写“{EXAMPLE_MARK}”的行不读取（由 junheng export 转出的工作簿带一行示例，可删除）。",
        "· 隐藏行（或隐藏列）里是每列的英文键，请勿修改；可以增删数据行，不要改动表头。",
        "· 数字可写成 13125、13,125 或“13,125”（文本）；比率写 85% 或 0.85；是否类填“是”或“否”。",
        f"· 留空表示没有数据：需要它的指标会报“{status_word('missing')}”，不会猜。",
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
