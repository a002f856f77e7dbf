"""What a claim states: its number as the report wrote it (with the unit of its last digit), or a verdict word.

`parse_stated("约9.6", None)` → Stated(9.6, unit 0.1); "85%" → 0.85 with unit 0.01 and the
percent notation kept for showing; "1:19" → the reciprocal form; "1.2万元" → 12000 with unit
1000. `Stated.agrees` is the tolerance rule of contract.md ("Claims"): less than one unit in
the last digit written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from generator.audit.words import VERDICT_WORDS


@dataclass
class Stated:
    """A number as a report wrote it: its value, and one unit of its last written digit."""
    value: Decimal
    unit: Decimal
    text: str
    percent: bool = False
    inverse: bool = False        # "1:19": the report wrote the reciprocal
    places: int = 0              # decimals written (in the written notation)

    def agrees(self, recomputed: Decimal) -> bool:
        target = recomputed
        if self.inverse:
            if recomputed == 0:
                return False
            target = 1 / recomputed
        return abs(self.value - target) < self.unit

    def in_notation(self, recomputed: Decimal) -> Decimal:
        """The recomputed number in the notation the report used (for showing)."""
        if self.inverse:
            return 1 / recomputed if recomputed else recomputed
        return recomputed * 100 if self.percent else recomputed

    def notation_value(self) -> Decimal:
        return self.value * 100 if self.percent else self.value


_NUMBER = re.compile(r"([+-]?\d[\d,]*(?:\.\d+)?|[+-]?\.\d+)\s*(万|亿)?\s*(%|‰)?")
_RATIO = re.compile(r"^\s*([\d.]+)\s*:\s*([\d.]+)\s*$")


def parse_stated(raw, written: str | None) -> Stated | None:
    """The stated number of a claim; None when there is none (words only)."""
    if isinstance(raw, bool) or raw is None or isinstance(raw, (list, dict)):
        return None
    text = written if written is not None else str(raw)
    norm = unicodedata.normalize("NFKC", str(text)).strip()
    ratio_text = re.sub(r"[^\d.:]", "", norm)
    ratio = _RATIO.match(ratio_text) if ":" in norm else None
    if ratio:
        left, right = Decimal(ratio.group(1)), Decimal(ratio.group(2))
        if right == 1:
            return Stated(left, _unit_of(ratio.group(1)), str(text), places=_places(ratio.group(1)))
        if left == 1:
            return Stated(right, _unit_of(ratio.group(2)), str(text), inverse=True,
                          places=_places(ratio.group(2)))
        raise ValueError("ratio")
    match = _NUMBER.search(norm)
    if not match:
        return None
    digits = match.group(1).replace(",", "")
    value, unit, places = Decimal(digits), _unit_of(digits), _places(digits)
    scale = {"万": Decimal(10000), "亿": Decimal(100000000), None: Decimal(1)}[match.group(2)]
    if norm[match.end():].lstrip().startswith("万元") and match.group(2) is None:
        scale = Decimal(10000)
    value, unit = value * scale, unit * scale
    percent = match.group(3) is not None
    if percent:
        divisor = Decimal(100) if match.group(3) == "%" else Decimal(1000)
        value, unit = value / divisor, unit / divisor
    return Stated(value, unit, str(text), percent=percent, places=places)


def _places(digits: str) -> int:
    return len(digits.split(".")[1]) if "." in digits else 0


def _unit_of(digits: str) -> Decimal:
    return Decimal(1).scaleb(-_places(digits))


def parse_verdict(raw) -> str | None:
    if isinstance(raw, bool):
        return "pass" if raw else "fail"
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw).strip().lower()
    for status, words in VERDICT_WORDS.items():
        if text in words:
            return status
    return None
