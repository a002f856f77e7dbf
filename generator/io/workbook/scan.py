"""The streaming scans of a workbook's parts (generator.io.workbook.package): each part is fed to expat in
chunks and refused, with the sheet and cell, as soon as it passes a limit (README, "Limits") or holds
what the format does not allow (a cell reference without a row, a shared-string number past the table,
a number cell that holds no number) — before openpyxl's parsers build any value."""
from __future__ import annotations

import re
import zipfile
from xml.parsers import expat

from generator.errors import InputError
from generator import limits


class _Stop(Exception):
    """Raised inside an expat handler to stop a scan with an InputError."""

    def __init__(self, error: InputError):
        super().__init__()
        self.error = error


def unreadable(path, detail: str) -> InputError:
    return InputError(path, None, None, "workbook_unreadable", detail=detail.splitlines()[0][:80])



# ---------------------------------------------------------------- streaming scans
_CHUNK = 1 << 16


class Budget:
    """What all sheets of one workbook share: cells with content and merged cells."""

    def __init__(self):
        self.cells = 0
        self.merged = 0


class _Scan:
    """Feed one zip member to expat in chunks; handlers raise _Stop to refuse."""

    def __init__(self, opener, name: str):
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
            raise unreadable(self.path, f"{self.name}: {exc}") from None
        except (zipfile.BadZipFile, OSError, EOFError) as exc:     # a CRC error: the member is not what it says
            raise unreadable(self.path, f"{self.name}: {exc}") from None
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
        raise _Stop(unreadable(self.path, f"{self.name}: DTD not allowed"))

    def result(self):
        return None


def _local(name: str) -> str:
    return name.rpartition(":")[2]


class StringScan(_Scan):
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

    def result(self):
        return self.count


_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")
# a cell's own reference as a worksheet writes it (openpyxl reads nothing else): B5, no $, row ≥ 1
_MAX_EXCEL_COLUMN = 16384      # XFD, the last column a worksheet has
_CELL_REF = re.compile(r"^([A-Za-z]{1,3})([1-9]\d{0,6})$")
# what each cell type's <v> must hold (ECMA-376 ST_CellType); inlineStr and str hold any text
_NUMBER = re.compile(r"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$")
_CELL_TYPES = {None, "n", "s", "b", "d", "e", "str", "inlineStr"}


def _column_number(letters: str) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + (ord(char) - 64)
    return number


