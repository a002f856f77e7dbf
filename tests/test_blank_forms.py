"""Blank forms are blank: `junheng new` (YAML and workbook) writes no sample value; `check` on a blank form decides
nothing and lists what to fill, grouped; a form for one 学段 shows only that 学段; `--keys zh` reads back."""
from __future__ import annotations

import json

import pytest
import yaml
from openpyxl import load_workbook

from generator.io.workbook.layout import SCHOOLS_SHEET
from generator.model import schema

IDENTITY = {"kind", "stage"}


@pytest.mark.parametrize("kind", ["school", "county", "centre"])
def test_yaml_form_has_no_value_but_its_kind(tmp_path, run, kind):
    out = tmp_path / f"{kind}.yaml"
    assert run("new", kind, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    filled = {key: value for key, value in data.items() if value not in (None, {}, [])
              and not (isinstance(value, dict) and all(v is None for v in value.values()))}
    assert filled == {"kind": kind}
    assert "981" not in text.split("#")[0]
    for fld in schema.FIELDS_BY_KIND[kind]:           # every key, with its label (and unit) in its comment
        line = next(line for line in text.splitlines() if line.startswith(f"{fld.key}:"))
        assert fld.label in line and (not fld.unit or f"单位：{fld.unit}" in line)
    assert "# —— 基本情况 ——" in text


@pytest.mark.parametrize("kind", ["school", "county", "centre"])
def test_check_on_a_blank_form_decides_nothing_and_lists_what_to_fill(tmp_path, run, kind):
    out = tmp_path / f"{kind}.yaml"
    run("new", kind, "-o", out)
    result = run("check", out)
    assert result.exit_code == 1, result.output
    assert "尚未填写的空白表格：未作任何判定" in result.output
    assert "达标" not in result.output.replace("未达标", "")       # no verdict word at all
    assert "基本情况：" in result.output and "（必填）" in result.output
    if kind == "school":
        assert "校舍与场地：占地面积（㎡）" in result.output and "设施设备：" in result.output
    english = run("check", out, "--lang", "en")
    assert "blank form" in english.output and "[name]" in english.output


def test_blank_form_as_json_has_every_verdict_missing(tmp_path, run):
    out = tmp_path / "s.yaml"
    run("new", "school", "--stage", "junior", "-o", out)
    data = json.loads(run("check", out, "--json").output)
    assert data["blank"] is True and data["status"] == "missing" and data["passed"] is False
    rules = {v["rule"] for v in data["verdicts"]}
    assert {v["status"] for v in data["verdicts"]} == {"missing"} and len(rules) >= 9
    groups = [g["group"] for g in data["to_fill"]]
    assert groups[0] == "基本情况" and "教师" in groups
    first = [k["key"] for k in data["to_fill"][0]["keys"]]
    assert "name" in first and "stage" not in first          # the 学段 is given by --stage


def test_one_fact_filled_is_no_longer_blank(tmp_path, run):
    out = tmp_path / "s.yaml"
    run("new", "school", "--stage", "primary", "-o", out)
    text = out.read_text(encoding="utf-8")
    text = text.replace("\nname:", "\nname: 东关小学", 1).replace("\nstudents:", "\nstudents: 400", 1)
    text = text.replace("\nbooks:", "\nbooks: 4000", 1)
    out.write_text(text, encoding="utf-8")
    result = run("check", out)
    assert result.exit_code == 1 and "空白表格" not in result.output
    assert "生均图书册数" in result.output and "缺数据" in result.output


def test_a_file_leaving_out_a_required_key_is_still_bad_input(tmp_path, run):
    out = tmp_path / "s.yaml"
    out.write_text("kind: school\nname:\nstage:\n", encoding="utf-8")      # students left out, not left blank
    result = run("check", out)
    assert result.exit_code == 2 and "students" in result.output


def test_zh_keys_read_back(tmp_path, run):
    out = tmp_path / "学校.yaml"
    assert run("new", "school", "--keys", "zh", "--stage", "primary", "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "\n图书册数:" in text and "\nbooks:" not in text and "类型: 学校" in text and "学校类型: 小学" in text
    assert "空白表格" in run("check", out).output
    text = text.replace("\n学校名称:", "\n学校名称: 南街小学", 1).replace("\n在校生数:", "\n在校生数: 800", 1)
    text = text.replace("\n图书册数:", "\n图书册数: 16000", 1)
    out.write_text(text, encoding="utf-8")
    data = json.loads(run("check", out, "--json").output)
    assert data["subject"]["name"] == "南街小学"
    books = next(v for v in data["verdicts"] if v["name"] == "生均图书册数")
    assert books["status"] == "pass" and books["value"] == 20


def test_workbook_for_one_stage_shows_only_its_columns(tmp_path, run):
    out = tmp_path / "学校.xlsx"
    assert run("new", "school", "--stage", "primary", "-o", out).exit_code == 0
    ws = load_workbook(out)[SCHOOLS_SHEET]
    keys = [cell.value for cell in ws[3]]
    assert "students.primary" in keys and "students.junior" not in keys and "students.senior" not in keys
    assert "labs.science" in keys and "labs.physics" not in keys
    row = [cell.value for cell in ws[4]]
    assert [v for v in row if v is not None] == ["小学"]            # the 学段, nothing else
    assert "空白表格" in run("check", out).output
    ws2 = load_workbook(_new(run, tmp_path / "九年.xlsx", "--stage", "nine_year"))[SCHOOLS_SHEET]
    keys = [cell.value for cell in ws2[3]]
    assert {"students.primary", "students.junior", "labs.science", "labs.physics"} <= set(keys)
    assert "students.senior" not in keys
    whole = load_workbook(_new(run, tmp_path / "全部.xlsx"))[SCHOOLS_SHEET]
    assert "students.senior" in [cell.value for cell in whole[3]]


def _new(run, out, *options):
    assert run("new", "school", "-o", out, *options).exit_code == 0
    return out


def test_filled_one_stage_workbook_is_checked(tmp_path, run):
    out = _new(run, tmp_path / "学校.xlsx", "--stage", "primary")
    wb = load_workbook(out)
    ws = wb[SCHOOLS_SHEET]
    column = {ws.cell(row=3, column=c).value: c for c in range(1, ws.max_column + 1)}
    for key, value in {"name": "北关小学", "students.primary": 500, "books": 6000}.items():
        ws.cell(row=4, column=column[key], value=value)
    wb.save(out)
    data = json.loads(run("check", out, "--json").output)
    books = next(v for v in data["verdicts"] if v["name"] == "生均图书册数")
    assert data["subject"]["name"] == "北关小学" and books["value"] == 12 and books["status"] == "fail"
