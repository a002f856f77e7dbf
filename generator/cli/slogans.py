"""`junheng slogans` and `junheng publicity`: banner lists and publicity schemes."""
from __future__ import annotations

import sys
from pathlib import Path
import shutil

import click

from generator import i18n
from generator.cli.common import (
    EXIT_OK,
    common_options,
    evaluating_options,
    fail_input,
    force_option,
    pdf_option,
    profile_name,
    report_written,
)
from generator.cli.document_steps import pdf_failure_said
from generator.errors import InputError, InputErrors
from generator.render.console import terminal_console


def _error(msg_id, key=None, file=None, **params):
    return InputErrors([InputError(file, None, key, msg_id, **params)])


def _check_suffix(path, option, allowed):
    if path is not None and Path(path).suffix.lower() not in allowed:
        raise _error("slogan_bad_suffix", key=option, option=option, allowed=" / ".join(allowed), path=path)


def _note(text: str) -> None:
    click.echo(text, err=True)


def _profile_for(option, *subjects):
    """The profile: --profile when given, else the first of the --for file and the centre file that
    names one (cli.common.profile_name), else the default."""
    from generator.criteria.profiles import load_profile

    return load_profile(profile_name(option, *subjects))


def _write_pdfs(docx_paths, force, lang):
    from generator.render.pdf import convert_many_to_pdf
    from generator.io.writing import check_writable, write_bytes_atomic

    targets = [Path(p).with_suffix(".pdf") for p in docx_paths]
    for target in targets:
        check_writable(target, force)
    def progress(done, total, name):
        _note(i18n.message("pdf_progress", lang, done=done, total=total, name=name))
    with pdf_failure_said(docx_paths):
        produced = convert_many_to_pdf(docx_paths, lang=lang, progress=progress if len(docx_paths) > 1 else None)
        try:
            for pdf, target in zip(produced, targets):
                write_bytes_atomic(target, pdf.read_bytes(), force=force)
                report_written(target, lang)
        finally:
            shutil.rmtree(produced[0].parent, ignore_errors=True)


def _print_table(rows, with_place: bool, lang: str, title: str | None = None) -> None:
    from rich.table import Table

    zh = lang == "zh"
    table = Table(title=title or i18n.message("slogan_list_title", lang))
    table.add_column("序号" if zh else "No.", justify="right")
    table.add_column("标语" if zh else "slogan", overflow="fold", min_width=12)
    table.add_column("字数" if zh else "chars", justify="right")
    table.add_column("尺寸(米)" if zh else "size (m)", justify="center", no_wrap=True)
    if with_place:
        table.add_column("悬挂位置" if zh else "site", overflow="fold")
    table.add_column("主题" if zh else "themes", overflow="fold")
    for row in rows:
        cells = [str(row["number"]), row["text"], str(row["chars"]), row["size"]]
        if with_place:
            cells.append(f"{row['school']} {row['site']}")
        cells.append("、".join(row["slogan"].themes))
        table.add_row(*cells)
    terminal_console().print(table)


