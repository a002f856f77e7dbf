"""One item of a school's rule, and the additions that serve it (the school part of
generator.plan.least_cost): what may be added to which fact (rules/costs.yaml `levers`), applying
additions to a copy of a school, and the smallest addition after which an item passes or reaches
its floor — measured with generator.criteria.indicators, confirmed on the school with the addition made."""
from __future__ import annotations

import copy
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

import yaml

from generator.criteria import indicators
from generator.model import schema
from generator.criteria.verdicts import Verdict
from generator.criteria.indicators import labs_required, measure_rule, school_parts, split_shares, threshold_for
from generator.numbers import compare, exact, lower_is_better
from generator.resources import rules_dir

RATE_PLACES = Decimal("0.000001")      # a rate after training is written to 6 decimals, rounded down


class Unplannable(Exception):
    """An item that additions cannot meet (missing data, no lever, a "no more than" rule)."""


class MissingData(Unplannable):
    """An item that cannot be measured: a fact it needs is not given (`facts`: their labels).
    Not a blocker of the school's other items: they are planned, and the fact is named apart."""

    def __init__(self, facts: list):
        self.facts = facts
        super().__init__("缺少数据：" + "、".join(facts))


# ---------------------------------------------------------------- levers
def load_levers() -> dict:
    """What may be added to each fact, at which unit cost (rules/costs.yaml `levers`)."""
    data = yaml.safe_load((rules_dir() / "costs.yaml").read_text(encoding="utf-8"))
    return {key: dict(value or {}) for key, value in data.get("levers", {}).items()}


def _field(key):
    for fld in schema.SCHOOL_FIELDS:
        if fld.key == key:
            return fld
    return None


def base_fact(fact: str) -> str:
    return fact.split(".")[0]


def unit_of(fact: str, levers: dict) -> str:
    base = base_fact(fact)
    lever = levers.get(base, {})
    if lever.get("rate_of"):
        return "人"
    fld = _field(base)
    if fld is not None and fld.type == "rate":
        return "个百分点"
    if fld is not None and fld.type == "bool":
        return ""
    return fld.unit if fld is not None else ""


def step_of(fact: str, levers: dict) -> Decimal:
    return exact(levers.get(base_fact(fact), {}).get("step", 1))


def round_up(amount: Decimal, step: Decimal) -> Decimal:
    if amount <= 0:
        return Decimal(0)
    units = (amount / step).to_integral_value(rounding=ROUND_CEILING)
    return units * step if step != 1 else units


def scope(school, fact: str, split: dict) -> str:
    """stage (a count given per 学段), split (a total shared by weights) or whole (shared as is)."""
    base = base_fact(fact)
    if base in indicators.STAGE_COUNT_FIELDS or isinstance(school.facts.get(base), dict) and base != "labs":
        return "stage"
    if len(school.parts) > 1 and base in split["fields"]:
        return "split"
    return "whole"


