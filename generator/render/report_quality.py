"""Document contexts for 优质均衡 (quality-2017 and profiles built on it).

    quality_school_context(school, result, profile, date=None)   -> 学校自查报告
    quality_county_context(county, result, profile, date=None)   -> 县域优质均衡自评报告
    quality_plan_context(subject, result, profile, costs=, measures=, deadline=, date=) -> 整改方案

The results come from generator.criteria.evaluate_quality; figures are formatted by the same helpers
as `junheng check` (generator.render.terminal / generator.numbers), so documents and terminal agree.
Each not-met resource item states what lifts it to the pass rule's floor (85 %) and to the
standard, in 人, ㎡, 元 or 间. Templates: doc_templates/quality-*.docx, built by
tools/make_quality_templates.py.
"""
from __future__ import annotations

from typing import NamedTuple

from generator.render.measure_words import floor_sentence as item_sentence
from generator.i18n import STATUS_WORDS
from generator.model import schema
from generator.numbers import OP_SIGNS, base_money, doc_number, exact, fixed_text, share_percent
from generator.render import prose
from generator.render.drafts import count_by_stage
from generator.render.field_docs import FIELD_DOCS
from generator.render.plan_quality import plan_items
from generator.render.quality_common import amount_with_unit, load_quality_measures, percent_text, shortfall_words  # noqa: F401
from generator.render.report_common import facts_by_rule, fill_clause, find_measure, format_date, profile_citation
from generator.render.terminal import deficit_text, standard_text, value_text
from generator.render.terminal_quality import excluded_label

ITEM_WORDS = {"pass": "达到要求", "fail": "未达到要求", "missing": STATUS_WORDS["missing"]}
VETO_WORDS = {"pass": "未发生", "fail": "存在", "missing": STATUS_WORDS["missing"]}


def _row(verdict) -> dict:
    floor_deficit = verdict.floor_deficit
    return {"id": verdict.rule, "name": verdict.name, "standard": standard_text(verdict).replace(" ", ""),
            "value": value_text(verdict) if verdict.value is not None else "—",
            "achieved": share_percent(verdict.achieved, verdict.floor) if verdict.status == "fail" else "",
            "status": STATUS_WORDS[verdict.status],
            "deficit": deficit_text(verdict).replace(" ", ""),
            "floor_deficit": (amount_with_unit(floor_deficit, verdict.deficit_unit) if floor_deficit else
                              ("已达" if verdict.status == "fail" else ""))}


def _rule_text(profile) -> str:
    pass_rule = profile.pass_rule
    count = len(profile.basic_rules)
    text = f"{count}项指标"
    if pass_rule.min_met != "all":
        text += f"中至少{pass_rule.min_met}项达到要求"
    else:
        text += "全部达到要求"
    if pass_rule.failed_floor is not None:
        text += f"，其余项不低于要求的{percent_text(pass_rule.failed_floor)}"
    return text


# ---------------------------------------------------------------- school 自查报告
def _school_text(school) -> str:
    facts = school.facts
    kind = "".join(x for x in (schema.LOCATIONS.get(facts.get("location"), ""),
                               schema.OWNERSHIPS.get(facts.get("ownership"), ""),
                               schema.STAGE_LABELS[school.stage]) if x)
    text = f"{school.name}是一所{kind}。"
    students = facts["students"]
    parts = [f"在校生{count_by_stage(students)}"]
    for key, label in (("teachers", "专任教师"), ("teachers_above_required_degree", "高于规定学历教师"),
                       ("backbone_teachers", "县级以上骨干教师"), ("pe_art_teachers", "体育、艺术专任教师")):
        if facts.get(key) and schema.stage_total(facts[key]) is not None:
            parts.append(f"{label}{count_by_stage(facts[key])}")
    text += "学校现有" + "，".join(parts) + "。"
    things = []
    for key, label, unit in (("teaching_aux_area_m2", "教学及辅助用房面积", "㎡"),
                             ("sports_area_m2", "体育运动场馆面积", "㎡"),
                             ("equipment_value_yuan", "教学仪器设备值", None),
                             ("multimedia_classrooms", "网络多媒体教室", "间")):
        if facts.get(key) is not None:
            things.append(f"{label}{doc_number(exact(facts[key]))}{unit}" if unit else f"{label}{base_money(facts[key])}")
    if things:
        text += "学校" + "，".join(things) + "。"
    if len(students) > 1:
        text += "按规定，设施设备总量按学段折算后分别计算，教师按学段分别统计。"
    return text


