"""Every key of a fact file checked against generator.model.schema, with file, line and key for each
problem (InputError); builds the School / County / Centre. Each value is read by its field type in
generator.model.coerce."""
from __future__ import annotations

import difflib
import unicodedata

from generator.errors import InputError, InputErrors
from generator.model import schema
from generator.model.coerce import ABSENT, INVALID, ValueReader
from generator.model.lines import LineDict, LineList
from generator.model.subjects import Centre, County, School
from generator.model.values import describe


class Checker(ValueReader):
    """Walks one fact file, coercing values and collecting InputErrors.

    `read(path)` gives the raw data of a school file a county lists by path (the readers live in io,
    above this layer); without it such an entry is refused as missing."""

    def __init__(self, path, read=None, allow_empty_county: bool = False, as_stated: bool = False):
        super().__init__(path)
        self.read = read
        self.allow_empty_county = allow_empty_county
        self.as_stated = as_stated
        self.government_lines: dict = {}     # the county's government block: key → line or cell

    # -- top level
    def top(self, data):
        if data is None:
            self.error(None, None, "empty_file")
            return None
        if not isinstance(data, dict):
            self.error(getattr(data, "line", 1), None, "not_mapping", got=describe(data))
            return None
        kind_raw = data.get("kind", data.get("类型"))
        kind = schema.ENUM_ALIASES["kind"].get(kind_raw, kind_raw) if isinstance(kind_raw, str) else None
        if kind not in schema.FIELDS_BY_KIND:
            if kind_raw is None:
                self.error(getattr(data, "line", 1), "kind", "missing_key", name="kind", label="类型")
            else:
                self.error(_line(data, "kind", "类型"), "kind", "bad_kind", got=describe(kind_raw))
            return None
        if kind == "school":
            return self.school(data)
        if kind == "county":
            return self.county(data)
        return self.centre(data)

    def mapping(self, data, fields, kind, prefix=""):
        """Map every key (English or Chinese) to its Field and coerce its value."""
        index = _field_index(fields)
        values, lines, emptied = {}, {}, set()
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
            if kind not in _NOT_FACTS and empty_container(fld, raw_value):
                emptied.add(fld.key)
                continue  # an empty table or series: absent too (empty_container)
            coerced = self.coerce(fld, raw_value, line, prefix + fld.key)
            if coerced is not INVALID and coerced is not ABSENT:
                values[fld.key] = coerced
        for fld in fields:
            if fld.key == "schools" and getattr(self, "allow_empty_county", False):
                continue
            if fld.required and fld.key not in values and (fld.key not in lines or fld.key in emptied
                                                           or data_is_blank(data, fld)):
                self.error(getattr(data, "line", None), prefix + fld.key, "missing_key",
                           name=fld.key, label=fld.label)
        return values, lines

    def unknown_key(self, line, path, raw_key, fields, kind):
        if self.errors.full:
            self.errors.skip()    # counted, not worded: finding the closest key is the costly part
            return
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

    # -- values the file's structure holds (entries, the government block, school files)
    def _t_claims(self, fld, raw, line, path):
        return self._entries(raw, line, path, schema.CLAIM_FIELDS, "claim")

    def _t_breakdowns(self, fld, raw, line, path):
        return self._entries(raw, line, path, schema.BREAKDOWN_FIELDS, "breakdown")

    def _t_centre_schools(self, fld, raw, line, path):
        return self._entries(raw, line, path, schema.CENTRE_SCHOOL_FIELDS, "centre")

    def _entries(self, raw, line, path, fields, kind):
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=describe(raw))
            return INVALID
        result = []
        for index, item in enumerate(raw):
            item_line = raw.lines[index] if isinstance(raw, LineList) else line
            if not isinstance(item, dict):
                self.error(item_line, f"{path}[{index}]", "not_mapping", got=describe(item))
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
            self.error(line, path, "not_mapping", got=describe(raw))
            return INVALID
        values, lines = self.mapping(raw, schema.GOVERNMENT_FIELDS, "county", prefix=path + ".")
        self.government_lines = lines
        return values

    def _t_schools(self, fld, raw, line, path):
        if not isinstance(raw, list):
            self.error(line, path, "expected_list", got=describe(raw))
            return INVALID
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
            label = schema.label_of(key)
            if isinstance(value, int):
                if len(parts) > 1:
                    self.error(line, path, "stage_needs_map", stage=stage_label, label=label)
                    del values[key]
                else:
                    values[key] = {parts[0]: value}
                continue
            bad = False
            for part in parts:
                if part not in value:
                    self.error(line, path, "stage_missing_part", stage=stage_label, part=part,
                               part_label=schema.PART_LABELS[part], label=label)
                    bad = True
            for part, count in list(value.items()):
                if part not in parts:
                    if count:
                        self.error(line, path, "stage_extra_part", stage=stage_label, part=part,
                                   part_label=schema.PART_LABELS.get(part, part))
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
                if self.read is None or (not school_path.exists() and not school_path.is_symlink()):
                    self.error(entry_line, f"schools[{index}]", "school_path_missing", path=entry)
                    continue
                try:
                    school_data = self.read(school_path)
                except InputError as err:
                    self.errors.append(err)
                    continue
                except InputErrors as errs:
                    self.errors.extend(errs.errors)
                    continue
                sub = Checker(school_path, self.read, as_stated=self.as_stated)
                if not isinstance(school_data, dict):
                    sub.error(getattr(school_data, "line", 1), None, "not_mapping",
                              got=describe(school_data))
                else:
                    kind = school_data.get("kind", school_data.get("类型"))
                    if not isinstance(kind, str) or schema.ENUM_ALIASES["kind"].get(kind, kind) != "school":
                        sub.error(_line(school_data, "kind", "类型"), "kind", "wrong_kind",
                                  expected="school", got=describe(kind))
                    else:
                        school = sub.school(school_data)
                self.errors.extend(sub.errors)
            elif isinstance(entry, dict):
                add_school_kind(entry)
                school = self.school(entry, prefix=f"schools[{index}].")
            else:
                self.error(entry_line, f"schools[{index}]", "not_mapping", got=describe(entry))
            if school is not None:
                if school.name in names:
                    self.error(entry_line, f"schools[{index}]", "duplicate_school", name=school.name)
                names[school.name] = True
                schools.append(school)
        if not self.allow_empty_county:
            if "schools" in values and not values["schools"]:
                self.error(lines.get("schools"), "schools", "no_schools")
        else:
            values.setdefault("schools", [])
        if "name" not in values:
            return None
        government = values.pop("government", None) or {}
        return County(name=values["name"], facts=values, schools=schools, government=government,
                      file=str(self.path), lines=lines, government_lines=self.government_lines)

    def centre(self, data):
        values, lines = self.mapping(data, schema.CENTRE_FIELDS, "centre")
        if "name" not in values:
            return None
        return Centre(name=values["name"], facts=values, schools=values.get("schools") or [],
                      file=str(self.path))


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
    """A required key written but left empty (`name:`, `students: {}`) counts as missing."""
    for spelling in (fld.key, fld.label, *fld.labels):
        if spelling in data:
            return data[spelling] is None
    return False


# The one rule for empty containers: a fact whose value is a table or a series (class_sizes, labs,
# subject_teachers, funding_growth, a per-学段 count, a map) written as {} or [] says nothing, so it
# is absent — exactly as if the key were left out: `missing` where a verdict needs it, never full
# marks for an empty table. A county's list of schools is the file's structure, not a fact: an
# empty one keeps its own message.
# A report's claims and breakdowns are what a text says, checked as written, not facts.
_STRUCTURE_TYPES = frozenset({"schools", "centre_schools"})
_NOT_FACTS = frozenset({"claim", "breakdown"})


def empty_container(fld, raw) -> bool:
    return isinstance(raw, (dict, list)) and not raw and fld.type not in _STRUCTURE_TYPES


def _line(data, *keys):
    lines = getattr(data, "lines", {})
    for key in keys:
        if key in lines:
            return lines[key]
    return getattr(data, "line", None)
