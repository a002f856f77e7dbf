"""The `junheng` command line. Verbs read as sentences: `junheng check samples/county/county.yaml`.

Heavy modules (rich, durable-rules, docxtpl) are imported inside the commands, so that
`junheng --help` stays fast.
"""
from __future__ import annotations

import sys

import click

from generator.i18n import status_word
from generator.model.schema import STAGES
# Shared by every verb module; kept in cli_common so a verb module can be imported on its own.
from generator.cli.common import (  # noqa: E402
    EXIT_OK,
    EXIT_SHORT,
    common_options,
    evaluating_options,
    fail_input,
    force_option,
    json_option,
    profile_name,
    report_written,
)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="junheng", prog_name="junheng")
def main():
    """junheng（均衡）：义务教育均衡发展材料，算得准、写得快。

    \b
    先试一试 / try it:
      junheng check samples/dongshe-primary.yaml        一所学校的十项办学基本条件
      junheng check samples/county/county.yaml          一个县：四项条件、差异系数、政府得分
      junheng check samples/county/county.yaml --json   机器可读 / for scripts
      junheng rules                                     查看评估标准及来源
      junheng new school -o 我的学校.yaml               生成待填写的事实文件

    退出码 / exit codes: 0 全部达标, 1 有未达标项, 2 输入有误。
    """


@main.command()
@click.argument("facts", type=click.Path(dir_okay=False))
@json_option
@click.option("--xlsx", "xlsx_out", type=click.Path(dir_okay=False), metavar="OUT.xlsx",
              help=f"另存结论和差异系数表为工作簿（{status_word('fail')}标红）/ also write the verdicts as a workbook")
@force_option
@evaluating_options
def check(facts, as_json, xlsx_out, force, profile, lang, engine):
    """检查一所学校、一个县或中心学校的事实文件（YAML 或 .xlsx 工作簿）。

    \b
    例 / example:
      junheng check samples/dongshe-primary.yaml
      junheng check samples/county/county.yaml --profile example-a --json
      junheng check 清河县.xlsx --xlsx 清河县结论.xlsx
    """
    from generator.errors import InputErrors
    from generator.criteria.evaluate import evaluate
    from generator.model.facts import load_facts
    from generator.criteria.profiles import load_profile

    try:
        if xlsx_out:
            from generator.io.writing import check_outputs
            check_outputs([("--xlsx", xlsx_out)], force, inputs=[("FACTS", facts)])
    except InputErrors as errors:
        fail_input(errors, lang)
    try:
        subject = load_facts(facts)
    except InputErrors as errors:
        _blank_form_or_fail(facts, errors, as_json, profile, lang)
    try:
        rules = load_profile(profile_name(profile, subject))
    except InputErrors as errors:
        fail_input(errors, lang)
    result = evaluate(subject, rules, engine)
    if xlsx_out:
        from generator.io.workbook.verdicts import result_workbook
        from generator.io.writing import write_bytes_atomic
        try:
            write_bytes_atomic(xlsx_out, result_workbook(result, rules, lang), force=force)
        except InputErrors as errors:
            fail_input(errors, lang)
        report_written(xlsx_out, lang, err=True)
    if as_json:
        from generator.render.terminal import to_json
        click.echo(to_json(result))
    else:
        from generator.render.terminal_result import print_result
        print_result(result, lang, subject=subject, profile=rules)
    # passed is None only for a school the profile leaves out (优质均衡: 民办, 特教, small 教学点): nothing falls short
    sys.exit(EXIT_OK if result.passed or result.passed is None else EXIT_SHORT)


