"""Opening a user's .xlsx within the limits: only the parts junheng reads, each streamed and bounded.

A workbook is a zip of many parts; openpyxl's own loader opens most of them (comments, drawings and
their images, tables, pivot caches, properties) and builds every cell of every sheet. Here only what
the reader needs is read:

- the workbook part and its relationships: which sheets there are, and where each is stored — found
  through the relationships, wherever the zip keeps it (`xl/worksheets/` is only Excel's habit);
- the shared strings, `xl/styles.xml` (which number formats are dates) and every worksheet.

Their sizes as the zip declares them are checked before anything is inflated (limits: each package
part, and all parts read together — zipfile never inflates a member past its declared size, so the
check covers what is read). Then each part is streamed through expat with caps checked as the text
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
import re
import zipfile
from xml.parsers import expat

from generator.errors import InputError
from generator.io import limits

_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_SHEET_TYPES = ("/worksheet",)


class _Stop(Exception):
    """Raised inside an expat handler to stop a scan with an InputError."""

    def __init__(self, error: InputError):
        super().__init__()
        self.error = error


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

    def __init__(self, title: str, values: dict, merged: list[Range]):
        self.title = title
        self.values = values
        self.merged_cells = _Merged(merged)
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
        raise _unreadable(path, str(exc) or "not an .xlsx workbook") from None
    opener = _Opener(path, archive, members)
    return opener.open()


def _unreadable(path, detail: str) -> InputError:
    return InputError(path, None, None, "workbook_unreadable", detail=detail.splitlines()[0][:80])


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
            if strings_part:
                _StringScan(self, strings_part).run()
            budget = _Budget()       # every part is scanned before any is built
            merged = [_SheetScan(self, title, target, budget).run() for title, target in targets]
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
        if re.search(rb"<!DOCTYPE|<!ENTITY", data[:4096] + data[-4096:]) or b"<!ENTITY" in data:
            raise _unreadable(self.path, f"{name}: DTD not allowed")
        return data

    def _xml(self, name: str):
        from xml.etree import ElementTree
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
        ranges = []
        for first_col, first_row, last_col, last_row in merged:
            ranges.append(Range(first_col, first_row, last_col, last_row))
            for row in range(first_row, last_row + 1):      # as openpyxl: only the top-left cell keeps a value
                for column in range(first_col, last_col + 1):
                    if (row, column) != (first_row, first_col):
                        values.pop((row, column), None)
        return Sheet(title, values, ranges)


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


# ---------------------------------------------------------------- streaming scans
_CHUNK = 1 << 16


class _Budget:
    """What all sheets of one workbook share: cells with content and merged cells."""

    def __init__(self):
        self.cells = 0
        self.merged = 0


class _Scan:
    """Feed one zip member to expat in chunks; handlers raise _Stop to refuse."""

    def __init__(self, opener: _Opener, name: str):
        self.opener, self.path, self.name = opener, opener.path, name
        self.text = 0             # characters of the run of text being read (every run, in any element)
        self.in_text = False
        self.fed = self.progress = 0   # bytes given to expat; bytes given when a handler last ran

    def refuse(self, msg_id, **params):
        raise _Stop(InputError(self.path, None, None, msg_id, **params))

    def characters(self, data):
        self.progress = self.fed
        self.text += len(data)
        if self.text > limits.MAX_TEXT:
            self.too_long()

    def run(self):
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.buffer_size = _CHUNK
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self.characters
        parser.StartDoctypeDeclHandler = self.doctype
        parser.EntityDeclHandler = self.doctype
        try:
            with self.opener.archive.open(self.name) as source:
                while True:
                    chunk = source.read(_CHUNK)
                    self.fed += len(chunk)
                    parser.Parse(chunk, not chunk)
                    if not chunk:
                        break
                    if self.fed - self.progress > limits.MAX_XML_TOKEN:
                        # expat holds a tag, comment or instruction whole until it ends: no handler has
                        # run for this long, so one token is past any a workbook needs
                        self.refuse("xlsx_token_too_big", part=self.name,
                                    limit=limits.size_text(limits.MAX_XML_TOKEN))
        except _Stop as stop:
            raise stop.error from None
        except expat.ExpatError as exc:
            raise _unreadable(self.path, f"{self.name}: {exc}") from None
        except (zipfile.BadZipFile, OSError, EOFError) as exc:     # a CRC error: the member is not what it says
            raise _unreadable(self.path, f"{self.name}: {exc}") from None
        return self.result()

    def _start(self, name, attrs):
        self.progress = self.fed
        self.text = 0
        self.start(name, attrs)

    def _end(self, name):
        self.progress = self.fed
        self.text = 0
        self.end(name)

    def doctype(self, *args):
        raise _Stop(_unreadable(self.path, f"{self.name}: DTD not allowed"))

    def result(self):
        return None


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class _StringScan(_Scan):
    """The shared strings: how many, how long each, how much text in all."""

    def __init__(self, opener, name):
        super().__init__(opener, name)
        self.count = 0
        self.total = 0            # characters of every string so far
        self.string = 0           # characters of the current string (its runs together)

    def start(self, name, attrs):
        if _local(name) == "si":
            self.count += 1
            self.string = 0
            if self.count > limits.MAX_SHARED_STRINGS:
                self.refuse("xlsx_too_many_strings", limit=f"{limits.MAX_SHARED_STRINGS:,}")

    def end(self, name):
        pass

    def characters(self, data):
        super().characters(data)
        self.string += len(data)
        self.total += len(data)
        if self.string > limits.MAX_TEXT:
            self.too_long()
        if self.total > limits.MAX_SHARED_TEXT:
            self.refuse("xlsx_too_much_text", limit=f"{limits.MAX_SHARED_TEXT:,}")

    def too_long(self):
        self.refuse("xlsx_text_too_long", sheet="sharedStrings", cell=f"#{self.count:,}",
                    limit=f"{limits.MAX_TEXT:,}")


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - 64)
    return number


class _SheetScan(_Scan):
    """One worksheet: rows, columns and cells with content, texts, merged ranges, formulas."""

    def __init__(self, opener, title, name, budget: _Budget):
        super().__init__(opener, name)
        self.title, self.budget = title, budget
        self.row = 0
        self.rows = 0
        self.cell = None          # [ref, has a child, has a formula, has a value]
        self.in_value = False
        self.merged: list[tuple[int, int, int, int]] = []

    def start(self, name, attrs):
        tag = _local(name)
        if tag == "c":
            self.cell = [attrs.get("r"), False, False, False]
            if self.row > limits.MAX_ROWS:       # openpyxl would build every row up to it
                self.refuse("xlsx_too_many_rows", sheet=self.title, row=f"{self.row:,}", limit=f"{limits.MAX_ROWS:,}")
        elif tag == "row":
            self.rows += 1
            try:
                self.row = int(attrs.get("r", self.row + 1))
            except ValueError:
                self.row += 1
            if self.rows > limits.MAX_ROWS:      # more row elements than any sheet may have rows
                self.refuse("xlsx_too_many_rows", sheet=self.title, row=f"{self.rows:,}", limit=f"{limits.MAX_ROWS:,}")
        elif self.cell is not None:
            self.cell[1] = True
            if tag == "f":
                self.cell[2] = True
            elif tag in ("v", "t"):
                self.in_text = True
        elif tag == "mergeCell":
            self.merge(attrs.get("ref", ""))

    def characters(self, data):
        super().characters(data)
        if self.in_text and self.cell is not None:
            self.cell[3] = True

    def end(self, name):
        tag = _local(name)
        if tag in ("v", "t"):
            self.in_text = False
        elif tag == "c" and self.cell is not None:
            ref, content, formula, value = self.cell
            self.cell = None
            if not content:
                return                      # <c …/>: no content
            self.budget.cells += 1
            if self.budget.cells > limits.MAX_CELLS:
                self.refuse("xlsx_too_many_cells", limit=f"{limits.MAX_CELLS:,}")
            match = _REF.match(ref or "")
            if match:
                if int(match.group(2)) > limits.MAX_ROWS:
                    self.refuse("xlsx_too_many_rows", sheet=self.title, row=f"{int(match.group(2)):,}",
                                limit=f"{limits.MAX_ROWS:,}")
                if _column_number(match.group(1)) > limits.MAX_COLUMNS:
                    self.refuse("xlsx_too_many_columns", sheet=self.title, column=match.group(1).upper(),
                                limit=f"{limits.MAX_COLUMNS:,}")
            if formula and not value:
                # data_only reading would see a blank: say why instead of a silent missing fact
                self.refuse("xlsx_formula_no_value", sheet=self.title, cell=ref or "?")

    def merge(self, ref: str):
        first, _, last = ref.partition(":")
        start, end = _REF.match(first), _REF.match(last or first)
        if not start or not end:
            return                          # openpyxl refuses it in its own words
        cols = sorted((_column_number(start.group(1)), _column_number(end.group(1))))
        rows = sorted((int(start.group(2)), int(end.group(2))))
        if rows[1] > limits.MAX_ROWS or cols[1] > limits.MAX_COLUMNS:
            self.refuse("xlsx_merge_too_big", sheet=self.title, ref=ref, rows=f"{limits.MAX_ROWS:,}",
                        columns=f"{limits.MAX_COLUMNS:,}")
        self.budget.merged += (rows[1] - rows[0] + 1) * (cols[1] - cols[0] + 1)
        if self.budget.merged > limits.MAX_CELLS:
            self.refuse("xlsx_too_many_cells", limit=f"{limits.MAX_CELLS:,}")
        self.merged.append((cols[0], rows[0], cols[1], rows[1]))

    def too_long(self):
        ref = self.cell[0] if self.cell else "?"
        self.refuse("xlsx_text_too_long", sheet=self.title, cell=ref or "?", limit=f"{limits.MAX_TEXT:,}")

    def result(self):
        return self.merged
