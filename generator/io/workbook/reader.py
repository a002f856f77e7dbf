"""Reading a workbook into the raw LineDict / LineList a YAML fact file gives, for load_facts to validate.

A workbook is another spelling of a fact file: the reader turns it into exactly the raw structure the
YAML loader produces (each value with its position), so generator.io.facts runs the one validation
on both; positions are errors.Where cells ("学校基本情况!F7"). It tells the kind by its sheets, finds
each table's header (generator.io.workbook.headers), skips example and 合计 rows, and puts the detail
sheets (free-key mappings, claims, breakdowns) back under their school or the county.
"""
from __future__ import annotations

from pathlib import Path

from generator.errors import ErrorList, InputError, InputErrors, Where
from generator.io.workbook.cells import decode
from generator.io.workbook.headers import (Table, clean_text, column_name, exact_name, find_table, merged_values,
                                           table_by_keys, vertical_label)
from generator.io.workbook.layout import (CENTRE_SCHOOLS_SHEET, CENTRE_SHEET, COUNTY_OWNER, COUNTY_SHEET,
                                          EMPTY_MARK, ENTRY_NAME, ENTRY_VALUE, EXAMPLE_MARK, GROUPED,
                                          IGNORED_HEADERS, MARK_KEY, OWNER_KEY, PART_KEY, PART_NAME, PART_VALUE,
                                          SCHOOLS_SHEET, TOTAL_ROWS, Col, entry_columns, entry_fields, map_columns,
                                          map_fields, row_columns, sheet_title, vertical_rows)
from generator.model import schema
from generator.model.lines import LineDict, LineList
from generator.io.workbook.package import open_book


def read_workbook(path: Path):
    """A workbook → the raw LineDict a YAML fact file gives. Raises InputError(s)."""
    path = Path(path)
    if path.suffix.lower() in (".xls", ".et"):
        raise InputError(path, None, None, "workbook_old_format")
    wb = open_book(path)      # only the parts the reader uses, streamed within the limits, or refused
    return _Reader(path, wb).read()


