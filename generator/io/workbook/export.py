"""`junheng export`: validated facts → a workbook (`facts_workbook`) or a YAML fact file (`facts_yaml`).

A workbook comes back to YAML by reading it (generator.io.workbook.reader, through load_facts) and
writing the validated facts with `facts_yaml`: English keys in schema order, a county's schools inline,
claims' digits as written. Nothing is added or lost either way.
"""
from __future__ import annotations

from generator.io.workbook.fillin import build
from generator.io.workbook.layout import ENTRY_TYPES
from generator.io.yaml_writer import Verbatim, dump
from generator.model import schema


def facts_workbook(subject) -> bytes:
    """A validated fact file (school, county or centre) as a workbook."""
    return build(subject.kind, subject)


def _plain_entry(fields, values: dict) -> dict:
    out = {}
    for fld in fields:
        if fld.key not in values:
            continue
        value = values[fld.key]
        if fld.key == "value" and "written" in values:
            value = Verbatim(value, values["written"])
        elif fld.key == "total" and "total_written" in values:
            value = Verbatim(value, values["total_written"])
        elif fld.key == "line":
            value = int(value)
        out[fld.key] = value
    return out


def _plain(fields, values: dict, school=None) -> dict:
    """Validated facts → the mapping a YAML fact file holds (English keys, schema order)."""
    out = {}
    for fld in fields:
        if fld.key not in values:
            continue
        value = values[fld.key]
        if fld.type in ENTRY_TYPES:
            value = [_plain_entry(ENTRY_TYPES[fld.type], entry) for entry in value]
        elif fld.type == "centre_schools":
            value = [_plain_entry(schema.CENTRE_SCHOOL_FIELDS, entry) for entry in value]
        elif fld.type == "government":
            value = _plain(schema.GOVERNMENT_FIELDS, value)
        elif fld.type == "stage_count" and school is not None and len(school.parts) == 1:
            value = value[school.parts[0]]
        out[fld.key] = value
    return out


def facts_yaml(subject) -> str:
    """A validated fact file as YAML: English keys, a county's schools inline, claims' digits as written."""
    if subject.kind == "school":
        data = _plain(schema.SCHOOL_FIELDS, subject.facts, subject)
    elif subject.kind == "county":
        data = _plain(schema.COUNTY_FIELDS, {**subject.facts, "government": subject.government})
        if not data.get("government"):
            data.pop("government", None)
        data["schools"] = [_plain(schema.SCHOOL_FIELDS, school.facts, school) for school in subject.schools]
    else:
        data = _plain(schema.CENTRE_FIELDS, subject.facts)
    head = f"# junheng export：{subject.name}（键名及单位见 junheng new {subject.kind}）\n"
    return head + dump(data, width=100)
