"""junheng's audit of junheng's own reports finds nothing; a .docx is read as its reader sees it; the
督导核查意见 quotes the submission, groups what it found and is signed by the issuing body."""
from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import GOOD_PRIMARY, REPO, examples, write_yaml

SAMPLES = REPO / "samples"


def _report_then_audit(run, tmp_path: Path, facts: Path, profile: str | None = None, name="r.docx"):
    out = tmp_path / name
    args = ["report", facts, "-o", out, "--date", "2025-06-01", "--force"]
    if profile:
        args += ["--profile", profile]
    made = run(*args)
    assert made.exit_code in (0, 1), made.output
    audit = run("audit", out, "--json", *(["--profile", profile] if profile else []))
    assert audit.exit_code in (0, 1), audit.output
    return json.loads(audit.stdout)


@pytest.mark.parametrize("facts, profile", [
    ("dongshe-primary.yaml", None),
    ("county/county.yaml", None),
    ("zuomu/hongguang.yaml", None),
    ("quality/county.yaml", "quality-2017"),
    ("quality/schools/beiguan.yaml", "quality-2017"),
])
def test_own_reports_audit_clean(run, tmp_path, facts, profile):
    data = _report_then_audit(run, tmp_path, SAMPLES / facts, profile)
    assert data["findings"] == [], [(f["what"], f.get("text")) for f in data["findings"]]
    assert data["checked"] > 0 or facts.startswith("quality")     # the basic reports state checkable figures


def _every_sample():
    """Every fact file under samples/ that a report is made from, with the profile it is read under."""
    quality = sorted((SAMPLES / "quality/schools").glob("*.yaml")) + [SAMPLES / "quality/county.yaml"]
    basic = [SAMPLES / "dongshe-primary.yaml", SAMPLES / "county/county.yaml", SAMPLES / "audit/county/county.yaml"] + \
        sorted(path for folder in ("zuomu", "county/schools", "audit/county/schools")
               for path in (SAMPLES / folder).glob("*.yaml"))
    return [(path.relative_to(SAMPLES).as_posix(), None) for path in basic] + \
        [(path.relative_to(SAMPLES).as_posix(), "quality-2017") for path in quality]


@pytest.mark.slow
@pytest.mark.parametrize("facts, profile", _every_sample())
def test_every_sample_report_audits_clean(run, tmp_path, facts, profile):
    data = _report_then_audit(run, tmp_path, SAMPLES / facts, profile)
    assert data["findings"] == [], [(f["what"], f.get("text")) for f in data["findings"]]


def test_a_nine_year_school_round_trips(run, tmp_path):
    """A school spanning 学段: its counts are written per 学段 in brackets and read back as such (a single
    figure of 专任教师 cannot be split, and the audit stopped with exit 2); a figure of one 学段 is
    checked against that 学段."""
    for facts, profile in (("county/schools/hongxing-nine-year.yaml", None),
                           ("quality/schools/hongxing-nine-year.yaml", "quality-2017")):
        data = _report_then_audit(run, tmp_path, SAMPLES / facts, profile)
        assert data["findings"] == [] and data["checked"] > 0, (facts, data["findings"][:3])


def test_counts_per_stage_in_brackets_are_read_per_stage(run, tmp_path):
    from generator.extract.report import extract_text
    extraction = extract_text("红星九年一贯制学校现有在校生1090人（小学640人、初中450人），专任教师74人（小学36人、初中38人）。")
    facts = {key: item.data["value"] for key, item in extraction.subject.facts.items()}
    assert facts["students"] == {"primary": 640, "junior": 450} and facts["teachers"] == {"primary": 36, "junior": 38}
    assert [(b.data["of"], b.data["total"]) for b in extraction.subject.breakdowns] == [("students", 1090), ("teachers", 74)]
    assert not extraction.unrecognised
    # the brackets are a breakdown: a total that is not their sum is a finding
    report = tmp_path / "r.txt"
    report.write_text("红星九年一贯制学校自查报告\n红星九年一贯制学校现有在校生1100人（小学640人、初中450人），"
                      "专任教师74人（小学36人、初中38人）。\n", encoding="utf-8")
    audit = run("audit", report, "--json")
    assert audit.exit_code == 1, audit.output
    found = json.loads(audit.stdout)["findings"]
    assert found and all("在校生数" in f["what"]["zh"] if isinstance(f["what"], dict) else "在校生数" in f["what"]
                         for f in found), found
    # one 学段's figure carries its 学段
    claim = extract_text("红星九年一贯制学校在校生1090人（小学640人、初中450人）。\n"
                         "红星九年一贯制学校初中部：生均图书册数为30册。").subject.claims[0]
    assert claim.data["stage"] == "junior"


