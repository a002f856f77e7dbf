"""What a file handed in as facts really is, from its first bytes: an Excel workbook or a Word document
renamed, a password-protected (encrypted) Office file, an old .xls/.doc, a PDF. Said by name ("这是 Excel
工作簿…"), instead of "不是 UTF-8 编码" or "File is not a zip file"."""
from __future__ import annotations

import io
import zipfile

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"     # the Compound File (OLE) header: .xls, .doc, encrypted OOXML


def office_kind(raw: bytes) -> str | None:
    """A message id naming what `raw` is when it is an Office file or a PDF, else None."""
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(raw)).namelist())
        except (zipfile.BadZipFile, ValueError, OSError, EOFError):
            return None
        if any(name.startswith("xl/") for name in names):
            return "file_is_workbook"
        if any(name.startswith("word/") for name in names):
            return "file_is_word"
        return None
    if raw.startswith(_OLE):
        # an encrypted .xlsx/.docx is an OLE file holding the stream "EncryptedPackage" (names in UTF-16)
        if "EncryptedPackage".encode("utf-16-le") in raw:
            return "file_is_encrypted"
        if "WordDocument".encode("utf-16-le") in raw:
            return "file_is_old_word"
        if "Workbook".encode("utf-16-le") in raw or "Book".encode("utf-16-le") in raw:
            return "file_is_old_workbook"
        return "file_is_old_office"
    if raw.startswith(b"%PDF"):
        return "file_is_pdf"
    return None


def decode_text(raw: bytes) -> str | None:
    """UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            return None
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None
