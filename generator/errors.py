"""Input errors: what was wrong, where (file, line, key), worded in the user's language."""
from __future__ import annotations

from .i18n import message


class InputError(Exception):
    """One problem with an input file. `key` is the dotted path of the field."""

    def __init__(self, file, line, key, msg_id, hint_id=None, hint_params=None, **params):
        super().__init__(msg_id)
        self.file = str(file) if file is not None else None
        self.line = line
        self.key = key
        self.msg_id = msg_id
        self.params = params
        self.hint_id = hint_id
        self.hint_params = hint_params or {}

    def describe(self, lang: str = "zh") -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.line:
            where.append(message("line", lang, line=self.line))
        if self.key:
            where.append(self.key)
        text = message(self.msg_id, lang, **self.params)
        if self.hint_id:
            text += message(self.hint_id, lang, **self.hint_params)
        sep = "：" if lang == "zh" else ": "
        return ", ".join(where) + sep + text if where else text


class InputErrors(Exception):
    """Several input errors found in one pass, so the clerk can fix them all at once."""

    def __init__(self, errors: list[InputError]):
        super().__init__(f"{len(errors)} input error(s)")
        self.errors = errors

    def describe(self, lang: str = "zh") -> str:
        prefix = message("error_prefix", lang)
        return "\n".join(f"{prefix}: {err.describe(lang)}" for err in self.errors)
