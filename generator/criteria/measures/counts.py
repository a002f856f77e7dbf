"""Measure kinds that count or state: flag (是/否), max_of_list (the largest of a list: 班额),
labs (required lab types present). The plain `value` / `total` kind is base.Measure itself."""
from __future__ import annotations

from decimal import Decimal

from generator.criteria.measures.formula import Deficit, Figure
from generator.criteria.measures.base import Measure, Measured, same_standard
from generator.numbers import exact


class Flag(Measure):
    """A yes/no fact (课程开齐开足): 1 when done, 0 when not; no 尚缺."""
    kind = "flag"

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        return Measured(Decimal(1 if raw else 0), (rule.of,), None, "")

    def figure(self, rule, part, x) -> Figure:
        """terms (the fact as written,)."""
        return Figure(Decimal(1 if x else 0), (x,), (rule.of or "",))

    def deficit_needs(self, rule):
        return None


class MaxOfList(Measure):
    """The largest of a list (the largest class): its excess over the standard, in whole 人."""
    kind = "max_of_list"

    def compute(self, rule, facts, raw, standard, unit) -> Measured:
        of = rule.of
        if not raw:
            return Measured(None, (of,))
        value = Decimal(max(raw))
        excess = None
        if standard is not None:
            excess = int(max(value - standard, Decimal(0)))
        return Measured(value, (of,), excess, _deficit_unit(rule))

    def figure(self, rule, part, x) -> Figure:
        """terms (the largest,)."""
        value = Decimal(max(x)) if x else None
        return Figure(value, (value,), (rule.of or "",), rule.unit)

    # audit: the excess of the largest over the standard, as the check counts it (whole 人)
    def gap(self, rule, facts, s, x, n) -> Deficit:
        """terms (the largest, s)."""
        of = rule.of
        sizes = facts.get(of)
        if not sizes:
            return Deficit(None, missing=(of,))
        largest = Decimal(max(sizes))
        return Deficit(None, (largest, s), (of,), _deficit_unit(rule), gap=largest - s)


class Labs(Measure):
    """Required labs present, counted by type: value = types met, standard = types required,
    尚缺 = labs missing in all. A combined lab (科学综合实验室) counts for the labs it replaces in a
    school of at most `classes_max` classes."""
    kind = "labs"

    def needs(self, rule):
        return ("labs",)

    def measure(self, rule, part, standard) -> Measured:
        labs = part.facts.get("labs")
        if labs is None:
            return Measured(None, ("labs",))
        required = dict((rule.required or {}).get(part.part, {}))
        if not required:
            return Measured(None, ("labs",))
        have = dict(labs)
        combined = rule.combined
        classes = part.facts.get("classes")
        met, short = labs_met(required, have)
        if combined and have.get(combined["lab"]):
            with_combined = dict(have)
            for lab in combined["replaces"]:
                with_combined[lab] = max(have.get(lab, 0), have[combined["lab"]])
            if classes is None:
                # Whether the combined lab counts depends on 班数 ≤ classes_max. When counting it
                # or not gives the same verdict, the verdict stands (its 尚缺 is the smaller, with
                # the combined lab: "at least"); when it decides, the verdict is missing `classes`.
                met_with, short_with = labs_met(required, with_combined)
                if (met >= len(required)) != (met_with >= len(required)):
                    return Measured(None, ("classes",))
                return Measured(Decimal(met_with), ("labs",), short_with, "间")
            if classes <= combined["classes_max"]:
                met, short = labs_met(required, with_combined)
        return Measured(Decimal(met), ("labs",), short, "间")

    def exact_value(self, rule, part, standard, decided=None) -> Figure:
        """terms (lab types present,)."""
        decided = same_standard(decided, standard)
        value = decided.value if decided is not None else self.measure(rule, part, standard).value
        if value is None:
            return Figure(None, missing=("labs",))
        return Figure(value, (value,), unit="类")

    def exact_deficit(self, rule, part, standard, decided=None) -> Deficit:
        """terms (labs missing,): counted, never rounded."""
        decided = same_standard(decided, exact(standard))
        measured = decided if decided is not None else self.measure(rule, part, standard)
        if measured.value is None:
            return Deficit(None, missing=("labs",))
        short = exact(measured.deficit)
        return Deficit(short, (short,), unit="间", exact=short)


def _deficit_unit(rule) -> str:
    """The unit of a largest-class excess: the rule's own, else 人."""
    return "人" if "deficit_unit" not in rule.stated else rule.deficit_unit


def labs_met(required: dict, have: dict) -> tuple[int, int]:
    """(lab types present in the required number, labs short in all)."""
    met = sum(1 for lab, count in required.items() if have.get(lab, 0) >= count)
    short = sum(max(count - have.get(lab, 0), 0) for lab, count in required.items())
    return met, short


def labs_required(rule: dict, part) -> Decimal | None:
    """The labs rule's standard for a part: the number of lab types it requires."""
    required = (rule.required or {}).get(part.part)
    return Decimal(len(required)) if required else None
