#!/usr/bin/env python3
"""Build corpora/slogans/slogans.yaml from the seed documents (reproducible).

    python tools/build_slogan_corpus.py                 # reads corpora/sources (copies of ../shared/seeds), writes the corpus
    python tools/build_slogan_corpus.py --check         # exit 1 when the stored corpus is stale

What counts as a slogan in a source:

* a **numbered line under a slogan heading** — a short heading line that contains 标语
  ("教育均衡发展的宣传标语", "附件:义务教育均衡发展宣传标语口号"), followed by lines that start
  with a list number ("5、", "12.", "13."). The list ends at the first non-blank line without a
  number. One source line may hold several numbered slogans run together ("…发展!37.公平…");
  they are split at each number that follows a sentence end.
* a **quoted slogan in prose** — “…” directly followed by 标语 / 横幅 ("悬挂“学习教育法规,推进
  均衡发展”宣传标语").

Normalisation (README of corpora/slogans/, in this order), so that each slogan keeps its words
exactly and only scraping noise and punctuation style are unified:

1. the list number and the spaces around it are removed (done while extracting);
2. Unicode NFKC (full-width letters/digits and ASCII-width punctuation become one spelling);
3. scraping artefacts removed: the stray ` and ' the web compilers inserted, and a "." standing
   between two Chinese characters ("社会进步的.基石");
4. a "。" in the middle of a slogan becomes "、" — one compiled list turned every "、" into "。"
   ("缩小校际。城乡和区域" against "缩小校际、城乡和区域" in three other lists);
5. known mis-encoded characters are corrected: 臵 → 置 (a GBK look-alike; "合理配臵");
6. spaces between two clauses become "，" — the banner form "推进均衡发展 维护教育公平" and the
   comma form "推进均衡发展,维护教育公平" are one slogan; other spaces are removed;
7. sentence-final punctuation (。 ! ！ .) is dropped: a banner carries none, and the sources end
   the same slogan with "!", "。" or nothing;
8. the remaining punctuation is written full-width: ，；：！？（）.

Two normalised forms are the same slogan when they agree after all punctuation is removed (so
"全员动员努力攻坚发展教育改善民生" and "全员动员，努力攻坚，发展教育，改善民生" are one). The
corpus keeps one text per slogan: the form with the most punctuation (the most information on
where the clauses break), then the most frequent, then the first seen; the other forms are listed
under `variants`. Every occurrence is kept under `sources` with file, line, heading, list number
and the text exactly as written.

Clauses: the text split at ，；！？ (not at 、, which joins list items inside a clause such as
"缩小校际、城乡和区域教育发展差距").

Themes: keyword rules (THEME_RULES below; listed in corpora/slogans/README.md). A slogan gets every
theme one of whose keywords it contains.
"""
from __future__ import annotations

import argparse
import re
import sys
import unicodedata
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SEEDS = REPO / "corpora" / "sources"  # copies of ../shared/seeds (see its README)
DEFAULT_OUTPUT = REPO / "corpora" / "slogans" / "slogans.yaml"

# ---------------------------------------------------------------- extraction
# A list number at the start of a line: "5、", "12.", "13.", "13、 " (digits as written, NFKC'd later).
NUMBER_AT_START = re.compile(r"^\s*(\d{1,3})\s*[、.．]\s*")
# A number starting a further slogan on the same line, right after a sentence end.
NUMBER_AFTER_END = re.compile(r"(?<=[!！。])\s*(\d{1,3})\s*[、.．]\s*")
QUOTED_SLOGAN = re.compile(r"“([^“”]{4,40})”(?:宣传)?(?:标语|横幅)")
HEADING_MAX_CHARS = 30


def is_slogan_heading(line: str) -> bool:
    """A short line naming a slogan list, not a numbered item or a sentence about slogans."""
    text = line.strip()
    return ("标语" in text and len(text) <= HEADING_MAX_CHARS
            and not NUMBER_AT_START.match(text) and not text.startswith(("(", "（")))


def split_numbered(line: str) -> list[tuple[str, str]]:
    """"36.甲!37.乙!" → [("36", "甲!"), ("37", "乙!")]; the line must start with a number."""
    first = NUMBER_AT_START.match(line)
    if not first:
        return []
    items = []
    number, rest = first.group(1), line[first.end():]
    while True:
        following = NUMBER_AFTER_END.search(rest)
        if not following:
            items.append((number, rest.strip()))
            return items
        items.append((number, rest[:following.start()].strip()))
        number, rest = following.group(1), rest[following.end():]


