"""整改方案 for 优质均衡: one item per resource item not met (per school / 学段 part), per CV
above its limit, per 政府保障程度 / 教育质量 item not met, per veto present, and 社会认可度.

Each resource item gives what is needed to reach the standard and, when the item is below
the pass rule's floor, what lifts it to the floor (85 %): teachers in 人, areas in ㎡, money
in 元, rooms in 间 (criteria §7). Costs use rules/costs.yaml (or --costs) through the measure
library's `cost` key; items are laid out like generator.render.plan.plan_context's, so the 整改台账
(generator.render.ledger) takes them as they are.
"""
from __future__ import annotations

from decimal import Decimal

from generator.render.measure_words import target as measures_target
from generator.model import schema
from generator.render.report_common import profile_citation
from generator.numbers import cn_number, doc_number, doc_plain, exact, fixed_text, round_half_up
from generator.plan.items import cost_key as cost_key_of
from generator.render.terminal import deficit_text
from generator.render.plan import annex_row, phase_deadlines, plan_closing, split_quantity, unit_cost_words
from generator.render.report_common import facts_by_rule, fill_clause, find_measure, format_date
from generator.render.measure_words import floor_sentence as item_sentence
from generator.render.quality_common import amount_with_unit, load_quality_measures, percent_text, shortfall_words

PENDING = "（待填）"


