"""The audit's words and formatting: messages, measure and verdict words, labels, numbers in formulas.

Every audit module names things through here: `W(zh, en)` (words in both languages, chosen
when shown), `label`/`L` (a fact field's Chinese label), `num` (a number as written in a
formula), and the units and kinds of the schema's fields.
"""
from __future__ import annotations

from generator.model import schema
from generator.i18n import MESSAGES as _ALL_MESSAGES, STATUS_WORDS
from generator.numbers import formula_text as num  # noqa: F401  (the audit's formulas: generator.numbers)
# the formula words are the measure kinds' own (criteria/measures/formula.py); the audit speaks them too
from generator.criteria.measures.formula import W, field_unit, is_rate, label  # noqa: F401

MESSAGES = {
    # input errors of claims and breakdowns (exit 2)
    "audit_unknown_of": {"zh": "声明的对象“{name}”既不是事实字段，也不是规则编号",
                         "en": "'{name}' is neither a fact field nor a rule id"},
    "audit_bad_measure": {"zh": "“{name}”不能按“{measure}”核对（可用：{choices}）",
                          "en": "'{name}' cannot be checked as '{measure}' (possible: {choices})"},
    "audit_bad_value": {"zh": "声明值应为数字（如 9.6、\"85%\"、\"约5230㎡\"、\"8:1\"），实际是“{got}”",
                        "en": "the stated value must be a number (9.6, \"85%\", \"about 5230\", \"8:1\"), got '{got}'"},
    "audit_bad_verdict": {"zh": "结论应为 pass/fail（达标/未达标），实际是“{got}”",
                          "en": "a verdict must be pass or fail, got '{got}'"},
    "audit_bad_ratio": {"zh": "比值请写成 n:1 或 1:n，实际是“{got}”",
                        "en": "write a ratio as n:1 or 1:n, got '{got}'"},
    "audit_bad_stage": {"zh": "学段应为 primary/junior/senior（小学/初中/高中），且是本校有的学段，实际是“{got}”",
                        "en": "stage must be primary, junior or senior and one this school teaches, got '{got}'"},
    "audit_needs_standard": {"zh": "“{name}”没有对应的规则，核对尚缺需在声明中写明 standard（标准）",
                             "en": "no rule measures '{name}': a deficit claim needs its `standard`"},
    "audit_needs_stage": {"zh": "“{name}”需写明学段（stage: primary 或 junior）", "en": "'{name}' needs a stage"},
    "audit_needs_total": {"zh": "“{name}”不是事实字段，分项合计需写明 total（合计）",
                          "en": "'{name}' is not a fact field: the breakdown needs its `total`"},
    "audit_no_rate": {"zh": "“{name}”没有确定的分母，不能按比率核对；请用 per_student 或 value",
                      "en": "'{name}' has no fixed denominator for a rate; use per_student or value"},
    # table words
    "audit_agree": {"zh": "一致", "en": "agrees"},
    "audit_finding": {"zh": "不符", "en": "FINDING"},
    "audit_unverified": {"zh": "无法核对", "en": "not checkable"},
    "audit_missing": {"zh": "缺少{names}", "en": "missing {names}"},
}
_ALL_MESSAGES.update(MESSAGES)

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


def L(key: str) -> dict:
    return W(schema.label_of(key), key)


def join_words(parts: list[dict], sep_zh="、", sep_en=", ") -> dict:
    return W(sep_zh.join(p["zh"] for p in parts), sep_en.join(p["en"] for p in parts))


STAGE_COUNTS = schema.STAGE_COUNT_KEYS
COUNT_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type in ("count", "stage_count")}
