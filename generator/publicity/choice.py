"""Which slogans a 宣传方案 or a banner list gets, and what slogans.docx is filled with: shared by
`junheng slogans` / `junheng publicity` (cli/slogans.py) and the web page (web/service.py)."""
from __future__ import annotations

import click

from generator import i18n
from generator.errors import InputError, InputErrors
from generator.publicity.banners import SIZE_NOTE
from generator.publicity.corpus import check_themes, corpus_for, empty_themes, select, select_favouring
from generator.publicity.placement import assign, centre_sites
from generator.publicity.scheme import wording


def _error(msg_id, key=None, file=None, **params):
    return InputErrors([InputError(file, None, key, msg_id, **params)])


def _note(text: str) -> None:
    """A note on stderr (a theme with no slogans, the standard's favoured themes), as the verbs print it."""
    click.echo(text, err=True)


def choose(corpus, themes, count, max_chars, lang):
    """Select the slogans, telling the user about themes that have none (exit 2 when nothing is left)."""
    return _checked(corpus, themes, max_chars, lang, select(corpus, themes, count, max_chars))


def choose_favouring(corpus, favoured, count, max_chars, lang, standard_name, announced=None):
    """A standard's default choice: the favoured themes first (the weak criteria's, if any, then the
    standard's own: `announced`), then the rest (see select_favouring)."""
    _note(i18n.message("slogan_standard_themes", lang, standard=standard_name,
                       themes="、".join(announced if announced is not None else favoured)))
    return _checked(corpus, favoured, max_chars, lang, select_favouring(corpus, favoured, count, max_chars))


def _checked(corpus, themes, max_chars, lang, chosen):
    """Tell the user about themes that have no slogan; exit 2 when nothing was chosen at all."""
    for theme in empty_themes(corpus, themes, max_chars):
        _note(i18n.message("slogan_theme_empty", lang, theme=theme))
    if not chosen:
        raise _error("slogan_none_selected", themes="、".join(themes) or "—",
                     max_chars=max_chars if max_chars is not None else "—")
    return chosen


def _corpus_note(corpus) -> str:
    if corpus.web:
        return i18n.message("slogan_corpus_note_web", "zh", seed=len(corpus.slogans) - corpus.web, web=corpus.web)
    return i18n.message("slogan_corpus_note", "zh", unique=len(corpus.slogans))


def list_context(rows, corpus, themes, max_chars, title, subtitle, reasons=(), subject_name=None) -> dict:
    """What slogans.docx (the banner list) is filled with; shared with `junheng serve`."""
    # a theme without slogans is said on the terminal; the list itself only says where its slogans come from
    notes = [_corpus_note(corpus)]
    context = {"title": title, "subtitle": subtitle, "rows": rows, "size_note": SIZE_NOTE, "reasons": list(reasons),
               "reasons_intro": i18n.message("slogan_reasons_intro", "zh", name=subject_name)
               if subject_name else "", "notes": notes}
    return _plain_rows(context)


def _plain_rows(context: dict) -> dict:
    """Drop the Slogan objects from the rows: the template sees plain values only."""
    context = dict(context)
    context["rows"] = [{k: v for k, v in row.items() if k != "slogan"} for row in context["rows"]]
    return context


def publicity_choice(centre, rules, themes, count, max_chars, allow_repeat, lang):
    """What `junheng publicity` puts in a centre's scheme: (words, corpus, themes, chosen slogans,
    placements). Shared with `junheng serve`, so the page and the verb choose alike."""
    words = wording(rules.standard)
    corpus = corpus_for(rules.standard)
    themes = check_themes(themes, corpus)
    total_sites = sum(len(sites) for _, sites, _ in centre_sites(centre))
    # The 附件 lists 30 slogans, as the real schemes do, or one per site when there are more sites.
    wanted = count if count is not None else max(30, total_sites)
    if words["themes"] and not themes:
        chosen = choose_favouring(corpus, list(words["themes"]), wanted, max_chars, lang, words["name"])
    else:
        chosen = choose(corpus, themes, wanted, max_chars, lang)
    return words, corpus, themes, chosen, assign(centre, chosen, allow_repeat=allow_repeat)
