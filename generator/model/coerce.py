"""One written value of a fact file → the value of its field type (generator.model.schema `type`), or an
InputError naming file, line and key. The file's structure (keys, the three kinds, a county's school
files) is generator.model.checker's job; it reads every value through ValueReader.coerce."""
from __future__ import annotations

import datetime as _dt
import unicodedata
from pathlib import Path

from generator.errors import ErrorList, InputError
from generator.i18n import FALSE_WORDS, TRUE_WORDS
from generator import limits
from generator.sanitize import bad_char
from generator.model import schema
from generator.model.lines import LineDict, LineList
from generator.model.values import (
    PERCENT,
    written_date,
    describe,
    plain_whole,
    as_plain,
    number_limit,
    parse_number,
    parse_rate,
)

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
INVALID = object()          # a value that could not be read (its error is recorded)
ABSENT = object()           # a value that says nothing (an empty series inside a table): the fact is absent
_COERCERS: dict = {}        # (reader class, field type) → its _t_<type> method


class ValueReader:
    """Reads values by field type, collecting InputErrors (a file's problems are all reported at once).

    `as_stated`: the facts are what a report states, read to be audited (`junheng audit`): a 0 that a
    standard divides by is then the audit's finding, not a refusal."""

    as_stated = False

    def __init__(self, path: Path):
        self.path = path
        self.errors: ErrorList = ErrorList()      # the first MAX_ERRORS, the rest counted

    def error(self, line, key, msg_id, **params):
        self.errors.append(InputError(self.path, line, key, msg_id, **params))

    def number_error(self, line, key, raw, msg_id, **params):
        """A value that is not an acceptable number: say so by the limit it breaks, if any."""
        over = number_limit(raw)
        if over is not None:
            self.error(line, key, over[0], **over[1])
        else:
            self.error(line, key, msg_id, **params)

    def coerce(self, fld, raw, line, path):
        key = (type(self), fld.type)
        method = _COERCERS.get(key)
        if method is None:
            method = _COERCERS[key] = getattr(type(self), "_t_" + fld.type)
        return method(self, fld, raw, line, path)

    def _t_str(self, fld, raw, line, path):
        if isinstance(raw, bool) or raw is None or isinstance(raw, (dict, list)):
            self.error(line, path, "expected_text", got=describe(raw))
            return INVALID
        text = raw.isoformat() if isinstance(raw, (_dt.date, _dt.time)) else str(raw)
        # characters that show nothing (zero-width space, joiners, a BOM pasted inside): "东社\u200b小学"
        # would be another school than "东社小学" though no one can see the difference
        text = text.translate(_INVISIBLE).strip()
        return self.text_ok(text, line, path)

    def text_ok(self, text, line, path):
        """Text within the limits: no control characters, at most limits.MAX_TEXT characters."""
        code = bad_char(text)
        if code is not None:
            self.error(line, path, "text_bad_char", code=code)
            return INVALID
        if len(text) > limits.MAX_TEXT:
            self.error(line, path, "text_too_long", length=f"{len(text):,}", limit=f"{limits.MAX_TEXT:,}")
            return INVALID
        return text

    def _t_any(self, fld, raw, line, path):
        return raw

    def _t_int(self, fld, raw, line, path):
        value = parse_number(raw, fld.unit)
        if value is None or value != value.to_integral_value():
            self.number_error(line, path, raw, "expected_int", got=describe(raw))
            return INVALID
        if value < 0:        # a year, a number of news items, a line: never below zero
            self.error(line, path, "negative", got=describe(raw))
            return INVALID
        return int(value)

    def _t_date(self, fld, raw, line, path):
        if isinstance(raw, _dt.date):
            return raw.isoformat()
        found = written_date(raw)
        if found is not None:
            return found.isoformat()
        self.error(line, path, "expected_date", got=describe(raw))
        return INVALID

    def _t_enum(self, fld, raw, line, path):
        aliases = schema.ENUM_ALIASES.get(fld.key, {})
        value = raw
        if isinstance(raw, str):
            # " 小学 ", "小学　", "Primary": one meaning, read as it (blanks, full-width forms, case)
            text = unicodedata.normalize("NFKC", raw).strip()
            value = aliases.get(text, text)
            if value not in fld.choices and text.lower() in fld.choices:
                value = text.lower()
        if value not in fld.choices:
            self.error(line, path, "bad_choice", choices=" | ".join(fld.choices), got=describe(raw))
            return INVALID
        return value

    def _t_bool(self, fld, raw, line, path):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            text = unicodedata.normalize("NFKC", raw).strip()
            if text.isascii():
                text = text.lower()
            if text in TRUE_WORDS:
                return True
            if text in FALSE_WORDS:
                return False
        self.error(line, path, "expected_bool", got=describe(raw))
        return INVALID

    def _t_number(self, fld, raw, line, path):
        if type(raw) is int and plain_whole(raw):
            return raw          # what parse_number and as_plain give for it
        value = parse_number(raw, fld.unit)
        if value is None:
            self.number_error(line, path, raw, "expected_number", unit=fld.unit or "-", got=describe(raw))
            return INVALID
        if value < 0:
            self.error(line, path, "negative", got=describe(raw))
            return INVALID
        return as_plain(value)

    def _t_count(self, fld, raw, line, path, part=None):
        if type(raw) is int and plain_whole(raw):
            value = raw
        else:
            value = parse_number(raw, fld.unit)
            if value is None or value != value.to_integral_value() or value < 0:
                self.number_error(line, path, raw, "expected_count", unit=fld.unit or "-", got=describe(raw))
                return INVALID
            value = int(value)
        if value == 0 and fld.divides and part != "senior" and not self.as_stated:
            # A standard per student (per class) divides by it: 0 has no answer, and a school (or a
            # 学段 of one) without students or classes is a slip of the pen, not a fact to judge.
            # 高中 students only weigh a spanning school's split (criteria §2.3): 0 is a weight.
            label = fld.label if part is None else schema.PART_LABELS[part] + fld.label
            self.error(line, path, "zero_" + fld.divides, label=label)
            return INVALID
        return value

    def _t_rate(self, fld, raw, line, path):
        value = parse_rate(raw)
        if value is None:
            self.number_error(line, path, raw, "expected_rate", got=describe(raw))
            return INVALID
        return float(value)

    def _t_count_list(self, fld, raw, line, path):
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=describe(raw))
            return INVALID
        result = []
        for index, item in enumerate(raw):
            item_line = raw.lines[index] if isinstance(raw, LineList) else line
            value = self._t_count(fld, item, item_line, f"{path}[{index}]")
            if value is INVALID:
                return INVALID
            result.append(value)
        return result

    def _t_str_list(self, fld, raw, line, path):
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=describe(raw))
            return INVALID
        result = []
        for index, item in enumerate(raw):
            value = self._t_str(fld, item, line, f"{path}[{index}]")
            if value is INVALID:
                return INVALID
            result.append(value)
        return result

    def _t_stage_count(self, fld, raw, line, path):
        # Checked against the school's stage later (school()); here only the shape.
        if isinstance(raw, dict):
            result = {}
            for part, count in raw.items():
                part_key = {"小学": "primary", "初中": "junior", "高中": "senior"}.get(part, part)
                part_line = raw.lines.get(part) if isinstance(raw, LineDict) else line
                if part_key not in schema.PART_LABELS:
                    self.error(part_line, f"{path}.{part}", "stage_map_keys", got=describe(part))
                    return INVALID
                if count is None and not fld.required:
                    # one 学段 left empty: that part's value is missing (its verdicts say so), the other
                    # parts are read as given
                    result[part_key] = None
                    continue
                value = self._t_count(fld, count, part_line, f"{path}.{part}", part_key)
                if value is INVALID:
                    return INVALID
                result[part_key] = value
            return result
        return self._t_count(fld, raw, line, path)

    def _t_number_map(self, fld, raw, line, path):
        return self._map_of(fld, raw, line, path, self._t_number, str)

    def _t_text_map(self, fld, raw, line, path):
        # e.g. responsibles: {K3: 图书室 张老师, default: 总务处}
        return self._map_of(fld, raw, line, path, self._t_str, lambda name: str(name).strip())

    def _map_of(self, fld, raw, line, path, read_item, read_name):
        """A mapping name → item, each item read by read_item on its own line."""
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=describe(raw))
            return INVALID
        result = {}
        for name, item in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            value = read_item(fld, item, item_line, f"{path}.{name}")
            if value is INVALID:
                return INVALID
            result[read_name(name)] = value
        return result

    def _t_labs(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=describe(raw))
            return INVALID
        by_label = {label: key for key, label in schema.LAB_LABELS.items()}
        result = {}
        for name, count in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            lab = by_label.get(name, name)
            if lab not in schema.LAB_LABELS:
                choices = " | ".join(f"{k} {v}" for k, v in schema.LAB_LABELS.items())
                self.error(item_line, f"{path}.{name}", "bad_choice", choices=choices, got=describe(name))
                return INVALID
            value = self._t_count(fld, count, item_line, f"{path}.{name}")
            if value is INVALID:
                return INVALID
            result[lab] = value
        return result

    def _t_subjects(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=describe(raw))
            return INVALID
        by_label = {label: key for key, label in schema.SUBJECT_LABELS.items()}
        result, first_lines = {}, {}
        for name, entry in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            subject = by_label.get(name, str(name))
            if subject in first_lines:    # music and 音乐 both written: one subject counted twice
                self.error(item_line, f"{path}.{name}", "duplicate_key", first=first_lines[subject])
                return INVALID
            first_lines[subject] = item_line
            if not isinstance(entry, dict):
                self.error(item_line, f"{path}.{name}", "subject_entry", subject=name)
                return INVALID
            counts = {}
            for raw_key, value in entry.items():
                key = {"应配": "required", "实配": "actual"}.get(raw_key, raw_key)
                if key not in ("required", "actual"):
                    self.error(item_line, f"{path}.{name}", "subject_entry", subject=name)
                    return INVALID
                count = self._t_count(fld, value, item_line, f"{path}.{name}.{key}")
                if count is INVALID:
                    return INVALID
                counts[key] = count
            if set(counts) != {"required", "actual"}:
                self.error(item_line, f"{path}.{name}", "subject_entry", subject=name)
                return INVALID
            result[subject] = counts
        return result

    def _t_series(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=describe(raw))
            return INVALID
        result = {}
        for name, series in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            if series is None or (isinstance(series, (list, dict)) and not series):
                return ABSENT          # one series left empty: the growth of the years is not known
            if not isinstance(series, list):
                self.error(item_line, f"{path}.{name}", "expected_list", got=describe(series))
                return INVALID
            values = []
            for item in series:
                # growth rates may be negative: "-1.5%" or -0.015
                text = unicodedata.normalize("NFKC", item).strip() if isinstance(item, str) else item
                match = PERCENT.match(text) if isinstance(text, str) else None
                number = parse_number(match.group(1)) if match else parse_number(text)
                if number is not None and match:
                    number = number / 100
                if number is None:
                    self.number_error(item_line, f"{path}.{name}", item, "expected_number", unit="%",
                                      got=describe(item))
                    return INVALID
                values.append(float(number))
            result[str(name)] = values
        return result