def extract(seeds_dir: Path) -> list[dict]:
    """Every slogan occurrence in the seed texts, in reading order."""
    occurrences = []
    for path in sorted(seeds_dir.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        heading = heading_line = None
        in_list = False
        for index, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            if is_slogan_heading(line):
                heading, heading_line, in_list = line.strip(), index, True
                continue
            if in_list and NUMBER_AT_START.match(line):
                for number, text in split_numbered(line):
                    occurrences.append({"file": path.name, "line": index, "heading": heading,
                                        "heading_line": heading_line, "number": number,
                                        "as_written": text})
                continue
            in_list = False
            for match in QUOTED_SLOGAN.finditer(line):
                occurrences.append({"file": path.name, "line": index, "heading": None,
                                    "heading_line": None, "number": None,
                                    "as_written": match.group(1),
                                    "context": _context(line, match)})
    return occurrences


def _context(line: str, match: re.Match) -> str:
    """The clause of prose the quoted slogan stood in (between the nearest clause marks)."""
    start = max(line.rfind(mark, 0, match.start()) for mark in ",，。；;、") + 1
    ends = [pos for pos in (line.find(mark, match.end()) for mark in ",，。；;") if pos != -1]
    return line[start:min(ends) if ends else len(line)].strip()


# ---------------------------------------------------------------- normalisation
CHARACTER_FIXES = {"臵": "置"}
_CJK = r"[\u3400-\u9fff《》“”]"
_FINAL = "。.!！"
_FULL_WIDTH = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？",
                             "(": "（", ")": "）"})
CLAUSE_MARKS = "，；！？"
ALL_PUNCTUATION = re.compile(r"[\s，；：！？（）、。,.;:!?()“”\"'`《》]")


def normalise(as_written: str) -> str:
    """The documented normalisation (module docstring, steps 2–8)."""
    text = unicodedata.normalize("NFKC", as_written)
    text = text.replace("`", "").replace("'", "")
    text = re.sub(rf"(?<={_CJK})\.(?={_CJK})", "", text)
    text = text.strip()
    text = re.sub(r"。(?=.*[^\s。.!！])", "、", text)
    for wrong, right in CHARACTER_FIXES.items():
        text = text.replace(wrong, right)
    text = re.sub(rf"(?<=[^\s,;:!?，；：！？、。])\s+(?=[^\s,;:!?，；：！？、。])", "，", text.strip())
    text = re.sub(r"\s+", "", text)
    text = text.rstrip(_FINAL)
    return text.translate(_FULL_WIDTH)


def dedup_key(text: str) -> str:
    """Two forms are one slogan when their characters agree without any punctuation."""
    return ALL_PUNCTUATION.sub("", text)


def split_clauses(text: str) -> list[str]:
    return [clause for clause in re.split(f"[{CLAUSE_MARKS}]", text) if clause]


def punctuation_count(text: str) -> int:
    return len(text) - len(dedup_key(text))


# ---------------------------------------------------------------- themes
# (theme, keywords): a slogan gets the theme when its text contains any keyword. Ordered as the
# themes are listed in the README; kept deliberately literal so a clerk can predict the tags.
THEME_RULES: list[tuple[str, tuple[str, ...]]] = [
    ("均衡", ("均衡",)),
    ("公平", ("公平", "平等", "均等", "公正")),
    ("标准化建设", ("标准化", "办学条件", "硬件", "育人环境", "改薄", "薄弱学校")),
    ("资源", ("资源", "配置")),
    ("留守儿童", ("留守", "关爱工程")),
    ("素质教育", ("素质教育", "综合素质", "国民素质", "民族素质", "全面发展", "德育", "育人为本",
                  "育人功能", "健康成长", "创新型人才")),
    ("质量", ("质量", "优质", "上好学", "人民满意", "内涵", "又好又快")),
    ("投入", ("投入", "经费")),
    ("依法治教", ("依法", "义务教育法", "法规", "规范办学", "办学行为")),
    ("师资", ("教师", "师资", "教好每一个学生", "师德", "尊师重教", "教师队伍", "骨干教师", "名师")),
    ("信息化", ("信息化", "信息技术", "网络", "数字化", "班班通", "互联网", "智慧校园")),
    ("优先发展", ("优先", "第一战略", "百年大计", "千秋基业", "国计", "科教兴国", "教育为本",
                  "教育规划", "国运", "民族振兴", "重在教育", "教育是基础")),
    ("民生", ("民生", "小康")),
    ("普及", ("普九", "普及", "有学上", "接受义务教育")),
    ("政府责任", ("政府", "督导", "政策落实", "全员动员", "全民动员", "全民有责")),
    ("特色", ("特色",)),
    ("和谐", ("和谐",)),
    # added for the 2017 优质均衡 standard (its 社会认可度 item and its name); appended so that the
    # older themes keep their order
    ("社会认可", ("满意", "认可", "口碑", "放心")),
    ("优质均衡", ("优质均衡",)),
]
THEMES = tuple(theme for theme, _ in THEME_RULES)


