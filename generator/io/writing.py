"""Writing outputs: whole or not at all, and never over an existing file without --force."""
from __future__ import annotations

import datetime
import io
import os
import re
import tempfile
import time
import zipfile
from pathlib import Path

from generator.errors import InputError, InputErrors
from generator.limits import MAX_TEXT, read_input_named
from generator.sanitize import clean_text, looks_like_formula, short_name


def _refuse(msg_id, **params):
    return InputErrors([InputError(None, None, None, msg_id, **params)])


def refuse_inputs(paths) -> None:
    """An output that is a file this run has read (facts, a county's school file, --costs, --profile,
    --measures, --template: generator.limits remembers each) is refused, --force or not. Called
    by check_writable for every output, and by the verbs that write several files once more just
    before the first is written, when every input has been read."""
    for path in paths:
        if path is None:
            continue
        source = read_input_named(path)
        if source is not None:
            raise _refuse("output_is_input", path=str(path), input=source)


def check_writable(path, force: bool) -> Path:
    """Refuse (exit 2 via InputErrors) an output that cannot or must not be written:
    it is one of the run's inputs (even with --force), it exists and --force was not given,
    it is a folder, its parent is a file, or the folder it goes into is not writable."""
    path = Path(path)
    refuse_inputs([path])
    try:
        return _check_writable(path, force)
    except OSError as exc:     # a name over 255 bytes, a folder that may not be looked into: said, not a traceback
        raise _refuse("output_failed", path=str(path), detail=exc.strerror or str(exc) or "—") from None


def _check_writable(path: Path, force: bool) -> Path:
    if path.is_dir():
        raise _refuse("output_is_dir", path=str(path))
    if path.exists() and not force:
        raise _refuse("output_exists", path=str(path))
    if path.exists() and not path.is_file():
        raise _refuse("output_failed", path=str(path), detail="not a regular file")
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        if parent.is_symlink():
            break
        parent = parent.parent
    if parent.exists() and not parent.is_dir():
        raise _refuse("output_parent_file", path=str(path), parent=str(parent))
    if parent.is_dir() and not os.access(parent, os.W_OK | os.X_OK):
        raise _refuse("output_not_writable", path=str(path), parent=str(parent))
    return path


def check_outputs(outputs, force: bool, inputs=()) -> None:
    """Every output of one run, checked before any is written: each writable, no two the same,
    none of them one of the run's input files (even with --force).

    `outputs` and `inputs` are lists of (option, path); None paths are skipped.
    """
    read = {}
    for option, path in inputs:
        if path is not None:
            read[_identity(path)] = f"{option} {path}"
    seen = {}
    for option, path in outputs:
        if path is None:
            continue
        key = _identity(path)
        if key in read:
            raise _refuse("output_is_input", path=str(path), input=read[key])
        if key in seen:
            raise _refuse("output_same_path", first=seen[key], second=option, path=str(path))
        seen[key] = option
        check_writable(path, force)


def option_input(option: str, value):
    """(option, path) for an input option that names a file (`--profile 本县标准.yaml`), else (option, None):
    `--profile guizhou` is a shipped name, not a file of the user's."""
    if value is None:
        return option, None
    try:
        return option, (value if os.path.isfile(str(value)) else None)
    except (OSError, ValueError):
        return option, None


def _identity(path):
    """What makes two spellings one file: (device, inode) for a file that exists (another case on a
    case-insensitive disk, a link), else the resolved, case-folded-where-the-system-folds path."""
    try:
        info = os.stat(path)
        return ("file", info.st_dev, info.st_ino)
    except (OSError, ValueError):
        return ("path", os.path.normcase(os.path.realpath(str(path))))


def _file_mode() -> int:
    """The mode an ordinary new file gets here (0666 less the umask).

    mkstemp creates its file 0600; renamed into place as is, a report would be unreadable
    to the colleague it is written for. The umask can only be read by setting it, so it is
    set back at once.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _temp_prefix(path: Path) -> str:
    return f".{short_name(path.name, 120)}.{os.getpid()}."


_TEMP_NAME = re.compile(r"^\..*\.(\d+)\.[^.]+\.tmp$")


def _alive(pid: int) -> bool | None:
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return None          # os.kill(pid, 0) would terminate it there: judge by age instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def clean_stale_temps(folder, name: str | None = None) -> int:
    """Remove hidden temporary files a killed run left in `folder` (`kill -9` mid-write).

    A temporary file carries the writer's process id: it is stale when that process is gone
    (or, where that cannot be asked, when it is a day old). Only files of our own naming
    pattern are touched; with `name`, only those of that target.
    """
    folder = Path(folder)
    prefix = None if name is None else _temp_prefix(folder / name).rsplit(".", 2)[0] + "."

    def stale(entry, pid):
        if prefix and not entry.name.startswith(prefix):
            return False
        alive = _alive(pid)
        return alive is False or (alive is None and time.time() - entry.stat().st_mtime > 86400)
    return _remove_temps(folder, stale)


def _remove_temps(folder, chosen) -> int:
    """Remove the hidden temporary files of our own naming pattern in `folder` for which
    `chosen(entry, writer's pid)` holds; the number removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        match = _TEMP_NAME.match(entry.name)
        try:
            if match and chosen(entry, int(match.group(1))):
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


# A folder this process has swept for stale temporary files, and when (time.monotonic()): writing a
# thousand reports into one folder must not list the folder a thousand times.
_SWEPT: dict[str, float] = {}
SWEEP_AGAIN_SECONDS = 60.0


