"""Relations the facts themselves must satisfy, checked whether or not a report claims anything.

A school: counts of teachers within its teachers, teaching rooms within the building, class
sizes adding up to the students, subject teachers within all teachers, the qualified rate at
least the share above the required degree, no zero denominators. A county: its own subject
teachers and class sizes equal to the sums over its schools.
"""
from __future__ import annotations

from decimal import Decimal

from generator.model import schema
from generator.audit.result import Row
from generator.audit.words import W, label, num
from generator.numbers import exact


def _relation(of, holds: bool, what: dict, how: dict, left, right, line=None, stage=None) -> Row:
    return Row(kind="consistency", status="agree" if holds else "finding", of=of, measure="relation",
               what=what, how=how, claimed=left, recomputed=right,
               claimed_text=num(left) if left is not None else "", recomputed_text=num(right) if right is not None
               else "", line=line, stage=stage)


def school_relations(school) -> list[Row]:
    """Relations a school's facts must satisfy; each relation examined gives one Row."""
    facts, rows = school.facts, []
    teachers = facts.get("teachers") or {}
    students = facts.get("students") or {}
    spanning = len(school.parts) > 1

    def stage_words(part):
        return (f"（{schema.PART_LABELS[part]}）", f" ({part})") if spanning else ("", "")

    for key in ("teachers_above_required_degree", "teachers_mid_senior_title", "backbone_teachers", "pe_art_teachers"):
        counts = facts.get(key) or {}
        for part, count in counts.items():
            if part not in teachers or count is None or teachers[part] is None:
                continue
            words = stage_words(part)
            rows.append(_relation(
                key, count <= teachers[part],
                W(f"{label(key)}不超过专任教师数{words[0]}", f"{key} ≤ teachers{words[1]}"),
                W(f"{label(key)} {count} {'≤' if count <= teachers[part] else '>'} 专任教师数 {teachers[part]}"
                  f"{words[0]}", f"{key} {count} {'≤' if count <= teachers[part] else '>'} teachers "
                                 f"{teachers[part]}{words[1]}"),
                count, teachers[part], line=school.lines.get(key), stage=part if spanning else None))
    aux, building = facts.get("teaching_aux_area_m2"), facts.get("building_area_m2")
    if aux is not None and building is not None:
        holds = exact(aux) <= exact(building)
        rows.append(_relation("teaching_aux_area_m2", holds,
                              W("教学及辅助用房面积不超过校舍建筑面积", "teaching_aux_area_m2 ≤ building_area_m2"),
                              W(f"教学及辅助用房面积 {num(aux)} {'≤' if holds else '>'} 校舍建筑面积 {num(building)}",
                                f"teaching_aux_area_m2 {num(aux)} {'≤' if holds else '>'} building_area_m2 "
                                f"{num(building)}"), exact(aux), exact(building),
                              line=school.lines.get("teaching_aux_area_m2")))
    total_students = sum(students.values())
    sizes = facts.get("class_sizes")
    if sizes:
        seated = sum(sizes)
        holds = seated == total_students
        rows.append(_relation("class_sizes", holds, W("各班人数之和等于在校生数", "sum of class_sizes = students"),
                              W(f"各班人数之和 {' + '.join(map(str, sizes)) if len(sizes) <= 12 else ''}"
                                f"{' = ' if len(sizes) <= 12 else ''}{seated}，在校生数 {total_students}",
                                f"sum of class_sizes = {seated}, students {total_students}"),
                              Decimal(seated), Decimal(total_students), line=school.lines.get("class_sizes")))
    subjects = facts.get("subject_teachers")
    if subjects and teachers and schema.stage_total(teachers) is not None:
        actual = sum(entry["actual"] for entry in subjects.values())
        all_teachers = sum(teachers.values())
        holds = actual <= all_teachers
        listing = " + ".join(f"{schema.SUBJECT_LABELS.get(s, s)} {e['actual']}" for s, e in subjects.items())
        rows.append(_relation("subject_teachers", holds,
                              W("各学科实配教师之和不超过专任教师数（一人不能计入两科）",
                                "subject teachers (actual) ≤ teachers (no one counted in two subjects)"),
                              W(f"各学科实配 {listing} = {actual} {'≤' if holds else '>'} 专任教师数 {all_teachers}",
                                f"actual subject teachers {actual} {'≤' if holds else '>'} teachers {all_teachers}"),
                              Decimal(actual), Decimal(all_teachers), line=school.lines.get("subject_teachers")))
    rate = facts.get("qualified_degree_rate")
    above = facts.get("teachers_above_required_degree")
    if rate is not None and above and teachers and None not in above.values() and None not in teachers.values():
        above_total = sum(above.values())
        all_teachers = sum(t for part, t in teachers.items() if part in above)
        if all_teachers:
            share = Decimal(above_total) / all_teachers
            # Teachers above the required degree are all qualified, so the qualified rate is at
            # least their share; a rate written to whole percent is given one point of slack.
            holds = exact(rate) > share - Decimal("0.01")
            rows.append(_relation("qualified_degree_rate", holds,
                                  W("学历合格率不低于高于规定学历教师所占比例",
                                    "qualified_degree_rate ≥ share of teachers above the required degree"),
                                  W(f"高于规定学历教师 {above_total} ÷ 专任教师 {all_teachers} = "
                                    f"{num(share * 100, 2)}%，学历合格率 {num(exact(rate) * 100)}%",
                                    f"above required degree {above_total} ÷ teachers {all_teachers} = "
                                    f"{num(share * 100, 2)}%, qualified_degree_rate {num(exact(rate) * 100)}%"),
                                  exact(rate), share, line=school.lines.get("qualified_degree_rate")))
            rows[-1].claimed_text = f"{num(exact(rate) * 100, 2)}%"
            rows[-1].recomputed_text = f"≥ {num(share * 100, 2)}%"
    # zero denominators: every per-student, per-teacher and per-class figure divides by these
    rows.append(_relation("students", total_students > 0, W("在校生数大于 0", "students > 0"),
                          W(f"在校生数 = {total_students}", f"students = {total_students}"),
                          Decimal(total_students), Decimal(0), line=school.lines.get("students")))
    for part, count in students.items():
        if spanning and count == 0 and (teachers.get(part) or 0) > 0:
            rows.append(_relation("students", False, W(f"{schema.PART_LABELS[part]}有教师却没有学生",
                                                       f"{part} has teachers but no students"),
                                  W(f"{schema.PART_LABELS[part]}在校生数 0，专任教师 {teachers[part]}",
                                    f"{part} students 0, teachers {teachers[part]}"),
                                  Decimal(0), Decimal(teachers[part]), line=school.lines.get("students"), stage=part))
    if total_students > 0:
        for key in ("teachers", "classes"):
            value = schema.stage_total(facts.get(key))
            if value is None:
                continue
            rows.append(_relation(key, value > 0, W(f"有学生的学校{label(key)}大于 0", f"{key} > 0 with students"),
                                  W(f"在校生数 {total_students}，{label(key)} {value}",
                                    f"students {total_students}, {key} {value}"),
                                  Decimal(value), Decimal(0), line=school.lines.get(key)))
    return rows


