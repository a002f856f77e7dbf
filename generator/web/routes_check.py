"""学校 / 县（区）: upload facts, see the verdicts and charts, download the documents."""
from __future__ import annotations

from flask import current_app, redirect, render_template, request, url_for

from generator.errors import InputErrors
from generator.web import service
from generator.web import uploads
from generator.web.workspace import Upload, Workspace, download, download_name, input_error_text

ALLOWED = uploads.FACT_SUFFIXES
SYNC_ACTIONS = ("check", "report", "plan", "ledger", "xlsx", "least_cost", "least_cost_json")
COUNTY_ACTIONS = ("each", "least_cost", "least_cost_json")
JOB_ACTIONS = ("report_pdf", "plan_pdf", "all", "each")


def _date(choices):
    from generator.render.date_option import parse_date_option
    return parse_date_option(choices.get("date") or None, "date")


def _form(choices=None, errors=None, status=200):
    return render_template("check.html", choices=choices or {}, errors=errors, profiles=service.profile_options(),
                           auto=service.AUTO, active="check"), status


def register(app):
    @app.get("/check")
    def check_form():
        return _form({"profile": service.AUTO})

    @app.post("/check")
    def check_post():
        lang = current_app.config["LANG"]
        upload = Upload(request.form, request.files, ALLOWED, current_app.config["UPLOADS"])
        action = request.form.get("action", "check")
        if action not in SYNC_ACTIONS + JOB_ACTIONS:
            action = "check"
        with Workspace() as space:
            try:
                when = _date(upload.choices)
                subject, rules, result = _evaluated(upload, space)
                if action in COUNTY_ACTIONS and subject.kind != "county":
                    raise uploads._error("doc_each_needs_county" if action == "each" else "web_least_cost_county",
                                         file=upload.name, key="kind")
                if action in JOB_ACTIONS:
                    return _start_job(action, subject, rules, result, when, upload)
                return _respond(action, subject, rules, result, when, upload)
            except InputErrors as errors:
                return _form(upload.choices, input_error_text(errors, space.folder, upload.name, lang), 400)


def _evaluated(upload, space):
    """(subject, profile, result) of the upload under the page's standard: evaluated once, then taken
    from the store for every download of the same upload."""
    store = current_app.config["UPLOADS"]
    key = (upload.token, upload.choices.get("profile") or "")
    found = store.evaluation(key) if upload.token else None
    if found is None:
        path = upload.save(space.folder)
        found = service.check(path, space.folder, upload.choices.get("profile"))
        if upload.token:
            store.keep_evaluation(key, found)
    return found


def _respond(action, subject, rules, result, when, upload):
    app = current_app._get_current_object()   # the job thread has no request context
    name = subject.name
    if action == "report":
        return download(app, download_name(f"{name}自查报告.docx"), service.report_docx(subject, rules, result, when))
    if action == "plan":
        return download(app, download_name(f"{name}整改方案.docx"), service.plan_docx(subject, rules, result, when))
    if action == "ledger":
        return download(app, download_name(f"{name}整改台账.xlsx"), service.ledger_xlsx(subject, rules, result, when))
    if action in ("least_cost", "least_cost_json"):
        docx, data = service.least_cost_files(subject, rules, result, when)
        if action == "least_cost":
            return download(app, download_name(f"{name}整改方案（达标测算）.docx"), docx)
        return download(app, download_name(f"{name}最低成本达标测算.json"), data)
    if action == "xlsx":
        from generator.render.verdict_workbook import result_workbook
        return download(app, download_name(f"{name}检查结论.xlsx"),
                        result_workbook(result, rules, app.config["LANG"]))
    from generator.web.views import check_view
    return render_template("check_result.html", view=check_view(result, app.config["LANG"], subject, rules),
                           choices=upload.choices, profiles=service.profile_options(), auto=service.AUTO, active="check",
                           county=subject.kind == "county")


def _start_job(action, subject, rules, result, when, upload):
    app = current_app._get_current_object()   # the job thread has no request context
    converter = app.config["CONVERTER"]
    name = download_name(subject.name)
    with_pdf = upload.choices.get("pdf")

    def documents(job):
        job.progress(0, 3, "生成文档")
        plan, ledger = service.plan_files(subject, rules, result, when)
        files = [(f"{name}自查报告.docx", service.report_docx(subject, rules, result, when)),
                 (f"{name}整改方案.docx", plan)]
        others = [(f"{name}整改台账.xlsx", ledger)]
        if subject.kind == "county":
            least_cost, data = service.least_cost_files(subject, rules, result, when)
            files.append((f"{name}整改方案（达标测算）.docx", least_cost))
            others.append((f"{name}最低成本达标测算.json", data))
        job.progress(1, 3)
        return files, others

    def work(job):
        if action in ("report_pdf", "plan_pdf"):
            job.progress(0, 2, "生成文档")
            if action == "report_pdf":
                files = [(f"{name}自查报告.docx", service.report_docx(subject, rules, result, when))]
            else:
                files = [(f"{name}整改方案.docx", service.plan_docx(subject, rules, result, when))]
            job.progress(1, 2, "转换 PDF（LibreOffice）")
            [(pdf_name, pdf)] = converter.to_pdf(files)
            job.progress(2, 2)
            return pdf_name, "application/pdf", pdf
        if action == "all":
            from generator.render.pdf import soffice_command
            from generator.render.verdict_workbook import result_workbook
            docs, others = documents(job)
            others.append((f"{name}检查结论.xlsx", result_workbook(result, rules, app.config["LANG"])))
            pdfs = []
            if soffice_command() is not None:
                job.progress(2, 3, "转换 PDF（LibreOffice）")
                pdfs = converter.to_pdf(docs)
            job.progress(3, 3)
            return f"{name}全部材料.zip", "application/zip", service.zip_bytes(docs + pdfs + others)
        # each: one 自查报告 per school (and their PDFs)
        files = service.each_school_reports(subject, rules, when,
                                            lambda done, total: job.progress(done, total, "生成各校自查报告"))
        if with_pdf:
            job.progress(job.done, job.total, "转换 PDF（LibreOffice）")
            files = files + converter.to_pdf(files)
        return f"{name}各校自查报告.zip", "application/zip", service.zip_bytes(files)

    titles = {"report_pdf": "自查报告 PDF", "plan_pdf": "整改方案 PDF", "all": "全部材料（.zip）",
              "each": "各校自查报告（.zip）"}
    # the job works on the loaded facts in memory: the request's folder is removed as usual
    job = app.config["JOBS"].start(f"{subject.name}：{titles[action]}", work, lang=app.config["LANG"])
    return redirect(url_for("job_page", job_id=job.id), code=303)
