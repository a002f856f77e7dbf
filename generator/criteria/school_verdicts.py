"""A school's verdicts and its status: each basic rule measured for each 学段 part (the comparisons go to the
engine's batch), a standard chosen by a missing fact compared with every candidate, and the profile's pass rule
applied to what the engine decided.
"""
from __future__ import annotations

from generator.criteria.evaluation import PartResult
from generator.criteria.indicators import (SchoolPart, labs_required, measure_rule, school_parts,
                                           threshold_candidates)
from generator.criteria.rule_model import PassRule, SchoolRule
from generator.criteria.verdicts import Verdict, Batch, combine_statuses, source_text
from generator.numbers import exact


def school_part_results(school, profile, batch: Batch, plans: list | None = None) -> list[PartResult]:
    """One PartResult per 学段 part of the school, its verdicts waiting for the batch to decide them."""
    if plans is None:
        plans = rule_plans(profile.basic_rules)
    return [PartResult(part, [_rule_verdict(plan.rule, part, batch, plan) for plan in plans])
            for part in school_parts(school, profile.monitoring["split"])]


class _RulePlan:
    """What a basic rule's verdict needs that is the same for every school: the arguments a Verdict
    starts from, and its standard per 学段 when that depends on nothing else.
    Made once per evaluation (rule_plans), so a rule changed between evaluations is seen."""

    __slots__ = ("rule", "fields", "stages", "standards")

    def __init__(self, rule: SchoolRule):
        self.rule = rule
        self.fields = dict(rule=rule.id, name=rule.name, value=None, standard=None, op=rule.op, unit=rule.unit,
                           source=source_text(rule.source, rule.provenance), provenance=rule.provenance, decimals=rule.decimals,
                           wording=rule.wording, measure=rule.measure)
        self.stages = rule.stages
        self.standards = {}     # 学段 → (candidates, deciding) when no case table applies
        table = rule.threshold
        if rule.measure != "labs":
            for stage in self.stages:
                value = table.get(stage) if isinstance(table, dict) else table
                if not isinstance(value, list):
                    self.standards[stage] = ([exact(value)] if value is not None else []), ()


def rule_plans(rules: list) -> list[_RulePlan]:
    return [_RulePlan(rule) for rule in rules]


def _rule_verdict(rule: SchoolRule, part: SchoolPart, batch: Batch, plan: _RulePlan | None = None) -> Verdict:
    plan = plan or _RulePlan(rule)
    verdict = Verdict(**plan.fields)
    if len(part.school.parts) > 1:
        verdict.stage = part.part
    if part.part not in plan.stages:
        verdict.status = "n/a"
        return verdict
    if rule.measure == "labs":
        required = labs_required(rule, part)
        candidates, deciding = ([required] if required is not None else []), ()
    else:
        known = plan.standards.get(part.part)
        candidates, deciding = known if known is not None else threshold_candidates(rule, part)
    if not candidates:
        verdict.status = "n/a"
        return verdict
    if len(candidates) > 1:
        return _open_case(rule, part, verdict, candidates, deciding, batch)
    standard = candidates[0]
    verdict.standard = standard
    measured = measure_rule(rule, part, standard)
    if measured.value is None:
        verdict.status = "missing"
        verdict.missing = tuple(k for k in measured.needs if part.facts.get(k) in (None, 0, [])) or measured.needs
        return verdict
    verdict.value = measured.value
    verdict.deficit = measured.deficit
    verdict.deficit_unit = measured.deficit_unit
    verdict.unbounded = measured.unbounded
    return batch.add(verdict)


def _open_case(rule, part, verdict, candidates, deciding, batch: Batch) -> Verdict:
    """A standard chosen by a missing fact (location, classes): the value is compared with
    every candidate standard, and the verdict stands only if all comparisons agree."""
    shadows = []
    for standard in candidates:
        measured = measure_rule(rule, part, standard)
        if measured.value is None:
            verdict.status = "missing"
            verdict.missing = tuple(k for k in measured.needs if part.facts.get(k) in (None, 0, [])) + deciding
            return verdict
        shadow = Verdict(**{**verdict.__dict__, "standard": standard, "value": measured.value,
                            "deficit": measured.deficit, "deficit_unit": measured.deficit_unit,
                            "unbounded": measured.unbounded})
        shadows.append(batch.add(shadow))
    verdict.value = shadows[0].value
    verdict.unbounded = shadows[0].unbounded
    batch.open_cases.append((verdict, shadows, deciding))
    return verdict


def school_status(verdicts: list[Verdict], pass_rule: PassRule) -> str:
    """pass | fail | missing: the profile's pass rule applied to each 学段; all must pass.

    An item with a missing fact may yet be met or not: the school passes only if it passes
    with every such item unmet, fails only if it fails with every such item met, and is
    otherwise `missing` (undecided) — never guessed either way.
    """
    by_stage: dict = {}
    for verdict in verdicts:
        by_stage.setdefault(verdict.stage, []).append(verdict)
    return combine_statuses([_stage_status(items, pass_rule) for items in by_stage.values()]) \
        if by_stage else "pass"


def _stage_status(verdicts: list[Verdict], pass_rule: PassRule) -> str:
    applicable = [v for v in verdicts if v.status != "n/a"]
    met = [v for v in applicable if v.status == "pass"]
    failed = [v for v in applicable if v.status == "fail"]
    missing = [v for v in applicable if v.status == "missing"]
    if _rule_holds(len(met), failed + missing, len(applicable), pass_rule):
        return "pass"
    if not missing or not _rule_holds(len(met) + len(missing), failed, len(applicable), pass_rule):
        return "fail"
    return "missing"


def _rule_holds(met: int, not_met: list[Verdict], applicable: int, pass_rule: PassRule) -> bool:
    """The pass rule for one 学段, given how many items are met and which are not (fail or
    missing — a missing item's achievement is unknown, so it cannot satisfy a floor)."""
    min_met = pass_rule.min_met
    ok = not not_met if min_met == "all" else met >= min(int(min_met), applicable)
    if pass_rule.max_failed is not None:
        ok = ok and len(not_met) <= int(pass_rule.max_failed)
    floor = pass_rule.failed_floor
    if floor is not None:
        for verdict in not_met:
            achieved = verdict.achievement()
            if achieved is None or achieved < exact(floor):
                ok = False
    return ok


# One 学段 part's verdict (优质均衡 judges each part on its own).
stage_status = _stage_status
