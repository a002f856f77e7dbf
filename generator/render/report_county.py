"""Context of the county 自查报告 (doc_templates/report_county.docx): the schools, the CV
tables, the government score and the four conditions, all read from the evaluation."""
from __future__ import annotations

from decimal import Decimal

from generator.criteria.government import government_facts
from generator.render.measure_words import required_phrase, standard_phrase
from generator.model import schema
from generator.numbers import doc_number, doc_plain, exact, fixed_text, share_percent
from generator.render import prose
from generator.render.report_common import (STATUS_WORDS, facts_by_rule, fill_clause, find_measure, format_date, government_note,
                                            load_measures, profile_citation, standard_citation)
from generator.render.terminal import deficit_text, stage_suffix, standard_text, value_text


# What the four county conditions measure (rules/county.yaml `measure:`). A document picks a
# condition's sentence by its measure, never by its id.
SCHOOLS_MEETING, COMPOSITE_CV, GOVERNMENT_SCORE, SATISFACTION = (
    "schools_meeting_standard", "composite_cv", "government_score", "value")


def county_report_context(county, result, profile, date=None, measures=None) -> dict:
    """`result`: the county's Evaluation (generator.criteria.evaluation)."""
    measures = measures or load_measures()
    school_results = result.schools
    total_students = sum(entry.school.total_students for entry in school_results)
    by_type: dict[str, int] = {}
    for entry in school_results:
        label = schema.STAGE_LABELS[entry.school.stage]
        by_type[label] = by_type.get(label, 0) + 1
    type_text = "、".join(f"{label}{count}所" for label, count in by_type.items())
    excluded = [row for row in result.rows if not row.get("included", True)]
    excluded_names = sorted({row["name"] for row in excluded})
    summary = (f"全县共有义务教育阶段学校{len(school_results)}所（{type_text}），"
               f"在校生{doc_number(total_students, 0)}人。")
    if excluded_names:
        summary += f"其中{'、'.join(excluded_names)}按规定不计入差异系数。"
    failing = [entry.name for entry in school_results if entry.status == "fail"]
    undecided = [entry.name for entry in school_results if entry.status == "missing"]
    summary += (f"对照办学基本标准，{len(school_results) - len(failing) - len(undecided)}所学校{STATUS_WORDS['pass']}"
                + (f"，{len(failing)}所{STATUS_WORDS['fail']}（{'、'.join(failing)}）" if failing else "")
                + (f"，{len(undecided)}所因缺少数据暂无法判定（{'、'.join(undecided)}）" if undecided else "")
                + ("。" if failing or undecided else f"，全部{STATUS_WORDS['pass']}。"))

    school_rows = []
    for entry in school_results:
        school = entry.school
        not_met = [f"{v.name}{stage_suffix(v)}" + (f"（{STATUS_WORDS['missing']}）" if v.status == "missing" else "")
                   for v in entry.verdicts if v.status in ("fail", "missing")]
        school_rows.append({"name": school.name, "type": schema.STAGE_LABELS[school.stage],
                            "students": doc_number(school.total_students, 0),
                            "status": STATUS_WORDS[entry.status], "not_met": "；".join(not_met) or "—"})

    cv_tables = []
    indicator_names = {ind.id: ind.name for ind in profile.monitoring["indicators"]}
    composite_cv = result.condition(COMPOSITE_CV)
    places = profile.cv.decimals       # the standard's own places (monitoring.yaml)
    cv_sentences = []
    for stage, table in result.cv.items():
        verdict = next((v for v in composite_cv.verdicts if v.cv_stage == stage), None) if composite_cv else None
        rows = [{"id": key, "name": indicator_names.get(key, key),
                 "cv": fixed_text(table[key], places) if table[key] is not None else STATUS_WORDS["missing"]}
                for key in table if key.startswith("M")]
        composite = fixed_text(table["composite"], places) if table["composite"] is not None else STATUS_WORDS["missing"]
        standard = doc_number(verdict.standard, verdict.decimals) if verdict and verdict.standard is not None else "—"
        status = STATUS_WORDS[verdict.status] if verdict else "—"
        label = schema.PART_LABELS[stage]
        cv_tables.append({"stage": label, "schools": str(table["schools"]), "students": doc_number(table["students"], 0),
                          "rows": rows, "composite": composite, "standard": standard, "status": status,
                          "title": f"{label}（{table['schools']}所学校，在校生{doc_number(table['students'], 0)}人）"})
        if table["composite"] is None:
            cv_sentences.append(f"{label}综合差异系数因缺少数据无法计算。")
        else:
            relation = "达到" if verdict and verdict.status == "pass" else "未达到"
            phrase = standard_phrase(verdict) if verdict else "规定标准"
            cv_sentences.append(f"{label}综合差异系数为{composite}，{relation}{phrase}的要求。")

    government = result.government
    areas = profile.government.get("areas", {})
    government_rows = []
    for area_id, area in areas.items():
        items = [item for item in government["items"] if item["area"] == area_id]
        if not items:
            continue
        subtotal = sum((exact(item["score"]) for item in items), Decimal(0))
        government_rows.append({"id": area_id, "name": f"{area['name']}（小计）",
                                "points": doc_number(area.get("points", sum(i["points"] for i in items)), 2),
                                "score": doc_number(subtotal, 2), "note": "", "is_area": True})
        for item in items:
            government_rows.append({"id": item["id"], "name": item["name"], "points": doc_number(item["points"], 2),
                                    "score": doc_number(item["score"], 2), "note": government_note(item),
                                    "is_area": False})
    lost = [item for item in government["items"] if item["status"] != "pass"]
    facts = government_facts(county)
    rule_checks = {item.id: item.checks for item in profile.government.get("items", [])}
    government_text = (f"县级人民政府推进义务教育均衡发展工作评估得分{doc_number(government['score'], 2)}分"
                       f"（满分{government['total']}分，{government['pass_score']}分以上为{STATUS_WORDS['pass']}）")
    if lost:
        government_text += f"，{len(lost)}个项目失分：" + "；".join(
            f"{item['name']}得{doc_number(item['score'], 2)}分（满分{item['points']}分）" for item in lost)
    government_text += "。"

    conditions = []
    for condition in result.conditions:
        for verdict in condition.verdicts:
            # "C2-primary" is the rule id; the table shows C2 and the 学段 is already in the name.
            conditions.append({"id": condition.id, "name": verdict.name,
                               "standard": _condition_standard(verdict, condition),
                               "value": value_text(verdict) if verdict.value is not None else "—",
                               "status": STATUS_WORDS[verdict.status], "deficit": deficit_text(verdict) or "—"})
    condition_sentences = _condition_sentences(result, failing)
    met_all = bool(result.passed)
    not_met = [c for c in result.conditions if c.status not in ("pass", "n/a")]
    failed = [c.name for c in result.conditions if c.status == "fail"]
    unknown = [c.name for c in result.conditions if c.status == "missing"]
    if met_all:
        conclusion = (f"经自查，{county.name}县域义务教育基本均衡发展四项条件均已达到，"
                      "特申请上级评估认定。")
    else:
        # a condition the facts leave open is said to be open, not "未达到" (the evaluation's status);
        # each is said as what falls short, never as the requirement's own words in brackets (which
        # would read as its opposite: "未达到（学校均达到…）")
        parts = ([f"{len(failed)}项条件未达到：" + "；".join(_short_of(c, failing) for c in result.conditions
                                                          if c.status == "fail")] if failed else []) + \
            ([f"{len(unknown)}项条件缺少数据无法判定（" + "、".join(f"“{name}”" for name in unknown) + "）"]
             if unknown else [])
        conclusion = (f"经自查，{county.name}尚有" + "，".join(parts) +
                      ("，须按整改方案限期整改后再申请评估认定。" if failed else "，补齐数据后再申请评估认定。"))
    problems = []
    rule_of = facts_by_rule(profile)
    for entry in school_results:
        for verdict in entry.verdicts:
            if verdict.status in ("fail", "missing"):
                problems.append(entry.name + prose.problem_sentence(verdict, entry.school, rule_of.get(verdict.rule)))
    for sentence, cond in zip(condition_sentences, result.conditions):
        if cond.status in ("fail", "missing") and cond.measure != SCHOOLS_MEETING:
            problems.append(sentence[2:] if sentence[:2] in ("二是", "三是", "四是") else sentence)
    for item in lost:
        problems.append(f"{item['name']}：{prose.government_problem(item, facts, rule_checks.get(item['id'], ()))}"
                        f"（{government_note(item)}）。")
    measure_lines = []
    for cond in not_met:
        entry = find_measure(measures, cond.id, None)
        cv_target = cv_standard_text(cond) if cond.measure == COMPOSITE_CV else None
        measure_lines.append(f"{cond.name}：" + "；".join(
            fill_clause(c, None, county.name, standard=cv_target) for c in entry["measures"]) + "。")
    for item in lost:
        entry = find_measure(measures, item["id"], None)
        measure_lines.append(f"{item['name']}：" + "；".join(fill_clause(c, None, county.name, quantity="")
                                                          for c in entry["measures"]) + "。")
    year = county.get("year")
    work, practices, plans = prose.narrative_sections(county, "本县")
    for number, table in enumerate(cv_tables, 1):
        table["heading"] = f"{number}．{table['title']}" if len(cv_tables) > 1 else ""
    return {
        "work_sections": work,
        "sample_note": prose.sample_note(county),
        "drafted": [s["title"] for s in work + [practices] if s.get("drafted")],
        "practices": practices,
        "plans": plans,
        "placeholders": [s["title"] for s in work + [practices] if s["placeholder"]],
        "profile_citation": profile_citation(profile),
        "standard_name": standard_citation(profile),
        "doc_title": f"{county.name}义务教育基本均衡发展自查报告",
        "county": {"name": county.name, "province": county.get("province", ""),
                   "year": str(year) if year else "", "schools": str(len(school_results)),
                   "students": doc_number(total_students, 0)},
        "profile_name": profile.name,
        "intro": (f"按照{profile_citation(profile)}的要求，"
                  f"{county.name}对县域内义务教育学校办学基本条件、校际差异系数、县级人民政府推进工作"
                  "和公众满意度进行了全面自查，现将自查情况报告如下。"),
        "schools_summary": summary,
        "school_rows": school_rows,
        "cv_tables": cv_tables,
        "cv_text": "".join(cv_sentences),
        "government": {"score": doc_number(government["score"], 2), "total": str(government["total"]),
                       "pass_score": str(government["pass_score"])},
        "government_rows": government_rows,
        "government_text": government_text,
        "conditions": conditions,
        "condition_sentences": condition_sentences,
        "problems": problems,
        "measures": measure_lines,
        "passed": met_all,
        "conclusion": conclusion,
        "signer": f"{county.name}人民政府",
        "date_text": format_date(date),
    }


