"""The `junheng` command line. Verbs read as sentences: `junheng check samples/county/county.yaml`.

What reads facts, judges them or writes a document (and rich, durable-rules, docxtpl with it) is imported
inside the commands, so that `junheng --help` and a bad option answer at once (tests/test_lazy_imports.py).
"""
from __future__ import annotations

import sys

import click

import json

from generator.cli.localized import JunhengGroup
from generator.errors import InputErrors
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
from generator.cli.document_steps import check_suffix


@click.group(cls=JunhengGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="junheng", prog_name="junheng")
@click.option("--lang", type=click.Choice(["zh", "en"]), default=None, expose_value=False, is_eager=True,
              help="提示和帮助的语言，默认 zh（也可设环境变量 JUNHENG_LANG=en）/ the language of messages and help "
                   "(default zh; or JUNHENG_LANG=en)")
def main():
    """junheng（均衡）：义务教育均衡发展材料，算得准、写得快。

    \b
    先试一试：
      junheng check samples/dongshe-primary.yaml        一所学校的十项办学基本条件
      junheng check samples/county/county.yaml          一个县：四项条件、差异系数、政府得分
      junheng check samples/county/county.yaml --json   机器可读（格式见 docs/json.md）
      junheng profiles                                  可选的评估标准
      junheng new school -o 我的学校.yaml               生成待填写的空白事实文件

    退出码（每个命令都一样）：0 全部达标，1 有未达标或缺数据的项，2 输入或命令行有误（什么也不写），3 内部错误，
    130 已中断（Ctrl-C）。
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
    例：
      junheng check samples/dongshe-primary.yaml
      junheng check samples/county/county.yaml --profile example-a --json
      junheng check 清河县.xlsx --xlsx 清河县结论.xlsx
    """
    from generator.criteria.evaluate import evaluate
    from generator.criteria.profiles import load_profile
    from generator.io.facts import load_facts
    from generator.render.terminal import to_json

    try:
        if xlsx_out:
            from generator.io.writing import check_outputs, option_input
            check_suffix(xlsx_out, "--xlsx", ".xlsx")          # a workbook named .docx is refused
            check_outputs([("--xlsx", xlsx_out)], force, inputs=[("FACTS", facts), option_input("--profile", profile)])
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
        from generator.render.verdict_workbook import result_workbook
        from generator.io.writing import write_bytes_atomic
        try:
            write_bytes_atomic(xlsx_out, result_workbook(result, rules, lang), force=force)
        except InputErrors as errors:
            fail_input(errors, lang)
        report_written(xlsx_out, lang, err=True)
    if as_json:
        click.echo(to_json(result))
    else:
        from generator.render.terminal_result import print_result
        print_result(result, lang, subject=subject, profile=rules)
    # passed is None only for a school the profile leaves out (优质均衡: 民办, 特教, small 教学点): nothing falls short
    sys.exit(EXIT_OK if result.passed or result.passed is None else EXIT_SHORT)


def _blank_form_or_fail(facts, errors, as_json, profile, lang):
    """A form nobody has filled in decides nothing: every item is missing, and what to fill is listed (exit 1, as
    any undecided check); any other file that cannot be loaded is bad input (exit 2)."""
    from generator.criteria.profiles import load_profile
    from generator.io.blank import unfilled_form
    blank = unfilled_form(facts)
    if blank is None:
        fail_input(errors, lang)
    if as_json:

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
    例：
      junheng rules
      junheng rules --profile guizhou --json
    """
    from generator.criteria.profiles import load_profile
    from generator.render.terminal import print_rules, rules_rows

    try:
        chosen = load_profile(profile_name(profile))
    except InputErrors as errors:
        fail_input(errors, lang)
    if as_json:

        rows = rules_rows(chosen)
        for row in rows:
            row.pop("standard_text", None)
        click.echo(json.dumps({"profile": chosen.id, "name": chosen.name, "rules": rows},
                              ensure_ascii=False, indent=2))
    else:
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
    """生成一个空白事实文件：每个键都留空，注释里写中文名、单位和填写示例；或一个待填写的工作簿。

    \b
    例：
      junheng new school -o 东社小学.yaml
      junheng new school --stage nine_year --keys zh -o 某某学校.yaml   九年一贯制，中文键
      junheng new county -o 某某县.xlsx            各校一行，县级数据、填写说明另表
      junheng new school --stage primary -o 某某小学.xlsx   只有小学的栏目
    """
    from generator.io.writing import write_bytes_atomic, write_text_atomic

    try:
        if as_xlsx or output.lower().endswith(".xlsx"):
            from generator.io.workbook.fillin import blank_workbook
            write_bytes_atomic(output, blank_workbook(kind, stage), force=force)
        else:
            from generator.io.blank import blank_file
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

