"""`junheng report --each-school`: one 自查报告 per school of a county, written in worker processes
with a progress bar. A school whose facts cannot be used is reported and the others are still
written (exit 2 names them); Ctrl-C stops at once and says which reports were written.
"""
from __future__ import annotations

from pathlib import Path

import click

import os
import time

from generator import i18n
from generator.cli.common import EXIT_INPUT, EXIT_OK, EXIT_SHORT, profile_name
from generator.cli.document_steps import (
    doc_error,
    note,
    pdf_precheck,
    write_pdfs,
)
from generator.errors import InputError, InputErrors
from generator.model import schema


def county_entries(facts):
    """The county's school entries, each loadable on its own: (label, loader args).

    Read without validating the whole county, so one school's bad data does not stop the
    others (load_facts on the county would reject the file as a whole).
    """
    from generator.io.facts import load_facts
    from generator.io.yaml_source import read_source

    path = Path(facts)
    try:
        data = read_source(path)
    except InputError as err:
        raise InputErrors([err]) from None
    index = schema.field_index(schema.COUNTY_FIELDS)
    kind = data.get("kind", data.get("类型")) if isinstance(data, dict) else None
    if not isinstance(data, dict) or schema.ENUM_ALIASES["kind"].get(kind, kind) != "county":
        raise doc_error("doc_each_needs_county", file=facts, key="kind")
    entries, chosen_profile = [], None
    for key, value in data.items():
        fld = index.get(key)
        if fld is not None and fld.key == "schools" and isinstance(value, list):
            for number, entry in enumerate(value):
                label = entry if isinstance(entry, str) else (entry.get("name") if isinstance(entry, dict)
                                                              else None) or f"schools[{number}]"
                entries.append((str(label), (str(path), number, entry)))
        elif fld is not None and fld.key == "profile" and isinstance(value, str):
            chosen_profile = value
    if not entries:
        # The county's own loader says what is wrong with an empty or malformed school list.
        load_facts(facts)
    return entries, chosen_profile


def load_school_entry(county_path: str, number: int, entry):
    """One school of a county, validated on its own (InputErrors if its data is bad)."""
    from generator.io.facts import load_facts
    from generator.model.checker import Checker, add_school_kind
    from generator.model.values import describe

    if isinstance(entry, str):
        school = load_facts(Path(county_path).parent / entry)
        if school.kind != "school":
            raise doc_error("wrong_kind", file=str(Path(county_path).parent / entry), key="kind",
                         expected="school", got=school.kind)
        return school
    # An inline school: the county checker's own school() validates it, with the county file's lines.
    checker = Checker(Path(county_path))
    if isinstance(entry, dict):
        add_school_kind(entry)
        school = checker.school(entry, prefix=f"schools[{number}].")
    else:
        school = None
        checker.error(None, f"schools[{number}]", "not_mapping", got=describe(entry))
    if checker.errors or school is None:
        raise InputErrors(checker.errors)
    return school


