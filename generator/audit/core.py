"""An inspector's audit: the claims of a submission against values recomputed from its facts.

`audit_facts(subject, profile)` takes facts already loaded (generator.model.facts.load_facts, or
the prose extractor) and returns an AuditResult: one Row per claim, per breakdown and per
relation of the facts that must hold, each saying in words what was compared and how it
was computed. It is pure: nothing is printed or written here.

The tolerance rule (contract.md, "Claims"): a stated number agrees with the recomputed one
when they differ by less than one unit in the last digit the report wrote — so 9.6 agrees
with 9.642 (rounded) and with 9.68 (truncated), 812 with 812.6, but 4.71 not with 5.032.
Words such as 约 change nothing. Everything is Decimal; the recomputed value is kept exact
(not rounded to the comparison places) so that a claim written with many digits is not
flagged for our own rounding.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from generator.model import schema
from generator.errors import InputError, InputErrors
from generator.i18n import MESSAGES as _ALL_MESSAGES
from generator.i18n import message
from generator.criteria.indicators import (EXTRA_SPLIT_FIELDS, coefficient_of_variation, is_excluded, labs_required,
                         measure_rule, school_parts, threshold_for)
from generator.numbers import ceil_int, compare, exact, plain, round_half_up

MESSAGES = {
    # input errors of claims and breakdowns (exit 2)
    "audit_unknown_of": {"zh": "声明的对象“{name}”既不是事实字段，也不是规则编号",
                         "en": "'{name}' is neither a fact field nor a rule id"},
    "audit_bad_measure": {"zh": "“{name}”不能按“{measure}”核对（可用：{choices}）",
                          "en": "'{name}' cannot be checked as '{measure}' (possible: {choices})"},
    "audit_bad_value": {"zh": "声明值应为数字（如 9.6、\"85%\"、\"约5230㎡\"、\"8:1\"），实际是“{got}”",
                        "en": "the stated value must be a number (9.6, \"85%\", \"about 5230\", \"8:1\"), got '{got}'"},
    "audit_bad_verdict": {"zh": "结论应为 pass/fail（达标/未达标），实际是“{got}”",
                          "en": "a verdict must be pass or fail, got '{got}'"},
    "audit_bad_ratio": {"zh": "比值请写成 n:1 或 1:n，实际是“{got}”",
                        "en": "write a ratio as n:1 or 1:n, got '{got}'"},
    "audit_bad_stage": {"zh": "学段应为 primary/junior/senior（小学/初中/高中），且是本校有的学段，实际是“{got}”",
                        "en": "stage must be primary, junior or senior and one this school teaches, got '{got}'"},
    "audit_needs_standard": {"zh": "“{name}”没有对应的规则，核对尚缺需在声明中写明 standard（标准）",
                             "en": "no rule measures '{name}': a deficit claim needs its `standard`"},
    "audit_needs_stage": {"zh": "“{name}”需写明学段（stage: primary 或 junior）", "en": "'{name}' needs a stage"},
    "audit_needs_total": {"zh": "“{name}”不是事实字段，分项合计需写明 total（合计）",
                          "en": "'{name}' is not a fact field: the breakdown needs its `total`"},
    "audit_no_rate": {"zh": "“{name}”没有确定的分母，不能按比率核对；请用 per_student 或 value",
                      "en": "'{name}' has no fixed denominator for a rate; use per_student or value"},
    # table words
    "audit_agree": {"zh": "一致", "en": "agrees"},
    "audit_finding": {"zh": "不符", "en": "FINDING"},
    "audit_unverified": {"zh": "无法核对", "en": "not checkable"},
    "audit_missing": {"zh": "缺少{names}", "en": "missing {names}"},
}
_ALL_MESSAGES.update(MESSAGES)

MEASURE_WORDS = {
    "value": ("数值", "value"), "per_student": ("生均", "per student"),
    "per_100_students": ("每百名学生", "per 100 students"), "deficit": ("尚缺", "short by"),
    "rate": ("比率", "rate"), "verdict": ("结论", "verdict"), "sum": ("分项合计", "sum of parts"),
}
VERDICT_WORDS = {
    "pass": ("pass", "passed", "met", "yes", "true", "达标", "合格", "达到", "已达标", "符合", "通过", "是"),
    "fail": ("fail", "failed", "not met", "no", "false", "未达标", "不达标", "不合格", "未达到", "不符合", "否"),
}
STAGE_WORDS = {"primary": ("primary", "小学", "小学部"), "junior": ("junior", "初中", "初中部", "初级中学"),
               "senior": ("senior", "高中", "高中部")}
OVERALL_NAMES = ("overall", "整体", "总体", "basic_conditions", "办学基本条件", "基本均衡", "达标")
# Counts whose share of another count is a meaningful rate (学历达标率, 班班通率 …).
RATE_DENOMINATORS = {"teachers_above_required_degree": "teachers", "teachers_mid_senior_title": "teachers",
                     "multimedia_classrooms": "classes"}
STATUS_ZH = {"pass": "达标", "fail": "未达标", "missing": "缺数据", "n/a": "不适用"}

_SCHOOL_INDEX = schema.field_index(schema.SCHOOL_FIELDS)
_GOV_INDEX = schema.field_index(schema.GOVERNMENT_FIELDS)
_COUNTY_INDEX = schema.field_index(schema.COUNTY_FIELDS)
_NUMERIC_TYPES = ("number", "count", "stage_count", "rate")


def W(zh: str, en: str | None = None) -> dict:
    """Words in both languages; chosen when shown."""
    return {"zh": zh, "en": en if en is not None else zh}


# ---------------------------------------------------------------- stated values
@dataclass
class Stated:
    """A number as a report wrote it: its value, and one unit of its last written digit."""
    value: Decimal
    unit: Decimal
    text: str
    percent: bool = False
    inverse: bool = False        # "1:19": the report wrote the reciprocal
    places: int = 0              # decimals written (in the written notation)

    def agrees(self, recomputed: Decimal) -> bool:
        target = recomputed
        if self.inverse:
            if recomputed == 0:
                return False
            target = 1 / recomputed
        return abs(self.value - target) < self.unit

    def in_notation(self, recomputed: Decimal) -> Decimal:
        """The recomputed number in the notation the report used (for showing)."""
        if self.inverse:
            return 1 / recomputed if recomputed else recomputed
        return recomputed * 100 if self.percent else recomputed

    def notation_value(self) -> Decimal:
        return self.value * 100 if self.percent else self.value


_NUMBER = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*(万|亿)?\s*(%|‰)?")
_RATIO = re.compile(r"^\s*([\d.]+)\s*:\s*([\d.]+)\s*$")


def parse_stated(raw, written: str | None) -> Stated | None:
    """The stated number of a claim; None when there is none (words only)."""
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
        return None
    text = written if written is not None else str(raw)
    norm = unicodedata.normalize("NFKC", str(text)).strip()
    ratio_text = re.sub(r"[^\d.:]", "", norm)
    ratio = _RATIO.match(ratio_text) if ":" in norm else None
    if ratio:
        left, right = Decimal(ratio.group(1)), Decimal(ratio.group(2))
        if right == 1:
            return Stated(left, _unit_of(ratio.group(1)), str(text), places=_places(ratio.group(1)))
        if left == 1:
            return Stated(right, _unit_of(ratio.group(2)), str(text), inverse=True,
                          places=_places(ratio.group(2)))
        raise ValueError("ratio")
    match = _NUMBER.search(norm)
    if not match:
        return None
    digits = match.group(1).replace(",", "")
    value, unit, places = Decimal(digits), _unit_of(digits), _places(digits)
    scale = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}[match.group(2)]
    if norm[match.end():].lstrip().startswith("万元") and match.group(2) is None:
        scale = Decimal(10000)
    value, unit = value * scale, unit * scale
    percent = match.group(3) is not None
    if percent:
        divisor = Decimal(100) if match.group(3) == "%" else Decimal(1000)
        value, unit = value / divisor, unit / divisor
    return Stated(value, unit, str(text), percent=percent, places=places)


def _places(digits: str) -> int:
    return len(digits.split(".")[1]) if "." in digits else 0


def _unit_of(digits: str) -> Decimal:
    return Decimal(1).scaleb(-_places(digits))


def parse_verdict(raw) -> str | None:
    if isinstance(raw, bool):
        return "pass" if raw else "fail"
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw).strip().lower()
    for status, words in VERDICT_WORDS.items():
        if text in words:
            return status
    return None


# ---------------------------------------------------------------- results
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
        for key in ("unit", "stage", "school", "file", "line", "text", "claimed_text"):
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


# ---------------------------------------------------------------- formatting
def num(value, places: int | None = None) -> str:
    """A number as written in a formula: no exponent, no trailing zeros unless `places`."""
    value = exact(value)
    if places is not None:
        return f"{round_half_up(value, places):f}"
    if value == value.to_integral_value():
        return f"{value.quantize(Decimal(1)):f}"
    return f"{round_half_up(value, 4):f}".rstrip("0").rstrip(".")


def _show_places(stated: Stated | None, value: Decimal) -> int:
    """Decimals to show a recomputed value with: one more than the report wrote, trimmed."""
    base = stated.places if stated else 2
    places = base + 1
    while places > base and round_half_up(value, places) == round_half_up(value, places - 1):
        places -= 1
    return places


def label(key: str, lang: str = "zh") -> str:
    return schema.label_of(key) if lang == "zh" else key


def L(key: str) -> dict:
    return W(schema.label_of(key), key)


def _join(parts: list[dict], sep_zh="、", sep_en=", ") -> dict:
    return W(sep_zh.join(p["zh"] for p in parts), sep_en.join(p["en"] for p in parts))


# ---------------------------------------------------------------- the audit
class _Errors:
    def __init__(self):
        self.errors: list[InputError] = []

    def add(self, file, line, key, msg_id, hint=None, hint_params=None, **params):
        self.errors.append(InputError(file, line, key, msg_id, hint, hint_params, **params))


def audit_facts(subject, profile, engine: str = "auto") -> AuditResult:
    """Audit a loaded school or county (facts.School / facts.County) against a profile.

    Raises InputErrors when a claim or breakdown cannot be understood (unknown field,
    unreadable value): the whole audit is refused rather than half reported.
    """
    from generator.criteria.evaluate import evaluate_county, evaluate_school

    errors = _Errors()
    rows: list[Row] = []
    if subject.kind == "school":
        result = evaluate_school(subject, profile, engine)
        view = _SchoolView(subject, profile, result["_verdicts"])
        rows += _audit_school(view, errors, in_county=False)
    elif subject.kind == "county":
        result = evaluate_county(subject, profile, engine)
        county_view = _CountyView(subject, profile, result)
        rows += _audit_entries(county_view, errors, subject.get("claims") or [], subject.get("breakdowns") or [],
                               subject.file, None)
        rows += _county_relations(county_view)
        for index, (school, verdicts, _passed) in enumerate(result["_school_results"]):
            # an inline school's claims are in the county file, under schools[i]
            prefix = f"schools[{index}]." if school.file == subject.file else ""
            rows += _audit_school(_SchoolView(school, profile, verdicts), errors, in_county=True, prefix=prefix)
    else:
        raise InputErrors([InputError(subject.file, None, "kind", "wrong_kind", expected="school | county",
                                      got=subject.kind)])
    if errors.errors:
        raise InputErrors(errors.errors)
    return AuditResult(subject={"kind": subject.kind, "name": subject.name}, profile=profile.id, rows=rows)


def _audit_school(view, errors, in_county: bool, prefix: str = "") -> list[Row]:
    school = view.school
    rows = _audit_entries(view, errors, school.get("claims") or [], school.get("breakdowns") or [],
                          school.file, school.name if in_county else None, prefix)
    for row in _school_relations(school):
        row.school = school.name if in_county else None
        row.file = school.file
        row.line = row.line or school.lines.get(row.of)
        rows.append(row)
    return rows


def _audit_entries(view, errors, claims, breakdowns, file, school_name, prefix="") -> list[Row]:
    """Every claim and breakdown of one file (or of one inline school, `prefix` schools[i].)."""
    rows = []
    for index, claim in enumerate(claims):
        before = len(errors.errors)
        row = _audit_claim(view, claim, errors, file, f"{prefix}claims[{index}]")
        if row is not None and len(errors.errors) == before:
            row.school, row.file = school_name, file
            row.line, row.text = claim.get("line"), claim.get("text")
            rows.append(row)
    for index, breakdown in enumerate(breakdowns):
        for row in _audit_breakdown(view, breakdown, errors, file, f"{prefix}breakdowns[{index}]"):
            row.school, row.file = school_name, file
            row.line, row.text = breakdown.get("line"), breakdown.get("text")
            rows.append(row)
    return rows


def _audit_claim(view, claim, errors, file, path) -> Row | None:
    of, measure, line = claim["of"], claim["measure"], claim.get("line")
    target = view.resolve(of)
    if target is None:
        spellings = view.spellings()
        match = difflib.get_close_matches(str(of), spellings, n=1, cutoff=0.5)
        if match:
            errors.add(file, line, path + ".of", "audit_unknown_of", "did_you_mean", {"suggestion": match[0]},
                       name=of)
        else:
            errors.add(file, line, path + ".of", "audit_unknown_of", name=of)
        return None
    allowed = view.measures(target)
    if measure not in allowed:
        errors.add(file, line, path + ".measure", "audit_bad_measure", name=of, measure=measure,
                   choices=" | ".join(allowed) or "—")
        return None
    stage = None
    if claim.get("stage") is not None:
        stage = next((key for key, words in STAGE_WORDS.items() if claim["stage"] in words), None)
        if stage is None or not view.has_stage(stage):
            errors.add(file, line, path + ".stage", "audit_bad_stage", got=claim["stage"])
            return None
    standard = exact(claim.get("standard")) if claim.get("standard") is not None else None
    what = _what(target, measure, stage)
    if measure == "verdict":
        claimed = parse_verdict(claim["value"])
        if claimed is None:
            errors.add(file, line, path + ".value", "audit_bad_verdict", got=str(claim["value"]))
            return None
        outcome = view.verdict(target, stage, standard)
        return _verdict_row(target, what, claimed, str(claim.get("written", claim["value"])), outcome, stage,
                            standard)
    try:
        stated = parse_stated(claim["value"], claim.get("written"))
    except ValueError:
        errors.add(file, line, path + ".value", "audit_bad_ratio", got=str(claim.get("written", claim["value"])))
        return None
    if stated is None:
        errors.add(file, line, path + ".value", "audit_bad_value", got=str(claim.get("written", claim["value"])))
        return None
    try:
        outcome = view.compute(target, measure, stage, standard)
    except _NeedsStandard:
        errors.add(file, line, path + ".standard", "audit_needs_standard", name=of)
        return None
    except _NeedsRate:
        errors.add(file, line, path + ".measure", "audit_no_rate", name=of)
        return None
    return _number_row(target, measure, what, stated, outcome, stage, standard)


class _NeedsStandard(Exception):
    pass


class _NeedsRate(Exception):
    pass


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


@dataclass
class Target:
    kind: str                  # field | rule | indicator | gov_item | condition | cv | overall
    key: str
    name: dict
    rule: dict | None = None


def _what(target: Target, measure: str, stage: str | None) -> dict:
    zh, en = MEASURE_WORDS[measure]
    stage_zh = f"（{schema.PART_LABELS[stage]}）" if stage else ""
    stage_en = f" ({stage})" if stage else ""
    prefix = f"{target.key} " if target.kind not in ("field", "overall", "sum", "gov_field", "county_field") else ""
    return W(f"{prefix}{target.name['zh']}{stage_zh}：{zh}", f"{prefix}{target.name['en']}{stage_en}: {en}")


def _number_row(target, measure, what, stated: Stated, outcome: Outcome, stage, standard) -> Row:
    row = Row(kind="claim", status="agree", of=target.key, measure=measure, what=what, how=outcome.how,
              claimed=stated.value, claimed_text=stated.text, unit=outcome.unit, stage=stage,
              standard=outcome.standard if outcome.standard is not None else standard)
    if outcome.missing or outcome.reason:
        row.status = "unverified"
        if outcome.missing:
            row.how = W(message("audit_missing", "zh", names="、".join(label(k) for k in outcome.missing)),
                        message("audit_missing", "en", names=", ".join(outcome.missing)))
        else:
            row.how = outcome.reason
        return row
    if outcome.impossible:
        row.status = "finding"
        row.recomputed_text = "—"
        return row
    value = outcome.value
    row.recomputed = value
    agrees = stated.agrees(value) or (outcome.also is not None and stated.agrees(outcome.also))
    row.status = "agree" if agrees else "finding"
    # Shown in the report's own notation: 85.3% against 82.1%, 1:19 against 1:20.4.
    shown = stated.in_notation(value)
    places = _show_places(stated, shown)
    difference = stated.notation_value() - shown if not stated.inverse else stated.value - shown
    row.recomputed_text = ("1:" if stated.inverse else "") + num(shown, places) + ("%" if stated.percent else "")
    row.difference = difference
    row.percent = stated.percent
    row.difference_text = ("+" if difference > 0 else "") + num(difference, places) if difference != 0 else "0"
    return row


def _verdict_row(target, what, claimed: str, written: str, outcome: Outcome, stage, standard) -> Row:
    row = Row(kind="verdict", status="agree", of=target.key, measure="verdict", what=what, how=outcome.how,
              claimed=claimed, claimed_text=written, stage=stage, standard=standard)
    if outcome.missing or outcome.reason or outcome.value in (None, "missing", "n/a"):
        row.status = "unverified"
        if outcome.missing:
            row.how = W(message("audit_missing", "zh", names="、".join(label(k) for k in outcome.missing)),
                        message("audit_missing", "en", names=", ".join(outcome.missing)))
        elif outcome.reason:
            row.how = outcome.reason
        return row
    row.recomputed = outcome.value
    row.recomputed_text = outcome.value
    row.status = "agree" if claimed == outcome.value else "finding"
    return row


# ---------------------------------------------------------------- a school's figures
class _SchoolView:
    def __init__(self, school, profile, verdicts):
        self.school = school
        self.profile = profile
        self.verdicts = verdicts
        self.split = profile.monitoring["split"]
        self.parts = {part.part: part for part in school_parts(school, self.split,
                                                               stages=("primary", "junior", "senior"))}
        self.split_fields = set(self.split["fields"]) | set(EXTRA_SPLIT_FIELDS)
        self.rules = {rule["id"]: rule for rule in profile.basic_rules}
        self.indicators = {ind["id"]: ind for ind in profile.monitoring["indicators"]}

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
            return Target("rule", of, W(self.rules[of]["name"]), self.rules[of])
        if of in self.indicators:
            return Target("indicator", of, W(self.indicators[of]["name"]), self.indicators[of])
        fld = _SCHOOL_INDEX.get(of)
        if fld is not None and fld.type in _NUMERIC_TYPES + ("bool", "labs"):
            return Target("field", fld.key, L(fld.key))
        if of in OVERALL_NAMES:
            return Target("overall", "overall", W("办学基本条件（整体）", "basic conditions (overall)"))
        return None

    def measures(self, target: Target) -> tuple[str, ...]:
        if target.kind == "overall":
            return ("verdict",)
        if target.kind == "rule":
            numeric = target.rule["measure"] not in ("flag",)
            return ("value", "deficit", "verdict", "rate") if numeric else ("value", "verdict")
        if target.kind == "indicator":
            return ("value",)
        fld = _SCHOOL_INDEX[target.key]
        result = []
        if fld.type in _NUMERIC_TYPES:
            result.append("value")
            if fld.type != "rate":
                result += ["per_student", "per_100_students"]
            result.append("rate")
            result.append("deficit")
        if self._rule_for(target.key):
            result.append("verdict")
        return tuple(result)

    def _rule_for(self, key):
        return next((rule for rule in self.profile.basic_rules if rule.get("of") == key), None)

    # -- the facts of the whole school or of one 学段
    def fact(self, key, stage):
        """(value, why-not) of a fact for the whole school (stage None) or one 学段."""
        facts = self.school.facts
        value = facts.get(key)
        if value is None:
            return None, None
        if isinstance(value, dict) and key in ("students", "teachers", "teachers_above_required_degree",
                                               "teachers_mid_senior_title"):
            return (Decimal(sum(value.values())) if stage is None else exact(value.get(stage, 0))), None
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
            return self._field_measure(ind["of"], ind["measure"], stage)
        if target.kind == "rule":
            rule = target.rule
            if measure == "deficit":
                return self._deficit(rule, stage, standard)
            if measure == "rate" and not (rule["measure"] in ("rate_of",) or _is_rate(rule.get("of"))):
                raise _NeedsRate()
            return self._rule_value(rule, stage)
        key = target.key
        if measure == "deficit":
            rule = self._rule_for(key)
            if rule is not None:
                return self._deficit(rule, stage, standard)
            if standard is None:
                raise _NeedsStandard()
            kind = "value" if _is_rate(key) else "per_student"
            return self._deficit({"id": None, "name": label(key), "measure": kind, "of": key, "op": ">="},
                                 stage, standard)
        if measure == "rate":
            if _is_rate(key):
                return self._field_measure(key, "value", stage)
            if key not in RATE_DENOMINATORS:
                raise _NeedsRate()
            return self._field_measure(key, "rate_of", stage, per=RATE_DENOMINATORS[key])
        return self._field_measure(key, measure, stage)

    def _field_measure(self, key, measure, stage, per=None) -> Outcome:
        x, why = self.fact(key, stage)
        if why:
            return Outcome(None, why, reason=why)
        unit = _unit(key)
        if measure == "value":
            if x is None:
                return Outcome(None, W(""), missing=(key,))
            return Outcome(x, W(f"{label(key)} = {num(x)}", f"{key} = {num(x)}"), "%" if _is_rate(key) else unit)
        denominator_key = per or "students"
        n, why = self.fact(denominator_key, stage)
        missing = tuple(k for k, v in ((key, x), (denominator_key, n)) if v is None)
        if missing:
            return Outcome(None, W(""), missing=missing)
        factor = Decimal(100) if measure == "per_100_students" else Decimal(1)
        times = (" × 100", " × 100") if measure == "per_100_students" else ("", "")
        out_unit = {"per_student": f"{unit}/生", "per_100_students": f"{unit}/百生", "rate_of": "%"}[measure]
        if n == 0:
            how = W(f"{label(denominator_key)}为 0，{label(key)}{times[0]} ÷ {label(denominator_key)}无法计算",
                    f"{denominator_key} is 0: {key}{times[1]} ÷ {denominator_key} cannot be computed")
            return Outcome(None, how, out_unit, impossible=True)
        value = x * factor / n
        how = W(f"{label(key)}{times[0]} ÷ {label(denominator_key)} = {num(x)}{times[0]} ÷ {num(n)} = {num(value)}",
                f"{key}{times[1]} ÷ {denominator_key} = {num(x)}{times[1]} ÷ {num(n)} = {num(value)}")
        return Outcome(value, how, out_unit)

    def _rule_parts(self, rule, stage):
        stages = [p for p in self.school.parts if p in rule.get("stages", [])]
        if stage is not None:
            return [stage] if stage in stages else []
        return stages

    def _rule_value(self, rule, stage) -> Outcome:
        stages = self._rule_parts(rule, stage)
        if not stages:
            return Outcome(None, W(""), reason=W(f"{rule['id']} 不适用于该学段", f"{rule['id']} does not apply"))
        if len(stages) > 1:
            return Outcome(None, W(""), reason=W(f"{rule['id']}：跨学段学校请写明学段（stage）",
                                                 f"{rule['id']}: a spanning school's claim needs its stage"))
        part = self.parts[stages[0]]
        verdict = self._verdict_of(rule["id"], stages[0])
        return _rule_formula(rule, part, verdict.standard if verdict else None)

    def _deficit(self, rule, stage, standard) -> Outcome:
        stages = self._rule_parts(rule, stage) if rule.get("id") else (
            [stage] if stage else (list(self.school.parts) if not self.spanning else [None]))
        if not stages:
            return Outcome(None, W(""), reason=W(f"{rule['id']} 不适用于该学段", f"{rule['id']} does not apply"))
        total, exact_total, hows, unit, used = Decimal(0), Decimal(0), [], "", None
        for part_name in stages:
            if part_name is None:     # a standard for the whole spanning school, from the claim
                part = _WholeSchool(self.school, self)
            else:
                part = self.parts[part_name]
            if standard is not None:
                part_standard = standard
            elif rule["measure"] == "labs":
                part_standard = labs_required(rule, part)
            else:
                part_standard = threshold_for(rule, part)
            if part_standard is None:
                continue
            used = part_standard
            outcome = _deficit_formula(rule, part, part_standard)
            if outcome.missing or outcome.reason or outcome.impossible:
                return outcome
            total += exact(outcome.value)
            exact_total += outcome.also
            hows.append(outcome.how)
            unit = outcome.unit
        if used is None:
            return Outcome(None, W(""), reason=W(f"{rule.get('id') or label(rule['of'])} 没有适用的标准",
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
            from generator.criteria.evaluate import school_passes
            statuses = [v.status for v in self.verdicts]
            passed = school_passes(self.verdicts, self.profile.pass_rule)
            not_met = [f"{v.rule}" for v in self.verdicts if v.status in ("fail", "missing")]
            if not passed and all(v.status != "fail" for v in self.verdicts) and "missing" in statuses:
                return Outcome("missing", W(""), missing=tuple(sorted({k for v in self.verdicts for k in v.missing})))
            how = W(f"按 {self.profile.id} 的达标规则：" + ("各项达标" if passed else "未达标项 " + "、".join(not_met)),
                    f"by the pass rule of {self.profile.id}: " + ("all met" if passed else "not met: " +
                                                                  ", ".join(not_met)))
            return Outcome("pass" if passed else "fail", how)
        rule = target.rule if target.kind == "rule" else self._rule_for(target.key)
        stages = self._rule_parts(rule, stage)
        if not stages:
            return Outcome(None, W(""), reason=W(f"{rule['id']} 不适用于该学段", f"{rule['id']} does not apply"))
        statuses, hows = [], []
        for part_name in stages:
            verdict = self._verdict_of(rule["id"], part_name)
            if verdict is None or verdict.status == "n/a":
                continue
            if verdict.status == "missing":
                return Outcome("missing", W(""), missing=verdict.missing)
            part = self.parts[part_name]
            used = standard if standard is not None else verdict.standard
            formula = _rule_formula(rule, part, used)
            status = verdict.status
            if standard is not None and formula.value is not None:
                status = "pass" if compare(round_half_up(exact(formula.value), 6), rule["op"], standard) else "fail"
            sign = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}[rule["op"]]
            stage_words = (f"{schema.PART_LABELS[part_name]}：", f"{part_name}: ") if self.spanning else ("", "")
            hows.append(W(f"{stage_words[0]}{formula.how['zh']}，标准 {sign} {num(used)}，{STATUS_ZH[status]}",
                          f"{stage_words[1]}{formula.how['en']}, standard {sign} {num(used)}: {status}"))
            statuses.append(status)
        if not statuses:
            return Outcome(None, W(""), reason=W(f"{rule['id']} 不适用", f"{rule['id']} does not apply"))
        return Outcome("fail" if "fail" in statuses else "pass", _join(hows, "；", "; "))


class _WholeSchool:
    """A spanning school taken whole (a deficit claim with its own standard and no stage)."""

    def __init__(self, school, view):
        self.school = school
        self.part = None
        self.facts = {key: (sum(value.values()) if isinstance(value, dict) and key in _STAGE_COUNTS else value)
                      for key, value in school.facts.items()}
        self.students = school.total_students

    @property
    def location(self):
        return self.school.get("location")


def _unit(key):
    fld = _SCHOOL_INDEX.get(key) or _GOV_INDEX.get(key) or _COUNTY_INDEX.get(key)
    return fld.unit if fld else ""


def _is_rate(key) -> bool:
    fld = _SCHOOL_INDEX.get(key) or _GOV_INDEX.get(key) or _COUNTY_INDEX.get(key)
    return bool(fld and fld.type == "rate")


def _rule_formula(rule, part, standard) -> Outcome:
    """A basic-condition rule's value for one school part, exact, with its formula in words."""
    kind, of, facts = rule["measure"], rule.get("of"), part.facts
    name_zh, name_en = label(of or ""), of or ""
    x = facts.get(of)
    n = facts.get("students")
    if kind == "labs":
        measured = measure_rule(rule, part, standard)
        if measured.value is None:
            return Outcome(None, W(""), missing=("labs",))
        return Outcome(measured.value, W(f"按要求配齐的实验室 {num(measured.value)} 类",
                                         f"{num(measured.value)} required lab types present"), "类")
    if x is None:
        return Outcome(None, W(""), missing=(of,))
    if kind == "flag":
        value = Decimal(1 if x else 0)
        return Outcome(value, W(f"{name_zh}：{'是' if x else '否'}", f"{name_en}: {'yes' if x else 'no'}"))
    if kind == "max_of_list":
        value = Decimal(max(x)) if x else None
        return Outcome(value, W(f"最大{name_zh} = {num(value)}", f"largest {name_en} = {num(value)}"),
                       rule.get("unit", ""))
    x = exact(x)
    denominators = {"per_student": "students", "per_100_students": "students", "students_per": of,
                    "rate_of": rule.get("per"), "per_class": "classes"}
    if kind in ("value", "total"):
        return Outcome(x, W(f"{name_zh} = {num(x)}", f"{name_en} = {num(x)}"), rule.get("unit", ""))
    d_key = denominators[kind]
    d = facts.get(d_key) if kind != "students_per" else n
    if d is None or (kind == "students_per" and n is None):
        return Outcome(None, W(""), missing=tuple(k for k in (of, d_key, "students") if facts.get(k) is None))
    unit = rule.get("unit", "")
    if kind == "students_per":
        if x == 0:
            return Outcome(None, W(f"{name_zh}为 0，生机比无法计算", f"{name_en} is 0: no ratio"), unit,
                           impossible=True)
        value = Decimal(n) / x
        return Outcome(value, W(f"在校生数 ÷ {name_zh} = {num(n)} ÷ {num(x)} = {num(value)}",
                                f"students ÷ {name_en} = {num(n)} ÷ {num(x)} = {num(value)}"), unit)
    d = exact(d)
    if d == 0:
        return Outcome(None, W(f"{label(d_key)}为 0，无法计算", f"{d_key} is 0: cannot divide"), unit,
                       impossible=True)
    factor = Decimal(100) if kind == "per_100_students" else Decimal(1)
    times = " × 100" if factor == 100 else ""
    value = x * factor / d
    return Outcome(value, W(f"{name_zh}{times} ÷ {label(d_key)} = {num(x)}{times} ÷ {num(d)} = {num(value)}",
                            f"{name_en}{times} ÷ {d_key} = {num(x)}{times} ÷ {num(d)} = {num(value)}"), unit)


