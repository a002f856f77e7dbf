"""Raw fact data with positions: the mapping and list that the YAML loader and the workbook reader build.

Each value keeps where it was written (a YAML line, or an errors.Where cell), so that validation
(generator.io.facts) names the place of every problem. Both readers import this module, and
neither imports the other.
"""
from __future__ import annotations


class LineDict(dict):
    """A mapping that remembers the line of each key (1-based) and its own first line."""
    line: int = 0
    lines: dict


class LineList(list):
    line: int = 0
    lines: list
