"""One place for Chinese words (generator/i18n.py), one for number formatting (generator/numbers.py),
and a standard kept as data in rules/: a word, a format or a threshold changed in one place changes everywhere.

The scans read every module under generator/ as Python syntax (ast), so a word or a number inside
a docstring or a comment is never counted, while one inside an f-string is.
"""
from __future__ import annotations

import ast
import re
from decimal import Decimal

import yaml

from conftest import REPO
from source_trees import generator_trees

from generator import i18n, numbers

GENERATOR = REPO / "generator"

# The words a verdict or a yes/no fact is printed with; i18n.py spells each once.
OUTPUT_WORDS = {*i18n.STATUS_WORDS.values(), i18n.yes_no(True), i18n.yes_no(False)}
BLANK_DATE_PIECES = ("　　月", "  月  日")

# Words people *write* that the readers accept (synonyms, not what junheng prints): the audit's
# claim vocabulary and the report extractor's filler words. Listed here, module by module.
READING_VOCABULARY = {
    "generator/audit/words.py": {"达标", "已达标", "未达标", "不达标", "是", "否"},  # VERDICT_WORDS, OVERALL_NAMES
    "generator/extract/schools.py": {"是"},                         # a prefix stripped before a name
    "generator/extract/report_words.py": {"是"},                            # filler between a label and its figure
}


def _modules():
    return generator_trees()


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
            if id(node) in examples or name in LAYOUT_MODULES:
                continue
            # a literal, or the text of Decimal("0.85"): the same number written as a string
            value = _number(node, {}) if isinstance(node, (ast.Constant, ast.Call)) else None
            if value is not None and value in distinctive:
                found.append((name, node.lineno, value))
    assert found == [], found


# Modules whose numbers are sizes on paper or cloth, not standards (every one is named there)
LAYOUT_MODULES = {
    "generator/publicity/banners.py": "banner heights and character widths in metres (BANNER_TIERS)",
    "generator/publicity/slogan_lists.py": "the print sheet's geometry in mm, em and pt",
}


# ---------------------------------------------------------------- no number compared in Python
# The value scan above cannot tell a threshold of 8 or 15 from a width of 8 or 15. This one looks at what
# a number does instead: any number (an int, a float, Decimal("x") or a module constant bound to one)
# that is compared with something (ast.Compare, inside its arithmetic too), or given as the default of a
# threshold, is a standard written in Python — whatever its size — unless it is allowed here with a reason.
# A comparison with len(…) or ord(…) measures text or a list, never a fact: it is not counted.
COMPARED_ANYWHERE = {
    0: "zero and sign: x / 0, nothing short, a negative figure refused (no standard is decided by == 0 here)",
    1: "one: a rate's upper bound (0 ≤ rate ≤ 1), the 1 of a ratio n:1 or 1:n, one worker, one row",
}
COMPARED_IN = {
    ("generator/numbers.py", 10000): "万: Chinese amounts are grouped by ten thousand (1.23万元)",
    ("generator/numbers.py", 10): "Chinese numerals: below ten a single character (三), 十 above",
    ("generator/numbers.py", 100): "Chinese numerals: below a hundred 几十几, from 百 up the place units",
    ("generator/numbers.py", 20): "Chinese numerals: 10–19 inside a number keep their 一 (一百一十), not at the front",
    ("generator/extract/report_words.py", 10): "Chinese numerals below ten are words in prose (一所), not figures",
    ("generator/render/rendered_layout.py", 0.5): "half an em: a smaller difference of 署名 and date needs no indent",
    ("generator/io/writing.py", 86400): "a leftover temporary file older than a day is removed",
    ("generator/io/writing.py", 60.0): "a folder is swept for leftover temporary files at most once a minute "
                                       "per process (not once per file written into it)",
    ("generator/io/measures_file.py", 9): "measure phases are numbered 1–9 (one digit)",
    ("generator/extract/extractor.py", 2): "text heuristics: a breakdown has at least two parts",
    ("generator/render/verdict_workbook.py", 3): "the verdict sheet's columns after the third hold numbers",
    ("generator/audit/opinion.py", 1.5): "a claimed percentage written as a fraction (0.85, |x| ≤ 1.5) or in points (85)",
    ("generator/audit/relations.py", 0.01): "a rate written to whole percent gets one point of slack against a share",
}
# Module constants that may be compared, by name: each is one decision, named where it is made.
COMPARED_CONSTANTS = {
    "COMPARE_PLACES": "numbers.py: every comparison is made at 6 decimal places (a rule's decimals stay within it)",
    "STATUS_COLUMN": "render/ledger.py: which column of the 整改台账 holds the status",
    "PRINT_FEWER_LINES_SHARE": "publicity/slogan_lists.py: a banner's lines are cut when the text fills 85 % of it",
    "TITLE_LINE_EM": "render/rendered_layout.py: a title longer than 20 characters of 二号 breaks after its name",
    "TAIL_SHARE": "audit/opinion.py: a difference under one unit and 0.05 % of the figure is a 尾差 in the opinion",
}
# Input limits (limits.py and its kin): the size of a file, not a standard.
INPUT_LIMIT = re.compile(r"^_?(MAX|MIN)_")
THRESHOLD_NAMES = re.compile(r"threshold|standard|floor|pass_score|min_met", re.I)