def themes_of(text: str) -> list[str]:
    return [theme for theme, keywords in THEME_RULES if any(word in text for word in keywords)]


# 字数 counts the characters of the slogan itself: not the clause punctuation (a clause break is
# printed as a space, which generator.publicity.banners counts separately), nor book-title marks and
# quotation marks (《》“”‘’), which a banner prints narrow or leaves out.
def printed_chars(text: str) -> int:
    return len(re.sub(f"[{CLAUSE_MARKS}、。《》〈〉“”‘’\"']", "", text))


# Slogans that must not go on a banner as they stand: the source's own wording is kept (it is
# data), the reason is shown, and generator.publicity.corpus leaves them out of every selection.
HOLD = {
    "让每个孩子淋浴均衡教育的阳光茁壮成长": "原文“淋浴”疑为“沐浴”之误，照原文保留，不选用",
}


# ---------------------------------------------------------------- corpus
def build(seeds_dir: Path) -> dict:
    occurrences = extract(seeds_dir)
    groups: dict[str, dict] = {}
    for order, occ in enumerate(occurrences):
        text = normalise(occ["as_written"])
        if not dedup_key(text):
            continue
        group = groups.setdefault(dedup_key(text), {"first": order, "forms": {}, "sources": []})
        group["forms"].setdefault(text, {"count": 0, "first": order})
        group["forms"][text]["count"] += 1
        source = {"file": occ["file"], "line": occ["line"], "heading": occ["heading"],
                  "number": occ["number"], "as_written": occ["as_written"]}
        if occ.get("context"):
            source["context"] = occ["context"]
        group["sources"].append(source)

    entries = []
    for index, group in enumerate(sorted(groups.values(), key=lambda g: g["first"]), start=1):
        forms = group["forms"]
        text = min(forms, key=lambda form: (-punctuation_count(form), -forms[form]["count"],
                                            forms[form]["first"]))
        entry = {"id": f"S{index:03d}", "text": text, "chars": printed_chars(text),
                 "clauses": split_clauses(text), "themes": themes_of(text),
                 "count": len(group["sources"])}
        if len(forms) > 1:
            entry["variants"] = sorted(forms, key=lambda form: forms[form]["first"])
        if text in HOLD:
            entry["hold"] = HOLD[text]
        entry["sources"] = group["sources"]
        entries.append(entry)
    return {"occurrences": len(occurrences), "entries": entries}


HEADER = """\
# 宣传标语语料 (slogan corpus) — generated by tools/build_slogan_corpus.py from ../shared/seeds (copies in corpora/sources);
# do not edit by hand: change the tool (normalisation, theme rules) and rebuild.
# Fields and provenance marks: corpora/slogans/README.md.
"""


def render(corpus: dict, seeds_dir: Path) -> str:
    document = {
        "source": "../shared/seeds (" + ", ".join(sorted(p.name for p in seeds_dir.glob("*.txt"))) + ")",
        "provenance": "S",
        "unique": len(corpus["entries"]),
        "occurrences": corpus["occurrences"],
        "themes": list(THEMES),
        "slogans": corpus["entries"],
    }
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=None)
    return HEADER + body


# ---------------------------------------------------------------- web corpus
# Slogans found on public web pages (corpora/sources/web/found.yaml, recorded from the search
# tool's stored copies) for the 优质均衡 themes the seeds barely cover. They are kept apart from
# the seed corpus (own file, ids W001…, `origin: web`) and only items the theme rules tag with one
# of these themes are kept: a page's other items (e.g. 教师节 greetings) are not publicity for the
# evaluation.
DEFAULT_WEB_FOUND = REPO / "corpora" / "sources" / "web" / "found.yaml"
DEFAULT_WEB_OUTPUT = REPO / "corpora" / "slogans" / "slogans-web.yaml"
WEB_FOCUS_THEMES = ("质量", "师资", "信息化", "社会认可", "优质均衡")

