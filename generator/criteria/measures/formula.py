"""A figure with the formula that gives it, in words (zh/en): what a measure kind explains to the audit.

Defined here, beside the measure kinds that produce them, so that criteria never depends on the audit;
the audit (generator/audit) reads these and adds what a claim is about (audit/outcome.Target).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model import schema
from generator.numbers import formula_text as num  # noqa: F401  (numbers inside a written-out formula)

_SCHOOL = schema.field_index(schema.SCHOOL_FIELDS)
_GOVERNMENT = schema.field_index(schema.GOVERNMENT_FIELDS)
_COUNTY = schema.field_index(schema.COUNTY_FIELDS)


@dataclass
class Outcome:
    """A recomputed value with the words that say how; or why it could not be recomputed."""
    value: Decimal | str | None
    how: dict
    unit: str = ""
    missing: tuple = ()
    reason: dict | None = None      # not checkable, and why (besides missing facts)
    also: Decimal | None = None     # a second acceptable value (a deficit before rounding up)
    impossible: bool = False        # the number cannot exist (zero denominator): a finding
    standard: Decimal | None = None


def W(zh: str, en: str | None = None) -> dict:
    """Words in both languages; chosen when shown."""
    return {"zh": zh, "en": en if en is not None else zh}


def label(key: str, lang: str = "zh") -> str:
    """A fact's name: its Chinese label (schema), or the key itself in English."""
    return schema.label_of(key) if lang == "zh" else key


def _field(key):
    return _SCHOOL.get(key) or _GOVERNMENT.get(key) or _COUNTY.get(key)


def field_unit(key) -> str:
    fld = _field(key)
    return fld.unit if fld else ""


def is_rate(key) -> bool:
    fld = _field(key)
    return bool(fld and fld.type == "rate")
