"""Indicators → verdicts: a school's basic conditions, a county's four conditions.

The profile says what to measure and against which standard; generator.criteria.indicators
measures; every comparison is decided by the rules engine (generator.criteria.engine) in one batch
per evaluation. The result is the JSON-ready dict of contract.md (`check --json`).
"""
from __future__ import annotations

from decimal import Decimal

from generator.model import schema
from generator.criteria.indicators import (SchoolPart, coefficient_of_variation, is_excluded,
                         labs_required, measure_rule, school_parts, threshold_candidates)
from generator.numbers import compare, exact, plain, round_half_up
from generator.criteria.evaluation import Condition, Evaluation, PartResult, SchoolResult, gather_missing_facts
from generator.criteria.verdicts import Verdict, _Batch, _combine, _source, profile_comparisons
from generator.criteria.government import (_government, _score_item)


# ---------------------------------------------------------------- schools
def school_part_results(school, profile, batch: _Batch, plans: list | None = None) -> list[PartResult]:
    """One PartResult per 学段 part of the school, its verdicts waiting for the batch to decide them."""
    if plans is None:
        plans = rule_plans(profile.basic_rules)
    return [PartResult(part, [_rule_verdict(plan.rule, part, batch, plan) for plan in plans])
            for part in school_parts(school, profile.monitoring["split"])]


class _RulePlan:
    """What a basic rule's verdict needs that is the same for every school: its fields as a
    Verdict starts them, and its standard per 学段 when that depends on nothing else.
    Made once per evaluation (rule_plans), so a rule changed between evaluations is seen."""

    __slots__ = ("rule", "fields", "stages", "standards")

    def __init__(self, rule: dict):
        self.rule = rule
        self.fields = dict(_VERDICT_DEFAULTS, rule=rule["id"], name=rule["name"], value=None, standard=None,
                           op=rule["op"],
                           unit=rule.get("unit", ""), source=_source(rule), provenance=rule.get("provenance", ""),
                           decimals=rule["decimals"],
                           wording=rule.get("wording", ""), measure=rule["measure"])
        self.stages = rule.get("stages", [])
        self.standards = {}     # 学段 → (candidates, deciding) when no case table applies
        table = rule.get("threshold")
        if rule["measure"] != "labs":
            for stage in self.stages:
                value = table.get(stage) if isinstance(table, dict) else table
                if not isinstance(value, list):
                    self.standards[stage] = ([exact(value)] if value is not None else []), ()


_VERDICT_DEFAULTS = {name: field.default for name, field in Verdict.__dataclass_fields__.items()}


def rule_plans(rules: list) -> list[_RulePlan]:
    return [_RulePlan(rule) for rule in rules]


def _rule_verdict(rule: dict, part: SchoolPart, batch: _Batch, plan: _RulePlan | None = None) -> Verdict:
    plan = plan or _RulePlan(rule)
    verdict = object.__new__(Verdict)           # Verdict(**plan.fields), without the keyword parsing
    verdict.__dict__.update(plan.fields)
    if len(part.school.parts) > 1:
        verdict.stage = part.part
    if part.part not in plan.stages:
        verdict.status = "n/a"
        return verdict
    if rule["measure"] == "labs":
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


def _open_case(rule, part, verdict, candidates, deciding, batch: _Batch) -> Verdict:
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


def school_passes(verdicts: list[Verdict], pass_rule: dict) -> bool:
    """True only when the school certainly meets the profile's pass rule (school_status)."""
    return school_status(verdicts, pass_rule) == "pass"


def school_status(verdicts: list[Verdict], pass_rule: dict) -> str:
    """pass | fail | missing: the profile's pass rule applied to each 学段; all must pass.

    An item with a missing fact may yet be met or not: the school passes only if it passes
    with every such item unmet, fails only if it fails with every such item met, and is
    otherwise `missing` (undecided) — never guessed either way.
    """
    by_stage: dict = {}
    for verdict in verdicts:
        by_stage.setdefault(verdict.stage, []).append(verdict)
    return _combine([_stage_status(items, pass_rule) for items in by_stage.values()]) \
        if by_stage else "pass"


