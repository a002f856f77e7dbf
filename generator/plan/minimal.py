"""The least-cost plan's last two passes, on the school rule and the 差异系数 limits together.

* take_back: every addition is lowered to the smallest amount (in whole steps) at which the
  county still passes — each school its own rule, every CV its limit — and the additions are
  gone over again until a whole round lowers nothing. So no plan holds an addition, or a unit of
  one, that can be taken back with the county still passing (a CV addition rounded up school by
  school, an item bought so that another may stay short and then raised by the CV anyway).
* exact_search: where the county is small, every combination of whole-unit additions to the
  facts in play (the levers of the items and CVs that fail, and of the plan) whose cost is below
  the plan's is tried, by branch and bound: each school's vectors that meet its own rule,
  cheapest first, pruned by the cost already spent plus the cheapest the other schools can do;
  a complete combination is kept when every CV is within its limit. When the search finishes
  the plan is proven least-cost under the cost model (rules/costs.yaml levers, a training beyond
  the untrained teachers being a hire); it declines (returns None) when a lever is not counted
  in whole units or the box is over MAX_SEARCH_COMBINATIONS combinations.

Both judge with one model: a school's facts with its additions made (resolve_teachers and
apply_amounts, as the plan writes them), its verdicts from generator.criteria.evaluate, and the
CVs with generator.criteria.measures.coefficient_of_variation, printed and compared as the
evaluation does. The plan's final verdict is still the evaluator's, on the facts applied.
"""
from __future__ import annotations

import itertools
from decimal import Decimal

from generator.criteria.evaluate import evaluate
from generator.criteria.indicators import coefficient_of_variation, is_excluded, school_parts
from generator.numbers import compare, exact, round_half_up
from generator.plan.items import step_of, amounts_cost, apply_amounts, price, resolve_teachers, scope

MAX_SEARCH_COMBINATIONS = 20_000       # combinations of whole units (across the schools) an exact search may try
MAX_SEARCH_SCHOOL_VECTORS = 1_500        # school vectors it may evaluate, all schools together (an evaluation each)
TAKE_BACK_ROUNDS = 4


class Judge:
    """Does the county pass with these additions? One school changed at a time, cached."""

    def __init__(self, schools: list, profile, levers: dict, costs: dict, county: bool, left_out: list,
                 engine: str = "native"):
        """left_out: per school, whether the evaluation leaves it out of the school rule (优质均衡: 民办, 教学点)."""
        self.schools, self.profile, self.levers, self.costs = schools, profile, levers, costs
        self.engine = engine
        monitoring = profile.monitoring
        self.split = monitoring["split"]
        self.cv_rule = profile.cv
        self.composite = self.cv_rule.composite
        self.indicators = monitoring["indicators"] if county else []
        self.excluded = list(left_out)                       # out of the school rule
        self.out_of_cv = [is_excluded(s, monitoring.get("exclude")) is not None if county else True
                          for s in schools]
        self._school_cache: dict = {}

    # ---------------------------------------------------------------- one school
    def applied(self, index: int, amounts: dict):
        school = self.schools[index]
        return apply_amounts(school, resolve_teachers(school, amounts, self.levers), self.levers) if amounts else school

    def cost(self, index: int, amounts: dict) -> Decimal:
        return amounts_cost(resolve_teachers(self.schools[index], amounts, self.levers), self.levers, self.costs)

    def school_passes(self, index: int, amounts: dict) -> bool:
        key = (index, tuple(sorted((k, v) for k, v in amounts.items() if v)))
        if key not in self._school_cache:
            if self.excluded[index]:
                self._school_cache[key] = True
            else:
                result = evaluate(self.applied(index, amounts), self.profile, self.engine)
                self._school_cache[key] = result.school.status == "pass"
        return self._school_cache[key]

    def raws(self, index: int, amounts: dict) -> dict:
        """(stage, indicator id) → (students, raw) of this school's parts, as the CV reads them."""
        if self.out_of_cv[index] or not self.indicators:
            return {}
        out = {}
        for part in school_parts(self.applied(index, amounts), self.split):
            for indicator in self.indicators:
                out[(part.part, indicator.id)] = (part.students, part.facts.get(indicator.of))
        return out

    # ---------------------------------------------------------------- the CVs
    def cv_within(self, rows: list) -> bool:
        """rows: each school's raws(); every CV within its limit (each alone, or the composite)."""
        series: dict = {}
        for raws in rows:
            for key, entry in raws.items():
                series.setdefault(key, []).append(entry)
        places, op = self.cv_rule.decimals, self.cv_rule.op
        printed: dict = {}
        for (stage, indicator), entries in series.items():
            if any(raw is None for _, raw in entries):
                return False
            cv = coefficient_of_variation(entries)
            if cv is None:
                return False
            printed.setdefault(stage, []).append(round_half_up(cv, places))
        for stage, values in printed.items():
            limit = exact(self.cv_rule.threshold[stage])
            if self.composite:
                if not compare(round_half_up(sum(values) / len(values), places), op, limit):
                    return False
            elif not all(compare(v, op, limit) for v in values):
                return False
        return True

    def passes(self, plan: list) -> bool:
        return all(self.school_passes(i, amounts) for i, amounts in enumerate(plan)) and \
            self.cv_within([self.raws(i, amounts) for i, amounts in enumerate(plan)])

    def total(self, plan: list) -> Decimal:
        return sum((self.cost(i, amounts) for i, amounts in enumerate(plan)), Decimal(0))


