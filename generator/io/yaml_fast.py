"""A fast reader for the plain block YAML that fact files are written in, with line numbers.

libyaml parses quickly, but PyYAML then builds a Python node and a mark for every scalar
and constructs the values in Python: for a county of thousands of school files that is
most of `junheng check`. Fact files use a small part of YAML — `key: value` lines, nested
blocks by indentation, `- item` lists, one-line `{a: 1, b: 2}` and `[1, 2]`, comments — and
this module reads exactly that part, line by line, into the same LineDict / LineList
structure (values, `.line`, `.lines`, `.raws`) the full loader gives.

It never decides anything the full loader would decide differently: whatever is outside
that part — tags, anchors and aliases, merge keys, block scalars, multi-line scalars,
quoted text with escapes, `key:value` in flow, tabs, directives, document markers,
duplicate keys, odd indentation, any syntax error — raises Fallback, and the caller reads
the file again with the full loader (generator.io.yaml_source.read_yaml), which gives the
values or the error message (file, line, key) exactly as before. Plain scalars are resolved
by generator.io.yaml12.plain_value, the same YAML 1.2 rules. tests/test_yaml_fast.py
compares both readers on generated documents and on every YAML file in the repository.
"""
from __future__ import annotations

import itertools
import re

from generator.io.yaml12 import plain_value


class Fallback(Exception):
    """The text is outside the subset read here: use the full loader."""


class TooManyKeys(Exception):
    """A mapping holds more keys than `max_keys`: refused where it is found, before the rest is built."""

    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


# Characters PyYAML's reader refuses, and line breaks other than \n (\r, NEL, LS, PS), tabs
# and a BOM past the start: all left to the full loader.
# (written as the characters refused: a search for them is three times quicker than for the complement)
_UNUSUAL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff\u2028\u2029]")