def test_a_planned_purchase_is_not_the_stock(tmp_path):
    from generator.extract.report import extract_text
    extraction = extract_text("东社小学现有图书10600册，在校生981人。\n"
                              "下一步，按课程标准采购图书4115册，新增学生用计算机13台。")
    assert extraction.subject.facts["books"].data["value"] == 10600
    reasons = {item.data["value"]: item.data["reason"] for item in extraction.unrecognised}
    assert reasons[4115] == "addition" and reasons[13] == "addition"
    assert not extraction.subject.claims       # no second, different statement of the book count


def test_a_target_word_after_a_figure_leaves_it_a_fact():
    from generator.extract.report import extract_text
    extraction = extract_text("星火小学生机比为8.9:1（计算机台数110台，在校生981人），未达到不高于8:1的要求。")
    facts = {key: item.data["value"] for key, item in extraction.subject.facts.items()}
    assert facts["computers"] == 110 and facts["students"] == 981
    extraction = extract_text("星火小学确保生均图书达到15册，现有图书9000册，在校生600人。")
    facts = {key: item.data["value"] for key, item in extraction.subject.facts.items()}
    assert facts["books"] == 9000 and "target" in {item.data["reason"] for item in extraction.unrecognised}


def test_plan_section_figures_are_targets():
    from generator.extract.report import extract_text
    extraction = extract_text("一、基本情况\n星火小学在校生540人，图书7200册。\n六、下一步打算\n星火小学图书达到8100册。")
    assert extraction.subject.facts["books"].data["value"] == 7200
    assert [item.data["reason"] for item in extraction.unrecognised] == ["target"]


# ---------------------------------------------------------------- .docx as its reader sees it
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _docx_with_body(path: Path, body_xml: str) -> Path:
    """A real .docx whose body is replaced by `body_xml` (tracked changes, content controls)."""
    base = path.with_name("base.docx")
    docx.Document().save(base)
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text = data.decode("utf-8")
                text = re.sub(r"<w:body>.*</w:body>", f"<w:body>{body_xml}</w:body>", text, flags=re.S)
                data = text.encode("utf-8")
            target.writestr(item, data)
    return path


def _p(inner: str) -> str:
    return f"<w:p>{inner}</w:p>"


