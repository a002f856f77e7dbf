"""The 差异系数 part of the least-cost plan, after every school meets its rule.

A CV can only be brought down here by raising schools, never by taking from one.

* Per indicator (monitoring.cv.composite false, 优质均衡): for a given amount raised, the
  student-weighted CV is smallest when the lowest schools are raised to a common level L
  (water-filling). The smallest L whose CV is within the limit is found by bisection, with
  the CV computed exactly in Decimal from prefix sums over the schools sorted by value; the
  additions are then rounded up to whole units and the CV is re-checked with
  generator.criteria.measures.coefficient_of_variation. Exact for the amount raised; the money is
  the lever's unit price times that amount (a spanning school pays for the whole total of
  which its part gets its share, which water-filling does not weigh — said in README).
* Composite (basic 2012: the mean of the eight printed CVs): greedily, each round lowers the
  one indicator whose next water-filling step buys the most CV reduction per yuan. A
  heuristic: it is not proven cheapest.

One model of what an addition does: after every commitment the school's facts are rebuilt with
generator.plan.items.resolve_teachers and apply_amounts (the same functions that write the plan
and the applied file), and every series of that school is re-read from them. So a hire counts
in 师生比 and, hired above the required degree (the lever's `also`), in the above-degree count; a
training beyond the teachers not yet counted is a hire; an addition to a spanning school's
total raises each 学段 by its share. Water-filling one series may therefore move another (a
hire raises M7 at the school where M6 was low), so the rounds repeat, re-checking every series
from the rebuilt facts, until a whole round adds nothing; a series whose lever also moves
others (hiring) is planned first in its 学段, so its side effects are known before the others.
If the rounds run out while still adding, the plan says so instead of claiming the limits.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from decimal import Decimal

from generator.model import schema
from generator.criteria.indicators import is_excluded, school_parts, split_shares
from generator.criteria.rule_model import Indicator
from generator.criteria.measures import coefficient_of_variation
from generator.plan.items import round_up, step_of, apply_amounts, price, resolve_teachers, scope
from generator.numbers import compare, exact, ratio, round_half_up
from generator.i18n import RELATION_WORDS, status_word

BISECTIONS = 60
ROUNDS = 20


@dataclass
class Entry:
    school: int            # index in the county's school list
    part: str
    students: int


@dataclass
class Series:
    """One indicator's per-part raw totals over the included schools of one 学段."""
    stage: str
    indicator: Indicator
    entries: list
    raws: list
    position: dict = field(default_factory=dict)

    def cv(self) -> Decimal | None:
        return coefficient_of_variation([(e.students, r) for e, r in zip(self.entries, self.raws)])


@dataclass
class CvPlan:
    amounts: dict = field(default_factory=dict)     # school index -> {(fact, part|None): amount}
    reasons: dict = field(default_factory=dict)     # (school index, key) -> [reason]
    problems: list = field(default_factory=list)    # impossible targets, in words
    exact: list = field(default_factory=list)       # which series were planned exactly
    heuristic: list = field(default_factory=list)