def write_each_school(facts, output, run, pdf, jobs):
    from generator.criteria.profiles import load_profile
    from generator.render.document_kinds import SCHOOL_TEMPLATE
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    from generator.io.writing import check_writable
    from generator.render.documents import prepare
    from generator.service.documents import school_report_names
    from generator.service.each_school import school_report_job

    if output is None:
        raise doc_error("doc_output_required", key="-o")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise doc_error("doc_output_dir", key="-o", path=str(folder))
    lang, force = run.lang, run.force
    entries, county_profile = county_entries(facts)
    # every worker judges by the county's chosen profile, named once here
    run = run.replace(profile=profile_name(run.profile, {"profile": county_profile}))
    load_profile(run.profile)                    # a bad profile stops everything, before any work
    prepare(run.template or SCHOOL_TEMPLATE)     # a broken template too

    # Load every school first (cheap): bad ones are reported, good ones get a target name.
    loaded, failures = [], []
    for label, (county_path, number, entry) in entries:
        try:
            loaded.append(load_school_entry(county_path, number, entry))
        except InputErrors as errors:
            failures.append((label, errors.describe(lang)))
    schools = [(school, folder / name) for school, name in zip(loaded, school_report_names(loaded))]
    for _, target in schools:          # refuse before writing anything
        check_writable(target, force)
    if pdf:
        pdf_precheck([target for _, target in schools], force)
    if run.date is None:
        note(i18n.message("doc_no_date", lang))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise doc_error("output_failed", key="-o", path=str(folder), detail=exc.strerror or "") from None
    from generator.io.writing import clean_stale_temps
    clean_stale_temps(folder)          # what a killed earlier run left half-written

    jobs_list = [(i, school, run, target) for i, (school, target) in enumerate(schools)]
    results = [None] * len(jobs_list)
    workers = min(jobs or os.cpu_count() or 2, max(len(jobs_list), 1))
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    interrupted = False
    started = time.time()
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(i18n.message("doc_each_progress", lang), total=len(jobs_list))
        if workers <= 1:
            try:
                for job in jobs_list:
                    results[job[0]] = school_report_job(job)
                    progress.advance(task)
            except KeyboardInterrupt:
                interrupted = True
        else:
            import multiprocessing

            from generator.render.workers import school_worker_init, stop_pool
            # spawn, not fork: the parent may hold durable-rules' process-global host
            context = multiprocessing.get_context("spawn")
            pool = ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                       initializer=school_worker_init)
            try:
                futures = [pool.submit(school_report_job, job) for job in jobs_list]
                for future in as_completed(futures):
                    outcome = future.result()
                    results[outcome[0]] = outcome
                    progress.advance(task)
            except KeyboardInterrupt:
                # Ctrl-C: stop now — no queued document is started, running ones are ended
                interrupted = True
                from generator.io.writing import remove_temps_of
                remove_temps_of(folder, stop_pool(pool))
            else:
                pool.shutdown(wait=True)
    if interrupted:
        def finished(target, outcome):
            if outcome is not None:
                return outcome[2] is not None
            try:        # written by a worker whose answer the interrupt cut off
                return target.stat().st_mtime >= started - 1
            except OSError:
                return False
        done = [school.name for (school, target), r in zip(schools, results) if finished(target, r)]
        missing = [school.name for (school, target), r in zip(schools, results) if not finished(target, r)]
        shown = "、".join(missing[:20]) + (f" …（共 {len(missing)} 所）" if len(missing) > 20 else "")
        click.echo(i18n.message("doc_interrupted", lang, written=len(done), missing=len(missing),
                                names=shown or "—"), err=True)
        return 130

    from generator.service.each_school import WRITE_FAILED
    written = [r for r in results if r[2] is not None]
    unwritten = [(r[1], r[4][len(WRITE_FAILED):]) for r in results
                 if r[2] is None and r[4].startswith(WRITE_FAILED)]
    failures += [(r[1], r[4]) for r in results if r[2] is None and not r[4].startswith(WRITE_FAILED)]
    for label, text in failures:
        click.echo(i18n.message("doc_school_failed", lang, name=label) + "\n" + text, err=True)
    if unwritten:
        # the disk's error (full, read-only), said once with the reports it kept from being written
        names = [label for label, _ in unwritten]
        shown = "、".join(names[:20]) + (f" …（共 {len(names)} 所）" if len(names) > 20 else "")
        click.echo(unwritten[0][1], err=True)
        click.echo(i18n.message("doc_each_unwritten", lang, written=len(written), folder=folder,
                                count=len(names), names=shown), err=True)
    if failures:
        click.echo(i18n.message("doc_each_summary", lang, written=len(written), folder=folder,
                                failed=len(failures)), err=True)
    else:
        click.echo(i18n.message("doc_each_done", lang, written=len(written), folder=folder))
    if pdf and written and not unwritten:
        write_pdfs([Path(r[2]) for r in written], lang, force)
    if failures or unwritten:
        return EXIT_INPUT
    return EXIT_OK if all(r[3] for r in written) else EXIT_SHORT
