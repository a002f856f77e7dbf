"""优质均衡 2017 (quality-2017): school parts, per-indicator CVs, items, vetoes, missing facts.

Rule cases are data (tests/quality_cases.yaml); the county cases below write their hand
computation next to the assertion.
"""
from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.criteria.evaluate import evaluate
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile

from conftest import REPO, write_yaml

CASES = yaml.safe_load((Path(__file__).parent / "quality_cases.yaml").read_text(encoding="utf-8"))

BASE = {
    "primary": {"teachers_above_required_degree": 42, "backbone_teachers": 10, "pe_art_teachers": 9,
                "teaching_aux_area_m2": 4500, "sports_area_m2": 7500, "equipment_value_yuan": 2000000,
                "multimedia_classrooms": 23},
    "junior": {"teachers_above_required_degree": 53, "backbone_teachers": 10, "pe_art_teachers": 9,
               "teaching_aux_area_m2": 5800, "sports_area_m2": 10200, "equipment_value_yuan": 2500000,
               "multimedia_classrooms": 24},
}


def quality_school(stage="primary", name="示例学校", students=1000, **changes):
    data = {"kind": "school", "name": name, "stage": stage, "ownership": "public", "students": students,
            "teachers": 60, **BASE[stage]}
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_quality_case(case, tmp_path):
    facts = write_yaml(tmp_path / "school.yaml", quality_school(case["stage"], **case.get("school", {})))
    result = evaluate(load_facts(facts), load_profile("quality-2017")).to_json()
    verdicts = {v["rule"]: v for v in result["verdicts"]}
    for rule_id, expected in (case.get("expect") or {}).items():
        got = verdicts[rule_id]
        for key, value in expected.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, abs=1e-9), (rule_id, key, got)
            else:
                assert got[key] == value, (rule_id, key, got)
    assert result["status"] == case["status"], [(v["rule"], v["status"]) for v in result["verdicts"]]
    assert result["passed"] is (case["status"] == "pass")


# ---------------------------------------------------------------- county
GOVERNMENT_OK = {
    "layout_planned": True, "urban_rural_four_unified": True, "music_art_rooms_complete": True,
    "max_class_size_primary": 45, "max_class_size_junior": 50, "small_school_funding_100": True,
    "special_school_funds_per_student": 6000, "teacher_avg_salary": 80000, "civil_servant_avg_salary": 80000,
    "teacher_training_360_rate": 1.0, "staffing_coordinated": True, "rotation_rate": 0.10,
    "backbone_rotation_rate": 0.20, "teacher_certificate_rate": 1.0, "nearby_enrolment_rate_urban": 1.0,
    "nearby_enrolment_rate_town": 0.95, "quality_hs_quota_rate": 0.5, "migrant_public_school_rate": 0.85,
    "junior_three_year_retention_rate": 0.95, "disabled_enrolment_rate": 0.95,
    "charters_and_informatization": True, "min_school_training_funds_rate": 0.05,
    "ict_teaching_and_equipment_use": True, "moral_education_good": True, "curriculum_and_practice": True,
    "no_excess_burden": True, "monitoring_level": 3, "monitoring_school_gap": 0.149,
    "veto_exam_admission": False, "veto_school_choice": False, "veto_key_schools": False,
    "veto_unfilled_posts": False, "veto_major_incident": False, "veto_fraud": False,
}


