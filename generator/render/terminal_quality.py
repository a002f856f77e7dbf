"""Terminal tables for the 优质均衡 profile (evaluate_quality's results).

Per school / part: the seven values, which item fails and by how much (to 100 % and to the
pass rule's 85 % floor); the seven CVs per 学段 against their limits; the 15 + 9 items;
社会认可度; vetoes; and the facts still missing (the gap from a basic-balance file).
"""
from __future__ import annotations

from generator.criteria.profile_names import profile_title

from generator.i18n import status_word
from generator.model import schema
from generator.numbers import OP_SIGNS, amount_text, display, doc_percent, exact, fixed_text
from generator.render.terminal import (STATUS_STYLE, show_table, verdict_line, deficit_text, print_problems,
                                      standard_text, status_text, value_text)
from generator.render.terminal import verdict_table


ENUM_WORDS = {"ownership": schema.OWNERSHIPS, "category": schema.CATEGORIES, "stage": schema.STAGE_LABELS,
              "affiliation": schema.AFFILIATIONS, "location": schema.LOCATIONS}


def excluded_label(reason: str, exclude: dict | None) -> str:
    """Why a school is left out, in words: "ownership=private" → 民办; a conjunction by its parts
    ("在校生不足50人的教学点"), read from the profile's own exclusion data."""
    key, _, value = reason.partition("=")
    if value:
        return ENUM_WORDS.get(key, {}).get(value, value)
    conjunction = (exclude or {}).get(reason)
    if isinstance(conjunction, dict):
        words = "、".join(ENUM_WORDS.get(k, {}).get(v, v) for k, values in conjunction.items()
                         if k != "students_below" for v in values)
        if "students_below" in conjunction:
            return f"在校生不足{conjunction['students_below']}人的{words}"
        return words
    return reason


def _styled(text: str, status: str) -> str:
    return f"[{STATUS_STYLE[status]}]{text}[/]" if text else ""


def _amount(value, unit: str) -> str:
    if value in (None, 0):
        return ""
    return f"{amount_text(value)} {unit}".strip()


def percent_text(achieved) -> str:
    return "" if achieved is None else display(exact(achieved), 4, percent=True)


def floor_text(parts) -> str:
    """The pass rule's floor (resources.yaml `failed_floor`) as the verdicts carry it: "85%"."""
    floor = next((v.floor for part in parts for v in part.verdicts if v.floor is not None), None)
    return doc_percent(floor) if floor is not None else "—"


def part_table(parts, lang: str):
    """One row per not-met item of the given parts: value, standard, 达成率, 尚缺 to 100 % and 85 %."""
    from rich.table import Table
    zh = lang == "zh"
    table = Table()
    floor = floor_text(parts)
    for header in (("学校（学段）", "编号", "指标", "实际值", "标准", "达成率", "结论", "达标尚缺", f"达{floor}尚缺") if zh else
                   ("School (part)", "Id", "Indicator", "Value", "Standard", "Reached", "Verdict", "Short by",
                    f"Short of {floor}")):
        table.add_column(header, overflow="fold", no_wrap=header in ("编号", "Id"))
    rows = 0
    for result in parts:
        part = result.part
        for verdict in result.verdicts:
            if verdict.status not in ("fail", "missing"):
                continue
            status = status_text(verdict.status, lang)
            if verdict.status == "missing":
                status += "：" + "、".join(schema.label_of(k) for k in verdict.missing)
            floor = verdict.floor_deficit
            table.add_row(part.name, verdict.rule, verdict.name, value_text(verdict, lang),
                          standard_text(verdict, lang), percent_text(verdict.achieved),
                          _styled(status, verdict.status), _styled(deficit_text(verdict), verdict.status),
                          _styled(_amount(floor, verdict.deficit_unit) if floor else
                                  ("已达" if verdict.status == "fail" else ""), verdict.status))
            rows += 1
    return table if rows else None


