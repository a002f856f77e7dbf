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


from generator.render import measure_words
from generator.render.measure_words import floor_sentence
from generator.render.government_words import check_sentence
from generator.criteria.rule_model import GovernmentCheck
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
    (written by the verdict's measure kind, generator.render.measure_words)."""
    return measure_words.standard_phrase(verdict)


def problem_sentence(verdict, school=None, of: str | None = None) -> str:
    """One failing or missing indicator, stated from the facts behind it (which fact, how far):
    the sentence of the verdict's measure kind (generator.render.measure_words), the same in the
    自查报告, the 整改方案 and `junheng check`."""
    return measure_words.sentence(verdict, school, of)


def school_problems(school, result, profile) -> list[str]:
    """存在的问题 of one school: a sentence per failing, then per missing item — the list the
    自查报告 prints and `junheng check` shows under its table. 优质均衡 results (per 学段 part)
    use the quality report's sentence (达成率, what reaches 85 % and the standard)."""
    rule_of = {rule.id: rule.of for rule in profile.basic_rules}
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
    `measure:` (generator.render.government_words: the fund growth series that fell, the
    subjects short of teachers, the rate that missed). Falls back to the item's name."""
    parts = []
    rule_checks = list(rule_checks) or [GovernmentCheck() for _ in item.get("checks", [])]
    for check, rule in zip(item.get("checks", []), rule_checks):
        if check.get("status") != "fail":
            continue
        parts.append(check_sentence(item, check, rule, facts))
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
    """The 自查报告's narrative: 二、主要工作 (four numbered sections), 主要做法 and 下一步打算. A
    section the fact file does not narrate is drafted from the facts (generator.render.drafts);
    only where no fact speaks is it a placeholder that says what to write."""
    from generator.render.drafts import practices_draft, section_drafts
    drafts = section_drafts(subject)
    county = subject.kind == "county"
    work = [narrative_section(subject, title, who, draft=_section_text(title, drafts, county))
            for title in ("统筹管理", "经费投入", "师资队伍", "教育教学管理")]
    for number, section in enumerate(work, 1):
        section["heading"] = f"（{cn_number(number)}）{section['title']}"
    practices = narrative_section(subject, "主要做法", who, draft=[practices_draft(drafts, county)])
    return work, practices, narrative_section(subject, "下一步打算", who)


def sample_note(subject) -> str:
    """A fact file marked `sample: true` (the shipped samples, whose # 示例 figures were filled in
    for the demonstration) makes a report that says so, under its 基本情况: a reader never takes a
    sample's figures for a school's own."""
    if subject.get("sample") is not True:
        return ""
    who = "本县" if subject.kind == "county" else "本校"
    return f"注：本报告所依据的数据含演示用的示例数据，并非{who}实际数据，正式上报前须逐项核实、替换。"


# What a drafted section still lacks that only the office's books can give.
DRAFT_ASKS = {"经费投入": "近三年各年经费投入的金额和主要用途（以账目为准）"}


def _section_text(title: str, drafts: dict, county: bool) -> list[str]:
    from generator.render.drafts import paragraph
    clauses = drafts.get(title) or []
    if not clauses:
        return []
    who = "县人民政府" if county and title == "统筹管理" else ""
    paragraphs = [paragraph(clauses, who)]
    if not county and title in DRAFT_ASKS:
        paragraphs.append(PLACEHOLDER.format(what=DRAFT_ASKS[title]))
    return paragraphs


def narrative_section(subject, title: str, who: str, draft=None) -> dict:
    """{title, paragraphs, placeholder, drafted}: the fact file's text split into paragraphs, else the
    paragraphs drafted from the facts, else a marked placeholder (the command warns about each
    one left in a document)."""
    text = narrative_of(subject).get(title)
    if text:
        paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
        return {"title": title, "paragraphs": paragraphs, "placeholder": False, "drafted": False}
    drafted = [p for p in (draft or []) if p]
    if drafted:
        return {"title": title, "paragraphs": drafted, "placeholder": any("〔请补充" in p for p in drafted),
                "drafted": True}
    return {"title": title, "paragraphs": [PLACEHOLDER.format(what=f"{who}{NARRATIVE_HINTS[title]}")],
            "placeholder": True, "drafted": False}


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
    """Kept for templates made before the 署名 and 成文日期 had their own paragraph styles: the
    text unchanged. The centring is now done on the rendered document (generator.render.
    signature.centre_signature) by the paragraphs' right indents, so no padding characters
    (which renderers drop at a line end, or which must be closed by an invisible character)
    are ever written."""
    return str(text)


# ---------------------------------------------------------------- line breaking
# Documents carry no zero-width or other invisible character, and no space a Chinese document
# would not write (they break Ctrl+F in Word and survive copy-paste): "5.2㎡" is written as is.
# "%", "‰" and "℃" stay with their number by the line-breaking rules themselves (Unicode class PO,
# no break after a number; in Word's 首尾字符 list); ㎡ is added to the templates' list of
# characters that never start a line (tools/gbt9704.py, w:noLineBreaksBefore), which Word and WPS
# honour. The 署名 is centred by paragraph indents (generator.render.rendered_layout).
NO_BREAK_SPACE = "\u00a0"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e\u2061\u2062\u2063\u2064"


def keep_together(text: str) -> str:
    """The text as the document prints it: no characters added (kept for callers and templates of
    an earlier version, which joined a number and its unit with an invisible character)."""
    return text


def keep_names(text: str) -> str:
    """A 责任人 as written ("石门小学校长 王立新"); the table column is wide enough for a name."""
    return text


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
    """The inverse of for_print: ordinary spaces again (for workbooks and JSON)."""
    return value.replace(NO_BREAK_SPACE, "") if isinstance(value, str) else value


__all__ = ["centre_over", "keep_together", "keep_names", "for_print", "plain", "problem_sentence", "passed_summary", "school_problems", "government_problem", "narrative_section", "narrative_of",
           "signer_indent", "standard_phrase", "NO_BREAK_SPACE", "INVISIBLE", "PLACEHOLDER", "NARRATIVE_KEYS"]
