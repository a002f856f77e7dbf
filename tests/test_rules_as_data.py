"""Run tests/rule_cases.yaml: fact in, verdict out — on every rules backend."""
from pathlib import Path

import pytest
import yaml

from generator.criteria.evaluate import evaluate
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile

from conftest import school, write_yaml
from test_engine_backends import BACKENDS

CASES = yaml.safe_load((Path(__file__).parent / "rule_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_rule_case(case, backend, tmp_path):
    facts = write_yaml(tmp_path / "school.yaml", school(**case.get("school", {})))
    result = evaluate(load_facts(facts), load_profile(case.get("profile", "basic-2012")), backend).to_json()
    assert result["engine"] == backend
    verdicts = {v["rule"]: v for v in result["verdicts"]}
    for rule_id, expected in (case.get("expect") or {}).items():
        got = verdicts[rule_id]
        for key, value in expected.items():
            if isinstance(value, float):
                assert got[key] == pytest.approx(value, abs=1e-9), (rule_id, key, got)
            else:
                assert got[key] == value, (rule_id, key, got)
    if "passed" in case:
        assert result["passed"] is case["passed"], [(v["rule"], v["status"]) for v in result["verdicts"]]
