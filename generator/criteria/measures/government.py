"""The checks of the government items (`checks:` in government.yaml: B1–B23, 优质均衡 P/E/V), one class per
`measure:`: the value the engine compares with the check's threshold (the clause a report writes when the
check fails is generator.render.government_words's, by the same kind).

A check's kind is its own namespace (a government `flag` check reads a county fact; a school `flag`
rule reads a school part's). How many points a failing check loses is the item's `deduct:` (scored in
criteria/government.py), not the kind's: a check has no 尚缺.
"""
from __future__ import annotations

from decimal import Decimal

from generator.numbers import exact


class Check:
    """A check whose fact is compared as it is (`value`); the base of every government check."""
    kind = "value"

    def value(self, check, facts: dict, names: list, standard: Decimal) -> tuple[Decimal | None, bool]:
        """(value, unbounded) from present facts."""
        return exact(facts[check.of]), False


class Flag(Check):
    kind = "flag"

    def value(self, check, facts, names, standard):
        return Decimal(1 if facts[check.of] else 0), False


class Difference(Check):
    """The first fact less the second (优质均衡 quota rate this year − last year)."""
    kind = "difference"

    def value(self, check, facts, names, standard):
        return exact(facts[names[0]]) - exact(facts[names[1]]), False


class Ratio(Check):
    """The first fact over the second. x / 0 (README, "How numbers are decided"): 0 / 0 is 1 — all of
    nothing levied, paid or allocated; x / 0 with x > 0 is unbounded — more than any standard, so it
    meets a ≥ check and fails a ≤ one. Either way the check is decided, and scored."""
    kind = "ratio"

    def value(self, check, facts, names, standard):
        numerator, denominator = exact(facts[names[0]]), exact(facts[names[1]])
        if denominator:
            return numerator / denominator, False
        if numerator == 0:
            return Decimal(1), False
        return max(abs(standard), Decimal(1)) * 1000000 + numerator, True


class CountNegative(Check):
    """How many years of the growth series fell (教育经费“三个增长”)."""
    kind = "count_negative"

    def value(self, check, facts, names, standard):
        return Decimal(sum(1 for series in facts[check.of].values() for rate in series if rate < 0)), False


class SubjectsShort(Check):
    """How many subjects have fewer teachers than required."""
    kind = "subjects_short"

    def value(self, check, facts, names, standard):
        return Decimal(sum(1 for counts in facts[check.of].values()
                           if counts["actual"] < counts["required"])), False


class CountBetween(Check):
    """How many classes have a size in [min, max] (大班额)."""
    kind = "count_between"

    def value(self, check, facts, names, standard):
        sizes = facts[check.of]
        count = self.count(check, sizes)
        return Decimal(count), False

    @staticmethod
    def count(check, sizes) -> int:
        low, high = (check.min if check.min is not None else 0), check.max
        return sum(1 for size in sizes if size >= low and (high is None or size <= high))


class ShareBetween(CountBetween):
    """The share of classes with a size in [min, max]."""
    kind = "share_between"

    def value(self, check, facts, names, standard):
        sizes = facts[check.of]
        return (Decimal(self.count(check, sizes)) / len(sizes) if sizes else None), False


GOVERNMENT_CHECKS: dict[str, Check] = {c.kind: c for c in (
    Flag(), Check(), Difference(), Ratio(), CountNegative(), SubjectsShort(), CountBetween(), ShareBetween())}

# A check of no known kind (a result read without its profile) is explained like a plain value.
PLAIN_CHECK = GOVERNMENT_CHECKS["value"]
