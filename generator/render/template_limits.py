"""Time and size limits for rendering a template (generator.render.documents).

The sandbox (jinja2.sandbox) already keeps a user's --template away from Python internals;
these limits keep it from taking the machine: a template that loops `range(10**9)`, builds
`'a' * 10**9`, doubles a string in a loop or recurses is stopped and reported (exit 2, with
the template's tag), never left running or ending in a MemoryError.

- Every render runs under a deadline (limits.MAX_TEMPLATE_SECONDS). A watchdog thread raises
  TemplateLimit inside the rendering thread when it passes (CPython's async exception: it
  interrupts pure-Python loops, which is what compiled Jinja is).
- `*`, `**`, `+` and `%` are intercepted: a result longer than limits.MAX_TEMPLATE_OUTPUT
  characters, an exponent above 1000, or a %-format width above 10,000 is refused before
  it is computed.
- Filter arguments (center, indent, wordwrap, truncate, format widths …) above 1,000,000 are
  refused; output is counted chunk by chunk.
"""
from __future__ import annotations

import ctypes
import re
import threading
import time
from contextlib import contextmanager
import operator as ops

from generator import limits

_MAX_ARG = 1_000_000
_MAX_EXPONENT = 1000
_WIDE_FORMAT = re.compile(r"%[-#0 +]*(\*|\d{5,})|\.(\*|\d{5,})|\{[^}]*:[^}]*\d{5,}")


class TemplateLimit(Exception):
    """A template went past a limit; `what` says which (in English and Chinese)."""

    def __init__(self, what_zh: str, what_en: str):
        super().__init__(what_en)
        self.what_zh, self.what_en = what_zh, what_en


def _too_long(size):
    limit = limits.MAX_TEMPLATE_OUTPUT
    return TemplateLimit(f"生成的文字超过 {limit:,} 个字符（实际 {size:,}）",
                         f"the text produced exceeds {limit:,} characters ({size:,})")


def _length(value) -> int | None:
    return len(value) if isinstance(value, (str, bytes, list, tuple)) else None


def guarded_binop(operator: str, left, right):
    """The value of `left operator right`, refused when it would be too large to make."""
    if operator == "*":
        for seq, count in ((left, right), (right, left)):
            size = _length(seq)
            if size is not None and isinstance(count, int) and size * max(count, 0) > limits.MAX_TEMPLATE_OUTPUT:
                raise _too_long(size * count)
        return ops.mul(left, right)
    if operator == "**":
        if isinstance(right, (int, float)) and abs(right) > _MAX_EXPONENT:
            raise TemplateLimit(f"乘方的指数过大（{right}，上限 {_MAX_EXPONENT}）",
                                f"an exponent too large ({right}, the limit is {_MAX_EXPONENT})")
        return ops.pow(left, right)
    if operator == "+":
        a, b = _length(left), _length(right)
        if a is not None and b is not None and a + b > limits.MAX_TEMPLATE_OUTPUT:
            raise _too_long(a + b)
        return ops.add(left, right)
    if operator == "%":
        if isinstance(left, str) and _WIDE_FORMAT.search(left):
            raise TemplateLimit("格式宽度过大", "a format width that is too large")
        return ops.mod(left, right)
    raise KeyError(operator)


def limited_range(*args):
    """range() for templates: at most 100,000 items (as the sandbox), checked lazily."""
    items = range(*args)
    if len(items) > 100_000:
        raise TemplateLimit(f"range 过大（{len(items):,} 项，上限 100,000）",
                            f"range too large ({len(items):,} items, the limit is 100,000)")
    return items


def guard_filters(filters: dict) -> dict:
    """The filters with every numeric argument (not the value filtered) bounded."""
    def wrap(name, function):
        def guarded(*args, **kwargs):
            for arg in list(args[1:]) + list(kwargs.values()):
                if isinstance(arg, (int, float)) and not isinstance(arg, bool) and abs(arg) > _MAX_ARG:
                    raise TemplateLimit(f"过滤器 {name} 的参数过大（{arg}）",
                                        f"an argument of the filter {name} is too large ({arg})")
                if isinstance(arg, str) and name == "format" and _WIDE_FORMAT.search(arg):
                    raise TemplateLimit("格式宽度过大", "a format width that is too large")
            if name == "format" and args and isinstance(args[0], str) and _WIDE_FORMAT.search(args[0]):
                raise TemplateLimit("格式宽度过大", "a format width that is too large")
            return function(*args, **kwargs)
        for attribute in ("jinja_pass_arg",):            # pass_context & co. must survive wrapping
            if hasattr(function, attribute):
                setattr(guarded, attribute, getattr(function, attribute))
        guarded.__name__ = getattr(function, "__name__", name)
        return guarded
    return {name: wrap(name, function) for name, function in filters.items()}


def count_output(chunks):
    """Join rendered chunks, refusing output beyond limits.MAX_TEMPLATE_OUTPUT."""
    out, size = [], 0
    for chunk in chunks:
        size += len(chunk)
        if size > limits.MAX_TEMPLATE_OUTPUT:
            raise _too_long(size)
        out.append(chunk)
    return "".join(out)


@contextmanager
def time_limit(seconds: float):
    """Raise TemplateLimit in this thread if the block runs longer than `seconds`."""
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True}
    finished = threading.Event()

    def watchdog():
        if finished.wait(seconds):
            return
        with lock:
            if state["active"]:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(target), ctypes.py_object(TemplateTimeout))

    thread = threading.Thread(target=watchdog, daemon=True)
    started = time.monotonic()
    thread.start()
    try:
        yield
    except TemplateTimeout:
        raise TemplateLimit(f"填写超过 {seconds:g} 秒（可能是死循环或过大的循环）",
                            f"rendering took more than {seconds:g} s (an endless or huge loop?)") from None
    finally:
        with lock:
            state["active"] = False
        finished.set()
        del started


class TemplateTimeout(BaseException):
    """Raised asynchronously by the watchdog; BaseException so no template `except` eats it."""
