"""What an evaluation decided, typed: the one record every output reads.

    facts → measures → verdicts (the engine) → Evaluation → terminal, JSON, workbooks,
                                                           documents, audit, plans, web

criteria/evaluate.py (a school), criteria/county.py (a county: conditions chosen by `measure:`) and
criteria/evaluate_quality.py (学段 parts judged on their own — 优质均衡) build it; nothing downstream
re-measures or re-compares. `Evaluation.to_json()` is what `check --json` prints
(contract.md "JSON output"): the JSON is derived from the verdicts, never kept beside them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.criteria.measures import MEASURES, PLAIN
from generator.criteria.verdicts import Verdict, combine_statuses
from generator.numbers import plain


@dataclass
class PartResult:
    """One 学段 part of a school (the school itself when it teaches one 学段) and its verdicts."""
    part: object                    # criteria.indicators.SchoolPart
    verdicts: list[Verdict]
    status: str | None = None       # 优质均衡 judges each part on its own; None when the school is judged whole


@dataclass
class SchoolResult:
    """A school's verdicts, and whether it meets the profile's pass rule."""
    school: object                  # model.facts.School
    parts: list[PartResult]
    status: str                     # pass | fail | missing (undecided) | n/a (excluded)
    excluded: str | None = None     # why the profile leaves the school out (优质均衡: 教学点, 民办, …)
    by_part: bool = False           # 优质均衡: each 学段 part is judged on its own (PartResult.status)

    @property
    def name(self) -> str:
        return self.school.name

    @property
    def verdicts(self) -> list[Verdict]:
        return [verdict for part in self.parts for verdict in part.verdicts]

    @property
    def passed(self) -> bool | None:
        return None if self.excluded else self.status == "pass"

    @property
    def part_statuses(self) -> dict[str, str]:
        return {part.part.part: part.status for part in self.parts}

    def to_json(self) -> dict:
        data = {"name": self.school.name, "stage": self.school.stage, "passed": self.passed,
                "status": "n/a" if self.excluded else self.status}
        if self.by_part:
            data["parts"] = self.part_statuses
        data["verdicts"] = [verdict.to_json() for verdict in self.verdicts]
        if self.excluded:
            data["excluded"] = self.excluded
        return data


@dataclass
class Condition:
    """One county condition and the verdicts that decide it: one verdict, or one per 学段 (综合差异系数),
    or one per 学段 and indicator (each indicator's 差异系数, 优质均衡)."""
    id: str
    name: str
    measure: str
    op: str
    verdicts: list[Verdict]

    @property
    def by_stage(self) -> bool:
        return self.measure in ("composite_cv", "cv_each")

    @property
    def verdict(self) -> Verdict | None:
        """The deciding verdict of a one-verdict condition."""
        return None if self.by_stage else self.verdicts[0]

    @property
    def applicable(self) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if verdict.status != "n/a"]

    @property
    def status(self) -> str:
        return self.verdicts[0].status if not self.by_stage else combine_statuses([v.status for v in self.applicable])

    @property
    def missing(self) -> tuple:
        return tuple(dict.fromkeys(key for verdict in self.verdicts if verdict.status == "missing"
                                   for key in verdict.missing))

    def to_json(self) -> dict:
        if not self.by_stage:
            return _single_condition_json(self.verdicts[0])
        values: dict = {}
        standards: dict = {}
        for verdict in self.applicable:
            stage = verdict.cv_stage
            if verdict.cv_indicator != "composite":
                values.setdefault(stage, {})[verdict.cv_indicator] = plain(verdict.value)
            else:
                values[stage] = plain(verdict.value)
            standards[stage] = plain(verdict.standard)
        data = {"id": self.id, "name": self.name, "status": self.status, "value": values,
                "standard": standards, "op": self.op}
        if self.status == "missing" and self.missing:
            data["missing"] = list(self.missing)
        return data


def _single_condition_json(verdict: Verdict) -> dict:
    data = verdict.to_json()
    result = {"id": data["rule"], "name": data["name"], "status": data["status"], "value": data["value"],
              "standard": data["standard"], "op": data["op"]}
    for key in ("deficit", "deficit_unit", "missing"):
        if data.get(key):
            result[key] = data[key]
    if verdict.undecided:
        result["undecided"] = list(verdict.undecided)
    return result


