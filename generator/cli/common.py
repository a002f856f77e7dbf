"""What every `junheng` verb shares: exit codes, the shared options, and the clean exit 2.

Kept apart from generator/cli/__init__.py, which imports the verb modules to register them: a verb
module importing its helpers from cli.py could not be imported on its own (circular import).

Shared options are declared once here, with default None, and resolved in one place:
an explicit option beats the fact file, the fact file beats the default. click's own
default could not tell `--profile basic-2012` typed by the user from no option at all.
"""
from __future__ import annotations

import functools
import sys

import click

from generator.cli.localized import language
# The profile is chosen in criteria/profile_choice.py (the web pages choose alike without importing the CLI).
from generator.criteria.profile_choice import DEFAULT_PROFILE, profile_name  # noqa: F401
from generator import i18n
from generator.criteria.engine import EngineUnavailable, resolve

# The exit codes of every verb (README "Exit codes"); 130 (interrupted) is given by generator/cli/localized.py.
EXIT_OK, EXIT_SHORT, EXIT_INPUT = 0, 1, 2
DEFAULT_LANG = "zh"

_PROFILE = click.option(
    "--profile", default=None, metavar="NAME|FILE.yaml",
    help="评估标准：编号（basic-2012 基本均衡、quality-2017 优质均衡 …，全部见 junheng profiles）或本县标准文件；"
         "未给出时用事实文件的 profile，再无则 basic-2012 / a standard's id (all listed by `junheng profiles`) "
         "or your own profile file; default: the fact file's `profile`, else basic-2012")
_LANG = click.option("--lang", type=click.Choice(["zh", "en"]), default=None,
                     help="提示语言，默认 zh / message language (default zh)")
_ENGINE = click.option(
    "--engine", type=click.Choice(["auto", "durable", "native"]), default=None,
    help="判定引擎：auto（默认，即 native）、native（纯 Python）、durable（durable-rules，须另装）；结果相同 / "
         "rules backend: auto (default: native), native (pure Python), durable (durable-rules, optional); "
         "same verdicts")

# The output options every writing verb shares: one declaration, one help text with an example.
force_option = click.option(
    "--force", is_flag=True,
    help="覆盖已有的输出文件；不给时遇到已有文件即停止、什么也不写（退出码 2），如 -o 报告.docx --force / "
         "overwrite existing output files; without it an existing file stops the run with nothing written "
         "(exit 2), e.g. -o report.docx --force")
_PDF = click.option(
    "--pdf", is_flag=True,
    help="每个 .docx 旁另存同名 PDF（需要 LibreOffice），如 -o 报告.docx --pdf 另得 报告.pdf / "
         "also write a PDF beside each .docx (needs LibreOffice), e.g. -o report.docx --pdf also writes report.pdf")


def _set_soffice(context, parameter, value):
    from generator.render.pdf import set_soffice
    set_soffice(value)
    return value


_SOFFICE = click.option(
    "--soffice", default=None, metavar="PATH", expose_value=False, callback=_set_soffice,
    help="LibreOffice 的 soffice 程序（不给时依次找环境变量 JUNHENG_SOFFICE、PATH、常见安装位置），"
         "如 --soffice \"C:\\Program Files\\LibreOffice\\program\\soffice.exe\" / LibreOffice's soffice "
         "(default: $JUNHENG_SOFFICE, then PATH, then the usual install folders)")


def pdf_option(func):
    """--pdf and --soffice PATH: every verb that writes PDFs names LibreOffice the same way."""
    return _PDF(_SOFFICE(func))
date_option = click.option(
    "--date", "date", default=None, metavar="YYYY-MM-DD",
    help="落款的成文日期，如 --date 2024-09-01；不给则留空待填 / the date under the signature, "
         "e.g. --date 2024-09-01; left blank to fill in by hand if not given")
json_option = click.option(
    "--json", "as_json", is_flag=True,
    help="输出 JSON 而非表格（格式见 docs/json.md），如 --json > 结论.json / print JSON instead of the table "
         "(shapes in docs/json.md), e.g. --json > result.json")


def _resolved(func, *, engine: bool):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        kwargs["lang"] = kwargs.get("lang") or language()
        if engine:
            kwargs["engine"] = choose_engine(kwargs.get("engine"), kwargs["lang"])
        return func(*args, **kwargs)
    return wrapper


def lang_option(func):
    """--lang alone, for a verb that uses no standard."""
    return _LANG(_resolved(func, engine=False))


def common_options(func):
    """--profile and --lang, for every verb."""
    return _PROFILE(_LANG(_resolved(func, engine=False)))


def evaluating_options(func):
    """--profile, --lang and --engine, for every verb that evaluates facts."""
    return _PROFILE(_LANG(_ENGINE(_resolved(func, engine=True))))


def choose_engine(choice: str | None, lang: str) -> str:
    """auto | durable | native → the backend that will decide (auto is native); exit 2 when durable
    is asked for and cannot run. Should durable fail mid-run, one line in `lang` says that native
    decided the rest (generator.criteria.engine_notice.note_fallback)."""
    from generator.criteria.engine_notice import set_notice_language

    set_notice_language(lang)
    try:
        backend, _ = resolve(choice)
    except EngineUnavailable as error:
        click.echo(i18n.message("engine_durable_unavailable", lang, detail=str(error)), err=True)
        sys.exit(EXIT_INPUT)
    return backend


def report_written(path, lang: str, err: bool = False) -> None:
    """Every file a verb writes is reported the same way: 已写入 FILE (stderr when stdout carries JSON)."""
    click.echo(i18n.message("doc_written", lang, path=path), err=err)


def fail_input(error, lang: str):
    """Exit 2 with the error's words on stderr, no traceback."""
    click.echo(error.describe(lang), err=True)
    sys.exit(EXIT_INPUT)