def county_relations(view) -> list[Row]:
    """The county's own figures against the sums of its schools' figures."""
    county, rows = view.county, []
    government = county.government
    lines = county.government_lines
    schools = county.schools
    stated = government.get("subject_teachers")
    if stated and schools and all(s.get("subject_teachers") for s in schools):
        summed: dict = {}
        for school in schools:
            for subject, counts in school.get("subject_teachers").items():
                entry = summed.setdefault(subject, {"required": 0, "actual": 0})
                entry["required"] += counts["required"]
                entry["actual"] += counts["actual"]
        for subject in sorted(set(stated) | set(summed)):
            for side in ("required", "actual"):
                left = stated.get(subject, {}).get(side, 0)
                right = summed.get(subject, {}).get(side, 0)
                sz = {"required": "应配", "actual": "实配"}[side]
                name = schema.SUBJECT_LABELS.get(subject, subject)
                rows.append(_relation("subject_teachers", left == right,
                                      W(f"全县{name}教师{sz}等于各校之和", f"county {subject} {side} = sum of schools"),
                                      W(f"县级填报{name}{sz} {left}；各校{sz}之和 {right}",
                                        f"county {subject} {side} {left}; sum over schools {right}"),
                                      Decimal(left), Decimal(right), line=lines.get("subject_teachers")))
    stated_sizes = government.get("class_sizes")
    if stated_sizes and schools and all(s.get("class_sizes") for s in schools):
        merged = sorted(size for s in schools for size in s.get("class_sizes"))
        holds = sorted(stated_sizes) == merged
        rows.append(_relation("class_sizes", holds,
                              W("全县各班人数与各校各班人数一致", "county class_sizes = the schools' class sizes"),
                              W(f"县级填报 {len(stated_sizes)} 个班、共 {sum(stated_sizes)} 人；各校合计 {len(merged)} 个班、"
                                f"共 {sum(merged)} 人" + ("" if holds else "（名单不一致）"),
                                f"county lists {len(stated_sizes)} classes, {sum(stated_sizes)} students; schools "
                                f"{len(merged)} classes, {sum(merged)} students" + ("" if holds else " (lists differ)")),
                              Decimal(sum(stated_sizes)), Decimal(sum(merged)), line=lines.get("class_sizes")))
    return rows
