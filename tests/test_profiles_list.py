"""`junheng profiles`: every standard named in Chinese with its 文号 and what it builds on; the same names in the
titles of `check` (no raw id such as "(basic-2012)")."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import REPO
from generator.criteria.profile_names import profile_choices, profile_title


def _shipped_names():
    names = {}
    for path in (REPO / "rules/profiles").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        names[data["id"]] = data["name"]
    return names


def test_every_shipped_standard_is_listed_in_chinese(run):
    result = run("profiles")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    for profile_id, name in _shipped_names().items():
        row = next(line for line in lines if name in line)     # each name in full, on one row
        assert profile_id in row
    basic = next(line for line in lines if "basic-2012" in line)
    assert "教督〔2012〕3号" in basic and "默认" in basic
    guizhou = next(line for line in lines if "guizhou" in line)
    assert "基本均衡 教督〔2012〕3号" in guizhou          # what it inherits, by name
    assert "quality-example-province" in next(line for line in lines if "示例省实施办法" in line)


def test_json_lists_ids_names_numbers_and_bases(run):
    result = run("profiles", "--json")
    data = json.loads(result.output)["profiles"]
    by_id = {p["id"]: p for p in data}
    assert set(by_id) == set(_shipped_names())
    assert by_id["quality-2017"]["document_number"] == "教督〔2017〕6号"
    assert by_id["quality-2017"]["inherits"] is None
    assert by_id["example-a"]["inherits"] == "basic-2012"
    assert by_id["example-a"]["document_number"] == "教督〔2012〕3号"     # inherited
    assert all(p["shipped"] for p in data)


def test_local_standards_given_and_found_in_the_folder(run, tmp_path, monkeypatch):
    own = tmp_path / "本县标准.yaml"
    own.write_text("inherits: basic-2012\nid: 本县\nname: 清河县办学基本标准\ndocument_number: 清教发〔2024〕5号\n"
                   "overrides:\n  K3: {threshold: {primary: 20, junior: 30}}\n", encoding="utf-8")
    (tmp_path / "学校.yaml").write_text("kind: school\nname: 某小学\n", encoding="utf-8")    # not a standard
    elsewhere = tmp_path / "sub"
    elsewhere.mkdir()
    other = elsewhere / "邻县.yml"
    other.write_text("inherits: quality-2017\nname: 邻县优质均衡标准\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("profiles", other)
    assert result.exit_code == 0, result.output
    assert "本县标准（本地文件）" in result.output
    row = next(line for line in result.output.splitlines() if "清河县办学基本标准" in line)
    assert "清教发〔2024〕5号" in row and "基本均衡 教督〔2012〕3号" in row
    row = next(line for line in result.output.splitlines() if "邻县优质均衡标准" in line)
    assert "教督〔2017〕6号" in row and "优质均衡 教督〔2017〕6号" in row
    assert "某小学" not in result.output and "学校.yaml" not in result.output
    data = json.loads(run("profiles", "--json").output)["profiles"]
    assert [p["name"] for p in data if not p["shipped"]] == ["清河县办学基本标准"]


def test_a_broken_local_standard_is_named_and_exits_2(run, tmp_path, monkeypatch):
    (tmp_path / "坏标准.yaml").write_text("inherits: basic-2099\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("profiles")
    assert result.exit_code == 2
    assert "basic-2099" in result.output and "Traceback" not in result.output
    assert "县域义务教育基本均衡发展" in result.output        # the rest is still listed


def test_english_headers(run):
    result = run("profiles", "--lang", "en")
    assert "Shipped standards" in result.output and "builds on" in result.output


def test_profile_title_for_ids_files_and_unknowns(tmp_path):
    assert profile_title("basic-2012") == "基本均衡 教督〔2012〕3号"
    assert profile_title("quality-example-province").startswith("优质均衡 示例省")
    own = tmp_path / "mine.yaml"
    own.write_text("inherits: guizhou\nid: 我县\nname: 我县标准\n", encoding="utf-8")
    assert profile_title(str(own)) == "我县标准"
    assert profile_title("我县") == "我县标准"          # by id, once the run has loaded it
    assert profile_title("no-such-standard") == "no-such-standard"
    assert dict(profile_choices())["quality-2017"] == "优质均衡 教督〔2017〕6号"


@pytest.mark.parametrize("facts, profile", [("samples/dongshe-primary.yaml", None),
                                            ("samples/county/county.yaml", None),
                                            ("samples/county/county.yaml", "example-a"),
                                            ("samples/quality/county.yaml", None)])
def test_titles_name_the_standard_not_its_id(run, facts, profile):
    args = ["check", REPO / facts] + (["--profile", profile] if profile else [])
    result = run(*args)
    assert result.exit_code in (0, 1), result.output
    first = result.output.splitlines()[0]
    assert "（" in first and not any(f"（{pid}）" in first for pid in _shipped_names())
    assert any(profile_title(pid) in first for pid in _shipped_names())
