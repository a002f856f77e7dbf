"""What every `junheng` verb shares: exit codes, --profile/--lang, and the clean exit 2.

Kept apart from generator/cli.py, which imports the verb modules to register them: a verb
module importing its helpers from cli.py could not be imported on its own (circular import).
"""
from __future__ import annotations

import sys

import click

EXIT_OK, EXIT_SHORT, EXIT_INPUT = 0, 1, 2

_COMMON = [
    click.option("--profile", default="basic-2012", show_default=True, metavar="NAME|FILE.yaml",
                 help="评估标准：内置名称（basic-2012、example-a、guizhou）或本县标准文件 / "
                      "a shipped profile name or your own profile file"),
    click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                 help="提示语言 / message language"),
]


def common_options(func):
    for option in reversed(_COMMON):
        func = option(func)
    return func


def fail_input(error, lang: str):
    """Exit 2 with the error's words on stderr, no traceback."""
    click.echo(error.describe(lang), err=True)
    sys.exit(EXIT_INPUT)
