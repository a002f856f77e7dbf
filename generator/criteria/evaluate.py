"""Indicators → verdicts: a school's basic conditions, a county's four conditions.

The profile says what to measure and against which standard; generator.criteria.indicators
measures; every comparison is decided by the rules engine (generator.criteria.engine) in one batch
per evaluation. The result is an Evaluation (generator.criteria.evaluation); its to_json() is `check --json`.
A school's verdicts and status: school_verdicts.py; the CV tables: cv_tables.py; conditions chosen by
measure (优质均衡 and any profile beyond the basic four): evaluate_quality.py.
"""
from __future__ import annotations

from decimal import Decimal

from generator.model import schema
from generator.criteria.conditions import points_short, score_open, share_open
from generator.criteria.cv_tables import cv_tables
from generator.criteria.evaluate_quality import evaluate_county_general, evaluate_school_parts
from generator.criteria.evaluation import Condition, Evaluation, SchoolResult, county_status, gather_missing_facts
from generator.criteria.government import evaluate_government, score_item
from generator.criteria.school_verdicts import rule_plans, school_part_results, school_status
from generator.criteria.verdicts import Verdict, Batch, source_text, profile_comparisons
from generator.numbers import exact, plain


def evaluate_school(school, profile, engine: str = "auto") -> Evaluation:
    if profile.basic_conditions.get("applies_to"):
        return evaluate_school_parts(school, profile, engine)
    batch = Batch(engine)
    parts = school_part_results(school, profile, batch)
    batch.decide(profile_comparisons(profile))
    status = school_status([v for part in parts for v in part.verdicts], profile.pass_rule)
    return Evaluation(kind="school", name=school.name, profile=profile.id, engine=batch.engine,
                      passed=status == "pass", status=status, school=SchoolResult(school, parts, status))


# ---------------------------------------------------------------- county
BASIC_MEASURES = ("schools_meeting_standard", "composite_cv", "government_score", "value")


