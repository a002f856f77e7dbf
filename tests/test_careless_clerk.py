"""A careless clerk's files, as they come: each either means one thing and is read as that (its `check --json`
is the clean file's, byte for byte) or has no one meaning and is refused — exit 2, a Chinese message naming
the line or sheet!cell and the field, no traceback, nothing written. Each case is also tried with the verb
a clerk would run it through (report, plan, audit, slogans --for, publicity, the web upload); the slow test
runs every case through every verb."""
from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from conftest import REPO

SCHOOL = REPO / "samples" / "dongshe-primary.yaml"
CENTRE = REPO / "samples" / "dongong-centre.yaml"
COUNTY = REPO / "samples" / "county" / "county.yaml"
TEXT = SCHOOL.read_text(encoding="utf-8")


def _yaml(name, change, clean=None):
    """A case written from the sample school: `change` maps the text; `clean` (a change too) the file
    it must read like (default: the sample itself)."""
    def make(tmp: Path):
        path = tmp / f"{name}.yaml"
        path.write_bytes(change(TEXT).encode("utf-8"))
        same = SCHOOL
        if clean is not None:
            same = tmp / f"{name}-clean.yaml"
            same.write_text(clean(TEXT), encoding="utf-8")
        return path, same
    return make


def _sub(old, new):
    def change(text):
        assert old in text, old
        return text.replace(old, new)
    return change


def _book(name, edit, clean_edit=None):
    """A case made from the sample county's workbook: `edit(sheet, columns, rows)` changes it."""
    def make(tmp: Path):
        base = tmp / "县.xlsx"
        if not base.exists():
            from click.testing import CliRunner
            from generator.cli import main
            assert CliRunner().invoke(main, ["export", str(COUNTY), "-o", str(base)]).exit_code == 0
        out = []
        for suffix, change in ((name, edit), (f"{name}-clean", clean_edit)):
            workbook = load_workbook(base)
            if change is not None:
                sheet = workbook["学校基本情况"]
                columns = {cell.value: cell.column_letter for cell in sheet[3] if cell.value}
                rows = {sheet.cell(r, 2).value: r for r in range(5, sheet.max_row + 1)}
                change(workbook, sheet, columns, rows)
            path = tmp / f"{suffix}.xlsx"
            workbook.save(path)
            out.append(path)
        return out[0], out[1]
    return make


def _centre(name, edit, clean_edit):
    def make(tmp: Path):
        out = []
        for suffix, change in ((name, edit), (f"{name}-clean", clean_edit)):
            path = tmp / f"{suffix}.yaml"
            path.write_bytes(change(CENTRE.read_text(encoding="utf-8")).encode("utf-8"))
            out.append(path)
        return out[0], out[1]
    return make


def _centre_book(name, value, clean_value):
    def make(tmp: Path):
        from click.testing import CliRunner
        from generator.cli import main
        base = tmp / "中心.xlsx"
        assert CliRunner().invoke(main, ["export", str(CENTRE), "-o", str(base)]).exit_code == 0
        out = []
        for suffix, written in ((name, value), (f"{name}-clean", clean_value)):
            workbook = load_workbook(base)
            sheet = workbook.worksheets[0]
            row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 5).value == "date")
            sheet.cell(row, 2).value = written
            sheet.cell(row, 2).number_format = "General"
            path = tmp / f"{suffix}.xlsx"
            workbook.save(path)
            out.append(path)
        return out[0], out[1]
    return make


def _set(column_key, school_name, value):
    def edit(workbook, sheet, columns, rows):
        sheet[f"{columns[column_key]}{rows[school_name]}"] = value
    return edit


def _rename(old, new):
    def edit(workbook, sheet, columns, rows):
        workbook[old].title = new
    return edit


def _swap(first, second, without_keys=False):
    """Two columns moved with their headers (merged headers spread first), the key row kept or deleted
    (a county office's own table, read by its headers)."""
    def edit(workbook, sheet, columns, rows):
        for merged in list(sheet.merged_cells.ranges):
            value = sheet.cell(merged.min_row, merged.min_col).value
            sheet.unmerge_cells(str(merged))
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    sheet.cell(r, c).value = value
        a, b = (sheet[f"{columns[key]}1"].column for key in (first, second))
        for r in range(1, sheet.max_row + 1):
            sheet.cell(r, a).value, sheet.cell(r, b).value = sheet.cell(r, b).value, sheet.cell(r, a).value
        if without_keys:
            sheet.delete_rows(3)
    return edit


