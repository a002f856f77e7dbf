"""A consistent copy of the database while the server runs, and the restore.

SQLite (DIR): SQLite's online backup API — pages copied under a read transaction, so the copy is one moment of
the database, never a torn file. Restore: stop the server, put the copy in place of DIR/junheng.sqlite3 (remove
junheng.sqlite3-wal and -shm of the old one), start the server: it upgrades an older copy in place.

PostgreSQL (--db URL): PostgreSQL's own tools, pg_dump in its custom format (one snapshot transaction: one
moment of the database while the server writes) and pg_restore into the database named, in one transaction
(a failed restore leaves the database as it was).
"""
from __future__ import annotations

import glob
import shutil
import sqlite3
import subprocess
from pathlib import Path

PG_MAGIC = b"PGDMP"          # the first bytes of a pg_dump custom-format archive

from generator.collect.db import sqlite_path


def backup(data, output) -> int:
    """Copy DIR's database to OUTPUT (written whole: a temporary file renamed); returns the bytes written."""
    source_path = sqlite_path(Path(data))
    if not source_path.exists():
        raise FileNotFoundError(str(source_path))
    output = Path(output)
    temporary = output.with_name(output.name + ".part")
    temporary.unlink(missing_ok=True)
    source = sqlite3.connect(source_path, timeout=60)
    try:
        target = sqlite3.connect(temporary)
        try:
            source.backup(target, pages=1024)
            target.execute("PRAGMA journal_mode=DELETE")     # one self-contained file
            ok = target.execute("PRAGMA integrity_check").fetchone()[0]
            if ok != "ok":
                raise sqlite3.DatabaseError(ok)
        finally:
            target.close()
    finally:
        source.close()
    temporary.replace(output)
    return output.stat().st_size


def restore(copy, data) -> None:
    """Put a backup in place as DIR's database (the server must be stopped)."""
    target = sqlite_path(Path(data))
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    temporary = target.with_name(target.name + ".restore")
    temporary.write_bytes(Path(copy).read_bytes())
    temporary.replace(target)


# ---------------------------------------------------------------- PostgreSQL
class ToolError(Exception):
    """pg_dump / pg_restore missing or failed: the tool's own last words."""


def pg_tool(name: str) -> str:
    """The newest installed PostgreSQL's NAME (Debian keeps them per version), else NAME on the PATH."""
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version_key)
    if found:
        return found[-1]
    on_path = shutil.which(name)
    if on_path is None:
        raise ToolError(name)
    return on_path


def _version_key(path: str):
    part = Path(path).parts[-3]
    return (int(part),) if part.isdigit() else (0,)


def libpq_url(url: str) -> str:
    """The URL as libpq reads it (SQLAlchemy's postgresql+psycopg:// → postgresql://)."""
    scheme, _, rest = url.partition("://")
    return "postgresql://" + rest if scheme.startswith("postgres") else url


def _run(command: list[str]) -> None:
    try:
        done = subprocess.run(command, capture_output=True, timeout=3600)
    except OSError as error:
        raise ToolError(f"{command[0]}: {error.strerror}") from None
    if done.returncode != 0:
        raise ToolError(done.stderr.decode("utf-8", "replace").strip()[-600:])


def backup_postgres(url: str, output) -> int:
    """pg_dump of the database at URL to OUTPUT (custom format, written whole: a temporary file renamed after
    pg_restore has read its table of contents); returns the bytes written."""
    output = Path(output)
    temporary = output.with_name(output.name + ".part")
    temporary.unlink(missing_ok=True)
    try:
        _run([pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(temporary),
              "--dbname", libpq_url(url)])
        _run([pg_tool("pg_restore"), "--list", str(temporary)])
    except ToolError:
        temporary.unlink(missing_ok=True)
        raise
    temporary.replace(output)
    return output.stat().st_size


def is_pg_dump(copy) -> bool:
    with open(copy, "rb") as handle:
        return handle.read(len(PG_MAGIC)) == PG_MAGIC


def restore_postgres(copy, url: str) -> None:
    """The copy into the database at URL, replacing what it holds (the server must be stopped), in one
    transaction; the next start upgrades an older copy in place."""
    _run([pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          "--exit-on-error", "--dbname", libpq_url(url), str(copy)])
