"""`junheng plan`: the 整改方案 and the 整改台账; `--least-cost` is generator.cli.leastcost.

Exit codes: 0 everything met, 1 there are items to put right (the plan is written all the same),
2 the input could not be used (nothing written).
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
    json_option,
    pdf_option,
)
from generator.cli.document_steps import (
    check_suffix,
    doc_error,
    list_template_fields,
    load_evaluated,
    note,
    pdf_precheck,
    run_options,
    write_pdfs,
)
from generator.errors import InputErrors


def register(main: click.Group) -> None:
    """Add this module's verb to the `junheng` group."""
    main.add_command(plan)


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
@date_option
@pdf_option
@force_option
@click.option("--least-cost", "least_cost", is_flag=True,
              help=f"达标测算：各校{i18n.status_word('pass')}、差异系数{i18n.status_word('pass')}的最低费用增加方案 / the cheapest additions that pass")
@json_option
@click.option("--apply", "apply_path", type=click.Path(dir_okay=False), metavar="AFTER.yaml",
              help="与 --least-cost 同用：写出增加后的事实文件 / write the facts with the additions applied")
@evaluating_options
def plan(facts, output, ledger, deadline, costs, measures, template, list_fields, date, pdf, force,
         least_cost, as_json, apply_path, profile, lang, engine):
    """整改方案：每个未达标或缺数据的指标一项——问题、目标、措施、需增加的数量、估算资金、责任人、
    完成时限（三年行动计划：建设推进年、巩固提升年、完善迎评年，或 --deadline）；--ledger 另出整改台账。

    \b
    例：
      junheng plan samples/dongshe-primary.yaml -o 东社小学整改方案.docx --ledger 整改台账.xlsx
      junheng plan samples/county/county.yaml -o 清河县整改方案.docx --costs 本县单价.yaml
      junheng plan samples/dongshe-primary.yaml -o 方案.docx --deadline 2025-08-31 --pdf
      junheng plan samples/county/county.yaml --least-cost --apply 达标后.yaml    达标测算
    --least-cost：最低费用达标测算（--json、--apply、-o 均可选）。
    责任人来自事实文件的 responsibles（指标编号或学校名 → 责任人，default 为其余），否则为“（待填）”。
    """

    try:
        if least_cost or as_json or apply_path:
            from generator.cli.leastcost import least_cost_plan_command
            run = run_options(profile, engine, lang, date=date, deadline=deadline, costs=costs, measures=measures,
                              template=template, force=force)
            status = least_cost_plan_command(facts, run, output=output, ledger=ledger, pdf=pdf,
                                             least_cost=least_cost, as_json=as_json, apply_path=apply_path)
        else:
            status = _plan(facts, output, ledger, deadline, costs, measures, template, list_fields, date, pdf,
                           force, profile, lang, engine)
    except InputErrors as errors:
        fail_input(errors, lang)
    sys.exit(status)


def _plan(facts, output, ledger, deadline, costs, measures, template, list_fields, date, pdf, force, profile, lang,
          engine):
    from generator.io.writing import check_outputs, option_input, refuse_inputs, write_bytes_atomic
    from generator.service import documents

    run = run_options(profile, engine, lang, date=date, deadline=deadline, costs=costs, measures=measures,
                      template=template, force=force)
    if not list_fields:
        if output is None:
            raise doc_error("doc_output_required", key="-o")
        check_suffix(output, "-o", ".docx")
        check_suffix(ledger, "--ledger", ".xlsx")
        check_outputs([("-o", output), ("--ledger", ledger),
                       ("--pdf", Path(output).with_suffix(".pdf") if pdf else None)], force,
                      inputs=[("FACTS", facts), ("--costs", costs), ("--measures", measures),
                              ("--template", template), option_input("--profile", profile)])
        if pdf:
            pdf_precheck([output], force)
    unit_costs = documents.unit_costs(run)
    library = documents.measures_library(run)
    evaluated = load_evaluated(facts, run, "plan")
    document = documents.plan(evaluated, run, unit_costs, library)
    if list_fields:
        list_template_fields(document.context, document.kind, document.template, facts, lang)
        return EXIT_OK
    # Both made before either is written: a refusal of one leaves neither behind.
    data = documents.document_bytes(document, evaluated)
    if run.date is None:
        note(i18n.message("doc_no_date", lang))
    ledger_data = documents.ledger_xlsx(document) if ledger else None
    refuse_inputs([output, ledger, Path(output).with_suffix(".pdf") if pdf else None])   # every input now read
    write_bytes_atomic(output, data, force=force)
    click.echo(i18n.message("doc_written", lang, path=output))
    if ledger:
        write_bytes_atomic(ledger, ledger_data, force=force)
        click.echo(i18n.message("doc_written", lang, path=ledger))
    if pdf:
        write_pdfs([output], lang, force)
    return EXIT_OK if evaluated.result.passed else EXIT_SHORT
