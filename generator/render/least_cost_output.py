"""The least-cost plan (generator.plan) as people and machines read it: terminal text, JSON, the 达标测算
section of the 整改方案 (template fields), a ledger sheet, and the facts with the additions
applied (`--apply AFTER.yaml`, schools inline)."""
from __future__ import annotations

import functools
import json
import re
from decimal import Decimal

from generator import i18n
from generator.model import schema
from generator.io.yaml_writer import dump
from generator.numbers import amount_text, doc_number, exact, fixed_text, plain
from generator.i18n import status_word
from generator.plan.least_cost import EXACT_CV, EXACT_SCHOOLS, EXACT_SEARCH, HEURISTIC_CV, TAKE_BACK


# Numbers: the terminal text and the --apply header use the screen style (1,500 册, 828,800 元),
# the 整改方案's 达标测算 section the document style (1500册, 828800元) — generator.numbers.
def _doc_wan(yuan) -> str:
    return doc_number(exact(yuan) / 10000, 2) + "万元"


def thing(addition) -> str:
    """What is added, in words: 图书, 实验室（生物）, 专任教师学历合格率（培训人数）."""
    fact = addition.fact
    if fact.startswith("labs."):
        return f"实验室（{schema.LAB_LABELS.get(fact[5:], fact[5:])}）"
    label = schema.label_of(fact)
    if addition.unit == "人" and fact not in ("teachers",) and "rate" in fact:
        return f"{label}（需提升的教师）"
    return label


def left_text(plan, document: bool = False) -> str:
    """北关小学Q5、红星学校（初中）Q2: items left unmet at their floor, 学段 named for a spanning school;
    in a document by name (北关小学生均体育运动场馆面积), as documents never show rule ids."""
    subject = plan.subject
    schools = subject.schools if subject.kind == "county" else [subject]
    spanning = {s.name for s in schools if len(s.parts) > 1}

    def item(rule_id):
        return plan.names.get(rule_id, rule_id) if document else rule_id
    return "、".join(f"{s}（{schema.PART_LABELS.get(st, '')}）{item(r)}" if s in spanning else f"{s}{item(r)}"
                    for s, st, r in plan.left)


def document_words(text: str, names: dict) -> str:
    """A reason as a document says it: "K3 生均图书册数达标" → "生均图书册数达标", "（经M5）" →
    "（经生均图书册数）" — the rule ids the terminal and JSON show are left out (README "Documents")."""
    def name(match):
        rule_id = match.group(1)
        if rule_id not in names:
            return match.group(0)
        # "K3 生均图书册数…": the name follows its id, so the id and its space go; a bare id becomes its name
        return "" if text[match.end():].startswith(names[rule_id]) else names[rule_id]
    return re.sub(r"(?<![A-Za-z0-9])([A-Z]{1,2}\d{1,2})(?![0-9]) ?", name, text)


def stage_text(addition) -> str:
    return schema.PART_LABELS.get(addition.stage, "全校") if addition.stage else "全校"


def _cv(value, places: int | None) -> str:
    """A 差异系数 as published: the rule's decimals (monitoring.yaml `cv.decimals`), zeros kept (0.120)."""
    return fixed_text(value, places)


def cv_rows(plan) -> list[dict]:
    rows = []
    for stage in ("primary", "junior"):
        before, after = plan.cv_before.get(stage), plan.cv_after.get(stage)
        if not before:
            continue
        for key in before:
            rows.append({"stage": schema.PART_LABELS[stage], "indicator": "综合" if key == "composite" else key,
                         "before": _cv(before[key], plan.cv_decimals),
                         "after": _cv(after.get(key) if after else None, plan.cv_decimals)})
    return rows


# ---------------------------------------------------------------- terminal
# (its fixed words: generator/messages/plan.py)
def _stage_word(addition, lang: str) -> str:
    return i18n.message(f"lc_stage_{addition.stage}" if addition.stage in schema.PART_LABELS else "lc_stage_whole",
                        lang)


