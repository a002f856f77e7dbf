"""One value ⇄ one cell: how a validated value is spelled in a workbook cell, and how a cell reads back.

`encode` gives the cell value and its number format ("49、50、48" for a list, 0.0#% for a rate, the
digits as written for a claim's 声明值); `decode` gives back the raw value the YAML loader would have
produced, with its raw text. Values no cell type covers are YAML flow text, written by the package's one
YAML writer (generator/io/yaml_writer.py, which keeps a claim's digits as written: "9.60") and read with
the YAML 1.2 loader.
"""
from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

import yaml

from generator.i18n import yes_no
from generator.io.workbook.layout import EMPTY_MARK, ENUM_LABELS, LIST_SPLIT
from generator.io.yaml_writer import flow_scalar
from generator.model.lines import LineList


def natural_text(value) -> str | None:
    """The text a numeric or boolean cell reads back as (what YAML would have written)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value)
    return None


def percent_text(value) -> str:
    number = (Decimal(repr(value)) * 100).normalize() if isinstance(value, float) else Decimal(value) * 100
    text = format(number, "f")
    return text + "%"


def encode(cell: str, fld, value, written=None):
    """A validated value → (cell value, number format or None)."""
    if value is None:
        return None, None
    if cell in ("str", "date"):
        return str(value), "@"
    if cell == "enum":
        return ENUM_LABELS.get(fld.key, {}).get(value, value), None
    if cell == "bool":
        return yes_no(value), None
    if cell == "rate":
        return value, "0.0#%"
    if cell in ("int", "number", "count"):
        if written is not None and written != natural_text(value):
            return written, "@"      # "96.50": the digits as written
        return value, None
    if cell == "count_list":
        return ("、".join(str(v) for v in value) if value else EMPTY_MARK), "@"
    if cell == "str_list":
        if not value:
            return EMPTY_MARK, "@"
        text = "\n".join(value)
        if "\n" not in text and (LIST_SPLIT.search(text) or text == EMPTY_MARK):
            text += "\n"   # one item that itself holds a separator: the newline says "split on lines"
        return text, "@"
    if cell == "series_item":
        return ("、".join(percent_text(v) for v in value) if value else EMPTY_MARK), "@"
    if cell == "any":
        natural = natural_text(value)
        if natural is not None and (written is None or written == natural):
            return value, None
        return flow_scalar(value, written), "@"
    return flow_scalar(value), "@"       # a type this module does not know yet: YAML flow text


def decode(cell: str, raw):
    """A cell as read → the raw value the YAML loader would have produced, and its raw text."""
    if isinstance(raw, str):
        text = raw.strip()
        if cell in ("count_list", "series_item"):
            if text == EMPTY_MARK:
                return LineList(), text
            return LineList(p for p in LIST_SPLIT.split(text) if p), text
        if cell == "str_list":
            if text == EMPTY_MARK:
                return LineList(), text
            parts = raw.split("\n") if "\n" in raw else re.split(r"[、；;]", raw)
            return LineList(p.strip() for p in parts if p.strip()), text
        if cell == "any" or cell not in _PLAIN_CELLS:
            return yaml_value(text)
        return text, text
    if isinstance(raw, _dt.datetime):
        if raw.time() == _dt.time(0):
            raw = raw.date()
        return raw, raw.isoformat()
    if isinstance(raw, (_dt.date, _dt.time)):
        return raw, raw.isoformat()
    if cell in ("count_list", "series_item", "str_list"):
        return LineList([raw]), natural_text(raw)
    return raw, natural_text(raw)


_PLAIN_CELLS = {"str", "date", "enum", "bool", "rate", "int", "number", "count", "mark", "stage_count", "labs"}


def yaml_value(text: str):
    try:
        from generator.io.yaml12 import Yaml12Loader, load_text
        node = yaml.compose(text, Loader=Yaml12Loader)
        if node is None:
            return None, text
        value = load_text(text)
    except (yaml.YAMLError, ValueError, RecursionError):
        return text, text
    return value, (node.value if isinstance(node, yaml.ScalarNode) else text)
