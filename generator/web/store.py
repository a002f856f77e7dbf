"""Uploads kept on the server behind an expiring token, and the evaluation made of each.

A result page carries only a random token back (no file in a hidden field): the download buttons and
a resubmit after an error find the upload by it. The token is the only thing that reaches a path, and
only after it matched TOKEN_FORM; the upload's own name is kept as data. Entries expire after TTL
seconds (one hour) and are swept on every use, oldest first when the store holds more than MAX_BYTES.
The evaluation of an upload under a choice of standard is kept in memory for the most recent few, so
that a download does not evaluate the county again.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from pathlib import Path

TTL = 3600                       # an upload is kept an hour after it was last used
MAX_BYTES = 512 * 2 ** 20        # the whole store; the oldest go first past it
EVALUATIONS_KEPT = 16            # evaluations kept in memory (a 300-school county is a few MB)
TOKEN_FORM = re.compile(r"[A-Za-z0-9_-]{32}")


class UploadStore:
    def __init__(self, root: Path | None = None, ttl: int = TTL, max_bytes: int = MAX_BYTES):
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="junheng-uploads-"))
        self.root.mkdir(parents=True, exist_ok=True)
        self.ttl, self.max_bytes = ttl, max_bytes
        self.lock = threading.Lock()
        self.evaluations: OrderedDict = OrderedDict()

    # -- uploads
    def put(self, name: str, data: bytes) -> str:
        token = secrets.token_urlsafe(24)            # 32 characters of TOKEN_FORM
        folder = self.root / token
        folder.mkdir()
        (folder / "data").write_bytes(data)
        (folder / "meta.json").write_text(json.dumps({"name": name, "size": len(data)}, ensure_ascii=False),
                                          encoding="utf-8")
        self.sweep()
        return token

    def get(self, token: str) -> tuple[str, bytes] | None:
        """(name, bytes) of a live upload, or None (unknown, malformed or expired)."""
        folder = self._folder(token)
        if folder is None:
            return None
        try:
            meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            data = (folder / "data").read_bytes()
        except (OSError, ValueError):
            return None
        os.utime(folder)                     # used: kept another TTL
        return meta["name"], data

    def _folder(self, token) -> Path | None:
        if not isinstance(token, str) or not TOKEN_FORM.fullmatch(token):
            return None
        folder = self.root / token
        if not folder.is_dir() or time.time() - folder.stat().st_mtime > self.ttl:
            return None
        return folder

    def sweep(self) -> None:
        """Remove what expired, then the oldest while the store is over its size."""
        with self.lock:
            entries = []
            for folder in self.root.iterdir():
                try:
                    stat = folder.stat()
                    size = (folder / "data").stat().st_size
                except OSError:
                    continue
                if time.time() - stat.st_mtime > self.ttl:
                    shutil.rmtree(folder, ignore_errors=True)
                    self._forget(folder.name)
                else:
                    entries.append((stat.st_mtime, size, folder))
            total = sum(size for _, size, _ in entries)
            for _, size, folder in sorted(entries):
                if total <= self.max_bytes:
                    break
                shutil.rmtree(folder, ignore_errors=True)
                self._forget(folder.name)
                total -= size

    # -- evaluations of an upload, by (token, choice)
    def evaluation(self, key: tuple):
        with self.lock:
            found = self.evaluations.get(key)
            if found is not None:
                self.evaluations.move_to_end(key)
            return found

    def keep_evaluation(self, key: tuple, value) -> None:
        with self.lock:
            self.evaluations[key] = value
            self.evaluations.move_to_end(key)
            while len(self.evaluations) > EVALUATIONS_KEPT:
                self.evaluations.popitem(last=False)

    def _forget(self, token: str) -> None:
        for key in [key for key in self.evaluations if key[0] == token]:
            del self.evaluations[key]

    def close(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)
