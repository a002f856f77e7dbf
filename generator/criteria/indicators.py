"""Validated facts → indicators: per-学段 parts, measured values, deficits, 差异系数.

Everything here is exact (Decimal). A measure returns None when a fact it needs is
absent: the caller reports that as `missing`, never as pass or fail.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from generator.model import schema
from generator.numbers import ceil_int, exact, for_comparison, round_half_up

STAGE_COUNT_FIELDS = schema.STAGE_COUNT_KEYS
COUNT_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type in ("count", "stage_count")}


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


def split_shares(school, weights: dict) -> dict[str, Decimal]:
    """Each 学段's share of the school's facility totals (criteria §2.3)."""
    students = school.facts["students"]
    parts = school.parts
    if len(parts) == 1:
        return {parts[0]: Decimal(1)}
    table = weights.get(school.stage)
    if not table:
        raise ValueError(f"no split weights for {school.stage}")
    weighted = {part: exact(table[part]) * students.get(part, 0) for part in parts}
    total = sum(weighted.values())
    if total == 0:
        return {part: Decimal(0) for part in parts}
    return {part: weighted[part] / total for part in parts}


def school_parts(school, split: dict, stages=("primary", "junior")) -> list[SchoolPart]:
    """The school as one SchoolPart per 学段 it teaches among `stages`."""
    parts = [p for p in school.parts if p in stages]
    spanning = len(school.parts) > 1
    shares = split_shares(school, split["weights"]) if spanning else None
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
                    facts[key] = exact(facts[key]) * shares[part]
        name = school.name + (schema.PART_SUFFIX[part] if spanning else "")
        result.append(SchoolPart(school=school, part=part, name=name,
                                 students=facts.get("students") or 0, facts=facts))
    return result


# ---------------------------------------------------------------- thresholds
def threshold_for(rule: dict, part: SchoolPart):
    """The rule's standard for this part: number, stage table, or list of cases.

    Returns None when the rule has no standard for this 学段 (then it does not apply), and
    also when a fact that selects the case is missing (threshold_candidates tells more).
    """
    candidates, _ = threshold_candidates(rule, part)
    return candidates[0] if len(candidates) == 1 else None


def threshold_candidates(rule: dict, part: SchoolPart) -> tuple[list[Decimal], tuple[str, ...]]:
    """The standards that may apply to this part, and the missing facts that would choose.

    Cases are tried in order and the first that matches applies. A case whose condition
    names a missing fact (location, classes) may or may not match: its standard is a
    candidate, and so is every later one up to the first case that matches for certain.
    One candidate → the standard is known; several → the verdict is decided only if it is
    the same against each of them (never guessed from the default case); none → n/a.
    """
    table = rule.get("threshold")
    if isinstance(table, dict):
        table = table.get(part.part)
    if not isinstance(table, list):
        return ([exact(table)] if table is not None else []), ()
    candidates: list[Decimal] = []
    deciding: list[str] = []
    for case in table:
        matches, unknown = _case_matches(case, part)
        if unknown:
            candidates.append(exact(case["value"]))
            deciding += [name for name in unknown if name not in deciding]
        elif matches:
            candidates.append(exact(case["value"]))
            break
    unique = sorted(set(candidates))
    return (unique if len(unique) > 1 else candidates[:1]), (tuple(deciding) if len(unique) > 1 else ())


def _case_matches(case: dict, part: SchoolPart) -> tuple[bool, tuple[str, ...]]:
    """(matches, facts it depends on that are missing): a missing fact leaves the case open."""
    unknown = []
    if "location" in case:
        wanted = case["location"] if isinstance(case["location"], list) else [case["location"]]
        if part.location is None:
            unknown.append("location")
        elif part.location not in wanted:
            return False, ()
    classes = part.facts.get("classes")
    if "classes_max" in case or "classes_min" in case:
        if classes is None:
            unknown.append("classes")
        elif ("classes_max" in case and classes > case["classes_max"]) or \
                ("classes_min" in case and classes < case["classes_min"]):
            return False, ()
    return not unknown, tuple(unknown)


# ---------------------------------------------------------------- measures
@dataclass
class Measured:
    value: Decimal | None          # for comparison (already rounded per numbers rule 2)
    needs: tuple[str, ...]         # the facts it was computed from (named when missing)
    deficit: Decimal | int | None = None
    deficit_unit: str = ""
    unbounded: bool = False        # a ratio over zero (students per computer with none)


def measure_rule(rule: dict, part: SchoolPart, standard: Decimal | None) -> Measured:
    """Compute a basic-condition rule's value for one school part, and its deficit."""
    kind = rule["measure"]
    of = rule.get("of")
    facts = part.facts
    students = facts.get("students")
    raw = facts.get(of)
    unit = rule.get("deficit_unit") or _raw_unit(of)

    if kind == "labs":
        return _measure_labs(rule, part)
    if raw is None or (kind in ("per_student", "per_100_students", "students_per") and not students):
        # name every fact the measure is computed from, so a clerk sees all that is left to fill in
        divisor = {"rate_of": rule.get("per"), "per_class": "classes", "value": None, "total": None,
                   "flag": None, "max_of_list": None}.get(kind, "students")
        return Measured(None, (of, divisor) if divisor else (of,))

    if kind == "per_student":
        total = exact(raw)
        value = total / students
        deficit = None
        if standard is not None:
            deficit = _round_deficit(standard * students - total, of)
        return Measured(for_comparison(value), (of, "students"), deficit, unit)
    if kind == "per_100_students":
        value = exact(raw) * 100 / students
        deficit = _round_deficit(standard * students / 100 - exact(raw), of) if standard is not None else None
        return Measured(for_comparison(value), (of, "students"), deficit, unit)
    if kind == "students_per":
        total = exact(raw)
        unbounded = total == 0
        if unbounded:
            # No computer at all: infinitely many students per computer. Compare as huge so
            # the engine fails it; the verdict shows "无" instead of the number.
            value = Decimal(students) * 1000000
        else:
            value = Decimal(students) / total
        deficit = None
        if standard is not None and standard > 0:
            needed = ceil_int(Decimal(students) / standard)
            deficit = _round_deficit(Decimal(needed) - total, of)
        return Measured(for_comparison(value), (of, "students"), deficit, unit, unbounded)
    if kind == "rate_of":
        denominator = facts.get(rule["per"])
        if not denominator:
            return Measured(None, (of, rule["per"]))
        value = exact(raw) / exact(denominator)
        deficit = _round_deficit(standard * exact(denominator) - exact(raw), of) if standard is not None else None
        return Measured(for_comparison(value), (of, rule["per"]), deficit, unit)
    if kind == "per_class":
        classes = facts.get("classes")
        if not classes:
            return Measured(None, (of, "classes"))
        value = exact(raw) / classes
        deficit = _round_deficit(standard * classes - exact(raw), of) if standard is not None else None
        return Measured(for_comparison(value), (of, "classes"), deficit, unit)
    if kind == "value" or kind == "total":
        value = exact(raw)
        deficit = None
        if standard is not None:
            gap = standard - value if rule["op"] in (">=", ">") else value - standard
            per = rule.get("deficit_per")
            if schema_unit_is_rate(of) and per and facts.get(per):
                # A rate that is a share of people (teachers): the shortfall is people, rounded
                # up — ceil(gap × teachers) more teachers must qualify (criteria §7, in 人).
                deficit = ceil_int(max(gap, Decimal(0)) * exact(facts[per]))
            elif schema_unit_is_rate(of):
                deficit, unit = round_half_up(max(gap, Decimal(0)) * 100, 2), "个百分点"
            else:
                deficit = _round_deficit(gap, of)
        return Measured(for_comparison(value), (of,), deficit, unit)
    if kind == "flag":
        return Measured(Decimal(1 if raw else 0), (of,), None, "")
    if kind == "max_of_list":
        if not raw:
            return Measured(None, (of,))
        value = Decimal(max(raw))
        excess = None
        if standard is not None:
            excess = max(value - standard, Decimal(0))
            excess = int(excess)
        return Measured(value, (of,), excess, rule.get("deficit_unit", "人"))
    raise ValueError(f"unknown measure {kind}")


