"""Documents a county office files as they are.

Prose from the facts, narrative sections (given or marked 〔请补充〕), the document number style,
templates robust to clerks, dates, and (with LibreOffice) the PDF pages themselves: the
signature never alone on a page, no page starting with a stranded line, the fonts, the same
bytes twice. Expected figures are worked by hand in the comments.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import REPO, school, write_yaml

SHORT = dict(students=840, classes=20, building_area_m2=3900, books=10500, computers=90, teachers=50,
             teachers_above_required_degree=40, sports_area_m2=6000, year=2024)


def docx_text(path: Path) -> str:
    from docx import Document
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts).replace("\u200d", "").replace("\u2060", "")


# ---------------------------------------------------------------- number style
def test_document_numbers():
    from generator.numbers import doc_money, doc_number, doc_percent, doc_plain
    assert doc_number(13125) == "13125"                      # no thousands separator
    assert doc_number(Decimal("5.20")) == "5.2" and doc_number(Decimal("1.00")) == "1"
    assert doc_number(Decimal("3.6863"), 2) == "3.69"        # half-up at the rule's precision
    assert doc_percent(Decimal("0.85")) == "85%" and doc_percent(Decimal("0.855")) == "85.5%"
    assert doc_money(Decimal("362400.45")) == "36.24万元"   # 362400.45 / 10000 = 36.240045
    assert doc_money(9000) == "9000元"                       # under 10000 元 stays in 元
    assert doc_plain("1,485.20 ㎡") == "1485.2㎡" and doc_plain("85.00%") == "85%"


def test_no_characters_are_added_to_keep_lines_together():
    """No invisible joiner and no space a Chinese document would not write: the text is as written.
    "%" keeps its number by the line-breaking rules; ㎡ is in the templates' 首尾字符 list."""
    from generator.render.prose import for_print, keep_names, keep_together
    text = "尚缺5.2㎡，达到85%，带宽100Mbps"
    assert keep_together(text) == text and keep_names("石门小学校长 王立新") == "石门小学校长 王立新"
    assert for_print({"a": [text]}) == {"a": [text]}
    settings = zipfile.ZipFile(REPO / "doc_templates" / "plan.docx").read("word/settings.xml").decode()
    from generator.render.pdf import NO_LINE_END, NO_LINE_START
    from xml.sax.saxutils import escape
    assert f'<w:noLineBreaksBefore w:lang="zh-CN" w:val="{escape(NO_LINE_START, {chr(34): "&quot;"})}"' in settings
    assert f'<w:noLineBreaksAfter w:lang="zh-CN" w:val="{escape(NO_LINE_END, {chr(34): "&quot;"})}"' in settings


