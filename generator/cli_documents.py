"""`junheng report` and `junheng plan`: 自查报告, 整改方案 and 整改台账 (issue 3)."""
from __future__ import annotations

import click


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
