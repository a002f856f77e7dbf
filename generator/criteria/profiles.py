"""Profiles: which rule files apply, with inheritance and overrides.

A shipped profile is named (`basic-2012`, `example-a`, `guizhou`); a county may pass its
own file (`--profile mine.yaml`) that `inherits:` one of them and `overrides:` any rule by
id — a threshold cell, an operator, the pass rule, the CV thresholds, the exclusions.
"""
from __future__ import annotations

import copy
import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from generator.errors import InputError, InputErrors
from generator.io.yaml_source import read_yaml
from generator.criteria.measures import COUNTY_MEASURES, INDICATOR_MEASURES, SCHOOL_MEASURES
from generator.criteria.measures.government import GOVERNMENT_CHECKS
from generator.criteria.profile_check import check_fields, check_keys, check_names
from generator.criteria.profile_choice import DEFAULT_PROFILE
from generator.criteria.rule_model import (RULE_KINDS, RULE_LISTS, SETTINGS, CountyCondition, CvLimit,
                                           GovernmentItem, PassRule, SchoolRule, freeze_section)
from generator.numbers import PROFILE_OPERATORS
from generator.resources import rules_dir

SECTIONS = ("basic_conditions", "monitoring", "government", "county")
# Which evaluation a profile belongs to: the 2012 基本均衡 or the 2017 优质均衡 standard. Documents
# that speak of the standard (the 宣传方案, the slogan choice) follow it; a profile that `inherits:`
# another keeps its standard unless it declares its own.
STANDARDS = ("basic", "quality")
GOVERNMENT_MEASURES = tuple(GOVERNMENT_CHECKS)     # the kinds a government check may name


@dataclass(frozen=True)
class Profile:
    """A loaded standard, read-only: each section a frozen mapping (generator.criteria.rule_model), each rule of it
    the typed rule of its kind — built here, once, whoever makes the profile (the loader, its checks done, or a
    caller's `dataclasses.replace` with a section of its own). It is cached and shared by every caller in the
    process."""
    id: str
    name: str
    file: str
    basic_conditions: dict
    monitoring: dict
    government: dict
    county: dict
    standard: str = "basic"
    short_name: str = ""            # the name in titles: 基本均衡 教督〔2012〕3号 (default: name)
    document_number: str = ""       # 文号 of the standard, inherited when a profile states none
    inherits: str = ""              # the id of the profile this one builds on ("" for a national standard)

    def __post_init__(self):
        for section in SECTIONS:
            object.__setattr__(self, section, freeze_section(section, getattr(self, section)))

    @property
    def title(self) -> str:
        """The Chinese name a person reads wherever the standard is shown (titles, lists, pages)."""
        return self.short_name or self.name

    @property
    def basic_rules(self) -> list[SchoolRule]:
        return self.basic_conditions["rules"]

    @property
    def pass_rule(self) -> PassRule:
        return self.basic_conditions.get("pass_rule") or PassRule()

    @property
    def cv(self) -> CvLimit:
        """The 差异系数 limit (monitoring's `cv`)."""
        return self.monitoring["cv"]

    def rule_ids(self) -> list[str]:
        return [rule.id for section in SECTIONS for rule in getattr(self, section)[RULE_LISTS[section]]]


def _both(zh: str, en: str) -> dict:
    """A bad profile's detail in both languages: the message says the reader's (generator.i18n.message)."""
    return {"zh": zh, "en": en}


def _unknown_measure(measure, known=None) -> dict:
    return _both(f"未知的计算方式“{measure}”" + (f"，可选：{', '.join(known)}" if known else ""),
                 f"unknown measure '{measure}'" + (f"; known: {', '.join(known)}" if known else ""))


_OPERATOR_DETAIL = _both(f"比较符应为 {' '.join(PROFILE_OPERATORS)} 之一",
                         f"operator must be one of {' '.join(PROFILE_OPERATORS)}")


def shipped_profiles() -> list[str]:
    return sorted(p.stem for p in (rules_dir() / "profiles").glob("*.yaml"))


_CACHE: dict[str, Profile] = {}


def load_profile(name_or_path: str | None = None) -> Profile:
    """Load a profile by shipped name or by path; raises InputErrors on a bad profile."""
    key = name_or_path or DEFAULT_PROFILE
    if key in _CACHE:
        return _CACHE[key]
    try:
        profile = _load(key, seen=())
    except InputError as err:
        raise InputErrors([err]) from None
    _CACHE[key] = profile
    return profile


def loaded_profiles() -> list[Profile]:
    """The profiles this process has loaded (shipped or local files), for naming one by its id."""
    return list(_CACHE.values())