class _Reader:
    def __init__(self, path: Path, wb):
        self.path = path
        self.wb = wb
        self.errors: ErrorList = ErrorList()      # the first MAX_ERRORS, the rest counted
        self.merges_checked = set()

    def error(self, where, key, msg_id, **params):
        self.errors.append(InputError(self.path, where, key, msg_id, **params))

    def hidden_content(self, ws) -> set:
        """A merged range over cells with content, in a sheet the reader reads, is an error: the
        covered cells show nothing and are not read (a header merged over the key row would shift
        every column). Once per sheet; the cells the ranges cover are returned."""
        covered = set()
        for merged, (row, column) in getattr(ws, "hidden", []):
            for r in range(merged.min_row, merged.max_row + 1):
                covered.update((r, c) for c in range(merged.min_col, merged.max_col + 1))
            if ws.title in self.merges_checked:
                continue
            ref = f"{ws.cell(merged.min_row, merged.min_col).coordinate}:{ws.cell(merged.max_row, merged.max_col).coordinate}"
            self.error(Where(row, f"{ws.title}!{ref}"), None, "xlsx_merge_hides", sheet=ws.title, ref=ref,
                       cell=ws.cell(row, column).coordinate)
        self.merges_checked.add(ws.title)
        return covered

    def read(self):
        self.centre_sheet = self.vertical_sheet(CENTRE_SHEET, schema.CENTRE_FIELDS)
        self.county_sheet = None if self.centre_sheet is not None else \
            self.vertical_sheet(COUNTY_SHEET, schema.COUNTY_FIELDS)
        if self.centre_sheet is not None:
            data = self.centre()
        elif self.county_sheet is not None:
            data = self.county()
        else:
            data = self.school_or_county()
        if self.errors:
            raise InputErrors(self.errors)
        return data

    def vertical_sheet(self, title, fields):
        """The county's (centre's) sheet: by its name, else — renamed by a clerk ("县级数据") — the one
        whose hidden key column holds its keys (the kind's own ones, not a school's)."""
        if title in self.wb.sheetnames:
            return self.wb[title]
        own = {col.key for col in vertical_rows(fields) if col.key} - \
            {col.key for col in row_columns(schema.SCHOOL_FIELDS)}
        for ws in self.wb.worksheets:
            keys = {clean_text(ws.cell(row=r, column=5).value) for r in range(2, min(ws.max_row, 400) + 1)}
            if len(keys & own) >= 3:
                return ws
        return None

    # -- kinds
    def centre(self):
        ws = self.centre_sheet
        top = self.vertical(ws, vertical_rows(schema.CENTRE_FIELDS))
        top["kind"] = "centre"
        top.lines["kind"] = top.line
        schools = LineList()
        schools.line, schools.lines = Where(1, CENTRE_SCHOOLS_SHEET), []
        if CENTRE_SCHOOLS_SHEET in self.wb.sheetnames:
            sheet = self.wb[CENTRE_SCHOOLS_SHEET]
            table = find_table(sheet, row_columns(schema.CENTRE_SCHOOL_FIELDS))
            for row, entry in self.rows(table):
                schools.append(entry)
                schools.lines.append(entry.line)
        _put(top, "schools", schools, schools.line)
        return top

    def county(self):
        ws = self.county_sheet
        top = self.vertical(ws, vertical_rows(schema.COUNTY_FIELDS))
        top["kind"] = "county"
        top.lines["kind"] = top.line
        table = self.school_table()
        schools = LineList()
        schools.line, schools.lines = Where(1, table.ws.title if table else SCHOOLS_SHEET), []
        if table is not None:
            for _, entry in self.rows(table):
                schools.append(entry)
                schools.lines.append(entry.line)
        else:
            self.error(Where(1, ws.title), None, "workbook_no_table", sheet=SCHOOLS_SHEET)
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

    def school_table(self) -> Table | None:
        cols = row_columns(schema.SCHOOL_FIELDS)
        if SCHOOLS_SHEET in self.wb.sheetnames:
            return find_table(self.wb[SCHOOLS_SHEET], cols)
        for ws in self.wb.worksheets:      # a county office's own table, under its own sheet name
            table = find_table(ws, cols)
            if table is not None and any(isinstance(c, Col) and c.path == ("name",) for c in table.columns.values()):
                return table
        return None

    # -- sheets of facts, one per row
    def vertical(self, ws, rows: list[Col]):
        self.hidden_content(ws)
        by_key = {col.key: col for col in rows if col.key}
        top = LineDict()
        top.line, top.lines, top.raws = Where(1, ws.title), {}, {}
        cells = merged_values(ws, ws.max_row)
        for number in range(2, ws.max_row + 1):
            key_text = clean_text(cells.get((number, 5)))
            label = clean_text(cells.get((number, 1)))
            raw = ws.cell(row=number, column=2).value
            col = by_key.get(key_text) if key_text else None
            if col is None and label:
                col = vertical_label(label, rows)
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                continue
            where = Where(number, f"{ws.title}!B{number}（{label or key_text}）")
            if col is None:
                if label in IGNORED_HEADERS or not label:
                    continue
                _put(top, label, raw, where)        # an unknown label: the checker names the closest key
                continue
            value, text = decode(col.cell, raw)
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

    def rows(self, table: Table):
        """Each data row as a LineDict keyed like YAML (English keys, or the unknown header)."""
        ws = table.ws
        covered = self.hidden_content(ws)
        ranges = set()
        for stray in table.stray:
            # one error for the key row's cell (or the merged range over it), not one per row of its column
            if (stray.row, stray.column) in covered:
                continue        # said as the merged range that hides content
            where = Where(stray.row, f"{ws.title}!{ws.cell(row=stray.row, column=stray.column).coordinate}")
            if stray.reason == "merged":
                if stray.hint not in ranges:
                    ranges.add(stray.hint)
                    self.error(Where(stray.row, f"{ws.title}!{stray.hint}"), None, "workbook_merged_key_row",
                               ref=stray.hint, row=stray.row)
            elif stray.reason == "duplicate":
                self.error(where, None, "workbook_duplicate_key", text=stray.text, first=stray.hint)
            else:
                self.errors.append(InputError(self.path, where, None, "workbook_stray_key",
                                              "workbook_stray_key_hint" if stray.hint else None,
                                              {"key": stray.hint} if stray.hint else None, text=stray.text))
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
            first = clean_text(values[0][2])
            if first in (EXAMPLE_MARK, f"（{EXAMPLE_MARK}）", f"({EXAMPLE_MARK})"):
                continue
            name = next((raw for _, col, raw in values if isinstance(col, Col) and col.path == ("name",)), None)
            if clean_text(name) in TOTAL_ROWS or (name is None and first in TOTAL_ROWS):
                continue       # a 合计 row under a county table is not a school
            for column, col, raw in values:
                where = Where(number, f"{ws.title}!{ws.cell(row=number, column=column).coordinate}"
                                      f"（{column_name(col)}）")
                if isinstance(col, str):
                    _put(entry, col, raw, where)
                    continue
                if col.key == MARK_KEY:
                    continue
                value, text = decode(col.cell, raw)
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
                        clean_text(next(iter(group.values()))) == EMPTY_MARK:
                    empty = LineDict()
                    empty.line, empty.lines, empty.raws = group.line, {}, {}
                    entry[key] = empty
            yield number, entry

    # -- sheets of details: free-key mappings, claims, breakdowns
    def details(self, kind, top, schools: LineList):
        by_name, by_normal = {}, {}
        for entry in schools:
            if entry.get("name") is not None:
                by_name.setdefault(exact_name(entry.get("name")), entry)
                by_normal.setdefault(clean_text(entry.get("name")), entry)
        government = None

        def owner_of(raw_owner, where):
            nonlocal government
            owner = clean_text(raw_owner)
            if kind == "school" and (not owner or owner in by_normal):
                return top, top
            if kind == "county" and owner in (clean_text(COUNTY_OWNER), "县级"):
                if government is None:
                    government = top.get("government")
                    if not isinstance(government, LineDict):
                        government = LineDict()
                        government.line, government.lines, government.raws = where, {}, {}
                        _put(top, "government", government, where)
                return top, government
            school = by_name.get(exact_name(raw_owner)) or by_normal.get(owner)
            if school is not None:
                return school, school
            self.error(where, OWNER_KEY, "workbook_owner", owner=str(raw_owner or ""), sheet=SCHOOLS_SHEET,
                       county=COUNTY_OWNER)
            return None, None

        for fld in map_fields(kind):
            table = self.find_detail(map_columns(fld), sheet_title(fld))
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
                name = exact_name(name)
                if name in mapping:
                    self.error(row.lines[ENTRY_NAME], f"{fld.key}.{name}", "duplicate_key",
                               first=mapping.lines[name])
                    continue
                mapping_value = self.map_value(fld, row)
                _put(mapping, name, mapping_value, row.lines[ENTRY_NAME])
        for fld in entry_fields(kind):
            table = self.find_detail(entry_columns(fld.type), fld.label)
            if table is None:
                continue
            current = None
            for number, row in self.rows(table):
                owner_raw = row.get(OWNER_KEY)
                if fld.type == "breakdowns" and "of" not in row and PART_NAME in row:
                    if current is None or (owner_raw is not None and clean_text(owner_raw) != current[0]):
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
                    current = (clean_text(owner_raw), item)
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
        name = exact_name(row.get(PART_NAME))
        where = row.lines[PART_NAME]
        if name in parts:
            self.error(where, f"parts.{name}", "duplicate_key", first=parts.lines[name])
            return
        _put(parts, name, row.get(PART_VALUE), row.lines.get(PART_VALUE, where))

    def find_detail(self, cols, title) -> Table | None:
        """A detail sheet: found by its hidden key row wherever it is, else by its title."""
        for ws in self.wb.worksheets:
            table = table_by_keys(ws, cols)
            if table is not None:
                return table
        if title in self.wb.sheetnames:
            return find_table(self.wb[title], cols)
        return None


def _put(target: LineDict, key, value, where, text=None):
    if isinstance(value, LineList) and not hasattr(value, "lines"):
        value.line, value.lines = where, [where] * len(value)   # a list from one cell: "49、50、48"
    target[key] = value
    target.lines[key] = where
    if text is not None:
        target.raws[key] = text
