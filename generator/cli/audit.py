"""`junheng audit`: an inspector's check of a submission's claims.

The verb loads the facts, calls generator.audit.core.audit_facts, and shows the result: a rich
table (what was claimed, what it should be, the difference; findings in red), JSON for
machines, and optionally a 督导核查意见 .docx. Exit 0 no finding, 1 findings, 2 bad input.
"""
from __future__ import annotations

import json


import sys
from pathlib import Path

import click

from generator.messages.audit import DEFAULT_ISSUER
from generator.cli.common import (
    EXIT_OK,
    EXIT_SHORT,
    date_option,
    evaluating_options,
    fail_input,
    force_option,
    json_option,
    pdf_option,
    profile_name,
    report_written,
)
from generator.errors import InputErrors
from generator.i18n import message
from generator.render.console import terminal_console
from generator.cli.document_steps import pdf_precheck, write_pdfs

STATUS_STYLE = {"agree": "green", "finding": "bold red", "unverified": "yellow"}


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""
    main.add_command(audit)


@click.command()
@click.argument("facts", type=click.Path(dir_okay=False))
@json_option
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False),
              help="写出督导核查意见 .docx / write the inspector's opinion (.docx)")
@force_option
@date_option
@pdf_option
@click.option("--emit-facts", "emit_facts", type=click.Path(dir_okay=False),
              help="报告（.docx/.txt）提取出的事实另存为可修改的事实文件 / save the facts read from a report")
@click.option("--issuer", default=DEFAULT_ISSUER, show_default=True, metavar="单位名称",
              help="核查意见的落款单位，如 --issuer 某某县人民政府教育督导室 / the body that signs the opinion")
@evaluating_options
def audit(facts, as_json, output, force, date, pdf, emit_facts, issuer, profile, lang, engine):
    """督导核查：用报告自己的事实重算其中的每个数字（claims），核对分项合计（breakdowns）与事实之间的关系。

    \b
    在事实文件里写下报告所说的数字，例如报告写“生均占地面积约9.6㎡，尚缺5230㎡”：
      claims:
        - {of: land_area_m2, measure: per_student, value: "约9.6"}
        - {of: land_area_m2, measure: deficit, value: 5230, standard: 14}
        - {of: K3, measure: verdict, value: 达标}
      breakdowns:
        - {of: computers, total: 96, parts: {办公: 12, 学生: 60, 班班通: 24}}
    数字与重算值之差小于所写最后一位的一个单位即为一致（9.6 对 9.642 一致，4.71 对 5.032 不符）。

    \b
    例：
      junheng audit samples/audit/school-errors.yaml
      junheng audit samples/audit/county/county.yaml --json
      junheng audit samples/audit/school-errors.yaml -o 核查意见.docx
      junheng audit samples/reports/xinghuo-planted.txt --emit-facts 星火小学.yaml
      （.docx/.txt 报告：从正文和表格中提取数字，逐句注明出处）
    """
    from generator.criteria.profiles import load_profile
    from generator.extract.notes import extraction_json, print_extraction_notes
    from generator.io.facts import load_facts
    from generator.render.date_option import parse_date_option
    from generator.audit.core import audit_facts
    from generator.io.writing import check_outputs, option_input, refuse_inputs

    try:
        when = None
        if date is not None:
            when = parse_date_option(date, "--date")
        # every output refused before any work (and none may be the input or each other)
        check_outputs([("-o", output), ("--emit-facts", emit_facts),
                       ("--pdf", Path(output).with_suffix(".pdf") if output and pdf else None)], force,
                      inputs=[("FACTS", facts), option_input("--profile", profile)])
        if output and pdf:
            pdf_precheck([output], force)
        extraction = None
        from generator.extract.report import is_report, load_report
        if is_report(facts):
            # a report names no profile: the option's (else basic-2012) says which rules its
            # 达标/未达标 statements refer to
            rules = load_profile(profile_name(profile))
            subject, extraction = load_report(facts, emit_facts, force, profile=rules)
            if emit_facts:
                report_written(emit_facts, lang, err=True)
        else:
            subject = load_facts(facts, allow_empty_county=True, as_stated=True)
            rules = load_profile(profile_name(profile, subject))
        result = audit_facts(subject, rules, engine=engine)
        refuse_inputs([output, Path(output).with_suffix(".pdf") if output and pdf else None])
    except InputErrors as errors:
        fail_input(errors, lang)
    if output:
        try:
            from generator.io.writing import write_bytes_atomic
            from generator.service.documents import opinion_docx
            from generator.service.options import RunOptions
            options = RunOptions(engine=engine, lang=lang, date=when)
            write_bytes_atomic(output, opinion_docx(result, rules, subject, options, issuer=issuer,
                                                    extraction=extraction), force=force)
            if pdf:
                write_pdfs([output], lang, force)
        except InputErrors as errors:
            fail_input(errors, lang)
    if as_json:
        data = result.to_json(lang)
        if extraction is not None:
            data["report"] = extraction_json(extraction)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_audit(result, lang)
        if extraction is not None:
            print_extraction_notes(extraction, lang, echo=click.echo)
    if output:
        report_written(output, lang, err=as_json)
    sys.exit(EXIT_SHORT if result.findings else EXIT_OK)


