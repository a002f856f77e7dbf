"""Document kind → bytes, for the CLI verbs, the web pages and the collection server alike: the
自查报告, the 整改方案 and its 整改台账, the least-cost plan (JSON and the 整改方案 with its 达标测算), one
自查报告 per school, the 督导核查意见, and a county's facts exported. Rendering is one call (`docx`);
writing stays in generator/io/writing.py — nothing here touches a file but the templates it reads."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from generator.service.evaluate import Evaluated, evaluate_subject
from generator.service.files import unique_file_names
from generator.service.options import RunOptions


@dataclasses.dataclass(frozen=True)
class Document:
    """A document's fields (context), their kind for `--list-fields`, and the template that prints them
    (the user's own when the options name one, else the standard's)."""
    context: dict
    kind: str
    template: str | Path


def docx(template, context: dict, evaluated: Evaluated | None = None) -> bytes:
    """The one rendering call. A document made from an evaluation is printed as such (numbers kept with
    their units: render.prose.for_print) and records the profile and backend that decided it; a user's
    template that asks for a field the context lacks is refused before anything is made."""
    from generator.render.documents import prepare

    prepared = prepare(template)           # its render() refuses a context that lacks a field first
    if evaluated is None:
        return prepared.render(context)
    from generator.render.documents_meta import document_metadata
    from generator.render.prose import for_print
    return prepared.render(for_print(context), document_metadata(evaluated.result, evaluated.rules))


def document_bytes(document: Document, evaluated: Evaluated) -> bytes:
    return docx(document.template, document.context, evaluated)


# ---------------------------------------------------------------- shared inputs
def unit_costs(options: RunOptions) -> dict:
    """rules/costs.yaml, with the options' county file overriding any key."""
    from generator.io.costs_file import load_costs
    return load_costs(options.costs)


def measures_library(options: RunOptions) -> dict:
    from generator.io.measures_file import load_measures
    return load_measures(options.measures)


# ---------------------------------------------------------------- 自查报告
def report(evaluated: Evaluated, options: RunOptions) -> Document:
    from generator.render.document_kinds import report_document

    context, kind, default = report_document(evaluated.subject, evaluated.result, evaluated.rules, options.date)
    return Document(context, kind, options.template or default)


def report_docx(evaluated: Evaluated, options: RunOptions) -> bytes:
    return document_bytes(report(evaluated, options), evaluated)


def school_report_name(school_name: str) -> str:
    """A school's report file name, by the one rule for file names (generator.sanitize)."""
    from generator.sanitize import file_name
    return file_name(school_name, "自查报告.docx")


def school_report_names(schools) -> list[str]:
    return unique_file_names([school.name for school in schools], school_report_name)


def school_reports(county, rules, options: RunOptions, progress=None) -> list[tuple[str, bytes]]:
    """One 自查报告 per school of a county, each judged on its own by `rules`, in this process:
    [(file name, .docx bytes)] in the county's order (`report --each-school` writes the same bytes)."""
    names = school_report_names(county.schools)
    files = []
    if progress:
        progress(0, len(names))
    for number, (school, name) in enumerate(zip(county.schools, names), 1):
        files.append((name, report_docx(evaluate_subject(school, options, rules), options)))
        if progress:
            progress(number, len(names))
    return files


# ---------------------------------------------------------------- 整改方案 and 整改台账
def plan(evaluated: Evaluated, options: RunOptions, costs: dict | None = None, library: dict | None = None
         ) -> Document:
    from generator.render.document_kinds import plan_document

    context, kind, default = plan_document(
        evaluated.subject, evaluated.result, evaluated.rules,
        costs=costs if costs is not None else unit_costs(options), measures_path=options.measures,
        library=library, deadline=options.deadline, date=options.date)
    return Document(context, kind, options.template or default)


def ledger_xlsx(document: Document, least_cost=None) -> bytes:
    """The 整改台账 of a 整改方案 (with the least-cost plan's own sheet when given)."""
    from generator.render.ledger import ledger_bytes
    return ledger_bytes(document.context, least_cost=least_cost)