def _stage_status(verdicts: list[Verdict], pass_rule: dict) -> str:
    applicable = [v for v in verdicts if v.status != "n/a"]
    met = [v for v in applicable if v.status == "pass"]
    failed = [v for v in applicable if v.status == "fail"]
    missing = [v for v in applicable if v.status == "missing"]
    if _rule_holds(len(met), failed + missing, len(applicable), pass_rule):
        return "pass"
    if not missing or not _rule_holds(len(met) + len(missing), failed, len(applicable), pass_rule):
        return "fail"
    return "missing"


def _rule_holds(met: int, not_met: list[Verdict], applicable: int, pass_rule: dict) -> bool:
    """The pass rule for one 学段, given how many items are met and which are not (fail or
    missing — a missing item's achievement is unknown, so it cannot satisfy a floor)."""
    min_met = pass_rule.get("min_met", "all")
    ok = not not_met if min_met == "all" else met >= min(int(min_met), applicable)
    if "max_failed" in pass_rule:
        ok = ok and len(not_met) <= int(pass_rule["max_failed"])
    floor = pass_rule.get("failed_floor")
    if floor is not None:
        for verdict in not_met:
            achieved = verdict.achievement()
            if achieved is None or achieved < exact(floor):
                ok = False
    return ok


# One 学段 part's verdict (优质均衡 judges each part on its own).
stage_status = _stage_status


