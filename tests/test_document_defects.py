"""Every document kind, generated from every sample as an office would (dated 2025-06-01), read back
from the .docx / .xlsx and checked for the defects that stop a county office from filing it:
a deadline before the document's date, software words (file paths, options, provenance marks,
English, rule ids), two totals in one plan, invisible characters, a title not in 方正小标宋简体,
unwritten sections left as placeholders where the facts speak.

The documents are made once per test session through the real CLI (in-process) and shared by
the checks; each check names the document and the offending text when it fails."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import main

REPO = Path(__file__).resolve().parents[1]
DATE = "2025-06-01"
S = "samples/"

# (output name, CLI arguments): every document kind, from every sample that makes it.
KINDS = [
    ("school-report.docx", ["report", S + "dongshe-primary.yaml", "--date", DATE]),
    ("zuomu-report.docx", ["report", S + "zuomu/sanjiaohe.yaml", "--date", DATE]),
    ("county-report.docx", ["report", S + "county/county.yaml", "--date", DATE]),
    ("quality-county-report.docx", ["report", S + "quality/county.yaml", "--date", DATE]),
    ("quality-school-report.docx", ["report", S + "quality/schools/yangzhuang.yaml", "--profile", "quality-2017",
                                    "--date", DATE]),
    ("school-plan.docx", ["plan", S + "dongshe-primary.yaml", "--date", DATE, "--ledger", "@school-ledger.xlsx"]),
    ("county-plan.docx", ["plan", S + "county/county.yaml", "--date", DATE, "--ledger", "@county-ledger.xlsx"]),
    ("quality-plan.docx", ["plan", S + "quality/county.yaml", "--date", DATE, "--ledger", "@quality-ledger.xlsx"]),
    ("quality-school-plan.docx", ["plan", S + "quality/schools/yangzhuang.yaml", "--profile", "quality-2017",
                                  "--date", DATE, "--ledger", "@quality-school-ledger.xlsx"]),
    ("leastcost-plan.docx", ["plan", S + "county/county.yaml", "--least-cost", "--date", DATE,
                             "--ledger", "@leastcost-ledger.xlsx"]),
    ("publicity.docx", ["publicity", S + "dongong-centre.yaml"]),
    ("publicity-schools", ["publicity", S + "dongong-centre.yaml", "--each-school"]),
    ("slogans.docx", ["slogans", "--centre", S + "dongong-centre.yaml", "--print", "@slogans-print.docx"]),
    ("slogans-for.docx", ["slogans", "--for", S + "dongshe-primary.yaml", "--count", "10"]),
    ("opinion.docx", ["audit", S + "reports/xinghuo-planted.txt", "--date", DATE]),
    ("opinion-county.docx", ["audit", S + "audit/county-only.yaml", "--date", DATE]),
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(path: Path) -> str:
    """The text of a .docx as a reader sees it: paragraphs and table cells, headers and footers."""
    from lxml import etree
    lines = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name):
                continue
            root = etree.fromstring(archive.read(name))
            for paragraph in root.iter(f"{W}p"):
                lines.append("".join(t.text or "" for t in paragraph.iter(f"{W}t")))
    return "\n".join(lines)


def xlsx_text(path: Path) -> str:
    import openpyxl
    book = openpyxl.load_workbook(path)
    return "\n".join(" | ".join("" if v is None else str(v) for v in row)
                     for sheet in book for row in sheet.iter_rows(values_only=True))


@pytest.fixture(scope="module")
def documents(tmp_path_factory) -> dict[str, str]:
    """name → text of every document and ledger the KINDS make."""
    import os
    out = tmp_path_factory.mktemp("documents")
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        for name, args in KINDS:
            args = [str(out / a[1:]) if a.startswith("@") else a for a in args]
            result = runner.invoke(main, [*args, "-o", str(out / name)], catch_exceptions=False)
            assert result.exit_code in (0, 1), (name, result.output)
    finally:
        os.chdir(cwd)
    texts = {}
    for path in sorted(out.rglob("*")):
        if path.suffix == ".docx":
            texts[str(path.relative_to(out))] = docx_text(path)
        elif path.suffix == ".xlsx":
            texts[str(path.relative_to(out))] = xlsx_text(path)
    texts["_paths"] = {str(p.relative_to(out)): p for p in out.rglob("*") if p.suffix in (".docx", ".xlsx")}
    return texts


def each(documents):
    return [(name, text) for name, text in documents.items() if not name.startswith("_")]


def test_every_kind_was_made(documents):
    names = {name for name, _ in each(documents)}
    for expected in ("school-report.docx", "quality-school-report.docx", "quality-county-report.docx",
                     "leastcost-plan.docx", "county-ledger.xlsx", "quality-ledger.xlsx", "slogans-print.docx",
                     "publicity.docx", "leastcost-ledger.xlsx", "opinion.docx", "opinion-county.docx"):
        assert expected in names
    assert sum(name.startswith("publicity-schools/") for name in names) >= 2


def _before(text: str) -> list[str]:
    """Deadlines and years of action before 2025: "2024年底前", "2024年为“建设推进年”"."""
    return re.findall(r"20(?:0\d|1\d|2[0-4])年(?:底前|\d{1,2}月\d{1,2}日前|为“)", text)


def test_no_deadline_before_the_document_date(documents):
    for name, text in each(documents):
        assert not _before(text), (name, _before(text))


def test_no_deadline_before_the_date_checker_can_fail():
    assert _before("完成时限：2024年底前（建设推进年）") and not _before("2025年底前")


# Software words: file paths, options, provenance marks, method notes, English, tool names.
SOFTWARE = re.compile(r"rules/|\.yaml|--[a-z]|［A］|\[A\]|精确：|启发式：|逐校枚举|语料|junheng|\bpass\b|\bfail\b|"
                      r"\bmissing\b|\bn/a\b|None|True|False|\{\{|\{%")
# Rule ids: K1, B18, Q5, P5, E9, V1, QC2, M1, C3, QC2-junior-Q2 …
RULE_ID = re.compile(r"(?<![A-Za-z0-9])(?:QC\d+(?:-[a-z]+-[A-Z]+\d+)?|[KBQPEVMCAG]\d{1,2})(?![0-9A-Za-z])")


def software_words(text: str) -> list[str]:
    return [m.group(0) for m in SOFTWARE.finditer(text)] + [m.group(0) for m in RULE_ID.finditer(text)]


def test_no_software_words_or_rule_ids(documents):
    for name, text in each(documents):
        assert not software_words(text), (name, software_words(text)[:10])


def test_software_word_checker_can_fail():
    for bad in ("单价见rules/costs.yaml（或--costs）", "测算单价［A］", "Q5 93.33%", "P5共1项", "QC2-junior-Q2",
                "本台账由 junheng plan 生成", "K2 生均运动场地面积", "精确：逐校枚举"):
        assert software_words(bad), bad
    assert not software_words("生均运动场地面积不低于5.2㎡，2025年底前完成。Ⅲ级以上")


INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff\u00ad\u180e]")


def test_no_invisible_characters(documents):
    for name, text in each(documents):
        found = INVISIBLE.findall(text)
        assert not found, (name, [hex(ord(ch)) for ch in found[:5]])


def test_invisible_checker_can_fail():
    assert INVISIBLE.findall("5.2\u200d㎡") and INVISIBLE.findall("东社小学\u2060")


def two_totals(text: str) -> list[str]:
    """Distinct 万元 totals a plan states, when no one sentence says what each covers."""
    totals = sorted(set(re.findall(r"(?:估算整改资金|最少需增加投入|投入合计|资金合计)(\d+(?:\.\d+)?万元)", text)))
    if len(totals) < 2:
        return []
    for sentence in re.split(r"(?<=。)", text):
        if all(total in sentence for total in totals) and "口径" in sentence:
            return []
    return totals


def test_one_total_per_plan(documents):
    """A plan states one total; with a 达标测算, one sentence says how its sum relates to it."""
    for name, text in each(documents):
        assert not two_totals(text), (name, two_totals(text))
    assert "口径" in documents["leastcost-plan.docx"]


def test_two_totals_checker_can_fail():
    page = "经自查，估算整改资金55.56万元。六、达标测算\n最少需增加投入82.88万元（828800元）。"
    assert two_totals(page) == ["55.56万元", "82.88万元"]
    assert not two_totals(page + "达标测算82.88万元与估算整改资金55.56万元口径不同。")


def test_every_price_used_is_in_the_annex(documents):
    for name in ("leastcost-plan.docx", "county-plan.docx", "school-plan.docx", "quality-plan.docx"):
        text = documents[name]
        annex = text.split("资金测算单价")[-1]
        for price in set(re.findall(r"按([^，。（）\d]+?)(\d+)元/", text)):
            assert f"{price[0]}" in annex and f"{price[1]}元/" in annex, (name, price)


def title_fonts(path: Path) -> set[str]:
    """The East Asian fonts the title style names."""
    from lxml import etree
    with zipfile.ZipFile(path) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
    for style in styles.iter(f"{W}style"):
        if style.get(f"{W}styleId") == "Title":
            return {f.get(f"{W}eastAsia") for f in style.iter(f"{W}rFonts")}
    return set()


def test_titles_in_xiaobiaosong(documents):
    for name, path in documents["_paths"].items():
        if path.suffix != ".docx" or "slogans-print" in name:
            continue
        assert title_fonts(path) == {"方正小标宋简体"}, name


def test_xiaobiaosong_is_mapped_for_pdfs():
    conf = (REPO / "doc_templates" / "fonts.conf").read_text(encoding="utf-8")
    assert "方正小标宋简体" in conf
    from generator.render.pdf import PDF_FONTS
    assert "方正小标宋简体" in PDF_FONTS


def placeholders(text: str) -> list[str]:
    return re.findall(r"〔请补充[^〕]*〕", text)


def test_placeholders_only_where_no_fact_speaks(documents):
    """The samples hold funding growth, surcharges, teachers, salaries, rooms and equipment: the
    sections stand on them. What no fact gives (a school's management, its spending of the last
    three years) is a placeholder that says what to write; a county's facts leave none."""
    for name, text in each(documents):
        found = placeholders(text)
        assert len(found) <= (0 if "county" in name else 2), (name, found)
        for placeholder in found:
            assert len(placeholder) > 12, placeholder


