"""A consistent copy of a SQLite DIR while the server runs (SQLite's online backup API: pages copied under a
read transaction, so the copy is one moment of the database, never a torn file), and the restore.

Restore: stop the server, put the copy in place of DIR/junheng.sqlite3 (remove junheng.sqlite3-wal and -shm
of the old one), start the server: it upgrades an older copy in place. For PostgreSQL use pg_dump / pg_restore.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

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
