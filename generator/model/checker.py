"""Every key and value of a fact file checked against generator.model.schema, with file, line and key
for each problem (InputError); builds the School / County / Centre."""
from __future__ import annotations

import datetime as _dt
import difflib
import unicodedata
from pathlib import Path


from generator.io import limits
from generator.model import schema
from generator.errors import InputError, InputErrors
from generator.i18n import FALSE_WORDS, TRUE_WORDS
from generator.io.sanitize import bad_char
from generator.model.lines import LineDict, LineList

from generator.io.yaml_source import read_source
from generator.model.subjects import Centre, County, School
from generator.model.values import (_PERCENT, _describe, _plain_whole, as_plain, number_limit, parse_number, parse_rate)


class _Checker:
    """Walks one fact file, coercing values and collecting InputErrors."""

    def __init__(self, path: Path):
        self.path = path
        self.errors: list[InputError] = []

    def error(self, line, key, msg_id, **params):
        self.errors.append(InputError(self.path, line, key, msg_id, **params))

    def number_error(self, line, key, raw, msg_id, **params):
        """A value that is not an acceptable number: say so by the limit it breaks, if any."""
        over = number_limit(raw)
        if over is not None:
            self.error(line, key, over[0], **over[1])
        else:
            self.error(line, key, msg_id, **params)

    # -- top level
    def top(self, data):
        if data is None:
            self.error(None, None, "empty_file")
            return None
        if not isinstance(data, dict):
            self.error(getattr(data, "line", 1), None, "not_mapping", got=_describe(data))
            return None
        kind_raw = data.get("kind", data.get("类型"))
        kind = schema.ENUM_ALIASES["kind"].get(kind_raw, kind_raw) if isinstance(kind_raw, str) else None
        if kind not in schema.FIELDS_BY_KIND:
            if kind_raw is None:
                self.error(getattr(data, "line", 1), "kind", "missing_key", name="kind", label="类型")
            else:
                self.error(_line(data, "kind", "类型"), "kind", "bad_kind", got=_describe(kind_raw))
            return None
        if kind == "school":
            return self.school(data)
        if kind == "county":
            return self.county(data)
        return self.centre(data)

    def mapping(self, data, fields, kind, prefix=""):
        """Map every key (English or Chinese) to its Field and coerce its value."""
        index = _field_index(fields)
        values, lines = {}, {}
        for raw_key, raw_value in data.items():
            line = data.lines.get(raw_key) if isinstance(data, LineDict) else None
            fld = index.get(raw_key) or index.get(unicodedata.normalize("NFKC", str(raw_key)).strip())
            path = prefix + str(raw_key)
            if fld is None:
                self.unknown_key(line, path, raw_key, fields, kind)
                continue
            if fld.key in values:
                self.error(line, prefix + fld.key, "duplicate_key", first=lines[fld.key])
                continue
            lines[fld.key] = line
            if raw_value is None:
                continue  # left blank: the fact is absent (reported as missing where needed)
            coerced = self.coerce(fld, raw_value, line, prefix + fld.key)
            if coerced is not _INVALID:
                values[fld.key] = coerced
        for fld in fields:
            if fld.key == "schools" and getattr(self, "allow_empty_county", False):
                continue
            if fld.required and fld.key not in values and (fld.key not in lines or data_is_blank(data, fld)):
                self.error(getattr(data, "line", None), prefix + fld.key, "missing_key",
                           name=fld.key, label=fld.label)
        return values, lines

    def unknown_key(self, line, path, raw_key, fields, kind):
        spellings = []
        for fld in fields:
            spellings.extend([fld.key, fld.label, *fld.labels])
        match = difflib.get_close_matches(str(raw_key), spellings, n=1, cutoff=0.5)
        if match:
            fld = schema.field_index(fields)[match[0]]
            suggestion = f"{fld.key}（{fld.label}）"
            self.errors.append(InputError(self.path, line, path, "unknown_key", "did_you_mean",
                                          {"suggestion": suggestion}, name=raw_key))
        else:
            self.errors.append(InputError(self.path, line, path, "unknown_key", "known_keys",
                                          {"kind": kind}, name=raw_key))

    # -- one value
    def coerce(self, fld, raw, line, path):
        method = _COERCERS.get(fld.type)
        if method is None:
            method = _COERCERS[fld.type] = getattr(_Checker, "_t_" + fld.type)
        return method(self, fld, raw, line, path)

    def _t_str(self, fld, raw, line, path):
        if isinstance(raw, bool) or raw is None or isinstance(raw, (dict, list)):
            self.error(line, path, "expected_text", got=_describe(raw))
            return _INVALID
        text = raw.isoformat() if isinstance(raw, (_dt.date, _dt.time)) else str(raw).strip()
        return self.text_ok(text, line, path)

    def text_ok(self, text, line, path):
        """Text within the limits: no control characters, at most limits.MAX_TEXT characters."""
        code = bad_char(text)
        if code is not None:
            self.error(line, path, "text_bad_char", code=code)
            return _INVALID
        if len(text) > limits.MAX_TEXT:
            self.error(line, path, "text_too_long", length=f"{len(text):,}", limit=f"{limits.MAX_TEXT:,}")
            return _INVALID
        return text

    def _t_any(self, fld, raw, line, path):
        return raw

    def _t_int(self, fld, raw, line, path):
        value = parse_number(raw)
        if value is None or value != value.to_integral_value():
            self.number_error(line, path, raw, "expected_int", got=_describe(raw))
            return _INVALID
        if value < 0:        # a year, a number of news items, a line: never below zero
            self.error(line, path, "negative", got=_describe(raw))
            return _INVALID
        return int(value)

    def _t_date(self, fld, raw, line, path):
        if isinstance(raw, _dt.date):
            return raw.isoformat()
        if isinstance(raw, str):
            try:
                return _dt.date.fromisoformat(unicodedata.normalize("NFKC", raw).strip()).isoformat()
            except ValueError:
                pass
        self.error(line, path, "expected_date", got=_describe(raw))
        return _INVALID

    def _t_enum(self, fld, raw, line, path):
        aliases = schema.ENUM_ALIASES.get(fld.key, {})
        value = aliases.get(raw, raw) if isinstance(raw, str) else raw
        if value not in fld.choices:
            self.error(line, path, "bad_choice", choices=" | ".join(fld.choices), got=_describe(raw))
            return _INVALID
        return value

    def _t_bool(self, fld, raw, line, path):
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str):
            text = raw.strip()
            if text in TRUE_WORDS:
                return True
            if text in FALSE_WORDS:
                return False
        self.error(line, path, "expected_bool", got=_describe(raw))
        return _INVALID

    def _t_number(self, fld, raw, line, path):
        if type(raw) is int and _plain_whole(raw):
            return raw          # what parse_number and as_plain give for it
        value = parse_number(raw, fld.unit)
        if value is None:
            self.number_error(line, path, raw, "expected_number", unit=fld.unit or "-", got=_describe(raw))
            return _INVALID
        if value < 0:
            self.error(line, path, "negative", got=_describe(raw))
            return _INVALID
        return as_plain(value)

    def _t_count(self, fld, raw, line, path):
        if type(raw) is int and _plain_whole(raw):
            return raw
        value = parse_number(raw, fld.unit)
        if value is None or value != value.to_integral_value() or value < 0:
            self.number_error(line, path, raw, "expected_count", unit=fld.unit or "-", got=_describe(raw))
            return _INVALID
        return int(value)

    def _t_rate(self, fld, raw, line, path):
        value = parse_rate(raw)
        if value is None:
            self.number_error(line, path, raw, "expected_rate", got=_describe(raw))
            return _INVALID
        return float(value)

    def _t_count_list(self, fld, raw, line, path):
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=_describe(raw))
            return _INVALID
        result = []
        for index, item in enumerate(raw):
            item_line = raw.lines[index] if isinstance(raw, LineList) else line
            value = self._t_count(fld, item, item_line, f"{path}[{index}]")
            if value is _INVALID:
                return _INVALID
            result.append(value)
        return result

    def _t_str_list(self, fld, raw, line, path):
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=_describe(raw))
            return _INVALID
        result = []
        for index, item in enumerate(raw):
            value = self._t_str(fld, item, line, f"{path}[{index}]")
            if value is _INVALID:
                return _INVALID
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
                    self.error(part_line, f"{path}.{part}", "stage_map_keys", got=_describe(part))
                    return _INVALID
                value = self._t_count(fld, count, part_line, f"{path}.{part}")
                if value is _INVALID:
                    return _INVALID
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
            self.error(line, path, "not_mapping", got=_describe(raw))
            return _INVALID
        result = {}
        for name, item in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            value = read_item(fld, item, item_line, f"{path}.{name}")
            if value is _INVALID:
                return _INVALID
            result[read_name(name)] = value
        return result

    def _t_labs(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=_describe(raw))
            return _INVALID
        by_label = {label: key for key, label in schema.LAB_LABELS.items()}
        result = {}
        for name, count in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            lab = by_label.get(name, name)
            if lab not in schema.LAB_LABELS:
                choices = " | ".join(f"{k} {v}" for k, v in schema.LAB_LABELS.items())
                self.error(item_line, f"{path}.{name}", "bad_choice", choices=choices, got=_describe(name))
                return _INVALID
            value = self._t_count(fld, count, item_line, f"{path}.{name}")
            if value is _INVALID:
                return _INVALID
            result[lab] = value
        return result

    def _t_subjects(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=_describe(raw))
            return _INVALID
        by_label = {label: key for key, label in schema.SUBJECT_LABELS.items()}
        result, first_lines = {}, {}
        for name, entry in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            subject = by_label.get(name, str(name))
            if subject in first_lines:    # music and 音乐 both written: one subject counted twice
                self.error(item_line, f"{path}.{name}", "duplicate_key", first=first_lines[subject])
                return _INVALID
            first_lines[subject] = item_line
            if not isinstance(entry, dict):
                self.error(item_line, f"{path}.{name}", "subject_entry", subject=name)
                return _INVALID
            counts = {}
            for raw_key, value in entry.items():
                key = {"应配": "required", "实配": "actual"}.get(raw_key, raw_key)
                if key not in ("required", "actual"):
                    self.error(item_line, f"{path}.{name}", "subject_entry", subject=name)
                    return _INVALID
                count = self._t_count(fld, value, item_line, f"{path}.{name}.{key}")
                if count is _INVALID:
                    return _INVALID
                counts[key] = count
            if set(counts) != {"required", "actual"}:
                self.error(item_line, f"{path}.{name}", "subject_entry", subject=name)
                return _INVALID
            result[subject] = counts
        return result

    def _t_series(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=_describe(raw))
            return _INVALID
        result = {}
        for name, series in raw.items():
            item_line = raw.lines.get(name) if isinstance(raw, LineDict) else line
            if not isinstance(series, list):
                self.error(item_line, f"{path}.{name}", "expected_list", got=_describe(series))
                return _INVALID
            values = []
            for item in series:
                # growth rates may be negative: "-1.5%" or -0.015
                text = unicodedata.normalize("NFKC", item).strip() if isinstance(item, str) else item
                match = _PERCENT.match(text) if isinstance(text, str) else None
                number = parse_number(match.group(1)) if match else parse_number(text)
                if number is not None and match:
                    number = number / 100
                if number is None:
                    self.number_error(item_line, f"{path}.{name}", item, "expected_number", unit="%",
                                      got=_describe(item))
                    return _INVALID
                values.append(float(number))
            result[str(name)] = values
        return result

    def _t_claims(self, fld, raw, line, path):
        return self._entries(raw, line, path, schema.CLAIM_FIELDS, "claim")

    def _t_breakdowns(self, fld, raw, line, path):
        return self._entries(raw, line, path, schema.BREAKDOWN_FIELDS, "breakdown")

    def _t_centre_schools(self, fld, raw, line, path):
        return self._entries(raw, line, path, schema.CENTRE_SCHOOL_FIELDS, "centre")

    def _entries(self, raw, line, path, fields, kind):
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=_describe(raw))
            return _INVALID
        result = []
        for index, item in enumerate(raw):
            item_line = raw.lines[index] if isinstance(raw, LineList) else line
            if not isinstance(item, dict):
                self.error(item_line, f"{path}[{index}]", "not_mapping", got=_describe(item))
                continue
            values, _ = self.mapping(item, fields, kind, prefix=f"{path}[{index}].")
            values.setdefault("line", item_line)
            raws = getattr(item, "raws", {})
            for spelling in ("value", "声明值", "total", "合计"):
                if spelling in raws and isinstance(item.get(spelling), (int, float, str)):
                    values.setdefault("written" if spelling in ("value", "声明值") else "total_written",
                                      raws[spelling])
            result.append(values)
        return result

    def _t_government(self, fld, raw, line, path):
        if not isinstance(raw, dict):
            self.error(line, path, "not_mapping", got=_describe(raw))
            return _INVALID
        values, lines = self.mapping(raw, schema.GOVERNMENT_FIELDS, "county", prefix=path + ".")
        values["_lines"] = lines
        return values

    def _t_schools(self, fld, raw, line, path):
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=_describe(raw))
            return _INVALID
        return raw  # resolved in county(), where the file's directory is known

    # -- the three kinds
    def school(self, data, prefix=""):
        values, lines = self.mapping(data, schema.SCHOOL_FIELDS, "school", prefix=prefix)
        stage = values.get("stage")
        if stage is not None:
            self.check_stage_counts(values, lines, stage, prefix)
        classes, sizes = values.get("classes"), values.get("class_sizes")
        if classes is not None and sizes and len(sizes) != classes:
            self.error(lines.get("class_sizes"), prefix + "class_sizes", "class_sizes_count",
                       got=len(sizes), classes=classes)
        if "name" not in values or stage is None or "students" not in values:
            return None
        return School(name=values["name"], stage=stage, facts=values, file=str(self.path), lines=lines)

    def check_stage_counts(self, values, lines, stage, prefix):
        parts = schema.STAGE_PARTS[stage]
        stage_label = schema.STAGE_LABELS[stage]
        for key in schema.STAGE_COUNT_KEYS:
            if key not in values:
                continue
            value, line, path = values[key], lines.get(key), prefix + key
            if isinstance(value, int):
                if len(parts) > 1:
                    self.error(line, path, "stage_needs_map", stage=stage_label)
                    del values[key]
                else:
                    values[key] = {parts[0]: value}
                continue
            bad = False
            for part in parts:
                if part not in value:
                    self.error(line, path, "stage_missing_part", stage=stage_label, part=part)
                    bad = True
            for part, count in list(value.items()):
                if part not in parts:
                    if count:
                        self.error(line, path, "stage_extra_part", stage=stage_label, part=part)
                        bad = True
                    else:
                        del value[part]  # e.g. senior: 0 written for a 九年一贯制 school
            if bad:
                del values[key]

    def county(self, data):
        values, lines = self.mapping(data, schema.COUNTY_FIELDS, "county")
        schools = []
        names = {}
        for index, entry in enumerate(values.get("schools") or []):
            entry_line = data["schools"].lines[index] if isinstance(data.get("schools"), LineList) else None
            school = None
            if isinstance(entry, str):
                school_path = (self.path.parent / entry)
                if not school_path.exists() and not school_path.is_symlink():
                    self.error(entry_line, f"schools[{index}]", "school_path_missing", path=entry)
                    continue
                try:
                    school_data = read_source(school_path)
                except InputError as err:
                    self.errors.append(err)
                    continue
                except InputErrors as errs:
                    self.errors.extend(errs.errors)
                    continue
                sub = _Checker(school_path)
                if not isinstance(school_data, dict):
                    sub.error(getattr(school_data, "line", 1), None, "not_mapping",
                              got=_describe(school_data))
                else:
                    kind = school_data.get("kind", school_data.get("类型"))
                    if not isinstance(kind, str) or schema.ENUM_ALIASES["kind"].get(kind, kind) != "school":
                        sub.error(_line(school_data, "kind", "类型"), "kind", "wrong_kind",
                                  expected="school", got=_describe(kind))
                    else:
                        school = sub.school(school_data)
                self.errors.extend(sub.errors)
            elif isinstance(entry, dict):
                add_school_kind(entry)
                school = self.school(entry, prefix=f"schools[{index}].")
            else:
                self.error(entry_line, f"schools[{index}]", "not_mapping", got=_describe(entry))
            if school is not None:
                if school.name in names:
                    self.error(entry_line, f"schools[{index}]", "duplicate_school", name=school.name)
                names[school.name] = True
                schools.append(school)
        if not getattr(self, "allow_empty_county", False):
            if "schools" in values and not values["schools"]:
                self.error(lines.get("schools"), "schools", "no_schools")
        else:
            values.setdefault("schools", [])
        if "name" not in values:
            return None
        government = values.pop("government", None) or {}
        return County(name=values["name"], facts=values, schools=schools, government=government,
                      file=str(self.path), lines=lines)

    def centre(self, data):
        values, lines = self.mapping(data, schema.CENTRE_FIELDS, "centre")
        if "name" not in values:
            return None
        return Centre(name=values["name"], facts=values, schools=values.get("schools") or [],
                      file=str(self.path))


