"""优质均衡 documents and audit: the county 自评报告, the school 自查报告, the 整改方案 with
deficits to the standard and to the 85 % floor, the ledger, and audit claims on Q1–Q7 / CVs."""
from __future__ import annotations

import json

import docx
import pytest

from conftest import REPO, write_yaml
from test_quality import quality_school

COUNTY = REPO / "samples/quality/county.yaml"


def text_of(path) -> str:
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines).replace("\u200d", "").replace("\u2060", "")   # the joiners that keep number+unit


def test_county_self_evaluation_report(run, tmp_path):
    out = run("report", COUNTY, "-o", tmp_path / "r.docx", "--date", "2024-11-20")
    assert out.exit_code == 1, out.output          # the county falls short; the report is written
    text = text_of(tmp_path / "r.docx")
    for heading in ("一、基本情况", "二、主要做法", "三、资源配置", "（二）校际差异系数", "四、政府保障程度", "五、教育质量",
                    "六、社会认可度", "七、一票否决情形核查", "八、存在的问题", "九、下一步工作", "十、自评结论"):
        assert heading in text
    assert "清源县县域义务教育优质均衡发展自评报告" in text
    # the per-indicator CV table: Q2 junior 0.644 above 0.45 is starred
    assert "2 | 每百名学生拥有县级以上骨干教师数 | 0.117 | 0.644＊" in text          # rows numbered, no rule ids
    assert "标准（每项指标） | ≤0.50 | ≤0.45" in text
    assert "初中每百名学生拥有县级以上骨干教师数差异系数为0.644，高于0.45，未达到要求" in text
    # 北关小学 Q5 at 84 %: 7.5 × 1000 × 0.85 − 6300 = 75 ㎡ to the floor, 7500 − 6300 = 1,200 ㎡ to the standard
    assert "达到85%尚需增加体育运动场馆75㎡，达到标准尚需增加体育运动场馆1200㎡" in text
    assert "北关小学 | 小学 | 1000 | 6 | 未达标 | 生均体育运动场馆面积（84%）" in text
    assert "南关小学 | 小学 | 1200 | 6 | 达标 | 生均体育运动场馆面积（85%）" in text
    assert "5 | 小学、初中所有班级学生数分别不超过45人、50人 | 未达到要求 | 小学最大班额48人，要求≤45人" in text
    assert "小学最大班额为48人，未达到不高于45人的要求" in text           # the problem states its figure
    assert "Q5" not in text and "P5" not in text
    assert "经问卷调查，社会认可度为91%，达到85%以上的要求。" in text
    assert "经核查，全县未发生6项一票否决情形中的任何一项。" in text
    assert "后山教学点（在校生不足50人的教学点）、育英学校（民办）、县特殊教育学校（特殊教育学校）按规定不参加" in text
    assert "清源县人民政府" in text and "2024年11月20日" in text


def test_same_facts_same_bytes(run, tmp_path):
    run("report", COUNTY, "-o", tmp_path / "a.docx")
    run("report", COUNTY, "-o", tmp_path / "b.docx")
    assert (tmp_path / "a.docx").read_bytes() == (tmp_path / "b.docx").read_bytes()


def test_plan_deficits_to_standard_and_floor(run, tmp_path):
    out = run("plan", COUNTY, "-o", tmp_path / "p.docx", "--ledger", tmp_path / "l.xlsx")
    assert out.exit_code == 1, out.output
    text = text_of(tmp_path / "p.docx")
    # 柳树湾小学 Q6: 400 students, 640,000 元: to the standard 2000 × 400 − 640,000 = 160,000 元,
    # to 85 %: 0.85 × 2000 × 400 − 640,000 = 40,000 元; cost at 1 元/元 = 16万元
    assert "柳树湾小学：生均教学仪器设备值 | 160000元 | 40000元 | 16万元" in text
    # 北关小学 Q5: 1,200 ㎡ at 300 元/㎡ = 36万元; 75 ㎡ to the floor
    assert "北关小学：生均体育运动场馆面积 | 1200㎡ | 75㎡ | 36万元" in text
    # 杨庄小学 (5 of 7): both items ≥ 85 %, so no floor amount; rooms in 间 at 25,000 元
    assert "杨庄小学：每百名学生拥有网络多媒体教室数 | 1间 | — | 2.5万元" in text
    # a part that passes (南关小学, Q5 at exactly 85 %) needs no rectification item
    assert "南关小学" not in text.split("一、自查发现的问题")[1].split("二、整改目标")[0]
    assert "初中每百名学生拥有县级以上骨干教师数差异系数" in text
    assert "E9" not in text or "国家义务教育质量监测" in text
    import openpyxl
    ledger = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    titles = [row[2].value for row in ledger.iter_rows(min_row=3) if row[2].value]      # 整改项目, in words
    assert "生均体育运动场馆面积" in titles


