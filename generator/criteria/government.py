"""The government items (县级人民政府推进工作 B1–B23, 优质均衡 P/E/V): the facts they are scored on, each
check measured and put to the engine, each item scored (floored at 0; a missing check scores 0)."""
from __future__ import annotations

from decimal import Decimal

from generator.numbers import ceil_int, exact, for_comparison, plain
from generator.criteria.measures.government import GOVERNMENT_CHECKS
from generator.criteria.verdicts import (Verdict, Batch, source_text)


# ---------------------------------------------------------------- government
def government_facts(county) -> dict:
    """The facts the government items are scored on: the county's, with the schools' subject
    teachers and class sizes put together where the county gives none. Documents and plans
    (generator.render.report_county, generator.render.plan) read the same facts from here."""
    facts = dict(county.government)
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


def evaluate_government(county, profile, batch: Batch) -> dict:
    facts = government_facts(county)
    items = []
    for item in profile.government["items"]:
        checks = []
        for index, check in enumerate(item.checks):
            checks.append(government_check(item, index, check, facts, batch))
        items.append({"id": item.id, "area": item.area, "name": item.name,
                      "points": item.points, "score": None, "status": None, "checks": checks,
                      "source": source_text(item.source, item.provenance), "provenance": item.provenance})
    # the full score as the rules state it, else what the items' points add up to
    total = profile.government.get("total")
    if total is None:
        total = plain(sum((exact(item.points) for item in profile.government["items"]), Decimal(0)))
    return {"score": None, "total": total,
            "pass_score": government_pass_score(profile), "items": items}


def government_pass_score(profile):
    """The pass score of the government items: the threshold of the county condition that
    measures the government score (C3) — stored once, in rules/county.yaml."""
    for cond in profile.county["conditions"]:
        if cond.measure == "government_score":
            return plain(exact(cond.threshold))
    return None


def government_check(item, index, check, facts, batch) -> dict:
    rule_id = f"{item.id}.{index + 1}"
    measure = check.measure
    of = check.of
    names = of if isinstance(of, list) else [of]
    present = all(facts.get(name) is not None for name in names)
    value = None
    unbounded = False
    op = check.op
    standard = exact(check.threshold)
    if present:
        value, unbounded = GOVERNMENT_CHECKS[measure].value(check, facts, names, standard)
    verdict = Verdict(rule=rule_id, name=item.name, value=for_comparison(value) if value is not None else None,
                      standard=standard, op=op, unit=check.unit,
                      status="missing" if value is None else "pending", unbounded=unbounded,
                      # a check without a value is missing its facts — or, when they are all
                      # given (an empty class-size list), the facts it is computed from
                      missing=tuple(n for n in names if facts.get(n) is None) or tuple(names))
    if value is not None:
        batch.add(verdict, engine_rule=rule_id)
    return {"check": rule_id, "of": of, "verdict": verdict, "deduct": check.deduct}


def score_item(item: dict):
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
            deduct = check["deduct"]          # the rule's: "all", or a Deduct
            if deduct == "all":
                lose_all = True
                entry["deducted"] = plain(points)
            elif deduct.per is not None:
                gap = abs(verdict.value - verdict.standard)
                steps = ceil_int(gap / exact(deduct.per))
                amount = exact(deduct.points) * max(steps, 1)
                deducted += amount
                entry["deducted"] = plain(amount)
            else:
                amount = exact(deduct.points)
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

