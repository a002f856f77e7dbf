"""Options that several verbs share are declared once, in generator/cli/common.py, with one help text;
the profile is resolved in one function there, so every verb picks the same standard for a file."""
import re

from conftest import REPO

from generator.cli import main
from generator.cli.common import profile_name

SHARED = {"force": "--force", "pdf": "--pdf", "date": "--date", "as_json": "--json"}


def test_shared_options_are_declared_only_in_common():
    declared = re.compile(r'click\.option\(\s*"(--force|--pdf|--date|--json)"')
    places = {path.name: declared.findall(path.read_text(encoding="utf-8"))
              for path in sorted((REPO / "generator").rglob("*.py"))}
    found = {name: hits for name, hits in places.items() if hits}
    assert found == {"common.py": ["--force", "--pdf", "--date", "--json"]}


def test_every_verb_shows_the_same_help_for_a_shared_option():
    helps = {}
    for verb, command in main.commands.items():
        if verb in ("accounts", "backup", "restore"):      # the data store's upkeep: their --force replaces a database
            continue
        for param in command.params:
            if param.name in SHARED and SHARED[param.name] in param.opts:
                helps.setdefault(param.name, {})[verb] = param.help
    # the verbs that write files or JSON all carry them (check and rules: --json; check: --force for --xlsx)
    assert set(helps["force"]) == {"check", "new", "audit", "export", "plan", "report", "slogans", "publicity"}
    assert set(helps["pdf"]) == {"audit", "plan", "report", "slogans", "publicity"}
    assert set(helps["date"]) == {"audit", "plan", "report"}
    assert set(helps["as_json"]) == {"check", "rules", "profiles", "audit", "plan"}
    for name, by_verb in helps.items():
        assert len(set(by_verb.values())) == 1, (name, by_verb)
    assert "e.g. --date 2024-09-01" in helps["date"]["report"]
    assert "-o report.docx --pdf also writes report.pdf" in helps["pdf"]["plan"]


def test_profile_name_explicit_beats_the_first_file_that_names_one_beats_the_default():
    county, centre = {"profile": "basic-2012"}, {"profile": "quality-2017"}
    assert profile_name("guizhou", county, centre) == "guizhou"
    # a file that says basic-2012 names a profile as much as one that says guizhou (the issue's bug 1)
    assert profile_name(None, county, centre) == "basic-2012"
    assert profile_name(None, {}, centre) == "quality-2017"
    assert profile_name(None, None, {"profile": "  "}, centre) == "quality-2017"
    assert profile_name(None, None, {}) == "basic-2012"
    assert profile_name(None) == "basic-2012"


def test_slogans_for_a_file_naming_basic_2012_beats_the_centres_profile(run, tmp_path):
    centre_text = (REPO / "samples" / "dongong-centre.yaml").read_text(encoding="utf-8")
    centre = tmp_path / "centre.yaml"
    centre.write_text(centre_text.replace("kind: centre\n", "kind: centre\nprofile: quality-2017\n", 1),
                      encoding="utf-8")
    county = REPO / "samples" / "county" / "county.yaml"
    assert "\nprofile: basic-2012\n" in county.read_text(encoding="utf-8")
    result = run("slogans", "--for", county, "--centre", centre, "--count", "3", "--allow-repeat")
    assert result.exit_code == 0, result.output
    # basic-2012's weak items (K ids), not quality-2017's (Q4 … with 11 schools short)
    assert "K2 生均运动场地面积（2 所学校未达标）" in result.output
    assert "Q4" not in result.output
    # and with no --for, the centre's own profile is used
    alone = run("slogans", "--centre", centre, "--count", "3", "--allow-repeat")
    assert "优质均衡" in alone.output
