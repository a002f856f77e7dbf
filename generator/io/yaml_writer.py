"""The one YAML writer of the package: every file junheng writes as YAML goes through here.

Two shapes of file, one set of scalars:

* **Whole documents** (the workbook → YAML export, a plan's facts after the works, the blank
  examples): PyYAML's safe dumper, `dump()`, with two additions — `Verbatim`, a number written
  with the digits it was given ("9.60", not 9.6), and errors.Where (a line number that also
  names a cell) written as the plain int it is. `flow_scalar()` is one value in flow style
  (a workbook cell holding YAML text).
* **Annotated files** (the fact file extracted from a report, where every figure is preceded by
  the sentence it came from): written line by line by generator/extract/fact_file.py, because PyYAML
  cannot place comments; its scalars come from `scalar()` and its comments from `comment()`.
  A string is written double-quoted as JSON writes it (JSON is valid YAML), a number as the
  report wrote it when the digits agree.

Every output is deterministic: same data, same bytes.
"""
from __future__ import annotations

import json
import re
from decimal import Decimal

import yaml

from generator.errors import Where
from generator.numbers import plain


# ---------------------------------------------------------------- whole documents
class Verbatim:
    """A scalar to be written with the digits it was given in ("9.60", not 9.6)."""

    def __init__(self, value, text):
        self.value, self.text = value, text


class Dumper(yaml.SafeDumper):
    pass


def _represent_verbatim(dumper, data: Verbatim):
    try:
        resolved = yaml.safe_load(data.text)
    except yaml.YAMLError:
        resolved = None
    node = dumper.represent_data(data.value)
    if type(resolved) is type(data.value) and resolved == data.value and isinstance(node, yaml.ScalarNode):
        return dumper.represent_scalar(node.tag, data.text)
    # written differently from what YAML reads ("13,125" for a number): keep it as a string,
    # which the fact loader parses exactly as it parsed the original
    return dumper.represent_scalar("tag:yaml.org,2002:str", data.text)


Dumper.add_representer(Verbatim, _represent_verbatim)
Dumper.add_representer(Where, lambda dumper, data: dumper.represent_int(int(data)))


def dump(data, *, width: int, flow: bool = False, sort_keys: bool = False) -> str:
    """A whole document (block style unless `flow`), Chinese written as itself."""
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, default_flow_style=flow, sort_keys=sort_keys,
                     width=width)


def flow_scalar(value, written=None) -> str:
    """One value as YAML flow text on one line (a claim's 声明值 keeps the digits as written: "9.60")."""
    data = Verbatim(value, written) if written is not None else value
    text = dump(data, flow=True, sort_keys=True, width=10**6).strip()
    if text.endswith("..."):
        text = text[:-3].strip()
    return text


# ---------------------------------------------------------------- annotated files
_NOT_PRINTABLE = re.compile("[^\x09\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def comment(text: str) -> str:
    """Text made safe for one comment line or one quoted scalar: printable, whitespace collapsed."""
    text = _NOT_PRINTABLE.sub(" ", text).replace("\u2028", " ").replace("\u2029", " ").replace("\x85", " ")
    return " ".join(text.split())


def scalar(value, written: str | None = None) -> str:
    """A YAML scalar: numbers as written ("9.60"), strings double-quoted (JSON is valid YAML)."""
    if isinstance(value, Decimal):
        if written and re.fullmatch(r"\d+(?:\.\d+)?", written) and Decimal(written) == value:
            return written
        return str(plain(value))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return json.dumps(comment(str(value)), ensure_ascii=False)
