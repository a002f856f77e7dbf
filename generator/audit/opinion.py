"""The audit's findings in words for people: the table cells (where, recomputed, difference) and the
督导核查意见 an inspector signs. Shared by `junheng audit` (cli/audit.py) and the web page, so neither
front end imports the other.

The opinion quotes what the submission says (the sentence, with its paragraph, table row or line in the
report), states what the submission's own base data give, and groups the findings by what they mean for
the school or county: a wrong 达标 conclusion first, then figures computed wrongly, parts that do not add
up to their total, and base data that contradict each other (the base data themselves are wrong). A
difference too small to matter — under one unit and under 0.05 % of the figure, in a figure that is not a
count — is a 尾差: named in one sentence, not listed as a problem. What it asks of the school or county
follows from the groups present; it is signed by the body the inspector names.
"""
from __future__ import annotations

import re
from decimal import Decimal
from decimal import InvalidOperation

from generator import i18n
from generator.i18n import message
from generator.messages.audit import DEFAULT_ISSUER
from generator.numbers import doc_percent
from generator.render.report_common import DEFAULT_CITATION, format_date, profile_citation

OPINION_TEMPLATE = "audit-opinion.docx"

# A difference is a 尾差 (rounding residue) when it is under one unit and under this share of the figure.
TAIL_SHARE = Decimal("0.0005")

# The order an opinion takes its findings in, most material first.
GROUPS = (
    ("verdict", "结论与基础数据不符", "conclusion"),
    ("claim", "数字与基础数据不符", "figure"),
    ("breakdown", "分项与合计不符", "sum"),
    ("consistency", "基础数据之间相互矛盾", "base"),
)
REQUESTS = {
    "conclusion": "对结论与基础数据不符的{n}处，请按基础数据重新判定是否达到标准，并相应修改自查结论和整改安排。",
    "figure": "对计算有误的{n}处数字，请按所列基础数据重新计算后更正。",
    "sum": "对分项与合计不符的{n}处，请查明是分项还是合计有误，核实后一并更正。",
    "base": "基础数据之间有{n}处相互矛盾，说明基础数据本身有误，请对照学籍、资产、人事等原始台账核实更正，"
            "并据此重新计算相关指标。",
}
CN_ORDINALS = "一二三四五六七八九十"


# ---------------------------------------------------------------- table cells (terminal, web)
def where_cell(row, lang) -> str:
    parts = []
    if row.school:
        parts.append(row.school)
    if getattr(row, "where", None):
        parts.append(_compact_where(row.where, lang))
    elif row.line:
        parts.append(f"第{row.line}行" if lang == "zh" else f"line {row.line}")
    return " ".join(parts)


def _compact_where(where: str, lang: str) -> str:
    """"第 19 段" → "第19段" (zh); "第 19 段" → "paragraph 19", "表1第4行" → "table 1 row 4" (en)."""
    where = where.replace(" ", "")
    if lang == "zh":
        return where
    table = re.fullmatch(r"表(\d+)第(\d+)行", where)
    if table:
        return f"table {table.group(1)} row {table.group(2)}"
    number = re.fullmatch(r"第(\d+)(段|行)", where)
    if number:
        return ("paragraph " if number.group(2) == "段" else "line ") + number.group(1)
    return where


def recomputed_cell(row, lang) -> str:
    if row.kind == "verdict" and row.recomputed_text:
        return message(f"status_{row.recomputed_text}", lang)
    return str(row.recomputed_text)


def claimed_words(row, lang) -> str:
    """What the submission stated, in words: a verdict as 达标/未达标 (never the fact file's "pass")."""
    if row.kind == "verdict" and row.claimed in ("pass", "fail", "missing", "n/a"):
        return message(f"status_{row.claimed}", lang)
    return str(row.claimed_text)


def difference_cell(row, lang) -> str:
    if not row.difference_text:
        return ""
    if row.percent and row.difference_text != "0":
        return row.difference_text + (" 个百分点" if lang == "zh" else " pp")
    return row.difference_text


# ---------------------------------------------------------------- document style
def _doc_figure(text, percent: bool) -> str:
    """A figure in document style: 362400.5, 82% (never 0.82 for a rate)."""
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
    return re.sub(r"^[A-Z]+\d+(?:-[a-z_]+)*\s+", "", text)


