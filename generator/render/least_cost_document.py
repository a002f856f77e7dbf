"""The 整改方案 with its 达标测算 section filled (`plan --least-cost -o` and the web page's download):
the context, the profile's plan template and the printed .docx bytes."""
from __future__ import annotations

from generator.render.document_kinds import plan_document
from generator.render.documents import prepare, render_docx_bytes
from generator.render.documents_meta import document_metadata
from generator.render.least_cost_output import context
from generator.render.prose import for_print
from generator.numbers import doc_money
from generator.render.plan import annex_row


def least_cost_document(subject, rules, result, plan, unit_costs, measures=None, deadline=None, date=None):
    """The 整改方案 context with the 达标测算 section filled, and the profile's plan template —
    one place for `plan --least-cost -o` and the web page's download."""
    doc, _kind, default = plan_document(subject, result, rules, costs=unit_costs, measures_path=measures,
                                        deadline=deadline, date=date)
    doc.update(context(plan))
    _list_every_price(doc, plan, unit_costs)
    doc["lc_scope"] = scope_sentence(doc)
    return doc, default


def _list_every_price(doc: dict, plan, unit_costs: dict) -> None:
    """The annex of unit prices lists every price the document uses: the item list's and the
    达标测算 section's (the same key prices a fact in both), in the order of the costs file."""
    listed = {entry["name"] for entry in doc.get("cost_basis") or []}
    used = {a.cost_key for a in plan.additions if a.cost_key and a.cost_yuan is not None}
    basis = [annex_row(c) for key, c in unit_costs.items() if c["name"] in listed or key in used]
    if basis:
        doc["cost_basis"] = basis
        doc["annex_title"] = doc.get("annex_title") or "资金测算单价"


def scope_sentence(doc: dict) -> str:
    """One sentence that says how the 达标测算's sum relates to the plan's own total, so a page
    never shows two totals without saying what each covers; the plan's total is the plan's."""
    plan_total, lc_total = doc.get("total_cost_yuan"), doc.pop("lc_total_yuan", None)
    private = doc.pop("lc_private_yuan", 0)
    if not doc.get("lc_rows") or plan_total is None or lc_total is None:
        return ""
    if lc_total == plan_total:
        return f"达标测算的投入与本方案估算整改资金{doc['total_cost']}一致。"
    included = f"，含民办学校由举办者自筹的{doc_money(private)}" if private else ""
    others = "县级人民政府推进工作等其他整改项目" if doc.get("kind") == "县" else "其他整改项目"
    return (f"达标测算的{doc_money(lc_total)}只计使各校办学条件和差异系数达到标准的最少增加量{included}，不含{others}，"
            f"与本方案估算整改资金{doc['total_cost']}口径不同；本方案的资金总额以估算整改资金{doc['total_cost']}为准。")


def least_cost_docx(doc: dict, template, result, rules) -> bytes:
    """The .docx bytes, printed as the plain 整改方案 is (numbers kept with their units)."""
    prepare(template).check_context(doc)
    return render_docx_bytes(template, for_print(doc), document_metadata(result, rules))
