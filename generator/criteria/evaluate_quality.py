"""A school judged 学段 part by part (优质均衡): each part's verdicts annotated with the share of the standard
reached and what lifts it to the pass rule's floor, then each part's status under the pass rule. Used for a
school file and, by generator.criteria.county, for each school of a county judged by part."""
from __future__ import annotations

from generator.criteria.evaluation import Evaluation, PartResult, SchoolResult, gather_missing_facts
from generator.criteria.indicators import is_excluded, measure_rule, threshold_for
from generator.criteria.school_verdicts import school_part_results, stage_status
from generator.criteria.verdicts import Batch, combine_statuses, profile_comparisons
from generator.numbers import exact


# ---------------------------------------------------------------- schools and parts
def annotate_parts(parts: list[PartResult], profile):
    """Per verdict: share of the standard reached, and what lifts it to the pass rule's floor;
    then each part's status under the pass rule.

    The floor amount is the same 尚缺 formula against floor × standard (criteria §7)."""
    floor = profile.pass_rule.failed_floor
    rules = {rule.id: rule for rule in profile.basic_rules}
    for result in parts:
        for verdict in result.verdicts:
            verdict.achieved = verdict.achievement() if verdict.status in ("pass", "fail") else None
            verdict.floor = exact(floor) if floor is not None else None
            verdict.floor_deficit = None
            if verdict.status == "fail" and floor is not None and verdict.standard is not None:
                standard = threshold_for(rules[verdict.rule], result.part)
                measured = measure_rule(rules[verdict.rule], result.part, standard * exact(floor))
                verdict.floor_deficit = measured.deficit
        result.status = stage_status(result.verdicts, profile.pass_rule)


def evaluate_school_parts(school, profile, engine: str = "auto") -> Evaluation:
    """One school file: each 学段 part judged on its own; the school passes when all parts do."""
    reason = is_excluded(school, profile.monitoring.get("exclude"))
    batch = Batch(engine)
    if reason:
        return Evaluation(kind="school", name=school.name, profile=profile.id, engine=batch.engine, passed=None,
                          status="n/a", by_measure=True, exclusions=profile.monitoring.get("exclude"),
                          school=SchoolResult(school, [], "n/a", excluded=reason, by_part=True))
    parts = school_part_results(school, profile, batch)
    batch.decide(profile_comparisons(profile))
    annotate_parts(parts, profile)
    status = combine_statuses([part.status for part in parts])
    evaluation = Evaluation(kind="school", name=school.name, profile=profile.id, engine=batch.engine,
                            passed=status == "pass", status=status, by_measure=True,
                            exclusions=profile.monitoring.get("exclude"),
                            school=SchoolResult(school, parts, status, by_part=True))
    evaluation.missing_facts = gather_missing_facts(evaluation)
    return evaluation
