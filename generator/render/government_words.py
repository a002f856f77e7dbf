"""Why a failing government check lost points, in the county's facts: one clause per check kind
(`measure:` in government.yaml, generator.criteria.measures.government computes its value)
("生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，有1年负增长")."""
from __future__ import annotations

from decimal import Decimal

from generator.model import schema
from generator.numbers import doc_number, doc_percent, doc_plain


class CheckWords:
    """A check whose fact is compared as it is (value, flag, difference, ratio); the base of every kind's words."""

    def sentence(self, item: dict, check: dict, rule, facts: dict) -> str:
        """Why this failing check lost points, from the county's facts (`check`: the scored check of the result,
        `rule`: the profile's GovernmentCheck it was measured by)."""
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


class CountNegativeWords(CheckWords):
    """How many years of the growth series fell (教育经费“三个增长”)."""

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


class SubjectsShortWords(CheckWords):
    """How many subjects have fewer teachers than required."""

    def sentence(self, item, check, rule, facts):
        value = facts.get(check.get("of"))
        if not isinstance(value, dict):
            return super().sentence(item, check, rule, facts)
        return "；".join(f"{schema.SUBJECT_LABELS.get(name, name)}教师应配{doc_number(c['required'], 0)}人、"
                        f"实有{doc_number(c['actual'], 0)}人，缺{doc_number(c['required'] - c['actual'], 0)}人"
                        for name, c in value.items() if c["actual"] < c["required"])


class CountBetweenWords(CheckWords):
    """How many (or what share of) classes have a size in [min, max] (大班额)."""

    def sentence(self, item, check, rule, facts):
        value = facts.get(check.get("of"))
        if not isinstance(value, list):
            return super().sentence(item, check, rule, facts)
        low, high = (rule.min if rule.min is not None else 0), rule.max
        big = [size for size in value if size >= low and (high is None or size <= high)]
        band = f"{low}至{high}人" if high is not None else f"{low}人及以上"
        return (f"全县{len(value)}个教学班中班额{band}的有{len(big)}个"
                + (f"，占{doc_percent(Decimal(len(big)) / len(value), 1)}" if high is not None else ""))


PLAIN_CHECK = CheckWords()
_BETWEEN = CountBetweenWords()
CHECK_WORDS: dict[str, CheckWords] = {"count_negative": CountNegativeWords(), "subjects_short": SubjectsShortWords(),
                                      "count_between": _BETWEEN, "share_between": _BETWEEN}


def check_sentence(item: dict, check: dict, rule, facts: dict) -> str:
    """The clause of one failing check, by its kind (a check of no known kind is explained like a plain value)."""
    return CHECK_WORDS.get(rule.measure, PLAIN_CHECK).sentence(item, check, rule, facts)
