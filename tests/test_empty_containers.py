"""One rule for empty containers: a table or series written {} or [] is absent, exactly as if the key were
left out — `missing`, named, never full marks (README "Fact files"). Checked for every container-valued
field of the schema, on a school and on a county's government block."""
from __future__ import annotations

import copy
import json

import pytest
import yaml

from conftest import REPO, school, write_yaml
from generator.model import schema

CONTAINER_TYPES = {"count_list", "str_list", "stage_count", "number_map", "text_map", "labs", "subjects", "series",
                   "claims", "breakdowns"}
SCHOOL_CONTAINERS = [f.key for f in schema.SCHOOL_FIELDS if f.type in CONTAINER_TYPES and not f.required]
GOVERNMENT_CONTAINERS = [f.key for f in schema.GOVERNMENT_FIELDS if f.type in CONTAINER_TYPES]


def _check(run, path):
    result = run("check", path, "--json", "--engine", "native")
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    return data


def test_the_lists_cover_the_facts_that_were_scored_full():
    assert {"labs", "class_sizes", "subject_teachers", "teachers"} <= set(SCHOOL_CONTAINERS)
    assert {"funding_growth", "subject_teachers", "class_sizes"} <= set(GOVERNMENT_CONTAINERS)


@pytest.mark.parametrize("key", SCHOOL_CONTAINERS)
@pytest.mark.parametrize("empty", [{}, []], ids=["mapping", "list"])
def test_an_empty_school_table_is_the_key_left_out(key, empty, tmp_path, run):
    left_out = _check(run, write_yaml(tmp_path / "out.yaml", school(**{key: None})))
    written = _check(run, write_yaml(tmp_path / "empty.yaml", {**school(**{key: None}), key: empty}))
    assert written == left_out


@pytest.mark.parametrize("key", GOVERNMENT_CONTAINERS)
@pytest.mark.parametrize("empty", [{}, []], ids=["mapping", "list"])
def test_an_empty_government_table_is_the_key_left_out(key, empty, tmp_path, run):
    county = yaml.safe_load((REPO / "samples" / "county" / "county.yaml").read_text(encoding="utf-8"))
    county["schools"] = [str(REPO / "samples" / "county" / s) for s in county["schools"] if isinstance(s, str)]
    full = _check(run, write_yaml(tmp_path / "full.yaml", county))
    without = copy.deepcopy(county)
    without["government"].pop(key, None)
    left_out = _check(run, write_yaml(tmp_path / "out.yaml", without))
    without["government"][key] = empty
    written = _check(run, write_yaml(tmp_path / "empty.yaml", without))
    assert written == left_out
    items = {item["id"]: item for item in written["government"]["items"]}
    touched = [i for i in items.values() if key in (i.get("missing") or [])]
    if key in ("funding_growth", "subject_teachers", "class_sizes"):
        # the sample's schools give none of these: the item is missing, named, and scores 0
        assert touched and all(i["status"] == "missing" and i["score"] == 0 for i in touched)
        assert written["government"]["score"] < full["government"]["score"]


def test_one_empty_growth_series_makes_the_growth_missing(tmp_path, run):
    county = yaml.safe_load((REPO / "samples" / "county" / "county.yaml").read_text(encoding="utf-8"))
    county["schools"] = [str(REPO / "samples" / "county" / s) for s in county["schools"] if isinstance(s, str)]
    county["government"]["funding_growth"] = {"财政教育拨款": [], "生均公用经费": ["1%", "2%", "3%"]}
    data = _check(run, write_yaml(tmp_path / "c.yaml", county))
    b8 = next(i for i in data["government"]["items"] if i["id"] == "B8")
    assert (b8["status"], b8["score"], b8["missing"]) == ("missing", 0, ["funding_growth"])


def test_an_empty_required_count_is_refused_as_missing(tmp_path, run):
    result = run("check", write_yaml(tmp_path / "s.yaml", {**school(), "students": {}}))
    assert result.exit_code == 2 and "students" in result.stderr and "在校生数" in result.stderr
