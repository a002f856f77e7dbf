"""The `native` backend: the profile's comparisons compiled into an operator table, in pure Python.

It needs no C compiler and runs on every Python junheng supports. Each (rule id, operator)
pair of a profile becomes one entry rule id → comparison function, compiled once per
profile and cached like durable's rulesets; judging a batch is one table lookup and one
exact Decimal comparison per measurement — no floats, so any magnitude is decided.
"""
from __future__ import annotations

import threading
from decimal import Decimal

from generator.criteria.engine_cache import compiled_once
from generator.numbers import OPERATORS

_LOCK = threading.Lock()
RULESETS: dict[str, "Ruleset"] = {}


class Ruleset:
    """rule id → the comparison its operator names."""

    engine = "native"

    def __init__(self, comparisons: list[tuple[str, str]]):
        table: dict[str, object] = {}
        for rule_id, op in comparisons:
            if op not in OPERATORS:
                raise ValueError(f"unknown operator {op!r}")
            compare = OPERATORS[op]
            if table.setdefault(rule_id, compare) is not compare:
                raise ValueError(f"rule {rule_id} is compiled with two operators")
        self.table = table
        self.comparisons = list(comparisons)

    def judge(self, measurements: list[dict]) -> dict:
        """Decide each measurement {key, rule, value, standard}; returns key → status."""
        table = self.table
        results = {}
        for item in measurements:
            compare = table.get(item["rule"])
            if compare is None:
                raise KeyError(f"rule {item['rule']} is not in this ruleset")
            passed = compare(Decimal(item["value"]), Decimal(item["standard"]))
            results[item["key"]] = "pass" if passed else "fail"
        return results


def ruleset_for(comparisons: list[tuple[str, str]]) -> Ruleset:
    """The compiled table for these (rule id, operator) pairs, created once per process."""
    return compiled_once(RULESETS, _LOCK, comparisons, Ruleset)
