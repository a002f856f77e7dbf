"""`junheng serve`: the Flask application (pages, downloads, jobs), served by waitress.

Why Flask + waitress: both are pure Python wheels (no compiler, Windows included, Python
3.10–3.14), Flask brings Jinja with autoescape and a request-size limit, and waitress is a
production WSGI server with a thread pool that runs the same on Windows and Linux — a county
IT person starts it with one command and no reverse proxy.
"""
from __future__ import annotations

import io
from pathlib import Path

from flask import Flask, abort, jsonify, render_template, request, send_file

import atexit

from generator.web.jobs import Jobs
from generator.web.workspace import MIME, Keeper, download
from generator.i18n import message
from generator.web import routes_audit, routes_centre, routes_check
from generator.web.service import AUTO, Converter, profile_options
from generator.criteria.profile_choice import DEFAULT_PROFILE

MAX_UPLOAD = 20 * 1024 * 1024
MAX_FIELD = 500 * 1024          # one form field that is not a file (a file travels only as a file)
_HERE = Path(__file__).resolve().parent


def create_app(keep=None, pdf_slots: int = 1, pdf_timeout: int = 180, job_workers: int = 2,
               max_upload: int = MAX_UPLOAD, lang: str = "zh") -> Flask:

    app = Flask(__name__, template_folder=str(_HERE / "templates"), static_folder=str(_HERE / "static"))

    from generator.web.store import UploadStore
    uploads_kept = UploadStore()
    atexit.register(uploads_kept.close)
    app.config.update(MAX_CONTENT_LENGTH=max_upload, MAX_FORM_MEMORY_SIZE=MAX_FIELD, LANG=lang, UPLOADS=uploads_kept,
                      KEEPER=Keeper(keep) if keep else None,
                      JOBS=Jobs(workers=job_workers, keep=Keeper(keep) if keep else None),
                      CONVERTER=Converter(slots=pdf_slots, timeout=pdf_timeout))
    app.jinja_env.autoescape = True      # every template, whatever its suffix
    from generator.criteria.profile_names import profile_title
    app.jinja_env.globals["default_profile_title"] = profile_title(DEFAULT_PROFILE)

    @app.after_request
    def headers(response):
        from generator.web.security import secure_headers
        # what shows or returns someone's data is never cached; the style sheet and scripts may be
        return secure_headers(response, data_page=not request.path.startswith("/static/"))

    @app.context_processor
    def keeping():
        # LOGIN_URL: set by a front end that adds accounts to this application (serve --data), so the
        # pages without an account point to its login; the stateless pages know nothing else of it
        return {"keeping": keep is not None, "login_url": app.config.get("LOGIN_URL")}

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

    @app.before_request
    def url_encoded_within_the_field_limit():
        # Werkzeug up to 3.1.8 held a url-encoded body to MAX_FORM_MEMORY_SIZE as well; newer releases hold only
        # multipart fields to it. No page posts that much url-encoded text: refuse it as a field over its limit.
        if request.mimetype == "application/x-www-form-urlencoded" and (request.content_length or 0) > MAX_FIELD:
            abort(413)

    @app.errorhandler(413)
    def too_large(_error):
        if (request.content_length or 0) <= max_upload:
            # the request is within the upload limit: one form field was over its own (Werkzeug's) limit
            text = message("error_prefix", lang) + ": " + message(
                "web_field_too_large", lang, limit=MAX_FIELD // 1024)
        else:
            text = message("error_prefix", lang) + ": " + message("web_too_large", lang, limit=max_upload // 2 ** 20)
        page = {"/check": "check.html", "/centre": "centre.html", "/audit": "audit.html"}.get(request.path)
        if page is None:
            return render_template("error.html", message=text), 413
        return render_template(page, errors=text, choices={}, profiles=profile_options(), auto=AUTO,
                               active=request.path.strip("/")), 413

    @app.errorhandler(500)
    def internal(_error):
        # an input no check foresaw: say so plainly; the server goes on serving others
        return render_template("error.html", message="内部错误：这份文件未能处理。请把文件和操作步骤告知管理员。"), 500

    @app.errorhandler(404)
    def not_found(_error):
        return render_template("error.html", message="没有这个页面"), 404

    @app.errorhandler(405)
    def wrong_method(_error):
        return render_template("error.html", message="这个页面不能这样打开（请求方法不对），请从首页进入"), 405

    return app


