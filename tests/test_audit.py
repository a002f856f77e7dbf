"""`junheng audit`: claims, breakdowns and the facts' own relations, recomputed and compared.

Every expected number here is worked out by hand in the comment beside it.
"""
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO, school, write_yaml
from generator.audit.core import audit_facts
from generator.audit.stated import parse_stated
from generator.io.facts import load_facts
from generator.numbers import ceil_int, round_half_up
from generator.criteria.profiles import load_profile
from test_government import FULL_MARKS

SAMPLES = REPO / "samples" / "audit"


def audit_path(path):
    return audit_facts(load_facts(path, allow_empty_county=True, as_stated=True), load_profile("basic-2012"))


def audit_school(tmp_path, **changes):
    return audit_path(write_yaml(tmp_path / "s.yaml", school(**changes)))


def only(result, **match):
    rows = [row for row in result.rows if all(getattr(row, k) == v for k, v in match.items())]
    assert len(rows) == 1, rows
    return rows[0]


# ---------------------------------------------------------------- the tolerance rule
@pytest.mark.parametrize("written, recomputed, agrees", [
    ("9.6", "9.642", True),          # rounded
    ("9.6", "9.68", True),           # truncated
    ("9.6", "9.6999", True),         # truncated, just inside
    ("9.6", "9.7", False),           # one digit off, exactly one unit
    ("9.6", "9.5", False),           # one digit off below
    ("9.60", "9.65", False),         # two decimals written: one unit is 0.01
    ("9.6", "9.65", True),           # …but with one decimal written it agrees
    ("4.71", "5.032", False),        # the contract's example
    ("812", "812.6", True),          # the contract's example
    ("812", "813", False),
    ("812", "811.0001", True),
    ("约9.6", "9.642", True),         # 约 changes nothing
    ("约9.6㎡", "9.7", False),
    ("85.3%", "0.8537", True),       # a percentage: one unit is 0.1 point
    ("85.3%", "0.854", False),
    ("85%", "0.8599", True),
    ("65万元", "650000", True),      # 万: one unit is 10,000
    ("65万元", "660000", False),
    ("1:18.5", str(Decimal(53) / 981), True),   # 师生比 1:18.51
    ("1:19", "0.05", False),         # 1 ÷ 0.05 = 20
    ("10.2:1", str(Decimal(981) / 96), True),   # 生机比 10.22:1
    ("13,125", "13125", True),
])
def test_tolerance_rule(written, recomputed, agrees):
    assert parse_stated(written, written).agrees(Decimal(recomputed)) is agrees


@given(st.decimals(min_value=Decimal("0.001"), max_value=Decimal("100000"), places=6), st.integers(0, 4))
def test_rounded_and_truncated_always_agree_one_digit_beyond_never(value, places):
    unit = Decimal(1).scaleb(-places)
    truncated = value.quantize(unit, rounding="ROUND_DOWN")
    raised = value.quantize(unit, rounding="ROUND_CEILING")
    for written, agrees in ((round_half_up(value, places), True), (truncated, True),
                            (truncated - unit, False), (raised + unit, False)):
        text = f"{written:f}"
        assert parse_stated(text, text).agrees(value) is agrees, (text, value)


