"""Slogans: the corpus, choosing a list, banner sizes, themes from weak criteria, banner placement.

The corpus (corpora/slogans/slogans.yaml, built by tools/build_slogan_corpus.py from the seeds) is
data: a slogan's text is printed exactly as stored. This module only chooses among them:

* `select` — by theme, count and maximum length; never the same slogan twice in one list;
* `banner_size` — the suggested banner size from the number of characters (rule below);
* `themes_for` — themes from a school's or county's weak criteria (`junheng slogans --for FACTS`);
* `assign` — one slogan for every banner site of a centre's schools: never the same slogan twice
  within one school, and each slogan used as evenly as possible across the centre.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal
from pathlib import Path

import yaml

from generator import i18n
from generator.errors import InputError, InputErrors
from generator.resources import corpora_dir

MESSAGES = {
    "slogan_unknown_theme": {
        "zh": "未知的主题“{name}”，可用的主题：{known}",
        "en": "unknown theme '{name}'; known themes: {known}"},
    "slogan_theme_suggest": {"zh": "，是否想写“{suggestion}”？", "en": "; did you mean '{suggestion}'?"},
    "slogan_none_selected": {
        "zh": "没有符合条件的标语（主题：{themes}；最多字数：{max_chars}）。请放宽 --theme 或 --max-chars",
        "en": "no slogan matches (themes: {themes}; max chars: {max_chars}); relax --theme or --max-chars"},
    "slogan_school_short": {
        "zh": "“{school}”有 {sites} 处悬挂地点，但只选出 {slogans} 条标语，同一学校不能重复悬挂同一条标语。"
              "请增加 --count，或放宽 --theme / --max-chars",
        "en": "'{school}' has {sites} banner sites but only {slogans} slogans were chosen, and one school "
              "never hangs the same slogan twice; raise --count or relax --theme / --max-chars"},
    "slogan_centre_short": {
        "zh": "各校共有 {sites} 处悬挂地点，但只选出 {slogans} 条标语，不能每处各挂一条不同的标语。"
              "请增加 --count、放宽 --theme / --max-chars，或加 --allow-repeat 允许不同学校使用同一条标语"
              "（同一学校内仍不重复，各条使用次数相差不超过 1）",
        "en": "the schools have {sites} banner sites in all but only {slogans} slogans were chosen, so not "
              "every site can get a different slogan; raise --count, relax --theme / --max-chars, or pass "
              "--allow-repeat to let different schools share a slogan (never twice in one school, each "
              "slogan used within one of the others)"},
    "slogan_duplicate_site": {
        "zh": "“{school}”的悬挂地点“{site}”重复出现", "en": "'{school}' lists the banner site '{site}' twice"},
    "slogan_duplicate_school": {"zh": "学校名称重复：“{name}”", "en": "school name appears twice: '{name}'"},
    "slogan_not_centre": {
        "zh": "应为中心学校文件（kind: centre），实际 kind 是“{got}”",
        "en": "expected a centre file (kind: centre), but kind is '{got}'"},
    "slogan_theme_empty": {
        "zh": "语料中没有“{theme}”主题的标语，改用其他主题", "en": "the corpus holds no '{theme}' slogan; other themes are used"},
    "slogan_all_met": {
        "zh": "{name}：各项评估均已达标或缺数据，没有薄弱项，按标语的常用程度选择",
        "en": "{name}: no criterion falls short, so slogans are chosen by how often the sources use them"},
    "slogan_reason": {"zh": "{what} → {themes}", "en": "{what} → {themes}"},
}
i18n.MESSAGES.update(MESSAGES)

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


# ---------------------------------------------------------------- banner size
# Suggested banner (横幅) size from the slogan's length. A clause break is printed as a blank one
# character wide, so the banner holds `cells` = printed characters + clause breaks. Longer slogans
# get narrower banners with smaller characters so that a 30-character slogan does not become a
# 25-metre banner. Cell width includes the spacing between characters; each end keeps a blank
# margin; the length is rounded up to the next 0.5 m (how banner cloth is cut and priced).
#   cells ≤ 12: banner 0.9 m high, 0.70 m per character
#   cells ≤ 20: 0.8 m, 0.60 m      cells ≤ 28: 0.7 m, 0.50 m      longer: 0.6 m, 0.45 m
# Example: 推进均衡发展，维护教育公平 = 12 characters + 1 break = 13 cells → 13 × 0.60 + 2 × 0.5 = 8.8
# → 9.0 m × 0.8 m.
BANNER_TIERS = (  # (max cells, banner height m, cell width m)
    (12, Decimal("0.9"), Decimal("0.70")),
    (20, Decimal("0.8"), Decimal("0.60")),
    (28, Decimal("0.7"), Decimal("0.50")),
    (None, Decimal("0.6"), Decimal("0.45")),
)
BANNER_END_MARGIN = Decimal("0.5")
BANNER_LENGTH_STEP = Decimal("0.5")


@dataclass(frozen=True)
class BannerSize:
    cells: int
    length_m: Decimal
    height_m: Decimal
    cell_m: Decimal

    def describe(self, lang: str = "zh") -> str:
        return f"{self.length_m} × {self.height_m} 米" if lang == "zh" else f"{self.length_m} m × {self.height_m} m"


# 字数 leaves out 《》“” (issue 16), but they are printed and take a cell each on the banner.
_PRINTED_MARKS = "《》〈〉“”‘’"


def banner_size(slogan: Slogan) -> BannerSize:
    marks = sum(slogan.text.count(mark) for mark in _PRINTED_MARKS)
    cells = slogan.chars + marks + max(len(slogan.clauses) - 1, 0)
    for max_cells, height, cell in BANNER_TIERS:
        if max_cells is None or cells <= max_cells:
            break
    raw = cells * cell + 2 * BANNER_END_MARGIN
    length = (raw / BANNER_LENGTH_STEP).to_integral_value(rounding=ROUND_CEILING) * BANNER_LENGTH_STEP
    return BannerSize(cells=cells, length_m=length.quantize(Decimal("0.1")), height_m=height, cell_m=cell)


# ---------------------------------------------------------------- weak criteria → themes
# Which slogan themes speak to a shortfall in a fact. The first theme is the closest; the fact
# comes from the failing rule's `of` (basic conditions, monitoring indicators, government checks),
# so the mapping holds for every profile, whatever it calls its rules.
FACT_THEMES: dict[str, tuple[str, ...]] = {
    "land_area_m2": ("标准化建设", "投入"),
    "building_area_m2": ("标准化建设", "投入"),
    "teaching_aux_area_m2": ("标准化建设", "投入"),
    "sports_area_m2": ("标准化建设", "素质教育"),
    "dormitory_area_m2": ("标准化建设", "留守儿童"),
    "equipment_value_yuan": ("标准化建设", "投入"),
    "labs": ("标准化建设", "素质教育"),
    "books": ("标准化建设", "资源"),
    "computers": ("信息化", "标准化建设", "资源"),
    "internet_bandwidth_mbps": ("信息化", "投入"),
    "network_space_rate": ("信息化", "师资"),
    "multimedia_classrooms": ("信息化", "标准化建设"),
    "teachers": ("师资", "资源"),
    # 2017 优质均衡 resource indicators (Q2, Q3; Q1 is teachers_above_required_degree, Q7 multimedia_classrooms)
    "backbone_teachers": ("师资", "质量"),
    "pe_art_teachers": ("师资", "素质教育"),
    "teachers_above_required_degree": ("师资", "质量"),
    "teachers_mid_senior_title": ("师资", "质量"),
    "qualified_degree_rate": ("师资", "质量"),
    "subject_teachers": ("师资", "素质教育"),
    "courses_complete": ("素质教育", "质量"),
    "class_sizes": ("均衡", "公平"),
    "retention_rate": ("普及", "公平"),
    # government (B items)
    "migrant_children_planned": ("公平", "普及"),
    "left_behind_care_system": ("留守儿童", "公平"),
    "disabled_enrolment_rate": ("公平", "普及"),
    "quality_hs_quota_rate": ("公平", "资源"),
    "quality_hs_quota_rate_prev": ("公平", "资源"),
    "primary_enrolment_rate": ("普及", "依法治教"),
    "junior_gross_enrolment_rate": ("普及", "依法治教"),
    "primary_dropout_rate": ("普及", "依法治教"),
    "junior_dropout_rate": ("普及", "依法治教"),
    "accountability_mechanism": ("政府责任", "依法治教"),
    "funding_growth": ("投入", "优先发展"),
    "weak_school_improvement": ("标准化建设", "投入"),
    "rural_transfer_payment_rate": ("投入", "政府责任"),
    "education_surcharge_due": ("投入", "依法治教"),
    "education_surcharge_levied": ("投入", "依法治教"),
    "education_surcharge_allocated": ("投入", "依法治教"),
    "land_transfer_education_rate": ("投入", "政府责任"),
    "public_funds_per_student_actual": ("投入", "政府责任"),
    "public_funds_per_student_standard": ("投入", "政府责任"),
    "staffing_unified": ("师资", "均衡"),
    "teacher_avg_salary": ("师资", "优先发展"),
    "civil_servant_avg_salary": ("师资", "优先发展"),
    "rotation_rate": ("师资", "均衡"),
    "backbone_rotation_rate": ("师资", "均衡"),
    "training_funds_rate": ("师资", "投入"),
    "nearby_enrolment": ("公平", "依法治教"),
    "no_key_schools": ("公平", "均衡"),
    "fitness_pass_rate": ("素质教育", "质量"),
    "satisfaction_rate": ("民生", "质量"),
}
# The composite 差异系数 itself: the schools differ too much.
CV_THEMES = ("均衡", "资源", "公平")
# Weight of a theme by its place in a fact's list: the closest theme counts most.
_PLACE_WEIGHTS = (3, 2, 1)


@dataclass
class ThemeChoice:
    themes: list[str]                      # ranked, best first
    reasons: list[tuple[str, tuple[str, ...]]]   # (what fell short, themes it points to)


def themes_for(result, profile) -> ThemeChoice:
    """Rank slogan themes by the weak criteria in an evaluation result (school or county).

    Each shortfall votes for its fact's themes (3, 2, 1 points by place); a criterion failed by
    several schools of a county votes once per school. Missing data is not a weakness.
    """
    rule_facts = {rule["id"]: rule.get("of") for rule in profile.basic_rules}
    rule_facts.update({ind["id"]: ind["of"] for ind in profile.monitoring["indicators"]})
    reasons: list[tuple[str, tuple[str, ...], int]] = []

    def school_failures(verdicts) -> list[tuple[str, str]]:
        seen = {}
        for verdict in verdicts:
            fact = rule_facts.get(verdict.rule)
            if verdict.status == "fail" and fact in FACT_THEMES:
                seen.setdefault(verdict.rule, (verdict.name, fact))
        return list(seen.items())

    if result.kind == "school":
        for rule_id, (name, fact) in school_failures(result.verdicts):
            reasons.append((f"{rule_id} {name}", FACT_THEMES[fact], 1))
    elif result.kind == "county":
        failing: dict[str, list] = {}
        for school in result.schools:
            for rule_id, (name, fact) in school_failures(school.verdicts):
                failing.setdefault(rule_id, [name, fact, 0])[2] += 1
        for rule_id, (name, fact, schools) in failing.items():
            reasons.append((f"{rule_id} {name}（{schools} 所学校未达标）", FACT_THEMES[fact], schools))
        thresholds = profile.monitoring["cv"]["threshold"]
        indicators = {ind["id"]: ind for ind in profile.monitoring["indicators"]}
        for condition in result.conditions:
            if not condition.by_stage:
                continue
            for verdict in condition.verdicts:
                if verdict.status != "fail":
                    continue
                if verdict.cv_indicator in indicators:        # 优质均衡: this indicator's own CV is too high
                    indicator = indicators[verdict.cv_indicator]
                    if indicator["of"] in FACT_THEMES:
                        reasons.append((verdict.name, FACT_THEMES[indicator["of"]], 1))
                    continue
                reasons.append((verdict.name, CV_THEMES, 1))
                # the composite is too high: the indicators whose own CV is above the limit pull it up
                table = result.cv.get(verdict.cv_stage, {})
                for indicator in indicators.values():
                    value = table.get(indicator["id"])
                    if value is not None and value > thresholds.get(verdict.cv_stage, 0) \
                            and indicator["of"] in FACT_THEMES:
                        reasons.append((f"{indicator['id']} {indicator['name']}差异系数 {value}",
                                        FACT_THEMES[indicator["of"]], 1))
        for item in (result.government or {}).get("items", []):
            if item["status"] != "fail":
                continue
            facts = []
            for check in item["checks"]:
                if check["status"] == "fail":
                    for fact in (check["of"] if isinstance(check["of"], list) else [check["of"]]):
                        if fact in FACT_THEMES and FACT_THEMES[fact] not in facts:
                            facts.append(FACT_THEMES[fact])
            for themes in facts:
                reasons.append((f"{item['id']} {item['name']}", themes, 1))
        # a condition on one county fact (公众满意度 under basic-2012): that fact's themes
        value_condition = result.condition("value")
        fact = next((c.get("of") for c in profile.county.get("conditions", []) if c["measure"] == "value"), None)
        if value_condition is not None and value_condition.status == "fail" and fact in FACT_THEMES:
            reasons.append((value_condition.name, FACT_THEMES[fact], 1))

    scores: dict[str, int] = {}
    for _, themes, weight in reasons:
        for place, theme in enumerate(themes):
            scores[theme] = scores.get(theme, 0) + weight * _PLACE_WEIGHTS[min(place, len(_PLACE_WEIGHTS) - 1)]
    order = {theme: index for index, theme in enumerate(load_corpus().themes)}   # ties: corpus order
    ranked = sorted(scores, key=lambda theme: (-scores[theme], order.get(theme, len(order))))
    return ThemeChoice(themes=ranked, reasons=[(what, themes) for what, themes, _ in reasons])


# ---------------------------------------------------------------- placement
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
    from generator.model.facts import load_facts

    subject = load_facts(path)
    if subject.kind != "centre":
        raise InputErrors([InputError(path, None, "kind", "slogan_not_centre", got=subject.kind)])
    centre_sites(subject)   # duplicate schools or sites are reported before anything is chosen
    return subject


# ---------------------------------------------------------------- documents: list, print file, workbook
def _metres(value: Decimal) -> str:
    return format(value.normalize(), "f")


def size_note() -> str:
    """The banner size rule in words, from BANNER_TIERS (so the documents cannot drift from it)."""
    parts = []
    for max_cells, height, cell in BANNER_TIERS:
        band = f"{max_cells}格以内" if max_cells is not None else "更长的"
        parts.append(f"{band}用{_metres(height)}米宽横幅、每字{_metres(cell)}米")
    return ("建议尺寸（长×宽，米）按字数计算：字数加上书名号、引号和分句处的空格为字格数；" + "，".join(parts)
            + f"；两端各留{_metres(BANNER_END_MARGIN)}米，长度向上取整到{_metres(BANNER_LENGTH_STEP)}米。")


SIZE_NOTE = size_note()


def size_text(slogan: Slogan) -> str:
    size = banner_size(slogan)
    return f"{size.length_m}×{size.height_m}"


def list_rows(slogans: list[Slogan], placements: list[Placement] | None = None) -> list[dict]:
    """Rows of the banner list: one per slogan, or one per site when the slogans were placed."""
    if placements is None:
        return [{"number": index, "text": s.text, "chars": s.chars, "size": size_text(s), "place": "",
                 "school": "", "site": "", "slogan": s}
                for index, s in enumerate(slogans, start=1)]
    return [{"number": p.number, "text": p.slogan.text, "chars": p.slogan.chars, "size": size_text(p.slogan),
             "place": f"{p.school}\n{p.site}", "school": p.school, "site": p.site, "slogan": p.slogan}
            for p in placements]


# The print file's page (tools/make_publicity_templates.py): A4 landscape, 15 mm margins; the slogan
# is centred in a 267 × 160 mm box with a caption line below. Characters of a CJK font are one em
# wide; a line of the 黑体-like face at single spacing takes about 1.45 em, so 1.5 em is allowed.
PRINT_WIDTH_MM = Decimal(267)
PRINT_HEIGHT_MM = Decimal(160)
PRINT_LINE_EM = Decimal("1.5")
PRINT_WIDTH_SAFETY = Decimal("0.95")          # full-width punctuation may run a little wide
PRINT_MAX_PT = 160
MM_PER_PT = Decimal("0.3528")


def _pieces(text: str) -> list[str]:
    """The text cut after each clause mark, marks kept: a line break never falls inside a clause."""
    pieces, current = [], ""
    for char in text:
        current += char
        if char in "，；！？":
            pieces.append(current)
            current = ""
    if current:
        pieces.append(current)
    return pieces


def _groupings(pieces: list[str], lines: int):
    """Every way to cut the clause list into `lines` consecutive lines."""
    from itertools import combinations
    for cuts in combinations(range(1, len(pieces)), lines - 1):
        bounds = (0, *cuts, len(pieces))
        yield ["".join(pieces[a:b]) for a, b in zip(bounds, bounds[1:])]


PRINT_FEWER_LINES_SHARE = Decimal("0.85")


def print_layout(slogan: Slogan) -> tuple[list[str], int]:
    """The slogan's lines and font size (pt) for the print file.

    Lines break only between clauses. For each number of lines the best break (largest type) is
    found; then the fewest lines whose type is at least 85 % of the largest possible win — a
    balanced two-line banner reads better than three ragged lines a few points larger. Size is
    capped at PRINT_MAX_PT and rounded down to a whole point.
    """
    pieces = _pieces(slogan.text)
    best_by_count = []
    for count in range(1, len(pieces) + 1):
        best = None
        for lines in _groupings(pieces, count):
            widest = max(len(line) for line in lines)
            size_mm = min(PRINT_WIDTH_MM * PRINT_WIDTH_SAFETY / widest, PRINT_HEIGHT_MM / (count * PRINT_LINE_EM))
            points = min(int(size_mm / MM_PER_PT), PRINT_MAX_PT)
            if best is None or points > best[1]:
                best = (lines, points)
        best_by_count.append(best)
    largest = max(points for _, points in best_by_count)
    return next(choice for choice in best_by_count if choice[1] >= largest * PRINT_FEWER_LINES_SHARE)


def print_pages(rows: list[dict]) -> list[dict]:
    """Pages of the print file: each row's slogan in large type, and a caption for the print shop."""
    from docxtpl import RichText

    pages = []
    total = len(rows)
    for row in rows:
        lines, points = print_layout(row["slogan"])
        caption = f"第 {row['number']} 幅（共 {total} 幅） · {row['chars']} 字 · 建议尺寸 {row['size']} 米"
        if row["place"]:
            caption += f" · 悬挂：{row['school']} {row['site']}"
        pages.append({"lines": [RichText(line, size=points * 2) for line in lines], "caption": caption,
                      "points": points, "text_lines": lines})
    return pages




def workbook_bytes(rows: list[dict], title: str) -> bytes:
    """The banner list as an .xlsx (openpyxl), with the same bytes for the same rows."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from generator.io.writing import install_cell_rule
    install_cell_rule()       # one rule for every cell (writing.py)
    book = Workbook()
    sheet = book.active
    sheet.title = "横幅标语"
    headers = ["序号", "标语", "字数", "建议长度（米）", "建议宽度（米）", "悬挂学校", "悬挂地点", "主题", "语料编号"]
    sheet.append([title])
    sheet.append(headers)
    for row in rows:
        size = banner_size(row["slogan"])
        sheet.append([row["number"], row["text"], row["chars"], float(size.length_m), float(size.height_m),
                      row["school"], row["site"], "、".join(row["slogan"].themes), row["slogan"].id])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    for line in sheet.iter_rows(min_row=3):
        line[1].alignment = Alignment(wrap_text=True)
        line[3].number_format = line[4].number_format = "0.0"
    for index, width in enumerate((6, 48, 6, 12, 12, 14, 16, 20, 10), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A3"
    from generator.io.writing import xlsx_bytes
    return xlsx_bytes(book)
