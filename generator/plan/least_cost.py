"""Least-cost plan: the cheapest additions after which every school meets the
profile's school rule and every 差异系数 is within its limit.

Two parts, in this order:

1. Schools (exact). For each school, every way of choosing which items to leave unmet that
   the pass rule allows (`min_met` k of n, `max_failed`, and `failed_floor`: a left item
   must still reach that share of its standard) is tried, and the cheapest is kept. An
   item's requirement is found with the measures of generator.criteria.indicators (the deficit of
   measure_rule as a first guess) and confirmed on the school with the addition applied, so
   the amount is the smallest whole step (1 for things counted, 0.01 for ㎡ and 元) after
   which that item passes. A spanning school's facility totals are split between its 学段 by
   the profile's weights: an addition X to the total gives each part share·X, so the total
   must satisfy the neediest part. Teachers are hired where a count is short; a teacher is
   trained or promoted (degree, 骨干, title) only while some teacher is not yet counted in
   that fact, beyond which a teacher is hired. Exact under the stated cost model and the
   assumption that hiring costs at least as much as training (the default prices).
2. 差异系数 (generator.plan.cv): per indicator by water-filling (the least amount raised, before
   whole units); the composite mean of eight greedily (a heuristic).
3. Together (generator.plan.minimal): where the county is small and every lever in play is counted
   in whole units, an exhaustive branch and bound over the school rule and the CV limits together
   replaces the plan by a proven least-cost one; then every addition is taken back to the least
   amount at which the county still passes. Only a plan the search proved is called 精确 (exact).

Every plan is verified by re-running generator.criteria.evaluate on the facts with the additions
applied; a plan that does not pass is never reported as reaching the target.
"""
from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from generator.model import schema
from generator.criteria.evaluate import evaluate
from generator.criteria.indicators import school_parts
from generator.plan.items import (MissingData, Unplannable, applicable_standard, base_fact, amounts_cost, apply_amounts,  # noqa: F401
                                  load_levers, price, requirement, resolve_teachers, scope, unit_of)
from generator.i18n import status_word
from generator.numbers import doc_percent, exact, plain, round_half_up
from generator.plan.cv import plan_cv


@dataclass
class Addition:
    school: str
    stage: str | None          # the 学段 for a per-学段 count (teachers); None for the whole school
    fact: str                  # a fact key; labs.<type> for one laboratory of that type
    amount: Decimal
    unit: str
    cost_yuan: Decimal | None  # None: a measure without a price
    reason: str
    cost_key: str | None = None
    part: str = "school"       # school | cv

    def to_json(self) -> dict:
        data = {"school": self.school, "stage": self.stage, "fact": self.fact.split(".")[0],
                "amount": plain(self.amount), "unit": self.unit,
                "cost_yuan": plain(self.cost_yuan) if self.cost_yuan is not None else None,
                "reason": self.reason}
        if self.fact.startswith("labs."):
            data["lab"] = self.fact.split(".", 1)[1]
        return data


@dataclass
class SchoolPlan:
    school: object
    amounts: dict = field(default_factory=dict)   # (fact, part|None) -> Decimal
    reasons: dict = field(default_factory=dict)   # (fact, part|None) -> [reason]
    left: list = field(default_factory=list)      # (part, rule id) left unmet at the floor
    missing: list = field(default_factory=list)   # (item, [fact labels]): items that cannot be measured
    problem: str | None = None                    # why the school cannot be planned


# ---------------------------------------------------------------- one school
def _name(rule, part_name: str, spanning: bool) -> str:
    """K3 生均图书册数, with the 学段 of a spanning school: K3 生均图书册数（初中）."""
    text = f"{rule.id} {rule.name}"
    return text + f"（{schema.PART_LABELS[part_name]}）" if spanning else text


def _label(rule, part_name: str, spanning: bool, floor, left: bool) -> str:
    text = _name(rule, part_name, spanning)
    if left:
        return text + f"：按规则可不{status_word('pass')}，补到标准的{doc_percent(floor)}"
    return text + status_word("pass")


