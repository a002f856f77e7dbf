"""Every measure kind, defined once (generator.criteria.measures): value, 尚缺, formula and sentence.

Each case is computed by hand in its comment; the rule is the real one from rules/ (its threshold is
data, not repeated here except as the hand-computed expectation).
"""
from __future__ import annotations

import ast
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from conftest import school, write_yaml
from source_trees import generator_trees
from generator.audit.formula_words import FORMULA_WORDS, condition_deficit_outcome, condition_outcome, cv_words
from generator.audit.formulas import deficit_formula, rule_formula
from generator.criteria.evaluate import evaluate
from generator.criteria.indicators import measure_rule, school_parts, threshold_for
from generator.criteria.measures import MEASURES, Measure, coefficient_of_variation
from generator.render.government_words import CHECK_WORDS, check_sentence
from generator.render.measure_words import WORDS, sentence
from generator.criteria.measures.government import GOVERNMENT_CHECKS
from generator.criteria.profiles import COUNTY_MEASURES, GOVERNMENT_MEASURES, SCHOOL_MEASURES, load_profile
from generator.criteria.rule_model import CountyCondition, GovernmentCheck, as_rule
from generator.criteria.verdicts import Verdict
from generator.io.facts import load_facts
from generator.numbers import for_comparison
from generator.render.prose import government_problem as problem_of_item
from generator.render.prose import problem_sentence

RULES = Path(__file__).resolve().parents[1] / "rules"


class Part:
    """A school part as the measures see it: its 学段 and its facts."""

    def __init__(self, part="primary", **facts):
        self.part, self.facts = part, facts


def rule_of(profile: str, rule_id: str) -> dict:
    return next(r for r in load_profile(profile).basic_rules if r.id == rule_id)


def failing(rule, measured, standard) -> Verdict:
    """The verdict the evaluation would make of a failing measurement (same fields as evaluate.py)."""
    return Verdict(rule=rule.id, name=rule.name, value=measured.value, standard=Decimal(standard),
                   op=rule.op, unit=rule.unit, status="fail", deficit=measured.deficit,
                   deficit_unit=measured.deficit_unit,
                   decimals=rule.decimals,
                   wording=rule.wording, measure=rule.measure, unbounded=measured.unbounded)


