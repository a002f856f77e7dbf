"""One rule for text that leaves junheng: workbook cells and file names.

- **Workbook cells** (`cell_text`, applied to every cell by writing.xlsx_bytes): text is
  never a formula unless junheng put it there — a school called `=HYPERLINK(…)` or a 责任人
  `=cmd|' /C calc'!A0` is stored as a plain string, and text starting with = + - @ tab or
  CR also gets Excel's quote prefix, so that editing the cell cannot turn it into one.
  Characters no workbook can hold (C0 controls other than tab/newline, U+FFFE/U+FFFF,
  lone surrogates) become U+FFFD; text longer than Excel's 32,767 characters is refused
  (never cut silently).
- **File names** (`file_name`): characters Windows forbids and control characters become
  "_", leading/trailing blanks and dots go, a name that is then empty, a dot name or a
  Windows device name (CON, NUL, COM1 …) gets a real one, and a long name is shortened
  with a stable suffix taken from the full name (so two long names that share a prefix
  still differ, and the same name gives the same file every run).
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

# Not allowed in XML 1.0 (so in no .xlsx/.docx): C0 controls but tab/LF/CR, surrogates, U+FFFE/F.
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORBIDDEN_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]')
_DEVICE_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                 *(f"LPT{i}" for i in range(1, 10))}

# Bytes of a file name we produce (UTF-8), leaving room under the usual 255-byte limit for
# the atomic writer's temporary name (".NAME.<pid>.<random>.tmp").
MAX_NAME_BYTES = 180


def bad_char(text: str) -> int | None:
    """The code point of the first character no document can hold, or None."""
    match = _ILLEGAL.search(text)
    return ord(match.group(0)) if match else None


def clean_text(text: str) -> str:
    """Text with every character no document can hold replaced by U+FFFD."""
    return _ILLEGAL.sub("\ufffd", text)


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]


def _cut_bytes(text: str, limit: int) -> str:
    encoded = text.encode("utf-8", "surrogatepass")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", "ignore")


def file_name(name: str, suffix: str = "", fallback: str = "学校") -> str:
    """A safe, stable file name for `name` followed by `suffix` (e.g. "自查报告.docx")."""
    text = unicodedata.normalize("NFC", clean_text(str(name)))
    safe = _FORBIDDEN_IN_NAMES.sub("_", text).replace("\ufffd", "_").strip(" .\u3000")
    if not safe or set(safe) <= {"_"}:
        safe = f"{fallback}-{_digest(text)}"
    elif safe.split(".")[0].strip().upper() in _DEVICE_NAMES:
        safe = "_" + safe
    room = MAX_NAME_BYTES - len(suffix.encode("utf-8"))
    if len(safe.encode("utf-8")) > room:
        tail = "~" + _digest(text)
        safe = _cut_bytes(safe, room - len(tail)).rstrip(" .") + tail
    return safe + suffix


def short_name(name: str, limit: int = MAX_NAME_BYTES) -> str:
    """A file name (as given by the user) cut to `limit` bytes for a temporary file's prefix."""
    return _cut_bytes(name, limit)