def plan_items(subject, result, profile, *, costs, measures, deadline=None, date=None) -> list[dict]:
    phases = {int(k): v for k, v in measures.get("phases", {1: "建设推进年", 2: "巩固提升年", 3: "完善迎评年"}).items()}
    deadlines = phase_deadlines(phases, date)
    deadline_text = format_date(deadline) + "前" if deadline else None
    rule_of = facts_by_rule(profile)
    items: list[dict] = []
    county_responsibles = subject.get("responsibles") or {}

    def responsible(responsibles, *keys):
        for key in keys:
            if key and key in responsibles:
                return responsibles[key]
        return responsibles.get("default") or responsibles.get("默认") or PENDING

    def add(school, rule_id, indicator, problem, target, entry, quantity="", floor_quantity="", amount=None,
            verdict=None, responsibles=county_responsibles, keys=()):
        phase = int(entry.get("phase", 2))
        cost_value, unit_text = None, ""
        # a priced measure is priced by its fact's lever (rules/costs.yaml), as the 达标测算 section is
        cost_key = cost_key_of(rule_of.get(rule_id), entry.get("cost")) if entry.get("cost") else None
        if costs is not None and cost_key and amount:
            unit = costs[cost_key]
            cost_value = round_half_up(exact(amount) * exact(unit["value"]), 2)
            unit_text = unit_cost_words(unit)
        clauses = [fill_clause(c, verdict, school or subject.name, quantity=quantity or "") for c in entry["measures"]]
        items.append({
            "no": "", "school": school or subject.name, "id": rule_id, "indicator": indicator,
            "title": f"{school}：{indicator}" if subject.kind == "county" and school else indicator,
            "problem": problem, "target": target, "measures": clauses, "measures_text": "；".join(clauses) + "。",
            "quantity": (quantity + (f"（达85%需{floor_quantity}）" if floor_quantity else "")) or "—",
            "quantity_number": split_quantity(quantity)[0], "quantity_unit": split_quantity(quantity)[1],
            "full_quantity": quantity or "—", "floor_quantity": floor_quantity or "—",
            "cost": doc_number(cost_value / 10000, 2) + "万元" if cost_value is not None else "—",
            "cost_yuan": cost_value, "unit_cost": unit_text or "—",
            "responsible": responsible(responsibles, rule_id, *keys),
            "deadline": deadline_text or deadlines.get(phase, ""),
            "deadline_short": deadline_text or deadlines.get(phase, "").split("（")[0],
            "phase": phases.get(phase, ""), "phase_no": phase})

    def part_items(school, parts, outer):
        responsibles = dict(outer)
        responsibles.update(school.get("responsibles") or {})
        for part_result in parts:
            if part_result.status == "pass":
                continue     # the part meets the standard (≥ 6 of 7, none below 85 %): nothing to rectify
            part, verdicts = part_result.part, part_result.verdicts
            label = part.name if subject.kind == "county" or len(parts) > 1 else None
            for verdict in verdicts:
                if verdict.status not in ("fail", "missing"):
                    continue
                of = rule_of.get(verdict.rule)
                entry = find_measure(measures, verdict.rule, of)
                problem = item_sentence(verdict, of)
                target = measures_target(verdict)
                if verdict.status == "missing":
                    entry = dict(entry, measures=["补齐" + "、".join(schema.label_of(k) for k in verdict.missing)
                                                  + "数据，重新核算后确定整改措施"])
                    entry.pop("cost", None)
                    add(label, verdict.rule, verdict.name, problem, target, entry, responsibles=responsibles,
                        keys=(school.name,))
                    continue
                floor_deficit, achieved, floor = verdict.floor_deficit, verdict.achieved, verdict.floor
                below_floor = floor is not None and achieved is not None and achieved < floor
                add(label, verdict.rule, verdict.name, problem, target, entry,
                    quantity=doc_plain(deficit_text(verdict)).replace(" ", ""),
                    floor_quantity=amount_with_unit(floor_deficit, verdict.deficit_unit) if below_floor else "",
                    amount=verdict.deficit, verdict=verdict, responsibles=responsibles, keys=(school.name,))

    if subject.kind == "school":
        part_items(subject, result.school.parts, {})
        return _numbered(items)
    for school_result in result.included_schools:
        school, parts = school_result.school, school_result.parts
        outer = {k: v for k, v in county_responsibles.items() if k not in ("default", "默认")}
        outer["default"] = county_responsibles.get(school.name) or county_responsibles.get("default") or \
            county_responsibles.get("默认") or PENDING
        part_items(school, parts, outer)
    limits = profile.cv.threshold
    names = {ind.id: ind.name for ind in profile.monitoring["indicators"]}
    for verdict in (v for cond in result.conditions if cond.by_stage for v in cond.verdicts):
        stage = verdict.cv_stage
        if verdict.status not in ("fail", "missing"):
            continue
        entry = find_measure(measures, verdict.rule.split("-")[0], None)
        label = schema.PART_LABELS[stage]
        indicator = f"{label}{names.get(verdict.cv_indicator, '综合')}差异系数"
        if verdict.status == "fail":
            problem = f"{indicator}为{fixed_text(verdict.value, verdict.decimals)}，高于{doc_number(limits[stage], 2)}。"
        else:
            problem = f"{indicator}缺少{'、'.join(schema.label_of(k) for k in verdict.missing)}数据，无法计算。"
        add(None, verdict.rule, indicator, problem, f"{indicator}不高于{exact(limits[stage]):.2f}", entry)
    for item in result.government["items"]:
        if item["status"] == "pass":
            continue
        entry = find_measure(measures, item["id"], None)
        if item["status"] == "missing":
            problem = f"{item['name']}：缺少{'、'.join(schema.label_of(k) for k in item.get('missing', []))}数据。"
        elif item["area"] == "V":
            problem = f"存在一票否决情形：{item['name']}。"
        else:
            problem = (shortfall_words(item) or f"未做到“{item['name']}”") + "。"
        target = f"杜绝“{item['name']}”情形" if item["area"] == "V" else item["name"]
        add(None, item["id"], item["name"], problem, target, entry)
    for cond in result.conditions:
        if cond.measure != "value" or cond.status == "pass":
            continue
        verdict = cond.verdict
        entry = find_measure(measures, cond.id, None)
        problem = (f"{cond.name}为{percent_text(verdict.value)}，低于{percent_text(verdict.standard)}。"
                   if verdict.value is not None else f"{cond.name}缺少调查数据。")
        add(None, cond.id, cond.name, problem, f"{cond.name}达到{percent_text(verdict.standard)}以上", entry)
    return _numbered(items)


