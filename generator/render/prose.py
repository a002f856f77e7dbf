"""Report prose written from the facts: what a county clerk would write, not a table read aloud.

    problem_sentence(verdict, school, of)    -> "生均校舍建筑面积3.69平方米（校舍建筑面积3616平方米，
                                                在校生981人），低于5.2平方米的标准，尚缺1485.2平方米。"
    government_problem(item, facts)          -> "生均教育事业费近三年增长率依次为5%、-1.2%、3.3%，
                                                有1年负增长。"   (why the item lost points)
    passed_summary(verdicts)                 -> "生均运动场地面积、接入互联网带宽等7项达到标准。"
    narrative_sections(subject, titles)      -> [{title, paragraphs, placeholder}], 〔请补充：…〕 where absent
    signer_indent(signer, date)              -> right indent (twips) that centres the 署名 over the date

Rules of the prose (README "Documents"): figures in generator.numbers' document style; rule
ids never appear (only in ledgers and workbooks); a passing indicator is counted, not
recited; a narrative section the facts do not give is a visible placeholder, never text
made up for the school.
"""
from __future__ import annotations


from generator.criteria import measures
from generator.criteria.measures.floor import floor_sentence
from generator.criteria.measures.government import GOVERNMENT_CHECKS, PLAIN_CHECK
from generator.model import schema
from generator.numbers import cn_number

PLACEHOLDER = "〔请补充：{what}〕"

# Narrative blocks a fact file may give (`narrative:` in YAML, the 叙述 rows of a workbook);
# each key may also be written with the longer title or an English alias.
NARRATIVE_KEYS = {
    "统筹管理": ("统筹", "management"),
    "经费投入": ("经费", "funding"),
    "师资队伍": ("师资", "师资队伍建设", "teachers"),
    "教育教学管理": ("教育教学", "teaching"),
    "主要做法": ("主要做法和经验", "做法和经验", "经验", "practices"),
    "下一步打算": ("下一步", "下一步工作打算", "plans"),
}
NARRATIVE_HINTS = {
    "统筹管理": "规划制定、领导机构、制度建设等情况",
    "经费投入": "近三年经费投入和使用情况（金额以账目为准）",
    "师资队伍": "教师配备、培训、交流轮岗等情况",
    "教育教学管理": "课程开设、教学常规、质量监测等情况",
    "主要做法": "推进均衡发展的主要做法和经验",
    "下一步打算": "下一步工作打算",
}

def standard_phrase(verdict) -> str:
    """"不低于5.2平方米", "不高于8:1", "每班1间": the standard as a real report states it
    (written by the verdict's measure kind, generator.criteria.measures)."""
    return measures.standard_phrase(verdict)


def problem_sentence(verdict, school=None, of: str | None = None) -> str:
    """One failing or missing indicator, stated from the facts behind it (which fact, how far):
    the sentence of the verdict's measure kind (generator.criteria.measures), the same in the
    自查报告, the 整改方案 and `junheng check`."""
    return measures.sentence(verdict, school, of)


def school_problems(school, result, profile) -> list[str]:
    """存在的问题 of one school: a sentence per failing, then per missing item — the list the
    自查报告 prints and `junheng check` shows under its table. 优质均衡 results (per 学段 part)
    use the quality report's sentence (达成率, what reaches 85 % and the standard)."""
    rule_of = {rule["id"]: rule.get("of") for rule in profile.basic_rules}
    if result.school.by_part:
        parts = result.school.parts
        return [(f"{entry.part.name}：" if len(parts) > 1 else "") + floor_sentence(v, rule_of.get(v.rule))
                for entry in parts for v in entry.verdicts if v.status in ("fail", "missing")]
    verdicts = result.verdicts
    failed = [v for v in verdicts if v.status == "fail"]
    missing = [v for v in verdicts if v.status == "missing"]
    return [problem_sentence(v, school, rule_of.get(v.rule)) for v in failed + missing]


def passed_summary(verdicts, noun: str = "项") -> str:
    """The passing indicators counted, not recited: "生均运动场地面积、生机比等7项达到标准。"."""
    passed = [v for v in verdicts if v.status == "pass"]
    if not passed:
        return ""
    names = []
    for verdict in passed:
        if verdict.name not in names:
            names.append(verdict.name)
    shown = "、".join(names[:3])
    more = "等" if len(names) > 3 else ""
    return f"{shown}{more}{len(passed)}{noun}达到标准。" if len(passed) > 1 else f"{shown}达到标准。"


# ---------------------------------------------------------------- 县级人民政府推进工作
def government_problem(item: dict, facts: dict, rule_checks=()) -> str:
    """Why a B item lost points, from the county's facts: each failing check's clause, written by its
    `measure:` (generator.criteria.measures.government: the fund growth series that fell, the
    subjects short of teachers, the rate that missed). Falls back to the item's name."""
    parts = []
    rule_checks = list(rule_checks) or [{} for _ in item.get("checks", [])]
    for check, rule in zip(item.get("checks", []), rule_checks):
        if check.get("status") != "fail":
            continue
        parts.append(GOVERNMENT_CHECKS.get(rule.get("measure"), PLAIN_CHECK).sentence(item, check, rule, facts))
    if item.get("status") == "missing":
        labels = "、".join(schema.label_of(k) for k in item.get("missing", []))
        parts.append(f"缺少{labels}数据，暂无法评分")
    text = "；".join(p for p in parts if p) or f"未做到{item['name']}"
    return text


