"""The command line: JSON shapes of the contract, rules, new, profiles, exit codes."""
import json
import os
import subprocess
import sys

import pytest
import yaml

from conftest import school, write_yaml
from test_government import FULL_MARKS

VERDICT_KEYS = {"rule", "name", "value", "standard", "op", "unit", "status", "deficit", "deficit_unit", "source"}


def test_school_json_shape(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(books=10800))
    result = run("check", path, "--json")
    assert result.exit_code == 1                      # K3 falls short
    data = json.loads(result.stdout)
    assert data["subject"] == {"kind": "school", "name": "示例小学"}
    assert data["profile"] == "basic-2012" and data["passed"] is False
    assert [v["rule"] for v in data["verdicts"]] == [f"K{i}" for i in range(1, 11)]
    for verdict in data["verdicts"]:
        assert VERDICT_KEYS <= set(verdict)
        assert verdict["status"] in ("pass", "fail", "missing", "n/a")
        assert verdict["op"] in (">=", "<=", "<", ">", "==")
    k3 = data["verdicts"][2]
    assert (k3["name"], k3["value"], k3["standard"], k3["unit"], k3["deficit"], k3["deficit_unit"]) == \
        ("生均图书册数", 10.8, 15, "册/生", 4200, "册")


def test_passing_school_exits_0(tmp_path, run):
    assert run("check", write_yaml(tmp_path / "s.yaml", school())).exit_code == 0


