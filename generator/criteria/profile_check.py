"""Type and range of every number a profile or an override sets (generator.criteria.profiles).

A county's own profile may override any rule; without these checks `min_met: -1` or a
negative threshold was accepted and a failing school came out 达标, and a threshold of
"many", `.nan` or `.inf` ended in a traceback. Each field named here is checked wherever it
appears (a rule, a check, a case list, an override), and refused with the field's path:

- threshold / value (inside threshold cases) / classes_max / pass_score / points: a finite
  number ≥ 0 (within generator.limits' magnitude);
- per (a deduction step): a finite number > 0;
- min_met: "all" or a whole number ≥ 0;
- failed_floor: a number from 0 to 1;
- decimals: a whole number from 0 to 6;
- weights (一贯制折算): numbers > 0.
"""
from __future__ import annotations

import math
from decimal import Decimal

from generator import limits
from generator.errors import InputError
from generator.numbers import COMPARE_PLACES

_NON_NEGATIVE = ("threshold", "pass_score", "points", "classes_max", "classes_min")


def _number(value) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if abs(number) > Decimal(10) ** limits.MAX_MAGNITUDE:
        return None
    return number


def _refuse(path, line, key, detail):
    return InputError(path, line, key, "bad_profile", detail=detail)


def _show(value) -> str:
    if isinstance(value, (dict, list)):
        return "{…}" if isinstance(value, dict) else "[…]"
    text = str(value)
    return text if len(text) <= 30 else text[:27] + "…"


def check_threshold(path, line, where, value):
    """A threshold: a number, a mapping stage → threshold, or a list of cases {…, value: N}."""
    if isinstance(value, dict):
        if "value" in value:                       # one case
            for key, item in value.items():
                if key == "value":
                    check_threshold(path, line, f"{where}.value", item)
                elif key in _NON_NEGATIVE:
                    check_number(path, line, f"{where}.{key}", item)
            return
        for key, item in value.items():
            check_threshold(path, line, f"{where}.{key}", item)
        return
    if isinstance(value, list):
        if not value:
            raise _refuse(path, line, where, "a threshold list must not be empty")
        for index, item in enumerate(value):
            if not isinstance(item, dict) or "value" not in item:
                raise _refuse(path, line, f"{where}[{index}]", "each case must be a mapping with a 'value'")
            check_threshold(path, line, f"{where}[{index}]", item)
        return
    check_number(path, line, where, value)


def check_number(path, line, where, value, positive=False):
    number = _number(value)
    if number is None or number < 0 or (positive and number == 0):
        need = "a number > 0" if positive else "a number ≥ 0"
        raise _refuse(path, line, where, f"must be {need}, got '{_show(value)}'")


def check_fields(path, line, where, data):
    """Walk a rule, override or section and check every field this module knows."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            check_fields(path, _line_of(data, index, line), f"{where}[{index}]", item)
        return
    if not isinstance(data, dict):
        return
    lines = getattr(data, "lines", {})
    for key, value in data.items():
        at = lines.get(key, line) if isinstance(lines, dict) else line
        name = f"{where}.{key}" if where else str(key)
        if key == "threshold":
            check_threshold(path, at, name, value)
        elif key in ("pass_score", "points", "classes_max", "classes_min"):
            check_number(path, at, name, value)
        elif key == "per" and where.endswith("deduct"):     # elsewhere `per` names a fact
            check_number(path, at, name, value, positive=True)
        elif key == "min_met":
            if value != "all" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise _refuse(path, at, name, f"must be 'all' or a whole number ≥ 0, got '{_show(value)}'")
        elif key == "failed_floor":
            number = _number(value)
            if number is None or not 0 <= number <= 1:
                raise _refuse(path, at, name, f"must be a number from 0 to 1, got '{_show(value)}'")
        elif key == "decimals":
            # a rule's decimals stay within the places every comparison is made at
            if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COMPARE_PLACES:
                raise _refuse(path, at, name, f"must be a whole number from 0 to {COMPARE_PLACES}, got '{_show(value)}'")
        elif key == "weights" and isinstance(value, dict):
            for kind, weights in value.items():
                if isinstance(weights, dict):
                    for part, weight in weights.items():
                        check_number(path, at, f"{name}.{kind}.{part}", weight, positive=True)
        elif key == "deduct":
            if value != "all" and not isinstance(value, dict):
                raise _refuse(path, at, name, f"must be 'all' or {{points: N}}, got '{_show(value)}'")
            check_fields(path, at, name, value)
        elif isinstance(value, (dict, list)):
            check_fields(path, at, name, value)


def _line_of(data, index, default):
    lines = getattr(data, "lines", None)
    if isinstance(lines, list) and index < len(lines):
        return lines[index]
    return default
