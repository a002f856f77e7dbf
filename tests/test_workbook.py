"""Workbooks as fact files: round trips (hypothesis, through the schema), the fill-in workbook,
foreign county tables, errors by sheet and cell, LibreOffice re-saves, and check --xlsx."""
from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import Workbook, load_workbook

from generator.model import schema
from generator.model.values import as_plain
from generator.io.facts import load_facts
from generator.io.workbook.export import facts_workbook, facts_yaml
from generator.io.workbook.fillin import blank_workbook
from generator.io.workbook.layout import (COUNTY_OWNER, COUNTY_SHEET, EMPTY_MARK, EXAMPLE_MARK, SCHOOLS_SHEET,
                                          TOTAL_ROWS)

from conftest import REPO, examples, school, write_yaml
from test_government import FULL_MARKS


# ---------------------------------------------------------------- what "lossless" compares
def comparable(subject):
    """Validated facts without positions (lines / cells), which a round trip may move."""
    if subject.kind == "school":
        return copy.deepcopy(subject.facts)
    if subject.kind == "county":
        return {"facts": {k: v for k, v in subject.facts.items() if k != "schools"},
                "government": {k: v for k, v in subject.government.items() if k != "_lines"},
                "schools": [comparable(s) for s in subject.schools]}
    facts = copy.deepcopy(subject.facts)
    for entry in facts.get("schools", []):
        entry.pop("line", None)     # a centre school's position, not one of its fields
    return facts


def round_trip(tmp_path, source):
    """YAML → xlsx → YAML; the facts of all three, and the two workbooks' bytes."""
    original = load_facts(source)
    book = tmp_path / "rt.xlsx"
    book.write_bytes(facts_workbook(original))
    from_book = load_facts(book)
    back = tmp_path / "rt-back.yaml"
    back.write_text(facts_yaml(from_book), encoding="utf-8")
    from_back = load_facts(back)
    return original, from_book, from_back, book.read_bytes(), facts_workbook(from_back)


# ---------------------------------------------------------------- fact files generated through the schema
# Text as clerks write it (CJK, Latin, digits, the punctuation of names); no surrounding blanks,
# since the loader strips them. Names a workbook reserves (示例, 合计, （县级）) are left out.
RESERVED = {EXAMPLE_MARK, COUNTY_OWNER, EMPTY_MARK, *TOTAL_ROWS}
TEXT = st.text(alphabet=st.one_of(st.characters(whitelist_categories=("Lu", "Ll", "Lo", "Nd"), max_codepoint=0x9FFF),
                                  st.sampled_from(list(" -·（）()、,&<>{}'\"=#:%"))),
               min_size=1, max_size=10).map(str.strip).filter(lambda t: t and t not in RESERVED)


def decimals(low, high, places):
    return st.decimals(min_value=low, max_value=high, places=places, allow_nan=False,
                       allow_infinity=False).map(as_plain)


COUNT = st.integers(0, 10**6)
SCALARS = {
    "str": TEXT,
    "int": st.integers(1, 3000),
    "number": decimals(0, 10**8, 2),
    "count": COUNT,
    "rate": decimals(0, 1, 4).map(float),
    "bool": st.booleans(),
    "date": st.dates().map(lambda d: d.isoformat()),
    "any": st.one_of(decimals(0, 10**6, 3), TEXT, st.booleans(), st.sampled_from(["fail", "pass", "9.60", "1"])),
    "count_list": st.lists(st.integers(0, 120), max_size=6),
    "str_list": st.lists(TEXT, max_size=4),
    "labs": st.dictionaries(st.sampled_from(list(schema.LAB_LABELS)), st.integers(0, 5), max_size=3),
    "subjects": st.dictionaries(st.one_of(TEXT, st.sampled_from(list(schema.SUBJECT_LABELS))),
                                st.fixed_dictionaries({"required": st.integers(0, 50),
                                                       "actual": st.integers(0, 50)}), max_size=3),
    "text_map": st.dictionaries(TEXT, TEXT, max_size=3),
    "series": st.dictionaries(TEXT, st.lists(decimals(-1, 1, 4).map(float), max_size=3), max_size=3),
    "number_map": st.dictionaries(TEXT, decimals(0, 10**6, 2), max_size=4),
}


