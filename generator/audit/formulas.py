"""A basic-condition rule's value and 尚缺 for one school part, exact, with the formula in words.

The audit shows how every figure is computed ("生均图书 = 图书册数 ÷ 在校生数 = …"), so the
formulas are written out here. What the evaluation decided is read from its verdict (`decided`)
whenever it was measured against the same standard: the count of labs, the labs missing and the
rounded 尚缺. Recomputed here only what the audit needs differently:

* the value itself stays exact — a verdict's value is rounded for comparison (numbers.for_comparison),
  and the tolerance rule must not flag a report for our own rounding;
* a deficit against a claim's own `standard` (or for a spanning school taken whole), which no
  verdict measured — then through criteria/indicators.measure_rule, the check's own function.
"""
from __future__ import annotations

from decimal import Decimal

from generator.audit.outcome import Outcome
from generator.audit.words import COUNT_FIELDS, STAGE_COUNTS, W, field_unit, is_rate, label, num
from generator.criteria.indicators import measure_rule
from generator.i18n import yes_no
from generator.numbers import ceil_int, exact, round_half_up


def _same_standard(decided, standard):
    """The evaluation's verdict when it measured this part against this very standard, else None."""
    if decided is None or decided.value is None or decided.standard is None or standard is None:
        return None
    return decided if exact(decided.standard) == exact(standard) else None


def rule_formula(rule, part, standard, decided=None) -> Outcome:
    """A basic-condition rule's value for one school part, exact, with its formula in words.

    `decided`: the evaluation's verdict of this rule for this part, when there is one.
    """
    kind, of, facts = rule["measure"], rule.get("of"), part.facts
    name_zh, name_en = label(of or ""), of or ""
    x = facts.get(of)
    n = facts.get("students")
    if kind == "labs":
        decided = _same_standard(decided, standard)
        value = decided.value if decided is not None else measure_rule(rule, part, standard).value
        if value is None:
            return Outcome(None, W(""), missing=("labs",))
        return Outcome(value, W(f"按要求配齐的实验室 {num(value)} 类", f"{num(value)} required lab types present"), "类")
    if x is None:
        return Outcome(None, W(""), missing=(of,))
    if kind == "flag":
        value = Decimal(1 if x else 0)
        return Outcome(value, W(f"{name_zh}：{yes_no(x)}", f"{name_en}: {yes_no(x, 'en')}"))
    if kind == "max_of_list":
        value = Decimal(max(x)) if x else None
        return Outcome(value, W(f"最大{name_zh} = {num(value)}", f"largest {name_en} = {num(value)}"),
                       rule.get("unit", ""))
    x = exact(x)
    denominators = {"per_student": "students", "per_100_students": "students", "students_per": of,
                    "rate_of": rule.get("per"), "per_class": "classes"}
    if kind in ("value", "total"):
        return Outcome(x, W(f"{name_zh} = {num(x)}", f"{name_en} = {num(x)}"), rule.get("unit", ""))
    d_key = denominators[kind]
    d = facts.get(d_key) if kind != "students_per" else n
    if d is None or (kind == "students_per" and n is None):
        return Outcome(None, W(""), missing=tuple(k for k in (of, d_key, "students") if facts.get(k) is None))
    unit = rule.get("unit", "")
    if kind == "students_per":
        if x == 0:
            return Outcome(None, W(f"{name_zh}为 0，生机比无法计算", f"{name_en} is 0: no ratio"), unit,
                           impossible=True)
        value = Decimal(n) / x
        return Outcome(value, W(f"在校生数 ÷ {name_zh} = {num(n)} ÷ {num(x)} = {num(value)}",
                                f"students ÷ {name_en} = {num(n)} ÷ {num(x)} = {num(value)}"), unit)
    d = exact(d)
    if d == 0:
        return Outcome(None, W(f"{label(d_key)}为 0，无法计算", f"{d_key} is 0: cannot divide"), unit,
                       impossible=True)
    factor = Decimal(100) if kind == "per_100_students" else Decimal(1)
    times = " × 100" if factor == 100 else ""
    value = x * factor / d
    return Outcome(value, W(f"{name_zh}{times} ÷ {label(d_key)} = {num(x)}{times} ÷ {num(d)} = {num(value)}",
                            f"{name_en}{times} ÷ {d_key} = {num(x)}{times} ÷ {num(d)} = {num(value)}"), unit)


