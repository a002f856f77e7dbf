"""junheng report / plan: 自查报告, 整改方案 and 整改台账.

The documents are re-opened (python-docx: paragraphs AND table cells; openpyxl for the ledger)
and the figures in them are checked against numbers worked out by hand below. One LibreOffice
run per module converts the three documents to PDF, read back with pdftotext.
"""
from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from docx import Document

from conftest import REPO, school, write_yaml

# A primary school short on three things, worked out by hand (basic-2012: 5.2 ㎡, 15 册, 8 生/台):
#   building 3,900 ㎡ / 840 = 4.642… → "4.64"; short 5.2 × 840 − 3,900 = 468 ㎡
#   books 10,500 / 840 = 12.5;                 short 15 × 840 − 10,500 = 2,100 册
#   840 students / 90 computers = 9.33 : 1;    short ceil(840 / 8) − 90 = 105 − 90 = 15 台
# Costs (rules/costs.yaml): 468 × 3,000 = 1,404,000; 2,100 × 30 = 63,000; 15 × 4,500 = 67,500
#   → 140.4 + 6.3 + 6.75 = 153.45 万元.
SHORT = dict(students=840, classes=20, building_area_m2=3900, books=10500, computers=90, teachers=50,
             teachers_above_required_degree=40, teachers_mid_senior_title=20)


def docx_text(path: Path) -> str:
    """Every paragraph and every table cell (nested tables too), one per line."""
    document = Document(str(path))
    lines = [p.text for p in document.paragraphs]

    def cells(tables):
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
                    cells(cell.tables)
    cells(document.tables)
    for section in document.sections:
        lines.extend(p.text for p in section.footer.paragraphs)
    return _visible("\n".join(lines))


def _visible(text: str) -> str:
    """Without the invisible line-break joiners (U+200D, U+2060) the documents carry for layout."""
    return text.replace("\u200d", "").replace("\u2060", "")


def table_rows(path: Path) -> list[list[str]]:
    rows = []
    for table in Document(str(path)).tables:
        for row in table.rows:
            rows.append([_visible(cell.text) for cell in row.cells])
    return rows


def row_of(rows, first_cell_start: str) -> list[str]:
    matches = [row for row in rows if row[0].startswith(first_cell_start)]
    assert matches, f"no table row starting {first_cell_start!r}"
    return matches[0]


@pytest.fixture
def short_school(tmp_path):
    return write_yaml(tmp_path / "short.yaml", school(name="短板小学", year=2024, **SHORT))


@pytest.fixture(scope="module")
def samples_out(tmp_path_factory):
    """The school report, county report and plan of the samples, written once through the CLI."""
    from click.testing import CliRunner

    from generator.cli import main
    folder = tmp_path_factory.mktemp("samples")
    runner = CliRunner()
    out = {"school": folder / "东社小学自查报告.docx", "county": folder / "清河县自查报告.docx",
           "plan": folder / "清河县整改方案.docx", "ledger": folder / "清河县整改台账.xlsx"}
    for args in (["report", REPO / "samples/dongshe-primary.yaml", "-o", out["school"], "--date", "2024-09-01"],
                 ["report", REPO / "samples/county/county.yaml", "-o", out["county"], "--date", "2024-09-01"],
                 ["plan", REPO / "samples/county/county.yaml", "-o", out["plan"], "--ledger", out["ledger"]]):
        result = runner.invoke(main, [str(a) for a in args])
        assert result.exit_code == 1, result.output          # the samples fall short somewhere
    return out


