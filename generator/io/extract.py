"""Figures from a submitted report's prose → facts, claims, breakdowns (issue 6).

Inspectors receive Word documents and plain text, not fact files. This module reads a
report (.docx paragraphs and tables, or .txt in UTF-8 / GBK / GB18030), splits it into
sentences, finds every figure written with a unit ("学生981人", "13125平方米", "1.2万元",
"一千二百三十四册", "47%"), and decides what each one is:

* a **fact** of the school or county (a key of generator/model/schema.py: students, land_area_m2 …);
* a **claim** in the contract.md shape `{of, measure, value, standard?, text, line}` —
  a per-student value ("生均13.4平方米"), a per-100-students value, a shortfall against a
  stated standard ("低于标准面积(14㎡)，尚缺校地面积5230㎡"), a verdict ("未达到市级标准(15册)"),
  or a second, different statement of a fact already given;
* a **breakdown**: a total and the parts listed for it ("其中…元；…元", "…16台，…100台，总台数…台",
  "音乐应配5人实配3人尚缺2人");
* **unrecognised**: a figure that could not be tied to a field (教职工, 门卫, 参培率, a growth
  rate, a target "确保…不低于…"). These are listed, never dropped.

Every item keeps the sentence it came from and its line (.txt: the line of the file;
.docx: the paragraph or table row counted in document order, "表1第2行").

Several schools in one text ("红光、霍家庄、三交河三个小学生均用地面积分别为23平米、28平米、14.6平米"):
the document becomes a county file and each named school gets its own figures. A school
whose 在校生数 the text does not give cannot be recomputed; `fact_file.fact_yaml()` writes it as a
commented-out inline school (its claims included) for the inspector to complete, and the
audit lists those figures as not yet checkable rather than pretending to check them.

Values are kept as written: "9.60" is written `9.60` in the fact file so the audit's
tolerance (one unit in the last digit written) sees the report's own precision.

The work is split by job: report_text.py (the file as numbered lines and sentences),
report_words.py (the vocabulary and the figures of a sentence), extractor.py and
extract_schools.py (what each figure is, and which school it belongs to), extraction.py
(the Extraction model), fact_file.py (the emitted fact file, through yaml_writer.py). This
module is the entry point: extract a file or a text, and load a report as a fact file.
"""
from __future__ import annotations

from pathlib import Path

from generator.errors import InputErrors
from generator.io.extraction import Extraction
from generator.io.fact_file import fact_yaml
from generator.io.extractor import Extractor
from generator.io.report_text import Line, read_report


def extract_lines(lines: list[Line], source: str = "<text>", profile=None) -> Extraction:
    """Extract from lines already read. `profile`: which rule ids verdict claims refer to."""
    rule_for_field = {}
    if profile is None:
        from generator.criteria.profiles import load_profile
        profile = load_profile("basic-2012")
    for rule in profile.basic_rules:
        if rule.get("of"):
            rule_for_field.setdefault(rule["of"], rule["id"])
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
    import tempfile

    from generator.io.facts import load_facts
    from generator.io.writing import check_writable, write_text_atomic

    if emit_facts:
        check_writable(emit_facts, force)          # refuse before any work
    extraction = extract_file(path, profile)
    text = fact_yaml(extraction)
    with tempfile.TemporaryDirectory(prefix="junheng-report-") as folder:
        temporary = Path(folder) / (Path(path).stem + ".facts.yaml")
        temporary.write_text(text, encoding="utf-8")
        try:
            subject = load_facts(temporary, allow_empty_county=True)
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
