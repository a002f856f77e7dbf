"""One place for messages: every message id a module under generator/ asks for is in
generator.i18n's table, in Chinese and English, as soon as i18n alone is imported.

The ids are found in the code (ast): the first argument of i18n.message(), and the `msg_id` / `hint_id`
argument of InputError and of every function that passes a message id on (it names a parameter msg_id,
hint_id or hint). The table is read in a fresh interpreter that imports nothing but generator.i18n, so a
message registered as a side effect of importing the module that shows it would be missing here.
"""
from __future__ import annotations

import ast
import functools
import json
import re
import string
import subprocess
import sys

from conftest import REPO
from source_trees import generator_trees

GENERATOR = REPO / "generator"
MESSAGE_ID = re.compile(r"^[a-z][a-z0-9_/]*$")
ID_PARAMS = ("msg_id", "hint_id", "hint")


def _trees():
    return generator_trees()


def _id_positions() -> dict[str, set[int]]:
    """Function name → positions (self not counted) of its message-id parameters."""
    positions: dict[str, set[int]] = {"message": {0}}
    for _, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
                func = node
                if isinstance(node, ast.ClassDef):       # a class is called through its __init__
                    inits = [n for n in node.body if isinstance(n, ast.FunctionDef) and n.name == "__init__"]
                    if not inits:
                        continue
                    func = inits[0]
                names = [a.arg for a in func.args.args]
                if names and names[0] in ("self", "cls"):
                    names = names[1:]
                for index, name in enumerate(names):
                    if name in ID_PARAMS:
                        positions.setdefault(node.name, set()).add(index)
    return positions


@functools.cache
def _scanned_ids() -> dict[str, tuple[str, ...]]:
    return {key: tuple(places) for key, places in _used_ids_scan().items()}


def _used_ids() -> dict[str, list[str]]:
    """message id → the places (module:line) that ask for it (scanned once, a fresh copy each call)."""
    return {key: list(places) for key, places in _scanned_ids().items()}


def _used_ids_scan() -> dict[str, list[str]]:
    """message id → the places (module:line) that ask for it."""
    positions = _id_positions()
    used: dict[str, list[str]] = {}
    for name, tree in _trees():
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else None
            if called not in positions:
                continue
            args = [a for i, a in enumerate(node.args) if i in positions[called]]
            args += [kw.value for kw in node.keywords if kw.arg in ID_PARAMS]
            for arg in args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and MESSAGE_ID.match(arg.value):
                    used.setdefault(arg.value, []).append(f"{name}:{node.lineno}")
    return used


def _table_from_a_fresh_interpreter():
    code = ("import json, sys; from generator import i18n; "
            "print(json.dumps({'messages': i18n.MESSAGES, "
            "'loaded': sorted(m for m in sys.modules if m.startswith('generator'))}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_the_scan_finds_the_ids_it_must():
    used = _used_ids()
    # one through each way of asking: message(), InputError(…), a wrapper's msg_id, a hint, a keyword
    for known in ("doc_written", "unknown_key", "did_you_mean", "web_zip_bad", "doc_output_required",
                  "slogan_none_selected", "output_exists", "lc_needs_flag"):
        assert known in used, known
    assert len(used) > 100


def test_every_message_id_in_use_exists_in_zh_and_en_with_i18n_alone():
    found = _table_from_a_fresh_interpreter()
    # i18n needs nothing but its own tables: no module that shows a message was imported to make it exist
    assert all(m in ("generator", "generator.i18n") or m.startswith("generator.messages")
               for m in found["loaded"]), found["loaded"]
    table = found["messages"]
    missing = {key: places for key, places in _used_ids().items()
               if key not in table or not table[key].get("zh") or not table[key].get("en")}
    assert missing == {}, missing


def test_both_languages_take_the_same_parameters():
    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    table = _table_from_a_fresh_interpreter()["messages"]
    differ = {key: (fields(entry["zh"]), fields(entry["en"])) for key, entry in table.items()
              if "en" in entry and fields(entry["zh"]) != fields(entry["en"])}
    assert differ == {}, differ


def test_no_message_id_is_defined_twice():
    # i18n merges the area tables into its own with dict.update: a second definition would silently
    # replace the first, so the core table (i18n.py's literal) and every area table are disjoint
    from generator.messages import TABLES
    tree = ast.parse((GENERATOR / "i18n.py").read_text(encoding="utf-8"))
    core = next(node.value for node in tree.body if isinstance(node, ast.AnnAssign)
                and node.target.id == "MESSAGES")
    keys = [key.value for key in core.keys] + [key for table in TABLES for key in table]
    assert "status_pass" in keys and "doc_written" in keys
    assert sorted({key for key in keys if keys.count(key) > 1}) == []


def test_no_module_outside_i18n_adds_messages():
    found = []
    for name, tree in _trees():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "MESSAGES" and name != "generator/i18n.py":
                found.append((name, node.lineno))
            if isinstance(node, ast.alias) and node.name == "MESSAGES" and name != "generator/i18n.py":
                found.append((name, "import"))
    assert found == [], found
