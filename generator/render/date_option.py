"""--date / --deadline (and the page's date field) read as a date, or the
message that says how to write one."""
from __future__ import annotations

from generator.errors import InputErrors
from generator.render.report_common import parse_date


def parse_date_option(value, option):
    """--date / --deadline (or the page's date field) as a date, None when not given; a bad date is an
    input error naming the option."""
    if value is None:
        return None
    try:
        return parse_date(value)
    except InputErrors as errors:
        for err in errors.errors:
            err.key = option
        raise