# (profile, rule, facts, standard, value, 尚缺, unit of 尚缺, sentence) — computed by hand
CASES = [
    # per_student K3: 10600 册 ÷ 981 人 = 10.8053…; 15 × 981 − 10600 = 4115 册 (a count: whole books)
    ("basic-2012", "K3", {"books": 10600, "students": 981}, 15, Decimal("10.805301"), 4115, "册",
     "生均图书册数仅10.8册，低于15册的标准，尚缺图书4115册。"),
    # per_100_students Q2: 9 × 100 ÷ 1000 = 0.9; 1 × 1000 ÷ 100 − 9 = 1 人
    ("quality-2017", "Q2", {"backbone_teachers": 9, "students": 1000}, 1, Decimal("0.9"), 1, "人",
     "每百名学生拥有县级以上骨干教师数仅0.9人，低于1人的标准，尚缺1人。"),
    # students_per K4: 981 ÷ 110 = 8.918…; ⌈981 ÷ 8⌉ = 123, 123 − 110 = 13 台
    ("basic-2012", "K4", {"computers": 110, "students": 981}, 8, Decimal("8.918182"), 13, "台",
     "生机比为8.9:1，未达到不高于8:1的要求，尚缺计算机13台。"),
    # rate_of A8: 40 ÷ 50 = 0.8; 0.85 × 50 − 40 = 2.5 → 3 人 (people round up)
    ("example-a", "A8", {"teachers_above_required_degree": 40, "teachers": 50}, "0.85", Decimal("0.8"), 3, "人",
     "专（本）科以上学历教师比例为80%，低于85%的标准，相差5个百分点。"),
    # per_class K9: 18 ÷ 20 = 0.9; 1 × 20 − 18 = 2 间
    ("basic-2012", "K9", {"multimedia_classrooms": 18, "classes": 20}, 1, Decimal("0.9"), 2, "间",
     "多媒体教室（班班通）每班0.9间，未达到每个教学班均配备（实现班班通）的要求，尚缺多媒体教室2间。"),
    # value K5: 50 Mbps; 100 − 50 = 50 (not a count: 2 decimals)
    ("basic-2012", "K5", {"internet_bandwidth_mbps": 50}, 100, Decimal("50"), Decimal("50.00"), "Mbps",
     "接入互联网带宽仅50Mbps，低于100Mbps的标准，尚缺带宽50Mbps。"),
    # value of a rate K6: (0.8 − 0.7) × 100 = 10 个百分点
    ("basic-2012", "K6", {"network_space_rate": Decimal("0.7")}, "0.8", Decimal("0.7"), Decimal("10.00"), "个百分点",
     "教师网络学习空间开通应用率为70%，低于80%的标准，相差10个百分点。"),
    # value of a rate of people K8: (1 − 0.9) × 40 teachers = 4 人 must qualify
    ("basic-2012", "K8", {"qualified_degree_rate": Decimal("0.9"), "teachers": 40}, 1, Decimal("0.9"), 4, "人",
     "专任教师学历合格率为90%，低于100%的标准，相差10个百分点。"),
    # total G4: 35000 − 30000 = 5000 元
    ("guizhou", "G4", {"equipment_value_yuan": 30000, "classes": 10}, 35000, Decimal("30000"), Decimal("5000.00"),
     "元", "教学仪器设备总值仅30000元，低于35000元的标准，尚缺教学仪器设备5000元。"),
    # flag K10: not done → 0, no 尚缺
    ("basic-2012", "K10", {"courses_complete": False}, 1, Decimal("0"), None, "",
     "课程方案实施（开齐开足）：未做到开齐开足。"),
    # max_of_list G7: the largest class 48, 48 − 45 = 3 人 over
    ("guizhou", "G7", {"class_sizes": [40, 48, 44]}, 45, Decimal("48"), 3, "人",
     "班额为48人，超过45人的上限，尚缺3人。"),
    # labs K7: a primary school needs 1 type (science); none present → 0 types, 1 lab short
    ("basic-2012", "K7", {"labs": {}}, 1, Decimal("0"), 1, "间",
     "实验室配备：按标准应配1类，现有0类，尚缺实验室1间。"),
]


@pytest.mark.parametrize("profile,rule_id,facts,standard,value,deficit,unit,text", CASES,
                         ids=[f"{c[1]}-{rule_of(c[0], c[1]).measure}" for c in CASES])
def test_each_kind_value_deficit_sentence(profile, rule_id, facts, standard, value, deficit, unit, text):
    rule = rule_of(profile, rule_id)
    measured = measure_rule(rule, Part(**facts), Decimal(standard))
    assert measured.value == value
    assert measured.deficit == deficit
    assert measured.deficit_unit == unit
    assert sentence(failing(rule, measured, standard), None, rule.of) == text
    # the report's function is the same sentence
    assert problem_sentence(failing(rule, measured, standard), None, rule.of) == text


def test_students_per_without_computers_is_unbounded():
    # no computer: 981 × 10⁶ compares as huge; ⌈981 ÷ 8⌉ = 123 to buy
    rule = rule_of("basic-2012", "K4")
    measured = measure_rule(rule, Part(computers=0, students=981), Decimal(8))
    assert measured.unbounded and measured.deficit == 123
    assert sentence(failing(rule, measured, 8), None, "computers") == \
        "学校尚无学生用计算机，生机比达不到不高于8:1的标准，尚缺计算机123台。"


def test_missing_facts_are_named_never_guessed():
    rule = rule_of("basic-2012", "K3")
    assert measure_rule(rule, Part(students=981), Decimal(15)).needs == ("books", "students")
    assert measure_rule(rule, Part(books=10600), Decimal(15)).value is None
    rule9 = rule_of("basic-2012", "K9")
    assert measure_rule(rule9, Part(multimedia_classrooms=18), Decimal(1)).needs == ("multimedia_classrooms",
                                                                                     "classes")
    verdict = Verdict(rule="K3", name="生均图书册数", value=None, standard=Decimal(15), op=">=", unit="册/生",
                      status="missing", missing=("books",), measure="per_student")
    assert sentence(verdict) == "生均图书册数缺少图书册数数据，暂无法判定，须核实补报。"