def test_quality_reports_have_their_practices(documents):
    for name in ("quality-county-report.docx", "quality-school-report.docx"):
        assert "主要做法" in documents[name], name


# ---------------------------------------------------------------- every sample, CLI and web
def defects(text: str, path: Path | None = None, county: bool = False) -> dict:
    """Every defect class above found in one document (empty when it can be filed); a county's own
    document leaves no placeholder, a school's at most two (what no fact gives)."""
    found = {"deadline before the date": _before(text), "software words": software_words(text)[:8],
             "invisible": [hex(ord(ch)) for ch in INVISIBLE.findall(text)[:5]], "two totals": two_totals(text),
             "placeholders": placeholders(text) if len(placeholders(text)) > (0 if county else 2) else
             [p for p in placeholders(text) if len(p) <= 12],
             # a heading numbered （1） where an official document writes （一）
             "arabic heading": re.findall(r"^[（(]\d+[）)].{0,12}", text, re.M)}
    if path is not None and path.suffix == ".docx" and "print" not in path.name \
            and title_fonts(path) != {"方正小标宋简体"}:
        found["title"] = sorted(title_fonts(path) - {None})
    return {kind: what for kind, what in found.items() if what}


def test_headings_are_numbered_in_chinese(documents):
    for name, text in each(documents):
        assert not defects(text).get("arabic heading"), (name, defects(text)["arabic heading"])