def quality_school_context(school, result, profile, date=None, measures=None) -> dict:
    """`result`: the school's Evaluation (generator.criteria.evaluation), each 学段 part judged alone."""
    rule_of = facts_by_rule(profile)
    name = school.name
    parts, sentences, problems, measure_lines = [], [], [], []
    library = measures or load_quality_measures()
    for part_result in result.school.parts:
        part, verdicts, status = part_result.part, part_result.verdicts, part_result.status
        title = part.name if len(result.school.parts) > 1 else ""
        met = sum(1 for v in verdicts if v.status == "pass")
        parts.append({"title": title, "status": STATUS_WORDS[status], "met": str(met),
                      "rows": [_row(v) for v in verdicts if v.status != "n/a"]})
        prefix = f"{part.name}：" if title else ""
        for verdict in verdicts:
            sentence = item_sentence(verdict, rule_of.get(verdict.rule))
            if sentence:
                sentences.append(prefix + sentence)
            if verdict.status in ("fail", "missing"):
                problems.append(prefix + sentence)
                entry = find_measure(library, verdict.rule, rule_of.get(verdict.rule))
                if verdict.status == "fail":
                    clause = fill_clause(entry["measures"][0], verdict, name)
                else:
                    clause = "补齐" + "、".join(schema.label_of(k) for k in verdict.missing) + "数据，重新核算"
                measure_lines.append(f"{prefix}{verdict.name}：{clause}。")
    standard = profile.basic_conditions.get("name", profile.name)
    _work, practices, _plans = prose.narrative_sections(school, "本校")
    if result.school.excluded:
        conclusion = (f"{name}不参加优质均衡资源配置评估（"
                      f"{excluded_label(result.school.excluded, result.exclusions)}）。")
    elif result.status == "pass":
        conclusion = f"对照《{standard}》，{name}资源配置{_rule_text(profile)}，达到优质均衡资源配置要求。"
    elif result.status == "missing":
        conclusion = f"对照《{standard}》，{name}尚有指标缺少数据，补齐后方能判定是否达到优质均衡资源配置要求。"
    else:
        conclusion = (f"对照《{standard}》（{_rule_text(profile)}），{name}尚未达到优质均衡资源配置要求，"
                      "须按整改方案限期整改。")
    return {
        "doc_title": f"{name}义务教育优质均衡发展自查报告",
        "school_name": name,
        "standard_name": standard,
        "rule_text": _rule_text(profile),
        "intro": (f"为推进县域义务教育优质均衡发展，{name}对照《{standard}》，逐项核查资源配置"
                  "7项指标，查找差距，现将自查情况报告如下。"),
        "basic_text": _school_text(school),
        "sample_note": prose.sample_note(school),
        "practices": practices,
        "drafted": ["主要做法"] if practices.get("drafted") else [],
        "placeholders": ["主要做法"] if practices.get("placeholder") else [],
        "parts": parts,
        "sentences": sentences,
        "problems": problems,
        "measures": measure_lines,
        "passed": result.status == "pass",
        "conclusion": conclusion,
        "signer": name,
        "date_text": format_date(date),
    }


# ---------------------------------------------------------------- county 自评报告
class _ItemRow(NamedTuple):
    """One government item of an area: its status (pass / fail / missing), why it falls short in words, and
    its row of the report's table."""
    status: str
    why: str
    cells: dict