def test_k3_from_a_school_file_with_its_basis_and_the_junior_threshold(tmp_path):
    # 东社小学-like school: 10600 books, 981 students → K3 10.8, standard 15, 尚缺 4115
    data = school(students=981, books=10600)
    facts = load_facts(write_yaml(tmp_path / "s.yaml", data))
    profile = load_profile("basic-2012")
    result = evaluate(facts, profile, "native")
    k3 = next(v for v in result.verdicts if v.rule == "K3")
    assert (k3.status, k3.standard, k3.deficit) == ("fail", Decimal(15), 4115)
    assert problem_sentence(k3, facts, "books") == \
        "生均图书册数仅10.8册（图书册数10600册，在校生981人），低于15册的标准，尚缺图书4115册。"
    # the junior K3 standard is 25 册: 900 students with 20000 books → 25 × 900 − 20000 = 2500
    junior = load_facts(write_yaml(tmp_path / "j.yaml", school(stage="junior", students=900, books=20000)))
    rule = rule_of("basic-2012", "K3")
    part = school_parts(junior, profile.monitoring["split"])[0]
    assert threshold_for(rule, part) == Decimal(25)
    assert measure_rule(rule, part, Decimal(25)).deficit == 2500


def test_check_prints_the_report_sentence(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(students=981, books=10600))
    out = run("check", path).output
    assert "存在的问题（自查报告原文）" in out
    assert "1. 生均图书册数仅10.8册（图书册数10600册，在校生981人），低于15册的标准，尚缺图书4115册。" in out
    english = run("check", path, "--lang", "en").output
    assert "Problems, as the 自查报告 states them (in Chinese)" in english and "尚缺图书4115册" in english
    # a school meeting every condition has nothing to explain
    assert "存在的问题" not in run("check", write_yaml(tmp_path / "g.yaml", school())).output


@pytest.mark.parametrize("profile,rule_id,facts,standard,value,deficit,unit,text", CASES,
                         ids=[c[1] for c in CASES])
def test_audit_formula_agrees_with_the_check(profile, rule_id, facts, standard, value, deficit, unit, text):
    """The audit's exact value, rounded as the check rounds, is the check's value; its 尚缺 is the check's."""
    rule = rule_of(profile, rule_id)
    part = Part(**facts)
    checked = measure_rule(rule, part, Decimal(standard))
    audited = rule_formula(rule, part, Decimal(standard))
    assert for_comparison(Decimal(audited.value)) == checked.value
    assert audited.how["zh"] and audited.how["en"]
    short = deficit_formula(rule, part, Decimal(standard))
    if checked.deficit is None:
        assert short.value is None and short.reason          # flag, max_of_list: no 尚缺 in the audit
    else:
        assert short.value == Decimal(checked.deficit)


def test_audit_formula_words_for_k3():
    rule = rule_of("basic-2012", "K3")
    part = Part(books=10600, students=981)
    assert rule_formula(rule, part, Decimal(15)).how["zh"] == "图书册数 ÷ 在校生数 = 10600 ÷ 981 = 10.8053"
    assert deficit_formula(rule, part, Decimal(15)).how["zh"] == "标准 × 在校生数 − 图书册数 = 15 × 981 − 10600 = 4115"