def _measure_labs(rule: dict, part: SchoolPart) -> Measured:
    """Required labs present, counted by type: value = types met, standard = types required."""
    labs = part.facts.get("labs")
    if labs is None:
        return Measured(None, ("labs",))
    required = dict(rule.get("required", {}).get(part.part, {}))
    if not required:
        return Measured(None, ("labs",))
    have = dict(labs)
    combined = rule.get("combined")
    classes = part.facts.get("classes")
    met, short = _labs_met(required, have)
    if combined and have.get(combined["lab"]):
        with_combined = dict(have)
        for lab in combined["replaces"]:
            with_combined[lab] = max(have.get(lab, 0), have[combined["lab"]])
        if classes is None:
            # Whether the combined lab counts depends on 班数 ≤ classes_max. When counting it
            # or not gives the same verdict, the verdict stands (its 尚缺 is the smaller, with
            # the combined lab: "at least"); when it decides, the verdict is missing `classes`.
            met_with, short_with = _labs_met(required, with_combined)
            if (met >= len(required)) != (met_with >= len(required)):
                return Measured(None, ("classes",))
            return Measured(Decimal(met_with), ("labs",), short_with, "间")
        if classes <= combined["classes_max"]:
            met, short = _labs_met(required, with_combined)
    return Measured(Decimal(met), ("labs",), short, "间")


