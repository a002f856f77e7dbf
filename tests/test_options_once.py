"""Shared options are resolved in one place: an explicit option beats the fact file, the file
beats the default; a standard's number is stored once (issue: one-way core, two bugs)."""
import json

import yaml

from conftest import REPO, school, write_yaml


def _county(tmp_path, **extra):
    data = {"kind": "county", "name": "某县", "satisfaction_rate": 0.9, "schools": [school(name="甲")], **extra}
    return write_yaml(tmp_path / "county.yaml", data)


def test_explicit_default_profile_beats_the_file(run, tmp_path):
    county = _county(tmp_path, profile="guizhou")
    assert json.loads(run("check", county, "--json").stdout)["profile"] == "guizhou"
    explicit = run("check", county, "--json", "--profile", "basic-2012")
    assert json.loads(explicit.stdout)["profile"] == "basic-2012"
    table = run("check", county, "--profile", "basic-2012")
    assert "guizhou" not in table.stdout


def test_no_option_and_no_file_profile_is_basic_2012(run, tmp_path):
    assert json.loads(run("check", _county(tmp_path), "--json").stdout)["profile"] == "basic-2012"


def test_pass_score_override_is_used_everywhere(run, tmp_path):
    profile = tmp_path / "本县.yaml"
    profile.write_text(yaml.safe_dump({"inherits": "basic-2012", "id": "本县", "overrides": {"C3": {"threshold": 80}}},
                                      allow_unicode=True), encoding="utf-8")
    result = json.loads(run("check", _county(tmp_path), "--json", "--profile", profile).stdout)
    assert result["government"]["pass_score"] == 80
    c3 = next(c for c in result["conditions"] if c["id"] == "C3")
    assert c3["standard"] == 80
    rules = json.loads(run("rules", "--json", "--profile", profile).stdout)["rules"]
    c3_rule = next(r for r in rules if r["id"] == "C3")
    assert c3_rule["threshold"] == 80
    shown = run("rules", "--profile", profile).stdout
    row = next(line for line in shown.splitlines() if "C3" in line).split("│")
    assert "80" in row[3] and "85" not in row[3]          # the 标准 cell (the source column may cite 85分)


def test_wordings_carry_no_numbers():
    # A standard's number lives in its threshold; wording is words only, so an override cannot contradict it.
    # Ratio texts (8:1) are rendered from the threshold by the students_per measure, so no exception.
    for path in sorted((REPO / "rules").rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key == "wording" and isinstance(value, str):
                        assert not any(ch.isdigit() for ch in value), (path.name, value)
                    walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)
        walk(data)


def test_every_rule_file_carries_a_reference_and_its_effective_date():
    # As OpenFisca parameters do: where the number comes from (title, 文号 or address) and since when.
    import datetime
    files = [p for p in sorted((REPO / "rules").rglob("*.yaml"))
             if p.parent.name != "profiles" and p.name not in ("costs.yaml", "measures.yaml")]
    assert len(files) >= 10
    for path in files:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert str(data.get("reference") or "").strip(), path.name
        assert isinstance(data.get("effective"), datetime.date), (path.name, data.get("effective"))


def test_ratio_words_follow_an_overridden_threshold(run, tmp_path):
    # 生机比 has no wording of its own: 981 students and 110 computers is 8.9:1; against an override of 5
    # the sentence says 5:1 (⌈981 ÷ 5⌉ = 197 computers, 87 short) and nowhere the default's 8:1.
    profile = tmp_path / "本县.yaml"
    profile.write_text(yaml.safe_dump({"inherits": "basic-2012", "id": "本县", "overrides": {"K4": {"threshold": 5}}},
                                      allow_unicode=True), encoding="utf-8")
    shown = run("check", REPO / "samples" / "dongshe-primary.yaml", "--profile", profile).stdout
    assert "生机比为8.9:1（计算机台数110台，在校生981人），未达到不高于5:1的要求，尚缺计算机87台。" in shown
    assert "8:1" not in shown
