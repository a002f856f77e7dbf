"""The Extraction model: what a report's text says, item by item, with the sentence of each.

An `Item` is one figure (fact, claim, breakdown or unrecognised) with its sentence and line; a
`Subject` is what the text says about one school or the county; an `Extraction` holds the
subject, the named schools of a county text, the unrecognised figures and the assumptions made.
Its fact file is written by generator/io/fact_file.py (`fact_yaml(extraction)`), which reads this model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Item:
    """One extracted figure (or group of figures) with the sentence it came from."""
    kind: str            # fact | claim | breakdown | unrecognised
    data: dict
    text: str
    line: int
    where: str
    school: str | None = None   # a school named in a county text ("红光小学")
    note: str = ""

    def to_json(self) -> dict:
        result = {"kind": self.kind, **_jsonable(self.data), "text": self.text, "line": self.line,
                  "where": self.where}
        if self.school:
            result["school"] = self.school
        if self.note:
            result["note"] = self.note
        return result


@dataclass
class Subject:
    """What the text says about one school (or the county itself)."""
    name: str | None = None
    attributes: dict = field(default_factory=dict)   # key → (value, Item-like source or None)
    facts: dict = field(default_factory=dict)        # key → Item
    claims: list = field(default_factory=list)
    breakdowns: list = field(default_factory=list)


SPANNING_STAGES = ("nine_year", "complete_middle", "twelve_year")


def school_stage(school: "Subject") -> str:
    """A listed school's 学段: its table's 类型, else its name ("…初中", "…九年一贯制学校"), else 小学."""
    stage = school.attributes.get("stage", (None, None))[0]
    if stage is None:
        stage = "primary"
        for suffix, value in (("初中", "junior"), ("中学", "junior"), ("九年一贯制", "nine_year"),
                              ("十二年一贯制", "twelve_year"), ("完全中学", "complete_middle")):
            if suffix in (school.name or ""):
                stage = value
    return stage


@dataclass
class Extraction:
    source: str
    kind: str                                    # school | county
    subject: Subject
    schools: dict = field(default_factory=dict)  # name → Subject (county texts)
    unrecognised: list = field(default_factory=list)
    assumptions: list = field(default_factory=list)
    title: str | None = None                     # the title the report gives itself, for 《…》

    # -- views
    @property
    def facts(self) -> dict:
        return {key: item.data["value"] for key, item in self.subject.facts.items()}

    @property
    def claims(self) -> list[dict]:
        return [item.data for item in self.subject.claims]

    @property
    def breakdowns(self) -> list[dict]:
        return [item.data for item in self.subject.breakdowns]

    def items(self):
        for subject in (self.subject, *self.schools.values()):
            yield from subject.facts.values()
            yield from subject.claims
            yield from subject.breakdowns
        yield from self.unrecognised

    def checkable_school(self, name: str) -> bool:
        """A school can be written as a loadable inline school only with its 在校生数 — per 学段 for a
        school spanning 学段, which a report's single figure does not give."""
        school = self.schools[name]
        return "students" in school.facts and school_stage(school) not in SPANNING_STAGES

    def to_json(self) -> dict:
        def subject_json(subject: Subject) -> dict:
            return {"name": subject.name,
                    "attributes": {key: value for key, (value, _) in subject.attributes.items()},
                    "facts": {key: item.to_json() for key, item in subject.facts.items()},
                    "claims": [item.to_json() for item in subject.claims],
                    "breakdowns": [item.to_json() for item in subject.breakdowns]}
        return {"source": self.source, "kind": self.kind, **subject_json(self.subject),
                "schools": {name: subject_json(s) for name, s in self.schools.items()},
                "unrecognised": [item.to_json() for item in self.unrecognised],
                "assumptions": list(self.assumptions)}


def _jsonable(data: dict) -> dict:
    result = {}
    for key, value in data.items():
        if isinstance(value, Decimal):
            value = _plain(value)
        elif isinstance(value, dict):
            value = _jsonable(value)
        result[key] = value
    return result


def _plain(value: Decimal):
    value = value.normalize() if value != 0 else Decimal(0)
    return int(value) if value == value.to_integral_value() else float(value)
