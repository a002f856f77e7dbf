"""Context builders for the documents: 自查报告 (school and county) and 整改方案.

The logic lives here, in Python; the .docx templates in doc_templates/ only place the
prepared strings. Every number is formatted with generator.numbers.display (through
generator.render.terminal's value/standard/deficit helpers), so a document and `junheng check`
print the same figures.

    school_report_context(school, result, profile, date=None)  -> dict
    county_report_context(county, result, profile, date=None)  -> dict
    plan_context(subject, result, profile, ...)                 -> dict (also feeds the ledger)
    FIELD_DOCS[kind]: what each top-level field holds (for --list-fields and the README)
"""
from __future__ import annotations

import datetime as _dt
import difflib
from decimal import Decimal
from pathlib import Path

import yaml

from generator import i18n
from generator.model import schema
from generator.errors import InputError, InputErrors
from generator.numbers import display, doc_money, doc_plain, exact, round_half_up
from generator.render import prose
from generator.render.terminal import deficit_text, value_text
from generator.resources import rules_dir

MESSAGES = {
    "costs_unknown_key": {"zh": "未知的单价项“{name}”", "en": "unknown unit-cost key '{name}'"},
    "costs_known_keys": {"zh": "（可用的单价项：{keys}；见 rules/costs.yaml 及 README“Documents”一节）",
                         "en": " (unit-cost keys: {keys}; see rules/costs.yaml and the README section "
                               "\"Documents\")"},
    "costs_bad_value": {"zh": "单价应为非负数字，实际是“{got}”", "en": "a unit cost must be a non-negative number, got '{got}'"},
    "bad_date": {"zh": "日期应写成 2024-09-01 或 2024年9月1日，实际是“{got}”",
                 "en": "a date must look like 2024-09-01, got '{got}'"},
    "measures_bad": {"zh": "整改措施库格式错误：{detail}", "en": "measures library error: {detail}"},
}
i18n.MESSAGES.update(MESSAGES)

PENDING = "（待填）"
BLANK_DATE = "　　年　　月　　日"
STATUS_WORDS = {"pass": "达标", "fail": "未达标", "missing": "缺数据", "n/a": "不适用"}


# ---------------------------------------------------------------- small formatting helpers
def _num(value, decimals: int = 2) -> str:
    """A number as people write it in a report: 1,485.2 / 15 / 0.081 (trailing zeros dropped)."""
    if value is None:
        return "—"
    text = display(exact(value), decimals)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return _group(text)


def _group(text: str) -> str:
    """No thousands separators in documents: real reports write 13125平方米 (generator.numbers)."""
    return text.replace(",", "")


def _compact(text: str) -> str:
    """"4,115 册" → "4115册": Chinese prose puts no space between a number and its unit."""
    return doc_plain(text.replace(" ", ""))


def _value_unit(unit: str) -> str:
    """"㎡/生" → "㎡", "册/生" → "册": the unit of the per-student value as a sentence says it."""
    return unit.split("/")[0] if "/" in unit else unit


def _std_number(verdict) -> str:
    percent = verdict.unit == "%"
    text = display(verdict.standard, verdict.decimals, percent=percent)
    body, suffix = (text[:-1], "%") if text.endswith("%") else (text, "")
    if "." in body:
        body = body.rstrip("0").rstrip(".")
    return _group(body) + suffix


def _value_number(verdict) -> str:
    text = value_text(verdict)
    return _group(text[:-1]) + "%" if text.endswith("%") else _group(text)


def format_date(value) -> str:
    """2024-09-01 / date → "2024年9月1日"; None → a blank to fill in by hand."""
    if value in (None, ""):
        return BLANK_DATE
    if isinstance(value, str):
        value = parse_date(value)
    return f"{value.year}年{value.month}月{value.day}日"


