"""What the document verbs (`report`, `plan`, `plan --least-cost`, `audit -o`) share: their messages,
loading and evaluating the facts, the --date and --deadline options, output suffixes, `--list-fields`,
the notes on stderr, and the PDFs made by LibreOffice."""
from __future__ import annotations

import contextlib
from pathlib import Path

import click

import shutil

from generator import i18n
from generator.errors import InputError, InputErrors
from generator.render.field_docs import FIELD_DOCS, describe_context


def doc_error(msg_id, key=None, file=None, **params):
    return InputErrors([InputError(file, None, key, msg_id, **params)])


def note(text: str) -> None:
    click.echo(text, err=True)


def check_suffix(path, option, suffix):
    if path is not None and not str(path).lower().endswith(suffix):
        raise doc_error("doc_suffix", key=option, option=option, suffix=suffix, path=str(path))


def load_evaluated(facts, options, verb):
    """The facts judged (generator.service): a school or county only, under the profile the options,
    else the file, name."""
    from generator.service.evaluate import evaluate_subject, load_file

    subject = load_file(facts)
    if subject.kind not in ("school", "county"):
        raise doc_error("doc_wrong_kind", file=facts, key="kind", verb=verb, got=subject.kind)
    return evaluate_subject(subject, options)


def run_options(profile, engine, lang, *, date=None, deadline=None, costs=None, measures=None, template=None,
                force=False):
    """The verb's options as the service's RunOptions, --date and --deadline read (exit 2 naming the option)."""
    from generator.render.date_option import check_deadline, parse_date_option
    from generator.service.options import RunOptions
    when, until = parse_date_option(date, "--date"), parse_date_option(deadline, "--deadline")
    check_deadline(until, when)          # a plan is never due before the date it is signed
    return RunOptions(profile=profile, engine=engine, lang=lang, date=when, deadline=until, costs=costs,
                      measures=measures, template=template, force=force)


def list_template_fields(context, kind, template, facts, lang):
    from generator.render.documents import template_fields

    used = set(template_fields(template))
    click.echo(i18n.message("doc_fields_title", lang, template=template, facts=facts))
    for field, description, example in describe_context(context, FIELD_DOCS[kind]):
        mark = "" if field in used else i18n.message("doc_fields_unused", lang)
        click.echo(f"  {field}{mark}: {description}")
        click.echo(f"      {'例' if lang == 'zh' else 'e.g.'}: {example}")
    unknown = sorted(name for name in used if name not in context)
    if unknown:
        raise doc_error("doc_fields_unknown", file=str(template), names="、".join(unknown))


def write_pdfs(docx_paths, lang, force):
    """All PDFs in one LibreOffice run; the targets were checked before anything was written."""

    from generator.io.writing import write_bytes_atomic
    from generator.render.pdf import convert_many_to_pdf

    def progress(done, total, name):
        note(i18n.message("pdf_progress", lang, done=done, total=total, name=name))
    with pdf_failure_said(docx_paths):
        produced = convert_many_to_pdf(docx_paths, warn=note, lang=lang,
                                       progress=progress if len(docx_paths) > 1 else None)
        try:
            for pdf, docx in zip(produced, docx_paths):
                target = Path(docx).with_suffix(".pdf")
                write_bytes_atomic(target, pdf.read_bytes(), force=force)
                click.echo(i18n.message("doc_written", lang, path=target))
        finally:
            shutil.rmtree(produced[0].parent, ignore_errors=True)


@contextlib.contextmanager
def pdf_failure_said(docx_paths):
    """The PDF phase comes after the Word files are written (LibreOffice converts them). When it fails
    (LibreOffice's error, its timeout, a full disk) the Word files are kept — they are complete — and the
    message says exactly which were written and that no PDF was (README "Documents"); exit 2."""
    try:
        yield
    except InputErrors as errors:
        written = [str(path) for path in docx_paths if Path(path).is_file()]
        errors.errors.append(InputError(None, None, None, "pdf_docx_kept", count=len(written),
                                        paths="、".join(written) or "—"))
        raise


def pdf_precheck(docx_paths, force):
    """Refuse existing PDFs, and a missing LibreOffice, before any file is written."""
    from generator.io.writing import check_writable
    from generator.render.pdf import soffice_command
    if soffice_command() is None:
        raise doc_error("soffice_missing")
    for path in docx_paths:
        check_writable(Path(path).with_suffix(".pdf"), force)


def note_placeholders(context, lang):
    """Never invented achievements: each narrative the facts do not give is a marked blank."""
    drafted = context.get("drafted") or []
    if drafted:
        note(i18n.message("doc_drafted", lang, count=len(drafted), titles="、".join(drafted)))
    titles = context.get("placeholders") or []
    if titles:
        note(i18n.message("doc_placeholders", lang, count=len(titles), titles="、".join(titles)))
