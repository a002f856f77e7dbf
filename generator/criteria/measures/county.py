"""Measure kinds of a county condition: the share of schools meeting the standard, the 差异系数 (CV),
the government score. The engine decides each condition; these define the value (the CV itself) and the
numbers the audit shows for a condition's 尚缺 (the words: generator.audit.formula_words)."""
from __future__ import annotations

from decimal import Decimal

from generator.criteria.measures.formula import Figure
from generator.criteria.measures.base import Measure
from generator.numbers import exact, ratio


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
        # Every school at 0 (facts are never negative): the schools are equal, so there is no
        # disparity and the CV is 0 (README "差异系数"), not a missing value; each school's own
        # standard still fails on its 0.
        return Decimal(0) if all(total == 0 for _, _, total in entries) else None
    variance = sum((weight / population) * (ratio(total, students) - mean) ** 2
                   for students, weight, total in entries)
    return variance.sqrt() / mean


class SchoolsMeeting(Measure):
    """C1: the share of the county's schools that meet the basic conditions."""
    kind = "schools_meeting_standard"
    condition_keys = ()
    counts_schools = True


class CoefficientOfVariation(Measure):
    """差异系数: student-weighted over a 学段's schools (criteria §2.1); C2 is the mean of the
    indicators' CVs, each kept to the profile's decimals. It is at most the limit; its 尚缺 is the
    excess over the limit."""
    kind = "composite_cv"
    condition_keys = ()
    per_stage = True

    @staticmethod
    def value(entries):
        return coefficient_of_variation(entries)

    def condition_shortfall(self, verdict, value) -> Figure:
        """The excess over the limit: terms (value, limit)."""
        return Figure(max(value - verdict.standard, Decimal(0)), (value, verdict.standard))


class CVEach(CoefficientOfVariation):
    """优质均衡: every indicator's CV under its own limit (no composite)."""
    kind = "cv_each"
    per_stage = False


class GovernmentScore(Measure):
    """C3: the sum of the government items' scores (full marks less what each item lost)."""
    kind = "government_score"
    condition_keys = ()

    @staticmethod
    def lost(government: dict) -> list[tuple[str, Decimal]]:
        """(item id, points lost) of every item scored below its full marks, in the items' order."""
        return [(item["id"], exact(item["points"]) - exact(item["score"])) for item in government["items"]
                if exact(item["score"]) < exact(item["points"])]