# -------------------------------------------------------------------- take back
def take_back(judge: Judge, plan: list, settled: set = frozenset()) -> list:
    """plan: per school {key: amount}. Each addition lowered to the least amount that still passes,
    dearest first, round after round until nothing moves. The plan must pass to begin with.
    settled: (school index, key) already known to be the least that passes (see _minimise), not tried."""
    plan = [dict(amounts) for amounts in plan]
    rows = [judge.raws(i, amounts) for i, amounts in enumerate(plan)]

    def passes_with(index, amounts):
        if not judge.school_passes(index, amounts):
            return False
        trial = list(rows)
        trial[index] = judge.raws(index, amounts)
        return judge.cv_within(trial)

    for _ in range(TAKE_BACK_ROUNDS):
        moved = False
        order = sorted(((i, key) for i, amounts in enumerate(plan) for key, amount in amounts.items()
                        if amount and (i, key) not in settled),
                       key=lambda ik: -(plan[ik[0]][ik[1]] * (price(ik[1][0], judge.levers, judge.costs) or 0)))
        for index, key in order:
            amount = plan[index][key]
            step = step_of(key[0], judge.levers)

            def ok(value, index=index, key=key):
                trial = dict(plan[index])
                trial[key] = value
                return passes_with(index, trial)
            if not ok(amount - step):
                continue
            low, high = Decimal(0), amount - step          # high passes; find the least that does
            if ok(low):
                high = low
            else:
                while high - low > step:                   # low fails, high passes
                    mid = low + ((high - low) / step / 2).to_integral_value() * step
                    if mid <= low:
                        mid = low + step
                    if mid >= high:
                        break
                    if ok(mid):
                        high = mid
                    else:
                        low = mid
            plan[index][key] = high
            rows[index] = judge.raws(index, plan[index])
            moved = True
        if not moved:
            break
    return [{k: v for k, v in amounts.items() if v} for amounts in plan]


def is_minimal(judge: Judge, plan: list) -> bool:
    """No addition can be lowered by one step with the county still passing."""
    for index, amounts in enumerate(plan):
        for key, amount in amounts.items():
            trial = list(plan)
            trial[index] = dict(amounts, **{key: amount - step_of(key[0], judge.levers)})
            trial[index] = {k: v for k, v in trial[index].items() if v}
            if judge.passes(trial):
                return False
    return True


# -------------------------------------------------------------------- exact search
def _keys_of(school, facts, split) -> list:
    keys = []
    for fact in facts:
        where = scope(school, fact, split)
        if where == "stage":
            keys += [(fact, part) for part in school.parts if part in ("primary", "junior")]
        else:
            keys.append((fact, None))
    return keys