def field_strategy(fld):
    """A value for any field of the schema; an unknown type fails here, so new types get a strategy."""
    if fld.type == "enum":
        return st.sampled_from(fld.choices)
    if fld.type in ("claims", "breakdowns", "centre_schools"):
        fields = {"claims": schema.CLAIM_FIELDS, "breakdowns": schema.BREAKDOWN_FIELDS,
                  "centre_schools": schema.CENTRE_SCHOOL_FIELDS}[fld.type]
        return st.lists(mapping(fields), max_size=3)
    if fld.type == "government":
        return mapping(schema.GOVERNMENT_FIELDS)
    if fld.divides:              # a standard divides by it: 0 is refused (README, Fact files)
        return st.integers(1, 10**6)
    return SCALARS[fld.type]


def mapping(fields, skip=()):
    required = {f.key: field_strategy(f) for f in fields if f.required and f.key not in skip}
    optional = {f.key: field_strategy(f) for f in fields if not f.required and f.key not in skip}
    return st.fixed_dictionaries(required, optional=optional)


@st.composite
def school_files(draw):
    stage = draw(st.sampled_from(schema.STAGES))
    data = draw(mapping(schema.SCHOOL_FIELDS, skip={"kind", "stage"} |
                        {f.key for f in schema.SCHOOL_FIELDS if f.type == "stage_count"}))
    data = {"kind": "school", "stage": stage, **data}
    parts = schema.STAGE_PARTS[stage]
    for fld in schema.SCHOOL_FIELDS:
        if fld.type == "stage_count" and (fld.required or draw(st.booleans())):
            counts = {part: draw(COUNT if not fld.divides or part == "senior" else st.integers(1, 10**6))
                      for part in parts}
            data[fld.key] = counts if len(parts) > 1 or draw(st.booleans()) else counts[parts[0]]
    if data.get("class_sizes") and "classes" in data:
        data["classes"] = len(data["class_sizes"])
    return data


@st.composite
def county_files(draw):
    data = {"kind": "county", **draw(mapping(schema.COUNTY_FIELDS, skip={"kind", "schools"}))}
    names = draw(st.lists(TEXT, min_size=1, max_size=4, unique=True))
    data["schools"] = [{**draw(school_files()), "name": name} for name in names]
    return data


centre_files = mapping(schema.CENTRE_FIELDS, skip={"kind"}).map(lambda d: {"kind": "centre", **d})

# Each example writes and reads two workbooks (~0.5 s for a county): few examples, broad ones.
ROUND_TRIP = settings(max_examples=examples(20), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])


@settings(ROUND_TRIP, max_examples=examples(40))
@given(school_files())
def test_school_round_trip_is_lossless(tmp_path, data):
    original, from_book, from_back, book, book_again = round_trip(tmp_path, write_yaml(tmp_path / "s.yaml", data))
    assert comparable(from_book) == comparable(original)
    assert comparable(from_back) == comparable(original)
    assert book_again == book           # same facts, same bytes


@ROUND_TRIP
@given(county_files())
def test_county_round_trip_is_lossless(tmp_path, data):
    original, from_book, from_back, book, book_again = round_trip(tmp_path, write_yaml(tmp_path / "c.yaml", data))
    assert comparable(from_book) == comparable(original)
    assert comparable(from_back) == comparable(original)


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(centre_files)
def test_centre_round_trip_is_lossless(tmp_path, data):
    original, from_book, from_back, _, _ = round_trip(tmp_path, write_yaml(tmp_path / "z.yaml", data))
    assert comparable(from_book) == comparable(original)
    assert comparable(from_back) == comparable(original)


def test_every_schema_type_has_a_strategy():
    # `schools` and `stage_count` are drawn by school_files / county_files themselves; every other
    # type needs a strategy here, or the round-trip properties above never draw that field.
    structured = {"enum", "claims", "breakdowns", "centre_schools", "government"}
    without = sorted({(fld.key, fld.type)
                      for fields in (schema.SCHOOL_FIELDS, schema.COUNTY_FIELDS, schema.GOVERNMENT_FIELDS,
                                     schema.CENTRE_FIELDS, schema.CLAIM_FIELDS, schema.BREAKDOWN_FIELDS,
                                     schema.CENTRE_SCHOOL_FIELDS)
                      for fld in fields
                      if fld.type not in ("schools", "stage_count") and fld.type not in structured | set(SCALARS)})
    assert without == []
    for fld in schema.SCHOOL_FIELDS + schema.GOVERNMENT_FIELDS:
        if fld.type not in ("schools", "stage_count"):
            assert isinstance(field_strategy(fld), st.SearchStrategy), fld.key


