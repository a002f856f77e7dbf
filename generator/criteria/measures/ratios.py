"""Measure kinds that divide a fact by another: per_student, per_100_students, rate_of, per_class,
students_per. Each defines its value, its 尚缺 (criteria §7) and the numbers of its audit formulas (the words:
generator.render.measure_words, generator.audit.formula_words)."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from generator.criteria.measures.formula import NOT_POSITIVE, Deficit, Figure
from generator.criteria.measures.base import Measure, Measured, round_deficit, shortfall
from generator.numbers import ceil_int, exact, for_comparison, rational, ratio, ratio_target


class Ratio(Measure):
    """x × factor ÷ d (generator.numbers.ratio): a fact over the students (or the classes, or another fact)."""
    factor = 1

    def denominator_key(self, rule) -> str | None:
        return self.divisor_of(rule)

    # audit: the exact value
    def figure(self, rule, part, x) -> Figure:
        of, facts = rule.of, part.facts
        x = exact(x)
        d_key = self.denominator_key(rule)
        d = self.denominator(facts, d_key)
        if d is None:
            return Figure(None, missing=tuple(k for k in (of, d_key, "students") if facts.get(k) is None))
        return self.divide(rule, x, d, d_key)

    def denominator(self, facts, d_key):
        return facts.get(d_key)

    def divide(self, rule, x, d, d_key) -> Figure:
        """terms (x, d) over keys (of, d_key)."""
        return replace(self.quotient(x, d, rule.unit), keys=(rule.of or "", d_key))

    def quotient(self, x, d, unit: str = "") -> Figure:
        """x × factor ÷ d: terms (x, d). A zero denominator is a finding (impossible). The audit's fact claims
        with no rule (audit/school_view, audit/county_view) use it too."""
        d = exact(d)
        if d == 0:
            return Figure(None, (x, d), unit=unit, impossible=True, factor=self.factor)
        return Figure(ratio(exact(x), d, self.factor), (x, d), unit=unit, factor=self.factor)

    # audit: 尚缺 is the standard times the denominator less the fact
    def deficit_needs(self, rule):
        return (self.denominator_key(rule),)

    def gap(self, rule, facts, s, x, n) -> Deficit:
        """terms (s, d, x) over keys (of, d_key)."""
        d_key = self.denominator_key(rule)
        d = exact(facts[d_key])
        return Deficit(None, (s, d, x), (rule.of, d_key), gap=s * d - x)


class PerStudent(Ratio):
    """生均: a school's total over its students (生均图书 = 图书册数 ÷ 在校生数)."""
    kind = "per_student"
    divisor = "students"
    per_student = True

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of, students = rule.of, facts["students"]
        value = ratio(rational(raw), students, self.factor)
        deficit = None
        if standard is not None:
            deficit = round_deficit(shortfall(standard, students, raw, self.factor), of)
        return Measured(for_comparison(value), (of, "students"), deficit, unit)

    def gap(self, rule, facts, s, x, n) -> Deficit:
        """terms (s, students, x)."""
        return Deficit(None, (s, n, x), (rule.of,), gap=ratio_target(s, n) - x)


class Per100Students(PerStudent):
    """每百名学生: a count × 100 over the students."""
    kind = "per_100_students"
    factor = 100

    def gap(self, rule, facts, s, x, n) -> Deficit:
        """terms (s, students, x)."""
        return Deficit(None, (s, n, x), (rule.of,), factor=self.factor, gap=ratio_target(s, n, self.factor) - x)


class RateOf(Ratio):
    """A count's share of another count (the rule's `per`)."""
    kind = "rate_of"

    def divisor_of(self, rule):
        return rule.per

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of = rule.of
        denominator = facts.get(rule.per)
        if not denominator:
            return Measured(None, (of, rule.per))
        value = ratio(rational(raw), rational(denominator))
        deficit = round_deficit(shortfall(standard, denominator, raw), of) if standard is not None else None
        return Measured(for_comparison(value), (of, rule.per), deficit, unit)


class PerClass(Ratio):
    """每班: a count over the classes (多媒体教室每班1间)."""
    kind = "per_class"
    divisor = "classes"

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of = rule.of
        classes = facts.get("classes")
        if not classes:
            return Measured(None, (of, "classes"))
        value = ratio(rational(raw), classes)
        deficit = round_deficit(shortfall(standard, classes, raw), of) if standard is not None else None
        return Measured(for_comparison(value), (of, "classes"), deficit, unit)


class StudentsPer(Ratio):
    """生机比: students over a count, at most the standard; 尚缺 = ⌈students ÷ standard⌉ − count."""
    kind = "students_per"
    divisor = "students"
    per_student = True

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of, students = rule.of, facts["students"]
        total = exact(raw)
        unbounded = total == 0
        if unbounded:
            # No computer at all: infinitely many students per computer. Compare as huge so
            # the engine fails it; the verdict shows "无" instead of the number.
            value = Decimal(students) * 1000000
        else:
            value = ratio(Decimal(students), total)
        deficit = None
        if standard is not None and standard > 0:
            needed = ceil_int(Decimal(students) / standard)
            deficit = round_deficit(Decimal(needed) - total, of)
        return Measured(for_comparison(value), (of, "students"), deficit, unit, unbounded)

    def denominator_key(self, rule):
        return rule.of     # the count divides the students; named when missing like before

    def denominator(self, facts, d_key):
        return facts.get("students")

    def divide(self, rule, x, n, d_key) -> Figure:
        """terms (students, x) over keys (of,)."""
        of, unit = rule.of or "", rule.unit
        if x == 0:
            return Figure(None, (n, x), (of,), unit, impossible=True)
        return Figure(ratio(Decimal(n), x), (n, x), (of,), unit)

    def deficit_needs(self, rule):
        return ("students",)

    def gap(self, rule, facts, s, x, n) -> Deficit:
        """terms (s, students, x, computers needed)."""
        if s <= 0:
            return Deficit(None, why=NOT_POSITIVE)
        needed = ceil_int(Decimal(n) / s)
        return Deficit(None, (s, n, x, needed), (rule.of,), gap=needed - x)