def parse_date(text: str) -> _dt.date:
    import re
    text = str(text).strip()
    match = re.fullmatch(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?", text)
    if not match:
        raise InputErrors([InputError(None, None, "--date", "bad_date", got=text)])
    try:
        return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise InputErrors([InputError(None, None, "--date", "bad_date", got=text)]) from None


def _stage_suffix(verdict) -> str:
    return f"（{schema.PART_SUFFIX[verdict.stage]}）" if verdict.stage else ""


def _thing(of: str | None) -> str:
    """What a deficit is counted in: books → 图书, building_area_m2 → 校舍建筑面积."""
    words = {"books": "图书", "computers": "计算机", "multimedia_classrooms": "多媒体教室", "labs": "实验室",
             "building_area_m2": "校舍建筑面积", "sports_area_m2": "体育运动场地", "land_area_m2": "学校用地",
             "teaching_aux_area_m2": "教学及辅助用房", "equipment_value_yuan": "教学仪器设备值",
             "teachers": "专任教师", "teachers_above_required_degree": "高于规定学历教师",
             "internet_bandwidth_mbps": "带宽"}
    return words.get(of or "", schema.label_of(of) if of else "")


# ---------------------------------------------------------------- one verdict → one sentence
def verdict_sentence(verdict, of: str | None = None) -> str:
    """The sentence a report writes for one verdict, e.g.
    "生均图书册数为10.8册，低于标准（15册），尚缺图书4,115册。"
    """
    name = verdict.name + _stage_suffix(verdict)
    if verdict.status == "missing":
        labels = "、".join(schema.label_of(k) for k in verdict.missing) or "相关"
        return f"{name}：缺少{labels}数据，暂无法判定，请补充后重新核算。"
    if verdict.status == "n/a":
        return ""
    passed = verdict.status == "pass"
    measure = verdict.measure
    deficit = _compact(deficit_text(verdict))
    short = f"，尚缺{_thing(of)}{deficit}" if deficit and _thing(of) else (f"，尚缺{deficit}" if deficit else "")
    wording = verdict.wording or ""

    if measure == "flag":
        return f"{name}：{wording or '符合要求'}，达到标准。" if passed else \
            f"{name}：未做到{wording or '符合要求'}，未达到标准。"
    if measure == "labs":
        if passed:
            return f"{name}：按标准应配{_num(verdict.standard, 0)}类，已全部配齐，达到标准。"
        return f"{name}：按标准应配{_num(verdict.standard, 0)}类，现有{_num(verdict.value, 0)}类，未达到标准{short}。"
    if measure == "students_per":
        if getattr(verdict, "unbounded", False):
            return f"{name}：学校尚无学生用计算机，未达到标准（{_std_number(verdict)}:1）{short}。"
        ratio = f"{_value_number(verdict)}:1"
        standard = f"{_std_number(verdict)}:1"
        return f"{name}为{ratio}，" + (f"达到标准（{standard}）。" if passed else f"未达到标准（{standard}）{short}。")
    if measure == "per_class":
        value = f"每班{_value_number(verdict)}{_value_unit(verdict.unit)}"
        target = wording or f"每班{_std_number(verdict)}{_value_unit(verdict.unit)}"
        return f"{name}：{value}，{target}，达到标准。" if passed else \
            f"{name}：{value}，未达到“{target}”的标准{short}。"
    if verdict.unit == "%":
        value, standard = _value_number(verdict), _std_number(verdict)
        if passed:
            word = wording if wording in ("不低于", "不少于", "不超过") else ""
            return f"{name}为{value}，达到标准（{word}{standard}）。"
        return f"{name}为{value}，{'低于' if verdict.op in ('>=', '>') else '高于'}标准（{standard}）" + \
            (f"，相差{deficit}。" if deficit else "。")
    unit = _value_unit(verdict.unit)
    value, standard = _value_number(verdict) + unit, _std_number(verdict) + unit
    if passed:
        return f"{name}为{value}，达到标准（{wording}{standard}）。" if wording in ("不低于", "不少于", "达到") else \
            f"{name}为{value}，达到标准（{standard}）。"
    relation = "低于" if verdict.op in (">=", ">") else "超过"
    return f"{name}为{value}，{relation}标准（{standard}）{short}。"


def _rule_of(profile) -> dict[str, str]:
    return {rule["id"]: rule.get("of") for rule in profile.basic_rules}


def verdict_row(verdict, of=None) -> dict:
    """One row of the 达标情况 table: 指标, 标准, 实际, 结论, 尚缺."""
    from generator.render.terminal import standard_text
    return {"id": verdict.rule, "name": verdict.name + _stage_suffix(verdict),
            "standard": doc_plain(standard_text(verdict)) if verdict.status != "n/a" else "—",
            "value": doc_plain(value_text(verdict)) if verdict.value is not None or
            getattr(verdict, "unbounded", False) else "—",
            "status": STATUS_WORDS[verdict.status], "deficit": doc_plain(deficit_text(verdict)) or "—"}


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
    students = facts["students"]
    if len(students) > 1:
        per = "、".join(f"{schema.PART_LABELS[p]}{_num(n, 0)}人" for p, n in students.items())
        parts.append(f"在校生{_num(school.total_students, 0)}人（{per}）")
    else:
        parts.append(f"在校生{_num(school.total_students, 0)}人")
    if facts.get("teachers"):
        parts.append(f"专任教师{_num(sum(facts['teachers'].values()), 0)}人")
    second = "学校" + "，".join(parts) + "。"
    areas = []
    for key, label in (("land_area_m2", "占地面积"), ("building_area_m2", "校舍建筑面积"),
                       ("teaching_aux_area_m2", "教学及辅助用房面积"), ("sports_area_m2", "体育运动场地面积")):
        if facts.get(key) is not None:
            areas.append(f"{label}{_num(facts[key])}平方米")
    things = []
    if facts.get("equipment_value_yuan") is not None:
        things.append(f"教学仪器设备值{_num(Decimal(str(facts['equipment_value_yuan'])) / 10000)}万元")
    for key, label, unit in (("books", "图书", "册"), ("computers", "计算机", "台"),
                             ("multimedia_classrooms", "多媒体教室", "间")):
        if facts.get(key) is not None:
            things.append(f"{label}{_num(facts[key], 0)}{unit}")
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
            "year": str(facts.get("year", "")), "students": _num(school.total_students, 0),
            "classes": _num(facts.get("classes"), 0) if facts.get("classes") is not None else "—",
            "teachers": _num(sum(facts["teachers"].values()), 0) if facts.get("teachers") else "—"}


# ---------------------------------------------------------------- school report
def standard_citation(profile) -> str:
    """How the documents name the school standard: "省定义务教育学校办学基本标准" (rules'
    `citation`), never the rule file's own name (which may say 默认 or cite a source file)."""
    return profile.basic_conditions.get("citation") or "省定义务教育学校办学基本标准"


def profile_citation(profile) -> str:
    """The evaluation's official document and 文号, from the rules (`citation` in county.yaml)."""
    return profile.county.get("citation") or "《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）"


def school_report_context(school, result: dict, profile, date=None, measures=None) -> dict:
    verdicts = result["_verdicts"]
    rule_of = _rule_of(profile)
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
    problems = [prose.problem_sentence(v, school, rule_of.get(v.rule)) for v in failed + missing]
    measure_lines = []
    for verdict in failed:
        entry = find_measure(measures, verdict.rule, rule_of.get(verdict.rule))
        clause = fill_clause(entry["measures"][0], verdict, school.name)
        measure_lines.append(f"{verdict.name}{_stage_suffix(verdict)}：{clause}。")
    for verdict in missing:
        measure_lines.append(f"{verdict.name}{_stage_suffix(verdict)}：补齐"
                             + "、".join(schema.label_of(k) for k in verdict.missing) + "数据，重新核算。")

    standard = standard_citation(profile)
    count_text = f"对照{standard}，应评{len(applicable)}项"
    if len(stages) > 1:
        count_text += "（分学段计）"
    count_text += f"，达标{len(met)}项"
    if failed:
        count_text += f"，未达标{len(failed)}项"
    if missing:
        count_text += f"，缺少数据无法判定{len(missing)}项"
    if result["passed"]:
        conclusion = count_text + f"。{school.name}达到办学基本标准。"
    else:
        conclusion = count_text + f"。{school.name}尚未达到办学基本标准，将按整改方案限期整改。"

    year = school.get("year")
    work = [prose.narrative_section(school, title, "本校") for title in ("统筹管理", "经费投入", "师资队伍",
                                                                          "教育教学管理")]
    for number, section in enumerate(work, 1):
        section["heading"] = f"（{cn_number(number)}）{section['title']}"
    practices = prose.narrative_section(school, "主要做法", "本校")
    plans = prose.narrative_section(school, "下一步打算", "本校")
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
        "practices": practices,
        "plans": plans,
        "stages": stages,
        "met_count": len(met), "failed_count": len(failed), "missing_count": len(missing),
        "applicable_count": len(applicable),
        "met_text": prose.passed_summary(met),
        "sentences": sentences,
        "problems": problems,
        "measures": measure_lines,
        "passed": bool(result["passed"]),
        "conclusion": conclusion,
        "placeholders": placeholders,
        "signer": school.name,
        "date_text": format_date(date),
    }


