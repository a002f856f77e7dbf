"""The `report --each-school` worker: one school judged and its 自查报告 written, in a worker process.
Kept below the CLI so that a spawned worker imports no CLI module."""
from __future__ import annotations

from generator.errors import InputErrors
from generator.service.documents import report_docx
from generator.service.evaluate import evaluate_subject
from generator.service.options import RunOptions


def school_report_job(job):
    """job = (index, school, options, target): options.profile is the county's chosen profile name.
    Returns (index, name, path or None, passed, error text or None)."""
    from generator.criteria.profiles import load_profile
    from generator.io.writing import write_bytes_atomic

    index, school, options, target = job
    options: RunOptions
    try:
        evaluated = evaluate_subject(school, options, load_profile(options.profile))
        write_bytes_atomic(target, report_docx(evaluated, options), force=options.force)
        return index, school.name, str(target), bool(evaluated.result.passed), None
    except InputErrors as errors:
        return index, school.name, None, False, errors.describe(options.lang)
