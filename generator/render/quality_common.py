"""What the 优质均衡 自评报告 (report_quality.py) and 整改方案 (plan_quality.py) share: amounts and
percentages in the documents' words, and the measures library with the quality entries."""
from __future__ import annotations

import yaml

from generator.numbers import doc_number, exact
from generator.render.report_common import load_measures
from generator.resources import rules_dir
from generator.i18n import RELATION_WORDS
from generator.model import schema


def percent_text(value) -> str:
    return "—" if value is None else doc_number(exact(value) * 100, 2) + "%"


def amount_with_unit(value, unit: str) -> str:
    return "" if value in (None, 0) else f"{doc_number(value, 2)}{unit}"


# ---------------------------------------------------------------- measures library
def load_quality_measures(path=None) -> dict:
    """rules/measures.yaml (or --measures FILE) with the 优质均衡 entries added where absent."""
    library = load_measures(path)
    extra = yaml.safe_load((rules_dir() / "quality" / "measures.yaml").read_text(encoding="utf-8"))
    # A county's own file (--measures) wins over the shipped entries; otherwise the quality
    # entries win over the basic ones that measure the same facts.
    items = {**extra["items"], **library["items"]} if path else {**library["items"], **extra["items"]}
    notes = {key: extra[key] for key in ("quality_phase_notes", "quality_school_phase_notes")
             if key in extra and key not in library}
    return {**library, **notes, "items": items}


def shortfall_words(item: dict) -> str:
    """Why a 政府保障程度 / 教育质量 item is not met, in the figures of its failing checks:
    "小学最大班额为48人，未达到不高于45人的要求" — a problem an office can act on, not the
    item's name repeated. Empty when no check carries a figure."""
    clauses = []
    for check in item.get("checks", []):
        if check.get("status") != "fail" or not isinstance(check.get("of"), str) or check.get("value") is None:
            continue
        unit = check.get("unit") or ""
        def figure(value):
            return percent_text(value) if unit == "%" else doc_number(value, 4) + unit
        clauses.append(f"{schema.label_of(check['of'])}为{figure(check['value'])}，未达到"
                       f"{RELATION_WORDS.get(check['op'], '')}{figure(check['standard'])}的要求")
    return "；".join(clauses)