# A plain scalar in block context, kept strict: it does not start with an indicator (a
# leading "-" only before a digit or "."), holds no ":", "#", quote or bracket, and is
# followed by nothing but spaces and a " #" comment.
_PLAIN = r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`<]|-(?=[0-9.]))[^:#'\"\[\]{}\n]*?"
_KEY = r"[^\s\-?:,\[\]{}#&*!|>'\"%@`<][^\s:#'\"\[\]{},]*"
_SINGLE = r"'(?:[^'\n]|'')*'"
_DOUBLE = r'"[^"\\\n]*"'
_FLOW = r"\{[^{}\[\]\n#'\"]*\}|\[[^{}\[\]\n#'\"]*\]"
_VALUE = rf"(?P<value>{_SINGLE}|{_DOUBLE}|{_FLOW}|{_PLAIN})"
_END = r" *(?: #.*)?$"

# One line: indentation, an optional "- ", then "key:" with an optional value, or a value.
_LINE = re.compile(rf"(?P<indent> *)(?P<dash>- +)?(?:(?P<key>{_KEY}):(?: +{_VALUE})?|{_VALUE.replace('value', 'item')}){_END}")
_SKIP = re.compile(r" *(?:#.*)?$")

# Inside one-line flow collections: entries split at ",", a mapping entry is "key: value".
_FLOW_PLAIN = re.compile(r"(?:[^\s\-?:,\[\]{}#&*!|>'\"%@`<]|-(?=[0-9.]))[^:#'\"\[\]{},]*?")
_FLOW_ENTRY = re.compile(rf" *({_KEY}): +({_FLOW_PLAIN.pattern}) *")
_FLOW_ITEM = re.compile(rf" *({_FLOW_PLAIN.pattern}) *")

_MAX_DEPTH = 60
_KEYS: dict = {}            # key as written → key (the same few hundred keys in every file)


def parse(text: str, mapping_type, list_type):
    """The document as mapping_type / list_type / scalars, or raise Fallback."""
    return parse_counted(text, mapping_type, list_type)[0]


def parse_counted(text: str, mapping_type, list_type, max_keys: int | None = None):
    """(document, values in it): the count generator.limits.check_expansion would make —
    the document itself, each key, each value and each list item (there are no aliases here).
    A mapping of more than `max_keys` keys raises TooManyKeys as its key past the limit is read."""
    if _UNUSUAL.search(text):
        raise Fallback
    reader = _Reader(_tokens(text), mapping_type, list_type, max_keys)
    if not reader.more():
        return None, 1
    data = reader.block(0, reader.tokens[0][1], 0)
    if reader.index != len(reader.tokens) or reader.more():
        raise Fallback
    return data, reader.count


def _tokens(text: str):
    """The lines as tokens (line, column, is_item, key, value text or None), read as the reader asks
    for them: a file refused part-way (TooManyKeys) is not tokenized past that point."""
    line_match = _LINE.match
    for number, line in enumerate(text.split("\n"), 1):
        match = line_match(line)
        if match is None:
            if _SKIP.match(line):
                continue        # blank or a comment
            raise Fallback
        indent, dash, key, value, item = match.groups()
        if line[:3] in ("---", "..."):
            raise Fallback
        column = len(indent)
        if dash:
            yield number, column, True, None, item
            column += len(dash)
            if key is None:
                continue
        elif key is None:
            raise Fallback      # a bare scalar where a key or item belongs
        yield number, column, False, key, value


_BATCH = 4096               # tokens read at a time


class _Reader:
    def __init__(self, source, mapping_type, list_type, max_keys=None):
        self.max_keys = max_keys if max_keys is not None else float("inf")
        self.source = source
        self.tokens = []        # read so far; grows in place (methods keep a reference to it)
        self.index = 0
        self.mapping_type = mapping_type
        self.list_type = list_type
        self.count = 1          # the document, then 2 per key and 1 per list item as they are read

    def more(self) -> bool:
        """Read the next batch of tokens; False at the end of the text."""
        before = len(self.tokens)
        self.tokens.extend(itertools.islice(self.source, _BATCH))
        return len(self.tokens) > before

    def block(self, depth: int, column: int, parent_line: int):
        if depth > _MAX_DEPTH:
            raise Fallback
        token = self.tokens[self.index]
        return self.sequence(depth, column) if token[2] else self.mapping(depth, column)

    def mapping(self, depth, column):
        tokens = self.tokens
        result = self.mapping_type()
        result.line = tokens[self.index][0]
        result.lines = {}
        result.raws = {}
        most = self.max_keys
        while self.index < len(tokens) or self.more():
            line, col, is_item, key_text, value_text = tokens[self.index]
            if col < column:
                break
            if col > column or is_item:
                raise Fallback
            self.index += 1
            if len(result.lines) >= most:
                raise TooManyKeys(result.line)
            self.count += 2
            key = _KEYS.get(key_text)
            if key is None:
                key = plain_value(key_text)
                if not isinstance(key, str):
                    key = str(key)
                if len(_KEYS) < 4096:
                    _KEYS[key_text] = key
            if key in result.lines:
                raise Fallback      # the full loader names both lines
            if value_text is not None:
                value, raw = self.scalar_or_flow(value_text, line)
                if raw is not None:
                    result.raws[key] = raw
            elif (self.index < len(tokens) or self.more()) and (tokens[self.index][1] > column or
                                         (tokens[self.index][1] == column and tokens[self.index][2])):
                # a nested block, or a list written at the key's own indentation
                value = self.block(depth + 1, tokens[self.index][1], line)
            else:
                value = None
                result.raws[key] = ""
            result[key] = value
            result.lines[key] = line
        return result

    def sequence(self, depth, column):
        tokens = self.tokens
        result = self.list_type()
        result.line = tokens[self.index][0]
        result.lines = []
        while self.index < len(tokens) or self.more():
            line, col, is_item, _, item_text = tokens[self.index]
            if col < column or (col == column and not is_item):
                break               # the end of the list (or of an indentless one under a key)
            if col > column:
                raise Fallback
            self.index += 1
            self.count += 1
            if item_text is not None:
                value, _ = self.scalar_or_flow(item_text, line)
            elif (self.index < len(tokens) or self.more()) and tokens[self.index][0] == line:
                next_column = tokens[self.index][1]     # "- key: value": a mapping in the list
                value = self.mapping(depth + 1, next_column)
                if (self.index < len(tokens) or self.more()) and column < tokens[self.index][1]:
                    raise Fallback
            else:
                raise Fallback      # "-" alone: an empty item or a block on the next lines
            result.append(value)
            result.lines.append(line)
        return result

    def scalar_or_flow(self, text: str, line: int):
        """(value, raw text for .raws or None for a collection)."""
        first = text[0]
        if first == "'":
            inner = text[1:-1].replace("''", "'")
            return inner, inner
        if first == '"':
            inner = text[1:-1]
            return inner, inner
        if first == "{":
            result = self.mapping_type()
            result.line = line
            result.lines = {}
            result.raws = {}
            inner = text[1:-1]
            if inner.strip():
                for entry in inner.split(","):
                    match = _FLOW_ENTRY.fullmatch(entry)
                    if match is None:
                        raise Fallback
                    key = plain_value(match[1])
                    if not isinstance(key, str):
                        key = str(key)
                    if key in result.lines:
                        raise Fallback
                    if len(result.lines) >= self.max_keys:
                        raise TooManyKeys(line)
                    result[key] = plain_value(match[2])
                    result.lines[key] = line
                    result.raws[key] = match[2]
                    self.count += 2
            return result, None
        if first == "[":
            result = self.list_type()
            result.line = line
            inner = text[1:-1]
            if inner.strip():
                for entry in inner.split(","):
                    match = _FLOW_ITEM.fullmatch(entry)
                    if match is None:
                        raise Fallback
                    result.append(plain_value(match[1]))
            result.lines = [line] * len(result)
            self.count += len(result)
            return result, None
        if text == "<<":
            raise Fallback
        return plain_value(text), text
