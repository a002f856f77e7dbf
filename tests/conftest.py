"""Shared helpers: write fact files into tmp_path and run the CLI in-process."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, settings

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
# Test data read at collection (rule cases, the corpus): libyaml's loader where PyYAML has it, ten times
# quicker than the pure-Python one; the same data either way for these plain files.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Property tests are bounded by a profile: `default` (every run: a share of each test's examples, chosen
# the same way each time, so a run is quick and repeatable) and `deep` (HYPOTHESIS_PROFILE=deep: every
# example each test asks for, and more, drawn afresh). A test states its examples as examples(N).
_QUIET = [HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large]
settings.register_profile("default", deadline=None, derandomize=True, suppress_health_check=_QUIET,
                          print_blob=True)
settings.register_profile("deep", deadline=None, suppress_health_check=_QUIET, print_blob=True)
HYPOTHESIS_PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "default")
settings.load_profile(HYPOTHESIS_PROFILE)
DEFAULT_SHARE, DEEP_FACTOR = 5, 4


def examples(count: int) -> int:
    """How many examples a property test that asks for `count` runs under the active profile."""
    if HYPOTHESIS_PROFILE == "deep":
        return count * DEEP_FACTOR
    return max(5, count // DEFAULT_SHARE)


def _durable_problem():
    from generator.criteria.engine import durable_problem
    return durable_problem()


DURABLE_PROBLEM = _durable_problem()
needs_durable = pytest.mark.skipif(DURABLE_PROBLEM is not None, reason=f"durable-rules cannot run here: {DURABLE_PROBLEM}")
# Both rules backends; the durable one only where durable-rules works (CPython ≤ 3.12 with junheng[durable]).
ENGINES = ["native", pytest.param("durable", marks=needs_durable)]

# A primary school that meets every basic condition of basic-2012 with some margin.
GOOD_PRIMARY = {
    "kind": "school", "name": "示例小学", "stage": "primary", "ownership": "public", "location": "town",
    "students": 1000, "classes": 20, "teachers": 55, "teachers_above_required_degree": 45,
    "teachers_mid_senior_title": 25, "land_area_m2": 20000, "building_area_m2": 6000,
    "teaching_aux_area_m2": 4000, "sports_area_m2": 6000, "equipment_value_yuan": 1000000,
    "books": 20000, "computers": 150, "multimedia_classrooms": 20, "internet_bandwidth_mbps": 200,
    "labs": {"science": 1}, "courses_complete": True, "network_space_rate": 0.9,
    "qualified_degree_rate": 1.0, "retention_rate": 0.995,
}


def school(**changes):
    data = copy.deepcopy(GOOD_PRIMARY)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def write_yaml(path: Path, data) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture
def renders(monkeypatch):
    """The documents the service renders during a test, in order: "docx" for each .docx, "xlsx" for each ledger."""
    from generator.service import documents
    made = []
    for name, kind in (("document_bytes", "docx"), ("ledger_xlsx", "xlsx")):
        original = getattr(documents, name)

        def counted(*args, _original=original, _kind=kind, **kwargs):
            made.append(_kind)
            return _original(*args, **kwargs)
        monkeypatch.setattr(documents, name, counted)
    return made


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=True)
    return invoke


def pytest_collection_modifyitems(config, items):
    """Under pytest-xdist (`-n`), the slow, browser and PDF tests are handed out first, so that no worker starts
    one of them when the others have already finished; one run alone keeps the files' order."""
    if hasattr(config, "workerinput"):
        items.sort(key=lambda item: not any(item.get_closest_marker(mark) for mark in ("slow", "browser", "pdf")))
