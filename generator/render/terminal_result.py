"""`junheng check` on the terminal: an Evaluation printed by the basic tables (terminal.py) or the
优质均衡 ones (terminal_quality.py). Kept above both, so that neither imports the other back."""
from __future__ import annotations

from generator.render import prose
from generator.render.terminal import _print_centre, _print_county, _print_school
from generator.render.terminal_quality import print_quality_county, print_quality_school


def print_result(result, lang: str, console=None, subject=None, profile=None):
    """An Evaluation (generator.criteria.evaluation) as tables; for a school (given its facts and
    profile) also the sentence that explains each failing or missing item, as the 自查报告 prints it."""
    from generator.render.console import terminal_console
    console = console or terminal_console()
    kind = result.kind
    problems = prose.school_problems(subject, result, profile) if kind == "school" and profile is not None else []
    if result.by_measure:      # 优质均衡 (evaluate_quality)
        if kind == "county":
            print_quality_county(result, lang, console)
        else:
            print_quality_school(result, lang, console, problems)
    elif kind == "school":
        _print_school(result, lang, console, problems)
    elif kind == "county":
        _print_county(result, lang, console)
    else:
        _print_centre(result, lang, console)
