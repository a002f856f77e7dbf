"""Verdicts → the rows a page shows, in the words and number formats `junheng check` prints.

Every cell comes from generator/render/terminal.py's own functions (value_text, standard_text,
deficit_text, status_text), so the page and the terminal never disagree.
"""
from __future__ import annotations

from generator.criteria.profile_names import profile_title

from generator.i18n import message
from generator.model import schema
from generator.numbers import fixed_text
from generator.render.terminal import _stage_name, deficit_text, standard_text, status_text, value_text
from generator.web import charts


def verdict_rows(verdicts, lang="zh") -> list[dict]:
    rows = []
    for verdict in verdicts:
        status = status_text(verdict.status, lang)
        if verdict.status == "missing" and verdict.missing:
            status += "：" + "、".join(schema.label_of(k) for k in verdict.missing)
        rows.append({"rule": verdict.rule, "name": f"{verdict.name}{_stage_name(verdict)}",
                     "value": value_text(verdict, lang), "standard": standard_text(verdict, lang),
                     "status": verdict.status, "status_text": status, "deficit": deficit_text(verdict)})
    return rows


def check_view(result, lang="zh") -> dict:
    """Everything the result page shows for a school or a county (`result`: an Evaluation)."""
    kind = result.kind
    view = {"kind": kind, "name": result.name, "profile": result.profile,
            "passed": result.passed, "status": result.status, "verdicts": verdict_rows(result.verdicts, lang),
            "result_text": message("result_pass" if result.passed else
                                   "result_missing" if result.status == "missing" else "result_fail", lang)}
    if kind == "school":
        view["title"] = f"{view['name']} — 办学基本条件（{profile_title(result.profile)}）"
        view["chart"] = charts.school_chart(result.verdicts)
        return view
    government = result.government
    scored = "score" in government      # 基本均衡: points out of 100; 优质均衡: every item met or not
    view["title"] = (f"{view['name']} — 县域义务教育基本均衡四项条件（{profile_title(result.profile)}）" if scored else
                     f"{view['name']} — 县域义务教育优质均衡发展评估（{profile_title(result.profile)}）")
    view["cv"] = cv_tables(result)
    if scored:
        title = message("government_title", lang, score=government["score"], total=government["total"],
                        pass_score=government["pass_score"])
    else:
        areas = government.get("areas", {})
        short = [item for item in government["items"] if item["status"] != "pass"]
        title = ("、".join(areas.values()) or "各项") + (
            f"：{len(short)} 项未达到要求" if short else "：各项均达到要求")
    view["government"] = {
        "title": title, "scored": scored,
        "lost": [{"id": item["id"], "name": item["name"], "score": item.get("score", ""),
                  "points": item.get("points", ""),
                  "status": item["status"],
                  "note": status_text(item["status"], lang) + ("：" + "、".join(schema.label_of(k)
                                                                            for k in item["missing"])
                                                                if item.get("missing") else "")}
                 for item in government["items"] if item["status"] != "pass"]}
    schools = []
    for entry in result.included_schools:
        school = entry.school
        not_met = [f"{v.rule}{_stage_name(v)}" + ("?" if v.status == "missing" else "")
                   for v in entry.verdicts if v.status in ("fail", "missing")]
        schools.append({"name": school.name, "stage": schema.STAGE_LABELS[school.stage],
                        "students": school.total_students, "passed": entry.passed, "status": entry.status,
                        "status_text": status_text(entry.status, lang),
                        "not_met": "、".join(not_met)})
    view["schools"] = schools
    view["schools_chart"] = charts.county_schools_chart(result.included_schools)
    return view


def cv_tables(result) -> list[dict]:
    """One table per 学段: the indicators' CVs and, under 基本均衡, the composite judged against
    its limit; under 优质均衡 (no composite) each indicator is judged against the limit itself."""
    tables = []
    cv_verdicts = [v for condition in result.conditions if condition.by_stage for v in condition.verdicts]
    for stage, data in result.cv.items():
        ids = [key for key in data if key not in ("composite", "schools", "students")]
        title = f"差异系数（{schema.PART_LABELS[stage]}，{data['schools']} 所学校，{data['students']} 名学生）"
        if "composite" in data:
            verdict = next((v for v in cv_verdicts if v.cv_stage == stage and v.cv_indicator == "composite"), None)
            composite = data["composite"]
            places = verdict.decimals if verdict else None      # monitoring.yaml cv.decimals, via the verdict
            cells = [fixed_text(data[k], places) for k in ids]
            tables.append({
                "title": title, "ids": ids, "cells": cells, "cell_status": [""] * len(ids),
                "composite": fixed_text(composite, places),
                "status": verdict.status if verdict else "",
                "chart": charts.cv_chart(schema.PART_LABELS[stage], {k: data[k] for k in ids}, composite,
                                         verdict.standard if verdict else None,
                                         verdict.status if verdict else "", places=places)})
            continue
        verdicts = {v.cv_indicator: v for v in cv_verdicts if v.cv_stage == stage}
        statuses = [verdicts[k].status if k in verdicts else "" for k in ids]
        cells = [fixed_text(data[k], verdicts[k].decimals if k in verdicts else None) for k in ids]
        places = next((v.decimals for v in verdicts.values()), None)
        limit = next((v.standard for v in verdicts.values() if v.standard is not None), None)
        tables.append({
            "title": title, "ids": ids, "cells": cells, "cell_status": statuses, "composite": None,
            "status": "", "chart": charts.cv_chart(schema.PART_LABELS[stage], {k: data[k] for k in ids}, None,
                                                   limit, "", composite_label=None, places=places,
                                                   statuses=dict(zip(ids, statuses)))})
    return tables


def audit_rows(result, lang="zh") -> list[dict]:
    """The findings table as `junheng audit` prints it (agreeing relations are not listed)."""
    from generator.audit.opinion import _difference, _recomputed, _where, claimed_words
    from generator.i18n import message

    rows = []
    for row in result.rows:
        if row.kind == "consistency" and row.status == "agree":
            continue
        rows.append({"where": _where(row, lang), "what": row.what[lang], "claimed": claimed_words(row, lang),
                     "should": _recomputed(row, lang), "difference": _difference(row, lang),
                     "status": row.status,
                     "word": message(f"audit_{'agree' if row.status == 'agree' else row.status}", lang)})
    return rows


def audit_view(result, lang="zh") -> dict:
    findings, unverified = result.findings, result.unverified
    return {
        "title": f"{result.subject['name']} — 督导核查（{profile_title(result.profile)}）",
        "rows": audit_rows(result, lang),
        "findings": [{"where": _where_text(row, lang), "what": row.what[lang], "how": row.how[lang]}
                     for row in findings],
        "unverified": [{"what": row.what[lang], "how": row.how[lang]} for row in unverified],
        "summary": f"核对声明与分项合计 {result.checked} 项、事实关系 {result.relations_checked} 条："
                   f"不符 {len(findings)} 处，无法核对 {len(unverified)} 项。",
        "has_findings": bool(findings),
    }


def _where_text(row, lang):
    from generator.audit.opinion import _where
    return _where(row, lang)