# ---------------------------------------------------------------- county report
def county_report_context(county, result: dict, profile, date=None, measures=None) -> dict:
    measures = measures or load_measures()
    school_results = result["_school_results"]
    total_students = sum(school.total_students for school, _, _ in school_results)
    by_type: dict[str, int] = {}
    for school, _, _ in school_results:
        by_type[schema.STAGE_LABELS[school.stage]] = by_type.get(schema.STAGE_LABELS[school.stage], 0) + 1
    type_text = "、".join(f"{label}{count}所" for label, count in by_type.items())
    excluded = [row for row in result["schools"] if not row.get("included", True)]
    excluded_names = sorted({row["name"] for row in excluded})
    summary = (f"全县共有义务教育阶段学校{len(school_results)}所（{type_text}），"
               f"在校生{_num(total_students, 0)}人。")
    if excluded_names:
        summary += f"其中{'、'.join(excluded_names)}按规定不计入差异系数。"
    failing = [school.name for school, _, passed in school_results if not passed]
    summary += (f"对照办学基本标准，{len(school_results) - len(failing)}所学校达标"
                + (f"，{len(failing)}所未达标（{'、'.join(failing)}）。" if failing else "，全部达标。"))

    school_rows = []
    for school, verdicts, passed in school_results:
        not_met = [f"{v.name}{_stage_suffix(v)}" + ("（缺数据）" if v.status == "missing" else "")
                   for v in verdicts if v.status in ("fail", "missing")]
        school_rows.append({"name": school.name, "type": schema.STAGE_LABELS[school.stage],
                            "students": _num(school.total_students, 0),
                            "status": "达标" if passed else "未达标", "not_met": "；".join(not_met) or "—"})

    cv_tables = []
    indicator_names = {ind["id"]: ind["name"] for ind in profile.monitoring["indicators"]}
    verdict_by_rule = {v.rule: v for v in result["_verdicts"]}
    cv_sentences = []
    for stage, table in result["cv"].items():
        verdict = verdict_by_rule.get(f"C2-{stage}")
        rows = [{"id": key, "name": indicator_names.get(key, key),
                 "cv": f"{table[key]:.3f}" if table[key] is not None else "缺数据"}
                for key in table if key.startswith("M")]
        composite = f"{table['composite']:.3f}" if table["composite"] is not None else "缺数据"
        standard = _num(verdict.standard, 3) if verdict and verdict.standard is not None else "—"
        status = STATUS_WORDS[verdict.status] if verdict else "—"
        label = schema.PART_LABELS[stage]
        cv_tables.append({"stage": label, "schools": str(table["schools"]), "students": _num(table["students"], 0),
                          "rows": rows, "composite": composite, "standard": standard, "status": status,
                          "title": f"{label}（{table['schools']}所学校，在校生{_num(table['students'], 0)}人）"})
        if table["composite"] is None:
            cv_sentences.append(f"{label}综合差异系数因缺少数据无法计算。")
        else:
            relation = "达到" if verdict and verdict.status == "pass" else "未达到"
            cv_sentences.append(f"{label}综合差异系数为{composite}，{relation}不高于{standard}的要求。")

    government = result["government"]
    areas = profile.government.get("areas", {})
    government_rows = []
    for area_id, area in areas.items():
        items = [item for item in government["items"] if item["area"] == area_id]
        if not items:
            continue
        subtotal = sum((exact(item["score"]) for item in items), Decimal(0))
        government_rows.append({"id": area_id, "name": f"{area['name']}（小计）",
                                "points": _num(area.get("points", sum(i["points"] for i in items)), 2),
                                "score": _num(subtotal, 2), "note": "", "is_area": True})
        for item in items:
            government_rows.append({"id": item["id"], "name": item["name"], "points": _num(item["points"], 2),
                                    "score": _num(item["score"], 2), "note": _government_note(item),
                                    "is_area": False})
    lost = [item for item in government["items"] if item["status"] != "pass"]
    facts = government_facts(county)
    rule_checks = {item["id"]: item.get("checks", []) for item in profile.government.get("items", [])}
    government_text = (f"县级人民政府推进义务教育均衡发展工作评估得分{_num(government['score'], 2)}分"
                       f"（满分{government['total']}分，{government['pass_score']}分以上为达标）")
    if lost:
        government_text += f"，{len(lost)}个项目失分：" + "；".join(
            f"{item['name']}得{_num(item['score'], 2)}分（满分{item['points']}分）" for item in lost)
    government_text += "。"

    conditions = []
    for verdict in result["_verdicts"]:
        # "C2-primary" is the rule id; the table shows C2 and the 学段 is already in the name.
        conditions.append({"id": verdict.rule.split("-")[0], "name": verdict.name, "standard": _condition_standard(verdict),
                           "value": value_text(verdict) if verdict.value is not None else "—",
                           "status": STATUS_WORDS[verdict.status], "deficit": deficit_text(verdict) or "—"})
    condition_sentences = _condition_sentences(result, failing)
    met_all = bool(result["passed"])
    not_met = [c for c in result["conditions"] if c["status"] not in ("pass", "n/a")]
    if met_all:
        conclusion = (f"经自查，{county.name}县域义务教育基本均衡发展四项条件均已达到，"
                      "特申请上级评估认定。")
    else:
        names = "、".join(c["name"] for c in not_met)
        conclusion = (f"经自查，{county.name}尚有{len(not_met)}项条件未达到（{names}），"
                      "须按整改方案限期整改后再申请评估认定。")
    problems = []
    for school, verdicts, passed in school_results:
        rule_of = _rule_of(profile)
        for verdict in verdicts:
            if verdict.status in ("fail", "missing"):
                problems.append(school.name + prose.problem_sentence(verdict, school, rule_of.get(verdict.rule)))
    for sentence, cond in zip(condition_sentences, result["conditions"]):
        if cond["status"] in ("fail", "missing") and cond["id"] != "C1":
            problems.append(sentence[2:] if sentence[:2] in ("二是", "三是", "四是") else sentence)
    for item in lost:
        problems.append(f"{item['name']}：{prose.government_problem(item, facts, rule_checks.get(item['id'], ()))}"
                        f"（{_government_note(item)}）。")
    measure_lines = []
    for cond in not_met:
        entry = find_measure(measures, cond["id"], None)
        measure_lines.append(f"{cond['name']}：" + "；".join(
            fill_clause(c, None, county.name, standard=_cv_standard_text(result) if cond["id"] == "C2" else None)
            for c in entry["measures"]) + "。")
    for item in lost:
        entry = find_measure(measures, item["id"], None)
        measure_lines.append(f"{item['name']}：" + "；".join(fill_clause(c, None, county.name, quantity="")
                                                          for c in entry["measures"]) + "。")
    year = county.get("year")
    work = [prose.narrative_section(county, title, "本县") for title in ("统筹管理", "经费投入", "师资队伍",
                                                                          "教育教学管理")]
    for number, section in enumerate(work, 1):
        section["heading"] = f"（{cn_number(number)}）{section['title']}"
    practices = prose.narrative_section(county, "主要做法", "本县")
    plans = prose.narrative_section(county, "下一步打算", "本县")
    for number, table in enumerate(cv_tables, 1):
        table["heading"] = f"{number}．{table['title']}" if len(cv_tables) > 1 else ""
    return {
        "work_sections": work,
        "practices": practices,
        "plans": plans,
        "placeholders": [s["title"] for s in work + [practices] if s["placeholder"]],
        "profile_citation": profile_citation(profile),
        "standard_name": standard_citation(profile),
        "doc_title": f"{county.name}义务教育基本均衡发展自查报告",
        "county": {"name": county.name, "province": county.get("province", ""),
                   "year": str(year) if year else "", "schools": str(len(school_results)),
                   "students": _num(total_students, 0)},
        "profile_name": profile.name,
        "intro": (f"按照{profile_citation(profile)}的要求，"
                  f"{county.name}对县域内义务教育学校办学基本条件、校际差异系数、县级人民政府推进工作"
                  "和公众满意度进行了全面自查，现将自查情况报告如下。"),
        "schools_summary": summary,
        "school_rows": school_rows,
        "cv_tables": cv_tables,
        "cv_text": "".join(cv_sentences),
        "government": {"score": _num(government["score"], 2), "total": str(government["total"]),
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


def government_facts(county) -> dict:
    """The county's government facts with the schools' subject teachers and class sizes put
    together where the county gives none (as evaluate does for scoring)."""
    facts = dict(county.government)
    facts.pop("_lines", None)
    if "subject_teachers" not in facts:
        merged: dict = {}
        for school in county.schools:
            for subject, counts in (school.get("subject_teachers") or {}).items():
                entry = merged.setdefault(subject, {"required": 0, "actual": 0})
                entry["required"] += counts["required"]
                entry["actual"] += counts["actual"]
        if merged:
            facts["subject_teachers"] = merged
    if "class_sizes" not in facts:
        sizes = [size for school in county.schools for size in (school.get("class_sizes") or [])]
        if sizes:
            facts["class_sizes"] = sizes
    return facts


def _cv_standard_text(result) -> str:
    parts = [f"{schema.PART_LABELS[k]}不高于{_num(v, 3)}"
             for k, v in (result["conditions"][1].get("standard") or {}).items()]
    return "、".join(parts)


def _condition_standard(verdict) -> str:
    from generator.render.terminal import standard_text
    if verdict.rule == "C1":
        return "全部学校达标"
    return standard_text(verdict)


def _condition_sentences(result, failing) -> list[str]:
    by_id = {c["id"]: c for c in result["conditions"]}
    verdicts = {v.rule: v for v in result["_verdicts"]}
    sentences = []
    c1 = verdicts.get("C1")
    total = len(result["_school_results"])
    if c1 is not None:
        if c1.status == "pass":
            sentences.append(f"一是全县{total}所义务教育学校全部达到办学基本标准。")
        elif c1.status == "missing":
            sentences.append("一是学校达标情况因缺少数据无法判定。")
        else:
            sentences.append(f"一是全县{total}所义务教育学校中{total - len(failing)}所达到办学基本标准，"
                             f"达标率{doc_plain(value_text(c1))}，尚有{len(failing)}所学校未达标（{'、'.join(failing)}）。")
    c2 = by_id.get("C2")
    if c2 is not None:
        parts = []
        for stage, value in (c2.get("value") or {}).items():
            standard = c2["standard"][stage]
            label = schema.PART_LABELS[stage]
            if value is None:
                parts.append(f"{label}综合差异系数缺少数据")
            else:
                relation = "达到" if exact(value) <= exact(standard) else "未达到"
                parts.append(f"{label}综合差异系数为{value:.3f}，{relation}不高于{_num(standard, 3)}的要求")
        sentences.append("二是" + "；".join(parts) + "。")
    c3 = verdicts.get("C3")
    if c3 is not None:
        if c3.status == "missing":
            sentences.append(f"三是县级人民政府推进工作得分{value_text(c3)}分，有项目缺少数据，暂无法判定。")
        else:
            relation = "达到" if c3.status == "pass" else "未达到"
            sentences.append(f"三是县级人民政府推进工作得分{doc_plain(value_text(c3))}分，{relation}"
                             f"{_num(c3.standard, 0)}分以上的要求。")
    c4 = verdicts.get("C4")
    if c4 is not None:
        if c4.status == "missing":
            sentences.append("四是公众满意度缺少调查数据，暂无法判定。")
        else:
            relation = "达到" if c4.status == "pass" else "未达到"
            sentences.append(f"四是公众满意度为{doc_plain(value_text(c4))}，{relation}{_std_number(c4)}以上的要求。")
    return sentences


def _government_note(item: dict) -> str:
    if item["status"] == "pass":
        return "满分"
    if item["status"] == "missing":
        return "缺少数据：" + "、".join(schema.label_of(k) for k in item.get("missing", []))
    lost = exact(item["points"]) - exact(item["score"])
    return f"扣{_num(lost, 2)}分"


# ---------------------------------------------------------------- measures and costs
def load_measures(path=None) -> dict:
    """The measures library, validated (generator.io.measures_file)."""
    from generator.io.measures_file import load_measures as _load
    return _load(path)


def find_measure(library: dict, rule_id: str, of: str | None) -> dict:
    """The library entry for an indicator: by id, else by the fact it measures, else the fallback."""
    items = library["items"]
    if rule_id in items:
        return items[rule_id]
    base = rule_id.split("-")[0]
    if base in items:
        return items[base]
    if of:
        for entry in items.values():
            if entry.get("of") == of:
                return entry
    return library["fallback"]


def fill_clause(clause: str, verdict, name: str, quantity: str | None = None, standard: str | None = None) -> str:
    if quantity is None:
        quantity = _compact(deficit_text(verdict)) if verdict is not None else ""
    if standard is None:
        if verdict is not None and verdict.standard is not None:
            standard = (f"{_std_number(verdict)}:1" if verdict.measure == "students_per"
                        else _std_number(verdict) + ("" if verdict.unit == "%" else _value_unit(verdict.unit)))
        else:
            standard = "规定标准"
    from generator.io.measures_file import render_clause     # no str.format: no reprs, no attribute access
    return render_clause(clause, quantity=quantity, standard=standard, name=name)


def _bad_char(text: str) -> bool:
    from generator.io.sanitize import bad_char
    return bad_char(text) is not None


def load_costs(override=None) -> dict:
    """Unit costs: rules/costs.yaml, with a county's file (--costs) overriding any key."""
    path = rules_dir() / "costs.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = {key: dict(value) for key, value in data["items"].items()}
    if override is None:
        return items
    from generator.model.facts import LineDict, parse_number, read_yaml
    override = Path(override)
    try:
        raw = read_yaml(override)
    except InputError as err:
        raise InputErrors([err]) from None
    if isinstance(raw, dict) and isinstance(raw.get("items"), dict):
        raw = raw["items"]
    if not isinstance(raw, dict):
        from generator.model.facts import _describe
        raise InputErrors([InputError(override, getattr(raw, "line", 1), None, "not_mapping",
                                      got=_describe(raw))])
    errors = []
    for key, value in raw.items():
        line = raw.lines.get(key) if isinstance(raw, LineDict) else None
        if key in ("id", "name", "provenance"):
            continue
        if key not in items:
            match = difflib.get_close_matches(str(key), list(items), n=1, cutoff=0.5)
            if match:
                errors.append(InputError(override, line, str(key), "costs_unknown_key", "did_you_mean",
                                         {"suggestion": f"{match[0]}（{items[match[0]]['name']}）"}, name=key))
            else:
                errors.append(InputError(override, line, str(key), "costs_unknown_key", "costs_known_keys",
                                         {"keys": "、".join(items)}, name=key))
            continue
        note = None
        if isinstance(value, dict):
            note = value.get("note")
            value = value.get("value")
        number = parse_number(value)
        if number is None or number < 0:
            from generator.model.facts import _describe
            errors.append(InputError(override, line, str(key), "costs_bad_value", got=_describe(value)))
            continue
        if note is not None and (not isinstance(note, str) or len(note) > 500 or _bad_char(note)):
            from generator.model.facts import _describe
            errors.append(InputError(override, line, f"{key}.note", "expected_text", got=_describe(note)))
            continue
        items[key]["value"] = number
        items[key]["note"] = note or f"本县单价（{override.name}）"
        items[key]["overridden"] = True
    if errors:
        raise InputErrors(errors)
    return items


# ---------------------------------------------------------------- plan
def _phase_years(year, phases: dict) -> dict[int, str]:
    """Phase number → deadline text: 2024年底前（建设推进年）, or the phase name alone."""
    result = {}
    for number, name in phases.items():
        number = int(number)
        if year:
            result[number] = f"{int(year) + number - 1}年底前（{name}）"
        else:
            result[number] = f"第{'一二三'[number - 1]}年（{name}）"
    return result


def plan_items(subject, result: dict, profile, *, costs: dict, measures: dict, deadline=None,
               date=None) -> list[dict]:
    """One item per failed or missing criterion, with measures, quantity, cost, responsible, deadline.

    A 民办 school's items are listed (it must meet the standard too) but their cost is the
    school's own (举办者自筹): cost_yuan is None, so no county total counts it."""
    phases = {int(k): v for k, v in measures.get("phases", {1: "建设推进年", 2: "巩固提升年", 3: "完善迎评年"}).items()}
    year = plan_year(subject, date)
    phase_deadlines = _phase_years(year, phases)
    deadline_text = format_date(deadline) + "前" if deadline else None
    rule_of = _rule_of(profile)
    items: list[dict] = []

    def responsible_for(responsibles: dict, *keys) -> str:
        for key in keys:
            if key and key in responsibles:
                return responsibles[key]
        return responsibles.get("default") or responsibles.get("默认") or PENDING

    def add(school_name, rule_id, name, problem, target, entry, verdict, responsibles, quantity_override=None,
            cost_quantity=None, extra_keys=(), private=False):
        phase = int(entry.get("phase", 2))
        quantity = quantity_override if quantity_override is not None else (
            _compact(deficit_text(verdict)) if verdict is not None and verdict.status == "fail" else "")
        cost_key = entry.get("cost")
        cost_value = None
        unit_cost_text = ""
        amount = cost_quantity
        if amount is None and verdict is not None and verdict.status == "fail" and verdict.deficit:
            amount = exact(verdict.deficit)
        if cost_key and amount:
            unit = costs[cost_key]
            cost_value = round_half_up(exact(amount) * exact(unit["value"]), 2)
            unit_cost_text = f"{unit['name']}{_num(unit['value'])}{unit['unit']}"
        clauses = [fill_clause(c, verdict, school_name or subject.name, quantity=quantity or None)
                   if verdict is not None else fill_clause(c, None, subject.name, quantity=quantity)
                   for c in entry["measures"]]
        own_cost = None
        if private and cost_value is not None:
            own_cost, cost_value = cost_value, None
        quantity_number, quantity_unit = _split_quantity(quantity)
        items.append({
            "quantity_number": quantity_number, "quantity_unit": quantity_unit,
            "private": private, "own_cost_yuan": own_cost,
            "missing": verdict is not None and verdict.status == "missing",
            "no": str(len(items) + 1), "school": school_name or subject.name, "id": rule_id, "indicator": name,
            "title": f"{school_name}：{name}" if subject.kind == "county" and school_name else name,
            "problem": problem, "target": target, "measures": clauses, "measures_text": "；".join(clauses) + "。",
            "quantity": quantity or "—",
            "cost": doc_money(cost_value) if cost_value is not None else (
                "举办者自筹" if own_cost is not None else "—"),
            "cost_yuan": cost_value, "unit_cost": unit_cost_text or "—",
            "responsible": prose.keep_names(responsible_for(responsibles, rule_id, *extra_keys)),
            "deadline": deadline_text or phase_deadlines.get(phase, ""),
            # the table column holds the date alone; the phase is said in the item's own paragraph
            "deadline_short": deadline_text or phase_deadlines.get(phase, "").split("（")[0],
            "phase": phases.get(phase, ""),
            "phase_no": phase})

    def school_items(school, verdicts, responsibles_outer=None):
        responsibles = dict(responsibles_outer or {})
        responsibles.update(school.get("responsibles") or {})
        for verdict in verdicts:
            if verdict.status not in ("fail", "missing"):
                continue
            of = rule_of.get(verdict.rule)
            entry = find_measure(measures, verdict.rule, of)
            problem = prose.problem_sentence(verdict, school, of)
            target = _target_text(verdict)
            if verdict.status == "missing":
                entry = dict(entry)
                entry["measures"] = ["补齐" + "、".join(schema.label_of(k) for k in verdict.missing)
                                     + "数据，重新核算后确定整改措施"]
                entry.pop("cost", None)
            add(school.name, verdict.rule, verdict.name + _stage_suffix(verdict), problem, target, entry, verdict,
                responsibles, extra_keys=(school.name,), private=school.get("ownership") == "private")

    if subject.kind == "school":
        school_items(subject, result["_verdicts"])
        return _sorted(items)

    county_responsibles = subject.get("responsibles") or {}
    for school, verdicts, passed in result["_school_results"]:
        if passed:
            continue
        # A school's own `responsibles` wins; else the county's entry for the school, else its default.
        outer = {k: v for k, v in county_responsibles.items() if k not in ("default", "默认")}
        if school.name in county_responsibles:
            outer["default"] = county_responsibles[school.name]
        elif "default" in county_responsibles or "默认" in county_responsibles:
            outer["default"] = county_responsibles.get("default") or county_responsibles.get("默认")
        school_items(school, verdicts, outer)
    verdicts = {v.rule: v for v in result["_verdicts"]}
    for cond in result["conditions"]:
        if cond["id"] == "C1" or cond["status"] not in ("fail", "missing"):
            continue
        entry = find_measure(measures, cond["id"], None)
        if cond["id"] == "C2":
            problem = "；".join(
                f"{schema.PART_LABELS[stage]}综合差异系数为{value:.3f}（标准不高于{_num(cond['standard'][stage], 3)}）"
                if value is not None else f"{schema.PART_LABELS[stage]}综合差异系数缺少数据"
                for stage, value in cond["value"].items()) + "。"
            target = _cv_standard_text(result)
            add(None, "C2", cond["name"], problem, target,
                entry, None, county_responsibles, quantity_override="")
            items[-1]["measures"] = [fill_clause(c, None, subject.name, quantity="", standard=target)
                                     for c in entry["measures"]]
            items[-1]["measures_text"] = "；".join(items[-1]["measures"]) + "。"
        else:
            verdict = verdicts[cond["id"]]
            add(None, cond["id"], cond["name"], prose.problem_sentence(verdict), _target_text(verdict), entry,
                verdict, county_responsibles)
    teachers_short = _subject_teachers_short(subject)
    facts = government_facts(subject)
    rule_checks = {item["id"]: item.get("checks", []) for item in profile.government.get("items", [])}
    for item in result["government"]["items"]:
        if item["status"] == "pass":
            continue
        entry = find_measure(measures, item["id"], None)
        lost = _government_note(item)
        problem = (f"{prose.government_problem(item, facts, rule_checks.get(item['id'], ()))}，"
                   f"该项{lost}（满分{item['points']}分，得{_num(item['score'], 2)}分）。")
        quantity, cost_quantity = "", None
        if any(check.get("of") == "subject_teachers" for check in item.get("checks", [])) and teachers_short:
            quantity = f"{teachers_short}人"
            cost_quantity = teachers_short
        add(None, item["id"], item["name"], problem, f"该项得满分（{item['points']}分）", entry, None,
            county_responsibles, quantity_override=quantity, cost_quantity=cost_quantity)
        items[-1]["missing"] = item["status"] == "missing"
        if quantity and facts.get("subject_teachers"):
            short = [f"{schema.SUBJECT_LABELS.get(k, k)}教师{c['required'] - c['actual']}人"
                     for k, c in facts["subject_teachers"].items() if c["actual"] < c["required"]]
            items[-1]["quantity"] = "、".join(short)
    return _sorted(items)


def plan_year(subject, date=None):
    """The plan's first year: the fact file's `year`, else the year of --date, else none."""
    year = subject.get("year")
    if year:
        return year
    if date not in (None, ""):
        return (parse_date(date) if isinstance(date, str) else date).year
    return None


def _split_quantity(text: str):
    """"572㎡" → (572, "㎡"), "2人" → (2, "人"): the ledger keeps the number a number."""
    import re
    match = re.fullmatch(r"(-?\d+(?:\.\d+)?)(.*)", (text or "").replace(",", "").strip())
    if not match:
        return None, ""
    number = Decimal(match.group(1))
    return (int(number) if number == number.to_integral_value() else float(number)), match.group(2).strip()


def cn_number(number: int) -> str:
    """1 → 一, 12 → 十二, 20 → 二十, 35 → 三十五 (heading ordinals)."""
    digits = "零一二三四五六七八九"
    if number < 10:
        return digits[number]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def _sorted(items: list[dict]) -> list[dict]:
    """By phase, keeping the order within a phase; then renumber. A lone item gets no （一）."""
    items = sorted(items, key=lambda item: item["phase_no"])
    for number, item in enumerate(items, 1):
        item["no"] = str(number)
        item["heading"] = f"（{cn_number(number)}）{item['title']}" if len(items) > 1 else item["title"]
    return items


def _subject_teachers_short(county) -> int:
    subjects = county.government.get("subject_teachers")
    if not subjects:
        subjects = {}
        for school in county.schools:
            for name, counts in (school.get("subject_teachers") or {}).items():
                entry = subjects.setdefault(name, {"required": 0, "actual": 0})
                entry["required"] += counts["required"]
                entry["actual"] += counts["actual"]
    return sum(max(c["required"] - c["actual"], 0) for c in subjects.values())


def _target_text(verdict) -> str:
    if verdict.measure == "flag":
        return verdict.wording or "符合要求"
    if verdict.standard is None:
        return "达到规定标准"
    if verdict.measure == "students_per":
        return f"生机比达到{_std_number(verdict)}:1"
    if verdict.measure == "labs":
        return verdict.wording or "按标准配齐实验室"
    if verdict.measure == "per_class":
        return verdict.wording or f"每班{_std_number(verdict)}{_value_unit(verdict.unit)}"
    unit = "" if verdict.unit == "%" else _value_unit(verdict.unit)
    word = verdict.wording if verdict.wording in ("不低于", "不少于", "达到", "不超过") else \
        {">=": "不低于", ">": "高于", "<=": "不超过", "<": "低于", "==": "达到"}[verdict.op]
    return f"{verdict.name}{word}{_std_number(verdict)}{unit}"


def plan_context(subject, result: dict, profile, *, costs: dict, measures: dict, deadline=None, date=None) -> dict:
    items = plan_items(subject, result, profile, costs=costs, measures=measures, deadline=deadline, date=date)
    phases_map = {int(k): v for k, v in measures.get("phases", {}).items()}
    notes = {int(k): v for k, v in measures.get("phase_notes", {}).items()}
    year = plan_year(subject, date)
    phase_deadlines = _phase_years(year, phases_map)
    phases = []
    for number, name in sorted(phases_map.items()):
        chosen = [item for item in items if item["phase_no"] == number]
        years = phase_deadlines[number].split("（")[0].replace("底前", "")
        phases.append({"name": name, "year": years, "note": notes.get(number, ""),
                       "count": str(len(chosen)),
                       # not "items": in a template p.items would be the dict's method
                       "tasks": "、".join(f"{item['school']}{item['indicator']}" if subject.kind == "county"
                                         else item["indicator"] for item in chosen) or "巩固已有成果"})
    total = sum((item["cost_yuan"] for item in items if item["cost_yuan"] is not None), Decimal(0))
    used_costs = sorted({item["unit_cost"] for item in items if item["unit_cost"] != "—"})
    cost_basis = [{"name": c["name"], "value": _num(c["value"]), "unit": c["unit"], "note": c.get("note", "")}
                  for key, c in costs.items() if any(u.startswith(c["name"]) for u in used_costs)]
    is_county = subject.kind == "county"
    name = subject.name
    failing = sum(1 for item in items if not item.get("missing"))
    lacking = len(items) - failing
    own = sum((item["own_cost_yuan"] for item in items if item.get("own_cost_yuan") is not None), Decimal(0))
    if items:
        counted = "、".join(part for part in (f"{failing}项未达到标准" if failing else "",
                                               f"{lacking}项缺少数据" if lacking else "") if part)
        summary = (f"经自查，{name}共有{counted}，"
                   f"估算整改资金{doc_money(total)}（按附件所列单价测算）"
                   + (f"，另有民办学校整改资金{doc_money(own)}由举办者自筹，不计入" if own else "") + "。")
    else:
        summary = f"经自查，{name}各项指标均已达到标准，本方案着重巩固提升。"
    return {
        "doc_title": f"{name}义务教育均衡发展整改方案",
        "name": name,
        "kind": "县" if is_county else "学校",
        "intro": (f"为补齐办学条件短板，推动义务教育均衡发展，根据{name}义务教育均衡发展自查结果，"
                  "对照标准逐项查找差距，制定本整改方案。"),
        "summary": summary,
        "goal": (f"通过三年努力，{name}" + ("各校办学条件全部达到省定办学基本标准，校际差异系数、县级人民政府推进工作"
                                           "和公众满意度达到基本均衡要求。" if is_county else
                                           "各项办学基本条件全部达到标准，迎接义务教育基本均衡发展评估认定。")),
        "phases": phases,
        "items": items,
        "has_items": bool(items),
        "total_cost": doc_money(total),
        "total_cost_yuan": total,
        "annex_title": "资金测算单价" if cost_basis else "",
        "cost_basis": cost_basis,
        "leader": "县人民政府分管领导" if is_county else "校长",
        "deadline_note": (f"各项整改统一于{format_date(deadline)}前完成。" if deadline else
                          "各项整改按三年行动计划分阶段完成：" + "；".join(
                              f"{p['year']}为“{p['name']}”" for p in phases) + "。"),
        "signer": f"{name}人民政府" if is_county else name,
        "date_text": format_date(date),
    }


# ---------------------------------------------------------------- field documentation
FIELD_DOCS = {
    "report-school": {
        "doc_title": "文件标题：某某学校义务教育均衡发展自查报告",
        "school": "学校概况：name 名称, stage 类型, location 城乡, ownership 性质, province, county, year, "
                  "students 在校生, classes 教学班, teachers 专任教师（均为文字）",
        "profile_name": "评估标准（profile）名称",
        "standard_name": "办学基本条件标准的名称",
        "year": "年度（事实文件 year；未填为空）",
        "intro": "开头一段",
        "basic_text": "基本情况：由事实生成的一段话",
        "profile_citation": "评估办法的名称和文号：《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）",
        "work_sections": "主要工作四节：title, heading（（一）统筹管理…）, paragraphs[], placeholder（未在事实文件 narrative "
                         "中填写时为 true，段落为〔请补充：…〕）",
        "practices": "主要做法和经验：title, paragraphs[], placeholder", "plans": "下一步打算：title, paragraphs[], placeholder",
        "stages": "达标情况表，每学段一张：title 学段, heading（（一）小学部；单学段为空）, "
                  "rows[] = {id, name, standard, value, status, deficit}",
        "met_count": "达标项数（数字，可写 {% if met_count > 0 %}）", "failed_count": "未达标项数（数字）",
        "missing_count": "缺数据项数（数字）", "applicable_count": "应评项数（数字）",
        "met_text": "达标项的概括：“生均运动场地面积、…等7项达到标准。”",
        "sentences": "每项指标一句（旧模板用）：“生均图书册数为10.8册，低于标准（15册），尚缺图书4115册。”",
        "problems": "存在的问题：未达标和缺数据各项，由事实写成：“生均图书册数仅10.8册（图书册数10600册，在校生981人），"
                    "低于15册的标准，尚缺图书4115册。”",
        "placeholders": "尚待补充的叙述部分名称（命令会提示）",
        "measures": "整改措施摘要：每个未达标项一句（来自 rules/measures.yaml）",
        "passed": "是否达标（true/false，可用于 {% if passed %}）",
        "conclusion": "结论一段",
        "signer": "署名（学校名称）",
        "date_text": "成文日期：--date；未给出时为“　　年　　月　　日”待手填",
    },
    "report-county": {
        "doc_title": "文件标题", "county": "县概况：name, province, year, schools 学校数, students 在校生",
        "profile_citation": "评估办法的名称和文号", "standard_name": "办学基本标准的称谓",
        "work_sections": "主要工作四节（同学校报告）", "practices": "主要做法和经验", "plans": "下一步打算",
        "placeholders": "尚待补充的叙述部分名称",
        "profile_name": "评估标准名称", "intro": "开头一段", "schools_summary": "学校概况一段",
        "school_rows": "各校达标情况表 rows = {name, type, students, status, not_met}",
        "cv_tables": "差异系数表，每学段一张：stage, title, schools, students, rows[] = {id, name, cv}, composite, "
                     "standard, status",
        "cv_text": "差异系数结论句",
        "government": "政府推进工作：score, total, pass_score",
        "government_rows": "政府推进工作得分表（按A级分组，A级行为小计）：id, name, points, score, note, is_area",
        "government_text": "政府推进工作得分及失分项目一段",
        "conditions": "四项条件表 rows = {id, name, standard, value, status, deficit}",
        "condition_sentences": "四项条件逐条的句子（一是……四是……）",
        "problems": "存在的问题", "measures": "整改措施摘要", "passed": "是否四项全部达到",
        "conclusion": "结论一段", "signer": "署名（某某县人民政府）", "date_text": "成文日期",
    },
    "plan": {
        "doc_title": "文件标题：某某义务教育均衡发展整改方案", "name": "学校或县名称", "kind": "“学校”或“县”",
        "intro": "开头一段", "summary": "自查结果与资金总额一段", "goal": "整改目标一段",
        "phases": "三年行动计划：name 建设推进年…, year, note, count, tasks（本阶段的项目）",
        "items": "整改项目：no, school, id, indicator, title 小标题, problem 存在问题, target 整改目标, measures[] 措施, "
                 "measures_text, quantity 需增加, quantity_number/quantity_unit（数字和单位）, cost 估算（万元或元；"
                 "民办学校为“举办者自筹”）, unit_cost 单价, responsible 责任人, heading 小标题（只有一项时不编号）, "
                 "deadline 完成时限, deadline_short 时限（表格用，不含阶段名）, phase 阶段",
        "has_items": "是否有整改项目", "total_cost": "估算资金合计（1万元以上写万元，否则写元；民办学校自筹的不计入）",
        "total_cost_yuan": "估算资金合计（元，数字）", "annex_title": "附件名称（资金测算单价；无单价时为空）",
        "cost_basis": "所用单价：name, value, unit, note（rules/costs.yaml 或 --costs）",
        "leader": "组长（校长 / 县人民政府分管领导）", "deadline_note": "完成时限说明一段",
        "signer": "署名", "date_text": "成文日期",
    },
}


def describe_context(context: dict, docs: dict) -> list[tuple[str, str, str]]:
    """(field, description, example) for --list-fields, from a context actually built."""
    rows = []
    for key, value in context.items():
        example = value
        if isinstance(value, list):
            example = f"列表，{len(value)} 项" + (f"；每项字段：{', '.join(value[0])}" if value and
                                                  isinstance(value[0], dict) else "")
        elif isinstance(value, dict):
            example = "字段：" + ", ".join(value)
        example = str(example)
        rows.append((key, docs.get(key, ""), example if len(example) <= 60 else example[:59] + "…"))
    return rows


def school_report_job(job):
    """Worker of `junheng report --each-school` (run in a separate process): evaluate one
    school and write its report. Lives here, not in cli_documents, so that a spawned worker
    imports no CLI module. Returns (index, name, path or None, passed, error text or None)."""
    from generator.render.documents import render_docx
    from generator.criteria.evaluate import evaluate
    from generator.criteria.profiles import load_profile

    index, school, profile_name, template, target, when, force, lang, engine = job
    try:
        rules = load_profile(profile_name)
        result = evaluate(school, rules, engine)
        from generator.render.document_kinds import SCHOOL_TEMPLATE, report_document
        from generator.render.documents_meta import document_metadata
        context, _, default = report_document(school, result, rules, when)
        template = default if template == SCHOOL_TEMPLATE else template     # the standard's own, unless the user's
        render_docx(template, prose.for_print(context), target, force=force, metadata=document_metadata(result, rules))
        return index, school.name, str(target), bool(result["passed"]), None
    except InputErrors as errors:
        return index, school.name, None, False, errors.describe(lang)


__all__ = ["school_report_context", "county_report_context", "plan_context", "plan_items", "load_costs",
           "load_measures", "verdict_sentence", "FIELD_DOCS", "describe_context"]