def _area_rows(result, area) -> list[_ItemRow]:
    rows = []
    for item in result.government["items"]:
        if item["area"] != area:
            continue
        words = VETO_WORDS if area == "V" else ITEM_WORDS
        note = ""
        if item["status"] == "missing":
            note = "缺：" + "、".join(schema.label_of(k) for k in item.get("missing", []))
        elif item["status"] == "fail" and area != "V":
            note = "；".join(f"{schema.label_of(c['of']) if isinstance(c['of'], str) else '比值'}"
                            f"{_check_value(c)}，要求{OP_SIGNS.get(c['op'], c['op'])}{_check_value(c, 'standard')}"
                            for c in item["checks"] if c["status"] == "fail")
        rows.append(_ItemRow(item["status"], shortfall_words(item) or note,
                             {"id": item["id"], "name": item["name"], "status": words[item["status"]], "note": note}))
    return rows


def _check_value(check, key="value") -> str:
    value = check[key]
    if value is None:
        return "—"
    if check.get("unit") == "%":
        return percent_text(value)
    return doc_number(value, 4) + (check.get("unit") or "")


def quality_county_context(county, result, profile, date=None, measures=None) -> dict:
    """`result`: the county's Evaluation (generator.criteria.evaluation), conditions chosen by measure."""
    name = county.name
    evaluated = result.schools
    parts_rows, problems = [], []
    part_count = failing_parts = 0
    for entry in evaluated:
        for part_result in entry.parts:
            part, verdicts, status = part_result.part, part_result.verdicts, part_result.status
            part_count += 1
            not_met = [f"{v.name}（{share_percent(v.achieved, v.floor)}）" if v.status == "fail"
                       else f"{v.name}（{STATUS_WORDS['missing']}）" for v in verdicts if v.status in ("fail", "missing")]
            parts_rows.append({"name": part.name, "stage": schema.PART_LABELS[part.part],
                               "students": doc_number(part.students, 0),
                               "met": str(sum(1 for v in verdicts if v.status == "pass")),
                               "status": STATUS_WORDS[status], "not_met": "、".join(not_met) or "—"})
            if status != "pass":
                failing_parts += status == "fail"
                worst = [v for v in verdicts if v.status in ("fail", "missing")]
                problems.append(f"{part.name}资源配置{STATUS_WORDS[status]}：" + "；".join(
                    item_sentence(v, facts_by_rule(profile).get(v.rule)).rstrip("。") for v in worst) + "。")
    excluded = [f"{entry.name}（{excluded_label(entry.excluded, result.exclusions)}）"
                for entry in evaluated if entry.excluded]
    students = sum(entry.school.total_students for entry in evaluated)
    summary = (f"全县共有义务教育学校（含教学点）{len(evaluated)}所，在校生{doc_number(students, 0)}人。"
               f"参加资源配置评估的学校（学段）{part_count}个")
    if excluded:
        summary += "，" + "、".join(excluded) + "按规定不参加资源配置评估和差异系数计算"
    summary += "。"
    resource_text = (f"对照资源配置7项指标（{_rule_text(profile)}），{part_count}个学校（学段）中"
                     f"{sum(1 for r in parts_rows if r['status'] == STATUS_WORDS['pass'])}个达到要求")
    if failing_parts:
        resource_text += f"，{failing_parts}个未达到要求"
    resource_text += "。"

    # CV table: one row per indicator, a column per 学段
    cv = result.cv
    limits = profile.cv.threshold
    places = profile.cv.decimals       # the standard's own places (monitoring.yaml)
    cv_cond = result.condition("cv_each")
    # each indicator's CV verdict, as evaluation decided it (the table marks the failing ones)
    decided = {(v.cv_stage, v.cv_indicator): v for v in (cv_cond.verdicts if cv_cond else [])}
    cv_rows, cv_fail = [], []
    for indicator in profile.monitoring["indicators"]:
        row = {"id": indicator.id, "name": indicator.name}
        for stage in ("primary", "junior"):
            value = cv.get(stage, {}).get(indicator.id) if stage in cv else None
            row[stage] = "—" if value is None else fixed_text(value, places)
            verdict = decided.get((stage, indicator.id))
            if verdict is not None and verdict.status == "fail":
                row[stage] += "＊"
                cv_fail.append(f"{schema.PART_LABELS[stage]}{indicator.name}差异系数为{fixed_text(value, places)}，"
                               f"高于{exact(limits[stage]):.2f}")
        cv_rows.append(row)
    cv_status = cv_cond.status if cv_cond else None
    limit_text = "、".join(f"{schema.PART_LABELS[s]}不高于{exact(v):.2f}" for s, v in limits.items())
    if cv_status == "pass":
        cv_text = f"经测算，资源配置7项指标的校际差异系数均达到要求（{limit_text}）。"
    else:
        cv_text = f"要求资源配置7项指标的校际差异系数{limit_text}。经测算，"
        cv_text += ("；".join(cv_fail) + "，未达到要求" if cv_fail else "")
        if cv_status == "missing":
            cv_text += ("；" if cv_fail else "") + "部分指标缺少数据，暂无法计算"
        cv_text += "；其余指标均达到要求。"
    problems.extend(f"{text}，未达到要求。" for text in cv_fail)

    areas = profile.government.get("areas") or {}
    sections = {}
    for area in areas:
        rows = _area_rows(result, area)
        short = [r for r in rows if r.status != "pass"]
        word = areas[area].get("name", area)
        if area == "V":
            present = [r.cells["name"] for r in rows if r.status == "fail"]
            unknown = [r.cells["name"] for r in rows if r.status == "missing"]
            text = (f"经核查，存在一票否决情形：{'、'.join(present)}。" if present else
                    f"经核查，全县未发生{len(rows)}项一票否决情形中的任何一项。" if not unknown else
                    f"一票否决情形中，{'、'.join(unknown)}尚缺核查数据。")
            problems.extend(f"存在一票否决情形：{p}。" for p in present)
        else:
            # indicators are named, never numbered by their rule ids
            failed = [f"“{r.cells['name']}”" for r in rows if r.status == "fail"]
            unknown = [f"“{r.cells['name']}”" for r in rows if r.status == "missing"]
            text = f"{word}{len(rows)}项指标中，{len(rows) - len(short)}项达到要求"
            if failed:
                text += f"，{len(failed)}项未达到要求（{'、'.join(failed)}）"
            if unknown:
                text += f"，{len(unknown)}项缺少数据（{'、'.join(unknown)}）"
            text += "。" if short else "，全部达到要求。"
            problems.extend(f"{word}“{r.cells['name']}”{r.cells['status']}" + (f"：{r.why}" if r.why else "") + "。"
                            for r in short)
        sections[area] = {"name": word, "text": text, "rows": [r.cells for r in rows]}
    value_cond = result.condition("value")
    recognition_text = ""
    if value_cond:
        verdict = value_cond.verdict
        if verdict.value is None:
            recognition_text = f"{value_cond.name}缺少调查数据，暂无法判定。"
        else:
            recognition_text = (f"经问卷调查，{value_cond.name}为{percent_text(verdict.value)}，"
                                f"{'达到' if verdict.status == 'pass' else '未达到'}{percent_text(verdict.standard)}以上的要求。")
            if verdict.status != "pass":
                problems.append(recognition_text)
    lacking = result.missing_facts or []
    if lacking:
        # the gap first: what the file lacks for this standard (e.g. a basic-balance county's file)
        problems.insert(0, "尚缺以下数据，补齐后方能完整判定：" + "、".join(schema.label_of(k) for k in lacking) + "。")
    condition_rows = [{"id": c.id, "name": c.name, "status": STATUS_WORDS[c.status]} for c in result.conditions]
    library = measures or load_quality_measures()
    next_steps = _next_steps(county, result, profile, library, date)
    work, _practices, _plans = prose.narrative_sections(county, "本县")
    if result.passed:
        conclusion = f"对照{profile_citation(profile)}，{name}各项认定条件均已达到，申请县域义务教育优质均衡发展督导评估认定。"
    else:
        failed = [c.name for c in result.conditions if c.status == "fail"]
        unknown = [c.name for c in result.conditions if c.status == "missing"]
        # the conditions named in quotes: "未达到（…达到要求）" would read as its opposite
        parts = ([f"{len(failed)}项认定条件未达到：" + "、".join(f"“{name}”" for name in failed)] if failed else []) + \
            ([f"{len(unknown)}项缺少数据无法判定：" + "、".join(f"“{name}”" for name in unknown)] if unknown else [])
        conclusion = (f"对照{profile_citation(profile)}，{name}尚有" + "，".join(parts) +
                      "，将按下一步工作安排限期整改，力争早日通过县域义务教育优质均衡发展督导评估认定。")
    return {
        "doc_title": f"{name}县域义务教育优质均衡发展自评报告",
        "county_name": name,
        "profile_name": profile.name,
        "intro": (f"根据{profile_citation(profile)}，{name}对照资源配置、政府保障程度、教育质量、社会认可度四个方面的"
                  "要求开展自评，现将自评情况报告如下。"),
        "summary": summary,
        "sample_note": prose.sample_note(county),
        "work_sections": work,
        "drafted": [s["title"] for s in work if s.get("drafted")],
        "placeholders": [s["title"] for s in work if s.get("placeholder")],
        "resource_text": resource_text,
        "part_rows": parts_rows,
        "cv_text": cv_text,
        "cv_rows": cv_rows,
        "cv_limits": {s: f"≤{exact(limits[s]):.2f}" if s in limits else "—" for s in ("primary", "junior")},
        "cv_standard": "，".join(f"{schema.PART_LABELS[s]}≤{exact(v):.2f}" for s, v in limits.items()),
        "government": sections.get("P", {"name": "", "text": "", "rows": []}),
        "quality": sections.get("E", {"name": "", "text": "", "rows": []}),
        "vetoes": sections.get("V", {"name": "", "text": "", "rows": []}),
        "recognition_text": recognition_text,
        "conditions": condition_rows,
        "problems": problems,
        "next_steps": next_steps,
        "passed": bool(result.passed),
        "conclusion": conclusion,
        "signer": f"{name}人民政府",
        "date_text": format_date(date),
    }


