"""Where the shipped data lives: rules/, doc_templates/, corpora/.

In a source checkout they sit at the repository root; after `pip install .` they are
installed as the package-data packages generator.rules / generator.doc_templates /
generator.corpora (see pyproject.toml). Either way this module finds them.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    return _PACKAGE_DIR.parent / name


def rules_dir() -> Path:
    return _data_dir("rules")


def templates_dir() -> Path:
    return _data_dir("doc_templates")


def corpora_dir() -> Path:
    return _data_dir("corpora")
