"""中心学校: upload the centre file → 宣传方案, each school's scheme, 标语横幅清单, print sheet."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for

from generator.errors import InputErrors
from generator.web import service
from generator.web import uploads
from generator.web.workspace import Upload, Workspace, download, download_name, input_error_text
from generator.errors import InputError

ALLOWED = uploads.FACT_SUFFIXES
ACTIONS = ("show", "publicity", "slogans_docx", "slogans_xlsx", "print", "each", "all")


def _options(choices) -> dict:
    """The CLI's --theme/--count/--max-chars/--allow-repeat, from the form (bad numbers are errors)."""

    options, errors = {"allow_repeat": bool(choices.get("allow_repeat"))}, []
    text = (choices.get("themes") or "").replace("，", " ").replace("、", " ").replace(",", " ")
    options["themes"] = [theme for theme in text.split() if theme]
    for key, label in (("count", "--count"), ("max_chars", "--max-chars")):
        raw = (choices.get(key) or "").strip()
        if not raw:
            options[key] = None
        elif raw.isdigit() and int(raw) >= 1:
            options[key] = int(raw)
        else:
            errors.append(InputError(None, None, label, "expected_int", got=raw))
    if errors:
        raise InputErrors(errors)
    return options


def _form(choices=None, errors=None, status=200):
    return render_template("centre.html", choices=choices or {}, errors=errors, active="centre"), status


def register(app):
    @app.get("/centre")
    def centre_form():
        return _form()

    @app.post("/centre")
    def centre_post():
        lang = current_app.config["LANG"]
        upload = Upload(request.form, request.files, ALLOWED, current_app.config["UPLOADS"])
        action = request.form.get("action", "show")
        action = action if action in ACTIONS else "show"
        with Workspace() as space:
            try:
                path = upload.save(space.folder)
                options = _options(upload.choices)
                made = service.centre_documents(path, space.folder, options, lang)
                return _respond(action, made, options, upload)
            except InputErrors as errors:
                return _form(upload.choices, input_error_text(errors, space.folder, upload.name, lang), 400)


def _respond(action, made, options, upload):
    app = current_app._get_current_object()   # the job thread has no request context
    centre = made.centre
    name = download_name(centre.name)
    if action == "publicity":
        return download(app, f"{name}宣传方案.docx", service.publicity_docx(made))
    if action in ("slogans_docx", "slogans_xlsx"):
        as_xlsx = action == "slogans_xlsx"
        return download(app, f"{name}标语横幅清单.{'xlsx' if as_xlsx else 'docx'}", service.slogan_list(made, as_xlsx))
    if action == "print":
        return download(app, f"{name}标语印刷稿.docx", service.print_sheet(made))
    if action in ("each", "all"):
        converter, with_pdf = app.config["CONVERTER"], upload.choices.get("pdf")

        def work(job):
            files = service.publicity_each(made, lambda done, total: job.progress(done, total, "生成各校宣传方案"))
            if action == "all":
                files = [(f"{name}宣传方案.docx", service.publicity_docx(made)),
                         (f"{name}标语横幅清单.docx", service.slogan_list(made, False)),
                         (f"{name}标语印刷稿.docx", service.print_sheet(made))] + \
                        [(f"各校宣传方案/{file}", data) for file, data in files]
            if with_pdf:
                job.progress(job.done, job.total, "转换 PDF（LibreOffice）")
                files = files + converter.to_pdf(files)
            extra = [(f"{name}标语横幅清单.xlsx", service.slogan_list(made, True))] if action == "all" else []
            title = "宣传材料" if action == "all" else "各校宣传方案"
            return f"{name}{title}.zip", "application/zip", service.zip_bytes(files + extra)

        title = "全部宣传材料（.zip）" if action == "all" else "各校宣传方案（.zip）"
        job = app.config["JOBS"].start(f"{centre.name}：{title}", work, lang=app.config["LANG"])
        return redirect(url_for("job_page", job_id=job.id), code=303)
    rows = [{k: v for k, v in row.items() if k != "slogan"} for row in service.slogan_rows(made)]
    schools = [{"name": s["name"], "sites": "、".join(s.get("banner_sites") or [])} for s in centre.schools]
    return render_template("centre_result.html", centre=centre, schools=schools, rows=rows, choices=upload.choices, active="centre")
