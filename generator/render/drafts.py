"""The narrative sections of a 自查报告 / 自评报告 drafted from the facts the file holds.

A section the fact file's `narrative:` does not give is written from the facts it can stand on —
never from anything else: a county's funding growth year on year, the education surcharge levied
and spent, teachers' pay against civil servants', rotation, the teachers the schools have and
their qualifications, enrolment and drop-out rates; a school's teachers, rooms and equipment.
Each clause states a figure or a fact the file gives ("近三年财政教育拨款分别增长8.2%、6.1%、5.4%"),
so the office checks it against its books rather than rewriting it. Only where no fact speaks is
a placeholder left, and it says what to write there (generator.render.prose.PLACEHOLDER).

    section_drafts(subject)        -> {"统筹管理": [clauses], "经费投入": [...], …}
    practices_draft(drafts)        -> "一是落实政府责任，……；二是……。" (主要做法和经验)
"""
from __future__ import annotations

from decimal import Decimal

from generator.model import schema
from generator.numbers import base_money, doc_number, exact, share_percent
from generator.numbers import cn_number

# A government fact that is true, said as what was done (the label alone is a requirement).
DEEDS = {
    "accountability_mechanism": "建立了义务教育均衡发展责任、监督和问责机制",
    "migrant_children_planned": "将随迁子女就学纳入规划和财政保障",
    "left_behind_care_system": "建立健全留守儿童关爱体系",
    "weak_school_improvement": "推进学校标准化建设和薄弱学校改造，经费向薄弱学校倾斜",
    "staffing_unified": "教职工编制执行城乡统一标准并按标准核定",
    "nearby_enrolment": "实行免试就近入学，无择校现象",
    "no_key_schools": "不设重点学校、重点班",
    "courses_complete": "开齐开足国家规定课程",
    "layout_planned": "科学规划县域学校布局",
    "urban_rural_four_unified": "实现学校建设标准、教师编制标准、生均公用经费基准定额、基本装备配置标准城乡统一",
    "music_art_rooms_complete": "按标准配齐音乐、美术专用教室",
    "small_school_funding_100": "不足100名学生的村小学和教学点按100名学生核定公用经费",
    "staffing_coordinated": "在核定的编制总额内统筹分配各校教职工编制和岗位",
    "charters_and_informatization": "各校制定了章程，实现学校管理与教学信息化",
    "ict_teaching_and_equipment_use": "推进信息化教学，提高设施设备利用率",
    "moral_education_good": "加强德育和校园文化建设",
    "curriculum_and_practice": "课程开齐开足，教学秩序规范，综合实践活动有效开展",
    "no_excess_burden": "减轻学生过重课业负担",
}

# Which facts each section of a county's report stands on (in the order they are said).
COUNTY_SECTIONS = {
    "统筹管理": ("accountability_mechanism", "layout_planned", "urban_rural_four_unified", "weak_school_improvement",
             "music_art_rooms_complete", "migrant_children_planned", "migrant_public_school_rate",
             "left_behind_care_system"),
    "经费投入": ("funding_growth", "education_surcharge", "land_transfer_education_rate", "rural_transfer_payment_rate",
             "public_funds_per_student", "small_school_funding_100", "special_school_funds_per_student",
             "training_funds_rate", "min_school_training_funds_rate"),
    "师资队伍": ("teachers_total", "staffing_unified", "staffing_coordinated", "salary", "rotation_rate",
             "backbone_rotation_rate", "teacher_training_360_rate", "teacher_certificate_rate", "subject_teachers"),
    "教育教学管理": ("nearby_enrolment", "nearby_enrolment_rate_urban", "nearby_enrolment_rate_town", "no_key_schools",
               "courses_complete", "curriculum_and_practice", "charters_and_informatization",
               "ict_teaching_and_equipment_use", "moral_education_good", "no_excess_burden",
               "primary_enrolment_rate", "junior_gross_enrolment_rate", "primary_dropout_rate", "junior_dropout_rate",
               "junior_three_year_retention_rate", "disabled_enrolment_rate", "quality_hs_quota_rate",
               "fitness_pass_rate"),
}
SCHOOL_SECTIONS = {
    "经费投入": ("assets",),
    "师资队伍": ("school_teachers",),
    "教育教学管理": ("school_courses", "class_sizes", "retention_rate", "ict"),
}
# 主要做法和经验: one point per section, led by what the section is about ("一是落实政府责任，……").
POINT = "{}是{}，{}"
PRACTICE_LEADS = {"统筹管理": "落实政府责任", "经费投入": "保障经费投入", "师资队伍": "加强教师队伍建设",
                  "教育教学管理": "规范教育教学管理"}