def register(main: click.Group) -> None:
    """Add this module's verbs to the `junheng` group."""

    @main.command()
    @click.option("--theme", "themes", multiple=True, metavar="主题",
                  help="按主题选（可重复）：均衡、公平、标准化建设、资源、留守儿童、素质教育、质量、投入、依法治教、"
                       "师资、信息化、优先发展、民生、普及、政府责任、特色、和谐 / theme, repeatable")
    @click.option("--count", type=click.IntRange(min=1), help="最多几条 / at most N slogans")
    @click.option("--max-chars", type=click.IntRange(min=1), help="每条最多几个字 / at most N characters each")
    @click.option("--for", "for_facts", type=click.Path(dir_okay=False), metavar="FACTS",
                  help="按学校或县的薄弱项选主题 / themes from a school's or county's weak criteria")
    @click.option("--centre", type=click.Path(dir_okay=False), metavar="CENTRE",
                  help="中心学校文件：给每处悬挂地点分配一条标语 / place the slogans at a centre's banner sites")
    @click.option("--allow-repeat", is_flag=True,
                  help="地点多于标语时允许不同学校用同一条（同校不重复）/ let schools share slogans")
    @click.option("-o", "--output", type=click.Path(dir_okay=False), metavar="OUT.docx|OUT.xlsx",
                  help="横幅一览表 / the banner list (.docx or .xlsx)")
    @click.option("--print", "print_output", type=click.Path(dir_okay=False), metavar="OUT.docx",
                  help="印刷用：每页一条、横向大字 / one slogan per landscape page for the print shop")
    @pdf_option
    @force_option
    @evaluating_options
    def slogans(themes, count, max_chars, for_facts, centre, allow_repeat, output, print_output, pdf, force,
                profile, lang, engine):
        """宣传标语（横幅）一览表：序号、标语、字数、建议尺寸、悬挂位置。

        \b
        例：
          junheng slogans --count 20 -o 横幅.docx
          junheng slogans --theme 公平 --theme 留守儿童 --max-chars 14 -o 横幅.xlsx
          junheng slogans --for samples/dongshe-primary.yaml --count 10      按薄弱项选题
          junheng slogans --centre samples/dongong-centre.yaml -o 横幅.xlsx --print 印刷.docx
        """

        try:
            _slogans(themes, count, max_chars, for_facts, centre, allow_repeat, output, print_output, pdf, force,
                     profile, lang, engine)
        except InputErrors as errors:
            fail_input(errors, lang)
        sys.exit(EXIT_OK)

    @main.command()
    @click.argument("centre", type=click.Path(dir_okay=False))
    @click.option("-o", "--output", required=True, type=click.Path(), metavar="OUT.docx|DIR/",
                  help="宣传方案 .docx；与 --each-school 同用时为目录 / the scheme, or a directory with --each-school")
    @click.option("--each-school", is_flag=True, help="为每所学校各写一份方案 / one scheme per school")
    @click.option("--theme", "themes", multiple=True, metavar="主题", help="按主题选标语（可重复）/ theme, repeatable")
    @click.option("--count", type=click.IntRange(min=1),
                  help="附件列几条标语（默认 30 条，地点更多时与地点数相同）/ slogans in the 附件 (default 30 or the site count)")
    @click.option("--max-chars", type=click.IntRange(min=1), help="每条最多几个字 / at most N characters each")
    @click.option("--allow-repeat", is_flag=True,
                  help="地点多于标语时允许不同学校用同一条（同校不重复）/ let schools share slogans")
    @pdf_option
    @force_option
    @common_options
    def publicity(centre, output, each_school, themes, count, max_chars, allow_repeat, pdf, force, profile, lang):
        """中心学校的义务教育均衡发展宣传方案：宣传内容、方式、各校横幅悬挂地点与标语、目标任务、附件标语。

        \b
        例：
          junheng publicity samples/dongong-centre.yaml -o 东巩镇宣传方案.docx
          junheng publicity samples/dongong-centre.yaml --each-school -o 各校方案/
          junheng publicity samples/dongong-centre.yaml --theme 均衡 --theme 公平 --max-chars 16 -o 方案.docx --pdf
        """

        try:
            _publicity(centre, output, each_school, themes, count, max_chars, allow_repeat, pdf, force, profile, lang)
        except InputErrors as errors:
            fail_input(errors, lang)
        sys.exit(EXIT_OK)


