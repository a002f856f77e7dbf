"""Slogan themes from a school's or county's weak criteria (`junheng slogans --for FACTS`)."""
from __future__ import annotations

from dataclasses import dataclass
import re

from generator.publicity.corpus import load_corpus
from generator.i18n import status_word

# Which slogan themes speak to a shortfall in a fact. The first theme is the closest; the fact
# comes from the failing rule's `of` (basic conditions, monitoring indicators, government checks),
# so the mapping holds for every profile, whatever it calls its rules.
FACT_THEMES: dict[str, tuple[str, ...]] = {
    "land_area_m2": ("标准化建设", "投入"),
    "building_area_m2": ("标准化建设", "投入"),
    "teaching_aux_area_m2": ("标准化建设", "投入"),
    "sports_area_m2": ("标准化建设", "素质教育"),
    "dormitory_area_m2": ("标准化建设", "留守儿童"),
    "equipment_value_yuan": ("标准化建设", "投入"),
    "labs": ("标准化建设", "素质教育"),
    "books": ("标准化建设", "资源"),
    "computers": ("信息化", "标准化建设", "资源"),
    "internet_bandwidth_mbps": ("信息化", "投入"),
    "network_space_rate": ("信息化", "师资"),
    "multimedia_classrooms": ("信息化", "标准化建设"),
    "teachers": ("师资", "资源"),
    # 2017 优质均衡 resource indicators (Q2, Q3; Q1 is teachers_above_required_degree, Q7 multimedia_classrooms)
    "backbone_teachers": ("师资", "质量"),
    "pe_art_teachers": ("师资", "素质教育"),
    "teachers_above_required_degree": ("师资", "质量"),
    "teachers_mid_senior_title": ("师资", "质量"),
    "qualified_degree_rate": ("师资", "质量"),
    "subject_teachers": ("师资", "素质教育"),
    "courses_complete": ("素质教育", "质量"),
    "class_sizes": ("均衡", "公平"),
    "retention_rate": ("普及", "公平"),
    # government (B items)
    "migrant_children_planned": ("公平", "普及"),
    "left_behind_care_system": ("留守儿童", "公平"),
    "disabled_enrolment_rate": ("公平", "普及"),
    "quality_hs_quota_rate": ("公平", "资源"),
    "quality_hs_quota_rate_prev": ("公平", "资源"),
    "primary_enrolment_rate": ("普及", "依法治教"),
    "junior_gross_enrolment_rate": ("普及", "依法治教"),
    "primary_dropout_rate": ("普及", "依法治教"),
    "junior_dropout_rate": ("普及", "依法治教"),
    "accountability_mechanism": ("政府责任", "依法治教"),
    "funding_growth": ("投入", "优先发展"),
    "weak_school_improvement": ("标准化建设", "投入"),
    "rural_transfer_payment_rate": ("投入", "政府责任"),
    "education_surcharge_due": ("投入", "依法治教"),
    "education_surcharge_levied": ("投入", "依法治教"),
    "education_surcharge_allocated": ("投入", "依法治教"),
    "land_transfer_education_rate": ("投入", "政府责任"),
    "public_funds_per_student_actual": ("投入", "政府责任"),
    "public_funds_per_student_standard": ("投入", "政府责任"),
    "staffing_unified": ("师资", "均衡"),
    "teacher_avg_salary": ("师资", "优先发展"),
    "civil_servant_avg_salary": ("师资", "优先发展"),
    "rotation_rate": ("师资", "均衡"),
    "backbone_rotation_rate": ("师资", "均衡"),
    "training_funds_rate": ("师资", "投入"),
    "nearby_enrolment": ("公平", "依法治教"),
    "no_key_schools": ("公平", "均衡"),
    "fitness_pass_rate": ("素质教育", "质量"),
    "satisfaction_rate": ("民生", "质量"),
}
# The composite 差异系数 itself: the schools differ too much.
CV_THEMES = ("均衡", "资源", "公平")
# Weight of a theme by its place in a fact's list: the closest theme counts most.
_PLACE_WEIGHTS = (3, 2, 1)


@dataclass
class ThemeChoice:
    themes: list[str]                      # ranked, best first
    reasons: list[tuple[str, tuple[str, ...]]]   # (what fell short, themes it points to)