def test_defects_finds_each_class(tmp_path):
    assert set(defects("2024年底前；K3 生均图书；5.2\u200d㎡；〔请补充〕\n（1）加强领导", county=True)) == \
        {"deadline before the date", "software words", "invisible", "placeholders", "arabic heading"}


def _every_sample_jobs(out: Path) -> list[list[str]]:
    """Report and plan (with its ledger) of every fact file under samples/, each county's schools'
    reports and its 达标测算 plan, and the 核查意见 of every audit sample."""
    basic = ["dongshe-primary.yaml"] + sorted(p.relative_to(REPO / "samples").as_posix()
                                             for folder in ("zuomu", "county/schools")
                                             for p in (REPO / "samples" / folder).glob("*.yaml"))
    quality = sorted(p.relative_to(REPO / "samples").as_posix() for p in (REPO / "samples/quality/schools").glob("*.yaml"))
    jobs = []
    for sample in basic + quality:
        profile = ["--profile", "quality-2017"] if sample in quality else []
        stem = sample[:-5].replace("/", "_")
        jobs += [["report", S + sample, *profile, "--date", DATE, "-o", str(out / f"{stem}-report.docx")],
                 ["plan", S + sample, *profile, "--date", DATE, "-o", str(out / f"{stem}-plan.docx"),
                  "--ledger", str(out / f"{stem}-ledger.xlsx")]]
    for sample in ("county/county.yaml", "quality/county.yaml", "audit/county/county.yaml"):
        stem = sample[:-5].replace("/", "_")
        jobs += [["report", S + sample, "--date", DATE, "-o", str(out / f"{stem}-report.docx")],
                 ["report", S + sample, "--date", DATE, "--each-school", "--jobs", "1", "-o", str(out / f"{stem}-each")],
                 ["plan", S + sample, "--least-cost", "--date", DATE, "-o", str(out / f"{stem}-lc.docx"),
                  "--ledger", str(out / f"{stem}-lc.xlsx")]]
    audits = sorted((REPO / "samples/reports").glob("*.txt")) + sorted((REPO / "samples/audit").glob("*.yaml")) + \
        [REPO / "samples/quality/audit/county-claims.yaml"]
    for sample in audits:
        jobs.append(["audit", str(sample), "--date", DATE, "-o", str(out / f"opinion-{sample.stem}.docx")])
    return jobs


