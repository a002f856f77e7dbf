"""Finding a sheet's columns: the hidden key row, else the Chinese headers (merged cells, sub-headers).

A workbook written by junheng is read through its hidden key row; a county office's own table is read
by its labels (with or without units, merged group headers over 小学 / 初中 / 高中). Every header is
matched after NFKC normalisation; a header no field has is kept as text, so that the checker can name
the closest key.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from generator.io.workbook.layout import (ENTRY_NAME, ENTRY_VALUE, GROUPED, IGNORED_HEADERS, MARK_KEY, OWNER_KEY,
                                          PART_NAME, PART_VALUE, SUB_ALIASES, UNIT_SUFFIX, Col)


@dataclass
class Table:
    ws: object
    columns: dict            # column number → Col (known) or str (an unknown header)
    first: int               # first data row
    keyed: bool              # read through the hidden key row
    stray: list = field(default_factory=list)   # Stray cells of the key row, each named once by the reader


@dataclass
class Stray:
    """A key-row cell that names no column: `reason` unknown (a key junheng has not; `hint` the key its
    headers name), duplicate (`hint` the cell that has it first) or merged (`hint` the merged range
    that spread another cell's text over it)."""
    row: int
    column: int
    text: str
    reason: str
    hint: str | None


def _key_row(filled: dict, by_key: dict, least: int) -> bool:
    """Is this the hidden key row? Its texts are keys — but for a few a clerk typed or changed (each is
    then named once, Table.stray, rather than the row being read as data)."""
    known = sum(1 for text in filled.values() if text in by_key)
    return known >= least and known > 2 * (len(filled) - known)


def find_table(ws, cols: list[Col]) -> Table | None:
    """Find a sheet's header: the hidden key row, else the Chinese labels (merged or not)."""
    width = ws.max_column   # openpyxl recomputes it on every call
    by_key = {col.key: col for col in cols}
    cells = merged_values(ws)
    limit = min(ws.max_row, 12)
    for number in range(1, limit + 1):
        texts = {c: clean_text(cells.get((number, c))) for c in range(1, width + 1)}
        filled = {c: t for c, t in texts.items() if t}
        if filled and _key_row(filled, by_key, min(2, len(cols))):
            columns, stray = _key_columns(ws, number, filled, by_key, cells, cols)
            # a column a clerk added beside the keyed ones: known by its header, or reported
            for c in range(1, width + 1):
                if c in columns or any(c == s.column for s in stray):
                    continue
                labels = []
                for header_row in range(1, number):
                    text = clean_text(cells.get((header_row, c)))
                    if text and (not labels or labels[-1] != text):
                        labels.append(text)
                if labels:
                    col = label_col(labels, cols)
                    if col is not None:
                        columns[c] = col
                    elif labels[-1] not in IGNORED_HEADERS:
                        columns[c] = labels[-1]
            return Table(ws, columns, number + 1, True, stray)
    return labelled_table(ws, cols, cells, limit)


def _key_columns(ws, number, filled, by_key, cells, cols) -> tuple[dict, list]:
    """The key row's columns, and its cells that name none (Stray)."""
    columns, first, stray = {}, {}, []
    for c, text in sorted(filled.items()):
        spread = next((m for m in ws.merged_cells.ranges if m.min_row <= number <= m.max_row
                       and m.min_col <= c <= m.max_col and (m.min_row, m.min_col) != (number, c)), None)
        if spread is not None:
            ref = f"{ws.cell(spread.min_row, spread.min_col).coordinate}:{ws.cell(spread.max_row, spread.max_col).coordinate}"
            stray.append(Stray(number, c, text, "merged", ref))
        elif text not in by_key:
            stray.append(Stray(number, c, text, "unknown", _header_key(cells, number, c, cols)))
        elif text in first:
            stray.append(Stray(number, c, text, "duplicate", ws.cell(number, first[text]).coordinate))
        else:
            first[text] = c
            columns[c] = by_key[text]
    return columns, stray

def _header_key(cells, key_row, column, cols) -> str | None:
    """The key the headers above a key-row cell name (在校生数 / 小学 → students.primary): what a
    stray key most likely replaced."""
    labels = []
    for row in range(1, key_row):
        text = clean_text(cells.get((row, column)))
        if text and (not labels or labels[-1] != text):
            labels.append(text)
    col = label_col(labels, cols) if labels else None
    return col.key if col is not None else None


def labelled_table(ws, cols, cells, limit):
    """No key row (a table of the county office's own): find the row naming the columns."""
    width = ws.max_column   # openpyxl recomputes it on every call
    top = None
    for number in range(1, limit + 1):
        for c in range(1, width + 1):
            col = label_col([clean_text(cells.get((number, c)))], cols)
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
        texts = [clean_text(cells.get((bottom + 1, c))) for c in range(1, width + 1)]
        subs = {label for _, groups in GROUPED.items() for _, label in groups} | {"小学", "初中", "高中"}
        if any(t in subs for t in texts if t) and all(not t or t in subs or label_col([t], cols)
                                                      for t in texts):
            bottom += 1
        else:
            break
    columns = {}
    for c in range(1, width + 1):
        labels = []
        for number in range(top, bottom + 1):
            text = clean_text(cells.get((number, c)))
            if text and (not labels or labels[-1] != text):
                labels.append(text)
        if not labels:
            continue
        col = label_col(labels, cols)
        if col is not None:
            columns[c] = col
        elif labels[-1] not in IGNORED_HEADERS:
            columns[c] = labels[-1]
    return Table(ws, columns, bottom + 1, False)


def table_by_keys(ws, cols):
    """A sheet whose header row holds every key of `cols` that is not shared (所属, 序号), or None."""
    width = ws.max_column   # openpyxl recomputes it on every call
    by_key = {col.key: col for col in cols}
    specific = {col.key for col in cols} - {MARK_KEY, OWNER_KEY}
    cells = merged_values(ws)
    for number in range(1, min(ws.max_row, 12) + 1):
        filled = {c: clean_text(cells.get((number, c))) for c in range(1, width + 1)}
        filled = {c: t for c, t in filled.items() if t}
        if filled and _key_row(filled, by_key, 1) and specific <= set(filled.values()):
            columns, stray = _key_columns(ws, number, filled, by_key, cells, cols)
            return Table(ws, columns, number + 1, True, stray)
    return None


def column_name(col) -> str:
    """A column as the clerk sees it: 在校生数：小学."""
    if isinstance(col, str):
        return col
    head = UNIT_SUFFIX.sub("", col.head)
    return f"{head}：{col.sub}" if col.sub else head


def exact_name(value) -> str:
    """A name as written (parts, subjects): only the surrounding blanks go."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() if value is not None else ""


def clean_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def merged_values(ws, rows: int = 12) -> dict:
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


def normal_label(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).strip().rstrip("*＊").strip()
    return re.sub(r"\s+", "", text)


def label_options(text: str) -> list[str]:
    text = normal_label(text)
    stripped = UNIT_SUFFIX.sub("", text)
    return [text, stripped] if stripped != text else [text]


def label_col(labels: list[str], cols: list[Col]) -> Col | None:
    """Chinese header text (group, then sub-header) → the column it names."""
    labels = [t for t in labels if t]
    if not labels:
        return None
    fields = {}
    for col in cols:
        fld = col.fld
        if fld is None:
            continue
        names = {col.head, normal_label(col.head)} if col.path[0] in (ENTRY_NAME, ENTRY_VALUE, PART_NAME,
                                                                        PART_VALUE, OWNER_KEY) else \
            {fld.key, fld.label, *fld.labels, col.head, normal_label(col.head)}
        if col.key in (OWNER_KEY, MARK_KEY) or len(col.path) == 1 or col.path[0] == ENTRY_VALUE:
            names.add(UNIT_SUFFIX.sub("", normal_label(col.head)))
        for name in names:
            fields.setdefault((normal_label(name), col.sub), []).append(col)
            if col.sub:
                for alias, key in SUB_ALIASES.get(fld.type, {}).items():
                    if key == col.path[-1]:
                        fields.setdefault((normal_label(name), alias), []).append(col)
    group_options = label_options(labels[0]) if len(labels) > 1 else []
    sub = normal_label(labels[-1])
    for group in group_options:
        found = fields.get((group, sub))
        if found:
            return found[0]
    for option in label_options(labels[-1]):
        found = fields.get((option, ""))
        if found:
            return found[0]
        # a single column for a grouped field ("在校生数"): the whole value
        grouped = [c for (name, s), cs in fields.items() if name == option and s for c in cs]
        if grouped:
            fld = grouped[0].fld
            return Col(fld.key, (fld.key,), fld, grouped[0].head, cell=fld.type)
    return None


def vertical_label(label: str, rows: list[Col]) -> Col | None:
    for option in label_options(label):
        for col in rows:
            if not col.key or col.fld is None:
                continue
            if option in (normal_label(col.head), col.fld.key, col.fld.label, *col.fld.labels) and \
                    (len(col.path) == 1 or col.path[0] == "government" and len(col.path) == 2):
                return col
    return None