def _sweep(folder: Path) -> None:
    """Remove the stale temporary files in `folder` (clean_stale_temps), at most once a minute per folder
    and process. What a writer killed since leaves is removed by the next sweep, as by the next run."""
    key = os.path.abspath(folder)
    now, last = time.monotonic(), _SWEPT.get(key)
    if last is not None and now - last < SWEEP_AGAIN_SECONDS:
        return
    clean_stale_temps(folder)
    _SWEPT[key] = now


def remove_temps_of(folder, pids) -> int:
    """Remove the temporary files that the given processes, already ended, left in `folder`.

    A worker ended while it wrote (Ctrl-C during --each-school: terminated, or killed after the
    grace period) may leave its temporary file; the parent knows which processes it ended, so it
    removes theirs at once, on every platform, instead of leaving them to the next run."""
    pids = {int(pid) for pid in pids}
    return _remove_temps(folder, lambda entry, pid: pid in pids)


def write_bytes_atomic(path, data: bytes, force: bool = False) -> Path:
    """Write to a temporary file beside the target, then rename it into place.

    Any failure of the file system (a read-only folder, a full disk, a name too long) is an
    InputErrors (exit 2), and no file is left behind under the final name or a temporary one.
    """
    path = check_writable(path, force)
    temp_name = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _sweep(path.parent)
        handle, temp_name = tempfile.mkstemp(prefix=_temp_prefix(path), suffix=".tmp", dir=path.parent)
        os.fchmod(handle, _file_mode()) if hasattr(os, "fchmod") else None
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
        temp_name = None
    except OSError as exc:
        raise _refuse("output_failed", path=str(path), detail=exc.strerror or str(exc) or "—") from None
    finally:
        if temp_name is not None:
            try:
                os.unlink(temp_name)
            except OSError:
                pass
    return path


def mark_formula(cell, formula: str):
    """Put a formula junheng itself wrote into `cell` (e.g. the ledger's =SUM): the only
    formulas xlsx_bytes leaves live; any other text starting with = is stored as text."""
    cell.value = formula
    workbook = cell.parent.parent
    if not hasattr(workbook, "_junheng_formulas"):
        workbook._junheng_formulas = set()
    workbook._junheng_formulas.add((cell.parent.title, cell.coordinate))
    return cell


def _check_cell_string(cell, value):
    """openpyxl's Cell.check_string, by junheng's rule: text over Excel's 32,767 characters is
    refused (openpyxl would cut it silently), characters no workbook can hold become U+FFFD
    (openpyxl would raise IllegalCharacterError, a traceback)."""
    if value is None:
        return None
    value = value if isinstance(value, str) else str(value, cell.encoding) if isinstance(value, bytes) else str(value)
    if len(value) > MAX_TEXT:
        raise _refuse("cell_too_long", sheet=cell.parent.title, cell=cell.coordinate, length=f"{len(value):,}",
                      limit=f"{MAX_TEXT:,}")
    return clean_text(value)


def install_cell_rule() -> None:
    """Every cell any junheng writer assigns goes through _check_cell_string (reading does not:
    openpyxl's reader binds values directly)."""
    from openpyxl.cell.cell import Cell
    if getattr(Cell.check_string, "_junheng", False):
        return
    def check_string(self, value):
        return _check_cell_string(self, value)
    check_string._junheng = True
    Cell.check_string = check_string


def _plain_cells(workbook) -> None:
    """The one rule for text in every workbook junheng writes (generator.sanitize)."""
    own = getattr(workbook, "_junheng_formulas", set())
    for ws in workbook.worksheets:
        for cell in ws._cells.values():
            value = cell.value
            if not isinstance(value, str):
                continue
            if cell.data_type == "f" and (ws.title, cell.coordinate) in own:
                continue
            if len(value) > MAX_TEXT:
                raise _refuse("cell_too_long", sheet=ws.title, cell=cell.coordinate, length=f"{len(value):,}",
                              limit=f"{MAX_TEXT:,}")
            cleaned = clean_text(value)
            if cleaned != value or cell.data_type == "f":
                cell.value = cleaned
            cell.data_type = "s"          # also "#N/A" written as a name: text, not an error cell
            if looks_like_formula(cleaned):
                cell.quotePrefix = True


def xlsx_bytes(workbook) -> bytes:
    """An openpyxl workbook as .xlsx bytes, the same bytes for the same content.

    openpyxl stamps docProps/core.xml with the clock (save_workbook sets `modified`) and the
    zip members with the current time; here the properties get a fixed date, ExcelWriter is
    called directly (so nothing re-stamps them) and the members are rewritten with a fixed
    zip time and mode. Every workbook junheng writes goes through this one function.
    """

    from openpyxl.writer.excel import ExcelWriter

    _plain_cells(workbook)
    workbook.properties.creator = workbook.properties.lastModifiedBy = "junheng"
    workbook.properties.created = workbook.properties.modified = datetime.datetime(2000, 1, 1)
    first = io.BytesIO()
    with zipfile.ZipFile(first, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    out = io.BytesIO()
    with zipfile.ZipFile(first) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        write_fixed_members(target, ((info.filename, source.read(info.filename)) for info in source.infolist()))
    return out.getvalue()


# Every member of a zip junheng writes (.xlsx, .docx) carries this timestamp and mode: output bytes never depend
# on the clock or the umask.
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def write_fixed_members(archive, members) -> None:
    """Write (name, data) into an open zipfile, deflated, with the fixed timestamp and mode."""
    for name, data in members:
        info = zipfile.ZipInfo(name, date_time=ZIP_EPOCH)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)


def write_text_atomic(path, text: str, force: bool = False) -> Path:
    return write_bytes_atomic(path, text.encode("utf-8"), force=force)