def _deficit_formula(rule, part, standard) -> Outcome:
    """尚缺 by criteria §7, with the check's own rounding (indicators.measure_rule) as the answer.

    The exact shortfall before rounding up is kept in `also`: a report that wrote 8669 for a
    shortfall of 8669.2 books truncated, which the tolerance rule accepts.
    """
    kind, of, facts = rule["measure"], rule.get("of"), part.facts
    s = exact(standard)
    unit = rule.get("deficit_unit") or _unit(of)
    if kind == "labs":
        measured = measure_rule(rule, part, standard)
        if measured.value is None:
            return Outcome(None, W(""), missing=("labs",))
        short = exact(measured.deficit)
        return Outcome(short, W(f"缺少的实验室 = {num(short)} 间", f"labs missing = {num(short)}"), "间",
                       also=short)
    x = facts.get(of)
    n = facts.get("students")
    needs = {"per_student": ("students",), "per_100_students": ("students",), "students_per": ("students",),
             "rate_of": (rule.get("per"),), "per_class": ("classes",), "value": (), "total": ()}
    if kind not in needs:
        return Outcome(None, W(""), reason=W(f"{rule.get('id')} 没有尚缺的算法", "no deficit for this rule"))
    missing = tuple(k for k in (of, *needs[kind]) if facts.get(k) is None)
    if missing:
        return Outcome(None, W(""), missing=missing)
    x = exact(x)
    nz, ne = label(of), of
    if kind == "per_student":
        gap = s * n - x
        how = W(f"标准 × 在校生数 − {nz} = {num(s)} × {num(n)} − {num(x)} = {num(gap)}",
                f"standard × students − {ne} = {num(s)} × {num(n)} − {num(x)} = {num(gap)}")
    elif kind == "per_100_students":
        gap = s * n / 100 - x
        how = W(f"标准 × 在校生数 ÷ 100 − {nz} = {num(s)} × {num(n)} ÷ 100 − {num(x)} = {num(gap)}",
                f"standard × students ÷ 100 − {ne} = {num(s)} × {num(n)} ÷ 100 − {num(x)} = {num(gap)}")
    elif kind == "students_per":
        if s <= 0:
            return Outcome(None, W(""), reason=W("标准不是正数", "the standard is not positive"))
        needed = ceil_int(Decimal(n) / s)
        gap = needed - x
        how = W(f"⌈在校生数 ÷ {num(s)}⌉ − {nz} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − {num(x)} = {num(gap)}",
                f"⌈students ÷ {num(s)}⌉ − {ne} = ⌈{num(n)} ÷ {num(s)}⌉ − {num(x)} = {needed} − {num(x)} = {num(gap)}")
    elif kind in ("rate_of", "per_class"):
        d_key = needs[kind][0]
        d = exact(facts[d_key])
        gap = s * d - x
        how = W(f"标准 × {label(d_key)} − {nz} = {num(s)} × {num(d)} − {num(x)} = {num(gap)}",
                f"standard × {d_key} − {ne} = {num(s)} × {num(d)} − {num(x)} = {num(gap)}")
    else:
        gap = s - x if rule["op"] in (">=", ">") else x - s
        per = rule.get("deficit_per")
        if _is_rate(of) and per and facts.get(per):
            people = exact(facts[per])
            gap *= people
            how = W(f"(标准 − {nz}) × {label(per)} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}",
                    f"(standard − {ne}) × {per} = ({num(s)} − {num(x)}) × {num(people)} = {num(gap)}")
        elif _is_rate(of):
            unit = "个百分点"
            gap *= 100
            how = W(f"(标准 − {nz}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} 个百分点",
                    f"(standard − {ne}) × 100 = ({num(s)} − {num(x)}) × 100 = {num(gap)} percentage points")
        else:
            how = W(f"标准 − {nz} = {num(s)} − {num(x)} = {num(gap)}",
                    f"standard − {ne} = {num(s)} − {num(x)} = {num(gap)}")
    short = max(gap, Decimal(0))
    if rule.get("id") is not None:
        # The check's own rounding, from the same function that prints 尚缺 in `junheng check`.
        rounded = exact(measure_rule(rule, part, s).deficit or 0)
    elif _is_rate(of):
        rounded = round_half_up(short, 2)
    else:
        rounded = Decimal(ceil_int(short)) if of in _COUNT_FIELDS else round_half_up(short, 2)
    if gap <= 0:
        how = W(how["zh"] + "，已达到标准，尚缺 0", how["en"] + ": the standard is met, short by 0")
    elif rounded != short:
        how = W(how["zh"] + f"，取 {num(rounded)}", how["en"] + f", taken as {num(rounded)}")
    return Outcome(rounded, how, unit, also=short, standard=s)


