"""Indicators → verdicts: `evaluate(subject, profile)` for a school, a county or a centre.

The profile says what to measure and against which standard; generator.criteria.indicators
measures; every comparison is decided by the rules engine (generator.criteria.engine) in one batch
per evaluation. The result is an Evaluation (generator.criteria.evaluation); its to_json() is `check --json`.
A school's verdicts and status: school_verdicts.py (judged whole) or evaluate_quality.py (学段 part by part);
a county: county.py, every condition by its measure; the CV tables: cv_tables.py.
"""
from __future__ import annotations

from generator.criteria.county import evaluate_county
from generator.criteria.evaluate_quality import evaluate_school_parts
from generator.criteria.evaluation import Evaluation, SchoolResult
from generator.criteria.school_verdicts import school_part_results, school_status
from generator.criteria.verdicts import Batch, profile_comparisons


def evaluate_school(school, profile, engine: str = "auto") -> Evaluation:
    if profile.basic_conditions.get("applies_to"):
        return evaluate_school_parts(school, profile, engine)
    batch = Batch(engine)
    parts = school_part_results(school, profile, batch)
    batch.decide(profile_comparisons(profile))
    status = school_status([v for part in parts for v in part.verdicts], profile.pass_rule)
    return Evaluation(kind="school", name=school.name, profile=profile.id, engine=batch.engine,
                      passed=status == "pass", status=status, school=SchoolResult(school, parts, status))


def evaluate(subject, profile, engine: str = "auto") -> Evaluation:
    """Facts → verdicts; `engine` is auto | durable | native (generator.criteria.engine)."""
    if subject.kind == "school":
        return evaluate_school(subject, profile, engine)
    if subject.kind == "county":
        return evaluate_county(subject, profile, engine)
    return evaluate_centre(subject, profile)


def evaluate_centre(centre, profile) -> Evaluation:
    """A centre file carries no measured facts: its check lists its schools and sites."""
    sites = [{"name": s["name"], "banner_sites": s.get("banner_sites", [])} for s in centre.schools]
    return Evaluation(kind="centre", name=centre.name, profile=profile.id, engine=None, passed=True,
                      status="pass", sites=sites)
