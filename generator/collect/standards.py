"""A campaign's standard: a shipped profile by name, or the county's own profile file uploaded on the create page.

The county's own file is kept as DIR/profiles/<hash of its bytes>/profile.yaml (the campaign records that path, so
a later upload never changes an earlier campaign; the file keeps the name the export gives it, which the rules'
sources cite). A server must not open paths it is
sent, so an uploaded profile may only inherit a shipped profile and override its rules (README: "A county may
use its own standard"): it may not name other files (a section file, an `inherits:` path). It is loaded by the
same loader as `--profile FILE` before the campaign is made; an error is 422 in the loader's words.
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from generator.collect.refusals import Refused

FOLDER = "profiles"
MAX_PROFILE_BYTES = 256 * 1024
ALLOWED_KEYS = {"id", "name", "short_name", "document_number", "source", "inherits", "overrides", "description",
                "standard"}


OWN = re.compile(r"^profiles/[0-9a-f]{20}/profile\.yaml$")


def is_own(profile: str) -> bool:
    """A stored own profile's reference (and nothing else: it becomes a path under DIR)."""
    return isinstance(profile, str) and OWN.match(profile) is not None


def path_of(data_dir, profile: str) -> str:
    """What --profile would be given: the shipped name, or the stored file's path."""
    return str(Path(data_dir) / profile) if is_own(profile) else profile


def save(data_dir, raw: bytes, lang: str = "zh") -> str:
    """Check and keep an uploaded profile; returns the reference a campaign records."""
    from generator.criteria.profiles import load_profile, shipped_profiles
    from generator.errors import InputErrors
    from generator.io.yaml_source import read_yaml

    def refuse(text):
        return Refused(422, "col_unusable", errors=[{"field": "profile", "message": text, "incomplete": False}])

    if len(raw) > MAX_PROFILE_BYTES:
        raise refuse(f"> {MAX_PROFILE_BYTES // 1024} KB")
    digest = hashlib.sha256(raw).hexdigest()[:20]
    folder = Path(data_dir) / FOLDER / digest
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "profile.yaml"
    if not target.exists():
        part = folder / "profile.yaml.part"
        part.write_bytes(raw)
        part.replace(target)
    try:
        data = read_yaml(target)
    except Exception as error:            # noqa: BLE001 — InputError / InputErrors: shown in the loader's words
        raise refuse(error.describe(lang) if hasattr(error, "describe") else str(error)) from None
    if not isinstance(data, dict):
        raise refuse("inherits: " + "、".join(shipped_profiles()))
    extra = sorted(str(key) for key in data if key not in ALLOWED_KEYS)
    if extra or str(data.get("inherits", "")) not in shipped_profiles():
        raise refuse(("、".join(extra) + "：" if extra else "") +
                     "inherits: " + " | ".join(shipped_profiles()) + " + overrides")
    try:
        load_profile(str(target))
    except InputErrors as errors:
        raise refuse(errors.describe(lang)) from None
    return f"{FOLDER}/{digest}/profile.yaml"