_STAGE_COUNTS = schema.STAGE_COUNT_KEYS
_COUNT_FIELDS = {f.key for f in schema.SCHOOL_FIELDS if f.type in ("count", "stage_count")}


# ---------------------------------------------------------------- a county's figures
class _CountyView:
    def __init__(self, county, profile, result):
        self.county = county
        self.county_file = county.file
        self.profile = profile
        self.result = result
        self.verdicts = {v.rule: v for v in result["_verdicts"]}
        self.items = {item["id"]: item for item in result["government"]["items"]}
        self.indicators = {ind["id"]: ind for ind in profile.monitoring["indicators"]}
        self.conditions = {c["id"]: c for c in profile.county["conditions"]}
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
            return Target("condition", of, W(self.conditions[of]["name"]), self.conditions[of])
        if of in self.items:
            return Target("gov_item", of, W(self.items[of]["name"]), self.items[of])
        if of in self.indicators:
            return Target("cv", of, W(self.indicators[of]["name"] + "差异系数",
                                      self.indicators[of]["name"] + " CV"), self.indicators[of])
        for index, kind in ((_GOV_INDEX, "gov_field"), (_COUNTY_INDEX, "county_field")):
            fld = index.get(of)
            if fld is not None and fld.type in _NUMERIC_TYPES + ("bool",):
                return Target(kind, fld.key, L(fld.key))
        fld = _SCHOOL_INDEX.get(of)
        if fld is not None and fld.type in ("number", "count", "stage_count"):
            return Target("sum", fld.key, W("全县" + fld.label, "county total " + fld.key))
        if of in OVERALL_NAMES or of in ("county", "县域", "全县"):
            return Target("overall", "overall", W("县域义务教育基本均衡（四项条件）", "county: the four conditions"))
        return None

    def measures(self, target: Target) -> tuple[str, ...]:
        if target.kind == "overall":
            return ("verdict",)
        if target.kind == "condition":
            return ("value", "deficit", "verdict") + (("rate",) if target.key in ("C1", "C4") else ())
        if target.kind == "gov_item":
            # 优质均衡 items have no points: met or not
            return ("value", "verdict") if "points" in target.rule else ("verdict",)
        if target.kind == "cv":
            return ("value", "verdict") if self._cv_verdicts(target.key, None) else ("value",)
        if target.kind in ("gov_field", "county_field"):
            fld = (_GOV_INDEX if target.kind == "gov_field" else _COUNTY_INDEX)[target.key]
            return ("value", "rate") if fld.type == "rate" else ("value",)
        return ("value", "per_student", "per_100_students") + (("rate",) if target.key in RATE_DENOMINATORS else ())

    def _stage_verdict(self, stage):
        return self.verdicts.get(f"{self._by_measure('composite_cv')}-{stage}")

    def _by_measure(self, measure):
        """A condition's id by its measure (C2 is the composite CV in basic-2012)."""
        return next((cid for cid, cond in self.conditions.items() if cond["measure"] == measure), None)

    def _cv_verdicts(self, indicator, stage):
        """The per-indicator CV verdicts (优质均衡: each indicator's CV judged on its own)."""
        return [v for v in self.result["_verdicts"] if getattr(v, "cv_indicator", None) == indicator
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
                           "%" if _is_rate(target.key) else _unit(target.key))
        return self._sum(target.key, measure, stage)

    def _condition(self, target, measure, stage) -> Outcome:
        key = target.key
        if self.result.get("_general"):     # conditions chosen by measure (优质均衡)
            return self._general_condition(target, measure, stage)
        if key == "C2":
            if stage is None:
                return Outcome(None, W(""), reason=W("综合差异系数需写明学段（stage）", "C2 needs a stage"))
            verdict = self._stage_verdict(stage)
        else:
            verdict = self.verdicts.get(key)
        if verdict is None or verdict.status == "n/a":
            return Outcome(None, W(""), reason=W(f"{key} 不适用", f"{key} does not apply"))
        if verdict.status == "missing" or verdict.value is None:
            return Outcome(None, W(""), missing=tuple(verdict.missing) or (key,))
        value = exact(verdict.value)
        if measure == "deficit":
            if key == "C2":
                short = max(value - verdict.standard, Decimal(0))
                how = W(f"综合差异系数 − 标准 = {num(value)} − {num(verdict.standard)}",
                        f"composite CV − standard = {num(value)} − {num(verdict.standard)}")
                return Outcome(short, how, "")
            short = exact(verdict.deficit) if verdict.status == "fail" and verdict.deficit is not None else Decimal(0)
            how = W(f"{key} {verdict.name}：{num(value)}，标准 {num(verdict.standard)}，尚缺 {num(short)}",
                    f"{key}: {num(value)}, standard {num(verdict.standard)}, short by {num(short)}")
            return Outcome(short, how, verdict.deficit_unit or "")
        hows = {
            "C1": W(f"达标学校数 ÷ 学校数 = {num(value)}", f"schools meeting the standard ÷ schools = {num(value)}"),
            "C2": W(f"{schema.PART_LABELS.get(stage, '')}八项差异系数（各保留三位小数）的平均数 = {num(value)}",
                    f"mean of the eight {stage} CVs (each printed to 3 decimals) = {num(value)}"),
            "C3": self._score_words(value),
            "C4": W(f"公众满意度 = {num(value)}", f"satisfaction_rate = {num(value)}"),
        }
        unit = {"C1": "%", "C2": "", "C3": "分", "C4": "%"}[key]
        return Outcome(value, hows[key], unit)

    def _overall_words(self) -> str:
        return "四项条件" if len(self.conditions) == 4 and self._by_measure("composite_cv") else "各项认定条件"

    def _general_condition(self, target, measure, stage) -> Outcome:
        """A condition of a profile chosen by measure (优质均衡 QC1–QC6): its decided value."""
        key = target.key
        if target.rule["measure"] == "cv_each":
            return Outcome(None, W(""), reason=W(f"{key} 是各项指标的差异系数：请写指标编号（如 Q2）和学段",
                                                 f"{key} is one CV per indicator: name the indicator (e.g. Q2) and stage"))
        verdict = self.verdicts.get(key)
        if verdict is None or verdict.status == "n/a":
            return Outcome(None, W(""), reason=W(f"{key} 不适用", f"{key} does not apply"))
        if verdict.status == "missing" or verdict.value is None:
            return Outcome(None, W(""), missing=tuple(verdict.missing) or (key,))
        value = exact(verdict.value)
        if measure == "deficit":
            short = exact(verdict.deficit) if verdict.status == "fail" and verdict.deficit is not None else Decimal(0)
            return Outcome(short, W(f"{key} {verdict.name}：{num(value)}，标准 {num(verdict.standard)}，尚缺 {num(short)}",
                                    f"{key}: {num(value)}, standard {num(verdict.standard)}, short by {num(short)}"),
                           verdict.deficit_unit or "")
        return Outcome(value, W(f"{verdict.name} = {num(value)}", f"{key} = {num(value)}"), verdict.unit or "")

    def _score_words(self, value) -> dict:
        government = self.result["government"]
        lost = [(item["id"], exact(item["points"]) - exact(item["score"])) for item in government["items"]
                if exact(item["score"]) < exact(item["points"])]
        listing = "".join(f" − {item_id} {num(points)}" for item_id, points in lost)
        return W(f"B1–B23 各项得分之和 = {government['total']}{listing} = {num(value)}"
                 + ("（各项满分）" if not lost else "（减去各项扣分）"),
                 f"sum of the B1–B23 item scores = {government['total']}{listing} = {num(value)}")

    def _cv(self, indicator, stage) -> Outcome:
        if stage is None:
            return Outcome(None, W(""), reason=W("差异系数需写明学段（stage）", "a CV claim needs its stage"))
        monitoring = self.profile.monitoring
        entries, names = [], 0
        for school in self.county.schools:
            if is_excluded(school, monitoring.get("exclude")):
                continue
            for part in school_parts(school, self.split, stages=(stage,)):
                raw = part.facts.get(indicator["of"])
                if raw is None:
                    return Outcome(None, W(""), missing=(indicator["of"],))
                entries.append((part.students, raw))
                names += 1
        cv = coefficient_of_variation(entries)
        if cv is None:
            return Outcome(None, W(""), reason=W("没有可计算差异系数的学校", "no schools to compute the CV over"))
        how = W(f"{schema.PART_LABELS[stage]} {names} 所学校按学生数加权：标准差 ÷ 全县均值 = {num(cv)}",
                f"{names} {stage} schools, student-weighted: standard deviation ÷ county mean = {num(cv)}")
        return Outcome(cv, how, "")

    def _sum(self, key, measure, stage) -> Outcome:
        """A school fact added up over the county's schools (one 学段 when `stage` is given)."""
        if not self.county.schools:
            return Outcome(None, W(""), reason=W("县文件没有列出学校，无法合计", "the county lists no schools"))
        split_fields = set(self.split["fields"]) | set(EXTRA_SPLIT_FIELDS)
        stage_counts = schema.STAGE_COUNT_KEYS
        denominator = {"value": None, "per_student": "students", "per_100_students": "students",
                       "rate": RATE_DENOMINATORS.get(key)}[measure]
        totals = {}
        for needed in filter(None, (key, denominator)):
            total = Decimal(0)
            for school in self.county.schools:
                if stage is None:
                    value = school.get(needed)
                    value = sum(value.values()) if isinstance(value, dict) else value
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
            return Outcome(x, W(f"{sz} = {num(x)}", f"{se} = {num(x)}"), _unit(key))
        d = totals[denominator]
        dz, de = f"全县{stage_words[0]}{label(denominator)}合计", f"county {stage_words[1]}total {denominator}"
        if d == 0:
            return Outcome(None, W(f"{dz}为 0", f"{de} is 0"), impossible=True)
        factor = Decimal(100) if measure == "per_100_students" else Decimal(1)
        times = " × 100" if factor == 100 else ""
        value = x * factor / d
        unit = {"per_student": f"{_unit(key)}/生", "per_100_students": f"{_unit(key)}/百生", "rate": "%"}[measure]
        return Outcome(value, W(f"{sz}{times} ÷ {dz} = {num(x)}{times} ÷ {num(d)} = {num(value)}",
                                f"{se}{times} ÷ {de} = {num(x)}{times} ÷ {num(d)} = {num(value)}"), unit)

    def verdict(self, target: Target, stage, standard) -> Outcome:
        if target.kind == "overall":
            verdicts = self.result["_verdicts"]
            if any(v.status == "missing" for v in verdicts) and not any(v.status == "fail" for v in verdicts):
                return Outcome("missing", W(""), missing=tuple(k for v in verdicts for k in v.missing))
            failed = [v.rule for v in verdicts if v.status == "fail"]
            passed = self.result["passed"]
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
            verdicts = [v for v in self.result["_verdicts"] if getattr(v, "cv_indicator", None)
                        and (stage is None or v.cv_stage == stage) and v.status != "n/a"]
        elif key == "C2":
            stages = [stage] if stage else ["primary", "junior"]
            verdicts = [self._stage_verdict(s) for s in stages]
            verdicts = [v for v in verdicts if v is not None and v.status != "n/a"]
        else:
            verdicts = [self.verdicts[key]] if key in self.verdicts else []
        if not verdicts:
            return Outcome(None, W(""), reason=W(f"{key} 不适用", f"{key} does not apply"))
        for verdict in verdicts:
            if verdict.status == "missing":
                return Outcome("missing", W(""), missing=tuple(verdict.missing) or (key,))
        hows = [W(f"{v.name}：{num(v.value)}，标准 {num(v.standard)}，{STATUS_ZH[v.status]}",
                  f"{v.rule}: {num(v.value)}, standard {num(v.standard)}: {v.status}") for v in verdicts]
        status = "fail" if any(v.status == "fail" for v in verdicts) else "pass"
        return Outcome(status, _join(hows, "；", "; "))

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
            value = school.get(key)
            if value is not None:
                values[school.name] = exact(sum(value.values()) if isinstance(value, dict) else value)
        return values


