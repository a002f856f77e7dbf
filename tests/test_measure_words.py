"""A measure kind's words are written once, in generator.render.measure_words, so no two outputs word a rule differently:
the 自查报告's table sentence, the 整改方案's 整改目标, the terminal's value and standard, the audit's
field formulas and every standard's op and decimals come from the verdict's measure kind and rule.

Each expected text is written out by hand from the rule (threshold, op, decimals) and the facts.
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
import yaml

from conftest import REPO, school, write_yaml
from generator.audit.core import audit_facts
from generator.render.measure_words import sentence, standard_phrase, target
from generator.criteria.profiles import load_profile
from generator.criteria.verdicts import Verdict
from generator.errors import InputError, InputErrors
from generator.io.facts import load_facts
from generator.render.report_common import fill_clause, verdict_sentence
from generator.render.report_county import cv_standard_text
from generator.render.terminal import standard_text, value_text


def verdict(**fields) -> Verdict:
    base = dict(rule="K3", name="生均图书册数", value=Decimal("10.805301"), standard=Decimal(15), op=">=",
                unit="册/生", status="fail", deficit=4115, deficit_unit="册", decimals=1, wording="不少于",
                measure="per_student")
    return Verdict(**{**base, **fields})


# ---------------------------------------------------------------- the 自查报告's table sentence
def test_table_sentences_by_kind():
    # 10600 ÷ 981 = 10.8 (1 place); 15 × 981 − 10600 = 4115 册, "图书" the one word for books
    assert verdict_sentence(verdict(), "books") == "生均图书册数为10.8册，低于标准（15册），尚缺图书4115册。"
    assert verdict_sentence(verdict(status="pass", value=Decimal(16)), "books") == \
        "生均图书册数为16.0册，达到标准（不少于15册）。"
    # 校舍: the same word as the 存在的问题 sentence (the copy that said 校舍建筑面积 is gone)
    area = verdict(rule="K1", name="生均校舍建筑面积（不含宿舍）", value=Decimal("3.686035"), standard=Decimal("5.2"),
                   unit="㎡/生", deficit=Decimal("1485.2"), deficit_unit="㎡", decimals=2, wording="不低于")
    assert verdict_sentence(area, "building_area_m2") == \
        "生均校舍建筑面积（不含宿舍）为3.69㎡，低于标准（5.2㎡），尚缺校舍1485.2㎡。"
    # 生机比 981 ÷ 110 = 8.9:1; ⌈981 ÷ 8⌉ − 110 = 13 台
    k4 = verdict(rule="K4", name="生机比", value=Decimal("8.918182"), standard=Decimal(8), op="<=", unit="生/台",
                 deficit=13, deficit_unit="台", wording="", measure="students_per")
    assert verdict_sentence(k4, "computers") == "生机比为8.9:1，未达到标准（8:1），尚缺计算机13台。"
    assert verdict_sentence(dataclasses.replace(k4, unbounded=True, deficit=123), "computers") == \
        "生机比：学校尚无学生用计算机，未达到标准（8:1），尚缺计算机123台。"
    flag = verdict(rule="K10", name="课程方案实施", value=Decimal(0), standard=Decimal(1), op="==", unit="",
                   deficit=None, deficit_unit="", decimals=0, wording="开齐开足", measure="flag")
    assert verdict_sentence(flag) == "课程方案实施：未做到开齐开足，未达到标准。"
    labs = verdict(rule="K7", name="实验室配备", value=Decimal(1), standard=Decimal(3), op=">=", unit="",
                   deficit=2, deficit_unit="间", decimals=0, wording="按标准配齐", measure="labs")
    assert verdict_sentence(labs, "labs") == "实验室配备：按标准应配3类，现有1类，未达到标准，尚缺实验室2间。"


def test_a_missing_verdict_has_one_sentence_in_the_table_and_in_the_problems():
    missing = verdict(value=None, status="missing", missing=("books",), deficit=None)
    expected = "生均图书册数缺少图书册数数据，暂无法判定，须核实补报。"
    assert verdict_sentence(missing, "books") == expected == sentence(missing, None, "books")


# ---------------------------------------------------------------- the terminal's figures
def test_value_and_standard_text_come_from_the_kind():
    flag = verdict(measure="flag", value=Decimal(0), standard=Decimal(1), op="==", unit="", wording="开齐开足",
                   decimals=0)
    assert (value_text(flag), standard_text(flag)) == ("否", "开齐开足")
    assert value_text(dataclasses.replace(flag, value=None)) == "—"
    labs = verdict(measure="labs", value=Decimal(1), standard=Decimal(3), unit="", decimals=0)
    assert (standard_text(labs), standard_text(labs, "en")) == ("≥ 3 类", "≥ 3 types")
    k4 = verdict(measure="students_per", unbounded=True, standard=Decimal(8), op="<=", unit="生/台")
    assert (value_text(k4), value_text(k4, "en"), standard_text(k4)) == ("无（0台）", "none (0)", "≤ 8 生/台")
    assert (value_text(verdict()), standard_text(verdict())) == ("10.8", "≥ 15 册/生")


# ---------------------------------------------------------------- the 整改目标
def test_plan_target_is_the_kinds_standard_phrase():
    assert target(verdict()) == "生均图书册数不低于15册"
    # the unit as the plan's own tables write it (a split 平方/米 at a line end is avoided: ㎡ is joined to its number)
    area = verdict(name="生均校舍建筑面积", standard=Decimal("5.2"), unit="㎡/生", decimals=2)
    assert (target(area), standard_phrase(area)) == ("生均校舍建筑面积不低于5.2㎡", "不低于5.2平方米")
    k4 = verdict(name="生机比", standard=Decimal(8), op="<=", unit="生/台", measure="students_per")
    assert target(k4) == "生机比不高于8:1"
    # the op is the rule's: a ">=" ratio rule would say 不低于 (the phrase was hard-coded 不高于)
    assert standard_phrase(dataclasses.replace(k4, op=">=")) == "不低于8:1"
    assert target(verdict(measure="flag", wording="开齐开足")) == "开齐开足"
    assert target(verdict(measure="per_class", wording="每个教学班均配备")) == "每个教学班均配备"
    assert target(verdict(measure="labs", wording="", standard=Decimal(3))) == "按标准配齐3类实验室"
    assert target(verdict(standard=None)) == "达到规定标准"
    # a measures-library clause's {standard}
    assert fill_clause("达到{standard}", verdict(), "甲") == "达到15册"
    assert fill_clause("达到{standard}", k4, "甲") == "达到8:1"


# ---------------------------------------------------------------- decimals and op from the rules
def test_cv_standard_follows_the_op_and_the_decimals():
    cv = Verdict(rule="C2-primary", name="综合差异系数（小学）", value=Decimal("0.6"), standard=Decimal("0.6543"),
                 op="<=", unit="", decimals=4, cv_stage="primary")

    class Condition:
        applicable = [cv, dataclasses.replace(cv, cv_stage="junior", standard=Decimal("0.55"))]
    # 4 places as the rule says (was always 3: 0.654)
    assert cv_standard_text(Condition) == "小学不高于0.6543、初中不高于0.55"
    Condition.applicable = [dataclasses.replace(cv, op=">=")]
    assert cv_standard_text(Condition) == "小学不低于0.6543"


def test_a_standard_is_printed_to_the_rules_decimals():
    # 0.65 at 2 places stays 0.65; at 1 place the rule says 0.7 (no hidden floor of 3 places)
    assert standard_phrase(verdict(unit="", standard=Decimal("0.65"), op="<=", decimals=2)) == "不高于0.65"
    assert standard_phrase(verdict(unit="", standard=Decimal("0.65"), op="<=", decimals=1)) == "不高于0.7"


def _profile_without(tmp_path, drop_from: str, rule_id: str):
    source = REPO / "rules" / ("basic_conditions/default.yaml" if drop_from == "rules" else "monitoring.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    for entry in data[drop_from]:
        if entry["id"] == rule_id:
            del entry["decimals"]
    copy = write_yaml(tmp_path / source.name, data)
    key = "basic_conditions" if drop_from == "rules" else "monitoring"
    profile = {"inherits": "basic-2012", "id": "本县", key: str(copy)}
    return write_yaml(tmp_path / "本县.yaml", profile)


@pytest.mark.parametrize("drop_from,rule_id", [("rules", "K3"), ("rules", "K10"), ("indicators", "M1")])
def test_the_loader_requires_decimals(tmp_path, drop_from, rule_id):
    profile = _profile_without(tmp_path, drop_from, rule_id)
    with pytest.raises((InputError, InputErrors)) as caught:
        load_profile(str(profile))
    errors = getattr(caught.value, "errors", [caught.value])
    assert [(e.key, e.params["detail"]["en"]) for e in errors] == \
        [(f"{rule_id}.decimals", "indicator needs 'decimals'" if drop_from == "indicators" else "rule needs 'decimals'")]
    assert "须写明 decimals" in errors[0].describe("zh")
    assert errors[0].file.endswith((".yaml",)) and errors[0].line is not None


@pytest.mark.parametrize("measure", ["value", "students_per", "重量"])
def test_a_cv_indicator_is_a_fact_over_the_students(tmp_path, measure):
    # the 差异系数 divide an indicator's fact by the students (生均 or 每百名): any other kind is refused at
    # loading, naming the indicator, instead of being read as 生均 by the tables and failing in the audit
    source = REPO / "rules" / "monitoring.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    data["indicators"][1]["measure"] = measure
    copy = write_yaml(tmp_path / source.name, data)
    profile = write_yaml(tmp_path / "本县.yaml", {"inherits": "basic-2012", "id": "本县", "monitoring": str(copy)})
    with pytest.raises((InputError, InputErrors)) as caught:
        load_profile(str(profile))
    errors = getattr(caught.value, "errors", [caught.value])
    assert [(e.key, e.params["detail"]["en"]) for e in errors] == \
        [(f"{data['indicators'][1]['id']}.measure", f"unknown measure '{measure}'; known: per_student, per_100_students")]
    assert f"未知的计算方式“{measure}”，可选：per_student, per_100_students" in errors[0].describe("zh")


def test_every_rule_file_states_decimals():
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        for key in ("rules", "indicators"):
            for rule in data.get(key) or []:
                assert isinstance(rule.get("decimals"), int), (path.name, rule.get("id"))


# ---------------------------------------------------------------- the audit's field formulas
def _audit(tmp_path, facts, claims):
    path = write_yaml(tmp_path / "s.yaml", school(**facts, claims=claims))
    return audit_facts(load_facts(path), load_profile("basic-2012"))


def test_audit_field_claims_use_the_kinds_formula(tmp_path):
    # 生均 of a fact no rule measures: 3000 ㎡ ÷ 1000 students = 3 ㎡/生
    rows = _audit(tmp_path, {"sports_area_m2": 3000, "students": 1000},
                  [{"of": "sports_area_m2", "measure": "per_student", "value": 3}]).rows
    assert rows[0].recomputed == Decimal(3) and rows[0].status == "agree"
    assert rows[0].how["zh"] == "体育运动场馆面积 ÷ 在校生数 = 3000 ÷ 1000 = 3"
    assert rows[0].unit == "㎡/生"


def test_audit_county_and_zero_denominator_use_the_kinds_formula(tmp_path):
    # a rate of a fact no rule measures: 30 ÷ 40 teachers = 0.75, shown as a share (%)
    rows = _audit(tmp_path, {"teachers_mid_senior_title": 30, "teachers": 40},
                  [{"of": "teachers_mid_senior_title", "measure": "rate", "value": "75%"}]).rows
    assert (rows[0].recomputed, rows[0].unit) == (Decimal("0.75"), "%")
    assert rows[0].how["zh"] == "中级及以上职称教师数 ÷ 专任教师数 = 30 ÷ 40 = 0.75"


def test_a_zero_denominator_is_said_once_for_rules_and_claims():
    from generator.audit.formula_words import FORMULA_WORDS, quotient_outcome
    from generator.audit.words import W
    out = quotient_outcome("per_100_students", Decimal(9), 0, W("县级以上骨干教师数", "backbone_teachers"),
                           W("在校生数", "students"), "人")
    assert out.value is None and out.impossible and out.unit == "人/百生"
    assert out.how == {"zh": "在校生数为 0，县级以上骨干教师数 × 100 ÷ 在校生数无法计算",
                       "en": "students is 0: backbone_teachers × 100 ÷ students cannot be computed"}
    assert FORMULA_WORDS["per_100_students"].quotient_unit("人") == "人/百生"
    assert FORMULA_WORDS["per_student"].quotient_unit("册") == "册/生"
    assert FORMULA_WORDS["rate_of"].quotient_unit("人") == "%"


def test_a_conclusion_states_an_at_least_requirement_as_filed_reports_do():
    # "得分96分，达到85分以上的要求" (the county 自查报告's 三是/四是): at least → "N以上"; at most → the standard phrase
    from decimal import Decimal

    from generator.render.measure_words import required_phrase
    from generator.criteria.verdicts import Verdict
    score = Verdict(rule="C3", name="县级人民政府推进义务教育均衡发展工作得分", value=Decimal(96), standard=Decimal(85),
                    op=">=", unit="分", decimals=0)
    assert required_phrase(score) == "85分以上"
    rate = Verdict(rule="C4", name="公众满意度", value=Decimal("0.915"), standard=Decimal("0.85"), op=">=", unit="%",
                   decimals=4)
    assert required_phrase(rate) == "85%以上"
    cv = Verdict(rule="C2-primary", name="综合差异系数（小学）", value=Decimal("0.081"), standard=Decimal("0.65"),
                 op="<=", unit="", decimals=3)
    assert required_phrase(cv) == "不高于0.65"
