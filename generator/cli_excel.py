"""`junheng export` and the workbook options: Excel in and out (issue 7)."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
