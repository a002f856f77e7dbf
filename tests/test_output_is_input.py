"""No verb writes over a file it read, even with --force: the fact file, a school file the county lists,
--costs, --profile, --measures, --template — by the file's identity, so another spelling (a link, `./`)
is the same file. Exit 2, the message names both, and nothing is written (the input is unchanged)."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import REPO

SAMPLES = REPO / "samples"


@pytest.fixture
def county(tmp_path):
    target = tmp_path / "county"
    shutil.copytree(SAMPLES / "county", target)
    return target


def _refused(result, path, before: bytes, tmp_path, keep=()):
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "本次读入的文件" in result.stderr and "--force 也不行" in result.stderr, result.stderr
    assert path.read_bytes() == before


def _profile(tmp_path):
    path = tmp_path / "本县标准.yaml"
    path.write_text("inherits: basic-2012\nid: 本县\noverrides:\n  K3: {threshold: {primary: 20, junior: 30}}\n",
                    encoding="utf-8")
    return path


def _costs(tmp_path):
    path = tmp_path / "单价.yaml"
    path.write_text("book: 25\n", encoding="utf-8")
    return path


def _workbook(county, tmp_path):
    from click.testing import CliRunner
    from generator.cli import main
    path = tmp_path / "清河县.xlsx"
    assert CliRunner().invoke(main, ["export", str(county / "county.yaml"), "-o", str(path)]).exit_code == 0
    return path


CASES = {
    # verb: (arguments before the output, option naming the output, which input it names)
    "check --xlsx over the facts": lambda c, t: (["check", _workbook(c, t), "--xlsx"], t / "清河县.xlsx"),
    "plan --ledger over the facts workbook": lambda c, t: (["plan", _workbook(c, t), "-o", t / "p.docx", "--ledger"],
                                                           t / "清河县.xlsx"),
    "plan -o over --template": lambda c, t: (["plan", c / "county.yaml", "--template",
                                              shutil.copy(REPO / "doc_templates" / "plan.docx", t / "tpl.docx"), "-o"],
                                             t / "tpl.docx"),
    "least-cost --apply over the county": lambda c, t: (["plan", c / "county.yaml", "--least-cost", "--apply"],
                                                        c / "county.yaml"),
    "least-cost --apply over a school file": lambda c, t: (["plan", c / "county.yaml", "--least-cost", "-o",
                                                            t / "lc.docx", "--apply"],
                                                           c / "schools" / "shimen-primary.yaml"),
    "least-cost --apply over --costs": lambda c, t: (["plan", c / "county.yaml", "--least-cost", "--costs", _costs(t),
                                                      "--apply"], t / "单价.yaml"),
    "least-cost --apply over --profile": lambda c, t: (["plan", c / "county.yaml", "--least-cost", "--profile",
                                                        _profile(t), "--apply"], t / "本县标准.yaml"),
    "report -o over --template": lambda c, t: (["report", c / "schools" / "shimen-primary.yaml", "--template",
                                                shutil.copy(REPO / "doc_templates" / "report-school.docx",
                                                            t / "r.docx"), "-o"], t / "r.docx"),
    "export -o over a school file": lambda c, t: (["export", c / "county.yaml", "-o"],
                                                  c / "schools" / "shimen-primary.yaml"),
    "audit --emit-facts over --profile": lambda c, t: (["audit", SAMPLES / "reports" / os.listdir(SAMPLES / "reports")[0],
                                                        "--profile", _profile(t), "--emit-facts"], t / "本县标准.yaml"),
    "audit -o over --profile": lambda c, t: (["audit", c / "county.yaml", "--profile", _profile(t), "-o"],
                                             t / "本县标准.yaml"),
    "slogans -o over --for": lambda c, t: (["slogans", "--for", _workbook(c, t), "-o"], t / "清河县.xlsx"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_no_verb_writes_over_its_input_even_with_force(case, county, tmp_path, run):
    arguments, target = CASES[case](county, tmp_path)
    if case.startswith(("export", "least-cost --apply over a school")):
        # an output spelled another way than the input: the same file all the same
        target = target.parent / "." / target.name
    before = target.read_bytes()
    result = run(*arguments, target, "--force")
    _refused(result, target, before, tmp_path)


def test_a_symbolic_link_to_an_input_is_the_input(county, tmp_path, run):
    link = tmp_path / "link.yaml"
    link.symlink_to(county / "schools" / "shimen-primary.yaml")
    before = link.read_bytes()
    result = run("plan", county / "county.yaml", "--least-cost", "--apply", link, "--force")
    _refused(result, link, before, tmp_path)


def test_nothing_else_is_written_when_the_last_output_is_an_input(county, tmp_path, run):
    # -o would be written first: it must not be, since --ledger names an input
    school = county / "schools" / "shimen-primary.yaml"
    result = run("plan", county / "county.yaml", "-o", tmp_path / "p.docx", "--ledger", school, "--force")
    assert result.exit_code == 2 and not (tmp_path / "p.docx").exists()


def test_new_refuses_to_write_over_nothing_it_read_but_still_needs_force(tmp_path, run):
    target = tmp_path / "s.yaml"
    assert run("new", "school", "-o", target).exit_code == 0
    assert run("new", "school", "-o", target).exit_code == 2
    assert run("new", "school", "-o", target, "--force").exit_code == 0
