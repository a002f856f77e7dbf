"""The 优质均衡 sentence about a resource item: its 达成率, what lifts it to the pass rule's floor
(85 %) and to the standard. Every kind of a 优质均衡 item (per_student, per_100_students) says it the
same way, so it is one function: the quality 自查报告, 整改方案 and `junheng check` all call it."""
from __future__ import annotations

from generator.model import schema
from generator.numbers import doc_number, exact, share_percent

# The thing a 优质均衡 item is short of ("尚需增加体育运动场馆1,200㎡").
THINGS = {"teachers_above_required_degree": "高于规定学历教师", "backbone_teachers": "县级以上骨干教师",
          "pe_art_teachers": "体育、艺术专任教师", "teaching_aux_area_m2": "教学及辅助用房",
          "sports_area_m2": "体育运动场馆", "equipment_value_yuan": "教学仪器设备",
          "multimedia_classrooms": "网络多媒体教室"}


def _percent(value) -> str:
    return "—" if value is None else doc_number(exact(value) * 100, 2) + "%"


def _amount(value, unit: str) -> str:
    return "" if value in (None, 0) else f"{doc_number(value, 2)}{unit}"


def floor_sentence(verdict, of: str | None) -> str:
    """"生均体育运动场馆面积为6.3㎡，低于标准（7.5㎡），达到标准的84%，低于85%；达到85%尚需增加75㎡，
    达到标准尚需增加1,200㎡。" — the school report's sentence for one resource item."""
    name = verdict.name
    if verdict.status == "missing":
        return f"{name}：缺少{'、'.join(schema.label_of(k) for k in verdict.missing)}数据，暂无法判定，请补充后重新核算。"
    if verdict.status == "n/a":
        return ""
    unit = verdict.unit.split("/")[0]
    standard = doc_number(verdict.standard, 4) + unit
    value = f"{name}为{doc_number(verdict.value, verdict.decimals)}{unit}"
    if verdict.status == "pass":
        return f"{value}，达到标准（{standard}）。"
    thing = THINGS.get(of or "", schema.label_of(of) if of else "")
    achieved = verdict.achieved
    floor = verdict.floor
    text = f"{value}，低于标准（{standard}），达到标准的{share_percent(achieved, floor)}"
    to_full = _amount(verdict.deficit, verdict.deficit_unit)
    floor_deficit = verdict.floor_deficit
    if floor is not None and achieved is not None and achieved < floor:
        text += f"，低于{_percent(floor)}；达到{_percent(floor)}尚需增加{thing}{_amount(floor_deficit, verdict.deficit_unit)}"
        return text + f"，达到标准尚需增加{thing}{to_full}。"
    if floor is not None:
        text += f"，不低于{_percent(floor)}"
    return text + f"；达到标准尚需增加{thing}{to_full}。"
