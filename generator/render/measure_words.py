"""A verdict in words, by its measure kind: the table's value and standard, the 自查报告's and 整改方案's
sentences, a standard's phrase, a plan item's 整改目标.

generator.criteria.measures computes the numbers and the verdicts; the words of each kind are here
(measure_words_plain: the plain kind and what all share; measure_words_kinds: the kinds that differ;
measure_words_floor: the 优质均衡 item's sentence). Callers look a kind up here and never branch on it.
"""
from __future__ import annotations

from generator.render.measure_words_floor import floor_sentence  # noqa: F401  (the 优质均衡 item's sentence)
from generator.render.measure_words_kinds import (FlagWords, LabsWords, PerClassWords, PerStudentWords,
                                                  StudentsPerWords)
from generator.render.measure_words_plain import (PlainWords, deficit_text, missing_sentence,  # noqa: F401
                                                  trim_zeros, verdict_name)

# A verdict of a kind not listed (value, total, rate_of, max_of_list, the county kinds, a county condition built
# elsewhere) is stated like a plain value.
PLAIN = PlainWords()
WORDS: dict[str, PlainWords] = {"per_student": PerStudentWords(), "per_100_students": PerStudentWords(),
                                "students_per": StudentsPerWords(), "flag": FlagWords(), "labs": LabsWords(),
                                "per_class": PerClassWords()}


def words_of(verdict) -> PlainWords:
    """The words of the verdict's measure kind."""
    return WORDS.get(verdict.measure, PLAIN)


def sentence(verdict, school=None, of: str | None = None) -> str:
    """The sentence that explains a failing or missing verdict (自查报告, 整改方案, `junheng check`)."""
    return words_of(verdict).sentence(verdict, school, of)


def report_sentence(verdict, of: str | None = None) -> str:
    """The 自查报告 table's sentence for any verdict, met or not."""
    return words_of(verdict).report_sentence(verdict, of)


def standard_phrase(verdict) -> str:
    """"不低于5.2平方米", "不高于0.65", "不高于8:1": the one way a standard and its op are worded."""
    return words_of(verdict).standard_phrase(verdict)


def required_phrase(verdict) -> str:
    """"85分以上", "85%以上", "不高于0.65": what a conclusion says was required (达到…的要求)."""
    return words_of(verdict).required_phrase(verdict)


def target(verdict) -> str:
    """A plan item's 整改目标: "生均图书册数不低于15册", "每班1间", "开齐开足"."""
    return words_of(verdict).target(verdict)


def standard_with_unit(verdict) -> str:
    """The standard with its unit as a plan writes it: "5.2㎡", "85%", "8:1"."""
    return words_of(verdict).standard_with_unit(verdict)


def value_text(verdict, lang: str = "zh") -> str:
    """A verdict's value as a table prints it: 85%, 5.60, 9.5, 是."""
    return words_of(verdict).value_text(verdict, lang)


def standard_text(verdict, lang: str = "zh") -> str:
    """The standard as a table prints it: "≥ 5.2 ㎡/生", "≥ 85%", "6 类"."""
    return words_of(verdict).standard_text(verdict, lang)
