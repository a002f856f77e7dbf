"""Never guess: a missing fact that could change a verdict makes it `missing` and names the
fact; a missing fact that cannot change it leaves the verdict standing (issue: seven
disagreements with an independent re-implementation of criteria.md)."""
from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.criteria.evaluate import evaluate
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile

from conftest import examples, school, write_yaml
from test_engine_backends import BACKENDS
from test_government import FULL_MARKS

JUNIOR = dict(stage="junior", classes=18, multimedia_classrooms=18, qualified_degree_rate=0.98, books=25000,
              building_area_m2=6400, sports_area_m2=5500, labs={"physics": 1, "chemistry": 1, "biology": 1})


def _verdicts(tmp_path, profile, backend="native", **changes):
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school(**changes)))
    result = evaluate(facts, load_profile(profile), backend).to_json()
    return result, {v["rule"]: v for v in result["verdicts"]}


# ---------------------------------------------------------------- 3: a fact that selects the standard
@pytest.mark.parametrize("backend", BACKENDS)
def test_location_missing_and_deciding_is_missing(tmp_path, backend):
    # example-a A1 初中: 中心城区 ≥ 20, elsewhere ≥ 25 ㎡/生; 22.04 passes one and fails the other.
    result, verdicts = _verdicts(tmp_path, "example-a", backend, location=None, land_area_m2=22040, **JUNIOR)
    assert verdicts["A1"]["status"] == "missing"
    assert verdicts["A1"]["missing"] == ["location"]
    assert verdicts["A1"]["value"] == 22.04 and verdicts["A1"]["standard"] is None


@pytest.mark.parametrize("backend", BACKENDS)
def test_location_missing_but_not_deciding_stands(tmp_path, backend):
    # 小学: ≥ 15 or ≥ 20 — 22.04 meets both: a pass, shown against the stricter 20.
    _, verdicts = _verdicts(tmp_path, "example-a", backend, location=None, land_area_m2=22040)
    assert (verdicts["A1"]["status"], verdicts["A1"]["standard"]) == ("pass", 20)
    # 14 meets neither: a fail, short by at least 1,000 ㎡ (against the lower 15).
    _, verdicts = _verdicts(tmp_path, "example-a", backend, location=None, land_area_m2=14000)
    assert (verdicts["A1"]["status"], verdicts["A1"]["standard"], verdicts["A1"]["deficit"]) == ("fail", 15, 1000)


def test_location_given_picks_its_case(tmp_path):
    _, verdicts = _verdicts(tmp_path, "example-a", location="urban", land_area_m2=22040, **JUNIOR)
    assert (verdicts["A1"]["status"], verdicts["A1"]["standard"]) == ("pass", 20)
    _, verdicts = _verdicts(tmp_path, "example-a", location="rural", land_area_m2=22040, **JUNIOR)
    assert (verdicts["A1"]["status"], verdicts["A1"]["standard"], verdicts["A1"]["deficit"]) == ("fail", 25, 2960)


@pytest.mark.parametrize("backend", BACKENDS)
def test_classes_missing_and_deciding_is_missing(tmp_path, backend):
    # guizhou G4 小学: ≤ 12 classes 35,000 元, more 50,000 元 in all; 40,000 meets only the first.
    _, verdicts = _verdicts(tmp_path, "guizhou", backend, classes=None, equipment_value_yuan=40000)
    assert verdicts["G4"]["status"] == "missing" and verdicts["G4"]["missing"] == ["classes"]
    _, verdicts = _verdicts(tmp_path, "guizhou", backend, classes=None, equipment_value_yuan=60000)
    assert (verdicts["G4"]["status"], verdicts["G4"]["standard"]) == ("pass", 50000)
    _, verdicts = _verdicts(tmp_path, "guizhou", backend, classes=None, equipment_value_yuan=30000)
    assert (verdicts["G4"]["status"], verdicts["G4"]["deficit"]) == ("fail", 5000)


# ---------------------------------------------------------------- 4: the combined lab
@pytest.mark.parametrize("backend", BACKENDS)
def test_combined_lab_without_classes_is_missing(tmp_path, backend):
    changes = {**JUNIOR, "classes": None, "labs": {"physics": 1, "biology_chemistry": 1}}
    _, verdicts = _verdicts(tmp_path, "basic-2012", backend, **changes)
    assert verdicts["K7"]["status"] == "missing" and verdicts["K7"]["missing"] == ["classes"]


