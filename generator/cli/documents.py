"""`junheng report` and `junheng plan`: 自查报告, 整改方案 and 整改台账 (issue 3).

The verbs load the facts, evaluate them (generator.criteria.evaluate), build the document context
(generator.render.report_school, report_county, plan) and fill a template (generator.render.documents.render_docx). `--each-school`
renders one report per school of a county in worker processes, with a progress bar; a
school whose facts cannot be used is reported and the others are still written.

Exit codes as `check`: 0 everything met, 1 something falls short (the documents are written
all the same), 2 the input could not be used (nothing written — except with --each-school,
where the good schools' reports are written and the bad ones named).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import i18n
from generator.cli.common import EXIT_INPUT, EXIT_OK, EXIT_SHORT, evaluating_options, fail_input, profile_name
from generator.render.documents_meta import document_metadata

MESSAGES = {
    "doc_wrong_kind": {"zh": "{verb} 需要学校或县的事实文件，实际 kind 是“{got}”",
                       "en": "{verb} needs a school or county fact file, but kind is '{got}'"},
    "doc_output_required": {"zh": "请用 -o 指定输出文件（或用 --list-fields 查看模板字段）",
                            "en": "give the output file with -o (or --list-fields to see the template fields)"},
    "doc_suffix": {"zh": "{option} 应以 {suffix} 结尾：{path}", "en": "{option} must end with {suffix}: {path}"},
    "doc_each_needs_county": {"zh": "--each-school 需要县的事实文件（kind: county）",
                              "en": "--each-school needs a county fact file (kind: county)"},
    "doc_output_dir": {"zh": "--each-school 时 -o 应为文件夹，实际是已有文件：{path}",
                       "en": "with --each-school, -o must be a folder, but it is an existing file: {path}"},
    "doc_no_date": {"zh": f"未给出 --date：落款日期留空“{i18n.BLANK_DATE}”，请打印后手写",
                    "en": "no --date given: the signature date is left blank for the clerk to fill in"},
    "doc_written": {"zh": "已写入 {path}", "en": "wrote {path}"},
    "doc_placeholders": {"zh": "注意：{count} 处叙述待补充（{titles}），文中以〔请补充：…〕标出；"
                               "可在事实文件的 narrative 中填写后重新生成",
                         "en": "note: {count} narrative section(s) still to write ({titles}), marked 〔请补充：…〕 "
                               "in the document; fill them in under `narrative:` in the fact file and run again"},
    "doc_each_summary": {"zh": "已写入 {written} 份报告到 {folder}；{failed} 所学校的数据有误，未生成",
                         "en": "wrote {written} reports to {folder}; {failed} school(s) had bad data and were skipped"},
    "doc_each_done": {"zh": "已写入 {written} 份报告到 {folder}", "en": "wrote {written} reports to {folder}"},
    "doc_each_progress": {"zh": "生成各校自查报告", "en": "writing school reports"},
    "doc_interrupted": {"zh": "已中断：写入 {written} 份，未写入 {missing} 份：{names}",
                        "en": "interrupted: {written} written, {missing} not written: {names}"},
    "doc_school_failed": {"zh": "学校“{name}”未生成：", "en": "school '{name}' not written: "},
    "doc_fields_title": {"zh": "模板 {template} 可用的字段（由 {facts} 生成的示例）：",
                         "en": "fields template {template} may use (examples from {facts}):"},
    "doc_fields_unused": {"zh": "（模板未用）", "en": " (not used by the template)"},
    "doc_fields_unknown": {"zh": "模板使用了不存在的字段：{names}", "en": "the template uses unknown fields: {names}"},
}
i18n.MESSAGES.update(MESSAGES)

from generator.render.document_kinds import COUNTY_TEMPLATE, PLAN_TEMPLATE, SCHOOL_TEMPLATE  # noqa: E402,F401 — one place


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
    main.add_command(report)
    main.add_command(plan)


def _error(msg_id, key=None, file=None, **params):
    from generator.errors import InputError, InputErrors
    return InputErrors([InputError(file, None, key, msg_id, **params)])


def _note(text: str) -> None:
    click.echo(text, err=True)


def _check_suffix(path, option, suffix):
    if path is not None and not str(path).lower().endswith(suffix):
        raise _error("doc_suffix", key=option, option=option, suffix=suffix, path=str(path))


def _load(facts, profile, verb, engine):
    """Facts, profile (the county's own unless --profile says otherwise) and verdicts."""
    from generator.criteria.evaluate import evaluate
    from generator.model.facts import load_facts
    from generator.criteria.profiles import load_profile

    subject = load_facts(facts)
    if subject.kind not in ("school", "county"):
        raise _error("doc_wrong_kind", file=facts, key="kind", verb=verb, got=subject.kind)
    rules = load_profile(profile_name(profile, subject))
    return subject, rules, evaluate(subject, rules, engine)


def _parse_date(value, option):
    if value is None:
        return None
    from generator.render.report_common import parse_date
    from generator.errors import InputErrors
    try:
        return parse_date(value)
    except InputErrors as errors:
        for err in errors.errors:
            err.key = option
        raise


def _list_fields(context, kind, template, facts, lang):
    from generator.render.documents import template_fields
    from generator.render.field_docs import FIELD_DOCS, describe_context

    used = set(template_fields(template))
    click.echo(i18n.message("doc_fields_title", lang, template=template, facts=facts))
    for field, description, example in describe_context(context, FIELD_DOCS[kind]):
        mark = "" if field in used else i18n.message("doc_fields_unused", lang)
        click.echo(f"  {field}{mark}: {description}")
        click.echo(f"      {'例' if lang == 'zh' else 'e.g.'}: {example}")
    unknown = sorted(name for name in used if name not in context)
    if unknown:
        raise _error("doc_fields_unknown", file=str(template), names="、".join(unknown))


def _write_pdfs(docx_paths, lang, force):
    """All PDFs in one LibreOffice run; the targets were checked before anything was written."""
    import shutil

    from generator.render.pdf import convert_many_to_pdf
    from generator.io.writing import write_bytes_atomic

    produced = convert_many_to_pdf(docx_paths, warn=_note, lang=lang)
    try:
        for pdf, docx in zip(produced, docx_paths):
            target = Path(docx).with_suffix(".pdf")
            write_bytes_atomic(target, pdf.read_bytes(), force=force)
            click.echo(i18n.message("doc_written", lang, path=target))
    finally:
        shutil.rmtree(produced[0].parent, ignore_errors=True)


def _pdf_precheck(docx_paths, force):
    """Refuse existing PDFs, and a missing LibreOffice, before any file is written."""
    from generator.render.pdf import soffice_command
    from generator.io.writing import check_writable
    if soffice_command() is None:
        raise _error("soffice_missing")
    for path in docx_paths:
        check_writable(Path(path).with_suffix(".pdf"), force)


# ---------------------------------------------------------------- report
@click.command()
@click.argument("facts", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(),
              help="要写入的 .docx（--each-school 时为文件夹）/ the .docx to write (a folder with --each-school)")
@click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path), metavar="MY.docx",
              help="用自己的模板（如带红头的 .docx）/ your own template (e.g. with a letterhead)")
