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

import difflib
import math
from decimal import Decimal

from generator import limits
from generator.criteria.measures.government import GOVERNMENT_CHECKS
from generator.criteria.rule_model import Case, Deduct, GovernmentCheck
from generator.errors import InputError
from generator.model import schema
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


def _refuse(path, line, key, zh, en):
    """A bad profile field, said in Chinese and English (the message picks the reader's)."""
    return InputError(path, line, key, "bad_profile", detail={"zh": zh, "en": en})


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
            raise _refuse(path, line, where, "标准值的列表不能为空", "a threshold list must not be empty")
        for index, item in enumerate(value):
            if not isinstance(item, dict) or "value" not in item:
                raise _refuse(path, line, f"{where}[{index}]", "每种情形应为写有 value 的映射（键: 值）",
                              "each case must be a mapping with a 'value'")
            check_threshold(path, line, f"{where}[{index}]", item)
        return
    check_number(path, line, where, value)


def check_number(path, line, where, value, positive=False):
    number = _number(value)
    if number is None or number < 0 or (positive and number == 0):
        need = ("大于 0 的数", "a number > 0") if positive else ("不小于 0 的数", "a number ≥ 0")
        raise _refuse(path, line, where, f"应为{need[0]}，实际是“{_show(value)}”",
                      f"must be {need[1]}, got '{_show(value)}'")


def _walk(path, line, where, data, visit):
    """Every key of a rule, override or section, depth first, with its line and its path (rules[2].threshold):
    `visit(path, line, name, key, value)` checks one; where it returns False the walk goes on into the value."""
    if isinstance(data, list):
        for index, item in enumerate(data):
            _walk(path, _line_of(data, index, line), f"{where}[{index}]", item, visit)
        return
    if not isinstance(data, dict):
        return
    lines = getattr(data, "lines", {})
    for key, value in data.items():
        at = lines.get(key, line) if isinstance(lines, dict) else line
        name = f"{where}.{key}" if where else str(key)
        if not visit(path, at, name, key, value) and isinstance(value, (dict, list)):
            _walk(path, at, name, value, visit)


def check_fields(path, line, where, data):
    """Walk a rule, override or section and check every field this module knows."""
    _walk(path, line, where, data, _check_field)


def _check_field(path, at, name, key, value) -> bool:
    if key == "threshold":
        check_threshold(path, at, name, value)
    elif key in ("pass_score", "points", "classes_max", "classes_min"):
        check_number(path, at, name, value)
    elif key == "per" and name.rsplit(".", 1)[0].endswith("deduct"):     # elsewhere `per` names a fact
        check_number(path, at, name, value, positive=True)
    elif key == "min_met":
        if value != "all" and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise _refuse(path, at, name, f"应为 all 或不小于 0 的整数，实际是“{_show(value)}”",
                          f"must be 'all' or a whole number ≥ 0, got '{_show(value)}'")
    elif key == "failed_floor":
        number = _number(value)
        if number is None or not 0 <= number <= 1:
            raise _refuse(path, at, name, f"应为 0 到 1 之间的数，实际是“{_show(value)}”",
                          f"must be a number from 0 to 1, got '{_show(value)}'")
    elif key == "decimals":
        # a rule's decimals stay within the places every comparison is made at
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= COMPARE_PLACES:
            raise _refuse(path, at, name, f"应为 0 到 {COMPARE_PLACES} 之间的整数，实际是“{_show(value)}”",
                          f"must be a whole number from 0 to {COMPARE_PLACES}, got '{_show(value)}'")
    elif key == "weights" and isinstance(value, dict):
        for kind, weights in value.items():
            if isinstance(weights, dict):
                for part, weight in weights.items():
                    check_number(path, at, f"{name}.{kind}.{part}", weight, positive=True)
    elif key == "deduct":
        if value != "all" and not isinstance(value, dict):
            raise _refuse(path, at, name, f"应为 all 或 {{points: 分数}}，实际是“{_show(value)}”",
                      f"must be 'all' or {{points: N}}, got '{_show(value)}'")
        return False
    else:
        return False
    return True


def check_keys(path, line, where, data, kind):
    """Every key of a rule, check, deduction or threshold case is one its kind has: the fields of its typed rule
    (generator.criteria.rule_model, where the keys are stated once). A key of no field would be dropped unread —
    a county's `threshhold:` silently leaving the shipped standard in force — so it is refused with its path."""
    if not isinstance(data, dict):
        return
    allowed = kind.allowed_keys()
    lines = getattr(data, "lines", {})
    for key, value in data.items():
        at = lines.get(key, line) if isinstance(lines, dict) else line
        name = f"{where}.{key}" if where else str(key)
        if key not in allowed:
            hint = _closest(key, allowed)
            raise _refuse(path, at, name, f"未知的键“{_show(key)}”{hint[0]}", f"unknown key '{_show(key)}'{hint[1]}")
        if key == "threshold":
            _check_case_keys(path, at, name, value)
        elif key == "checks":
            if not isinstance(value, list):
                raise _refuse(path, at, name, f"应为检查项的列表，实际是“{_show(value)}”",
                              f"must be a list of checks, got '{_show(value)}'")
            for index, check in enumerate(value):
                check_keys(path, _line_of(value, index, at), f"{name}[{index}]", check, GovernmentCheck)
        elif key == "deduct" and isinstance(value, dict):
            check_keys(path, at, name, value, Deduct)