# ---------------------------------------------------------------- school report
def test_school_report_numbers_in_paragraphs_and_tables(tmp_path, run, short_school):
    out = tmp_path / "报告.docx"
    result = run("report", short_school, "-o", out, "--date", "2024-09-01")
    assert result.exit_code == 1, result.output
    text = docx_text(out)
    # the sentences, in the seeds' style
    # each problem from the facts behind it: the fact, the students, how far; no
    # thousands separators; the passing items counted, not recited
    assert "生均图书册数仅12.5册（图书册数10500册，在校生840人），低于15册的标准，尚缺图书2100册。" in text
    assert ("生均校舍建筑面积（不含宿舍）仅4.64平方米（校舍建筑面积3900平方米，在校生840人），"
            "低于5.2平方米的标准，尚缺校舍468平方米。") in text
    assert "生机比为9.3:1（计算机台数90台，在校生840人），未达到不高于8:1的要求，尚缺计算机15台。" in text
    assert "生均运动场地面积、" in text and "等7项达到标准。" in text        # 6000 / 840 = 7.142… passes
    assert "K3" not in text and "K1" not in text                               # rule ids only in ledgers
    # the table: 指标, 标准, 实际, 结论, 尚缺
    rows = table_rows(out)
    assert row_of(rows, "生均图书册数") == ["生均图书册数", "≥ 15册/生", "12.5", "未达标", "2100册"]
    assert row_of(rows, "生均校舍建筑面积")[2:] == ["4.64", "未达标", "468㎡"]
    assert row_of(rows, "生机比")[2:] == ["9.3", "未达标", "15台"]
    assert row_of(rows, "生均运动场地面积")[3:] == ["达标", "—"]
    assert "应评10项，达标7项，未达标3项" in text
    assert "在校生840人" in text and "专任教师50人" in text
    assert "短板小学尚未达到办学基本标准" in text
    assert "2024年9月1日" in text and "短板小学" in text


def test_school_meeting_everything_exits_0_and_says_so(tmp_path, run):
    facts = write_yaml(tmp_path / "good.yaml", school(name="达标小学"))
    out = tmp_path / "good.docx"
    result = run("report", facts, "-o", out)
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert "达标10项" in text and "未达标" not in text.split("三、存在的问题")[0].split("二、")[1].split("。")[0]
    assert "各项指标均已达到要求" in text
    assert "达标小学达到办学基本标准" in text


def test_missing_fact_is_reported_not_guessed(tmp_path, run):
    facts = write_yaml(tmp_path / "m.yaml", school(name="缺数小学", books=None))
    out = tmp_path / "m.docx"
    assert run("report", facts, "-o", out).exit_code == 1
    text = docx_text(out)
    assert "缺少图书" in text and "暂无法判定" in text
    assert row_of(table_rows(out), "生均图书册数")[3] == "缺数据"


def test_no_date_leaves_a_blank_and_says_so(tmp_path, run, short_school):
    out = tmp_path / "r.docx"
    result = run("report", short_school, "-o", out)
    assert "--date" in result.stderr
    assert "　　年　　月　　日" in docx_text(out)


# ---------------------------------------------------------------- county report
def test_county_report_tables_carry_the_verdicts(samples_out):
    from generator.criteria.evaluate import evaluate
    from generator.io.facts import load_facts
    from generator.criteria.profiles import load_profile

    county = load_facts(REPO / "samples/county/county.yaml")
    result = evaluate(county, load_profile(county.get("profile") or "basic-2012"))
    text = docx_text(samples_out["county"])
    rows = table_rows(samples_out["county"])
    # 学校概况: the student total over the schools (spanning schools: all their 学段)
    total = sum(sum(s.facts["students"].values()) for s in county.schools)
    assert f"在校生{total}人" in text                        # no thousands separators, as reports write figures
    assert f"共有义务教育阶段学校{len(county.schools)}所" in text
    # CV table per 学段: every printed CV and the composite
    for stage, table in result.cv.items():
        for key in [k for k in table if k.startswith("M")]:
            name = next(i.name for i in load_profile("basic-2012").monitoring["indicators"] if i.id == key)
            assert any(row[0] == name and row[1] == f"{table[key]:.3f}" for row in rows), (stage, key)
        composite = f"{table['composite']:.3f}"
        assert any(row[-1] == composite and "综合差异系数" in row[0] for row in rows)
        assert f"综合差异系数为{composite}" in text
    # government score table: one row per B item with its score, A subtotals, the total
    # (rule ids are not printed: the rows are found by the item's name)
    for item in result.government["items"]:
        row = [r for r in rows if r[0] == item["name"]][0]
        assert float(row[2]) == item["score"]
    assert row_of(rows, "保障机制（小计）")[2] == "24"       # B8 loses 1 of A2's 25 points
    # B8 said from the facts: the series that fell, and by how much
    assert "生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，有1年负增长" in text
    assert "音乐教师应配42人、实有40人，缺2人" in text            # B18 names the subject short
    score = result.government["score"]
    assert f"评估得分{score:g}分" in text
    # the four conditions, and the failing schools named
    for condition in ("一是", "二是", "三是", "四是"):
        assert condition in text
    failing = [s.name for s in result.schools if s.status == "fail"]
    assert f"尚有{len(failing)}所学校未达标（{'、'.join(failing)}）" in text
    assert "C2" not in text and "B8" not in text and "K3" not in text
    assert "须按整改方案限期整改" in text


