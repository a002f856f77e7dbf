"""`junheng serve`: the Flask application (pages, downloads, jobs), served by waitress.

Why Flask + waitress: both are pure Python wheels (no compiler, Windows included, Python
3.10–3.14), Flask brings Jinja with autoescape and a request-size limit, and waitress is a
production WSGI server with a thread pool that runs the same on Windows and Linux — a county
IT person starts it with one command and no reverse proxy.
"""
from __future__ import annotations

import base64
import binascii
import io
import shutil
import tempfile
import threading
import time
from pathlib import Path

from flask import Flask, jsonify, render_template, request, send_file

from generator.errors import InputErrors
from generator.web import uploads
from generator.web.jobs import Jobs

MAX_UPLOAD = 20 * 1024 * 1024
_HERE = Path(__file__).resolve().parent
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
    """The request's own temporary folder, removed when the request ends (or by the job it is handed to)."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="junheng-web-"))
        self.handed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        if not self.handed:
            shutil.rmtree(self.folder, ignore_errors=True)

    def handoff(self) -> Path:
        self.handed = True
        return self.folder


class Upload:
    """The user's file and choices, taken from a new upload or from the page's hidden copy.

    The result page carries the uploaded bytes back in a hidden field, so the download buttons
    work without the server keeping anything between requests.
    """

    def __init__(self, form, files, allowed):
        self.allowed = allowed
        self.choices = {key: form.get(key, "") for key in form if key not in ("payload", "action")}
        self.choices["allow_repeat"] = form.get("allow_repeat") == "on"
        self.choices["pdf"] = form.get("pdf") == "on"
        sent = files.get("file")
        if sent is not None and sent.filename:
            self.name, self.data = uploads.display_name(sent.filename), sent.read()
        elif form.get("payload"):
            self.name = uploads.display_name(form.get("filename"))
            try:
                self.data = base64.b64decode(form["payload"], validate=True)
            except (binascii.Error, ValueError):
                self.data = b""
        else:
            self.name, self.data = "", b""
        self.choices["filename"] = self.name

    @property
    def payload(self) -> str:
        return base64.b64encode(self.data).decode("ascii") if self.data else ""

    def save(self, folder: Path) -> Path:
        if not self.name:
            raise uploads._error("web_no_file")
        return uploads.save_upload(self.data, self.name, folder, self.allowed)


def download(app, name: str, data: bytes):
    if app.config["KEEPER"] is not None:
        app.config["KEEPER"].save(name, data)
    mimetype = MIME.get(Path(name).suffix.lower(), "application/octet-stream")
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)


def download_name(text: str) -> str:
    """A file name for the browser to save: the characters Windows refuses become '_'."""
    return "".join("_" if ch in '\\/:*?"<>|' or ord(ch) < 32 else ch for ch in text).strip(" .") or "junheng"


def create_app(keep=None, pdf_slots: int = 1, pdf_timeout: int = 180, job_workers: int = 2,
               max_upload: int = MAX_UPLOAD, lang: str = "zh") -> Flask:
    from generator.web.service import Converter

    app = Flask(__name__, template_folder=str(_HERE / "templates"), static_folder=str(_HERE / "static"))
    app.config.update(MAX_CONTENT_LENGTH=max_upload, LANG=lang,
                      KEEPER=Keeper(keep) if keep else None,
                      JOBS=Jobs(workers=job_workers, keep=Keeper(keep) if keep else None),
                      CONVERTER=Converter(slots=pdf_slots, timeout=pdf_timeout))
    app.jinja_env.autoescape = True      # every template, whatever its suffix

    @app.context_processor
    def keeping():
        return {"keeping": keep is not None}

    from generator.web import routes_audit
    from generator.web import routes_centre
    from generator.web import routes_check
    for module in (routes_check, routes_centre, routes_audit):
        module.register(app)

    @app.get("/")
    def index():
        return render_template("index.html", active="home")

    @app.get("/blank/<kind>.xlsx")
    def blank(kind):
        from generator.io.workbook.fillin import blank_workbook
        names = {"school": "学校事实填报表.xlsx", "county": "县（区）事实填报表.xlsx", "centre": "中心学校填报表.xlsx"}
        if kind not in names:
            return render_template("error.html", message="没有这种空白表"), 404
        return download(app, names[kind], blank_workbook(kind))

    @app.get("/jobs/<job_id>")
    def job_page(job_id):
        job = app.config["JOBS"].get(job_id)
        if job is None:
            return render_template("error.html", message="任务不存在或已过期（结果只保留 30 分钟，下载一次后即删除）"), 404
        return render_template("job.html", job=job, active="")

    @app.get("/jobs/<job_id>.json")
    def job_json(job_id):
        job = app.config["JOBS"].get(job_id)
        if job is None:
            return jsonify({"state": "gone"}), 404
        return jsonify(job.as_json())

    @app.get("/jobs/<job_id>/download")
    def job_download(job_id):
        job = app.config["JOBS"].take(job_id)
        if job is None:
            return render_template("error.html", message="任务不存在、未完成或已下载过"), 404
        mimetype = MIME.get(Path(job.filename).suffix.lower(), "application/octet-stream")
        return send_file(io.BytesIO(job.data), mimetype=mimetype, as_attachment=True, download_name=job.filename)

    @app.errorhandler(413)
    def too_large(_error):
        from generator.i18n import message
        text = message("error_prefix", lang) + ": " + message("web_too_large", lang, limit=max_upload // 2 ** 20)
        page = {"/check": "check.html", "/centre": "centre.html", "/audit": "audit.html"}.get(request.path)
        if page is None:
            return render_template("error.html", message=text), 413
        from generator.web.service import AUTO, shipped
        return render_template(page, errors=text, choices={}, profiles=shipped(), auto=AUTO,
                               active=request.path.strip("/")), 413

    @app.errorhandler(500)
    def internal(_error):
        # an input no check foresaw: say so plainly; the server goes on serving others
        return render_template("error.html", message="内部错误：这份文件未能处理。请把文件和操作步骤告知管理员。"), 500

    @app.errorhandler(404)
    def not_found(_error):
        return render_template("error.html", message="没有这个页面"), 404

    return app


def input_error_text(errors: InputErrors, folder: Path, shown: str, lang: str) -> str:
    """The CLI's own words (InputErrors.describe), naming the user's file, not the temp folder."""
    return uploads.rename_files(errors, folder, shown).describe(lang)
