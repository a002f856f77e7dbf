"""The styled sheet writer of fact workbooks: headers, hidden key rows, comments, validations, widths.

`SheetWriter` knows how a sheet looks (a header of one or two rows with a comment per column, the
hidden key row, the example row, frozen panes, data validation, column widths; a sheet of one fact per
row; the help sheet); what goes in the sheets is decided by generator.io.workbook.fillin.
"""
from __future__ import annotations

import unicodedata

from generator.errors import InputError, InputErrors
from generator.i18n import yes_no
from generator.io.workbook.cells import encode, percent_text
from generator.io.workbook.layout import (DATA_ROWS, ENUM_LABELS, HELP_SHEET, ILLEGAL_CHARS, Col, example_of,
                                          sheet_field, sheet_title, value_at)
from generator.io.writing import install_cell_rule, xlsx_bytes
from generator.model import schema


# What a cell of a type takes, beside the field's own description.
_CELL_HINTS = {"rate": "填百分数（85%）或 0–1 之间的小数", "count_list": "一格内逐个填写，用顿号分隔：49、50、48",
               "str_list": "一格内逐个填写，每项一行（Alt+Enter）或用顿号分隔"}


class SheetWriter:
    """Builds one workbook from validated facts (or none: the blank fill-in workbook)."""

    def __init__(self, kind: str):
        from openpyxl import Workbook
        from openpyxl.styles import Alignment, Font, PatternFill
        self.kind = kind
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
        """The header's note: the column's name, the field's description (schema.field_notes) with what a cell
        of its type takes, its key."""
        fld = col.fld
        parts = [col.head + (f"：{col.sub}" if col.sub else "")]
        if fld is not None:
            shown = None
            if fld.example not in (None, [], {}) and col.cell != "mark":
                try:
                    shown, fmt = encode(col.cell, fld, example_of(fld, col.path))
                except (InputError, InputErrors, TypeError, ValueError, ArithmeticError):
                    shown, fmt = None, None
                if isinstance(shown, float) and fmt == "0.0#%":
                    shown = percent_text(shown)
                elif isinstance(shown, bool):
                    shown = yes_no(shown)
            parts += schema.field_notes(fld, (fld.help, _CELL_HINTS.get(fld.type)),
                                        None if shown is None else str(shown))
        parts.append(f"键：{col.key}")
        return "\n".join(parts)

    def _put(self, ws, row, column, value, fmt):
        cell = ws.cell(row=row, column=column)
        if isinstance(value, str):
            if ILLEGAL_CHARS.search(value):
                raise InputErrors([InputError(None, None, ws.title, "workbook_bad_text",
                                              got=ILLEGAL_CHARS.sub("?", value)[:40])])
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
                ws.cell(row=number, column=4, value=f"填在“{sheet_title(sheet_field(fld))}”表")
                continue
            if fld.required:
                label.font = self.required_font
            value = value_at(values, col.path)
            cell_value, fmt = encode(col.cell, fld, value)
            self._put(ws, number, 2, cell_value, fmt)
            ws.cell(row=number, column=3, value=fld.unit or None)
            notes = [fld.help] if fld.help else []
            if fld.required:
                notes.insert(0, "必填")
            if fld.example is not None and fld.type not in ("government", "schools"):
                example, _ = encode(col.cell, fld, example_of(fld, col.path))
                if example is not None:
                    notes.append(f"例：{example if not isinstance(example, float) or fmt != '0.0#%' else percent_text(example)}")
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
        return save_bytes(self.wb)


def save_bytes(wb) -> bytes:
    """The workbook's bytes, the same for the same content (generator.io.writing.xlsx_bytes)."""
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
        yes, no = yes_no(True), yes_no(False)       # the first of i18n.TRUE_WORDS / FALSE_WORDS
        return ("list", None, f'"{yes},{no}"', None, f"请选择 {yes} 或 {no} / choose {yes} or {no}")
    if cell == "enum" and fld.key != "kind":
        labels = [ENUM_LABELS.get(fld.key, {}).get(choice, choice) for choice in fld.choices]
        return ("list", None, '"' + ",".join(labels) + '"', None, "请从下拉列表中选择 / choose from the list")
    return None

