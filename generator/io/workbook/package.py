"""Opening a user's .xlsx within the limits: only the parts junheng reads, each streamed and bounded.

A workbook is a zip of many parts; openpyxl's own loader opens most of them (comments, drawings and
their images, tables, pivot caches, properties) and builds every cell of every sheet. Here only what
the reader needs is read:

- the workbook part and its relationships: which sheets there are, and where each is stored — found
  through the relationships, wherever the zip keeps it (`xl/worksheets/` is only Excel's habit);
- the shared strings, `xl/styles.xml` (which number formats are dates) and every worksheet.

Their sizes as the zip declares them are checked before anything is inflated (limits: each package
part, and all parts read together — zipfile never inflates a member past its declared size, so the
check covers what is read). Then each part is streamed through expat (generator.io.workbook.scan) with
caps checked as the text
arrives, so a 190 MB text or five million one-character shared strings are refused after a few
hundred kilobytes, in bounded memory: the length of one text, the number and total text of the shared
strings, the rows, columns and cells with content, merged ranges, formulas without a value. Only then
do openpyxl's parsers (the same ones its loader uses, so values, dates and shared strings read the
same) build the values of each sheet, into a plain grid (`Sheet`) with the few methods the reader
uses.
"""
from __future__ import annotations

import io
import posixpath
import zipfile
from xml.etree import ElementTree

from generator.errors import InputError
from generator import limits
from generator.io.workbook.scan import Budget, SheetScan, StringScan, unreadable as _unreadable

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPES = ("/worksheet",)


# ---------------------------------------------------------------- the book handed to the reader
class Cell:
    __slots__ = ("row", "column", "value")

    def __init__(self, row, column, value):
        self.row, self.column, self.value = row, column, value

    @property
    def coordinate(self) -> str:
        from openpyxl.utils import get_column_letter
        return f"{get_column_letter(self.column)}{self.row}"


class Range:
    __slots__ = ("min_row", "min_col", "max_row", "max_col")

    def __init__(self, min_col, min_row, max_col, max_row):
        self.min_row, self.min_col, self.max_row, self.max_col = min_row, min_col, max_row, max_col


class _Merged:
    def __init__(self, ranges):
        self.ranges = ranges


class Sheet:
    """A worksheet's values: (row, column) → value, as openpyxl's loader would give them."""

    def __init__(self, title: str, values: dict, merged: list[Range], hidden: list | None = None):
        self.title = title
        self.values = values
        self.merged_cells = _Merged(merged)
        self.hidden = hidden or []    # (merged range as written, first cell it covers that holds content)
        self.max_row = max((row for row, _ in values), default=1)
        self.max_column = max((column for _, column in values), default=1)

    def cell(self, row: int, column: int) -> Cell:
        return Cell(row, column, self.values.get((row, column)))

    def iter_rows(self, min_row: int = 1, max_row: int | None = None):
        last = self.max_row if max_row is None else max_row
        for row in range(min_row, last + 1):
            yield tuple(Cell(row, column, self.values.get((row, column)))
                        for column in range(1, self.max_column + 1))


class Book:
    def __init__(self, sheets: list[Sheet]):
        self.worksheets = sheets
        self._by_title = {}
        for sheet in sheets:
            self._by_title.setdefault(sheet.title, sheet)
        self.sheetnames = [sheet.title for sheet in sheets]

    def __getitem__(self, title: str) -> Sheet:
        return self._by_title[title]


# ---------------------------------------------------------------- opening
def open_book(path) -> Book:
    """The workbook at `path` within the limits (README, "Limits"), or InputError."""
    data = limits.read_limited(path, limits.MAX_XLSX_BYTES, "workbook")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        from generator.io.sniff import office_kind
        kind = office_kind(data)
        if kind is not None:           # encrypted, an old .xls, a Word file renamed: said by name
            raise InputError(path, None, None, kind) from None
        raise _unreadable(path, str(exc) or "not an .xlsx workbook") from None
    from generator.io.sniff import office_kind
    if office_kind(data) == "file_is_word":
        raise InputError(path, None, None, "file_is_word")
    opener = _Opener(path, archive, members)
    return opener.open()