def test_county_json_shape(tmp_path, run):
    (tmp_path / "schools").mkdir()
    write_yaml(tmp_path / "schools" / "a.yaml", school(name="甲"))
    county = {"kind": "county", "name": "某县", "satisfaction_rate": "90%", "government": FULL_MARKS,
              "schools": ["schools/a.yaml", school(name="乙", stage="junior", books=30000, building_area_m2=7000,
                                                   sports_area_m2=6000, labs={"physics": 1, "chemistry": 1,
                                                                              "biology": 1},
                                                   qualified_degree_rate=0.98)]}
    result = run("check", write_yaml(tmp_path / "county.yaml", county), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["subject"] == {"kind": "county", "name": "某县"} and data["passed"] is True
    assert set(data["cv"]) == {"primary", "junior"}
    assert {f"M{i}" for i in range(1, 9)} | {"composite"} <= set(data["cv"]["primary"])
    assert data["government"]["score"] == 100 and len(data["government"]["items"]) == 23
    assert [c["id"] for c in data["conditions"]] == ["C1", "C2", "C3", "C4"]
    assert [s["name"] for s in data["schools"]] == ["甲", "乙"]
    for row in data["schools"]:
        assert {"name", "stage", "students", "values", "passed"} <= set(row)
        assert set(row["values"]) == {f"M{i}" for i in range(1, 9)}
    for verdict in data["verdicts"]:
        assert VERDICT_KEYS <= set(verdict)


def test_county_table_on_terminal(tmp_path, run):
    county = {"kind": "county", "name": "某县", "satisfaction_rate": 0.8, "government": FULL_MARKS,
              "schools": [school(name="甲"), school(name="乙", books=100)]}
    result = run("check", write_yaml(tmp_path / "county.yaml", county))
    assert result.exit_code == 1
    for words in ("差异系数", "县级人民政府推进工作：100 / 100 分", "甲", "乙", "K3", "未达标", "C4", "公众满意度"):
        assert words in result.stdout, words


def test_rules_json_lists_every_rule_with_source(run):
    result = run("rules", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    ids = [rule["id"] for rule in data["rules"]]
    for rule_id in [f"K{i}" for i in range(1, 11)] + [f"M{i}" for i in range(1, 9)] + \
            [f"B{i}" for i in range(1, 24)] + ["C1", "C2", "C3", "C4", "CV"]:
        assert rule_id in ids
    assert all(rule["source"] for rule in data["rules"])
    assert all(rule["provenance"] in ("C", "S", "A") for rule in data["rules"])


def _table_rows(output: str) -> dict[str, list[str]]:
    """The rows of a rich table by their first cell, wrapped cell lines joined again (without the
    spaces, which a wrap may have eaten)."""
    rows, last = {}, None
    for line in output.splitlines():
        if not line.startswith("│"):
            continue
        cells = ["".join(cell.split()) for cell in line.strip("│").split("│")]
        if cells[0]:
            last = rows[cells[0]] = cells
        elif last is not None:
            last[:] = [(a + b) if b else a for a, b in zip(last, cells)]
    return rows


@pytest.mark.parametrize(("profile", "title", "books_rule", "books_standard"), [
    # the book standards as rules/basic_conditions/*.yaml hold them (册 per student)
    ("basic-2012", "县域义务教育基本均衡发展（教督〔2012〕3号）（basic-2012）", "K3", "小学≥15；初中≥25"),
    ("example-a", "基本均衡（示例A省办学基本标准）（example-a）", "A5", "小学≥25；初中≥40"),
    ("guizhou", "基本均衡（贵州式办学基本标准）（guizhou）", "G5", "小学≥20；初中≥30"),
])
def test_rules_table_for_each_shipped_profile(run, profile, title, books_rule, books_standard):
    result = run("rules", "--profile", profile)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == title
    rows = _table_rows(result.output)
    assert rows[books_rule][1:4] == ["生均图书册数", books_standard, "册/生"]
    assert rows["M5"][1:4] == ["生均图书册数", "差异系数", "册/生"]


def test_new_writes_a_blank_file_that_loads(tmp_path, run):
    for kind in ("school", "county", "centre"):
        out = tmp_path / f"{kind}.yaml"
        assert run("new", kind, "-o", out).exit_code == 0
        text = out.read_text(encoding="utf-8")
        assert "# " in text and f"kind: {kind}" in text
        yaml.safe_load(text)
    # A blank school checks with every fact missing, never a silent pass.
    result = run("check", tmp_path / "school.yaml", "--json")
    assert result.exit_code == 1
    verdicts = json.loads(result.stdout)["verdicts"]
    assert verdicts and {v["status"] for v in verdicts} == {"missing"}
    text = (tmp_path / "school.yaml").read_text(encoding="utf-8")
    assert "在校生数" in text and "单位：㎡" in text


def test_new_refuses_to_overwrite_without_force(tmp_path, run):
    out = tmp_path / "s.yaml"
    out.write_text("mine", encoding="utf-8")
    result = run("new", "school", "-o", out)
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "mine"
    assert run("new", "school", "-o", out, "--force").exit_code == 0


def test_own_profile_inherits_and_overrides(tmp_path, run):
    profile = tmp_path / "mine.yaml"
    profile.write_text("inherits: basic-2012\nid: 本县\noverrides:\n  K3: {threshold: {primary: 25}}\n"
                       "  pass_rule: {min_met: 9}\n", encoding="utf-8")
    path = write_yaml(tmp_path / "s.yaml", school(books=20000))
    data = json.loads(run("check", path, "--json", "--profile", profile).stdout)
    k3 = next(v for v in data["verdicts"] if v["rule"] == "K3")
    assert k3["standard"] == 25 and k3["status"] == "fail" and "本县标准覆盖" in k3["source"]
    assert data["passed"] is True                      # 9 of 10 is enough here
    default = json.loads(run("check", path, "--json").stdout)
    assert next(v for v in default["verdicts"] if v["rule"] == "K3")["status"] == "pass"


def test_bad_profile_exits_2(tmp_path, run):
    profile = tmp_path / "bad.yaml"
    profile.write_text("inherits: basic-2012\noverrides:\n  K33: {threshold: 3}\n", encoding="utf-8")
    result = run("check", write_yaml(tmp_path / "s.yaml", school()), "--profile", profile)
    assert result.exit_code == 2 and "K33" in result.stderr and "K3" in result.stderr
    result = run("check", write_yaml(tmp_path / "t.yaml", school()), "--profile", "nowhere")
    assert result.exit_code == 2 and "basic-2012" in result.stderr


def test_centre_check(tmp_path, run):
    path = write_yaml(tmp_path / "c.yaml", {"kind": "centre", "name": "某镇中心学校", "date": "2013-09-23",
                                           "schools": [{"name": "甲完小", "banner_sites": ["学校门口"]}]})
    result = run("check", path)
    assert result.exit_code == 0 and "学校门口" in result.stdout


def test_help_teaches_with_examples(run):
    result = run("--help")
    assert result.exit_code == 0 and "junheng check samples/" in result.stdout
    assert "例" in run("check", "--help").stdout


def test_outputs_get_an_ordinary_files_mode_not_the_temp_files_0600(tmp_path, run):
    # The atomic write goes through mkstemp (0600); the finished file must be readable by the
    # colleagues it is written for, as any file this user creates (0666 less the umask).
    import os
    out = tmp_path / "s.yaml"
    mask = os.umask(0o022)
    try:
        assert run("new", "school", "-o", out).exit_code == 0
    finally:
        os.umask(mask)
    assert out.stat().st_mode & 0o777 == 0o644


@pytest.mark.parametrize("args", [("rules", "--json"), ("rules",)])
def test_a_reader_that_leaves_ends_the_run_quietly(args):
    # `junheng rules --json | head -1`: the pipe closes before junheng has written; exit 1, not a word on stderr
    # (no traceback, no "Exception ignored", no deprecation of the click helper that once did this), for
    # click.echo's output and rich's tables alike
    from conftest import REPO
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    process = subprocess.Popen([sys.executable, "-W", "error::DeprecationWarning", "-m", "generator", *args],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.close()
    said = process.stderr.read().decode("utf-8")
    assert (process.wait(timeout=60), said) == (1, "")
