"""`junheng audit`: an inspector's check of a submission's claims (issues 5, 6)."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
