"""What a claim is about (`Target`) and what recomputing it gave (`Outcome`), shared by the school and county views."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class Outcome:
    """A recomputed value with the words that say how; or why it could not be recomputed."""
    value: Decimal | str | None
    how: dict
    unit: str = ""
    missing: tuple = ()
    reason: dict | None = None      # not checkable, and why (besides missing facts)
    also: Decimal | None = None     # a second acceptable value (a deficit before rounding up)
    impossible: bool = False        # the number cannot exist (zero denominator): a finding
    standard: Decimal | None = None


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
