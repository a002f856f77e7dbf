"""The standards a person can choose, named in Chinese: `junheng profiles`, the titles of tables and pages, the
web page's select. Ids (basic-2012) are kept only as a small hint beside the name.

A local standard is a YAML file with a top-level `inherits:` (README "Rules and profiles"): the files given on
the command line and those in the current folder are listed with the shipped ones."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_INHERITS = re.compile(r"^inherits\s*:", re.MULTILINE)


@dataclass(frozen=True)
class ProfileEntry:
    id: str
    name: str               # the full Chinese name (县域义务教育基本均衡发展（教督〔2012〕3号）)
    title: str              # the short name titles use (基本均衡 教督〔2012〕3号)
    document_number: str    # 文号, inherited when the profile states none
    inherits: str           # the id of the profile it builds on, "" for a national standard
    inherits_title: str
    standard: str           # basic | quality
    file: str
    shipped: bool

    def as_json(self) -> dict:
        return {"id": self.id, "name": self.name, "title": self.title, "document_number": self.document_number,
                "inherits": self.inherits or None, "inherits_title": self.inherits_title or None,
                "standard": self.standard, "file": self.file, "shipped": self.shipped}


def entry(name_or_path: str, shipped: bool = False) -> ProfileEntry:
    """One profile as a person reads it; raises InputErrors on a profile that cannot be loaded."""
    from generator.criteria.profiles import load_profile
    profile = load_profile(name_or_path)
    base = load_profile(profile.inherits) if profile.inherits else None
    return ProfileEntry(id=profile.id, name=profile.name, title=profile.title,
                        document_number=profile.document_number, inherits=profile.inherits,
                        inherits_title=base.title if base else "", standard=profile.standard,
                        file=profile.file if not shipped else f"rules/profiles/{Path(profile.file).name}",
                        shipped=shipped)


def shipped_entries() -> list[ProfileEntry]:
    """Every standard in rules/profiles/, national standards first, each followed by those that build on it."""
    from generator.criteria.profiles import shipped_profiles
    entries = [entry(name, shipped=True) for name in shipped_profiles()]
    return sorted(entries, key=lambda e: (e.inherits or e.id, e.inherits != "", e.id))


def local_profile_files(folder=".") -> list[Path]:
    """The YAML files in `folder` (not below it) that build on a standard: a top-level `inherits:` line."""
    found = []
    for path in sorted(Path(folder).iterdir()) if Path(folder).is_dir() else []:
        if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
            continue
        try:
            head = path.read_text(encoding="utf-8", errors="replace")[:200_000]
        except OSError:
            continue
        if _INHERITS.search(head):
            found.append(path)
    return found


def profile_choices() -> list[tuple[str, str]]:
    """(id, Chinese name) of every shipped standard, for a select or a help text."""
    return [(e.id, e.title) for e in shipped_entries()]


def profile_title(profile) -> str:
    """The Chinese name of a standard, from a Profile, or from an id or file a run has used or that is shipped;
    an id nothing names stays as it is (a title never fails)."""
    title = getattr(profile, "title", None)
    if isinstance(title, str) and title:
        return title
    from generator.criteria import profiles
    key = str(profile)
    for loaded in profiles.loaded_profiles():
        if loaded.id == key or loaded.file == key:
            return loaded.title
    from generator.errors import InputErrors
    try:
        return profiles.load_profile(key).title
    except (InputErrors, OSError):
        return key
