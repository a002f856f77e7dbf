"""Context of the 整改方案 (doc_templates/plan.docx) and of its 整改台账 (generator.render.ledger):
one item per failed or missing criterion, with measures, quantity, cost, responsible and deadline.
The unit costs are read by generator.io.costs_file."""
from __future__ import annotations

from decimal import Decimal
import re

from generator.criteria.government import government_facts
from generator.render.measure_words import standard_phrase, target as measures_target
from generator.model import schema
from generator.numbers import doc_money, doc_number, exact, fixed_text, round_half_up
from generator.plan.items import cost_key as cost_key_of
from generator.render import prose
from generator.render.report_common import (PENDING, cn_number, compact, facts_by_rule, government_note, fill_clause, find_measure,
                                            format_date, parse_date)
from generator.render.report_county import COMPOSITE_CV, SCHOOLS_MEETING, cv_standard_text
from generator.render.terminal import deficit_text, stage_suffix


# ---------------------------------------------------------------- plan
def phase_deadlines(phases: dict, date=None) -> dict[int, str]:
    """Phase number → deadline text. The three years count from the document's own date (--date):
    2025-06-01 → 2025年底前（建设推进年）, 2026年底前（巩固提升年）…, so no deadline is ever before the
    date the plan is signed; the fact file's `year` is the year of the data, never year one of the
    plan. Without a date the plan is undated (its date line is left blank), and so are its years:
    第一年（建设推进年）."""
    year = plan_year(date)
    result = {}
    for number, name in phases.items():
        number = int(number)
        if year:
            result[number] = f"{int(year) + number - 1}年底前（{name}）"
        else:
            result[number] = f"第{cn_number(number)}年（{name}）"
    return result


def plan_items(subject, result, profile, *, costs: dict, measures: dict, deadline=None,
               date=None) -> list[dict]:
    """One item per failed or missing criterion, with measures, quantity, cost, responsible, deadline.

    A 民办 school's items are listed (it must meet the standard too) but their cost is the
    school's own (举办者自筹): cost_yuan is None, so no county total counts it."""
    phases = {int(k): v for k, v in measures.get("phases", {1: "建设推进年", 2: "巩固提升年", 3: "完善迎评年"}).items()}
    deadlines = phase_deadlines(phases, date)
    deadline_text = format_date(deadline) + "前" if deadline else None
    rule_of = facts_by_rule(profile)
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
            compact(deficit_text(verdict)) if verdict is not None and verdict.status == "fail" else "")
        # a priced measure is priced by its fact's lever (rules/costs.yaml), as the 达标测算 section is
        cost_key = cost_key_of(rule_of.get(rule_id), entry.get("cost")) if entry.get("cost") else None
        cost_value = None
        unit_cost_text = ""
        amount = cost_quantity
        if amount is None and verdict is not None and verdict.status == "fail" and verdict.deficit:
            amount = exact(verdict.deficit)
        if cost_key and amount:
            unit = costs[cost_key]
            cost_value = round_half_up(exact(amount) * exact(unit["value"]), 2)
            unit_cost_text = unit_cost_words(unit)
        clauses = [fill_clause(c, verdict, school_name or subject.name, quantity=quantity or None)
                   if verdict is not None else fill_clause(c, None, subject.name, quantity=quantity)
                   for c in entry["measures"]]
        own_cost = None
        if private and cost_value is not None:
            own_cost, cost_value = cost_value, None
        quantity_number, quantity_unit = split_quantity(quantity)
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
            "deadline": deadline_text or deadlines.get(phase, ""),
            # the table column holds the date alone; the phase is said in the item's own paragraph
            "deadline_short": deadline_text or deadlines.get(phase, "").split("（")[0],
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
            add(school.name, verdict.rule, verdict.name + stage_suffix(verdict), problem, target, entry, verdict,
                responsibles, extra_keys=(school.name,), private=school.get("ownership") == "private")

    if subject.kind == "school":
        school_items(subject, result.verdicts)
        return _sorted(items)

    county_responsibles = subject.get("responsibles") or {}
    for entry in result.schools:
        if entry.passed:
            continue
        school, verdicts = entry.school, entry.verdicts
        # A school's own `responsibles` wins; else the county's entry for the school, else its default.
        outer = {k: v for k, v in county_responsibles.items() if k not in ("default", "默认")}
        if school.name in county_responsibles:
            outer["default"] = county_responsibles[school.name]
        elif "default" in county_responsibles or "默认" in county_responsibles:
            outer["default"] = county_responsibles.get("default") or county_responsibles.get("默认")
        school_items(school, verdicts, outer)
    for cond in result.conditions:
        if cond.measure == SCHOOLS_MEETING or cond.status not in ("fail", "missing"):
            continue
        entry = find_measure(measures, cond.id, None)
        if cond.measure == COMPOSITE_CV:
            problem = "；".join(
                f"{schema.PART_LABELS[v.cv_stage]}综合差异系数为{fixed_text(v.value, v.decimals)}（标准{standard_phrase(v)}）"
                if v.value is not None else f"{schema.PART_LABELS[v.cv_stage]}综合差异系数缺少数据"
                for v in cond.applicable) + "。"
            target = cv_standard_text(cond)
            add(None, cond.id, cond.name, problem, target,
                entry, None, county_responsibles, quantity_override="")
            items[-1]["measures"] = [fill_clause(c, None, subject.name, quantity="", standard=target)
                                     for c in entry["measures"]]
            items[-1]["measures_text"] = "；".join(items[-1]["measures"]) + "。"
        else:
            verdict = cond.verdict
            add(None, cond.id, cond.name, prose.problem_sentence(verdict), _target_text(verdict), entry,
                verdict, county_responsibles)
    # the facts the evaluation scored the government items on (subject teachers merged from the schools
    # only where the county gives none): one merge, in generator.criteria.evaluate
    facts = government_facts(subject)
    teachers_short = sum(max(c["required"] - c["actual"], 0) for c in (facts.get("subject_teachers") or {}).values())
    rule_checks = {item.id: item.checks for item in profile.government.get("items", [])}
    for item in result.government["items"]:
        if item["status"] == "pass":
            continue
        entry = find_measure(measures, item["id"], None)
        lost = government_note(item)
        problem = (f"{prose.government_problem(item, facts, rule_checks.get(item['id'], ()))}，"
                   f"该项{lost}（满分{item['points']}分，得{doc_number(item['score'], 2)}分）。")
        quantity, cost_quantity = "", None
        if any(check.get("of") == "subject_teachers" for check in item.get("checks", [])) and teachers_short:
            quantity = f"{teachers_short}人"
            cost_quantity = teachers_short
        add(None, item["id"], item["name"], problem, item["name"], entry, None,
            county_responsibles, quantity_override=quantity, cost_quantity=cost_quantity)
        items[-1]["missing"] = item["status"] == "missing"
        if quantity and facts.get("subject_teachers"):
            short = [f"{schema.SUBJECT_LABELS.get(k, k)}教师{c['required'] - c['actual']}人"
                     for k, c in facts["subject_teachers"].items() if c["actual"] < c["required"]]
            items[-1]["quantity"] = "、".join(short)
    return _sorted(items)


