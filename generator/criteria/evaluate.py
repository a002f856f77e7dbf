"""Indicators → verdicts: a school's basic conditions, a county's four conditions.

The profile says what to measure and against which standard; generator.criteria.indicators
measures; every comparison is decided by the rules engine (generator.criteria.engine) in one batch
per evaluation. The result is the JSON-ready dict of contract.md (`check --json`).
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.model import schema
from generator.criteria.engine import resolve, ruleset_for
from generator.criteria.indicators import (SchoolPart, coefficient_of_variation, is_excluded,
                         labs_required, measure_rule, school_parts, threshold_candidates)
from generator.numbers import ceil_int, exact, for_comparison, plain, round_half_up

STATUSES = ("pass", "fail", "missing", "n/a")


@dataclass
class Verdict:
    rule: str
    name: str
    value: Decimal | None
    standard: Decimal | None
    op: str
    unit: str
    status: str = "pending"      # until measured (missing / n/a) or decided by the engine
    deficit: Decimal | int | None = None
    deficit_unit: str = ""
    source: str = ""
    provenance: str = ""
    stage: str | None = None
    decimals: int = 2
    wording: str = ""
    missing: tuple = ()          # which facts were absent
    measure: str = ""
    key: str = ""                # measurement key in the engine batch
    unbounded: bool = False      # value is a ratio over zero: shown as "无", JSON value null
    undecided: tuple = ()        # C1: the schools a missing fact leaves undecided

    def achievement(self) -> Decimal | None:
        """How much of the standard is reached (for "no failed item below 60 %")."""
        if self.value is None or self.standard is None:
            return None
        if self.op in ("<=", "<"):
            return Decimal(1) if self.value == 0 else self.standard / self.value
        if self.standard == 0:
            return Decimal(1)
        return self.value / self.standard

    def to_json(self) -> dict:
        data = {"rule": self.rule, "name": self.name,
                "value": None if self.unbounded else plain(self.value),
                "standard": plain(self.standard), "op": self.op, "unit": self.unit,
                "status": self.status,
                "deficit": plain(exact(self.deficit)) if self.status == "fail" and self.deficit is not None else None,
                "deficit_unit": self.deficit_unit if self.status == "fail" and self.deficit is not None else "",
                "source": self.source}
        if self.stage:
            data["stage"] = self.stage
        if self.provenance:
            data["provenance"] = self.provenance
        if self.status == "missing" and self.missing:
            data["missing"] = list(self.missing)
        if self.unbounded:
            data["note"] = "unbounded: divided by zero"
        if self.undecided:
            data["undecided"] = list(self.undecided)
        return data


class _Batch:
    """Measurements waiting for the engine; one batch per evaluation."""

    def __init__(self, engine: str = "auto"):
        self.engine = resolve(engine)[0]      # the backend that decides: "durable" or "native"
        self.pending: list[tuple[dict, Verdict]] = []
        self.comparisons: set[tuple[str, str]] = set()
        # verdicts whose standard depends on a missing fact: (verdict, one per candidate, deciding facts)
        self.open_cases: list[tuple[Verdict, list[Verdict], tuple]] = []

    def add(self, verdict: Verdict, engine_rule: str | None = None):
        if verdict.value is None or verdict.standard is None or verdict.status in ("n/a", "missing"):
            return verdict
        engine_rule = engine_rule or verdict.rule
        verdict.key = f"{len(self.pending)}"
        self.pending.append(({"key": verdict.key, "rule": engine_rule,
                              "value": for_comparison(verdict.value),
                              "standard": verdict.standard}, verdict))
        self.comparisons.add((engine_rule, verdict.op))
        return verdict

    def decide(self, profile_comparisons: set):
        if not self.pending:
            return
        compiled = ruleset_for(sorted(profile_comparisons | self.comparisons), self.engine)
        results = compiled.judge([measurement for measurement, _ in self.pending])
        for measurement, verdict in self.pending:
            verdict.status = results[measurement["key"]]
        self.pending.clear()
        for verdict, candidates, deciding in self.open_cases:
            _settle_open_case(verdict, candidates, deciding)
        self.open_cases.clear()


def profile_comparisons(profile) -> set:
    """All (rule id, operator) pairs of a profile, so one ruleset serves every subject."""
    pairs = {(rule["id"], rule["op"]) for rule in profile.basic_rules}
    pairs.add(("CV", profile.monitoring["cv"]["op"]))
    for item in profile.government["items"]:
        for index, check in enumerate(item["checks"]):
            pairs.add((f"{item['id']}.{index + 1}", check.get("op", "==")))
    for cond in profile.county["conditions"]:
        pairs.add((cond["id"], cond["op"]))
    return pairs


# ---------------------------------------------------------------- schools
def _school_verdicts(school, profile, batch: _Batch, plans: list | None = None) -> list[Verdict]:
    verdicts = []
    split = profile.monitoring["split"]
    if plans is None:
        plans = rule_plans(profile.basic_rules)
    for part in school_parts(school, split):
        for plan in plans:
            verdicts.append(_rule_verdict(plan.rule, part, batch, plan))
    return verdicts


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
                           decimals=rule.get("decimals", 0 if rule["measure"] in ("labs", "flag") else 2),
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


def _settle_open_case(verdict: Verdict, shadows: list[Verdict], deciding: tuple) -> None:
    statuses = {shadow.status for shadow in shadows}
    if len(statuses) > 1:
        verdict.status, verdict.missing = "missing", deciding
        return
    status = statuses.pop()
    higher_is_better = verdict.op in (">=", ">")
    # A pass holds against the strictest candidate; a fail is short by at least the smallest deficit.
    strictest = max if (status == "pass") == higher_is_better else min
    chosen = strictest(shadows, key=lambda shadow: shadow.standard)
    verdict.status, verdict.standard = status, chosen.standard
    verdict.deficit, verdict.deficit_unit = chosen.deficit, chosen.deficit_unit


def _source(rule: dict) -> str:
    source = rule.get("source", "")
    mark = rule.get("provenance")
    return f"{source}［{mark}］" if mark and f"［{mark}］" not in source else source


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


def evaluate_school(school, profile, engine: str = "auto") -> dict:
    if profile.basic_conditions.get("applies_to"):
        from generator.criteria.evaluate_quality import evaluate_school_parts   # 优质均衡: per-part verdicts
        return evaluate_school_parts(school, profile, engine)
    batch = _Batch(engine)
    verdicts = _school_verdicts(school, profile, batch)
    batch.decide(profile_comparisons(profile))
    return {"subject": {"kind": "school", "name": school.name}, "profile": profile.id,
            "engine": batch.engine,
            "verdicts": [v.to_json() for v in verdicts],
            "passed": school_passes(verdicts, profile.pass_rule),
            "status": school_status(verdicts, profile.pass_rule),
            "_verdicts": verdicts}


# ---------------------------------------------------------------- county
BASIC_MEASURES = ("schools_meeting_standard", "composite_cv", "government_score", "value")


def evaluate_county(county, profile, engine: str = "auto") -> dict:
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
    school_results = []
    plans = rule_plans(profile.basic_rules)
    for school in county.schools:
        school_results.append((school, _school_verdicts(school, profile, batch, plans)))

    cv_result, school_rows = _cv_tables(county, profile)
    cv_verdicts = []
    for stage in ("primary", "junior"):
        table = cv_result.get(stage)
        threshold = monitoring["cv"]["threshold"].get(stage)
        verdict = Verdict(rule=f"{by_measure['composite_cv']}-{stage}",
                          name=f"综合差异系数（{schema.PART_LABELS[stage]}）",
                          value=None, standard=exact(threshold), op=monitoring["cv"]["op"], unit="",
                          source=_source(monitoring["cv"]), provenance=monitoring["cv"].get("provenance", ""),
                          decimals=3, wording=monitoring["cv"].get("wording", ""))
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
    school_statuses = {school.name: school_status(verdicts, profile.pass_rule)
                       for school, verdicts in school_results}
    schools_passed = {name: status == "pass" for name, status in school_statuses.items()}
    for item in government["items"]:
        _score_item(item)
    government["score"] = plain(sum((exact(item["score"]) for item in government["items"]), Decimal(0)))
    government_missing = [item["id"] for item in government["items"] if item["status"] == "missing"]

    def condition(cid, value, missing=()):
        cond = conditions[cid]
        verdict = Verdict(rule=cid, name=cond["name"], value=value, standard=exact(cond.get("threshold")),
                          op=cond["op"], unit=cond.get("unit", ""), source=_source(profile.county),
                          decimals=0 if cond.get("unit") == "分" else 4, wording=cond.get("wording", ""))
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
        if reachable >= c3.standard:
            c3.status = "missing"
            c3.missing = tuple(government_missing)
    if c3.status == "fail":
        c3.deficit, c3.deficit_unit = plain(c3.standard - c3.value), "分"

    applicable_cv = [v for v in cv_verdicts if v.status != "n/a"]
    c2_status = _combine([v.status for v in applicable_cv])
    county_verdicts = [c1, *cv_verdicts, c3, c4]
    passed = all(v.status in ("pass", "n/a") for v in county_verdicts) and bool(applicable_cv)

    schools_json = []
    for row in school_rows:
        name = row.pop("_school")
        row["passed"] = schools_passed[name]
        row["status"] = school_statuses[name]
        schools_json.append(row)
    school_details = [{"name": school.name, "stage": school.stage, "passed": schools_passed[school.name],
                       "status": school_statuses[school.name],
                       "verdicts": [v.to_json() for v in verdicts]} for school, verdicts in school_results]
    return {
        "subject": {"kind": "county", "name": county.name},
        "profile": profile.id,
        "engine": batch.engine,
        "verdicts": [v.to_json() for v in county_verdicts],
        "passed": passed,
        "conditions": [
            _condition_json(c1),
            {"id": by_measure["composite_cv"], "name": conditions[by_measure["composite_cv"]]["name"],
             "status": c2_status,
             "value": {v.rule.rsplit("-", 1)[1]: plain(v.value) for v in cv_verdicts if v.status != "n/a"},
             "standard": {v.rule.rsplit("-", 1)[1]: plain(v.standard) for v in cv_verdicts if v.status != "n/a"},
             "op": monitoring["cv"]["op"]},
            _condition_json(c3),
            _condition_json(c4),
        ],
        "cv": cv_result,
        "government": government,
        "schools": schools_json,
        "school_verdicts": school_details,
        "_verdicts": county_verdicts,
        "_school_results": [(school, verdicts, schools_passed[school.name]) for school, verdicts in school_results],
        "_school_status": school_statuses,
    }


def _combine(statuses: list[str]) -> str:
    if not statuses:
        return "n/a"
    if "fail" in statuses:
        return "fail"
    if "missing" in statuses:
        return "missing"
    return "pass"


def _condition_json(verdict: Verdict) -> dict:
    data = verdict.to_json()
    result = {"id": data["rule"], "name": data["name"], "status": data["status"], "value": data["value"],
              "standard": data["standard"], "op": data["op"]}
    for key in ("deficit", "deficit_unit", "missing"):
        if data.get(key):
            result[key] = data[key]
    if verdict.undecided:
        result["undecided"] = list(verdict.undecided)
    return result


def _cv_tables(county, profile):
    """差异系数 per 学段 over the included schools (criteria §2.1–2.3), and per-school rows."""
    monitoring = profile.monitoring
    indicators = monitoring["indicators"]
    places = monitoring["cv"].get("decimals", 3)
    by_stage: dict[str, list[SchoolPart]] = {"primary": [], "junior": []}
    rows = []
    # (id, fact, per 100 students, decimals) of each indicator, looked up once: the same
    # arithmetic as indicator_value, then rounded half-up to the indicator's decimals.
    columns = [(indicator["id"], indicator["of"], indicator["measure"] == "per_100_students",
                indicator.get("decimals", 2)) for indicator in indicators]
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


# ---------------------------------------------------------------- government
def government_facts(county) -> dict:
    """The facts the government items are scored on: the county's, with the schools' subject
    teachers and class sizes put together where the county gives none. Documents and plans
    (generator.render.report_county, generator.render.plan) read the same facts from here."""
    facts = dict(county.government)
    facts.pop("_lines", None)
    if "subject_teachers" not in facts:
        merged: dict = {}
        for school in county.schools:
            for subject, counts in (school.get("subject_teachers") or {}).items():
                entry = merged.setdefault(subject, {"required": 0, "actual": 0})
                entry["required"] += counts["required"]
                entry["actual"] += counts["actual"]
        if merged:
            facts["subject_teachers"] = merged
    if "class_sizes" not in facts:
        sizes = [size for school in county.schools for size in (school.get("class_sizes") or [])]
        if sizes:
            facts["class_sizes"] = sizes
    return facts


def _government(county, profile, batch: _Batch) -> dict:
    facts = government_facts(county)
    items = []
    for item in profile.government["items"]:
        checks = []
        for index, check in enumerate(item["checks"]):
            checks.append(_government_check(item, index, check, facts, batch))
        items.append({"id": item["id"], "area": item["area"], "name": item["name"],
                      "points": item["points"], "score": None, "status": None,
                      "checks": checks, "source": _source(item), "provenance": item.get("provenance", "")})
    return {"score": None, "total": profile.government.get("total", 100),
            "pass_score": government_pass_score(profile), "items": items}


def government_pass_score(profile):
    """The pass score of the government items: the threshold of the county condition that
    measures the government score (C3) — stored once, in rules/county.yaml."""
    for cond in profile.county["conditions"]:
        if cond.get("measure") == "government_score":
            return plain(exact(cond["threshold"]))
    return None


def _government_check(item, index, check, facts, batch) -> dict:
    rule_id = f"{item['id']}.{index + 1}"
    measure = check["measure"]
    of = check["of"]
    names = of if isinstance(of, list) else [of]
    present = all(facts.get(name) is not None for name in names)
    value = None
    unbounded = False
    op = check.get("op", "==")
    standard = exact(check.get("threshold", 1))
    if present:
        if measure == "flag":
            value = Decimal(1 if facts[of] else 0)
        elif measure == "value":
            value = exact(facts[of])
        elif measure == "difference":
            value = exact(facts[names[0]]) - exact(facts[names[1]])
        elif measure == "ratio":
            # x / 0 (README, "How numbers are decided"): 0 / 0 is 1 — all of nothing levied, paid
            # or allocated; x / 0 with x > 0 is unbounded — more than any standard, so it meets
            # a ≥ check and fails a ≤ one. Either way the check is decided, and scored.
            numerator, denominator = exact(facts[names[0]]), exact(facts[names[1]])
            if denominator:
                value = numerator / denominator
            elif numerator == 0:
                value = Decimal(1)
            else:
                unbounded = True
                value = max(abs(standard), Decimal(1)) * 1000000 + numerator
        elif measure == "count_negative":
            value = Decimal(sum(1 for series in facts[of].values() for rate in series if rate < 0))
        elif measure == "subjects_short":
            value = Decimal(sum(1 for counts in facts[of].values() if counts["actual"] < counts["required"]))
        elif measure in ("count_between", "share_between"):
            sizes = facts[of]
            low, high = check.get("min", 0), check.get("max")
            count = sum(1 for size in sizes if size >= low and (high is None or size <= high))
            value = Decimal(count) if measure == "count_between" else (
                Decimal(count) / len(sizes) if sizes else None)
    verdict = Verdict(rule=rule_id, name=item["name"], value=for_comparison(value) if value is not None else None,
                      standard=standard, op=op, unit=check.get("unit", ""),
                      status="missing" if value is None else "pending", unbounded=unbounded,
                      # a check without a value is missing its facts — or, when they are all
                      # given (an empty class-size list), the facts it is computed from
                      missing=tuple(n for n in names if facts.get(n) is None) or tuple(names))
    if value is not None:
        batch.add(verdict, engine_rule=rule_id)
    return {"check": rule_id, "of": of, "verdict": verdict, "deduct": check.get("deduct", "all")}


def _score_item(item: dict):
    """Score one B item from its decided checks; floored at 0 (criteria §4)."""
    points = exact(item["points"])
    deducted = Decimal(0)
    lose_all = False
    missing = []
    details = []
    for check in item["checks"]:
        verdict: Verdict = check.pop("verdict")
        entry = {"check": check["check"], "of": check["of"],
                 "value": None if verdict.unbounded else plain(verdict.value),
                 "standard": plain(verdict.standard), "op": verdict.op, "unit": verdict.unit,
                 "status": verdict.status, "deducted": 0}
        if verdict.unbounded:
            entry["note"] = "unbounded: divided by zero"
        if verdict.status == "missing":
            missing.extend(verdict.missing)
        elif verdict.status == "fail":
            rule = check["deduct"]
            if rule == "all":
                lose_all = True
                entry["deducted"] = plain(points)
            elif "per" in rule:
                gap = abs(verdict.value - verdict.standard)
                steps = ceil_int(gap / exact(rule["per"]))
                amount = exact(rule["points"]) * max(steps, 1)
                deducted += amount
                entry["deducted"] = plain(amount)
            else:
                amount = exact(rule["points"])
                deducted += amount
                entry["deducted"] = plain(amount)
        details.append(entry)
    if missing:
        score, status = Decimal(0), "missing"
    elif lose_all:
        score, status = Decimal(0), "fail"
    else:
        score = max(points - deducted, Decimal(0))
        status = "pass" if deducted == 0 else "fail"
    item["checks"] = details
    item["score"] = plain(score)
    item["status"] = status
    if missing:
        item["missing"] = sorted(set(missing))


def evaluate(subject, profile, engine: str = "auto") -> dict:
    """Facts → verdicts; `engine` is auto | durable | native (generator.criteria.engine)."""
    if subject.kind == "school":
        return evaluate_school(subject, profile, engine)
    if subject.kind == "county":
        return evaluate_county(subject, profile, engine)
    return evaluate_centre(subject, profile)


def evaluate_centre(centre, profile) -> dict:
    """A centre file carries no measured facts: its check lists its schools and sites."""
    schools = [{"name": s["name"], "banner_sites": s.get("banner_sites", [])} for s in centre.schools]
    return {"subject": {"kind": "centre", "name": centre.name}, "profile": profile.id,
            "verdicts": [], "passed": True, "schools": schools, "_verdicts": []}


def public(result: dict) -> dict:
    """The result without the private (underscore) keys: what --json prints."""
    return {k: v for k, v in result.items() if not k.startswith("_")}
