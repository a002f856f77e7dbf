"""Workbooks damaged by hand or by a program: every malformed cell, merged range or hidden key row is one
clear Chinese error naming sheet!cell (exit 2, no traceback, nothing written) — never "list index out of
range" or openpyxl's own words — and a workbook that is only unusual is read as it shows."""
from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from bombs import hand_made_workbook, school_sheet
from conftest import REPO

COUNTY = REPO / "samples" / "county" / "county.yaml"
DAMAGED = "文件可能由程序生成或已损坏"


def _check(run, path, *extra):
    result = run("check", path, *extra)
    assert "Traceback" not in result.output and "list index" not in result.output, result.output
    assert "invalid literal" not in result.output and "is not a valid" not in result.output, result.output
    return result


@pytest.mark.parametrize("d5, words", [
    ('<c r="D"><v>1</v></c>', "第 5 行有一个单元格的位置“D”无效（应如 B5）"),          # a reference without a row
    ('<c r="D0"><v>1</v></c>', "位置“D0”无效"),                                         # row 0 (silently dropped before)
    ('<c r="$D$5"><v>1</v></c>', "位置“$D$5”无效"),
    ('<c r="5D"><v>1</v></c>', "位置“5D”无效"),
    ('<c r="D5" t="s"><v>99</v></c>', "学校基本情况”D5 引用共享文字编号 99，但工作簿的共享文字只有 2 条"),
    ('<c r="D5" t="s"><v>-1</v></c>', "D5 引用共享文字编号 -1"),                          # was the last string
    ('<c r="D5" t="s"><v>0.5</v></c>', "D5 引用共享文字编号 0.5"),
    ('<c r="D5" t="n"><v>abc</v></c>', "D5 是数字单元格，但存的是“abc”"),
    ('<c r="D5"><v>NaN</v></c>', "D5 是数字单元格，但存的是“NaN”"),
    ('<c r="D5"><v>1e400</v></c>', "D5 是数字单元格，但存的是“1e400”"),
    ('<c r="D5"><f>1/0</f><v>#DIV/0!</v></c>', "D5 的公式算出错误值 #DIV/0!"),
    ('<c r="D5" t="b"><v>2</v></c>', "D5 是“是/否”单元格，但存的是“2”"),              # was read as True
    ('<c r="D5" t="d"><v>not-a-date</v></c>', "D5 是日期单元格，但存的是“not-a-date”"),
    ('<c r="D5" t="zz"><v>1</v></c>', "D5 的单元格类型“zz”无效"),
])
def test_a_malformed_cell_is_named(d5, words, tmp_path, run):
    path = hand_made_workbook(tmp_path / "坏.xlsx", school_sheet(d5), shared=["x", None])
    result = _check(run, path, "--xlsx", tmp_path / "结论.xlsx")
    assert result.exit_code == 2 and words in result.stderr, result.output
    assert "坏.xlsx" in result.stderr and not (tmp_path / "结论.xlsx").exists()


@pytest.mark.parametrize("d5, classes", [
    ('<c r="D5" t="inlineStr"><is/></c>', None),                   # an inline string without text: blank
    ('<c r="D5" t="inlineStr"></c>', None),
    ('<c r="D5" t="s"></c>', None),                                # a shared string without its number: blank
    ('<c r="D5" t="s"><v>1</v></c>', None),                        # an empty <si/>: blank
    ('<c r="d5"><v>7</v></c>', 7),                                 # lower-case reference: as Excel reads it
    ('<c r="D5" t="inlineStr"><is><r><t>1</t></r><r><t>2</t></r></is></c>', "12"),   # rich text: its runs
])
def test_an_unusual_but_valid_cell_is_read_as_it_shows(d5, classes, tmp_path):
    from generator.io.workbook.reader import read_workbook
    data = read_workbook(hand_made_workbook(tmp_path / "s.xlsx", school_sheet(d5), shared=["x", None]))
    assert data.get("classes") == classes


