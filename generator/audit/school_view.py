"""A school's figures for the audit: what a claim's `of` names, and its value recomputed from the facts.

A `SchoolView` resolves a claim's subject (a fact field, a rule id, a monitoring indicator, the
school overall), lists the measures it can be checked by, and recomputes the value, deficit or
verdict — for the whole school or one 学段 of a spanning school — reading the evaluation's
verdicts wherever the evaluation already decided the figure.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from generator.model import schema
from generator.audit.formula_words import quotient_outcome
from generator.audit.formulas import WholeSchool, deficit_formula, rule_formula
from generator.audit.outcome import NeedsRate, NeedsStandard, Outcome, Target
from generator.audit.words import (NUMERIC_TYPES, OVERALL_NAMES, RATE_DENOMINATORS, SCHOOL_INDEX, STAGE_WORDS,
                                   STATUS_ZH, L, W, field_unit, is_rate, join_words, label, num)
from generator.criteria.indicators import labs_required, school_parts, threshold_for
from generator.criteria.rule_model import as_rule
from generator.i18n import status_word
from generator.numbers import OP_SIGNS, compare, exact, for_comparison


class SchoolView:
    def __init__(self, school, profile, evaluated):
        """`evaluated`: the school's SchoolResult (its verdicts and status, as the evaluation decided)."""
        self.school = school
        self.profile = profile
        self.evaluated = evaluated
        self.verdicts = evaluated.verdicts
        self.split = profile.monitoring["split"]
        self.parts = {part.part: part for part in school_parts(school, self.split,
                                                               stages=("primary", "junior", "senior"))}
        self.split_fields = set(self.split["fields"])
        self.rules = {rule.id: rule for rule in profile.basic_rules}
        self.indicators = {ind.id: ind for ind in profile.monitoring["indicators"]}

    @property
    def spanning(self) -> bool:
        return len(self.school.parts) > 1

    def spellings(self) -> list[str]:
        names = [s for fld in schema.SCHOOL_FIELDS for s in (fld.key, fld.label, *fld.labels)]
        return names + list(self.rules) + list(self.indicators)

    def has_stage(self, stage: str) -> bool:
        return stage in self.school.parts

    def resolve(self, of) -> Target | None:
        of = unicodedata.normalize("NFKC", str(of)).strip()
        if of in self.rules:
            return Target("rule", of, W(self.rules[of].name), self.rules[of])
        if of in self.indicators:
            return Target("indicator", of, W(self.indicators[of].name), self.indicators[of])
        fld = SCHOOL_INDEX.get(of)
        if fld is not None and fld.type in NUMERIC_TYPES + ("bool", "labs"):
            return Target("field", fld.key, L(fld.key))
        if of in OVERALL_NAMES:
            return Target("overall", "overall", W("办学基本条件（整体）", "basic conditions (overall)"))
        return None

    def measures(self, target: Target) -> tuple[str, ...]:
        if target.kind == "overall":
            return ("verdict",)
        if target.kind == "rule":
            numeric = target.rule.measure not in ("flag",)
            return ("value", "deficit", "verdict", "rate") if numeric else ("value", "verdict")
        if target.kind == "indicator":
            return ("value",)
        fld = SCHOOL_INDEX[target.key]
        result = []
        if fld.type in NUMERIC_TYPES:
            result.append("value")
            if fld.type != "rate":
                result += ["per_student", "per_100_students"]
            result.append("rate")
            result.append("deficit")
        if self._rule_for(target.key):
            result.append("verdict")
        return tuple(result)

    def _rule_for(self, key):
        return next((rule for rule in self.profile.basic_rules if rule.of == key), None)

    # -- the facts of the whole school or of one 学段
    def fact(self, key, stage):
        """(value, why-not) of a fact for the whole school (stage None) or one 学段."""
        facts = self.school.facts
        value = facts.get(key)
        if value is None:
            return None, None
        if isinstance(value, dict) and key in ("students", "teachers", "teachers_above_required_degree",
                                               "teachers_mid_senior_title"):
            total = schema.stage_total(value) if stage is None else value.get(stage, 0)
            return (exact(total) if total is not None else None), None
        if isinstance(value, (list, dict, bool)):
            return None, W("该项不是数值", "not a number")
        if stage is None or not self.spanning:
            return exact(value), None
        if key in self.split_fields:
            return exact(self.parts[stage].facts[key]), None
        return None, W(f"{label(key)}按全校填写，不能分学段核对",
                       f"{key} is given for the whole school and cannot be split by stage")

    def compute(self, target: Target, measure: str, stage, standard) -> Outcome:
        if target.kind == "indicator":
            ind = target.rule
            return self._field_measure(ind.of, ind.measure, stage)
        if target.kind == "rule":
            rule = target.rule
            if measure == "deficit":
                return self._deficit(rule, stage, standard)
            if measure == "rate" and not (rule.measure in ("rate_of",) or is_rate(rule.of)):
                raise NeedsRate()
            return self._rule_value(rule, stage)
        key = target.key
        if measure == "deficit":
            rule = self._rule_for(key)
            if rule is not None:
                return self._deficit(rule, stage, standard)
            if standard is None:
                raise NeedsStandard()
            kind = "value" if is_rate(key) else "per_student"
            # a standard of the claim's own for a fact no rule measures: a rule made for it
            made = as_rule({"id": None, "name": label(key), "measure": kind, "of": key, "op": ">="})
            return self._deficit(made, stage, standard)
        if measure == "rate":
            if is_rate(key):
                return self._field_measure(key, "value", stage)
            if key not in RATE_DENOMINATORS:
                raise NeedsRate()
            return self._field_measure(key, "rate_of", stage, per=RATE_DENOMINATORS[key])
        return self._field_measure(key, measure, stage)

    def _field_measure(self, key, measure, stage, per=None) -> Outcome:
        x, why = self.fact(key, stage)
        if why:
            return Outcome(None, why, reason=why)
        unit = field_unit(key)
        if measure == "value":
            if x is None:
                return Outcome(None, W(""), missing=(key,))
            return Outcome(x, W(f"{label(key)} = {num(x)}", f"{key} = {num(x)}"), "%" if is_rate(key) else unit)
        denominator_key = per or "students"
        n, why = self.fact(denominator_key, stage)
        missing = tuple(k for k, v in ((key, x), (denominator_key, n)) if v is None)
        if missing:
            return Outcome(None, W(""), missing=missing)
        # per_student, per_100_students, rate_of: the kind's own formula
        return quotient_outcome(measure, x, n, W(label(key), key), W(label(denominator_key), denominator_key), unit)

    def _rule_parts(self, rule, stage):
        stages = [p for p in self.school.parts if p in rule.stages]
        if stage is not None:
            return [stage] if stage in stages else []
        return stages

    def _rule_value(self, rule, stage) -> Outcome:
        stages = self._rule_parts(rule, stage)
        if not stages:
            return Outcome(None, W(""), reason=W(f"{rule.id} {status_word('n/a')}于该学段", f"{rule.id} does not apply"))
        if len(stages) > 1:
            return Outcome(None, W(""), reason=W(f"{rule.id}：跨学段学校请写明学段（stage）",
                                                 f"{rule.id}: a spanning school's claim needs its stage"))
        part = self.parts[stages[0]]
        verdict = self._verdict_of(rule.id, stages[0])
        return rule_formula(rule, part, verdict.standard if verdict else None, verdict)

    def _deficit(self, rule, stage, standard) -> Outcome:
        stages = self._rule_parts(rule, stage) if rule.id else (
            [stage] if stage else (list(self.school.parts) if not self.spanning else [None]))
        if not stages:
            return Outcome(None, W(""), reason=W(f"{rule.id} {status_word('n/a')}于该学段", f"{rule.id} does not apply"))
        total, exact_total, hows, unit, used = Decimal(0), Decimal(0), [], "", None
        for part_name in stages:
            if part_name is None:     # a standard for the whole spanning school, from the claim
                part = WholeSchool(self.school, self)
            else:
                part = self.parts[part_name]
            if standard is not None:
                part_standard = standard
            elif rule.measure == "labs":
                part_standard = labs_required(rule, part)
            else:
                part_standard = threshold_for(rule, part)
            if part_standard is None:
                continue
            used = part_standard
            decided = self._verdict_of(rule.id, part_name) if rule.id and part_name else None
            outcome = deficit_formula(rule, part, part_standard, decided)
            if outcome.missing or outcome.reason or outcome.impossible:
                return outcome
            total += exact(outcome.value)
            exact_total += outcome.also
            hows.append(outcome.how)
            unit = outcome.unit
        if used is None:
            return Outcome(None, W(""), reason=W(f"{rule.id or label(rule.of)} 没有适用的标准",
                                                 "no standard applies"))
        how = hows[0] if len(hows) == 1 else W("；".join(h["zh"] for h in hows) + f"；合计 {num(total)}",
                                                "; ".join(h["en"] for h in hows) + f"; total {num(total)}")
        return Outcome(total, how, unit, also=exact_total, standard=used if len(hows) == 1 else None)

    def _verdict_of(self, rule_id, stage):
        for verdict in self.verdicts:
            if verdict.rule == rule_id and (verdict.stage in (None, stage)):
                return verdict
        return None

    def verdict(self, target: Target, stage, standard) -> Outcome:
        if target.kind == "overall":
            # the school's status as the evaluation decided it (pass rule, undecided items) — never decided again
            status = self.evaluated.status
            failed = [v.rule for v in self.verdicts if v.status == "fail"]
            if status == "missing":
                return Outcome("missing", W(""), missing=tuple(sorted({k for v in self.verdicts for k in v.missing})))
            how = W(f"按{self.profile.title}的达标规则：" + (f"各项{status_word('pass')}" if status == "pass" else
                                                        f"{status_word('fail')}项 " + "、".join(failed)),
                    f"by the pass rule of {self.profile.title}: " + ("all met" if status == "pass" else "not met: " +
                                                                  ", ".join(failed)))
            return Outcome(status, how)
        rule = target.rule if target.kind == "rule" else self._rule_for(target.key)
        stages = self._rule_parts(rule, stage)
        if not stages:
            return Outcome(None, W(""), reason=W(f"{rule.id} {status_word('n/a')}于该学段", f"{rule.id} does not apply"))
        statuses, hows = [], []
        for part_name in stages:
            verdict = self._verdict_of(rule.id, part_name)
            if verdict is None or verdict.status == "n/a":
                continue
            if verdict.status == "missing":
                return Outcome("missing", W(""), missing=verdict.missing)
            part = self.parts[part_name]
            used = standard if standard is not None else verdict.standard
            formula = rule_formula(rule, part, used, verdict)
            status = verdict.status       # the evaluation's verdict, unless the claim names its own standard:
            if standard is not None and formula.value is not None:     # then compared here, as the engine would
                status = "pass" if compare(for_comparison(exact(formula.value)), rule.op, standard) else "fail"
            sign = OP_SIGNS[rule.op]
            stage_words = (f"{schema.PART_LABELS[part_name]}：", f"{part_name}: ") if self.spanning else ("", "")
            hows.append(W(f"{stage_words[0]}{formula.how['zh']}，标准 {sign} {num(used)}，{STATUS_ZH[status]}",
                          f"{stage_words[1]}{formula.how['en']}, standard {sign} {num(used)}: {status}"))
            statuses.append(status)
        if not statuses:
            return Outcome(None, W(""), reason=W(f"{rule.id} {status_word('n/a')}", f"{rule.id} does not apply"))
        return Outcome("fail" if "fail" in statuses else "pass", join_words(hows, "；", "; "))

    # breakdowns need a total for a named fact
    def fact_total(self, key):
        """(target, its value, the value of each 学段 under its words) of a numeric school fact."""
        target = self.resolve(key)
        if target is None or target.kind != "field" or SCHOOL_INDEX[target.key].type not in ("number", "count",
                                                                                             "stage_count"):
            return None, None, None
        outcome = self._field_measure(target.key, "value", None)
        by_part = {}
        value = self.school.get(target.key)
        if isinstance(value, dict):
            for part, count in value.items():
                for word in STAGE_WORDS[part]:
                    by_part[word] = exact(count)
        return target, outcome, by_part
