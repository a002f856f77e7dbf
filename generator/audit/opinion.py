"""The audit's findings in words for people: the table cells (where, recomputed, difference) and the
督导核查意见 context. Both front ends show these."""
from __future__ import annotations

from generator import i18n
from generator.numbers import doc_percent
from generator.render.report_common import DEFAULT_CITATION, format_date, profile_citation


OPINION_TEMPLATE = "audit-opinion.docx"


def where_cell(row, lang) -> str:
    parts = []
    if row.school:
        parts.append(row.school)
    if row.line:
        parts.append(f"第{row.line}行" if lang == "zh" else f"line {row.line}")
    return " ".join(parts)


def recomputed_cell(row, lang) -> str:
    if row.kind == "verdict" and row.recomputed_text:
        from generator.i18n import message
        return message(f"status_{row.recomputed_text}", lang)
    return str(row.recomputed_text)


def difference_cell(row, lang) -> str:
    if not row.difference_text:
        return ""
    if row.percent and row.difference_text != "0":
        return row.difference_text + (" 个百分点" if lang == "zh" else " pp")
    return row.difference_text


def _doc_figure(text, percent: bool) -> str:
    """A figure in the opinion's table in document style: 362400.5, 82% (never 0.82 for a rate)."""
    from decimal import Decimal, InvalidOperation

    import re

    # separators go; the decimals stay (a recomputed 13.0 is shown at the claim's precision)
    text = re.sub(r"(?<=\d),(?=\d{3}(\D|$))", "", str(text))
    if percent and not text.endswith("%"):
        try:
            value = Decimal(text)
        except InvalidOperation:
            return text
        if abs(value) <= Decimal("1.5"):
            return doc_percent(value, 2)
    return text


def _no_rule_id(text: str) -> str:
    """"K1 生均校舍建筑面积" → "生均校舍建筑面积": rule ids belong in workbooks, not in an opinion."""
    import re
    return re.sub(r"^[A-Z]\d+(?:-[a-z_]+)?\s+", "", text)


def _doc_how(text: str, percent: bool = False) -> str:
    """The working in document style: 362,400.50 → 362400.50, a rate's result 0.82 → 82% (the
    opinion uses one number style)."""
    import re
    text = re.sub(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", lambda m: _doc_figure(m.group(0), False), text)
    if percent:
        text = re.sub(r"(= )(-?\d+\.\d+)$", lambda m: m.group(1) + _doc_figure(m.group(2), True), text)
    return text


def opinion_context(result, subject, lang: str = "zh", date=None, rules=None) -> dict:
    """What the 督导核查意见 template is filled with: plain strings and lists only."""
    year = subject.get("year")
    rows = []
    for index, row in enumerate(result.findings, 1):
        rows.append({"no": index, "where": where_cell(row, lang), "what": _no_rule_id(row.what[lang]),
                     "claimed": _doc_figure(row.claimed_text, row.percent),
                     "should": _doc_figure(recomputed_cell(row, lang), row.percent),
                     "difference": difference_cell(row, lang), "how": _doc_how(row.how[lang], row.percent)})
    unverified = [{"what": _no_rule_id(row.what[lang]), "why": row.how[lang]} for row in result.unverified]
    kind_word = "校" if subject.kind == "school" else "县"      # 你校 / 你县
    return {
        "subject_name": result.subject["name"],
        "kind_word": kind_word,
        "profile": result.profile,
        "profile_citation": profile_citation(rules) if rules is not None else DEFAULT_CITATION,
        # No date from the clock (same input, same bytes): --date, else the facts' year with the
        # month and day blank (full-width spaces, as the reports' own blanks), else all blank.
        "date_text": format_date(date) if date else (f"{year}年{i18n.BLANK_MONTH_DAY}" if year else format_date(None)),
        "checked": result.checked,
        "relations_checked": result.relations_checked,
        "finding_count": len(result.findings),
        "unverified_count": len(result.unverified),
        "findings": rows,
        "unverified": unverified,
        # 一、二 are fixed; 三 is "无法核对的事项" only when there are such, so the opinion comes third or fourth
        "opinion_heading": "四、核查意见" if unverified else "三、核查意见",
        "conclusion": ("经逐项重算，所报数据与其事实一致，未发现不符之处。" if not rows else
                       f"经逐项重算，发现 {len(rows)} 处数据与材料自身的基础数据不符（见第二部分）。"),
    }