SCHOOL_PRACTICE_LEADS = {"经费投入": "改善办学条件", "师资队伍": "加强教师队伍建设", "教育教学管理": "规范教育教学管理"}


_GOVERNMENT_FIELDS = schema.field_index(schema.GOVERNMENT_FIELDS)


def _rate(value) -> str:
    return share_percent(value)


def _plain_number(value, unit: str = "") -> str:
    return doc_number(exact(value), 2) + unit


def _sum(values) -> Decimal | None:
    numbers = [exact(v) for v in values if v is not None]
    return sum(numbers, Decimal(0)) if numbers else None


def count_by_stage(value, unit: str = "人") -> str:
    """A count as a report writes it: "74人", and for a school spanning 学段 with the count of each
    in brackets, "74人（小学36人、初中38人）" — the audit reads the brackets back as the per-学段 fact
    its fact file needs (a single figure cannot be split)."""
    total = _total(value)
    text = f"{doc_number(total)}{unit}"
    if isinstance(value, dict) and len(value) > 1:
        text += "（" + "、".join(f"{schema.PART_LABELS[part]}{doc_number(exact(count))}{unit}"
                                for part, count in value.items()) + "）"
    return text


def _total(value):
    """A per-学段 count ({primary: 30, junior: 20}) or a number, as one number."""
    if isinstance(value, dict):
        return _sum(value.values())
    return None if value is None else exact(value)


def _government_clause(key: str, facts: dict, schools) -> str | None:
    value = facts.get(key)
    if key == "funding_growth":
        series = value or {}
        parts = [f"{name}分别增长{'、'.join(_rate(v) for v in rates)}" for name, rates in series.items() if rates]
        return ("近三年" + "，".join(parts)) if parts else None
    if key == "education_surcharge":
        due, levied, spent = (facts.get(f"education_surcharge_{k}") for k in ("due", "levied", "allocated"))
        if levied is None:
            return None
        text = f"征收教育费附加{base_money(levied)}"
        if due is not None:
            text = f"教育费附加应征{base_money(due)}、实征{base_money(levied)}"
        if spent is not None:
            text += f"，用于教育{base_money(spent)}"
        return text
    if key == "public_funds_per_student":
        actual, standard = facts.get("public_funds_per_student_actual"), facts.get("public_funds_per_student_standard")
        if actual is None:
            return None
        return f"生均公用经费按每生{_plain_number(actual, '元')}拨付" + (
            f"（标准为{_plain_number(standard, '元')}）" if standard is not None else "")
    if key == "salary":
        teacher, civil = facts.get("teacher_avg_salary"), facts.get("civil_servant_avg_salary")
        if teacher is None or civil is None:
            return None
        return f"教师平均工资{_plain_number(teacher, '元')}，当地公务员平均工资{_plain_number(civil, '元')}"
    if key == "teachers_total":
        teachers = _sum(_total(s.get("teachers")) for s in schools)
        above = _sum(_total(s.get("teachers_above_required_degree")) for s in schools)
        titled = _sum(_total(s.get("teachers_mid_senior_title")) for s in schools)
        if teachers is None:
            return None
        text = f"全县义务教育学校现有专任教师{doc_number(teachers)}人"
        extra = [f"高于规定学历的教师{doc_number(above)}人" for _ in [0] if above is not None] + \
                [f"中级及以上职称的教师{doc_number(titled)}人" for _ in [0] if titled is not None]
        # the categories overlap (a teacher can be both): listed beside the total, never "其中…" as its parts
        return text + (f"；{'，'.join(extra)}" if extra else "")
    if key == "subject_teachers":
        subjects = value or {}
        if not subjects:
            return None
        parts = []
        for subject, counts in subjects.items():
            label = schema.SUBJECT_LABELS.get(subject, subject)
            required, actual = counts.get("required"), counts.get("actual")
            if required is None or actual is None:
                continue
            parts.append(f"{label}教师应配{doc_number(required)}人、实有{doc_number(actual)}人")
        return "，".join(parts) if parts else None
    if value is None:
        return None
    if key in DEEDS:
        return DEEDS[key] if value is True else None
    field = _GOVERNMENT_FIELDS.get(key)
    label = schema.label_of(key)
    unit = field.unit if field is not None else ""
    if key == "quality_hs_quota_rate" and facts.get("quality_hs_quota_rate_prev") is not None:
        return f"优质高中招生名额分配到初中的比例由{_rate(facts['quality_hs_quota_rate_prev'])}提高到{_rate(value)}"
    if isinstance(value, bool):
        return None
    if unit == "%" or key.endswith("_rate"):
        return f"{label}为{_rate(value)}"
    return f"{label}为{_plain_number(value, unit or '')}"


