"""`junheng audit`: an inspector's check of a submission's claims (issues 5, 6).

The verb loads the facts, calls generator.audit.core.audit_facts, and shows the result: a rich
table (what was claimed, what it should be, the difference; findings in red), JSON for
machines, and optionally a 督导核查意见 .docx. Exit 0 no finding, 1 findings, 2 bad input.
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

from generator import i18n
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
)

STATUS_STYLE = {"agree": "green", "finding": "bold red", "unverified": "yellow"}
OPINION_TEMPLATE = "audit-opinion.docx"


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
@evaluating_options
def audit(facts, as_json, output, force, date, pdf, emit_facts, profile, lang, engine):
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
    例 / example:
      junheng audit samples/audit/school-errors.yaml
      junheng audit samples/audit/county/county.yaml --json
      junheng audit samples/audit/school-errors.yaml -o 核查意见.docx
      junheng audit samples/reports/xinghuo-planted.txt --emit-facts 星火小学.yaml
      （.docx/.txt 报告：从正文和表格中提取数字，逐句注明出处 / a report's own text is read）

    退出码 / exit codes: 0 无不符, 1 有不符之处, 2 输入有误。
    """
    from generator.audit.core import audit_facts
    from generator.errors import InputErrors
    from generator.model.facts import load_facts
    from generator.criteria.profiles import load_profile
    from generator.io.writing import check_outputs

    try:
        when = None
        if date is not None:
            from generator.cli.document_steps import parse_date_option
            when = parse_date_option(date, "--date")
        # every output refused before any work (and none may be the input or each other)
        check_outputs([("-o", output), ("--emit-facts", emit_facts),
                       ("--pdf", Path(output).with_suffix(".pdf") if output and pdf else None)], force,
                      inputs=[("FACTS", facts)])
        if output and pdf:
            from generator.cli.document_steps import pdf_precheck
            pdf_precheck([output], force)
        extraction = None
        from generator.io.extract import is_report, load_report
        if is_report(facts):
            subject, extraction = load_report(facts, emit_facts, force)
        else:
            subject = load_facts(facts, allow_empty_county=True)
        rules = load_profile(profile_name(profile, subject))
        result = audit_facts(subject, rules, engine=engine)
    except InputErrors as errors:
        fail_input(errors, lang)
    if output:
        try:
            write_opinion(result, subject, output, force=force, lang=lang, date=when, rules=rules,
                          metadata={"generator": "junheng", "profile": rules.id, "engine": engine})
            if pdf:
                from generator.cli.document_steps import write_pdfs
                write_pdfs([output], lang, force)
        except InputErrors as errors:
            fail_input(errors, lang)
    if as_json:
        import json
        data = result.to_json(lang)
        if extraction is not None:
            data["report"] = extraction_json(extraction)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print_audit(result, lang)
        if extraction is not None:
            print_extraction_notes(extraction, lang, echo=click.echo)
        if output:
            click.echo(output)
    sys.exit(EXIT_SHORT if result.findings else EXIT_OK)


def _where(row, lang) -> str:
    parts = []
    if row.school:
        parts.append(row.school)
    if row.line:
        parts.append(f"第{row.line}行" if lang == "zh" else f"line {row.line}")
    return " ".join(parts)


def _recomputed(row, lang) -> str:
    if row.kind == "verdict" and row.recomputed_text:
        from generator.i18n import message
        return message(f"status_{row.recomputed_text}", lang)
    return str(row.recomputed_text)


def _difference(row, lang) -> str:
    if not row.difference_text:
        return ""
    if row.percent and row.difference_text != "0":
        return row.difference_text + (" 个百分点" if lang == "zh" else " pp")
    return row.difference_text


