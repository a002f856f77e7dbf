"""A recomputed figure in words, by its measure kind: "图书册数 ÷ 在校生数 = 10600 ÷ 981 = 10.8053".

generator.criteria.measures computes each kind's exact value and 尚缺 with the numbers of their formulas (a
Figure, a Deficit: `terms` in the order the words below show them, `keys` the facts they name); the words are
here, one class per way of saying them, found by the kind's name in FORMULA_WORDS. A county condition's value and
尚缺 and a 差异系数 are said here too. Only the audit shows formulas; it calls nothing else for their words.
"""
from __future__ import annotations

from generator.audit.outcome import Outcome
from generator.audit.words import W, label, num
from generator.criteria.measures import MEASURES, GovernmentScore
from generator.criteria.measures.formula import NO_DEFICIT, NOT_POSITIVE, Deficit, Figure
from generator.i18n import yes_no
from generator.model import schema
from generator.numbers import cn_number


class PlainFormula:
    """A fact compared as it is (value, total, items_not_met, a condition built elsewhere); the base of every kind."""

    # ---------------------------------------------------------- a value
    def value(self, fig: Figure) -> dict:
        of, (x,) = fig.keys[0] or "", fig.terms
        return W(f"{label(of)} = {num(x)}", f"{of} = {num(x)}")

    # ---------------------------------------------------------- 尚缺
    def gap(self, d: Deficit) -> dict:
        of, s, x = d.keys[0], d.terms[0], d.terms[1]
        nz, gap = label(of), d.gap
        if d.form == "people":
            per, people = d.keys[1], d.terms[2]
            return W(f"(标准 − {nz}) × {label(per)} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}",
                     f"(standard − {of}) × {per} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}")
        if d.form == "points":
            return W(f"(标准 − {nz}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} 个百分点",
                     f"(standard − {of}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} percentage points")
        return W(f"标准 − {nz} = {num(s)} − {num(x)} = {num(gap)}",
                 f"standard − {of} = {num(s)} − {num(x)} = {num(gap)}")

    def deficit(self, d: Deficit) -> dict:
        """The gap's formula, and what the check makes of it: met (尚缺 0) or rounded up (取 …)."""
        how = self.gap(d)
        if d.gap <= 0:
            return W(how["zh"] + "，已达到标准，尚缺 0", how["en"] + ": the standard is met, short by 0")
        if d.value != d.exact:
            return W(how["zh"] + f"，取 {num(d.value)}", how["en"] + f", taken as {num(d.value)}")
        return how

    # ---------------------------------------------------------- a county condition
    def condition(self, cond, value, stage, evaluation, profile) -> dict:
        """A county condition's value, read from the evaluation's verdict."""
        of = cond.of if "of" in cond.stated else cond.id
        return W(f"{label(of)} = {num(value)}", f"{of} = {num(value)}")

    def condition_deficit(self, cond, verdict, short: Figure) -> dict:
        """尚缺 as the evaluation decided it."""
        key, value = cond.id, short.terms[0]
        return W(f"{key} {verdict.name}：{num(value)}，标准 {num(verdict.standard)}，尚缺 {num(short.value)}",
                 f"{key}: {num(value)}, standard {num(verdict.standard)}, short by {num(short.value)}")


class QuotientFormula(PlainFormula):
    """x × factor ÷ d (rate_of, per_class; the per-student kinds below): terms (x, d) over keys (x, d)."""
    per_word = "生"

    def value(self, fig: Figure) -> dict:
        return self.quotient(fig, W(label(fig.keys[0]), fig.keys[0]), W(label(fig.keys[1]), fig.keys[1]))

    def quotient_unit(self, unit: str) -> str:
        """The unit of the quotient of a fact in `unit`: "册" → "册/生" (per_student)."""
        return f"{unit}/{self.per_word}"

    @staticmethod
    def quotient(fig: Figure, x_words: dict, d_words: dict) -> dict:
        """The quotient with the names given (zh/en: "图书册数", "全县图书册数合计"); a zero denominator said as
        the formula that cannot be computed."""
        (x, d), times = fig.terms, (f" × {fig.factor}" if fig.factor != 1 else "")
        xz, xe, dz, de = x_words["zh"], x_words["en"], d_words["zh"], d_words["en"]
        if fig.impossible:
            return W(f"{dz}为 0，{xz}{times} ÷ {dz}无法计算", f"{de} is 0: {xe}{times} ÷ {de} cannot be computed")
        return W(f"{xz}{times} ÷ {dz} = {num(x)}{times} ÷ {num(d)} = {num(fig.value)}",
                 f"{xe}{times} ÷ {de} = {num(x)}{times} ÷ {num(d)} = {num(fig.value)}")

    def gap(self, d: Deficit) -> dict:
        (of, d_key), (s, n, x) = d.keys, d.terms
        return W(f"标准 × {label(d_key)} − {label(of)} = {num(s)} × {num(n)} − {num(x)} = {num(d.gap)}",
                 f"standard × {d_key} − {of} = {num(s)} × {num(n)} − {num(x)} = {num(d.gap)}")


