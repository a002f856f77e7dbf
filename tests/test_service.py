"""The service layer every front end calls (generator/service/): a county held in memory, its schools
inline, gives the same document bytes as the CLI writes for that county's exported fact file; one rule
for unique file names, case ignored; the options are one frozen record."""
from __future__ import annotations

import dataclasses
import datetime
import io
import zipfile

import pytest
import yaml

from conftest import REPO
from generator.errors import InputErrors
from generator.service import documents
from generator.service.evaluate import evaluate_mapping, load_mapping
from generator.service.files import unique_file_names, zip_bytes
from generator.service.options import RunOptions

DATE = datetime.date(2024, 9, 1)


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The quality sample county exported to one YAML file (schools inline), and that file as a mapping."""
    from click.testing import CliRunner
    from generator.cli import main

    folder = tmp_path_factory.mktemp("exported")
    path = folder / "county.yaml"
    result = CliRunner().invoke(main, ["export", str(REPO / "samples" / "quality" / "county.yaml"), "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path, yaml.safe_load(path.read_text(encoding="utf-8"))


def test_a_county_in_memory_gives_the_bytes_the_cli_writes(exported, run, tmp_path):
    path, data = exported
    options = RunOptions(engine="native", date=DATE)
    evaluated = evaluate_mapping(data, options)
    assert evaluated.subject.kind == "county" and len(evaluated.subject.schools) == 17
    assert evaluated.rules.id == "quality-2017"                  # the mapping's own profile

    report, plan, ledger, least = (tmp_path / n for n in ("r.docx", "p.docx", "l.xlsx", "lc.docx"))
    assert run("report", path, "-o", report, "--date", "2024-09-01", "--engine", "native").exit_code == 1
    assert run("plan", path, "-o", plan, "--ledger", ledger, "--date", "2024-09-01", "--engine", "native").exit_code == 1
    least_run = run("plan", path, "--least-cost", "-o", least, "--date", "2024-09-01", "--engine", "native")
    json_run = run("plan", path, "--least-cost", "--json", "--engine", "native")

    assert documents.report_docx(evaluated, options) == report.read_bytes()
    assert documents.plan_files(evaluated, options) == (plan.read_bytes(), ledger.read_bytes())
    docx, data_json = documents.least_cost_files(evaluated, options)
    assert docx == least.read_bytes() and least_run.exit_code in (0, 1)
    assert data_json.decode("utf-8") == json_run.stdout
    exported_files = dict(documents.export_files(evaluated.subject, "county"))
    assert exported_files["county.yaml"] == path.read_bytes()


def test_each_school_in_memory_matches_report_each_school(exported, run, tmp_path):
    path, data = exported
    options = RunOptions(engine="native", date=DATE)
    evaluated = evaluate_mapping(data, options)
    seen = []
    files = documents.school_reports(evaluated.subject, evaluated.rules, options,
                                     lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, 17) and seen[-1] == (17, 17)
    folder = tmp_path / "each"
    result = run("report", path, "--each-school", "-o", folder, "--date", "2024-09-01", "--jobs", "1",
                 "--engine", "native")
    assert result.exit_code == 1, result.output
    written = {p.name: p.read_bytes() for p in folder.iterdir()}
    assert dict(files) == written and len(written) == 17
    with zipfile.ZipFile(io.BytesIO(zip_bytes(files))) as archive:
        assert sorted(archive.namelist()) == sorted(written)
        assert all(info.flag_bits & 0x800 for info in archive.infolist())   # UTF-8 names


def test_a_school_path_in_memory_is_refused_naming_the_entry():
    data = {"kind": "county", "name": "某县", "schools": ["schools/a.yaml", {"name": "乙小学"}]}
    with pytest.raises(InputErrors) as raised:
        load_mapping(data, "收集.yaml")
    [error] = raised.value.errors
    assert error.key == "schools[0]" and "schools/a.yaml" in raised.value.describe("zh")
    assert "收集.yaml" in raised.value.describe("zh")


def test_a_bad_value_in_memory_names_the_key_as_a_file_would():
    data = {"kind": "county", "name": "某县", "schools": [{"kind": "school", "name": "甲", "stage": "primary",
                                                          "students": "很多"}]}
    with pytest.raises(InputErrors) as raised:
        load_mapping(data)
    assert "schools[0].students" in raised.value.describe("zh")


def test_only_shipped_profiles_when_asked():
    data = {"kind": "county", "name": "某县", "profile": "/etc/passwd.yaml",
            "schools": [{"name": "甲", "stage": "primary", "students": 10}]}
    with pytest.raises(InputErrors) as raised:
        evaluate_mapping(data, RunOptions(shipped_only=True))
    assert "/etc/passwd.yaml" in raised.value.describe("zh")


def test_unique_file_names_ignore_case_and_unsafe_characters():
    def name(text):
        return text.replace("/", "_") + ".docx"
    assert unique_file_names(["A/B", "A_B", "a_b", "C"], name) == ["A_B.docx", "A_B（2）.docx", "a_b（3）.docx",
                                                                      "C.docx"]


def test_run_options_are_frozen():
    options = RunOptions(profile="guizhou")
    with pytest.raises(dataclasses.FrozenInstanceError):
        options.profile = "basic-2012"
    assert options.replace(lang="en").lang == "en" and options.lang == "zh"
    assert RunOptions(engine="native").backend() == "native"


def test_what_every_document_shares_is_read_once_per_process(monkeypatch, run, tmp_path):
    """The measures library and the unit costs are read once, not once per school (they cost more than
    rendering did); each caller gets its own copy."""
    from generator.io import costs_file, measures_file

    measures_file._LOADED.clear()
    costs_file._SHIPPED.clear()
    reads = []
    real = measures_file._read_measures
    monkeypatch.setattr(measures_file, "_read_measures", lambda path=None: reads.append(path) or real(path))
    result = run("report", REPO / "samples" / "county" / "county.yaml", "--each-school", "-o", tmp_path / "each",
                 "--jobs", "1", "--engine", "native")
    assert result.exit_code == 1 and len(list((tmp_path / "each").iterdir())) == 14
    assert reads == [None] and len(costs_file._SHIPPED) == 1
    first = measures_file.load_measures()
    first["items"].clear()
    assert measures_file.load_measures()["items"]              # a caller's change stays its own
    costs = costs_file.load_costs()
    costs.popitem()
    assert len(costs_file.load_costs()) == len(costs) + 1
