"""Verdicts → what a person reads on the terminal (rich tables) and what a machine reads (JSON)."""
from __future__ import annotations

from generator.criteria.profile_names import profile_title
from generator.criteria.rule_model import thaw

import json

from generator.render import measure_words
from generator.render.measure_words import deficit_text, trim_zeros as _trim  # noqa: F401  (re-exported)
from generator.model import schema
from generator.i18n import message, status_word
from generator.numbers import OP_SIGNS, display, exact, fixed_text
from generator.render.console import terminal_console
STATUS_STYLE = {"pass": "green", "fail": "bold red", "missing": "yellow", "n/a": "dim"}


def to_json(evaluation) -> str:
    """`check --json`: the Evaluation as contract.md shapes it."""
    return pretty_json(evaluation.to_json())


_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": "))


def pretty_json(data, levels: int = 3) -> str:
    """JSON with mappings indented to `levels` levels and every list one element per line.

    json.dumps(indent=2) runs the pure-Python encoder, which was 40 % of `check --json` on a
    2,000-school county; here the C encoder writes each list element (one school, one verdict,
    one government item) and each deeper value on one line — the same JSON, still readable.
    """
    out: list[str] = []
    _pretty(data, levels, 0, out)
    return "".join(out)


def _pretty(value, levels: int, depth: int, out: list) -> None:
    if depth >= levels or not isinstance(value, (dict, list)) or not value:
        out.append(_COMPACT.encode(value))
        return
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            out.append(("," if index else "") + "\n" + inner + _COMPACT.encode(str(key)) + ": ")
            _pretty(item, levels, depth + 1, out)
        out.append("\n" + pad + "}")
    else:
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + "\n" + inner + _COMPACT.encode(item))
        out.append("\n" + pad + "]")


def status_text(status: str, lang: str) -> str:
    return status_word(status, lang)


def value_text(verdict, lang="zh") -> str:
    """A verdict's value as printed: 85%, 5.60, 9.5 (生机比 9.5:1), 是/否 — as its measure kind shows it."""
    return measure_words.value_text(verdict, lang)


def standard_text(verdict, lang="zh") -> str:
    """"≥ 5.2 ㎡/生", "≤ 8 生/台", "≥ 4 类", the flag's wording — as its measure kind shows it."""
    return measure_words.standard_text(verdict, lang)


def stage_suffix(verdict) -> str:
    return f"（{schema.PART_SUFFIX[verdict.stage]}）" if verdict.stage else ""


def verdict_table(verdicts, title: str, lang: str):
    from rich.table import Table
    headers = ("编号", "指标", "实际值", "标准", "结论", "尚缺") if lang == "zh" else \
        ("Id", "Indicator", "Value", "Standard", "Verdict", "Short by")
    table = Table(show_lines=False)
    table.title_text = title
    # The id gets its own unwrapped column so a narrow terminal never separates it from its row.
    table.add_column(headers[0], no_wrap=True)
    table.add_column(headers[1], overflow="fold")   # CJK has no spaces to wrap at: fold, never cut
    table.add_column(headers[2], justify="right", no_wrap=True)
    table.add_column(headers[3])
    table.add_column(headers[4], overflow="fold")
    table.add_column(headers[5], justify="right")
    for verdict in verdicts:
        style = STATUS_STYLE[verdict.status]
        status = status_text(verdict.status, lang)
        if verdict.status == "missing" and verdict.missing:
            status += "：" + "、".join(schema.label_of(k) for k in verdict.missing)
        table.add_row(verdict.rule, f"{verdict.name}{stage_suffix(verdict)}", value_text(verdict, lang),
                      standard_text(verdict, lang), f"[{style}]{status}[/]",
                      f"[{style}]{deficit_text(verdict)}[/]" if deficit_text(verdict) else "")
    return table


def show_table(console, table, title=None):
    """Headings are printed as their own line, so a narrow table never wraps them."""
    title = title or getattr(table, "title_text", None)
    if title:
        console.print(f"[bold]{title}[/]", soft_wrap=True)
    console.print(table)


def verdict_line(result, lang: str) -> str:
    """The last line: 达标, 未达标, or — when no condition fails but one lacks a fact — undecided."""
    if result.passed:
        return f"[bold green]{message('result_pass', lang)}[/]"
    if result.status == "missing":
        return f"[yellow]{message('result_missing', lang)}[/]"
    return f"[bold red]{message('result_fail', lang)}[/]"


