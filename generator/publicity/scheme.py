"""The context of a centre school's 宣传方案 (doc_templates/publicity.docx) and of each school's own
(publicity-school.docx): who signs, when, which slogan hangs where, and the slogan list as 附件.

The fixed wording lives in the templates (a clerk may edit it in Word); the wording that depends
on the evaluation standard — 基本均衡 (2012) or 优质均衡 (2017): title, 宣传目的, 宣传内容, the topic
named throughout — is data in corpora/publicity/wording.yaml, chosen by the profile's `standard`.
This module supplies that and the facts: names, the date as GB/T 9704 writes it, the banner
placements from generator.publicity.placement.assign, and the defaults for the optional centre fields, each
stated where it is applied.
"""
from __future__ import annotations

import datetime as _dt

from pathlib import Path

import yaml

from generator import i18n
from generator.resources import corpora_dir
from generator.publicity.banners import SIZE_NOTE, size_text
from generator.publicity.corpus import Slogan
from generator.publicity.placement import Placement
from generator.sanitize import file_name


# What the scheme says when the centre file leaves an optional field out.
DEFAULT_NEWS_PER_MONTH = 1
DEFAULT_PARENTS_MEETING = "本学期内"
BLANK_DATE = i18n.BLANK_DATE_ASCII

WORDING_FILE = "publicity/wording.yaml"
_WORDING: dict[str, dict] = {}


def wording(standard: str = "basic", path: str | Path | None = None) -> dict:
    """The standard's wording (corpora/publicity/wording.yaml → standards.<standard>)."""
    path = Path(path) if path else corpora_dir() / WORDING_FILE
    key = str(path)
    if key not in _WORDING:
        _WORDING[key] = yaml.safe_load(path.read_text(encoding="utf-8"))["standards"]
    return _WORDING[key][standard]


def _fill(text: str, **values) -> str:
    """Put the placeholders {we} / {authority} into a wording text. Plain replacement, not
    str.format: the wording is data and never evaluated."""
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def wording_context(words: dict, we: str, authority: str) -> dict:
    """The template fields that follow the standard (see doc_templates/publicity*.docx)."""
    return {
        "topic": words["topic"],
        "short_topic": words["short_topic"],
        "attachment_title": words["attachment_title"],
        "intro": _fill(words["intro"], authority=authority),
        "purpose": _fill(words["purpose"], we=we, authority=authority),
        "content": [_fill(line, we=we, authority=authority) for line in words["content"]],
    }

def date_text(iso_date: str | None) -> str:
    """成文日期 as GB/T 9704-2012 §7.3.5 writes it: Arabic numerals, no leading zeros (2013年9月23日)."""
    if not iso_date:
        return BLANK_DATE
    day = _dt.date.fromisoformat(iso_date)
    return f"{day.year}年{day.month}月{day.day}日"


def attachment_rows(slogans: list[Slogan]) -> list[dict]:
    return [{"number": index, "text": s.text, "chars": s.chars, "size": size_text(s)}
            for index, s in enumerate(slogans, start=1)]


def placement_rows(placements: list[Placement], renumber: bool = False) -> list[dict]:
    return [{"number": index if renumber else p.number, "school": p.school, "site": p.site,
             "slogan": p.slogan.text, "size": size_text(p.slogan)}
            for index, p in enumerate(placements, start=1)]


def site_sentences(placements: list[Placement], subject: str | None = None) -> list[dict]:
    """"陆坪完小在杜家坪村委会、学校门口、春秋寨门口各挂一幅横幅标语。" — one sentence per school."""
    by_school: dict[str, list[str]] = {}
    for placement in placements:
        by_school.setdefault(placement.school, []).append(placement.site)
    sentences = []
    for school, sites in by_school.items():
        each = "各挂一幅横幅标语" if len(sites) > 1 else "挂一幅横幅标语"
        sentences.append({"sentence": f"{subject or school}在{'、'.join(sites)}{each}。"})
    return sentences


def placement_text(placements: list[Placement], subject: str, rule: str) -> str:
    """The banner paragraph's opening: how many sites, how the slogans were chosen. One site is
    said as one site (no "共1处", no "各处标语互不相同")."""
    if len(placements) == 1:
        return f"{subject}在{placements[0].site}悬挂横幅标语一幅，标语从附件所列标语中选定，见下表。"
    return (f"{subject}在村委会、街道路口、校门口等人员集中处悬挂横幅标语，共{len(placements)}处，每处一幅。"
            f"标语从附件所列标语中选定，{rule}。悬挂地点如下：")


