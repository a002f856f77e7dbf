"""差异系数: student-weighted, checked against hand computations (criteria §2.1–2.3)."""
from decimal import Decimal
import math

import pytest

from generator.io.facts import load_facts
from generator.criteria.evaluate import evaluate
from generator.criteria.indicators import split_shares
from generator.criteria.measures import coefficient_of_variation
from generator.criteria.profiles import load_profile

from conftest import school, write_yaml


def test_hand_computed_three_schools():
    # p = 100, 200, 300 students; books 1000, 3000, 3600 → 10, 15, 12 per student.
    # X̄ = 7600/600 = 38/3; Σ w(X−X̄)² = 29/9; S = √29/3; CV = √29/38 = 0.141712…
    cv = coefficient_of_variation([(100, 1000), (200, 3000), (300, 3600)])
    assert float(cv) == pytest.approx(math.sqrt(29) / 38, abs=1e-12)
    # The unweighted CV (a known mistake) would be 0.1666: make sure we are not computing it.
    values = [10, 15, 12]
    mean = sum(values) / 3
    unweighted = math.sqrt(sum((v - mean) ** 2 for v in values) / 3) / mean
    assert abs(float(cv) - unweighted) > 0.02


def test_equal_schools_have_zero_cv():
    assert coefficient_of_variation([(100, 500), (300, 1500)]) == 0


def test_nine_year_split_shares():
    # 九年一贯制 1 : 1.1 — A=300 primary, B=200 junior: 300/(300+220) and 220/520.
    facts = {"students": {"primary": 300, "junior": 200}}
    sch = type("S", (), {"facts": facts, "parts": ("primary", "junior"), "stage": "nine_year"})()
    shares = split_shares(sch, {"nine_year": {"primary": 1, "junior": 1.1}})
    assert shares["primary"] == Decimal(300) / Decimal(520)
    assert shares["junior"] == Decimal(220) / Decimal(520)


def test_twelve_year_split_shares():
    facts = {"students": {"primary": 100, "junior": 100, "senior": 100}}
    sch = type("S", (), {"facts": facts, "parts": ("primary", "junior", "senior"), "stage": "twelve_year"})()
    shares = split_shares(sch, {"twelve_year": {"primary": 1, "junior": 1.1, "senior": 1.32}})
    assert shares["primary"] == Decimal(100) / Decimal("342")
    assert shares["junior"] == Decimal(110) / Decimal("342")


def _county(tmp_path, schools):
    return write_yaml(tmp_path / "county.yaml", {"kind": "county", "name": "测试县", "schools": schools,
                                                 "satisfaction_rate": 0.9})


def test_county_cv_with_spanning_school(tmp_path):
    # Two primary schools and the 小学部 of a 九年一贯制 school enter the primary CV.
    a = school(name="甲", students=100, books=1000)
    b = school(name="乙", students=200, books=3000)
    spanning = school(name="丙", stage="nine_year", students={"primary": 300, "junior": 200},
                      teachers={"primary": 16, "junior": 18},
                      teachers_above_required_degree={"primary": 12, "junior": 15},
                      teachers_mid_senior_title={"primary": 6, "junior": 8},
                      books=6240, labs={"science": 1, "physics": 1, "chemistry": 1, "biology": 1})
    private = school(name="丁", ownership="private", students=500, books=100)   # excluded
    point = school(name="戊", stage="teaching_point", students=20, books=10)     # excluded
    county = load_facts(_county(tmp_path, [a, b, spanning, private, point]))
    result = evaluate(county, load_profile("basic-2012")).to_json()
    # 丙's primary share of books: 6240 × 300/520 = 3600 → 12 per student: the hand example.
    assert result["cv"]["primary"]["M5"] == round(math.sqrt(29) / 38, 3) == 0.142
    assert result["cv"]["primary"]["schools"] == 3
    assert result["cv"]["primary"]["students"] == 600
    rows = {(row["name"], row["stage"]): row for row in result["schools"]}
    assert rows[("丙小学部", "primary")]["values"]["M5"] == 12
    assert rows[("丙初中部", "junior")]["values"]["M5"] == pytest.approx(6240 * 220 / 520 / 200, abs=0.005)
    assert rows[("丁", "primary")]["included"] is False
    assert rows[("戊", "primary")]["included"] is False
    # The composite is the mean of the eight printed CVs.
    printed = [result["cv"]["primary"][f"M{i}"] for i in range(1, 9)]
    mean = sum(Decimal(str(v)) for v in printed) / 8
    assert Decimal(str(result["cv"]["primary"]["composite"])) == mean.quantize(Decimal("0.001"), "ROUND_HALF_UP")


def test_teachers_are_per_stage_not_split(tmp_path):
    spanning = school(name="丙", stage="nine_year", students={"primary": 300, "junior": 200},
                      teachers={"primary": 15, "junior": 20},
                      teachers_above_required_degree={"primary": 12, "junior": 15},
                      teachers_mid_senior_title={"primary": 6, "junior": 8})
    county = load_facts(_county(tmp_path, [spanning, school(name="甲")]))
    result = evaluate(county, load_profile("basic-2012")).to_json()
    rows = {row["name"]: row for row in result["schools"]}
    assert rows["丙小学部"]["values"]["M6"] == 0.05      # 15 / 300
    assert rows["丙初中部"]["values"]["M6"] == 0.1       # 20 / 200
