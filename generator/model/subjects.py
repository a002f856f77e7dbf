"""The validated facts of a school, a county or a centre school, as load_facts returns them."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import schema


# ---------------------------------------------------------------- validated facts
@dataclass
class School:
    name: str
    stage: str
    facts: dict            # key → coerced value; per-stage counts always as {part: n}
    file: str
    lines: dict = field(default_factory=dict)

    @property
    def kind(self) -> str:
        return "school"

    @property
    def parts(self) -> tuple[str, ...]:
        return schema.STAGE_PARTS[self.stage]

    def get(self, key, default=None):
        return self.facts.get(key, default)

    @property
    def total_students(self) -> int:
        return sum(self.facts["students"].values())


@dataclass
class County:
    name: str
    facts: dict
    schools: list
    government: dict
    file: str
    lines: dict = field(default_factory=dict)
    government_lines: dict = field(default_factory=dict)     # a government key → the line or cell it was read from

    @property
    def kind(self) -> str:
        return "county"

    def get(self, key, default=None):
        return self.facts.get(key, default)


@dataclass
class Centre:
    name: str
    facts: dict
    schools: list          # [{"name": ..., "banner_sites": [...]}]
    file: str

    @property
    def kind(self) -> str:
        return "centre"

    def get(self, key, default=None):
        return self.facts.get(key, default)