@click.option("--list-fields", "list_fields", is_flag=True,
              help="列出模板可用的字段及示例，不写文件 / list the fields a template may use")
@click.option("--date", "date", metavar="2024-09-01", help="成文日期；不给则留空待填 / the date under the signature")
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 生成 PDF / also write a PDF (needs LibreOffice)")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite existing files")
@click.option("--each-school", "each_school", is_flag=True,
              help="县：每校一份自查报告，写入 -o 文件夹 / a county: one report per school into the -o folder")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="--each-school 的并行进程数（默认 CPU 核数）/ worker processes for --each-school")
@evaluating_options
def report(facts, output, template, list_fields, date, pdf, force, each_school, jobs, profile, lang, engine):
    """自查报告：学校（基本情况、各项指标达标情况表、存在的问题、整改措施、结论）或县（学校概况、
    差异系数表、政府推进工作得分表、四项条件、结论）。

    \b
    例 / example:
      junheng report samples/dongshe-primary.yaml -o 东社小学自查报告.docx
      junheng report samples/county/county.yaml -o 清河县自查报告.docx --date 2024-09-01 --pdf
      junheng report samples/county/county.yaml --each-school -o 各校自查报告/
      junheng report samples/dongshe-primary.yaml --template 红头.docx -o 报告.docx
      junheng report samples/dongshe-primary.yaml --list-fields       模板可用字段

    退出码 / exit codes: 0 全部达标, 1 有未达标项（报告照常写出）, 2 输入有误。
    """
    from generator.errors import InputErrors

    try:
        if each_school:
            status = _each_school(facts, output, template, date, pdf, force, jobs, profile, lang, engine)
        else:
            status = _report(facts, output, template, list_fields, date, pdf, force, profile, lang, engine)
    except InputErrors as errors:
        fail_input(errors, lang)
    sys.exit(status)