# ---------------------------------------------------------------- narrative sections
def narrative_of(subject) -> dict[str, str]:
    """The fact file's narrative blocks under their canonical titles."""
    raw = subject.get("narrative") or {}
    found = {}
    for key, text in raw.items():
        key = str(key).strip()
        for title, aliases in NARRATIVE_KEYS.items():
            if key == title or key in aliases:
                found[title] = str(text).strip()
                break
    return found


def narrative_sections(subject, who: str) -> tuple[list[dict], dict, dict]:
    """The 自查报告's narrative: 二、主要工作 (four numbered sections), 主要做法 and 下一步打算."""
    work = [narrative_section(subject, title, who) for title in ("统筹管理", "经费投入", "师资队伍", "教育教学管理")]
    for number, section in enumerate(work, 1):
        section["heading"] = f"（{cn_number(number)}）{section['title']}"
    return work, narrative_section(subject, "主要做法", who), narrative_section(subject, "下一步打算", who)


def narrative_section(subject, title: str, who: str) -> dict:
    """{title, paragraphs, placeholder}: the fact file's text split into paragraphs, or a marked
    placeholder (the command warns about each one left in a document)."""
    text = narrative_of(subject).get(title)
    if text:
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        return {"title": title, "paragraphs": paragraphs, "placeholder": False}
    return {"title": title, "paragraphs": [PLACEHOLDER.format(what=f"{who}{NARRATIVE_HINTS[title]}")],
            "placeholder": True}


# ---------------------------------------------------------------- 署名 and 成文日期
EM_TWIPS = 320          # one 三号 character (16 pt) in twips
DATE_RIGHT_CHARS = 4    # GB/T 9704 §7.3.5.1: the date 右空四字


def text_width_em(text: str) -> float:
    """Width in em of a line of body text: ASCII digits and letters half an em, the rest one em."""
    return sum(0.5 if ord(ch) < 0x2000 and ch != " " else (0.25 if ch == " " else 1.0) for ch in text)


def signer_indent(signer: str, date: str) -> int:
    """Right indent (twips) of the 署名 so that it is centred over the date, which sits four
    characters from the right margin (GB/T 9704 §7.3.5.1, 加盖印章的公文)."""
    offset = (text_width_em(date) - text_width_em(signer)) / 2
    return max(round((DATE_RIGHT_CHARS + offset) * EM_TWIPS), 0)


def centre_over(text, other) -> str:
    """`text` padded on the right so that, right-aligned, its centre is over `other`'s centre:
    the 署名 over the 成文日期. Padding is ideographic / en spaces closed by a word joiner
    (U+2060), so no renderer drops it as trailing space. Unchanged when `text` is the wider."""
    text, other = str(text), str(other)
    gap = (text_width_em(other) - text_width_em(text)) / 2
    if gap < 0.5:
        return text
    whole, half = int(gap), (gap - int(gap)) >= 0.5
    return text + "\u3000" * whole + ("\u2002" if half else "") + "\u2060"


# ---------------------------------------------------------------- line breaking
# U+200D (zero width joiner) is Word's "no-width non break" and, by Unicode's line-breaking
# rules (LB8a, LB9), forbids a break in LibreOffice too: "5.2㎡" never splits into "5.2 / ㎡",
# a person's name never splits across a table cell's lines. It is invisible and has no width.
JOINER = "\u200d"
_NUMBER_UNIT = __import__("re").compile(r"(?<=\d)(?=[㎡%‰℃]|Mbps|m²)")


def keep_together(text: str) -> str:
    """A number and its unit joined so no line break falls between them."""
    return _NUMBER_UNIT.sub(JOINER, text) if isinstance(text, str) else text


def keep_names(text: str) -> str:
    """"石门小学校长 王立新": each short word (a person's name, 2–4 characters) kept whole, so a
    narrow table cell breaks at the space, never inside the name."""
    if not isinstance(text, str):
        return text
    return " ".join(JOINER.join(word) if 2 <= len(word) <= 4 else word for word in text.split(" "))


def for_print(value):
    """The context with keep_together applied to every string (the .docx only: the ledger and
    JSON take the plain values)."""
    if isinstance(value, str):
        return keep_together(value)
    if isinstance(value, dict):
        return {key: for_print(item) for key, item in value.items()}
    if isinstance(value, list):
        return [for_print(item) for item in value]
    return value


def plain(value):
    """The inverse of for_print / keep_names: the joiners removed (for workbooks)."""
    return value.replace(JOINER, "") if isinstance(value, str) else value


__all__ = ["centre_over", "keep_together", "keep_names", "for_print", "plain", "problem_sentence", "passed_summary", "school_problems", "government_problem", "narrative_section", "narrative_of",
           "signer_indent", "standard_phrase", "PLACEHOLDER", "NARRATIVE_KEYS"]
