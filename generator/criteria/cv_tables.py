"""差异系数 tables: per 学段, each indicator's student-weighted CV over the included school parts (criteria
§2.1–2.3), rounded to the rules' places, the composite where the profile has one; and each part's indicator
values (the "schools" rows of `check --json`). Shared by both evaluations."""
from __future__ import annotations

from generator.criteria.indicators import SchoolPart, coefficient_of_variation, is_excluded, school_parts
from generator.criteria.measures import MEASURES
from generator.numbers import exact, plain, ratio, round_half_up


def cv_tables(county, profile):
    """差异系数 per 学段 over the included schools (criteria §2.1–2.3), and the rows: (school name, the row of
    one of its parts) — the name tells the county evaluator whose status the row takes."""
    monitoring = profile.monitoring
    indicators = monitoring["indicators"]
    places = profile.cv.decimals
    by_stage: dict[str, list[SchoolPart]] = {"primary": [], "junior": []}
    rows = []
    # (id, fact, factor, decimals) of each indicator, looked up once: its kind's ratio (生均 or 每百名学生),
    # rounded half-up to the indicator's decimals.
    columns = [(indicator.id, indicator.of, MEASURES[indicator.measure].factor, indicator.decimals)
               for indicator in indicators]
    for school in county.schools:
        excluded = is_excluded(school, monitoring.get("exclude"))
        for part in school_parts(school, monitoring["split"]):
            values = {}
            facts, students = part.facts, part.students
            for indicator_id, of, factor, decimals in columns:
                raw = facts.get(of)
                if raw is None or not students:
                    values[indicator_id] = None
                    continue
                values[indicator_id] = plain(round_half_up(ratio(exact(raw), students, factor), decimals))
            row = {"name": part.name, "stage": part.part, "students": part.students, "values": values,
                   "included": excluded is None}
            if excluded:
                row["excluded"] = excluded
            rows.append((school.name, row))
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
                raw = part.facts.get(indicator.of)
                if raw is None:
                    complete = False
                    break
                entries.append((part.students, raw))
            cv = coefficient_of_variation(entries) if complete else None
            table[indicator.id] = plain(round_half_up(cv, places)) if cv is not None else None
        printed = [exact(v) for k, v in table.items()]
        if not profile.cv.composite:
            pass    # every indicator's CV is judged on its own (优质均衡): no composite
        elif any(v is None for v in printed):
            table["composite"] = None
        else:
            table["composite"] = plain(round_half_up(sum(printed) / len(printed), places))
        table["schools"] = len(parts)
        table["students"] = sum(part.students for part in parts)
        result[stage] = table
    return result, rows
