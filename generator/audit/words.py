"""The audit's words and formatting: messages, measure and verdict words, labels, numbers in formulas.

Every audit module names things through here: `W(zh, en)` (words in both languages, chosen
when shown), `label`/`L` (a fact field's Chinese label), `num` (a number as written in a
formula), and the units and kinds of the schema's fields.
"""
from __future__ import annotations

from generator.model import schema
from generator.i18n import STATUS_WORDS
from generator.numbers import formula_text as num  # noqa: F401  (the audit's formulas: generator.numbers)
from generator.criteria.measures.formula import field_unit, is_rate  # noqa: F401  (a field's unit and kind)


MEASURE_WORDS = {
    "value": ("数值", "value"), "per_student": ("生均", "per student"),
    "per_100_students": ("每百名学生", "per 100 students"), "deficit": ("尚缺", "short by"),
    "rate": ("比率", "rate"), "verdict": ("结论", "verdict"), "sum": ("分项合计", "sum of parts"),
}
VERDICT_WORDS = {
    "pass": ("pass", "passed", "met", "yes", "true", "达标", "合格", "达到", "已达标", "符合", "通过", "是"),
    "fail": ("fail", "failed", "not met", "no", "false", "未达标", "不达标", "不合格", "未达到", "不符合", "否"),
    # a report may say it cannot decide yet: agrees when the facts leave the verdict open
    "missing": ("missing", "undecided", STATUS_WORDS["missing"], "待补数据", "无法判定", "暂无法判定", "尚缺数据"),
}
STAGE_WORDS = {"primary": ("primary", "小学", "小学部"), "junior": ("junior", "初中", "初中部", "初级中学"),
               "senior": ("senior", "高中", "高中部")}
OVERALL_NAMES = ("overall", "整体", "总体", "basic_conditions", "办学基本条件", "基本均衡", "达标")
# Counts whose share of another count is a meaningful rate (学历达标率, 班班通率 …).
RATE_DENOMINATORS = {"teachers_above_required_degree": "teachers", "teachers_mid_senior_title": "teachers",
                     "multimedia_classrooms": "classes"}
STATUS_ZH = STATUS_WORDS      # 达标 / 未达标 / 缺数据 / 不适用, spelled once in generator.i18n

SCHOOL_INDEX = schema.field_index(schema.SCHOOL_FIELDS)
GOV_INDEX = schema.field_index(schema.GOVERNMENT_FIELDS)
COUNTY_INDEX = schema.field_index(schema.COUNTY_FIELDS)
NUMERIC_TYPES = ("number", "count", "stage_count", "rate")


def W(zh: str, en: str | None = None) -> dict:
    """Words in both languages; chosen when shown."""
    return {"zh": zh, "en": en if en is not None else zh}


def label(key: str, lang: str = "zh") -> str:
    """A fact's name: its Chinese label (schema), or the key itself in English."""
    return schema.label_of(key) if lang == "zh" else key


def L(key: str) -> dict:
    return W(schema.label_of(key), key)


def join_words(parts: list[dict], sep_zh="、", sep_en=", ") -> dict:
    return W(sep_zh.join(p["zh"] for p in parts), sep_en.join(p["en"] for p in parts))


STAGE_COUNTS = schema.STAGE_COUNT_KEYS
COUNT_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type in ("count", "stage_count")}