# ---------------------------------------------------------------- worked examples
RICH_COUNTY = {
    "kind": "county", "name": "某县", "province": "某省", "year": 2024, "satisfaction_rate": "91.5%",
    "government": {**FULL_MARKS, "funding_growth": {"财政教育拨款": [0.08, -0.015, 0.05]},
                   "subject_teachers": {"music": {"required": 40, "actual": 38}}},
    "responsibles": {"B16": "人事股", "default": "基教股"},
    "claims": [{"of": "C4", "measure": "verdict", "value": "pass"}],
    "schools": [
        school(name="甲小学", land_area_m2="13,125", labs={}, class_sizes=[], claims=[],
               subject_teachers={"音乐": {"required": 2, "actual": 1}, "书法": {"required": 1, "actual": 0}}),
        school(name="乙九年一贯制学校", stage="nine_year", students={"primary": 300, "junior": 250},
               teachers={"primary": 18, "junior": 20}, teachers_above_required_degree={"primary": 15, "junior": 18},
               teachers_mid_senior_title={"primary": 8, "junior": 9}, classes=3, class_sizes=[45, 50, 48],
               labs={"science": 1, "physics": 1, "chemistry": 1, "biology": 1}),
    ],
}
CLAIMS_YAML = """kind: school
name: 示例小学
stage: primary
students: 981
land_area_m2: 9420
claims:
  - {of: land_area_m2, measure: per_student, value: 9.60, text: 生均占地9.60平方米}
  - {of: K3, measure: verdict, value: fail}
  - {of: computers, measure: value, value: '96'}
breakdowns:
  - {of: computers, total: 96.50, parts: {办公: 12, （一）学生: 60.5, 班班通: 24}}
"""


def test_rich_county_round_trip(tmp_path):
    original, from_book, from_back, _, _ = round_trip(tmp_path, write_yaml(tmp_path / "c.yaml", RICH_COUNTY))
    assert comparable(from_book) == comparable(original) == comparable(from_back)
    first = from_book.schools[0]
    # an empty table is absent, as if left out (README "Fact files"), in the YAML and through the workbook
    assert first.get("labs") is None and first.get("class_sizes") is None and first.get("claims") is None
    assert first.get("land_area_m2") == 13125
    assert from_book.government["funding_growth"] == {"财政教育拨款": [0.08, -0.015, 0.05]}
    assert from_book.government["subject_teachers"] == {"music": {"required": 40, "actual": 38}}
    assert from_book.schools[1].get("students") == {"primary": 300, "junior": 250}


