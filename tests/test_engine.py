"""The durable-rules traps stay contained: states are deleted, rulesets are reused."""
from generator import engine
from generator.evaluate import evaluate
from generator.facts import load_facts
from generator.profiles import load_profile

from conftest import school, write_yaml


def test_more_evaluations_than_live_states_allowed(tmp_path):
    # durable-rules raises MemoryError past 1,024 live states: each evaluation must delete its own.
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school()))
    profile = load_profile("basic-2012")
    for _ in range(1100):
        assert evaluate(facts, profile)["passed"] is True


def test_one_ruleset_per_profile_content(tmp_path):
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school()))
    evaluate(facts, load_profile("basic-2012"))
    before = len(engine.RULESETS)
    evaluate(facts, load_profile("basic-2012"))
    assert len(engine.RULESETS) == before


def test_engine_decides_each_operator():
    ruleset = engine.ruleset_for([("T1", ">="), ("T2", "<="), ("T3", "<"), ("T4", "=="), ("T5", ">")])
    results = ruleset.judge([
        {"key": "a", "rule": "T1", "value": 5.2, "standard": 5.2},
        {"key": "b", "rule": "T2", "value": 8.000001, "standard": 8},
        {"key": "c", "rule": "T3", "value": 0.5, "standard": 0.5},
        {"key": "d", "rule": "T4", "value": 1, "standard": 1},
        {"key": "e", "rule": "T5", "value": 2, "standard": 1},
    ])
    assert results == {"a": "pass", "b": "fail", "c": "fail", "d": "pass", "e": "pass"}


def test_many_large_batches_stay_decided():
    # Large batches in one state fail after ~40,000 events (durable error 307); chunking avoids it.
    ruleset = engine.ruleset_for([(f"L{i}", ">=") for i in range(40)])
    for _ in range(60):
        measurements = [{"key": str(k), "rule": f"L{k % 40}", "value": k % 7, "standard": 3} for k in range(1000)]
        results = ruleset.judge(measurements)
        assert len(results) == 1000
        assert results["3"] == "pass" and results["2"] == "fail"
