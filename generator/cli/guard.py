"""The `junheng` group's outermost frame: what the user sees when a run does not end on its own terms.

* Ctrl-C anywhere (SIGINT → KeyboardInterrupt, which click turns into Abort and "Aborted!", exit 1 — the
  code for "falls short") is "已中断" / "Interrupted" and exit 130, as a shell reports a process ended
  by SIGINT. A verb that has its own words for it (report --each-school) says them first and exits 130.
* Any exception no verb turned into a message is a fault of junheng, not of the input: one line saying
  so and exit EXIT_INTERNAL (3), never a traceback; JUNHENG_DEBUG=1 lets the traceback through.
"""
from __future__ import annotations

import errno
import os
import sys

import click

EXIT_INTERRUPTED = 130
EXIT_INTERNAL = 3


def _lang(args) -> str:
    args = list(sys.argv[1:] if args is None else args)
    for index, arg in enumerate(args):
        if arg == "--lang" and index + 1 < len(args):
            return "en" if args[index + 1] == "en" else "zh"
        if arg.startswith("--lang="):
            return "en" if arg.split("=", 1)[1] == "en" else "zh"
    return "zh"


def _say(text: str) -> None:
    try:
        click.echo(text, err=True)
    except (OSError, ValueError):
        pass


class GuardedGroup(click.Group):
    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        from generator import i18n
        from generator.io.limits import forget_inputs
        forget_inputs()            # the inputs an output may not be are this run's (generator.io.writing)
        try:
            super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (click.exceptions.Abort, KeyboardInterrupt):
            _say(i18n.message("interrupted", _lang(args)))
            sys.exit(EXIT_INTERRUPTED)
        except click.exceptions.Exit as done:
            sys.exit(done.exit_code)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except OSError as error:
            if error.errno == errno.EPIPE:       # `junheng check … | head`: the reader left, nothing to say
                sys.stdout = click.utils.PacifyFlushWrapper(sys.stdout)
                sys.stderr = click.utils.PacifyFlushWrapper(sys.stderr)
                sys.exit(1)
            self._internal(error, args)
        except Exception as error:  # noqa: BLE001 — the last frame: no traceback reaches the user
            self._internal(error, args)
        sys.exit(0)

    @staticmethod
    def _internal(error, args):
        from generator import i18n
        if os.environ.get("JUNHENG_DEBUG"):
            raise error
        detail = " ".join(str(error).split())[:200] or "—"
        _say(i18n.message("internal_error", _lang(args), kind=type(error).__name__, detail=detail))
        sys.exit(EXIT_INTERNAL)