def _next_steps(county, result, profile, library, date=None) -> list[str]:
    """下一步工作: one line per item of the 整改方案, with its first measure and time limit (years
    counted from the report's own date, as the plan's are)."""
    items = plan_items(county, result, profile, costs=None, measures=library, date=date)
    steps = []
    for item in items:
        steps.append(f"{item['title']}：{item['measures'][0]}，{item['deadline_short']}完成。")
    return steps or ["巩固优质均衡发展成果，建立资源配置和差异系数动态监测机制。"]


# ---------------------------------------------------------------- dispatch (cli/report.py, cli/plan.py)
def is_quality(result) -> bool:
    """An Evaluation of generator.criteria.evaluate_quality (per-part school verdicts / conditions by measure)."""
    return result.by_measure


def quality_report(subject, result, profile, date):
    """(context, field-docs kind, default template) of the 自查报告 / 自评报告."""
    if subject.kind == "school":
        return quality_school_context(subject, result, profile, date=date), "quality-report-school", \
            "quality-report-school.docx"
    return quality_county_context(subject, result, profile, date=date), "quality-report-county", \
        "quality-report-county.docx"



FIELD_DOCS.update({
    "quality-report-school": {
        "doc_title": "文件标题：某某学校义务教育优质均衡发展自查报告", "school_name": "学校名称",
        "standard_name": "资源配置标准名称", "rule_text": "达标规则：7项指标中至少6项达到要求，其余项不低于要求的85%",
        "intro": "开头一段", "basic_text": "基本情况一段（含骨干教师、体育艺术教师、网络多媒体教室）",
        "parts": "每学段一张表：title 学段（单学段为空）, status, met, rows[] = {id, name, standard, value, achieved 达成率, "
                 "status, deficit 达标尚缺, floor_deficit 达85%尚缺}",
        "sentences": "每项指标一句（含达成率、达85%和达标尚缺）", "problems": "存在的问题", "measures": "整改措施",
        "passed": "是否达到资源配置要求", "conclusion": "结论", "signer": "署名", "date_text": "成文日期",
        "sample_note": "示例数据的说明（sample: true 时）", "practices": "主要做法：title, paragraphs[], placeholder",
        "drafted": "由数据起草的叙述部分", "placeholders": "尚待补充的叙述部分",
    },
    "quality-report-county": {
        "doc_title": "文件标题：某某县县域义务教育优质均衡发展自评报告", "county_name": "县名",
        "profile_name": "评估标准名称", "intro": "开头一段", "summary": "基本情况（学校数、学生数、不参评学校）",
        "resource_text": "资源配置达标情况一段",
        "part_rows": "各校（学段）表：name, stage, students, met 达到项数, status, not_met 未达到项（达成率）",
        "cv_text": "差异系数一段", "cv_rows": "差异系数表：id, name, primary, junior（高于标准标＊）",
        "cv_limits": "差异系数标准：primary, junior（≤0.50 / ≤0.45）", "cv_standard": "差异系数标准（文字）",
        "government": "政府保障程度：name, text, rows[] = {id, name, status, note}",
        "quality": "教育质量：name, text, rows[]", "vetoes": "一票否决：name, text, rows[]（情况：未发生/存在/" + STATUS_WORDS["missing"] + "）",
        "recognition_text": "社会认可度一段", "conditions": "认定条件表：id, name, status",
        "problems": "存在的问题（含尚缺的数据）", "next_steps": "下一步工作（每个整改项目一句）",
        "passed": "是否全部达到", "conclusion": "自评结论", "signer": "署名", "date_text": "成文日期",
        "sample_note": "示例数据的说明（sample: true 时）",
        "work_sections": "主要做法四节：title, heading, paragraphs[], placeholder, drafted",
        "drafted": "由数据起草的叙述部分", "placeholders": "尚待补充的叙述部分",
    },
    "quality-plan": {
        "doc_title": "文件标题：某某义务教育优质均衡发展整改方案", "name": "学校或县名称", "intro": "开头一段",
        "summary": "自查结果与资金总额", "goal": "整改目标", "phases": "三年行动计划：name, year, note, count, tasks",
        "items": "整改项目：no, school, id, indicator, title, problem, target, measures[], measures_text, "
                 "quantity 需增加（含达85%）, full_quantity 达标需增加, floor_quantity 达85%需增加, cost, unit_cost, "
                 "responsible, deadline, deadline_short, phase, heading 小标题（（一）…；只有一项时不编号）",
        "has_items": "是否有整改项目", "total_cost": "估算资金合计（万元）", "cost_basis": "所用单价",
        "total_cost_yuan": "估算资金合计（元，数字）", "kind": "“学校”或“县”", "annex_title": "附件名称",
        "monitoring": "台账管理一句中的监测安排（县：测算差异系数；学校：自查7项指标）",
        "leader": "组长", "deadline_note": "完成时限说明", "signer": "署名", "date_text": "成文日期",
    },
})


__all__ = ["quality_school_context", "quality_county_context", "item_sentence", "load_quality_measures"]