def test_school_plan_teachers_in_people(run, tmp_path):
    # Q1 35 of 1000 students: 3.5 per 100 = 83.3 % of 4.2; to 85 %: ceil(0.85 × 42 − 35) = ceil(0.7) = 1 人,
    # to the standard 42 − 35 = 7 人, priced by the lever of teachers_above_required_degree in rules/costs.yaml
    # (教师学历提升 20,000 元/人 → 14万元), the price the least-cost plan uses for the same fact.
    facts = write_yaml(tmp_path / "s.yaml", quality_school("primary", name="示例小学",
                                                           teachers_above_required_degree=35))
    out = run("plan", facts, "--profile", "quality-2017", "-o", tmp_path / "p.docx")
    assert out.exit_code == 1, out.output
    text = text_of(tmp_path / "p.docx")
    assert "每百名学生拥有高于规定学历教师数 | 7人 | 1人 | 14万元" in text
    assert "教师学历提升 | 20000元/人" in text


def test_school_report_tables(run, tmp_path):
    out = run("report", REPO / "samples/quality/schools/hongxing-nine-year.yaml", "--profile", "quality-2017",
              "-o", tmp_path / "s.docx")
    assert out.exit_code == 0, out.output           # 初中部 Q5 not met (94 %), 6 of 7: both parts pass
    text = text_of(tmp_path / "s.docx")
    assert "红星九年一贯制学校小学部（达标）" in text and "红星九年一贯制学校初中部（达标）" in text
    # 初中部 Q5: 8200 × 440/940 = 3838.2979 ㎡ for 400 students = 9.60 ㎡; 10.2 × 400 − 3838.2979 = 241.7021 ㎡,
    # rounded up at its last place (criteria §7): 241.71 ㎡
    # a share to one decimal, as a report writes it (94.08 % → 94.1%)
    assert "生均体育运动场馆面积 | ≥10.2㎡/生 | 9.60 | 94.1% | 未达标 | 241.71㎡ | 已达" in text


def test_audit_claims_on_quality_indicators(run):
    out = run("audit", REPO / "samples/quality/audit/county-claims.yaml", "--json")
    assert out.exit_code == 1, out.output
    data = json.loads(out.output)
    findings = {(f["of"], f.get("stage"), f["measure"]): f for f in data["findings"]}
    assert set(findings) == {("Q2", "junior", "value"), ("Q2", "junior", "verdict"),
                             ("sports_area_m2", "primary", "per_student")}
    assert findings[("Q2", "junior", "value")]["recomputed"] == pytest.approx(0.644, abs=0.0005)
    agreed = {(f["of"], f.get("stage"), f["measure"]) for f in data["agreed"]}
    assert ("Q2", "primary", "verdict") in agreed and ("QC5", None, "value") in agreed


def test_check_xlsx_for_quality(run, tmp_path):
    out = run("check", COUNTY, "--xlsx", tmp_path / "r.xlsx")
    assert out.exit_code == 1, out.output
    import openpyxl
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["县域认定条件", "差异系数", "各校资源配置", "政府保障、教育质量与否决"]
    junior = [c.value for c in wb["差异系数"][3]]
    assert junior[:9] == ["初中", 0.141, 0.644, 0.058, 0.014, 0.071, 0.017, 0.012, 0.45]
    assert wb["差异系数"]["C3"].fill.fgColor.rgb.endswith("FFC7CE")      # Q2 初中 in red
    assert not wb["差异系数"]["B3"].fill.fgColor.rgb.endswith("FFC7CE")


def test_gap_report_for_a_basic_county(run, tmp_path):
    # A basic-balance county checked against 优质均衡: the report says first what data it lacks.
    out = run("report", REPO / "samples/county/county.yaml", "--profile", "quality-2017", "-o", tmp_path / "g.docx")
    assert out.exit_code == 1, out.output
    text = text_of(tmp_path / "g.docx")
    problems = text.split("八、存在的问题")[1]
    assert problems.lstrip().startswith("1．尚缺以下数据，补齐后方能完整判定：县级以上骨干教师数、体育、艺术专任教师数")
    assert "社会认可度缺少调查数据，暂无法判定。" in text