def print_audit(result, lang: str, console=None):
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from generator.i18n import message
    console = console or Console()
    zh = lang == "zh"
    title = (f"{result.subject['name']} — 督导核查（{result.profile}）" if zh else
             f"{result.subject['name']} — audit ({result.profile})")
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
            table.add_row(escape(_where(row, lang)), escape(row.what[lang]), escape(str(row.claimed_text)),
                          escape(_recomputed(row, lang)), escape(_difference(row, lang)), f"[{style}]{word}[/]")
        console.print(table)
    findings, unverified = result.findings, result.unverified
    if findings:
        console.print("[bold red]" + ("不符之处及计算过程：" if zh else "Findings, and how they were computed:") + "[/]")
        for index, row in enumerate(findings, 1):
            where = _where(row, lang)
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


def _doc_figure(text, percent: bool) -> str:
    """A figure in the opinion's table in document style: 362400.5, 82% (never 0.82 for a rate)."""
    from decimal import Decimal, InvalidOperation

    import re

    from generator.numbers import doc_percent
    # separators go; the decimals stay (a recomputed 13.0 is shown at the claim's precision)
    text = re.sub(r"(?<=\d),(?=\d{3}(\D|$))", "", str(text))
    if percent and not text.endswith("%"):
        try:
            value = Decimal(text)
        except InvalidOperation:
            return text
        if abs(value) <= Decimal("1.5"):
            return doc_percent(value, 2)
    return text


def _no_rule_id(text: str) -> str:
    """"K1 生均校舍建筑面积" → "生均校舍建筑面积": rule ids belong in workbooks, not in an opinion."""
    import re
    return re.sub(r"^[A-Z]\d+(?:-[a-z_]+)?\s+", "", text)