class SheetScan(_Scan):
    """One worksheet: rows, columns and cells with content, texts, merged ranges, formulas."""

    def __init__(self, opener, title, name, budget: Budget):
        super().__init__(opener, name)
        self.title, self.budget = title, budget
        self.row = 0
        self.rows = 0             # rows that hold cells
        self.column = 0
        self.row_counted = False
        self.cell = None          # [ref, has a child, has a formula, has a value, type, text of <v>]
        self.in_value = False
        self.merged: list[tuple[int, int, int, int]] = []

    def start(self, name, attrs):
        tag = _local(name)
        if tag == "c":
            ref = attrs.get("r")
            match = _CELL_REF.match(ref) if ref is not None else None
            if ref is not None and (match is None or _column_number(match.group(1)) > _MAX_EXCEL_COLUMN):
                # "D", "D0", "$D$5", "5D": openpyxl would stop with its own words (int('D'))
                self.refuse("xlsx_bad_ref", sheet=self.title, row=f"{max(self.row, 1):,}", ref=ref[:40])
            kind = attrs.get("t")
            if kind not in _CELL_TYPES:
                self.refuse("xlsx_bad_type", sheet=self.title, cell=ref or self.next_ref(), value=kind[:20])
            # a cell without a reference is the next column (as openpyxl counts it)
            self.column = _column_number(match.group(1)) if match else self.column + 1
            self.cell = [ref, False, False, False, kind, []]
            if not self.row_counted:
                # rows that hold cells, however numbered (a row number repeated a million times
                # is as much work as a million rows); an empty `<row r="30000" ht="20"/>` is let be
                self.row_counted = True
                self.rows += 1
            if max(self.row, self.rows) > limits.MAX_ROWS:     # openpyxl would build every row up to it
                self.refuse("xlsx_too_many_rows", sheet=self.title, row=f"{max(self.row, self.rows):,}",
                            limit=f"{limits.MAX_ROWS:,}")
        elif tag == "row":
            self.row_counted = False
            self.column = 0
            try:
                self.row = int(attrs.get("r", self.row + 1))
            except ValueError:
                self.row += 1
        elif self.cell is not None:
            self.cell[1] = True
            if tag == "f":
                self.cell[2] = True
            elif tag in ("v", "t"):
                self.in_text = True
                self.in_value = tag == "v"
        elif tag == "mergeCell":
            self.merge(attrs.get("ref", ""))

    def characters(self, data):
        super().characters(data)
        if self.in_text and self.cell is not None:
            self.cell[3] = True
            if self.in_value:
                self.cell[5].append(data)

    def next_ref(self) -> str:
        from openpyxl.utils import get_column_letter
        return f"{get_column_letter(min(self.column + 1, _MAX_EXCEL_COLUMN))}{max(self.row, 1)}"

    def end(self, name):
        tag = _local(name)
        if tag in ("v", "t"):
            self.in_text = self.in_value = False
        elif tag == "c" and self.cell is not None:
            ref, content, formula, value, kind, text = self.cell
            self.cell = None
            if not content:
                return                      # <c …/>: no content
            if value and text:
                self.check_value(ref, kind, "".join(text), formula)
            self.budget.cells += 1
            if self.budget.cells > limits.MAX_CELLS:
                self.refuse("xlsx_too_many_cells", limit=f"{limits.MAX_CELLS:,}")
            match = _REF.match(ref or "")
            if match and int(match.group(2)) > limits.MAX_ROWS:
                self.refuse("xlsx_too_many_rows", sheet=self.title, row=f"{int(match.group(2)):,}",
                            limit=f"{limits.MAX_ROWS:,}")
            if self.column > limits.MAX_COLUMNS:
                from openpyxl.utils import get_column_letter
                self.refuse("xlsx_too_many_columns", sheet=self.title,
                            column=get_column_letter(min(self.column, 16384)), limit=f"{limits.MAX_COLUMNS:,}")
            if formula and not value:
                # data_only reading would see a blank: say why instead of a silent missing fact
                self.refuse("xlsx_formula_no_value", sheet=self.title, cell=ref or "?")

    def check_value(self, ref, kind, text, formula):
        """What a cell's <v> holds, checked against its type before openpyxl converts it (where a
        shared-string number past the table was "list index out of range")."""
        cell = ref or self.next_ref()
        if kind in (None, "n"):
            if not _NUMBER.match(text) or float(text) in (float("inf"), float("-inf")):
                if formula and text.startswith("#"):
                    self.refuse("xlsx_formula_error", sheet=self.title, cell=cell, value=text[:20])
                self.refuse("xlsx_bad_number", sheet=self.title, cell=cell, value=text[:20])
        elif kind == "s":
            index = text.strip()
            if not index.isdigit() or int(index) >= self.opener.string_count:
                self.refuse("xlsx_bad_shared", sheet=self.title, cell=cell, index=index[:20],
                            count=f"{self.opener.string_count:,}")
        elif kind == "b":
            if text.strip() not in ("0", "1"):
                self.refuse("xlsx_bad_bool", sheet=self.title, cell=cell, value=text[:20])
        elif kind == "d":
            from openpyxl.utils.datetime import from_ISO8601
            try:
                from_ISO8601(text.strip())
            except (ValueError, TypeError, OverflowError):
                self.refuse("xlsx_bad_date", sheet=self.title, cell=cell, value=text[:20])

    def merge(self, ref: str):
        first, _, last = ref.partition(":")
        start, end = _REF.match(first), _REF.match(last or first)
        if not start or not end or (last == "" and ":" in ref):
            self.refuse("xlsx_bad_merge", sheet=self.title, ref=ref[:40])
        cols = (_column_number(start.group(1)), _column_number(end.group(1)))
        rows = (int(start.group(2)), int(end.group(2)))
        if rows[0] < 1 or rows[0] > rows[1] or cols[0] > cols[1]:
            # a range from its bottom-right corner (E3:A1) or from row 0: no program writes it
            self.refuse("xlsx_bad_merge", sheet=self.title, ref=ref[:40])
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
