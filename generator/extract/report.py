"""A report's figures → a fact file: the entry points (the package docstring says how the work is split)."""
from __future__ import annotations

from pathlib import Path
import tempfile

from generator.errors import InputErrors
from generator.extract.extraction import Extraction
from generator.extract.fact_file import fact_yaml
from generator.extract.extractor import Extractor
from generator.extract.report_text import Line, read_report
from generator.io.facts import load_facts
from generator.io.writing import check_writable, write_text_atomic


def extract_lines(lines: list[Line], source: str = "<text>", profile=None) -> Extraction:
    """Extract from lines already read. `profile`: which rule ids verdict claims refer to."""
    rule_for_field = {}
    if profile is None:
        from generator.criteria.profiles import load_profile
        profile = load_profile("basic-2012")
    for rule in profile.basic_rules:
        if rule.of:
            rule_for_field.setdefault(rule.of, rule.id)
    return Extractor(source, rule_for_field).run(lines)


def extract_text(text: str, source: str = "<text>", profile=None) -> Extraction:
    lines = [Line(number, f"第 {number} 行", content)
             for number, content in enumerate(text.splitlines(), start=1)]
    return extract_lines(lines, source, profile)


def extract_file(path, profile=None) -> Extraction:
    """A .docx or .txt report → Extraction. Raises InputErrors when the file cannot be read."""
    return extract_lines(read_report(path), str(path), profile)


def is_report(path) -> bool:
    """`junheng audit` reads a report's text when given .docx or .txt, a fact file otherwise."""
    return str(path).lower().endswith((".docx", ".txt"))


def load_report(path, emit_facts=None, force: bool = False, profile=None):
    """Extract a report, then load the facts through facts.load_facts as any fact file is.

    The fact YAML goes to a temporary file (and to `emit_facts` when given, atomically, never
    over an existing file without `force`), so the audit sees exactly what the inspector can
    correct and re-run. Returns (subject, extraction); raises InputErrors (exit 2).
    """

    if emit_facts:
        check_writable(emit_facts, force)          # refuse before any work
    extraction = extract_file(path, profile)
    text = fact_yaml(extraction)
    with tempfile.TemporaryDirectory(prefix="junheng-report-") as folder:
        temporary = Path(folder) / (Path(path).stem + ".facts.yaml")
        temporary.write_text(text, encoding="utf-8")
        try:
            subject = load_facts(temporary, allow_empty_county=True, as_stated=True)
        except InputErrors as errors:     # name the report, not a temporary file's line
            for err in errors.errors:
                if err.file == str(temporary):
                    err.file, err.line = str(path), None
            raise
    # findings name the report, not a temporary file that no longer exists
    subject.file = str(path)
    for school in getattr(subject, "schools", []) or []:
        if hasattr(school, "file"):
            school.file = str(path)
    if emit_facts:
        write_text_atomic(emit_facts, text, force=force)
    return subject, extraction