@pytest.mark.slow
def test_every_document_of_every_sample_can_be_filed(tmp_path):
    import os
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        for args in _every_sample_jobs(tmp_path):
            result = runner.invoke(main, args, catch_exceptions=False)
            assert result.exit_code in (0, 1), (args, result.output)
    finally:
        os.chdir(cwd)
    made = sorted(p for p in tmp_path.rglob("*") if p.suffix in (".docx", ".xlsx"))
    assert len(made) > 100
    found = {}
    for path in made:
        text = docx_text(path) if path.suffix == ".docx" else xlsx_text(path)
        county = path.parent == tmp_path and re.search(r"county-(report|lc)", path.name) is not None
        if defects(text, path, county):
            found[str(path.relative_to(tmp_path))] = defects(text, path, county)
    assert not found, found


def _zip_of(folder: Path, top: str) -> bytes:
    import io
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in sorted(folder.rglob("*.yaml")):
            if path.name != "county-claims.yaml":
                archive.writestr(f"{top}/{path.relative_to(folder).as_posix()}", path.read_bytes())
    return buffer.getvalue()


def test_web_downloads_can_be_filed(tmp_path):
    """The browser's downloads (generator/service through the web routes): the same defect checks."""
    import io
    from generator.web.app import create_app
    samples = REPO / "samples"
    uploads = [((samples / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml", "auto"),
               ((samples / "quality/schools/yangzhuang.yaml").read_bytes(), "杨庄小学.yaml", "quality-2017"),
               (_zip_of(samples / "county", "清河县"), "清河县.zip", "auto"),
               (_zip_of(samples / "quality", "清源县"), "清源县.zip", "auto")]
    app = create_app()
    client = app.test_client()

    def post(url, data, name, **fields):
        return client.post(url, data={**fields, "file": (io.BytesIO(data), name)}, content_type="multipart/form-data")
    files = {}
    try:
        for data, name, profile in uploads:
            actions = ("report", "plan", "ledger") + (("least_cost",) if name.endswith(".zip") else ())
            for action in actions:
                response = post("/check", data, name, action=action, profile=profile, date=DATE)
                assert response.status_code == 200, (name, action, response.get_data(as_text=True)[:300])
                files[f"{name}-{action}"] = response.data
        centre = (samples / "dongong-centre.yaml").read_bytes()
        for action in ("publicity", "slogans_docx", "print"):
            response = post("/centre", centre, "东巩.yaml", action=action)
            assert response.status_code == 200, (action, response.get_data(as_text=True)[:300])
            files[f"centre-{action}"] = response.data
        for sample in ("reports/xinghuo-planted.txt", "audit/school-errors.yaml", "audit/county-only.yaml"):
            response = post("/audit", (samples / sample).read_bytes(), Path(sample).name, action="opinion")
            assert response.status_code == 200, (sample, response.get_data(as_text=True)[:300])
            files[f"opinion-{Path(sample).stem}"] = response.data
    finally:
        app.config["JOBS"].shutdown()
    found = {}
    for key, data in files.items():
        is_xlsx = data[:2] == b"PK" and b"xl/" in data[:2000]
        path = tmp_path / (key + (".xlsx" if is_xlsx else ".docx"))
        path.write_bytes(data)
        text = xlsx_text(path) if is_xlsx else docx_text(path)
        if defects(text, path, county=".zip" in key):
            found[key] = defects(text, path, county=".zip" in key)
    assert len(files) == 20 and not found, found
