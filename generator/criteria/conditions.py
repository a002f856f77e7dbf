"""When a county condition that counts or adds up decided results is still open, and how far a value falls
short — one rule for the basic four conditions (evaluate.py) and for conditions by measure
(evaluate_quality.py), whatever a profile overrides its threshold or operator to.
"""
from __future__ import annotations

from decimal import Decimal

from generator.numbers import compare, exact, round_up


def share_open(met: int, undecided: int, total: int, op: str, standard) -> bool:
    """A share of schools that fails now is open (missing) when the undecided schools, all passing, would
    meet the standard: with 1 of 10 failing and 1 undecided, 0.9 is open and 1.0 a certain fail."""
    if not undecided or not total or standard is None:
        return False
    return compare(Decimal(met + undecided) / total, op, exact(standard))


def score_open(score, missing_points, op: str, standard) -> bool:
    """A score that fails now is open when full marks on the items still missing facts (each scoring 0 until
    then, criteria §4) would bring it to the standard; otherwise it is a certain fail."""
    if not missing_points or standard is None:
        return False
    return compare(exact(score) + exact(missing_points), op, exact(standard))


def points_short(standard, value) -> Decimal:
    """How many percentage points a rate is short of its standard (0 when met), to 2 places, half-up."""
    return round_up(max(exact(standard) - exact(value), Decimal(0)) * 100, 2)
