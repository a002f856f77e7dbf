"""The `junheng report --each-school` worker: one school evaluated and its 自查报告 written, in a
separate process (the school's facts and the options arrive pickled; the file name follows sanitize's rule)."""
from __future__ import annotations

from generator.criteria.evaluate import evaluate
from generator.criteria.profiles import load_profile
from generator.errors import InputErrors
from generator.render import prose
from generator.render.document_kinds import SCHOOL_TEMPLATE, report_document
from generator.render.documents import render_docx
from generator.render.documents_meta import document_metadata
from generator.sanitize import file_name


def school_report_job(job):
    """Worker of `junheng report --each-school` (run in a separate process): evaluate one
    school and write its report. Lives in render/, not in generator.cli.each_school, so that a spawned worker
    imports no CLI module. Returns (index, name, path or None, passed, error text or None)."""
    index, school, profile_name, template, target, when, force, lang, engine = job
    try:
        rules = load_profile(profile_name)
        result = evaluate(school, rules, engine)
        context, _, default = report_document(school, result, rules, when)
        template = default if template == SCHOOL_TEMPLATE else template     # the standard's own, unless the user's
        render_docx(template, prose.for_print(context), target, force=force, metadata=document_metadata(result, rules))
        return index, school.name, str(target), bool(result.passed), None
    except InputErrors as errors:
        return index, school.name, None, False, errors.describe(lang)


def school_file_name(school_name: str) -> str:
    """A school's report file name, by the one rule for file names (generator.sanitize)."""
    return file_name(school_name, "自查报告.docx")