class RateFormula(QuotientFormula):
    """rate_of: a share, in %."""

    def quotient_unit(self, unit: str) -> str:
        return "%"


class PerStudentFormula(QuotientFormula):
    """生均 and 每百名: 尚缺 is the standard times the students (÷ 100) less the fact; terms (s, students, x)."""

    def gap(self, d: Deficit) -> dict:
        of, (s, n, x) = d.keys[0], d.terms
        per = f" ÷ {d.factor}" if d.factor != 1 else ""
        return W(f"标准 × 在校生数{per} − {label(of)} = {num(s)} × {num(n)}{per} − {num(x)} = {num(d.gap)}",
                 f"standard × students{per} − {of} = {num(s)} × {num(n)}{per} − {num(x)} = {num(d.gap)}")


class Per100Formula(PerStudentFormula):
    per_word = "百生"


class StudentsPerFormula(PlainFormula):
    """生机比: students over a count; terms (students, x)."""

    def value(self, fig: Figure) -> dict:
        of, (n, x) = fig.keys[0], fig.terms
        if fig.impossible:
            return W(f"{label(of)}为 0，生机比无法计算", f"{of} is 0: no ratio")
        return W(f"在校生数 ÷ {label(of)} = {num(n)} ÷ {num(x)} = {num(fig.value)}",
                 f"students ÷ {of} = {num(n)} ÷ {num(x)} = {num(fig.value)}")

    def gap(self, d: Deficit) -> dict:
        of, (s, n, x, needed) = d.keys[0], d.terms
        return W(f"⌈在校生数 ÷ {num(s)}⌉ − {label(of)} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − "
                 f"{num(x)} = {num(d.gap)}",
                 f"⌈students ÷ {num(s)}⌉ − {of} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − "
                 f"{num(x)} = {num(d.gap)}")


class FlagFormula(PlainFormula):
    """A yes/no fact: terms (the fact as written,)."""

    def value(self, fig: Figure) -> dict:
        of, (x,) = fig.keys[0], fig.terms
        return W(f"{label(of)}：{yes_no(x)}", f"{of}: {yes_no(x, 'en')}")


class LargestFormula(PlainFormula):
    """max_of_list: the largest (班额); 尚缺 is its excess over the standard, terms (largest, s)."""

    def value(self, fig: Figure) -> dict:
        of, (value,) = fig.keys[0], fig.terms
        return W(f"最大{label(of)} = {num(value)}", f"largest {of} = {num(value)}")

    def gap(self, d: Deficit) -> dict:
        of, (largest, s) = d.keys[0], d.terms
        return W(f"最大{label(of)} − 标准 = {num(largest)} − {num(s)} = {num(d.gap)}",
                 f"largest {of} − standard = {num(largest)} − {num(s)} = {num(d.gap)}")


class LabsFormula(PlainFormula):
    """Required labs present, by type; 尚缺 the labs missing, counted."""

    def value(self, fig: Figure) -> dict:
        (value,) = fig.terms
        return W(f"按要求配齐的实验室 {num(value)} 类", f"{num(value)} required lab types present")

    def deficit(self, d: Deficit) -> dict:
        (short,) = d.terms
        return W(f"缺少的实验室 = {num(short)} 间", f"labs missing = {num(short)}")


class SchoolsMeetingFormula(PlainFormula):
    """C1 (and QC1 over school parts): the share of schools meeting the standard."""

    def condition(self, cond, value, stage, evaluation, profile) -> dict:
        return W(f"达标学校数 ÷ 学校数 = {num(value)}", f"schools meeting the standard ÷ schools = {num(value)}")


class CVFormula(PlainFormula):
    """The composite 差异系数 (and each indicator's): how many CVs and their decimals are monitoring.yaml's, as the
    evaluation used them; 尚缺 the excess over the limit, terms (value, limit)."""

    def condition(self, cond, value, stage, evaluation, profile) -> dict:
        count, places = len(profile.monitoring["indicators"]), profile.cv.decimals
        return W(f"{schema.PART_LABELS.get(stage, '')}{cn_number(count)}项差异系数（各保留{cn_number(places)}位小数）"
                 f"的平均数 = {num(value)}",
                 f"mean of the {count} {stage} CVs (each printed to {places} decimals) = {num(value)}")

    def condition_deficit(self, cond, verdict, short: Figure) -> dict:
        value, limit = short.terms
        return W(f"综合差异系数 − 标准 = {num(value)} − {num(limit)}",
                 f"composite CV − standard = {num(value)} − {num(limit)}")