# ---------------------------------------------------------------- plan and ledger
def test_plan_quantities_costs_deadlines(tmp_path, run, short_school):
    out, ledger = tmp_path / "方案.docx", tmp_path / "台账.xlsx"
    result = run("plan", short_school, "-o", out, "--ledger", ledger)
    assert result.exit_code == 1, result.output
    text = docx_text(out)
    rows = table_rows(out)
    # undated (no --date): the years of the plan are counted, not guessed from the data's year
    assert row_of(rows, "1")[2:] == ["468㎡", "140.4万元", "（待填）", "第一年"]
    assert any(row[1] == "生均图书册数" and row[2:4] == ["2100册", "6.3万元"] for row in rows)
    assert any(row[1] == "生机比" and row[2:4] == ["15台", "6.75万元"] for row in rows)
    assert [row for row in rows if row[1] == "合计"][0][2:4] == ["", "153.45万元"]
    assert "共有3项未达到标准，估算整改资金153.45万元" in text      # not "未达到标准或缺少数据"
    assert "采购图书2100册" in text and "新增学生用计算机15台，使生机比达到8:1" in text
    assert "附件：资金测算单价" in text                                # 附件说明, the table on its own page
    assert "按图书30元/册测算" in text
    assert "第一年（建设推进年）" in text and "2024年" not in text
    assert "第一年为“建设推进年”" in text and "第三年为“完善迎评年”" in text
    dated = tmp_path / "dated.docx"
    assert run("plan", short_school, "-o", dated, "--date", "2025-06-01").exit_code == 1
    # dated 2025-06-01: the three years start from the document's date, never from the data's 2024
    dated_text = docx_text(dated)
    assert "2025年底前（建设推进年）" in dated_text and "2027年为“完善迎评年”" in dated_text
    assert "2024年底前" not in dated_text
    late = run("plan", short_school, "-o", tmp_path / "late.docx", "--date", "2025-06-01", "--deadline", "2025-01-31")
    assert late.exit_code == 2 and "早于成文日期" in late.output and not (tmp_path / "late.docx").exists()


