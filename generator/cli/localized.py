"""The `junheng` command line speaks one language per run: Chinese by default, English with `--lang en` (or
JUNHENG_LANG=en). The language is read from the arguments before click parses them, so that click's own usage
lines and errors, every --help page and the interrupt message are in it too.

- click's words go through gettext; while a run is Chinese, the click modules' `_` / `ngettext` look the English
  text up in generator/messages/click_words.py.
- Help texts are written "中文 / English"; a help page shows one side. A verb's description is its docstring
  (Chinese) or, in English, generator/messages/help_en.py.
- Exit codes, the same for every verb: 0 everything holds, 1 something falls short or is undecided, 2 the input or
  the command line cannot be used, 3 an internal error (a fault of junheng, said in one line, never a traceback;
  JUNHENG_DEBUG=1 lets it through), 130 interrupted (Ctrl-C)."""
from __future__ import annotations

import gettext
import os
import re
import sys

import click

from generator.i18n import message
from generator.limits import forget_inputs
from generator.messages.click_words import CLICK_ZH, PATH_KINDS_ZH, USAGE_ZH

LANG_ENV = "JUNHENG_LANG"
LANGUAGES = ("zh", "en")
EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3
_STATE = {"lang": "zh"}
_CLICK_MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_SPLIT = re.compile(r"\s?/\s")


def language() -> str:
    """The language of the running command."""
    return _STATE["lang"]


def chosen_language(args) -> str:
    """--lang zh|en (or --lang=en) anywhere in the arguments, else $JUNHENG_LANG, else zh."""
    args = list(args)
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args) and args[index + 1] in LANGUAGES:
            return args[index + 1]
        if arg.startswith("--lang=") and arg.split("=", 1)[1] in LANGUAGES:
            return arg.split("=", 1)[1]
    env = os.environ.get(LANG_ENV, "").strip().lower()
    return env if env in LANGUAGES else "zh"


def use_language(lang: str) -> None:
    """Set the run's language, and click's words with it."""
    _STATE["lang"] = lang if lang in LANGUAGES else "zh"

    def zh_gettext(text):
        return CLICK_ZH.get(text, text)

    def zh_ngettext(singular, plural, count):
        return CLICK_ZH.get(singular if count == 1 else plural, singular if count == 1 else plural)

    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = zh_gettext if _STATE["lang"] == "zh" else gettext.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = zh_ngettext if _STATE["lang"] == "zh" else gettext.ngettext


def one_language(text: str | None, lang: str | None = None) -> str | None:
    """A help text written "中文 / English" → the side of the run's language (the text as it is when it has no
    such split); click's own English help ("Show the version and exit.") put into Chinese."""
    if not text:
        return text
    lang = lang or language()
    if text in CLICK_ZH:
        return CLICK_ZH[text] if lang == "zh" else text
    for match in _SPLIT.finditer(text):
        left, right = text[:match.start()], text[match.end():]
        if _CJK.search(left) and right[:1].isascii() and right[:1].strip():
            return left.rstrip() if lang == "zh" else right
    return text


class LocalizedMixin:
    """Help pages in one language, for a verb or a group of verbs."""

    def _help_for(self, ctx) -> str | None:
        if language() == "en":
            from generator.messages.help_en import HELP_EN
            if (self._short_path or "") in HELP_EN:
                return HELP_EN[self._short_path or ""]
        if not self.help:
            return self.help
        return "\n".join(one_language(line) for line in self.help.split("\n"))

    def format_help_text(self, ctx, formatter):
        original = self.help
        self.help = self._help_for(ctx)
        try:
            super().format_help_text(ctx, formatter)
        finally:
            self.help = original

    def get_short_help_str(self, limit: int = click.Command.get_short_help_str.__defaults__[0]) -> str:
        """The verbs list's line, in the run's language, shortened by click itself: the help of this language is
        put in place while click's own get_short_help_str reads it (click's shortening function is private)."""
        text = None
        if language() == "en":
            from generator.messages.help_en import HELP_EN
            text = HELP_EN.get(self._short_path or "")
        if not text:
            text = one_language((self.short_help or (self.help or "").strip().split("\n\n")[0]).replace("\n", " "))
        original = self.help, self.short_help
        self.help, self.short_help = text or "", None
        try:
            return super().get_short_help_str(limit)
        finally:
            self.help, self.short_help = original

    _short_path: str | None = None

    def format_options(self, ctx, formatter):
        saved = [(param, param.help) for param in self.get_params(ctx) if getattr(param, "help", None)]
        for param, text in saved:
            param.help = one_language(text)
        try:
            super().format_options(ctx, formatter)
        finally:
            for param, text in saved:
                param.help = text

    def collect_usage_pieces(self, ctx):
        pieces = super().collect_usage_pieces(ctx)
        if language() != "zh":
            return pieces
        return [USAGE_ZH.get(piece, piece) for piece in pieces]


