"""What a claim is about (`Target`) and what recomputing it gave (`Outcome`), shared by the school and county views."""
from __future__ import annotations

from dataclasses import dataclass

from generator.criteria.measures.formula import Outcome  # noqa: F401  (what a measure kind recomputes)


class NeedsStandard(Exception):
    pass


class NeedsRate(Exception):
    pass


@dataclass
class Target:
    kind: str                  # field | rule | indicator | gov_item | condition | cv | overall
    key: str
    name: dict
    rule: dict | None = None
