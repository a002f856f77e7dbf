"""The one line said when the durable backend fails mid-run and the native one decides the rest
(generator.criteria.engine_durable), in the language of the run (set by the CLI)."""
from __future__ import annotations

import sys

from generator import i18n

_FALLBACK = {"lang": "zh", "said": False}


def set_notice_language(lang: str) -> None:
    _FALLBACK["lang"] = lang


def note_fallback(detail: str) -> None:
    """One line on stderr, once per process: durable failed mid-run and native decides the rest."""

    if _FALLBACK["said"]:
        return
    _FALLBACK["said"] = True
    try:
        sys.stderr.write(i18n.message("engine_fallback", _FALLBACK["lang"], detail=detail) + "\n")
        sys.stderr.flush()
    except (OSError, ValueError):
        pass
