"""A county's figures for the audit: its conditions, 督导评估 items, CVs, own fields and sums over its schools.

A `CountyView` answers the same questions as the school view (generator/audit/school_view.py)
for a county file: it reads the evaluation's verdicts for the conditions (C1–C4, QC1–QC6) and
government items, and adds up school facts for the county totals a report states.
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal

from generator.model import schema
from generator.audit.formula_words import (condition_deficit_outcome, condition_outcome, cv_words,
                                           quotient_outcome)
from generator.audit.outcome import Outcome, Target
from generator.audit.words import (COUNTY_INDEX, GOV_INDEX, NUMERIC_TYPES, OVERALL_NAMES, RATE_DENOMINATORS,
                                   SCHOOL_INDEX, STATUS_ZH, L, W, field_unit, is_rate, join_words, label, num)
from generator.criteria.indicators import is_excluded, school_parts
from generator.criteria.measures import MEASURES, CoefficientOfVariation
from generator.i18n import status_word
from generator.numbers import exact


# ---------------------------------------------------------------- a county's figures
class CountyView:
    def __init__(self, county, profile, result):
        self.county = county
        self.county_file = county.file
        self.profile = profile
        self.result = result
        self.verdicts = {v.rule: v for v in result.verdicts}
        self.items = {item["id"]: item for item in result.government["items"]}
        self.indicators = {ind.id: ind for ind in profile.monitoring["indicators"]}
        self.conditions = {c.id: c for c in profile.county["conditions"]}
        self.split = profile.monitoring["split"]

    def spellings(self) -> list[str]:
        names = [s for fields in (schema.SCHOOL_FIELDS, schema.GOVERNMENT_FIELDS, schema.COUNTY_FIELDS)
                 for fld in fields for s in (fld.key, fld.label, *fld.labels)]
        return names + list(self.items) + list(self.indicators) + list(self.conditions)

    def has_stage(self, stage: str) -> bool:
        return stage in ("primary", "junior")

    def resolve(self, of) -> Target | None:
        of = unicodedata.normalize("NFKC", str(of)).strip()
        if of in self.conditions:
            return Target("condition", of, W(self.conditions[of].name), self.conditions[of])
        if of in self.items:
            return Target("gov_item", of, W(self.items[of]["name"]), self.items[of])
        if of in self.indicators:
            return Target("cv", of, W(self.indicators[of].name + "差异系数",
                                      self.indicators[of].name + " CV"), self.indicators[of])
        for index, kind in ((GOV_INDEX, "gov_field"), (COUNTY_INDEX, "county_field")):
            fld = index.get(of)
            if fld is not None and fld.type in NUMERIC_TYPES + ("bool",):
                return Target(kind, fld.key, L(fld.key))
        fld = SCHOOL_INDEX.get(of)
        if fld is not None and fld.type in ("number", "count", "stage_count"):
            return Target("sum", fld.key, W("全县" + fld.label, "county total " + fld.key))
        if of in OVERALL_NAMES or of in ("county", "县域", "全县"):
            return Target("overall", "overall", W("县域义务教育基本均衡（四项条件）", "county: the four conditions"))
        return None

    def measures(self, target: Target) -> tuple[str, ...]:
        if target.kind == "overall":
            return ("verdict",)
        if target.kind == "condition":
            return ("value", "deficit", "verdict") + (("rate",) if target.rule.unit == "%" else ())
        if target.kind == "gov_item":
            # 优质均衡 items have no points: met or not
            return ("value", "verdict") if "points" in target.rule else ("verdict",)
        if target.kind == "cv":
            return ("value", "verdict") if self._cv_verdicts(target.key, None) else ("value",)
        if target.kind in ("gov_field", "county_field"):
            fld = (GOV_INDEX if target.kind == "gov_field" else COUNTY_INDEX)[target.key]
            return ("value", "rate") if fld.type == "rate" else ("value",)
        return ("value", "per_student", "per_100_students") + (("rate",) if target.key in RATE_DENOMINATORS else ())

    def _stage_verdict(self, stage):
        return self.verdicts.get(f"{self._by_measure('composite_cv')}-{stage}")

    def _by_measure(self, measure):
        """A condition's id by its measure (C2 is the composite CV in basic-2012)."""
        return next((cid for cid, cond in self.conditions.items() if cond.measure == measure), None)

    def _cv_verdicts(self, indicator, stage):
        """The per-indicator CV verdicts (优质均衡: each indicator's CV judged on its own)."""
        return [v for v in self.result.verdicts if v.cv_indicator == indicator
                and (stage is None or v.cv_stage == stage) and v.status != "n/a"]

    def compute(self, target: Target, measure: str, stage, standard) -> Outcome:
        if target.kind == "condition":
            return self._condition(target, measure, stage)
        if target.kind == "gov_item":
            item = target.rule
            if item["status"] == "missing":
                return Outcome(None, W(""), missing=tuple(item.get("missing", ())))
            lost = [c for c in item["checks"] if c["deducted"]]
            how = W(f"{item['id']} 满分 {item['points']}，" + ("无扣分" if not lost else "扣 " + "、".join(
                f"{c['check']} {c['deducted']}" for c in lost)) + f"，得 {item['score']} 分",
                f"{item['id']} out of {item['points']}, " + ("nothing deducted" if not lost else "deducted " +
                                                             ", ".join(f"{c['check']} {c['deducted']}" for c in lost))
                + f": {item['score']}")
            return Outcome(exact(item["score"]), how, "分")
        if target.kind == "cv":
            return self._cv(target.rule, stage)
        if target.kind in ("gov_field", "county_field"):
            source = self.county.government if target.kind == "gov_field" else self.county.facts
            value = source.get(target.key)
            if value is None:
                return Outcome(None, W(""), missing=(target.key,))
            if isinstance(value, bool):
                value = 1 if value else 0
            value = exact(value)
            return Outcome(value, W(f"{label(target.key)} = {num(value)}", f"{target.key} = {num(value)}"),
                           "%" if is_rate(target.key) else field_unit(target.key))
        return self._sum(target.key, measure, stage)

    def _condition(self, target, measure, stage) -> Outcome:
        key = target.key
        if self.result.by_measure:     # conditions chosen by measure (优质均衡)
            return self._general_condition(target, measure, stage)
        cond = target.rule
        kind = MEASURES[cond.measure]    # the condition is known by its measure, never by its id
        if kind.per_stage:                  # the composite CV: one per 学段
            if stage is None:
                return Outcome(None, W(""), reason=W("综合差异系数需写明学段（stage）", f"{key} needs a stage"))
            verdict = self._stage_verdict(stage)
        else:
            verdict = self.verdicts.get(key)
        undecided = self._not_decided(key, verdict)
        if undecided is not None:
            return undecided
        value = exact(verdict.value)
        if measure == "deficit":
            return condition_deficit_outcome(cond, verdict, value)
        return condition_outcome(cond, value, stage, self.result, self.profile)

    @staticmethod
    def _not_decided(key, verdict) -> Outcome | None:
        """Why a condition's decided value cannot be read (it does not apply, or lacks facts); None when it can."""
        if verdict is None or verdict.status == "n/a":
            return Outcome(None, W(""), reason=W(f"{key} {status_word('n/a')}", f"{key} does not apply"))
        if verdict.status == "missing" or verdict.value is None:
            return Outcome(None, W(""), missing=tuple(verdict.missing) or (key,))
        return None

    def _overall_words(self) -> str:
        return "四项条件" if len(self.conditions) == 4 and self._by_measure("composite_cv") else "各项认定条件"

    def _general_condition(self, target, measure, stage) -> Outcome:
        """A condition of a profile chosen by measure (优质均衡 QC1–QC6): its decided value."""
        key = target.key
        if target.rule.measure == "cv_each":
            return Outcome(None, W(""), reason=W(f"{key} 是各项指标的差异系数：请写指标编号（如 Q2）和学段",
                                                 f"{key} is one CV per indicator: name the indicator (e.g. Q2) and stage"))
        verdict = self.verdicts.get(key)
        undecided = self._not_decided(key, verdict)
        if undecided is not None:
            return undecided
        value = exact(verdict.value)
        if measure == "deficit":
            return condition_deficit_outcome(target.rule, verdict, value)
        return Outcome(value, W(f"{verdict.name} = {num(value)}", f"{key} = {num(value)}"), verdict.unit or "")

    def _cv(self, indicator, stage) -> Outcome:
        """One indicator's CV over the county's included schools of one 学段, exact.

        Recomputed, not read from the evaluation: the evaluation keeps each CV rounded to the
        profile's decimals (monitoring.yaml `decimals: 3`), the figure it judges; the audit
        compares a report's CV with the exact one (a report writing 0.4123 must not be flagged
        for our rounding to 0.412) and shows it to 6 places. Same entries, same function and the
        same exclusions (indicators.is_excluded) as the evaluation's table, so the two agree to
        the printed decimals. The conditions' verdicts themselves (C2, QC…) are read, never redone.
        """
        if stage is None:
            return Outcome(None, W(""), reason=W("差异系数需写明学段（stage）", "a CV claim needs its stage"))
        monitoring = self.profile.monitoring
        entries, names = [], 0
        for school in self.county.schools:
            if is_excluded(school, monitoring.get("exclude")):
                continue
            for part in school_parts(school, self.split, stages=(stage,)):
                raw = part.facts.get(indicator.of)
                if raw is None:
                    return Outcome(None, W(""), missing=(indicator.of,))
                entries.append((part.students, raw))
                names += 1
        cv = CoefficientOfVariation.value(entries)
        if cv is None:
            return Outcome(None, W(""), reason=W("没有可计算差异系数的学校", "no schools to compute the CV over"))
        return Outcome(cv, cv_words(stage, names, cv), "")

    def _sum(self, key, measure, stage) -> Outcome:
        """A school fact added up over the county's schools (one 学段 when `stage` is given)."""
        if not self.county.schools:
            return Outcome(None, W(""), reason=W("县文件没有列出学校，无法合计", "the county lists no schools"))
        split_fields = set(self.split["fields"])
        stage_counts = schema.STAGE_COUNT_KEYS
        denominator = {"value": None, "per_student": "students", "per_100_students": "students",
                       "rate": RATE_DENOMINATORS.get(key)}[measure]
        totals = {}
        for needed in filter(None, (key, denominator)):
            total = Decimal(0)
            for school in self.county.schools:
                if stage is None:
                    value = school.get(needed)
                    value = schema.stage_total(value)
                else:
                    parts = [p for p in school_parts(school, self.split, stages=(stage,))]
                    if not parts:
                        continue
                    if len(school.parts) > 1 and needed not in split_fields and needed not in stage_counts:
                        return Outcome(None, W(""), reason=W(
                            f"{school.name}是跨学段学校，{label(needed)}按全校填写，不能分学段合计",
                            f"{school.name} spans stages and gives {needed} for the whole school"))
                    value = parts[0].facts.get(needed)
                if value is None:
                    return Outcome(None, W(""), missing=(needed,), reason=W(f"{school.name}缺少{label(needed)}",
                                                                             f"{school.name}: {needed} missing"))
                total += exact(value)
            totals[needed] = total
        x = totals[key]
        stage_words = (schema.PART_LABELS[stage], stage + " ") if stage else ("", "")
        sz, se = f"全县{stage_words[0]}{label(key)}合计", f"county {stage_words[1]}total {key}"
        if measure == "value":
            return Outcome(x, W(f"{sz} = {num(x)}", f"{se} = {num(x)}"), field_unit(key))
        dz, de = f"全县{stage_words[0]}{label(denominator)}合计", f"county {stage_words[1]}total {denominator}"
        kind = "rate_of" if measure == "rate" else measure     # the kind's own formula and unit
        return quotient_outcome(kind, x, totals[denominator], W(sz, se), W(dz, de), field_unit(key))

    def verdict(self, target: Target, stage, standard) -> Outcome:
        if target.kind == "overall":
            verdicts = self.result.verdicts
            if any(v.status == "missing" for v in verdicts) and not any(v.status == "fail" for v in verdicts):
                return Outcome("missing", W(""), missing=tuple(k for v in verdicts for k in v.missing))
            failed = [v.rule for v in verdicts if v.status == "fail"]
            passed = self.result.passed
            return Outcome("pass" if passed else "fail",
                           W(self._overall_words() + ("均达到" if passed else "未达到：" + "、".join(failed)),
                             "county conditions " + ("all met" if passed else "not met: " + ", ".join(failed))))
        if target.kind == "gov_item":
            item = target.rule
            if item["status"] == "missing":
                return Outcome("missing", W(""), missing=tuple(item.get("missing", ())))
            if "points" not in item:      # 优质均衡: met or not
                failed = [c["check"] for c in item["checks"] if c["status"] == "fail"]
                return Outcome(item["status"], W(f"{item['id']} " + ("达到要求" if not failed else
                                                                     "未达到：" + "、".join(failed)),
                                                 f"{item['id']} " + ("met" if not failed else
                                                                     "not met: " + ", ".join(failed))))
            return Outcome(item["status"], W(f"{item['id']} 得 {item['score']} / {item['points']} 分",
                                             f"{item['id']} scores {item['score']} of {item['points']}"))
        key = target.key
        if target.kind == "cv":
            verdicts = self._cv_verdicts(key, stage)
        elif key == self._by_measure("cv_each"):
            verdicts = [v for v in self.result.verdicts if v.cv_indicator
                        and (stage is None or v.cv_stage == stage) and v.status != "n/a"]
        elif key == self._by_measure("composite_cv"):
            stages = [stage] if stage else ["primary", "junior"]
            verdicts = [self._stage_verdict(s) for s in stages]
            verdicts = [v for v in verdicts if v is not None and v.status != "n/a"]
        else:
            verdicts = [self.verdicts[key]] if key in self.verdicts else []
        if not verdicts:
            return Outcome(None, W(""), reason=W(f"{key} {status_word('n/a')}", f"{key} does not apply"))
        for verdict in verdicts:
            if verdict.status == "missing":
                return Outcome("missing", W(""), missing=tuple(verdict.missing) or (key,))
        hows = [W(f"{v.name}：{num(v.value)}，标准 {num(v.standard)}，{STATUS_ZH[v.status]}",
                  f"{v.rule}: {num(v.value)}, standard {num(v.standard)}: {v.status}") for v in verdicts]
        status = "fail" if any(v.status == "fail" for v in verdicts) else "pass"
        return Outcome(status, join_words(hows, "；", "; "))

    # breakdowns need a total for a named fact
    def fact_total(self, key):
        target = self.resolve(key)
        if target is None or target.kind not in ("gov_field", "county_field", "sum"):
            return None, None, None
        outcome = self.compute(target, "value", None, None)
        return target, outcome, self._school_values(key) if target.kind == "sum" else {}

    def _school_values(self, key):
        values = {}
        for school in self.county.schools:
            value = schema.stage_total(school.get(key))
            if value is not None:
                values[school.name] = exact(value)
        return values