# ---------------------------------------------------------------- applying additions
def apply_amounts(school, amounts: dict, levers: dict):
    """A copy of the school with the additions made (the original is left untouched)."""
    facts = dict(school.facts)
    for key in list(facts):
        if isinstance(facts[key], dict):
            facts[key] = dict(facts[key])
    teachers_before = schema.stage_total(facts.get("teachers") or {}) or 0
    rate_people: dict = {}
    for (fact, part), amount in sorted(amounts.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        if not amount:
            continue
        base = base_fact(fact)
        lever = levers.get(base, {})
        if fact.startswith("labs."):
            labs = facts.setdefault("labs", {})
            labs[fact[5:]] = labs.get(fact[5:], 0) + int(amount)
            continue
        fld = _field(base)
        if lever.get("rate_of"):
            rate_people[base] = rate_people.get(base, 0) + amount
            continue
        if fld is not None and fld.type == "bool":
            facts[base] = True
            continue
        if fld is not None and fld.type == "rate":
            facts[base] = min(exact(facts.get(base) or 0) + amount / 100, Decimal(1))
            continue
        targets = [base] + [g for g in lever.get("also", []) if g in facts]
        for target in targets:
            _add(facts, target, part, amount)
    for base, people in rate_people.items():
        # A rate of teachers: `people` more of the school's teachers qualify. Written rounded
        # down to 6 decimals, so the file never claims more than was planned.
        total = teachers_before or 1
        rate = exact(facts.get(base) or 0) + Decimal(people) / total
        facts[base] = min(rate.quantize(RATE_PLACES, rounding=ROUND_FLOOR), Decimal(1))
    clone = copy.copy(school)
    clone.facts = facts
    return clone


def resolve_teachers(school, amounts: dict, levers: dict) -> dict:
    """Trainings beyond the teachers not yet counted become hires (then trained if need be)."""
    hire = levers.get("teachers", {})
    also = set(hire.get("also", []))
    result = dict(amounts)
    within = [(fact, part) for (fact, part) in amounts if levers.get(base_fact(fact), {}).get("within")]
    if not within:
        return result
    base = apply_amounts(school, {k: v for k, v in amounts.items() if k not in within}, levers)
    extra: dict = {}
    for fact, part in within:
        teachers = (base.facts.get("teachers") or {}).get(part, 0)
        current = (base.facts.get(fact) or {}).get(part, 0)
        headroom = max(Decimal(teachers) - exact(current), Decimal(0))
        if amounts[(fact, part)] > headroom:
            extra[part] = max(extra.get(part, Decimal(0)), amounts[(fact, part)] - headroom)
    for part, hires in extra.items():
        result[("teachers", part)] = result.get(("teachers", part), Decimal(0)) + hires
        for fact, fact_part in within:
            if fact_part == part and fact in also:
                result[(fact, part)] = max(amounts[(fact, part)] - hires, Decimal(0))
    return result


def _add(facts: dict, key: str, part, amount: Decimal):
    value = facts.get(key)
    if isinstance(value, dict):
        value[part] = _num(exact(value.get(part, 0)) + amount)
    else:
        facts[key] = _num(exact(value or 0) + amount)


def _num(value: Decimal):
    return int(value) if value == value.to_integral_value() else value


# ---------------------------------------------------------------- one item's requirement
def applicable_standard(rule, part) -> Decimal | None:
    if part.part not in rule.stages:
        return None
    return labs_required(rule, part) if rule.measure == "labs" else threshold_for(rule, part)


def _meets(rule, part, standard: Decimal, floor: Decimal | None) -> bool:
    """The item passes (floor None) or reaches `floor` of its standard, on these facts."""
    measured = measure_rule(rule, part, standard)
    if measured.value is None:
        return False
    if floor is None:
        return compare(measured.value, rule.op, standard)
    verdict = Verdict(rule=rule.id, name="", value=measured.value, standard=standard, op=rule.op, unit="")
    achieved = verdict.achievement()
    return achieved is not None and achieved >= floor


def _part_of(school, part_name: str, split: dict):
    for part in school_parts(school, split):
        if part.part == part_name:
            return part
    return None


def requirement(school, rule, part_name: str, floor, levers: dict, split: dict, part=None) -> dict:
    """The smallest additions {(fact, part|None): amount} after which the item passes (or
    reaches `floor` of its standard). Raises Unplannable when additions cannot do it.
    `part`: the school's SchoolPart for part_name, when the caller has it already."""
    part = part or _part_of(school, part_name, split)
    standard = applicable_standard(rule, part)
    if _meets(rule, part, standard, floor):
        return {}
    kind, of = rule.measure, rule.of
    if measure_rule(rule, part, standard).value is None:
        missing = [k for k in (of, "students", rule.per, "classes") if k and part.facts.get(k) in (None, 0)]
        raise MissingData([schema.label_of(k) for k in missing[:1] or [of]])
    if kind == "max_of_list" or (kind in ("value", "total") and lower_is_better(rule.op)):
        raise Unplannable("不能靠增加投入达到（需调整班额或减少数值）")
    if of not in levers and kind != "labs":
        raise Unplannable("没有可增加的措施")
    if kind == "labs":
        return _labs_requirement(school, rule, part_name, floor, standard, levers, split)
    where = scope(school, of, split)
    key = (of, part_name if where == "stage" else None)
    step = step_of(of, levers)

    def passes(amount):
        trial = apply_amounts(school, {key: amount}, levers)
        return _meets(rule, _part_of(trial, part_name, split), standard, floor)

    guess = _guess(school, rule, part, standard, floor, of, where, levers, split)
    amount = _smallest(passes, round_up(guess, step), step)
    if amount is None:
        raise Unplannable("增加到合理上限仍不能达到")
    return {key: amount}


def _guess(school, rule, part, standard, floor, of, where, levers, split) -> Decimal:
    """A first guess from the measure's own deficit, at the level the item must reach."""
    level = standard
    if floor is not None:
        level = standard / floor if lower_is_better(rule.op) else standard * floor
    if levers.get(of, {}).get("rate_of"):
        teachers = schema.stage_total(school.facts.get("teachers") or {}) or 0
        gap = level - exact(part.facts.get(of) or 0)
        return max(gap, Decimal(0)) * teachers
    fld = _field(of)
    if fld is not None and fld.type == "bool":
        return Decimal(1)
    deficit = measure_rule(rule, part, level).deficit
    if deficit is None:
        return Decimal(0)
    deficit = exact(deficit)
    if fld is not None and fld.type == "rate":
        return deficit                     # 个百分点
    if where == "split":
        share = split_shares(school, split["weights"])[part.part]
        return deficit / share if share else deficit
    return deficit


def _smallest(passes, guess: Decimal, step: Decimal) -> Decimal | None:
    """The smallest positive multiple of `step` that passes (passes(0) is known false).

    The guess is usually right or one step off; otherwise a doubling search brackets the
    answer and a bisection on whole steps finds it."""
    guess = max(guess, step)
    if passes(guess):
        if guess == step or not passes(guess - step):
            return guess
        low, high = Decimal(0), guess - step
    else:
        low, high, stride = guess, None, step
        for _ in range(80):
            probe = low + stride
            if passes(probe):
                high = probe
                break
            low, stride = probe, stride * 2
        if high is None:
            return None
    while high - low > step:                 # low fails, high passes
        mid = low + ((high - low) / step / 2).to_integral_value(rounding=ROUND_FLOOR) * step
        if mid <= low:
            mid = low + step
        if passes(mid):
            high = mid
        else:
            low = mid
    return high


def _labs_requirement(school, rule, part_name, floor, standard, levers, split) -> dict:
    required = (rule.required or {}).get(part_name, {})
    have = dict(school.facts.get("labs") or {})
    adds: dict = {}
    for lab, count in sorted(required.items()):
        trial = apply_amounts(school, adds, levers)
        if _meets(rule, _part_of(trial, part_name, split), standard, floor):
            break
        short = count - have.get(lab, 0)
        if short > 0:
            adds[(f"labs.{lab}", None)] = Decimal(short)
    trial = apply_amounts(school, adds, levers)
    if not _meets(rule, _part_of(trial, part_name, split), standard, floor):
        raise Unplannable("实验室配置无法按类型补齐")
    return adds


# ---------------------------------------------------------------- prices
def cost_key(fact: str | None, fallback: str | None = None, levers: dict | None = None) -> str | None:
    """The one unit-cost key (rules/costs.yaml `items`) of additions to `fact`: its lever's, so the
    整改方案's item list, its 达标测算 section and the least-cost plan price a fact alike; `fallback`
    (a measures entry's own `cost`) only for a fact no lever prices."""
    levers = levers if levers is not None else load_levers()
    key = levers.get(base_fact(fact), {}).get("cost") if fact else None
    return key or fallback


def price(fact: str, levers: dict, costs: dict) -> Decimal | None:
    key = levers.get(base_fact(fact), {}).get("cost")
    return exact(costs[key]["value"]) if key and key in costs else None


def amounts_cost(amounts: dict, levers: dict, costs: dict) -> Decimal:
    return sum((amount * (price(fact, levers, costs) or 0) for (fact, _), amount in amounts.items()), Decimal(0))