def _item_words(text: str, names: dict) -> str:
    """The government score's working with its items by name, not id: "B1–B23 各项得分之和 = 100 −
    B3 2 − B8 1 = 97（减去各项扣分）" → "各项得分之和 = 100 − 2 − 1 = 97（其中…扣2分；…扣1分）"."""
    text = re.sub(r"(?<![A-Za-z0-9])[A-Z]+\d+–[A-Z]+\d+ ", "", text)
    lost = []

    def deduction(match):
        lost.append((match.group(1), match.group(2)))
        return f" − {match.group(2)}"
    text = re.sub(r" − ([A-Z]+\d+) (\d+(?:\.\d+)?)", deduction, text)
    if lost:
        named = "；".join(f"{names.get(item_id, '一项')}扣{points}分" for item_id, points in lost)
        text = text.replace("（减去各项扣分）", f"（其中{named}）")
    return text


def _doc_how(text: str, percent: bool = False) -> str:
    """The working in document style: 362,400.50 → 362400.50, a rate's result 0.82 → 82%, and the
    comparison signs in words (an official text writes 高于, not >)."""
    text = re.sub(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", lambda m: _doc_figure(m.group(0), False), text)
    if percent:
        text = re.sub(r"(= )(-?\d+\.\d+)$", lambda m: m.group(1) + _doc_figure(m.group(2), True), text)
    text = text.replace("；事实 ", "；基础数据中")
    for sign, words in ((" ≥ ", "不低于"), (" ≤ ", "不高于"), (" > ", "大于"), (" < ", "小于"),
                        ("标准 ≥ ", "标准为不低于"), ("标准 ≤ ", "标准为不高于")):
        text = text.replace(sign, words)
    return text


def is_tail(row) -> bool:
    """A 尾差: a difference under one unit and under TAIL_SHARE of the figure, in a figure that is
    not a whole count (counts must add up exactly)."""
    if row.kind not in ("claim", "breakdown") or row.difference is None or row.percent:
        return False
    claimed, recomputed = row.claimed, row.recomputed
    if not isinstance(claimed, Decimal) or not isinstance(recomputed, Decimal):
        return False
    if claimed == claimed.to_integral_value() and recomputed == recomputed.to_integral_value():
        return False
    size = max(abs(claimed), abs(recomputed))
    return abs(row.difference) < 1 and size > 0 and abs(row.difference) / size < TAIL_SHARE


# ---------------------------------------------------------------- the opinion's paragraphs
def _place(row, short_name: str) -> str:
    where = _compact_where(row.where, "zh") if getattr(row, "where", None) else ""
    school = f"（{row.school}）" if row.school else ""
    return f"{short_name}{where}{school}"


def _more_or_less(row) -> str:
    """The difference in words: 所报 5.6 比核算结果多 0.79 → "多0.79"; a rate in 个百分点."""
    text = difference_cell(row, "zh").lstrip("+")
    if text.startswith("-"):
        return "少" + text[1:]
    return "多" + text


def _said(row, short_name: str) -> str:
    quote = (row.text or "").strip().rstrip("。；;")
    if quote:
        return f"{_place(row, short_name)}称“{quote}”。"
    what = _no_rule_id(row.what["zh"]).split("：")[0]
    total = "合计" if row.kind == "breakdown" else ""
    return f"{_place(row, short_name)}所列{what}{total}为{_doc_figure(claimed_words(row, 'zh'), row.percent)}。"


def _finding_text(row, short_name: str, same_sentence=(), names=None) -> str:
    """One finding as a paragraph: what the submission says, what its own base data give. Figures of
    the same sentence that the same working shows wrong (`same_sentence`) are said with it."""
    how = _doc_how(_item_words(row.how["zh"], names or {}), row.percent)
    if row.kind == "consistency":
        who = f"{row.school}的" if row.school else ""
        return f"{who}基础数据不满足“{_no_rule_id(row.what['zh'])}”：{how}。"
    said = _said(row, short_name)
    if row.kind == "verdict":
        also = "".join(f"，所报{_doc_figure(other.claimed_text, other.percent)}比核算结果{_more_or_less(other)}"
                       for other in same_sentence)
        return f"{said}按其基础数据核算：{how}{also}，所报“{claimed_words(row, 'zh')}”的结论不成立。"
    if row.kind == "breakdown":
        against = "基础数据" if row.measure == "total" else "分项之和"
        return f"{said}经核对：{how}，比{against}{_more_or_less(row)}。"
    claimed = _doc_figure(row.claimed_text, row.percent)
    return f"{said}按其基础数据核算：{how}，所报{claimed}比核算结果{_more_or_less(row)}。"


def _same_sentence(verdict, rows) -> list:
    """Figure findings stated in the verdict's own sentence and shown by its working."""
    if not verdict.text:
        return []
    working = verdict.how["zh"].split("，")[0]
    return [row for row in rows if row.kind == "claim" and row.text == verdict.text
            and row.where == verdict.where and row.school == verdict.school and row.how["zh"] == working]


def opinion_context(result, subject, lang: str = "zh", date=None, rules=None, issuer: str | None = None,
                    extraction=None) -> dict:
    """What the 督导核查意见 template is filled with: plain strings and lists only."""
    year = subject.get("year")
    title = extraction.title if extraction is not None else None
    if title:
        submission = f"报送的《{title}》（以下简称《报告》）"
        short_name = "《报告》"
    else:
        submission = "报送的自评材料（以下简称“材料”）"
        short_name = "材料"
    government = getattr(rules, "government", None) or {}
    names = {item.id: item.name for item in government.get("items", [])}
    tails = [row for row in result.findings if is_tail(row)]
    material = [row for row in result.findings if not is_tail(row)]
    with_verdict = {id(verdict): _same_sentence(verdict, material) for verdict in material
                    if verdict.kind == "verdict"}
    absorbed = {id(row) for rows in with_verdict.values() for row in rows}
    material = [row for row in material if id(row) not in absorbed]
    groups, requests, number = [], [], 0
    for position, (kind, heading, request) in enumerate(
            (group for group in GROUPS if any(row.kind == group[0] for row in material))):
        rows = [row for row in material if row.kind == kind]
        items = []
        for row in rows:
            number += 1
            items.append({"no": number, "text": _finding_text(row, short_name, with_verdict.get(id(row), ()), names)})
        groups.append({"heading": f"（{CN_ORDINALS[position]}）{heading}", "findings": items})
        requests.append(REQUESTS[request].format(n=len(rows)))
    unverified = [{"what": _no_rule_id(row.what[lang]), "why": _item_words(row.how[lang], names)}
                  for row in result.unverified]
    if unverified:
        requests.append(f"对因基础数据不足无法核对的{len(unverified)}项，请补充相应基础数据。")
    tail_text = ""
    if tails:
        named = "；".join(f"{_no_rule_id(row.what['zh']).split('：')[0]}"
                         f"{'合计与分项之和' if row.kind == 'breakdown' else '与核算结果'}"
                         f"相差{difference_cell(row, 'zh').lstrip('+-')}" for row in tails)
        tail_text = f"另有{len(tails)}处尾差（{named}），不影响结论，请一并核对。"
    by_kind = {kind: sum(1 for row in material if row.kind == kind) for kind, _, _ in GROUPS}
    counts = "、".join(f"{words}{by_kind[kind]}处" for kind, words in (
        ("verdict", "结论错误"), ("claim", "数字计算错误"), ("breakdown", "分项与合计不符"),
        ("consistency", "基础数据矛盾")) if by_kind[kind])
    summary = (f"共核对所列数字和分项合计{result.checked}项、基础数据之间的关系{result.relations_checked}条，"
               + (f"发现不符{len(material)}处（{counts}）" if material else "未发现不符之处")
               + (f"，另有尾差{len(tails)}处" if tails else "")
               + (f"；{len(unverified)}项因基础数据不足无法核对。" if unverified else "。"))
    kind_word = "校" if subject.kind == "school" else "县"      # 你校 / 你县
    if material:
        conclusion = f"经核查，{short_name}所列数据有{len(material)}处与其基础数据不符，须更正后重新报送。"
    else:
        conclusion = f"经核查，{short_name}所列数据与其基础数据一致，未发现不符之处。"
    return {
        "subject_name": result.subject["name"],
        "kind_word": kind_word,
        "profile": result.profile,
        "profile_citation": profile_citation(rules) if rules is not None else DEFAULT_CITATION,
        "submission": submission,
        "short_name": short_name,
        "issuer": issuer or DEFAULT_ISSUER,
        # No date from the clock (same input, same bytes): --date, else the facts' year with the
        # month and day blank (full-width spaces, as the reports' own blanks), else all blank.
        "date_text": format_date(date) if date else (f"{year}年{i18n.BLANK_MONTH_DAY}" if year else format_date(None)),
        "summary": summary,
        "finding_count": len(material),
        "groups": groups,
        "tail_text": tail_text,
        "unverified": unverified,
        "requests": requests,
        # 一、二 are fixed; 三 is "无法核对的事项" only when there are such, so the opinion comes third or fourth
        "opinion_heading": "四、核查意见" if unverified else "三、核查意见",
        "conclusion": conclusion,
        "closing": (f"请将更正情况连同更正后的材料书面报送{issuer or DEFAULT_ISSUER}。" if material or unverified
                    else "特此反馈。"),
    }
