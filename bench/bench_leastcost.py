"""Benchmark `plan --least-cost`: generated counties of 300 and 20,000 schools.

    python bench/bench_leastcost.py                  # 300 (target < 2 s) and 20,000 (target < 60 s)
    python bench/bench_leastcost.py --sizes 300
    python bench/bench_leastcost.py --tiny           # one 12-school county (what the test suite runs)

Prints, in one run and per size: the least-cost plan's time, total, number of additions and
whether it is proven least-cost; the baseline in the same run — the naive full-standard plan
(every failed item of every failing school bought to its standard, then the CV water-filling
on top), applied and re-checked so that it passes too — with its time, total and whether it
passes; the saving only when both pass; and the time of the re-check alone. Schools come from bench_check's generator (basic-2012), with
some low-resourced schools so that items fail.
"""
from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_check import GOVERNMENT, make_school_facts  # noqa: E402
from generator.criteria.evaluate import evaluate  # noqa: E402
from generator.model.checker import Checker  # noqa: E402
from generator.plan.least_cost import least_cost_plan, load_levers  # noqa: E402
from generator.criteria.profiles import load_profile  # noqa: E402
from generator.io.costs_file import load_costs  # noqa: E402


def make_county(size: int, seed: int = 15):
    rng = random.Random(seed)
    schools = []
    for index in range(size):
        data = make_school_facts(rng, index)
        data["retention_rate"] = 0.995
        if rng.random() < 0.2:          # a weak school: books and sports short
            data["books"] = int(data["books"] * 0.5)
            data["sports_area_m2"] = round(data["sports_area_m2"] * 0.6, 1)
        schools.append(data)
    checker = Checker(Path("bench.yaml"))
    county = checker.top({"kind": "county", "name": "基准县", "schools": schools, "government": dict(GOVERNMENT)})
    assert not checker.errors, checker.errors[:3]
    return county


def naive_plan(county, profile, costs, levers):
    """The baseline, made to pass: every failed item of every failing school bought to its full
    standard (no item left unmet at its floor, the smallest whole steps that meet each), then the
    CV water-filling on top; applied and re-evaluated. (total, passes when applied)."""
    from generator.criteria.indicators import school_parts
    from generator.plan.cv import plan_cv
    from generator.plan.items import MissingData, Unplannable, amounts_cost, apply_amounts, requirement, \
        resolve_teachers
    from generator.plan.least_cost import cv_within

    result = evaluate(county, profile)
    rules = {r.id: r for r in profile.basic_rules}
    split = profile.monitoring["split"]
    schools, total = [], Decimal(0)
    for entry in result.schools:
        school, amounts = entry.school, {}
        if entry.excluded is None and entry.status != "pass":
            parts = {p.part: p for p in school_parts(school, split)}
            for part in entry.parts:
                for verdict in part.verdicts:
                    if verdict.status != "fail":
                        continue
                    try:
                        adds = requirement(school, rules[verdict.rule], part.part.part, None, levers, split,
                                           parts[part.part.part])
                    except (MissingData, Unplannable):
                        continue
                    for key, amount in adds.items():
                        amounts[key] = max(amounts.get(key, Decimal(0)), amount)
        amounts = resolve_teachers(school, amounts, levers)
        total += amounts_cost(amounts, levers, costs)
        schools.append(apply_amounts(school, amounts, levers))
    cv = plan_cv(schools, profile, levers, costs)
    for index, planned in cv.amounts.items():
        resolved = resolve_teachers(schools[index], planned, levers)
        total += amounts_cost(resolved, levers, costs)
        schools[index] = apply_amounts(schools[index], resolved, levers)
    after = copy.copy(county)
    after.schools = schools
    check = evaluate(after, profile)
    passes = all(e.excluded is not None or e.status == "pass" for e in check.schools) and cv_within(check)
    return total, passes


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="300,20000")
    parser.add_argument("--profile", default="basic-2012")
    parser.add_argument("--tiny", action="store_true", help="one tiny county (what the test suite runs)")
    args = parser.parse_args()
    if args.tiny:
        args.sizes = "12"
    profile, costs, levers = load_profile(args.profile), load_costs(), load_levers()
    print(f"profile {profile.id}. Baseline: the naive full-standard plan — every failed item of every failing school "
          f"bought to its standard (none left at its floor), then the CV water-filling on top — applied and "
          f"re-checked, so both plans are compared as plans that pass.")
    for size in [int(s) for s in args.sizes.split(",")]:
        county = make_county(size)
        start = time.perf_counter()
        baseline, baseline_passes = naive_plan(county, profile, costs, levers)
        naive_time = time.perf_counter() - start
        start, cpu = time.perf_counter(), time.process_time()
        plan = least_cost_plan(county, profile, costs)
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        start = time.perf_counter()
        evaluate(plan.after, profile)
        verify = time.perf_counter() - start
        target = 2 if size <= 300 else 60
        method = "proven least-cost (exact search)" if plan.exact else "not proven least-cost (heuristic + take-back)"
        print(f"{size:>6} schools: least-cost {elapsed:6.2f} s wall, {cpu:.2f} s CPU (target < {target} s, "
              f"{'ok' if elapsed < target else 'SLOW'}), {len(plan.additions)} additions, "
              f"total {plan.total:,.2f} 元, reached={plan.reached}, {method}; re-check alone ≈ {verify:.2f} s")
        print(f"{'':>6}          baseline (full-standard deficits + CV fix-up) {naive_time:6.2f} s, "
              f"total {baseline:,.2f} 元, passes when applied={baseline_passes}")
        if baseline_passes and plan.reached:
            print(f"{'':>6}          least-cost saves {baseline - plan.total:,.2f} 元 against a baseline that passes")
        else:
            print(f"{'':>6}          no saving stated: {'the baseline' if not baseline_passes else 'the plan'} "
                  f"does not pass when applied")


if __name__ == "__main__":
    main()