def _report(facts, output, template, list_fields, date, pdf, force, profile, lang, engine):
    from generator.render.document_kinds import report_document
    from generator.render.documents import prepare, render_docx
    from generator.io.writing import check_outputs

    when = _parse_date(date, "--date")
    if not list_fields:
        if output is None:
            raise _error("doc_output_required", key="-o")
        _check_suffix(output, "-o", ".docx")
        # every output refused before any work; none may be an input (the template, the facts)
        check_outputs([("-o", output), ("--pdf", Path(output).with_suffix(".pdf") if pdf else None)], force,
                      inputs=[("FACTS", facts), ("--template", template)])
        if pdf:
            _pdf_precheck([output], force)
    subject, rules, result = _load(facts, profile, "report", engine)
    context, kind, default = report_document(subject, result, rules, when)
    chosen = template or default
    if list_fields:
        _list_fields(context, kind, chosen, facts, lang)
        return EXIT_OK
    prepare(chosen).check_context(context)       # a user template's unknown field: exit 2, nothing written
    if when is None:
        _note(i18n.message("doc_no_date", lang))
    from generator.render.prose import for_print
    render_docx(chosen, for_print(context), output, force=force, metadata=document_metadata(result, rules))
    click.echo(i18n.message("doc_written", lang, path=output))
    _note_placeholders(context, lang)
    if pdf:
        _write_pdfs([output], lang, force)
    return EXIT_OK if result.passed else EXIT_SHORT


def _note_placeholders(context, lang):
    """Never invented achievements: each narrative the facts do not give is a marked blank."""
    titles = context.get("placeholders") or []
    if titles:
        _note(i18n.message("doc_placeholders", lang, count=len(titles), titles="、".join(titles)))


# ---------------------------------------------------------------- report --each-school
def school_file_name(school_name: str) -> str:
    """A school's report file name, by the one rule for file names (generator.io.sanitize)."""
    from generator.io.sanitize import file_name
    return file_name(school_name, "自查报告.docx")


def _county_entries(facts):
    """The county's school entries, each loadable on its own: (label, loader args).

    Read without validating the whole county, so one school's bad data does not stop the
    others (load_facts on the county would reject the file as a whole).
    """
    from generator.model import schema
    from generator.errors import InputError, InputErrors
    from generator.io.yaml_source import read_source

    path = Path(facts)
    try:
        data = read_source(path)
    except InputError as err:
        raise InputErrors([err]) from None
    index = schema.field_index(schema.COUNTY_FIELDS)
    kind = data.get("kind", data.get("类型")) if isinstance(data, dict) else None
    if not isinstance(data, dict) or schema.ENUM_ALIASES["kind"].get(kind, kind) != "county":
        raise _error("doc_each_needs_county", file=facts, key="kind")
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
        from generator.model.facts import load_facts
        load_facts(facts)
    return entries, chosen_profile


def _load_school_entry(county_path: str, number: int, entry):
    """One school of a county, validated on its own (InputErrors if its data is bad)."""
    from generator.errors import InputErrors
    from generator.model.checker import _Checker, add_school_kind
    from generator.model.values import _describe
    from generator.model.facts import load_facts

    if isinstance(entry, str):
        school = load_facts(Path(county_path).parent / entry)
        if school.kind != "school":
            raise _error("wrong_kind", file=str(Path(county_path).parent / entry), key="kind",
                         expected="school", got=school.kind)
        return school
    # An inline school: the county checker's own school() validates it, with the county file's lines.
    checker = _Checker(Path(county_path))
    if isinstance(entry, dict):
        add_school_kind(entry)
        school = checker.school(entry, prefix=f"schools[{number}].")
    else:
        school = None
        checker.error(None, f"schools[{number}]", "not_mapping", got=_describe(entry))
    if checker.errors or school is None:
        raise InputErrors(checker.errors)
    return school


