"""A centre school's publicity documents, chosen once (render.slogan_choice.publicity_choice) and made as
bytes for `junheng publicity`, `junheng slogans --centre` and the web's 中心学校 page alike."""
from __future__ import annotations

import dataclasses

from generator.service.documents import docx
from generator.service.files import unique_file_names
from generator.service.options import RunOptions


@dataclasses.dataclass(frozen=True)
class Publicity:
    """The centre and what was chosen for it: the standard's words, the corpus, the themes asked for, the
    slogans chosen and their placement on each school's banner sites."""
    centre: object
    words: dict
    corpus: object
    themes: list
    chosen: list
    placements: object
    max_chars: int | None = None


def choose(centre, rules, options: RunOptions, themes=(), count=None, max_chars=None, allow_repeat=False
           ) -> Publicity:
    from generator.render.slogan_choice import publicity_choice

    words, corpus, themes, chosen, placements = publicity_choice(centre, rules, themes, count, max_chars,
                                                                 allow_repeat, options.lang)
    return Publicity(centre, words, corpus, themes, chosen, placements, max_chars)


def scheme_docx(made: Publicity) -> bytes:
    """The centre's 宣传方案."""
    from generator.render.publicity import centre_context
    return docx("publicity.docx", centre_context(made.centre, made.placements, made.chosen, made.words))


def school_scheme_names(made: Publicity) -> list[tuple[str, str]]:
    """(school name, file name) of each school's own scheme, file names unique ignoring case."""
    from generator.render.publicity import school_file_name
    names = [school["name"] for school in made.centre.schools]
    return list(zip(names, unique_file_names(names, school_file_name)))


def school_scheme_docx(made: Publicity, school_name: str) -> bytes:
    from generator.render.publicity import school_context
    return docx("publicity-school.docx",
                school_context(made.centre, school_name, made.placements, made.chosen, made.words))


def school_schemes(made: Publicity, progress=None) -> list[tuple[str, bytes]]:
    """Each school's own 宣传方案: [(file name, bytes)] in the centre's order."""
    named = school_scheme_names(made)
    files = []
    if progress:
        progress(0, len(named))
    for number, (school, file_name) in enumerate(named, 1):
        files.append((file_name, school_scheme_docx(made, school)))
        if progress:
            progress(number, len(named))
    return files


def slogan_rows(made: Publicity):
    from generator.render.slogan_documents import list_rows
    return list_rows(made.chosen, made.placements)


def slogan_list(made: Publicity, as_xlsx: bool) -> bytes:
    """标语横幅清单 as `junheng slogans --centre … -o` writes it (.docx or .xlsx)."""
    from generator.render.slogan_choice import list_context
    from generator.render.slogan_documents import workbook_bytes

    rows, title, name = slogan_rows(made), made.words["list_title"], made.centre.name
    if as_xlsx:
        return workbook_bytes(rows, f"{title}　{name}".strip())
    return docx("slogans.docx", list_context(rows, made.corpus, made.themes, made.max_chars, title, name))


def print_sheet_docx(rows) -> bytes:
    """The printing sheet: one slogan per landscape page."""
    from generator.render.slogan_documents import print_pages
    return docx("slogans-print.docx", {"pages": print_pages(rows)})
