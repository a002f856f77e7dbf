"""Input errors: what was wrong, where (file, line, key), worded in the user's language."""
from __future__ import annotations

from generator.i18n import message


class Where(int):
    """A position that is not a YAML line: a workbook cell or row such as 学校基本情况!F7.

    It is an int (the sheet row), so code that sorts, compares or stores line numbers keeps
    working; messages show its text instead of "line N".
    """

    def __new__(cls, row: int, text: str):
        obj = super().__new__(cls, row)
        obj.text = text
        return obj

    def __reduce__(self):        # copy and pickle keep the cell's text
        return (Where, (int(self), self.text))

    def __format__(self, spec):
        return format(self.text, spec) if not spec else super().__format__(spec)


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
        if isinstance(self.line, Where):
            where.append(self.line.text)
        elif self.line:
            where.append(message("line", lang, line=self.line))
        if self.key:
            where.append(self.key)
        text = message(self.msg_id, lang, **self.params)
        if self.hint_id:
            text += message(self.hint_id, lang, **self.hint_params)
        sep = "：" if lang == "zh" else ": "
        return ", ".join(where) + sep + text if where else text


MAX_ERRORS = 20      # errors listed for one file; the rest are counted ("另有 K 处错误")


class ErrorList(list):
    """The errors of one file: the first MAX_ERRORS kept, the rest only counted.

    A careless or hostile file can hold hundreds of thousands of mistakes (400,000 unknown keys);
    listing them all takes minutes and helps nobody. Checkers ask `full` before doing costly work
    for a message (the closest key of an unknown one) and `skip()` instead.
    """

    def __init__(self, items=()):
        super().__init__()
        self.more = 0
        for item in items:
            self.append(item)

    @property
    def full(self) -> bool:
        return len(self) >= MAX_ERRORS

    def append(self, error) -> None:
        if self.full:
            self.more += 1
        else:
            super().append(error)

    def extend(self, errors) -> None:
        for error in errors:
            self.append(error)
        self.more += getattr(errors, "more", 0)

    def skip(self) -> None:
        """One more error, counted without being built."""
        self.more += 1


class InputErrors(Exception):
    """Several input errors found in one pass, so the clerk can fix them all at once (at most
    MAX_ERRORS listed, and how many more there are)."""

    def __init__(self, errors: list[InputError]):
        kept = errors if isinstance(errors, ErrorList) else ErrorList(errors)
        super().__init__(f"{len(kept) + kept.more} input error(s)")
        self.errors = kept
        self.more = kept.more

    def describe(self, lang: str = "zh") -> str:
        prefix = message("error_prefix", lang)
        lines = [f"{prefix}: {err.describe(lang)}" for err in self.errors]
        if self.errors.more:
            lines.append(message("errors_more", lang, count=f"{self.errors.more:,}"))
        return "\n".join(lines)