def test_pdf_profile_keeps_numbers_with_their_units(tmp_path):
    """LibreOffice does not read a .docx's 首尾字符 lists: the private profile of each PDF run sets
    them (a digit never ends a line, ㎡ never starts one)."""
    from generator.render.pdf import NO_LINE_END, NO_LINE_START, _seed_profile
    _seed_profile(tmp_path)
    xcu = (tmp_path / "user" / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert "AsianLayout/StartEndCharacters" in xcu and 'oor:name="zh-CN"' in xcu
    assert "0123456789" in NO_LINE_END and "㎡" in NO_LINE_START and "%" in NO_LINE_START
    # a figure is not split at its decimal point, ratio colon, minus sign or unit slash:
    # "4.\n1%" was printed before the point was in the list
    assert all(ch in NO_LINE_END for ch in ".:-/") and "/" in NO_LINE_START
    from xml.sax.saxutils import escape
    assert escape(NO_LINE_END) in xcu and escape(NO_LINE_START) in xcu


def _signature_paragraphs(path):
    from lxml import etree
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    found = {}
    for p in body.iter(f"{w}p"):
        style = p.find(f"{w}pPr/{w}pStyle")
        if style is not None and style.get(f"{w}val") in ("Signature", "Date"):
            ind = p.find(f"{w}pPr/{w}ind")
            found[style.get(f"{w}val")] = ("".join(t.text or "" for t in p.iter(f"{w}t")),
                                           None if ind is None else ind.get(f"{w}right"))
    return found


def test_signer_centred_over_the_date(tmp_path, run):
    from generator.render.prose import centre_over, signer_indent, text_width_em
    # "2024年9月1日": 6 digits × ½ + 3 characters = 6 em; "东社小学" 4 em → 1 em each side
    assert text_width_em("2024年9月1日") == 6
    assert centre_over("东社小学", "2024年9月1日") == "东社小学"          # no padding characters
    assert signer_indent("东社小学", "2024年9月1日") == (4 + 1) * 320     # twips: 右空四字 + 1 em
    facts = write_yaml(tmp_path / "s.yaml", school(name="东社小学"))
    out = tmp_path / "r.docx"
    run("report", facts, "-o", out, "--date", "2024-09-01")
    found = _signature_paragraphs(out)
    # the 署名 gets the wider right indent (its own paragraph property); the date keeps its style's 4 em
    assert found["Signature"] == ("东社小学", str((4 + 1) * 320)) and found["Date"] == ("2024年9月1日", None)


# ---------------------------------------------------------------- prose from the facts
def test_problems_are_stated_from_the_facts(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school(name="短板小学", **SHORT))
    out = tmp_path / "r.docx"
    assert run("report", facts, "-o", out, "--date", "2024-09-01").exit_code == 1
    text = docx_text(out)
    # 3900 / 840 = 4.642… → 4.64; short 5.2 × 840 − 3900 = 468
    assert "仅4.64平方米（校舍建筑面积3900平方米，在校生840人），低于5.2平方米的标准，尚缺校舍468平方米" in text
    # the standard as a real report says it: 不高于8:1 (840 / 90 = 9.33 → 9.3)
    assert "生机比为9.3:1（计算机台数90台，在校生840人），未达到不高于8:1的要求" in text
    # passing items counted, not recited one by one
    assert "等7项达到标准" in text and "生均运动场地面积为" not in text
    # the official document cited; no software words
    assert "《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）" in text
    for word in ("默认", "basic-2012", "seed", "K1", "K3", "K4"):
        assert word not in text, word


def test_county_government_items_from_the_facts(tmp_path, run):
    out = tmp_path / "p.docx"
    run("plan", REPO / "samples/county/county.yaml", "-o", out, "--date", "2024-09-01")
    text = docx_text(out)
    # B8: the series that fell (5%, −1.2%, 3.3%), not the criterion restated
    assert "生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，有1年负增长，该项扣1分（满分5分，得4分）" in text
    # B18: the subject short, by name (音乐 42 required, 40 actual)
    assert "音乐教师应配42人、实有40人，缺2人" in text and "音乐教师2人" in text
    # 民办 育英学校: 1444 ㎡ × 300 元 = 433200 元 is the school's own, not in the county total
    # (172 ... the county total 55.56万元 = 17.16 + 4.5 + 15 + 0.9 + 18)
    assert "估算整改资金55.56万元" in text and "举办者自筹" in text


# ---------------------------------------------------------------- narrative sections
def test_narrative_given_is_used_and_the_rest_marked(tmp_path, run):
    narrative = {"统筹管理": "学校成立了以校长为组长的领导小组。\n每月召开一次推进会。", "主要做法和经验": "坚持以县为主。"}
    facts = write_yaml(tmp_path / "n.yaml", school(name="叙述小学", narrative=narrative, **SHORT))
    out = tmp_path / "r.docx"
    result = run("report", facts, "-o", out, "--date", "2024-09-01")
    assert result.exit_code == 1, result.output
    lines = docx_text(out).splitlines()
    assert "学校成立了以校长为组长的领导小组。" in lines and "每月召开一次推进会。" in lines   # one paragraph each
    assert "坚持以县为主。" in lines                                  # the longer title is an alias
    # 经费投入 drafted from the facts (the equipment, books, computers the school holds), and asks
    # for what no fact gives; 师资队伍 from the teachers; 教育教学管理 from the courses and bandwidth
    assert "〔请补充：近三年各年经费投入的金额和主要用途（以账目为准）〕" in lines
    assert any(line.startswith("学校现有专任教师50人；高于规定学历的教师40人") for line in lines)
    assert not any("统筹管理方面" in line or "〔请补充：本校规划" in line for line in lines)
    assert "1 处叙述待补充（经费投入）" in result.stderr
    assert "3 节叙述（经费投入、师资队伍、教育教学管理）由事实文件中的数据起草" in result.stderr


def test_narrative_in_a_workbook_round_trips(tmp_path, run):
    import yaml
    book = tmp_path / "s.xlsx"
    assert run("export", REPO / "samples/dongshe-primary.yaml", "-o", book).exit_code == 0
    back = tmp_path / "s.yaml"
    assert run("export", book, "-o", back).exit_code == 0
    data = yaml.safe_load(back.read_text(encoding="utf-8"))
    assert data["narrative"]["统筹管理"].startswith("学校依据上级文件制订了义务教育均衡发展规划")


# ---------------------------------------------------------------- headings, annexes, dates
def test_single_stage_has_no_lone_sub_heading_and_one_item_no_number(tmp_path, run):
    facts = write_yaml(tmp_path / "one.yaml", school(name="一项小学", books=15000, students=840, year=2024))
    out = tmp_path / "p.docx"
    run("plan", facts, "-o", out)
    lines = docx_text(out).splitlines()
    assert not any(line.startswith("（一）") and "加强组织领导" not in line for line in lines)
    report = tmp_path / "r.docx"
    run("report", facts, "-o", report)
    lines = docx_text(report).splitlines()
    assert "（一）统筹管理" in lines and "（四）教育教学管理" in lines
    assert not any(line.startswith("（一）小学") for line in lines)


def test_plan_without_year_takes_the_year_of_date(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school(name="无年小学", **{**SHORT, "year": None}))
    out = tmp_path / "p.docx"
    run("plan", facts, "-o", out, "--date", "2025-03-01")
    text = docx_text(out)
    assert "2025年底前（建设推进年）" in text and "第一年" not in text
    assert "2027年为“完善迎评年”" in text


def test_annex_is_a_note_and_its_own_page(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school(name="附件小学", **SHORT))
    out = tmp_path / "p.docx"
    run("plan", facts, "-o", out, "--date", "2024-09-01")
    from docx import Document
    body = [p for p in Document(str(out)).paragraphs if p.text.strip()]
    texts = [p.text for p in body]
    note = texts.index("附件：资金测算单价")
    assert texts[note + 1].startswith("附件小学") and "2024年9月1日" in texts[note + 2]
    label = body[texts.index("附件")]
    assert label.paragraph_format.page_break_before and texts[texts.index("附件") + 1] == "资金测算单价"


def test_audit_date_and_blank_date(tmp_path, run):
    out = tmp_path / "a.docx"
    result = run("audit", REPO / "samples/audit/school-errors.yaml", "-o", out, "--date", "2024-10-08")
    assert result.exit_code == 1, result.output
    text = docx_text(out)
    assert "2024年10月8日" in text and "basic-2012" not in text
    assert "《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）" in text
    assert "362,400" not in text                               # one number style in the table
    again = tmp_path / "b.docx"
    run("audit", REPO / "samples/audit/school-errors.yaml", "-o", again)
    assert "年　　月　　日" in docx_text(again) and "年  月" not in docx_text(again)


# ---------------------------------------------------------------- templates robust to clerks
def _template(tmp_path, text: str) -> Path:
    import sys
    sys.path.insert(0, str(REPO / "tools"))
    import gbt9704 as g
    doc = g.new_document()
    g.add_title(doc, "标题")
    g.add_paragraph(doc, "第一段")
    g.add_paragraph(doc, text)
    return g.save(doc, tmp_path / "mine.docx")


def test_counts_are_numbers_in_templates(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school(name="计数小学", **SHORT))
    template = _template(tmp_path, "{% if failed_count > 0 %}未达标{{ failed_count + missing_count }}项{% endif %}")
    out = tmp_path / "r.docx"
    assert run("report", facts, "--template", template, "-o", out).exit_code == 1
    assert "未达标3项" in docx_text(out)


@pytest.mark.parametrize("text, expected", [
    ("{% if failed_count > 0 %}未达标", ["第 3 段", "{% if failed_count > 0 %}", "endif"]),
    ("{% if school.name > 0 %}x{% endif %}", ["第 3 段", "{% if school.name > 0 %}", "not supported"]),
    ("学校：｛｛ school.name ｝｝", ["第 3 段", "全角", "｛｛ school.name ｝｝"]),
])
def test_template_errors_name_the_paragraph_and_tag(tmp_path, run, text, expected):
    facts = write_yaml(tmp_path / "s.yaml", school(name="模板小学", **SHORT))
    template = _template(tmp_path, text)
    out = tmp_path / "r.docx"
    result = run("report", facts, "--template", template, "-o", out)
    assert result.exit_code == 2, result.output
    for part in expected:
        assert part in result.output, (part, result.output)
    assert "Traceback" not in result.output and not out.exists()


def test_template_fonts_are_the_windows_names():
    from lxml import etree
    with zipfile.ZipFile(REPO / "doc_templates/report-school.docx") as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fonts = {}
    for style in styles.iter(f"{w}style"):
        rfonts = style.find(f"{w}rPr/{w}rFonts")
        if rfonts is not None:
            fonts[style.get(f"{w}styleId")] = (rfonts.get(f"{w}eastAsia"), rfonts.get(f"{w}ascii"))
    assert fonts["Normal"] == ("仿宋", "Times New Roman")
    assert fonts["Title"] == ("方正小标宋简体", "Times New Roman")      # GB/T 9704: 2号小标宋
    assert fonts["Heading1"] == ("黑体", "Times New Roman") and fonts["Heading2"] == ("楷体", "Times New Roman")
    title = [s for s in styles.iter(f"{w}style") if s.get(f"{w}styleId") == "Title"][0]
    assert title.find(f"{w}rPr/{w}b") is not None                     # bold 宋体 for 方正小标宋简体


# ---------------------------------------------------------------- the PDF pages
PDF_TOOLS = shutil.which("soffice") and shutil.which("pdftotext")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    if not PDF_TOOLS:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) not installed; CI installs both")
    from click.testing import CliRunner

    from generator.cli import main
    from generator.render.pdf import convert_many_to_pdf
    folder = tmp_path_factory.mktemp("pdf")
    runner = CliRunner()
    jobs = {"school-report": ["report", REPO / "samples/dongshe-primary.yaml", "--date", "2024-09-01"],
            "county-report": ["report", REPO / "samples/county/county.yaml", "--date", "2024-09-01"],
            "school-plan": ["plan", REPO / "samples/dongshe-primary.yaml", "--date", "2024-09-01"],
            "county-plan": ["plan", REPO / "samples/county/county.yaml", "--date", "2024-09-01"],
            "publicity": ["publicity", REPO / "samples/dongong-centre.yaml"],
            "audit": ["audit", REPO / "samples/audit/school-errors.yaml", "--date", "2024-10-08"]}
    docs = {}
    for name, args in jobs.items():
        target = folder / f"{name}.docx"
        result = runner.invoke(main, [str(a) for a in args] + ["-o", str(target)])
        assert target.exists(), result.output
        docs[name] = target
    each = folder / "each"
    result = runner.invoke(main, ["publicity", str(REPO / "samples/dongong-centre.yaml"), "--each-school",
                                  "-o", str(each)])
    for path in sorted(each.glob("*.docx")):
        docs["each-" + path.stem] = path
    assert len(docs) > 8, result.output
    paths = list(docs.values())
    pages = {}
    for (name, docx), pdf in zip(docs.items(), convert_many_to_pdf(paths)):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        kept = folder / f"{name}.pdf"
        shutil.copy(pdf, kept)
        pages[name] = (docx, kept, [page for page in text.split("\f") if page.strip()])
    return pages


