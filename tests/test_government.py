"""B1–B23: full marks, then each deduction on its own (criteria §4), floored at 0 per item."""
import copy

import pytest

from generator.criteria.evaluate import evaluate
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile

from conftest import school, write_yaml

FULL_MARKS = {
    "migrant_children_planned": True, "left_behind_care_system": True, "disabled_enrolment_rate": 0.85,
    "quality_hs_quota_rate": 0.55, "quality_hs_quota_rate_prev": 0.52, "primary_enrolment_rate": 0.998,
    "junior_gross_enrolment_rate": 0.995, "primary_dropout_rate": 0.002, "junior_dropout_rate": 0.01,
    "accountability_mechanism": True, "funding_growth": {"拨款": [0.05, 0.04, 0.03], "生均": [0.02, 0.01, 0.01]},
    "weak_school_improvement": True, "rural_transfer_payment_rate": 0.6, "education_surcharge_due": 1000,
    "education_surcharge_levied": 1000, "education_surcharge_allocated": 1000, "land_transfer_education_rate": 0.1,
    "public_funds_per_student_actual": 650, "public_funds_per_student_standard": 600, "staffing_unified": True,
    "teacher_avg_salary": 80000, "civil_servant_avg_salary": 80000, "rotation_rate": 0.1,
    "backbone_rotation_rate": 0.2, "training_funds_rate": 0.05,
    "subject_teachers": {"music": {"required": 10, "actual": 10}, "pe": {"required": 12, "actual": 12}},
    "nearby_enrolment": True, "no_key_schools": True, "class_sizes": [45] * 100, "courses_complete": True,
    "fitness_pass_rate": 0.9,
}

# (case, changes to the government facts, item, expected item score)
CASES = [
    ("B1 not planned", {"migrant_children_planned": False}, "B1", 0),
    ("B2 no care system", {"left_behind_care_system": False}, "B2", 0),
    ("B3 80% exactly", {"disabled_enrolment_rate": 0.80}, "B3", 4),
    ("B3 1.5 points below: two points off", {"disabled_enrolment_rate": 0.785}, "B3", 2),
    ("B3 floored at 0", {"disabled_enrolment_rate": 0.50}, "B3", 0),
    ("B4 below 50%", {"quality_hs_quota_rate": 0.49, "quality_hs_quota_rate_prev": 0.45}, "B4", 2),
    ("B4 fell", {"quality_hs_quota_rate": 0.55, "quality_hs_quota_rate_prev": 0.60}, "B4", 2),
    ("B4 below and fell", {"quality_hs_quota_rate": 0.40, "quality_hs_quota_rate_prev": 0.45}, "B4", 1),
    ("B5 primary 0.2 points below", {"primary_enrolment_rate": 0.993}, "B5", 2),
    ("B5 both below", {"primary_enrolment_rate": 0.994, "junior_gross_enrolment_rate": 0.989}, "B5", 2),
    ("B6 junior dropout above", {"junior_dropout_rate": 0.019}, "B6", 0),
    ("B6 at the limits", {"primary_dropout_rate": 0.006, "junior_dropout_rate": 0.018}, "B6", 3),
    ("B7 no mechanism", {"accountability_mechanism": False}, "B7", 0),
    ("B8 two negative years", {"funding_growth": {"拨款": [0.05, -0.01, 0.03], "生均": [-0.02, 0.01, 0.01]}}, "B8", 3),
    ("B9 no improvement", {"weak_school_improvement": False}, "B9", 0),
    ("B10 3 points below", {"rural_transfer_payment_rate": 0.47}, "B10", 0),
    ("B10 1 point below", {"rural_transfer_payment_rate": 0.49}, "B10", 2),
    ("B11 not fully levied", {"education_surcharge_levied": 900, "education_surcharge_allocated": 900}, "B11", 2),
    ("B11 not fully used", {"education_surcharge_allocated": 900}, "B11", 3),
    ("B11 neither", {"education_surcharge_levied": 900, "education_surcharge_allocated": 800}, "B11", 1),
    ("B12 below 10%", {"land_transfer_education_rate": 0.08}, "B12", 0),
    ("B13 below standard", {"public_funds_per_student_actual": 590}, "B13", 0),
    ("B14 not unified", {"staffing_unified": False}, "B14", 0),
    ("B15 salary below", {"teacher_avg_salary": 79999}, "B15", 0),
    ("B16 rotation 2 points below", {"rotation_rate": 0.08}, "B16", 3),
    ("B16 both below", {"rotation_rate": 0.09, "backbone_rotation_rate": 0.17}, "B16", 1),
    ("B17 training below 5%", {"training_funds_rate": 0.049}, "B17", 0),
    ("B18 two subjects short", {"subject_teachers": {"music": {"required": 10, "actual": 9},
                                                      "pe": {"required": 12, "actual": 11},
                                                      "art": {"required": 5, "actual": 5}}}, "B18", 3),
    ("B21 one class of 66", {"class_sizes": [45] * 99 + [66]}, "B21", 0),
    ("B21 5% large classes is allowed", {"class_sizes": [45] * 95 + [60] * 5}, "B21", 6),
    ("B21 7% large classes: two points above", {"class_sizes": [45] * 93 + [60] * 7}, "B21", 2),
    ("B22 overburdened", {"courses_complete": False}, "B22", 0),
    ("B23 2 points below", {"fitness_pass_rate": 0.88}, "B23", 4),
]


