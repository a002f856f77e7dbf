"""`junheng report`: the 自查报告 of a school or a county.

The verb reads its options, and generator.service loads and judges the facts and makes the document's
bytes (generator.service.documents.report_docx); the verb writes them (generator.io.writing).
`--each-school` is generator.cli.each_school.

Exit codes as `check`: 0 everything met, 1 something falls short (the report is written all the
same), 2 the input could not be used (nothing written — except with --each-school, where the good
schools' reports are written and the bad ones named).
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import i18n
from generator.cli.common import (
    EXIT_OK,
    EXIT_SHORT,
    date_option,
    evaluating_options,
    fail_input,
    force_option,
    pdf_option,
)
from generator.cli.document_steps import (
    check_suffix,
    doc_error,
    list_template_fields,
    load_evaluated,
    note,
    note_placeholders,
    pdf_precheck,
    run_options,
    write_pdfs,
)
from generator.cli.each_school import write_each_school
from generator.errors import InputErrors


def register(main: click.Group) -> None:
    """Add this module's verb to the `junheng` group."""
    main.add_command(report)


@click.command()
@click.argument("facts", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", type=click.Path(),
              help="要写入的 .docx（--each-school 时为文件夹）/ the .docx to write (a folder with --each-school)")
@click.option("--template", "template", type=click.Path(dir_okay=False, path_type=Path), metavar="MY.docx",
              help="用自己的模板（如带红头的 .docx）/ your own template (e.g. with a letterhead)")
@click.option("--list-fields", "list_fields", is_flag=True,
              help="列出模板可用的字段及示例，不写文件 / list the fields a template may use")
@date_option
@pdf_option
@force_option
@click.option("--each-school", "each_school", is_flag=True,
              help="县：每校一份自查报告，写入 -o 文件夹 / a county: one report per school into the -o folder")
@click.option("--jobs", type=click.IntRange(1, 64), default=None,
              help="--each-school 的并行进程数（默认 CPU 核数）/ worker processes for --each-school")
@evaluating_options
def report(facts, output, template, list_fields, date, pdf, force, each_school, jobs, profile, lang, engine):
    """自查报告：学校（基本情况、各项指标达标情况表、存在的问题、整改措施、结论）或县（学校概况、
    差异系数表、政府推进工作得分表、四项条件、结论）。

    \b
    例：
      junheng report samples/dongshe-primary.yaml -o 东社小学自查报告.docx
      junheng report samples/county/county.yaml -o 清河县自查报告.docx --date 2024-09-01 --pdf
      junheng report samples/county/county.yaml --each-school -o 各校自查报告/
      junheng report samples/dongshe-primary.yaml --template 红头.docx -o 报告.docx
      junheng report samples/dongshe-primary.yaml --list-fields       模板可用字段
    """

    try:
        if each_school:
            status = write_each_school(facts, output, run_options(profile, engine, lang, date=date, template=template,
                                                                  force=force), pdf, jobs)
        else:
            status = _report(facts, output, template, list_fields, date, pdf, force, profile, lang, engine)
    except InputErrors as errors:
        fail_input(errors, lang)
    sys.exit(status)


def _report(facts, output, template, list_fields, date, pdf, force, profile, lang, engine):
    from generator.io.writing import check_outputs, option_input, refuse_inputs, write_bytes_atomic
    from generator.service import documents

    run = run_options(profile, engine, lang, date=date, template=template, force=force)
    if not list_fields:
        if output is None:
            raise doc_error("doc_output_required", key="-o")
        check_suffix(output, "-o", ".docx")
        # every output refused before any work; none may be an input (the template, the facts)
        check_outputs([("-o", output), ("--pdf", Path(output).with_suffix(".pdf") if pdf else None)], force,
                      inputs=[("FACTS", facts), ("--template", template), option_input("--profile", profile)])
        if pdf:
            pdf_precheck([output], force)
    evaluated = load_evaluated(facts, run, "report")
    document = documents.report(evaluated, run)
    if list_fields:
        list_template_fields(document.context, document.kind, document.template, facts, lang)
        return EXIT_OK
    data = documents.document_bytes(document, evaluated)   # a user template's unknown field: exit 2, nothing written
    if run.date is None:
        note(i18n.message("doc_no_date", lang))
    refuse_inputs([output, Path(output).with_suffix(".pdf") if pdf else None])   # every input now read
    write_bytes_atomic(output, data, force=force)
    click.echo(i18n.message("doc_written", lang, path=output))
    note_placeholders(document.context, lang)
    if pdf:
        write_pdfs([output], lang, force)
    return EXIT_OK if evaluated.result.passed else EXIT_SHORT
