"""The words of the plain measure kind (a fact compared as it is), and the helpers every kind's words share:
a verdict's value and standard as a table prints them, the 自查报告's sentence, the 整改方案's 整改目标.

The numbers come from the verdict (generator.criteria.measures computed them); this module only words them.
Kinds that word a verdict differently override a method in measure_words_kinds; measure_words dispatches.
"""
from __future__ import annotations

from generator.criteria.measures.base import raw_unit
from generator.i18n import RELATION_WORDS
from generator.model import schema
from generator.numbers import (OP_SIGNS, amount_text, display, doc_number, doc_percent, doc_plain, exact,
                               higher_is_better)

# How a report says a unit and the thing that is short ("尚缺图书4115册").
PROSE_UNITS = {"㎡": "平方米", "m²": "平方米"}
THINGS = {"books": "图书", "computers": "计算机", "multimedia_classrooms": "多媒体教室", "labs": "实验室",
          "building_area_m2": "校舍", "sports_area_m2": "运动场地", "land_area_m2": "用地",
          "teaching_aux_area_m2": "教学及辅助用房", "equipment_value_yuan": "教学仪器设备",
          "teachers": "专任教师", "teachers_above_required_degree": "高于规定学历教师",
          "internet_bandwidth_mbps": "带宽"}


def prose_value_unit(unit: str) -> str:
    """"㎡/生" → "㎡", "册/生" → "册": the unit of a per-student value as a table sentence writes it."""
    return unit.split("/")[0] if "/" in unit else unit


def prose_unit(unit: str) -> str:
    """The unit of a per-student value as a sentence says it: "㎡/生" → "平方米", "册/生" → "册"."""
    unit = unit.split("/")[0] if "/" in unit else unit
    return PROSE_UNITS.get(unit, unit)


def value_words(verdict) -> str:
    if verdict.unit == "%":
        return doc_percent(verdict.value, max(verdict.decimals - 2, 0))
    return doc_number(verdict.value, verdict.decimals)


def standard_words(verdict) -> str:
    if verdict.unit == "%":
        return doc_percent(verdict.standard, max(verdict.decimals - 2, 0))
    return doc_number(verdict.standard, verdict.decimals)


def trim_zeros(text: str) -> str:
    """"5.20" → "5.2", "85.0%" → "85%": a standard is printed as the rule states it."""
    suffix = "%" if text.endswith("%") else ""
    body = text[:-1] if suffix else text
    if "." in body:
        body = body.rstrip("0").rstrip(".")
    return body + suffix


def deficit_text(verdict) -> str:
    """尚缺 as a table prints it: "4,115 册" (empty when the verdict is not a failure with a shortfall)."""
    if verdict.status != "fail" or verdict.deficit in (None, 0):
        return ""
    return f"{amount_text(verdict.deficit)} {verdict.deficit_unit}".strip()


def deficit_words(verdict) -> str:
    if verdict.status != "fail" or verdict.deficit in (None, 0):
        return ""
    unit = PROSE_UNITS.get(verdict.deficit_unit, verdict.deficit_unit)
    return doc_number(verdict.deficit, 2) + unit


def verdict_name(verdict) -> str:
    return verdict.name + (f"（{schema.PART_SUFFIX[verdict.stage]}）" if verdict.stage else "")


def missing_sentence(verdict) -> str:
    labels = "、".join(schema.label_of(k) for k in verdict.missing) or "相关数据"
    return f"{verdict_name(verdict)}缺少{labels}数据，暂无法判定，须核实补报。"