def print_school(result, lang, console, problems=()):
    title = f"{result.name} — 办学基本条件（{profile_title(result.profile)}）" if lang == "zh" else \
        f"{result.name} — basic conditions ({profile_title(result.profile)})"
    show_table(console, verdict_table(result.verdicts, title, lang))
    print_problems(problems, lang, console)
    console.print(verdict_line(result, lang))


def print_problems(problems, lang, console):
    """存在的问题, numbered, as the 自查报告 words them. Under --lang en the sentences stay in
    Chinese (they are the report's own words; the heading says so)."""
    if not problems:
        return
    from rich.markup import escape
    console.print("[bold]存在的问题（自查报告原文）[/]" if lang == "zh" else
                  "[bold]Problems, as the 自查报告 states them (in Chinese)[/]", soft_wrap=True)
    for number, sentence in enumerate(problems, 1):
        console.print(f"{number}. {escape(sentence)}", soft_wrap=True)


def print_county(result, lang, console):
    from rich.table import Table
    zh = lang == "zh"
    name = result.name
    show_table(console, verdict_table(result.verdicts,
                                 f"{name} — 县域义务教育基本均衡四项条件（{profile_title(result.profile)}）" if zh else
                                 f"{name} — the four county conditions ({profile_title(result.profile)})", lang))
    # 差异系数 per 学段
    composite = result.condition("composite_cv")
    for stage, table_data in result.cv.items():
        stage_label = schema.PART_LABELS[stage] if zh else stage
        title = (f"差异系数（{stage_label}，{table_data['schools']} 所学校，{table_data['students']} 名学生）"
                 if zh else f"Coefficients of variation ({stage}, {table_data['schools']} schools)")
        table = Table()
        ids = [key for key in table_data if key not in ("schools", "students", "composite")]   # the indicators' ids
        for key in ids:
            table.add_column(key, justify="right")
        table.add_column("综合" if zh else "composite", justify="right")
        verdict = next((v for v in composite.verdicts if v.cv_stage == stage), None) if composite else None
        places = verdict.decimals if verdict else None      # monitoring.yaml cv.decimals, via the verdict
        cells = [fixed_text(table_data[k], places) for k in ids]
        style = STATUS_STYLE[verdict.status] if verdict else ""
        value = table_data["composite"]
        cells.append(f"[{style}]{fixed_text(value, places)}[/]" if value is not None else "—")
        table.add_row(*cells)
        show_table(console, table, title)
    # government
    government = result.government
    lost = [item for item in government["items"] if item["status"] != "pass"]
    title = message("government_title", lang, score=government["score"], total=government["total"],
                    pass_score=government["pass_score"])
    table = Table()
    for header in (("编号", "项目", "得分", "满分", "情况") if zh else ("Id", "Item", "Score", "Points", "Status")):
        table.add_column(header, no_wrap=header in ("编号", "Id"), overflow="fold")
    for item in lost:
        style = STATUS_STYLE[item["status"]]
        note = status_text(item["status"], lang)
        if item.get("missing"):
            note += "：" + "、".join(schema.label_of(k) for k in item["missing"])
        table.add_row(item["id"], item["name"], f"[{style}]{item['score']}[/]", str(item["points"]),
                      f"[{style}]{note}[/]")
    if lost:
        show_table(console, table, title)
    else:
        console.print(f"[bold]{title}[/]" + ("：各项均得满分" if zh else ": full marks on every item"), soft_wrap=True)
    # schools
    table = Table()
    for header in (("学校", "学段", "学生", "结论", status_word("fail") + "项") if zh else
                   ("School", "Stage", "Students", "Verdict", "Not met")):
        table.add_column(header)
    for result_of_school in result.schools:
        school = result_of_school.school
        not_met = [f"{v.rule}{stage_suffix(v)}" + ("?" if v.status == "missing" else "")
                   for v in result_of_school.verdicts if v.status in ("fail", "missing")]
        style = STATUS_STYLE[result_of_school.status]
        table.add_row(school.name, schema.STAGE_LABELS[school.stage] if zh else school.stage,
                      str(school.total_students), f"[{style}]{status_text(result_of_school.status, lang)}[/]",
                      "、".join(not_met))
    show_table(console, table, "各校办学基本条件" if zh else "Schools")
    console.print(verdict_line(result, lang))