def test_ledger_rows_validation_frozen_header_widths(tmp_path, run, short_school):
    from openpyxl import load_workbook
    out, ledger = tmp_path / "方案.docx", tmp_path / "台账.xlsx"
    assert run("plan", short_school, "-o", out, "--ledger", ledger).exit_code == 1
    ws = load_workbook(ledger)["整改台账"]
    header = [c.value for c in ws[2]]
    # the item in words, no rule-id column; fourteen columns that print on one A3 sheet
    assert header[:3] == ["序号", "学校", "整改项目"] and "指标" not in header and len(header) == 14
    assert {"整改状态", "完成日期", "佐证材料"} <= set(header)
    items = [row for row in ws.iter_rows(min_row=3, values_only=True) if isinstance(row[0], int)]
    # 需增加 is a number Excel can add, its unit in the next column
    assert [(r[2], r[5], r[6], r[7]) for r in items] == [("生均校舍建筑面积（不含宿舍）", 468, "㎡", 140.4),
                                                         ("生均图书册数", 2100, "册", 6.3), ("生机比", 15, "台", 6.75)]
    status_col = header.index("整改状态") + 1
    assert all(r[status_col - 1] == "未开始" for r in items)
    total_row = 3 + len(items)
    assert ws.cell(row=total_row, column=1).value == "合计"
    assert ws.cell(row=total_row, column=8).value == f"=SUM(H3:H{total_row - 1})"
    assert ws.freeze_panes == "A3"
    # wide enough for the texts, narrow enough that fit-to-width on A3 keeps the text near 10 pt
    widths = [ws.column_dimensions[chr(ord("A") + i)].width for i in range(14)]
    assert widths[3] >= 30 and widths[4] >= 30 and sum(widths) <= 180
    assert ws.page_margins.left <= 0.5 and ws.page_margins.right <= 0.5
    deadline = ws.cell(row=3, column=header.index("完成时限") + 1).value
    assert deadline == "第一年\n（建设推进年）"      # undated 第一年…; the phase on its own line, never a lone "（" at a line's end
    assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A3) and ws.page_setup.orientation == "landscape"
    notes = "\n".join(str(c.value) for c in load_workbook(ledger)["填写说明"]["A"] if c.value)
    assert "junheng" not in notes
    validations = {dv.type: dv for dv in ws.data_validations.dataValidation}
    assert validations["list"].formula1 == '"未开始,整改中,已完成,已销号"'
    assert str(validations["list"].sqref) == f"K3:K{total_row - 1}"
    assert validations["date"].operator == "greaterThan" and str(validations["date"].sqref) == f"L3:L{total_row - 1}"


def test_plan_responsibles_deadline_and_county_costs(tmp_path, run):
    facts = write_yaml(tmp_path / "r.yaml", school(name="责任小学", year=2024,
                                                    responsibles={"K3": "图书室 张老师", "default": "总务处"}, **SHORT))
    costs = tmp_path / "本县单价.yaml"
    costs.write_text("book: {value: 25, note: 县采购目录}\n", encoding="utf-8")
    out = tmp_path / "p.docx"
    assert run("plan", facts, "-o", out, "--costs", costs, "--deadline", "2025-08-31").exit_code == 1
    rows = table_rows(out)
    books = [row for row in rows if row[1] == "生均图书册数"][0]
    assert books[3:] == ["5.25万元", "图书室 张老师", "2025年8月31日前"]   # 2,100 × 25 = 52,500
    building = [row for row in rows if row[1].startswith("生均校舍")][0]
    assert building[4] == "总务处"
    text = docx_text(out)
    assert "县采购目录" in text and "统一于2025年8月31日前完成" in text
    assert "估算整改资金152.4万元" in text                     # 140.4 + 5.25 + 6.75 (hand sum)


def test_bad_costs_file_names_the_key(tmp_path, run, short_school):
    costs = tmp_path / "c.yaml"
    costs.write_text("bookz: 25\ncomputer: 很贵\n", encoding="utf-8")
    out = tmp_path / "p.docx"
    result = run("plan", short_school, "-o", out, "--costs", costs)
    assert result.exit_code == 2
    assert "bookz" in result.output and "book" in result.output and "第 1 行" in result.output
    assert "很贵" in result.output and "第 2 行" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_county_plan_items_by_school_and_government(samples_out):
    text = docx_text(samples_out["plan"])
    rows = table_rows(samples_out["plan"])
    assert any(row[1] == "石门小学：生均图书册数" and row[2] == "1500册" for row in rows)
    # a 民办 school's playground is its own money, not the county's
    assert any(row[1] == "育英学校：生均运动场地面积" and row[3] == "举办者自筹" for row in rows)
    assert "另有民办学校整改资金43.32万元由举办者自筹，不计入" in text      # 1444 × 300 = 433200
    assert any(row[1] == "音体美等学科教师配齐" and row[2] == "音乐教师2人" for row in rows)
    assert any(row[1].startswith("音体美等学科教师配齐") for row in rows)
    assert "第一年（建设推进年）" in text                 # the sample plan is undated: no year is guessed