class PlainWords:
    """The plain kind's words (`value`, `total`, the county kinds); the base of every kind's words."""
    shows_basis = False            # the sentence shows the facts the value comes from

    # ---------------------------------------------------------- the figures of a table (check, report)
    def value_text(self, verdict, lang="zh") -> str:
        """A verdict's value as a table prints it: 85%, 5.60, 9.5 (生机比 9.5:1)."""
        return display(verdict.value, verdict.decimals, verdict.standard, percent=verdict.unit == "%")

    def standard_text(self, verdict, lang="zh") -> str:
        """The standard as a table prints it: "≥ 5.2 ㎡/生", "≥ 85%"."""
        if verdict.standard is None:
            return "—"
        percent = verdict.unit == "%"
        number = trim_zeros(display(verdict.standard, verdict.decimals, percent=percent))
        unit = "" if percent else (" " + verdict.unit if verdict.unit else "")
        return f"{OP_SIGNS.get(verdict.op, verdict.op)} {number}{self.table_unit(verdict, lang, unit)}"

    def table_unit(self, verdict, lang, unit) -> str:
        return unit

    # ---------------------------------------------------------- the sentence (report, plan, check)
    def standard_phrase(self, verdict) -> str:
        """"不低于5.2平方米", "不高于8:1", "每班1间": the standard as a real report states it."""
        if verdict.standard is None:
            return "规定标准"
        return self.stated_standard(verdict)

    def required_phrase(self, verdict) -> str:
        """The requirement as a conclusion states it: "85分以上", "85%以上" for at least — as filed reports
        write "达到85分以上的要求" — and the standard phrase otherwise ("不高于0.65")."""
        if verdict.standard is None or verdict.op != ">=":
            return self.standard_phrase(verdict)
        unit = "" if verdict.unit == "%" else prose_unit(verdict.unit)
        return f"{standard_words(verdict)}{unit}以上"

    def target(self, verdict) -> str:
        """The 整改目标 of a plan item: "生均图书册数不低于15册", "…不低于5.2㎡" (the indicator named, then its
        standard: the op's word from RELATION_WORDS, the figure with the unit as the plan's tables write it)."""
        if verdict.standard is None:
            return "达到规定标准"
        return f"{verdict.name}{RELATION_WORDS.get(verdict.op, '达到')}{self.standard_with_unit(verdict)}"

    def stated_standard(self, verdict) -> str:
        unit = "" if verdict.unit == "%" else prose_unit(verdict.unit)
        return f"{RELATION_WORDS.get(verdict.op, '达到')}{standard_words(verdict)}{unit}"

    def report_sentence(self, verdict, of: str | None = None) -> str:
        """The 自查报告's sentence for any verdict, met or not: "生均图书册数为10.8册，低于标准（15册），尚缺图书4115册。"
        A missing verdict is the same sentence `sentence` writes (one wording for 存在的问题 and the table)."""
        if verdict.status == "missing":
            return missing_sentence(verdict)
        if verdict.status == "n/a":
            return ""
        return self.met_sentence(verdict, verdict_name(verdict), verdict.status == "pass",
                                 self.short_words(verdict, of))

    def short_words(self, verdict, of) -> str:
        """"，尚缺图书4115册" (a table figure, compact), or "" when nothing is short."""
        deficit = doc_plain(deficit_text(verdict).replace(" ", ""))
        if not deficit:
            return ""
        return f"，尚缺{THINGS.get(of or '', schema.label_of(of) if of else '')}{deficit}"

    def figure(self, verdict) -> str:
        """The value as a sentence writes it: the table's figure without thousands separators."""
        return self.value_text(verdict).replace(",", "")

    def standard_with_unit(self, verdict) -> str:
        """The standard with its unit as a plan writes it (a {standard} clause, the 整改目标): "5.2㎡", "85%", "8:1"."""
        return standard_words(verdict) + ("" if verdict.unit == "%" else prose_value_unit(verdict.unit))

    def met_sentence(self, verdict, name, passed, short) -> str:
        wording = verdict.wording or ""
        if verdict.unit == "%":
            value, standard = self.figure(verdict), standard_words(verdict)
            if passed:
                word = wording if wording in ("不低于", "不少于", "不超过") else ""
                return f"{name}为{value}，达到标准（{word}{standard}）。"
            deficit = doc_plain(deficit_text(verdict).replace(" ", ""))
            return f"{name}为{value}，{'低于' if higher_is_better(verdict.op) else '高于'}标准（{standard}）" + \
                (f"，相差{deficit}。" if deficit else "。")
        unit = prose_value_unit(verdict.unit)
        value, standard = self.figure(verdict) + unit, standard_words(verdict) + unit
        if passed:
            word = wording if wording in ("不低于", "不少于", "达到") else ""
            return f"{name}为{value}，达到标准（{word}{standard}）。"
        relation = "低于" if higher_is_better(verdict.op) else "超过"
        return f"{name}为{value}，{relation}标准（{standard}）{short}。"

    def sentence(self, verdict, school=None, of: str | None = None) -> str:
        """One failing or missing indicator, stated from the facts behind it (which fact, how far)."""
        if verdict.status == "missing":
            return missing_sentence(verdict)
        short = deficit_words(verdict)
        short_text = f"，尚缺{THINGS.get(of or '', '')}{short}" if short else ""
        return self.fail_sentence(verdict, verdict_name(verdict), self.basis(verdict, school, of), short_text)

    def fail_sentence(self, verdict, name, basis, short_text) -> str:
        if verdict.unit == "%":
            gap = ""
            if verdict.value is not None and verdict.standard is not None:
                gap = f"，相差{doc_number(abs(exact(verdict.standard) - exact(verdict.value)) * 100, 2)}个百分点"
            below = "低于" if higher_is_better(verdict.op) else "高于"
            return f"{name}为{value_words(verdict)}，{below}{standard_words(verdict)}的标准{gap}。"
        unit = prose_unit(verdict.unit)
        if higher_is_better(verdict.op):
            return (f"{name}仅{value_words(verdict)}{unit}{basis}，低于{standard_words(verdict)}{unit}的标准"
                    f"{short_text}。")
        return (f"{name}为{value_words(verdict)}{unit}{basis}，超过{standard_words(verdict)}{unit}的上限"
                f"{short_text}。")

    def basis(self, verdict, school, of) -> str:
        """The facts a per-student value is computed from: "（校舍建筑面积3616平方米，在校生981人）"."""
        if school is None or not of or not self.shows_basis:
            return ""
        facts = school.facts
        amount = facts.get(of)
        if amount is None or isinstance(amount, dict):
            return ""
        students = school.total_students if not verdict.stage else (facts.get("students") or {}).get(verdict.stage)
        if students is None:
            return ""
        unit = raw_unit(of)
        unit = PROSE_UNITS.get(unit, unit)
        return f"（{schema.label_of(of)}{doc_number(amount, 2)}{unit}，在校生{doc_number(students, 0)}人）"
