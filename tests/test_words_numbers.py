"""One place for Chinese words (generator/i18n.py), one for number formatting (generator/numbers.py),
and a standard kept as data in rules/ (issue 12, items 2 and 4).

The scans read every module under generator/ as Python syntax (ast), so a word or a number inside
a docstring or a comment is never counted, while one inside an f-string is.
"""
from __future__ import annotations

import ast
import re
from decimal import Decimal

import yaml

from conftest import REPO

from generator import i18n, numbers

GENERATOR = REPO / "generator"

# The words a verdict or a yes/no fact is printed with; i18n.py spells each once.
OUTPUT_WORDS = {*i18n.STATUS_WORDS.values(), i18n.yes_no(True), i18n.yes_no(False)}
BLANK_DATE_PIECES = ("　　月", "  月  日")

# Words people *write* that the readers accept (synonyms, not what junheng prints): the audit's
# claim vocabulary and the report extractor's filler words. Listed here, module by module.
READING_VOCABULARY = {
    "generator/audit/words.py": {"达标", "已达标", "未达标", "不达标", "是", "否"},  # VERDICT_WORDS, OVERALL_NAMES
    "generator/io/extract_schools.py": {"是"},                         # a prefix stripped before a name
    "generator/io/report_words.py": {"是"},                            # filler between a label and its figure
}


def _modules():
    for path in sorted(GENERATOR.rglob("*.py")):
        yield path.relative_to(REPO).as_posix(), ast.parse(path.read_text(encoding="utf-8"))


def _strings(tree):
    """(line, text) of every string constant, f-string pieces included, docstrings excluded."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


def test_status_words_and_the_blank_date_are_spelled_only_in_i18n():
    found = []
    for name, tree in _modules():
        if name == "generator/i18n.py" or name.startswith("generator/messages/"):   # i18n's own tables
            continue
        allowed = READING_VOCABULARY.get(name, set())
        for line, text in _strings(tree):
            if text.strip() in OUTPUT_WORDS and text.strip() not in allowed:
                found.append((name, line, text))
            if any(piece in text for piece in BLANK_DATE_PIECES):
                found.append((name, line, text))
    assert found == [], found


# A status word inside a longer string is caught too (全部达标, 缺数据：, 未达标或缺数据): a sentence that
# states a verdict composes it from i18n.status_word(). Allowed are only these terms, in which the word is
# part of a name, not a verdict:
STATUS_TERMS = (
    "达标率",        # a measured rate's name (学生体质健康达标率)
    "达标测算",      # the name of the least-cost section and its files (整改方案（达标测算）)
    "达标规则",      # a profile's pass rule, named
    "达标情况",      # a table's or paragraph's name (各校达标情况表)
    "达标学校数",    # a count's name in C1's formula (达标学校数 ÷ 学校数)
    "达标尚缺", "达标所需", "达标需增加",   # a deficit's name: what is still needed to pass
    "是否达标",      # a yes/no question (a claim's field)
    "尚缺数据",      # 尚缺数据（补齐后才能判定）: the sentence of result_missing, not the table word
)
STATUS_SUBSTRINGS = ("未达标", "达标", "缺数据", "不适用")
# modules whose strings describe fields rather than print verdicts: the schema's labels (the other home
# of words) and the template field lists of `--list-fields`
FIELD_WORD_MODULES = {"generator/model/schema.py", "generator/render/field_docs.py"}


def _status_words_in(text: str) -> list[str]:
    """The status words in text, outside the allowed terms (未达标 counted once, not again as 达标)."""
    for term in STATUS_TERMS:
        text = text.replace(term, "·")
    found = []
    for word in STATUS_SUBSTRINGS:          # 未达标 first, then removed so its 达标 is not counted twice
        if word in text:
            found.append(word)
            text = text.replace(word, "·")
    return found


def test_status_words_inside_longer_strings_come_from_i18n():
    assert _status_words_in("全部达标") == ["达标"] and _status_words_in("未达标或缺数据：") == ["未达标", "缺数据"]
    assert _status_words_in("学生体质健康达标率") == [] and _status_words_in("整改方案（达标测算）.docx") == []
    found = []
    for name, tree in _modules():
        if name == "generator/i18n.py" or name.startswith("generator/messages/") or name in FIELD_WORD_MODULES:
            continue
        allowed = READING_VOCABULARY.get(name, set())
        for line, text in _strings(tree):
            if text.strip() not in allowed and _status_words_in(text):
                found.append((name, line, text))
    assert found == [], found


def test_web_templates_take_verdict_words_from_the_view():
    # check_result.html once spelled 结论：{{ '达标' if view.passed else '未达标' }} itself
    quoted = re.compile(r"""['"](%s)['"]""" % "|".join(sorted(OUTPUT_WORDS)))
    for path in sorted((GENERATOR / "web" / "templates").glob("*.html")):
        assert not quoted.findall(path.read_text(encoding="utf-8")), path.name