_PAGE_NUMBER = re.compile(r"^—\s*\d+\s*—$")
_DATE = re.compile(r"^(\d{4}|　*)年\s*(\d{1,2}|　*)月\s*(\d{1,2}|　*)日$")


def _lines(page: str) -> list[str]:
    return [line.strip() for line in page.splitlines() if line.strip()]


@pytest.mark.pdf
def test_signature_page_has_body_text(pdfs):
    """GB/T 9704 §7.3.5: the page with the 署名 and 成文日期 also carries body text."""
    for name, (_docx, _pdf, pages) in pdfs.items():
        dated = [i for i, page in enumerate(pages) if any(_DATE.match(line.replace(" ", "")) for line in _lines(page))]
        assert dated, name
        page = pages[dated[-1]]
        body = [line for line in _lines(page) if not _PAGE_NUMBER.match(line.replace(" ", ""))
                and not _DATE.match(line.replace(" ", "")) and not line.startswith("附件")]
        # besides the signer, at least one line of the text itself
        assert len(body) >= 2, (name, _lines(page))


@pytest.mark.pdf
def test_no_page_starts_with_a_stranded_line(pdfs):
    for name, (_docx, _pdf, pages) in pdfs.items():
        for number, page in enumerate(pages[1:], 2):
            first = _lines(page)[0].replace(" ", "")
            assert not first.startswith("综合差异系数"), (name, number, first)     # a table's last row
            assert not first.startswith("建议尺寸（长"), (name, number, first)     # a table's note
            assert not _DATE.match(first), (name, number, first)                   # the date alone


