"""The unit costs: rules/costs.yaml, with a county's file (--costs) overriding any key.

Read by the 整改方案 (render/plan.py), the least-cost plan and the measures file's check of cost keys."""
from __future__ import annotations

import difflib
from pathlib import Path

import yaml

from generator.errors import InputError, InputErrors
from generator.resources import rules_dir
from generator.io.yaml_source import read_yaml
from generator.model.lines import LineDict
from generator.model.values import parse_number
from generator.sanitize import bad_char
from generator.model.values import describe


def _bad_char(text: str) -> bool:
    return bad_char(text) is not None


_SHIPPED: dict = {}


def _shipped_items() -> dict:
    """rules/costs.yaml's items, read once per process (every document of a run shares them; reading
    them per school cost more than rendering): keyed by the file's size and time, so an edited file
    is read again."""
    path = rules_dir() / "costs.yaml"
    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    items = _SHIPPED.get(key)
    if items is None:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        items = _SHIPPED[key] = {key_: dict(value) for key_, value in data["items"].items()}
    return items


def load_costs(override=None) -> dict:
    """Unit costs: rules/costs.yaml, with a county's file (--costs) overriding any key. The caller
    owns what it gets (a fresh copy each call)."""
    items = {key: dict(value) for key, value in _shipped_items().items()}
    if override is None:
        return items
    override = Path(override)
    try:
        raw = read_yaml(override)
    except InputError as err:
        raise InputErrors([err]) from None
    if isinstance(raw, dict) and isinstance(raw.get("items"), dict):
        raw = raw["items"]
    if not isinstance(raw, dict):
        raise InputErrors([InputError(override, getattr(raw, "line", 1), None, "not_mapping",
                                      got=describe(raw))])
    errors = []
    for key, value in raw.items():
        line = raw.lines.get(key) if isinstance(raw, LineDict) else None
        if key in ("id", "name", "provenance"):
            continue
        if key not in items:
            match = difflib.get_close_matches(str(key), list(items), n=1, cutoff=0.5)
            if match:
                errors.append(InputError(override, line, str(key), "costs_unknown_key", "did_you_mean",
                                         {"suggestion": f"{match[0]}（{items[match[0]]['name']}）"}, name=key))
            else:
                errors.append(InputError(override, line, str(key), "costs_unknown_key", "costs_known_keys",
                                         {"keys": "、".join(items)}, name=key))
            continue
        note = None
        if isinstance(value, dict):
            note = value.get("note")
            value = value.get("value")
        number = parse_number(value)
        if number is None or number < 0:
            errors.append(InputError(override, line, str(key), "costs_bad_value", got=describe(value)))
            continue
        if note is not None and (not isinstance(note, str) or len(note) > 500 or _bad_char(note)):
            errors.append(InputError(override, line, f"{key}.note", "expected_text", got=describe(note)))
            continue
        items[key]["value"] = number
        items[key]["note"] = note or f"本县单价（{override.name}）"
        items[key]["overridden"] = True
    if errors:
        raise InputErrors(errors)
    return items
