"""Banner placement: one slogan for every banner site of a centre's schools — never the same slogan
twice within one school, and each slogan used as evenly as possible across the centre."""
from __future__ import annotations

from dataclasses import dataclass

from generator.errors import InputError, InputErrors
from generator.publicity.corpus import Slogan
from generator.io.facts import load_facts


@dataclass(frozen=True)
class Placement:
    number: int          # 序号 across the centre, from 1
    school: str
    site: str
    slogan: Slogan


def centre_sites(centre) -> list[tuple[str, list[str], int | None]]:
    """(school, its banner sites, line) for each school; duplicates are input errors."""
    errors, rows, names = [], [], set()
    for index, school in enumerate(centre.schools):
        line = school.get("line")
        name = school["name"]
        if name in names:
            errors.append(InputError(centre.file, line, f"schools[{index}].name", "slogan_duplicate_school",
                                     name=name))
        names.add(name)
        sites, seen = [], set()
        for site in school.get("banner_sites") or []:
            if site in seen:
                errors.append(InputError(centre.file, line, f"schools[{index}].banner_sites",
                                         "slogan_duplicate_site", school=name, site=site))
            seen.add(site)
            sites.append(site)
        rows.append((name, sites, line))
    if errors:
        raise InputErrors(errors)
    return rows


def assign(centre, slogans: list[Slogan], allow_repeat: bool = False) -> list[Placement]:
    """A slogan for every banner site of every school of the centre.

    The sites are taken school by school in file order and given the chosen slogans in turn,
    starting over at the top of the list when it runs out (only with `allow_repeat`). Because
    one school's sites are consecutive and no school has more sites than there are slogans, a
    school never gets the same slogan twice; and each slogan is used ⌊T/M⌋ or ⌈T/M⌉ times for T
    sites and M slogans, i.e. as evenly as possible. The list interleaves themes (see `select`),
    so neighbouring sites — one school's — get slogans of different themes.

    Raises InputErrors (exit 2) rather than repeating silently: a school with more sites than
    slogans, or (without allow_repeat) more sites in all than slogans.
    """
    rows = centre_sites(centre)
    total = sum(len(sites) for _, sites, _ in rows)
    errors = []
    for index, (name, sites, line) in enumerate(rows):
        if len(sites) > len(slogans):
            errors.append(InputError(centre.file, line, f"schools[{index}].banner_sites", "slogan_school_short",
                                     school=name, sites=len(sites), slogans=len(slogans)))
    if not errors and total > len(slogans) and not allow_repeat:
        errors.append(InputError(centre.file, None, "schools", "slogan_centre_short",
                                 sites=total, slogans=len(slogans)))
    if errors:
        raise InputErrors(errors)
    placements, turn = [], 0
    for name, sites, _ in rows:
        for site in sites:
            placements.append(Placement(number=turn + 1, school=name, site=site,
                                        slogan=slogans[turn % len(slogans)]))
            turn += 1
    return placements


def load_centre(path):
    """Load a centre fact file (kind: centre); anything else is an input error."""
    subject = load_facts(path)
    if subject.kind != "centre":
        raise InputErrors([InputError(path, None, "kind", "slogan_not_centre", got=subject.kind)])
    centre_sites(subject)   # duplicate schools or sites are reported before anything is chosen
    return subject