def _check_case_keys(path, line, where, value):
    if isinstance(value, list):
        for index, case in enumerate(value):
            check_keys(path, _line_of(value, index, line), f"{where}[{index}]", case, Case)
    elif isinstance(value, dict) and "value" not in value:
        for stage, cell in value.items():
            _check_case_keys(path, line, f"{where}.{stage}", cell)


def _line_of(data, index, default):
    lines = getattr(data, "lines", None)
    if isinstance(lines, list) and index < len(lines):
        return lines[index]
    return default


# ---------------------------------------------------------------- words and names an override sets
# An override is the county's own writing: a field of the wrong type (`name: [1]`, `unit: [1, 2]`) or a
# name of nothing (`of: 不存在的数据`, `location: mars`, a 学段 `highschool`) would end in a traceback or,
# worse, silently make a rule 不适用 / missing. Each is refused here with its path.
_TEXT_KEYS = ("name", "unit", "wording", "source", "citation", "reference", "title", "note")


def _fact_keys() -> frozenset:
    keys = set()
    for fields in (*schema.FIELDS_BY_KIND.values(), schema.GOVERNMENT_FIELDS):
        keys.update(field.key for field in fields)
    return frozenset(keys)


def _stage_words() -> frozenset:
    return frozenset((*schema.PART_LABELS, *schema.STAGES))


def _closest(word, choices) -> tuple[str, str]:
    """The nearest known name as a hint (zh, en), or none."""
    hint = difflib.get_close_matches(str(word), sorted(choices), n=1)
    return (f"，是否想写“{hint[0]}”？", f"; did you mean '{hint[0]}'?") if hint else ("", "")


def check_names(path, line, where, data, measures=None):
    """Walk an override: text fields are text, and every fact, 学段, location and measure it names exists.
    `measures` are the kinds the overridden rule's section knows (None: not checked here)."""
    _walk(path, line, where, data, lambda *args: _check_name(*args, measures=measures))


def _check_name(path, at, name, key, value, measures) -> bool:
    if key in _TEXT_KEYS:
        if not isinstance(value, str):
            raise _refuse(path, at, name, f"应为文字，实际是“{_show(value)}”", f"must be text, got '{_show(value)}'")
    elif key == "measure":
        if not isinstance(value, str) or (measures is not None and value not in measures):
            known = measures is not None
            raise _refuse(path, at, name, f"未知的计算方式“{_show(value)}”" + (f"，可选：{', '.join(measures)}" if known else ""),
                          f"unknown measure '{_show(value)}'" + (f"; known: {', '.join(measures)}" if known else ""))
    elif key == "of":
        facts = _fact_keys()
        for item in (value if isinstance(value, list) else [value]):
            if not isinstance(item, str) or item not in facts:
                hint = _closest(item, facts)
                raise _refuse(path, at, name, f"没有名为“{_show(item)}”的数据项{hint[0]}",
                              f"no fact is called '{_show(item)}'{hint[1]}")
    elif key == "stages":
        words = _stage_words()
        if not isinstance(value, list) or not value:
            raise _refuse(path, at, name, f"应为学段的列表，实际是“{_show(value)}”",
                          f"must be a list of 学段, got '{_show(value)}'")
        for item in value:
            if item not in words:
                hint = _closest(item, words)
                raise _refuse(path, at, name, f"没有名为“{_show(item)}”的学段{hint[0]}",
                              f"no 学段 is called '{_show(item)}'{hint[1]}")
    elif key == "location":
        for item in (value if isinstance(value, list) else [value]):
            if item not in schema.LOCATIONS:
                raise _refuse(path, at, name, f"没有名为“{_show(item)}”的城乡类别，可选：{', '.join(schema.LOCATIONS)}",
                              f"no location is called '{_show(item)}'; known: {', '.join(schema.LOCATIONS)}")
    elif key == "threshold" and isinstance(value, dict) and "value" not in value:
        words = _stage_words()
        for stage, item in value.items():
            if stage not in words:
                hint = _closest(stage, words)
                raise _refuse(path, at, f"{name}.{stage}", f"没有名为“{_show(stage)}”的学段{hint[0]}",
                              f"no 学段 is called '{_show(stage)}'{hint[1]}")
            check_names(path, at, f"{name}.{stage}", item, measures)
    elif key == "checks":
        check_names(path, at, name, value, tuple(GOVERNMENT_CHECKS))
    else:
        return False
    return True
