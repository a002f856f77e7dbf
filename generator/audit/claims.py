"""Checking one claim: parse what it states, recompute it through a view, and compare with the last-digit tolerance.

A stated number agrees with the recomputed one when they differ by less than one unit in the
last digit the report wrote (generator/audit/stated.py); the difference is shown in the
report's own notation (85.3% against 82.1%, 1:19 against 1:20.4). A claim that cannot be
understood is an input error, collected in `Errors` so the whole audit is refused at once.
"""
from __future__ import annotations

import difflib
from decimal import Decimal

from generator.model import schema
from generator.audit.outcome import NeedsRate, NeedsStandard, Outcome, Target
from generator.audit.result import Row
from generator.audit.stated import Stated, parse_stated, parse_verdict
from generator.audit.words import MEASURE_WORDS, STAGE_WORDS, W, label, num
from generator.errors import InputError
from generator.i18n import message
from generator.numbers import exact, round_half_up


class Errors:
    def __init__(self):
        self.errors: list[InputError] = []

    def add(self, file, line, key, msg_id, hint=None, hint_params=None, **params):
        self.errors.append(InputError(file, line, key, msg_id, hint, hint_params, **params))


def audit_claim(view, claim, errors, file, path) -> Row | None:
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
    except NeedsStandard:
        errors.add(file, line, path + ".standard", "audit_needs_standard", name=of)
        return None
    except NeedsRate:
        errors.add(file, line, path + ".measure", "audit_no_rate", name=of)
        return None
    return _number_row(target, measure, what, stated, outcome, stage, standard)


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
    if claimed == "missing" and (outcome.missing or outcome.value == "missing"):
        row.recomputed = row.recomputed_text = "missing"     # the facts leave it open, as the report says
        row.how = W(message("audit_missing", "zh", names="、".join(label(k) for k in outcome.missing)),
                    message("audit_missing", "en", names=", ".join(outcome.missing)))
        return row
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


def _show_places(stated: Stated | None, value: Decimal) -> int:
    """Decimals to show a recomputed value with: one more than the report wrote, trimmed."""
    base = stated.places if stated else 2
    places = base + 1
    while places > base and round_half_up(value, places) == round_half_up(value, places - 1):
        places -= 1
    return places
