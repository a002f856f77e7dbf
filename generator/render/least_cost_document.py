"""The 整改方案 with its 达标测算 section filled (`plan --least-cost -o` and the web page's download):
the context, the profile's plan template and the printed .docx bytes."""
from __future__ import annotations

from generator.render.document_kinds import plan_document
from generator.render.documents import prepare, render_docx_bytes
from generator.render.documents_meta import document_metadata
from generator.render.least_cost_output import context
from generator.render.prose import for_print


def least_cost_document(subject, rules, result, plan, unit_costs, measures=None, deadline=None, date=None):
    """The 整改方案 context with the 达标测算 section filled, and the profile's plan template —
    one place for `plan --least-cost -o` and the web page's download."""
    doc, _kind, default = plan_document(subject, result, rules, costs=unit_costs, measures_path=measures,
                                        deadline=deadline, date=date)
    doc.update(context(plan))
    return doc, default


def least_cost_docx(doc: dict, template, result, rules) -> bytes:
    """The .docx bytes, printed as the plain 整改方案 is (numbers kept with their units)."""
    prepare(template).check_context(doc)
    return render_docx_bytes(template, for_print(doc), document_metadata(result, rules))
