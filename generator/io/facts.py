"""Fact files → validated facts.

Reads a school, county or centre YAML file (contract.md), accepts English keys and their
Chinese labels, parses "13,125" and "85%", checks every value against generator.model.schema,
and reports every problem with file, line and key (InputErrors). Nothing downstream sees
an unchecked value.
"""
from __future__ import annotations

from pathlib import Path

from generator.errors import InputError, InputErrors
from generator.io.yaml_source import read_source
from generator.model.checker import Checker
from generator.model.subjects import Centre, County, School


def load_facts(path, allow_empty_county: bool = False, as_stated: bool = False) -> School | County | Centre:
    """Load and validate a fact file of any kind. Raises InputErrors listing every problem.

    `allow_empty_county`: the audit accepts a county file that lists no schools (only
    county-level figures to check); `check` does not. `as_stated`: the audit reads facts as a
    report states them, so a 0 in students or classes is its finding (Checker), not a refusal.
    """
    path = Path(path)
    try:
        data = read_source(path)
    except InputError as err:
        raise InputErrors([err]) from None
    checker = Checker(path, read_source, allow_empty_county, as_stated)
    result = checker.top(data)
    if checker.errors:
        raise InputErrors(checker.errors)
    return result