def cv_standard_text(condition) -> str:
    """"小学不高于0.650、初中不高于0.550": the 综合差异系数 limits of the 学段 the county has."""
    return "、".join(f"{schema.PART_LABELS[v.cv_stage]}{standard_phrase(v)}" for v in condition.applicable)


def _condition_standard(verdict, condition) -> str:
    if condition.measure == SCHOOLS_MEETING:
        return f"全部学校{STATUS_WORDS['pass']}"
    return standard_text(verdict)


def _short_of(condition, failing) -> str:
    """A failed condition in the conclusion: what falls short, from the condition's measure."""
    if condition.measure == SCHOOLS_MEETING:
        return f"全县有{len(failing)}所学校未达到办学基本标准"
    if condition.measure == COMPOSITE_CV:
        return "综合差异系数未达到要求"
    if condition.measure == GOVERNMENT_SCORE:
        return "县级人民政府推进工作得分未达到要求"
    if condition.measure == SATISFACTION:
        return "公众满意度未达到要求"
    return f"未达到“{condition.name}”的要求"


def _condition_sentences(result, failing) -> list[str]:
    """一是……四是……: one sentence per condition, each chosen by what the condition measures."""
    def deciding(measure):
        condition = result.condition(measure)
        return condition.verdict if condition is not None else None
    sentences = []
    c1 = deciding(SCHOOLS_MEETING)
    total = len(result.schools)
    if c1 is not None:
        if c1.status == "pass":
            sentences.append(f"一是全县{total}所义务教育学校全部达到办学基本标准。")
        elif c1.status == "missing":
            sentences.append("一是学校达标情况因缺少数据无法判定。")
        else:
            sentences.append(f"一是全县{total}所义务教育学校中{total - len(failing)}所达到办学基本标准，"
                             f"达标率{share_percent(c1.value)}，尚有{len(failing)}所学校{STATUS_WORDS['fail']}（{'、'.join(failing)}）。")
    c2 = result.condition(COMPOSITE_CV)
    if c2 is not None:
        parts = []
        for verdict in c2.applicable:
            label = schema.PART_LABELS[verdict.cv_stage]
            if verdict.value is None:
                parts.append(f"{label}综合差异系数缺少数据")
            else:
                # the stage's own verdict says whether it is met: evaluation decided, not this sentence
                relation = "达到" if verdict.status == "pass" else "未达到"
                parts.append(f"{label}综合差异系数为{fixed_text(verdict.value, verdict.decimals)}，{relation}{standard_phrase(verdict)}的要求")
        sentences.append("二是" + "；".join(parts) + "。")
    c3 = deciding(GOVERNMENT_SCORE)
    if c3 is not None:
        if c3.status == "missing":
            sentences.append(f"三是县级人民政府推进工作得分{value_text(c3)}分，有项目缺少数据，暂无法判定。")
        else:
            relation = "达到" if c3.status == "pass" else "未达到"
            sentences.append(f"三是县级人民政府推进工作得分{doc_plain(value_text(c3))}分，{relation}"
                             f"{required_phrase(c3)}的要求。")
    c4 = deciding(SATISFACTION)
    if c4 is not None:
        if c4.status == "missing":
            sentences.append("四是公众满意度缺少调查数据，暂无法判定。")
        else:
            relation = "达到" if c4.status == "pass" else "未达到"
            sentences.append(f"四是公众满意度为{doc_plain(value_text(c4))}，{relation}{required_phrase(c4)}的要求。")
    return sentences