def _method(part: str, lang: str) -> str:
    """A line of plan.exact / plan.heuristic in `lang`: the method's words, then the names it applies to."""
    if lang == "zh":
        return part
    for words, key in ((EXACT_SEARCH, "lc_method_search"), (EXACT_SCHOOLS, "lc_method_schools"),
                       (EXACT_CV, "lc_method_cv"), (HEURISTIC_CV, "lc_method_composite"),
                       (TAKE_BACK, "lc_method_take_back")):
        if part.startswith(words):
            return i18n.message(key, lang) + (": " + part[len(words) + 1:] if len(part) > len(words) else "")
    return part


def missing_lines(plan, lang: str = "zh") -> list[str]:
    """One line per item and missing fact, naming the schools that lack it (in file order)."""
    grouped: dict = {}
    for entry in plan.missing:
        grouped.setdefault((entry["item"], "、".join(entry["facts"])), []).append(entry["school"])
    return [i18n.message("lc_missing", lang, item=item, facts=facts, schools="、".join(dict.fromkeys(schools)))
            for (item, facts), schools in grouped.items()]


def text(plan, lang: str = "zh") -> str:
    say = functools.partial(i18n.message, lang=lang)
    lines = [say("lc_title", name=plan.subject.name)]
    if not plan.additions:
        # "nothing to add" only when the re-check says so, never beside a problem or a missing fact
        if plan.reached and not plan.missing:
            lines.append("  " + say("lc_nothing") + (say("lc_nothing_cv") if plan.subject.kind == "county" else ""))
        else:
            lines.append("  " + say("lc_none_planned"))
    current = None
    for a in plan.additions:
        if a.school != current:
            current = a.school
            lines.append(f"  {a.school}")
        cost = say("lc_yuan", amount=amount_text(a.cost_yuan)) if a.cost_yuan is not None else say("lc_unpriced_cost")
        amount = amount_text(a.amount) + (" " + a.unit if a.unit else "")
        lines.append("    " + say("lc_add", stage=_stage_word(a, lang), thing=thing(a), amount=amount, cost=cost,
                                  reason=a.reason))
    if plan.left:
        lines.append("  " + say("lc_left") + left_text(plan))
    wan = say("lc_wan", amount=amount_text(exact(plan.total) / 10000, 2))
    lines.append("  " + say("lc_total", amount=amount_text(plan.total), wan=wan))
    rows = cv_rows(plan)
    has_composite = any(r["indicator"] == "综合" for r in rows)
    for row in rows:
        if row["indicator"] == "综合" or not has_composite:
            stage = row["stage"] if lang == "zh" else i18n.message(
                "lc_stage_" + next(k for k, v in schema.PART_LABELS.items() if v == row["stage"]), lang)
            indicator = say("lc_composite") if row["indicator"] == "综合" else row["indicator"]
            if lang == "zh" and row["indicator"] != "综合":
                indicator = " " + indicator
            lines.append("  " + say("lc_cv", stage=stage, indicator=indicator, before=row["before"],
                                    after=row["after"]))
    for part in plan.exact:
        lines.append("  " + say("lc_exact", part=_method(part, lang)))
    for part in plan.heuristic:
        lines.append("  " + say("lc_heuristic", part=_method(part, lang)))
    unpriced = [a for a in plan.additions if a.cost_yuan is None]
    if unpriced:
        lines.append("  " + say("lc_unpriced") + "、".join(sorted({thing(a) for a in unpriced})))
    for problem in plan.problems:
        lines.append("  " + say("lc_problem", problem=problem))
    for item in missing_lines(plan, lang):
        lines.append("  " + item)
    outcome = "lc_reached" if plan.reached else "lc_pending" if plan.missing and plan.settled else "lc_not_reached"
    lines.append("  " + say("lc_recheck", outcome=say(outcome)))
    return "\n".join(lines)


