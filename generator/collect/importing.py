"""A school list (and facts) into a campaign: from a county workbook, a county YAML or a .zip of the county and
its school files (saved and confined as the stateless pages save uploads: generator.web.uploads), or from last
year's campaign; and one school's own workbook or YAML. What is read goes to campaigns.put_county /
put_school, which check it as `junheng check` does."""
from __future__ import annotations

from pathlib import Path

from generator.collect import campaigns
from generator.collect.campaigns import Refused
from generator.collect.facts import check_school
from generator.errors import InputError, InputErrors
from generator.web import uploads

NAME_KEYS = ("name", "学校名称", "校名")
STAGE_KEYS = ("stage", "学校类型", "学段")


def _refuse(errors: InputErrors, lang: str) -> Refused:
    return Refused(422, "col_unusable", errors=[{"field": e.key or "", "message": e.describe(lang),
                                                 "incomplete": False} for e in errors.errors])


def _saved(upload, folder: Path, lang: str) -> Path:
    from generator.criteria.profiles import shipped_profiles
    if upload is None or not upload.filename:
        raise Refused(422, "web_no_file")
    try:
        path = uploads.save_upload(upload.read(), upload.filename, folder, uploads.FACT_SUFFIXES)
        uploads.confine(path, folder / "zip", shipped_profiles())
    except InputErrors as errors:
        raise _refuse(errors, lang) from None
    return path


def _plain(value):
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (str, bool, float)) or value is None:
        return value
    if isinstance(value, int):
        return int(value)              # a workbook's cell position (errors.Where) is an int too
    return str(value)


def _first(entry: dict, keys):
    return next((entry[k] for k in keys if k in entry), None)


def from_file(upload, folder: Path, names_only: bool, lang: str = "zh") -> dict:
    """The county mapping for campaigns.put_county: the county's own facts and its schools — with
    `names_only`, name and stage each; otherwise each complete school whole (accepted) and each
    incomplete one by name and stage (to be filled in by the school)."""
    from generator.io.yaml_source import read_source

    path = _saved(upload, folder, lang)
    try:
        data = read_source(path)
        if not isinstance(data, dict):
            raise InputErrors([InputError(upload.filename, None, None, "not_mapping", got=type(data).__name__)])
        entries = []
        for entry in _first(data, ("schools", "学校", "学校名单")) or []:
            if isinstance(entry, str):
                school_path = uploads.safe_relative(entry)
                entry = read_source(path.parent / school_path) if school_path else None
            entries.append(entry)
    except InputError as error:
        raise _refuse(InputErrors([error]), lang) from None
    except InputErrors as errors:
        raise _refuse(errors, lang) from None
    county = {k: _plain(v) for k, v in data.items() if k not in ("schools", "学校", "学校名单", "name", "县区名称",
                                                              "县名", "profile", "评估标准", "year", "年度")}
    schools = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(_first(entry, NAME_KEYS), str):
            raise Refused(422, "col_unusable", errors=[{"field": "schools", "message": str(entry)[:80],
                                                        "incomplete": False}])
        entry = _plain(entry)
        named = {"name": _first(entry, NAME_KEYS).strip(), "stage": _first(entry, STAGE_KEYS)}
        if named["stage"] is None:
            named.pop("stage")
        if names_only or not check_school(entry, named["name"], None, lang).complete:
            schools.append(named)
        else:
            schools.append(entry)
    county["schools"] = schools
    return county


def from_campaign(store, last, names_only: bool) -> dict:
    """Last year's campaign as the start: its county facts and its schools (names and stages, or the
    accepted facts whole)."""
    county = {k: v for k, v in (last.county_facts or {}).items()}
    rows = campaigns.stored_schools(store, last, accepted_only=False)
    county["schools"] = [{"name": row.name, **({"stage": row.stage} if row.stage else {})}
                         if names_only or row.status != "accepted" else dict(row.facts) for row in rows]
    return county


def school_from_file(upload, folder: Path, name: str, lang: str = "zh") -> dict:
    """One school's facts from its workbook or YAML (the school's own name is the campaign's)."""
    from generator.io.yaml_source import read_source

    path = _saved(upload, folder, lang)
    try:
        data = read_source(path)
    except InputError as error:
        raise _refuse(InputErrors([error]), lang) from None
    except InputErrors as errors:
        raise _refuse(errors, lang) from None
    if isinstance(data, dict) and isinstance(_first(data, ("schools", "学校")), list):
        # a county workbook: this school's row
        rows = [e for e in _first(data, ("schools", "学校")) if isinstance(e, dict) and _first(e, NAME_KEYS) == name]
        if not rows:
            raise Refused(422, "col_no_school")
        data = rows[0]
    if not isinstance(data, dict):
        raise Refused(422, "col_bad_json")
    facts = {k: _plain(v) for k, v in data.items() if k not in NAME_KEYS}
    return facts