def _merge(into: dict, adds: dict) -> None:
    for key, amount in adds.items():
        if amount > into.get(key, Decimal(0)):
            into[key] = amount


def plan_school(school, profile, levers: dict, costs: dict) -> SchoolPlan:
    split = profile.monitoring["split"]
    pass_rule = profile.pass_rule
    floor = exact(pass_rule.failed_floor) if pass_rule.failed_floor is not None else None
    spanning = len(school.parts) > 1
    plan = SchoolPlan(school=school)
    options = []        # per part: list of (leave set, targets)
    for part in school_parts(school, split):
        rules = [r for r in profile.basic_rules if applicable_standard(r, part) is not None]
        full, hard, unknown = {}, [], []
        for rule in rules:
            try:
                full[rule.id] = requirement(school, rule, part.part, None, levers, split, part)
            except MissingData as why:
                unknown.append(rule)
                plan.missing.append((_name(rule, part.part, spanning), why.facts))
            except Unplannable as why:
                hard.append((rule, str(why)))
        min_met = pass_rule.min_met
        may_leave = 0 if min_met == "all" else len(rules) - min(int(min_met), len(rules))
        if pass_rule.max_failed is not None:
            may_leave = min(may_leave, int(pass_rule.max_failed))
        forced = [rule for rule, _ in hard]
        if len(forced) > may_leave:
            rule, why = hard[0]
            plan.problem = f"{_name(rule, part.part, spanning)}：{why}"
            return plan
        # An item that cannot be measured is counted as unmet (what its fact will show is not known):
        # the other items are planned so that the school passes whatever it turns out to be, as long
        # as a left item's floor holds; when the allowance is used up, every other item is planned in full.
        rules = [r for r in rules if r not in unknown]
        spare = max(may_leave - len(forced) - len(unknown), 0)
        costly = [r for r in rules if full.get(r.id)]
        choices = []
        for size in range(0, spare + 1):
            for extra in itertools.combinations(costly, size):
                leave = forced + list(extra)
                targets = {}
                try:
                    for rule in rules:
                        if rule in leave:
                            adds = {} if floor is None else requirement(school, rule, part.part, floor, levers,
                                                                        split, part)
                        else:
                            adds = full[rule.id]
                        targets[rule.id] = (rule, adds, rule in leave)
                except Unplannable:
                    continue
                choices.append(targets)
        if not choices:
            rule, why = hard[0] if hard else (rules[0], "无法达到")
            plan.problem = f"{_name(rule, part.part, spanning)}：{why}"
            return plan
        options.append((part.part, choices))

    part_names = [p for p, _ in options]
    hiring = {fact for fact, lever in levers.items() if lever.get("also")}
    memo: dict = {}
    best = None
    for combo in itertools.product(*(choices for _, choices in options)):
        # Hires first (a hire also adds to the facts in its lever's `also`), then every other
        # item's requirement on the school with those hires: a hired teacher above the required
        # degree may make a training unnecessary.
        hires: dict = {}
        for targets in combo:
            for rule, adds, _ in targets.values():
                if rule.of in hiring:
                    _merge(hires, adds)
        trial = apply_amounts(school, hires, levers) if hires else school
        signature = tuple(sorted(hires.items()))
        settled, amounts = [], dict(hires)
        for part_name, targets in zip(part_names, combo):
            mine = {}
            for rule_id, (rule, adds, left) in targets.items():
                if hires and rule.of not in hiring and (adds or rule.per == "teachers"):
                    memo_key = (rule_id, part_name, left, signature)
                    if memo_key not in memo:
                        memo[memo_key] = {} if left and floor is None else requirement(
                            trial, rule, part_name, floor if left else None, levers, split)
                    adds = memo[memo_key]
                mine[rule_id] = (rule, dict(adds), left)
                _merge(amounts, adds)
            settled.append(mine)
        unpriced = sum(1 for (fact, _), amount in amounts.items() if amount and price(fact, levers, costs) is None)
        key = (amounts_cost(resolve_teachers(school, amounts, levers), levers, costs), unpriced,
               sum(len(t) for t in combo))
        if best is None or key < best[0]:
            best = (key, settled, amounts)
    _, combo, amounts = best
    amounts = _settle(school, profile, combo, part_names, amounts, levers, floor)
    plan.amounts = {k: v for k, v in amounts.items() if v}
    for part_name, targets in zip(part_names, combo):
        for rule, adds, left in targets.values():
            if left:
                plan.left.append((part_name, rule.id))
            for key, amount in adds.items():
                if amount:
                    plan.reasons.setdefault(key, []).append(_label(rule, part_name, spanning, floor, left))
    for key in plan.amounts:
        if key not in plan.reasons and key[0] == "teachers":
            plan.reasons[key] = ["培训名额不足，需新聘教师"]
    return plan