class _Opener:
    def __init__(self, path, archive, members):
        self.path, self.archive, self.members = path, archive, members

    def open(self) -> Book:
        workbook_part = self._workbook_part()
        sheets, date1904 = self._sheets(workbook_part)
        rels = self._rels(workbook_part)
        strings_part = next((target for kind, target in rels.values() if kind.endswith("/sharedStrings")), None)
        if strings_part not in self.members:
            strings_part = None
        targets = []
        for title, rid in sheets:
            kind, target = rels.get(rid, ("", ""))
            if kind.endswith(_SHEET_TYPES) and target in self.members:
                targets.append((title, target))
        styles = "xl/styles.xml" if "xl/styles.xml" in self.members else None   # where openpyxl looks
        read = [workbook_part, _rels_path(workbook_part), styles, strings_part] + [t for _, t in targets]
        declared = sum(self.members[name].file_size for name in dict.fromkeys(read) if name in self.members)
        if declared > limits.MAX_XLSX_UNCOMPRESSED:
            raise InputError(self.path, None, None, "xlsx_too_big", limit=limits.size_text(limits.MAX_XLSX_UNCOMPRESSED),
                             size=limits.size_text(declared))
        if styles:
            self._package_part(styles)
        try:
            self.string_count = StringScan(self, strings_part).run() if strings_part else 0
            budget = Budget()       # every part is scanned before any is built
            merged = [SheetScan(self, title, target, budget).run() for title, target in targets]
            strings = self._shared_strings(strings_part) if strings_part else []
            date_formats, timedelta_formats = self._styles(styles)
            result = [self._values(title, target, strings, ranges, date1904, date_formats, timedelta_formats)
                      for (title, target), ranges in zip(targets, merged)]
        except InputError:
            raise
        except Exception as exc:      # zip, XML and openpyxl errors alike mean "not a workbook we can read"
            raise _unreadable(self.path, str(exc) or type(exc).__name__) from None
        if not result:
            raise _unreadable(self.path, "no worksheet")
        return Book(result)

    # -- the package: which sheets, where
    def _package_part(self, name: str) -> bytes:
        info = self.members.get(name)
        if info is None:
            raise _unreadable(self.path, f"no {name}")
        if info.file_size > limits.MAX_XLSX_PART:
            raise InputError(self.path, None, None, "xlsx_part_too_big", part=name,
                             size=limits.size_text(info.file_size), limit=limits.size_text(limits.MAX_XLSX_PART))
        try:
            data = self.archive.read(info)
        except Exception as exc:
            raise _unreadable(self.path, str(exc) or type(exc).__name__) from None
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
            raise _unreadable(self.path, f"{name}: DTD not allowed")
        return data

    def _xml(self, name: str):
        try:
            return ElementTree.fromstring(self._package_part(name))
        except ElementTree.ParseError as exc:
            raise _unreadable(self.path, f"{name}: {exc}") from None

    def _workbook_part(self) -> str:
        if "_rels/.rels" in self.members:
            for rel in self._xml("_rels/.rels"):
                if rel.get("Type", "").endswith("/officeDocument"):
                    target = rel.get("Target", "").lstrip("/")
                    if target in self.members:
                        return target
        if "xl/workbook.xml" in self.members:
            return "xl/workbook.xml"
        raise _unreadable(self.path, "no workbook part (xl/workbook.xml)")

    def _sheets(self, workbook_part: str):
        root = self._xml(workbook_part)
        sheets, date1904 = [], False
        for element in root.iter():
            tag = element.tag.rsplit("}", 1)[-1]
            if tag == "sheet":
                sheets.append((element.get("name", ""), element.get(f"{{{_REL}}}id")))
            elif tag == "workbookPr":
                date1904 = element.get("date1904", "").lower() in ("1", "true")
        return sheets, date1904

    def _rels(self, part: str) -> dict:
        name = _rels_path(part)
        if name not in self.members:
            return {}
        base = posixpath.dirname(part)
        rels = {}
        for rel in self._xml(name):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            rels[rel.get("Id")] = (rel.get("Type", ""), target)
        return rels

    def _styles(self, styles):
        if not styles:
            return set(), set()
        from openpyxl import Workbook
        from openpyxl.styles.stylesheet import apply_stylesheet
        holder = Workbook()
        apply_stylesheet(self.archive, holder)
        return holder._date_formats, holder._timedelta_formats

    # -- shared strings: counted as they stream, then read by openpyxl's own reader
    def _shared_strings(self, name: str) -> list[str]:
        from openpyxl.reader.strings import read_string_table
        with self.archive.open(name) as source:
            return read_string_table(source)

    def _values(self, title, target, strings, merged, date1904, date_formats, timedelta_formats) -> Sheet:
        from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900
        from openpyxl.worksheet._reader import WorkSheetParser
        values = {}
        with self.archive.open(target) as source:
            parser = WorkSheetParser(source, strings, data_only=True,
                                     epoch=CALENDAR_MAC_1904 if date1904 else CALENDAR_WINDOWS_1900,
                                     date_formats=date_formats, timedelta_formats=timedelta_formats)
            for _, cells in parser.parse():
                for cell in cells:
                    if cell["value"] is not None:
                        values[(cell["row"], cell["column"])] = cell["value"]
        ranges, hidden = [], []
        for first_col, first_row, last_col, last_row in merged:
            ranges.append(Range(first_col, first_row, last_col, last_row))
            covered = None
            for row in range(first_row, last_row + 1):      # as openpyxl: only the top-left cell keeps a value
                for column in range(first_col, last_col + 1):
                    if (row, column) != (first_row, first_col):
                        gone = values.pop((row, column), None)
                        if covered is None and gone is not None and str(gone).strip():
                            covered = (row, column)
            if covered is not None:   # content no one sees (Excel drops it when merging): the reader says so
                hidden.append((Range(first_col, first_row, last_col, last_row), covered))
        return Sheet(title, values, ranges, hidden)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


