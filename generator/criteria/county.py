"""A county's conditions, each computed by its `measure:` (rules/county.yaml, rules/quality/county.yaml): the
one county evaluator for every standard.

Every comparison goes through the engine's Batch; what is decided here in Python is only which verdicts exist,
which facts are missing, and how decided verdicts combine. A condition is `missing` (naming the facts) when the
facts present leave it open, and a certain `fail` when they already decide it.

Measures: schools_meeting_standard, parts_meeting_standard, composite_cv, cv_each, government_score (scored
items), items_not_met (items met or not, by `area`), value (of a county fact).

A standard judges a school whole (the basic standard: the four conditions of 教督〔2012〕3号 with a composite
CV) or each 学段 part on its own (优质均衡, and any profile whose conditions are not those four): see
`judged_by_part`. That choice decides each school's status, the rows' status and the share's unit; the
conditions are computed alike.
"""
from __future__ import annotations

from decimal import Decimal

from generator.criteria.conditions import points_short, score_open, share_open
from generator.criteria.cv_tables import cv_tables
from generator.criteria.evaluation import Condition, Evaluation, SchoolResult, county_status, gather_missing_facts
from generator.criteria.evaluate_quality import annotate_parts
from generator.criteria.government import evaluate_government, government_check, score_item
from generator.criteria.indicators import is_excluded
from generator.criteria.school_verdicts import rule_plans, school_part_results, school_status
from generator.criteria.verdicts import Batch, Verdict, combine_statuses, profile_comparisons, source_text
from generator.model import schema
from generator.numbers import exact, plain

# The basic standard's conditions: a school is judged whole under them.
BASIC_MEASURES = ("schools_meeting_standard", "composite_cv", "government_score", "value")


def judged_by_part(profile) -> bool:
    """True when each 学段 part of a school is judged on its own: the profile applies the school rules to some
    schools only (优质均衡), judges each indicator's CV alone, or has other conditions than the basic four."""
    measures = sorted(c.measure for c in profile.county["conditions"])
    return (bool(profile.basic_conditions.get("applies_to")) or not profile.cv.composite
            or measures != sorted(BASIC_MEASURES))


def evaluate_county(county, profile, engine: str = "auto") -> Evaluation:
    by_part = judged_by_part(profile)
    batch = Batch(engine)
    monitoring = profile.monitoring
    only_included = profile.basic_conditions.get("applies_to") == "included"
    plans = rule_plans(profile.basic_rules)
    schools = []
    for school in county.schools:
        reason = is_excluded(school, monitoring.get("exclude")) if only_included else None
        parts = [] if reason else school_part_results(school, profile, batch, plans)
        schools.append(SchoolResult(school, parts, "n/a", excluded=reason, by_part=by_part))
    cv_result, rows = cv_tables(county, profile)
    scored = profile.government.get("scoring") != "all_met"
    government = evaluate_government(county, profile, batch) if scored else _items(county, profile, batch)
    cv_verdicts = {cond.id: _cv_verdicts(cond, cv_result, monitoring, batch)
                   for cond in profile.county["conditions"] if cond.measure in ("cv_each", "composite_cv")}
    # The engine decides all school, CV and government comparisons in one batch; the conditions that
    # count or add up those results go in a second one.
    batch.decide(profile_comparisons(profile))

    if scored:
        for item in government["items"]:
            score_item(item)
        government["score"] = plain(sum((exact(item["score"]) for item in government["items"]), Decimal(0)))
    else:
        _decide_items(government)
    part_status, school_statuses = {}, {}
    for school in schools:
        if by_part:
            annotate_parts(school.parts, profile)
            for part in school.parts:
                part_status[(school.name, part.part.part)] = part.status
            if not school.excluded:
                school.status = combine_statuses([part.status for part in school.parts])
        else:
            school.status = school_status(school.verdicts, profile.pass_rule)
        school_statuses[school.name] = None if school.excluded else school.status

    conditions = []
    for cond in profile.county["conditions"]:
        verdicts = cv_verdicts.get(cond.id) or \
            [_condition_verdict(cond, county, profile, part_status, school_statuses, government, batch, by_part)]
        conditions.append(Condition(cond.id, cond.name, cond.measure, cond.op, verdicts))
    batch.decide(profile_comparisons(profile))
    for condition in conditions:
        if not condition.by_stage:
            _settle(condition.verdict)
    verdicts = [verdict for condition in conditions for verdict in condition.verdicts]
    cv_applicable = [v for cond_id in cv_verdicts for v in cv_verdicts[cond_id] if v.status != "n/a"]
    passed = all(v.status in ("pass", "n/a") for v in verdicts) and (bool(cv_applicable) or not cv_verdicts)

    evaluation = Evaluation(kind="county", name=county.name, profile=profile.id, engine=batch.engine,
                            passed=passed, status=county_status(passed, verdicts), by_measure=by_part,
                            conditions=conditions, cv=cv_result, government=government,
                            rows=_rows(rows, schools, part_status, school_statuses, monitoring, by_part),
                            schools=schools, exclusions=monitoring.get("exclude") if by_part else None)
    # The gap: what this file lacks for the standard (e.g. a basic-balance file checked here).
    evaluation.missing_facts = gather_missing_facts(evaluation)
    return evaluation