@pytest.mark.parametrize("merge, words", [
    ("A1:", "合并单元格范围“A1:”无效"),
    ("hello", "合并单元格范围“hello”无效"),
    ("E3:A1", "合并单元格范围“E3:A1”无效"),
    ("A1:E3", "学校基本情况!A1:E3：合并单元格 A1:E3 盖住了 B1 等单元格的内容"),   # a merge over the header
    ("A5:E5", "学校基本情况!A5:E5：合并单元格 A5:E5 盖住了 B5 等单元格的内容"),   # over a school's row
])
def test_a_malformed_or_hiding_merge_is_named(merge, words, tmp_path, run):
    path = hand_made_workbook(tmp_path / "并.xlsx", school_sheet(), merge=merge)
    result = _check(run, path)
    assert result.exit_code == 2 and words in result.stderr, result.output


def _county_book(tmp_path, run):
    book = tmp_path / "县.xlsx"
    assert run("export", COUNTY, "-o", book).exit_code == 0
    return book


def _edit(book, out, change):
    workbook = load_workbook(book)
    change(workbook["学校基本情况"])
    workbook.save(out)
    return out


@pytest.mark.parametrize("change, count, words", [
    # a key typed over another: one error at the key cell, naming what it was
    (lambda ws: ws.__setitem__("N3", "stray_key"), 1,
     "学校基本情况!N3：隐藏的键行里“stray_key”不是 junheng 的键，这一列未读入（请改回原来的键或删去它）；原来可能是“classes”"),
    # a key typed into an empty column
    (lambda ws: ws.__setitem__("BH3", "my_note"), 1, "学校基本情况!BH3：隐藏的键行里“my_note”不是 junheng 的键"),
    (lambda ws: ws.__setitem__("K3", "student.primary"), 1, "原来可能是“students.primary”"),
    # a key copied into a second column
    (lambda ws: ws.__setitem__("N3", "name"), 1, "学校基本情况!N3：隐藏的键行里“name”出现了两次（先在 B3）"),
    # a header merged down over the key row (Excel keeps only the top-left text)
    (lambda ws: ws.merge_cells("A1:C3"), 1, "学校基本情况!A1:C3：合并单元格 A1:C3 盖住了隐藏的键行（第 3 行）"),
    (lambda ws: ws.merge_cells("K2:L3"), 1, "合并单元格 K2:L3 盖住了隐藏的键行（第 3 行）"),
])
def test_one_damaged_key_cell_is_one_error(change, count, words, tmp_path, run):
    book = _edit(_county_book(tmp_path, run), tmp_path / "改.xlsx", change)
    result = _check(run, book)
    assert result.exit_code == 2 and words in result.stderr, result.stderr
    assert result.stderr.count("错误") == count, result.stderr


def test_a_merge_over_the_key_row_that_hides_nothing_is_read_by_the_headers(tmp_path, run):
    # B2:D3: the key cells of 学校名称, 学校类型, 办学性质 are blank under it; row 1 names the columns
    book = _edit(_county_book(tmp_path, run), tmp_path / "改.xlsx", lambda ws: ws.merge_cells("B2:D3"))
    assert run("check", book, "--json").stdout == run("check", COUNTY, "--json").stdout


def test_a_stray_key_on_the_web_is_one_message(tmp_path, run):
    from generator.web.app import create_app
    book = _edit(_county_book(tmp_path, run), tmp_path / "改.xlsx", lambda ws: ws.__setitem__("N3", "stray_key"))
    app = create_app()
    try:
        response = app.test_client().post("/check", data={"file": (io.BytesIO(book.read_bytes()), "改.xlsx"),
                                                          "action": "check"}, content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code == 400 and "学校基本情况!N3" in page and "stray_key" in page
        assert page.count("不是 junheng 的键") == 1
    finally:
        app.config["JOBS"].shutdown()