@pytest.mark.pdf
def test_pdf_keeps_every_enumeration_comma(pdfs):
    """A line-final 、 must survive into the PDF (it was lost with the old fonts)."""
    for name in ("county-plan", "county-report", "school-report"):
        docx, _pdf, pages = pdfs[name]
        xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
        in_docx = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml)).count("、")
        assert "".join(pages).count("、") == in_docx, name


@pytest.mark.pdf
def test_pdf_fonts_are_the_mapped_faces(pdfs):
    from generator.render.pdf import PDF_FONTS, fontconfig_file
    if not shutil.which("pdffonts") or not shutil.which("fc-match"):
        pytest.skip("poppler's pdffonts or fontconfig's fc-match missing")
    _docx, pdf, _pages = pdfs["school-report"]
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    env = {"FONTCONFIG_FILE": str(fontconfig_file()), "PATH": "/usr/bin:/bin"}
    for font in ("仿宋", "Times New Roman"):
        face = subprocess.run(["fc-match", "-f", "%{postscriptname}", font], capture_output=True, text=True,
                              env=env).stdout.strip()
        assert face.split("-")[0] in fonts, (font, face, fonts)
    assert "DejaVu" not in fonts                                    # digits are not DejaVu Serif
    assert set(PDF_FONTS) >= {"仿宋", "楷体", "宋体", "黑体"}