def to_json(plan) -> str:
    return json.dumps(plan.to_json(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- 整改方案 and ledger
EMPTY_CONTEXT = {"least_cost": False, "lc_rows": [], "lc_total": "", "lc_total_wan": "", "lc_private_wan": "", "lc_scope": "",
                 "lc_cv_rows": [],
                 "lc_notes": [], "lc_problems": [], "lc_left": ""}


def context(plan) -> dict:
    """Fields of the 达标测算 section (all present, empty, when --least-cost is not given)."""
    if plan is None:
        return dict(EMPTY_CONTEXT)
    rows = []
    for number, a in enumerate(plan.additions, 1):
        rows.append({"no": str(number), "school": a.school, "stage": stage_text(a), "thing": thing(a),
                     "amount": doc_number(a.amount) + (a.unit or ""),
                     "cost": doc_number(a.cost_yuan) if a.cost_yuan is not None else "不计价",
                     "reason": document_words(a.reason, plan.names)})
    # The section's notes say what was computed and how it relates to the plan's own total, in
    # words a reader checks: no method names, file names or provenance marks.
    notes = ["复核：按增加后的数据重新评估，" + ("各校均达到学校标准、各项差异系数均在标准以内。" if plan.reached
                                           else f"未能全部{status_word('pass')}，见下文说明。")]
    private = _private_total(plan)
    return {"least_cost": True, "lc_rows": rows, "lc_total": doc_number(plan.total), "lc_total_wan": _doc_wan(plan.total),
            "lc_private_wan": _doc_wan(private) if private else "", "lc_scope": "", "lc_private_yuan": private,
            "lc_total_yuan": exact(plan.total),
            "lc_cv_rows": [{**row, "indicator": plan.names.get(row["indicator"], row["indicator"])}
                           for row in cv_rows(plan)], "lc_notes": notes, "lc_problems": [document_words(p, plan.names) for p in plan.problems]
            + [document_words(line, plan.names) for line in missing_lines(plan)],
            "lc_left": left_text(plan, document=True)}


def _private_total(plan):
    """What the additions at 民办 schools cost: the 举办者's own money, outside a county's total."""
    schools = plan.subject.schools if plan.subject.kind == "county" else [plan.subject]
    private = {s.name for s in schools if s.get("ownership") == "private"}
    return sum((a.cost_yuan for a in plan.additions if a.school in private and a.cost_yuan is not None), Decimal(0))


def ledger_rows(plan) -> list[list]:
    """The ledger's 达标测算 sheet: one row per addition, the reason in words (no rule id), as the
    document's section says it."""
    header = ["序号", "学校", "学段", "增加", "数量", "单位", "估算资金（元）", "原因"]
    rows = [header]
    for number, a in enumerate(plan.additions, 1):
        rows.append([number, a.school, stage_text(a), thing(a), float(a.amount), a.unit,
                     float(a.cost_yuan) if a.cost_yuan is not None else None, document_words(a.reason, plan.names)])
    rows.append(["合计", "", "", "", None, "", float(plan.total), ""])
    return rows


# ---------------------------------------------------------------- --apply
def _plainly(value):
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, dict):
        return {str(k): _plainly(v) for k, v in value.items() if not str(k).startswith("_")}
    if isinstance(value, (list, tuple)):
        return [_plainly(v) for v in value]
    return value


DROPPED = ("claims", "breakdowns")   # statements about the old figures: they would no longer hold


def school_data(school) -> dict:
    data = {"kind": "school"}
    for key, value in school.facts.items():
        if key in DROPPED or key == "kind":
            continue
        data[key] = _plainly(value)
    return data


def after_yaml(plan) -> bytes:
    """The facts with the additions applied, as a fact file `junheng check` reads."""
    subject = plan.after
    if subject.kind == "school":
        data = school_data(subject)
    else:
        data = {"kind": "county"}
        for key, value in subject.facts.items():
            if key in DROPPED or key in ("kind", "schools"):
                continue
            data[key] = _plainly(value)
        if subject.government:
            data["government"] = _plainly(subject.government)
        data["schools"] = [school_data(school) for school in subject.schools]
    head = (f"# {plan.subject.name}：按 junheng plan --least-cost 的达标测算增加后的数据（合计 {amount_text(plan.total)} 元）。\n"
            f"# 原文件：{plan.subject.file}；学校直接写在本文件里；报告声明与分项合计（claims、breakdowns）已略去。\n")
    body = dump(data, width=120)
    return (head + body).encode("utf-8")
