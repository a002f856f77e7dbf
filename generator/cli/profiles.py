"""`junheng profiles`: every standard a run may use, by its Chinese name — the shipped ones (rules/profiles/) and a
county's own (a YAML file with `inherits:`, given on the command line or lying in the current folder)."""
from __future__ import annotations

import sys

import click

import json
from pathlib import Path

from generator.cli.common import EXIT_INPUT, EXIT_OK, json_option, lang_option
from generator.errors import InputErrors


def register(main: click.Group) -> None:
    """Add this module's verb to the `junheng` group."""
    main.add_command(profiles)


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@json_option
@lang_option
def profiles(files, as_json, lang):
    """列出可用的评估标准：中文名称、文号、继承自哪个标准，以及 --profile 后面要写的编号或文件。

    \b
    除内置标准外，还列出命令行给出的、以及当前文件夹里带 inherits: 的本县标准文件。
    例：
      junheng profiles
      junheng profiles 本县标准.yaml
      junheng profiles --json
    """
    from generator.criteria.profile_names import entry, local_profile_files, shipped_entries

    shipped = shipped_entries()
    local, failures, seen = [], [], set()
    for path in [*map(Path, files), *local_profile_files(".")]:
        key = path.resolve()
        if key in seen:
            continue
        seen.add(key)
        try:
            local.append(entry(str(path)))
        except InputErrors as errors:
            failures.append(errors.describe(lang))
    if as_json:
        click.echo(json.dumps({"profiles": [e.as_json() for e in [*shipped, *local]]}, ensure_ascii=False, indent=2))
    else:
        from generator.render.profile_list import print_profiles
        print_profiles(shipped, local, lang)
    for text in failures:
        click.echo(text, err=True)
    sys.exit(EXIT_INPUT if failures else EXIT_OK)
