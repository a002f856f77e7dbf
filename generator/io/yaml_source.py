"""A fact file's raw data with line numbers: YAML (the fast reader for plain block YAML, else the full
YAML 1.2 loader), or a workbook read into the same LineDict / LineList structure."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from generator import limits
from generator.errors import InputError
from generator.io import yaml_fast
from generator.io.yaml12 import Yaml12Loader
from generator.model.lines import LineDict, LineList



# ---------------------------------------------------------------- YAML with line numbers
# libyaml's C parser when present (several times faster on a county of 300 files), with the
# YAML 1.2 core schema's implicit types (generator.io.yaml12: no base 60, no octal 010, no dates).
class _LineLoader(Yaml12Loader):
    pass


def _construct_mapping(loader, node):
    if len(node.value) > limits.MAX_MAPPING_KEYS:
        raise InputError(loader.name, node.start_mark.line + 1, None, "yaml_too_many_keys",
                         limit=f"{limits.MAX_MAPPING_KEYS:,}")
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.lines = {}
    result.raws = {}   # scalars as written ("9.60"): the audit's tolerance needs the digits
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):   # a list or an alias bomb as a key
            raise yaml.constructor.ConstructorError(None, None, "a key must be a plain word or number",
                                                    key_node.start_mark)
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        line = key_node.start_mark.line + 1
        if key in result.lines:
            raise InputError(loader.name, line, key, "duplicate_key", first=result.lines[key])
        result[key] = loader.construct_object(value_node, deep=True)
        result.lines[key] = line
        if isinstance(value_node, yaml.ScalarNode):
            result.raws[key] = value_node.value
    return result


def _construct_sequence(loader, node):
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et")

# PyYAML's words for a syntax error, said the way a clerk made it (the English detail stays under --lang en)
_PROBLEMS = (("mapping values are not allowed", "yaml_colon_in_value"), ("did not find expected key", "yaml_indent"),
             ("expected <block end>", "yaml_indent"), ("found undefined alias", "yaml_alias"),
             ("found unexpected end of stream", "yaml_unclosed"), ("did not find expected ',' or ']'", "yaml_unclosed"),
             ("did not find expected ',' or '}'", "yaml_unclosed"), ("cannot start any token", "yaml_reserved"),
             ("could not find expected ':'", "yaml_no_colon"))
_NO_SPACE_COLON = re.compile(r"^\s*[^\s:#'\"-][^\s:#'\"]*:[^\s:/]")     # "name:一小" (not a URL, not "a::b")
_NO_SPACE_DASH = re.compile(r"^\s*-[^\s\d.-]|^\s*-\d[^\s]*$")


def syntax_problem(text: str, line: int | None, detail: str) -> tuple[int | None, str, dict]:
    """(line, message id, parameters) for a YAML syntax error: the careless spellings a clerk makes (a
    tab, a full-width colon, no blank after ":" or "-") named on their own line, PyYAML's other problems
    in words; anything else as PyYAML says it."""
    lines = text.split("\n")
    if line:
        # the line PyYAML stopped on, then the lines above it back to the last that reads as YAML
        for number in range(line, max(0, line - 3), -1):
            here = lines[number - 1] if number <= len(lines) else ""
            here = here.split(" #")[0].rstrip()          # a comment may say anything
            if "\t" in here[: len(here) - len(here.lstrip())] or ("\t" in here and "cannot start" in detail):
                return number, "yaml_tab", {}
            if "：" in here and ": " not in here and not here.rstrip().endswith(":"):
                return number, "yaml_fullwidth_colon", {"text": here.strip()[:40]}
            if _NO_SPACE_COLON.match(here) and ": " not in here:
                return number, "yaml_colon_space", {"text": here.strip()[:40]}
            if _NO_SPACE_DASH.match(here) and "could not find expected ':'" in detail:
                return number, "yaml_dash_space", {"text": here.strip()[:40]}
    for words, msg_id in _PROBLEMS:
        if words in detail:
            return line, msg_id, {}
    return line, "yaml_syntax", {"detail": detail}
# The full loader composes every node before one is constructed (400,000 keys: 17 s, 660 MB); a text
# long enough to hold a mapping past limits.MAX_MAPPING_KEYS ("a: 1, " each) is first walked as events,
# stopping at the key past the limit.
_KEYS_SCAN_ABOVE = 5 * limits.MAX_MAPPING_KEYS


def _check_mapping_sizes(path, text: str) -> None:
    """Refuse a mapping of more than limits.MAX_MAPPING_KEYS keys from the parser's events, before the
    composer builds the document; any other problem is left to the full loader's message."""
    most = 2 * limits.MAX_MAPPING_KEYS            # a key and its value per entry
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    nodes = starts + (yaml.ScalarEvent, yaml.AliasEvent)
    loader = _LineLoader(text)
    stack = []                                    # per open collection: [entries, first line] or None
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, nodes) and stack and stack[-1] is not None:
                stack[-1][0] += 1
                if stack[-1][0] > most:
                    raise InputError(path, stack[-1][1], None, "yaml_too_many_keys",
                                     limit=f"{limits.MAX_MAPPING_KEYS:,}")
            if isinstance(event, yaml.MappingStartEvent):
                stack.append([0, event.start_mark.line + 1])
            elif isinstance(event, yaml.SequenceStartEvent):
                stack.append(None)
            elif isinstance(event, ends):
                stack.pop()
    except yaml.YAMLError:
        return
    finally:
        loader.dispose()