# ---------------------------------------------------------------- the standards every document keeps
NASTY = "A&B <一小> {{x}} {%y%}"


def test_names_with_markup_render_literally(tmp_path, run):
    facts = write_yaml(tmp_path / "n.yaml", school(name=NASTY, **SHORT))
    report, plan, ledger = tmp_path / "r.docx", tmp_path / "p.docx", tmp_path / "l.xlsx"
    assert run("report", facts, "-o", report).exit_code == 1
    assert run("plan", facts, "-o", plan, "--ledger", ledger).exit_code == 1
    # the title is longer than the 二号 line: it breaks after the name (rendered_layout.break_title)
    assert f"{NASTY}\n义务教育均衡发展自查报告" in docx_text(report)
    assert f"{NASTY}\n义务教育均衡发展整改方案" in docx_text(plan)
    from openpyxl import load_workbook
    assert load_workbook(ledger)["整改台账"]["B3"].value == NASTY
    xml = zipfile.ZipFile(report).read("word/document.xml").decode("utf-8")
    assert "A&amp;B &lt;一小&gt;" in xml


def test_same_input_same_bytes(tmp_path, run, short_school):
    outputs = []
    for attempt in ("1", "2"):
        folder = tmp_path / attempt
        folder.mkdir()
        assert run("report", short_school, "-o", folder / "r.docx").exit_code == 1
        assert run("plan", short_school, "-o", folder / "p.docx", "--ledger", folder / "l.xlsx").exit_code == 1
        outputs.append([(folder / name).read_bytes() for name in ("r.docx", "p.docx", "l.xlsx")])
    assert outputs[0] == outputs[1]


def test_existing_output_is_refused_without_force(tmp_path, run, short_school):
    out = tmp_path / "r.docx"
    out.write_bytes(b"keep me")
    result = run("report", short_school, "-o", out)
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == b"keep me"
    ledger = tmp_path / "l.xlsx"
    ledger.write_bytes(b"keep")
    result = run("plan", short_school, "-o", tmp_path / "p.docx", "--ledger", ledger)
    assert result.exit_code == 2 and not (tmp_path / "p.docx").exists() and ledger.read_bytes() == b"keep"
    assert run("report", short_school, "-o", out, "--force").exit_code == 1
    assert "12.5" in docx_text(out)


def test_user_template_with_unknown_field_exits_2(tmp_path, run, short_school):
    import sys
    sys.path.insert(0, str(REPO / "tools"))
    import gbt9704 as g
    doc = g.new_document()
    g.add_title(doc, "红头文件")
    g.add_paragraph(doc, "{{ schol.name }}：{{ conclusion }}")
    template = g.save(doc, tmp_path / "my.docx")
    out = tmp_path / "r.docx"
    result = run("report", short_school, "--template", template, "-o", out, "--lang", "en")
    assert result.exit_code == 2
    assert "schol" in result.output and "school" in result.output and "my.docx" in result.output
    assert "Traceback" not in result.output and not out.exists()
    # the same template, fixed, works: a user's letterhead is filled with the report's fields
    doc = g.new_document()
    g.add_title(doc, "红头文件")
    g.add_paragraph(doc, "{{ school.name }}：{{ conclusion }}")
    g.save(doc, template)
    assert run("report", short_school, "--template", template, "-o", out).exit_code == 1
    assert "短板小学：对照省定义务教育学校办学基本标准" in docx_text(out)