class Planner:
    def __init__(self, schools: list, profile, levers: dict, costs: dict, scope, step, price):
        self.schools = schools
        self.profile = profile
        self.levers = levers
        self.costs = costs
        self.scope, self.step, self.price = scope, step, price
        monitoring = profile.monitoring
        self.split = monitoring["split"]
        self.cv_rule = profile.cv
        self.places = self.cv_rule.decimals
        self.composite = self.cv_rule.composite
        self.plan = CvPlan()
        self.shares = {}
        self.series: dict = {}
        for index, school in enumerate(schools):
            if is_excluded(school, monitoring.get("exclude")):
                continue
            if len(school.parts) > 1:
                self.shares[index] = split_shares(school, self.split["weights"])
            for part in school_parts(school, self.split):
                for indicator in monitoring["indicators"]:
                    series = self.series.setdefault((part.part, indicator.id),
                                                    Series(part.part, indicator, [], []))
                    series.entries.append(Entry(index, part.part, part.students))
                    raw = part.facts.get(indicator.of)
                    series.raws.append(exact(raw) if raw is not None else None)
        for series in self.series.values():
            series.position = {(e.school, e.part): i for i, e in enumerate(series.entries)}

    # ------------------------------------------------------------ targets
    def limit(self, stage) -> Decimal:
        return exact(self.cv_rule.threshold[stage])

    def printed(self, cv: Decimal) -> Decimal:
        return round_half_up(cv, self.places)

    def within(self, cv: Decimal | None, limit: Decimal) -> bool:
        return cv is not None and compare(self.printed(cv), self.cv_rule.op, limit)

    def stages(self):
        return sorted({stage for stage, _ in self.series}, key=["primary", "junior"].index)

    def stage_series(self, stage):
        return [s for (st, _), s in self.series.items() if st == stage]

    # ------------------------------------------------------------ water-filling
    def fill(self, series: Series, ok) -> tuple[dict, Decimal] | None:
        """The additions (school index → {key: amount}) of the smallest water level whose
        rounded-up additions make ok(cv) true, and their cost; None if no level does."""
        points = [(ratio(r, e.students), e.students, i) for i, (e, r) in enumerate(zip(series.entries, series.raws))
                  if e.students]
        if not points:
            return None
        points.sort()
        values = [v for v, _, _ in points]
        population = sum(Decimal(p) for _, p, _ in points)
        # suffix sums over the schools at or above position k (they keep their value)
        suffix1, suffix2, below = [Decimal(0)] * (len(points) + 1), [Decimal(0)] * (len(points) + 1), \
            [Decimal(0)] * (len(points) + 1)
        for k in range(len(points) - 1, -1, -1):
            v, p, _ = points[k]
            suffix1[k] = suffix1[k + 1] + p * v
            suffix2[k] = suffix2[k + 1] + p * v * v
        for k in range(len(points)):
            below[k + 1] = below[k] + points[k][1]

        def cv_at(level):
            k = bisect.bisect_left(values, level)
            mean = (below[k] * level + suffix1[k]) / population
            if mean <= 0:
                return None
            variance = (below[k] * level * level + suffix2[k]) / population - mean * mean
            return max(variance, Decimal(0)).sqrt() / mean

        if ok(series.cv()):
            return {}, Decimal(0)
        low, high = values[0], values[-1]
        if not ok(cv_at(high)):
            return None
        for _ in range(BISECTIONS):
            mid = (low + high) / 2
            if ok(cv_at(mid)):
                high = mid
            else:
                low = mid
        level = high
        for attempt in range(12):
            adds = self._additions(series, points, level)
            trial = self._trial_raws(series, adds)
            cv = coefficient_of_variation([(e.students, r) for e, r in zip(series.entries, trial)])
            if ok(cv):
                return adds, self._cost(adds)
            # whole units overshot or undershot at the margin: raise the level a little
            level = level + (values[-1] - level) / (2 ** (10 - min(attempt, 9)))
        return None

    def _additions(self, series: Series, points, level) -> dict:
        fact = series.indicator.of
        adds: dict = {}
        for value, students, i in points:
            if value >= level:
                break
            entry = series.entries[i]
            school = self.schools[entry.school]
            need = (level - value) * students
            where = self.scope(school, fact, self.split)
            if where == "split":
                need = need / self.shares[entry.school][entry.part]
            key = (fact, entry.part if where == "stage" else None)
            amount = round_up(need, self.step(fact, self.levers))
            adds.setdefault(entry.school, {})[key] = amount
        return adds

    def _effects(self, school_index: int, key, amount):
        """(stage, part raw increase) of adding `amount` to a school's fact."""
        fact, part = key
        school = self.schools[school_index]
        where = self.scope(school, fact, self.split)
        for stage in school.parts:
            if where == "stage" and stage != part:
                continue
            share = self.shares[school_index][stage] if where == "split" else Decimal(1)
            yield stage, amount * share

    def _trial_raws(self, series: Series, adds: dict) -> list:
        raws = list(series.raws)
        position = series.position
        for school_index, keys in adds.items():
            for key, amount in keys.items():
                for stage, increase in self._effects(school_index, key, amount):
                    if stage == series.stage and (school_index, stage) in position:
                        raws[position[(school_index, stage)]] += increase
        return raws

    def _cost(self, adds: dict) -> Decimal:
        return sum((amount * (self.price(fact, self.levers, self.costs) or 0)
                    for keys in adds.values() for (fact, _), amount in keys.items()), Decimal(0))

    def commit(self, adds: dict, reason: str):
        for school_index, keys in adds.items():
            mine = self.plan.amounts.setdefault(school_index, {})
            for key, amount in keys.items():
                if not amount:
                    continue
                mine[key] = mine.get(key, Decimal(0)) + amount
                reasons = self.plan.reasons.setdefault((school_index, key), [])
                if reason not in reasons:
                    reasons.append(reason)
            self.refresh(school_index)

    def applied(self, school_index: int):
        """The school with every CV addition so far, as the plan will write it."""
        school = self.schools[school_index]
        amounts = self.plan.amounts.get(school_index)
        if not amounts:
            return school
        return apply_amounts(school, resolve_teachers(school, amounts, self.levers), self.levers)

    def refresh(self, school_index: int):
        """Re-read every series value of this school from its facts with the additions made:
        a hire moves the above-degree count too, a training beyond the untrained is a hire."""
        for part in school_parts(self.applied(school_index), self.split):
            for indicator in self.profile.monitoring["indicators"]:
                series = self.series.get((part.part, indicator.id))
                i = series.position.get((school_index, part.part)) if series else None
                if i is not None:
                    raw = part.facts.get(indicator.of)
                    series.raws[i] = exact(raw) if raw is not None else None

    # ------------------------------------------------------------ the two modes
    def run(self) -> CvPlan:
        for series in self.series.values():
            if any(r is None for r in series.raws):
                missing = schema.label_of(series.indicator.of)
                problem = f"{schema.PART_LABELS[series.stage]}差异系数缺少数据：{missing}"
                if problem not in self.plan.problems:
                    self.plan.problems.append(problem)
        if self.plan.problems:
            return self.plan
        for _ in range(ROUNDS):
            changed = False
            for stage in self.stages():
                changed |= self._per_indicator(stage) if not self.composite else self._composite(stage)
            if not changed or self.plan.problems:
                return self.plan
        # Every round added something: the last additions have not been re-checked by a round.
        for stage in self.stages():
            if not self.holds(stage):
                self.plan.problems.append(f"{schema.PART_LABELS[stage]}差异系数：经{ROUNDS}轮增加后复核仍未全部{status_word('pass')}")
        return self.plan

    def holds(self, stage) -> bool:
        """Every CV of the 学段 within its limit (the composite, or each alone), on the facts now."""
        limit = self.limit(stage)
        series_list = self.stage_series(stage)
        if not self.composite:
            return all(self.within(s.cv(), limit) for s in series_list)
        values = [s.cv() for s in series_list]
        if any(v is None for v in values):
            return False
        composite = self.printed(sum(self.printed(v) for v in values) / len(values))
        return compare(composite, self.cv_rule.op, limit)

    def _name(self, series: Series) -> str:
        ind = series.indicator
        return f"{ind.id} {ind.name}差异系数（{schema.PART_LABELS[series.stage]}）"

    def _per_indicator(self, stage) -> bool:
        limit = self.limit(stage)
        changed = False
        # A lever that also adds to other facts (a hire is above the required degree) goes first.
        ordered = sorted(self.stage_series(stage), key=lambda s: not self.levers.get(s.indicator.of, {}).get("also"))
        for series in ordered:
            if self.within(series.cv(), limit):
                continue
            result = self.fill(series, lambda cv: self.within(cv, limit))
            name = self._name(series)
            if result is None:
                self.plan.problems.append(self._impossible(series, name, limit))
                continue
            self.commit(result[0], name + self.bound(limit))
            if name not in self.plan.exact:
                self.plan.exact.append(name)
            changed = True
        return changed

    def bound(self, limit) -> str:
        """不高于0.65: the CV rule's relation in words (the one table every standard is worded with, in i18n)."""
        return f"{RELATION_WORDS.get(self.cv_rule.op, self.cv_rule.op)}{limit}"

    def _impossible(self, series: Series, name: str, limit) -> str:
        best = self.fill(series, lambda cv: cv is not None and cv <= 0)
        reach = "0"
        cost = ""
        if best is not None:
            cv = coefficient_of_variation([(e.students, r) for e, r in
                                           zip(series.entries, self._trial_raws(series, best[0]))])
            reach = str(self.printed(cv)) if cv is not None else "—"
            cost = f"，需约{round_half_up(best[1] / 10000, 2)}万元"
        now = series.cv()
        return (f"{name}为{self.printed(now) if now is not None else '—'}，标准{self.bound(limit)}："
                f"差异系数只能靠提高低值学校降低，高值学校不能调低；把各校都提高到最高学校的水平，"
                f"最好也只能达到{reach}{cost}")

    def _composite(self, stage) -> bool:
        limit = self.limit(stage)
        series_list = self.stage_series(stage)
        changed = False
        for _ in range(400):
            printed = {id(s): self.printed(s.cv()) if s.cv() is not None else None for s in series_list}
            if any(v is None for v in printed.values()):
                self.plan.problems.append(f"{schema.PART_LABELS[stage]}综合差异系数无法计算（平均值为0）")
                return changed
            composite = self.printed(sum(printed.values()) / len(series_list))
            if compare(composite, self.cv_rule.op, limit):
                return changed
            needed = sum(printed.values()) - limit * len(series_list)
            step = max(Decimal("0.001"), round_half_up(needed / 4, 3))
            best = None
            for series in series_list:
                current = printed[id(series)]
                if current <= 0:
                    continue
                target = max(current - step, Decimal(0))
                result = self.fill(series, lambda cv, t=target: self.within(cv, t))
                if result is None:
                    continue
                adds, cost = result
                trial = coefficient_of_variation([(e.students, r) for e, r in
                                                  zip(series.entries, self._trial_raws(series, adds))])
                gained = current - self.printed(trial)
                if gained <= 0:
                    continue
                ratio = cost / gained
                if best is None or ratio < best[0]:
                    best = (ratio, series, adds)
            if best is None:
                self.plan.problems.append(
                    f"{schema.PART_LABELS[stage]}综合差异系数为{composite}，标准{self.bound(limit)}："
                    f"差异系数只能靠提高低值学校降低，已无可再降的指标")
                return changed
            _, series, adds = best
            name = f"{schema.PART_LABELS[stage]}综合差异系数（经{series.indicator.id}）"
            self.commit(adds, name + self.bound(limit))
            label = f"{schema.PART_LABELS[stage]}综合差异系数"
            if label not in self.plan.heuristic:
                self.plan.heuristic.append(label)
            changed = True
        return changed


def plan_cv(schools: list, profile, levers: dict, costs: dict) -> CvPlan:
    return Planner(schools, profile, levers, costs, scope, step_of, price).run()