def scaled(stage, name, students, backbone):
    """The base school scaled to `students`: areas and money exactly, counts rounded up (so each
    meets its standard); Q2 as given."""
    data = quality_school(stage, name=name, students=students)
    for key, value in BASE[stage].items():
        data[key] = -(-value * students // 1000)
    data["backbone_teachers"] = backbone
    return data


def county(tmp_path, schools=None, government=None, **facts):
    if schools is None:
        schools = [scaled("primary", "甲小学", 500, 5), scaled("primary", "乙小学", 300, 6),
                   scaled("primary", "丙小学", 200, 1),
                   scaled("junior", "甲中学", 500, 5), scaled("junior", "乙中学", 300, 6),
                   scaled("junior", "丙中学", 200, 1)]
    data = {"kind": "county", "name": "测试县", "schools": schools,
            "government": dict(GOVERNMENT_OK, **(government or {})), "recognition_rate": 0.9, **facts}
    return load_facts(write_yaml(tmp_path / "county.yaml", data))


def test_cv_per_indicator_hand_computed(tmp_path):
    # Q2 (backbone teachers per 100 students) over three schools, students p = 500, 300, 200,
    # backbone x = 5, 6, 1:  P = 1000, X̄ = 12 / 1000 = 0.012 per student;
    # X_i = 0.010, 0.020, 0.005; X_i − X̄ = −0.002, 0.008, −0.007;
    # S² = 0.5·0.000004 + 0.3·0.000064 + 0.2·0.000049 = 0.000002 + 0.0000192 + 0.0000098 = 0.000031
    # S = √0.000031 = 0.00556776…;  CV = S / X̄ = 0.46398… → 0.464 (scale-free, so per 100 the same).
    # 0.464 ≤ 0.50 passes for 小学; 0.464 > 0.45 fails for 初中. Q4–Q6 are proportional to
    # the students, so their CV is 0.
    cv = (Decimal("0.000031").sqrt() / Decimal("0.012"))
    assert round(cv, 3) == Decimal("0.464")
    result = evaluate(county(tmp_path), load_profile("quality-2017")).to_json()
    assert result["cv"]["primary"]["Q2"] == 0.464
    assert result["cv"]["junior"]["Q2"] == 0.464
    assert "composite" not in result["cv"]["primary"]
    assert all(result["cv"][stage][q] == 0 for stage in ("primary", "junior") for q in ("Q4", "Q5", "Q6"))
    verdicts = {v["rule"]: v for v in result["verdicts"]}
    assert verdicts["QC2-primary-Q2"]["status"] == "pass"
    assert verdicts["QC2-junior-Q2"]["status"] == "fail"
    assert len([r for r in verdicts if r.startswith("QC2-")]) == 14     # 7 conditions per 学段
    conditions = {c["id"]: c for c in result["conditions"]}
    assert conditions["QC2"]["status"] == "fail"
    assert conditions["QC2"]["value"]["junior"]["Q2"] == 0.464
    # Q2 per school: 1.0, 2.0, 0.5 per 100 — the third at 50 % of 1 fails the 85 % floor
    rows = {(r["name"]): r for r in result["schools"]}
    assert rows["丙小学"]["values"]["Q2"] == 0.5 and rows["丙小学"]["passed"] is False
    assert rows["甲小学"]["passed"] is True and rows["乙中学"]["passed"] is True
    assert conditions["QC1"]["status"] == "fail"
    assert conditions["QC3"]["status"] == "pass" and conditions["QC4"]["status"] == "pass"
    assert conditions["QC5"]["status"] == "pass" and conditions["QC6"]["status"] == "pass"
    assert result["passed"] is False


def _even_schools():
    return [scaled("primary", "甲小学", 500, 5), scaled("primary", "乙小学", 300, 3),
            scaled("junior", "甲中学", 400, 4)]


def test_a_county_meeting_everything_passes(tmp_path):
    result = evaluate(county(tmp_path, schools=_even_schools()), load_profile("quality-2017")).to_json()
    assert [c["status"] for c in result["conditions"]] == ["pass"] * 6, result["conditions"]
    assert result["passed"] is True
    assert result["missing_facts"] == []


@pytest.mark.parametrize("veto", ["veto_exam_admission", "veto_school_choice", "veto_key_schools",
                                  "veto_unfilled_posts", "veto_major_incident", "veto_fraud"])
def test_any_veto_fails_the_county(tmp_path, veto):
    result = evaluate(county(tmp_path, schools=_even_schools(), government={veto: True}),
                             load_profile("quality-2017")).to_json()
    conditions = {c["id"]: c for c in result["conditions"]}
    assert conditions["QC6"]["status"] == "fail" and conditions["QC6"]["value"] == 1
    assert [c["status"] for c in result["conditions"][:5]] == ["pass"] * 5
    assert result["passed"] is False


def test_missing_veto_fact_is_missing_not_passed(tmp_path):
    government = dict(GOVERNMENT_OK)
    del government["veto_fraud"]
    data_county = county(tmp_path, schools=_even_schools())
    data_county.government.pop("veto_fraud")
    result = evaluate(data_county, load_profile("quality-2017")).to_json()
    conditions = {c["id"]: c for c in result["conditions"]}
    assert conditions["QC6"]["status"] == "missing"
    assert conditions["QC6"]["missing"] == ["veto_fraud"]
    assert result["passed"] is False and "veto_fraud" in result["missing_facts"]


def test_a_present_veto_fails_even_with_another_missing(tmp_path):
    data_county = county(tmp_path, schools=_even_schools(), government={"veto_key_schools": True})
    data_county.government.pop("veto_fraud")
    result = evaluate(data_county, load_profile("quality-2017")).to_json()
    assert {c["id"]: c for c in result["conditions"]}["QC6"]["status"] == "fail"


def test_items_threshold_edges(tmp_path):
    # 社会认可度 84.9 % fails by 0.1 point; E9 校际差异率 0.15 is not "低于0.15"; P5 46 > 45.
    result = evaluate(county(tmp_path, schools=_even_schools(), recognition_rate=0.849,
                                    government={"monitoring_school_gap": 0.15, "max_class_size_primary": 46}),
                             load_profile("quality-2017")).to_json()
    conditions = {c["id"]: c for c in result["conditions"]}
    assert conditions["QC5"]["status"] == "fail"
    items = {item["id"]: item for item in result["government"]["items"]}
    assert items["E9"]["status"] == "fail" and items["P5"]["status"] == "fail"
    assert conditions["QC3"]["value"] == 1 and conditions["QC4"]["value"] == 1


def test_school_size_derived_from_schools(tmp_path):
    # P4 left out: the largest single-stage school is 500; no spanning school → 0.
    result = evaluate(county(tmp_path, schools=_even_schools()), load_profile("quality-2017")).to_json()
    p4 = {item["id"]: item for item in result["government"]["items"]}["P4"]
    assert [c["value"] for c in p4["checks"]] == [500, 0] and p4["status"] == "pass"


def test_exclusions(tmp_path):
    schools = _even_schools() + [
        dict(scaled("primary", "民办小学", 400, 0), ownership="private"),
        dict(scaled("primary", "特教学校", 80, 0), category="special_education"),
        dict(scaled("primary", "小教学点", 49, 0), stage="teaching_point"),
        dict(scaled("primary", "大教学点", 50, 1), stage="teaching_point"),
    ]
    result = evaluate(county(tmp_path, schools=schools), load_profile("quality-2017")).to_json()
    rows = {r["name"]: r for r in result["schools"]}
    assert rows["民办小学"]["included"] is False and rows["民办小学"]["passed"] is None
    assert rows["特教学校"]["excluded"] == "category=special_education"
    assert rows["小教学点"]["excluded"] == "small_teaching_point"
    assert rows["大教学点"]["included"] is True
    assert result["cv"]["primary"]["schools"] == 3          # 甲、乙、大教学点
    assert result["passed"] is True                         # the excluded schools' zero backbone counts nothing


def test_spanning_school_split_and_parts(tmp_path):
    # 九年一贯制 500 小学 + 400 初中: shares 500 / (500 + 1.1·400) = 500/940 and 440/940.
    # Q4 5000 ㎡ → 小学部 5000·500/940 / 500 = 5.319149 ㎡; 初中部 5000·440/940 / 400 = 5.851064 ㎡.
    nine = {"kind": "school", "name": "一贯制学校", "stage": "nine_year", "ownership": "public",
            "students": {"primary": 500, "junior": 400}, "teachers": {"primary": 30, "junior": 30},
            "teachers_above_required_degree": {"primary": 21, "junior": 22},
            "backbone_teachers": {"primary": 5, "junior": 4}, "pe_art_teachers": {"primary": 5, "junior": 4},
            "teaching_aux_area_m2": 5000, "sports_area_m2": 9000, "equipment_value_yuan": 2100000,
            "multimedia_classrooms": 22}
    result = evaluate(county(tmp_path, schools=_even_schools() + [nine]), load_profile("quality-2017")).to_json()
    rows = {r["name"]: r for r in result["schools"]}
    assert rows["一贯制学校小学部"]["values"]["Q4"] == 5.32
    assert rows["一贯制学校初中部"]["values"]["Q4"] == 5.85
    # 初中部 Q1 22/400·100 = 5.5 ≥ 5.3; Q5 9000·440/940/400 = 10.53 ≥ 10.2; Q6 2100000·440/940/400 = 2457.45
    # (98.3 % of 2500, the one item not met) → the part passes
    assert rows["一贯制学校初中部"]["values"]["Q6"] == 2457.45
    assert rows["一贯制学校初中部"]["passed"] is True
    detail = {d["name"]: d for d in result["school_verdicts"]}["一贯制学校"]
    assert detail["parts"] == {"primary": "pass", "junior": "pass"}


def test_basic_file_against_quality_reports_the_gap():
    # The basic sample county passes through quality-2017: the new facts are missing, never guessed.
    result = evaluate(load_facts(REPO / "samples/county/county.yaml"), load_profile("quality-2017")).to_json()
    assert "backbone_teachers" in result["missing_facts"] and "recognition_rate" in result["missing_facts"]
    conditions = {c["id"]: c for c in result["conditions"]}
    assert conditions["QC2"]["status"] == "missing"
    assert conditions["QC2"]["missing"] == ["backbone_teachers", "pe_art_teachers"]
    assert conditions["QC5"]["status"] == "missing" and conditions["QC5"]["missing"] == ["recognition_rate"]
    # the largest school (城关第一小学, 2160 students) already fails P4 (≤ 2000): a certain fail
    assert {i["id"]: i for i in result["government"]["items"]}["P4"]["status"] == "fail"
    assert conditions["QC3"]["status"] == "fail"
    assert conditions["QC6"]["status"] == "missing"
    assert result["cv"]["primary"]["Q2"] is None
    assert result["passed"] is False


def test_override_profile_raises_numbers(tmp_path):
    profile = load_profile("quality-example-province")
    rules = {r.id: r for r in profile.basic_rules}
    assert rules["Q4"].threshold == {"primary": 5.0, "junior": 6.2}
    assert {c.id: c for c in profile.county["conditions"]}["QC5"].threshold == 0.90
    facts = write_yaml(tmp_path / "s.yaml", quality_school("primary"))
    result = evaluate(load_facts(facts), profile).to_json()
    verdicts = {v["rule"]: v for v in result["verdicts"]}
    assert verdicts["Q4"]["status"] == "fail" and verdicts["Q4"]["standard"] == 5
    assert verdicts["Q6"]["status"] == "fail"          # 2000 < 2200
    assert result["status"] == "fail"                  # two not met
    # the county file may name its own profile file too
    own = write_yaml(tmp_path / "mine.yaml", {"inherits": "quality-2017", "id": "mine",
                                               "overrides": {"Q7": {"threshold": {"primary": 2.5}}}})
    mine = load_profile(str(own))
    assert {r.id: r for r in mine.basic_rules}["Q7"].threshold == {"primary": 2.5, "junior": 2.4}


def test_sample_county_json_shape(run):
    out = run("check", REPO / "samples/quality/county.yaml", "--json")
    assert out.exit_code == 1, out.output
    data = json.loads(out.output)
    assert data["profile"] == "quality-2017"
    assert set(data["cv"]["primary"]) == {"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "schools", "students"}
    assert {"schools", "school_verdicts", "conditions", "verdicts", "passed", "profile"} <= set(data)
    rows = {r["name"]: r for r in data["schools"]}
    assert rows["南关小学"]["passed"] is True            # Q5 at exactly 85 %
    assert rows["北关小学"]["passed"] is False           # Q5 at 84 %
    assert rows["红星九年一贯制学校初中部"]["stage"] == "junior"
    assert rows["后山教学点"]["included"] is False and rows["前进教学点"]["included"] is True
    # 初中 Q2 by hand: (students, backbone) = 城关中学 (1600, 64), 清河镇中学 (1000, 11), 第二中学 (800, 8),
    # 石门中学 (450, 5), 红星初中部 (400, 5); P = 4250, X̄ = 93/4250 = 0.0218824 per student;
    # weighted squares (p/P)(x/p − X̄)²: 0.00012358 + 0.00002786 + 0.00002658 + 0.00001228 + 0.00000829
    # = 0.00019859; S = 0.0140921; CV = S / X̄ = 0.64399 → 0.644 > 0.45.
    assert data["cv"]["junior"]["Q2"] == 0.644
    assert [c["status"] for c in data["conditions"]] == ["fail", "fail", "fail", "fail", "pass", "pass"]


def test_excluded_school_alone_is_not_judged(run):
    # 后山教学点 has 32 students (< 50): left out of the resource evaluation — nothing falls short, exit 0
    out = run("check", REPO / "samples/quality/schools/houshan-point.yaml", "--profile", "quality-2017", "--json")
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["passed"] is None and data["excluded"] == "small_teaching_point" and data["verdicts"] == []


def test_a_condition_without_its_keys_is_a_profile_error(run, tmp_path):
    county_file = write_yaml(tmp_path / "c.yaml", {"id": "c", "name": "c", "conditions": [
        {"id": "X1", "name": "一项", "measure": "items_not_met", "op": "<=", "threshold": 0}]})
    profile = write_yaml(tmp_path / "p.yaml", {"inherits": "quality-2017", "county": str(county_file)})
    out = run("check", REPO / "samples/quality/county.yaml", "--profile", profile)
    assert out.exit_code == 2
    assert "X1.area" in out.output and "Traceback" not in out.output
    write_yaml(county_file, {"id": "c", "name": "c", "conditions": [
        {"id": "X1", "name": "一项", "measure": "share_of_magic", "op": "<="}]})
    from generator.criteria import profiles
    profiles._CACHE.clear()
    out = run("check", REPO / "samples/quality/county.yaml", "--profile", profile)
    assert out.exit_code == 2 and "share_of_magic" in out.output