class GovernmentScoreFormula(PlainFormula):
    """C3: the sum of the government items' scores, less what each item lost."""

    def condition(self, cond, value, stage, evaluation, profile) -> dict:
        government = evaluation.government
        lost = GovernmentScore.lost(government)
        listing = "".join(f" − {item_id} {num(points)}" for item_id, points in lost)
        ids = [item["id"] for item in government["items"]]
        span = f"{ids[0]}–{ids[-1]}" if ids else ""        # B1–B23 under basic-2012: the profile's own items
        return W(f"{span} 各项得分之和 = {government['total']}{listing} = {num(value)}"
                 + ("（各项满分）" if not lost else "（减去各项扣分）"),
                 f"sum of the {span} item scores = {government['total']}{listing} = {num(value)}")


# A kind not listed (value, total, items_not_met, a condition built elsewhere) is said like a plain value.
PLAIN = PlainFormula()
_PER_STUDENT, _CV, _QUOTIENT, _SCHOOLS = PerStudentFormula(), CVFormula(), QuotientFormula(), SchoolsMeetingFormula()
FORMULA_WORDS: dict[str, PlainFormula] = {
    "per_student": _PER_STUDENT, "per_100_students": Per100Formula(), "rate_of": RateFormula(),
    "per_class": _QUOTIENT, "students_per": StudentsPerFormula(), "flag": FlagFormula(),
    "max_of_list": LargestFormula(), "labs": LabsFormula(), "schools_meeting_standard": _SCHOOLS,
    "parts_meeting_standard": _SCHOOLS, "composite_cv": _CV, "cv_each": _CV, "government_score": GovernmentScoreFormula()}


def formula_words(kind: str) -> PlainFormula:
    """The words of a measure kind's formulas."""
    return FORMULA_WORDS.get(kind, PLAIN)


def value_outcome(kind: str, fig: Figure) -> Outcome:
    """A recomputed value with its formula in words."""
    if fig.value is None and not fig.impossible:
        return Outcome(None, W(""), missing=fig.missing)
    return Outcome(fig.value, formula_words(kind).value(fig), fig.unit, impossible=fig.impossible)


def deficit_outcome(kind: str, rule_id, d: Deficit) -> Outcome:
    """尚缺 with its formula in words (the exact shortfall in `also`), or why there is none."""
    if d.why == NO_DEFICIT:
        return Outcome(None, W(""), reason=W(f"{rule_id} 没有尚缺的算法", "no deficit for this rule"))
    if d.why == NOT_POSITIVE:
        return Outcome(None, W(""), reason=W("标准不是正数", "the standard is not positive"))
    if d.value is None:
        return Outcome(None, W(""), missing=d.missing)
    return Outcome(d.value, formula_words(kind).deficit(d), d.unit, also=d.exact, standard=d.standard)


def quotient_outcome(kind: str, x, d, x_words: dict, d_words: dict, unit: str) -> Outcome:
    """A fact claim with no rule (a school's rate, a county total per student): the kind's quotient (per_student,
    per_100_students, rate_of), said with the names given, in the kind's unit of a quotient of a fact in `unit`."""
    fig = MEASURES[kind].quotient(x, d)
    return Outcome(fig.value, QuotientFormula.quotient(fig, x_words, d_words),
                   FORMULA_WORDS[kind].quotient_unit(unit), impossible=fig.impossible)


def condition_outcome(cond, value, stage, evaluation, profile) -> Outcome:
    """A county condition's (a CountyCondition's) decided value with its words."""
    return Outcome(value, formula_words(cond.measure).condition(cond, value, stage, evaluation, profile), cond.unit)


def condition_deficit_outcome(cond, verdict, value) -> Outcome:
    """A county condition's 尚缺 as the evaluation decided it, with its words."""
    short = MEASURES[cond.measure].condition_shortfall(verdict, value)
    return Outcome(short.value, formula_words(cond.measure).condition_deficit(cond, verdict, short), short.unit)


def cv_words(stage: str, schools: int, cv) -> dict:
    """One indicator's CV over a 学段's schools, as the audit shows it."""
    return W(f"{schema.PART_LABELS[stage]} {schools} 所学校按学生数加权：标准差 ÷ 全县均值 = {num(cv)}",
             f"{schools} {stage} schools, student-weighted: standard deviation ÷ county mean = {num(cv)}")

