"""What a report's text gave that the audit could not use: the notes on its figures (terminal and web
page) and the extraction as JSON. Shared by cli/audit.py and web/routes_audit.py."""
from __future__ import annotations

from decimal import Decimal
import re

from generator.extract.fact_file import REASONS
from generator.i18n import message
from generator.io.yaml_writer import comment
from generator.numbers import plain


REASONS_EN = {
    "no_field": "not tied to a fact field", "target": "a target or requirement, not the present state",
    "growth": "a growth rate", "ratio": "a ratio", "bound": "a bound (…以上/以下), not a figure",
    "standard_without_figure": "a standard with no figure", "county_rate": "a county rate the schools cannot add up to",
    "verdict_without_rule": "a verdict against a standard no rule of the profile measures",
    "county_subject_teachers": "county subject teachers (give them per school)",
    "deficit_without_standard": "a shortfall with no stated standard and no rule",
    "addition": "an amount added or bought, not the stock", "stage_subset": "a 学段 subtotal over some listed schools",
    "county_shortfall": "a county-level shortfall or verdict: check it per school",
    "schools_pending": "some schools lack figures: the county sum cannot be checked yet",
}


def extraction_json(extraction) -> dict:
    """What `audit --json` adds for a report: the figures not tied to a field, schools not checkable."""
    return {"source": extraction.source,
            "unrecognised": [item.to_json() for item in extraction.unrecognised],
            "pending_schools": [name for name in extraction.schools if not extraction.checkable_school(name)],
            "assumptions": list(extraction.assumptions)}


def print_extraction_notes(extraction, lang: str, echo=print):
    """What the terminal (and the web page) says about a report's figures the audit could not use."""

    pending = [name for name in extraction.schools if not extraction.checkable_school(name)]
    if "no_students" in extraction.assumptions:
        echo(message("extract_no_students", lang))
    if pending:
        echo(message("extract_pending", lang, names="、".join(pending) if lang == "zh" else ", ".join(pending)))
    if not extraction.unrecognised:
        return
    echo(message("extract_heading", lang, count=len(extraction.unrecognised)))
    for item in extraction.unrecognised:
        data = item.data
        value = data["value"]
        shown = data.get("written") or (str(plain(value)) if isinstance(value, Decimal) else str(value))
        reason = (REASONS if lang == "zh" else REASONS_EN).get(data["reason"], data["reason"])
        label = data.get("label") or "?"
        echo(f"  {where_words(item.where, lang)}  {label} {shown}{data.get('unit', '')} —— {reason}")
        echo(f"      {comment(item.text)}")


def where_words(where: str, lang: str) -> str:
    """"第 5 行" / "第 3 段" / "表1第2行" in the user's language."""
    if lang == "zh":
        return where
    where = re.sub(r"^表(\d+)第(\d+)行$", r"table \1 row \2", where)
    where = re.sub(r"^第 (\d+) 段$", r"paragraph \1", where)
    return re.sub(r"^第 (\d+) 行$", r"line \1", where)
