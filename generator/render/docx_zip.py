"""The .docx zip: fixed timestamps (same content → same bytes), and a template's untouched members
compressed once for all the documents made from it.

    base = BaseZip([(name, data), …])       # the members no render changes, compressed once
    base.plus([(name, data), …])            # = zip_bytes(those, base=base.data): the rendered parts appended

plus() writes what zipfile's append mode writes — the base's members as they are, the new ones after
them, one central directory — without reading the base's central directory back for every document:
its entries are read once, here. tests/test_docx_passes.py holds the two to the same bytes.
"""
from __future__ import annotations

import io
import zipfile

from generator.io.writing import write_fixed_members

def zip_bytes(members, base: bytes | None = None) -> bytes:
    """A zip of (name, data) with fixed timestamps; appended to the `base` zip's bytes if given."""
    buffer = io.BytesIO(base or b"")
    with zipfile.ZipFile(buffer, "a" if base else "w", zipfile.ZIP_DEFLATED) as archive:
        write_fixed_members(archive, members)
    return buffer.getvalue()


class BaseZip:
    """A zip of members compressed once, to which each document's own members are appended."""

    def __init__(self, members):
        self.data = zip_bytes(members)
        with zipfile.ZipFile(io.BytesIO(self.data)) as archive:
            self.entries = archive.infolist()          # the central directory, read once
            self.head = self.data[:archive.start_dir]  # the members themselves, before it

    def plus(self, members) -> bytes:
        buffer = io.BytesIO()
        buffer.write(self.head)
        # A zip begun where the base's central directory was, knowing the base's members: what
        # append mode makes of the base after reading that directory again.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.filelist.extend(self.entries)
            archive.NameToInfo.update((entry.filename, entry) for entry in self.entries)
            write_fixed_members(archive, members)
        return buffer.getvalue()
