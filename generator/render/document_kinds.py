"""Which context and template a result's documents use — decided once, for the CLI verbs, the
`--each-school` workers and the web pages alike: the 优质均衡 standard has its own contexts and
templates (generator.render.report_quality), the 基本均衡 profiles the shipped ones
(generator.render.report_school, report_county, plan)."""
from __future__ import annotations

from generator.render.least_cost_output import context as least_cost_context
from generator.render.plan import plan_context
from generator.render.plan_quality import quality_plan
from generator.render.report_common import load_measures
from generator.render.report_county import county_report_context
from generator.render.report_quality import is_quality, quality_report
from generator.render.report_school import school_report_context

SCHOOL_TEMPLATE, COUNTY_TEMPLATE, PLAN_TEMPLATE = "report-school.docx", "report-county.docx", "plan.docx"


def report_document(subject, result, rules, date) -> tuple[dict, str, str]:
    """(context, field-docs kind, default template) of the 自查报告 / 自评报告."""
    if is_quality(result):
        return quality_report(subject, result, rules, date)
    if subject.kind == "school":
        return school_report_context(subject, result, rules, date=date), "report-school", SCHOOL_TEMPLATE
    return county_report_context(subject, result, rules, date=date), "report-county", COUNTY_TEMPLATE


def plan_document(subject, result, rules, *, costs, measures_path=None, library=None, deadline=None,
                  date=None) -> tuple[dict, str, str]:
    """(context, field-docs kind, default template) of the 整改方案; `library` is the loaded
    measures of `measures_path` for the basic profiles (loaded here when not given)."""
    if is_quality(result):
        context, kind, template = quality_plan(subject, result, rules, costs, measures_path, deadline, date)
    else:
        library = library if library is not None else load_measures(measures_path)
        context, kind, template = (plan_context(subject, result, rules, costs=costs, measures=library,
                                                deadline=deadline, date=date), "plan", PLAN_TEMPLATE)
    # The 达标测算 section's fields, empty: `plan --least-cost` fills them.
    context.update(least_cost_context(None))
    return context, kind, template
