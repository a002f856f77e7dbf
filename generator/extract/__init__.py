"""Figures from a submitted report's prose → facts, claims, breakdowns.

Inspectors receive Word documents and plain text, not fact files. This package reads a
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

The work is split by job: report.py (the entry points: extract a file or a text, load a report
as a fact file), report_text.py (the file as numbered lines and sentences), report_words.py +
cn_numbers.py (the vocabulary and the figures of a sentence), extractor.py and schools.py (what
each figure is, and which school it belongs to), extraction.py (the Extraction model),
fact_file.py (the emitted fact file, through generator.io.yaml_writer), notes.py (what the audit
says about the figures it could not use). The package sits above criteria (a verdict is tied to
a rule of the profile) and below the front ends; the audit does not import it.
"""
