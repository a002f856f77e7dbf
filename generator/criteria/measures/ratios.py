"""Measure kinds that divide a fact by another: per_student, per_100_students, rate_of, per_class,
students_per. Each defines its value, its 尚缺 (criteria §7) and its formula in words (their sentences:
generator.render.measure_words)."""
from __future__ import annotations

from decimal import Decimal

from generator.criteria.measures.formula import Outcome
from generator.criteria.measures.formula import W, label, num
from generator.criteria.measures.base import Measure, Measured, round_deficit, shortfall
from generator.numbers import ceil_int, exact, for_comparison, rational, ratio, ratio_target


class Ratio(Measure):
    """x × factor ÷ d (generator.numbers.ratio): a fact over the students (or the classes, or another fact)."""
    factor = 1

    def denominator_key(self, rule) -> str | None:
        return self.divisor_of(rule)

    # audit: the value formula
    def value_formula(self, rule, part, x) -> Outcome:
        of, facts = rule.of, part.facts
        x = exact(x)
        d_key = self.denominator_key(rule)
        d = self.denominator(facts, d_key)
        if d is None:
            return Outcome(None, W(""), missing=tuple(k for k in (of, d_key, "students") if facts.get(k) is None))
        return self.divide(rule, x, d, d_key)

    def denominator(self, facts, d_key):
        return facts.get(d_key)

    def divide(self, rule, x, d, d_key) -> Outcome:
        of = rule.of or ""
        return self.quotient(x, d, W(label(of), of), W(label(d_key), d_key), rule.unit)

    def quotient(self, x, d, x_words: dict, d_words: dict, unit: str) -> Outcome:
        """x × factor ÷ d with its formula in words, the names given (zh/en: "图书册数", "全县图书册数合计").
        A zero denominator is a finding (impossible), said with the formula that cannot be computed.
        The audit's fact claims with no rule (audit/school_view, audit/county_view) use it too."""
        d = exact(d)
        times = " × 100" if self.factor == 100 else ""
        xz, xe, dz, de = x_words["zh"], x_words["en"], d_words["zh"], d_words["en"]
        if d == 0:
            return Outcome(None, W(f"{dz}为 0，{xz}{times} ÷ {dz}无法计算",
                                   f"{de} is 0: {xe}{times} ÷ {de} cannot be computed"), unit, impossible=True)
        value = ratio(exact(x), d, self.factor)
        return Outcome(value, W(f"{xz}{times} ÷ {dz} = {num(x)}{times} ÷ {num(d)} = {num(value)}",
                                f"{xe}{times} ÷ {de} = {num(x)}{times} ÷ {num(d)} = {num(value)}"), unit)

    def quotient_unit(self, unit: str) -> str:
        """The unit of the quotient of a fact in `unit`: "册" → "册/生" (per_student)."""
        return f"{unit}/{self.per_word}"

    per_word = "生"

    # audit: 尚缺 is the standard times the denominator less the fact
    def deficit_needs(self, rule):
        return (self.denominator_key(rule),)

    def gap_words(self, rule, facts, s, x, n):
        of = rule.of
        d_key = self.denominator_key(rule)
        d = exact(facts[d_key])
        gap = s * d - x
        return gap, W(f"标准 × {label(d_key)} − {label(of)} = {num(s)} × {num(d)} − {num(x)} = {num(gap)}",
                      f"standard × {d_key} − {of} = {num(s)} × {num(d)} − {num(x)} = {num(gap)}"), None


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

    def gap_words(self, rule, facts, s, x, n):
        of = rule.of
        gap = ratio_target(s, n) - x
        return gap, W(f"标准 × 在校生数 − {label(of)} = {num(s)} × {num(n)} − {num(x)} = {num(gap)}",
                      f"standard × students − {of} = {num(s)} × {num(n)} − {num(x)} = {num(gap)}"), None


class Per100Students(PerStudent):
    """每百名学生: a count × 100 over the students."""
    kind = "per_100_students"
    factor = 100
    per_word = "百生"

    def gap_words(self, rule, facts, s, x, n):
        of = rule.of
        gap = ratio_target(s, n, self.factor) - x
        return gap, W(f"标准 × 在校生数 ÷ 100 − {label(of)} = {num(s)} × {num(n)} ÷ 100 − {num(x)} = {num(gap)}",
                      f"standard × students ÷ 100 − {of} = {num(s)} × {num(n)} ÷ 100 − {num(x)} = {num(gap)}"), \
            None


class RateOf(Ratio):
    """A count's share of another count (the rule's `per`)."""
    kind = "rate_of"

    def divisor_of(self, rule):
        return rule.per

    def quotient_unit(self, unit: str) -> str:
        return "%"

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

    def divide(self, rule, x, n, d_key) -> Outcome:
        of, unit = rule.of, rule.unit
        name_zh, name_en = label(of or ""), of or ""
        if x == 0:
            return Outcome(None, W(f"{name_zh}为 0，生机比无法计算", f"{name_en} is 0: no ratio"), unit,
                           impossible=True)
        value = ratio(Decimal(n), x)
        return Outcome(value, W(f"在校生数 ÷ {name_zh} = {num(n)} ÷ {num(x)} = {num(value)}",
                                f"students ÷ {name_en} = {num(n)} ÷ {num(x)} = {num(value)}"), unit)

    def deficit_needs(self, rule):
        return ("students",)

    def gap_words(self, rule, facts, s, x, n):
        of = rule.of
        if s <= 0:
            return Outcome(None, W(""), reason=W("标准不是正数", "the standard is not positive"))
        needed = ceil_int(Decimal(n) / s)
        gap = needed - x
        return gap, W(f"⌈在校生数 ÷ {num(s)}⌉ − {label(of)} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − "
                      f"{num(x)} = {num(gap)}",
                      f"⌈students ÷ {num(s)}⌉ − {of} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − "
                      f"{num(x)} = {num(gap)}"), None
