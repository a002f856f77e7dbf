"""Measure kinds of a county condition: the share of schools meeting the standard, the 差异系数 (CV),
the government score. The engine decides each condition; these define the value (the CV itself),
the words the audit shows for a condition's value and 尚缺, and — inherited — the sentence."""
from __future__ import annotations

from decimal import Decimal

from generator.criteria.measures.formula import Outcome
from generator.criteria.measures.formula import W, num
from generator.criteria.measures.base import Measure
from generator.model import schema
from generator.numbers import cn_number, exact, ratio


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

    def condition_words(self, cond, value, stage, evaluation, profile):
        return W(f"达标学校数 ÷ 学校数 = {num(value)}", f"schools meeting the standard ÷ schools = {num(value)}")


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

    @staticmethod
    def indicator_words(stage: str, schools: int, cv) -> dict:
        """One indicator's CV as the audit shows it."""
        return W(f"{schema.PART_LABELS[stage]} {schools} 所学校按学生数加权：标准差 ÷ 全县均值 = {num(cv)}",
                 f"{schools} {stage} schools, student-weighted: standard deviation ÷ county mean = {num(cv)}")

    def condition_words(self, cond, value, stage, evaluation, profile):
        # how many CVs and their decimals come from monitoring.yaml, as the evaluation used them
        count, places = len(profile.monitoring["indicators"]), profile.cv.decimals
        return W(f"{schema.PART_LABELS.get(stage, '')}{cn_number(count)}项差异系数（各保留{cn_number(places)}位小数）"
                 f"的平均数 = {num(value)}",
                 f"mean of the {count} {stage} CVs (each printed to {places} decimals) = {num(value)}")

    def condition_deficit(self, cond, verdict, value) -> Outcome:
        short = max(value - verdict.standard, Decimal(0))
        return Outcome(short, W(f"综合差异系数 − 标准 = {num(value)} − {num(verdict.standard)}",
                                f"composite CV − standard = {num(value)} − {num(verdict.standard)}"), "")


class CVEach(CoefficientOfVariation):
    """优质均衡: every indicator's CV under its own limit (no composite)."""
    kind = "cv_each"
    per_stage = False


class GovernmentScore(Measure):
    """C3: the sum of the government items' scores (full marks less what each item lost)."""
    kind = "government_score"
    condition_keys = ()

    def condition_words(self, cond, value, stage, evaluation, profile):
        government = evaluation.government
        lost = [(item["id"], exact(item["points"]) - exact(item["score"])) for item in government["items"]
                if exact(item["score"]) < exact(item["points"])]
        listing = "".join(f" − {item_id} {num(points)}" for item_id, points in lost)
        ids = [item["id"] for item in government["items"]]
        span = f"{ids[0]}–{ids[-1]}" if ids else ""        # B1–B23 under basic-2012: the profile's own items
        return W(f"{span} 各项得分之和 = {government['total']}{listing} = {num(value)}"
                 + ("（各项满分）" if not lost else "（减去各项扣分）"),
                 f"sum of the {span} item scores = {government['total']}{listing} = {num(value)}")