def _school_fact_total(view: _SchoolView, key):
    target = view.resolve(key)
    if target is None or target.kind != "field" or _SCHOOL_INDEX[target.key].type not in ("number", "count",
                                                                                         "stage_count"):
        return None, None, None
    outcome = view._field_measure(target.key, "value", None)
    by_part = {}
    value = view.school.get(target.key)
    if isinstance(value, dict):
        for part, count in value.items():
            for word in STAGE_WORDS[part]:
                by_part[word] = exact(count)
    return target, outcome, by_part


# ---------------------------------------------------------------- breakdowns
def _audit_breakdown(view, breakdown, errors, file, path) -> list[Row]:
    of, line = breakdown["of"], breakdown.get("line")
    parts = {name: exact(value) for name, value in breakdown["parts"].items()}
    if isinstance(view, _SchoolView):
        target, outcome, named = _school_fact_total(view, of)
    else:
        target, outcome, named = view.fact_total(of)
    stated_total = exact(breakdown["total"]) if breakdown.get("total") is not None else None
    key = target.key if target else str(of)
    name = target.name if target else W(str(of))
    if stated_total is None:
        if target is None:
            errors.add(file, line, path + ".total", "audit_needs_total", name=of)
            return []
        if outcome.missing or outcome.reason or outcome.value is None:
            row = Row(kind="breakdown", status="unverified", of=key, measure="sum", what=_part_what(name),
                      how=outcome.reason or W(message("audit_missing", "zh", names="、".join(
                          label(k) for k in outcome.missing)), message("audit_missing", "en",
                                                                       names=", ".join(outcome.missing))))
            return [row]
        total, total_text = outcome.value, num(outcome.value)
        total_words = W(f"{label(key)}", key)
    else:
        total, total_text = stated_total, str(breakdown.get("total_written", num(stated_total)))
        total_words = W("所列合计", "the stated total")
    money_like = (target is not None and _unit(key) in ("元", "㎡")) or any(
        v != v.to_integral_value() for v in [total, *parts.values()])
    parts_sum = sum(parts.values(), Decimal(0))
    places = 2 if money_like else 0
    agrees = round_half_up(parts_sum, places) == round_half_up(total, places) if money_like else parts_sum == total
    listing = " + ".join(num(v) for v in parts.values())
    how = W(f"{'、'.join(parts)}之和 = {listing} = {num(parts_sum)}；{total_words['zh']} {total_text}"
            + ("（精确到分）" if money_like and _unit(key) == "元" else ""),
            f"sum of {', '.join(parts)} = {listing} = {num(parts_sum)}; {total_words['en']} {total_text}"
            + (" (to the fen)" if money_like and _unit(key) == "元" else ""))
    difference = total - parts_sum
    rows = [Row(kind="breakdown", status="agree" if agrees else "finding", of=key, measure="sum",
                what=_part_what(name), how=how, claimed=total, recomputed=parts_sum, claimed_text=total_text,
                recomputed_text=num(parts_sum),
                difference=difference, difference_text=("+" if difference > 0 else "") + num(difference),
                unit=_unit(key), extra={"parts": {k: plain(v) for k, v in parts.items()}})]
    # a stated total that is not the fact it breaks down
    if stated_total is not None and target is not None and not (outcome.missing or outcome.reason) \
            and outcome.value is not None:
        same = stated_total == outcome.value if not money_like else \
            round_half_up(stated_total, 2) == round_half_up(outcome.value, 2)
        rows.append(Row(kind="breakdown", status="agree" if same else "finding", of=key, measure="total",
                        what=W(f"{name['zh']}：所列合计与事实", f"{name['en']}: stated total against the fact"),
                        how=W(f"所列合计 {total_text}；事实 {outcome.how['zh']}",
                              f"stated total {total_text}; fact {outcome.how['en']}"),
                        claimed=stated_total, recomputed=outcome.value, claimed_text=total_text,
                        recomputed_text=num(outcome.value), difference=stated_total - outcome.value,
                        difference_text=("+" if stated_total > outcome.value else "") + num(stated_total - outcome.value),
                        unit=_unit(key)))
    # a part larger than the whole
    for part_name, value in parts.items():
        if value > total:
            rows.append(Row(kind="consistency", status="finding", of=key, measure="part",
                            what=W(f"{name['zh']}：分项“{part_name}”大于合计", f"{name['en']}: part '{part_name}' "
                                   "exceeds the total"),
                            how=W(f"分项“{part_name}” {num(value)} > 合计 {num(total)}",
                                  f"part '{part_name}' {num(value)} > total {num(total)}"),
                            claimed=value, recomputed=total, claimed_text=num(value), recomputed_text=num(total),
                            difference=value - total, difference_text="+" + num(value - total)))
    # parts named after a school (county) or a 学段 (school) must be that one's own figure
    for part_name, value in parts.items():
        own = (named or {}).get(part_name)
        if own is None:
            continue
        rows.append(Row(kind="breakdown", status="agree" if own == value else "finding", of=key, measure="part",
                        what=W(f"{name['zh']}：分项“{part_name}”与其事实", f"{name['en']}: part '{part_name}' "
                               "against its own fact"),
                        how=W(f"分项“{part_name}”列 {num(value)}；{part_name}的{label(key)}为 {num(own)}",
                              f"part '{part_name}' lists {num(value)}; {part_name}'s {key} is {num(own)}"),
                        claimed=value, recomputed=own, claimed_text=num(value), recomputed_text=num(own),
                        difference=value - own, difference_text=("+" if value > own else "") + num(value - own),
                        unit=_unit(key)))
    return rows