_INVALID = object()
_COERCERS: dict = {}        # field type → _Checker._t_<type>
_INDEXES: dict = {}


def _field_index(fields) -> dict:
    """schema.field_index, built once per field tuple (read only here)."""
    cached = _INDEXES.get(id(fields))
    if cached is None or cached[0] is not fields:
        cached = _INDEXES[id(fields)] = (fields, schema.field_index(fields))
    return cached[1]


def add_school_kind(entry: dict) -> None:
    """An inline school of a county is a school: say so, unless it says so itself in any
    spelling (`kind:` or `类型:` — adding `kind` beside `类型` would be a duplicate key)."""
    index = schema.field_index(schema.SCHOOL_FIELDS)
    for key in entry:
        fld = index.get(key) or index.get(unicodedata.normalize("NFKC", str(key)).strip())
        if fld is not None and fld.key == "kind":
            return
    entry["kind"] = "school"
    if isinstance(entry, LineDict):
        entry.lines.setdefault("kind", entry.line)


def data_is_blank(data, fld) -> bool:
    """A required key written but left empty (`name:`) counts as missing."""
    for spelling in (fld.key, fld.label, *fld.labels):
        if spelling in data:
            return data[spelling] is None
    return False


def _line(data, *keys):
    lines = getattr(data, "lines", {})
    for key in keys:
        if key in lines:
            return lines[key]
    return getattr(data, "line", None)