def evaluate_county(county, profile, engine: str = "auto") -> Evaluation:
    measures = [c["measure"] for c in profile.county["conditions"]]
    if sorted(measures) != sorted(BASIC_MEASURES) or not profile.monitoring["cv"].get("composite", True) \
            or profile.basic_conditions.get("applies_to"):
        # Any other set of conditions (优质均衡 and profiles built on it) is evaluated
        # condition by condition from its measure.
        return evaluate_county_general(county, profile, engine)
    by_measure = {c["measure"]: c["id"] for c in profile.county["conditions"]}
    batch = Batch(engine)
    monitoring = profile.monitoring
    plans = rule_plans(profile.basic_rules)
    school_results = [(school, school_part_results(school, profile, batch, plans)) for school in county.schools]

    cv_result, school_rows = cv_tables(county, profile)
    cv_verdicts = []
    for stage in ("primary", "junior"):
        table = cv_result.get(stage)
        threshold = monitoring["cv"]["threshold"].get(stage)
        verdict = Verdict(rule=f"{by_measure['composite_cv']}-{stage}",
                          name=f"综合差异系数（{schema.PART_LABELS[stage]}）",
                          value=None, standard=exact(threshold), op=monitoring["cv"]["op"], unit="",
                          source=source_text(monitoring["cv"]), provenance=monitoring["cv"].get("provenance", ""),
                          decimals=monitoring["cv"]["decimals"], wording=monitoring["cv"].get("wording", ""),
                          cv_stage=stage, cv_indicator="composite")
        if table is None:
            verdict.status = "n/a"
        elif table["composite"] is None:
            verdict.status = "missing"
            verdict.missing = tuple(k for k, v in table.items() if v is None and k != "composite")
        else:
            verdict.value = exact(table["composite"])
            batch.add(verdict, engine_rule="CV")
        cv_verdicts.append(verdict)

    government = evaluate_government(county, profile, batch)
    conditions = {c["id"]: c for c in profile.county["conditions"]}

    # The engine decides all school, CV and government comparisons in one batch; the
    # county conditions C1, C3 and C4 depend on those results, so they go in a second one.
    batch.decide(profile_comparisons(profile))
    school_statuses = {school.name: school_status([v for part in parts for v in part.verdicts], profile.pass_rule)
                       for school, parts in school_results}
    schools_passed = {name: status == "pass" for name, status in school_statuses.items()}
    for item in government["items"]:
        score_item(item)
    government["score"] = plain(sum((exact(item["score"]) for item in government["items"]), Decimal(0)))
    government_missing = [item["id"] for item in government["items"] if item["status"] == "missing"]

    def condition(cid, value, missing=()):
        cond = conditions[cid]
        verdict = Verdict(rule=cid, name=cond["name"], value=value, standard=exact(cond.get("threshold")),
                          op=cond["op"], unit=cond.get("unit", ""), source=source_text(profile.county),
                          decimals=cond["decimals"], wording=cond.get("wording", ""))
        if value is None:
            verdict.status = "missing"
            verdict.missing = tuple(missing)
        return batch.add(verdict)

    # C1: the share of schools that meet the standard. It is open (missing, naming the undecided schools)
    # while the undecided could still bring it to the standard (conditions.share_open).
    share = (Decimal(sum(schools_passed.values())) / len(schools_passed)) if schools_passed else None
    c1 = condition(by_measure["schools_meeting_standard"], share)
    failing = [name for name, status in school_statuses.items() if status == "fail"]
    undecided = [name for name, status in school_statuses.items() if status == "missing"]
    if c1.status != "missing" and share is not None:
        c1.deficit, c1.deficit_unit = len(failing), "所学校"
    c3 = condition(by_measure["government_score"], exact(government["score"]))
    value_of = conditions[by_measure["value"]]["of"]
    satisfaction = county.get(value_of)
    c4 = condition(by_measure["value"], exact(satisfaction), missing=(value_of,))
    if satisfaction is not None and c4.standard is not None:
        c4.deficit, c4.deficit_unit = points_short(c4.standard, satisfaction), "个百分点"
    batch.decide(profile_comparisons(profile))
    met = sum(schools_passed.values())
    if c1.status == "fail" and share_open(met, len(undecided), len(school_statuses), c1.op, c1.standard):
        c1.status, c1.missing = "missing", tuple(undecided)
    c1.undecided = tuple(undecided)       # named whether or not a failing school already decides C1
    missing_points = sum((exact(item["points"]) for item in government["items"] if item["status"] == "missing"),
                         Decimal(0))
    if c3.status == "fail" and score_open(government["score"], missing_points, c3.op, c3.standard):
        c3.status = "missing"             # the facts may yet bring it over the line
        c3.missing = tuple(government_missing)
    if c3.status == "fail":
        c3.deficit, c3.deficit_unit = plain(c3.standard - c3.value), "分"

    applicable_cv = [v for v in cv_verdicts if v.status != "n/a"]
    county_verdicts = [c1, *cv_verdicts, c3, c4]
    passed = all(v.status in ("pass", "n/a") for v in county_verdicts) and bool(applicable_cv)

    schools_json = []
    for row in school_rows:
        name = row.pop("_school")
        row["passed"] = schools_passed[name]
        row["status"] = school_statuses[name]
        schools_json.append(row)
    cv_condition = conditions[by_measure["composite_cv"]]
    evaluation = Evaluation(
        kind="county", name=county.name, profile=profile.id, engine=batch.engine, passed=passed,
        status=county_status(passed, county_verdicts),
        conditions=[Condition(c1.rule, c1.name, "schools_meeting_standard", c1.op, [c1]),
                    Condition(cv_condition["id"], cv_condition["name"], "composite_cv", monitoring["cv"]["op"],
                              cv_verdicts),
                    Condition(c3.rule, c3.name, "government_score", c3.op, [c3]),
                    Condition(c4.rule, c4.name, "value", c4.op, [c4])],
        cv=cv_result, government=government, rows=schools_json,
        schools=[SchoolResult(school, parts, school_statuses[school.name]) for school, parts in school_results])
    evaluation.missing_facts = gather_missing_facts(evaluation)
    return evaluation


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
