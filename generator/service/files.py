"""One rule for the names of files a run makes from names people wrote (a school per file, in a folder or
a .zip): the name by generator.sanitize, made unique ignoring case — Windows and macOS folders do not
tell 'A' from 'a', and two names may differ only in characters a file name cannot hold ("A/B", "A_B")."""
from __future__ import annotations

from typing import Callable, Iterable
import io
import zipfile


def unique_file_names(names: Iterable[str], file_name: Callable[[str], str]) -> list[str]:
    """One file name per name, in order: file_name(name), else file_name("name（2）"), "name（3）" … until
    no earlier name equals it ignoring case."""
    taken, chosen = set(), []
    for name in names:
        candidate, extra = file_name(name), 1
        while candidate.casefold() in taken:
            extra += 1
            candidate = file_name(f"{name}（{extra}）")
        taken.add(candidate.casefold())
        chosen.append(candidate)
    return chosen


def zip_bytes(files: list[tuple[str, bytes]]) -> bytes:
    """A .zip whose names are UTF-8 (flagged), which Windows Explorer and WPS read; a fixed date on every
    member, so the same files make the same bytes."""

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