_CLASSES: dict = {}


def adopt(command, path: str):
    """Give a click command (and, for a group, every verb in it) one-language help pages; `path` is the command
    below `junheng` ("check", "accounts add"), the key of its English help."""
    if not isinstance(command, LocalizedMixin):
        base = type(command)
        cls = _CLASSES.get(base)
        if cls is None:
            extra = (LocalizedGroupMixin,) if isinstance(command, click.Group) else ()
            cls = _CLASSES[base] = type(f"Localized{base.__name__}", (*extra, LocalizedMixin, base), {})
        command.__class__ = cls
    command._short_path = path
    if isinstance(command, click.Group):
        for name, sub in list(command.commands.items()):
            adopt(sub, f"{path} {name}".strip())
    return command


class LocalizedGroupMixin:
    def add_command(self, cmd, name=None):
        super().add_command(cmd, name)
        adopt(cmd, f"{self._short_path or ''} {name or cmd.name}".strip())


def show_error(error: click.ClickException, lang: str) -> None:
    """click's error, in the run's language: the usage line, where to find help, then the message."""
    text = error.format_message()
    if lang == "zh":
        for english, chinese in PATH_KINDS_ZH.items():
            text = text.replace(english, chinese)
        if text.endswith(".") and _CJK.search(text):
            text = text[:-1] + "。"
        text = text.replace(". ", "。").replace("。 ", "。")
    ctx = getattr(error, "ctx", None)
    if isinstance(error, click.exceptions.NoArgsIsHelpError) and ctx is not None:
        click.echo(ctx.get_help())          # `junheng` alone: the overview, as --help
        return
    if isinstance(error, click.UsageError) and ctx is not None:
        click.echo(ctx.get_usage(), err=True)
        if ctx.command.get_help_option(ctx) is not None:
            hint = click.core._("Try '{command} {option}' for help.")
            click.echo(hint.format(command=ctx.command_path, option="--help"), err=True)
    click.echo(click.core._("Error: {message}").format(message=text), err=True)


def run(group, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
    """click's main, in one language, with the exit codes of every verb (see the module's docstring)."""
    argv = list(sys.argv[1:] if args is None else args)
    lang = chosen_language(argv)
    use_language(lang)
    if not standalone_mode:
        return click.Group.main(group, argv, prog_name, complete_var, standalone_mode=False, **extra)
    forget_inputs()            # the inputs an output may not be are this run's (generator.io.writing)
    try:
        result = click.Group.main(group, argv, prog_name, complete_var, standalone_mode=False, **extra)
    except click.exceptions.Abort:
        click.echo(message("interrupted", lang), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        click.echo(message("interrupted", lang), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        show_error(error, lang)
        sys.exit(0 if isinstance(error, click.exceptions.NoArgsIsHelpError) else error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except Exception as error:  # noqa: BLE001 — the last frame: no traceback reaches the user
        _internal_error(error, lang)
    # click returns --help's and --version's exit code, or what a verb returned
    sys.exit(result if isinstance(result, int) else 0)


def _internal_error(error, lang):
    """A fault of junheng, not of the input: one line and exit 3 (JUNHENG_DEBUG=1: the traceback). A reader
    that left (`junheng rules --json | head`) is no fault and never comes here: click's main ends that run
    quietly with exit 1, and rich's console does for a table."""
    if os.environ.get("JUNHENG_DEBUG"):
        raise error
    detail = " ".join(str(error).split())[:200] or "—"
    try:
        click.echo(message("internal_error", lang, kind=type(error).__name__, detail=detail), err=True)
    except (OSError, ValueError):
        pass
    sys.exit(EXIT_INTERNAL)


class JunhengGroup(LocalizedGroupMixin, LocalizedMixin, click.Group):
    """The `junheng` group: every verb added to it gets one-language help; main() is `run`."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        return run(self, args, prog_name, complete_var, standalone_mode, **extra)