WEB_HEADER = """\
# 宣传标语语料·网页部分 (slogans found on public web pages) — generated by tools/build_slogan_corpus.py
# from corpora/sources/web/found.yaml; do not edit by hand. Apart from the seed corpus (slogans.yaml):
# every entry names the page (address and title) it was found on. Fields: corpora/slogans/README.md.
"""


def build_web(found_path: Path, seed_entries: list[dict]) -> dict:
    """The web corpus: found items normalised and deduplicated as the seeds are, kept when tagged
    with a focus theme and not already a seed slogan (a seed slogan keeps its seed provenance)."""
    data = yaml.safe_load(found_path.read_text(encoding="utf-8"))
    seed_keys = {dedup_key(entry["text"]) for entry in seed_entries}
    groups: dict[str, dict] = {}
    seen_items = dropped_theme = dropped_seed = 0
    for page in data["pages"]:
        for item in page["items"]:
            seen_items += 1
            text = normalise(item["as_written"])
            key = dedup_key(text)
            if not key:
                continue
            if not set(themes_of(text)) & set(WEB_FOCUS_THEMES):
                dropped_theme += 1
                continue
            if key in seed_keys:
                dropped_seed += 1
                continue
            group = groups.setdefault(key, {"forms": {}, "sources": []})
            group["forms"][text] = group["forms"].get(text, 0) + 1
            group["sources"].append({"url": page["url"], "title": page["title"], "heading": page.get("heading"),
                                     "number": item.get("number"), "as_written": item["as_written"]})
    entries = []
    for index, group in enumerate(groups.values(), start=1):
        forms = group["forms"]
        text = min(forms, key=lambda form: (-punctuation_count(form), -forms[form]))
        entries.append({"id": f"W{index:03d}", "text": text, "chars": printed_chars(text),
                        "clauses": split_clauses(text), "themes": themes_of(text),
                        "count": len(group["sources"]), "origin": "web", "sources": group["sources"]})
    pages = sorted({source["url"] for entry in entries for source in entry["sources"]})
    return {"entries": entries, "pages": len(pages), "found": seen_items,
            "dropped_theme": dropped_theme, "dropped_seed": dropped_seed}


def render_web(corpus: dict) -> str:
    document = {
        "source": "corpora/sources/web/found.yaml (public web pages; each entry names its page)",
        "provenance": "S",
        "origin": "web",
        "unique": len(corpus["entries"]),
        "pages": corpus["pages"],
        "found": corpus["found"],
        "themes": list(THEMES),
        "slogans": corpus["entries"],
    }
    body = yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000,
                          default_flow_style=None)
    return WEB_HEADER + body


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument("--check", action="store_true", help="compare with the stored corpus, write nothing")
    parser.add_argument("--web-found", type=Path, default=DEFAULT_WEB_FOUND)
    parser.add_argument("--web-output", type=Path, default=DEFAULT_WEB_OUTPUT)
    parser.add_argument("--compare-seeds", type=Path, metavar="DIR",
                        help="say whether the copies in --seeds are the seed texts of DIR (e.g. ../shared/seeds)")
    args = parser.parse_args(argv)
    if args.compare_seeds:
        theirs = {p.name: p.read_bytes() for p in args.compare_seeds.glob("*.txt")}
        ours = {p.name: p.read_bytes() for p in args.seeds.glob("*.txt")}
        differ = sorted(name for name in set(theirs) | set(ours) if theirs.get(name) != ours.get(name))
        for name in differ:
            print(f"{name}: {'missing here' if name not in ours else 'not there' if name not in theirs else 'differs'}",
                  file=sys.stderr)
        print(f"{len(ours)} seed texts in {args.seeds}: {'the same as' if not differ else 'NOT the same as'} "
              f"{args.compare_seeds}")
        return 1 if differ else 0
    corpus = build(args.seeds)
    web = build_web(args.web_found, corpus["entries"])
    outputs = [(args.output, render(corpus, args.seeds),
                f"{len(corpus['entries'])} unique slogans from {corpus['occurrences']} occurrences"),
               (args.web_output, render_web(web),
                f"{len(web['entries'])} web slogans from {web['pages']} pages ({web['found']} items found, "
                f"{web['dropped_theme']} without a 优质均衡 focus theme, {web['dropped_seed']} already seed slogans)")]
    if args.check:
        stale = False
        for path, text, summary in outputs:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current != text:
                print(f"{path} is stale: rebuild with tools/build_slogan_corpus.py", file=sys.stderr)
                stale = True
            else:
                print(f"{path} is up to date ({summary})")
        return 1 if stale else 0
    for path, text, summary in outputs:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"{path}: {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
