"""督导: upload a report (.docx/.txt) or a fact file with claims → findings and 督导核查意见."""
from __future__ import annotations

from flask import current_app, render_template, request

from generator.audit.extraction_notes import print_extraction_notes
from generator.errors import InputErrors
from generator.web import service
from generator.web import uploads
from generator.web.workspace import Upload, Workspace, download, download_name, input_error_text

ALLOWED = uploads.FACT_SUFFIXES + uploads.REPORT_SUFFIXES


def _form(choices=None, errors=None, status=200):
    return render_template("audit.html", choices=choices or {}, errors=errors, profiles=service.shipped(),
                           auto=service.AUTO, active="audit"), status


def register(app):
    @app.get("/audit")
    def audit_form():
        return _form({"profile": service.AUTO})

    @app.post("/audit")
    def audit_post():
        lang = current_app.config["LANG"]
        upload = Upload(request.form, request.files, ALLOWED)
        action = request.form.get("action", "audit")
        with Workspace() as space:
            try:
                path = upload.save(space.folder)
                subject, rules, result, extraction = service.audit(path, space.folder, upload.choices.get("profile"))
                if action == "opinion":
                    return download(current_app, download_name(f"{result.subject['name']}督导核查意见.docx"),
                                    service.opinion_docx(result, subject, rules, lang, extraction))
                from generator.web.views import audit_view
                notes = []
                if extraction is not None:
                    print_extraction_notes(extraction, lang, echo=notes.append)
                return render_template("audit_result.html", view=audit_view(result, lang), notes=notes,
                                       choices=upload.choices, payload=upload.payload, profiles=service.shipped(),
                                       auto=service.AUTO, active="audit")
            except InputErrors as errors:
                return _form(upload.choices, input_error_text(errors, space.folder, upload.name, lang), 400)
