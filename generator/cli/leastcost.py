"""`junheng plan --least-cost`: the cheapest additions that pass (issue 15), on the terminal,
as JSON, as the 达标测算 section of the 整改方案 (-o), a ledger sheet (--ledger) and the facts
with the additions applied (--apply).

Exit codes: 0 the plan reaches every target (an empty plan when the county already passes),
1 some target cannot be reached by additions (explained, with the best reachable), 2 input.
"""
from __future__ import annotations

import click

from generator import i18n
from generator.cli.common import EXIT_OK, EXIT_SHORT
from generator.render.least_cost_document import least_cost_docx, least_cost_document


def least_cost_plan_command(facts, output, ledger, deadline, costs, measures, template, date, pdf, force,
                            least_cost, as_json, apply_path, profile, lang, engine=None) -> int:
    from generator.cli.document_steps import (
        check_suffix,
        doc_error,
        load_evaluated,
        note,
        pdf_precheck,
        write_pdfs,
    )
    from generator.render.date_option import check_deadline, parse_date_option
    from generator.plan.least_cost import least_cost_plan
    from generator.plan.output import after_yaml, text, to_json
    from generator.io.writing import check_writable, write_bytes_atomic

    if not least_cost:
        raise doc_error("lc_needs_flag", key="--json" if as_json else "--apply",
                        option="--json" if as_json else "--apply")
    if as_json and (output or ledger or pdf):
        raise doc_error("lc_json_and_o", key="--json")
    when = parse_date_option(date, "--date")
    until = parse_date_option(deadline, "--deadline")
    check_deadline(until, when)
    check_suffix(output, "-o", ".docx")
    check_suffix(ledger, "--ledger", ".xlsx")
    check_suffix(apply_path, "--apply", ".yaml")
    for path in (output, ledger, apply_path):       # refuse before any work
        if path:
            check_writable(path, force)
    if pdf:
        if not output:
            raise doc_error("doc_output_required", key="-o")
        pdf_precheck([output], force)
    from generator.io.costs_file import load_costs
    unit_costs = load_costs(costs)
    subject, rules, result = load_evaluated(facts, profile, "plan", engine)
    plan = least_cost_plan(subject, rules, unit_costs, result, engine=engine or "auto")

    if as_json:
        click.echo(to_json(plan))
    else:
        click.echo(text(plan, lang))
    if output or ledger:
        doc, default = least_cost_document(subject, rules, result, plan, unit_costs, measures, until, when)
        chosen = template or default
        if output:
            data = least_cost_docx(doc, chosen, result, rules)
            if when is None:
                note(i18n.message("doc_no_date", lang))
            write_bytes_atomic(output, data, force=force)
            click.echo(i18n.message("doc_written", lang, path=output), err=as_json)
        if ledger:
            from generator.render.ledger import write_ledger
            write_ledger(doc, ledger, force=force, least_cost=plan)
            click.echo(i18n.message("doc_written", lang, path=ledger), err=as_json)
    if apply_path:
        write_bytes_atomic(apply_path, after_yaml(plan), force=force)
        click.echo(i18n.message("doc_written", lang, path=apply_path), err=as_json)
    if pdf:
        write_pdfs([output], lang, force)
    return EXIT_OK if plan.reached else EXIT_SHORT


