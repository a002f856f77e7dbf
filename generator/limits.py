"""Declared limits for every file a user hands junheng, checked before the work.

Each limit is chosen far above any real county's paperwork and far below what would let a
careless or hostile file take minutes, gigabytes or a traceback (README, "Limits"):

- a fact file, profile, --costs or --measures YAML is at most MAX_YAML_BYTES on disk, and
  walking it (aliases expanded) meets at most MAX_YAML_NODES values: a 600-byte alias bomb
  is refused at once instead of expanding to gigabytes;
- a workbook is at most MAX_XLSX_BYTES on disk and MAX_XLSX_UNCOMPRESSED inflated (sum of
  its members as declared in the zip), each sheet at most MAX_ROWS rows and MAX_COLUMNS
  columns, at most MAX_CELLS cells in all, and no merged range wider than the sheet limits —
  all read from the zip before openpyxl builds a single cell;
- a number has at most MAX_DIGITS significant digits and a magnitude of at most 10**MAX_MAGNITUDE
  (numbers.py and the engine compute in Decimal with 28 digits: 15 + 6 decimals of the
  comparison leave room for every ratio of two facts);
- a text is at most MAX_TEXT characters (Excel's own cell limit, so that anything read can
  be written back to a workbook unchanged).

Every refusal is an InputError naming the limit (exit 2, nothing written).
"""
from __future__ import annotations

import os
import re
import stat
import zipfile
from pathlib import Path

from generator.errors import InputError

MAX_YAML_BYTES = 20 * 1024 * 1024          # a 300-school county inline is about 1 MB
MAX_YAML_NODES = 1_000_000                 # values met walking the file, aliases expanded
MAX_XLSX_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024  # all members inflated, as the zip declares them
MAX_ROWS = 20_000                          # rows per sheet (a county's schools, several per stage)
MAX_COLUMNS = 1_000                        # columns per sheet (the fill-in sheet has ~120)
MAX_CELLS = 2_000_000                      # cells with content, all sheets together
MAX_DIGITS = 15                            # significant digits of a number (what Excel keeps)
MAX_MAGNITUDE = 15                         # numbers up to 10**15 (a county budget is ~10**10 元)
MAX_TEXT = 32_767                          # characters of one text: Excel's cell limit
MAX_TEMPLATE_SECONDS = 10                  # rendering one user template
MAX_TEMPLATE_OUTPUT = 50 * 1024 * 1024     # characters one template part may produce


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}".replace(".0 ", " ")
    return f"{size} B"


def read_limited(path, limit: int, what: str) -> bytes:
    """A user's file as bytes: a regular file, at most `limit` bytes (else InputError)."""
    path = Path(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise InputError(path, None, None, "file_missing") from None
    except OSError as exc:
        raise InputError(path, None, None, "file_unreadable", detail=exc.strerror or str(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise InputError(path, None, None, "not_regular_file")
    if info.st_size > limit:
        raise InputError(path, None, None, "too_large", size=size_text(info.st_size),
                         limit=size_text(limit), what=what)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(path, None, None, "file_unreadable", detail=exc.strerror or str(exc)) from None
    if len(data) > limit:          # grew while we read it
        raise InputError(path, None, None, "too_large", size=size_text(len(data)),
                         limit=size_text(limit), what=what)
    return data


def check_expansion(path, data, limit: int = MAX_YAML_NODES) -> None:
    """Refuse YAML whose values, aliases expanded, number more than `limit`.

    The parsed data shares aliased objects, so it is small in memory; anything that walks it
    (validation, error messages, JSON) would expand it. The walk stops as soon as the
    budget is spent, so a bomb costs at most `limit` steps.
    """
    budget = limit
    stack = [data]
    while stack:
        item = stack.pop()
        budget -= 1
        if budget < 0:
            raise InputError(path, None, None, "yaml_too_many", limit=f"{limit:,}")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


# ---------------------------------------------------------------- workbooks
_ROW_TAG = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"[^>]*?(/?)>")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.S)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b")
_VALUE = re.compile(rb"<(?:\w+:)?v\b[^>]*>[^<]")
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,3})(\d+)\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?\"")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters:
        number = number * 26 + (char - 64)
    return number


