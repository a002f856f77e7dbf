"""What every measure kind shares: the measured result, criteria §7 rounding, the formula plumbing
of the audit and the sentence a report writes about a failing or missing indicator.

A measure kind (generator.criteria.measures.MEASURES) answers four questions about one rule and one
school part, and nothing else in the package answers them again:

    needs(rule)                         the facts it is computed from (named when missing)
    measure(rule, part, standard)       → Measured: value (rounded for comparison) and 尚缺 (§7)
    formula / deficit_formula(…)        → audit Outcome: the exact value, and the words that show it
    sentence(verdict, school, of)       → the 自查报告 / 整改方案 sentence about a verdict

The base class is the plain kind ("value"): a fact compared as it is. Kinds override only what
differs, so a sentence or a rounding that two kinds share is written once here.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from generator.criteria.rule_model import as_rule
from generator.criteria.measures.formula import Outcome
from generator.criteria.measures.formula import W, field_unit, is_rate, label, num
from generator.model import schema
from generator.i18n import yes_no  # noqa: F401  (the kinds' yes/no words)
from generator.numbers import (OP_SIGNS, amount_text, ceil_int, display, doc_number, doc_percent, doc_plain, exact,
                               for_comparison, higher_is_better, ratio_target, rational, round_half_up,
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


# ---------------------------------------------------------------- sentence words
# How a report says a unit and the thing that is short ("尚缺图书4115册").
PROSE_UNITS = {"㎡": "平方米", "m²": "平方米"}
THINGS = {"books": "图书", "computers": "计算机", "multimedia_classrooms": "多媒体教室", "labs": "实验室",
          "building_area_m2": "校舍", "sports_area_m2": "运动场地", "land_area_m2": "用地",
          "teaching_aux_area_m2": "教学及辅助用房", "equipment_value_yuan": "教学仪器设备",
          "teachers": "专任教师", "teachers_above_required_degree": "高于规定学历教师",
          "internet_bandwidth_mbps": "带宽"}
# The one op → words table: a standard in a sentence ("不低于5.2平方米") and as a sign in a table ("≥ 5.2").
RELATION_WORDS = {">=": "不低于", ">": "高于", "<=": "不高于", "<": "低于", "==": "达到"}


def prose_value_unit(unit: str) -> str:
    """"㎡/生" → "㎡", "册/生" → "册": the unit of a per-student value as a table sentence writes it."""
    return unit.split("/")[0] if "/" in unit else unit


def prose_unit(unit: str) -> str:
    """The unit of a per-student value as a sentence says it: "㎡/生" → "平方米", "册/生" → "册"."""
    unit = unit.split("/")[0] if "/" in unit else unit
    return PROSE_UNITS.get(unit, unit)


def value_words(verdict) -> str:
    if verdict.unit == "%":
        return doc_percent(verdict.value, max(verdict.decimals - 2, 0))
    return doc_number(verdict.value, verdict.decimals)


def standard_words(verdict) -> str:
    if verdict.unit == "%":
        return doc_percent(verdict.standard, max(verdict.decimals - 2, 0))
    return doc_number(verdict.standard, verdict.decimals)


def trim_zeros(text: str) -> str:
    """"5.20" → "5.2", "85.0%" → "85%": a standard is printed as the rule states it."""
    suffix = "%" if text.endswith("%") else ""
    body = text[:-1] if suffix else text
    if "." in body:
        body = body.rstrip("0").rstrip(".")
    return body + suffix


def deficit_text(verdict) -> str:
    """尚缺 as a table prints it: "4,115 册" (empty when the verdict is not a failure with a shortfall)."""
    if verdict.status != "fail" or verdict.deficit in (None, 0):
        return ""
    return f"{amount_text(verdict.deficit)} {verdict.deficit_unit}".strip()


def deficit_words(verdict) -> str:
    if verdict.status != "fail" or verdict.deficit in (None, 0):
        return ""
    unit = PROSE_UNITS.get(verdict.deficit_unit, verdict.deficit_unit)
    return doc_number(verdict.deficit, 2) + unit


def verdict_name(verdict) -> str:
    return verdict.name + (f"（{schema.PART_SUFFIX[verdict.stage]}）" if verdict.stage else "")


def missing_sentence(verdict) -> str:
    labels = "、".join(schema.label_of(k) for k in verdict.missing) or "相关数据"
    return f"{verdict_name(verdict)}缺少{labels}数据，暂无法判定，须核实补报。"


class Measure:
    """The plain kind: a fact compared as it is (`value`, `total`); the base of every kind."""
    kind = "value"
    divisor: str | None = None     # the fact the value is divided by (named when missing)
    per_student = False            # divided by the students: missing when there are none
    shows_basis = False            # the sentence shows the facts the value comes from
    per_stage = False              # a county condition decided once per 学段 (the composite CV)
    condition_keys: tuple[str, ...] = ("of",)   # what a county condition of this kind states besides id, name
    counts_schools = False         # a county condition over the schools' verdicts (C1): its missing are schools

    # ---------------------------------------------------------- value and 尚缺 (check)
    # The four ways in take a rule of a loaded profile (a Rule) or a plain mapping (a rule built on the spot): the
    # rest of a kind reads it by its attributes (rule.of, rule.op, rule.unit).
    def needs(self, rule) -> tuple[str, ...]:
        rule = as_rule(rule)
        divisor = self.divisor_of(rule)
        return (rule.of, divisor) if divisor else (rule.of,)

    def divisor_of(self, rule: dict) -> str | None:
        return self.divisor

    def measure(self, rule: dict, part, standard: Decimal | None) -> Measured:
        """The rule's value for one school part, and its deficit against `standard` (criteria §7)."""
        rule = as_rule(rule)
        of = rule.of
        facts = part.facts
        raw = facts.get(of)
        if raw is None or (self.per_student and not facts.get("students")):
            # name every fact the measure is computed from, so a clerk sees all that is left to fill in
            return Measured(None, self.needs(rule))
        return self.compute(rule, facts, raw, standard, rule.get("deficit_unit") or _UNITS.get(of, ""))

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of = rule.of
        value = exact(raw)
        deficit = None
        if standard is not None:
            exact_value = rational(raw)
            gap = Fraction(standard) - exact_value if rule.op in (">=", ">") else exact_value - Fraction(standard)
            per = rule.get("deficit_per")
            if schema_unit_is_rate(of) and per and facts.get(per):
                # A rate that is a share of people (teachers): the shortfall is people, rounded
                # up — ceil(gap × teachers) more teachers must qualify (criteria §7, in 人).
                deficit = ceil_int(max(gap, Fraction(0)) * Fraction(exact(facts[per])))
            elif schema_unit_is_rate(of):
                deficit, unit = (round_up(gap * 100, 2) if gap > 0 else 0), "个百分点"
            else:
                deficit = round_deficit(gap, of)
        return Measured(for_comparison(value), (of,), deficit, unit)

    # ---------------------------------------------------------- formulas in words (audit)
    def formula(self, rule, part, standard, decided=None) -> Outcome:
        """The exact value with its formula in words ("图书册数 ÷ 在校生数 = 10592 ÷ 981 = 10.797")."""
        rule = as_rule(rule)
        of = rule.of
        x = part.facts.get(of)
        if x is None:
            return Outcome(None, W(""), missing=(of,))
        return self.value_formula(rule, part, x)

    def value_formula(self, rule, part, x) -> Outcome:
        of = rule.of
        x = exact(x)
        return Outcome(x, W(f"{label(of or '')} = {num(x)}", f"{of or ''} = {num(x)}"), rule.unit)

    def deficit_needs(self, rule) -> tuple | None:
        """The facts besides `of` that 尚缺 is computed from; None: the kind has no 尚缺."""
        return ()

    def deficit_formula(self, rule, part, standard, decided=None) -> Outcome:
        """尚缺 by criteria §7, with the check's own rounding (self.measure) as the answer.

        The exact shortfall before rounding up is kept in `also`: a report that wrote 8669 for a
        shortfall of 8669.2 books truncated, which the tolerance rule accepts. `decided`: the
        evaluation's verdict of this rule for this part, read when it measured the same standard.
        """
        rule = as_rule(rule)
        of, facts = rule.of, part.facts
        s = exact(standard)
        unit = rule.get("deficit_unit") or field_unit(of)
        decided = same_standard(decided, s)
        needs = self.deficit_needs(rule)
        if needs is None:
            return Outcome(None, W(""), reason=W(f"{rule.id} 没有尚缺的算法", "no deficit for this rule"))
        missing = tuple(k for k in (of, *needs) if facts.get(k) is None)
        if missing:
            return Outcome(None, W(""), missing=missing)
        raw = facts.get(of)
        worked = self.gap_words(rule, facts, s, raw if isinstance(raw, list) else exact(raw), facts.get("students"))
        if isinstance(worked, Outcome):
            return worked
        gap, how, gap_unit = worked
        unit = gap_unit or unit
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
        if gap <= 0:
            how = W(how["zh"] + "，已达到标准，尚缺 0", how["en"] + ": the standard is met, short by 0")
        elif rounded != short:
            how = W(how["zh"] + f"，取 {num(rounded)}", how["en"] + f", taken as {num(rounded)}")
        return Outcome(rounded, how, unit, also=short, standard=s)

    def gap_words(self, rule, facts, s, x, n):
        """(exact gap, its words, its unit or None for the rule's) or an Outcome saying why there is none."""
        of = rule.of
        nz, ne = label(of), of
        gap = s - x if higher_is_better(rule.op) else x - s
        per = rule.get("deficit_per")
        if is_rate(of) and per and facts.get(per):
            people = exact(facts[per])
            gap *= people
            return gap, W(f"(标准 − {nz}) × {label(per)} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}",
                          f"(standard − {ne}) × {per} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}"), None
        if is_rate(of):
            gap *= 100
            return gap, W(f"(标准 − {nz}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} 个百分点",
                          f"(standard − {ne}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} percentage points"), \
                "个百分点"
        return gap, W(f"标准 − {nz} = {num(s)} − {num(x)} = {num(gap)}",
                      f"standard − {ne} = {num(s)} − {num(x)} = {num(gap)}"), None

    # ---------------------------------------------------------- a county condition (audit)
    def condition_words(self, cond: dict, value, stage, evaluation, profile) -> dict:
        """A county condition's value in words, read from the evaluation's verdict."""
        of = cond.get("of", cond.get("id"))
        return W(f"{label(of)} = {num(value)}", f"{of} = {num(value)}")

    def condition_deficit(self, cond: dict, verdict, value) -> Outcome:
        """尚缺 as the evaluation decided it (0 when the condition is met)."""
        key = cond["id"]
        short = exact(verdict.deficit) if verdict.status == "fail" and verdict.deficit is not None else Decimal(0)
        how = W(f"{key} {verdict.name}：{num(value)}，标准 {num(verdict.standard)}，尚缺 {num(short)}",
                f"{key}: {num(value)}, standard {num(verdict.standard)}, short by {num(short)}")
        return Outcome(short, how, verdict.deficit_unit or "")

    # ---------------------------------------------------------- the figures of a table (check, report)
    def value_text(self, verdict, lang="zh") -> str:
        """A verdict's value as a table prints it: 85%, 5.60, 9.5 (生机比 9.5:1)."""
        return display(verdict.value, verdict.decimals, verdict.standard, percent=verdict.unit == "%")

    def standard_text(self, verdict, lang="zh") -> str:
        """The standard as a table prints it: "≥ 5.2 ㎡/生", "≥ 85%"."""
        if verdict.standard is None:
            return "—"
        percent = verdict.unit == "%"
        number = trim_zeros(display(verdict.standard, verdict.decimals, percent=percent))
        unit = "" if percent else (" " + verdict.unit if verdict.unit else "")
        return f"{OP_SIGNS.get(verdict.op, verdict.op)} {number}{self.table_unit(verdict, lang, unit)}"

    def table_unit(self, verdict, lang, unit) -> str:
        return unit

    # ---------------------------------------------------------- the sentence (report, plan, check)
    def standard_phrase(self, verdict) -> str:
        """"不低于5.2平方米", "不高于8:1", "每班1间": the standard as a real report states it."""
        if verdict.standard is None:
            return "规定标准"
        return self.stated_standard(verdict)

    def required_phrase(self, verdict) -> str:
        """The requirement as a conclusion states it: "85分以上", "85%以上" for at least — as filed reports
        write "达到85分以上的要求" — and the standard phrase otherwise ("不高于0.65")."""
        if verdict.standard is None or verdict.op != ">=":
            return self.standard_phrase(verdict)
        unit = "" if verdict.unit == "%" else prose_unit(verdict.unit)
        return f"{standard_words(verdict)}{unit}以上"

    def target(self, verdict) -> str:
        """The 整改目标 of a plan item: "生均图书册数不低于15册", "…不低于5.2㎡" (the indicator named, then its
        standard: the op's word from RELATION_WORDS, the figure with the unit as the plan's tables write it)."""
        if verdict.standard is None:
            return "达到规定标准"
        return f"{verdict.name}{RELATION_WORDS.get(verdict.op, '达到')}{self.standard_with_unit(verdict)}"

    def stated_standard(self, verdict) -> str:
        unit = "" if verdict.unit == "%" else prose_unit(verdict.unit)
        return f"{RELATION_WORDS.get(verdict.op, '达到')}{standard_words(verdict)}{unit}"

    def report_sentence(self, verdict, of: str | None = None) -> str:
        """The 自查报告's sentence for any verdict, met or not: "生均图书册数为10.8册，低于标准（15册），尚缺图书4115册。"
        A missing verdict is the same sentence `sentence` writes (one wording for 存在的问题 and the table)."""
        if verdict.status == "missing":
            return missing_sentence(verdict)
        if verdict.status == "n/a":
            return ""
        return self.met_sentence(verdict, verdict_name(verdict), verdict.status == "pass", self.short_words(verdict, of))

    def short_words(self, verdict, of) -> str:
        """"，尚缺图书4115册" (a table figure, compact), or "" when nothing is short."""
        deficit = doc_plain(deficit_text(verdict).replace(" ", ""))
        if not deficit:
            return ""
        return f"，尚缺{THINGS.get(of or '', schema.label_of(of) if of else '')}{deficit}"

    def figure(self, verdict) -> str:
        """The value as a sentence writes it: the table's figure without thousands separators."""
        return self.value_text(verdict).replace(",", "")

    def standard_with_unit(self, verdict) -> str:
        """The standard with its unit as a plan writes it (a {standard} clause, the 整改目标): "5.2㎡", "85%", "8:1"."""
        return standard_words(verdict) + ("" if verdict.unit == "%" else prose_value_unit(verdict.unit))

    def met_sentence(self, verdict, name, passed, short) -> str:
        wording = verdict.wording or ""
        if verdict.unit == "%":
            value, standard = self.figure(verdict), standard_words(verdict)
            if passed:
                word = wording if wording in ("不低于", "不少于", "不超过") else ""
                return f"{name}为{value}，达到标准（{word}{standard}）。"
            deficit = doc_plain(deficit_text(verdict).replace(" ", ""))
            return f"{name}为{value}，{'低于' if higher_is_better(verdict.op) else '高于'}标准（{standard}）" + \
                (f"，相差{deficit}。" if deficit else "。")
        unit = prose_value_unit(verdict.unit)
        value, standard = self.figure(verdict) + unit, standard_words(verdict) + unit
        if passed:
            word = wording if wording in ("不低于", "不少于", "达到") else ""
            return f"{name}为{value}，达到标准（{word}{standard}）。"
        relation = "低于" if higher_is_better(verdict.op) else "超过"
        return f"{name}为{value}，{relation}标准（{standard}）{short}。"

    def sentence(self, verdict, school=None, of: str | None = None) -> str:
        """One failing or missing indicator, stated from the facts behind it (which fact, how far)."""
        if verdict.status == "missing":
            return missing_sentence(verdict)
        short = deficit_words(verdict)
        short_text = f"，尚缺{THINGS.get(of or '', '')}{short}" if short else ""
        return self.fail_sentence(verdict, verdict_name(verdict), self.basis(verdict, school, of), short_text)

    def fail_sentence(self, verdict, name, basis, short_text) -> str:
        if verdict.unit == "%":
            gap = ""
            if verdict.value is not None and verdict.standard is not None:
                gap = f"，相差{doc_number(abs(exact(verdict.standard) - exact(verdict.value)) * 100, 2)}个百分点"
            below = "低于" if higher_is_better(verdict.op) else "高于"
            return f"{name}为{value_words(verdict)}，{below}{standard_words(verdict)}的标准{gap}。"
        unit = prose_unit(verdict.unit)
        if higher_is_better(verdict.op):
            return (f"{name}仅{value_words(verdict)}{unit}{basis}，低于{standard_words(verdict)}{unit}的标准"
                    f"{short_text}。")
        return (f"{name}为{value_words(verdict)}{unit}{basis}，超过{standard_words(verdict)}{unit}的上限"
                f"{short_text}。")

    def basis(self, verdict, school, of) -> str:
        """The facts a per-student value is computed from: "（校舍建筑面积3616平方米，在校生981人）"."""
        if school is None or not of or not self.shows_basis:
            return ""
        facts = school.facts
        amount = facts.get(of)
        if amount is None or isinstance(amount, dict):
            return ""
        students = school.total_students if not verdict.stage else (facts.get("students") or {}).get(verdict.stage)
        if students is None:
            return ""
        unit = raw_unit(of)
        unit = PROSE_UNITS.get(unit, unit)
        return f"（{schema.label_of(of)}{doc_number(amount, 2)}{unit}，在校生{doc_number(students, 0)}人）"


def same_standard(decided, standard):
    """The evaluation's verdict when it measured this part against this very standard, else None."""
    if decided is None or decided.value is None or decided.standard is None or standard is None:
        return None
    return decided if exact(decided.standard) == exact(standard) else None
