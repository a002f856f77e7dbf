"""The verdict workbook of `check --xlsx`: verdicts (red fill for 未达标, yellow for 缺数据) and CV tables.

It reads the check result (generator.criteria.evaluate) and decides nothing: every value, standard and
status is the one the evaluation gave, spelled by generator.render.terminal.
"""
from __future__ import annotations

from generator.i18n import status_word, yes_no
from generator.io.workbook.sheets import save_bytes
from generator.io.writing import install_cell_rule
from generator.model import schema
from generator.numbers import excel_fixed
from generator.render.terminal import deficit_text, standard_text, status_text, value_text


def result_workbook(result, profile, lang: str = "zh") -> bytes:
    """`check --xlsx`: the verdicts (red fill for 未达标) and, for a county, the CV tables."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    zh = lang == "zh"
    install_cell_rule()       # one rule for every cell (writing.py)
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    red = PatternFill("solid", fgColor="FFC7CE")
    red_font = Font(color="9C0006", bold=True)
    yellow = PatternFill("solid", fgColor="FFEB9C")
    wrap = Alignment(wrap_text=True, vertical="top")

    def sheet(title, headers, widths):
        ws = wb.create_sheet(title)
        for index, text in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=index, value=text)
            cell.font, cell.fill = bold, head_fill
        for index, width in enumerate(widths, start=1):
            ws.column_dimensions[_letter(index)].width = width
        ws.freeze_panes = "A2"
        return ws

    def mark(ws, row, status, columns):
        fill = red if status == "fail" else yellow if status == "missing" else None
        if fill is None:
            return
        for column in range(1, columns + 1):
            ws.cell(row=row, column=column).fill = fill
        if status == "fail":
            for column in range(1, columns + 1):
                ws.cell(row=row, column=column).font = red_font

    verdict_headers = ("编号", "指标", "实际值", "标准", "结论", "尚缺", "来源") if zh else \
        ("Id", "Indicator", "Value", "Standard", "Verdict", "Short by", "Source")

    def verdict_rows(ws, verdicts, start, prefix=()):
        row = start
        for verdict in verdicts:
            status = status_text(verdict.status, lang)
            if verdict.status == "missing" and verdict.missing:
                status += "：" + "、".join(schema.label_of(k) for k in verdict.missing)
            stage = f"（{schema.PART_SUFFIX[verdict.stage]}）" if verdict.stage else ""
            values = (*prefix, verdict.rule, verdict.name + stage, value_text(verdict, lang),
                      standard_text(verdict, lang), status, deficit_text(verdict), verdict.source)
            for index, value in enumerate(values, start=1):
                ws.cell(row=row, column=index, value=value if value != "" else None).alignment = wrap
            mark(ws, row, verdict.status, len(values))
            row += 1
        return row

    name = result.name
    if result.kind == "centre":
        ws = sheet("所辖学校" if zh else "Schools", ("学校", "横幅悬挂地点") if zh else ("School", "Banner sites"),
                   (24, 60))
        for row, entry in enumerate(result.sites, start=2):
            ws.cell(row=row, column=1, value=entry["name"])
            ws.cell(row=row, column=2, value="、".join(entry["banner_sites"])).alignment = wrap
        return save_bytes(wb)
    if result.kind == "school":
        ws = sheet("办学基本条件" if zh else "Basic conditions", verdict_headers, (8, 30, 12, 20, 16, 14, 60))
        end = verdict_rows(ws, result.verdicts, 2)
        ws.cell(row=end + 1, column=1, value=f"{name}：" + status_text(result.status, lang)).font = bold
        return save_bytes(wb)

    composite = profile.cv.composite   # false: 优质均衡, each CV on its own
    ws = sheet(("县域四项条件" if composite else "县域认定条件") if zh else "County conditions", verdict_headers,
               (12, 34, 12, 20, 16, 14, 60))
    end = verdict_rows(ws, result.verdicts, 2)
    ws.cell(row=end + 1, column=1, value=f"{name}：" + status_text(result.status, lang)).font = bold

    indicators = profile.monitoring["indicators"]
    ws = sheet("差异系数" if zh else "CV", ("学段", *[f"{i.id} {i.name}" for i in indicators],
                                             *(("综合差异系数",) if composite else ()), "标准", "结论") if zh else
               ("Stage", *[f"{i.id} {i.name}" for i in indicators], *(("Composite",) if composite else ()),
                "Standard", "Verdict"),
               (10, *[14] * len(indicators), *((12,) if composite else ()), 10, 10))
    row = 2
    cv_verdicts = [v for condition in result.conditions if condition.by_stage for v in condition.verdicts]
    for stage, table in result.cv.items():
        each = [v for v in cv_verdicts if v.cv_stage == stage]
        verdict = next((v for v in each if v.cv_indicator == "composite"), None) if composite else \
            (each[0] if each else None)
        cells = [schema.PART_LABELS[stage] if zh else stage]
        cells += [table[i.id] for i in indicators]
        status = verdict.status if composite or verdict is None else \
            ("fail" if any(v.status == "fail" for v in each) else
             "missing" if any(v.status == "missing" for v in each) else "pass")
        cells += [*((table["composite"],) if composite else ()),
                  float(verdict.standard) if verdict and verdict.standard is not None else None,
                  status_text(status, lang) if verdict else None]
        for index, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            if isinstance(value, float) and verdict is not None:
                cell.number_format = excel_fixed(verdict.decimals)     # monitoring cv.decimals, via the verdict
        if verdict is not None and composite:
            mark(ws, row, verdict.status, len(cells))
        for column, single in enumerate(each if not composite else [], start=2):
            if single.status in ("fail", "missing"):
                ws.cell(row=row, column=column).fill = red if single.status == "fail" else yellow
        row += 1
    row += 1
    headers = ("学校", "学段", "学生数", *[i.id for i in indicators], "计入差异系数") if zh else \
        ("School", "Stage", "Students", *[i.id for i in indicators], "In CV")
    for index, text in enumerate(headers, start=1):
        cell = ws.cell(row=row, column=index, value=text)
        cell.font, cell.fill = bold, head_fill
    for school_row in result.rows:
        row += 1
        cells = [school_row["name"], schema.PART_LABELS[school_row["stage"]] if zh else school_row["stage"],
                 school_row["students"], *[school_row["values"].get(i.id) for i in indicators],
                 yes_no(True, lang) if school_row["included"] else
                 yes_no(False, lang) + ("：" if zh else ": ") + str(school_row.get("excluded", ""))]
        for index, value in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=index, value=value)
            if index > 3 and isinstance(value, float):
                cell.number_format = "0.00##"
    ws.column_dimensions["A"].width = 24

    ws = sheet(("各校办学基本条件" if composite else "各校资源配置") if zh else "Schools", (("学校",) if zh else ("School",)) + verdict_headers,
               (20, 8, 30, 12, 20, 16, 14, 60))
    row = 2
    for school in result.included_schools:
        row = verdict_rows(ws, school.verdicts, row, prefix=(school.name,))
    government = result.government
    scored = "score" in government       # 优质均衡 items are met or not: no points
    ws = sheet(("政府推进工作" if scored else "政府保障、教育质量与否决") if zh else "Government",
               ("编号", "项目", "得分", "满分", "情况") if zh else ("Id", "Item", "Score", "Points", "Status"),
               (8, 50, 8, 8, 30))
    row = 2
    for item in government["items"]:
        note = status_text(item["status"], lang)
        if item.get("missing"):
            note += "：" + "、".join(schema.label_of(k) for k in item["missing"])
        for index, value in enumerate((item["id"], item["name"], item.get("score"), item.get("points"), note),
                                      start=1):
            ws.cell(row=row, column=index, value=value).alignment = wrap
        mark(ws, row, item["status"], 5)
        row += 1
    if scored:
        ws.cell(row=row + 1, column=1, value=(f"得分 {government['score']} / {government['total']}"
                                              f"（{government['pass_score']} 分{status_word('pass')}）" if zh else
                                              f"score {government['score']} / {government['total']}")).font = bold
    return save_bytes(wb)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter
    return get_column_letter(index)
