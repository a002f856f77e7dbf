"""What every report and plan context shares: formatting of numbers in prose, dates,
citations, heading ordinals, one verdict as a sentence or a table row, and the measures library.

The logic lives in Python; the .docx templates in doc_templates/ only place the prepared strings.
Every number is formatted with generator.numbers.display (through generator.render.terminal's
value/standard/deficit helpers), so a document and `junheng check` print the same figures.
The contexts themselves: generator.render.report_school, report_county and plan; what each
field holds: generator.render.field_docs.
"""
from __future__ import annotations

import datetime as _dt
import re

from generator.errors import InputError, InputErrors
from generator.i18n import BLANK_DATE, STATUS_WORDS  # noqa: F401  (re-exported for the contexts)
from generator.model import schema
from generator.numbers import cn_number, doc_number, doc_percent, doc_plain, exact  # noqa: F401  (cn_number re-exported)
from generator.render import measure_words
from generator.render.terminal import deficit_text, stage_suffix, standard_text, value_text
from generator.io.measures_file import load_measures as _load, render_clause


PENDING = "（待填）"
# The evaluation's document when the rules name none (county.yaml `citation`).
DEFAULT_CITATION = "《县域义务教育均衡发展督导评估暂行办法》（教督〔2012〕3号）"


# ---------------------------------------------------------------- small formatting helpers
def compact(text: str) -> str:
    """"4,115 册" → "4115册": Chinese prose puts no space between a number and its unit."""
    return doc_plain(text.replace(" ", ""))


def format_date(value) -> str:
    """2024-09-01 / date → "2024年9月1日"; None → a blank to fill in by hand."""
    if value in (None, ""):
        return BLANK_DATE
    if isinstance(value, str):
        value = parse_date(value)
    return f"{value.year}年{value.month}月{value.day}日"


def parse_date(text: str) -> _dt.date:
    text = str(text).strip()
    match = re.fullmatch(r"(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?", text)
    if not match:
        raise InputErrors([InputError(None, None, "--date", "bad_date", got=text)])
    try:
        return _dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        raise InputErrors([InputError(None, None, "--date", "bad_date", got=text)]) from None


# ---------------------------------------------------------------- one verdict → one sentence
def verdict_sentence(verdict, of: str | None = None) -> str:
    """The sentence a report writes for one verdict, e.g.
    "生均图书册数为10.8册，低于标准（15册），尚缺图书4115册。" — worded by the verdict's measure kind
    (generator.render.measure_words), which also writes the 存在的问题 sentence of a missing one."""
    return measure_words.report_sentence(verdict, of)


def facts_by_rule(profile) -> dict[str, str]:
    return {rule.id: rule.of for rule in profile.basic_rules}


def verdict_row(verdict, of=None) -> dict:
    """One row of the 达标情况 table: 指标, 标准, 实际, 结论, 尚缺."""
    return {"id": verdict.rule, "name": verdict.name + stage_suffix(verdict),
            "standard": doc_plain(standard_text(verdict)) if verdict.status != "n/a" else "—",
            "value": doc_plain(value_text(verdict)) if verdict.value is not None or
            getattr(verdict, "unbounded", False) else "—",
            "status": STATUS_WORDS[verdict.status], "deficit": doc_plain(deficit_text(verdict)) or "—"}


def standard_citation(profile) -> str:
    """How the documents name the school standard: "省定义务教育学校办学基本标准" (rules'
    `citation`), never the rule file's own name (which may say 默认 or cite a source file)."""
    return profile.basic_conditions.get("citation") or "省定义务教育学校办学基本标准"


def profile_citation(profile) -> str:
    """The evaluation's official document and 文号, from the rules (`citation` in county.yaml)."""
    return profile.county.get("citation") or DEFAULT_CITATION


def government_note(item: dict) -> str:
    if item["status"] == "pass":
        return "满分"
    if item["status"] == "missing":
        return "缺少数据：" + "、".join(schema.label_of(k) for k in item.get("missing", []))
    lost = exact(item["points"]) - exact(item["score"])
    return f"扣{doc_number(lost, 2)}分"


# ---------------------------------------------------------------- measures and costs
def load_measures(path=None) -> dict:
    """The measures library, validated (generator.io.measures_file)."""
    return _load(path)


def find_measure(library: dict, rule_id: str, of: str | None) -> dict:
    """The library entry for an indicator: by id, else by the fact it measures, else the fallback."""
    items = library["items"]
    if rule_id in items:
        return items[rule_id]
    base = rule_id.split("-")[0]
    if base in items:
        return items[base]
    if of:
        for entry in items.values():
            if entry.get("of") == of:
                return entry
    return library["fallback"]


def fill_clause(clause: str, verdict, name: str, quantity: str | None = None, standard: str | None = None) -> str:
    if quantity is None:
        quantity = compact(deficit_text(verdict)) if verdict is not None else ""
    if standard is None:
        if verdict is not None and verdict.standard is not None:
            standard = measure_words.standard_with_unit(verdict)
        else:
            standard = "规定标准"
    return render_clause(clause, quantity=quantity, standard=standard, name=name)