def county_status(passed: bool, verdicts: list[Verdict]) -> str:
    """pass | fail | missing for a county: missing when no condition fails and one lacks a fact."""
    statuses = {v.status for v in verdicts}
    return "pass" if passed else ("missing" if "fail" not in statuses and "missing" in statuses else "fail")




def gather_missing_facts(evaluation) -> list[str]:
    """Every fact a verdict of the evaluation still needs, in first-seen order: what the file lacks."""
    if evaluation.school is not None:
        verdicts = evaluation.school.verdicts
    else:
        # a condition that counts schools names schools as missing, not facts (the schools' own verdicts name them)
        verdicts = [v for c in evaluation.conditions if not MEASURES.get(c.measure, PLAIN).counts_schools
                    for v in c.verdicts]
        verdicts += [v for school in evaluation.schools for v in school.verdicts]
    seen: dict = {}
    for verdict in verdicts:
        for key in verdict.missing:
            seen.setdefault(key, None)
    for item in (evaluation.government or {}).get("items", []):
        for key in item.get("missing", ()):
            seen.setdefault(key, None)
    return [key for key in seen if key != "schools"]


@dataclass
class Evaluation:
    """A school, county or centre file evaluated against a profile."""
    kind: str                                   # school | county | centre
    name: str
    profile: str                                # the profile's id
    engine: str | None                          # durable | native; None for a centre (nothing compared)
    passed: bool | None
    status: str                                 # pass | fail | missing | n/a
    # 学段 parts judged on their own (优质均衡: county.judged_by_part, evaluate_quality)
    by_measure: bool = False
    school: SchoolResult | None = None          # a school file
    conditions: list[Condition] = field(default_factory=list)
    cv: dict = field(default_factory=dict)      # 学段 → {indicator: CV, composite, schools, students}
    government: dict | None = None              # {score | scoring, items: [{id, status, checks, …}]}
    rows: list[dict] = field(default_factory=list)          # each school part's indicator values (JSON "schools")
    schools: list[SchoolResult] = field(default_factory=list)
    missing_facts: list[str] | None = None      # 优质均衡: every fact a verdict still needs
    sites: list[dict] = field(default_factory=list)         # a centre's schools and banner sites
    exclusions: dict | None = None              # the profile's rules that leave schools out, to name them

    @property
    def verdicts(self) -> list[Verdict]:
        """A school's verdicts; a county's condition verdicts (综合差异系数 once per 学段)."""
        if self.school is not None:
            return self.school.verdicts
        return [verdict for condition in self.conditions for verdict in condition.verdicts]

    def condition(self, measure: str) -> Condition | None:
        """The county condition that measures `measure` (rules/…/county.yaml), if the profile has one."""
        return next((c for c in self.conditions if c.measure == measure), None)

    @property
    def included_schools(self) -> list[SchoolResult]:
        return [school for school in self.schools if not school.excluded]

    def to_json(self) -> dict:
        data = {"subject": {"kind": self.kind, "name": self.name}, "profile": self.profile}
        if self.kind == "centre":
            data.update(verdicts=[], passed=True, schools=self.sites)
            return data
        data["engine"] = self.engine
        data["verdicts"] = [verdict.to_json() for verdict in self.verdicts]
        data["passed"] = self.passed
        if self.kind == "school":
            data["status"] = self.status
            if self.school.excluded:
                data["excluded"] = self.school.excluded
                data["parts"] = {}
            elif self.by_measure:
                data["parts"] = self.school.part_statuses
                data["missing_facts"] = self.missing_facts
            return data
        data["status"] = self.status           # pass | fail | missing: a county no condition fails may be undecided
        data["conditions"] = [condition.to_json() for condition in self.conditions]
        data["cv"] = self.cv
        data["government"] = self.government
        data["schools"] = self.rows
        data["school_verdicts"] = [school.to_json() for school in self.schools]
        data["missing_facts"] = self.missing_facts
        return data