def test_claims_keep_their_digits_as_written(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(CLAIMS_YAML, encoding="utf-8")
    original, from_book, from_back, _, _ = round_trip(tmp_path, path)
    for subject in (original, from_book, from_back):
        claims, breakdown = subject.get("claims"), subject.get("breakdowns")[0]
        assert [c["written"] for c in claims] == ["9.60", "fail", "96"]
        assert [c["value"] for c in claims] == [9.6, "fail", "96"]     # '96' stays a string
        assert (breakdown["total"], breakdown["total_written"]) == (96.5, "96.50")
        assert list(breakdown["parts"]) == ["办公", "（一）学生", "班班通"]
    text = (tmp_path / "rt-back.yaml").read_text(encoding="utf-8")
    assert "value: 9.60" in text and "total: 96.50" in text and "value: '96'" in text


def test_same_facts_same_bytes(tmp_path):
    import io
    import zipfile
    # Two builds a moment apart agree even when the clock does not move between them, so the
    # fixed stamps are checked themselves: no member or property may carry today's date.
    first = facts_workbook(load_facts(REPO / "samples" / "county" / "county.yaml"))
    second = facts_workbook(load_facts(REPO / "samples" / "county" / "county.yaml"))
    assert first == second
    assert blank_workbook("county") == blank_workbook("county")
    for data in (first, blank_workbook("county")):
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode("utf-8")
        assert core.count(">2000-01-01T00:00:00Z</dcterms:") == 2          # created and modified


# ---------------------------------------------------------------- the fill-in workbook
def test_new_county_workbook_layout(tmp_path, run):
    out = tmp_path / "县.xlsx"
    result = run("new", "county", "--xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    wb = load_workbook(out)
    assert wb.sheetnames[:3] == [SCHOOLS_SHEET, COUNTY_SHEET, "填写说明"]
    ws = wb[SCHOOLS_SHEET]
    headers = [c.value for c in ws[1]]
    assert "学校名称" in headers and "在校生数（人）" in headers and "占地面积（㎡）" in headers
    students = headers.index("在校生数（人）") + 1
    assert [ws.cell(row=2, column=students + i).value for i in range(3)] == ["小学", "初中", "高中"]
    assert any(str(r) == f"{ws.cell(row=1, column=students).coordinate}:"
                         f"{ws.cell(row=1, column=students + 2).coordinate}" for r in ws.merged_cells.ranges)
    assert ws.row_dimensions[3].hidden and ws.cell(row=3, column=students).value == "students.primary"
    # a blank form carries no value at all: no example row a clerk could type over (examples are in the comments)
    assert all(cell.value is None for row in ws.iter_rows(min_row=4) for cell in row)
    assert "例：" in ws.cell(row=1, column=students).comment.text
    assert ws.freeze_panes == "C4"
    assert ws.cell(row=1, column=students).comment is not None
    assert ws.column_dimensions["B"].width >= 10
    lists = {dv.formula1 for dv in ws.data_validations.dataValidation if dv.type == "list"}
    assert '"' + ",".join(schema.STAGE_LABELS.values()) + '"' in lists
    assert '"' + ",".join(schema.LOCATIONS.values()) + '"' in lists
    numbers = [dv for dv in ws.data_validations.dataValidation if dv.type in ("whole", "decimal")]
    assert numbers and all(dv.formula1 == "0" for dv in numbers)
    government = wb[COUNTY_SHEET]
    keys = [government.cell(row=r, column=5).value for r in range(1, government.max_row + 1)]
    assert "government.disabled_enrolment_rate" in keys and "satisfaction_rate" in keys
    assert government.column_dimensions["E"].hidden


def test_filled_in_workbook_is_checked(tmp_path, run):
    """A clerk fills the blank workbook (Chinese labels, numbers as text) and runs check on it."""
    blank = tmp_path / "blank.xlsx"
    blank.write_bytes(blank_workbook("county"))
    wb = load_workbook(blank)
    ws = wb[SCHOOLS_SHEET]
    column = {ws.cell(row=3, column=c).value: c for c in range(1, ws.max_column + 1)}
    for row, facts in ((5, school(name="甲")), (6, school(name="乙", books="800"))):
        for key, value in facts.items():
            if key == "kind":
                continue
            if key in ("students", "teachers", "teachers_above_required_degree", "teachers_mid_senior_title"):
                key = f"{key}.primary"
            if key == "labs":
                key, value = "labs.science", value["science"]
            value = {"primary": "小学", "town": "镇区", "public": "公办", True: "是"}.get(value, value) \
                if not isinstance(value, (int, float)) or isinstance(value, bool) else value
            ws.cell(row=row, column=column[key], value=f"{value:,}" if key == "land_area_m2" else value)
    county = wb[COUNTY_SHEET]
    for r in range(2, county.max_row + 1):
        key = county.cell(row=r, column=5).value
        if key == "name":
            county.cell(row=r, column=2, value="某县")
        elif key == "satisfaction_rate":
            county.cell(row=r, column=2, value="90%")
        elif key and key.startswith("government."):
            value = FULL_MARKS.get(key.split(".", 1)[1])
            if value is not None and not isinstance(value, (dict, list)):
                county.cell(row=r, column=2, value="是" if value is True else value)
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    subject = load_facts(filled)
    assert [s.name for s in subject.schools] == ["甲", "乙"]
    assert subject.schools[0].get("land_area_m2") == 20000 and subject.schools[1].get("books") == 800
    assert subject.schools[0].get("location") == "town"
    result = run("check", filled)
    assert result.exit_code == 1 and "乙" in result.stdout and "K3" in result.stdout


# ---------------------------------------------------------------- bad input in a workbook
def test_bad_cell_names_sheet_and_cell(tmp_path, run):
    path = tmp_path / "c.xlsx"
    path.write_bytes(facts_workbook(load_facts(write_yaml(tmp_path / "c.yaml", RICH_COUNTY))))
    wb = load_workbook(path)
    ws = wb[SCHOOLS_SHEET]
    column = next(c for c in range(1, ws.max_column + 1) if ws.cell(row=3, column=c).value == "students.primary")
    ws.cell(row=5, column=column, value="很多")
    ws.cell(row=1, column=ws.max_column + 1, value="学生人数")   # a column junheng does not know
    ws.cell(row=6, column=ws.max_column, value=3)
    wb.save(path)
    result = run("check", path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    cell = ws.cell(row=5, column=column).coordinate
    assert f"{SCHOOLS_SHEET}!{cell}" in result.stderr and "应为非负整数" in result.stderr, result.stderr
    assert "学生人数" in result.stderr and "是否想写" in result.stderr
    english = run("check", path, "--lang", "en")
    assert f"{SCHOOLS_SHEET}!{cell}" in english.stderr and "whole non-negative number" in english.stderr


def test_detail_row_for_an_unknown_school(tmp_path, run):
    path = tmp_path / "c.xlsx"
    path.write_bytes(facts_workbook(load_facts(write_yaml(tmp_path / "c.yaml", RICH_COUNTY))))
    wb = load_workbook(path)
    ws = wb["学科教师配备"]
    ws.cell(row=ws.max_row + 1, column=2, value="丙小学")
    ws.cell(row=ws.max_row, column=3, value="体育")
    wb.save(path)
    result = run("check", path)
    assert result.exit_code == 2
    assert f"学科教师配备!B{ws.max_row}" in result.stderr and "丙小学" in result.stderr


@pytest.mark.parametrize("name, content, words", [
    ("x.xlsx", b"not a zip", "不是可读取的 Excel 工作簿"),
    ("x.xls", b"", "另存为 .xlsx"),
])
def test_unreadable_workbooks(tmp_path, run, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("check", path)
    assert result.exit_code == 2 and words in result.stderr and str(path) in result.stderr


# ---------------------------------------------------------------- a county office's own table
def test_foreign_table_with_merged_headers_text_numbers_and_blank_rows(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "各校情况"
    ws.append(["某某县义务教育学校基本情况统计表"])
    ws.merge_cells("A1:H1")
    ws.append(["序号", "学校名称", "学校类型", "在校生数", None, "占地面积（㎡）", "图书册数", "备注"])
    ws.append([None, None, None, "小学", "初中", None, None, None])
    for column in "ABCFGH":
        ws.merge_cells(f"{column}2:{column}3")
    ws.merge_cells("D2:E2")
    ws.append([1, "甲小学", "小学", "1,000", None, "13,125", "２０，０００", "新建"])
    ws.append([2, "乙学校", "九年一贯制学校", 300, "250", 30000.0, 16000, None])
    ws.append([None, "合计", None, 1300, 250, None, None, None])
    for _ in range(5):
        ws.append([None, "  ", None, None, None, None, None, None])   # blank trailing rows
    county = wb.create_sheet(COUNTY_SHEET)
    county.append(["项目", "值"])
    county.append(["县区名称", "某县"])
    county.append(["公众满意度", "91%"])
    path = tmp_path / "各校.xlsx"
    wb.save(path)
    subject = load_facts(path)
    assert subject.name == "某县" and subject.get("satisfaction_rate") == 0.91
    first, second = subject.schools
    assert (first.name, first.stage, first.get("students"), first.get("land_area_m2"), first.get("books")) == \
        ("甲小学", "primary", {"primary": 1000}, 13125, 20000)
    assert (second.stage, second.get("students"), second.get("land_area_m2")) == \
        ("nine_year", {"primary": 300, "junior": 250}, 30000)


def test_county_yaml_may_list_a_school_workbook(tmp_path, run):
    (tmp_path / "schools").mkdir()
    school_book = tmp_path / "schools" / "甲.xlsx"
    school_book.write_bytes(facts_workbook(load_facts(write_yaml(tmp_path / "a.yaml", school(name="甲")))))
    county = write_yaml(tmp_path / "county.yaml", {"kind": "county", "name": "某县", "government": FULL_MARKS,
                                                    "satisfaction_rate": 0.9, "schools": ["schools/甲.xlsx"]})
    subject = load_facts(county)
    assert subject.schools[0].facts == load_facts(tmp_path / "a.yaml").facts


# ---------------------------------------------------------------- LibreOffice (the WPS stand-in) re-save
@pytest.fixture(scope="module")
def resaved(tmp_path_factory):
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("soffice (LibreOffice) is not installed; CI installs it")
    # Writer alone cannot open a workbook; look for Calc's library rather than read a failed
    # conversion as "not installed" (a broken workbook fails the same way).
    program = Path(os.path.realpath(soffice)).parent
    if not any(program.glob("libsclo.so*")) and not any(program.glob("*sclo*.dll")):
        pytest.skip("LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui); CI installs it")
    folder = tmp_path_factory.mktemp("resave")
    source = write_yaml(folder / "c.yaml", RICH_COUNTY)
    (folder / "out").mkdir()
    book = folder / "c.xlsx"
    book.write_bytes(facts_workbook(load_facts(source)))
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder / "out"), str(book)],
                   check=True, capture_output=True, timeout=180)
    return source, folder / "out" / "c.xlsx"


@pytest.mark.pdf
def test_libreoffice_resaved_workbook_reads_the_same(resaved):
    source, book = resaved
    assert book.read_bytes() != b""
    assert comparable(load_facts(book)) == comparable(load_facts(source))


# ---------------------------------------------------------------- export and check --xlsx on the command line
def test_export_both_ways_and_refuse_overwrite(tmp_path, run):
    source = REPO / "samples" / "county" / "county.yaml"
    book, back = tmp_path / "c.xlsx", tmp_path / "c.yaml"
    assert run("export", source, "-o", book).exit_code == 0
    assert run("export", book, "-o", back).exit_code == 0
    assert run("check", back, "--json").stdout == run("check", source, "--json").stdout
    again = run("export", source, "-o", book)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("export", source, "-o", book, "--force").exit_code == 0
    wrong = run("export", source, "-o", tmp_path / "c.txt")
    assert wrong.exit_code == 2 and ".xlsx" in wrong.stderr


def test_check_writes_verdicts_and_cv_with_red_for_fail(tmp_path, run):
    source = REPO / "samples" / "county" / "county.yaml"
    out = tmp_path / "结论.xlsx"
    result = run("check", source, "--xlsx", out)
    assert result.exit_code == 1 and out.is_file()
    data = __import__("json").loads(run("check", source, "--json").stdout)
    wb = load_workbook(out)
    assert {"县域四项条件", "差异系数", "各校办学基本条件", "政府推进工作"} <= set(wb.sheetnames)
    cv = wb["差异系数"]
    primary = next(row for row in cv.iter_rows(min_row=2, values_only=True) if row[0] == "小学")
    assert list(primary[1:10]) == [data["cv"]["primary"][f"M{i}"] for i in range(1, 9)] + \
        [data["cv"]["primary"]["composite"]]
    schools = wb["各校办学基本条件"]
    failed = [row for row in schools.iter_rows(min_row=2) if row[5].value == "未达标"]
    passed = [row for row in schools.iter_rows(min_row=2) if row[5].value == "达标"]
    assert failed and passed
    assert all(row[5].fill.fgColor.rgb.endswith("FFC7CE") for row in failed)
    assert all(row[5].fill.fill_type is None for row in passed)
    again = run("check", source, "--xlsx", out)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert run("check", source, "--xlsx", out, "--force").exit_code == 1


def test_centre_workbook_with_a_typed_date_and_its_check_workbook(tmp_path, run):
    import datetime
    path = tmp_path / "z.xlsx"
    centre = {"kind": "centre", "name": "某镇中心学校", "date": "2013-09-23",
              "schools": [{"name": "甲完小", "banner_sites": ["学校门口", "村委会、路口"]}]}
    path.write_bytes(facts_workbook(load_facts(write_yaml(tmp_path / "z.yaml", centre))))
    wb = load_workbook(path)
    ws = wb["中心学校"]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(row=r, column=5).value == "date")
    ws.cell(row=row, column=2, value=datetime.datetime(2013, 9, 23))    # typed as a date in Excel
    wb.save(path)
    subject = load_facts(path)
    assert subject.get("date") == "2013-09-23"
    assert subject.schools[0]["banner_sites"] == ["学校门口", "村委会、路口"]
    out = tmp_path / "zc.xlsx"
    assert run("check", path, "--xlsx", out).exit_code == 0
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[1] == ("甲完小", "学校门口、村委会、路口")