def _part_what(name: dict) -> dict:
    return W(f"{name['zh']}：分项合计", f"{name['en']}: sum of parts")


# ---------------------------------------------------------------- the facts' own relations
def _relation(of, holds: bool, what: dict, how: dict, left, right, line=None, stage=None) -> Row:
    return Row(kind="consistency", status="agree" if holds else "finding", of=of, measure="relation",
               what=what, how=how, claimed=left, recomputed=right,
               claimed_text=num(left) if left is not None else "", recomputed_text=num(right) if right is not None
               else "", line=line, stage=stage)


def _school_relations(school) -> list[Row]:
    """Relations a school's facts must satisfy; each relation examined gives one Row."""
    facts, rows = school.facts, []
    teachers = facts.get("teachers") or {}
    students = facts.get("students") or {}
    spanning = len(school.parts) > 1

    def stage_words(part):
        return (f"（{schema.PART_LABELS[part]}）", f" ({part})") if spanning else ("", "")

    for key in ("teachers_above_required_degree", "teachers_mid_senior_title", "backbone_teachers", "pe_art_teachers"):
        counts = facts.get(key) or {}
        for part, count in counts.items():
            if part not in teachers:
                continue
            words = stage_words(part)
            rows.append(_relation(
                key, count <= teachers[part],
                W(f"{label(key)}不超过专任教师数{words[0]}", f"{key} ≤ teachers{words[1]}"),
                W(f"{label(key)} {count} {'≤' if count <= teachers[part] else '>'} 专任教师数 {teachers[part]}"
                  f"{words[0]}", f"{key} {count} {'≤' if count <= teachers[part] else '>'} teachers "
                                 f"{teachers[part]}{words[1]}"),
                count, teachers[part], line=school.lines.get(key), stage=part if spanning else None))
    aux, building = facts.get("teaching_aux_area_m2"), facts.get("building_area_m2")
    if aux is not None and building is not None:
        holds = exact(aux) <= exact(building)
        rows.append(_relation("teaching_aux_area_m2", holds,
                              W("教学及辅助用房面积不超过校舍建筑面积", "teaching_aux_area_m2 ≤ building_area_m2"),
                              W(f"教学及辅助用房面积 {num(aux)} {'≤' if holds else '>'} 校舍建筑面积 {num(building)}",
                                f"teaching_aux_area_m2 {num(aux)} {'≤' if holds else '>'} building_area_m2 "
                                f"{num(building)}"), exact(aux), exact(building),
                              line=school.lines.get("teaching_aux_area_m2")))
    total_students = sum(students.values())
    sizes = facts.get("class_sizes")
    if sizes:
        seated = sum(sizes)
        holds = seated == total_students
        rows.append(_relation("class_sizes", holds, W("各班人数之和等于在校生数", "sum of class_sizes = students"),
                              W(f"各班人数之和 {' + '.join(map(str, sizes)) if len(sizes) <= 12 else ''}"
                                f"{' = ' if len(sizes) <= 12 else ''}{seated}，在校生数 {total_students}",
                                f"sum of class_sizes = {seated}, students {total_students}"),
                              Decimal(seated), Decimal(total_students), line=school.lines.get("class_sizes")))
    subjects = facts.get("subject_teachers")
    if subjects and teachers:
        actual = sum(entry["actual"] for entry in subjects.values())
        all_teachers = sum(teachers.values())
        holds = actual <= all_teachers
        listing = " + ".join(f"{schema.SUBJECT_LABELS.get(s, s)} {e['actual']}" for s, e in subjects.items())
        rows.append(_relation("subject_teachers", holds,
                              W("各学科实配教师之和不超过专任教师数（一人不能计入两科）",
                                "subject teachers (actual) ≤ teachers (no one counted in two subjects)"),
                              W(f"各学科实配 {listing} = {actual} {'≤' if holds else '>'} 专任教师数 {all_teachers}",
                                f"actual subject teachers {actual} {'≤' if holds else '>'} teachers {all_teachers}"),
                              Decimal(actual), Decimal(all_teachers), line=school.lines.get("subject_teachers")))
    rate = facts.get("qualified_degree_rate")
    above = facts.get("teachers_above_required_degree")
    if rate is not None and above and teachers:
        above_total = sum(above.values())
        all_teachers = sum(t for part, t in teachers.items() if part in above)
        if all_teachers:
            share = Decimal(above_total) / all_teachers
            # Teachers above the required degree are all qualified, so the qualified rate is at
            # least their share; a rate written to whole percent is given one point of slack.
            holds = exact(rate) > share - Decimal("0.01")
            rows.append(_relation("qualified_degree_rate", holds,
                                  W("学历合格率不低于高于规定学历教师所占比例",
                                    "qualified_degree_rate ≥ share of teachers above the required degree"),
                                  W(f"高于规定学历教师 {above_total} ÷ 专任教师 {all_teachers} = "
                                    f"{num(share * 100, 2)}%，学历合格率 {num(exact(rate) * 100)}%",
                                    f"above required degree {above_total} ÷ teachers {all_teachers} = "
                                    f"{num(share * 100, 2)}%, qualified_degree_rate {num(exact(rate) * 100)}%"),
                                  exact(rate), share, line=school.lines.get("qualified_degree_rate")))
            rows[-1].claimed_text = f"{num(exact(rate) * 100, 2)}%"
            rows[-1].recomputed_text = f"≥ {num(share * 100, 2)}%"
    # zero denominators: every per-student, per-teacher and per-class figure divides by these
    rows.append(_relation("students", total_students > 0, W("在校生数大于 0", "students > 0"),
                          W(f"在校生数 = {total_students}", f"students = {total_students}"),
                          Decimal(total_students), Decimal(0), line=school.lines.get("students")))
    for part, count in students.items():
        if spanning and count == 0 and (teachers.get(part) or 0) > 0:
            rows.append(_relation("students", False, W(f"{schema.PART_LABELS[part]}有教师却没有学生",
                                                       f"{part} has teachers but no students"),
                                  W(f"{schema.PART_LABELS[part]}在校生数 0，专任教师 {teachers[part]}",
                                    f"{part} students 0, teachers {teachers[part]}"),
                                  Decimal(0), Decimal(teachers[part]), line=school.lines.get("students"), stage=part))
    if total_students > 0:
        for key in ("teachers", "classes"):
            value = facts.get(key)
            if value is None:
                continue
            value = sum(value.values()) if isinstance(value, dict) else value
            rows.append(_relation(key, value > 0, W(f"有学生的学校{label(key)}大于 0", f"{key} > 0 with students"),
                                  W(f"在校生数 {total_students}，{label(key)} {value}",
                                    f"students {total_students}, {key} {value}"),
                                  Decimal(value), Decimal(0), line=school.lines.get(key)))
    return rows


