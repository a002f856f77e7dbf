"""Verdicts → the rows a page shows, in the words and number formats `junheng check` prints.

Every cell comes from generator/render/terminal.py's own functions (value_text, standard_text,
deficit_text, status_text), so the page and the terminal never disagree.
"""
from __future__ import annotations

from generator.criteria.profile_names import profile_title

from generator.i18n import STATUS_WORDS, message
from generator.model import schema
from generator.numbers import doc_percent, fixed_text
from generator.render import prose
from generator.render.terminal_quality import excluded_label
from generator.render.terminal import stage_suffix, deficit_text, standard_text, status_text, value_text
from generator.web import charts


def verdict_rows(verdicts, lang="zh") -> list[dict]:
    rows = []
    for verdict in verdicts:
        status = status_text(verdict.status, lang)
        if verdict.status == "missing" and verdict.missing:
            status += "：" + "、".join(schema.label_of(k) for k in verdict.missing)
        value, standard = value_text(verdict, lang), standard_text(verdict, lang)
        if verdict.unit == "项" and verdict.standard == 0 and verdict.op == "<=":
            # a count of items that may not occur (an item not met, a veto): said as a person would
            value = "无" if verdict.value == 0 else f"有 {value} 项"
            standard = "无"
        rows.append({"rule": verdict.rule.split("-")[0], "name": f"{verdict.name}{stage_suffix(verdict)}",
                     "value": value, "standard": standard,
                     "status": verdict.status, "status_text": status, "deficit": deficit_text(verdict)})
    return rows


def check_view(result, lang="zh", subject=None, rules=None) -> dict:
    """Everything the result page shows for a school or a county (`result`: an Evaluation; with the
    `subject` and its `rules`, also what the CLI prints under its table: the sentence of each item
    that falls short, the schools left out and why). Rule ids are only a small hint beside names."""
    kind = result.kind
    view = {"kind": kind, "name": result.name, "profile": result.profile, "profile_title": profile_title(result.profile),
            "passed": result.passed, "status": result.status, "verdicts": verdict_rows(result.verdicts, lang),
            "result_text": message("result_pass" if result.passed else
                                   "result_missing" if result.status == "missing" else "result_fail", lang)}
    if kind == "school":
        view["title"] = f"{view['name']} — 办学基本条件（{profile_title(result.profile)}）"
        view["chart"] = charts.school_chart(result.verdicts)
        view["problems"] = prose.school_problems(subject, result, rules) if subject is not None and rules else []
        excluded = result.school.excluded if result.school is not None else None
        view["excluded"] = [(result.name, excluded_label(excluded, result.exclusions))] if excluded else []
        view["excluded_title"] = "不参加资源配置评估"
        return view
    government = result.government
    scored = "score" in government      # 基本均衡: points out of 100; 优质均衡: every item met or not
    view["title"] = (f"{view['name']} — 县域义务教育基本均衡四项条件（{profile_title(result.profile)}）" if scored else
                     f"{view['name']} — 县域义务教育优质均衡发展评估（{profile_title(result.profile)}）")
    names = {indicator.id: indicator.name for indicator in rules.monitoring["indicators"]} if rules else {}
    view["cv"] = cv_tables(result, names)
    # 优质均衡 leaves schools out of the whole evaluation; 基本均衡 judges every school but leaves some
    # out of the 差异系数 (their rows say so)
    view["excluded"] = [(school.name, excluded_label(school.excluded, result.exclusions))
                        for school in result.schools if school.excluded]
    view["excluded_title"] = "不参加资源配置评估和差异系数计算的学校" if view["excluded"] else "不计入差异系数的学校"
    if not view["excluded"]:
        seen = []
        for row in result.rows:
            if not row.get("included", True) and row["name"] not in {name for name, _ in seen}:
                seen.append((row["name"], excluded_label(row.get("excluded") or "", result.exclusions)))
        view["excluded"] = seen
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
        not_met = [_short_item(v) for v in entry.verdicts if v.status in ("fail", "missing")]
        schools.append({"name": school.name, "stage": schema.STAGE_LABELS[school.stage],
                        "students": school.total_students, "passed": entry.passed, "status": entry.status,
                        "status_text": status_text(entry.status, lang),
                        "not_met": "、".join(not_met)})
    view["schools"] = schools
    view["schools_chart"] = charts.county_schools_chart(result.included_schools)
    return view


def _short_item(verdict) -> str:
    """An item a school falls short on, by name: "生均图书册数", "生均体育运动场馆面积（达成率93.3%）"
    (优质均衡: a school may pass with one item short, when it reaches 85 %), or the item with its
    missing-data word."""
    name = f"{verdict.name}{stage_suffix(verdict)}"
    if verdict.status == "missing":
        return f"{name}（{STATUS_WORDS['missing']}）"
    achieved = getattr(verdict, "achieved", None)
    if achieved is not None:
        return f"{name}（达成率{doc_percent(achieved, 1)}）"
    return name


def cv_tables(result, names=None) -> list[dict]:
    """One table per 学段: the indicators' CVs, by name, and, under 基本均衡, the composite judged against
    its limit; under 优质均衡 (no composite) each indicator is judged against the limit itself."""
    names = names or {}
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
                "title": title, "ids": ids, "names": [names.get(k, k) for k in ids], "cells": cells,
                "cell_status": [""] * len(ids), "limit": verdict.standard if verdict else None,
                "composite": fixed_text(composite, places),
                "status": verdict.status if verdict else "",
                "chart": charts.cv_chart(schema.PART_LABELS[stage], {k: data[k] for k in ids}, composite,
                                         verdict.standard if verdict else None,
                                         verdict.status if verdict else "", places=places, names=names)})
            continue
        verdicts = {v.cv_indicator: v for v in cv_verdicts if v.cv_stage == stage}
        statuses = [verdicts[k].status if k in verdicts else "" for k in ids]
        cells = [fixed_text(data[k], verdicts[k].decimals if k in verdicts else None) for k in ids]
        places = next((v.decimals for v in verdicts.values()), None)
        limit = next((v.standard for v in verdicts.values() if v.standard is not None), None)
        tables.append({
            "title": title, "ids": ids, "names": [names.get(k, k) for k in ids], "cells": cells,
            "cell_status": statuses, "composite": None, "limit": limit,
            "status": "", "chart": charts.cv_chart(schema.PART_LABELS[stage], {k: data[k] for k in ids}, None,
                                                   limit, "", composite_label=None, places=places,
                                                   statuses=dict(zip(ids, statuses)), names=names)})
    return tables


def audit_rows(result, lang="zh") -> list[dict]:
    """The findings table as `junheng audit` prints it (agreeing relations are not listed)."""
    from generator.audit.opinion import difference_cell, recomputed_cell, where_cell, claimed_words

    rows = []
    for row in result.rows:
        if row.kind == "consistency" and row.status == "agree":
            continue
        rows.append({"where": where_cell(row, lang), "what": row.what[lang], "claimed": claimed_words(row, lang),
                     "should": recomputed_cell(row, lang), "difference": difference_cell(row, lang),
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
    from generator.audit.opinion import where_cell
    return where_cell(row, lang)