def is_centre_itself(centre, school_name: str) -> bool:
    """The centre school's own entry among its schools ("中心学校" under 东巩镇中心学校)."""
    return school_name == centre.name or centre.name.endswith(school_name)


def placement_rule(placements: list[Placement]) -> str:
    if len({p.slogan.id for p in placements}) == len(placements):
        return "各处标语互不相同"
    return "同一学校内不重复，各条标语在各校之间使用次数相差不超过一次"


TITLE_LINE_CHARS = 20   # 方正小标宋 二号 on the 156 mm line


def title_text(name: str, rest: str = "义务教育均衡发展宣传工作方案") -> str:
    """The title; when it is too long for one line it breaks after the school's name (GB/T 9704
    §7.3.3: a title breaks where the meaning allows)."""
    return name + rest if len(name + rest) <= TITLE_LINE_CHARS else f"{name}\n{rest}"


def _common(centre, placements: list[Placement], slogans: list[Slogan], words: dict, we: str) -> dict:
    county = centre.get("county")
    authority = f"{county}教育局" if county else "县教育局"
    return {
        **wording_context(words, we, authority),
        "centre": {"name": centre.name, "county": county or ""},
        "authority": authority,
        "website": centre.get("website") or f"{authority}网站",
        "news_per_month": centre.get("news_per_month") or DEFAULT_NEWS_PER_MONTH,
        "parents_meeting": centre.get("parents_meeting") or DEFAULT_PARENTS_MEETING,
        "date_text": date_text(centre.get("date")),
        "attachment": attachment_rows(slogans),
        "size_note": SIZE_NOTE,
        "placement_rule": placement_rule(placements),
    }


def centre_context(centre, placements: list[Placement], slogans: list[Slogan], words: dict | None = None) -> dict:
    """The whole centre's scheme: every school's sites, signed by the centre school."""
    words = words or wording("basic")
    context = _common(centre, placements, slogans, words, we="我镇各校")
    context.update({
        "title": title_text(centre.name, words["title"]),
        "signer": centre.name,
        "total_sites": len(placements),
        "school_sites": site_sentences(placements) if len(placements) > 1 else [],
        "placements": placement_rows(placements),
        "placement_text": placement_text(placements, "各校", context["placement_rule"]),
    })
    return context


def school_context(centre, school_name: str, placements: list[Placement], slogans: list[Slogan],
                   words: dict | None = None) -> dict:
    """One school's own scheme: its sites with the slogans the centre's plan gave them, signed by it."""
    words = words or wording("basic")
    own = [p for p in placements if p.school == school_name]
    itself = is_centre_itself(centre, school_name)
    name = centre.name if itself else school_name
    # a kindergarten under the centre speaks of itself as 我园 and is led by its 园长
    we, head, own_unit = ("我园", "园长", "本园") if name.endswith("幼儿园") else ("我校", "校长", "本校")
    context = _common(centre, placements, slogans, words, we=we)
    rule = "各处标语互不相同"     # assign() never repeats a slogan within one school
    context.update({
        "title": title_text(name, words["title"]),
        "school": {"name": name},
        "signer": name,
        # the centre school's own scheme is its own decision, not "根据…中心学校的统一安排"
        "we": we,
        "head": head,
        "school_intro": (f"{name}结合{own_unit}实际，制定本方案。" if itself else
                         f"{name}根据{centre.name}的统一安排，结合{own_unit}实际，制定本方案。"),
        # a school reports to the centre's office; the centre school itself to the county bureau
        "report_to": context["authority"] if itself else f"{centre.name}办公室",
        "total_sites": len(own),
        "school_sites": site_sentences(own, subject=we) if len(own) > 1 else [],
        "placements": placement_rows(own, renumber=True),
        "placement_rule": rule if len(own) > 1 else "",
        "placement_text": placement_text(own, we, rule) if own else "",
    })
    return context


def school_file_name(school_name: str) -> str:
    """A file name for a school's scheme, by the one rule for file names (generator.sanitize)."""
    return file_name(school_name, "宣传方案.docx")