def check_workbook(path) -> bytes:
    """Refuse an .xlsx beyond the limits, reading only the zip directory and the sheet XML.

    Cells count when they have content (`<c …>…</c>`); a row past MAX_ROWS that holds cells is
    refused, even empty styled ones, because openpyxl would build every row up to it.
    """
    path = Path(path)
    data = read_limited(path, MAX_XLSX_BYTES, "workbook")
    import io
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return data    # not a zip: openpyxl says so in its own words (workbook_unreadable)
    declared = sum(info.file_size for info in infos)
    if declared > MAX_XLSX_UNCOMPRESSED:
        raise InputError(path, None, None, "xlsx_too_big", limit=size_text(MAX_XLSX_UNCOMPRESSED),
                         size=size_text(declared))
    titles = _sheet_titles(archive)
    cells = 0
    for info in infos:
        name = info.filename
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        sheet = name.rsplit("/", 1)[-1][:-4]
        try:
            xml = archive.read(info)
        except Exception:
            return data    # a broken member: openpyxl reports it
        for match in _ROW_TAG.finditer(xml):
            row = int(match.group(1))
            # a row with cells past the limit: openpyxl would build every row up to it (an empty
            # `<row r="30000" ht="20"/>`, a row height set far down, builds nothing and is let be)
            if row > MAX_ROWS and not match.group(2):
                raise InputError(path, None, None, "xlsx_too_many_rows", sheet=titles.get(name, sheet),
                                 row=f"{row:,}", limit=f"{MAX_ROWS:,}")
        for match in _CELL_TAG.finditer(xml):
            body = match.group(2)
            if not body:
                continue          # <c …/>: no content
            cells += 1
            if cells > MAX_CELLS:
                raise InputError(path, None, None, "xlsx_too_many_cells", limit=f"{MAX_CELLS:,}")
            ref = _CELL_REF.search(match.group(1))
            if ref and _column_number(ref.group(1)) > MAX_COLUMNS:
                raise InputError(path, None, None, "xlsx_too_many_columns", sheet=titles.get(name, sheet),
                                 column=ref.group(1).decode(), limit=f"{MAX_COLUMNS:,}")
            if _FORMULA.search(body) and not _VALUE.search(body):
                # data_only reading would see a blank: say why instead of a silent missing fact
                cell = ref.group(1).decode() + ref.group(2).decode() if ref else "?"
                raise InputError(path, None, None, "xlsx_formula_no_value", sheet=titles.get(name, sheet),
                                 cell=cell)
        for match in _MERGE.finditer(xml):
            last_col = match.group(3) or match.group(1)
            last_row = int(match.group(4) or match.group(2))
            if last_row > MAX_ROWS or _column_number(last_col) > MAX_COLUMNS:
                ref = match.group(0).split(b'ref="')[1].rstrip(b'"').decode()
                raise InputError(path, None, None, "xlsx_merge_too_big", sheet=titles.get(name, sheet), ref=ref,
                                 rows=f"{MAX_ROWS:,}", columns=f"{MAX_COLUMNS:,}")
    return data


def check_docx(path) -> bytes:
    """A .docx handed in (a report to audit, a --template): regular, within the size limits."""
    import io
    data = read_limited(path, MAX_XLSX_BYTES, "Word")
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return data                # python-docx says it is not a .docx
    declared = sum(info.file_size for info in infos)
    if declared > MAX_XLSX_UNCOMPRESSED:
        raise InputError(path, None, None, "xlsx_too_big", limit=size_text(MAX_XLSX_UNCOMPRESSED),
                         size=size_text(declared))
    return data


def _sheet_titles(archive) -> dict:
    """Worksheet member name → the sheet's title, for messages (sheet1.xml → 学校基本情况)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except Exception:
        return {}
    import html
    targets = {}
    for rel in re.finditer(r"<Relationship\b[^>]*>", rels):
        rid = re.search(r'\bId="([^"]+)"', rel.group(0))
        target = re.search(r'\bTarget="([^"]+)"', rel.group(0))
        if rid and target:
            path = target.group(1).lstrip("/")
            targets[rid.group(1)] = path if path.startswith("xl/") else "xl/" + path
    titles = {}
    for sheet in re.finditer(r"<(?:\w+:)?sheet\b[^>]*>", book):
        name = re.search(r'\bname="([^"]*)"', sheet.group(0))
        rid = re.search(r'\br:id="([^"]+)"', sheet.group(0))
        if name and rid and rid.group(1) in targets:
            titles[targets[rid.group(1)]] = html.unescape(name.group(1))
    return titles
