"""A basic-condition rule's value and 尚缺 for one school part, exact, with the formula in words.

The audit shows how every figure is computed ("生均图书 = 图书册数 ÷ 在校生数 = …"). Each measure kind
computes its exact figures with the numbers of their formulas (generator.criteria.measures: `exact_value`,
`exact_deficit`) and generator.audit.formula_words says them, both found by the kind's name; this module only
joins the two. What the evaluation decided is read from its verdict (`decided`) whenever it was measured against
the same standard: the count of labs, the labs missing and the rounded 尚缺. Recomputed only what the audit
needs differently:

* the value itself stays exact — a verdict's value is rounded for comparison (numbers.for_comparison),
  and the tolerance rule must not flag a report for our own rounding;
* a deficit against a claim's own `standard` (or for a spanning school taken whole), which no
  verdict measured — then through the kind's own `measure`, the check's function.
"""
from __future__ import annotations

from generator.audit.formula_words import deficit_outcome, value_outcome
from generator.audit.outcome import Outcome
from generator.audit.words import STAGE_COUNTS, W
from generator.criteria.measures import MEASURES
from generator.model import schema


def rule_formula(rule, part, standard, decided=None) -> Outcome:
    """A basic-condition rule's value for one school part, exact, with its formula in words.

    `decided`: the evaluation's verdict of this rule for this part, when there is one.
    """
    return value_outcome(rule.measure, MEASURES[rule.measure].exact_value(rule, part, standard, decided))


def deficit_formula(rule, part, standard, decided=None) -> Outcome:
    """尚缺 by criteria §7, with the check's own rounding as the answer (the exact shortfall in `also`)."""
    kind = MEASURES.get(rule.measure)
    if kind is None:
        return Outcome(None, W(""), reason=W(f"{rule.id} 没有尚缺的算法", "no deficit for this rule"))
    return deficit_outcome(rule.measure, rule.id, kind.exact_deficit(rule, part, standard, decided))


class WholeSchool:
    """A spanning school taken whole (a deficit claim with its own standard and no stage)."""

    def __init__(self, school, view):
        self.school = school
        self.part = None
        self.facts = {key: (schema.stage_total(value) if isinstance(value, dict) and key in STAGE_COUNTS else value)
                      for key, value in school.facts.items()}
        self.students = school.total_students

    @property
    def location(self):
        return self.school.get("location")
