"""The messages of generator/audit/ (ids → zh / en), one table per module that shows them.

generator.i18n merges every table here when it is first imported, so a message exists whatever
modules were loaded before; callers look words up only through i18n.message(id, lang, **params)."""

# the body that signs a 督导核查意见 when --issuer names none (the opinion is Chinese in every run; `junheng
# audit --help` shows it without loading the audit)
DEFAULT_ISSUER = "县人民政府教育督导室"

# generator/audit/words.py
WORDS = {
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

TABLES = (WORDS,)
