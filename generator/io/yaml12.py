"""YAML read the YAML 1.2 way, for every file a user writes (facts, profiles, --costs, --measures).

PyYAML resolves plain scalars by YAML 1.1, which turns a clerk's text into wrong numbers:
`students: 16:21` is 981 (base 60), `students: 010` is 8 (octal), `name: 2024-02-30` is a
date that does not exist (a traceback), `yes`/`on` are booleans, `!!binary` names print as
b'…'. Here plain scalars resolve by the YAML 1.2 core schema only:

- null: `~`, `null`, `Null`, `NULL`, nothing;
- bool: `true`/`false` (also `True`, `TRUE`, `False`, `FALSE`);
- int: decimal digits (`010` is ten), `0o17`, `0x1F`;
- float: `1.5`, `1e3`, `.inf`, `.nan`;
- everything else is text — `16:21`, `2024-02-30`, `yes` — and the field that reads it decides
  (a date field parses a date; a number field refuses "16:21" with a message).

Explicit tags that make other types (`!!binary`, `!!timestamp`, `!!set`, `!!omap`, `!!pairs`,
any `!!python/…`) are refused as syntax errors. An integer of more digits than any fact can
have stays text, so the number check refuses it by name instead of Python's int() failing.
"""
from __future__ import annotations

import re

import yaml
from yaml.constructor import ConstructorError

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$")
_FLOAT = re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_MAX_INT_CHARS = 40          # longer digit strings stay text (and are refused as numbers by name)


class Yaml12Loader(_Base):
    """A safe loader with the YAML 1.2 core schema's implicit types."""

    yaml_implicit_resolvers: dict = {}


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
Yaml12Loader.yaml_implicit_resolvers = {}
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:null", _NULL, ["~", "n", "N", ""])
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:bool", _BOOL, list("tTfF"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:int", _INT, list("-+0123456789"))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT, list("-+0123456789."))
Yaml12Loader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])


def _int(loader, node):
    text = loader.construct_scalar(node)
    if not _INT.match(text):
        raise ConstructorError(None, None, f"'{text[:40]}' is not a whole number", node.start_mark)
    return int_value(text)


def int_value(text: str):
    """A scalar the int resolver matched → its value (one place for both loaders)."""
    if len(text) > _MAX_INT_CHARS:
        return text
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10)


def _float(loader, node):
    text = loader.construct_scalar(node)
    if not _FLOAT.match(text):
        raise ConstructorError(None, None, f"'{text[:40]}' is not a number", node.start_mark)
    return float_value(text)


def float_value(text: str):
    """A scalar the float resolver matched → its value."""
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if lowered == ".nan":
        return float("nan")
    if len(text) > _MAX_INT_CHARS:
        return text
    return float(text)


def _bool(loader, node):
    text = loader.construct_scalar(node)
    if text.lower() not in ("true", "false"):
        raise ConstructorError(None, None, f"'{text[:40]}' is not true or false", node.start_mark)
    return text.lower() == "true"


def _refuse(loader, node):
    raise ConstructorError(None, None, f"the tag {node.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed "
                                       "here; write the value as plain text", node.start_mark)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int)
Yaml12Loader.add_constructor("tag:yaml.org,2002:float", _float)
Yaml12Loader.add_constructor("tag:yaml.org,2002:bool", _bool)
for _tag in ("binary", "timestamp", "set", "omap", "pairs", "value", "yaml"):
    Yaml12Loader.add_constructor(f"tag:yaml.org,2002:{_tag}", _refuse)


def plain_value(text: str):
    """A plain (unquoted, untagged) scalar resolved and constructed as Yaml12Loader does: the
    resolvers above, tried in the same order by first character (for generator.io.yaml_fast).
    `<<` (a merge key) is not handled here: the caller leaves such text to the full loader."""
    first = text[:1]
    if first in ("~", "n", "N", "") and _NULL.match(text):
        return None
    if first in ("t", "T", "f", "F") and _BOOL.match(text):
        return text.lower() == "true"
    if first in "-+0123456789" and _INT.match(text):
        return int_value(text)
    if first in "-+0123456789." and _FLOAT.match(text):
        return float_value(text)
    return text


def load_text(text: str):
    """One YAML text (e.g. a workbook cell) the 1.2 way; raises yaml.YAMLError."""
    loader = Yaml12Loader(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
