"""Which profile a run uses — one rule for the CLI verbs (cli/common.py) and the web pages alike:
an explicit option, else the fact file's `profile:`, else basic-2012."""
from __future__ import annotations


DEFAULT_PROFILE = "basic-2012"


def profile_name(option: str | None, *subjects) -> str:
    """The profile to use: the option (--profile, the page's choice) if given, else that of the first
    subject (fact file, --for file, centre file …) that names one, else the default."""
    if option:
        return option
    for subject in subjects:
        named = subject.get("profile") if subject is not None and hasattr(subject, "get") else None
        if isinstance(named, str) and named.strip():
            return named.strip()
    return DEFAULT_PROFILE