def plan_files(evaluated: Evaluated, options: RunOptions) -> tuple[bytes, bytes]:
    """整改方案 .docx and 整改台账 .xlsx from one context, as `junheng plan -o … --ledger …` writes them."""
    document = plan(evaluated, options)
    return document_bytes(document, evaluated), ledger_xlsx(document)


def plan_docx(evaluated: Evaluated, options: RunOptions) -> bytes:
    """The 整改方案 alone (`junheng plan -o`): its 整改台账 is not made."""
    return document_bytes(plan(evaluated, options), evaluated)


def plan_ledger(evaluated: Evaluated, options: RunOptions) -> bytes:
    """The 整改台账 alone (`junheng plan --ledger`): from the plan's context, no .docx rendered."""
    return ledger_xlsx(plan(evaluated, options))


# ---------------------------------------------------------------- 达标测算 (least cost)
def least_cost(evaluated: Evaluated, options: RunOptions, costs: dict | None = None):
    from generator.plan.least_cost import least_cost_plan
    return least_cost_plan(evaluated.subject, evaluated.rules,
                           costs if costs is not None else unit_costs(options), evaluated.result,
                           engine=options.backend())


def least_cost_json(plan_) -> bytes:
    from generator.render.least_cost_output import to_json
    return (to_json(plan_) + "\n").encode("utf-8")


def least_cost_plan_document(evaluated: Evaluated, options: RunOptions, plan_, costs: dict | None = None
                             ) -> Document:
    """The 整改方案 with its 达标测算 section filled."""
    from generator.render.least_cost_document import least_cost_document

    context, default = least_cost_document(evaluated.subject, evaluated.rules, evaluated.result, plan_,
                                           costs if costs is not None else unit_costs(options),
                                           options.measures, options.deadline, options.date)
    return Document(context, "plan", options.template or default)


def least_cost_files(evaluated: Evaluated, options: RunOptions) -> tuple[bytes, bytes]:
    """(整改方案 with 达标测算 .docx, the plan's JSON), as `plan --least-cost -o X.docx` and `--json` write."""
    return least_cost_made(evaluated, options)[1:]


def least_cost_made(evaluated: Evaluated, options: RunOptions):
    """(the plan, its 整改方案 with 达标测算 .docx, its JSON): for a front end that also shows the plan."""
    costs = unit_costs(options)
    plan_ = least_cost(evaluated, options, costs)
    document = least_cost_plan_document(evaluated, options, plan_, costs)
    return plan_, document_bytes(document, evaluated), least_cost_json(plan_)


# ---------------------------------------------------------------- 督导核查意见
def opinion_docx(audit_result, evaluated_rules, subject, options: RunOptions, issuer: str | None = None,
                 extraction=None) -> bytes:
    """The 督导核查意见 as `junheng audit -o` writes it: signed by `issuer` (None: the default body),
    quoting the report `extraction` came from (None: a fact file)."""
    from generator.audit.opinion import OPINION_TEMPLATE, opinion_context
    from generator.resources import templates_dir

    context = opinion_context(audit_result, subject, options.lang, date=options.date, rules=evaluated_rules,
                              issuer=issuer, extraction=extraction)
    return _plain_docx(templates_dir() / OPINION_TEMPLATE, context,
                       {"generator": "junheng", "profile": evaluated_rules.id, "engine": options.backend()})


def _plain_docx(template, context, metadata=None) -> bytes:
    from generator.render.documents import prepare
    return prepare(template).render(context, metadata)


# ---------------------------------------------------------------- facts exported
def export_files(subject, stem: str | None = None) -> list[tuple[str, bytes]]:
    """The facts as `junheng export` writes them: the workbook and the YAML fact file."""
    from generator.io.workbook.export import facts_workbook, facts_yaml
    from generator.sanitize import file_name

    stem = file_name(stem or subject.name)
    return [(f"{stem}.xlsx", facts_workbook(subject)), (f"{stem}.yaml", facts_yaml(subject).encode("utf-8"))]