def _numbered(items):
    """By phase, then numbered; the heading is numbered at the second level (（一）), and a lone
    item is not numbered at all (GB/T 9704: no lone （一）)."""
    items = sorted(items, key=lambda item: item["phase_no"])
    for number, item in enumerate(items, 1):
        item["no"] = str(number)
        item["heading"] = f"（{cn_number(number)}）{item['title']}" if len(items) > 1 else item["title"]
    return items


def quality_plan_context(subject, result, profile, *, costs: dict, measures=None, deadline=None,
                         date=None) -> dict:
    measures = measures or load_quality_measures()
    items = plan_items(subject, result, profile, costs=costs, measures=measures, deadline=deadline, date=date)
    phases_map = {int(k): v for k, v in measures.get("phases", {}).items()}
    notes_key = "quality_school_phase_notes" if subject.kind == "school" else "quality_phase_notes"
    notes = {int(k): v for k, v in measures.get(notes_key, measures.get("quality_phase_notes",
                                                                        measures.get("phase_notes", {}))).items()}
    deadlines = phase_deadlines(phases_map, date)
    phases = []
    for number, name in sorted(phases_map.items()):
        chosen = [item for item in items if item["phase_no"] == number]
        phases.append({"name": name, "year": deadlines[number].split("（")[0].replace("底前", ""),
                       "note": notes.get(number, ""), "count": str(len(chosen)),
                       "tasks": "、".join(item["title"] for item in chosen) or "巩固已有成果"})
    total = sum((item["cost_yuan"] for item in items if item["cost_yuan"] is not None), Decimal(0))
    used = sorted({item["unit_cost"] for item in items if item["unit_cost"] != "—"})
    cost_basis = [annex_row(c) for c in costs.values() if any(u.startswith(c["name"]) for u in used)]
    is_county = subject.kind == "county"
    name = subject.name
    summary = (f"经自查，{name}共有{len(items)}项未达到优质均衡要求或缺少数据，估算整改资金{doc_number(total / 10000, 2)}万元"
               "（按本方案所列单价测算，资源配置按达到标准计）。" if items else
               f"经自查，{name}各项指标均已达到优质均衡要求，本方案着重巩固提升。")
    return {
        "doc_title": f"{name}义务教育优质均衡发展整改方案",
        "name": name,
        "intro": (f"为补齐资源配置短板，推进义务教育优质均衡发展，根据{name}优质均衡发展自查结果，"
                  "对照" + profile_citation(profile) + "逐项查找差距，制定本整改方案。"),
        "summary": summary,
        "goal": (f"通过三年努力，{name}" + ("每所学校（学段）资源配置7项指标至少6项达到要求、其余项不低于要求的85%，"
                                           "各项指标校际差异系数、政府保障程度、教育质量和社会认可度全部达到优质均衡要求，"
                                           "迎接县域义务教育优质均衡发展督导评估认定。" if is_county else
                                           "资源配置7项指标全部达到要求（至少6项达到、其余项不低于85%），"
                                           "为县域义务教育优质均衡发展督导评估认定打好基础。")),
        "phases": phases,
        "items": items,
        "has_items": bool(items),
        "total_cost": doc_number(total / 10000, 2) + "万元",
        "total_cost_yuan": total,
        "kind": "县" if is_county else "学校",
        "monitoring": "每学期测算一次各项指标和差异系数" if is_county else "每学期对照资源配置7项指标自查一次",
        "annex_title": "资金测算单价" if cost_basis else "",
        "cost_basis": cost_basis,
        **plan_closing(name, is_county, phases, deadline, date),
    }


# ---------------------------------------------------------------- dispatch (render/document_kinds.py)
def quality_plan(subject, result, profile, costs, measures_path, deadline, date):
    context = quality_plan_context(subject, result, profile, costs=costs,
                                   measures=load_quality_measures(measures_path), deadline=deadline, date=date)
    return context, "quality-plan", "quality-plan.docx"