SAME, REFUSED = "same", "refused"
# (name, maker, verb a clerk would run it through, expected, words of the refusal)
CASES = [
    ("BOM", _yaml("bom", lambda t: "\ufeff" + t), "report", SAME, None),
    ("CRLF", _yaml("crlf", lambda t: t.replace("\n", "\r\n")), "plan", SAME, None),
    ("BOM and CRLF in a centre file", _centre("centre-crlf", lambda t: "\ufeff" + t.replace("\n", "\r\n"),
                                              lambda t: t), "publicity", SAME, None),
    ("a tab after the colon", _yaml("tab-value", _sub("books: 10600", "books:\t10600")), "audit", SAME, None),
    ("a tab as indentation", _yaml("tab-indent", _sub("  K1: 校长、总务处", "\tK1: 校长、总务处")), "report",
     REFUSED, r"tab-indent\.yaml, 第 \d+ 行：这一行有制表符（Tab）：YAML 文件只能用空格缩进"),
    ("full-width digits", _yaml("fullwidth", _sub("books: 10600", "books: １０６００")), "slogans", SAME, None),
    ("students as 981人", _yaml("people", _sub("students: 981", "students: 981人")), "plan", SAME, None),
    ("books as 10600人 (another unit)", _yaml("wrong-unit", _sub("books: 10600", "books: 10600人")), "plan",
     REFUSED, r"第 \d+ 行, books：应为非负整数（单位：册），实际是“10600人”"),
    ("area as 7800元 (another unit)", _yaml("area-yuan", _sub("sports_area_m2: 7800", "sports_area_m2: 7800元")),
     "check", REFUSED, r"sports_area_m2：应为数字（单位：㎡），实际是“7800元”"),
    ("area as 7800平方米", _yaml("area-m2", _sub("sports_area_m2: 7800", "sports_area_m2: 7800平方米")), "audit",
     SAME, None),
    ("money as 82万元", _yaml("wan", _sub("equipment_value_yuan: 820000", "equipment_value_yuan: 82 万元")),
     "report", SAME, None),
    ("a rate as \"85%\" and ８５％", _yaml("percent", _sub("network_space_rate: 85%", "network_space_rate: ８５％")),
     "check", SAME, None),
    ("a rate as a bare 85", _yaml("bare-85", _sub("network_space_rate: 85%", "network_space_rate: 85")), "report",
     REFUSED, r"network_space_rate：应为 0–1 之间的比率或百分数"),
    ("a decimal comma 7,8", _yaml("comma", _sub("sports_area_m2: 7800", "sports_area_m2: \"7,8\"")), "plan",
     REFUSED, r"sports_area_m2：应为数字（单位：㎡），实际是“7,8”"),
    ("7800多", _yaml("approx", _sub("sports_area_m2: 7800", "sports_area_m2: 7800多")), "audit", REFUSED,
     r"sports_area_m2：应为数字（单位：㎡），实际是“7800多”"),
    ("trailing blanks in the name", _yaml("name-blank", _sub("name: 东社小学", "name: \"东社小学  \"")), "report",
     SAME, None),
    ("an invisible character in the name", _yaml("zwsp", _sub("name: 东社小学", "name: 东社\u200b小学")), "check",
     SAME, None),
    ("the school type as \" 小学 \"", _yaml("stage-blank", _sub("stage: primary", "stage: \" 小学 \"")), "slogans",
     SAME, None),
    ("the year as 2024年", _yaml("year", _sub("county: 万柏林区", "county: 万柏林区\nyear: 2024年"),
                                _sub("county: 万柏林区", "county: 万柏林区\nyear: 2024")), "report", SAME, None),
    ("yes / √ for a yes-no fact", _yaml("yes", _sub("courses_complete: true", "courses_complete: √")), "plan",
     SAME, None),
    ("a full-width colon", _yaml("colon", _sub("books: 10600", "books：10600")), "check", REFUSED,
     r"第 \d+ 行：“books：10600”用了中文冒号“：”"),
    ("no blank after the colon", _yaml("nospace", _sub("books: 10600", "books:10600")), "audit", REFUSED,
     r"第 \d+ 行：“books:10600”的冒号后缺一个空格"),
    ("a date as 2013年9月23日", _centre("date-cn", _sub("date: 2013-09-23", "date: 2013年9月23日"), lambda t: t),
     "publicity", SAME, None),
    ("a date as an Excel day number", _centre_book("date-serial", 45536, "2024-09-01"), "publicity", SAME, None),
    ("the schools' sheet renamed", _book("sheet1", _rename("学校基本情况", "Sheet1")), "report", SAME, None),
    ("a blank after a sheet name", _book("sheet-blank", _rename("学校基本情况", "学校基本情况 ")), "check", SAME, None),
    ("the county's sheet renamed", _book("county-sheet", _rename("县及政府工作", "县级数据")), "plan", SAME, None),
    ("two columns swapped", _book("swapped", _swap("books", "computers")), "check", SAME, None),
    ("columns swapped, no key row", _book("swapped-no-keys", _swap("books", "computers", True)), "report", SAME,
     None),
    ("students as \"2160人\" in a cell", _book("cell-people", _set("students.primary", "城关第一小学", "2160人")),
     "web", SAME, None),
    ("full-width digits in a cell", _book("cell-fullwidth", _set("students.primary", "城关第一小学", "２１６０")),
     "check", SAME, None),
    ("\"85%\" as text in a rate cell", _book("cell-percent", _set("network_space_rate", "城关第一小学", "85%"),
                                            _set("network_space_rate", "城关第一小学", 0.85)), "report", SAME, None),
    ("trailing blanks in a school's name", _book("cell-name", _set("name", "城关第一小学", "城关第一小学  ")),
     "audit", SAME, None),
    ("duplicate school names (one with a blank)", _book("cell-duplicate", _set("name", "城关第二小学", "城关第一小学 ")),
     "web", REFUSED, r"学校基本情况!\d+:\d+, schools\[\d+\]：学校名称重复：“城关第一小学”"),
    ("books as 10600人 in a cell", _book("cell-unit", _set("books", "城关第一小学", "10600人")), "plan", REFUSED,
     r"学校基本情况!AK\d+（图书册数）, schools\[0\]\.books：应为非负整数（单位：册），实际是“10600人”"),
]
VERBS = ("check", "report", "plan", "audit", "slogans", "publicity", "web")