def test_the_words_themselves():
    assert i18n.status_word("fail") == "未达标" and i18n.status_word("n/a", "en") == "n/a"
    assert (i18n.yes_no(True), i18n.yes_no(False), i18n.yes_no(False, "en")) == ("是", "否", "no")
    # the workbook drop-down offers the first spelling of each; the fact reader accepts them all
    assert i18n.TRUE_WORDS[0] == i18n.yes_no(True) and i18n.FALSE_WORDS[0] == i18n.yes_no(False)
    assert i18n.message("government_title", score=96, total=100, pass_score=85) == \
        "县级人民政府推进工作：96 / 100 分（85 分达标）"


# ---------------------------------------------------------------- a standard is data
def _rule_thresholds() -> set:
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("threshold", "failed_floor", "pass_score"):
                    for x in (value.values() if isinstance(value, dict) else [value]):
                        if isinstance(x, (int, float)) and not isinstance(x, bool):
                            found.add(x)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    for path in (REPO / "rules").rglob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


# Numbers too common to mean a standard when they appear in code (widths, counts, 0.5 rounding,
# difflib cutoffs, list limits): a threshold equal to one of these cannot be told apart by value.
GENERIC = {0, 1, 2, 3, 5, 6, 7, 8, 10, 15, 16, 20, 30, 40, 50, 100, 2000, 0.1, 0.5}


def test_no_module_under_generator_holds_a_threshold():
    distinctive = {t for t in _rule_thresholds() if t not in GENERIC}
    assert {0.85, 0.65, 0.55, 0.45, 5.2, 85, 25} <= distinctive    # K1 5.2 ㎡, K3 25 册, C3 85 分, …
    found = []
    for name, tree in _modules():
        # a field's example value in the schema (example=0.85) is sample data, not a standard
        examples = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.Call)
                    for kw in node.keywords if kw.arg == "example" for inner in ast.walk(kw.value)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, (int, float))
                    and not isinstance(node.value, bool) and node.value in distinctive and id(node) not in examples):
                found.append((name, node.lineno, node.value))
    assert found == [], found


RULE_ID = re.compile(r"^(C|K|B|Q|QC|M|P|E|V)\d+-?$")


def test_no_branch_on_a_rule_id():
    # "K3" / "B16" as example keys of `responsibles`, and "B2" the cell freeze_panes names, are data
    found = []
    for name, tree in _modules():
        for line, text in _strings(tree):
            if RULE_ID.match(text) and \
                    not (name == "generator/model/schema.py" or text == "B2"):
                found.append((name, line, text))
    assert found == [], found


# ---------------------------------------------------------------- one formatter per style
def test_screen_style_groups_thousands_and_drops_trailing_zeros():
    # K3 of 东社小学: 981 × 15 − 10600 = 4115 册; K1: 5.2 × 981 − 3616 = 1485.2 ㎡
    assert numbers.amount_text(4115) == "4,115"
    assert numbers.amount_text(Decimal("1485.20")) == "1,485.2"
    assert numbers.amount_text(Decimal("171600")) == "171,600"
    assert numbers.amount_text(Decimal("828800") / 10000) == "82.88"
    assert numbers.amount_text(Decimal("0.125")) == "0.13"            # half-up, not half-even
    assert numbers.amount_text(None) == "—"


def test_document_style_has_no_separators():
    assert numbers.doc_number(Decimal("1485.20")) == "1485.2"
    assert numbers.doc_number(828800) == "828800"
    assert numbers.doc_number(Decimal("-0.001")) == "0"
    assert numbers.doc_money(828800) == "82.88万元" and numbers.doc_money(9000) == "9000元"


def test_fixed_places_keep_zeros_at_the_rules_decimals():
    # monitoring.yaml cv.decimals: 3 — a 差异系数 of 0.12 is printed 0.120, as published tables do
    assert numbers.fixed_text(0.12, 3) == "0.120"
    assert numbers.fixed_text(Decimal("0.0805"), 3) == "0.081"
    assert numbers.fixed_text(0.081, None) == "0.081"
    assert numbers.fixed_text(None, 3) == "—"
    assert numbers.excel_fixed(3) == "0.000" and numbers.excel_fixed(0) == "0"


def test_money_in_wan_rounds_half_up_like_every_figure():
    # 12250 元 = 1.225 万元: round() would give 1.22 (half to even); the ledger and the 整改方案 say 1.23
    assert numbers.wan(12250) == Decimal("1.23")
    assert numbers.doc_money(12250) == "1.23万元"


def test_formula_numbers_and_chinese_counts():
    assert numbers.formula_text(Decimal("600") / 60) == "10"
    assert numbers.formula_text(Decimal(2) / 3) == "0.6667"
    assert numbers.formula_text(Decimal("0.5"), 2) == "0.50"
    assert [numbers.cn_number(n) for n in (3, 8, 12, 20, 35)] == ["三", "八", "十二", "二十", "三十五"]
