"""`junheng slogans` and `junheng publicity`: banner lists and publicity schemes (issue 4)."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
