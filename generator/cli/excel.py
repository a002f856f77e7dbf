"""`junheng export` and the workbook options: Excel in and out.

`new --xlsx` and `check --xlsx` live in cli.py beside their verbs; they call generator.io.workbook.fillin
and generator.render.verdict_workbook.
"""
from __future__ import annotations

import click

from pathlib import Path

from generator.cli.common import common_options, fail_input, force_option, report_written
from generator.errors import InputError, InputErrors


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
    main.add_command(export)


@click.command()
@click.argument("facts", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="FILE.xlsx（工作簿）或 FILE.yaml（事实文件）/ a workbook or a YAML fact file")
@force_option
@common_options
def export(facts, output, force, profile, lang):
    """把事实文件转成工作簿，或把工作簿转回 YAML；内容不增不减。

    \b
    例：
      junheng export samples/county/county.yaml -o 清河县.xlsx     各校一行，县级数据另表
      junheng export 清河县.xlsx -o 清河县.yaml                     收回的工作簿转回 YAML
    """
    from generator.io.facts import load_facts

    from generator.io.workbook.export import facts_workbook, facts_yaml
    from generator.io.writing import write_bytes_atomic, write_text_atomic

    suffix = Path(output).suffix.lower()
    try:
        if suffix not in (".xlsx", ".yaml", ".yml"):
            raise InputErrors([InputError(None, None, None, "export_suffix", path=output)])
        from generator.io.writing import check_outputs
        check_outputs([("-o", output)], force, inputs=[("FACTS", facts)])
        # a county file with only county-level figures (no schools yet) is still worth converting
        subject = load_facts(facts, allow_empty_county=True)
        if suffix == ".xlsx":
            write_bytes_atomic(output, facts_workbook(subject), force=force)
        else:
            write_text_atomic(output, facts_yaml(subject), force=force)
    except InputErrors as errors:
        fail_input(errors, lang)
    report_written(output, lang)
