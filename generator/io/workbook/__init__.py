"""Workbooks (.xlsx) as fact files; one module per job (the verdict workbook of `check --xlsx` is
generator.render.verdict_workbook, since it spells verdicts).

* layout   — sheet names, markers and columns, shared by writing and reading (and the workbook messages)
* cells    — one value ⇄ one cell (and the YAML text of values no cell type covers)
* sheets   — the styled sheet writer: headers, hidden key rows, comments, validations, widths
* fillin   — the fill-in workbook of `new --xlsx`: `blank_workbook(kind)`, `build(kind, subject)`
* export   — `facts_workbook(subject)`, `facts_yaml(subject)`: the two outputs of `junheng export`
* headers  — finding a sheet's columns: hidden key row, Chinese headers, merged cells
* reader   — `read_workbook(path)`: the raw LineDict that generator.io.facts.load_facts validates

Import from the module that does the job (`from generator.io.workbook.reader import read_workbook`);
this package imports nothing, so reading a workbook never loads the writers.
"""