def test_a_document_named_like_a_template_in_the_working_directory_is_not_the_template(
        tmp_path, run, short_school, monkeypatch):
    # `junheng plan county.yaml -o plan.docx`, then the same for a school with --force: the
    # plan.docx now lying in the working directory is junheng's own output, not the template.
    import sys
    sys.path.insert(0, str(REPO / "tools"))
    import gbt9704 as g
    monkeypatch.chdir(tmp_path)
    doc = g.new_document()
    g.add_paragraph(doc, "别的县的整改方案，没有任何字段")
    g.save(doc, tmp_path / "plan.docx")
    g.save(doc, tmp_path / "report-school.docx")
    assert run("plan", short_school, "-o", "plan.docx", "--force").exit_code == 1
    assert "短板小学义务教育均衡发展整改方案" in docx_text(tmp_path / "plan.docx")
    assert run("report", short_school, "-o", "r.docx").exit_code == 1
    assert "短板小学义务教育均衡发展自查报告" in docx_text(tmp_path / "r.docx")
    # while --template with the same bare name is the user's file in the working directory
    g.add_paragraph(doc, "{{ school.name }}的自定义报告")
    g.save(doc, tmp_path / "report-school.docx")
    assert run("report", short_school, "--template", "report-school.docx", "-o", "mine.docx").exit_code == 1
    assert "短板小学的自定义报告" in docx_text(tmp_path / "mine.docx")


def test_list_fields_covers_every_template_field(run, short_school):
    from generator.render.documents import template_fields
    result = run("report", short_school, "--list-fields")
    assert result.exit_code == 0, result.output
    listed = {line.split(":")[0].split("（")[0].strip() for line in result.stdout.splitlines()
              if line.startswith("  ") and not line.startswith("      ")}
    assert set(template_fields("report-school.docx")) <= listed
    assert "stages" in listed and "sentences" in listed
    result = run("plan", short_school, "--list-fields")
    listed = {line.split(":")[0].split("（")[0].strip() for line in result.stdout.splitlines()
              if line.startswith("  ") and not line.startswith("      ")}
    assert set(template_fields("plan.docx")) <= listed and "items" in listed
    county = run("report", REPO / "samples/county/county.yaml", "--list-fields")
    assert county.exit_code == 0 and "cv_tables" in county.stdout and "government_rows" in county.stdout


def test_bad_input_exits_2_in_chinese_and_english(tmp_path, run, short_school):
    bad = write_yaml(tmp_path / "bad.yaml", school(books="很多"))
    result = run("report", bad, "-o", tmp_path / "r.docx")
    assert result.exit_code == 2 and "books" in result.output and "第" in result.output
    result = run("report", bad, "-o", tmp_path / "r.docx", "--lang", "en")
    assert result.exit_code == 2 and "line" in result.output
    centre = REPO / "samples/dongong-centre.yaml"
    assert run("report", centre, "-o", tmp_path / "c.docx").exit_code == 2
    assert run("plan", short_school, "-o", tmp_path / "p.docx", "--deadline", "明年").exit_code == 2
    assert run("report", short_school, "-o", tmp_path / "r.txt").exit_code == 2
    assert run("report", short_school).exit_code == 2
    assert not list(tmp_path.glob("*.docx"))


def test_pdf_without_libreoffice_says_how_to_install(tmp_path, run, short_school, monkeypatch):
    import generator.render.pdf as documents
    monkeypatch.setattr(documents, "soffice_command", lambda: None)
    out = tmp_path / "r.docx"
    result = run("report", short_school, "-o", out, "--pdf")
    assert result.exit_code == 2 and "LibreOffice" in result.output and "apt-get" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- --each-school
def test_each_school_writes_the_good_and_names_the_bad(tmp_path, run):
    folder = tmp_path / "county"
    shutil.copytree(REPO / "samples/county", folder)
    bad = folder / "schools/hekou.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("books:", "books: 很多\nbooks_old:", 1),
                   encoding="utf-8")
    out = tmp_path / "各校"
    result = run("report", folder / "county.yaml", "--each-school", "-o", out, "--jobs", "2")
    assert result.exit_code == 2, result.output
    assert "hekou.yaml" in result.output and "books" in result.output
    written = sorted(p.name for p in out.glob("*.docx"))
    assert len(written) == 13 and "河口小学自查报告.docx" not in written
    assert "石门小学：" not in docx_text(out / "石门小学自查报告.docx")     # a school's own report
    assert "生均图书册数仅12.5册" in docx_text(out / "石门小学自查报告.docx")
    # again, without --force: refused before anything is written
    again = run("report", folder / "county.yaml", "--each-school", "-o", out)
    assert again.exit_code == 2 and "--force" in again.output


