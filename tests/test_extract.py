"""The report extractor: seed passages and constructed reports as data, plus reading
(.txt encodings, .docx paragraphs and tables), Chinese numerals, and the emitted fact file."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from generator.extract.cn_numbers import parse_cn_number, written_digits
from generator.errors import InputErrors
from generator.extract.report import extract_file, extract_text
from generator.extract.fact_file import fact_yaml
from generator.extract.report_text import read_report
from generator.extract.report_words import find_mentions
from generator.io.facts import load_facts

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "corpora" / "sources"  # the seed texts, kept in the repository
CASES = yaml.safe_load((Path(__file__).parent / "extract_cases.yaml").read_text(encoding="utf-8"))


def _case_text(case) -> str:
    if "file" in case:
        return (ROOT / case["file"]).read_text(encoding="utf-8")
    return case["text"]


def _extract(case):
    if "file" in case:
        return extract_file(ROOT / case["file"])
    return extract_text(case["text"], source=case["id"])


def _claim_rows(items):
    rows = []
    for item in items:
        data = item.data
        value = data["value"]
        shown = data.get("written") or (value if isinstance(value, str) else str(value))
        row = [data["of"], data["measure"], shown]
        if data.get("standard") is not None:
            row.append(str(data["standard"]))
        rows.append(row)
    return sorted(rows)


def _number(value) -> Decimal:
    return Decimal(str(value))


def _same_facts(got: dict, expected: dict):
    assert set(got) == set(expected), f"facts {sorted(got)} != {sorted(expected)}"
    for key, value in expected.items():
        if isinstance(value, dict):
            assert got[key] == value, key
        else:
            assert _number(got[key]) == _number(value), key


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_case(case):
    extraction = _extract(case)
    expect = case["expect"]
    assert extraction.kind == expect["kind"]
    if "name" in expect:
        assert extraction.subject.name == expect["name"]
    for attribute in ("stage", "location"):
        if attribute in expect:
            assert extraction.subject.attributes[attribute][0] == expect[attribute]
    _same_facts(extraction.facts, expect["facts"])
    assert _claim_rows(extraction.subject.claims) == sorted(
        [[str(cell) for cell in row] for row in expect["claims"]])
    got_breakdowns = sorted((b["of"], _number(b["total"]), sorted((k, _number(v)) for k, v in b["parts"].items()))
                            for b in extraction.breakdowns)
    want_breakdowns = sorted((of, _number(total), sorted((k, _number(v)) for k, v in parts.items()))
                             for of, total, parts in expect["breakdowns"])
    assert got_breakdowns == want_breakdowns
    for name, school in (expect.get("schools") or {}).items():
        assert name in extraction.schools, f"{name} not among {list(extraction.schools)}"
        got = extraction.schools[name]
        assert _claim_rows(got.claims) == sorted([[str(cell) for cell in row] for row in school.get("claims", [])])
        _same_facts({key: item.data["value"] for key, item in got.facts.items()}, school.get("facts", {}))
    listed = {(item.data["label"], _number(item.data["value"]), item.data["reason"])
              for item in extraction.unrecognised}
    for label, value, reason in expect.get("unrecognised", []):
        assert (label, _number(value), reason) in listed, f"{label} {value} {reason} not in {listed}"
    if expect.get("unrecognised") == []:
        assert not extraction.unrecognised


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_every_item_keeps_its_sentence(case):
    extraction = _extract(case)
    text = _case_text(case)
    lines = text.splitlines()
    items = list(extraction.items())
    assert items, case["id"]              # every case holds numbers: an empty extraction is a failure
    for item in items:
        assert item.text and item.text in text
        assert item.text.strip() in lines[item.line - 1] or item.text in lines[item.line - 1]


@pytest.mark.parametrize("case", [c for c in CASES if "seed" in c], ids=[c["id"] for c in CASES if "seed" in c])
def test_seed_passages_are_verbatim(case):
    """The passages in extract_cases.yaml are the seed's own lines (corpora/sources is part of the repo:
    a missing seed fails here rather than skipping)."""
    seed = SEEDS / case["seed"]["file"]
    assert seed.is_file(), f"seed file not present: {seed}"
    seed_lines = seed.read_text(encoding="utf-8").splitlines()
    wanted = []
    for span in case["seed"]["lines"]:
        first, _, last = str(span).partition("-")
        wanted += seed_lines[int(first) - 1:int(last or first)]
    assert [line.strip() for line in case["text"].splitlines()] == [line.strip() for line in wanted]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_emitted_fact_file_loads(case, tmp_path):
    """--emit-facts output is a valid fact file: load_facts accepts it, values as written, sentences as comments."""
    extraction = _extract(case)
    text = fact_yaml(extraction)
    path = tmp_path / "facts.yaml"
    path.write_text(text, encoding="utf-8")
    subject = load_facts(path, allow_empty_county=True)
    assert subject.kind == extraction.kind
    if extraction.kind == "school":
        for key, value in extraction.facts.items():
            loaded = subject.facts[key]
            if isinstance(loaded, dict) and key != "subject_teachers":
                loaded = sum(loaded.values())
            assert loaded == value if isinstance(value, dict) else _number(loaded) == value, key
    loaded_claims = subject.facts.get("claims") or []
    assert len(loaded_claims) == len(extraction.subject.claims)
    for loaded, item in zip(loaded_claims, extraction.subject.claims):
        if item.data.get("written"):
            assert loaded["written"] == item.data["written"]      # "6.0" stays "6.0"
        assert loaded["text"] == " ".join(item.text.split())
        assert loaded["line"] == item.line
    for item in extraction.items():
        assert f"# {item.where}：{' '.join(item.text.split())}" in text or \
            f"原句：{' '.join(item.text.split())}" in text


@pytest.mark.parametrize("case", [c for c in CASES if "audit_findings" in c],
                         ids=[c["id"] for c in CASES if "audit_findings" in c])
def test_audit_of_extracted_facts(case, tmp_path):
    """Planted errors are found, and consistent figures raise no false alarm."""
    from generator.audit.core import audit_facts
    from generator.criteria.profiles import load_profile

    path = tmp_path / "facts.yaml"
    path.write_text(fact_yaml(_extract(case)), encoding="utf-8")
    result = audit_facts(load_facts(path, allow_empty_county=True), load_profile("basic-2012"))
    found = sorted([row.of, row.measure] for row in result.findings)
    assert found == sorted([list(pair) for pair in case["audit_findings"]]), [
        (row.of, row.measure, row.claimed, row.recomputed) for row in result.findings]


# ---------------------------------------------------------------- numbers
@pytest.mark.parametrize("written, value", [
    ("981", 981), ("13,125", 13125), ("13，125", 13125), ("９.６０", Decimal("9.60")), ("1.2万", 12000),
    ("50亿", 5000000000), ("一千二百三十四", 1234), ("十二", 12), ("二十", 20), ("三百零五", 305),
    ("两万", 20000), ("一万二千", 12000), ("三亿五千万", 350000000), ("五十四万", 540000), ("百", 100),
])
def test_parse_cn_number(written, value):
    assert parse_cn_number(written) == Decimal(value)


@pytest.mark.parametrize("bad", ["", "abc", "12a", "万一x"])
def test_parse_cn_number_refuses(bad):
    with pytest.raises(ValueError):
        parse_cn_number(bad)


def test_written_digits_keep_the_reports_precision():
    assert written_digits("9.60") == "9.60"
    assert written_digits("13,125") == "13125"
    assert written_digits("1.2万") is None          # precise to the thousand: not a plain number's digits
    assert written_digits("一千二百") == "1200"


def test_mentions_units_and_words():
    found = [(m.raw, m.unit, m.value) for m in find_mentions("生均建筑面积约为6.0㎡，参培率达47%，三个小学，每百名学生拥有计算机13台")]
    assert found == [("6.0", "㎡", Decimal("6.0")), ("47", "%", Decimal(47)), ("13", "台", Decimal(13))]
    approx = find_mentions("生均建筑面积约为6.0㎡")[0]
    assert approx.approx == "约"


# ---------------------------------------------------------------- reading
def test_gbk_and_gb18030_text_is_decoded(tmp_path):
    case = next(c for c in CASES if c["id"] == "dongshe")
    reference = extract_text(case["text"])
    for encoding in ("gbk", "gb18030", "utf-8-sig", "utf-16"):
        path = tmp_path / f"report-{encoding}.txt"
        path.write_bytes(case["text"].encode(encoding))
        extraction = extract_file(path)
        assert extraction.facts == reference.facts, encoding
        assert _claim_rows(extraction.subject.claims) == _claim_rows(reference.subject.claims)


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("红星学区义务教育均衡发展自查报告")
    document.add_paragraph("全学区共有小学2所，在校学生600人。")
    table = document.add_table(rows=3, cols=4)
    rows = [["学校", "在校生数（人）", "占地面积（㎡）", "生均占地面积（㎡）"],
            ["红星小学", "400", "6000", "15.0"],
            ["向阳小学", "200", "2600", "14.0"]]          # 2600 ÷ 200 = 13.0: a planted error
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "report.docx"
    document.save(str(path))

    lines = read_report(path)
    assert [line.where for line in lines] == ["第 1 段", "第 2 段", "表1第1行", "表1第2行", "表1第3行"]
    assert lines[3].text == "学校：红星小学，在校生数400人，占地面积6000㎡，生均占地面积15.0㎡。"
    extraction = extract_file(path)
    assert extraction.kind == "county" and extraction.subject.name == "红星学区"
    assert set(extraction.schools) == {"红星小学", "向阳小学"}
    school = extraction.schools["向阳小学"]
    assert {key: item.data["value"] for key, item in school.facts.items()} == {
        "students": 200, "land_area_m2": 2600}
    assert _claim_rows(school.claims) == [["land_area_m2", "per_student", "14.0"]]
    assert school.claims[0].where == "表1第3行"
    assert _claim_rows(extraction.subject.claims) == [["students", "value", "600"]]
    out = tmp_path / "facts.yaml"
    out.write_text(fact_yaml(extraction), encoding="utf-8")
    county = load_facts(out, allow_empty_county=True)
    assert [s.name for s in county.schools] == ["红星小学", "向阳小学"]
    from generator.audit.core import audit_facts
    from generator.criteria.profiles import load_profile
    result = audit_facts(county, load_profile("basic-2012"))
    assert [(row.school, row.of, row.measure) for row in result.findings] == [
        ("向阳小学", "land_area_m2", "per_student")]


@pytest.mark.parametrize("name, content, msg_id", [
    ("report.pdf", b"%PDF-1.4", "report_suffix"),
    ("report.docx", b"not a zip file", "report_bad_docx"),
    ("report.txt", b"", "report_empty"),
    ("report.txt", b"\xff\xff\xff\xfe\x00", "report_not_text"),
])
def test_unreadable_reports_are_input_errors(tmp_path, name, content, msg_id):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputErrors) as caught:
        read_report(path)
    assert caught.value.errors[0].msg_id == msg_id
    assert str(path) in caught.value.describe("zh")


def test_missing_report():
    with pytest.raises(InputErrors) as caught:
        read_report("/nonexistent/report.txt")
    assert caught.value.errors[0].msg_id == "file_missing"


def test_awkward_names_and_sentences_stay_valid_yaml(tmp_path):
    """Quotes, braces, '#', ': ' and template syntax in the text are data, not YAML or Jinja."""
    text = ('"{{ x }}"&<小学义务教育均衡发展自查报告\n'
            '学校现有学生500人: #注意 {a: 1}，教学班10个。\n'
            '学校占地面积6000平方米，生均12平方米。\u2028第二行\n')
    extraction = extract_text(text)
    path = tmp_path / "facts.yaml"
    path.write_text(fact_yaml(extraction), encoding="utf-8")
    subject = load_facts(path)
    assert subject.facts["students"] == {"primary": 500}
    assert subject.facts["land_area_m2"] == 6000
    assert subject.facts["claims"][0]["value"] == 12


# The seed documents kept in the repo (corpora/sources): named here, so that a lost file fails.
SEED_FILES = ["000_4cab76480bc3eb85.txt", "001_b2990da2c9bc3c60.txt", "002_8d8ca3c8a8569381.txt",
              "003_23018ebd59d83b14.txt", "004_fa988d7f2e1c8062.txt"]


def test_seed_files_are_all_here():
    assert sorted(p.name for p in SEEDS.glob("*.txt")) == SEED_FILES == [name for name, _, _ in SEED_COUNTS]


# (seed, county-level claims, breakdowns) read from each whole document. The breakdowns, by hand:
# 003 line 149 总投资约50亿元 = 社会投资40亿 + 财政投资10亿; 004 line 264 教学点28个 = 完小17 + 单小11.
SEED_COUNTS = [("000_4cab76480bc3eb85.txt", 0, 0), ("001_b2990da2c9bc3c60.txt", 0, 0),
               ("002_8d8ca3c8a8569381.txt", 10, 0), ("003_23018ebd59d83b14.txt", 0, 1),
               ("004_fa988d7f2e1c8062.txt", 2, 1)]


@pytest.mark.parametrize(("seed", "claim_count", "breakdown_count"), SEED_COUNTS)
def test_whole_seed_files_give_loadable_fact_files(seed, claim_count, breakdown_count, tmp_path):
    """A whole real document (several articles in one file) never breaks the fact file: the
    county's claims and breakdowns come back as extracted, and the audit has one row for each
    (each breakdown's parts add up to its total, so those rows agree)."""
    from generator.audit.core import audit_facts
    from generator.criteria.profiles import load_profile

    extraction = extract_file(SEEDS / seed)
    path = tmp_path / "facts.yaml"
    path.write_text(fact_yaml(extraction), encoding="utf-8")
    subject = load_facts(path, allow_empty_county=True)
    assert subject.kind == extraction.kind == "county"
    claims = [(c["of"], c["measure"], c["line"]) for c in subject.facts.get("claims", [])]
    assert claims == [(i.data["of"], i.data["measure"], i.line) for i in extraction.subject.claims]
    breakdowns = [(b["of"], b["line"]) for b in subject.facts.get("breakdowns", [])]
    assert breakdowns == [(i.data["of"], i.line) for i in extraction.subject.breakdowns]
    assert (len(claims), len(breakdowns)) == (claim_count, breakdown_count)
    audit = audit_facts(subject, load_profile("basic-2012"))
    assert len(audit.rows) == claim_count + breakdown_count
    assert [row.status for row in audit.rows if row.kind == "breakdown"] == ["agree"] * breakdown_count


# ---------------------------------------------------------------- `junheng audit REPORT`
class TestAuditVerbOnReports:
    @staticmethod
    def run(*args):
        from click.testing import CliRunner

        from generator.cli import main
        return CliRunner().invoke(main, ["audit", *map(str, args)])

    def test_planted_report_table(self):
        result = self.run(ROOT / "samples/reports/xinghuo-planted.txt")
        assert result.exit_code == 1, result.output
        assert "不符 5 处" in result.output
        assert "18 × 540 − 8200 = 1520" in result.output
        assert "未能对应到字段的数字（2 个" in result.output and "全体教师参培率 47%" in result.output

    def test_consistent_report_exits_0(self):
        result = self.run(ROOT / "samples/reports/chengguan-consistent.txt")
        assert result.exit_code == 0, result.output
        assert "不符 0 处" in result.output

    def test_json_lists_unrecognised_figures_with_their_sentences(self):
        import json
        result = self.run(ROOT / "samples/reports/xinghuo-planted.txt", "--json")
        assert result.exit_code == 1
        data = json.loads(result.output)
        assert {(f["of"], f["measure"]) for f in data["findings"]} == {
            ("K1", "verdict"), ("building_area_m2", "per_student"), ("land_area_m2", "deficit"),
            ("computers", "sum"), ("美术教师应配", "sum")}
        labels = {(u["label"], u["value"], u["text"]) for u in data["report"]["unrecognised"]}
        assert ("全体教师参培率", 47, "全体教师参培率达47%。") in labels

    def test_emit_facts_then_rerun_and_refuse_overwrite(self, tmp_path):
        out = tmp_path / "星火小学.yaml"
        first = self.run(ROOT / "samples/reports/xinghuo-planted.txt", "--emit-facts", out)
        assert first.exit_code == 1 and out.is_file()
        written = out.read_bytes()
        assert "# 第 6 行：校舍建筑面积2600平方米，生均建筑面积约为5.6㎡，达到标准(5.2㎡)。" in written.decode()
        rerun = self.run(out)                       # the inspector corrects and re-runs the fact file
        assert rerun.exit_code == 1 and "不符 5 处" in rerun.output
        again = self.run(ROOT / "samples/reports/xinghuo-planted.txt", "--emit-facts", out)
        assert again.exit_code == 2 and "--force" in again.output
        assert out.read_bytes() == written
        forced = self.run(ROOT / "samples/reports/xinghuo-planted.txt", "--emit-facts", out, "--force")
        assert forced.exit_code == 1 and out.read_bytes() == written      # same input, same bytes

    def test_county_report_lists_schools_it_cannot_check(self, tmp_path):
        case = next(c for c in CASES if c["id"] == "zuomu")
        path = tmp_path / "左木.txt"
        path.write_bytes(case["text"].encode("gbk"))
        result = self.run(path)
        assert result.exit_code == 0, result.output
        assert "红光小学、霍家庄小学、三交河小学" in result.output

    def test_unusable_report_exits_2_without_traceback(self, tmp_path):
        path = tmp_path / "report.docx"
        path.write_bytes(b"not a zip")
        result = self.run(path, "--lang", "en")
        assert result.exit_code == 2
        assert "not a valid Word (.docx) file" in result.output and str(path) in result.output
        assert "Traceback" not in result.output
