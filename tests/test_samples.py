"""Every sample a newcomer is told to run loads, checks, and gives the verdicts its comments promise."""
from pathlib import Path

import pytest

from generator.criteria.evaluate import evaluate
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
FACT_FILES = sorted(p for p in SAMPLES.rglob("*.yaml") if "/schools/" not in p.as_posix())


def _check(path, profile="basic-2012"):
    return evaluate(load_facts(path), load_profile(profile)).to_json()


@pytest.mark.parametrize("path", FACT_FILES, ids=lambda p: str(p.relative_to(SAMPLES)))
def test_every_sample_checks(path, run):
    # samples/audit/ holds submissions for `junheng audit` (one lists no schools, which only audit accepts)
    result = run("audit" if "audit" in path.relative_to(SAMPLES).parts else "check", path)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output


def test_dongshe_figures_from_the_report():
    result = _check(SAMPLES / "dongshe-primary.yaml")
    verdicts = {v["rule"]: v for v in result["verdicts"]}
    # 3616 ㎡ / 981 students = 3.686; the report's own 5.2 ㎡ standard: 5.2 × 981 − 3616 = 1485.2 ㎡ short.
    assert verdicts["K1"]["value"] == pytest.approx(3616 / 981, abs=1e-6)
    assert verdicts["K1"]["status"] == "fail"
    assert verdicts["K1"]["deficit"] == pytest.approx(1485.2)
    assert verdicts["K2"]["status"] == "pass"          # 7800 ㎡ / 981 = 7.95 ≥ 5.2


def test_zuomu_schools_have_no_sports_grounds():
    for name in ("hongguang", "huojiazhuang", "sanjiaohe"):
        verdicts = {v["rule"]: v for v in _check(SAMPLES / "zuomu" / f"{name}.yaml")["verdicts"]}
        assert verdicts["K2"]["status"] == "fail"
        assert verdicts["K1"]["status"] == "pass"      # 14.2 / 17 / 9.55 ㎡ per student


def test_sample_county_passes_three_conditions_and_fails_one():
    result = _check(SAMPLES / "county" / "county.yaml")
    conditions = {c["id"]: c["status"] for c in result["conditions"]}
    assert conditions == {"C1": "fail", "C2": "pass", "C3": "pass", "C4": "pass"}
    assert result["government"]["score"] == 96      # B8 −1, B16 −2, B18 −1
    failing = sorted(s["name"] for s in result["school_verdicts"] if not s["passed"])
    assert failing == sorted(["石门小学", "第二中学", "育英学校", "后山教学点"])
    # 14 schools; the private school and the teaching point stay out of the CV; the 九年一贯制
    # school is listed once per 学段.
    names = [(row["name"], row["stage"]) for row in result["schools"] if row.get("included", True)]
    assert ("红星九年一贯制学校小学部", "primary") in names and ("红星九年一贯制学校初中部", "junior") in names
    assert all(not name.startswith(("育英", "后山")) for name, _ in names)
