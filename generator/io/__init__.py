"""Reading and writing files: YAML 1.2, limits, workbooks, report text, atomic writes."""
