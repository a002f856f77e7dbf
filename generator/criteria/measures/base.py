"""What every measure kind shares: the measured result, criteria §7 rounding and the exact figures of the
audit.

A measure kind (generator.criteria.measures.MEASURES) answers these questions about one rule and one
school part, and nothing else in the package answers them again:

    needs(rule)                         the facts it is computed from (named when missing)
    measure(rule, part, standard)       → Measured: value (rounded for comparison) and 尚缺 (§7)
    exact_value / exact_deficit(…)      → Figure / Deficit: the exact value and 尚缺 with their formula's numbers

The base class is the plain kind ("value"): a fact compared as it is. Kinds override only what
differs, so a rounding that two kinds share is written once here. Numbers only: a verdict's words (table
text, report and plan sentences) are generator.render.measure_words's, a formula's generator.audit.formula_words's,
each found by the kind's name.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from generator.criteria.measures.formula import NO_DEFICIT, Deficit, Figure, field_unit, is_rate
from generator.model import schema
from generator.numbers import (ceil_int, exact, for_comparison, higher_is_better, ratio_target, rational,
                               round_up)

COUNT_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type in ("count", "stage_count")}
_UNITS = {f.key: f.unit for f in schema.SCHOOL_FIELDS}
_RATE_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type == "rate"}


@dataclass
class Measured:
    value: Decimal | None          # for comparison (already rounded per numbers rule 2)
    needs: tuple[str, ...]         # the facts it was computed from (named when missing)
    deficit: Decimal | int | None = None
    deficit_unit: str = ""
    unbounded: bool = False        # a ratio over zero (students per computer with none)


def raw_unit(of: str | None) -> str:
    return _UNITS.get(of, "")


def schema_unit_is_rate(of: str | None) -> bool:
    return of in _RATE_FIELDS


def round_deficit(gap, of: str | None):
    """criteria §7: counts of things round up to whole units; areas and money round up at their
    2nd decimal, so that the amount, added, meets the standard (a Decimal or an exact Fraction)."""
    if gap <= 0:
        return 0
    if of in COUNT_FIELDS:
        return ceil_int(gap)
    return round_up(gap, 2)


def shortfall(standard, count, raw, per: int = 1) -> Fraction:
    """standard × count ÷ per − raw, exactly (raw may be a 学段's part of a split total)."""
    return ratio_target(Fraction(exact(standard)), Fraction(exact(count)), per) - rational(raw)


class Measure:
    """The plain kind: a fact compared as it is (`value`, `total`); the base of every kind."""
    kind = "value"
    divisor: str | None = None     # the fact the value is divided by (named when missing)
    per_student = False            # divided by the students: missing when there are none
    per_stage = False              # a county condition decided once per 学段 (the composite CV)
    condition_keys: tuple[str, ...] = ("of",)   # what a county condition of this kind states besides id, name
    counts_schools = False         # a county condition over the schools' verdicts (C1): its missing are schools

    # ---------------------------------------------------------- value and 尚缺 (check)
    # Every way in takes a typed rule (generator.criteria.rule_model: a SchoolRule, a CountyCondition for a
    # condition's words), read by its attributes (rule.of, rule.op, rule.unit).
    def needs(self, rule) -> tuple[str, ...]:
        divisor = self.divisor_of(rule)
        return (rule.of, divisor) if divisor else (rule.of,)

    def divisor_of(self, rule) -> str | None:
        return self.divisor

    def measure(self, rule, part, standard: Decimal | None) -> Measured:
        """The rule's value for one school part, and its deficit against `standard` (criteria §7)."""
        of = rule.of
        facts = part.facts
        raw = facts.get(of)
        if raw is None or (self.per_student and not facts.get("students")):
            # name every fact the measure is computed from, so a clerk sees all that is left to fill in
            return Measured(None, self.needs(rule))
        return self.compute(rule, facts, raw, standard, rule.deficit_unit or _UNITS.get(of, ""))

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of = rule.of
        value = exact(raw)
        deficit = None
        if standard is not None:
            exact_value = rational(raw)
            gap = Fraction(standard) - exact_value if rule.op in (">=", ">") else exact_value - Fraction(standard)
            per = rule.deficit_per
            if schema_unit_is_rate(of) and per and facts.get(per):
                # A rate that is a share of people (teachers): the shortfall is people, rounded
                # up — ceil(gap × teachers) more teachers must qualify (criteria §7, in 人).
                deficit = ceil_int(max(gap, Fraction(0)) * Fraction(exact(facts[per])))
            elif schema_unit_is_rate(of):
                deficit, unit = (round_up(gap * 100, 2) if gap > 0 else 0), "个百分点"
            else:
                deficit = round_deficit(gap, of)
        return Measured(for_comparison(value), (of,), deficit, unit)

    # ---------------------------------------------------------- exact figures (audit)
    def exact_value(self, rule, part, standard, decided=None) -> Figure:
        """The exact value (a verdict's is rounded for comparison) with the numbers of its formula."""
        of = rule.of
        x = part.facts.get(of)
        if x is None:
            return Figure(None, missing=(of,))
        return self.figure(rule, part, x)

    def figure(self, rule, part, x) -> Figure:
        """The fact as it is: terms (x,)."""
        x = exact(x)
        return Figure(x, (x,), (rule.of,), rule.unit)

    def deficit_needs(self, rule) -> tuple | None:
        """The facts besides `of` that 尚缺 is computed from; None: the kind has no 尚缺."""
        return ()

    def exact_deficit(self, rule, part, standard, decided=None) -> Deficit:
        """尚缺 by criteria §7, with the check's own rounding (self.measure) as the value and the exact
        shortfall before rounding up. `decided`: the evaluation's verdict of this rule for this part, read
        when it measured the same standard."""
        of, facts = rule.of, part.facts
        s = exact(standard)
        unit = rule.deficit_unit or field_unit(of)
        decided = same_standard(decided, s)
        needs = self.deficit_needs(rule)
        if needs is None:
            return Deficit(None, why=NO_DEFICIT)
        missing = tuple(k for k in (of, *needs) if facts.get(k) is None)
        if missing:
            return Deficit(None, missing=missing)
        raw = facts.get(of)
        worked = self.gap(rule, facts, s, raw if isinstance(raw, list) else exact(raw), facts.get("students"))
        if worked.gap is None:
            return worked
        gap = worked.gap
        short = max(gap, Decimal(0))
        if decided is not None:
            rounded = exact(decided.deficit or 0)      # the 尚缺 `junheng check` prints, as decided
        elif rule.id is not None:
            # a standard no verdict measured (the claim's own): the check's own rounding
            rounded = exact(self.measure(rule, part, s).deficit or 0)
        elif is_rate(of):
            rounded = round_up(short, 2)
        else:
            rounded = Decimal(ceil_int(short)) if of in COUNT_FIELDS else round_up(short, 2)
        return replace(worked, value=rounded, unit=worked.unit or unit, exact=short, standard=s)

    def gap(self, rule, facts, s, x, n) -> Deficit:
        """The exact gap (`gap`; unit "" for the rule's) with its formula's numbers, or a Deficit saying why
        there is none. Here: terms (s, x); a rate of people (form "people"): (s, x, people) over keys (of, per);
        a rate (form "points"): (s, x), in percentage points."""
        of = rule.of
        gap = s - x if higher_is_better(rule.op) else x - s
        per = rule.deficit_per
        if is_rate(of) and per and facts.get(per):
            people = exact(facts[per])
            return Deficit(None, (s, x, people), (of, per), gap=gap * people, form="people")
        if is_rate(of):
            return Deficit(None, (s, x), (of,), "个百分点", gap=gap * 100, form="points")
        return Deficit(None, (s, x), (of,), gap=gap)

    # ---------------------------------------------------------- a county condition (audit)
    def condition_shortfall(self, verdict, value) -> Figure:
        """A county condition's 尚缺 as the evaluation decided it (0 when it is met): terms (value, standard)."""
        short = exact(verdict.deficit) if verdict.status == "fail" and verdict.deficit is not None else Decimal(0)
        return Figure(short, (value, verdict.standard), unit=verdict.deficit_unit or "")


def same_standard(decided, standard):
    """The evaluation's verdict when it measured this part against this very standard, else None."""
    if decided is None or decided.value is None or decided.standard is None or standard is None:
        return None
    return decided if exact(decided.standard) == exact(standard) else None