def _county(tmp_path, government, schools=None):
    data = {"kind": "county", "name": "某县", "satisfaction_rate": 0.9,
            "schools": schools or [school(name="甲")], "government": government}
    return load_facts(write_yaml(tmp_path / "county.yaml", data))


def test_full_marks(tmp_path):
    result = evaluate(_county(tmp_path, FULL_MARKS), load_profile("basic-2012")).to_json()
    assert result["government"]["score"] == 100
    assert all(item["status"] == "pass" for item in result["government"]["items"])
    points = sum(item["points"] for item in result["government"]["items"])
    assert points == 100 and len(result["government"]["items"]) == 23


@pytest.mark.parametrize("label, changes, item_id, score", CASES, ids=[c[0] for c in CASES])
def test_each_deduction(label, changes, item_id, score, tmp_path):
    government = copy.deepcopy(FULL_MARKS)
    government.update(changes)
    result = evaluate(_county(tmp_path, government), load_profile("basic-2012")).to_json()
    items = {item["id"]: item for item in result["government"]["items"]}
    assert items[item_id]["score"] == score, items[item_id]
    others = sum(item["score"] for key, item in items.items() if key != item_id)
    assert others == 100 - items[item_id]["points"]
    assert result["government"]["score"] == others + score


def test_missing_fact_scores_zero_and_is_missing(tmp_path):
    government = copy.deepcopy(FULL_MARKS)
    del government["fitness_pass_rate"]
    result = evaluate(_county(tmp_path, government), load_profile("basic-2012")).to_json()
    item = next(i for i in result["government"]["items"] if i["id"] == "B23")
    assert item["score"] == 0 and item["status"] == "missing" and item["missing"] == ["fitness_pass_rate"]


def test_subjects_and_class_sizes_fall_back_to_the_schools(tmp_path):
    government = copy.deepcopy(FULL_MARKS)
    del government["subject_teachers"], government["class_sizes"]
    schools = [school(name="甲", classes=2, multimedia_classrooms=2, class_sizes=[70, 40],
                      subject_teachers={"music": {"required": 2, "actual": 1}}),
               school(name="乙", subject_teachers={"music": {"required": 2, "actual": 2}})]
    result = evaluate(_county(tmp_path, government, schools), load_profile("basic-2012")).to_json()
    items = {item["id"]: item for item in result["government"]["items"]}
    assert items["B18"]["score"] == 4     # music: 3 of 4 required → one subject short
    assert items["B21"]["score"] == 0     # a class of 70


def test_government_score_drives_condition_c3(tmp_path):
    government = copy.deepcopy(FULL_MARKS)
    government.update({"nearby_enrolment": False, "no_key_schools": False, "fitness_pass_rate": 0.85})
    result = evaluate(_county(tmp_path, government), load_profile("basic-2012")).to_json()
    assert result["government"]["score"] == 100 - 6 - 6 - 5
    c3 = next(v for v in result["verdicts"] if v["rule"] == "C3")
    assert c3["status"] == "fail" and c3["deficit"] == 2 and c3["deficit_unit"] == "分"
