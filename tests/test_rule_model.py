"""A loaded profile's rules are typed and frozen (generator.criteria.rule_model): one dataclass per kind, read by
attributes only, built once by the profile, every key a rule file may give stated once (the fields)."""
from __future__ import annotations

import ast
import copy
import json
import dataclasses
import pickle
from pathlib import Path

import pytest
import yaml

from generator.criteria import rule_model
from generator.io.yaml_source import read_yaml
from generator.criteria.profiles import load_profile, shipped_profiles
from generator.criteria.rule_model import (RULE_KINDS, RULE_LISTS, Case, CountyCondition, CvLimit, Deduct, FrozenDict,
                                           GovernmentCheck, GovernmentItem, Indicator, PassRule, SchoolRule, as_rule,
                                           thaw)

REPO = Path(__file__).resolve().parent.parent
GENERATOR = REPO / "generator"
# The loader reads a rule file's own mappings (before they are typed): the only place a rule is a mapping.
LOADER = {GENERATOR / "criteria" / name for name in ("rule_model.py", "profiles.py", "profile_check.py")}
# The names a rule of a profile travels under in generator/ (a result's item or check is a dict: not here).
RULE_NAMES = {"rule", "indicator", "ind", "cond", "condition", "case", "pass_rule", "cv_rule"}


def _rules(profile):
    for section, listed in RULE_LISTS.items():
        yield from ((section, rule) for rule in getattr(profile, section)[listed])


@pytest.mark.parametrize("name", shipped_profiles())
def test_every_rule_of_a_shipped_profile_is_its_kind_frozen_and_has_no_mapping_reads(name):
    profile = load_profile(name)
    seen = set()
    for section, rule in _rules(profile):
        assert type(rule) is RULE_KINDS[section], (section, rule)
        seen.add(type(rule))
        with pytest.raises(TypeError):
            rule["id"]                                  # noqa: B018 — a mapping read fails at once
        assert not hasattr(rule, "get") and not hasattr(rule, "keys")
        with pytest.raises(dataclasses.FrozenInstanceError):
            rule.name = "changed"
        assert as_rule(rule) is rule
    assert seen == {SchoolRule, Indicator, GovernmentItem, CountyCondition}
    assert type(profile.cv) is CvLimit and profile.cv is profile.monitoring["cv"]
    assert type(profile.pass_rule) is PassRule and profile.pass_rule.min_met is not None
    for item in profile.government["items"]:
        assert item.checks and all(type(check) is GovernmentCheck for check in item.checks)
        assert all(check.deduct == "all" or type(check.deduct) is Deduct for check in item.checks)


def test_threshold_cases_are_typed_and_decide_as_before():
    guizhou = load_profile("guizhou")
    cases = [cell for rule in guizhou.basic_rules if isinstance(rule.threshold, dict)
             for cell in rule.threshold.values() if isinstance(cell, list)]
    assert cases, "guizhou states thresholds by case"
    for cell in cases:
        assert all(type(case) is Case for case in cell)
        assert all(case.value is not None for case in cell)
        assert any(case.location is not None or case.classes_max is not None for case in cell)


@pytest.mark.parametrize("name", shipped_profiles())
def test_to_mapping_is_the_rule_file_and_builds_the_same_rule(name):
    """`junheng rules --json`, inheritance and a test's copy see a rule as its file states it: the same keys in the
    same order; built again from that mapping it is the same rule."""
    profile = load_profile(name)
    files = {}
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        data = read_yaml(path)                       # as the loader reads it
        for listed in RULE_LISTS.values():
            entries = data.get(listed) if isinstance(data, dict) else None
            for entry in entries if isinstance(entries, list) else []:
                files.setdefault(entry["id"], []).append(entry)
    for section, rule in _rules(profile):
        mapping = rule.to_mapping()
        assert type(rule).from_mapping(mapping) == rule
        assert list(mapping) == list(rule.stated)
        if profile.inherits == "" and name in ("basic-2012", "quality-2017"):
            # the same keys in the same order, the same values (a date as its file writes it)
            shown = json.dumps(mapping, ensure_ascii=False, default=str)
            assert shown in [json.dumps(entry, ensure_ascii=False, default=str) for entry in files[rule.id]], rule.id


def test_a_copy_is_an_editable_mapping_and_a_profile_types_what_it_is_given():
    shipped = load_profile("basic-2012")
    county = copy.deepcopy(shipped.county)
    assert type(county) is dict and type(county["conditions"][0]) is dict
    county["conditions"][0]["id"] = "T1"
    renamed = dataclasses.replace(shipped, county=county)
    assert type(renamed.county) is FrozenDict
    assert [type(c) for c in renamed.county["conditions"]] == [CountyCondition] * 4
    assert renamed.county["conditions"][0].id == "T1" and shipped.county["conditions"][0].id == "C1"
    assert thaw(shipped.basic_rules[0]) == shipped.basic_rules[0].to_mapping()


def test_a_rule_pickles_for_the_worker_processes():
    for section, rule in _rules(load_profile("guizhou")):
        again = pickle.loads(pickle.dumps(rule))
        assert again == rule and type(again) is type(rule) and again.stated == rule.stated