def _slogans(themes, count, max_chars, for_facts, centre_path, allow_repeat, output, print_output, pdf, force,
             profile, lang, engine):
    from generator.criteria.evaluate import evaluate
    from generator.io.facts import load_facts
    from generator.publicity.choice import choose, choose_favouring, list_context
    from generator.publicity.corpus import check_themes, corpus_for, empty_themes
    from generator.publicity.placement import assign, load_centre
    from generator.publicity.scheme import wording
    from generator.publicity.slogan_lists import list_rows, workbook_bytes
    from generator.io.writing import check_outputs, option_input

    _check_suffix(output, "-o", (".docx", ".xlsx"))
    _check_suffix(print_output, "--print", (".docx",))
    pdf_targets = []
    if pdf:
        pdf_targets = [("--pdf", Path(p).with_suffix(".pdf")) for p in (output, print_output)
                       if p is not None and str(p).lower().endswith(".docx")]
    # every output refused before any is written; two options naming one file are refused
    check_outputs([("-o", output), ("--print", print_output), *pdf_targets], force,
                  inputs=[("--for", for_facts), ("--centre", centre_path), option_input("--profile", profile)])
    if pdf_targets:
        from generator.render.pdf import soffice_command
        if soffice_command() is None:
            raise _error("soffice_missing")
    subject = None
    if for_facts is not None:

        subject = load_facts(for_facts)
        if subject.kind == "centre":
            raise _error("slogan_for_centre", key="--for", file=for_facts)
    centre = load_centre(centre_path) if centre_path is not None else None
    rules = _profile_for(profile, subject, centre)
    words = wording(rules.standard)
    corpus = corpus_for(rules.standard)
    themes = check_themes(themes, corpus)
    asked = bool(themes)
    reasons, subject_name, document_reasons = [], None, []
    if subject is not None:
        from generator.publicity.themes import document_reason_lines, themes_for

        choice = themes_for(evaluate(subject, rules, engine), rules)
        subject_name = subject.name
        if not choice.reasons:
            _note(i18n.message("slogan_all_met", lang, name=subject.name))
        else:
            _note(i18n.message("slogan_reasons_intro", lang, name=subject.name))
            for what, reason_themes in choice.reasons:
                reasons.append(i18n.message("slogan_reason", lang, what=what, themes="、".join(reason_themes)))
                _note("  " + reasons[-1])
            empty = set(empty_themes(corpus, sorted({t for _, ts in choice.reasons for t in ts}), max_chars))
            document_reasons = document_reason_lines(choice.reasons, empty)
        themes = themes + [theme for theme in choice.themes if theme not in themes]
    favoured = [theme for theme in words["themes"] if theme not in themes]
    if favoured and not asked:
        # the standard's themes follow the weak criteria's (if any) and lead the rest
        chosen = choose_favouring(corpus, themes + favoured, count, max_chars, lang, words["name"],
                                   announced=words["themes"])
    else:
        chosen = choose(corpus, themes, count, max_chars, lang)
    placements = assign(centre, chosen, allow_repeat=allow_repeat) if centre is not None else None
    rows = list_rows(chosen, placements)

    if output is None and print_output is None:
        _print_table(rows, centre is not None, lang, words["list_title"])
        return
    from generator.io.writing import write_bytes_atomic
    from generator.service.documents import docx
    from generator.service.publicity import print_sheet_docx

    title = words["list_title"]
    subtitle = centre.name if centre is not None else (f"{subject_name}（按薄弱项选题）" if subject_name else "")
    # Every file is made before any is written: a refusal leaves nothing behind.
    made = []
    if output is not None and Path(output).suffix.lower() == ".xlsx":
        made.append((output, workbook_bytes(rows, f"{title}　{subtitle}".strip()), False))
    elif output is not None:
        context = list_context(rows, corpus, themes, max_chars, title, subtitle, document_reasons, subject_name)
        made.append((output, docx("slogans.docx", context), True))
    if print_output is not None:
        made.append((print_output, print_sheet_docx(rows), True))
    from generator.io.writing import refuse_inputs
    refuse_inputs([path for path, _, _ in made] + [target for _, target in pdf_targets])   # every input now read
    written = []
    for path, data, is_docx in made:
        write_bytes_atomic(path, data, force=force)
        report_written(path, lang)
        if is_docx:
            written.append(Path(path))
    if pdf and written:
        _write_pdfs(written, force, lang)


def _publicity(centre_path, output, each_school, themes, count, max_chars, allow_repeat, pdf, force, profile, lang):
    from generator.publicity.placement import load_centre
    from generator.io.writing import check_outputs, check_writable, option_input, write_bytes_atomic
    from generator.service import publicity
    from generator.service.options import RunOptions

    output = Path(output)
    if each_school:
        if output.exists() and not output.is_dir():
            raise _error("slogan_output_dir", key="-o", path=str(output))
    else:
        _check_suffix(str(output), "-o", (".docx",))
        check_outputs([("-o", output), ("--pdf", output.with_suffix(".pdf") if pdf else None)], force,
                      inputs=[("CENTRE", centre_path), option_input("--profile", profile)])
    if pdf:
        from generator.render.pdf import soffice_command
        if soffice_command() is None:
            raise _error("soffice_missing")
    centre = load_centre(centre_path)
    made = publicity.choose(centre, _profile_for(profile, centre), RunOptions(lang=lang), themes, count, max_chars,
                            allow_repeat)
    if not centre.get("date"):
        _note(i18n.message("publicity_no_date", lang, file=centre_path))

    if not each_school:
        check_writable(output, force)
        written = [write_bytes_atomic(output, publicity.scheme_docx(made), force=force)]
        report_written(output, lang)
    else:
        targets = [(name, output / file_name) for name, file_name in publicity.school_scheme_names(made)]
        for _, target in targets:          # refuse before writing anything
            check_writable(target, force)
            if pdf:
                check_writable(target.with_suffix(".pdf"), force)
        try:
            output.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise _error("output_failed", key="-o", path=str(output), detail=exc.strerror or "") from None
        written = []
        try:
            for name, target in targets:
                written.append(write_bytes_atomic(target, publicity.school_scheme_docx(made, name), force=force))
                report_written(target, lang)
        except KeyboardInterrupt:      # Ctrl-C: say what was written and what was not (as report --each-school)
            missing = [name for name, _ in targets[len(written):]]
            shown = "、".join(missing[:20]) + (f" …（共 {len(missing)} 所）" if len(missing) > 20 else "")
            click.echo(i18n.message("doc_interrupted", lang, written=len(written), missing=len(missing),
                                    names=shown or "—"), err=True)
            sys.exit(130)
    if pdf:
        _write_pdfs(written, force, lang)
