"""Every measure kind, defined once: `MEASURES[rule.measure]`.

One entry per `measure:` a rule file may name. Each answers, for one rule and one school part
(base.Measure has the full list):

    needs(rule)                              the facts it is computed from
    measure(rule, part, standard)            value for comparison and 尚缺 (criteria §7)   — check, plan
    exact_value / exact_deficit(…)           the exact value and 尚缺 with their formula's numbers — audit
    condition_shortfall(verdict, value)      a county condition's 尚缺, as decided            — audit

Numbers only. A verdict's words (its table text, the 自查报告 / 整改方案 sentences, a standard's phrase) are
generator.render.measure_words's, a formula's generator.audit.formula_words's, each looked up by the kind's
name. criteria/indicators.measure_rule and audit/formulas.py only look the kind up here; none of them branches
on it. Thresholds are never here: they are data in rules/.
"""
from __future__ import annotations

from generator.criteria.measures.base import Measure, Measured, round_deficit
from generator.criteria.measures.counts import Flag, Labs, MaxOfList, labs_met, labs_required
from generator.criteria.measures.county import (CoefficientOfVariation, CVEach, GovernmentScore, SchoolsMeeting,
                                                coefficient_of_variation)
from generator.criteria.measures.ratios import PerClass, Per100Students, PerStudent, RateOf, StudentsPer


class Total(Measure):
    """A school total compared as it is (the same as `value`; a rule file may say either)."""
    kind = "total"


class PartsMeeting(SchoolsMeeting):
    """优质均衡: the share of school parts (学段) meeting the resource standard."""
    kind = "parts_meeting_standard"


class ItemsNotMet(Measure):
    """优质均衡: the number of items not met (at most the allowed number)."""
    kind = "items_not_met"
    condition_keys = ("area",)


# A verdict of no rule kind (a county condition built elsewhere) is stated like a plain value.
PLAIN = Measure()
_PER_STUDENT, _PER_100 = PerStudent(), Per100Students()

# The kinds a school rule may name (rules/basic_conditions, rules/quality/resources.yaml), in the order an
# unknown kind's error lists them; a 差异系数 indicator (monitoring.yaml) divides by the students: 生均 or 每百名.
SCHOOL_KINDS: tuple[Measure, ...] = (_PER_STUDENT, _PER_100, StudentsPer(), PLAIN, RateOf(), Flag(), Labs(),
                                     PerClass(), MaxOfList(), Total())
INDICATOR_KINDS: tuple[Measure, ...] = (_PER_STUDENT, _PER_100)
# The kinds a county condition may name (rules/county.yaml, rules/quality/county.yaml).
COUNTY_KINDS: tuple[Measure, ...] = (SchoolsMeeting(), PartsMeeting(), CoefficientOfVariation(), CVEach(),
                                     GovernmentScore(), PLAIN, ItemsNotMet())

MEASURES: dict[str, Measure] = {m.kind: m for m in (*SCHOOL_KINDS, *COUNTY_KINDS)}
SCHOOL_MEASURES = tuple(m.kind for m in SCHOOL_KINDS)
INDICATOR_MEASURES = tuple(m.kind for m in INDICATOR_KINDS)
# A county condition's kind → the keys besides id and name it must state.
COUNTY_MEASURES = {m.kind: m.condition_keys for m in COUNTY_KINDS}


def measure_of(kind: str) -> Measure:
    """The kind's definition; ValueError names an unknown kind."""
    try:
        return MEASURES[kind]
    except KeyError:
        raise ValueError(f"unknown measure {kind}") from None


__all__ = ["MEASURES", "SCHOOL_MEASURES", "INDICATOR_MEASURES", "COUNTY_MEASURES", "Measure", "Measured", "measure_of", "round_deficit",
           "labs_met", "labs_required", "coefficient_of_variation", "CoefficientOfVariation", "GovernmentScore"]
