"""Every key of every nested entry accepts its Chinese label (and aliases).

A county with inline schools, government figures, claims and breakdowns, a school with
per-stage counts, labs and subject teachers, and a centre are written with each key — at
every nesting level — spelled as hypothesis chooses (English key, Chinese label or an
alias); the loaded facts must equal those of the all-English file.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import REPO, examples
from generator.model import schema
from generator.io.facts import load_facts

STAGE_LABELS = {"primary": "小学", "junior": "初中", "senior": "高中"}
SUBJECT_KEYS = {"required": "应配", "actual": "实配"}


def _raw(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _english_county() -> dict:
    county = _raw(REPO / "samples" / "county" / "county.yaml")
    schools = []
    for entry in county["schools"][:3]:
        inline = _raw(REPO / "samples" / "county" / entry)
        inline.pop("kind", None)
        schools.append(inline)
    county["schools"] = schools
    audit = _raw(REPO / "samples" / "audit" / "school-consistent.yaml")
    county["schools"][0]["claims"] = audit["claims"][:4]
    county["schools"][0]["breakdowns"] = audit["breakdowns"]
    county["schools"][0]["subject_teachers"] = {"music": {"required": 2, "actual": 1}, "art": {"required": 1,
                                                                                                "actual": 1}}
    county["schools"][1]["kind"] = "school"      # one inline school says its kind itself
    return county


def _english_twelve_year() -> dict:
    school = _raw(REPO / "samples" / "county" / "schools" / "chengguan-1.yaml")
    school.update(stage="nine_year", students={"primary": 400, "junior": 300},
                  teachers={"primary": 25, "junior": 22}, teachers_above_required_degree={"primary": 20, "junior": 18},
                  teachers_mid_senior_title={"primary": 10, "junior": 9}, labs={"science": 1, "physics": 1, "chemistry": 1,
                                                                 "biology": 1})
    return school


def _spell(choose, fld: schema.Field) -> str:
    return choose([fld.key, fld.label, *fld.labels])


def _enum_value(choose, fld, value):
    aliases = [alias for alias, target in schema.ENUM_ALIASES.get(fld.key, {}).items() if target == value]
    return choose([value, *aliases]) if isinstance(value, str) else value


def _translate(choose, data: dict, fields) -> dict:
    """`data` with each key spelled as drawn, recursing into every nested entry by the field's type."""
    index = {fld.key: fld for fld in fields}
    result = {}
    for key, value in data.items():
        fld = index.get(key)
        if fld is None:
            result[key] = value
            continue
        if fld.type == "government" and isinstance(value, dict):
            value = _translate(choose, value, schema.GOVERNMENT_FIELDS)
        elif fld.type == "claims":
            value = [_translate(choose, item, schema.CLAIM_FIELDS) for item in value]
        elif fld.type == "breakdowns":
            value = [_translate(choose, item, schema.BREAKDOWN_FIELDS) for item in value]
        elif fld.type == "schools":
            value = [_translate(choose, item, schema.SCHOOL_FIELDS) if isinstance(item, dict) else item
                     for item in value]
        elif fld.type == "centre_schools":
            value = [_translate(choose, item, schema.CENTRE_SCHOOL_FIELDS) for item in value]
        elif fld.type == "stage_count" and isinstance(value, dict):
            value = {choose([part, STAGE_LABELS[part]]): count for part, count in value.items()}
        elif fld.type == "labs":
            value = {choose([lab, schema.LAB_LABELS[lab]]): count for lab, count in value.items()}
        elif fld.type == "subjects":
            value = {choose([name, schema.SUBJECT_LABELS[name]]):
                     {choose([k, SUBJECT_KEYS[k]]): n for k, n in entry.items()}
                     for name, entry in value.items()}
        elif fld.type == "enum":
            value = _enum_value(choose, fld, value)
        result[_spell(choose, fld)] = value
    return result


def _dump(path: Path, data) -> Path:
    # one line per key whatever its spelling, so that line numbers agree between the two files
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**9), encoding="utf-8")
    return path


def _facts(subject):
    if subject.kind == "county":
        # facts["schools"] is the list as written (spellings included): the loaded schools are compared
        return (subject.name, {k: v for k, v in subject.facts.items() if k != "schools"}, subject.government,
                [(s.name, s.stage, s.facts) for s in subject.schools])
    if subject.kind == "centre":
        return subject.name, subject.facts, subject.schools
    return subject.name, subject.stage, subject.facts


def _same_as_english(data, fields, kind_fields, draw):
    def choose(options):
        return draw(st.sampled_from(options))
    with tempfile.TemporaryDirectory() as folder:
        english = load_facts(_dump(Path(folder) / "en.yaml", data))
        chinese = load_facts(_dump(Path(folder) / "zh.yaml", _translate(choose, data, kind_fields)))
    assert _facts(chinese) == _facts(english)


SETTINGS = settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.data())
def test_county_keys_at_every_level(data):
    _same_as_english(_english_county(), None, schema.COUNTY_FIELDS, data.draw)


@SETTINGS
@given(st.data())
def test_school_keys_at_every_level(data):
    _same_as_english(_english_twelve_year(), None, schema.SCHOOL_FIELDS, data.draw)


@SETTINGS
@given(st.data())
def test_centre_keys_at_every_level(data):
    _same_as_english(_raw(REPO / "samples" / "dongong-centre.yaml"), None, schema.CENTRE_FIELDS, data.draw)


def test_all_chinese_inline_school_is_not_a_duplicate_kind():
    """The probe's exact input: `schools: [{类型: school, 学校名称: 甲, …}]`."""
    county = _english_county()
    def chinese_label(options):          # [key, label, aliases…]: always the label
        return options[1] if len(options) > 1 else options[0]
    chinese = _translate(chinese_label, county, schema.COUNTY_FIELDS)
    assert "类型" in chinese["学校"][1]
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_facts(_dump(Path(folder) / "zh.yaml", chinese))
    assert [s.name for s in loaded.schools] == [s["name"] for s in county["schools"]]
