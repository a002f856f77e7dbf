"""The measures library (rules/measures.yaml, or a county's own via `plan --measures FILE`).

Read through the same validated path as every user file (generator.io.yaml_source.read_yaml: a regular
file within the size and alias limits, UTF-8, YAML 1.2) and checked entry by entry, so that a
county's file that is GBK, nested too deep, lacks a key, has a `{` in a sentence or a number
where a clause goes is exit 2 with file, line and key — never a traceback.

Clauses are filled by `render_clause`, not str.format: the only placeholders are {quantity},
{standard} and {name}, each replaced by its text. There is no attribute access, indexing or
format spec, so a clause can print neither an object's repr (a memory address, breaking
byte-identical output) nor anything else the data did not say. `{{` and `}}` are literal
braces; a brace that is not part of a known placeholder is kept as written; an unknown
placeholder `{foo}` is refused when the file is read, naming the closest known one.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path

from generator.errors import InputError, InputErrors
from generator.io.costs_file import load_costs
from generator.io.yaml_source import read_yaml
from generator.model.checker import Checker
from generator.model.values import describe
from generator.resources import rules_dir


PLACEHOLDERS = ("quantity", "standard", "name")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}")
# what str.format would have taken for a field: {name.attr}, {name[0]}, {name:>9}, {name!r}
_FORMAT_FIELD = re.compile(r"(?<!\{)\{\s*([A-Za-z_][A-Za-z0-9_]*\s*[.\[:!][^{}]*)\}")
TOP_KEYS = ("id", "name", "description", "phases", "phase_notes", "school_phase_notes", "source", "provenance", "items", "fallback")
ENTRY_KEYS = ("of", "phase", "cost", "measures", "source", "provenance", "note", "name")


def render_clause(clause: str, **values: str) -> str:
    """A clause with {quantity}, {standard}, {name} replaced (see the module's docstring)."""
    def replace(match):
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        return str(values.get(name, "")) if name in PLACEHOLDERS else token
    return _PLACEHOLDER.sub(replace, clause)


def placeholders(clause: str) -> list[str]:
    found = [m.group(1) for m in _PLACEHOLDER.finditer(clause) if m.group(1)]
    return found + [m.group(1).strip() for m in _FORMAT_FIELD.finditer(clause)]


class _Check:
    def __init__(self, path):
        self.path = path
        self.errors: list[InputError] = []

    def error(self, line, key, msg_id, hint_id=None, hint_params=None, **params):
        self.errors.append(InputError(self.path, line, key, msg_id, hint_id, hint_params, **params))

    def keys(self, data, known, where):
        for key in data:
            if key not in known:
                line = data.lines.get(key) if hasattr(data, "lines") else None
                match = difflib.get_close_matches(str(key), known, n=1, cutoff=0.5)
                self.error(line, f"{where}{key}", "measures_unknown_key", name=key,
                           known=match[0] if match else " ".join(known))

    def text(self, value, line, key):
        if not isinstance(value, str):
            self.error(line, key, "expected_text", got=describe(value))
            return None
        checker = Checker(self.path)
        result = checker.text_ok(value.strip(), line, key)
        self.errors.extend(checker.errors)
        return None if checker.errors else result

    def clause(self, value, line, key):
        text = self.text(value, line, key)
        if text is None:
            return None
        for name in placeholders(text):
            if name not in PLACEHOLDERS:
                match = difflib.get_close_matches(name, PLACEHOLDERS, n=1, cutoff=0.5)
                hint = (f"；是否想写 {{{match[0]}}}？" if match else "")
                self.error(line, key, "measures_placeholder", name=name, hint=hint)
                return None
        return text

    def entry(self, data, line, where, phases, costs):
        if not isinstance(data, dict):
            self.error(line, where, "not_mapping", got=describe(data))
            return None
        lines = getattr(data, "lines", {})
        self.keys(data, ENTRY_KEYS, where + ".")
        result = {}
        for key in ("of", "source", "note", "name"):
            if data.get(key) is not None:
                result[key] = self.text(data[key], lines.get(key, line), f"{where}.{key}")
        if data.get("provenance") is not None:
            if data["provenance"] not in ("C", "S", "A"):
                self.error(lines.get("provenance", line), f"{where}.provenance", "bad_choice", choices="C | S | A",
                           got=describe(data["provenance"]))
            result["provenance"] = data["provenance"]
        if "phase" in data:
            phase = data["phase"]
            if isinstance(phase, bool) or not isinstance(phase, int) or phase not in phases:
                self.error(lines.get("phase", line), f"{where}.phase", "measures_phase",
                           known=" ".join(str(p) for p in sorted(phases)), got=describe(phase))
            else:
                result["phase"] = phase
        if data.get("cost") is not None:
            if not isinstance(data["cost"], str) or data["cost"] not in costs:
                self.error(lines.get("cost", line), f"{where}.cost", "measures_cost",
                           known=" ".join(costs), got=describe(data["cost"]))
            else:
                result["cost"] = data["cost"]
        clauses = data.get("measures")
        if not isinstance(clauses, list) or not clauses:
            self.error(lines.get("measures", line), f"{where}.measures", "measures_no_clauses")
            return result
        checked = []
        for index, clause in enumerate(clauses):
            clause_line = clauses.lines[index] if hasattr(clauses, "lines") else line
            checked.append(self.clause(clause, clause_line, f"{where}.measures[{index}]"))
        result["measures"] = checked
        return result


def _shipped_path() -> Path:
    return rules_dir() / "measures.yaml"


_LOADED: dict = {}


def load_measures(path=None) -> dict:
    """The library (see _read_measures), read and checked once per process for each file — every document
    of a run shares it, and reading it per school cost more than rendering — keyed by the file's size and
    time (and the shipped file's, which a county's own extends). The caller owns what it gets: a copy."""
    def stamp(file):
        stat = Path(file).stat()
        return str(file), stat.st_size, stat.st_mtime_ns
    try:
        key = (stamp(_shipped_path()), None if path is None else stamp(Path(path).resolve()))
    except OSError:
        return _read_measures(path)            # the reader words what is wrong with the path
    if key not in _LOADED:
        _LOADED[key] = _read_measures(path)
    return _copy(_LOADED[key])


def _copy(value):
    """A copy of the library (dicts, lists and scalars only): 200 times quicker than copy.deepcopy."""
    if isinstance(value, dict):
        return {key: _copy(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return value


def _read_measures(path=None) -> dict:
    """The library as a plain dict {phases, phase_notes, items, fallback, …}; InputErrors if bad.

    A county's file may leave out `phases`, `phase_notes`, `school_phase_notes` and `fallback`: the shipped ones
    are used. Its `items` replace the shipped items (a county's library is its own).
    """
    shipped = path is None
    path = Path(path) if path else _shipped_path()
    try:
        data = read_yaml(path)
    except InputError as err:
        raise InputErrors([err]) from None
    check = _Check(path)
    if not isinstance(data, dict):
        raise InputErrors([InputError(path, getattr(data, "line", 1), None, "not_mapping", got=describe(data))])
    base = {} if shipped else load_measures(None)
    check.keys(data, TOP_KEYS, "")
    lines = getattr(data, "lines", {})
    result = {key: data[key] for key in ("id", "name", "source", "provenance") if isinstance(data.get(key), str)}

    phases = {}
    for key in ("phases", "phase_notes", "school_phase_notes"):
        raw = data.get(key)
        if raw is None:
            result[key] = dict(base.get(key, {}))
            continue
        if not isinstance(raw, dict):
            check.error(lines.get(key), key, "not_mapping", got=describe(raw))
            continue
        table = {}
        for number, text in raw.items():
            at = raw.lines.get(number) if hasattr(raw, "lines") else None
            # keys are read as text (yaml_source.read_yaml): "1" … "9"
            if not (isinstance(number, str) and number.isdecimal() and 1 <= int(number) <= 9):
                check.error(at, f"{key}.{number}", "expected_count", unit="1–9", got=describe(number))
                continue
            number = int(number)
            value = check.text(text, at, f"{key}.{number}")
            if value is not None:
                table[number] = value
        result[key] = table
    phases = set(result.get("phases") or {1: "", 2: "", 3: ""})

    costs = list(load_costs())
    items = data.get("items")
    if not isinstance(items, dict):
        check.error(lines.get("items", getattr(data, "line", None)), "items", "not_mapping", got=describe(items))
        items = {}
    result["items"] = {}
    for item_id, entry in items.items():
        at = items.lines.get(item_id) if hasattr(items, "lines") else None
        result["items"][str(item_id)] = check.entry(entry, at, f"items.{item_id}", phases, costs)
    if data.get("fallback") is not None:
        result["fallback"] = check.entry(data["fallback"], lines.get("fallback"), "fallback", phases, costs)
    elif base:
        result["fallback"] = base["fallback"]
    else:
        check.error(getattr(data, "line", None), "fallback", "missing_key", name="fallback", label="兜底措施")
    if check.errors:
        raise InputErrors(check.errors)
    return result
