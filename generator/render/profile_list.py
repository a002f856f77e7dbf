"""`junheng profiles` on the terminal: the shipped standards, then the county's own, each by its Chinese name."""
from __future__ import annotations

from generator.i18n import message


def print_profiles(shipped, local, lang: str, console=None) -> None:
    from rich.markup import escape
    from rich.table import Table

    from generator.criteria.profile_choice import DEFAULT_PROFILE
    from generator.render.console import terminal_console
    console = console or terminal_console()
    for entries, title_id in ((shipped, "profiles_shipped"), (local, "profiles_local")):
        if not entries:
            continue
        table = Table()
        for header in ("profiles_col_name", "profiles_col_number", "profiles_col_inherits", "profiles_col_id"):
            table.add_column(message(header, lang))
        for entry in entries:
            hint = entry.id if entry.shipped else entry.file
            if entry.id == DEFAULT_PROFILE and entry.shipped:
                hint += message("profiles_default", lang)
            table.add_row(escape(entry.name), entry.document_number or "—",
                          escape(entry.inherits_title) if entry.inherits else "—", f"[dim]{escape(hint)}[/]")
        console.print(f"[bold]{message(title_id, lang)}[/]", soft_wrap=True)
        console.print(table)
    if not local:
        console.print(message("profiles_no_local", lang), soft_wrap=True)
    console.print(message("profiles_usage", lang), soft_wrap=True)
