"""Shared helpers: write fact files into tmp_path and run the CLI in-process."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]

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
def run():
    runner = CliRunner()

    def invoke(*args):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=True)
    return invoke