def test_combined_lab_without_classes_when_it_does_not_matter(tmp_path):
    full = {**JUNIOR, "classes": None, "labs": {"physics": 1, "chemistry": 1, "biology": 1, "biology_chemistry": 1}}
    _, verdicts = _verdicts(tmp_path, "basic-2012", **full)
    assert verdicts["K7"]["status"] == "pass"
    no_physics = {**JUNIOR, "classes": None, "labs": {"biology_chemistry": 1}}
    _, verdicts = _verdicts(tmp_path, "basic-2012", **no_physics)
    assert (verdicts["K7"]["status"], verdicts["K7"]["deficit"]) == ("fail", 1)   # at least the physics lab


# ---------------------------------------------------------------- 5: C1 with an undecided school
def _county(tmp_path, schools, government=None, backend="native"):
    data = {"kind": "county", "name": "某县", "satisfaction_rate": 0.9, "schools": schools,
            "government": government or FULL_MARKS}
    result = evaluate(load_facts(write_yaml(tmp_path / "county.yaml", data)), load_profile("basic-2012"),
                             backend).to_json()
    return result, {v["rule"]: v for v in result["verdicts"]}


@pytest.mark.parametrize("backend", BACKENDS)
def test_c1_missing_when_no_school_fails_but_one_is_undecided(tmp_path, backend):
    result, verdicts = _county(tmp_path, [school(name="甲"), school(name="乙", qualified_degree_rate=None)],
                               backend=backend)
    assert verdicts["C1"]["status"] == "missing"
    assert verdicts["C1"]["undecided"] == ["乙"] and verdicts["C1"]["missing"] == ["乙"]
    statuses = {row["name"]: row["status"] for row in result["schools"]}
    assert statuses == {"甲": "pass", "乙": "missing"}
    assert result["passed"] is False


def test_c1_fails_on_a_failing_school_and_names_the_undecided(tmp_path):
    _, verdicts = _county(tmp_path, [school(name="甲", books=100), school(name="乙", qualified_degree_rate=None),
                                     school(name="丙")])
    c1 = verdicts["C1"]
    assert (c1["status"], c1["deficit"], c1["deficit_unit"], c1["undecided"]) == ("fail", 1, "所学校", ["乙"])


def test_k_of_n_school_with_enough_met_is_decided_despite_a_missing_item(tmp_path):
    # guizhou passes ≥ 7 of 9 (no floor): two unknown items cannot stop a school that meets the other 7.
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school(land_area_m2=None, books=None, class_sizes=[45] * 20)))
    result = evaluate(facts, load_profile("guizhou")).to_json()
    assert sorted(v["rule"] for v in result["verdicts"] if v["status"] == "missing") == ["G1", "G5"]
    assert result["status"] == "pass" and result["passed"] is True
    # a third unknown item could make three unmet: undecided
    facts = load_facts(write_yaml(tmp_path / "t.yaml", school(land_area_m2=None, books=None, computers=None,
                                                               class_sizes=[45] * 20)))
    assert evaluate(facts, load_profile("guizhou")).to_json()["status"] == "missing"


def test_a_floor_keeps_a_k_of_n_school_undecided(tmp_path):
    # example-a: ≥ 8 of 10 met AND no unmet item below 60 % of its standard. 8 met and two
    # unknown: the unknown ones might be met, or below the floor — missing, not pass.
    met_eight = dict(location="urban", books=25000, teachers_above_required_degree=50)
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school(**met_eight, retention_rate=None, land_area_m2=None)))
    result = evaluate(facts, load_profile("example-a")).to_json()
    assert sorted(v["rule"] for v in result["verdicts"] if v["status"] == "missing") == ["A1", "A9"]
    assert result["status"] == "missing" and result["passed"] is False
    # with A5 (books) below the 60 % floor the school fails whatever the unknown items are
    facts = load_facts(write_yaml(tmp_path / "u.yaml", school(**{**met_eight, "books": 10000}, retention_rate=None,
                                                               land_area_m2=None)))
    assert evaluate(facts, load_profile("example-a")).to_json()["status"] == "fail"


# ---------------------------------------------------------------- 6: C3 when the outcome is settled
def _government(**changes):
    facts = copy.deepcopy(FULL_MARKS)
    for key, value in changes.items():
        if value is None:
            facts.pop(key)
        else:
            facts[key] = value
    return facts


@pytest.mark.parametrize("backend", BACKENDS)
def test_c3_certain_fail_despite_a_missing_item(tmp_path, backend):
    # 100 − B23 (6, missing) − B14 − B15 − B17 (5 each) − B3 (1) = 78; 78 + 6 < 85: a certain fail.
    government = _government(fitness_pass_rate=None, staffing_unified=False, teacher_avg_salary=1,
                             training_funds_rate=0.01, disabled_enrolment_rate=0.79)
    result, verdicts = _county(tmp_path, [school(name="甲")], government, backend)
    assert result["government"]["score"] == 78
    assert verdicts["C3"]["status"] == "fail" and verdicts["C3"]["deficit"] == 7


