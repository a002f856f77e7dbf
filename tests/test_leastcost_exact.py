"""The least-cost plan is least and minimal, on the school rule and the 差异系数 limits together.

On generated small 优质均衡 counties (2–3 primary schools, 骨干 the one lever in play, some schools
short of Q2 and the Q2 CV often over 0.50), the plan's total equals a brute-force minimum written
here on the native engine — every combination of 骨干 additions, each county evaluated whole — and
it is called 精确 only then; and no addition can be lowered by one with the county still passing."""
from __future__ import annotations

import copy
import itertools
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings, strategies as st

from conftest import examples

from generator.criteria.evaluate import evaluate
from generator.criteria.profiles import load_profile
from generator.io.costs_file import load_costs
from generator.model.checker import Checker
from generator.plan.least_cost import EXACT_SEARCH, apply_amounts, cv_within, least_cost_plan, load_levers

PROFILE = load_profile("quality-2017")
COSTS = load_costs()
LEVERS = load_levers()
KEY = ("backbone_teachers", "primary")
TRAINING = Decimal(COSTS["backbone_training"]["value"])


def _school(index: int, students: int, backbone: int) -> dict:
    """A primary school that meets every item comfortably except, perhaps, Q2 (骨干 per 100 students)."""
    return {"kind": "school", "name": f"第{index + 1}小学", "stage": "primary", "ownership": "public",
            "location": "town", "affiliation": "county", "students": students, "classes": students // 40,
            "teachers": 40, "teachers_above_required_degree": students // 20 + 1, "backbone_teachers": backbone,
            "pe_art_teachers": students // 100 + 1, "teaching_aux_area_m2": students * 5, "sports_area_m2": students * 8,
            "equipment_value_yuan": students * 2100, "multimedia_classrooms": students * 3 // 100 + 1}


def _county(schools: list):
    checker = Checker(Path("exact.yaml"))
    county = checker.top({"kind": "county", "name": "穷举县", "schools": schools})
    assert not checker.errors, checker.errors[:3]
    return county


def _passes(county, adds: tuple) -> bool:
    trial = copy.copy(county)
    trial.schools = [apply_amounts(s, {KEY: Decimal(n)} if n else {}, LEVERS) for s, n in zip(county.schools, adds)]
    result = evaluate(trial, PROFILE, "native")
    return all(entry.status == "pass" for entry in result.schools) and cv_within(result)


def _brute_force(county, top: int):
    """The cheapest combination of 骨干 additions (0..top per school) after which the county passes."""
    best = None
    for adds in itertools.product(range(top + 1), repeat=len(county.schools)):
        if best is not None and sum(adds) >= best:
            continue
        if _passes(county, adds):
            best = sum(adds)
    return best


@st.composite
def small_counties(draw):
    count = draw(st.integers(2, 3))
    return [_school(i, draw(st.sampled_from([100, 150, 200, 300])), draw(st.integers(0, 4))) for i in range(count)]


@pytest.mark.slow
@settings(max_examples=examples(10), deadline=None, suppress_health_check=list(HealthCheck),
          phases=[Phase.explicit, Phase.reuse, Phase.generate])
@given(schools=small_counties())
def test_plan_equals_the_brute_force_minimum_and_is_minimal(schools):
    county = _county(schools)
    result = evaluate(county, PROFILE, "native")
    plan = least_cost_plan(county, PROFILE, COSTS, result, engine="native")
    assert plan.reached, plan.problems
    added = [sum((a.amount for a in plan.additions if a.school == s.name and a.fact == KEY[0]), Decimal(0))
             for s in county.schools]
    assert all(a.fact == KEY[0] for a in plan.additions), plan.to_json()
    # the brute force: every combination up to the plan's own number of trainings at any one school, and more
    top = int(max(added, default=0)) + 3
    best = _brute_force(county, top)
    assert best is not None
    assert plan.total == best * TRAINING, (plan.to_json(), best)
    assert plan.exact == ([EXACT_SEARCH] if plan.additions else []) and not plan.heuristic
    # minimal: no addition can be taken back by one with the county still passing
    for index, amount in enumerate(added):
        if amount:
            fewer = tuple(int(a) - (1 if i == index else 0) for i, a in enumerate(added))
            assert not _passes(county, fewer), (plan.to_json(), fewer)
    assert _passes(county, tuple(int(a) for a in added))


def test_cv_units_are_not_rounded_up_school_by_school():
    """Three schools at 0, 0 and 6 骨干 of 200, 200 and 100 students: Q2 asks 2 at each of the first two;
    the brute force and the plan agree, and it is proven (精确)."""
    county = _county([_school(0, 200, 0), _school(1, 200, 0), _school(2, 100, 6)])
    plan = least_cost_plan(county, PROFILE, COSTS, engine="native")
    best = _brute_force(county, 8)
    assert plan.reached and plan.total == best * TRAINING
    assert plan.exact == [EXACT_SEARCH]
    assert "精确" in EXACT_SEARCH
