"""One written value → an exact number or rate: "13,125", "65万元", "85%", within the declared limits
(README "Limits"), and how a value is described in a message."""
from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from decimal import ROUND_HALF_UP


from generator import limits



# ---------------------------------------------------------------- value parsing
PERCENT = re.compile(r"^(-?\d+(?:\.\d+)?)\s*%$")
_UNIT_WORDS = ("万元", "平方米", "㎡", "m2", "元", "册", "台", "人", "间", "个", "Mbps", "M", "兆")
# The unit words a field of each unit takes (read after NFKC, where ㎡ is m2); a field's own unit is
# always taken, and a field without a unit takes any. "10600人" for 图书册数 is refused, not read as books.
_SAME_UNIT = {"㎡": {"平方米", "m2"}, "元": {"元", "万元"}, "Mbps": {"Mbps", "M", "兆"}}
# Digits grouped by thousands ("13,125", "1 532 474", "２０，０００"): anything else with a separator
# ("7,8", a decimal comma or a slip) has no one meaning and is refused
_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[, _]\d{3})+(?:\.\d*)?")


def describe(raw) -> str:
    """A value as a message shows it: short, and never an internal type name or an expanded alias."""
    if isinstance(raw, dict):
        return "{…}"
    if isinstance(raw, list):
        return "[…]"
    if raw is None:
        return "null"
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, (_dt.date, _dt.time)):
        return raw.isoformat()
    if isinstance(raw, (int, float, Decimal)):
        text = str(raw)
    elif isinstance(raw, str):
        text = raw
    else:
        text = "?"
    return text if len(text) <= 40 else text[:37] + "…"


