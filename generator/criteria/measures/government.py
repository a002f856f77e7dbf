"""The checks of the government items (`checks:` in government.yaml: B1–B23, 优质均衡 P/E/V), one class per
`measure:`: the value the engine compares with the check's threshold, and the clause a report writes
when the check fails ("生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，有1年负增长").

A check's kind is its own namespace (a government `flag` check reads a county fact; a school `flag`
rule reads a school part's). How many points a failing check loses is the item's `deduct:` (scored in
criteria/government.py), not the kind's: a check has no 尚缺.
"""
from __future__ import annotations

from decimal import Decimal

from generator.model import schema
from generator.numbers import doc_number, doc_percent, doc_plain, exact


class Check:
    """A check whose fact is compared as it is (`value`); the base of every government check."""
    kind = "value"

    def value(self, check: dict, facts: dict, names: list, standard: Decimal) -> tuple[Decimal | None, bool]:
        """(value, unbounded) from present facts."""
        return exact(facts[check["of"]]), False

    def sentence(self, item: dict, check: dict, rule: dict, facts: dict) -> str:
        """Why this failing check lost points, from the county's facts."""
        of = check.get("of")
        value = facts.get(of) if isinstance(of, str) else None
        if check.get("unit") == "%" or (isinstance(of, str) and of.endswith("_rate")):
            label = schema.label_of(of) if isinstance(of, str) else item["name"]
            actual = doc_percent(check.get("value"), 1)
            target = doc_percent(check.get("standard"), 1)
            word = {">=": "低于", ">": "未高于", "<=": "高于", "<": "未低于"}.get(check.get("op"), "未达到")
            return f"{label}为{actual}，{word}{target}的要求"
        if isinstance(of, list) and len(of) == 2:
            first, second = (facts.get(k) for k in of)
            if first is not None and second is not None:
                return (f"{schema.label_of(of[0])}{doc_number(first, 2)}元，{schema.label_of(of[1])}"
                        f"{doc_number(second, 2)}元")
            return f"未做到{item['name']}"
        if isinstance(of, str) and isinstance(value, bool):
            return f"未做到{schema.label_of(of)}"
        if isinstance(of, str) and value is not None:
            return f"{schema.label_of(of)}为{doc_plain(str(value))}，未达到要求"
        return f"未做到{item['name']}"


class Flag(Check):
    kind = "flag"

    def value(self, check, facts, names, standard):
        return Decimal(1 if facts[check["of"]] else 0), False


class Difference(Check):
    """The first fact less the second (优质均衡 quota rate this year − last year)."""
    kind = "difference"

    def value(self, check, facts, names, standard):
        return exact(facts[names[0]]) - exact(facts[names[1]]), False


class Ratio(Check):
    """The first fact over the second. x / 0 (README, "How numbers are decided"): 0 / 0 is 1 — all of
    nothing levied, paid or allocated; x / 0 with x > 0 is unbounded — more than any standard, so it
    meets a ≥ check and fails a ≤ one. Either way the check is decided, and scored."""
    kind = "ratio"

    def value(self, check, facts, names, standard):
        numerator, denominator = exact(facts[names[0]]), exact(facts[names[1]])
        if denominator:
            return numerator / denominator, False
        if numerator == 0:
            return Decimal(1), False
        return max(abs(standard), Decimal(1)) * 1000000 + numerator, True


class CountNegative(Check):
    """How many years of the growth series fell (教育经费“三个增长”)."""
    kind = "count_negative"

    def value(self, check, facts, names, standard):
        return Decimal(sum(1 for series in facts[check["of"]].values() for rate in series if rate < 0)), False

    def sentence(self, item, check, rule, facts):
        value = facts.get(check.get("of"))
        if not isinstance(value, dict):
            return super().sentence(item, check, rule, facts)
        falls = []
        for name, series in value.items():
            negative = [rate for rate in series if rate < 0]
            if negative:
                falls.append(f"{name}近三年增长率依次为{'、'.join(doc_percent(rate, 1) for rate in series)}，"
                             f"有{len(negative)}年负增长")
        return "；".join(falls) if falls else "教育经费未实现“三个增长”"


class SubjectsShort(Check):
    """How many subjects have fewer teachers than required."""
    kind = "subjects_short"

    def value(self, check, facts, names, standard):
        return Decimal(sum(1 for counts in facts[check["of"]].values()
                           if counts["actual"] < counts["required"])), False

    def sentence(self, item, check, rule, facts):
        value = facts.get(check.get("of"))
        if not isinstance(value, dict):
            return super().sentence(item, check, rule, facts)
        return "；".join(f"{schema.SUBJECT_LABELS.get(name, name)}教师应配{doc_number(c['required'], 0)}人、"
                        f"实有{doc_number(c['actual'], 0)}人，缺{doc_number(c['required'] - c['actual'], 0)}人"
                        for name, c in value.items() if c["actual"] < c["required"])


class CountBetween(Check):
    """How many classes have a size in [min, max] (大班额)."""
    kind = "count_between"

    def value(self, check, facts, names, standard):
        sizes = facts[check["of"]]
        count = self.count(check, sizes)
        return Decimal(count), False

    @staticmethod
    def count(check, sizes) -> int:
        low, high = check.get("min", 0), check.get("max")
        return sum(1 for size in sizes if size >= low and (high is None or size <= high))

    def sentence(self, item, check, rule, facts):
        value = facts.get(check.get("of"))
        if not isinstance(value, list):
            return super().sentence(item, check, rule, facts)
        low, high = rule.get("min", 0), rule.get("max")
        big = [size for size in value if size >= low and (high is None or size <= high)]
        band = f"{low}至{high}人" if high is not None else f"{low}人及以上"
        return (f"全县{len(value)}个教学班中班额{band}的有{len(big)}个"
                + (f"，占{doc_percent(Decimal(len(big)) / len(value), 1)}" if high is not None else ""))


class ShareBetween(CountBetween):
    """The share of classes with a size in [min, max]."""
    kind = "share_between"

    def value(self, check, facts, names, standard):
        sizes = facts[check["of"]]
        return (Decimal(self.count(check, sizes)) / len(sizes) if sizes else None), False


GOVERNMENT_CHECKS: dict[str, Check] = {c.kind: c for c in (
    Flag(), Check(), Difference(), Ratio(), CountNegative(), SubjectsShort(), CountBetween(), ShareBetween())}

# A check of no known kind (a result read without its profile) is explained like a plain value.
PLAIN_CHECK = GOVERNMENT_CHECKS["value"]