def _run_verb(verb, path, tmp_path, run):
    """(exit code or HTTP status, message text) of one verb on one file."""
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    if verb == "web":
        from generator.web.app import create_app
        app = create_app()
        try:
            response = app.test_client().post("/check", data={"file": (io.BytesIO(path.read_bytes()), path.name),
                                                              "action": "check"}, content_type="multipart/form-data")
        finally:
            app.config["JOBS"].shutdown()
        return response.status_code, response.get_data(as_text=True)
    args = {"check": ["check", path],
            "report": ["report", path, "-o", out / "报告.docx", "--force"],
            "plan": ["plan", path, "-o", out / "方案.docx", "--force"],
            "audit": ["audit", path],
            "slogans": ["slogans", "--for", path, "-o", out / "标语.docx", "--force"],
            "publicity": ["publicity", path, "-o", out / "宣传.docx", "--force"]}[verb]
    result = run(*args)
    assert "Traceback" not in result.output and (result.exception is None or isinstance(result.exception, SystemExit)), \
        result.output
    return result.exit_code, result.output


def _expect(verb, path, same, expected, words, tmp_path, run):
    if verb == "publicity" and "centre" not in path.name and "date" not in path.name:
        return
    if verb != "publicity" and ("centre" in path.name or "date" in path.name):
        verb = "check"
    code, text = _run_verb(verb, path, tmp_path, run)
    if expected == SAME:
        assert code in ((200,) if verb == "web" else (0, 1)), text[-2000:]
    else:
        import html
        assert code == (400 if verb == "web" else 2), text[-2000:]
        assert re.search(words, html.unescape(text)), text[-2000:]
        assert not any((tmp_path / "out").iterdir())          # nothing written


@pytest.mark.parametrize("name, make, verb, expected, words", CASES, ids=[case[0] for case in CASES])
def test_a_careless_file_is_read_as_it_means_or_refused_by_place(name, make, verb, expected, words, tmp_path, run):
    path, same = make(tmp_path)
    result = run("check", path, "--json")
    assert "Traceback" not in result.output
    if expected == SAME:
        assert result.exit_code in (0, 1), result.output
        assert result.stdout == run("check", same, "--json").stdout
    else:
        assert result.exit_code == 2 and re.search(words, result.stderr), result.output
        assert path.name in result.stderr
    _expect(verb, path, same, expected, words, tmp_path, run)


@pytest.mark.slow
@pytest.mark.parametrize("name, make, verb, expected, words", CASES, ids=[case[0] for case in CASES])
def test_every_careless_file_through_every_verb(name, make, verb, expected, words, tmp_path, run):
    path, same = make(tmp_path)
    for other in VERBS:
        _expect(other, path, same, expected, words, tmp_path, run)
