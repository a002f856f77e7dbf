"""The slogan corpus and choosing a list from it.

The corpus (corpora/slogans/slogans.yaml, built by tools/build_slogan_corpus.py from the seeds) is
data: a slogan's text is printed exactly as stored. This module only chooses among them:

* `select` — by theme, count and maximum length; never the same slogan twice in one list;
* `select_favouring` — a standard's default themes first, then every other slogan;
* `check_themes` / `empty_themes` — the asked themes checked against the corpus.

Banner sizes: generator.publicity.banners; themes from weak criteria: generator.publicity.themes;
banner placement: generator.publicity.placement; the list, print file and workbook:
generator.publicity.slogan_lists.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from generator.errors import InputError, InputErrors
from generator.resources import corpora_dir


CORPUS_FILE = "slogans/slogans.yaml"
# Slogans found on public web pages for the 优质均衡 themes (kept apart from the seed corpus; used
# when the profile's standard is `quality`, see corpus_for).
WEB_CORPUS_FILE = "slogans/slogans-web.yaml"


# ---------------------------------------------------------------- corpus
@dataclass(frozen=True)
class Slogan:
    id: str
    text: str
    chars: int
    clauses: tuple[str, ...]
    themes: tuple[str, ...]
    count: int
    hold: str | None = None
    sources: tuple = field(default=(), compare=False, repr=False)
    origin: str = "seed"               # "seed" (the seed documents) or "web" (a public web page)


@dataclass(frozen=True)
class Corpus:
    slogans: tuple[Slogan, ...]
    themes: tuple[str, ...]           # every theme the tagging rules know, in their order
    occurrences: int
    web: int = 0                      # how many of the slogans come from the web corpus

    def by_id(self, slogan_id: str) -> Slogan:
        return next(s for s in self.slogans if s.id == slogan_id)


_CORPUS_CACHE: dict[str, Corpus] = {}


def load_corpus(path: str | Path | None = None) -> Corpus:
    path = Path(path) if path else corpora_dir() / CORPUS_FILE
    key = str(path)
    if key not in _CORPUS_CACHE:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        slogans = tuple(
            Slogan(id=entry["id"], text=entry["text"], chars=entry["chars"], clauses=tuple(entry["clauses"]),
                   themes=tuple(entry["themes"]), count=entry["count"], hold=entry.get("hold"),
                   sources=tuple(entry.get("sources", ())), origin=entry.get("origin", "seed"))
            for entry in data["slogans"])
        _CORPUS_CACHE[key] = Corpus(slogans=slogans, themes=tuple(data["themes"]),
                                    occurrences=data.get("occurrences", sum(s.count for s in slogans)),
                                    web=sum(1 for s in slogans if s.origin == "web"))
    return _CORPUS_CACHE[key]


def corpus_for(standard: str = "basic") -> Corpus:
    """The corpus a standard chooses from: the seed slogans for the 2012 基本均衡 standard (so its
    documents stay what they were); seed and web slogans for the 2017 优质均衡 standard, whose
    themes (质量, 师资, 信息化, 社会认可) the seeds barely cover. Seed slogans come first, so ties
    in `select` still go to them."""
    seeds = load_corpus()
    if standard != "quality":
        return seeds
    key = "quality:" + str(corpora_dir() / WEB_CORPUS_FILE)
    if key not in _CORPUS_CACHE:
        web = load_corpus(corpora_dir() / WEB_CORPUS_FILE)
        themes = seeds.themes + tuple(t for t in web.themes if t not in seeds.themes)
        _CORPUS_CACHE[key] = Corpus(slogans=seeds.slogans + web.slogans, themes=themes,
                                    occurrences=seeds.occurrences + web.occurrences, web=len(web.slogans))
    return _CORPUS_CACHE[key]


def check_themes(themes, corpus: Corpus) -> list[str]:
    """The asked themes in order, without repeats; an unknown one is an input error (exit 2)."""
    errors, result = [], []
    for theme in themes:
        if theme in corpus.themes:
            if theme not in result:
                result.append(theme)
            continue
        close = difflib.get_close_matches(theme, corpus.themes, n=1, cutoff=0.3)
        errors.append(InputError(None, None, "--theme", "slogan_unknown_theme",
                                 hint_id="slogan_theme_suggest" if close else None,
                                 hint_params={"suggestion": close[0]} if close else None,
                                 name=theme, known="、".join(corpus.themes)))
    if errors:
        raise InputErrors(errors)
    return result


# ---------------------------------------------------------------- selection
def _by_use(slogan: Slogan):
    """Most used in the sources first; ties in corpus order (first appearance)."""
    return (-slogan.count, slogan.id)


def select(corpus: Corpus, themes=(), count: int | None = None, max_chars: int | None = None) -> list[Slogan]:
    """Choose up to `count` slogans, each at most once.

    Without themes: every eligible slogan, most used first. With themes: the themes take turns
    (first theme's best unused slogan, then the second's, …) so every asked theme is represented
    near the top of the list; a theme with no eligible slogan left simply drops out of the turn.
    Held slogans (`hold` in the corpus) and those longer than `max_chars` are never chosen.
    """
    eligible = [s for s in corpus.slogans if s.hold is None and (max_chars is None or s.chars <= max_chars)]
    if not themes:
        chosen = sorted(eligible, key=_by_use)
    else:
        # a theme asked twice takes one turn, not two (`--theme 均衡 --theme 均衡 --theme 公平`)
        queues = [sorted((s for s in eligible if theme in s.themes), key=_by_use) for theme in dict.fromkeys(themes)]
        chosen, seen = [], set()
        while any(queues):
            for queue in queues:
                while queue and queue[0].id in seen:
                    queue.pop(0)
                if queue:
                    slogan = queue.pop(0)
                    seen.add(slogan.id)
                    chosen.append(slogan)
    return chosen if count is None else chosen[:count]


def select_favouring(corpus: Corpus, favoured=(), count: int | None = None,
                     max_chars: int | None = None) -> list[Slogan]:
    """The favoured themes' slogans first (taking turns, as `select` does), then every other
    eligible slogan, most used first: a standard's default themes lead the list without leaving
    it short when they hold few slogans."""
    head = select(corpus, favoured, None, max_chars) if favoured else []
    taken = {s.id for s in head}
    rest = [s for s in select(corpus, (), None, max_chars) if s.id not in taken]
    chosen = head + rest
    return chosen if count is None else chosen[:count]


def empty_themes(corpus: Corpus, themes, max_chars: int | None = None) -> list[str]:
    """The asked themes that have no eligible slogan (so the caller can say so)."""
    return [theme for theme in themes
            if not any(theme in s.themes and s.hold is None and (max_chars is None or s.chars <= max_chars)
                       for s in corpus.slogans)]