def print_quality_school(result, lang: str, console, problems=()):
    zh = lang == "zh"
    name = result.name
    excluded = result.school.excluded
    if excluded:
        console.print(f"{name}：不参加资源配置评估（{excluded_label(excluded, result.exclusions)}）" if zh else
                      f"{name}: not evaluated ({excluded})")
        return
    title = f"{name} — 优质均衡资源配置（{profile_title(result.profile)}）" if zh else f"{name} — resources ({profile_title(result.profile)})"
    show_table(console, verdict_table(result.verdicts, title, lang))
    table = part_table(result.school.parts, lang)
    if table is not None:
        show_table(console, table, f"{status_word('fail')}项：达成率与尚缺" if zh else "Items not met")
    for part in result.school.parts:
        console.print(f"{part.part.name}：" + _styled(status_text(part.status, lang), part.status), soft_wrap=True)
    _print_missing(result, lang, console)
    print_problems(problems, lang, console)
    console.print(verdict_line(result, lang))


def print_quality_county(result, lang: str, console):
    from rich.table import Table
    zh = lang == "zh"
    name = result.name
    conditions = Table()
    for header in (("编号", "条件", "结论", "说明") if zh else ("Id", "Condition", "Verdict", "Note")):
        conditions.add_column(header, overflow="fold", no_wrap=header in ("编号", "Id"))
    for cond in result.conditions:
        note = ""
        area = cond.verdict.area if cond.verdict is not None and cond.measure == "items_not_met" else None
        if area is not None:
            items = [item for item in result.government["items"] if item["area"] == area]
            failed = [item["id"] for item in items if item["status"] == "fail"]
            unknown = [item["id"] for item in items if item["status"] == "missing"]
            words = (("存在：" if area == "V" else "未达到：") if zh else "not met: ")
            note = "；".join(([words + "、".join(failed)] if failed else []) +
                            ([(f"{status_word('missing')}：" if zh else "missing: ") + "、".join(unknown)] if unknown else []))
        elif cond.status == "missing" and cond.missing:
            note = "缺：" + "、".join(schema.label_of(k) for k in cond.missing[:6]) + \
                ("等" if len(cond.missing) > 6 else "")
        elif cond.status == "fail" and cond.by_stage:
            # per-indicator CVs: name the ones above their limit
            note = "；".join(f"{schema.PART_LABELS[v.cv_stage] if zh else v.cv_stage} {v.cv_indicator} "
                            f"{display(v.value, 3)} > {display(v.standard, 2)}"
                            for v in cond.verdicts if v.status == "fail")
        elif cond.status != "pass" and cond.measure == "parts_meeting_standard":
            statuses = [r for r in result.rows if r.get("included")]
            short = [r["name"] for r in statuses if r["status"] in ("fail", "missing")]
            met = sum(1 for r in statuses if r["status"] == "pass")
            note = (f"{met}/{len(statuses)} {status_word('pass')}；{status_word('fail')}或{status_word('missing')}：" if zh else
                    f"{met}/{len(statuses)} met; not met or missing: ") + "、".join(short)
        elif cond.status == "fail" and not cond.by_stage and cond.verdict.value is not None \
                and not cond.verdict.unbounded:
            note = f"{value_text(cond.verdict, lang)}，{standard_text(cond.verdict, lang)}"
        conditions.add_row(cond.id, cond.name, _styled(status_text(cond.status, lang), cond.status), note)
    show_table(console, conditions, f"{name} — 县域义务教育优质均衡认定条件（{profile_title(result.profile)}）" if zh else
          f"{name} — county conditions ({profile_title(result.profile)})")

    # resources per school / part
    ids = None
    table = Table()
    for school in result.schools:
        for part_result in school.parts:
            part, verdicts, status = part_result.part, part_result.verdicts, part_result.status
            if ids is None:
                ids = [v.rule for v in verdicts]
                for header in (("学校（学段）", "学生") if zh else ("School (part)", "Students")):
                    table.add_column(header, overflow="fold")
                for rule in ids:
                    table.add_column(rule, justify="right")
                table.add_column("结论" if zh else "Verdict")
            cells = [_styled(value_text(v, lang) if v.value is not None else "—", v.status)
                     if v.status != "pass" else value_text(v, lang) for v in verdicts]
            table.add_row(part.name, str(part.students), *cells, _styled(status_text(status, lang), status))
    if ids:
        show_table(console, table, "各校（学段）资源配置" if zh else "Resources per school (part)")
    excluded = [(school.name, school.excluded) for school in result.schools if school.excluded]
    if excluded:
        console.print(("不参加评估：" if zh else "Not evaluated: ") +
                      "；".join(f"{n}（{excluded_label(r, result.exclusions) if zh else r}）" for n, r in excluded),
                      soft_wrap=True)
    all_parts = [part for school in result.schools for part in school.parts]
    detail = part_table(all_parts, lang)
    if detail is not None:
        show_table(console, detail, f"{status_word('fail')}项：达成率与尚缺（{status_word('pass')} / 达到标准的{floor_text(all_parts)}）" if zh else "Items not met")

    # CVs
    cv_verdicts = [v for cond in result.conditions if cond.by_stage for v in cond.verdicts]
    for stage, data in result.cv.items():
        table = Table()
        keys = [k for k in data if k not in ("schools", "students", "composite")]
        for key in keys:
            table.add_column(key, justify="right")
        cells = []
        for key in keys:
            verdict = next((v for v in cv_verdicts if v.cv_stage == stage and v.cv_indicator == key), None)
            text = fixed_text(data[key], verdict.decimals if verdict else None)   # monitoring cv.decimals
            cells.append(_styled(text, verdict.status) if verdict and verdict.status != "pass" else text)
        table.add_row(*cells)
        limit = next((v.standard for v in cv_verdicts if v.cv_stage == stage), None)
        label = schema.PART_LABELS[stage] if zh else stage
        show_table(console, table, f"差异系数（{label}，{data['schools']} 所学校，{data['students']} 名学生；每项≤{limit}）"
              if zh else f"Coefficients of variation ({stage}; each ≤ {limit})")

    # items
    government = result.government
    areas = government.get("areas", {})
    for area, area_name in areas.items():
        items = [item for item in government["items"] if item["area"] == area]
        not_met = [item for item in items if item["status"] != "pass"]
        title = f"{area_name}（{len(items)}项，达到 {len(items) - len(not_met)} 项）" if zh else \
            f"{area_name} ({len(items)} items, {len(items) - len(not_met)} met)"
        if not not_met:
            if area == "V":
                title = f"{area_name}（{len(items)}项）"
            console.print(f"[bold]{title}[/]" + (("：均未发生" if area == "V" else "：全部达到要求") if zh
                                                  else ": all met"), soft_wrap=True)
            continue
        table = Table()
        for header in (("编号", "项目", "结论", "说明") if zh else ("Id", "Item", "Verdict", "Note")):
            table.add_column(header, overflow="fold", no_wrap=header in ("编号", "Id"))
        for item in not_met:
            status = item["status"]
            word = status_text(status, lang)
            if area == "V" and status == "fail":
                word = "存在（否决）" if zh else "present (veto)"
            note = ("缺：" if item.get("missing") else "") + "、".join(schema.label_of(k) for k in item.get("missing", []))
            if status == "fail":
                note = "；".join(f"{schema.label_of(c['of']) if isinstance(c['of'], str) else c['check']}："
                                f"{c['value']}（标准 {OP_SIGNS.get(c['op'], c['op'])} {c['standard']}）"
                                for c in item["checks"] if c["status"] == "fail" and area != "V")
            table.add_row(item["id"], item["name"], _styled(word, status), note)
        show_table(console, table, title)
    _print_missing(result, lang, console)
    console.print(verdict_line(result, lang))


def _print_missing(result, lang, console):
    lacking = result.missing_facts or []
    if lacking:
        labels = "、".join(f"{schema.label_of(k)}（{k}）" for k in lacking)
        console.print(("[yellow]尚缺数据（补齐后才能判定）：[/]" if lang == "zh" else "[yellow]Facts missing:[/] ") + labels,
                      soft_wrap=True)