def _school_clause(key: str, school) -> str | None:
    facts = school.facts if hasattr(school, "facts") else school
    if key == "assets":
        parts = []
        equipment = facts.get("equipment_value_yuan")
        if equipment is not None:
            parts.append(f"教学仪器设备值{base_money(equipment)}")      # in full: a base figure
        for fact, thing, unit in (("books", "图书", "册"), ("computers", "计算机", "台"),
                                  ("multimedia_classrooms", "多媒体教室", "间")):
            if facts.get(fact) is not None:
                parts.append(f"{thing}{doc_number(exact(facts[fact]))}{unit}")
        labs = facts.get("labs")
        if isinstance(labs, dict) and labs:
            parts.append("、".join(f"{schema.LAB_LABELS.get(k, k)}实验室{doc_number(v)}间" for k, v in labs.items()))
        return ("学校现有" + "，".join(parts)) if parts else None
    if key == "school_teachers":
        teachers = _total(facts.get("teachers"))
        if teachers is None:
            return None
        extra = []
        for fact, words in (("teachers_above_required_degree", "高于规定学历的教师"),
                            ("teachers_mid_senior_title", "中级及以上职称的教师"),
                            ("backbone_teachers", "县级以上骨干教师"), ("pe_art_teachers", "体育、艺术专任教师")):
            if _total(facts.get(fact)) is not None:
                extra.append(f"{words}{count_by_stage(facts[fact])}")
        text = f"学校现有专任教师{count_by_stage(facts['teachers'])}" + (f"；{'，'.join(extra)}" if extra else "")
        if facts.get("qualified_degree_rate") is not None:
            text += f"，学历合格率{_rate(facts['qualified_degree_rate'])}"
        subjects = facts.get("subject_teachers") or {}
        short = [f"{schema.SUBJECT_LABELS.get(k, k)}教师应配{c['required']}人、实有{c['actual']}人"
                 for k, c in subjects.items() if c.get("actual") is not None and c.get("required") is not None]
        if short:
            text += "；" + "，".join(short)
        return text
    if key == "school_courses":
        return DEEDS["courses_complete"] if facts.get("courses_complete") is True else None
    if key == "class_sizes":
        sizes = facts.get("class_sizes")
        if sizes:
            return f"全校{len(sizes)}个教学班，班额最大{max(sizes)}人"
        return None
    if key == "retention_rate":
        value = facts.get("retention_rate")
        return f"年巩固率{_rate(value)}" if value is not None else None
    if key == "ict":
        parts = []
        if facts.get("internet_bandwidth_mbps") is not None:
            parts.append(f"接入互联网带宽{doc_number(exact(facts['internet_bandwidth_mbps']))}Mbps")
        if facts.get("network_space_rate") is not None:
            parts.append(f"教师网络学习空间开通应用率{_rate(facts['network_space_rate'])}")
        return "，".join(parts) if parts else None
    return None


def section_drafts(subject) -> dict[str, list[str]]:
    """Section title → the clauses the facts give for it (an empty list: no fact speaks)."""
    if subject.kind == "county":
        from generator.criteria.government import government_facts
        facts = government_facts(subject)
        schools = [s.facts if hasattr(s, "facts") else s for s in getattr(subject, "schools", [])]
        return {title: [c for c in (_government_clause(key, facts, schools) for key in keys) if c]
                for title, keys in COUNTY_SECTIONS.items()}
    drafts = {title: [c for c in (_school_clause(key, subject) for key in keys) if c]
              for title, keys in SCHOOL_SECTIONS.items()}
    drafts.setdefault("统筹管理", [])
    return drafts


def paragraph(clauses: list[str], who: str = "") -> str:
    """Clauses as one paragraph: "县人民政府建立了……，将……。"."""
    if not clauses:
        return ""
    return who + "；".join(clauses) + "。"


def practices_draft(drafts: dict[str, list[str]], county: bool) -> str:
    """主要做法和经验, one point per section that has facts: "一是落实政府责任，建立了……；二是……。"."""
    leads = PRACTICE_LEADS if county else SCHOOL_PRACTICE_LEADS
    points = [(lead, drafts.get(title) or []) for title, lead in leads.items()]
    # the points a report leads with: facts that speak for the work (a year of falling funds is a
    # problem, said under 存在的问题, not an experience)
    points = [(lead, [c for c in clauses if "-" not in c][:2]) for lead, clauses in points]
    points = [(lead, clauses) for lead, clauses in points if clauses]
    if not points:
        return ""
    return "；".join(POINT.format(cn_number(n), lead, "，".join(clauses)) for n, (lead, clauses) in enumerate(points, 1)) + "。"
