"""Writing the fact file extracted from a report (`junheng audit 报告.docx --emit-facts`).

The file is what the audit reads and what the inspector corrects and re-runs: a school or
county fact file in the schema's English keys, every figure preceded by a comment quoting the
sentence it came from (and where: "第 5 行", "表1第3行"), schools the text gives no 在校生数
for written commented out, and the figures not tied to a field listed at the end. Scalars and
comments come from the package's one YAML writer (generator/io/yaml_writer.py); the lines are
placed here because a YAML dumper cannot write comments.
"""
from __future__ import annotations

import re
from decimal import Decimal

from generator.model import schema
from generator.extract.extraction import school_stage, Extraction, Item, Subject
from generator.extract.report_words import schema_type
from generator.io.yaml_writer import comment, scalar
from generator.numbers import plain

REASONS = {
    "no_field": "未能对应到事实字段", "target": "目标或要求，不是现状", "growth": "增长率",
    "ratio": "比值", "bound": "写的是界限（…以上/以下），不是确数", "standard_without_figure": "只写了标准，没有对应的数值",
    "verdict_without_rule": "写了是否达标，但评估标准中没有对应规则，也未写尚缺数",
    "county_subject_teachers": "县级学科教师配备（请按学校填写）",
    "county_rate": "县级比率，无法由各校合计核对",
    "deficit_without_standard": "写了尚缺数，但没写标准，评估标准中也没有对应规则",
    "addition": "新增或采购的数量，不是现有总数", "stage_subset": "学段小计（所列学校的一部分），无法由全县合计核对",
    "county_shortfall": "县级汇总的尚缺数或结论，请按学校核对",
    "schools_pending": "有学校的数据不全，县级合计暂无法核对",
}