def _doc_how(text: str, percent: bool = False) -> str:
    """The working in document style: 362,400.50 → 362400.50, a rate's result 0.82 → 82% (the
    opinion uses one number style)."""
    import re
    text = re.sub(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", lambda m: _doc_figure(m.group(0), False), text)
    if percent:
        text = re.sub(r"(= )(-?\d+\.\d+)$", lambda m: m.group(1) + _doc_figure(m.group(2), True), text)
    return text


def opinion_context(result, subject, lang: str = "zh", date=None, rules=None) -> dict:
    """What the 督导核查意见 template is filled with: plain strings and lists only."""
    from generator.render.report_common import DEFAULT_CITATION, format_date, profile_citation
    year = subject.get("year")
    rows = []
    for index, row in enumerate(result.findings, 1):
        rows.append({"no": index, "where": _where(row, lang), "what": _no_rule_id(row.what[lang]),
                     "claimed": _doc_figure(row.claimed_text, row.percent),
                     "should": _doc_figure(_recomputed(row, lang), row.percent),
                     "difference": _difference(row, lang), "how": _doc_how(row.how[lang], row.percent)})
    unverified = [{"what": _no_rule_id(row.what[lang]), "why": row.how[lang]} for row in result.unverified]
    kind_word = "校" if subject.kind == "school" else "县"      # 你校 / 你县
    return {
        "subject_name": result.subject["name"],
        "kind_word": kind_word,
        "profile": result.profile,
        "profile_citation": profile_citation(rules) if rules is not None else DEFAULT_CITATION,
        # No date from the clock (same input, same bytes): --date, else the facts' year with the
        # month and day blank (full-width spaces, as the reports' own blanks), else all blank.
        "date_text": format_date(date) if date else (f"{year}年{i18n.BLANK_MONTH_DAY}" if year else format_date(None)),
        "checked": result.checked,
        "relations_checked": result.relations_checked,
        "finding_count": len(result.findings),
        "unverified_count": len(result.unverified),
        "findings": rows,
        "unverified": unverified,
        # 一、二 are fixed; 三 is "无法核对的事项" only when there are such, so the opinion comes third or fourth
        "opinion_heading": "四、核查意见" if unverified else "三、核查意见",
        "conclusion": ("经逐项重算，所报数据与其事实一致，未发现不符之处。" if not rows else
                       f"经逐项重算，发现 {len(rows)} 处数据与材料自身的基础数据不符（见第二部分）。"),
    }


def write_opinion(result, subject, output, force: bool = False, lang: str = "zh", date=None, rules=None,
                  metadata: dict | None = None):
    """Render the 督导核查意见 with the shared document machinery (generator.render.documents)."""
    from generator.render.documents import render_docx
    from generator.resources import templates_dir
    render_docx(templates_dir() / OPINION_TEMPLATE, opinion_context(result, subject, lang, date=date, rules=rules),
                output, force=force, metadata=metadata)


# ---------------------------------------------------------------- a report's figures (issue 6)
MESSAGES_AUDIT = {
    "extract_heading": {"zh": "报告中未能对应到字段的数字（{count} 个，请核对，需要时写入事实文件）：",
                        "en": "Figures in the report not tied to a fact field ({count}; check them, add them to the fact file if needed):"},
    "extract_pending": {"zh": "以下学校的数字原文未给出在校生数，无法核算（已写入事实文件的注释中）：{names}",
                        "en": "These schools' figures cannot be recomputed, the report gives no student count "
                              "(written as comments in the fact file): {names}"},
    "extract_no_students": {"zh": "报告未给出在校生数：各数字按县级文件写出，均无法按生均核算。",
                            "en": "The report gives no student count: its figures were read as a county file "
                                  "and nothing per student can be recomputed."},
    "extract_emitted": {"zh": "已写出事实文件：{path}", "en": "fact file written: {path}"},
}
i18n.MESSAGES.update(MESSAGES_AUDIT)
REASONS_EN = {
    "no_field": "not tied to a fact field", "target": "a target or requirement, not the present state",
    "growth": "a growth rate", "ratio": "a ratio", "bound": "a bound (…以上/以下), not a figure",
    "standard_without_figure": "a standard with no figure", "county_rate": "a county rate the schools cannot add up to",
    "verdict_without_rule": "a verdict against a standard no rule of the profile measures",
    "county_subject_teachers": "county subject teachers (give them per school)",
    "deficit_without_standard": "a shortfall with no stated standard and no rule",
}


def extraction_json(extraction) -> dict:
    """What `audit --json` adds for a report: the figures not tied to a field, schools not checkable."""
    return {"source": extraction.source,
            "unrecognised": [item.to_json() for item in extraction.unrecognised],
            "pending_schools": [name for name in extraction.schools if not extraction.checkable_school(name)],
            "assumptions": list(extraction.assumptions)}


def print_extraction_notes(extraction, lang: str, echo=print):
    """What the terminal (and the web page) says about a report's figures the audit could not use."""
    from decimal import Decimal

    from generator.i18n import message
    from generator.io.fact_file import REASONS
    from generator.io.yaml_writer import comment
    from generator.numbers import plain
    pending = [name for name in extraction.schools if not extraction.checkable_school(name)]
    if "no_students" in extraction.assumptions:
        echo(message("extract_no_students", lang))
    if pending:
        echo(message("extract_pending", lang, names="、".join(pending) if lang == "zh" else ", ".join(pending)))
    if not extraction.unrecognised:
        return
    echo(message("extract_heading", lang, count=len(extraction.unrecognised)))
    for item in extraction.unrecognised:
        data = item.data
        value = data["value"]
        shown = data.get("written") or (str(plain(value)) if isinstance(value, Decimal) else str(value))
        reason = (REASONS if lang == "zh" else REASONS_EN).get(data["reason"], data["reason"])
        label = data.get("label") or "?"
        echo(f"  {where_words(item.where, lang)}  {label} {shown}{data.get('unit', '')} —— {reason}")
        echo(f"      {comment(item.text)}")


def where_words(where: str, lang: str) -> str:
    """"第 5 行" / "第 3 段" / "表1第2行" in the user's language."""
    if lang == "zh":
        return where
    import re
    where = re.sub(r"^表(\d+)第(\d+)行$", r"table \1 row \2", where)
    where = re.sub(r"^第 (\d+) 段$", r"paragraph \1", where)
    return re.sub(r"^第 (\d+) 行$", r"line \1", where)
