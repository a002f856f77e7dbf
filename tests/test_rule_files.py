"""Rule tests as data: tests/rules/*.yaml, one file per rule file.

Each case is complete, in the manner of OpenFisca's YAML tests: `name`, `profile`, the whole fact
file as `input` (a school, or a county with its schools inline — no hidden base), and the
verdicts expected as `output`, every number computed by hand in a comment beside it. A case may
give `absolute_error_margin` (default 0: numbers must be equal as decimals) and `xfail: reason`
when junheng knowingly disagrees with the spec until that is decided (the reason says where and why).

`output` keys (all optional):
  passed, status                      the top-level verdict
  verdicts: {rule: {field: value}}    the `verdicts` list, matched by `rule` (C2-primary, QC2-junior-Q4, …)
  part_verdicts: {stage: {rule: {…}}}  a spanning school's verdicts of one 学段 (its `stage`)
  school_verdicts: {school: {passed, status, verdicts: {rule: {…}}}}   a county's schools
  government: {score, items: {id: {status, score, …}}}
  cv: {stage: {indicator: value, composite: value}}
  schools: {part name: {stage, students, values: {indicator: value}, included}}   a county's CV rows

Every case runs through `junheng check --json` in-process on the native engine and, where
durable-rules works, on the durable one. test_every_rule_has_cases fails when a rule id of a
shipped profile lacks a passing, a failing and a missing case on a 学段 it applies to.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from generator.cli import main
from generator.criteria.profiles import load_profile, shipped_profiles

from conftest import FAST_LOADER, REPO, write_yaml
from test_engine_backends import BACKENDS

RULES_DIR = Path(__file__).parent / "rules"
STAGES = ("primary", "junior")
# Statuses a case must show for each rule id × 学段. A monitoring indicator has no verdict of its
# own, only a value (its CV), so one case with the value is its coverage.
OUTCOMES = ("pass", "fail", "missing")
# Outcomes no accepted input can produce, each with the reason (so a case cannot be written).
UNREACHABLE = {
    ("P4", "county", "missing"): "P4's school sizes default to the schools' `students`, a required key, "
                                 "and a county must list at least one school",
}


def _load_cases():
    cases = []
    for path in sorted(RULES_DIR.glob("*.yaml")):
        for index, case in enumerate(yaml.load(path.read_text(encoding="utf-8"), Loader=FAST_LOADER) or []):
            cases.append((path.name, index, case))
    return cases


CASES = _load_cases()


def _case_id(item):
    file, index, case = item
    return f"{file}#{index}:{case['name']}"


def _run(tmp_path, case, backend):
    fact_file = write_yaml(tmp_path / "facts.yaml", case["input"])
    result = CliRunner().invoke(main, ["check", str(fact_file), "--json", "--engine", backend,
                                       "--profile", case["profile"]], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    # the JSON is what stdout carries; a notice on stderr (durable-rules wearing out and native deciding in its
    # place, the same verdicts) is not part of it
    return json.loads(result.stdout)


def _same(expected, got, margin, where):
    if isinstance(expected, bool) or expected is None or isinstance(expected, str):
        assert got == expected, f"{where}: expected {expected!r}, got {got!r}"
    elif isinstance(expected, (int, float)):
        assert isinstance(got, (int, float)) and not isinstance(got, bool), f"{where}: expected {expected!r}, got {got!r}"
        difference = abs(Decimal(str(expected)) - Decimal(str(got)))
        assert difference <= Decimal(str(margin)), f"{where}: expected {expected}, got {got} (margin {margin})"
    elif isinstance(expected, list) and where.endswith(".missing"):   # the facts named, in any order
        assert isinstance(got, list) and sorted(got) == sorted(expected), f"{where}: expected {expected!r}, got {got!r}"
    elif isinstance(expected, list):
        assert isinstance(got, list) and len(got) == len(expected), f"{where}: expected {expected!r}, got {got!r}"
        for i, (e, g) in enumerate(zip(expected, got)):
            _same(e, g, margin, f"{where}[{i}]")
    elif isinstance(expected, dict):
        assert isinstance(got, dict), f"{where}: expected a mapping, got {got!r}"
        for key, value in expected.items():
            assert key in got, f"{where}: no {key!r} in {sorted(got)}"
            _same(value, got[key], margin, f"{where}.{key}")
    else:
        raise AssertionError(f"{where}: cannot compare {expected!r}")


def _by(rows, key):
    return {row[key]: row for row in rows}


def compare(case, got):
    margin = case.get("absolute_error_margin", 0)
    output = case["output"]
    for key in ("passed", "status"):
        if key in output:
            _same(output[key], got[key], margin, key)
    if "verdicts" in output:
        _same(output["verdicts"], _by(got["verdicts"], "rule"), margin, "verdicts")
    if "part_verdicts" in output:
        for stage, expected in output["part_verdicts"].items():
            mine = [v for v in got["verdicts"] if v.get("stage") == stage]
            _same(expected, _by(mine, "rule"), margin, f"part_verdicts.{stage}")
    if "school_verdicts" in output:
        schools = _by(got["school_verdicts"], "name")
        for name, expected in output["school_verdicts"].items():
            assert name in schools, f"school_verdicts: no school {name!r}"
            expected = dict(expected)
            verdicts = expected.pop("verdicts", {})
            _same(expected, schools[name], margin, f"school_verdicts.{name}")
            _same(verdicts, _by(schools[name]["verdicts"], "rule"), margin, f"school_verdicts.{name}.verdicts")
    if "government" in output:
        expected = dict(output["government"])
        items = expected.pop("items", {})
        _same(expected, got["government"], margin, "government")
        _same(items, _by(got["government"]["items"], "id"), margin, "government.items")
    if "cv" in output:
        _same(output["cv"], got["cv"], margin, "cv")
    if "schools" in output:     # the per-school (per-part, for a spanning school) indicator values
        _same(output["schools"], _by(got["schools"], "name"), margin, "schools")


def _params():
    params = []
    for item in CASES:
        marks = [pytest.mark.xfail(reason=item[2]["xfail"], strict=True)] if item[2].get("xfail") else []
        params.append(pytest.param(item, marks=marks, id=_case_id(item)))
    return params


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("item", _params())
def test_rule_case(item, backend, tmp_path):
    _, _, case = item
    compare(case, _run(tmp_path, case, backend))


def test_cases_are_complete():
    """Every case names itself, its profile, a whole fact file and what it expects."""
    assert CASES, "no rule case files under tests/rules/"
    names = set()
    for item in CASES:
        file, _, case = item
        assert set(case) <= {"name", "profile", "input", "output", "absolute_error_margin", "xfail"}, _case_id(item)
        assert case["profile"] in shipped_profiles(), _case_id(item)
        assert case["input"]["kind"] in ("school", "county"), _case_id(item)
        assert case["output"], _case_id(item)
        assert (file, case["name"]) not in names, f"two cases named {case['name']!r} in {file}"
        names.add((file, case["name"]))


# ---------------------------------------------------------------------------- coverage


def _rule_key(rule):
    """A rule is known by its id and its whole definition: a profile that inherits a rule
    unchanged shares its cases; one that overrides it needs cases of its own."""
    return rule.id, json.dumps(rule.to_mapping(), sort_keys=True, ensure_ascii=False, default=str)


def _required():
    """(rule key, 学段, outcome) for every rule of every shipped profile."""
    required = {}
    for name in shipped_profiles():
        profile = load_profile(name)
        for rule in profile.basic_rules:
            for stage in rule.stages if "stages" in rule.stated else STAGES:
                for outcome in OUTCOMES:
                    required[(_rule_key(rule), stage, outcome)] = name
        stages = sorted(profile.cv.threshold or STAGES)
        for indicator in profile.monitoring["indicators"]:
            for stage in stages:
                required[(_rule_key(indicator), stage, "cv")] = name
        for item in profile.government["items"]:
            for outcome in OUTCOMES:
                required[(_rule_key(item), "county", outcome)] = name
        for condition in profile.county["conditions"]:
            per_stage = condition.measure in ("composite_cv", "cv_each")
            for stage in (stages if per_stage else ["county"]):
                for outcome in (("pass", "fail") if per_stage else OUTCOMES):
                    required[(_rule_key(condition), stage, outcome)] = name
    return required


def _covered():
    """What the cases show, read from their expected outputs (test_rule_case checks that junheng
    agrees); a case marked xfail covers nothing."""
    covered = set()
    for _, _, case in CASES:
        if case.get("xfail"):
            continue
        profile = load_profile(case["profile"])
        basic = {rule.id: _rule_key(rule) for rule in profile.basic_rules}
        indicators = {ind.id: _rule_key(ind) for ind in profile.monitoring["indicators"]}
        items = {item.id: _rule_key(item) for item in profile.government["items"]}
        conditions = {cond.id: _rule_key(cond) for cond in profile.county["conditions"]}
        output, facts = case["output"], case["input"]

        def school_rules(verdicts, stage):
            for rule_id, expected in verdicts.items():
                if rule_id in basic and "status" in expected:
                    covered.add((basic[rule_id], stage, expected["status"]))

        if facts["kind"] == "school":
            school_rules(output.get("verdicts", {}), facts["stage"])
            continue
        stages = {s["name"]: s["stage"] for s in facts.get("schools", []) if isinstance(s, dict)}
        for school, expected in output.get("school_verdicts", {}).items():
            school_rules(expected.get("verdicts", {}), stages[school])
        for rule_id, expected in output.get("verdicts", {}).items():
            parts = rule_id.split("-")
            if parts[0] in conditions and "status" in expected:
                stage = parts[1] if len(parts) > 1 else "county"
                covered.add((conditions[parts[0]], stage, expected["status"]))
        for item_id, expected in output.get("government", {}).get("items", {}).items():
            if item_id in items and "status" in expected:
                covered.add((items[item_id], "county", expected["status"]))
        for stage, values in output.get("cv", {}).items():
            for indicator_id in values:
                if indicator_id in indicators:
                    covered.add((indicators[indicator_id], stage, "cv"))
    return covered


def test_every_rule_has_cases():
    required, covered = _required(), _covered()
    assert required and covered
    lacking = sorted(f"{profile}: {key[0][0]} {key[1]} {key[2]}"
                     for key, profile in required.items()
                     if key not in covered and (key[0][0], key[1], key[2]) not in UNREACHABLE)
    assert not lacking, f"{len(lacking)} rule id × 学段 × outcome without a case:\n" + "\n".join(lacking)