def plan_year(date=None):
    """The plan's first year: the year of its date (--date), else none (an undated plan)."""
    if date in (None, ""):
        return None
    return (parse_date(date) if isinstance(date, str) else date).year


def unit_cost_words(unit: dict) -> str:
    """The price an estimate is made at, as "按…测算" writes it: "图书30元/册"; a price of one 元 per
    元 (equipment bought to the value short) is "教学仪器设备缺额全额", never "1元/元"."""
    if unit["unit"] == "元/元" and exact(unit["value"]) == 1:
        return f"{unit['name']}缺额全额"
    return f"{unit['name']}{doc_number(unit['value'])}{unit['unit']}"


def annex_row(unit: dict) -> dict:
    """A row of the 附件 资金测算单价 table."""
    if unit["unit"] == "元/元" and exact(unit["value"]) == 1:
        return {"name": unit["name"], "value": "按缺额全额", "unit": "", "note": unit.get("note", "")}
    return {"name": unit["name"], "value": doc_number(unit["value"]), "unit": unit["unit"], "note": unit.get("note", "")}


def split_quantity(text: str):
    """"572㎡" → (572, "㎡"), "2人" → (2, "人"): the ledger keeps the number a number."""
    match = re.fullmatch(r"(-?\d+(?:\.\d+)?)(.*)", (text or "").replace(",", "").strip())
    if not match:
        return None, ""
    number = Decimal(match.group(1))
    return (int(number) if number == number.to_integral_value() else float(number)), match.group(2).strip()



def _sorted(items: list[dict]) -> list[dict]:
    """By phase, keeping the order within a phase; then renumber. A lone item gets no （一）."""
    items = sorted(items, key=lambda item: item["phase_no"])
    for number, item in enumerate(items, 1):
        item["no"] = str(number)
        item["heading"] = f"（{cn_number(number)}）{item['title']}" if len(items) > 1 else item["title"]
    return items


def _target_text(verdict) -> str:
    """The 整改目标, as the verdict's measure kind states its standard (generator.render.measure_words)."""
    return measures_target(verdict)


def plan_context(subject, result, profile, *, costs: dict, measures: dict, deadline=None, date=None) -> dict:
    items = plan_items(subject, result, profile, costs=costs, measures=measures, deadline=deadline, date=date)
    phases_map = {int(k): v for k, v in measures.get("phases", {}).items()}
    notes_key = "school_phase_notes" if subject.kind == "school" else "phase_notes"
    notes = {int(k): v for k, v in measures.get(notes_key, measures.get("phase_notes", {})).items()}
    deadlines = phase_deadlines(phases_map, date)
    phases = []
    for number, name in sorted(phases_map.items()):
        chosen = [item for item in items if item["phase_no"] == number]
        years = deadlines[number].split("（")[0].replace("底前", "")
        phases.append({"name": name, "year": years, "note": notes.get(number, ""),
                       "count": str(len(chosen)),
                       # not "items": in a template p.items would be the dict's method
                       "tasks": "、".join(f"{item['school']}{item['indicator']}" if subject.kind == "county"
                                         else item["indicator"] for item in chosen) or "巩固已有成果"})
    total = sum((item["cost_yuan"] for item in items if item["cost_yuan"] is not None), Decimal(0))
    used_costs = sorted({item["unit_cost"] for item in items if item["unit_cost"] != "—"})
    cost_basis = [annex_row(c) for key, c in costs.items() if any(u.startswith(c["name"]) for u in used_costs)]
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
        **plan_closing(name, is_county, phases, deadline, date),
    }


def plan_closing(name: str, is_county: bool, phases: list, deadline, date) -> dict:
    """The fields every 整改方案 ends with, basic or 优质均衡: the leader, the deadline note, the signer
    and the date."""
    return {
        "leader": "县人民政府分管领导" if is_county else "校长",
        "deadline_note": (f"各项整改统一于{format_date(deadline)}前完成。" if deadline else
                          "各项整改按三年行动计划分阶段完成：" + "；".join(
                              f"{p['year']}为“{p['name']}”" for p in phases) + "。"),
        "signer": f"{name}人民政府" if is_county else name,
        "date_text": format_date(date),
    }
