"""Writing outputs: whole or not at all, and never over an existing file without --force."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError, InputErrors


def check_writable(path, force: bool) -> Path:
    """Refuse (exit 2 via InputErrors) when the output exists and --force was not given."""
    path = Path(path)
    if path.exists() and not force:
        raise InputErrors([InputError(None, None, None, "output_exists", path=str(path))])
    return path


def _file_mode() -> int:
    """The mode an ordinary new file gets here (0666 less the umask).

    mkstemp creates its file 0600; renamed into place as is, a report would be unreadable
    to the colleague it is written for. The umask can only be read by setting it, so it is
    set back at once.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def write_bytes_atomic(path, data: bytes, force: bool = False) -> Path:
    """Write to a temporary file beside the target, then rename it into place."""
    path = check_writable(path, force)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(handle, _file_mode())
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    return path


def xlsx_bytes(workbook) -> bytes:
    """An openpyxl workbook as .xlsx bytes, the same bytes for the same content.

    openpyxl stamps docProps/core.xml with the clock (save_workbook sets `modified`) and the
    zip members with the current time; here the properties get a fixed date, ExcelWriter is
    called directly (so nothing re-stamps them) and the members are rewritten with a fixed
    zip time and mode. Every workbook junheng writes goes through this one function.
    """
    import datetime
    import io
    import zipfile

    from openpyxl.writer.excel import ExcelWriter

    workbook.properties.creator = workbook.properties.lastModifiedBy = "junheng"
    workbook.properties.created = workbook.properties.modified = datetime.datetime(2000, 1, 1)
    first = io.BytesIO()
    with zipfile.ZipFile(first, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def write_text_atomic(path, text: str, force: bool = False) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), force=force)