def _county_relations(view: _CountyView) -> list[Row]:
    """The county's own figures against the sums of its schools' figures."""
    county, rows = view.county, []
    government = county.government
    lines = government.get("_lines", {})
    schools = county.schools
    stated = government.get("subject_teachers")
    if stated and schools and all(s.get("subject_teachers") for s in schools):
        summed: dict = {}
        for school in schools:
            for subject, counts in school.get("subject_teachers").items():
                entry = summed.setdefault(subject, {"required": 0, "actual": 0})
                entry["required"] += counts["required"]
                entry["actual"] += counts["actual"]
        for subject in sorted(set(stated) | set(summed)):
            for side in ("required", "actual"):
                left = stated.get(subject, {}).get(side, 0)
                right = summed.get(subject, {}).get(side, 0)
                sz = {"required": "应配", "actual": "实配"}[side]
                name = schema.SUBJECT_LABELS.get(subject, subject)
                rows.append(_relation("subject_teachers", left == right,
                                      W(f"全县{name}教师{sz}等于各校之和", f"county {subject} {side} = sum of schools"),
                                      W(f"县级填报{name}{sz} {left}；各校{sz}之和 {right}",
                                        f"county {subject} {side} {left}; sum over schools {right}"),
                                      Decimal(left), Decimal(right), line=lines.get("subject_teachers")))
    stated_sizes = government.get("class_sizes")
    if stated_sizes and schools and all(s.get("class_sizes") for s in schools):
        merged = sorted(size for s in schools for size in s.get("class_sizes"))
        holds = sorted(stated_sizes) == merged
        rows.append(_relation("class_sizes", holds,
                              W("全县各班人数与各校各班人数一致", "county class_sizes = the schools' class sizes"),
                              W(f"县级填报 {len(stated_sizes)} 个班、共 {sum(stated_sizes)} 人；各校合计 {len(merged)} 个班、"
                                f"共 {sum(merged)} 人" + ("" if holds else "（名单不一致）"),
                                f"county lists {len(stated_sizes)} classes, {sum(stated_sizes)} students; schools "
                                f"{len(merged)} classes, {sum(merged)} students" + ("" if holds else " (lists differ)")),
                              Decimal(sum(stated_sizes)), Decimal(sum(merged)), line=lines.get("class_sizes")))
    return rows
