"""The words of the measure kinds that state a verdict differently from the plain value: flag (是/否),
labs (types of lab), per_class (每班), students_per (生机比), and the per-student kinds whose sentence
shows the facts the value comes from. What they compute is in generator.criteria.measures."""
from __future__ import annotations

from generator.i18n import RELATION_WORDS, yes_no
from generator.numbers import doc_number
from generator.render.measure_words_plain import (PlainWords, prose_unit, prose_value_unit, standard_words,
                                                  value_words, verdict_name)


class PerStudentWords(PlainWords):
    """生均 and 每百名: the sentence names the total and the students it is divided by."""
    shows_basis = True


class FlagWords(PlainWords):
    """A yes/no fact (课程开齐开足)."""

    def value_text(self, verdict, lang="zh") -> str:
        return "—" if verdict.value is None else yes_no(verdict.value, lang)

    def standard_text(self, verdict, lang="zh") -> str:
        if verdict.standard is None:
            return "—"
        return verdict.wording or yes_no(True, lang)

    def standard_phrase(self, verdict) -> str:
        return verdict.wording or "符合要求"

    def target(self, verdict) -> str:
        return self.standard_phrase(verdict)

    def met_sentence(self, verdict, name, passed, short) -> str:
        wording = verdict.wording or "符合要求"
        return f"{name}：{wording}，达到标准。" if passed else f"{name}：未做到{wording}，未达到标准。"

    def sentence(self, verdict, school=None, of=None) -> str:
        if verdict.status == "missing":
            return super().sentence(verdict, school, of)
        return f"{verdict_name(verdict)}：未做到{verdict.wording or '符合要求'}。"


class LabsWords(PlainWords):
    """Required labs present, counted by type."""

    def target(self, verdict) -> str:
        return self.standard_phrase(verdict)

    def table_unit(self, verdict, lang, unit) -> str:
        return " 类" if lang == "zh" else " types"

    def stated_standard(self, verdict) -> str:
        return verdict.wording or f"按标准配齐{doc_number(verdict.standard, 0)}类实验室"

    def met_sentence(self, verdict, name, passed, short) -> str:
        if passed:
            return f"{name}：按标准应配{doc_number(verdict.standard, 0)}类，已全部配齐，达到标准。"
        return (f"{name}：按标准应配{doc_number(verdict.standard, 0)}类，现有{doc_number(verdict.value, 0)}类，"
                f"未达到标准{short}。")

    def fail_sentence(self, verdict, name, basis, short_text) -> str:
        return (f"{name}：按标准应配{doc_number(verdict.standard, 0)}类，现有{doc_number(verdict.value, 0)}类"
                f"{short_text}。")


class PerClassWords(PlainWords):
    """每班: a count over the classes (多媒体教室每班1间)."""

    def stated_standard(self, verdict) -> str:
        return verdict.wording or f"每班{standard_words(verdict)}{prose_unit(verdict.unit)}"

    def target(self, verdict) -> str:
        return self.standard_phrase(verdict)

    def met_sentence(self, verdict, name, passed, short) -> str:
        unit = prose_value_unit(verdict.unit)
        value = f"每班{self.figure(verdict)}{unit}"
        target = verdict.wording or f"每班{standard_words(verdict)}{unit}"
        return f"{name}：{value}，{target}，达到标准。" if passed else f"{name}：{value}，未达到“{target}”的标准{short}。"

    def fail_sentence(self, verdict, name, basis, short_text) -> str:
        return (f"{name}每班{value_words(verdict)}{prose_unit(verdict.unit)}，未达到{self.standard_phrase(verdict)}"
                f"的要求{short_text}。")


class StudentsPerWords(PerStudentWords):
    """生机比: students over a count ("9.5:1"); no computer at all has no number ("无（0台）")."""

    def value_text(self, verdict, lang="zh") -> str:
        if getattr(verdict, "unbounded", False):     # no computer at all: the ratio has no number
            return "无（0台）" if lang == "zh" else "none (0)"
        return super().value_text(verdict, lang)

    def standard_with_unit(self, verdict) -> str:
        return f"{standard_words(verdict)}:1"

    def met_sentence(self, verdict, name, passed, short) -> str:
        standard = f"{standard_words(verdict)}:1"
        if getattr(verdict, "unbounded", False):
            return f"{name}：学校尚无学生用计算机，未达到标准（{standard}）{short}。"
        return f"{name}为{self.figure(verdict)}:1，" + (f"达到标准（{standard}）。" if passed else
                                                          f"未达到标准（{standard}）{short}。")

    def stated_standard(self, verdict) -> str:
        return f"{RELATION_WORDS.get(verdict.op, '达到')}{standard_words(verdict)}:1"

    def fail_sentence(self, verdict, name, basis, short_text) -> str:
        if getattr(verdict, "unbounded", False):
            return f"学校尚无学生用计算机，生机比达不到{self.standard_phrase(verdict)}的标准{short_text}。"
        return (f"{name}为{value_words(verdict)}:1{basis}，未达到{self.standard_phrase(verdict)}的要求"
                f"{short_text}。")