def _number(node, constants):
    """The number a node stands for: a literal, -literal, Decimal("x") / Decimal(n), or a module constant."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _number(node.operand, constants)
        return None if inner is None else -inner
    if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "Decimal" \
            and len(node.args) == 1 and isinstance(node.args[0], ast.Constant):
        try:
            value = Decimal(str(node.args[0].value))
        except Exception:       # noqa: BLE001 — Decimal("NaN") and the like are not numbers to compare
            return None
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(node, ast.Name) and node.id in constants:
        return constants[node.id]
    return None


def _operands(node):
    """The nodes a comparison's operand is made of: into arithmetic, not into calls or subscripts, nor
    into a power (10 ** MAX_MAGNITUDE is a magnitude)."""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow):
        return
    yield node
    if isinstance(node, ast.BinOp):
        yield from _operands(node.left)
        yield from _operands(node.right)
    elif isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.USub):
        yield from _operands(node.operand)


def _measures_text(node) -> bool:
    return any(isinstance(n, ast.Call) and getattr(n.func, "id", None) in ("len", "ord") for n in ast.walk(node))


def _compared_numbers(tree):
    constants = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            value = _number(node.value, {})
            if value is not None:
                constants[node.targets[0].id] = value
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            sides = [node.left, *node.comparators]
            if any(_measures_text(side) for side in sides):
                continue
            for side in sides:
                for part in _operands(side):
                    value = _number(part, constants)
                    named = part.id if isinstance(part, ast.Name) else ""
                    if value is not None and not INPUT_LIMIT.match(named) and named not in COMPARED_CONSTANTS:
                        yield node.lineno, value, ast.unparse(node)
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            args = node.args
            pairs = list(zip(args.args[len(args.args) - len(args.defaults):], args.defaults)) + \
                [(a, d) for a, d in zip(args.kwonlyargs, args.kw_defaults) if d is not None]
            for arg, default in pairs:
                value = _number(default, constants)
                if value is not None and THRESHOLD_NAMES.search(arg.arg):
                    yield default.lineno, value, f"{arg.arg}={value}"
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get" \
                and len(node.args) == 2 and isinstance(node.args[0], ast.Constant) \
                and isinstance(node.args[0].value, str) and THRESHOLD_NAMES.search(node.args[0].value):
            value = _number(node.args[1], constants)
            if value is not None:
                yield node.lineno, value, ast.unparse(node)


def test_no_number_is_compared_in_python_unless_allowed():
    found = []
    for name, tree in _modules():
        for line, value, text in _compared_numbers(tree):
            if value in COMPARED_ANYWHERE or (name, value) in COMPARED_IN:
                continue
            found.append((name, line, value, text))
    assert found == [], found


def test_the_comparison_scan_sees_what_it_must():
    def scan(source):
        return [value for _, value, _ in _compared_numbers(ast.parse(source))]
    assert scan("if books >= 15: pass") == [15]
    assert scan("ok = rate >= Decimal('0.85')") == [0.85]
    assert scan("LIMIT = Decimal('0.65')\nok = cv <= LIMIT") == [0.65]
    assert scan("ok = value > share - Decimal('0.01')") == [0.01]
    assert scan("def f(x, threshold=8): pass") == [8]
    assert scan("t = rule.get('threshold', 5)") == [5]
    assert scan("if len(name) > 40: pass") == [] and scan("if ord(ch) < 32: pass") == []
    assert scan("width = 15") == []                     # a number that is not compared is not a standard
    # every allowed entry is still in use: an allowance nobody needs is removed
    used = {(name, value) for name, tree in _modules() for _, value, _ in _compared_numbers(tree)}
    assert {key for key in COMPARED_IN if key not in used} == set()


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
