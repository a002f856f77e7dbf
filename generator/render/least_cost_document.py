"""The 整改方案 with its 达标测算 section filled (`plan --least-cost -o` and the web page's download):
the context, the profile's plan template and the printed .docx bytes."""
from __future__ import annotations

from generator.render.document_kinds import plan_document
from generator.render.documents import prepare, render_docx_bytes
from generator.render.documents_meta import document_metadata
from generator.render.least_cost_output import context
from generator.render.prose import for_print
from generator.numbers import doc_number


def least_cost_document(subject, rules, result, plan, unit_costs, measures=None, deadline=None, date=None):
    """The 整改方案 context with the 达标测算 section filled, and the profile's plan template —
    one place for `plan --least-cost -o` and the web page's download."""
    doc, _kind, default = plan_document(subject, result, rules, costs=unit_costs, measures_path=measures,
                                        deadline=deadline, date=date)
    doc.update(context(plan))
    _list_every_price(doc, plan, unit_costs)
    return doc, default


def _list_every_price(doc: dict, plan, unit_costs: dict) -> None:
    """The annex of unit prices lists every price the document uses: the item list's and the
    达标测算 section's (the same key prices a fact in both), in the order of the costs file."""
    listed = {entry["name"] for entry in doc.get("cost_basis") or []}
    used = {a.cost_key for a in plan.additions if a.cost_key and a.cost_yuan is not None}
    basis = [{"name": c["name"], "value": doc_number(c["value"]), "unit": c["unit"], "note": c.get("note", "")}
             for key, c in unit_costs.items() if c["name"] in listed or key in used]
    if basis:
        doc["cost_basis"] = basis
        doc["annex_title"] = doc.get("annex_title") or "资金测算单价"


def least_cost_docx(doc: dict, template, result, rules) -> bytes:
    """The .docx bytes, printed as the plain 整改方案 is (numbers kept with their units)."""
    prepare(template).check_context(doc)
    return render_docx_bytes(template, for_print(doc), document_metadata(result, rules))