def themes_for(result, profile) -> ThemeChoice:
    """Rank slogan themes by the weak criteria in an evaluation result (school or county).

    Each shortfall votes for its fact's themes (3, 2, 1 points by place); a criterion failed by
    several schools of a county votes once per school. Missing data is not a weakness.
    """
    rule_facts = {rule.id: rule.of for rule in profile.basic_rules}
    rule_facts.update({ind.id: ind.of for ind in profile.monitoring["indicators"]})
    reasons: list[tuple[str, tuple[str, ...], int]] = []

    def school_failures(verdicts) -> list[tuple[str, str]]:
        seen = {}
        for verdict in verdicts:
            fact = rule_facts.get(verdict.rule)
            if verdict.status == "fail" and fact in FACT_THEMES:
                seen.setdefault(verdict.rule, (verdict.name, fact))
        return list(seen.items())

    if result.kind == "school":
        for rule_id, (name, fact) in school_failures(result.verdicts):
            reasons.append((f"{rule_id} {name}", FACT_THEMES[fact], 1))
    elif result.kind == "county":
        failing: dict[str, list] = {}
        for school in result.schools:
            for rule_id, (name, fact) in school_failures(school.verdicts):
                failing.setdefault(rule_id, [name, fact, 0])[2] += 1
        for rule_id, (name, fact, schools) in failing.items():
            reasons.append((f"{rule_id} {name}（{schools} 所学校{status_word('fail')}）", FACT_THEMES[fact], schools))
        thresholds = profile.cv.threshold
        indicators = {ind.id: ind for ind in profile.monitoring["indicators"]}
        for condition in result.conditions:
            if not condition.by_stage:
                continue
            for verdict in condition.verdicts:
                if verdict.status != "fail":
                    continue
                if verdict.cv_indicator in indicators:        # 优质均衡: this indicator's own CV is too high
                    indicator = indicators[verdict.cv_indicator]
                    if indicator.of in FACT_THEMES:
                        reasons.append((verdict.name, FACT_THEMES[indicator.of], 1))
                    continue
                reasons.append((verdict.name, CV_THEMES, 1))
                # the composite is too high: the indicators whose own CV is above the limit pull it up
                table = result.cv.get(verdict.cv_stage, {})
                for indicator in indicators.values():
                    value = table.get(indicator.id)
                    if value is not None and value > thresholds.get(verdict.cv_stage, 0) \
                            and indicator.of in FACT_THEMES:
                        reasons.append((f"{indicator.id} {indicator.name}差异系数 {value}",
                                        FACT_THEMES[indicator.of], 1))
        for item in (result.government or {}).get("items", []):
            if item["status"] != "fail":
                continue
            facts = []
            for check in item["checks"]:
                if check["status"] == "fail":
                    for fact in (check["of"] if isinstance(check["of"], list) else [check["of"]]):
                        if fact in FACT_THEMES and FACT_THEMES[fact] not in facts:
                            facts.append(FACT_THEMES[fact])
            for themes in facts:
                reasons.append((f"{item['id']} {item['name']}", themes, 1))
        # a condition on one county fact (公众满意度 under basic-2012): that fact's themes
        value_condition = result.condition("value")
        fact = next((c.of for c in profile.county.get("conditions", []) if c.measure == "value"), None)
        if value_condition is not None and value_condition.status == "fail" and fact in FACT_THEMES:
            reasons.append((value_condition.name, FACT_THEMES[fact], 1))

    scores: dict[str, int] = {}
    for _, themes, weight in reasons:
        for place, theme in enumerate(themes):
            scores[theme] = scores.get(theme, 0) + weight * _PLACE_WEIGHTS[min(place, len(_PLACE_WEIGHTS) - 1)]
    order = {theme: index for index, theme in enumerate(load_corpus().themes)}   # ties: corpus order
    ranked = sorted(scores, key=lambda theme: (-scores[theme], order.get(theme, len(order))))
    return ThemeChoice(themes=ranked, reasons=[(what, themes) for what, themes, _ in reasons])


def document_reason_lines(reasons, empty=frozenset()) -> list[str]:
    """The reasons as the banner list writes them: the criterion in words (its rule id, which the
    terminal shows, left out), then the themes — "生均图书册数未达标：选用标准化建设、资源主题的标语。"."""
    lines = []
    for what, themes in reasons:
        what = re.sub(r"^[A-Z]{1,3}\d{1,2}(?:-[A-Za-z0-9-]+)? ", "", what)
        themes = [theme for theme in themes if theme not in empty]     # a theme with no slogan is not chosen
        if themes:
            lines.append(f"{what}：选用{'、'.join(themes)}主题的标语。")
    return lines
