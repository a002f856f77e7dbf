"""Generated counties of any size, for property tests and benchmarks.

A county is made from one of the shipped sample counties (basic-2012: samples/county, 优质均衡:
samples/quality): its schools are repeated round-robin under new names, and every number of a
school is scaled by a random factor, so that schools pass and fail different rules and the
county's CV differ from seed to seed. The result is one YAML file with the schools inline.
"""
from __future__ import annotations

import copy
import random
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
SAMPLES = {"basic": REPO / "samples" / "county" / "county.yaml",
           "quality": REPO / "samples" / "quality" / "county.yaml"}
# facts that are counts of people or rooms stay whole numbers; rates stay ≤ 1 (or their % text)
_KEEP = {"kind", "name", "classes", "class_sizes", "stage", "ownership", "location", "affiliation", "category", "province", "county",
         "year", "profile"}


def _sample(kind: str) -> tuple[dict, list[dict]]:
    path = SAMPLES[kind]
    county = yaml.safe_load(path.read_text(encoding="utf-8"))
    schools = []
    for entry in county.pop("schools"):
        if isinstance(entry, str):
            entry = yaml.safe_load((path.parent / entry).read_text(encoding="utf-8"))
        if "name" in entry:          # (a sample school written with Chinese keys is left out)
            schools.append(entry)
    return county, schools


def _scale(value, rng: random.Random, factor: float):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return max(0, round(value * factor)) if value > 3 else value
    if isinstance(value, float):
        scaled = value * factor
        return round(min(scaled, 1.0), 4) if value <= 1 else round(scaled, 1)
    if isinstance(value, dict):
        return {key: _scale(item, rng, factor) for key, item in value.items()}
    return value


def county_facts(schools: int, kind: str = "basic", seed: int = 0) -> dict:
    """A county of `schools` schools (≥ 1) as one fact-file mapping."""
    rng = random.Random(seed)
    county, samples = _sample(kind)
    county = copy.deepcopy(county)
    county["name"] = f"{county['name']}{seed}"
    members = []
    for index in range(schools):
        base = samples[index % len(samples)]
        factor = rng.choice([1.0, 1.0, rng.uniform(0.85, 1.25)])
        school = {key: (value if key in _KEEP else _scale(value, rng, factor)) for key, value in base.items()}
        school["name"] = f"{base['name']}{index + 1}"
        members.append(school)
    county["schools"] = members
    return county


def write_county(path: Path, schools: int, kind: str = "basic", seed: int = 0) -> Path:
    path.write_text(yaml.safe_dump(county_facts(schools, kind, seed), allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path
