"""generator/'s modules parsed once per test run: the scans of words, numbers, messages and imports read the
same syntax trees (parsing every module takes about a second; each scan used to do it again)."""
from __future__ import annotations

import ast
import functools
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "generator"


@functools.cache
def generator_trees() -> tuple[tuple[str, ast.Module], ...]:
    """(path relative to the repository, syntax tree) of every module under generator/, in path order.
    The trees are shared: a scan reads them and never changes them."""
    return tuple((path.relative_to(REPO).as_posix(), ast.parse(path.read_text(encoding="utf-8")))
                 for path in sorted(GENERATOR.rglob("*.py")))
