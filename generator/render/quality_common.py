"""What the 优质均衡 自评报告 (report_quality.py) and 整改方案 (plan_quality.py) share: the document
number style and the measures library with the quality entries. Below both, so neither imports the other back."""
from __future__ import annotations

import yaml

from generator.numbers import doc_number, exact
from generator.render.report_common import load_measures
from generator.resources import rules_dir


def _n(value, decimals: int = 2) -> str:
    """1234.5 / 15 / 0.081: the documents' one number style (generator.numbers.doc_number)."""
    return doc_number(value, decimals)


def _percent(value) -> str:
    return "—" if value is None else _n(exact(value) * 100, 2) + "%"


def _amount(value, unit: str) -> str:
    return "" if value in (None, 0) else f"{_n(value, 2)}{unit}"


def _rule_of(profile) -> dict:
    return {rule["id"]: rule.get("of") for rule in profile.basic_rules}


# ---------------------------------------------------------------- measures library
def load_quality_measures(path=None) -> dict:
    """rules/measures.yaml (or --measures FILE) with the 优质均衡 entries added where absent."""
    library = load_measures(path)
    extra = yaml.safe_load((rules_dir() / "quality" / "measures.yaml").read_text(encoding="utf-8"))
    # A county's own file (--measures) wins over the shipped entries; otherwise the quality
    # entries win over the basic ones that measure the same facts.
    items = {**extra["items"], **library["items"]} if path else {**library["items"], **extra["items"]}
    return {**library, "items": items}