def read_source(path: Path):
    """A fact file's raw data: YAML, or a workbook read into the same LineDict/LineList
    structure (generator.io.workbook.reader), so that one validation runs on both."""
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        from generator.io.workbook.reader import read_workbook
        return read_workbook(path)
    return read_yaml(path)


def read_yaml(path: Path):
    """Parse one YAML file, turning every failure into an InputError with a line.

    The file must be a regular file within limits.MAX_YAML_BYTES, and its values, aliases
    expanded, within limits.MAX_YAML_NODES (generator.limits).
    """
    path = Path(path)
    raw = limits.read_limited(path, limits.MAX_YAML_BYTES, "YAML")
    from generator.io.sniff import office_kind
    kind = office_kind(raw)
    if kind is not None:               # a renamed workbook or document: say what it is
        raise InputError(path, None, None, kind)
    # UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030 (a superset of GBK), as `audit` reads
    # a .txt: a file saved by a Chinese Windows editor is read as it is, without a word
    from generator.io.sniff import decode_text
    text = decode_text(raw)
    if text is None:
        raise InputError(path, None, None, "not_utf8")
    try:
        # The common case, plain block YAML, is read line by line; anything else (and every
        # error) goes to the full loader below, which says exactly what is wrong and where.
        data, values = yaml_fast.parse_counted(text, LineDict, LineList, limits.MAX_MAPPING_KEYS)
    except yaml_fast.Fallback:
        pass
    except yaml_fast.TooManyKeys as many:
        raise InputError(path, many.line, None, "yaml_too_many_keys", limit=f"{limits.MAX_MAPPING_KEYS:,}") from None
    else:
        if values > limits.MAX_YAML_NODES:      # the same walk and message as the full loader's
            limits.check_expansion(path, data)
        return data
    loader = None
    try:
        if len(text) > _KEYS_SCAN_ABOVE:
            _check_mapping_sizes(path, text)
        loader = _LineLoader(text)
        loader.name = str(path)
        data = loader.get_single_data()
        limits.check_expansion(path, data)
        return data
    except InputError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        detail = (exc.problem or exc.context or "").strip()
        line, msg_id, params = syntax_problem(text, line, detail)
        raise InputError(path, line, None, msg_id, **params) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise InputError(path, line, None, "yaml_syntax",
                         detail=f"character {exc.character!r} is not allowed") from None
    except yaml.YAMLError as exc:
        raise InputError(path, None, None, "yaml_syntax", detail=str(exc).splitlines()[0]) from None
    except RecursionError:
        raise InputError(path, None, None, "yaml_syntax", detail="nesting too deep") from None
    except (ValueError, TypeError, OverflowError) as exc:   # a value a constructor cannot make
        raise InputError(path, None, None, "yaml_syntax", detail=str(exc).splitlines()[0][:80]) from None
    finally:
        if loader is not None:
            loader.dispose()