def test_c3_missing_when_the_missing_item_could_still_pass_it(tmp_path):
    # 100 − 6 (missing) − 5 − 5 − B3 4 = 80; with B23's 6 points it could reach 86: missing.
    government = _government(fitness_pass_rate=None, staffing_unified=False, teacher_avg_salary=1,
                             disabled_enrolment_rate=0.765)
    result, verdicts = _county(tmp_path, [school(name="甲")], government)
    assert result["government"]["score"] == 80
    assert verdicts["C3"]["status"] == "missing" and verdicts["C3"]["missing"] == ["B23"]


def test_c3_pass_stands_with_a_missing_item(tmp_path):
    result, verdicts = _county(tmp_path, [school(name="甲")], _government(fitness_pass_rate=None))
    assert result["government"]["score"] == 94 and verdicts["C3"]["status"] == "pass"


# ---------------------------------------------------------------- 7: x / 0 in a ratio check
def _item(result, item_id):
    return next(item for item in result["government"]["items"] if item["id"] == item_id)


@pytest.mark.parametrize("backend", BACKENDS)
def test_ratio_over_zero_is_decided_and_scored(tmp_path, backend):
    government = _government(education_surcharge_due=0, education_surcharge_levied=1000,
                             education_surcharge_allocated=1000)
    result, _ = _county(tmp_path, [school(name="甲")], government, backend)
    b11 = _item(result, "B11")
    assert (b11["status"], b11["score"]) == ("pass", 4)
    levied = b11["checks"][0]
    assert (levied["status"], levied["value"], levied["note"]) == ("pass", None, "unbounded: divided by zero")


def test_zero_over_zero_is_one(tmp_path):
    government = _government(education_surcharge_due=0, education_surcharge_levied=0, education_surcharge_allocated=0)
    result, _ = _county(tmp_path, [school(name="甲")], government)
    b11 = _item(result, "B11")
    assert (b11["score"], [c["value"] for c in b11["checks"]]) == (4, [1, 1])


def test_salary_over_zero_and_a_missing_check_scores_zero(tmp_path):
    result, _ = _county(tmp_path, [school(name="甲")], _government(civil_servant_avg_salary=0))
    assert (_item(result, "B15")["status"], _item(result, "B15")["score"]) == ("pass", 5)
    result, _ = _county(tmp_path, [school(name="甲")], _government(education_surcharge_levied=None))
    b11 = _item(result, "B11")
    assert (b11["status"], b11["score"], b11["missing"]) == ("missing", 0, ["education_surcharge_levied"])


# ---------------------------------------------------------------- property: decided or stated missing
OPTIONAL = ["location", "classes", "books", "computers", "labs", "qualified_degree_rate", "network_space_rate",
            "land_area_m2", "building_area_m2", "sports_area_m2", "equipment_value_yuan", "teachers",
            "internet_bandwidth_mbps", "multimedia_classrooms", "courses_complete"]
MAGNITUDE = st.sampled_from([0, 1, 7, 999, 10 ** 6, 10 ** 9, 10 ** 15])


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(drop=st.sets(st.sampled_from(OPTIONAL), max_size=5), stage=st.sampled_from(["primary", "junior"]),
       students=st.sampled_from([1, 20, 981, 20000]), books=MAGNITUDE, equipment=MAGNITUDE,
       profile=st.sampled_from(["basic-2012", "example-a", "guizhou"]),
       labs=st.sampled_from([{"science": 1}, {"physics": 1, "biology_chemistry": 1}, {}]))
def test_every_verdict_is_decided_or_names_what_is_missing(tmp_path, drop, stage, students, books, equipment,
                                                           profile, labs):
    changes = {"stage": stage, "students": students, "books": books, "equipment_value_yuan": equipment,
               "labs": labs, "classes": max(1, students // 45)}
    changes["multimedia_classrooms"] = changes["classes"]
    changes.update({key: None for key in drop})
    data = school(**changes)
    facts = load_facts(write_yaml(tmp_path / "s.yaml", data))
    result = evaluate(facts, load_profile(profile), "native").to_json()
    for verdict in result["verdicts"]:
        assert verdict["status"] in ("pass", "fail", "missing", "n/a")
        if verdict["status"] == "missing":
            assert verdict["missing"], verdict
            # it names facts that are really absent (or zero, for a divisor)
            assert all(data.get(name) in (None, 0, [], {}) for name in verdict["missing"]), verdict
    assert result["status"] in ("pass", "fail", "missing")
    assert result["passed"] is (result["status"] == "pass")