def _r(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_tracked_changes_and_content_controls(tmp_path):
    from generator.extract.report_text import read_report
    body = (
        _p(_r("星火小学在校生") + f'<w:del w:id="1" w:author="a"><w:r><w:delText>500</w:delText></w:r></w:del>'
           + f'<w:ins w:id="2" w:author="a">{_r("540")}</w:ins>' + _r("人。"))
        + _p(f"<w:sdt><w:sdtContent>{_r('图书7200册。')}</w:sdtContent></w:sdt>")
        + f"<w:sdt><w:sdtContent>{_p(_r('计算机70台。'))}</w:sdtContent></w:sdt>"
        + _p(_r("教学班12") + '<w:moveFrom w:id="3" w:author="a">' + _r("0") + "</w:moveFrom>" + _r("个。"))
    )
    path = _docx_with_body(tmp_path / "r.docx", body)
    texts = [line.text for line in read_report(path)]
    assert texts == ["星火小学在校生540人。", "图书7200册。", "计算机70台。", "教学班12个。"]


def test_invisible_characters_do_not_hide_a_figure():
    from generator.extract.report_text import Line
    assert Line(1, "第 1 行", "达到85\u200d%，生均5.2\u200d㎡").text == "达到85%，生均5.2㎡"


# ---------------------------------------------------------------- the 督导核查意见
def _docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def test_opinion_quotes_each_finding_and_can_be_signed(run, tmp_path):
    out = tmp_path / "意见.docx"
    result = run("audit", SAMPLES / "reports" / "xinghuo-planted.txt", "-o", out, "--date", "2025-06-01",
                 "--issuer", "示例县人民政府教育督导室")
    assert result.exit_code == 1, result.output
    text = _docx_text(out)
    assert "关于星火小学义务教育均衡发展" in text and "《星火小学义务教育均衡发展自查报告》（以下简称《报告》）" in text
    # each finding quotes the report's sentence with its line in the report
    for line, quote in ((6, "生均建筑面积约为5.6㎡，达到标准(5.2㎡)"), (15, "尚缺校地面积1500平方米"),
                        (9, "总台数70台"), (12, "美术应配3人实配1人尚缺1人")):
        assert re.search(rf"《报告》第{line}行称“[^”]*{re.escape(quote)}", text), (line, quote)
    # grouped, most material first, and the request follows from the groups
    assert text.index("（一）结论与基础数据不符") < text.index("（二）数字与基础数据不符") < text.index("（三）分项与合计不符")
    assert "请查明是分项还是合计有误" in text and "以基础数据为准" not in text
    # signed by the body named, dated
    assert re.search(r"示例县人民政府教育督导室\W*\n2025年6月1日\W*$", text)
    # nothing for software or machines: no English status, no rule id, no comparison signs
    assert not re.search(r"\b(pass|fail)\b", text)
    assert not re.search(r"(?<![A-Za-z])[KQMBC]\d{1,2}(?![\d])", text)
    assert "≥" not in text and "≤" not in text


def test_opinion_of_a_fact_file_cites_no_yaml_line_and_sets_tails_apart(run, tmp_path):
    out = tmp_path / "意见.docx"
    assert run("audit", SAMPLES / "audit" / "school-errors.yaml", "-o", out).exit_code == 1
    text = _docx_text(out)
    assert not re.search(r"第\s*\d+\s*行", text)              # the inspector's YAML lines mean nothing to a school
    assert "材料称“生均占地面积9.6㎡”" in text
    # 362400.50 against 362400.45: a 尾差, named once, not a listed problem
    assert "另有1处尾差（生均公用经费（元）合计与分项之和相差0.05）" in text
    assert "发现不符14处" in text and "362400" not in text
    # base data that contradict each other: the request says the base data are wrong
    assert "（四）基础数据之间相互矛盾" in text and "说明基础数据本身有误" in text
    assert "县人民政府教育督导室" in text                     # the default issuer


def test_opinion_of_a_consistent_report(run, tmp_path):
    out = tmp_path / "意见.docx"
    assert run("audit", SAMPLES / "reports" / "chengguan-consistent.txt", "-o", out).exit_code == 0
    text = _docx_text(out)
    assert "未发现不符之处" in text and "特此反馈。" in text and "书面报送" not in text


# ---------------------------------------------------------------- the round trip, generated
_RANGES = {"students": (150, 2500), "teachers": (8, 160), "land_area_m2": (2000, 60000),
           "building_area_m2": (600, 20000), "teaching_aux_area_m2": (300, 9000), "sports_area_m2": (500, 30000),
           "equipment_value_yuan": (50000, 5000000), "books": (2000, 80000), "computers": (10, 400)}


@st.composite
def _school(draw, stage="primary", name="示例小学"):
    data = copy.deepcopy(GOOD_PRIMARY)
    data["name"], data["stage"] = name, stage
    for key, (low, high) in _RANGES.items():
        data[key] = draw(st.integers(low, high))
    data["classes"] = max(1, data["students"] // draw(st.integers(30, 50)))
    data["multimedia_classrooms"] = draw(st.integers(0, data["classes"]))
    data["teachers_above_required_degree"] = draw(st.integers(0, data["teachers"]))
    data["teachers_mid_senior_title"] = draw(st.integers(0, data["teachers"]))
    data["teaching_aux_area_m2"] = min(data["teaching_aux_area_m2"], data["building_area_m2"])
    data["backbone_teachers"] = draw(st.integers(0, data["teachers"]))           # 优质均衡 Q2, Q3
    data["pe_art_teachers"] = draw(st.integers(0, data["teachers"]))
    return data


@settings(max_examples=examples(12), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(facts=_school(), profile=st.sampled_from([None, "quality-2017"]))
def test_generated_school_reports_audit_clean(run, tmp_path, facts, profile):
    path = write_yaml(tmp_path / "s.yaml", facts)
    data = _report_then_audit(run, tmp_path, path, profile)
    assert data["findings"] == [], [(f["what"], f.get("text"), f.get("how")) for f in data["findings"]]


@settings(max_examples=examples(5), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(schools=st.lists(st.sampled_from(["primary", "junior"]), min_size=2, max_size=5).flatmap(
    lambda stages: st.tuples(*[_school(stage, f"第{index + 1}{'小学' if stage == 'primary' else '中学'}")
                               for index, stage in enumerate(stages)])))
@pytest.mark.parametrize("sample, profile", [("county/county.yaml", None), ("quality/county.yaml", "quality-2017")])
def test_generated_county_reports_audit_clean(run, tmp_path, schools, sample, profile):
    county = yaml.safe_load((SAMPLES / sample).read_text(encoding="utf-8"))
    county["schools"] = [dict(school, kind="school") for school in schools]
    path = write_yaml(tmp_path / "county.yaml", county)
    data = _report_then_audit(run, tmp_path, path, profile)
    assert data["findings"] == [], [(f["what"], f.get("text"), f.get("how")) for f in data["findings"]]
