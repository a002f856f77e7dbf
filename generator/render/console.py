"""The one place a rich Console is made for the terminal.

On a terminal rich fits tables to the window. Piped or redirected (`junheng check … > 结论.txt`, `| findstr`),
there is no window: rich would wrap at 80 columns and split a figure from its unit (`160,00` / `0 元`), so the
lines are left as long as they are."""
from __future__ import annotations

import sys

PIPED_WIDTH = 10_000


def terminal_console(stderr: bool = False):
    from rich.console import Console
    stream = sys.stderr if stderr else sys.stdout
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if interactive:
        return Console(stderr=stderr)
    return Console(stderr=stderr, width=PIPED_WIDTH, soft_wrap=False, highlight=False)
