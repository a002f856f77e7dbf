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
   round UP at their 2nd decimal (criteria §7), so that the amount, added, meets the
   standard and a failing value never shows 尚缺 0. A spanning school's part of a split
   total is kept as an exact fraction (SplitValue) for this: a share such as 500/940 has no
   finite decimal, and a deficit rounded up from an inexact share can be a cent off.
"""
from __future__ import annotations

import math
import operator
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from fractions import Fraction
import re

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


_QUANTA: dict = {}


def round_half_up(value: Decimal, places: int) -> Decimal:
    quantum = _QUANTA.get(places)
    if quantum is None:
        quantum = _QUANTA[places] = Decimal(1).scaleb(-places)
    return value.quantize(quantum, rounding=ROUND_HALF_UP)


def for_comparison(value) -> Decimal:
    """The value a verdict is decided on (rule 2 above); a Fraction is rounded exactly."""
    if isinstance(value, Fraction):
        scaled = value * 10 ** COMPARE_PLACES
        units = math.floor(scaled + Fraction(1, 2)) if scaled >= 0 else -math.floor(-scaled + Fraction(1, 2))
        return Decimal(units).scaleb(-COMPARE_PLACES)
    return value.quantize(_COMPARE_QUANTUM, rounding=ROUND_HALF_UP)


class SplitValue(Decimal):
    """A 学段's part of a split total (criteria §2.3): the Decimal every computation uses, and the
    exact fraction a value and a deficit are decided from."""

    fraction: Fraction

    @classmethod
    def of(cls, fraction: Fraction) -> "SplitValue":
        value = cls(Decimal(fraction.numerator) / Decimal(fraction.denominator))
        value.fraction = fraction
        return value


def rational(value) -> Fraction:
    """A fact as an exact Fraction (a SplitValue's own fraction, not its rounded decimal)."""
    fraction = getattr(value, "fraction", None)
    return fraction if fraction is not None else Fraction(exact(value))


def ratio(total, count, factor=1):
    """total × factor ÷ count: 生均 (factor 1), 每百名学生 (factor 100), 每班, a share of another count, the
    students per computer, each school's per-student value in a 差异系数. The one ratio arithmetic: verdicts
    divide exact Fractions (decided by rule 2 above), the audit's formulas and the 差异系数 Decimals; the result
    has the type of `total`."""
    return total * factor / count


def ratio_target(standard, count, factor=1):
    """The total whose ratio(total, count, factor) is `standard`: standard × count ÷ factor (尚缺 is this less
    the total, criteria §7)."""
    return standard * count / factor


def round_up(value, places: int) -> Decimal:
    """Rounded up (towards +∞) at `places` decimals, exactly, from a Decimal or a Fraction."""
    if isinstance(value, Fraction):
        return Decimal(math.ceil(value * 10 ** places)).scaleb(-places)
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_CEILING)


def ceil_int(value) -> int:
    if isinstance(value, Fraction):
        return math.ceil(value)
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def plain(value: Decimal | None):
    """Decimal → int if whole, else float (JSON-friendly)."""
    if value is None:
        return None
    # int() and float() give the same number for 5.20 and 5.2, so no normalize() is needed.
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# The operators a profile may write, and what each means: the one table both engines, the plans, the audit and
# the words read. "!=" is only the complement of "==" (what a failed "==" is).
OPERATORS = {">=": operator.ge, "<=": operator.le, "<": operator.lt, ">": operator.gt, "==": operator.eq,
             "!=": operator.ne}
PROFILE_OPERATORS = (">=", "<=", "<", ">", "==")
COMPLEMENT = {">=": "<", "<=": ">", ">": "<=", "<": ">=", "==": "!="}
OP_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}


def compare(value, op: str, standard) -> bool:
    """Does `value` meet `standard` by `op`? The comparison the rules engine makes, for code paths that need it
    directly (and the native engine itself)."""
    if op not in OPERATORS:
        raise ValueError(f"unknown operator {op!r}")
    return OPERATORS[op](value, standard)


def higher_is_better(op: str) -> bool:
    """A standard to reach from below (≥, >)."""
    return op in (">=", ">")


def lower_is_better(op: str) -> bool:
    """A standard not to exceed (≤, <)."""
    return op in ("<=", "<")


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


# ---------------------------------------------------------------- numbers in documents
# One style for every document (自查报告, 整改方案, 宣传方案, 审核意见), as real reports write
# figures: 13125平方米, 10.8册, 85%, 85.5%, 36.2万元 — no thousands separators, no trailing
# zeros (the precision is the rule's own `decimals` at most), rates in per cent.

def doc_number(value, decimals: int = 2) -> str:
    """13125 / 5.2 / 0.65: rounded half-up to `decimals`, trailing zeros dropped, no separators."""
    if value is None:
        return "—"
    number = round_half_up(exact(value), decimals)
    text = f"{number:.{decimals}f}" if decimals > 0 else f"{number:.0f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def doc_percent(fraction, decimals: int = 1) -> str:
    """0.85 → "85%", 0.855 → "85.5%" (decimals are places of the per-cent figure)."""
    if fraction is None:
        return "—"
    return doc_number(exact(fraction) * 100, decimals) + "%"