def print_centre(result, lang, console):
    from rich.table import Table
    table = Table()
    table.add_column("学校" if lang == "zh" else "School")
    table.add_column("横幅悬挂地点" if lang == "zh" else "Banner sites")
    for school in result.sites:
        table.add_row(school["name"], "、".join(school["banner_sites"]))
    show_table(console, table, result.name)


def print_rules(profile, lang: str, console=None):
    from rich.table import Table
    console = console or terminal_console()
    zh = lang == "zh"
    table = Table(show_lines=False)
    for header in (("编号", "指标", "标准", "单位", "来源") if zh else ("Id", "Name", "Standard", "Unit", "Source")):
        table.add_column(header, overflow="fold")
    for row in rules_rows(profile):
        table.add_row(row["id"], row["name"], row["standard_text"], row["unit"], row["source"])
    show_table(console, table, f"{profile.name}（{profile.id}）")


def rules_rows(profile) -> list[dict]:
    """Every rule of a profile as a flat row: the data behind `junheng rules [--json]` (its threshold and checks as
    the rule file states them)."""
    rows = []
    for rule in profile.basic_rules:
        rows.append({"id": rule.id, "group": "basic_conditions", "name": rule.name, "unit": rule.unit,
                     "op": rule.op, "threshold": thaw(rule.threshold if rule.threshold is not None else rule.required),
                     "stages": thaw(rule.stages) if "stages" in rule.stated else None,
                     "standard_text": _threshold_text(rule), "source": rule.source, "provenance": rule.provenance})
    cv = profile.cv
    for indicator in profile.monitoring["indicators"]:
        rows.append({"id": indicator.id, "group": "monitoring", "name": indicator.name,
                     "unit": indicator.unit, "op": None, "threshold": None, "stages": ["primary", "junior"],
                     "standard_text": "差异系数", "source": profile.monitoring.get("source", ""),
                     "provenance": profile.monitoring.get("provenance", "")})
    rows.append({"id": "CV", "group": "monitoring",
                 "name": "综合差异系数" if cv.composite else "差异系数（每项指标）",
                 "unit": "", "op": cv.op, "threshold": thaw(cv.threshold), "stages": list(cv.threshold),
                 "standard_text": _threshold_text(cv), "source": cv.source, "provenance": cv.provenance})
    for item in profile.government["items"]:
        # 优质均衡 items have no points: each is met or not (scoring: all_met).
        scored = item.points is not None
        rows.append({"id": item.id, "group": "government", "name": item.name, "unit": "分" if scored else "",
                     "op": None, "threshold": None, "points": item.points, "stages": None,
                     "standard_text": f"{item.points} 分" if scored else "达到要求",
                     "source": item.source, "provenance": item.provenance,
                     "checks": [check.to_mapping() for check in item.checks]})
    for cond in profile.county["conditions"]:
        rows.append({"id": cond.id, "group": "county", "name": cond.name, "unit": cond.unit,
                     "op": cond.op, "threshold": thaw(cond.threshold), "stages": None,
                     "standard_text": _threshold_text(cond) if cond.threshold is not None else cond.wording,
                     "source": profile.county.get("source", ""), "provenance": profile.county.get("provenance", "")})
    return rows


def _threshold_text(rule) -> str:
    sign = OP_SIGNS.get(rule.op, rule.op)
    table = rule.threshold
    if getattr(rule, "measure", None) == "labs":       # the CV limit has no measure
        return "；".join(f"{schema.PART_LABELS[s]}：" + "、".join(f"{schema.LAB_LABELS.get(k, k)}{v}"
                                                               for k, v in labs.items())
                        for s, labs in rule.required.items())
    percent = getattr(rule, "unit", "") == "%"

    def cell(value):
        if isinstance(value, list):
            parts = []
            for case in value:
                cond = []
                if case.location is not None:
                    locs = case.location if isinstance(case.location, list) else [case.location]
                    cond.append("/".join(schema.LOCATIONS.get(x, x) for x in locs))
                if case.classes_max is not None:
                    cond.append(f"≤{case.classes_max}班")
                if case.classes_min is not None:
                    cond.append(f"≥{case.classes_min}班")
                parts.append(f"{''.join(cond) or '其他'} {sign}{fmt(case.value)}")
            return "，".join(parts)
        return f"{sign}{fmt(value)}"

    def fmt(value):
        return _trim(display(exact(value), 4, percent=percent)) if percent else _trim(str(value))

    if isinstance(table, dict):
        return "；".join(f"{schema.PART_LABELS.get(s, s)} {cell(v)}" for s, v in table.items())
    return cell(table)
