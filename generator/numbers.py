"""Exact arithmetic and the rounding rule.

The rounding rule (README, "How numbers are decided"):

1. Facts are read as exact decimals ("5.2" is 5.2, not 5.2000000000000002).
2. Every measured value (a ratio such as ㎡ per student) is computed in Decimal and
   rounded half-up to COMPARE_PLACES = 6 decimal places. That rounded value — and only
   it — is compared with the threshold, which is itself an exact decimal from the rule.
   So 5.2000000001 and 5.1999999999 both count as 5.2: float noise can never flip a
   verdict at a boundary, while any real difference of a millionth or more still does.
3. Displayed values use the rule's own `decimals`; when that would print the standard
   itself for a value that misses it, more decimals are shown so the table never reads
   "5.20 < 5.2".
4. 差异系数 are printed (and compared) at 3 decimals, the composite is the mean of the
   eight printed values, rounded to 3 decimals — as published county tables do.
5. Deficits (尚缺): counts of things round up to whole units; areas, money and rates
   round half-up to 2 decimals (criteria §7).
"""
from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

COMPARE_PLACES = 6
_COMPARE_QUANTUM = Decimal(1).scaleb(-COMPARE_PLACES)


def exact(value) -> Decimal | None:
    """Any fact or threshold → Decimal, from its shortest decimal spelling."""
    if value is None:
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        return Decimal(int(value))
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def for_comparison(value: Decimal) -> Decimal:
    """The value a verdict is decided on (rule 2 above)."""
    return value.quantize(_COMPARE_QUANTUM, rounding=ROUND_HALF_UP)


def ceil_int(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def plain(value: Decimal | None):
    """Decimal → int if whole, else float (JSON-friendly)."""
    if value is None:
        return None
    value = value.normalize() if value != 0 else Decimal(0)
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def compare(value: Decimal, op: str, standard: Decimal) -> bool:
    """The comparison the rules engine makes, for code paths that need it directly."""
    if op == ">=":
        return value >= standard
    if op == "<=":
        return value <= standard
    if op == ">":
        return value > standard
    if op == "<":
        return value < standard
    if op == "==":
        return value == standard
    raise ValueError(op)


def display(value: Decimal | None, decimals: int, standard: Decimal | None = None,
            percent: bool = False) -> str:
    """A value as a person reads it (rule 3 above)."""
    if value is None:
        return "—"
    scale = Decimal(100) if percent else Decimal(1)
    shown_value = value * scale
    places = max(decimals - (2 if percent else 0), 0)
    text = _fmt(round_half_up(shown_value, places), places)
    if standard is not None and value != standard:
        standard_text = _fmt(round_half_up(standard * scale, places), places)
        while text == standard_text and places < COMPARE_PLACES:
            places += 1
            text = _fmt(round_half_up(shown_value, places), places)
            standard_text = _fmt(round_half_up(standard * scale, places), places)
    return text + ("%" if percent else "")


def _fmt(value: Decimal, places: int) -> str:
    return f"{value:,.{places}f}" if abs(value) >= 10000 else f"{value:.{places}f}"
