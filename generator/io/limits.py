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

from generator.errors import InputError

MAX_YAML_BYTES = 20 * 1024 * 1024          # a 300-school county inline is about 1 MB
MAX_YAML_NODES = 1_000_000                 # values met walking the file, aliases expanded
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


# the parts of a --template that are compiled and rendered as Jinja (the work grows faster than their size)
_TEMPLATE_PART = re.compile(r"^word/(document|header\d*|footer\d*|footnotes)\.xml$|^docProps/core\.xml$")


def check_docx(path, template: bool = False) -> bytes:
    """A .docx handed in (a report to audit, a --template): regular, within the size limits.

    Every member is read by python-docx or the template loader, so every member counts: in all
    at most MAX_DOCX_UNCOMPRESSED inflated, each XML part at most MAX_DOCX_PART, and for a
    template each part that is compiled as Jinja at most MAX_TEMPLATE_PART — checked from the
    zip directory before anything is inflated (zipfile never inflates past a declared size).
    """
    import io
    data = read_limited(path, MAX_XLSX_BYTES, "Word")
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return data                # python-docx says it is not a .docx
    declared = sum(info.file_size for info in infos)
    if declared > MAX_DOCX_UNCOMPRESSED:
        raise InputError(path, None, None, "xlsx_too_big", limit=size_text(MAX_DOCX_UNCOMPRESSED),
                         size=size_text(declared))
    for info in infos:
        limit = MAX_TEMPLATE_PART if template and _TEMPLATE_PART.match(info.filename) else MAX_DOCX_PART
        if info.filename.endswith((".xml", ".rels")) and info.file_size > limit:
            raise InputError(path, None, None, "docx_part_too_big", part=info.filename,
                             size=size_text(info.file_size), limit=size_text(limit))
    return data
