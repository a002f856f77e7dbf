"""Numbers as Chinese reports write them: 981, 13,125, 1.2万, 50亿, 一千二百三十四, 两万.

`parse_cn_number` turns one written number into an exact Decimal, and `written_digits`
gives the digits a reader should compare against (the audit's tolerance is one unit in
the last digit written, so "9.60" must stay "9.60" and "1.2万" is precise to the thousand).
"""
from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3,
          "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8,
          "九": 9, "玖": 9}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10 ** 4, "萬": 10 ** 4, "亿": 10 ** 8, "億": 10 ** 8}

CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

# Full-width digits and punctuation → ASCII, one character for one, so that positions in
# the normalised text are positions in the original (the sentence is kept as written).
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH[0x3000] = 0x20


def to_halfwidth(text: str) -> str:
    return text.translate(_FULLWIDTH)


_ARABIC = re.compile(r"^\d+(?:[,，]\d{3})*(?:\.\d+)?$")


def _cn_section(text: str) -> int:
    """A number below 万 in Chinese numerals: 一千二百三十四, 十二, 三百零五, 二十."""
    total, digit = 0, None
    for char in text:
        if char in DIGITS:
            digit = DIGITS[char]
        elif char in SMALL_UNITS:
            total += (1 if digit is None else digit) * SMALL_UNITS[char]
            digit = None
        else:
            raise ValueError(char)
    if digit is not None:
        total += digit
    return total


def _cn_integer(text: str) -> int:
    """Chinese numerals with 万 and 亿: 三亿五千万, 一万二千, 两万."""
    for big_char, big_value in sorted(BIG_UNITS.items(), key=lambda item: -item[1]):
        if big_char in text:
            head, _, tail = text.partition(big_char)
            head_value = _cn_integer(head) if head else 1
            return head_value * big_value + (_cn_integer(tail) if tail else 0)
    if text and all(char in DIGITS for char in text) and len(text) > 1:
        # 二〇二四 read digit by digit (years, codes)
        return int("".join(str(DIGITS[char]) for char in text))
    return _cn_section(text)


def parse_cn_number(text: str) -> Decimal:
    """One written number → Decimal. Raises ValueError when it is not a number.

    Accepts Arabic digits with thousands separators ("13,125"), an Arabic number with a
    Chinese magnitude ("1.2万" → 12000, "50亿"), and Chinese numerals ("一千二百三十四").
    """
    text = to_halfwidth(text).strip()
    if not text:
        raise ValueError("empty")
    match = re.fullmatch(r"(\d+(?:[,，]\d{3})*(?:\.\d+)?)([十百千万亿萬億]*)", text)
    if match:
        value = Decimal(match.group(1).replace(",", "").replace("，", ""))
        for char in match.group(2):
            value *= SMALL_UNITS.get(char) or BIG_UNITS[char]
        return value
    if all(char in CN_CHARS for char in text):
        return Decimal(_cn_integer(text))
    raise ValueError(text)


def written_digits(text: str) -> str | None:
    """The number as the report wrote it, for the audit's last-digit tolerance.

    "9.60" → "9.60"; "13,125" → "13125"; "1.2万" → None (the precision is a thousand,
    which a plain YAML number cannot carry: the caller writes the scaled value and notes it).
    Chinese numerals are exact integers and return their value's digits.
    """
    text = to_halfwidth(text).strip()
    if _ARABIC.match(text):
        return text.replace(",", "").replace("，", "")
    try:
        value = parse_cn_number(text)
    except ValueError:
        return None
    if any(char in BIG_UNITS or char in SMALL_UNITS for char in text) and re.search(r"\d", text):
        return None
    return str(value)
