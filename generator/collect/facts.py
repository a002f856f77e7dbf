"""A school's or the county's facts as the API receives them (JSON, English keys or their Chinese labels,
numbers or "13,125"), checked by the same checker as `junheng check` (generator.model.checker), and the
mapping that is stored: English keys, each simple value as the checker read it, structured values (claims,
breakdowns) as written. A stored mapping read back gives the same facts; if a value would not, the written
value is kept instead.
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path

from generator.errors import InputError
from generator.i18n import message
from generator.model import schema
from generator.model.checker import Checker

SCHOOL_INDEX = schema.field_index(schema.SCHOOL_FIELDS)
COUNTY_INDEX = schema.field_index(schema.COUNTY_FIELDS)
# keys that may be missing in a draft: the school fills them in over several sittings
INCOMPLETE = ("missing_key",)
_KEEP_AS_WRITTEN = ("claims", "breakdowns")


def _english(mapping: dict, index: dict) -> dict:
    out = {}
    for key, value in mapping.items():
        fld = index.get(key) or index.get(unicodedata.normalize("NFKC", str(key)).strip())
        out[fld.key if fld is not None and fld.key not in out else key] = value
    return out


def field_errors(errors: list[InputError], lang: str = "zh") -> list[dict]:
    """[{"field", "message"}]: the checker's errors without the file (there is none), in the user's language."""
    rows = []
    for err in errors:
        if err.msg_id == "missing_key":     # said beside the field on the form: its name, not the file's key
            text = message("col_required", lang, label=err.params.get("label") or err.params.get("name", ""))
        else:
            text = message(err.msg_id, lang, **err.params)
        if err.hint_id:
            text += message(err.hint_id, lang, **err.hint_params)
        field = (err.key or "").removeprefix("schools[0].")
        rows.append({"field": field, "message": text, "incomplete": err.msg_id in INCOMPLETE})
    return rows


def _plain(value):
    """The checker's value as JSON can hold it, or None when it cannot (then the written value is stored)."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return json.loads(text)


class Checked:
    """The outcome of checking one mapping: what to store, the field errors, and the checked subject."""

    def __init__(self, stored: dict, errors: list[dict], subject):
        self.stored, self.errors, self.subject = stored, errors, subject

    @property
    def unusable(self) -> list[dict]:
        """Errors of a value that cannot be used (not merely a fact still to be filled in)."""
        return [e for e in self.errors if not e["incomplete"]]

    @property
    def complete(self) -> bool:
        return not self.errors and self.subject is not None


def check_school(mapping: dict, name: str, stage: str | None, lang: str = "zh") -> Checked:
    """Check a school's facts; the school's name (and stage, when the county set it) come from the campaign."""
    if not isinstance(mapping, dict):
        return Checked({}, [{"field": "", "message": message("not_mapping", lang, got=type(mapping).__name__),
                             "incomplete": False}], None)
    data = _english(mapping, SCHOOL_INDEX)
    data.pop("kind", None)
    data["name"] = name
    if stage and "stage" not in data:
        data["stage"] = stage
    checker = Checker(Path(name))
    subject = checker.top({"kind": "school", **data})
    errors = field_errors(checker.errors, lang)
    stored = {}
    for key, value in data.items():
        plain = None
        if subject is not None and key not in _KEEP_AS_WRITTEN and key in subject.facts:
            plain = _plain(subject.facts[key])
        fld = SCHOOL_INDEX.get(key)
        if plain is None and fld is not None and fld.type == "enum" and isinstance(value, str):
            plain = schema.ENUM_ALIASES.get(key, {}).get(value.strip(), value)   # 小学 → primary, even in a draft
        stored[key] = value if plain is None else plain
    if subject is not None and not errors:
        again = Checker(Path(name)).top({"kind": "school", **stored})
        if again is None or _comparable(again.facts) != _comparable(subject.facts):
            stored = dict(data)
    return Checked(stored, errors, subject)


def _comparable(facts: dict) -> str:
    return json.dumps(facts, ensure_ascii=False, sort_keys=True, default=str)


def check_county(mapping: dict, lang: str = "zh") -> tuple[dict, list[dict], list]:
    """The county file's own facts (without schools) checked; (stored, errors, school entries)."""
    if not isinstance(mapping, dict):
        return {}, [{"field": "", "message": message("not_mapping", lang, got=type(mapping).__name__),
                     "incomplete": False}], []
    data = _english(mapping, COUNTY_INDEX)
    entries = data.pop("schools", None) or []
    data.pop("kind", None)
    checker = Checker(Path("county"))
    checker.allow_empty_county = True
    checker.top({"kind": "county", **data, "schools": []})
    errors = [e for e in field_errors(checker.errors, lang) if not (e["incomplete"] and e["field"] == "name")]
    return data, errors, entries
