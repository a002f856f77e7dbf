"""A figure worked out exactly, with the numbers of the formula that gives it: what a measure kind hands the audit.

Criteria computes the numbers only; the audit words them ("生均图书 = 图书册数 ÷ 在校生数 = 10600 ÷ 981 = 10.8053")
in generator/audit/formula_words.py, by the measure kind's name. `terms` are the formula's numbers in the order
its kind's words show them, `keys` the facts it names; each kind's method says which.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model import schema

_SCHOOL = schema.field_index(schema.SCHOOL_FIELDS)
_GOVERNMENT = schema.field_index(schema.GOVERNMENT_FIELDS)
_COUNTY = schema.field_index(schema.COUNTY_FIELDS)


@dataclass(frozen=True)
class Figure:
    """A recomputed value and the numbers of its formula; or the facts it lacks, or that it cannot exist."""
    value: Decimal | str | None
    terms: tuple = ()               # the formula's numbers, in its order
    keys: tuple = ()                # the facts the formula names, in its order
    unit: str = ""
    missing: tuple = ()
    impossible: bool = False        # the number cannot exist (zero denominator): a finding
    factor: int = 1                 # a quotient's multiplier of the numerator (每百名: 100)


@dataclass(frozen=True)
class Deficit(Figure):
    """尚缺 (criteria §7) as the check rounds it (`value`), with the exact gap its formula computes.

    `exact` is the shortfall before rounding up (a report that wrote 8669 for 8669.2 books truncated, which the
    tolerance rule accepts); `form` tells a kind's several formulas apart; `why` says why there is none."""
    gap: Decimal | None = None      # the standard less the value (or the value less it), signed
    exact: Decimal | None = None
    standard: Decimal | None = None
    form: str = ""
    why: str = ""                   # NO_DEFICIT, NOT_POSITIVE


NO_DEFICIT = "no_deficit"           # the kind has no 尚缺 (a yes/no fact)
NOT_POSITIVE = "not_positive"       # a students-per standard that is not positive


def _field(key):
    return _SCHOOL.get(key) or _GOVERNMENT.get(key) or _COUNTY.get(key)


def field_unit(key) -> str:
    fld = _field(key)
    return fld.unit if fld else ""


def is_rate(key) -> bool:
    fld = _field(key)
    return bool(fld and fld.type == "rate")