def parse_number(raw, unit: str = "") -> Decimal | None:
    """A number from YAML: int, float, or a string like "13,125", "13 125 ㎡", "３６１６".

    Returns a Decimal (exact: "5.2" stays 5.2), or None when it is not a number.
    """
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, int):
        if abs(raw) > 10 ** limits.MAX_MAGNITUDE:
            return None
        # A whole number of at most 10**MAX_MAGNITUDE is within every limit _within_limits
        # checks (≥ 1, and at most MAX_MAGNITUDE ≤ MAX_DIGITS digits once trailing zeros are dropped).
        if limits.MAX_DIGITS >= limits.MAX_MAGNITUDE and MIN_MAGNITUDE <= 0:
            return Decimal(raw)
        return _within_limits(Decimal(raw))
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None
        return _within_limits(_excel_digits(Decimal(repr(raw))))
    if not isinstance(raw, str):
        return None
    text = unicodedata.normalize("NFKC", raw).strip()
    for word in _UNIT_WORDS + ((unit,) if unit and unit not in _UNIT_WORDS else ()):
        if text.endswith(word) and len(text) > len(word):
            if unit and word != unit and word not in _SAME_UNIT.get(unit, ()):
                return None         # a unit that is not the field's
            if word == "万元":
                number = parse_number(text[: -len(word)])
                return None if number is None else number * 10000
            text = text[: -len(word)].strip()
            break
    text = text.replace("，", ",")
    if any(mark in text for mark in ", _"):
        if not _GROUPED.fullmatch(text):
            return None
        text = text.replace(",", "").replace(" ", "").replace("_", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", text) or len(text) > 200:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if abs(value) > Decimal(10) ** limits.MAX_MAGNITUDE:
        return None             # too big as written: rounding to 15 digits must not bring it within
    return _within_limits(_excel_digits(value))


MIN_MAGNITUDE = -6  # the smallest non-zero size of a fact: 10**-6. With facts ≤ 10**15, any ratio of two
#                     facts is ≤ 10**21, which Decimal (28 digits) still rounds to the 6 places a verdict uses.


def _excel_digits(value: Decimal) -> Decimal:
    """A number rounded half-up to 15 significant digits, as Excel keeps and shows it: the
    0.8000000000000002 a spreadsheet gives for 0.1 × 8 is 0.8, and "1,532,474.9988972795" (a float a
    program wrote out in full, quoted or not) is 1532474.99889728 — the same number either way."""
    if value == 0 or len(value.as_tuple().digits) <= limits.MAX_DIGITS:
        return value
    shift = value.adjusted() - limits.MAX_DIGITS + 1
    return value.quantize(Decimal(1).scaleb(shift), rounding=ROUND_HALF_UP).normalize()


def number_limit(raw) -> tuple[str, dict] | None:
    """Why a value that looks like a number is refused by the limits (message id, params), or None."""
    if isinstance(raw, bool) or raw is None or isinstance(raw, (dict, list)):
        return None
    if isinstance(raw, float):
        if math.isnan(raw) or math.isinf(raw):
            return None
        text = repr(raw)
    else:
        text = unicodedata.normalize("NFKC", str(raw)).strip().rstrip("%％")
        for word in _UNIT_WORDS:
            if text.endswith(word):
                text = text[: -len(word)]
                break
        text = text.replace(",", "").replace("，", "").replace(" ", "").replace("_", "")
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", text or "-"):
        return None
    try:
        value = Decimal(text) if len(text) <= 400 else None
    except InvalidOperation:
        value = None
    got = describe(str(raw))
    if value is None:
        return "number_too_long", {"got": got, "limit": limits.MAX_DIGITS}
    # the size limit holds for the number as written, before it is rounded to Excel's 15 digits
    if value != 0 and abs(value) > Decimal(10) ** limits.MAX_MAGNITUDE:
        return "number_too_big", {"got": got, "limit": limits.MAX_MAGNITUDE}
    value = _excel_digits(value)
    if value != 0 and len(value.normalize().as_tuple().digits) > limits.MAX_DIGITS:
        return "number_too_long", {"got": got, "limit": limits.MAX_DIGITS}
    if value != 0 and abs(value) < Decimal(10) ** MIN_MAGNITUDE:
        return "number_too_small", {"got": got, "limit": MIN_MAGNITUDE}
    return None


_POWERS: dict = {}


def plain_whole(raw: int) -> bool:
    """A whole number (not a bool) that parse_number keeps as it is: 0 ≤ raw ≤ 10**MAX_MAGNITUDE
    (the shortcut in parse_number holds)."""
    return 0 <= raw <= 10 ** limits.MAX_MAGNITUDE and limits.MAX_DIGITS >= limits.MAX_MAGNITUDE \
        and MIN_MAGNITUDE <= 0


def _power_of_ten(exponent: int) -> Decimal:
    power = _POWERS.get(exponent)
    if power is None:
        power = _POWERS[exponent] = Decimal(10) ** exponent
    return power


def _within_limits(value: Decimal) -> Decimal | None:
    """The number if it is within the declared limits (generator.limits), else None."""
    if value == 0:
        return value
    size = abs(value)
    if size > _power_of_ten(limits.MAX_MAGNITUDE) or size < _power_of_ten(MIN_MAGNITUDE):
        return None
    if len(value.normalize().as_tuple().digits) > limits.MAX_DIGITS:
        return None
    return value


def parse_rate(raw) -> Decimal | None:
    """A rate as a fraction 0–1: 0.85, "0.85", "85%", "８５％". A bare 85 is refused (ambiguous)."""
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        match = PERCENT.match(text)
        if match:
            value = parse_number(match.group(1))
            if value is None:
                return None
            value = value / 100
            return value if 0 <= value <= 1 else None
        raw = text
    value = parse_number(raw)
    if value is None or not (0 <= value <= 1):
        return None
    return value


def as_plain(value: Decimal):
    """Decimal → int when whole, else float (for JSON and arithmetic by others)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)




# ---------------------------------------------------------------- dates as clerks write them
_CHINESE_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
# Excel's day numbers of 2000-01-01 … 2099-12-31: a date cell whose format was lost shows one of these
_SERIAL_FIRST, _SERIAL_LAST = 36526, 73050
_SERIAL_EPOCH = _dt.date(1899, 12, 30)


def written_date(raw) -> _dt.date | None:
    """A date as written: 2013-09-23, 2013/9/23, 2013.9.23, 2013年9月23日, or an Excel day number of
    this century (45292 is 2024-01-01, a date cell that lost its format); None when it is none of them."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        match = _CHINESE_DATE.fullmatch(text)
        try:
            if match:
                return _dt.date(int(match[1]), int(match[2]), int(match[3]))
            return _dt.date.fromisoformat(text)
        except ValueError:
            if not text.isdigit():
                return None
        raw = int(text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int) and _SERIAL_FIRST <= raw <= _SERIAL_LAST:
        return _SERIAL_EPOCH + _dt.timedelta(days=raw)
    return None