def test_each_school_matches_the_single_report_bytes(tmp_path, run):
    out = tmp_path / "各校"
    result = run("report", REPO / "samples/county/county.yaml", "--each-school", "-o", out, "--date", "2024-09-01")
    assert result.exit_code == 1, result.output
    assert len(list(out.glob("*.docx"))) == 14
    single = tmp_path / "one.docx"
    assert run("report", REPO / "samples/county/schools/hekou.yaml", "-o", single,
               "--date", "2024-09-01").exit_code in (0, 1)
    assert single.read_bytes() == (out / "河口小学自查报告.docx").read_bytes()


# ---------------------------------------------------------------- PDF (one LibreOffice run)
@pytest.fixture(scope="module")
def pdf_texts(samples_out):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) not installed; CI installs both")
    from generator.render.pdf import convert_many_to_pdf
    docs = [samples_out["school"], samples_out["county"], samples_out["plan"]]
    texts = {}
    for docx, pdf in zip(docs, convert_many_to_pdf(docs)):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
                    .stdout.split("Pages:")[1].split()[0])
        fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
        texts[docx.stem] = (text, pages, fonts)
    return texts


def _squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.pdf
def test_pdf_school_report_text_and_page_numbers(pdf_texts):
    text, pages, fonts = pdf_texts["东社小学自查报告"]
    flat = _squeeze(text)
    # 东社小学: 981 students; 10,600 books → 10.8 册, short 15 × 981 − 10,600 = 4,115
    assert "生均图书册数仅10.8册（图书册数10600册，在校生981人），低于15册的标准，尚缺图书4115册" in flat
    assert "尚缺校舍1485.2平方米" in flat                       # 5.2 × 981 − 3616
    assert "尚缺计算机13台" in flat                              # ceil(981 / 8) − 110
    for page in range(1, pages + 1):
        assert f"—{page}—" in flat
    assert "CJK" in fonts                                        # Chinese set in a CJK face, not boxes


@pytest.mark.pdf
def test_pdf_county_report_and_plan(pdf_texts):
    text, pages, _ = pdf_texts["清河县自查报告"]
    flat = _squeeze(text)
    assert "综合差异系数为0.081" in flat and "综合差异系数为0.048" in flat
    assert "评估得分96分" in flat and pages >= 3
    text, _, _ = pdf_texts["清河县整改方案"]
    flat = _squeeze(text)
    assert "石门小学：生均图书册数" in flat and "1500册" in flat and "整改措施" in flat


def test_spanning_school_has_a_table_per_stage(tmp_path, run):
    out = tmp_path / "r.docx"
    assert run("report", REPO / "samples/county/schools/hongxing-nine-year.yaml", "-o", out).exit_code == 0
    text = docx_text(out)
    assert "（一）小学部" in text.splitlines() and "（二）初中部" in text.splitlines()
    assert "在校生1090人（小学640人、初中450人）" in text                # 640 + 450
    assert "应评20项，达标20项" in text                                  # ten conditions × two 学段


def test_own_measures_library(tmp_path, run, short_school):
    library = yaml.safe_load((REPO / "rules/measures.yaml").read_text(encoding="utf-8"))
    library["items"]["K3"]["measures"] = ["向县图书馆申请调拨图书{quantity}"]
    mine = tmp_path / "措施.yaml"
    mine.write_text(yaml.safe_dump(library, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "p.docx"
    assert run("plan", short_school, "-o", out, "--measures", mine).exit_code == 1
    assert "向县图书馆申请调拨图书2100册" in docx_text(out)
