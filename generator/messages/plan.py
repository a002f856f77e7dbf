"""The messages of generator/plan/ (ids → zh / en), one table per module that shows them.

generator.i18n merges every table here when it is first imported, so a message exists whatever
modules were loaded before; callers look words up only through i18n.message(id, lang, **params)."""

# generator/render/least_cost_output.py
# The fixed words of the terminal text (`plan --least-cost`, --lang zh|en). Names of schools, facts and
# rules, and the reasons built from them, stay as the rules/ files write them.
OUTPUT = {
    "lc_title": {"zh": "达标测算（最低费用）：{name}", "en": "Least-cost plan: {name}"},
    "lc_nothing": {"zh": "无需增加：各校已达到学校标准", "en": "Nothing to add: every school meets the school standard"},
    "lc_nothing_cv": {"zh": "，各项差异系数均在标准以内", "en": ", and every CV is within its limit"},
    "lc_none_planned": {"zh": "没有可测算的增加项（见下文）", "en": "No additions could be planned (see below)"},
    "lc_stage_whole": {"zh": "全校", "en": "whole school"},
    "lc_stage_primary": {"zh": "小学", "en": "primary"},
    "lc_stage_junior": {"zh": "初中", "en": "junior"},
    "lc_stage_senior": {"zh": "高中", "en": "senior"},
    "lc_add": {"zh": "{stage} 增加{thing} {amount}，费用 {cost}；{reason}",
               "en": "{stage}: add {thing} {amount}, cost {cost}; {reason}"},
    "lc_yuan": {"zh": "{amount} 元", "en": "{amount} yuan"},
    "lc_unpriced_cost": {"zh": "不计价（管理措施）", "en": "not priced (a management measure)"},
    "lc_left": {"zh": "按学校标准可不达标（补到下限）的项目：", "en": "Items the school rule lets stay unmet (raised to its floor): "},
    "lc_total": {"zh": "合计：{amount} 元（{wan}）", "en": "Total: {amount} yuan ({wan})"},
    "lc_wan": {"zh": "{amount}万元", "en": "{amount} × 10,000 yuan"},
    "lc_cv": {"zh": "差异系数（{stage}{indicator}）：{before} → {after}", "en": "CV ({stage}, {indicator}): {before} → {after}"},
    "lc_composite": {"zh": "综合", "en": "composite"},
    "lc_exact": {"zh": "精确：{part}", "en": "Exact: {part}"},
    # a step of a plan not proven least-cost: what it does, never "exact"
    "lc_heuristic": {"zh": "方法：{part}", "en": "Method: {part}"},
    "lc_method_search": {"zh": "", "en": "the whole county (school rule and CV limits together): every combination "
                                       "of whole-unit additions searched (branch and bound), none cheaper exists "
                                       "(exact, under these unit prices and measures)"},
    "lc_method_schools": {"zh": "", "en": "the additions each school needs: every combination of the items the school "
                                        "rule lets stay unmet, the school's cheapest kept"},
    "lc_method_cv": {"zh": "", "en": "each CV: water-filling (the lowest schools raised first) to the lowest level "
                                   "that passes, in whole units, re-checked"},
    "lc_method_composite": {"zh": "", "en": "the composite CV (mean of eight): each round the indicator with the "
                                          "largest fall per yuan (greedy, not always the cheapest)"},
    "lc_method_take_back": {"zh": "", "en": "taken back: every addition lowered to the least amount at which all "
                                          "still pass, until none can lose one unit; the total is not proven the "
                                          "cheapest"},
    "lc_unpriced": {"zh": "不计价的措施（无单价，属管理措施）：", "en": "Measures without a price (management measures): "},
    "lc_problem": {"zh": "无法达到：{problem}", "en": "Cannot be reached: {problem}"},
    "lc_missing": {"zh": "缺少数据（该项按未达标测算，补报后复核）：{item}，需补报{facts}：{schools}",
                   "en": "Missing data (the item is planned as unmet; supply it and re-check): {item}, "
                         "needs {facts}: {schools}"},
    "lc_recheck": {"zh": "复核（按增加后的数据重新评估）：{outcome}",
                   "en": "Re-check (the facts with the additions, evaluated again): {outcome}"},
    "lc_reached": {"zh": "全部学校达标，差异系数达标", "en": "every school meets the standard, every CV within its limit"},
    "lc_pending": {"zh": "除缺少数据的项目外均已测算，补报数据后复核",
                   "en": "planned except the items with missing data: supply them and re-check"},
    "lc_not_reached": {"zh": "未全部达标", "en": "not everything met"},
}

TABLES = (OUTPUT,)
