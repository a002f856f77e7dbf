"""The least-cost plan as people and machines read it: terminal text, JSON, the 达标测算
section of the 整改方案 (template fields), a ledger sheet, and the facts with the additions
applied (`--apply AFTER.yaml`, schools inline)."""
from __future__ import annotations

import json
import re
from decimal import Decimal

from generator.model import schema
from generator.io.yaml_writer import dump
from generator.numbers import amount_text, doc_number, exact, fixed_text, plain
from generator.render.prose import JOINER
from generator.i18n import status_word



# Numbers: the terminal text and the --apply header use the screen style (1,500 册, 828,800 元),
# the 整改方案's 达标测算 section the document style (1500册, 828800元) — generator.numbers.
def _wan(yuan) -> str:
    return amount_text(exact(yuan) / 10000, 2) + "万元"


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
def text(plan, lang: str = "zh") -> str:
    lines = [f"达标测算（最低费用）：{plan.subject.name}"]
    if not plan.additions:
        lines.append("  无需增加：各校已达到学校标准" + ("，各项差异系数均在标准以内" if plan.subject.kind == "county" else ""))
    current = None
    for a in plan.additions:
        if a.school != current:
            current = a.school
            lines.append(f"  {a.school}")
        cost = amount_text(a.cost_yuan) + " 元" if a.cost_yuan is not None else "不计价（管理措施）"
        lines.append(f"    {stage_text(a)} 增加{thing(a)} {amount_text(a.amount)}{' ' + a.unit if a.unit else ''}，费用 "
                     f"{cost}；{a.reason}")
    if plan.left:
        lines.append(f"  按学校标准可不{status_word('pass')}（补到下限）的项目：" + left_text(plan))
    lines.append(f"  合计：{amount_text(plan.total)} 元（{_wan(plan.total)}）")
    for row in cv_rows(plan):
        if row["indicator"] == "综合" or not any(r["indicator"] == "综合" for r in cv_rows(plan)):
            lines.append(f"  差异系数（{row['stage']}{'' if row['indicator'] == '综合' else ' ' + row['indicator']}"
                         f"{'综合' if row['indicator'] == '综合' else ''}）：{row['before']} → {row['after']}")
    for part in plan.exact:
        lines.append(f"  精确：{part}")
    for part in plan.heuristic:
        lines.append(f"  启发式：{part}")
    unpriced = [a for a in plan.additions if a.cost_yuan is None]
    if unpriced:
        lines.append("  不计价的措施（无单价，属管理措施）：" + "、".join(sorted({thing(a) for a in unpriced})))
    for problem in plan.problems:
        lines.append(f"  无法达到：{problem}")
    lines.append("  复核（按增加后的数据重新评估）：" + (f"全部学校{status_word('pass')}，差异系数{status_word('pass')}" if plan.reached else f"未全部{status_word('pass')}"))
    return "\n".join(lines)


def to_json(plan) -> str:
    return json.dumps(plan.to_json(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- 整改方案 and ledger
EMPTY_CONTEXT = {"least_cost": False, "lc_rows": [], "lc_total": "", "lc_total_wan": "", "lc_cv_rows": [],
                 "lc_notes": [], "lc_problems": [], "lc_left": ""}


def context(plan) -> dict:
    """Fields of the 达标测算 section (all present, empty, when --least-cost is not given)."""
    if plan is None:
        return dict(EMPTY_CONTEXT)
    rows = []
    for number, a in enumerate(plan.additions, 1):
        rows.append({"no": str(number), "school": a.school, "stage": stage_text(a), "thing": thing(a),
                     # the number and its unit on one line in a narrow cell (1500册, not 1500 / 册)
                     "amount": doc_number(a.amount) + (JOINER + a.unit if a.unit else ""),
                     "cost": doc_number(a.cost_yuan) if a.cost_yuan is not None else "不计价",
                     "reason": document_words(a.reason, plan.names)})
    notes = [document_words(f"精确：{p}", plan.names) for p in plan.exact] + \
        [document_words(f"启发式：{p}", plan.names) for p in plan.heuristic]
    notes.append("单价见rules/costs.yaml（或--costs），均为本项目拟定的测算单价［A］。复核：按增加后的数据重新评估，"
                 + ("各校均达到学校标准、各项差异系数均在标准以内。" if plan.reached else f"未能全部{status_word('pass')}，见下文说明。"))
    return {"least_cost": True, "lc_rows": rows, "lc_total": doc_number(plan.total), "lc_total_wan": _doc_wan(plan.total),
            "lc_cv_rows": [{**row, "indicator": plan.names.get(row["indicator"], row["indicator"])}
                           for row in cv_rows(plan)], "lc_notes": notes, "lc_problems": [document_words(p, plan.names) for p in plan.problems],
            "lc_left": left_text(plan, document=True)}


def ledger_rows(plan) -> list[list]:
    header = ["序号", "学校", "学段", "增加", "数量", "单位", "估算资金（元）", "原因"]
    rows = [header]
    for number, a in enumerate(plan.additions, 1):
        rows.append([number, a.school, stage_text(a), thing(a), float(a.amount), a.unit,
                     float(a.cost_yuan) if a.cost_yuan is not None else None, a.reason])
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
