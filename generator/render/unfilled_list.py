"""`junheng check` on a blank form: no verdict, only what is still to fill in, group by group."""
from __future__ import annotations

from generator.i18n import message
from generator.model.schema import GOVERNMENT_FIELDS


def print_unfilled(unfilled, lang: str, console=None) -> None:
    from rich.markup import escape

    from generator.render.console import terminal_console
    console = console or terminal_console()
    console.print(f"[bold yellow]{escape(message('blank_form_title', lang, file=unfilled.file))}[/]", soft_wrap=True)
    console.print(message("blank_form_intro", lang), soft_wrap=True)
    for group, fields in unfilled.groups:
        names = []
        for fld in fields:
            if fld.type == "government":
                names.append(message("blank_form_government", lang, label=fld.label, count=len(GOVERNMENT_FIELDS)))
                continue
            text = fld.label + (f"（{fld.unit}）" if fld.unit and fld.unit != "%" else "")
            if fld.required:
                text += message("blank_form_required", lang)
            names.append(text if lang == "zh" else f"{text} [{fld.key}]")
        console.print(f"[bold]{escape(group)}[/]：" + escape("；".join(names)), soft_wrap=True)
    console.print(f"[yellow]{message('result_missing', lang)}[/]", soft_wrap=True)
