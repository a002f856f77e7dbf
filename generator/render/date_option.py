"""--date / --deadline (and the page's date field) read as a date, or the
message that says how to write one."""
from __future__ import annotations

from generator.errors import InputError, InputErrors
from generator.render.report_common import format_date, parse_date


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


def check_deadline(deadline, date, option="--deadline"):
    """A plan's one deadline may not fall before the document's own date: the 整改方案 would be
    late the day it is signed. An input error naming the option."""
    if deadline is None or date is None or deadline >= date:
        return
    raise InputErrors([InputError(None, None, option, "deadline_before_date", deadline=format_date(deadline),
                                  date=format_date(date))])