def _rows(rows, schools, part_status, school_statuses, monitoring, by_part) -> list[dict]:
    """The CV tables' rows (one per school part) with the status that counts for each: its part's when
    parts are judged on their own, else its school's."""
    names = {part.part.name: (school.name, part.part.part) for school in schools for part in school.parts}
    result = []
    for school_name, row in rows:
        if not by_part:
            row["passed"], row["status"] = school_statuses[school_name] == "pass", school_statuses[school_name]
        elif names.get(row["name"]) is None:
            row["included"] = False
            row.setdefault("excluded", is_excluded(next(s.school for s in schools if s.name == school_name),
                                                   monitoring.get("exclude")) or "not evaluated")
            row["passed"], row["status"] = None, "n/a"
        else:
            status = part_status[names[row["name"]]]
            row["passed"], row["status"] = status == "pass", status
        result.append(row)
    return result


def _county_facts(county) -> dict:
    """The county's facts for the items, with what the schools give filled in when left out."""
    facts = dict(county.government)
    schools = county.schools
    if "largest_school_students" not in facts:
        single = [s.total_students for s in schools if len(s.parts) == 1]
        if single:
            facts["largest_school_students"] = max(single)
    if "largest_spanning_school_students" not in facts:
        # 义务教育阶段规模: the 小学 and 初中 students of a spanning school; none → 0.
        spanning = [sum(n for p, n in s.facts["students"].items() if p in ("primary", "junior"))
                    for s in schools if len(s.parts) > 1]
        facts["largest_spanning_school_students"] = max(spanning) if spanning else 0
    for stage in ("primary", "junior"):
        key = f"max_class_size_{stage}"
        if key in facts:
            continue
        if any(len(s.parts) > 1 and s.get("class_sizes") for s in schools):
            continue   # a spanning school's classes are not given by 学段: the county must say
        sizes = [size for s in schools if s.parts == (stage,) for size in (s.get("class_sizes") or [])]
        if sizes and all(s.get("class_sizes") for s in schools if s.parts == (stage,)):
            facts[key] = max(sizes)
    return facts


def _items(county, profile, batch: Batch) -> dict:
    """Items met or not (scoring: all_met): every check must pass; missing names the facts."""
    facts = _county_facts(county)
    items = []
    for item in profile.government["items"]:
        checks = [government_check(item, index, check, facts, batch)
                  for index, check in enumerate(item.checks)]
        items.append({"id": item.id, "area": item.area, "name": item.name, "status": None, "checks": checks,
                      "source": source_text(item.source, item.provenance), "provenance": item.provenance})
    areas = {key: area.get("name", key) for key, area in (profile.government.get("areas") or {}).items()}
    return {"scoring": "all_met", "areas": areas, "items": items}


def _decide_items(government: dict):
    for item in government["items"]:
        details, missing = [], []
        for check in item["checks"]:
            verdict: Verdict = check.pop("verdict")
            details.append({"check": check["check"], "of": check["of"], "value": plain(verdict.value),
                            "standard": plain(verdict.standard), "op": verdict.op, "unit": verdict.unit,
                            "status": verdict.status})
            missing.extend(verdict.missing if verdict.status == "missing" else ())
        item["checks"] = details
        item["status"] = combine_statuses([d["status"] for d in details])
        if item["status"] == "missing":
            item["missing"] = sorted(set(missing))


