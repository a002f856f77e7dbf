"""Every reader bounded inside the stated limits (README, "Limits"): one class of bomb file per test.

Each test builds its bomb on the fly (tests/bombs.py) at a size that is quick to make, and asserts
the refusal the user sees *and* the work done: how many bytes of the bomb were inflated and parsed
(`fed` of the streaming scans), or how many closest-key searches ran — so a test fails on a reader
that reads the whole thing first, whatever the machine's speed. bench/bench_readers.py runs the
full-size bombs and prints time and memory.
"""
from __future__ import annotations

import io
import time
import zipfile

import openpyxl
import pytest

import bombs
from conftest import REPO
from generator.errors import MAX_ERRORS
from generator import limits
from generator.io.workbook import package, scan

SAMPLE_SCHOOL = REPO / "samples" / "dongshe-primary.yaml"


def _clean(result, code=2):
    assert result.exit_code == code, result.output[-3000:]
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    return result.output


@pytest.fixture(scope="module")
def county_book(tmp_path_factory):
    from click.testing import CliRunner

    from generator.cli import main
    book = tmp_path_factory.mktemp("book") / "county.xlsx"
    result = CliRunner().invoke(main, ["export", str(REPO / "samples" / "county" / "county.yaml"), "-o", str(book)])
    assert result.exit_code == 0, result.output
    return book


@pytest.fixture
def scans(monkeypatch):
    """Every streaming scan run, so a test can assert how much of a part was read."""
    seen = []
    original = scan._Scan.run

    def run(self):
        seen.append(self)
        return original(self)
    monkeypatch.setattr(scan._Scan, "run", run)
    return seen


def _read_at_most(scans, name, size):
    fed = {scan.name: scan.fed for scan in scans}
    assert name in fed, fed
    assert fed[name] <= size, (name, fed[name])


# ---------------------------------------------------------------- workbooks
def test_a_huge_text_in_a_sheet_nobody_uses(tmp_path, run, county_book, scans):
    path = bombs.huge_text_in_unused_sheet(county_book, tmp_path / "备注.xlsx", chars=20_000_000)
    output = _clean(run("check", path))
    assert "备注" in output and "A1" in output and f"{limits.MAX_TEXT:,}" in output
    # refused after the first ~32,767 characters: not the 20 MB, whatever the bomb's size
    _read_at_most(scans, "xl/worksheets/sheet99.xml", 256 * 1024)


def test_a_sheet_stored_outside_the_worksheets_folder_is_scanned(tmp_path, run, county_book, scans):
    path = bombs.sheet_outside_worksheets(county_book, tmp_path / "elsewhere.xlsx", rows=200_000)
    output = _clean(run("check", path))
    assert "数据" in output and f"{limits.MAX_ROWS + 1:,}" in output and f"{limits.MAX_ROWS:,}" in output
    _read_at_most(scans, "xl/elsewhere/data.xml", 1024 * 1024)


def test_one_row_number_repeated_is_counted_as_rows(tmp_path, run, county_book, scans):
    head = b'<?xml version="1.0"?><worksheet ' + bombs.MAIN + b"><sheetData>"
    path = bombs._add_sheet(county_book, tmp_path / "same.xlsx", "同一行", "xl/worksheets/sheet99.xml", head,
                            b'<row r="1"><c r="A1" t="n"><v>1</v></c></row>', 200_000, b"</sheetData></worksheet>")
    output = _clean(run("check", path))
    assert "同一行" in output and f"{limits.MAX_ROWS + 1:,}" in output
    _read_at_most(scans, "xl/worksheets/sheet99.xml", 2 * 1024 * 1024)


