"""The document contexts read the evaluation; they never decide again (a document cannot disagree with check).

Sample: samples/county/county.yaml under basic-2012 — 14 schools, 10 meet the standard;
composite CV 0.081 (小学, standard 0.65) and 0.048 (初中, standard 0.55), both met; government
score 96 (pass score 85); satisfaction 91.5 % (standard 85 %).
"""
from __future__ import annotations

import copy
import dataclasses

import pytest

from conftest import REPO
from generator.criteria.evaluate import evaluate
from generator.criteria.profiles import load_profile
from generator.i18n import BLANK_DATE, STATUS_WORDS
from generator.io.facts import load_facts
from generator.io.costs_file import load_costs
from generator.render.plan import plan_context
from generator.render.report_common import format_date, load_measures
from generator.render.report_county import county_report_context


@pytest.fixture(scope="module")
def county():
    return load_facts(REPO / "samples" / "county" / "county.yaml")


def _evaluated(county, profile):
    return evaluate(county, profile, "native")


def test_cv_sentence_follows_each_stage_verdict(county):
    profile = load_profile("basic-2012")
    result = _evaluated(county, profile)
    sentences = county_report_context(county, result, profile, "2024-09-01")["condition_sentences"]
    assert sentences[1] == ("二是小学综合差异系数为0.081，达到不高于0.65的要求；"
                            "初中综合差异系数为0.048，达到不高于0.55的要求。")
    # Whatever the figures, the sentence says what the verdict decided: a failed 初中 verdict
    # (value 0.048 untouched) is written 未达到, the 小学 one still 达到.
    junior = next(v for v in result.verdicts if v.rule == "C2-junior")
    junior.status = "fail"
    sentences = county_report_context(county, result, profile, "2024-09-01")["condition_sentences"]
    assert sentences[1] == ("二是小学综合差异系数为0.081，达到不高于0.65的要求；"
                            "初中综合差异系数为0.048，未达到不高于0.55的要求。")


def test_conditions_are_found_by_measure_not_by_id(county):
    """A profile that names its county conditions T1…T4 gets the same sentences and plan items."""
    shipped = load_profile("basic-2012")
    county_rules = copy.deepcopy(shipped.county)
    for number, cond in enumerate(county_rules["conditions"], 1):
        cond["id"] = f"T{number}"
    renamed = dataclasses.replace(shipped, county=county_rules)
    before = county_report_context(county, _evaluated(county, shipped), shipped, "2024-09-01")
    result = _evaluated(county, renamed)
    assert [c.id for c in result.conditions] == ["T1", "T2", "T3", "T4"]
    after = county_report_context(county, result, renamed, "2024-09-01")
    assert after["condition_sentences"] == before["condition_sentences"]
    assert after["problems"] == before["problems"]
    assert after["conditions"][0]["standard"] == "全部学校达标"      # T1 is the share of schools meeting it
    assert [c["id"] for c in after["conditions"]] == ["T1", "T2", "T2", "T3", "T4"]
    plan = plan_context(county, result, renamed, costs=load_costs(), measures=load_measures(), date="2024-09-01")
    # T1 (schools) is never an item of its own: its failing schools are; T2–T4 are all met.
    assert not [item for item in plan["items"] if item["id"].startswith("T")]
    assert {item["school"] for item in plan["items"] if item["school"] != county.name} == {
        "石门小学", "第二中学", "育英学校", "后山教学点"}


def test_status_words_and_blank_date_come_from_i18n(county):
    assert STATUS_WORDS == {"pass": "达标", "fail": "未达标", "missing": "缺数据", "n/a": "不适用"}
    assert BLANK_DATE == "　　年　　月　　日" == format_date(None)
    profile = load_profile("basic-2012")
    context = county_report_context(county, _evaluated(county, profile), profile)
    assert context["date_text"] == BLANK_DATE
    assert {row["status"] for row in context["school_rows"]} == {"达标", "未达标"}
    assert sum(row["status"] == "未达标" for row in context["school_rows"]) == 4
