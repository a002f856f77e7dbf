"""A 0 that a standard divides by: `students: 0` (of a 学段 that is measured) and `classes: 0` are refused
by the loader, naming the place and the field (exit 2), in YAML and in a workbook, on the CLI and the
web; 高中 students of a spanning school are only a split weight, so 0 is read. The audit reads facts as a
report states them: there a 0 is its finding, and no engine divides by it."""
from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO, school, write_yaml

STUDENTS_ZERO = "在校生数为 0，无法计算生均指标"


def _no_traceback(result):
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)


def test_students_zero_is_refused_naming_line_and_field(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(students=0))
    result = run("check", path)
    assert result.exit_code == 2, result.output
    line = next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith("students:"))
    assert f"s.yaml, 第 {line} 行, students：{STUDENTS_ZERO}" in result.stderr
    assert "缺少" not in result.stderr and "缺数据" not in result.output
    _no_traceback(result)
    english = run("check", path, "--lang", "en")
    assert english.exit_code == 2 and "students: 在校生数 is 0: per-student measures cannot be computed" in english.stderr


def test_classes_zero_is_refused(tmp_path, run):
    result = run("check", write_yaml(tmp_path / "s.yaml", school(classes=0)))
    assert result.exit_code == 2 and "classes：教学班数为 0，无法计算每班指标" in result.stderr


@pytest.mark.parametrize("stage, students, field", [
    ("nine_year", {"primary": 300, "junior": 0}, "students.junior：初中在校生数为 0"),
    ("nine_year", {"primary": 0, "junior": 200}, "students.primary：小学在校生数为 0"),
    ("complete_middle", {"junior": 0, "senior": 400}, "students.junior：初中在校生数为 0"),
])
def test_a_measured_stage_with_no_students_is_refused(stage, students, field, tmp_path, run):
    spanning = {key: {"primary": 1, "junior": 1} for key in ("teachers", "teachers_above_required_degree",
                                                             "teachers_mid_senior_title")}
    if stage == "complete_middle":
        spanning = {key: {"junior": 1, "senior": 1} for key in spanning}
    data = school(stage=stage, students=students, **spanning)
    result = run("check", write_yaml(tmp_path / "s.yaml", data))
    assert result.exit_code == 2 and field in result.stderr, result.output


def test_no_senior_students_is_a_weight_not_an_error(tmp_path, run):
    # a 完全中学 whose 高中 has no students this year: its facilities all go to the 初中部 (weight 0)
    data = school(stage="complete_middle", students={"junior": 500, "senior": 0},
                  teachers={"junior": 40, "senior": 0}, teachers_above_required_degree={"junior": 30, "senior": 0},
                  teachers_mid_senior_title={"junior": 15, "senior": 0},
                  labs={"physics": 1, "chemistry": 1, "biology": 1})
    result = run("check", write_yaml(tmp_path / "s.yaml", data), "--json")
    assert result.exit_code in (0, 1), result.output
    assert "missing" not in {v["status"] for v in __import__("json").loads(result.stdout)["verdicts"]
                             if v["rule"] in ("K1", "K2", "K3")}


def _county_workbook(tmp_path, run) -> Path:
    book = tmp_path / "县.xlsx"
    assert run("export", REPO / "samples" / "county" / "county.yaml", "-o", book).exit_code == 0
    return book


def _set_students(book: Path, school_name: str, part: str, value, out: Path) -> str:
    workbook = load_workbook(book)
    sheet = workbook["学校基本情况"]
    keys = {cell.value: cell.column_letter for cell in sheet[3]}
    row = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 2).value == school_name)
    cell = f"{keys['students.' + part]}{row}"
    sheet[cell] = value
    workbook.save(out)
    return cell


def test_students_zero_in_a_workbook_names_the_cell(tmp_path, run):
    book = _county_workbook(tmp_path, run)
    cell = _set_students(book, "红星九年一贯制学校", "junior", 0, tmp_path / "零.xlsx")
    result = run("check", tmp_path / "零.xlsx")
    assert result.exit_code == 2, result.output
    assert f"学校基本情况!{cell}（在校生数：初中）" in result.stderr and "初中在校生数为 0" in result.stderr
    _no_traceback(result)
    # "0人" as text is the same 0
    _set_students(book, "城关第一小学", "primary", "0人", tmp_path / "零人.xlsx")
    result = run("check", tmp_path / "零人.xlsx")
    assert result.exit_code == 2 and "小学在校生数为 0" in result.stderr


def test_students_zero_on_the_web(tmp_path, run):
    from generator.web.app import create_app
    app = create_app()
    client = app.test_client()
    try:
        text = write_yaml(tmp_path / "s.yaml", school(students=0)).read_bytes()
        response = client.post("/check", data={"file": (io.BytesIO(text), "零.yaml"), "action": "check"},
                               content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and STUDENTS_ZERO in page and "零.yaml" in page
        book = _county_workbook(tmp_path, run)
        _set_students(book, "城关第一小学", "primary", 0, tmp_path / "零.xlsx")
        response = client.post("/check", data={"file": (io.BytesIO((tmp_path / "零.xlsx").read_bytes()), "零.xlsx"),
                                               "action": "check"}, content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and re.search(r"学校基本情况!K\d+", page) and "小学在校生数为 0" in page
    finally:
        app.config["JOBS"].shutdown()


def test_the_audit_reads_a_zero_as_stated_and_no_engine_divides_by_it(tmp_path, run):
    # a county whose report says one school has 0 students and another 0 classes: the audit, the
    # county view and its CVs run; the zero is a finding
    schools = [school(name="甲小学"), school(name="乙小学", students=0), school(name="丙小学", classes=0)]
    county = {"kind": "county", "name": "零县", "schools": schools}
    path = write_yaml(tmp_path / "县.yaml", county)
    result = run("audit", path, "--json")
    assert result.exit_code in (0, 1), result.output
    _no_traceback(result)
    assert "在校生数大于 0" in result.stdout and "有学生的学校教学班数大于 0" in result.stdout
    result = run("audit", path, "-o", tmp_path / "意见.docx")
    assert result.exit_code in (0, 1) and (tmp_path / "意见.docx").exists(), result.output


def test_the_engines_never_divide_by_a_zero_they_are_given(tmp_path):
    # what the loader refuses can still reach an engine from the audit's reading: evaluate, the CV
    # tables and the least-cost search take it without an exception
    from generator.criteria.evaluate import evaluate
    from generator.criteria.measures.county import coefficient_of_variation
    from generator.criteria.profiles import load_profile
    from generator.io.facts import load_facts
    assert coefficient_of_variation([(0, Decimal(5)), (100, Decimal(10)), (300, Decimal(20))]) == \
        coefficient_of_variation([(100, Decimal(10)), (300, Decimal(20))])
    assert coefficient_of_variation([(0, Decimal(5))]) is None
    schools = [school(name="甲小学", books=9000), school(name="乙小学", students=0),
               school(name="丙小学", classes=0)]
    path = write_yaml(tmp_path / "县.yaml", {"kind": "county", "name": "零县", "schools": schools})
    county = load_facts(path, as_stated=True)
    profile = load_profile("basic-2012")
    result = evaluate(county, profile)
    assert result.status in ("pass", "fail", "missing")
    from generator.criteria.cv_tables import cv_tables
    from generator.io.costs_file import load_costs
    from generator.plan.least_cost import least_cost_plan
    cv_tables(county, profile)
    least_cost_plan(county, profile, load_costs(), result, engine="native")
