"""Context of the school 自查报告 (doc_templates/report_school.docx), and the worker of
`junheng report --each-school`."""
from __future__ import annotations

from generator.model import schema
from generator.numbers import doc_number
from generator.render import prose
from generator.render.drafts import count_by_stage
from generator.render.terminal import stage_suffix
from generator.i18n import STATUS_WORDS
from generator.numbers import base_money
from generator.render.report_common import (cn_number, facts_by_rule, fill_clause, find_measure,
                                            format_date, load_measures, profile_citation, standard_citation,
                                            verdict_row, verdict_sentence)


# ---------------------------------------------------------------- 基本情况
def _school_basic_text(school) -> str:
    facts = school.facts
    place = "".join(x for x in (facts.get("province"), facts.get("county")) if x)
    kind = "".join(x for x in (schema.LOCATIONS.get(facts.get("location"), ""),
                               schema.OWNERSHIPS.get(facts.get("ownership"), ""),
                               schema.STAGE_LABELS[school.stage]) if x)
    first = f"{school.name}" + (f"位于{place}，" if place else "") + f"是一所{kind}。"
    parts = []
    if facts.get("classes") is not None:
        parts.append(f"现有教学班{facts['classes']}个")
    parts.append(f"在校生{count_by_stage(facts['students'])}")
    if facts.get("teachers") and schema.stage_total(facts["teachers"]) is not None:
        parts.append(f"专任教师{count_by_stage(facts['teachers'])}")
    second = "学校" + "，".join(parts) + "。"
    areas = []
    for key, label in (("land_area_m2", "占地面积"), ("building_area_m2", "校舍建筑面积"),
                       ("teaching_aux_area_m2", "教学及辅助用房面积"), ("sports_area_m2", "体育运动场地面积")):
        if facts.get(key) is not None:
            areas.append(f"{label}{doc_number(facts[key])}平方米")
    things = []
    if facts.get("equipment_value_yuan") is not None:
        things.append(f"教学仪器设备值{base_money(facts['equipment_value_yuan'])}")
    for key, label, unit in (("books", "图书", "册"), ("computers", "计算机", "台"),
                             ("multimedia_classrooms", "多媒体教室", "间")):
        if facts.get(key) is not None:
            things.append(f"{label}{doc_number(facts[key], 0)}{unit}")
    third = ""
    if areas or things:
        third = "学校" + "，".join(areas + things) + "。"
    return first + second + third


def _school_info(school) -> dict:
    facts = school.facts
    return {"name": school.name, "stage": schema.STAGE_LABELS[school.stage],
            "location": schema.LOCATIONS.get(facts.get("location"), ""),
            "ownership": schema.OWNERSHIPS.get(facts.get("ownership"), ""),
            "province": facts.get("province", ""), "county": facts.get("county", ""),
            "year": str(facts.get("year", "")), "students": doc_number(school.total_students, 0),
            "classes": doc_number(facts.get("classes"), 0) if facts.get("classes") is not None else "—",
            "teachers": doc_number(schema.stage_total(facts["teachers"]), 0)
            if facts.get("teachers") and schema.stage_total(facts["teachers"]) is not None else "—"}



def school_report_context(school, result, profile, date=None, measures=None) -> dict:
    """`result`: the school's Evaluation (generator.criteria.evaluation)."""
    verdicts = result.verdicts
    rule_of = facts_by_rule(profile)
    measures = measures or load_measures()
    applicable = [v for v in verdicts if v.status != "n/a"]
    met = [v for v in applicable if v.status == "pass"]
    failed = [v for v in applicable if v.status == "fail"]
    missing = [v for v in applicable if v.status == "missing"]

    stages = []
    by_stage: dict = {}
    for verdict in verdicts:
        by_stage.setdefault(verdict.stage, []).append(verdict)
    for stage, items in by_stage.items():
        title = schema.PART_SUFFIX[stage] if stage else ""
        stages.append({"title": title, "rows": [verdict_row(v, rule_of.get(v.rule)) for v in items
                                                 if v.status != "n/a"]})
    # A lone （一） is not a heading: with one 学段 the table has no sub-heading at all.
    for number, stage in enumerate(stages, 1):
        stage["heading"] = f"（{cn_number(number)}）{stage['title']}" if len(stages) > 1 else ""

    sentences = [verdict_sentence(v, rule_of.get(v.rule)) for v in applicable]
    problems = prose.school_problems(school, result, profile)
    measure_lines = []
    for verdict in failed:
        entry = find_measure(measures, verdict.rule, rule_of.get(verdict.rule))
        clause = fill_clause(entry["measures"][0], verdict, school.name)
        measure_lines.append(f"{verdict.name}{stage_suffix(verdict)}：{clause}。")
    for verdict in missing:
        measure_lines.append(f"{verdict.name}{stage_suffix(verdict)}：补齐"
                             + "、".join(schema.label_of(k) for k in verdict.missing) + "数据，重新核算。")

    standard = standard_citation(profile)
    count_text = f"对照{standard}，应评{len(applicable)}项"
    if len(stages) > 1:
        count_text += "（分学段计）"
    count_text += f"，{STATUS_WORDS['pass']}{len(met)}项"
    if failed:
        count_text += f"，{STATUS_WORDS['fail']}{len(failed)}项"
    if missing:
        count_text += f"，缺少数据无法判定{len(missing)}项"
    if result.status == "pass":
        conclusion = count_text + f"。{school.name}达到办学基本标准。"
    elif result.status == "missing":
        # no item decides it yet: the facts still missing may (the evaluation's status, never guessed)
        conclusion = count_text + f"。{school.name}尚有指标缺少数据，补齐后方能判定是否达到办学基本标准。"
    else:
        conclusion = count_text + f"。{school.name}尚未达到办学基本标准，将按整改方案限期整改。"

    year = school.get("year")
    work, practices, plans = prose.narrative_sections(school, "本校")
    # 下一步打算 never shows a placeholder: without the narrative, the measures are written there
    placeholders = [s["title"] for s in work + [practices] if s["placeholder"]]
    return {
        "doc_title": f"{school.name}义务教育均衡发展自查报告",
        "school": _school_info(school),
        "profile_name": profile.name,
        "profile_citation": profile_citation(profile),
        "standard_name": standard,
        "year": str(year) if year else "",
        "intro": (f"为推进义务教育均衡发展，根据{profile_citation(profile)}和{standard}，"
                  f"{school.name}逐项开展自查，摸清家底，查找差距，现将自查情况报告如下。"),
        "basic_text": _school_basic_text(school),
        "work_sections": work,
        "sample_note": prose.sample_note(school),
        "drafted": [s["title"] for s in work + [practices] if s.get("drafted")],
        "practices": practices,
        "plans": plans,
        "stages": stages,
        "met_count": len(met), "failed_count": len(failed), "missing_count": len(missing),
        "applicable_count": len(applicable),
        "met_text": prose.passed_summary(met),
        "sentences": sentences,
        "problems": problems,
        "measures": measure_lines,
        "passed": bool(result.passed),
        "conclusion": conclusion,
        "placeholders": placeholders,
        "signer": school.name,
        "date_text": format_date(date),
    }