def _measures_in_rules() -> dict[str, set[str]]:
    """Every `measure:` of a rule, indicator or county condition in rules/ (all profiles)."""
    found: dict[str, set[str]] = {}
    for path in sorted(RULES.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in ("rules", "indicators", "conditions"):
            for entry in data.get(key) or []:
                if isinstance(entry, dict) and "measure" in entry:
                    found.setdefault(entry["measure"], set()).add(f"{path.name}:{entry.get('id')}")
    return found


def test_every_measure_in_rules_is_defined_once_with_all_four_parts():
    found = _measures_in_rules()
    assert {"per_student", "per_100_students", "students_per", "rate_of", "per_class", "value", "total", "flag",
            "max_of_list", "labs", "composite_cv", "government_score"} <= set(found)
    for kind in found:
        assert kind in MEASURES, f"{kind} ({sorted(found[kind])[:3]}) has no definition"
        entry = MEASURES[kind]
        assert entry.kind == kind
        for part in ("measure", "exact_value", "exact_deficit", "condition_shortfall"):
            assert callable(getattr(entry, part)), (kind, part)
    # the words of a kind are render's and the audit's, never criteria's; a kind with words of its own is a kind
    for part in ("sentence", "standard_phrase", "target", "value_text", "standard_text", "met_sentence",
                 "formula", "value_formula", "deficit_formula", "gap_words", "condition_words", "condition_deficit",
                 "indicator_words", "quotient_unit"):
        assert not hasattr(Measure, part) and not any(hasattr(m, part) for m in MEASURES.values()), part
    assert set(WORDS) <= set(MEASURES) and set(FORMULA_WORDS) <= set(MEASURES)
    # each school kind overrides what differs from the plain value, so no kind is an empty alias
    ratio_kinds = ("per_student", "per_100_students", "students_per", "rate_of", "per_class")
    for kind in ratio_kinds + ("flag", "max_of_list", "labs"):
        assert type(MEASURES[kind]).compute is not Measure.compute or kind == "labs", kind


def test_criteria_measures_compute_numbers_and_spell_no_words():
    """A formula's and a verdict's words are the audit's and render's: the only Chinese in a string of
    criteria/measures (docstrings aside) is a unit of the numbers it computes."""
    units = {"个百分点", "人", "间", "类"}
    han = re.compile("[\u4e00-\u9fff]")
    scanned = 0
    for name, tree in generator_trees():
        if not name.startswith("generator/criteria/measures/"):
            continue
        scanned += 1
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        words = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and id(node) not in docstrings and han.search(node.value) and node.value not in units]
        assert words == [], (name, words)
    assert scanned >= 6


def test_cv_and_score_words():
    # CV of (100 students, 1000), (300 students, 1500): per student 10 and 5; mean 2500/400 = 6.25;
    # variance = 0.25 × 3.75² + 0.75 × 1.25² = 4.6875; sd 2.1651…; CV = 0.34641…
    cv = coefficient_of_variation([(100, 1000), (300, 1500)])
    assert round(cv, 5) == Decimal("0.34641")
    words = cv_words("primary", 2, cv)
    assert words["zh"] == "小学 2 所学校按学生数加权：标准差 ÷ 全县均值 = 0.3464"
    verdict = Verdict(rule="C2-primary", name="综合差异系数", value=Decimal("0.7"), standard=Decimal("0.65"),
                      op="<=", unit="", status="fail", measure="composite_cv")
    c2 = as_rule({"id": "C2", "measure": "composite_cv"}, CountyCondition)
    c3 = as_rule({"id": "C3", "measure": "government_score"}, CountyCondition)
    short = condition_deficit_outcome(c2, verdict, Decimal("0.7"))
    assert short.value == Decimal("0.05") and short.how["zh"] == "综合差异系数 − 标准 = 0.7 − 0.65"
    government = {"total": 100, "items": [{"id": "B1", "points": 5, "score": 3}, {"id": "B2", "points": 5,
                                                                                   "score": 5}]}
    evaluation = type("E", (), {"government": government})()
    score = condition_outcome(c3, Decimal(98), None, evaluation, None).how
    assert score["zh"] == "B1–B2 各项得分之和 = 100 − B1 2 = 98（减去各项扣分）"     # the profile's own item ids
    # the composite CV's words count the profile's indicators and decimals (monitoring.yaml)
    basic = load_profile("basic-2012")
    words = condition_outcome(c2, Decimal("0.5"), "primary", None, basic).how
    assert words["zh"] == "小学八项差异系数（各保留三位小数）的平均数 = 0.5"


# ---------------------------------------------------------------- government checks
GOV_ITEM = {"id": "B9", "name": "教师工资不低于公务员", "checks": []}


def _gov(kind, check, facts):
    check = as_rule({**check, "measure": kind}, GovernmentCheck)
    names = check.of if isinstance(check.of, list) else [check.of]
    return GOVERNMENT_CHECKS[kind].value(check, facts, names, Decimal(check.threshold))


