"""A verdict (value, standard, status, 尚缺, the missing facts) and the batch that has the rules engine
decide every comparison of one evaluation; how statuses combine and a condition is written as JSON."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from generator.criteria.engine import resolve, ruleset_for
from generator.numbers import exact, for_comparison, higher_is_better, lower_is_better, plain, round_half_up

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
    # 优质均衡: share of the standard reached, the pass rule's floor (85 %) and what reaches it
    achieved: Decimal | None = None
    floor: Decimal | None = None
    floor_deficit: Decimal | int | None = None
    # a 差异系数 verdict: its 学段 and indicator ("composite" for the 综合差异系数)
    cv_stage: str | None = None
    cv_indicator: str | None = None
    area: str | None = None      # items_not_met: the area of government items it counts
    open: bool = False           # missing facts could still turn a failing count or score

    def achievement(self) -> Decimal | None:
        """How much of the standard is reached (for "no failed item below 60 %")."""
        if self.value is None or self.standard is None:
            return None
        if lower_is_better(self.op):
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
        if self.achieved is not None:
            data["achievement"] = plain(round_half_up(self.achieved, 4))
        if self.floor_deficit is not None:
            data["deficit_to_floor"] = plain(exact(self.floor_deficit))
            data["floor"] = plain(self.floor)
        return data


class Batch:
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
    pairs = {(rule.id, rule.op) for rule in profile.basic_rules}
    pairs.add(("CV", profile.cv.op))
    for item in profile.government["items"]:
        for index, check in enumerate(item.checks):
            pairs.add((f"{item.id}.{index + 1}", check.op))
    for cond in profile.county["conditions"]:
        pairs.add((cond.id, cond.op))
    return pairs


def _settle_open_case(verdict: Verdict, shadows: list[Verdict], deciding: tuple) -> None:
    statuses = {shadow.status for shadow in shadows}
    if len(statuses) > 1:
        verdict.status, verdict.missing = "missing", deciding
        return
    status = statuses.pop()
    upward = higher_is_better(verdict.op)
    # A pass holds against the strictest candidate; a fail is short by at least the smallest deficit.
    strictest = max if (status == "pass") == upward else min
    chosen = strictest(shadows, key=lambda shadow: shadow.standard)
    verdict.status, verdict.standard = status, chosen.standard
    verdict.deficit, verdict.deficit_unit = chosen.deficit, chosen.deficit_unit


def source_text(source: str, mark: str | None) -> str:
    """A source with its provenance mark (［S］) once: a rule's (rule.source, rule.provenance), a section's."""
    return f"{source}［{mark}］" if mark and f"［{mark}］" not in source else source

def combine_statuses(statuses: list[str]) -> str:
    if not statuses:
        return "n/a"
    if "fail" in statuses:
        return "fail"
    if "missing" in statuses:
        return "missing"
    return "pass"
