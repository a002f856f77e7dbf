"""Checking a breakdown: the parts a report lists against their total, and the total against the fact.

"其中…元；…元" or "…16台，…100台，总台数…台": the parts must add up to the total (money and
areas to the fen / 0.01), a stated total must be the fact it breaks down, no part may exceed
the whole, and a part named after a school or a 学段 must be that one's own figure.
"""
from __future__ import annotations

from decimal import Decimal

from generator.audit.result import Row
from generator.audit.words import W, field_unit, label, num
from generator.i18n import message
from generator.numbers import exact, plain, round_half_up


# ---------------------------------------------------------------- breakdowns
def audit_breakdown(view, breakdown, errors, file, path) -> list[Row]:
    of, line = breakdown["of"], breakdown.get("line")
    parts = {name: exact(value) for name, value in breakdown["parts"].items()}
    target, outcome, named = view.fact_total(of)      # a school's or a county's fact
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
    money_like = (target is not None and field_unit(key) in ("元", "㎡")) or any(
        v != v.to_integral_value() for v in [total, *parts.values()])
    parts_sum = sum(parts.values(), Decimal(0))
    places = 2 if money_like else 0
    agrees = round_half_up(parts_sum, places) == round_half_up(total, places) if money_like else parts_sum == total
    listing = " + ".join(num(v) for v in parts.values())
    how = W(f"{'、'.join(parts)}之和 = {listing} = {num(parts_sum)}；{total_words['zh']} {total_text}"
            + ("（精确到分）" if money_like and field_unit(key) == "元" else ""),
            f"sum of {', '.join(parts)} = {listing} = {num(parts_sum)}; {total_words['en']} {total_text}"
            + (" (to the fen)" if money_like and field_unit(key) == "元" else ""))
    difference = total - parts_sum
    rows = [Row(kind="breakdown", status="agree" if agrees else "finding", of=key, measure="sum",
                what=_part_what(name), how=how, claimed=total, recomputed=parts_sum, claimed_text=total_text,
                recomputed_text=num(parts_sum),
                difference=difference, difference_text=("+" if difference > 0 else "") + num(difference),
                unit=field_unit(key), extra={"parts": {k: plain(v) for k, v in parts.items()}})]
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
                        unit=field_unit(key)))
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
                        unit=field_unit(key)))
    return rows


def _part_what(name: dict) -> dict:
    return W(f"{name['zh']}：分项合计", f"{name['en']}: sum of parts")
