"""`junheng plan --least-cost`: the cheapest additions that pass, on the terminal,
as JSON, as the 达标测算 section of the 整改方案 (-o), a ledger sheet (--ledger) and the facts
with the additions applied (--apply).

Exit codes, as every verb's: 0 the county already meets the standard (an empty plan), 1 it falls short or is
undecided (the plan says what to add; a target additions cannot reach is explained with the best reachable),
2 input. The same county exits the same with `plan`, `plan --least-cost`, `report` and `check`.
"""
from __future__ import annotations

from pathlib import Path

import click

from generator import i18n
from generator.cli.common import EXIT_OK, EXIT_SHORT
from generator.cli.document_steps import check_suffix, doc_error, load_evaluated, note, pdf_precheck, write_pdfs
from generator.render.least_cost_output import after_yaml, text, to_json


def least_cost_plan_command(facts, run, *, output=None, ledger=None, pdf=False, least_cost=False, as_json=False,
                            apply_path=None) -> int:
    from generator.io.writing import check_writable, refuse_inputs, write_bytes_atomic
    from generator.service import documents

    lang, force = run.lang, run.force
    if not least_cost:
        raise doc_error("lc_needs_flag", key="--json" if as_json else "--apply",
                        option="--json" if as_json else "--apply")
    if as_json and (output or ledger or pdf):
        raise doc_error("lc_json_and_o", key="--json")
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
    unit_costs = documents.unit_costs(run)
    evaluated = load_evaluated(facts, run, "plan")
    plan = documents.least_cost(evaluated, run, unit_costs)

    # every input is read now (the county's school files too): none of them may be an output
    refuse_inputs([output, ledger, apply_path, Path(output).with_suffix(".pdf") if pdf and output else None])
    if as_json:
        click.echo(to_json(plan))
    else:
        click.echo(text(plan, lang))
    if output or ledger:
        document = documents.least_cost_plan_document(evaluated, run, plan, unit_costs)
        if output:
            data = documents.document_bytes(document, evaluated)
            if run.date is None:
                note(i18n.message("doc_no_date", lang))
            write_bytes_atomic(output, data, force=force)
            click.echo(i18n.message("doc_written", lang, path=output), err=as_json)
        if ledger:
            write_bytes_atomic(ledger, documents.ledger_xlsx(document, least_cost=plan), force=force)
            click.echo(i18n.message("doc_written", lang, path=ledger), err=as_json)
    if apply_path:
        write_bytes_atomic(apply_path, after_yaml(plan), force=force)
        click.echo(i18n.message("doc_written", lang, path=apply_path), err=as_json)
    if pdf:
        write_pdfs([output], lang, force)
    return EXIT_OK if evaluated.result.passed else EXIT_SHORT
