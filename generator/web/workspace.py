"""What every page's route shares: the upload, the per-request workspace, the --keep copies, the
download response and the input-error words. Below app.py (which registers the routes) and the
routes_*.py modules, so no route imports the application back."""
from __future__ import annotations

import io
import shutil
import tempfile
import threading
import time
from pathlib import Path

from flask import send_file

from generator.errors import InputErrors
from generator.web import uploads


MIME = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pdf": "application/pdf", ".zip": "application/zip", ".yaml": "text/yaml; charset=utf-8",
        ".json": "application/json"}


class Keeper:
    """--keep DIR: every produced file is also saved there, under a generated name only."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lock, self.count = threading.Lock(), 0

    def save(self, shown: str, data: bytes) -> None:
        from generator.io.writing import write_bytes_atomic
        with self.lock:
            self.count += 1
            stamp = time.strftime("%Y%m%d-%H%M%S")
            name = f"{stamp}-{self.count:05d}{Path(shown).suffix.lower()[:6]}"
            write_bytes_atomic(self.folder / name, data)
            with open(self.folder / "index.tsv", "a", encoding="utf-8") as index:
                index.write(f"{name}\t{uploads.display_name(shown)}\n")


class Workspace:
    """The request's own temporary folder, removed when the request ends."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="junheng-web-"))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        shutil.rmtree(self.folder, ignore_errors=True)


class Upload:
    """The user's file and choices: a new upload, kept in the server's upload store under a fresh token,
    or — when no file is sent — the upload the page's token names (a download button, or a resubmit
    after an error). No file travels back and forth in the page."""

    def __init__(self, form, files, allowed, store):
        self.allowed = allowed
        self.choices = {key: form.get(key, "") for key in form if key not in ("token", "action")}
        self.choices["allow_repeat"] = form.get("allow_repeat") == "on"
        self.choices["pdf"] = form.get("pdf") == "on"
        self.token, self.expired = "", False
        sent = files.get("file")
        if sent is not None and sent.filename:
            self.name, self.data = uploads.display_name(sent.filename), sent.read()
            if self.data:
                self.token = store.put(self.name, self.data)
        else:
            kept = store.get(form.get("token", ""))
            if kept is not None:
                self.token = form["token"]
                self.name, self.data = kept
            else:
                self.expired = bool(form.get("token"))
                self.name, self.data = "", b""
        self.choices["filename"] = self.name
        self.choices["token"] = self.token

    def save(self, folder: Path) -> Path:
        if not self.name:
            raise uploads._error("web_upload_expired" if self.expired else "web_no_file")
        return uploads.save_upload(self.data, self.name, folder, self.allowed)


def download(app, name: str, data: bytes):
    if app.config["KEEPER"] is not None:
        app.config["KEEPER"].save(name, data)
    mimetype = MIME.get(Path(name).suffix.lower(), "application/octet-stream")
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def download_name(text: str) -> str:
    """A file name for the browser to save: the characters Windows refuses become '_'."""
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text).strip(" .") or "junheng"


def input_error_text(errors: InputErrors, folder: Path, shown: str, lang: str) -> str:
    """The CLI's own words (InputErrors.describe), naming the user's file, not the temp folder."""
    return uploads.rename_files(errors, folder, shown).describe(lang)
