"""Declared limits for every file a user hands junheng, checked before the work.

Each limit is chosen far above any real county's paperwork and far below what would let a
careless or hostile file take minutes, gigabytes or a traceback (README, "Limits"):

- a fact file, profile, --costs or --measures YAML is at most MAX_YAML_BYTES on disk, and
  walking it (aliases expanded) meets at most MAX_YAML_NODES values: a 600-byte alias bomb
  is refused at once instead of expanding to gigabytes;
- a workbook is at most MAX_XLSX_BYTES on disk and MAX_XLSX_UNCOMPRESSED inflated (the parts
  junheng reads, as declared in the zip), each sheet at most MAX_ROWS rows and MAX_COLUMNS
  columns, at most MAX_CELLS cells in all, no merged range wider than the sheet limits, at most
  MAX_SHARED_STRINGS shared strings of MAX_SHARED_TEXT characters in all — checked while the
  parts stream (generator.io.workbook.package), before openpyxl builds a single cell;
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
import io

from generator.errors import InputError

MAX_YAML_BYTES = 20 * 1024 * 1024          # a 300-school county inline is about 1 MB
MAX_YAML_NODES = 1_000_000                 # values met walking the file, aliases expanded
MAX_MAPPING_KEYS = 10_000                  # keys of one mapping (a school has ~80, a 学科 table a few dozen)
MAX_XLSX_BYTES = 50 * 1024 * 1024
MAX_XLSX_UNCOMPRESSED = 200 * 1024 * 1024  # the parts read, inflated, as the zip declares them
MAX_XLSX_PART = 10 * 1024 * 1024           # one package part (workbook.xml, its rels, styles.xml)
MAX_SHARED_STRINGS = 100_000               # distinct texts of a workbook (a county has a few thousand)
MAX_SHARED_TEXT = 10_000_000               # characters of all of them together
MAX_XML_TOKEN = 1024 * 1024                # one tag, comment or instruction in a part's XML
MAX_DOCX_UNCOMPRESSED = 64 * 1024 * 1024   # a .docx's members inflated (a 2,000-school report: 4 MB)
MAX_DOCX_PART = 16 * 1024 * 1024           # one XML part (word/document.xml of that report: 2.7 MB)
MAX_TEMPLATE_PART = 1024 * 1024            # a --template part compiled as Jinja (the shipped ones: ≤ 31 KB)
MAX_ROWS = 20_000                          # rows per sheet (a county's schools, several per stage)
MAX_COLUMNS = 1_000                        # columns per sheet (the fill-in sheet has ~120)
MAX_CELLS = 2_000_000                      # cells with content, all sheets together
MAX_DIGITS = 15                            # significant digits of a number (what Excel keeps)
MAX_MAGNITUDE = 15                         # numbers up to 10**15 (a county budget is ~10**10 元)
MAX_TEXT = 32_767                          # characters of one text: Excel's cell limit
MAX_TEMPLATE_SECONDS = 10                  # rendering one user template
MAX_TEMPLATE_OUTPUT = 50 * 1024 * 1024     # characters one template part may produce


def size_text(size: int, versus: int | None = None) -> str:
    """A size as people read it (21.3 MB). Beside a limit (`versus`) that it is past, with as many
    places as it takes to differ from it: 20.03 MB against 20 MB, never "20 MB，上限 20 MB"."""
    text = _size(size, 1)
    if versus is not None and size != versus:
        places = 1
        while places < _MAX_SIZE_PLACES and _size(size, places) == _size(versus, places):
            places += 1
            text = _size(size, places)
        if _size(size, places) == _size(versus, places):
            text = f"{size:,} B"
    return text


_MAX_SIZE_PLACES = 4     # 20.0001 MB at most; closer than that, the bytes are shown


def _size(size: int, places: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            text = f"{size / scale:.{places}f}".rstrip("0").rstrip(".")
            return f"{text} {unit}"
    return f"{size} B"


# Every file a run reads, by its identity on disk (device, inode): an output that is one of them is
# refused even with --force (generator.io.writing.check_writable). The identity, not the spelling,
# so that another case on a case-insensitive disk, a symbolic link or a hard link is the same file.
# Bounded for the long-running web server (each request reads its own temporary files).
_READ: dict = {}
_MAX_READ = 100_000


def forget_inputs() -> None:
    """A new run starts (the CLI's outer frame): the files an earlier run in this process read are not its."""
    _READ.clear()


def remember_input(path, info=None) -> None:
    try:
        info = info or os.stat(path)
    except OSError:
        return
    if len(_READ) >= _MAX_READ:
        _READ.pop(next(iter(_READ)))
    _READ[(info.st_dev, info.st_ino)] = str(path)


def read_input_named(path) -> str | None:
    """The input this run read that `path` is (the path as it was read), or None."""
    try:
        info = os.stat(path)
        source = _READ.get((info.st_dev, info.st_ino))
        # the input must still be there: a deleted input's inode may since belong to another file
        return source if source is not None and os.path.samefile(source, path) else None
    except (OSError, ValueError):
        return None


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
    remember_input(path, info)
    if info.st_size > limit:
        raise InputError(path, None, None, "too_large", size=size_text(info.st_size, limit),
                         limit=size_text(limit), what=what)
    try:
        with open(path, "rb") as stream:
            data = stream.read(limit + 1)
    except OSError as exc:
        raise InputError(path, None, None, "file_unreadable", detail=exc.strerror or str(exc)) from None
    if len(data) > limit:          # grew while we read it
        raise InputError(path, None, None, "too_large", size=size_text(len(data), limit),
                         limit=size_text(limit), what=what)
    return data


def check_expansion(path, data, limit: int | None = None) -> None:
    """Refuse YAML whose aliases add more than `limit` values.

    The parsed data shares aliased objects, so it is small in memory; anything that walks it
    (validation, error messages, JSON) would expand it. What an alias adds is counted: a mapping or
    list reached a second time, and everything inside it. A large file without aliases (20,000
    schools inline) adds nothing and is bounded by the file size; a 600-byte bomb adds 10⁹ and is
    refused as soon as the budget is spent, so it costs at most `limit` steps.
    """
    limit = MAX_YAML_NODES if limit is None else limit
    added = 0
    seen: set = set()
    stack = [data]
    while stack:
        item = stack.pop()
        if not isinstance(item, (dict, list)):
            continue            # a scalar document (or None for an empty one) holds no alias
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        for child in children:
            if isinstance(child, (dict, list)):
                if id(child) in seen:
                    added += _expanded(path, child, limit - added, limit)
                else:
                    seen.add(id(child))
                    stack.append(child)


def _expanded(path, data, budget: int, limit: int) -> int:
    """How many values `data` holds, aliases expanded; refused as soon as that passes `budget`."""
    count = 0
    stack = [data]
    while stack:
        item = stack.pop()
        count += 1
        if count > budget:
            raise InputError(path, None, None, "yaml_too_many", limit=f"{limit:,}")
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return count


# the parts of a --template that are compiled and rendered as Jinja (the work grows faster than their size)
_TEMPLATE_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$|^docProps/core\.xml$")


def check_docx(path, template: bool = False) -> bytes:
    """A .docx handed in (a report to audit, a --template): regular, within the size limits.

    Every member is read by python-docx or the template loader, so every member counts: in all
    at most MAX_DOCX_UNCOMPRESSED inflated, each XML part at most MAX_DOCX_PART, and for a
    template each part that is compiled as Jinja at most MAX_TEMPLATE_PART — checked from the
    zip directory before anything is inflated (zipfile never inflates past a declared size).
    """
    data = read_limited(path, MAX_XLSX_BYTES, "Word")
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return data                # python-docx says it is not a .docx
    declared = sum(info.file_size for info in infos)
    if declared > MAX_DOCX_UNCOMPRESSED:
        raise InputError(path, None, None, "xlsx_too_big", limit=size_text(MAX_DOCX_UNCOMPRESSED),
                         size=size_text(declared, MAX_DOCX_UNCOMPRESSED))
    for info in infos:
        limit = MAX_TEMPLATE_PART if template and _TEMPLATE_PART.match(info.filename) else MAX_DOCX_PART
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limit:
            raise InputError(path, None, None, "docx_part_too_big", part=info.filename,
                             size=size_text(info.file_size), limit=size_text(limit))
    return data
