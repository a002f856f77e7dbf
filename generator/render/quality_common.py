"""What the 优质均衡 自评报告 (report_quality.py) and 整改方案 (plan_quality.py) share: amounts and
percentages in the documents' words, and the measures library with the quality entries."""
from __future__ import annotations

import yaml

from generator.numbers import doc_number, exact
from generator.render.report_common import load_measures
from generator.resources import rules_dir


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
    return {**library, "items": items}