# ---------------------------------------------------------------- samples
def test_consistent_school_has_no_finding(run):
    result = run("audit", SAMPLES / "school-consistent.yaml", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings"] == [] and data["unverified"] == []
    assert data["checked"] == 20 and data["relations_checked"] > 0
    assert data["subject"] == {"kind": "school", "name": "东社小学"}


def test_planted_errors_are_all_found(run):
    result = run("audit", SAMPLES / "school-errors.yaml", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    found = {(f["kind"], f["of"], f["measure"]): f for f in data["findings"]}
    expected = {
        ("claim", "land_area_m2", "per_student"): 13,            # 7800 ÷ 600
        ("claim", "land_area_m2", "deficit"): 600,               # 14 × 600 − 7800
        ("claim", "K1", "deficit"): 294,                         # 5.2 × 600 − 2826
        ("claim", "books", "per_student"): 15,                   # 9000 ÷ 600
        ("verdict", "K4", "verdict"): "fail",                    # 600 ÷ 60 = 10 > 8
        ("claim", "network_space_rate", "rate"): 0.82,
        ("claim", "students", "value"): 600,
        ("breakdown", "computers", "sum"): 67,                   # 10 + 45 + 12
        ("breakdown", "生均公用经费（元）", "sum"): 362400.45,     # 120000.25 + 80000.10 + 162400.10
        ("breakdown", "equipment_value_yuan", "total"): 240000,  # stated 250000, the fact 240000
    }
    for key, recomputed in expected.items():
        assert found[key]["recomputed"] == recomputed, key
    relations = {f["of"] for f in data["findings"] if f["kind"] == "consistency"}
    assert relations == {"teachers_above_required_degree", "teaching_aux_area_m2", "class_sizes",
                         "subject_teachers", "qualified_degree_rate"}
    assert len(data["findings"]) == len(expected) + len(relations)
    land = found[("claim", "land_area_m2", "deficit")]
    assert land["claimed"] == 5230 and land["difference"] == 4630 and land["line"] == 38
    assert land["how"] == "标准 × 在校生数 − 占地面积 = 14 × 600 − 7800 = 600"
    assert land["file"].endswith("school-errors.yaml") and land["standard"] == 14
    # what agreed stays agreed: 2826 ÷ 600 = 4.71, ⌈600 ÷ 8⌉ − 60 = 15, K3 at exactly 15 passes
    agreed = {(a["of"], a["measure"]) for a in data["agreed"]}
    assert {("building_area_m2", "per_student"), ("computers", "deficit"), ("K3", "verdict")} <= agreed


def test_planted_errors_table_names_line_and_formula(run):
    result = run("audit", SAMPLES / "school-errors.yaml")
    assert result.exit_code == 1
    assert "占地面积 ÷ 在校生数 = 7800 ÷ 600 = 13" in result.output
    assert "不符 15 处" in result.output
    english = run("audit", SAMPLES / "school-errors.yaml", "--lang", "en")
    assert "land_area_m2 ÷ students = 7800 ÷ 600 = 13" in english.output and "15 finding(s)" in english.output


def test_county_with_schools_consistent(run):
    result = run("audit", SAMPLES / "county" / "county.yaml", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["findings"] == [] and data["unverified"] == []
    agreed = {(a.get("school"), a["of"], a["measure"]): a for a in data["agreed"]}
    # county level: (24000 + 18000 × 420 / 750 + 7200) ÷ 1980 = 41280 ÷ 1980 = 20.848485
    assert agreed[(None, "books", "per_student")]["recomputed"] == 20.848485
    # 初中 师生比 CV over 75/900 and 26/300, weights 900 and 300: S = 0.0014434, X̄ = 101/1200 → 0.017149
    assert agreed[(None, "M6", "value")]["recomputed"] == 0.017149
    assert agreed[(None, "C3", "value")]["recomputed"] == 98          # B3: 1.5 points below 80 % → −2
    # each school's own claims, named by school and file
    hekou = agreed[("河口九年一贯制学校", "building_area_m2", "per_student")]
    assert hekou["recomputed"] == 6.133333 and hekou["file"].endswith("hekou-nine-year.yaml")  # 4600×420/750/420
    assert ("石桥小学", "books", "per_student") in agreed                # an inline school


def test_county_school_claim_finding_names_school(tmp_path, run):
    county = {"kind": "county", "name": "某县", "satisfaction_rate": 0.9, "government": FULL_MARKS,
              "schools": [school(name="甲", claims=[{"of": "books", "measure": "per_student", "value": 21}])]}
    data = json.loads(run("audit", write_yaml(tmp_path / "c.yaml", county), "--json").stdout)
    [finding] = data["findings"]
    assert (finding["school"], finding["recomputed"], finding["claimed"]) == ("甲", 20, 21)  # 20000 ÷ 1000


def test_county_only_file_is_valid_for_audit(run):
    result = run("audit", SAMPLES / "county-only.yaml", "--json")
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout)
    found = {(f["kind"], f["of"], f["measure"]): f for f in data["findings"]}
    assert set(found) == {("claim", "C3", "value"), ("breakdown", "寄宿生数", "sum")}
    assert found[("claim", "C3", "value")]["recomputed"] == 97        # 100 − 2 (B3) − 1 (B8)
    assert found[("breakdown", "寄宿生数", "sum")]["recomputed"] == 2330
    assert data["checked"] == 12
    # check still refuses a county without schools
    assert run("check", SAMPLES / "county-only.yaml").exit_code == 2


# ---------------------------------------------------------------- each kind of finding
def test_deficit_uses_the_checks_formula_and_rounding(tmp_path, run):
    # K1 building: 5.2 × 1000 − 4999.5 = 200.5 ㎡ (areas keep 2 decimals)
    result = audit_school(tmp_path, building_area_m2=4999.5, claims=[
        {"of": "K1", "measure": "deficit", "value": "200.5"},
        {"of": "K1", "measure": "deficit", "value": "200"},      # truncated: agrees
        {"of": "K1", "measure": "deficit", "value": "199"}])     # one off: finding
    statuses = [row.status for row in result.rows if row.of == "K1"]
    assert statuses == ["agree", "agree", "finding"]
    # the same number `junheng check` prints as 尚缺
    check = json.loads(run("check", write_yaml(tmp_path / "k.yaml", school(building_area_m2=4999.5)),
                           "--json").stdout)
    assert check["verdicts"][0]["deficit"] == float(result.rows[0].recomputed) == 200.5


def test_count_deficit_rounds_up_and_accepts_truncation(tmp_path):
    # K4 with its standard 8: ⌈1000 ÷ 8⌉ − 100 = 125 − 100 = 25 computers
    # a stated standard of 7.5 per computer instead: ⌈1000 ÷ 7.5⌉ = ⌈133.33⌉ = 134 → 34
    result = audit_school(tmp_path, computers=100, claims=[
        {"of": "computers", "measure": "deficit", "value": 25},
        {"of": "computers", "measure": "deficit", "value": 34, "standard": 7.5},
        {"of": "computers", "measure": "deficit", "value": 24}])
    assert [row.status for row in result.rows[:3]] == ["agree", "agree", "finding"]
    assert ceil_int(Decimal(1000) / Decimal("7.5")) - 100 == 34


def test_teacher_rate_deficit_is_counted_in_teachers(tmp_path, run):
    # K8 of the example school (55 teachers, primary 100 %): 96 % → (1 − 0.96) × 55 = 2.2 → 3 人,
    # the same number `junheng check` prints as 尚缺.
    result = audit_school(tmp_path, qualified_degree_rate=0.96, claims=[
        {"of": "K8", "measure": "deficit", "value": 3},
        {"of": "K8", "measure": "deficit", "value": 2},          # truncated exact 2.2: agrees
        {"of": "K8", "measure": "deficit", "value": 4}])
    assert [row.status for row in result.rows[:3]] == ["agree", "agree", "finding"]
    assert result.rows[0].recomputed == 3
    check = json.loads(run("check", write_yaml(tmp_path / "k8.yaml", school(qualified_degree_rate=0.96)),
                           "--json").stdout)
    k8 = next(v for v in check["verdicts"] if v["rule"] == "K8")
    assert (k8["deficit"], k8["deficit_unit"]) == (3, "人")


def test_books_deficit_before_and_after_rounding_up(tmp_path):
    # K3 with the claim's standard 14.45: 14.45 × 1001 − 14000 = 464.45 books → 465 (counts round up);
    # a report that truncated the exact shortfall to 464 agrees, 463 does not.
    result = audit_school(tmp_path, students=1001, books=14000, claims=[
        {"of": "books", "measure": "deficit", "value": 465, "standard": 14.45},
        {"of": "books", "measure": "deficit", "value": 464, "standard": 14.45},     # truncated exact 464.45
        {"of": "books", "measure": "deficit", "value": 463, "standard": 14.45}])
    assert [row.status for row in result.rows[:3]] == ["agree", "agree", "finding"]
    assert result.rows[0].recomputed == 465


def test_deficit_of_a_field_without_rule_needs_a_standard(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(claims=[{"of": "land_area_m2", "measure": "deficit",
                                                           "value": 100}]))
    result = run("audit", path)
    assert result.exit_code == 2 and "standard" in result.output and "第" in result.output


def test_verdict_claim(tmp_path):
    result = audit_school(tmp_path, books=14000, claims=[     # 14 册/生 < 15
        {"of": "K3", "measure": "verdict", "value": "达标"},
        {"of": "books", "measure": "verdict", "value": "fail"},
        {"of": "K3", "measure": "verdict", "value": "pass", "standard": 12},     # against its own standard
        {"of": "overall", "measure": "verdict", "value": "合格"}])
    rows = [row for row in result.rows if row.kind == "verdict"]
    assert [(row.status, row.recomputed) for row in rows] == [
        ("finding", "fail"), ("agree", "fail"), ("agree", "pass"), ("finding", "fail")]
    assert "14000 ÷ 1000 = 14" in rows[0].how["zh"] and "≥ 15" in rows[0].how["zh"]


def test_missing_fact_is_not_checkable_not_a_finding(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(land_area_m2=None, claims=[
        {"of": "land_area_m2", "measure": "per_student", "value": 20}]))
    result = run("audit", path, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["findings"] == [] and data["unverified"][0]["how"] == "缺少占地面积"


def test_breakdown_money_to_the_fen_counts_exactly(tmp_path):
    result = audit_school(tmp_path, equipment_value_yuan=1000000.5, breakdowns=[
        {"of": "equipment_value_yuan", "parts": {"甲": 600000.25, "乙": 400000.25}},   # 1000000.50 ✓
        {"of": "equipment_value_yuan", "parts": {"甲": 600000.25, "乙": 400000.24}},   # one fen short
        {"of": "computers", "parts": {"甲": 100, "乙": 49}},                          # 149 ≠ 150
        {"of": "学生数（分学段）", "total": 10, "parts": {"甲": 4, "乙": 12}}])          # part > total
    sums = [row for row in result.rows if row.measure == "sum"]
    assert [row.status for row in sums] == ["agree", "finding", "finding", "finding"]
    assert sums[1].recomputed == Decimal("1000000.49")
    part = only(result, kind="consistency", measure="part")
    assert "“乙” 12 > 合计 10" in part.how["zh"]


def test_breakdown_of_students_by_stage_and_by_school(tmp_path):
    nine = school(name="九年制", stage="nine_year", students={"primary": 166, "junior": 210},
                  teachers={"primary": 10, "junior": 15}, teachers_above_required_degree={"primary": 8, "junior": 12},
                  teachers_mid_senior_title={"primary": 4, "junior": 6}, labs={"science": 1, "physics": 1},
                  breakdowns=[{"of": "students", "parts": {"小学": 166, "初中": 200}}])
    result = audit_path(write_yaml(tmp_path / "n.yaml", nine))
    total = only(result, measure="sum")
    assert total.status == "finding" and total.recomputed == 366 and total.claimed == 376
    junior = only(result, measure="part", kind="breakdown", claimed=Decimal(200))
    assert junior.status == "finding" and junior.recomputed == 210


def test_consistency_relations(tmp_path):
    result = audit_school(tmp_path, teachers=40, teachers_mid_senior_title=41, class_sizes=[50] * 20,
                          subject_teachers={"music": {"required": 2, "actual": 30}, "pe": {"required": 3,
                                                                                         "actual": 11}})
    findings = {row.of: row for row in result.findings}
    assert set(findings) == {"teachers_above_required_degree", "teachers_mid_senior_title", "subject_teachers",
                             "qualified_degree_rate"}
    # 45 above the required degree of 40 teachers; Σ class sizes 1000 = students: holds
    assert findings["teachers_above_required_degree"].how["zh"] == "高于规定学历教师数 45 > 专任教师数 40"
    assert "= 41 > 专任教师数 40" in findings["subject_teachers"].how["zh"]
    assert only(result, of="class_sizes").status == "agree"


def test_consistent_facts_raise_no_relation(tmp_path):
    result = audit_school(tmp_path, class_sizes=[50] * 20,
                          subject_teachers={"music": {"required": 2, "actual": 2}})
    assert result.findings == [] and result.relations_checked >= 7


def test_zero_denominators(tmp_path):
    result = audit_school(tmp_path, students=0, classes=0, claims=[
        {"of": "books", "measure": "per_student", "value": 20}])
    assert only(result, kind="consistency", of="students").status == "finding"
    claim = only(result, kind="claim")
    assert claim.status == "finding" and "在校生数为 0" in claim.how["zh"]
    result = audit_school(tmp_path, teachers=0)
    assert only(result, kind="consistency", of="teachers").status == "finding"


def test_spanning_school_claims_by_stage(tmp_path):
    # 九年一贯制: teaching_aux 2900 split by 166 : 1.1 × 210 = 166 : 231 → 小学部 2900 × 166 / 397 = 1212.59
    nine = school(name="九年制", stage="nine_year", students={"primary": 166, "junior": 210},
                  teachers={"primary": 10, "junior": 15}, teachers_above_required_degree={"primary": 8, "junior": 12},
                  teachers_mid_senior_title={"primary": 4, "junior": 6}, teaching_aux_area_m2=2900,
                  labs={"science": 1, "physics": 1},
                  claims=[{"of": "teaching_aux_area_m2", "measure": "per_student", "stage": "小学", "value": 7.30},
                          {"of": "teachers", "measure": "per_student", "stage": "junior", "value": 0.0714},
                          {"of": "multimedia_classrooms", "measure": "per_student", "stage": "junior", "value": 1},
                          {"of": "students", "measure": "value", "value": 376}])
    result = audit_path(write_yaml(tmp_path / "n.yaml", nine))
    claims = [row for row in result.rows if row.kind == "claim"]
    # 1212.594… ÷ 166 = 7.3048; 15 ÷ 210 = 0.071428
    assert [row.status for row in claims] == ["agree", "agree", "unverified", "agree"]
    assert round_half_up(claims[0].recomputed, 4) == Decimal("7.3048")


# ---------------------------------------------------------------- bad input: exit 2, nothing written
def test_unknown_of_suggests_the_closest_key(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(claims=[{"of": "land_area", "measure": "per_student",
                                                           "value": 20}]))
    out = tmp_path / "意见.docx"
    result = run("audit", path, "-o", out)
    assert result.exit_code == 2 and not out.exists()
    assert "claims[0].of" in result.output and "land_area_m2" in result.output and "Traceback" not in result.output
    english = run("audit", path, "--lang", "en")
    assert "did you mean" in english.output


@pytest.mark.parametrize("claim, words", [
    ({"of": "books", "measure": "per_student", "value": "很多"}, "声明值应为数字"),
    ({"of": "K3", "measure": "verdict", "value": "也许"}, "结论应为"),
    ({"of": "books", "measure": "rate", "value": "5%"}, "分母"),
    ({"of": "courses_complete", "measure": "per_student", "value": 1}, "不能按"),
    ({"of": "books", "measure": "per_student", "value": 20, "stage": "初中"}, "学段"),
])
def test_bad_claims(tmp_path, run, claim, words):
    result = run("audit", write_yaml(tmp_path / "s.yaml", school(claims=[claim])))
    assert result.exit_code == 2 and words in result.output, result.output
    assert "s.yaml" in result.output and "第" in result.output


def test_breakdown_of_a_name_needs_a_total(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(breakdowns=[{"of": "寄宿生", "parts": {"a": 1}}]))
    result = run("audit", path)
    assert result.exit_code == 2 and "breakdowns[0].total" in result.output


# ---------------------------------------------------------------- the 督导核查意见 (.docx)
def _docx_text(path):
    from docx import Document
    document = Document(str(path))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(texts)


def test_opinion_lists_findings_and_is_reproducible(tmp_path, run):
    first, second = tmp_path / "a.docx", tmp_path / "b.docx"
    assert run("audit", SAMPLES / "school-errors.yaml", "-o", first).exit_code == 1
    assert run("audit", SAMPLES / "school-errors.yaml", "-o", second).exit_code == 1
    assert first.read_bytes() == second.read_bytes()            # same input, same bytes
    text = _docx_text(first)
    assert "西岭小学" in text and "发现不符14处" in text and "另有尾差1处" in text
    assert "材料称“生均占地面积9.6㎡”。按其基础数据核算：占地面积 ÷ 在校生数 = 7800 ÷ 600 = 13，所报9.6比核算结果少3.4" in text
    assert "标准 × 在校生数 − 占地面积 = 14 × 600 − 7800 = 600" in text
    assert "2024年" in text and "{{" not in text and "{%" not in text
    # an existing output is refused without --force, replaced with it
    assert run("audit", SAMPLES / "school-errors.yaml", "-o", first).exit_code == 2
    assert run("audit", SAMPLES / "school-errors.yaml", "-o", first, "--force").exit_code == 1


def test_opinion_without_findings_and_without_year(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(name="A&B <一小> {{x}}", claims=[
        {"of": "books", "measure": "per_student", "value": 20}]))
    out = tmp_path / "o.docx"
    assert run("audit", path, "-o", out).exit_code == 0
    text = _docx_text(out)
    assert "A&B <一小> {{x}}" in text                            # escaped, shown literally
    assert "未发现所列数据与基础数据不符之处" in text and "三、核查意见" in text
    # no date from the clock: a blank in full-width spaces to fill by hand
    assert "　　年　　月　　日" in text and "年  月" not in text


@pytest.fixture(scope="module")
def opinion_pdf_text(tmp_path_factory):
    from generator.render.pdf import convert_to_pdf, soffice_command
    if soffice_command() is None:
        pytest.skip("LibreOffice (soffice) is not installed: the PDF of the opinion cannot be made")
    import subprocess

    from click.testing import CliRunner

    from generator.cli import main
    folder = tmp_path_factory.mktemp("opinion")
    docx = folder / "意见.docx"
    CliRunner().invoke(main, ["audit", str(SAMPLES / "school-errors.yaml"), "-o", str(docx)])
    pdf = convert_to_pdf(docx)
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout


@pytest.mark.pdf
def test_opinion_pdf_renders_every_finding(opinion_pdf_text):
    text = opinion_pdf_text
    assert "关于西岭小学义务教育均衡发展" in text and "自评材料的督导核查意见" in text
    assert "—1—" in text.replace(" ", "") and "县人民政府教育督导室" in text
    for figure in ("5230", "多4630", "相差0.05", "106.67%"):
        assert figure in text.replace(" ", "").replace("\n", ""), figure


def test_subject_written_under_two_names_is_refused(tmp_path, run):
    # music and 音乐 are one subject: the loader used to keep only the second, hiding the double count
    path = write_yaml(tmp_path / "s.yaml", school(subject_teachers={"music": {"required": 2, "actual": 1},
                                                                     "音乐": {"required": 2, "actual": 2}}))
    for verb in ("audit", "check"):
        result = run(verb, path)
        assert result.exit_code == 2 and "subject_teachers.音乐" in result.output and "重复" in result.output