def _each_school(facts, output, template, date, pdf, force, jobs, profile, lang, engine):
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from generator.render.documents import prepare
    from generator.errors import InputErrors
    from generator.criteria.profiles import load_profile
    from generator.render.report_school import school_report_job
    from generator.io.writing import check_writable

    if output is None:
        raise _error("doc_output_required", key="-o")
    folder = Path(output)
    if folder.exists() and not folder.is_dir():
        raise _error("doc_output_dir", key="-o", path=str(folder))
    when = _parse_date(date, "--date")
    entries, county_profile = _county_entries(facts)
    chosen_profile = profile_name(profile, {"profile": county_profile})
    load_profile(chosen_profile)                 # a bad profile stops everything, before any work
    chosen = template or SCHOOL_TEMPLATE
    prepare(chosen)                              # a broken template too

    # Load every school first (cheap): bad ones are reported, good ones get a target name.
    schools, failures, taken = [], [], set()
    for label, (county_path, number, entry) in entries:
        try:
            school = _load_school_entry(county_path, number, entry)
        except InputErrors as errors:
            failures.append((label, errors.describe(lang)))
            continue
        name, extra = school_file_name(school.name), 1
        # two names may differ only in characters a file name cannot hold, or (on Windows) in case
        while name.casefold() in taken:
            extra += 1
            name = school_file_name(f"{school.name}（{extra}）")
        taken.add(name.casefold())
        schools.append((school, folder / name))
    for _, target in schools:          # refuse before writing anything
        check_writable(target, force)
    if pdf:
        _pdf_precheck([target for _, target in schools], force)
    if when is None:
        _note(i18n.message("doc_no_date", lang))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error("output_failed", key="-o", path=str(folder), detail=exc.strerror or "") from None
    from generator.io.writing import clean_stale_temps
    clean_stale_temps(folder)          # what a killed earlier run left half-written

    jobs_list = [(i, school, chosen_profile, chosen, target, when, force, lang, engine)
                 for i, (school, target) in enumerate(schools)]
    results = [None] * len(jobs_list)
    workers = min(jobs or os.cpu_count() or 2, max(len(jobs_list), 1))
    console = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    interrupted = False
    import time
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
                stop_pool(pool)
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

    written = [r for r in results if r[2] is not None]
    failures += [(r[1], r[4]) for r in results if r[2] is None]
    for label, text in failures:
        click.echo(i18n.message("doc_school_failed", lang, name=label) + "\n" + text, err=True)
    if failures:
        click.echo(i18n.message("doc_each_summary", lang, written=len(written), folder=folder,
                                failed=len(failures)), err=True)
    else:
        click.echo(i18n.message("doc_each_done", lang, written=len(written), folder=folder))
    if pdf and written:
        _write_pdfs([Path(r[2]) for r in written], lang, force)
    if failures:
        return EXIT_INPUT
    return EXIT_OK if all(r[3] for r in written) else EXIT_SHORT


# ---------------------------------------------------------------- plan
@click.command()
@click.argument("facts", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False), help="要写入的 .docx / the .docx to write")
@click.option("--ledger", "ledger", type=click.Path(dir_okay=False), metavar="OUT.xlsx",
              help="同时写出整改台账 / also write the ledger (整改台账) workbook")
@click.option("--deadline", "deadline", metavar="2025-08-31",
              help="统一完成时限（默认按三年行动计划分阶段）/ one deadline for every item")
@click.option("--costs", "costs", type=click.Path(dir_okay=False), metavar="FILE.yaml",
              help="本县单价，覆盖 rules/costs.yaml 的同名项 / your unit costs")
@click.option("--measures", "measures", type=click.Path(dir_okay=False), metavar="FILE.yaml",
              help="自己的整改措施库（格式同 rules/measures.yaml）/ your own measures library")
@click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path), metavar="MY.docx",
              help="用自己的模板 / your own template")
@click.option("--list-fields", "list_fields", is_flag=True, help="列出模板可用的字段 / list the template fields")
@click.option("--date", "date", metavar="2024-09-01", help="成文日期；不给则留空待填 / the date under the signature")
@click.option("--pdf", is_flag=True, help="同时生成 PDF / also write a PDF")
@click.option("--force", is_flag=True, help="覆盖已有文件 / overwrite existing files")
@click.option("--least-cost", "least_cost", is_flag=True,
              help="达标测算：各校达标、差异系数达标的最低费用增加方案 / the cheapest additions that pass")