class FactWriter:
    def __init__(self, extraction: Extraction):
        self.x = extraction
        self.out: list[str] = []

    def emit(self, line: str = ""):
        self.out.append(line)

    def source_comment(self, item, indent: str):
        where = item.where if hasattr(item, "where") else ""
        self.emit(f"{indent}# {where}：{comment(item.text)}")
        if getattr(item, "note", ""):
            self.emit(f"{indent}#   （{comment(item.note)}）")

    def render(self) -> str:
        x = self.x
        self.emit(f"# 由 junheng 从报告提取：{comment(x.source)}")
        self.emit("# 每个数字上方的注释是它所在的原句。请核对后运行：junheng audit 本文件")
        if "no_students" in x.assumptions:
            self.emit("# 原文未给出在校生数：数字按县级文件（不列学校）写出，均无法按生均核算。")
            self.emit("# 如这是一所学校的报告，请改为 kind: school，补上 stage 与 students 后再核对。")
        self.emit(f"kind: {x.kind}")
        name = x.subject.name
        if name is None:
            self.emit("# 原文未写明名称，请填写")
            name = "（未写明）"
        source = x.subject.attributes.get("name")
        if source and source[1] is not None:
            self.emit(f"# {source[1].line.where}：{comment(source[1].text)}")
        self.emit(f"name: {scalar(name)}")
        if x.kind == "school":
            self.school_attributes(x.subject, "")
            self.subject_body(x.subject, "")
        else:
            self.subject_body(x.subject, "")
            self.schools()
        self.unrecognised()
        return "\n".join(self.out) + "\n"

    def school_attributes(self, subject: Subject, indent: str):
        stage = subject.attributes.get("stage", ("primary", None))[0]
        if "stage" in self.x.assumptions or subject is not self.x.subject:
            self.emit(f"{indent}# 原文未写明学校类型，按小学（primary）填写，请核对")
        self.emit(f"{indent}stage: {stage}")
        location = subject.attributes.get("location")
        if location:
            if location[1] is not None:
                self.emit(f"{indent}# {location[1].line.where}：{comment(location[1].text)}")
            self.emit(f"{indent}location: {location[0]}")

    def subject_body(self, subject: Subject, indent: str):
        for key, item in subject.facts.items():
            self.source_comment(item, indent)
            value = item.data["value"]
            if key == "subject_teachers":
                self.emit(f"{indent}subject_teachers:")
                for name, counts in value.items():
                    self.emit(f"{indent}  {name}: {{required: {counts['required']}, actual: {counts['actual']}}}")
                continue
            if isinstance(value, dict):        # a count per 学段: {primary: 640, junior: 450}
                per = ", ".join(f"{stage}: {scalar(count)}" for stage, count in value.items())
                self.emit(f"{indent}{key}: {{{per}}}    # {schema.label_of(key)}")
                continue
            if schema_type(key) == "rate":
                self.emit(f"{indent}{key}: {scalar(value)}    # {schema.label_of(key)}，原文 {item.data.get('percent_written')}%")
                continue
            self.emit(f"{indent}{key}: {scalar(value, item.data.get('written'))}    # {schema.label_of(key)}")
        if subject.claims:
            self.emit(f"{indent}claims:")
            for item in subject.claims:
                self.claim(item, indent + "  ")
        if subject.breakdowns:
            self.emit(f"{indent}breakdowns:")
            for item in subject.breakdowns:
                self.breakdown(item, indent + "  ")

    def claim(self, item: Item, indent: str):
        data = item.data
        self.source_comment(item, indent)
        value = data["value"]
        if data["measure"] == "rate" and isinstance(value, Decimal):
            value_text = scalar(value)
        elif isinstance(value, str):
            value_text = value
        else:
            value_text = scalar(value, data.get("written"))
        self.emit(f"{indent}- of: {scalar(data['of']) if not re.fullmatch(r'[A-Za-z_][A-Za-z0-9_]*', data['of']) else data['of']}")
        self.emit(f"{indent}  measure: {data['measure']}")
        self.emit(f"{indent}  value: {value_text}")
        if data.get("standard") is not None:
            self.emit(f"{indent}  standard: {scalar(data['standard'])}")
        if data.get("stage") is not None:
            self.emit(f"{indent}  stage: {data['stage']}")
        self.emit(f"{indent}  text: {scalar(item.text)}")
        self.emit(f"{indent}  line: {item.line}")
        self.emit(f"{indent}  where: {scalar(item.where)}")

    def breakdown(self, item: Item, indent: str):
        data = item.data
        self.source_comment(item, indent)
        self.emit(f"{indent}- of: {scalar(data['of']) if not re.fullmatch(r'[a-z_]+', data['of']) else data['of']}")
        self.emit(f"{indent}  total: {scalar(data['total'], data.get('total_written'))}")
        self.emit(f"{indent}  parts:")
        for label, value in data["parts"].items():
            self.emit(f"{indent}    {scalar(label)}: {scalar(value)}")
        self.emit(f"{indent}  text: {scalar(item.text)}")
        self.emit(f"{indent}  line: {item.line}")
        self.emit(f"{indent}  where: {scalar(item.where)}")

    def schools(self):
        x = self.x
        loadable = [name for name in x.schools if x.checkable_school(name)]
        pending = [name for name in x.schools if name not in loadable]
        if loadable:
            self.emit("schools:")
            for name in loadable:
                self.inline_school(x.schools[name], "  ")
        else:
            self.emit("schools: []")
        if pending:
            self.emit("")
            self.emit("# 以下学校的数字原文未给出在校生数，暂无法核算。补上 students（及面积等总量）后")
            self.emit("# 去掉行首的“#”，并把条目移到上面的 schools: 下：")
            start = len(self.out)
            for name in pending:
                self.inline_school(x.schools[name], "  ")
            for index in range(start, len(self.out)):
                self.out[index] = "#" + self.out[index]

    def inline_school(self, subject: Subject, indent: str):
        self.emit(f"{indent}- kind: school")
        self.emit(f"{indent}  name: {scalar(subject.name)}")
        self.emit(f"{indent}  stage: {school_stage(subject)}")
        if "students" not in subject.facts:
            self.emit(f"{indent}  students:     # 在校生数：原文未给出，请填写")
        self.subject_body(subject, indent + "  ")

    def unrecognised(self):
        if not self.x.unrecognised:
            return
        self.emit("")
        self.emit("# ---- 未能对应到字段的数字（unrecognised）：请核对，需要时写入上面的字段 ----")
        for item in self.x.unrecognised:
            data = item.data
            value = data["value"]
            shown = data.get("written") or (str(plain(value)) if isinstance(value, Decimal) else str(value))
            label = data.get("label") or "？"
            reason = REASONS.get(data["reason"], data["reason"])
            self.emit(f"# {item.where}  {comment(label)} {comment(shown)}{data.get('unit', '')}"
                      f"  —— {reason}")
            self.emit(f"#     原句：{comment(item.text)}")


def fact_yaml(extraction: Extraction) -> str:
    """The extraction as a commented fact file (UTF-8 text, one trailing newline)."""
    return FactWriter(extraction).render()