def print_audit(result, lang: str, console=None):
    from generator.audit.opinion import claimed_words, difference_cell, recomputed_cell, where_cell
    from generator.criteria.profile_names import profile_title
    from rich.markup import escape
    from rich.table import Table

    console = console or terminal_console()
    zh = lang == "zh"
    title = (f"{result.subject['name']} — 督导核查（{profile_title(result.profile)}）" if zh else
             f"{result.subject['name']} — audit ({profile_title(result.profile)})")
    console.print(f"[bold]{escape(title)}[/]", soft_wrap=True)
    shown = [row for row in result.rows if row.kind != "consistency" or row.status != "agree"]
    if shown:
        table = Table(show_lines=False)
        for header, justify in zip(("位置", "核对内容", "声明", "应为", "差", "结论") if zh else
                                   ("Where", "What", "Claimed", "Should be", "Difference", "Result"),
                                   ("left", "left", "right", "right", "right", "left")):
            table.add_column(header, justify=justify, overflow="fold")
        for row in shown:
            style = STATUS_STYLE[row.status]
            word = message(f"audit_{'agree' if row.status == 'agree' else row.status}", lang)
            table.add_row(escape(where_cell(row, lang)), escape(row.what[lang]), escape(claimed_words(row, lang)),
                          escape(recomputed_cell(row, lang)), escape(difference_cell(row, lang)), f"[{style}]{word}[/]")
        console.print(table)
    findings, unverified = result.findings, result.unverified
    if findings:
        console.print("[bold red]" + ("不符之处及计算过程：" if zh else "Findings, and how they were computed:") + "[/]")
        for index, row in enumerate(findings, 1):
            where = where_cell(row, lang)
            console.print(f"[red]{index}.[/] " + escape((where + "：" if zh else where + ": ") if where else "")
                          + escape(row.what[lang]) + ("。" if zh else ". ") + escape(row.how[lang]), soft_wrap=True)
    if unverified:
        console.print("[yellow]" + ("无法核对（事实不足）：" if zh else "Not checkable:") + "[/]")
        for row in unverified:
            console.print("  " + escape(row.what[lang]) + ("：" if zh else ": ") + escape(row.how[lang]),
                          soft_wrap=True)
    summary = (f"核对声明与分项合计 {result.checked} 项、事实关系 {result.relations_checked} 条："
               f"不符 {len(findings)} 处，无法核对 {len(unverified)} 项。" if zh else
               f"Checked {result.checked} claims and breakdowns and {result.relations_checked} relations of the "
               f"facts: {len(findings)} finding(s), {len(unverified)} not checkable.")
    console.print(f"[bold {'red' if findings else 'green'}]{summary}[/]", soft_wrap=True)