@click.option("--json", "as_json", is_flag=True, help="与 --least-cost 同用：输出 JSON / print the plan as JSON")
@click.option("--apply", "apply_path", type=click.Path(dir_okay=False), metavar="AFTER.yaml",
              help="与 --least-cost 同用：写出增加后的事实文件 / write the facts with the additions applied")
@evaluating_options
def plan(facts, output, ledger, deadline, costs, measures, template, list_fields, date, pdf, force,
         least_cost, as_json, apply_path, profile, lang, engine):
    """整改方案：每个未达标或缺数据的指标一项——问题、目标、措施、需增加的数量、估算资金、责任人、
    完成时限（三年行动计划：建设推进年、巩固提升年、完善迎评年，或 --deadline）；--ledger 另出整改台账。

    \b
    例 / example:
      junheng plan samples/dongshe-primary.yaml -o 东社小学整改方案.docx --ledger 整改台账.xlsx
      junheng plan samples/county/county.yaml -o 清河县整改方案.docx --costs 本县单价.yaml
      junheng plan samples/dongshe-primary.yaml -o 方案.docx --deadline 2025-08-31 --pdf
      junheng plan samples/county/county.yaml --least-cost --apply 达标后.yaml    达标测算
    --least-cost：最低费用达标测算（--json、--apply、-o 均可选；退出码 0 可全部达标，1 有达不到的目标）。
    责任人来自事实文件的 responsibles（指标编号或学校名 → 责任人，default 为其余），否则为“（待填）”。

    退出码 / exit codes: 0 全部达标, 1 有整改项目, 2 输入有误。
    """
    from generator.errors import InputErrors

    try:
        if least_cost or as_json or apply_path:
            from generator.cli.leastcost import least_cost_plan_command
            status = least_cost_plan_command(facts, output, ledger, deadline, costs, measures, template, date, pdf,
                                             force, least_cost, as_json, apply_path, profile, lang, engine)
        else:
            status = _plan(facts, output, ledger, deadline, costs, measures, template, list_fields, date, pdf,
                           force, profile, lang, engine)
    except InputErrors as errors:
        fail_input(errors, lang)
    sys.exit(status)


def _plan(facts, output, ledger, deadline, costs, measures, template, list_fields, date, pdf, force, profile, lang,
          engine):
    from generator.render.document_kinds import plan_document
    from generator.render.documents import prepare, render_docx_bytes
    from generator.render.plan import load_costs
    from generator.render.report_common import load_measures
    from generator.io.writing import check_outputs, write_bytes_atomic

    when = _parse_date(date, "--date")
    until = _parse_date(deadline, "--deadline")
    if not list_fields:
        if output is None:
            raise _error("doc_output_required", key="-o")
        _check_suffix(output, "-o", ".docx")
        _check_suffix(ledger, "--ledger", ".xlsx")
        check_outputs([("-o", output), ("--ledger", ledger),
                       ("--pdf", Path(output).with_suffix(".pdf") if pdf else None)], force,
                      inputs=[("FACTS", facts), ("--costs", costs), ("--measures", measures),
                              ("--template", template)])
        if pdf:
            _pdf_precheck([output], force)
    unit_costs = load_costs(costs)
    library = load_measures(measures)
    subject, rules, result = _load(facts, profile, "plan", engine)
    context, kind, default = plan_document(subject, result, rules, costs=unit_costs, measures_path=measures,
                                           library=library, deadline=until, date=when)
    chosen = template or default
    if list_fields:
        _list_fields(context, kind, chosen, facts, lang)
        return EXIT_OK
    prepare(chosen).check_context(context)
    if when is None:
        _note(i18n.message("doc_no_date", lang))
    # Both made before either is written: a refusal of one leaves neither behind.
    from generator.render.prose import for_print
    document = render_docx_bytes(chosen, for_print(context), document_metadata(result, rules))
    ledger_data = None
    if ledger:
        from generator.render.ledger import ledger_bytes
        ledger_data = ledger_bytes(context)
    write_bytes_atomic(output, document, force=force)
    click.echo(i18n.message("doc_written", lang, path=output))
    if ledger:
        write_bytes_atomic(ledger, ledger_data, force=force)
        click.echo(i18n.message("doc_written", lang, path=ledger))
    if pdf:
        _write_pdfs([output], lang, force)
    return EXIT_OK if result.passed else EXIT_SHORT
