"""The audit's result: one `Row` per thing checked, and the `AuditResult` with its JSON (contract.md)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from generator.numbers import plain, round_half_up


@dataclass
class Row:
    """One thing checked: a claim, a breakdown, or a relation the facts must satisfy."""
    kind: str                    # claim | breakdown | verdict | consistency
    status: str                  # agree | finding | unverified
    of: str
    measure: str
    what: dict                   # what was claimed / compared, in words
    how: dict                    # how it was computed, in words
    claimed: object = None       # Decimal, or a status word for verdicts
    recomputed: object = None
    claimed_text: str = ""
    recomputed_text: str = ""
    difference_text: str = ""
    difference: Decimal | None = None
    unit: str = ""
    standard: Decimal | None = None
    stage: str | None = None
    school: str | None = None
    file: str | None = None
    line: int | None = None
    text: str | None = None
    where: str | None = None     # where the report says it: "第 19 段", "表1第4行", "第 6 行"
    percent: bool = False        # the report wrote a percentage: the difference is in percentage points
    extra: dict = field(default_factory=dict)

    def to_json(self, lang: str = "zh") -> dict:
        data = {"kind": self.kind, "of": self.of, "measure": self.measure,
                "claimed": _json_value(self.claimed), "recomputed": _json_value(self.recomputed)}
        if self.difference is not None:
            data["difference"] = plain(round_half_up(self.difference, 6))
            if self.percent:
                data["difference_unit"] = "percentage points"
        for key in ("standard",):
            if getattr(self, key) is not None:
                data[key] = plain(getattr(self, key))
        for key in ("unit", "stage", "school", "file", "line", "where", "text", "claimed_text"):
            if getattr(self, key) not in (None, ""):
                data[key] = getattr(self, key)
        data["what"] = self.what[lang]
        data["how"] = self.how[lang]
        data.update(self.extra)
        return data


def _json_value(value):
    if isinstance(value, Decimal):
        return plain(round_half_up(value, 6))
    return value


@dataclass
class AuditResult:
    subject: dict
    profile: str
    rows: list

    @property
    def findings(self) -> list[Row]:
        return [row for row in self.rows if row.status == "finding"]

    @property
    def unverified(self) -> list[Row]:
        return [row for row in self.rows if row.status == "unverified"]

    @property
    def checked(self) -> int:
        """Claims and breakdowns of the submission that were recomputed."""
        return sum(1 for row in self.rows if row.kind != "consistency" and row.status != "unverified")

    @property
    def relations_checked(self) -> int:
        return sum(1 for row in self.rows if row.kind == "consistency")

    def to_json(self, lang: str = "zh") -> dict:
        return {"subject": self.subject, "profile": self.profile, "checked": self.checked,
                "relations_checked": self.relations_checked,
                "findings": [row.to_json(lang) for row in self.findings],
                "unverified": [row.to_json(lang) for row in self.unverified],
                "agreed": [row.to_json(lang) for row in self.rows
                           if row.status == "agree" and row.kind != "consistency"]}