def evaluate_school(school, profile, engine: str = "auto") -> Evaluation:
    if profile.basic_conditions.get("applies_to"):
        from generator.criteria.evaluate_quality import evaluate_school_parts   # 优质均衡: per-part verdicts
        return evaluate_school_parts(school, profile, engine)
    batch = _Batch(engine)
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
        from generator.criteria.evaluate_quality import evaluate_county_general
        return evaluate_county_general(county, profile, engine)
    by_measure = {c["measure"]: c["id"] for c in profile.county["conditions"]}
    batch = _Batch(engine)
    monitoring = profile.monitoring
    plans = rule_plans(profile.basic_rules)
    school_results = [(school, school_part_results(school, profile, batch, plans)) for school in county.schools]

    cv_result, school_rows = _cv_tables(county, profile)
    cv_verdicts = []
    for stage in ("primary", "junior"):
        table = cv_result.get(stage)
        threshold = monitoring["cv"]["threshold"].get(stage)
        verdict = Verdict(rule=f"{by_measure['composite_cv']}-{stage}",
                          name=f"综合差异系数（{schema.PART_LABELS[stage]}）",
                          value=None, standard=exact(threshold), op=monitoring["cv"]["op"], unit="",
                          source=_source(monitoring["cv"]), provenance=monitoring["cv"].get("provenance", ""),
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

    government = _government(county, profile, batch)
    conditions = {c["id"]: c for c in profile.county["conditions"]}

    # The engine decides all school, CV and government comparisons in one batch; the
    # county conditions C1, C3 and C4 depend on those results, so they go in a second one.
    batch.decide(profile_comparisons(profile))
    school_statuses = {school.name: school_status([v for part in parts for v in part.verdicts], profile.pass_rule)
                       for school, parts in school_results}
    schools_passed = {name: status == "pass" for name, status in school_statuses.items()}
    for item in government["items"]:
        _score_item(item)
    government["score"] = plain(sum((exact(item["score"]) for item in government["items"]), Decimal(0)))
    government_missing = [item["id"] for item in government["items"] if item["status"] == "missing"]

    def condition(cid, value, missing=()):
        cond = conditions[cid]
        verdict = Verdict(rule=cid, name=cond["name"], value=value, standard=exact(cond.get("threshold")),
                          op=cond["op"], unit=cond.get("unit", ""), source=_source(profile.county),
                          decimals=cond["decimals"], wording=cond.get("wording", ""))
        if value is None:
            verdict.status = "missing"
            verdict.missing = tuple(missing)
        return batch.add(verdict)

    # C1: the share of schools that meet the standard. One failing school fails it; with none
    # failing, an undecided school (a missing fact) leaves it missing, naming those schools.
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
        c4.deficit = round_half_up(max(c4.standard - exact(satisfaction), Decimal(0)) * 100, 2)
        c4.deficit_unit = "个百分点"
    batch.decide(profile_comparisons(profile))
    if undecided and not failing:
        c1.status, c1.missing = "missing", tuple(undecided)
    c1.undecided = tuple(undecided)       # named whether or not a failing school already decides C1
    if c3.status == "fail" and government_missing:
        # Missing items score 0 (criteria §4). A total that fails is still a certain fail when
        # full marks on every missing item could not bring it to the pass score; otherwise
        # it is missing — the facts may yet bring it over the line.
        reachable = exact(government["score"]) + sum(
            (exact(item["points"]) for item in government["items"] if item["status"] == "missing"), Decimal(0))
        if compare(reachable, c3.op, c3.standard):
            c3.status = "missing"
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


def _cv_tables(county, profile):
    """差异系数 per 学段 over the included schools (criteria §2.1–2.3), and per-school rows."""
    monitoring = profile.monitoring
    indicators = monitoring["indicators"]
    places = monitoring["cv"]["decimals"]
    by_stage: dict[str, list[SchoolPart]] = {"primary": [], "junior": []}
    rows = []
    # (id, fact, per 100 students, decimals) of each indicator, looked up once: the same
    # arithmetic as indicator_value, then rounded half-up to the indicator's decimals.
    columns = [(indicator["id"], indicator["of"], indicator["measure"] == "per_100_students",
                indicator["decimals"]) for indicator in indicators]
    for school in county.schools:
        excluded = is_excluded(school, monitoring.get("exclude"))
        for part in school_parts(school, monitoring["split"]):
            values = {}
            facts, students = part.facts, part.students
            for indicator_id, of, per_100, decimals in columns:
                raw = facts.get(of)
                if raw is None or not students:
                    values[indicator_id] = None
                    continue
                value = exact(raw) / students
                if per_100:
                    value *= 100
                values[indicator_id] = plain(round_half_up(value, decimals))
            row = {"name": part.name, "stage": part.part, "students": part.students, "values": values,
                   "included": excluded is None, "_school": school.name}
            if excluded:
                row["excluded"] = excluded
            rows.append(row)
            if excluded is None:
                by_stage[part.part].append(part)
    result = {}
    for stage, parts in by_stage.items():
        if not parts:
            continue
        table = {}
        for indicator in indicators:
            entries = []
            complete = True
            for part in parts:
                raw = part.facts.get(indicator["of"])
                if raw is None:
                    complete = False
                    break
                entries.append((part.students, raw))
            cv = coefficient_of_variation(entries) if complete else None
            table[indicator["id"]] = plain(round_half_up(cv, places)) if cv is not None else None
        printed = [exact(v) for k, v in table.items()]
        if not monitoring["cv"].get("composite", True):
            pass    # every indicator's CV is judged on its own (优质均衡): no composite
        elif any(v is None for v in printed):
            table["composite"] = None
        else:
            table["composite"] = plain(round_half_up(sum(printed) / len(printed), places))
        table["schools"] = len(parts)
        table["students"] = sum(part.students for part in parts)
        result[stage] = table
    return result, rows


def county_status(passed: bool, verdicts: list[Verdict]) -> str:
    """pass | fail | missing for a county: missing when no condition fails and one lacks a fact."""
    statuses = {v.status for v in verdicts}
    return "pass" if passed else ("missing" if "fail" not in statuses and "missing" in statuses else "fail")


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