def exact_search(judge: Judge, plan: list, facts: set) -> list | None:
    """The least-cost plan over whole-unit additions to `facts` (lever facts), proven by an exhaustive
    branch and bound below the cost of `plan` (a passing plan); None when the box is too large or a
    fact is not counted in whole units."""
    levers, costs = judge.levers, judge.costs
    facts = {fact for fact in facts if fact in levers}
    if any(step_of(fact, levers) != 1 or not price(fact, levers, costs) for fact in facts):
        return None
    best_total = judge.total(plan)
    vectors = []            # per school: [(cost, amounts, raws)] meeting its own rule, cheapest first
    box, evaluations = 1, 0
    for index, school in enumerate(judge.schools):
        if judge.excluded[index] and judge.out_of_cv[index]:
            vectors.append([(Decimal(0), {}, None)])
            continue
        keys = _keys_of(school, sorted(facts), judge.split)
        ranges, mine_box = [], 1
        for key in keys:
            unit = price(key[0], levers, costs)
            top = int(best_total // unit)
            ranges.append(range(top + 1))
            mine_box *= top + 1
        box *= mine_box
        evaluations += mine_box
        if box > MAX_SEARCH_COMBINATIONS or evaluations > MAX_SEARCH_SCHOOL_VECTORS:
            return None
        mine = []
        for combo in itertools.product(*ranges):
            amounts = {key: Decimal(n) for key, n in zip(keys, combo) if n}
            cost = judge.cost(index, amounts)
            if cost > best_total or not judge.school_passes(index, amounts):
                continue
            mine.append((cost, amounts, None))
        if not mine:
            return None
        mine.sort(key=lambda entry: (entry[0], sorted(entry[1].items())))
        vectors.append(mine)
    cheapest_rest = [Decimal(0)] * (len(vectors) + 1)
    for i in range(len(vectors) - 1, -1, -1):
        cheapest_rest[i] = cheapest_rest[i + 1] + vectors[i][0][0]
    raws_cache: dict = {}

    def raws(index, entry_index):
        if (index, entry_index) not in raws_cache:
            raws_cache[(index, entry_index)] = judge.raws(index, vectors[index][entry_index][1])
        return raws_cache[(index, entry_index)]

    best = None
    chosen: list = []

    def search(index, spent):
        nonlocal best, best_total
        if index == len(vectors):
            rows = [raws(i, e) for i, e in enumerate(chosen)]
            if judge.cv_within(rows) and (best is None or spent < best_total):
                best, best_total = [vectors[i][e][1] for i, e in enumerate(chosen)], spent
            return
        for entry_index, (cost, _, _) in enumerate(vectors[index]):
            bound = spent + cost + cheapest_rest[index + 1]
            if bound > best_total or (best is not None and bound >= best_total):
                break                                      # cheapest first: every later one costs more
            chosen.append(entry_index)
            search(index + 1, spent + cost)
            chosen.pop()

    search(0, Decimal(0))
    return best if best is not None else plan


def failing_facts(result, profile) -> set:
    """The lever facts in play: those of the items some school fails and of the CVs over their limit."""
    rules = {rule.id: rule for rule in profile.basic_rules}
    facts = set()
    entries = [result.school] if result.kind == "school" else result.schools
    for entry in entries:
        for part in entry.parts:
            for verdict in part.verdicts:
                rule = rules.get(verdict.rule)
                if verdict.status != "pass" and rule is not None and rule.of:
                    facts.add(rule.of)
    monitoring = profile.monitoring
    cv = profile.cv
    for stage, table in (result.cv or {}).items():
        limit = exact(cv.threshold[stage])
        over = [ind for ind in monitoring["indicators"]
                if table.get(ind.id) is None or not compare(exact(table[ind.id]), cv.op, limit)]
        if cv.composite:
            composite = table.get("composite")
            if composite is None or not compare(exact(composite), cv.op, limit):
                over = monitoring["indicators"]      # any indicator may be the one lowered
            else:
                over = []
        facts |= {ind.of for ind in over}
    return facts


def minimise(originals: list, left_out: list, county: bool, profile, levers, costs, result, amounts, reasons):
    """The exact search where it is small, then the take-back; (amounts, schools applied, proven).
    amounts / reasons: {"school": [per school {key: …}], "cv": [...]} of the plan so far."""
    judge = Judge(originals, profile, levers, costs, county=county, left_out=left_out)
    combined = []
    for index in range(len(originals)):
        mine = dict(amounts["school"][index])
        for key, amount in amounts["cv"][index].items():
            mine[key] = mine.get(key, Decimal(0)) + amount
        combined.append(mine)
    facts = failing_facts(result, profile) | {key[0] for mine in combined for key in mine}
    found = exact_search(judge, combined, facts)
    proven = found is not None
    # When every item must be met (no k of n) and a school has no CV addition, each of its additions is
    # already the least step after which an item passes (requirement, confirmed on the school): lowering
    # one fails that item, so the take-back need not try it (the search above tries everything).
    every_item = profile.pass_rule.min_met == "all"
    settled = set() if proven or not every_item else {
        (index, key) for index, mine in enumerate(combined) if not amounts["cv"][index] for key in mine}
    plan = take_back(judge, found if proven else combined, settled)
    # as written: a training beyond the teachers not yet counted is a hire (the cost judged above)
    plan = [resolve_teachers(originals[index], mine, levers) for index, mine in enumerate(plan)]
    new = {"school": [], "cv": []}
    for index, mine in enumerate(plan):
        school_part, cv_part = {}, {}
        for key, total in mine.items():
            own = min(amounts["school"][index].get(key, Decimal(0)), total)
            if own:
                school_part[key] = own
            if total - own:
                cv_part[key] = total - own
            if key not in reasons["school"][index] and key not in reasons["cv"][index]:
                kind = "school" if own else "cv"
                reasons[kind][index][key] = [f"学校标准与差异系数一并测算（{'精确搜索' if proven else '收回多余后'}）"]
        new["school"].append(school_part)
        new["cv"].append(cv_part)
    current = [judge.applied(index, mine) for index, mine in enumerate(plan)]
    return new, current, proven