def test_government_check_values_by_hand():
    growth = {"funding_growth": {"生均教育事业费": [Decimal("0.05"), Decimal("-0.012"), Decimal("0.033")]}}
    assert _gov("count_negative", {"of": "funding_growth"}, growth) == (Decimal(1), False)   # one year fell
    short = {"subject_teachers": {"music": {"required": 5, "actual": 3}, "art": {"required": 2, "actual": 2}}}
    assert _gov("subjects_short", {"of": "subject_teachers"}, short) == (Decimal(1), False)   # music only
    sizes = {"class_sizes": [70, 60, 40, 56]}
    assert _gov("count_between", {"of": "class_sizes", "min": 66}, sizes) == (Decimal(1), False)   # 70
    assert _gov("share_between", {"of": "class_sizes", "min": 56, "max": 65}, sizes) == (Decimal("0.5"), False)
    assert _gov("share_between", {"of": "class_sizes", "min": 56, "max": 65}, {"class_sizes": []}) == (None, False)
    pay = ["teacher_avg_salary", "civil_servant_avg_salary"]
    assert _gov("ratio", {"of": pay}, {pay[0]: 9000, pay[1]: 10000}) == (Decimal("0.9"), False)
    assert _gov("ratio", {"of": pay}, {pay[0]: 0, pay[1]: 0}) == (Decimal(1), False)          # 0 / 0: all of nothing
    value, unbounded = _gov("ratio", {"of": pay}, {pay[0]: 5, pay[1]: 0})                       # 5 / 0: unbounded
    assert unbounded and value == Decimal(1000005)
    quota = ["quality_hs_quota_rate", "quality_hs_quota_rate_prev"]
    assert _gov("difference", {"of": quota}, {quota[0]: Decimal("0.45"), quota[1]: Decimal("0.5")}) == \
        (Decimal("-0.05"), False)
    assert _gov("flag", {"of": "no_key_schools"}, {"no_key_schools": False}) == (Decimal(0), False)
    assert _gov("value", {"of": "training_funds_rate"}, {"training_funds_rate": Decimal("0.04")}) == \
        (Decimal("0.04"), False)


def test_government_check_sentences():
    # a check kind's clause is render's; every kind with a clause of its own is a check kind
    assert set(CHECK_WORDS) <= set(GOVERNMENT_CHECKS) and not hasattr(GOVERNMENT_CHECKS["value"], "sentence")
    growth = {"funding_growth": {"生均教育事业费": [Decimal("0.05"), Decimal("-0.012"), Decimal("0.033")]}}
    falls = as_rule({"measure": "count_negative"}, GovernmentCheck)
    assert check_sentence(GOV_ITEM, {"of": "funding_growth"}, falls, growth) == \
        "生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，有1年负增长"
    sizes = {"class_sizes": [70, 60, 40, 56]}
    rule = as_rule({"measure": "share_between", "min": 56, "max": 65}, GovernmentCheck)
    assert check_sentence(GOV_ITEM, {"of": "class_sizes"}, rule, sizes) == \
        "全县4个教学班中班额56至65人的有2个，占50%"
    check = {"of": ["teacher_avg_salary", "civil_servant_avg_salary"], "unit": "%", "value": Decimal("0.9"),
             "standard": Decimal(1), "op": ">="}
    ratio = as_rule({"measure": "ratio"}, GovernmentCheck)
    assert check_sentence(GOV_ITEM, check, ratio, {}) == "教师工资不低于公务员为90%，低于100%的要求"
    item = {**GOV_ITEM, "checks": [{"of": "funding_growth", "status": "fail"}]}
    assert problem_of_item(item, growth, [falls]) == \
        "生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，有1年负增长"


def test_every_check_measure_in_rules_is_defined():
    found = set()
    for path in sorted(RULES.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for item in data.get("items") or []:
            if isinstance(item, dict):
                found |= {check["measure"] for check in item.get("checks") or [] if "measure" in check}
    assert found and found <= set(GOVERNMENT_CHECKS), found - set(GOVERNMENT_CHECKS)
    for kind, entry in GOVERNMENT_CHECKS.items():
        assert entry.kind == kind and callable(entry.value)
    # the profile loader accepts exactly these kinds, and every school / county kind it accepts is defined
    assert set(GOVERNMENT_MEASURES) == set(GOVERNMENT_CHECKS)
    assert set(SCHOOL_MEASURES) <= set(MEASURES) and set(COUNTY_MEASURES) <= set(MEASURES)
