"""`plan --least-cost` with facts missing and in English: the failing
items of a school whose other blocker is missing data are planned, the missing facts are named apart,
and "nothing to add" is said only when the re-check passed."""
from __future__ import annotations

import json
import re

from conftest import REPO, school, write_yaml

from generator.criteria.profiles import load_profile
from generator.io.facts import load_facts
from generator.plan.least_cost import least_cost_plan
from generator.render.least_cost_output import after_yaml, context, text
from generator.io.costs_file import load_costs

SAMPLE = REPO / "samples" / "county" / "county.yaml"


def _county(tmp_path, schools):
    return write_yaml(tmp_path / "county.yaml", {"kind": "county", "name": "测试县", "year": 2024, "schools": schools})


def test_example_a_plans_the_failing_items_and_names_the_missing_retention_rate(tmp_path, run):
    # example-a: 8 of 10 items, a left item at ≥ 60 % of its standard; no school gives 年巩固率 (A9).
    plan = least_cost_plan(load_facts(SAMPLE), load_profile("example-a"), load_costs())
    assert plan.problems == [] and not plan.reached and plan.settled
    # A9 counted as unmet: 石门小学 (610 students, rural) must meet 8 of the other 9 items.
    # A5 books 25 × 610 = 15,250 − 7,650 = 7,600 册; A1 land left at 60 % of 20 ㎡: 12 × 610 = 7,320 − 7,300
    # = 20 ㎡; A8 85 % of 33 teachers = 28.05 → 29 − 22 = 7 teachers above the required degree.
    shimen = [(a.fact, a.amount, a.cost_yuan) for a in plan.additions if a.school == "石门小学"]
    assert shimen == [("books", 7600, 228000), ("land_area_m2", 20, 6000),
                      ("teachers_above_required_degree", 7, 140000)]
    assert plan.total == 4676190
    assert len(plan.missing) == 15           # 13 schools, and 红星九年一贯制学校 for each 学段
    assert plan.missing[0] == {"school": "城关第一小学", "item": "A9 年巩固率", "facts": ["年巩固率"]}
    assert {"school": "红星九年一贯制学校", "item": "A9 年巩固率（初中）", "facts": ["年巩固率"]} in plan.missing
    shown = text(plan)
    assert "无需增加" not in shown and "无法达到" not in shown
    assert ("  缺少数据（该项按未达标测算，补报后复核）：A9 年巩固率（小学），需补报年巩固率：红星九年一贯制学校"
            in shown.splitlines())
    assert shown.splitlines()[-1] == "  复核（按增加后的数据重新评估）：除缺少数据的项目外均已测算，补报数据后复核"
    # the 整改方案 names the item without its rule id, as documents do
    assert context(plan)["lc_problems"][-1] == "缺少数据（该项按未达标测算，补报后复核）：年巩固率（初中），需补报年巩固率：红星九年一贯制学校"
    assert json.loads(json.dumps(plan.to_json()))["missing"][0]["facts"] == ["年巩固率"]

    # The plan holds whatever the missing fact turns out to be, as long as it reaches A9's floor:
    # every school passes with 年巩固率 90 % (A9 unmet, above 60 %) and with 99.5 % (met).
    for rate in ("0.9", "0.995"):
        applied = re.sub(r"^- kind: school\n", f"- kind: school\n  retention_rate: {rate}\n",
                         after_yaml(plan).decode("utf-8"), flags=re.MULTILINE)
        path = tmp_path / f"after-{rate}.yaml"
        path.write_text(applied, encoding="utf-8")
        result = run("check", path, "--profile", "example-a", "--json")
        assert result.exit_code == 0, result.output
        assert all(s["status"] == "pass" for s in json.loads(result.output)["schools"])


def test_all_items_rule_plans_around_a_missing_fact(tmp_path):
    # basic-2012 (every item): books not given, sports 5,000 ㎡ for 1,000 students against 5.2 ㎡ → 200 ㎡.
    path = _county(tmp_path, [school(name="甲小学", books=None, sports_area_m2=5000), school(name="乙小学")])
    plan = least_cost_plan(load_facts(path), load_profile("basic-2012"), load_costs())
    assert [(a.school, a.fact, a.amount, a.cost_yuan) for a in plan.additions] == [
        ("甲小学", "sports_area_m2", 200, 60000)]
    assert plan.missing == [{"school": "甲小学", "item": "K3 生均图书册数", "facts": ["图书册数"]}]
    # books are also a 差异系数 indicator: the county's CV cannot be computed without them
    assert plan.problems == ["小学差异系数缺少数据：图书册数"] and not plan.reached


def test_nothing_to_add_is_said_only_when_the_recheck_passed(tmp_path):
    # books missing, everything else met: no addition can be planned, and the school is not yet decided
    path = _county(tmp_path, [school(name="甲小学", books=None), school(name="乙小学")])
    plan = least_cost_plan(load_facts(path), load_profile("basic-2012"), load_costs())
    assert plan.additions == [] and not plan.reached
    lines = text(plan).splitlines()
    assert lines[1] == "  没有可测算的增加项（见下文）"
    assert not any("无需增加" in line for line in lines)
    passing = _county(tmp_path, [school(name="甲小学"), school(name="乙小学", books=21000)])
    lines = text(least_cost_plan(load_facts(passing), load_profile("basic-2012"), load_costs())).splitlines()
    assert lines[1] == "  无需增加：各校已达到学校标准，各项差异系数均在标准以内"
    assert lines[-1] == "  复核（按增加后的数据重新评估）：全部学校达标，差异系数达标"


def test_least_cost_text_in_english(run):
    result = run("plan", SAMPLE, "--least-cost", "--lang", "en")
    assert result.exit_code == 1        # the county falls short (as check and plan say); the plan reaches it
    lines = result.output.splitlines()
    assert lines[0] == "Least-cost plan: 清河县"
    # names of schools, facts and rules stay as rules/ and the fact file write them
    assert "    primary: add 图书册数 1,500 册, cost 45,000 yuan; K3 生均图书册数达标" in lines
    assert "  Total: 828,800 yuan (82.88 × 10,000 yuan)" in lines
    assert "  CV (primary, composite): 0.081 → 0.076" in lines
    assert lines[-1] == ("  Re-check (the facts with the additions, evaluated again): every school meets the "
                         "standard, every CV within its limit")
    assert not any(word in result.output for word in ("合计", "复核", "达标测算", "差异系数", "精确"))


def test_cv_problem_states_the_operator_in_words(tmp_path, run):
    # A CV limit "< 0" cannot be reached: the sentence says 标准低于0, never the raw "<0".
    profile = write_yaml(tmp_path / "zero.yaml", {
        "id": "zero", "inherits": str(REPO / "tests" / "profiles" / "cv-per-indicator.yaml"),
        "overrides": {"cv": {"op": "<", "threshold": {"primary": 0, "junior": 0}}}})
    path = _county(tmp_path, [school(name="甲小学", books=16000), school(name="乙小学", books=30000)])
    result = run("plan", path, "--least-cost", "--profile", profile)
    assert result.exit_code == 1
    assert "，标准低于0：差异系数只能靠提高低值学校降低" in result.output
    assert "标准<" not in result.output
    english = run("plan", path, "--least-cost", "--profile", profile, "--lang", "en")
    assert "Cannot be reached: " in english.output and "无法达到" not in english.output