def deficit_formula(rule, part, standard, decided=None) -> Outcome:
    """尚缺 by criteria §7, with the check's own rounding (indicators.measure_rule) as the answer.

    The exact shortfall before rounding up is kept in `also`: a report that wrote 8669 for a
    shortfall of 8669.2 books truncated, which the tolerance rule accepts. `decided`: the
    evaluation's verdict of this rule for this part, read when it measured the same standard.
    """
    kind, of, facts = rule["measure"], rule.get("of"), part.facts
    s = exact(standard)
    unit = rule.get("deficit_unit") or field_unit(of)
    decided = _same_standard(decided, s)
    if kind == "labs":
        measured = decided if decided is not None else measure_rule(rule, part, standard)
        if measured.value is None:
            return Outcome(None, W(""), missing=("labs",))
        short = exact(measured.deficit)
        return Outcome(short, W(f"缺少的实验室 = {num(short)} 间", f"labs missing = {num(short)}"), "间",
                       also=short)
    x = facts.get(of)
    n = facts.get("students")
    needs = {"per_student": ("students",), "per_100_students": ("students",), "students_per": ("students",),
             "rate_of": (rule.get("per"),), "per_class": ("classes",), "value": (), "total": ()}
    if kind not in needs:
        return Outcome(None, W(""), reason=W(f"{rule.get('id')} 没有尚缺的算法", "no deficit for this rule"))
    missing = tuple(k for k in (of, *needs[kind]) if facts.get(k) is None)
    if missing:
        return Outcome(None, W(""), missing=missing)
    x = exact(x)
    nz, ne = label(of), of
    if kind == "per_student":
        gap = s * n - x
        how = W(f"标准 × 在校生数 − {nz} = {num(s)} × {num(n)} − {num(x)} = {num(gap)}",
                f"standard × students − {ne} = {num(s)} × {num(n)} − {num(x)} = {num(gap)}")
    elif kind == "per_100_students":
        gap = s * n / 100 - x
        how = W(f"标准 × 在校生数 ÷ 100 − {nz} = {num(s)} × {num(n)} ÷ 100 − {num(x)} = {num(gap)}",
                f"standard × students ÷ 100 − {ne} = {num(s)} × {num(n)} ÷ 100 − {num(x)} = {num(gap)}")
    elif kind == "students_per":
        if s <= 0:
            return Outcome(None, W(""), reason=W("标准不是正数", "the standard is not positive"))
        needed = ceil_int(Decimal(n) / s)
        gap = needed - x
        how = W(f"⌈在校生数 ÷ {num(s)}⌉ − {nz} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − {num(x)} = {num(gap)}",
                f"⌈students ÷ {num(s)}⌉ − {ne} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − {num(x)} = {num(gap)}")
    elif kind in ("rate_of", "per_class"):
        d_key = needs[kind][0]
        d = exact(facts[d_key])
        gap = s * d - x
        how = W(f"标准 × {label(d_key)} − {nz} = {num(s)} × {num(d)} − {num(x)} = {num(gap)}",
                f"standard × {d_key} − {ne} = {num(s)} × {num(d)} − {num(x)} = {num(gap)}")
    else:
        gap = s - x if rule["op"] in (">=", ">") else x - s
        per = rule.get("deficit_per")
        if is_rate(of) and per and facts.get(per):
            people = exact(facts[per])
            gap *= people
            how = W(f"(标准 − {nz}) × {label(per)} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}",
                    f"(standard − {ne}) × {per} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}")
        elif is_rate(of):
            unit = "个百分点"
            gap *= 100
            how = W(f"(标准 − {nz}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} 个百分点",
                    f"(standard − {ne}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} percentage points")
        else:
            how = W(f"标准 − {nz} = {num(s)} − {num(x)} = {num(gap)}",
                    f"standard − {ne} = {num(s)} − {num(x)} = {num(gap)}")
    short = max(gap, Decimal(0))
    if decided is not None:
        rounded = exact(decided.deficit or 0)      # the 尚缺 `junheng check` prints, as decided
    elif rule.get("id") is not None:
        # a standard no verdict measured (the claim's own): the check's own rounding, by its function
        rounded = exact(measure_rule(rule, part, s).deficit or 0)
    elif is_rate(of):
        rounded = round_half_up(short, 2)
    else:
        rounded = Decimal(ceil_int(short)) if of in COUNT_FIELDS else round_half_up(short, 2)
    if gap <= 0:
        how = W(how["zh"] + "，已达到标准，尚缺 0", how["en"] + ": the standard is met, short by 0")
    elif rounded != short:
        how = W(how["zh"] + f"，取 {num(rounded)}", how["en"] + f", taken as {num(rounded)}")
    return Outcome(rounded, how, unit, also=short, standard=s)


class WholeSchool:
    """A spanning school taken whole (a deficit claim with its own standard and no stage)."""

    def __init__(self, school, view):
        self.school = school
        self.part = None
        self.facts = {key: (sum(value.values()) if isinstance(value, dict) and key in STAGE_COUNTS else value)
                      for key, value in school.facts.items()}
        self.students = school.total_students

    @property
    def location(self):
        return self.school.get("location")