def test_cells_without_references_count_their_columns(tmp_path, run, county_book):
    head = b'<?xml version="1.0"?><worksheet ' + bombs.MAIN + b"><sheetData><row>"
    path = bombs._add_sheet(county_book, tmp_path / "wide.xlsx", "宽表", "xl/worksheets/sheet99.xml", head,
                            b'<c t="n"><v>1</v></c>', 5_000, b"</row></sheetData></worksheet>")
    output = _clean(run("check", path))
    assert "宽表" in output and "ALM" in output and f"{limits.MAX_COLUMNS:,}" in output


def test_a_sheet_outside_the_folder_is_still_read(tmp_path, run, county_book):
    # within the limits it is an ordinary sheet: its unknown table does not disturb the county
    path = bombs.sheet_outside_worksheets(county_book, tmp_path / "small.xlsx", rows=50)
    _clean(run("check", path), 1)
    book = package.open_book(path)
    assert "数据" in book.sheetnames and book["数据"].max_row == 50


def test_millions_of_one_character_shared_strings(tmp_path, run, county_book, scans):
    path = bombs.many_shared_strings(county_book, tmp_path / "strings.xlsx", count=limits.MAX_SHARED_STRINGS * 3)
    output = _clean(run("check", path))
    assert "共享文字" in output and f"{limits.MAX_SHARED_STRINGS:,}" in output
    _read_at_most(scans, "xl/sharedStrings.xml", (limits.MAX_SHARED_STRINGS + 10_000) * 17)