def _blank_form_or_fail(facts, errors, as_json, profile, lang):
    """A form nobody has filled in decides nothing: every item is missing, and what to fill is listed (exit 1, as
    any undecided check); any other file that cannot be loaded is bad input (exit 2)."""
    from generator.model.blank import unfilled_form
    blank = unfilled_form(facts)
    if blank is None:
        fail_input(errors, lang)
    if as_json:
        import json

        from generator.criteria.profiles import load_profile
        try:
            rules = load_profile(profile_name(profile, blank.data))
        except InputErrors as problem:
            fail_input(problem, lang)
        click.echo(json.dumps(blank.as_json(rules), ensure_ascii=False, indent=2))
    else:
        from generator.render.unfilled_list import print_unfilled
        print_unfilled(blank, lang)
    sys.exit(EXIT_SHORT)


@main.command()
@json_option
@common_options
def rules(as_json, profile, lang):
    """列出评估标准的全部规则：编号、名称、标准、单位、来源。

    \b
    例 / example:
      junheng rules
      junheng rules --profile guizhou --json
    """
    from generator.errors import InputErrors
    from generator.criteria.profiles import load_profile

    try:
        chosen = load_profile(profile_name(profile))
    except InputErrors as errors:
        fail_input(errors, lang)
    if as_json:
        import json

        from generator.render.terminal import rules_rows
        rows = rules_rows(chosen)
        for row in rows:
            row.pop("standard_text", None)
        click.echo(json.dumps({"profile": chosen.id, "name": chosen.name, "rules": rows},
                              ensure_ascii=False, indent=2))
    else:
        from generator.render.terminal import print_rules
        print_rules(chosen, lang)


@main.command()
@click.argument("kind", type=click.Choice(["school", "county", "centre"]))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False),
              help="要写入的文件 / file to write")
@force_option
@click.option("--xlsx", "as_xlsx", is_flag=True,
              help="生成待填写的工作簿（-o 以 .xlsx 结尾时自动如此）/ a fill-in workbook instead of YAML")
@click.option("--stage", type=click.Choice(list(STAGES)), default=None,
              help="学校类型（学段），如 --stage primary：只列这一学段的栏目并填好 stage；"
                   "primary 小学、junior 初中、nine_year 九年一贯制、complete_middle 完全中学、"
                   "twelve_year 十二年一贯制、teaching_point 教学点 / the school type: only its columns")
@click.option("--keys", "keys", type=click.Choice(["en", "zh"]), default="en", show_default=True,
              help="键的写法：en 英文键（books:）或 zh 中文键（图书册数:），两种都能读回 / "
                   "write English keys or their Chinese labels; both read back")
@common_options
def new(kind, output, force, as_xlsx, stage, keys, profile, lang):
    """生成一个带注释的空白事实文件，列出每个键的中文名和单位；或一个待填写的工作簿。

    \b
    例 / example:
      junheng new school -o 东社小学.yaml
      junheng new county -o 某某县.yaml
      junheng new county --xlsx -o 某某县.xlsx     各校一行，县级数据、填写说明另表
    """
    from generator.errors import InputErrors
    from generator.io.writing import write_bytes_atomic, write_text_atomic

    try:
        if as_xlsx or output.lower().endswith(".xlsx"):
            from generator.io.workbook.fillin import blank_workbook
            write_bytes_atomic(output, blank_workbook(kind, stage), force=force)
        else:
            from generator.model.blank import blank_file
            write_text_atomic(output, blank_file(kind, stage, keys), force=force)
    except InputErrors as errors:
        fail_input(errors, lang)
    report_written(output, lang)


# Verbs that live in their own modules (report, plan, audit, slogans and publicity, Excel, serve).
# Each module's register() adds its commands; the modules import their heavy libraries
# inside the commands so that `junheng --help` stays fast.
from generator.cli import audit as cli_audit  # noqa: E402 (registered after main exists)
from generator.cli import collect as cli_collect
from generator.cli import excel as cli_excel
from generator.cli import plan as cli_plan
from generator.cli import profiles as cli_profiles
from generator.cli import report as cli_report
from generator.cli import serve as cli_serve
from generator.cli import slogans as cli_slogans

for _module in (cli_profiles, cli_report, cli_plan, cli_audit, cli_slogans, cli_excel, cli_serve, cli_collect):
    _module.register(main)