def share_percent(fraction, bound=None) -> str:
    """A share a document states (达成率, 达标率): one decimal, as a report writes it (93.33 % →
    "93.3%", 84 % → "84%"), and two only where one would cross the bound it is read against
    (0.8496 against 85 %: "84.96%", never "85%" beside "低于85%")."""
    if fraction is None:
        return "—"
    value = exact(fraction)
    text = doc_percent(value, 1)
    if bound is not None:
        rounded = round_half_up(value * 100, 1) / 100
        if (rounded < exact(bound)) != (value < exact(bound)):
            text = doc_percent(value, 2)
    return text


# Money is written to 2 decimals wherever it appears (元 or 万元; criteria §7 rounds money so).
MONEY_PLACES = 2


def wan(yuan) -> Decimal | None:
    """元 → 万元, rounded half-up to MONEY_PLACES (a ledger cell, a document's 36.24万元)."""
    return None if yuan is None else round_half_up(exact(yuan) / 10000, MONEY_PLACES)


def doc_money(yuan, places: int = MONEY_PLACES) -> str:
    """Money in a plan: 万元 from 10000 元 up ("36.24万元"), else 元 ("3600元")."""
    if yuan is None:
        return "—"
    amount = exact(yuan)
    if abs(amount) >= 10000:
        return doc_number(amount / 10000, places) + "万元"
    return doc_number(amount, places) + "元"


def base_money(yuan) -> str:
    """A base figure a report states, in full: 万元 where two places of 万 hold it exactly ("82万元",
    "6.64万元" for 66400), else 元 ("66404元") — the figures a reader (or an audit) recomputes from
    must be the ones the verdicts were computed from."""
    amount = exact(yuan)
    wan = amount / 10000
    if abs(amount) >= 10000 and wan == round_half_up(wan, MONEY_PLACES):
        return doc_number(wan, MONEY_PLACES) + "万元"
    return doc_number(amount, MONEY_PLACES) + "元"


def doc_plain(text: str) -> str:
    """A formatted figure ("1,485.20 ㎡", "85.00%") in document style ("1485.2㎡", "85%")."""
    if text is None:
        return "—"
    text = re.sub(r"(?<=\d),(?=\d{3}(\D|$))", "", str(text))
    text = re.sub(r"(\d+\.\d*?)0+(?=\D|$)", r"\1", text)
    text = re.sub(r"(\d)\.(?=\D|$)", r"\1", text)
    return re.sub(r"(?<=[\d%]) (?=[^\s\d])", "", text)


def cn_number(number: int) -> str:
    """Any whole number ≥ 0 in Chinese numerals, as headings and counts write it: 1 → 一, 12 → 十二,
    20 → 二十, 100 → 一百, 101 → 一百零一, 110 → 一百一十, 1000 → 一千, 10010 → 一万零一十,
    150000 → 十五万, 100000000 → 一亿. A leading 一十 is written 十; inside a number it stays 一十
    (一百一十); one 零 stands for any run of zeros before a non-zero part."""
    number = int(number)
    if number < 0:
        raise ValueError(f"cn_number: {number} < 0")
    return _cn(number)


_CN_DIGITS = "零一二三四五六七八九"
_CN_UNITS = ((10 ** 8, "亿", True), (10 ** 4, "万", True), (1000, "千", False), (100, "百", False))


def _cn(number: int) -> str:
    if number < 10:
        return _CN_DIGITS[number]
    if number < 100:
        tens, ones = divmod(number, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")
    for size, unit, grouped in _CN_UNITS:
        if number >= size:
            head, rest = divmod(number, size)
            text = (_cn(head) if grouped else _CN_DIGITS[head]) + unit
            if rest == 0:
                return text
            if rest < size // 10:
                text += "零"
            return text + ("一" if 10 <= rest < 20 else "") + _cn(rest)
    raise AssertionError(number)


# ---------------------------------------------------------------- numbers on screen
# The terminal, the web page and the least-cost plan's text and section (one style): thousands
# separators from 1,000 up, trailing zeros dropped — 4,115 册, 1,485.2 ㎡, 171,600 元, 0.081.

def amount_text(value, decimals: int = 2) -> str:
    """A quantity on screen (尚缺, 增加量, 费用): rounded half-up to `decimals`, grouped, no trailing zeros."""
    if value is None:
        return "—"
    number = round_half_up(exact(value), decimals)
    text = f"{number:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def fixed_text(value, decimals: int | None) -> str:
    """A 差异系数 as published tables print it: exactly `decimals` places, zeros kept (0.120).
    `decimals` is the rule's own (monitoring.yaml `cv.decimals`); None prints the value as stored."""
    if value is None:
        return "—"
    number = exact(value)
    if decimals is None:
        return f"{number:f}"
    return f"{round_half_up(number, decimals):.{decimals}f}"


def formula_text(value, places: int | None = None) -> str:
    """A number inside a written-out formula (the audit's 600 ÷ 60 = 10): no exponent, no separators,
    no trailing zeros unless `places` is given; other values to at most 4 places."""
    value = exact(value)
    if places is not None:
        return f"{round_half_up(value, places):f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{round_half_up(value, 4):f}".rstrip("0").rstrip(".")


# ---------------------------------------------------------------- numbers in workbooks
# Cells keep the number itself; the number format shows it (Excel's codes).

def excel_fixed(decimals: int) -> str:
    """The number format that shows exactly `decimals` places: 3 → "0.000"."""
    return "0." + "0" * decimals if decimals > 0 else "0"