def test_shared_strings_total_text(tmp_path, run, county_book, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SHARED_TEXT", 5_000)
    path = bombs.many_shared_strings(county_book, tmp_path / "strings.xlsx", count=6_000)
    assert "5,000 个字符" in _clean(run("check", path))


def test_shared_strings_are_read_when_within_the_limits(tmp_path, county_book):
    path = bombs.many_shared_strings(county_book, tmp_path / "strings.xlsx", count=10)
    assert package.open_book(path)["学校基本情况"].max_row > 3


def test_one_huge_tag_is_refused_while_streaming(tmp_path, run, county_book, scans):
    # expat holds a comment whole until it ends: a 4 MB comment stops the scan at MAX_XML_TOKEN
    def comment(xml: bytes) -> bytes:
        return xml.replace(b"<sheetData>", b"<!--" + b"x" * (4 * 1024 * 1024) + b"--><sheetData>", 1)
    path = tmp_path / "comment.xlsx"
    bombs._copy_with(county_book, path, {"xl/worksheets/sheet1.xml": comment}, lambda z: None)
    output = _clean(run("check", path))
    assert "xl/worksheets/sheet1.xml" in output and "标记" in output
    _read_at_most(scans, "xl/worksheets/sheet1.xml", limits.MAX_XML_TOKEN + 256 * 1024)


def test_merged_ranges_within_the_sheet_but_too_many_cells_together(tmp_path, run, county_book):
    merges = "".join(f'<mergeCell ref="A{r}:ALL{r}"/>' for r in range(100, 2200))     # 2,100 × 1,000 cells

    def merged(xml: bytes) -> bytes:
        xml = xml.replace(b"<mergeCells", b"<ignored").replace(b"</mergeCells>", b"</ignored>")
        return xml.replace(b"</sheetData>", f"</sheetData><mergeCells>{merges}</mergeCells>".encode(), 1)
    path = tmp_path / "merged.xlsx"
    bombs._copy_with(county_book, path, {"xl/worksheets/sheet1.xml": merged}, lambda z: None)
    assert f"{limits.MAX_CELLS:,}" in _clean(run("check", path))


def test_a_member_that_inflates_past_its_declared_size_is_not_read_past_it(tmp_path, run, county_book):
    # the inflated-size limit trusts the zip's declared sizes: zipfile stops there (CRC error)
    data = bytearray(county_book.read_bytes())
    assert zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("xl/worksheets/sheet1.xml").file_size > 1000
    # rewrite the central directory's size of the sheet to 100 bytes
    central = data.index(b"PK\x01\x02")
    while True:
        name_length = int.from_bytes(data[central + 28:central + 30], "little")
        name = bytes(data[central + 46:central + 46 + name_length])
        if name == b"xl/worksheets/sheet1.xml":
            data[central + 24:central + 28] = (100).to_bytes(4, "little")
            break
        extra = int.from_bytes(data[central + 30:central + 32], "little")
        comment = int.from_bytes(data[central + 32:central + 34], "little")
        central += 46 + name_length + extra + comment
    county_book_copy = tmp_path / "lying.xlsx"
    county_book_copy.write_bytes(bytes(data))
    assert zipfile.ZipFile(county_book_copy).getinfo("xl/worksheets/sheet1.xml").file_size == 100
    output = _clean(run("check", county_book_copy))
    assert "不是可读取的 Excel 工作簿" in output


def test_only_the_parts_the_reader_uses_are_opened(tmp_path, county_book, monkeypatch):
    # a drawing, comments or pivot cache are never inflated (openpyxl's own loader reads them all)
    opened = []
    original = zipfile.ZipFile.open

    def spy(self, name, *args, **kwargs):
        opened.append(name if isinstance(name, str) else name.filename)
        return original(self, name, *args, **kwargs)
    path = tmp_path / "extra.xlsx"
    bombs._copy_with(county_book, path, {}, lambda z: z.writestr("xl/comments1.xml", b"<comments/>"))
    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    package.open_book(path)
    names = set(opened)
    assert "xl/comments1.xml" not in names and not any(n.startswith("docProps/") for n in names)
    assert any(n.startswith("xl/worksheets/sheet") for n in names)


def test_many_workbook_errors_stop_after_the_first_ones(tmp_path, run, county_book):
    book = openpyxl.load_workbook(county_book)
    sheet = book["学校基本情况"]
    keys = [cell.value for cell in sheet[1]]
    column = keys.index("students") + 1 if "students" in keys else 8
    for number in range(4, 4 + 300):
        sheet.cell(row=number, column=2, value=f"学校{number}")
        sheet.cell(row=number, column=column, value="很多")
    path = tmp_path / "errors.xlsx"
    book.save(path)
    output = _clean(run("check", path))
    assert output.count("错误:") == MAX_ERRORS
    assert "另有" in output and "处错误未列出" in output


# ---------------------------------------------------------------- Word files
def test_a_template_that_inflates_to_a_hundred_megabytes(tmp_path, run):
    template = bombs.huge_docx(REPO / "doc_templates" / "report-school.docx", tmp_path / "t.docx", megabytes=3)
    started = time.process_time()
    output = _clean(run("report", SAMPLE_SCHOOL, "--template", template, "-o", tmp_path / "r.docx"))
    assert "word/document.xml" in output and limits.size_text(limits.MAX_TEMPLATE_PART) in output
    assert time.process_time() - started < 2      # from the zip directory; it took 12 s of CPU before
    assert not (tmp_path / "r.docx").exists()


def test_a_report_to_audit_that_inflates_past_the_part_limit(tmp_path, run, monkeypatch):
    monkeypatch.setattr(limits, "MAX_DOCX_PART", 1024 * 1024)
    report = bombs.huge_docx(REPO / "doc_templates" / "report-school.docx", tmp_path / "报告.docx", megabytes=2)
    output = _clean(run("audit", report))
    assert "word/document.xml" in output and "1 MB" in output


def test_a_normal_template_is_within_the_template_part_limit():
    for template in (REPO / "doc_templates").glob("*.docx"):
        limits.check_docx(template, template=True)


# ---------------------------------------------------------------- YAML
def test_unknown_keys_stop_after_the_first_errors(tmp_path, run, monkeypatch):
    import difflib
    searches = []
    original = difflib.get_close_matches

    def counted(*args, **kwargs):
        searches.append(args[0])
        return original(*args, **kwargs)
    monkeypatch.setattr(difflib, "get_close_matches", counted)
    path = bombs.unknown_keys_yaml(tmp_path / "keys.yaml", keys=9_000)
    output = _clean(run("check", path))
    assert output.count("错误:") == MAX_ERRORS
    assert "另有 8,981 处错误未列出" in output      # 8,980 keys, and students missing
    assert len(searches) <= MAX_ERRORS        # the closest key is looked for only for errors shown


@pytest.mark.parametrize("tab", [False, True])
def test_a_mapping_past_the_keys_limit_is_refused_as_it_is_read(tab, tmp_path, run, monkeypatch):
    # 400,000 unknown keys took 8 s of CPU and 300 MB (each key built, then counted as an error); now
    # the reader stops at the key past limits.MAX_MAPPING_KEYS: the fast reader tokenizes no further,
    # the full loader (a tab sends the file there) walks events and never composes the document
    from generator.io import yaml_fast, yaml_source
    monkeypatch.setattr(limits, "MAX_MAPPING_KEYS", 1_000)
    monkeypatch.setattr(yaml_source, "_KEYS_SCAN_ABOVE", 5_000)
    read = []           # tokens read, per parse
    tokens = yaml_fast._tokens

    def counted(text):
        read.append(0)
        for token in tokens(text):
            read[-1] += 1
            yield token
    monkeypatch.setattr(yaml_fast, "_tokens", counted)

    def never(self):
        raise AssertionError("the document was composed")
    monkeypatch.setattr(yaml_source._LineLoader, "get_single_data", never)
    path = bombs.unknown_keys_yaml(tmp_path / "keys.yaml", keys=50_000, tab=tab)
    result = run("check", path)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "keys.yaml, 第 1 行：从这一行起的一组数据有超过 1,000 个键" in result.stderr, result.stderr
    assert max(read, default=0) <= 1_000 + yaml_fast._BATCH
    # a flow mapping on one line is counted the same way
    flow = tmp_path / "flow.yaml"
    flow.write_text("kind: school\nname: 一小\ngovernment: {" + ", ".join(f"k{i}: 1" for i in range(2_000))
                    + "}\n", encoding="utf-8")
    result = run("check", flow)
    assert result.exit_code == 2 and "第 3 行：从这一行起的一组数据有超过 1,000 个键" in result.stderr


def test_a_mapping_at_the_keys_limit_is_read(tmp_path, monkeypatch):
    from generator.io import yaml_source
    monkeypatch.setattr(limits, "MAX_MAPPING_KEYS", 1_000)
    monkeypatch.setattr(yaml_source, "_KEYS_SCAN_ABOVE", 5_000)
    for tab in (False, True):
        path = bombs.unknown_keys_yaml(tmp_path / "keys.yaml", keys=997, tab=tab)    # + kind, name, stage
        assert len(yaml_source.read_yaml(path)) == 1_000


def test_english_says_how_many_more(tmp_path, run):
    path = bombs.unknown_keys_yaml(tmp_path / "keys.yaml", keys=100)
    output = _clean(run("check", path, "--lang", "en"))
    assert "more errors not listed" in output


# ---------------------------------------------------------------- the web uses the same readers
def test_the_web_upload_is_bounded_the_same_way(tmp_path, county_book, scans):
    from generator.web.app import create_app
    path = bombs.huge_text_in_unused_sheet(county_book, tmp_path / "备注.xlsx", chars=5_000_000)
    app = create_app()
    try:
        client = app.test_client()
        response = client.post("/check", data={"file": (io.BytesIO(path.read_bytes()), "备注.xlsx")},
                               content_type="multipart/form-data")
    finally:
        app.config["JOBS"].shutdown()
    text = response.get_data(as_text=True)
    assert response.status_code in (200, 400, 422) and "Traceback" not in text
    assert "备注" in text and f"{limits.MAX_TEXT:,}" in text
    _read_at_most(scans, "xl/worksheets/sheet99.xml", 256 * 1024)