@pytest.mark.pdf
def test_pdf_bytes_are_the_same_twice(pdfs, tmp_path):
    from generator.render.pdf import convert_many_to_pdf
    docx, first, _pages = pdfs["school-report"]
    [again] = convert_many_to_pdf([docx])
    assert again.read_bytes() == first.read_bytes()
    assert b"/CreationDate(D:20240101000000" in first.read_bytes()


def test_a_long_title_breaks_after_the_name(run, tmp_path):
    """GB/T 9704 §7.3.3: a title longer than the line (20 characters of 二号) breaks where the meaning
    allows — after the name — never leaving "告" alone on the second line; the audit reads it as one."""
    from lxml import etree
    out = tmp_path / "r.docx"
    assert run("report", REPO / "samples/county/schools/hongxing-nine-year.yaml", "-o", out,
               "--date", "2025-06-01").exit_code in (0, 1)
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    body = etree.fromstring(zipfile.ZipFile(out).read("word/document.xml"))
    title = next(p for p in body.iter(f"{w}p") if p.find(f"{w}pPr/{w}pStyle") is not None
                 and p.find(f"{w}pPr/{w}pStyle").get(f"{w}val") == "Title")
    lines = "".join("\n" if el.tag == f"{w}br" else (el.text or "") for el in title.iter(f"{w}t", f"{w}br"))
    assert lines == "红星九年一贯制学校\n义务教育均衡发展自查报告"
    from generator.extract.report import extract_file
    assert extract_file(out).title == "红星九年一贯制学校义务教育均衡发展自查报告"
    # a title that fits stays on one line
    short = tmp_path / "s.docx"
    run("report", REPO / "samples/dongshe-primary.yaml", "-o", short, "--date", "2025-06-01")
    body = etree.fromstring(zipfile.ZipFile(short).read("word/document.xml"))
    assert not [br for p in body.iter(f"{w}p") for br in p.iter(f"{w}br")
                if p.find(f"{w}pPr/{w}pStyle") is not None and p.find(f"{w}pPr/{w}pStyle").get(f"{w}val") == "Title"]