def test_a_rule_made_on_the_spot_goes_through_as_rule():
    made = as_rule({"id": None, "name": "图书", "measure": "per_student", "of": "books", "op": ">="})
    assert type(made) is SchoolRule and made.of == "books" and made.unit == "" and made.stages == ()
    assert as_rule({"id": "C9"}, CountyCondition).of is None
    with pytest.raises(ValueError, match="threshhold"):
        as_rule({"id": "K1", "threshhold": 5})


def test_the_loader_refuses_a_key_no_rule_of_its_kind_has(run, tmp_path):
    """A key of no field would be dropped unread: a county's `threshhold:` leaving the shipped standard in force."""
    mine = tmp_path / "本县.yaml"
    mine.write_text(yaml.safe_dump({"inherits": "basic-2012", "id": "本县", "name": "本县标准",
                                    "overrides": {"K3": {"threshhold": {"primary": 20, "junior": 30},
                                                         "name": "生均图书"}}}, allow_unicode=True),
                    encoding="utf-8")
    result = run("rules", "--profile", mine)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "overrides.K3.threshhold" in result.output and "threshold" in result.output
    rules_file = tmp_path / "rules.yaml"
    shipped = yaml.safe_load((REPO / "rules" / "basic_conditions" / "default.yaml").read_text(encoding="utf-8"))
    shipped["rules"][2]["threshold"] = [{"value": 15, "locaton": "urban"}, {"value": 12}]
    rules_file.write_text(yaml.safe_dump(shipped, allow_unicode=True), encoding="utf-8")
    bad = tmp_path / "坏.yaml"
    bad.write_text(yaml.safe_dump({"inherits": "basic-2012", "id": "坏", "basic_conditions": "rules.yaml"},
                                  allow_unicode=True), encoding="utf-8")
    result = run("rules", "--profile", bad, "--lang", "en")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "rules[2].threshold[0].locaton" in result.output and "did you mean 'location'" in result.output


def test_each_kind_states_its_keys_once():
    """The loader's check reads the keys from the dataclasses: a field is a key a file may give, and back."""
    for kind in (SchoolRule, Indicator, CountyCondition, GovernmentItem, GovernmentCheck, Deduct, Case, CvLimit,
                 PassRule):
        assert kind.allowed_keys() == tuple(f.name for f in dataclasses.fields(kind) if f.name != "stated")
    assert "check_keys" in (GENERATOR / "criteria" / "profile_check.py").read_text(encoding="utf-8")


def _mapping_reads(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        target = None
        if isinstance(node, ast.Subscript):
            target = node.value
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get":
            target = node.func.value
        if isinstance(target, ast.Name) and target.id in RULE_NAMES:
            found.append(f"{path.relative_to(REPO)}:{node.lineno} {target.id}")
    return found


def test_no_rule_is_read_as_a_mapping_in_generator():
    """Outside the loader, a rule is read by its attributes (`rule.of`), never `rule["of"]` or `rule.get("of")`."""
    found = [hit for path in sorted(GENERATOR.rglob("*.py")) if path not in LOADER for hit in _mapping_reads(path)]
    assert not found, found
    # the test finds what it looks for
    sample = REPO / "tests" / "test_rule_model.py"
    assert _mapping_reads(sample), "the scan must see this file's own `rule[\"id\"]`"


def test_rule_model_imports_nothing_of_the_package():
    tree = ast.parse(Path(rule_model.__file__).read_text(encoding="utf-8"))
    imported = [node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert all(not (module or "").startswith("generator") for module in imported), imported


def test_the_cv_limit_and_the_pass_rule_are_typed_with_what_leaving_a_key_out_means():
    basic, quality = load_profile("basic-2012"), load_profile("quality-2017")
    assert basic.cv.composite is True and "composite" not in basic.cv.stated      # the mean of the CVs
    assert quality.cv.composite is False and quality.cv.threshold == {"primary": 0.5, "junior": 0.45}
    assert basic.pass_rule.min_met == "all" and basic.pass_rule.failed_floor is None
    assert (quality.pass_rule.min_met, quality.pass_rule.failed_floor) == (6, 0.85)
    with pytest.raises(TypeError):
        quality.pass_rule["min_met"]                    # noqa: B018


def test_an_override_of_the_pass_rule_or_the_cv_names_only_their_keys(run, tmp_path):
    mine = tmp_path / "本县.yaml"
    mine.write_text("inherits: quality-2017\nid: 本县\noverrides:\n  pass_rule: {min_mett: 5}\n", encoding="utf-8")
    result = run("rules", "--profile", mine, "--lang", "en")
    assert result.exit_code == 2 and "overrides.pass_rule.min_mett" in result.output and "min_met" in result.output
    mine.write_text("inherits: basic-2012\nid: 本县\noverrides:\n  cv: {decimal: 4}\n", encoding="utf-8")
    result = run("rules", "--profile", mine, "--lang", "en")
    assert result.exit_code == 2 and "overrides.cv.decimal" in result.output and "decimals" in result.output
    mine.write_text("inherits: quality-2017\nid: 本县\noverrides:\n  pass_rule: {min_met: 5}\n", encoding="utf-8")
    assert run("rules", "--profile", mine).exit_code == 0
    assert load_profile(str(mine)).pass_rule.min_met == 5
