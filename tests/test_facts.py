"""Fact files: aliases, number forms, spanning schools, and every class of bad input."""
import pytest

from generator.io.facts import load_facts
from generator.model.values import parse_number, parse_rate
from generator.errors import InputErrors

from conftest import school, write_yaml


def test_chinese_labels_and_number_forms(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text("""kind: school
name: 东社小学
学校类型: 小学
城乡类别: 乡村
学生数: 981
教学班数: 20
专任教师数: 53
占地面积: "13,125"
校舍建筑面积: "3,616 ㎡"
教师网络学习空间开通应用率: "85%"
图书册数: "１４，０００"
""", encoding="utf-8")
    facts = load_facts(path)
    assert facts.stage == "primary"
    assert facts.get("location") == "rural"
    assert facts.get("students") == {"primary": 981}
    assert facts.get("land_area_m2") == 13125
    assert facts.get("building_area_m2") == 3616
    assert facts.get("network_space_rate") == 0.85
    assert facts.get("books") == 14000


@pytest.mark.parametrize("raw, expected", [("13,125", 13125), ("3.7", 3.7), (" 42 ", 42), ("1,234.5", 1234.5),
                                           ("65万元", 650000), ("abc", None), ("1.2.3", None), (True, None)])
def test_parse_number(raw, expected):
    value = parse_number(raw)
    assert (float(value) if value is not None else None) == expected


@pytest.mark.parametrize("raw, expected", [("85%", 0.85), (0.85, 0.85), ("100%", 1.0), ("８５％", 0.85),
                                           (85, None), ("120%", None), (-0.1, None)])
def test_parse_rate(raw, expected):
    value = parse_rate(raw)
    assert (float(value) if value is not None else None) == expected


def test_spanning_school_needs_per_stage_counts(tmp_path):
    path = write_yaml(tmp_path / "s.yaml", school(stage="nine_year", students=500))
    with pytest.raises(InputErrors) as caught:
        load_facts(path)
    assert any(err.key == "students" and err.msg_id == "stage_needs_map" for err in caught.value.errors)


def test_spanning_school_with_senior_zero_is_accepted(tmp_path):
    path = write_yaml(tmp_path / "s.yaml", school(stage="nine_year", students={"primary": 166, "junior": 210, "senior": 0},
                                                  teachers={"小学": 10, "初中": 14}, teachers_above_required_degree=None,
                                                  teachers_mid_senior_title=None))
    facts = load_facts(path)
    assert facts.get("students") == {"primary": 166, "junior": 210}
    assert facts.get("teachers") == {"primary": 10, "junior": 14}


# Each class of bad input: (file text, expected key, words expected in the Chinese message).
BAD_INPUTS = [
    ("yaml syntax", "kind: school\nname: [unclosed\n", None, "YAML 格式错误"),
    ("not a mapping", "- just\n- a list\n", None, "应为键值对"),
    ("empty", "", None, "文件为空"),
    ("no kind", "name: x\nstudents: 3\n", "kind", "缺少必填的键“kind”"),
    ("bad kind", "kind: house\nname: x\n", "kind", "kind 应为"),
    ("unknown key", "kind: school\nname: x\nstage: primary\nstudents: 10\nstudnets: 3\n", "studnets",
     "是否想写“students（在校生数）”"),
    ("unknown chinese key", "kind: school\nname: x\nstage: primary\nstudents: 10\n学生人数: 3\n", "学生人数", "是否想写"),
    ("not a number", "kind: school\nname: x\nstage: primary\nstudents: 10\nbooks: many\n", "books", "应为非负整数"),
    ("negative", "kind: school\nname: x\nstage: primary\nstudents: 10\nland_area_m2: -5\n", "land_area_m2", "不能为负数"),
    ("rate over 1", "kind: school\nname: x\nstage: primary\nstudents: 10\nnetwork_space_rate: 85\n",
     "network_space_rate", "0–1"),
    ("bad enum", "kind: school\nname: x\nstage: college\nstudents: 10\n", "stage", "应为以下之一"),
    ("bad bool", "kind: school\nname: x\nstage: primary\nstudents: 10\ncourses_complete: maybe\n", "courses_complete",
     "true/false"),
    ("missing students", "kind: school\nname: x\nstage: primary\n", "students", "缺少必填的键“students”"),
    ("duplicate key", "kind: school\nname: x\nname: y\nstage: primary\nstudents: 1\n", "name", "键重复出现"),
    ("fractional count", "kind: school\nname: x\nstage: primary\nstudents: 10.5\n", "students", "非负整数"),
    ("bad stage map", "kind: school\nname: x\nstage: nine_year\nstudents: {primary: 1, college: 2}\n",
     "students.college", "primary/junior/senior"),
    ("class sizes vs classes", "kind: school\nname: x\nstage: primary\nstudents: 90\nclasses: 3\nclass_sizes: [45, 45]\n",
     "class_sizes", "教学班数是 3"),
    ("bad subject", "kind: school\nname: x\nstage: primary\nstudents: 9\nsubject_teachers: {music: 2}\n",
     "subject_teachers.music", "required"),
    ("bad lab", "kind: school\nname: x\nstage: primary\nstudents: 9\nlabs: {kitchen: 1}\n", "labs.kitchen", "应为以下之一"),
    ("county without schools", "kind: county\nname: 某县\nschools: []\n", "schools", "没有任何学校"),
    ("county school path missing", "kind: county\nname: 某县\nschools: [nowhere.yaml]\n", "schools[0]", "学校文件不存在"),
]


@pytest.mark.parametrize("label, text, key, words", BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_exits_2_with_file_line_key(label, text, key, words, tmp_path, run):
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit) and result.exception.code == 2   # a clean exit, not a crash
    message = result.stderr
    assert str(path) in message
    assert words in message, message
    if key:
        assert key in message
    if label not in ("empty", "county school path missing"):
        assert "第 " in message and " 行" in message, message


def test_errors_in_english(tmp_path, run):
    path = tmp_path / "facts.yaml"
    path.write_text("kind: school\nname: x\nstage: primary\nstudents: 10\nstudnets: 3\n", encoding="utf-8")
    result = run("check", path, "--lang", "en")
    assert result.exit_code == 2
    assert "line 5" in result.stderr and "did you mean 'students" in result.stderr


def test_error_in_a_county_school_file_names_that_file(tmp_path, run):
    (tmp_path / "schools").mkdir()
    write_yaml(tmp_path / "schools" / "a.yaml", school(name="甲", books="lots"))
    county = write_yaml(tmp_path / "county.yaml", {"kind": "county", "name": "某县", "schools": ["schools/a.yaml"]})
    result = run("check", county)
    assert result.exit_code == 2
    assert "a.yaml" in result.stderr and "books" in result.stderr


def test_all_errors_are_reported_at_once(tmp_path, run):
    path = tmp_path / "facts.yaml"
    path.write_text("kind: school\nname: x\nstage: primary\nstudents: 10\nbooks: x\ncomputers: y\n", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2
    assert "books" in result.stderr and "computers" in result.stderr


def test_missing_file(run, tmp_path):
    result = run("check", tmp_path / "nope.yaml")
    assert result.exit_code == 2
    assert "找不到文件" in result.stderr