def _cv_verdicts(cond, cv_result, monitoring, batch) -> list[Verdict]:
    cv = monitoring["cv"]
    # `composite: false` (monitoring.cv) judges each indicator's CV alone, whatever the condition is called
    each = cond.measure == "cv_each" or not cv.composite
    result = []
    for stage in ("primary", "junior"):
        table = cv_result.get(stage)
        threshold = cv.threshold.get(stage)
        keys = [ind.id for ind in monitoring["indicators"]] if each else ["composite"]
        names = {ind.id: ind.name for ind in monitoring["indicators"]}
        facts = {ind.id: ind.of for ind in monitoring["indicators"]}
        for key in keys:
            label = schema.PART_LABELS[stage]
            verdict = Verdict(rule=f"{cond.id}-{stage}" + (f"-{key}" if each else ""),
                              name=(f"{names[key]}差异系数（{label}）" if each else f"综合差异系数（{label}）"),
                              value=None, standard=exact(threshold), op=cv.op, unit="",
                              source=source_text(cv.source, cv.provenance), provenance=cv.provenance,
                              decimals=cv.decimals, wording=cv.wording, stage=None,
                              cv_stage=stage, cv_indicator=key)
            if table is None or threshold is None:
                verdict.status = "n/a"
            elif table.get(key) is None:
                verdict.status = "missing"
                verdict.missing = (facts[key],) if each else tuple(
                    facts[k] for k, v in table.items() if v is None and k in facts)
            else:
                verdict.value = exact(table[key])
                batch.add(verdict, engine_rule="CV")
            result.append(verdict)
    return result


def _condition_verdict(cond, county, profile, part_status, school_status, government, batch, by_part) -> Verdict:
    measure = cond.measure
    verdict = Verdict(rule=cond.id, name=cond.name, value=None, standard=exact(cond.threshold),
                      op=cond.op, unit=cond.unit,
                      source=source_text(profile.county.get("source", ""), profile.county.get("provenance")),
                      provenance=profile.county.get("provenance", ""),
                      decimals=cond.decimals, wording=cond.wording,
                      measure=measure)
    if measure in ("parts_meeting_standard", "schools_meeting_standard"):
        statuses = list(part_status.values()) if measure == "parts_meeting_standard" else \
            [s for s in school_status.values() if s is not None]
        if not statuses:
            # no school to count: nothing to judge by part; a whole-school count still waits for its schools
            verdict.status = "n/a" if by_part else "missing"
            return verdict
        met = sum(1 for s in statuses if s == "pass")
        verdict.value = Decimal(met) / len(statuses)
        failing = sum(1 for s in statuses if s == "fail")
        undecided = sum(1 for s in statuses if s == "missing")
        # 尚缺 counts the schools (parts) that certainly fail; the undecided are named
        verdict.deficit, verdict.deficit_unit = failing, "所学校（学段）" if by_part else "所学校"
        keys = part_status if measure == "parts_meeting_standard" else school_status
        verdict.undecided = tuple(dict.fromkeys((key[0] if isinstance(key, tuple) else key)
                                                for key, s in keys.items() if s == "missing"))
        if share_open(met, undecided, len(statuses), verdict.op, verdict.standard):
            verdict.open = True       # the undecided could still bring the share over the line
            verdict.missing = ("schools",) if by_part else verdict.undecided
    elif measure == "items_not_met":
        verdict.area = cond.area
        items = [item for item in government["items"] if item["area"] == cond.area]
        verdict.value = Decimal(sum(1 for item in items if item["status"] == "fail"))
        missing = sorted({key for item in items if item["status"] == "missing" for key in item["missing"]})
        if missing:
            verdict.open = True
            verdict.missing = tuple(missing)
        verdict.deficit, verdict.deficit_unit = int(verdict.value), "项"
    elif measure == "government_score":
        verdict.value = exact(government["score"])
        missing = [item for item in government["items"] if item["status"] == "missing"]
        # a failing total stays a certain fail when full marks on every missing item could not bring it
        # to the pass score; otherwise it is open (missing items score 0, criteria §4)
        if score_open(verdict.value, sum((exact(item["points"]) for item in missing), Decimal(0)),
                      verdict.op, verdict.standard):
            verdict.open = True
            verdict.missing = tuple(item["id"] for item in missing)
        if verdict.standard is not None:
            verdict.deficit, verdict.deficit_unit = plain(verdict.standard - verdict.value), "分"
    elif measure == "value":
        raw = county.get(cond.of)
        if raw is None:
            verdict.status = "missing"
            verdict.missing = (cond.of,)
            return verdict
        verdict.value = exact(raw)
        if verdict.standard is not None:
            verdict.deficit, verdict.deficit_unit = plain(points_short(verdict.standard, verdict.value)), "个百分点"
    else:
        raise ValueError(f"unknown county measure {measure}")
    return batch.add(verdict)


def _settle(verdict: Verdict):
    """A failing comparison with facts still missing is `missing` (they may yet decide it);
    a passing one is only certain when nothing is missing."""
    if not verdict.open:
        return
    if verdict.status == "fail" and verdict.measure in ("parts_meeting_standard", "schools_meeting_standard",
                                                        "government_score"):
        verdict.status = "missing"
    elif verdict.status == "pass" and verdict.measure == "items_not_met":
        verdict.status = "missing"