def _settle(school, profile, combo, part_names, amounts, levers, floor) -> dict:
    """Apply, re-measure every target, add what a coupled fact still needs (a hire raises the
    teachers an above-degree share is taken of); a few rounds at most."""
    split = profile.monitoring["split"]
    for _ in range(5):
        resolved = resolve_teachers(school, amounts, levers)
        trial = apply_amounts(school, resolved, levers)
        short = False
        for part_name, targets in zip(part_names, combo):
            for rule, adds, left in targets.values():
                if left and floor is None:
                    continue
                more = requirement(trial, rule, part_name, floor if left else None, levers, split)
                for key, amount in more.items():
                    if amount:
                        amounts[key] = amounts.get(key, Decimal(0)) + amount
                        adds[key] = adds.get(key, Decimal(0)) + amount
                        short = True
        if not short:
            return resolved
    return resolve_teachers(school, amounts, levers)


# ---------------------------------------------------------------- the whole plan
@dataclass
class LeastCostPlan:
    subject: object
    after: object
    additions: list
    total: Decimal
    cv_before: dict
    cv_after: dict
    problems: list
    missing: list              # {school, item, facts}: counted as unmet in the plan; to be supplied, then re-checked
    exact: list
    heuristic: list
    left: list                 # (school, stage, rule id) left unmet at the floor
    verified: bool
    result_after: object           # the Evaluation of the facts with the additions made
    settled: bool = False          # as far as additions go: what is left undecided is only the missing facts
    cv_decimals: int | None = None    # how 差异系数 are printed: the profile's monitoring cv.decimals
    # rule and indicator id → name: documents say the name only (ids stay in the terminal and JSON)
    names: dict = field(default_factory=dict)

    @property
    def reached(self) -> bool:
        return self.verified and not self.problems

    def to_json(self) -> dict:
        return {"subject": {"kind": self.subject.kind, "name": self.subject.name},
                "additions": [a.to_json() for a in self.additions],
                "total_cost_yuan": plain(self.total),
                "cv_before": self.cv_before, "cv_after": self.cv_after,
                "exact": self.exact, "heuristic": self.heuristic,
                "left_unmet": [{"school": s, "stage": st, "rule": r} for s, st, r in self.left],
                "problems": self.problems, "missing": self.missing, "reached": self.reached}


# How the plan was found. 精确 (exact) is said only of a plan the exhaustive search proved least-cost;
# otherwise the plan says what each step does and that the whole is not proven the cheapest.
EXACT_SEARCH = ("全县（学校标准与差异系数一并）：按整数单位穷举所涉各项增加量的全部组合（分支定界），"
                "证明没有更省的方案（精确，按本测算的单价和措施）")
EXACT_SCHOOLS = f"各校达标所需增加量：逐校枚举可不{status_word('pass')}项的全部组合，取该校费用最低者（单校最省）"
EXACT_CV = "逐项差异系数：注水法（先提高最低的学校）找到达标所需的最低水位，按整数单位取整后复核"
HEURISTIC_CV = "综合差异系数（8项平均）：每轮选每元降幅最大的一项指标（贪心，不保证最省）"
TAKE_BACK = (f"收回多余：逐项把增加量减到仍能全部{status_word('pass')}的最小值，直到任何一项再减一个单位都不能全部"
             f"{status_word('pass')}；全县合计未经穷举证明最省")


