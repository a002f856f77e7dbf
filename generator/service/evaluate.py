"""Facts → profile → Evaluation, once for every front end: the CLI verbs, the web pages and the
collection server (which holds a county in memory, its schools inline, and never a file name)."""
from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from generator.errors import InputError, InputErrors
from generator.service.options import RunOptions


@dataclasses.dataclass(frozen=True)
class Evaluated:
    """A subject, the profile it was judged by, and the Evaluation every document reads."""
    subject: object
    rules: object
    result: object


def load_file(path, *, allow_empty_county: bool = False, as_stated: bool = False):
    """A fact file (YAML or workbook) validated; InputErrors naming file, line and key (`as_stated`:
    read to be audited, io.facts.load_facts)."""
    from generator.io.facts import load_facts
    return load_facts(path, allow_empty_county=allow_empty_county, as_stated=as_stated)


def load_mapping(data: Mapping, label: str = "county.yaml", *, allow_empty_county: bool = False):
    """Facts given as a mapping (as a fact file would parse), validated exactly as a file is; errors name
    `label` and the key. A county's schools must be inline mappings: a file name is refused, since
    memory has no folder to find it in (and a server must not open paths it is sent)."""
    from generator.model.checker import Checker

    schools = data.get("schools", data.get("学校")) if isinstance(data, Mapping) else None
    if isinstance(schools, list):
        refused = [InputError(Path(label), None, f"schools[{number}]", "inline_school_path", path=entry)
                   for number, entry in enumerate(schools) if isinstance(entry, str)]
        if refused:
            raise InputErrors(refused)
    checker = Checker(Path(label))
    checker.allow_empty_county = allow_empty_county
    subject = checker.top(_plain(data))
    if checker.errors:
        raise InputErrors(checker.errors)
    return subject


def _plain(value):
    """Mappings and sequences of any kind as the dicts and lists a parsed file gives."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def choose_profile(options: RunOptions, *subjects):
    """The profile a run uses (criteria.profile_choice: the option, else the facts' own, else basic-2012);
    with `shipped_only` a name that is not shipped is refused before anything is opened."""
    from generator.criteria.profile_choice import profile_name
    from generator.criteria.profiles import load_profile, shipped_profiles

    name = profile_name(options.profile, *subjects)
    if options.shipped_only:
        names = shipped_profiles()
        if name not in names:
            raise InputErrors([InputError(None, None, "profile", "web_profile_shipped",
                                          known="、".join(names), name=name)])
    return load_profile(name)


def evaluate_subject(subject, options: RunOptions, rules=None) -> Evaluated:
    """Judge a loaded subject by `rules` (chosen from the options and the subject when not given)."""
    from generator.criteria.evaluate import evaluate

    rules = rules if rules is not None else choose_profile(options, subject)
    return Evaluated(subject, rules, evaluate(subject, rules, options.backend()))


def evaluate_file(path, options: RunOptions) -> Evaluated:
    return evaluate_subject(load_file(path), options)


def evaluate_mapping(data: Mapping, options: RunOptions, label: str = "county.yaml") -> Evaluated:
    """A school or county held in memory (schools inline), judged as its exported fact file would be."""
    return evaluate_subject(load_mapping(data, label), options)
