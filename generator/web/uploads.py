"""Uploaded files → a path inside the request's own temporary folder, and nothing else.

The rule of the server: no name or path the user sends ever reaches the file system as given.
- A single upload is saved under a fixed name (``upload`` + a whitelisted suffix); its own
  name is kept only to be shown in messages.
- An uploaded .zip is extracted here with bounds on member count, on each member's and on
  the total uncompressed size (counted while inflating, not trusted from the header), and
  every member name must be relative, without ``..``, without a drive; nothing else is written.
- A county fact file may name its schools' files; on the server they resolve only inside the
  extracted folder (never ``../../etc/passwd``); a county's ``profile:`` must be a shipped one.
Errors are InputErrors, so they are shown exactly as the CLI words them.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path, PurePosixPath

from generator.errors import InputError, InputErrors

FACT_SUFFIXES = (".yaml", ".yml", ".xlsx")
REPORT_SUFFIXES = (".docx", ".txt")
ZIP_MEMBERS = 2000                  # a county of 300 schools as files is far below this
ZIP_MEMBER_BYTES = 20 * 1024 * 1024
ZIP_TOTAL_BYTES = 100 * 1024 * 1024


def _error(msg_id, file=None, key=None, **params) -> InputErrors:
    return InputErrors([InputError(file, None, key, msg_id, **params)])


def display_name(name: str | None) -> str:
    """The user's file name for messages only: its last component, control characters dropped."""
    text = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in text if ord(ch) >= 32)[:120] or "upload"


def save_upload(data: bytes, name: str, folder: Path, allowed) -> Path:
    """Write an upload under a fixed name in `folder`; a .zip is extracted and its main file returned."""
    shown = display_name(name)
    suffix = Path(shown).suffix.lower()
    if not data and not name:
        raise _error("web_no_file")
    if suffix == ".zip":
        root = folder / "zip"
        extract_zip(data, root, shown)
        return main_file(root, allowed, shown)
    if suffix not in allowed:
        raise _error("web_suffix", allowed=" / ".join((*allowed, ".zip")), name=shown)
    path = folder / f"upload{suffix}"
    path.write_bytes(data)
    return path


def _member_name(info: zipfile.ZipInfo) -> str:
    """Windows zip tools write GBK names without the UTF-8 flag; Python reads those as cp437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def safe_relative(name: str) -> PurePosixPath | None:
    """A member or school path as a relative path, or None if it is absolute or climbs out."""
    text = name.replace("\\", "/")
    if not text or text.startswith("/") or (len(text) > 1 and text[1] == ":"):
        return None
    parts = [part for part in text.split("/") if part not in ("", ".")]
    if not parts or any(part == ".." for part in parts) or any(ord(ch) < 32 for ch in text):
        return None
    return PurePosixPath(*parts)


def extract_zip(data: bytes, root: Path, shown: str) -> None:
    """Extract the archive into `root`, bounded in count and in inflated bytes."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise _error("web_zip_bad", file=shown, detail=str(exc) or type(exc).__name__) from None
    if len(infos) > ZIP_MEMBERS:
        raise _error("web_zip_members", file=shown, limit=ZIP_MEMBERS)
    total = 0
    root.mkdir(parents=True, exist_ok=True)
    with archive:
        for info in infos:
            name = _member_name(info)
            relative = safe_relative(name)
            if relative is None:
                raise _error("web_zip_name", file=shown, name=name)
            if info.is_dir() or relative.name.startswith("__MACOSX") or "__MACOSX" in relative.parts:
                continue
            target = root.joinpath(*relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            written = 0
            try:
                with archive.open(info) as source, open(target, "wb") as sink:
                    while True:
                        chunk = source.read(64 * 1024)
                        if not chunk:
                            break
                        written += len(chunk)
                        total += len(chunk)
                        if written > ZIP_MEMBER_BYTES or total > ZIP_TOTAL_BYTES:
                            raise _error("web_zip_size", file=shown, limit=ZIP_TOTAL_BYTES // 2 ** 20,
                                         member=ZIP_MEMBER_BYTES // 2 ** 20)
                        sink.write(chunk)
            except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError) as exc:
                raise _error("web_zip_bad", file=shown, detail=str(exc) or type(exc).__name__) from None


def main_file(root: Path, allowed, shown: str) -> Path:
    """The one fact (or report) file at the archive's shallowest level holding any."""
    found = [p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in allowed]
    if found:
        depth = min(len(p.relative_to(root).parts) for p in found)
        found = sorted(p for p in found if len(p.relative_to(root).parts) == depth)
    if len(found) != 1:
        names = "、".join(p.relative_to(root).as_posix() for p in found[:5]) or "—"
        raise _error("web_zip_main", file=shown, count=len(found), names=names)
    return found[0]


def confine(path: Path, root: Path, shipped: list[str]) -> None:
    """Refuse a county file whose school paths leave `root`, or whose profile is not shipped.

    Checked on the raw data before load_facts runs, so the loader never opens such a path.
    """
    from generator.model import schema
    from generator.io.yaml_source import WORKBOOK_SUFFIXES, read_source

    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        # A workbook's schools are rows (never paths), and its profile cell is checked by
        # service.choose_profile before any profile is loaded: no second read of a large file.
        return
    try:
        data = read_source(path)
    except InputError as err:
        raise InputErrors([err]) from None
    if not isinstance(data, dict):
        return                       # load_facts words what is wrong with it
    index = schema.field_index(schema.COUNTY_FIELDS)
    errors = []
    lines = getattr(data, "lines", {}) or {}
    for key, value in data.items():
        fld = index.get(key)
        if fld is None:
            continue
        if fld.key == "profile" and isinstance(value, str) and value not in shipped:
            errors.append(InputError(path, lines.get(key), "profile", "web_profile_shipped",
                                     known="、".join(shipped), name=value))
        if fld.key == "schools" and isinstance(value, list):
            named = [(n, e) for n, e in enumerate(value) if isinstance(e, str)]
            if named and not root.is_dir():        # a single file was uploaded: nothing to resolve against
                line = value.lines[named[0][0]] if hasattr(value, "lines") else None
                errors.append(InputError(path, line, "schools", "web_schools_need_zip", count=len(named),
                                         path=named[0][1]))
                continue
            for number, entry in enumerate(value):
                if not isinstance(entry, str):
                    continue
                line = value.lines[number] if hasattr(value, "lines") and number < len(value.lines) else None
                relative = safe_relative(entry)
                resolved = path.parent.joinpath(*relative.parts).resolve() if relative else None
                if resolved is None or not resolved.is_relative_to(root.resolve()):
                    errors.append(InputError(path, line, f"schools[{number}]", "web_school_path", path=entry))
    if errors:
        raise InputErrors(errors)


def rename_files(errors: InputErrors, folder: Path, shown: str) -> InputErrors:
    """Messages name the user's file (or the member of their .zip), never the temporary folder."""
    base = str(folder)
    for err in errors.errors:
        if err.file and err.file.startswith(base):
            rest = Path(err.file).relative_to(folder).as_posix()
            if rest.startswith("zip/"):
                err.file = f"{shown}:{rest[4:]}"
            else:
                err.file = shown
    return errors
