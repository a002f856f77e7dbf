"""The durable-rules traps stay contained: states are deleted, rulesets are reused.

These run where the optional durable backend works (CPython ≤ 3.12 with `junheng[durable]`);
CI installs it there, and test_engine_backends.py fails if CI lacks it where it should work.
"""
import pytest

from generator.criteria.engine import durable_problem
from generator.criteria.evaluate import evaluate
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile

from conftest import school, write_yaml

pytestmark = pytest.mark.skipif(durable_problem() is not None,
                                reason=f"durable-rules cannot run here: {durable_problem()}")
if durable_problem() is None:
    from generator.criteria import engine_durable as engine


@pytest.fixture(autouse=True)
def fresh_fallback(monkeypatch):
    """Each test starts with durable trusted: a test that makes it fail must not hand the next to native."""
    from generator.criteria import engine_notice as chooser
    monkeypatch.setattr(engine, "_BROKEN", [])
    monkeypatch.setattr(chooser, "_FALLBACK", {"lang": "zh", "said": False})


def test_more_evaluations_than_live_states_allowed(tmp_path):
    # durable-rules raises MemoryError past 1,024 live states: each evaluation must delete its own.
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school()))
    profile = load_profile("basic-2012")
    for _ in range(1100):
        assert evaluate(facts, profile, "durable").passed is True


def test_one_ruleset_per_profile_content(tmp_path):
    facts = load_facts(write_yaml(tmp_path / "s.yaml", school()))
    evaluate(facts, load_profile("basic-2012"), "durable")
    before = len(engine.RULESETS)
    evaluate(facts, load_profile("basic-2012"), "durable")
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


def test_many_large_batches_stay_decided_in_one_generation(monkeypatch):
    # durable's own dispatcher threads raced post_batch in its C core: error 307 after some 7,000 events
    # in chunks of 1,000, and now and then a segmentation fault. Without them, one generation of the
    # ruleset decides every event of 1,000-event chunks, with no retry and no rotation.
    monkeypatch.setattr(engine, "CHUNK", 1000)
    monkeypatch.setattr(engine, "ROTATE_EVENTS", 10**9)
    ruleset = engine.ruleset_for([(f"L{i}", ">=") for i in range(40)])
    generation = ruleset.generation
    for _ in range(25):
        measurements = [{"key": str(k), "rule": f"L{k % 40}", "value": k % 7, "standard": 3} for k in range(1000)]
        results = ruleset.judge(measurements, fallback=False)
        assert len(results) == 1000
        assert results["3"] == "pass" and results["2"] == "fail"
    assert ruleset.generation == generation


def test_durable_dispatches_nothing_behind_our_back():
    # its host's Timer loops (dispatch_ruleset, dispatch_timers) must not run beside post_batch
    import threading
    import time
    engine.ruleset_for([("T1", ">=")]).judge([{"key": "a", "rule": "T1", "value": 1, "standard": 0}])
    time.sleep(0.3)             # longer than the loops' 0.2 s re-arm
    loops = [thread for thread in threading.enumerate()
             if getattr(getattr(thread, "function", None), "__name__", "").startswith("dispatch_")]
    assert loops == []


def _measurements(count, rule="R1"):
    # value i against standard 100: pass from 100 on
    return [{"key": f"m{i}", "rule": rule, "value": float(i % 200), "standard": 100.0} for i in range(count)]


def _expected(count):
    return {f"m{i}": ("pass" if i % 200 >= 100 else "fail") for i in range(count)}


def test_ruleset_generations_rotate_and_keep_deciding(monkeypatch):
    # A net for any error of the C core: the engine moves to a
    # fresh generation of the ruleset every ROTATE_EVENTS events. Made small here to see it happen.
    monkeypatch.setattr(engine, "ROTATE_EVENTS", 120)
    ruleset = engine.ruleset_for([("R1", ">=")])
    first = ruleset.generation
    assert ruleset.judge(_measurements(500)) == _expected(500)
    assert ruleset.generation >= first + 4          # 500 events in chunks of 50, at most 120 per generation
    assert ruleset.events_in_generation <= 120
    assert ruleset.name.endswith(f"_g{ruleset.generation}")


def test_error_307_is_retried_once_on_a_fresh_generation(monkeypatch):
    ruleset = engine.ruleset_for([("R2", "<=")])
    real_post = engine._post_batch
    failures = []

    def wearing_out(name, events):
        if not failures:
            failures.append(name)
            raise RuntimeError("Could not complete and start action, error code: 307")
        real_post(name, events)

    monkeypatch.setattr(engine, "_post_batch", wearing_out)
    generation = ruleset.generation
    results = ruleset.judge([{"key": "x", "rule": "R2", "value": 3.0, "standard": 8.0},
                             {"key": "y", "rule": "R2", "value": 9.0, "standard": 8.0}])
    assert results == {"x": "pass", "y": "fail"}
    assert failures and ruleset.generation == generation + 1


def test_silently_dropped_events_are_posted_again_on_a_fresh_generation(monkeypatch):
    # What an error of the C core looks like: durable prints the 307 inside its action callback and
    # drops the rest of the batch without raising. Undecided keys must trigger the retry.
    ruleset = engine.ruleset_for([("R4", ">=")])
    real_post = engine._post_batch
    attempts = []

    def dropping(name, events):
        attempts.append(name)
        if len(attempts) == 1:
            real_post(name, events[:1])   # only the first event reaches an action
            return
        real_post(name, events)

    monkeypatch.setattr(engine, "_post_batch", dropping)
    generation = ruleset.generation
    results = ruleset.judge([{"key": "a", "rule": "R4", "value": 5.0, "standard": 4.0},
                             {"key": "b", "rule": "R4", "value": 3.0, "standard": 4.0}])
    assert results == {"a": "pass", "b": "fail"}
    assert len(attempts) == 2 and attempts[0] != attempts[1]
    assert ruleset.generation == generation + 1


def test_a_chunk_undecided_twice_is_never_a_silent_verdict(monkeypatch, fresh_fallback, capsys):
    ruleset = engine.ruleset_for([("R5", ">=")])
    monkeypatch.setattr(engine, "_post_batch", lambda name, events: None)
    with pytest.raises(RuntimeError, match="undecided"):          # the probe's way: no fallback
        ruleset.judge([{"key": "x", "rule": "R5", "value": 1.0, "standard": 0.0}], fallback=False)
    # a run: native decides it, and one line says so
    assert ruleset.judge([{"key": "x", "rule": "R5", "value": 1.0, "standard": 0.0},
                          {"key": "y", "rule": "R5", "value": 0.0, "standard": 1.0}]) == {"x": "pass", "y": "fail"}
    assert ruleset.judge([{"key": "z", "rule": "R5", "value": 1.0, "standard": 1.0}]) == {"z": "pass"}
    err = capsys.readouterr().err
    assert err.count("native") == 1 and "undecided" in err and "Traceback" not in err


def test_other_engine_errors_are_said_not_swallowed(monkeypatch, fresh_fallback, capsys):
    ruleset = engine.ruleset_for([("R3", ">=")])

    def broken(name, events):
        raise RuntimeError("error code: 101")

    monkeypatch.setattr(engine, "_post_batch", broken)
    with pytest.raises(RuntimeError, match="101"):
        ruleset.judge([{"key": "x", "rule": "R3", "value": 1.0, "standard": 0.0}], fallback=False)
    assert ruleset.judge([{"key": "x", "rule": "R3", "value": 1.0, "standard": 0.0}]) == {"x": "pass"}
    assert "error code: 101" in capsys.readouterr().err