def _cv_table(result) -> dict:
    return {stage: {k: v for k, v in table.items() if k not in ("schools", "students")}
            for stage, table in result.cv.items()}


def cv_within(result) -> bool:
    """Every CV within its limit, as the evaluation decided: the composite verdicts, or each indicator alone."""
    return all(verdict.status in ("pass", "n/a") for condition in result.conditions if condition.by_stage
               for verdict in condition.verdicts)


def _school_results(subject, result):
    """(school, nothing to add) for every school of the file, in file order. A school the profile leaves
    out (优质均衡: 教学点, 民办, 特教) has nothing to add, and stays in the facts written with --apply."""
    entries = [result.school] if subject.kind == "school" else result.schools
    return [(entry.school, entry.excluded is not None or entry.status == "pass") for entry in entries]


PLAN_ROUNDS = 3


def _merge_reasons(into: dict, reasons: dict) -> None:
    for key, words in reasons.items():
        mine = into.setdefault(key, [])
        mine += [w for w in words if w not in mine]


def least_cost_plan(subject, profile, costs: dict, result=None, engine: str = "auto") -> LeastCostPlan:
    """The plan for a school or a county, verified on the facts with the additions applied.

    Each round plans the schools that fail on the facts as they are now (the first round: as
    given), then the CVs on the facts with those additions made, then evaluates everything
    applied. A CV addition can change a school's own items (a hire changes a share of
    teachers), so while the re-check fails and nothing is known to be impossible, another
    round plans on top of the facts so far. Success is only ever the re-check's verdict."""
    levers = load_levers()
    result = result if result is not None else evaluate(subject, profile, engine)
    check = result
    current = [apply_amounts(school, {}, levers) for school, _ in _school_results(subject, result)]
    amounts = {"school": [{} for _ in current], "cv": [{} for _ in current]}
    reasons = {"school": [{} for _ in current], "cv": [{} for _ in current]}
    left_of = [[] for _ in current]
    missing_of = [[] for _ in current]     # per school: the items that cannot be measured (latest plan)
    problems, exact_cv, heuristic_cv = [], [], []
    planned_schools = False
    after, result_after, verified = subject, result, False
    for _ in range(PLAN_ROUNDS):
        for index, (_, passed) in enumerate(_school_results(after, check)):
            if passed:
                continue
            school = current[index]
            plan = plan_school(school, profile, levers, costs)
            missing_of[index] = plan.missing
            if plan.problem:
                problems.append(f"{school.name}：{plan.problem}")
                continue
            planned_schools |= bool(plan.amounts or plan.left)
            left_of[index] = plan.left          # the latest plan decides what is left, on the facts now
            for key, amount in plan.amounts.items():
                amounts["school"][index][key] = amounts["school"][index].get(key, Decimal(0)) + amount
            _merge_reasons(reasons["school"][index], plan.reasons)
            current[index] = apply_amounts(school, plan.amounts, levers)
        if subject.kind == "county" and not problems:
            cv_plan = plan_cv(current, profile, levers, costs)
            problems += cv_plan.problems
            exact_cv += [name for name in cv_plan.exact if name not in exact_cv]
            heuristic_cv += [name for name in cv_plan.heuristic if name not in heuristic_cv]
            for index, planned in cv_plan.amounts.items():
                resolved = resolve_teachers(current[index], planned, levers)
                for key, amount in resolved.items():
                    amounts["cv"][index][key] = amounts["cv"][index].get(key, Decimal(0)) + amount
                _merge_reasons(reasons["cv"][index],
                               {key: cv_plan.reasons.get((index, key), ["差异系数：培训名额不足，需新聘教师"])
                                for key in resolved})
                current[index] = apply_amounts(current[index], resolved, levers)
        if subject.kind == "county":
            after = copy.copy(subject)
            after.schools = list(current)
        else:
            after = current[0]
        result_after = check = evaluate(after, profile, engine)
        passes = [passed for _, passed in _school_results(after, result_after)]
        verified = all(passes)
        # planned as far as additions go: a school still undecided only for the facts named missing
        entries = [result_after.school] if after.kind == "school" else result_after.schools
        settled = all(passed or (missing_of[index] and entry.status == "missing")
                      for index, (passed, entry) in enumerate(zip(passes, entries)))
        if subject.kind == "county":
            verified = verified and cv_within(result_after)
            settled = settled and cv_within(result_after)
        if settled or problems:
            break
    proven = False
    if verified and not problems:
        from generator.plan.minimal import minimise

        entries = [result.school] if subject.kind == "school" else result.schools
        amounts, current, proven = minimise([school for school, _ in _school_results(subject, result)],
                                            [entry.excluded is not None for entry in entries],
                                            subject.kind == "county", profile, levers, costs, result, amounts,
                                            reasons)
        after = copy.copy(subject) if subject.kind == "county" else current[0]
        if subject.kind == "county":
            after.schools = list(current)
        result_after = evaluate(after, profile, engine)
        passes = [passed for _, passed in _school_results(after, result_after)]
        verified = settled = all(passes) and (subject.kind != "county" or cv_within(result_after))
    additions = []
    for index, school in enumerate(current):
        for kind in ("school", "cv"):
            additions += _additions(school, amounts[kind][index], reasons[kind][index], levers, costs, kind)
    left = [(school.name, part, rule) for school, mine in zip(current, left_of) for part, rule in mine]
    exact_parts, heuristic = [], []
    if proven:
        if additions:               # nothing to add needs no method
            exact_parts.append(EXACT_SEARCH)
    else:
        heuristic += [EXACT_SCHOOLS] if planned_schools else []
        if exact_cv:
            heuristic.append(EXACT_CV + "：" + "、".join(exact_cv))
        if heuristic_cv:
            heuristic.append(HEURISTIC_CV + "：" + "、".join(heuristic_cv))
        if verified and (planned_schools or exact_cv or heuristic_cv):
            heuristic.append(TAKE_BACK)
    if not settled and not problems:
        problems.append(f"按测算增加后复核仍未全部{status_word('pass')}（请报告此问题）")
    total = sum((a.cost_yuan for a in additions if a.cost_yuan is not None), Decimal(0))
    return LeastCostPlan(subject=subject, after=after, additions=additions, total=total,
                         cv_before=_cv_table(result), cv_after=_cv_table(result_after),
                         problems=problems, missing=[{"school": school.name, "item": item, "facts": facts}
                                                     for school, mine in zip(current, missing_of)
                                                     for item, facts in mine],
                         exact=exact_parts, heuristic=heuristic, left=left,
                         verified=verified, result_after=result_after, settled=settled and not problems,
                         cv_decimals=profile.cv.decimals,
                         names={**{i.id: i.name for i in profile.monitoring["indicators"]},
                                **{r.id: r.name for r in profile.basic_rules}})


def _additions(school, amounts: dict, reasons: dict, levers, costs, part_kind) -> list:
    out = []
    single = school.parts[0] if len(school.parts) == 1 else None
    for key in sorted(amounts, key=lambda k: (k[0], k[1] or "")):
        amount = amounts[key]
        if not amount:
            continue
        fact, part = key
        unit_price = price(fact, levers, costs)
        cost = round_half_up(amount * unit_price, 2) if unit_price is not None else None
        out.append(Addition(school=school.name, stage=part or single, fact=fact, amount=amount,
                            unit=unit_of(fact, levers), cost_yuan=cost,
                            reason="；".join(reasons.get(key, [])), cost_key=levers.get(base_fact(fact), {}).get("cost"),
                            part=part_kind))
    return out