def _resolve(name_or_path: str) -> Path:
    candidate = Path(name_or_path)
    if candidate.suffix in (".yaml", ".yml") or candidate.exists():
        return candidate
    shipped = rules_dir() / "profiles" / f"{name_or_path}.yaml"
    if shipped.is_file():
        return shipped
    raise InputError(None, None, "--profile", "unknown_profile", name=name_or_path,
                     known=", ".join(shipped_profiles()))


def _load(name_or_path: str, seen: tuple) -> Profile:
    path = _resolve(name_or_path).resolve()
    if path in seen:
        raise InputError(path, None, "inherits", "bad_profile", detail=_both("继承关系成环（inherits 又回到了自己）", "inheritance loop"))
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(path, getattr(data, "line", 1), None, "bad_profile", detail=_both("不是“键: 值”的映射", "not a mapping"))
    known = {"id", "name", "short_name", "document_number", "source", "inherits", "overrides", "description",
             "standard", *SECTIONS}
    for key in data:
        if key not in known:
            hint = difflib.get_close_matches(key, sorted(known), n=1)
            detail = _both(f"未知的键“{key}”" + (f"，是否想写“{hint[0]}”？" if hint else ""),
                           f"unknown key '{key}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))
            raise InputError(path, data.lines.get(key), key, "bad_profile", detail=detail)
    standard = "basic"
    base = None
    if "inherits" in data:
        base = _load(str(data["inherits"]), seen + (path,))
        sections = {s: copy.deepcopy(getattr(base, s)) for s in SECTIONS}
        standard = base.standard
    else:
        sections = {}
    if "standard" in data:
        standard = str(data["standard"])
        if standard not in STANDARDS:
            raise InputError(path, data.lines.get("standard"), "standard", "bad_profile",
                             detail=_both(f"未知的标准类别“{standard}”，可选：{', '.join(STANDARDS)}",
                                         f"unknown standard '{standard}'; known: {', '.join(STANDARDS)}"))
    for section in SECTIONS:
        if section in data:
            section_path = (path.parent / str(data[section])).resolve()
            sections[section] = _section(section_path, section)
        elif section not in sections:
            raise InputError(path, data.line, section, "bad_profile",
                             detail=_both(f"没有给出 {section}，也没有可继承的标准",
                                         f"'{section}' is not given and nothing is inherited"))
    if "overrides" in data:
        _apply_overrides(path, data["overrides"], sections)
    name = str(data.get("name", path.stem))
    profile = Profile(id=str(data.get("id", path.stem)), name=name, file=str(path), standard=standard,
                      short_name=str(data.get("short_name") or (name if "name" in data else "")),
                      document_number=str(data.get("document_number") or (base.document_number if base else "")),
                      inherits=base.id if base else "", **sections)
    return profile


def _section(path: Path, section: str) -> dict:
    data = read_yaml(path)
    if not isinstance(data, dict):
        raise InputError(path, 1, None, "bad_profile", detail=_both("不是“键: 值”的映射", "not a mapping"))
    if section == "basic_conditions":
        for index, rule in enumerate(_list(path, data, "rules")):
            _check_rule(path, data["rules"], index, rule, SCHOOL_MEASURES)
    elif section == "monitoring":
        for index, indicator in enumerate(_list(path, data, "indicators")):
            # an indicator's value is rounded to its own places before the CV (criteria §2.1)
            if not isinstance(indicator, dict) or "decimals" not in indicator:
                name = indicator.get("id", index) if isinstance(indicator, dict) else index
                raise InputError(path, getattr(indicator, "line", data.line), f"{name}.decimals", "bad_profile",
                                 detail=_both("指标须写明 decimals（保留几位小数）", "indicator needs 'decimals'"))
            # a 差异系数 indicator is a fact over the students (生均, 每百名学生): nothing else has a CV
            if indicator.get("measure") not in INDICATOR_MEASURES:
                raise InputError(path, getattr(indicator, "line", data.line), f"{indicator.get('id', index)}.measure",
                                 "bad_profile", detail=_unknown_measure(indicator.get("measure"), INDICATOR_MEASURES))
        for key in ("cv", "split", "exclude"):
            if not isinstance(data.get(key), dict):
                raise InputError(path, data.line, key, "bad_profile", detail=_both(f"{key} 应为“键: 值”的映射", f"'{key}' must be a mapping"))
        for key in ("threshold", "op", "decimals"):
            # the places a CV is rounded and printed to are the standard's, never a default in Python
            if key not in data["cv"]:
                raise InputError(path, getattr(data["cv"], "line", data.line), f"cv.{key}", "bad_profile",
                                 detail=_both(f"须写明 cv.{key}", f"'cv.{key}' is required"))
    elif section == "government":
        for item in _list(path, data, "items"):
            for check in item.get("checks") or []:
                if check.get("measure") not in GOVERNMENT_MEASURES:
                    raise InputError(path, getattr(check, "line", None), f"{item.get('id')}.measure",
                                     "bad_profile", detail=_unknown_measure(check.get("measure")))
    elif section == "county":
        for cond in _list(path, data, "conditions"):
            _check_condition(path, cond)
    check_fields(path, getattr(data, "line", None), "", data)   # types and ranges (profile_check)
    listed = data.get(RULE_LISTS[section])
    for index, entry in enumerate(listed if isinstance(listed, list) else []):
        # every key one the kind has (its typed rule's fields)
        check_keys(path, getattr(entry, "line", None), f"{RULE_LISTS[section]}[{index}]", entry, RULE_KINDS[section])
    for (where, key), kind in SETTINGS.items():
        if where == section and key in data:
            setting = data[key]
            if not isinstance(setting, dict):
                raise InputError(path, data.lines.get(key), key, "bad_profile",
                                 detail=_both(f"{key} 应为“键: 值”的映射", f"'{key}' must be a mapping"))
            check_keys(path, getattr(setting, "line", None), key, setting, kind)
    return _plain(data)


def _list(path, data, key):
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise InputError(path, getattr(data, "line", None), key, "bad_profile", detail=_both(f"{key} 应为非空的列表",
                                                                                     f"'{key}' must be a non-empty list"))
    return value


def _check_rule(path, rules, index, rule, measures):
    line = rules.lines[index] if hasattr(rules, "lines") else None
    if not isinstance(rule, dict):
        raise InputError(path, line, f"rules[{index}]", "bad_profile", detail=_both("每条规则应为“键: 值”的映射",
                                                                                         "a rule must be a mapping"))
    # `decimals`: the places a value is compared and printed to are the rule's, never a default in Python
    for key in ("id", "name", "measure", "op", "stages", "source", "provenance", "decimals"):
        if key not in rule:
            raise InputError(path, rule.line, f"{rule.get('id', index)}.{key}", "bad_profile",
                             detail=_both(f"规则须写明 {key}", f"rule needs '{key}'"))
    if rule["measure"] not in measures:
        raise InputError(path, rule.lines.get("measure"), f"{rule['id']}.measure", "bad_profile",
                         detail=_unknown_measure(rule["measure"], measures))
    if rule["op"] not in PROFILE_OPERATORS:
        raise InputError(path, rule.lines.get("op"), f"{rule['id']}.op", "bad_profile",
                         detail=_OPERATOR_DETAIL)
    if rule["measure"] != "labs" and "threshold" not in rule:
        raise InputError(path, rule.line, f"{rule['id']}.threshold", "bad_profile", detail=_both("规则须写明 threshold（标准值）",
                                                                                             "rule needs 'threshold'"))
    if rule["provenance"] not in ("C", "S", "A"):
        raise InputError(path, rule.lines.get("provenance"), f"{rule['id']}.provenance", "bad_profile",
                         detail=_both("provenance（出处类别）应为 C、S 或 A", "provenance must be C, S or A"))


def _check_condition(path, cond):
    line = getattr(cond, "line", None)
    if not isinstance(cond, dict):
        raise InputError(path, line, "conditions", "bad_profile", detail=_both("每项条件应为“键: 值”的映射",
                                                                                      "a condition must be a mapping"))
    cid = cond.get("id", "?")
    measure = cond.get("measure")
    if measure not in COUNTY_MEASURES:
        raise InputError(path, line, f"{cid}.measure", "bad_profile",
                         detail=_unknown_measure(measure, COUNTY_MEASURES))
    if cond.get("op") not in PROFILE_OPERATORS:
        raise InputError(path, line, f"{cid}.op", "bad_profile", detail=_OPERATOR_DETAIL)
    # a condition decided by one verdict states the places its value is kept to; a CV's are monitoring's
    needs = () if measure in ("composite_cv", "cv_each") else ("decimals",)
    for key in ("id", "name", *COUNTY_MEASURES[measure], *needs):
        if key not in cond:
            raise InputError(path, line, f"{cid}.{key}", "bad_profile", detail=_both(f"条件须写明 {key}",
                                                                                        f"condition needs '{key}'"))


def _apply_overrides(path, overrides, sections):
    if not isinstance(overrides, dict):
        raise InputError(path, getattr(overrides, "line", None), "overrides", "bad_profile",
                         detail=_both("overrides 应为“规则编号: 改动”的映射",
                                      "'overrides' must be a mapping of rule id → changes"))
    targets = {}
    # An id may name a school rule and a monitoring indicator at once (优质均衡 Q1–Q7 are
    # both); an override then changes the rule, and the indicator only where it has the key.
    also: dict = {}
    for rule in sections["basic_conditions"]["rules"]:
        targets[rule["id"]] = rule
    for item in sections["government"]["items"]:
        targets[item["id"]] = item
    for cond in sections["county"]["conditions"]:
        targets[cond["id"]] = cond
    for indicator in sections["monitoring"]["indicators"]:
        if indicator["id"] in targets:
            also[indicator["id"]] = indicator
        else:
            targets[indicator["id"]] = indicator
    targets["cv"] = sections["monitoring"]["cv"]
    targets["exclude"] = sections["monitoring"]["exclude"]
    targets["split"] = sections["monitoring"]["split"]
    sections["basic_conditions"].setdefault("pass_rule", {"min_met": "all"})
    targets["pass_rule"] = sections["basic_conditions"]["pass_rule"]
    # the measure kinds each overridable target's section knows (a government item's are in its checks)
    kinds = {rule["id"]: SCHOOL_MEASURES for rule in sections["basic_conditions"]["rules"]}
    kinds.update({cond["id"]: tuple(COUNTY_MEASURES) for cond in sections["county"]["conditions"]})
    # the typed rule each overridable rule is (the keys an override of it may set)
    typed = {rule["id"]: RULE_KINDS["monitoring"] for rule in sections["monitoring"]["indicators"]}
    typed.update({item["id"]: GovernmentItem for item in sections["government"]["items"]})
    typed.update({cond["id"]: CountyCondition for cond in sections["county"]["conditions"]})
    typed.update({rule["id"]: SchoolRule for rule in sections["basic_conditions"]["rules"]})
    typed.update({"cv": CvLimit, "pass_rule": PassRule})
    for rule_id, change in overrides.items():
        line = overrides.lines.get(rule_id)
        if rule_id not in targets:
            hint = difflib.get_close_matches(str(rule_id), list(targets), n=1)
            detail = _both(f"要覆盖的规则“{rule_id}”不存在" + (f"，是否想写“{hint[0]}”？" if hint else ""),
                           f"override of unknown rule '{rule_id}'" + (f"; did you mean '{hint[0]}'?" if hint else ""))
            raise InputError(path, line, f"overrides.{rule_id}", "bad_profile", detail=detail)
        if not isinstance(change, dict):
            raise InputError(path, line, f"overrides.{rule_id}", "bad_profile", detail=_both("每项覆盖应为“键: 值”的映射",
                                                                                                  "an override must be a mapping"))
        check_fields(path, line, f"overrides.{rule_id}", change)
        if rule_id in typed:
            check_keys(path, line, f"overrides.{rule_id}", change, typed[rule_id])
        check_names(path, line, f"overrides.{rule_id}", change, kinds.get(rule_id))
        # An official title that states its standard ("…分别不超过45人、50人") would contradict the
        # changed standard in every table and document: the override must give the new title too.
        name = str(targets[rule_id].get("name", ""))
        if ("threshold" in change or "checks" in change) and "name" not in change and re.search(r"\d", name):
            raise InputError(path, line, f"overrides.{rule_id}.name", "bad_profile",
                             detail=_both(f"名称“{name}”写着这项覆盖改动的标准，请同时写出新名称（name: …）",
                                          f"the name '{name}' states the standard this override changes; "
                                          f"give the new name as well (name: …)"))
        if rule_id == "exclude":
            targets[rule_id].clear()
        _merge(targets[rule_id], _plain(change))
        if rule_id in also:
            _merge(also[rule_id], {k: v for k, v in _plain(change).items() if k in also[rule_id]})
        if rule_id in ("pass_rule",):
            continue
        if "op" in change and change["op"] not in PROFILE_OPERATORS:
            raise InputError(path, line, f"overrides.{rule_id}.op", "bad_profile",
                             detail=_OPERATOR_DETAIL)
        if "threshold" in change:
            targets[rule_id].setdefault("source", "")
            targets[rule_id]["source"] += f"；本县标准覆盖（{path.name}）"
            targets[rule_id]["provenance"] = targets[rule_id].get("provenance", "A")


def _merge(target: dict, change: dict):
    """Deep-merge: mappings merge key by key; anything else replaces."""
    for key, value in change.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = value


def _plain(value):
    """LineDict/LineList → plain dict/list (profiles are cached and deep-copied)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