def _labs_met(required: dict, have: dict) -> tuple[int, int]:
    """(lab types present in the required number, labs short in all)."""
    met = sum(1 for lab, count in required.items() if have.get(lab, 0) >= count)
    short = sum(max(count - have.get(lab, 0), 0) for lab, count in required.items())
    return met, short


def labs_required(rule: dict, part: SchoolPart) -> Decimal | None:
    required = rule.get("required", {}).get(part.part)
    return Decimal(len(required)) if required else None


_UNITS = {f.key: f.unit for f in schema.SCHOOL_FIELDS}
_RATE_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type == "rate"}


def _raw_unit(of: str | None) -> str:
    return _UNITS.get(of, "")


def schema_unit_is_rate(of: str | None) -> bool:
    return of in _RATE_FIELDS


def _round_deficit(gap: Decimal, of: str | None):
    """criteria §7: counts of things round up to whole units; areas and money to 2 decimals."""
    if gap <= 0:
        return 0
    if of in COUNT_FIELDS:
        return ceil_int(gap)
    return round_half_up(gap, 2)


# ---------------------------------------------------------------- 差异系数
def indicator_value(indicator: dict, part: SchoolPart) -> Decimal | None:
    raw = part.facts.get(indicator["of"])
    if raw is None or not part.students:
        return None
    value = exact(raw) / part.students
    if indicator["measure"] == "per_100_students":
        value *= 100
    return value


def coefficient_of_variation(entries: list[tuple[int, Decimal]]) -> Decimal | None:
    """Student-weighted CV (criteria §2.1) over (students p_i, raw total x_i) pairs.

    X̄ = Σx / P;  S = sqrt(Σ (p_i/P)(x_i/p_i − X̄)²);  CV = S / X̄.
    """
    # Each conversion made once; the sums and operations are the same, in the same order.
    entries = [(students, Decimal(students), exact(total)) for students, total in entries if students]
    if not entries:
        return None
    population = sum(weight for _, weight, _ in entries)
    mean = sum(total for _, _, total in entries) / population
    if mean == 0:
        return None
    variance = sum((weight / population) * (total / students - mean) ** 2
                   for students, weight, total in entries)
    return variance.sqrt() / mean


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
