"""Validated facts → indicators: per-学段 parts, measured values, deficits, 差异系数.

Everything here is exact (Decimal). A measure returns None when a fact it needs is
absent: the caller reports that as `missing`, never as pass or fail.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from generator.criteria.measures import MEASURES, Measured, labs_required  # noqa: F401 (importers' names)
from generator.criteria.measures.county import coefficient_of_variation  # noqa: F401 (importers' names)
from generator.criteria.rule_model import Case, SchoolRule
from generator.model import schema
from generator.numbers import SplitValue, exact

STAGE_COUNT_FIELDS = schema.STAGE_COUNT_KEYS


@dataclass
class SchoolPart:
    """One school, or the 小学部 / 初中部 of a spanning school, as a school of one 学段."""
    school: object            # facts.School
    part: str                 # primary | junior | senior
    name: str                 # 东社小学, or 某某学校小学部
    students: int
    facts: dict               # the school's facts with this part's counts and split totals

    @property
    def location(self):
        return self.school.get("location")


def split_fractions(school, weights: dict) -> dict[str, Fraction]:
    """Each 学段's share of the school's facility totals (criteria §2.3), exactly: 500/940 stays
    500/940 (a deficit is rounded up from it, so a share rounded first could move it a cent)."""
    students = school.facts["students"]
    parts = school.parts
    if len(parts) == 1:
        return {parts[0]: Fraction(1)}
    table = weights.get(school.stage)
    if not table:
        raise ValueError(f"no split weights for {school.stage}")
    weighted = {part: Fraction(exact(table[part])) * (students.get(part) or 0) for part in parts}
    total = sum(weighted.values())
    if total == 0:
        return {part: Fraction(0) for part in parts}
    return {part: weighted[part] / total for part in parts}


def split_shares(school, weights: dict) -> dict[str, Decimal]:
    """split_fractions as Decimals (to 28 significant digits), for the planners' arithmetic."""
    return {part: Decimal(share.numerator) / Decimal(share.denominator)
            for part, share in split_fractions(school, weights).items()}


def school_parts(school, split: dict, stages=("primary", "junior")) -> list[SchoolPart]:
    """The school as one SchoolPart per 学段 it teaches among `stages`."""
    parts = [p for p in school.parts if p in stages]
    spanning = len(school.parts) > 1
    shares = split_fractions(school, split["weights"]) if spanning else None
    split_fields = split["fields"]        # rules/monitoring.yaml split.fields: the totals shared by weight
    result = []
    for part in parts:
        facts = dict(school.facts)
        for key in STAGE_COUNT_FIELDS:
            if key in facts:
                facts[key] = facts[key].get(part)
        if spanning:
            for key in split_fields:
                if facts.get(key) is not None:
                    facts[key] = SplitValue.of(Fraction(exact(facts[key])) * shares[part])
        name = school.name + (schema.PART_SUFFIX[part] if spanning else "")
        result.append(SchoolPart(school=school, part=part, name=name,
                                 students=facts.get("students") or 0, facts=facts))
    return result


# ---------------------------------------------------------------- thresholds
def threshold_for(rule: SchoolRule, part: SchoolPart):
    """The rule's standard for this part: number, stage table, or list of cases.

    Returns None when the rule has no standard for this 学段 (then it does not apply), and
    also when a fact that selects the case is missing (threshold_candidates tells more).
    """
    candidates, _ = threshold_candidates(rule, part)
    return candidates[0] if len(candidates) == 1 else None


def threshold_candidates(rule: SchoolRule, part: SchoolPart) -> tuple[list[Decimal], tuple[str, ...]]:
    """The standards that may apply to this part, and the missing facts that would choose.

    Cases are tried in order and the first that matches applies. A case whose condition
    names a missing fact (location, classes) may or may not match: its standard is a
    candidate, and so is every later one up to the first case that matches for certain.
    One candidate → the standard is known; several → the verdict is decided only if it is
    the same against each of them (never guessed from the default case); none → n/a.
    """
    table = rule.threshold
    if isinstance(table, dict):
        table = table.get(part.part)
    if not isinstance(table, list):
        return ([exact(table)] if table is not None else []), ()
    candidates: list[Decimal] = []
    deciding: list[str] = []
    for case in table:
        matches, unknown = _case_matches(case, part)
        if unknown:
            candidates.append(exact(case.value))
            deciding += [name for name in unknown if name not in deciding]
        elif matches:
            candidates.append(exact(case.value))
            break
    unique = sorted(set(candidates))
    return (unique if len(unique) > 1 else candidates[:1]), (tuple(deciding) if len(unique) > 1 else ())


def _case_matches(case: Case, part: SchoolPart) -> tuple[bool, tuple[str, ...]]:
    """(matches, facts it depends on that are missing): a missing fact leaves the case open."""
    unknown = []
    if case.location is not None:
        wanted = case.location if isinstance(case.location, list) else [case.location]
        if part.location is None:
            unknown.append("location")
        elif part.location not in wanted:
            return False, ()
    classes = part.facts.get("classes")
    if case.classes_max is not None or case.classes_min is not None:
        if classes is None:
            unknown.append("classes")
        elif (case.classes_max is not None and classes > case.classes_max) or \
                (case.classes_min is not None and classes < case.classes_min):
            return False, ()
    return not unknown, tuple(unknown)


# ---------------------------------------------------------------- measures
def measure_rule(rule: SchoolRule, part: SchoolPart, standard: Decimal | None) -> Measured:
    """A basic-condition rule's value for one school part, and its deficit: by the rule's measure
    kind, defined once in generator.criteria.measures (value, 尚缺, formula, sentence)."""
    try:
        measure = _MEASURE[rule.measure]
    except KeyError:
        raise ValueError(f"unknown measure {rule.measure}") from None
    return measure(rule, part, standard)


# The kinds' bound `measure` methods, looked up once: measure_rule is in the hot path of `check`.
_MEASURE = {kind: entry.measure for kind, entry in MEASURES.items()}


# ---------------------------------------------------------------- 差异系数
def is_excluded(school, exclude: dict) -> str | None:
    """Why a school is left out of the CV (profile's exclusion list), or None."""
    for key, values in (exclude or {}).items():
        if isinstance(values, dict):
            # A conjunction, e.g. 教学点 under 50 students (优质均衡):
            # {stage: [teaching_point], students_below: 50}
            if _all_hold(school, values):
                return key
            continue
        if school.get(key) in values or (key == "stage" and school.stage in values):
            return f"{key}={school.get(key) or school.stage}"
    return None


def _all_hold(school, conditions: dict) -> bool:
    for key, wanted in conditions.items():
        if key == "students_below":
            if not school.total_students < wanted:
                return False
        elif key == "stage":
            if school.stage not in wanted:
                return False
        elif school.get(key) not in wanted:
            return False
    return True


def isfinite(value) -> bool:
    return value is not None and math.isfinite(float(value))
