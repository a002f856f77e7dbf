"""An inspector's audit: the claims of a submission against values recomputed from its facts.

`audit_facts(subject, profile)` takes facts already loaded (generator.model.facts.load_facts, or
the prose extractor) and returns an AuditResult: one Row per claim, per breakdown and per
relation of the facts that must hold, each saying in words what was compared and how it
was computed. It is pure: nothing is printed or written here.

The tolerance rule (contract.md, "Claims"): a stated number agrees with the recomputed one
when they differ by less than one unit in the last digit the report wrote — so 9.6 agrees
with 9.642 (rounded) and with 9.68 (truncated), 812 with 812.6, but 4.71 not with 5.032.
Words such as 约 change nothing. Everything is Decimal; the recomputed value is kept exact
(not rounded to the comparison places) so that a claim written with many digits is not
flagged for our own rounding.
"""
from __future__ import annotations

from generator.audit.breakdowns import audit_breakdown
from generator.audit.claims import Errors, audit_claim
from generator.audit.county_view import CountyView
from generator.audit.relations import county_relations, school_relations
from generator.audit.result import AuditResult, Row
from generator.audit.school_view import SchoolView
from generator.errors import InputError, InputErrors


def audit_facts(subject, profile, engine: str = "auto") -> AuditResult:
    """Audit a loaded school or county (facts.School / facts.County) against a profile.

    Raises InputErrors when a claim or breakdown cannot be understood (unknown field,
    unreadable value): the whole audit is refused rather than half reported.
    """
    from generator.criteria.evaluate import evaluate_county, evaluate_school

    errors = Errors()
    rows: list[Row] = []
    if subject.kind == "school":
        result = evaluate_school(subject, profile, engine)
        view = SchoolView(subject, profile, result.school)
        rows += _audit_school(view, errors, in_county=False)
    elif subject.kind == "county":
        result = evaluate_county(subject, profile, engine)
        county_view = CountyView(subject, profile, result)
        rows += _audit_entries(county_view, errors, subject.get("claims") or [], subject.get("breakdowns") or [],
                               subject.file, None)
        rows += county_relations(county_view)
        for index, entry in enumerate(result.schools):
            if entry.excluded:
                continue        # left out by the profile (优质均衡: 教学点, 民办 …): no verdicts to audit against
            # an inline school's claims are in the county file, under schools[i]
            prefix = f"schools[{index}]." if entry.school.file == subject.file else ""
            rows += _audit_school(SchoolView(entry.school, profile, entry), errors, in_county=True,
                                  prefix=prefix)
    else:
        raise InputErrors([InputError(subject.file, None, "kind", "wrong_kind", expected="school | county",
                                      got=subject.kind)])
    if errors.errors:
        raise InputErrors(errors.errors)
    return AuditResult(subject={"kind": subject.kind, "name": subject.name}, profile=profile.id, rows=rows)


def _audit_school(view, errors, in_county: bool, prefix: str = "") -> list[Row]:
    school = view.school
    rows = _audit_entries(view, errors, school.get("claims") or [], school.get("breakdowns") or [],
                          school.file, school.name if in_county else None, prefix)
    for row in school_relations(school):
        row.school = school.name if in_county else None
        row.file = school.file
        row.line = row.line or school.lines.get(row.of)
        rows.append(row)
    return rows


def _audit_entries(view, errors, claims, breakdowns, file, school_name, prefix="") -> list[Row]:
    """Every claim and breakdown of one file (or of one inline school, `prefix` schools[i].)."""
    rows = []
    for index, claim in enumerate(claims):
        before = len(errors.errors)
        row = audit_claim(view, claim, errors, file, f"{prefix}claims[{index}]")
        if row is not None and len(errors.errors) == before:
            row.school, row.file = school_name, file
            row.line, row.text, row.where = claim.get("line"), claim.get("text"), claim.get("where")
            rows.append(row)
    for index, breakdown in enumerate(breakdowns):
        for row in audit_breakdown(view, breakdown, errors, file, f"{prefix}breakdowns[{index}]"):
            row.school, row.file = school_name, file
            row.line, row.text, row.where = breakdown.get("line"), breakdown.get("text"), breakdown.get("where")
            rows.append(row)
    return rows
