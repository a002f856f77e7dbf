"""The slogan corpus, slogan selection, banner sizes, themes from weak criteria, banner placement."""
from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from generator.errors import InputErrors
from generator.criteria.evaluate import evaluate
from generator.model.subjects import Centre
from generator.io.facts import load_facts
from generator.criteria.profiles import load_profile
from generator.publicity.banners import banner_size
from generator.publicity.corpus import Slogan, check_themes, empty_themes, load_corpus, select
from generator.publicity.slogan_lists import print_layout
from generator.publicity.placement import assign
from generator.publicity.themes import themes_for

from conftest import FAST_LOADER, REPO, examples, school, write_yaml

SEEDS = REPO / "corpora" / "sources"  # the seed texts, part of the repo: a missing seed fails
CORPUS_FILE = REPO / "corpora" / "slogans" / "slogans.yaml"


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_slogan_corpus", REPO / "tools" / "build_slogan_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_slogan_corpus", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
corpus = load_corpus()
raw_corpus = yaml.load(CORPUS_FILE.read_text(encoding="utf-8"), Loader=FAST_LOADER)


# ---------------------------------------------------------------- the corpus
def test_stored_corpus_is_what_the_tool_builds_from_the_seeds():
    built = tool.render(tool.build(SEEDS), SEEDS)
    assert built == CORPUS_FILE.read_text(encoding="utf-8"), "rebuild: python tools/build_slogan_corpus.py"


def _reextract(path: Path) -> list[tuple[int, str, str]]:
    """Numbered lines under a slogan heading, parsed independently of the tool's code.

    A heading is a short line with 标语 that is not itself numbered; its list is every following
    non-blank line that starts with digits and 、 or . ; a line may hold several items, each
    starting with a number right after ! or 。.
    """
    items = []
    in_list = False
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        numbered = re.match(r"\d+\s*[、.]", stripped)
        if "标语" in stripped and len(stripped) <= 30 and not numbered and stripped[0] not in "(（":
            in_list = True
            continue
        if in_list and numbered:
            for match in re.finditer(r"(?:^|(?<=[!。]))(\d+)\s*[、.]\s*(.*?)(?=(?<=[!。])\d+\s*[、.]|$)", stripped):
                items.append((number, match.group(1), match.group(2).strip()))
            continue
        in_list = False
    return items


def _characters(text: str) -> str:
    """The words of a slogan: every character but punctuation, spaces and scraping artefacts."""
    text = text.replace("臵", "置")
    return re.sub(r"[\s,.;:!?，。；：！？、`'“”\"《》]", "", text)


def test_no_numbered_slogan_line_is_lost():
    by_place = {}
    for entry in raw_corpus["slogans"]:
        for source in entry["sources"]:
            by_place[(source["file"], source["line"], source["number"])] = entry
    found = 0
    for path in sorted(SEEDS.glob("*.txt")):
        for line, number, text in _reextract(path):
            found += 1
            entry = by_place.get((path.name, line, number))
            assert entry is not None, f"{path.name}:{line} item {number} ({text}) is not in the corpus"
            assert _characters(entry["text"]) == _characters(text), (path.name, line, text, entry["text"])
            assert text in [s["as_written"] for s in entry["sources"]]
    numbered = sum(1 for e in raw_corpus["slogans"] for s in e["sources"] if s["number"] is not None)
    assert found == numbered == 239
    assert raw_corpus["occurrences"] == sum(e["count"] for e in raw_corpus["slogans"]) == 240


def test_no_duplicates_after_normalisation():
    keys = [tool.dedup_key(entry["text"]) for entry in raw_corpus["slogans"]]
    assert len(keys) == len(set(keys)) == raw_corpus["unique"] == len(corpus.slogans)
    assert len({entry["id"] for entry in raw_corpus["slogans"]}) == len(keys)
    for entry in raw_corpus["slogans"]:
        assert tool.normalise(entry["text"]) == entry["text"]          # normalisation is a fixed point
        assert entry["count"] == len(entry["sources"]) >= 1
        assert entry["clauses"] == tool.split_clauses(entry["text"])
        assert "".join(entry["clauses"]) == re.sub("[，；！？]", "", entry["text"])
        for source in entry["sources"]:
            assert tool.dedup_key(tool.normalise(source["as_written"])) == tool.dedup_key(entry["text"])


def test_readme_states_the_corpus_size():
    text = (REPO / "corpora" / "slogans" / "README.md").read_text(encoding="utf-8")
    assert f"**{raw_corpus['unique']} unique slogans from {raw_corpus['occurrences']} occurrences**" in text
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert f"{raw_corpus['unique']} unique slogans" in readme


@pytest.mark.parametrize("written, expected", [
    ("推进均衡发展 维护教育公平", "推进均衡发展，维护教育公平"),
    ("推进均衡发展,维护教育公平。", "推进均衡发展，维护教育公平"),
    ("家庭的`希望在孩子孩子的'希望在教育", "家庭的希望在孩子孩子的希望在教育"),
    ("教育是民族振兴。社会进步的.基石!", "教育是民族振兴、社会进步的基石"),
    ("合理配臵教育资源努力促进均衡发展", "合理配置教育资源努力促进均衡发展"),
    ("百年大计,教育为本;教育大计,均衡为先。", "百年大计，教育为本；教育大计，均衡为先"),
    ("强化教育“第一战略”,确保教育优先发展。", "强化教育“第一战略”，确保教育优先发展"),
    ("全面贯彻落实《义务教育法》,大力推进义务教育均衡发展。", "全面贯彻落实《义务教育法》，大力推进义务教育均衡发展"),
])
def test_normalisation_examples(written, expected):
    assert tool.normalise(written) == expected


def test_space_form_comma_form_and_run_together_form_are_one_slogan():
    forms = ["推进教育均衡发展 强化社会公平和谐", "推进教育均衡发展,强化社会公平和谐。", "推进教育均衡发展强化社会公平和谐"]
    assert len({tool.dedup_key(tool.normalise(form)) for form in forms}) == 1
    entry = next(e for e in raw_corpus["slogans"] if tool.dedup_key(e["text"]) == "推进教育均衡发展强化社会公平和谐")
    assert entry["text"] == "推进教育均衡发展，强化社会公平和谐"      # the form that shows the clause break
    assert entry["count"] == 6
    assert entry["clauses"] == ["推进教育均衡发展", "强化社会公平和谐"]


def test_several_numbered_slogans_on_one_line_are_split():
    line = "36.落实教育方针,规范办学行为;尊重教育规律,促进学生发展!37.公平配置公共教育资源!38.全面落实政府责任!"
    assert tool.split_numbered(line) == [("36", "落实教育方针,规范办学行为;尊重教育规律,促进学生发展!"),
                                         ("37", "公平配置公共教育资源!"), ("38", "全面落实政府责任!")]


def test_clauses_split_at_commas_not_at_enumeration_commas():
    assert tool.split_clauses("硬件软件并举、外延内涵齐抓、共性特色并重") == ["硬件软件并举、外延内涵齐抓、共性特色并重"]
    assert tool.split_clauses("百年大计，教育为本；教育大计，均衡为先") == ["百年大计", "教育为本", "教育大计", "均衡为先"]


def test_theme_rules():
    assert tool.themes_of("关爱留守儿童，共享教育阳光") == ["留守儿童"]
    # "公平教育人人受益" contains 育人 but is not about 素质教育
    assert "素质教育" not in tool.themes_of("义务教育均衡发展，公平教育人人受益")
    assert tool.themes_of("加大教育投入改善办学条件促进教育均衡发展") == ["均衡", "标准化建设", "投入"]
    assert set(raw_corpus["themes"]) >= {"公平", "均衡", "标准化建设", "留守儿童", "素质教育", "投入",
                                         "依法治教", "师资", "质量", "信息化"}
    for entry in raw_corpus["slogans"]:
        assert entry["themes"] == tool.themes_of(entry["text"])


def test_every_slogan_carries_provenance():
    for entry in raw_corpus["slogans"]:
        for source in entry["sources"]:
            assert source["file"].endswith(".txt") and source["line"] > 0
            assert source["heading"] is None or "标语" in source["heading"]
            if source["number"] is None:
                assert source["context"]


# ---------------------------------------------------------------- selection
theme_lists = st.lists(st.sampled_from(corpus.themes), max_size=5)


@given(themes=theme_lists, count=st.none() | st.integers(1, 120), max_chars=st.none() | st.integers(1, 40))
@settings(max_examples=examples(150), deadline=None)
def test_selection_never_repeats_and_respects_filters(themes, count, max_chars):
    chosen = select(corpus, themes, count, max_chars)
    assert len({s.id for s in chosen}) == len(chosen)
    assert len({s.text for s in chosen}) == len(chosen)
    if count is not None:
        assert len(chosen) <= count
    for slogan in chosen:
        assert slogan.hold is None
        assert max_chars is None or slogan.chars <= max_chars
        assert not themes or set(slogan.themes) & set(themes)
    # every asked theme that has an eligible slogan appears among the first len(themes) choices
    unique_themes = list(dict.fromkeys(themes))
    if count is None or count >= len(unique_themes):
        head = chosen[:len(unique_themes)]
        for theme in unique_themes:
            if theme not in empty_themes(corpus, [theme], max_chars):
                assert any(theme in s.themes for s in chosen)
        assert len(head) == min(len(unique_themes), len(chosen))


def test_selection_without_theme_puts_the_most_used_first():
    chosen = select(corpus, count=3)
    assert [s.text for s in chosen] == ["教育公平是社会公平的重要基础", "改善民生从教育突破，发展教育从均衡抓起",
                                        "办好每一所学校，促进每一个学生健康成长"]
    assert [s.count for s in chosen] == [9, 9, 7]


def test_held_slogan_is_never_chosen():
    held = [s for s in corpus.slogans if s.hold]
    assert [s.text for s in held] == ["让每个孩子淋浴均衡教育的阳光茁壮成长"]
    assert held[0].id not in {s.id for s in select(corpus)}


def test_unknown_theme_suggests_the_closest():
    with pytest.raises(InputErrors) as caught:
        check_themes(["标准化"], corpus)
    text = caught.value.describe("zh")
    assert "未知的主题“标准化”" in text and "是否想写“标准化建设”" in text


def test_information_theme_is_empty_and_said_so():
    assert empty_themes(corpus, ["信息化", "均衡"]) == ["信息化"]


# ---------------------------------------------------------------- banner size
def _slogan(text: str) -> Slogan:
    return Slogan(id="X", text=text, chars=tool.printed_chars(text), clauses=tuple(tool.split_clauses(text)),
                     themes=(), count=1)


@pytest.mark.parametrize("text, cells, length, height", [
    ("推进均衡发展，维护教育公平", 13, "9.0", "0.8"),          # 13 × 0.60 + 1.0 = 8.8 → 9.0
    ("教育公平是社会公平的重要基础", 14, "9.5", "0.8"),        # 14 × 0.60 + 1.0 = 9.4 → 9.5
    ("教育优先发展是最大的民生工程", 14, "9.5", "0.8"),
    ("十个字的标语示例十字", 10, "8.0", "0.9"),                 # 10 × 0.70 + 1.0 = 8.0
    ("全面落实政府责任，切实增加教育投入，深入推进义务教育均衡发展", 30, "14.5", "0.6"),  # 30 × 0.45 + 1 = 14.5
    ("全面实施素质教育是教育改革和发展的战略主题", 21, "11.5", "0.7"),  # 21 × 0.50 + 1 = 11.5
])
def test_banner_size_rule(text, cells, length, height):
    size = banner_size(_slogan(text))
    assert (size.cells, size.length_m, size.height_m) == (cells, Decimal(length), Decimal(height))


def test_banner_size_counts_printed_quotes_and_book_marks():
    slogan = corpus.by_id("S046")
    assert slogan.text == "全面贯彻落实《义务教育法》，大力推进义务教育均衡发展"
    # 字数 leaves out the book-title marks (23, not 25); the banner still prints them,
    # so its cells are 23 characters + 2 marks + 1 clause break = 26
    assert slogan.chars == 23 and banner_size(slogan).cells == 26


# ---------------------------------------------------------------- weak criteria → themes
def test_too_few_books_points_to_standardisation_and_resources(tmp_path):
    facts = write_yaml(tmp_path / "s.yaml", school(books=5000))
    profile = load_profile("basic-2012")
    choice = themes_for(evaluate(load_facts(facts), profile), profile)
    assert choice.themes == ["标准化建设", "资源"]
    assert choice.reasons == [("K3 生均图书册数", ("标准化建设", "资源"))]


def test_a_school_meeting_everything_has_no_weak_theme(tmp_path):
    facts = write_yaml(tmp_path / "s.yaml", school())
    profile = load_profile("basic-2012")
    assert themes_for(evaluate(load_facts(facts), profile), profile).themes == []


def test_mapping_follows_the_fact_not_the_rule_id(tmp_path):
    """Guizhou calls its book rule G5: the theme comes from the fact it measures."""
    facts = write_yaml(tmp_path / "s.yaml", school(books=5000))
    profile = load_profile("guizhou")
    choice = themes_for(evaluate(load_facts(facts), profile), profile)
    assert choice.themes[:2] == ["标准化建设", "资源"]
    assert any("生均图书册数" in what for what, _ in choice.reasons)


def test_county_weak_criteria_count_schools_and_government_items():
    profile = load_profile("basic-2012")
    result = evaluate(load_facts(REPO / "samples" / "county" / "county.yaml"), profile)
    choice = themes_for(result, profile)
    reasons = dict(choice.reasons)
    assert reasons["K2 生均运动场地面积（2 所学校未达标）"] == ("标准化建设", "素质教育")
    assert any(what.startswith("B8 ") for what in reasons)
    assert choice.themes[0] == "标准化建设"


# ---------------------------------------------------------------- placement
def _centre(site_counts, name_prefix="校") -> Centre:
    schools = [{"name": f"{name_prefix}{i}", "banner_sites": [f"地点{i}-{j}" for j in range(n)], "line": i + 5}
               for i, n in enumerate(site_counts)]
    return Centre(name="某镇中心学校", facts={}, schools=schools, file="centre.yaml")


def _pool(size: int) -> list[Slogan]:
    return select(corpus)[:size]


@given(site_counts=st.lists(st.integers(0, 9), min_size=1, max_size=14),
       slogans=st.integers(1, 40), allow_repeat=st.booleans())
@settings(max_examples=examples(300), deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_assignment_constraints(site_counts, slogans, allow_repeat):
    pool = _pool(slogans)
    centre = _centre(site_counts)
    total = sum(site_counts)
    impossible = max(site_counts) > len(pool) or (total > len(pool) and not allow_repeat)
    if impossible:
        with pytest.raises(InputErrors):
            assign(centre, pool, allow_repeat=allow_repeat)
        return
    placements = assign(centre, pool, allow_repeat=allow_repeat)
    # every site exactly once, numbered 1..T in file order
    assert [(p.school, p.site) for p in placements] == [
        (s["name"], site) for s in centre.schools for site in s["banner_sites"]]
    assert [p.number for p in placements] == list(range(1, total + 1))
    # never the same slogan twice within one school
    for school_entry in centre.schools:
        used = [p.slogan.id for p in placements if p.school == school_entry["name"]]
        assert len(used) == len(set(used))
    # spread evenly: use counts over the chosen slogans differ by at most one
    uses = Counter(p.slogan.id for p in placements)
    counts = [uses.get(s.id, 0) for s in pool]
    assert max(counts) - min(counts) <= 1
    if total <= len(pool):
        assert max(counts, default=0) <= 1


def test_more_sites_than_slogans_is_explained():
    with pytest.raises(InputErrors) as caught:
        assign(_centre([3, 3, 3]), _pool(8))
    text = caught.value.describe("zh")
    assert "共有 9 处悬挂地点，但只选出 8 条标语" in text and "--allow-repeat" in text
    with pytest.raises(InputErrors) as caught:
        assign(_centre([2, 5]), _pool(4), allow_repeat=True)
    message = caught.value.describe("en")
    assert "centre.yaml, line 6" in message and "'校1' has 5 banner sites but only 4 slogans" in message


def test_duplicate_site_within_a_school_is_an_input_error():
    centre = Centre(name="c", facts={}, file="c.yaml",
                    schools=[{"name": "甲校", "banner_sites": ["学校门口", "学校门口"], "line": 7}])
    with pytest.raises(InputErrors) as caught:
        assign(centre, _pool(5))
    assert "c.yaml, 第 7 行" in caught.value.describe("zh") and "“学校门口”重复" in caught.value.describe("zh")


def test_dongong_sample_gets_seventeen_different_slogans():
    centre = load_facts(REPO / "samples" / "dongong-centre.yaml")
    placements = assign(centre, select(corpus, count=30))
    assert len(placements) == 17
    assert len({p.slogan.id for p in placements}) == 17
    assert {p.school for p in placements} == {"陆坪完小", "东巩完小", "东巩中学", "大道完小", "苍坪完小", "中心幼儿园", "中心学校"}


# ---------------------------------------------------------------- the `slogans` verb
def _table_rows(path) -> list[list[str]]:
    from docx import Document
    doc = Document(str(path))
    table = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["序号", "标语"])
    return [[cell.text for cell in row.cells] for row in table.rows[1:]]


def test_banner_list_docx_has_twenty_different_slogans_with_sizes(tmp_path, run):
    out = tmp_path / "banners.docx"
    result = run("slogans", "--count", "20", "-o", out)
    assert result.exit_code == 0, result.output
    rows = _table_rows(out)
    expected = select(corpus, count=20)
    assert [row[1] for row in rows] == [s.text for s in expected]
    assert len({row[1] for row in rows}) == 20
    for row, slogan in zip(rows, expected):
        size = banner_size(slogan)
        assert row[2] == str(slogan.chars) and row[3] == f"{size.length_m}×{size.height_m}" and row[4] == ""
    again = tmp_path / "again.docx"
    assert run("slogans", "--count", "20", "-o", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_banner_list_xlsx(tmp_path, run):
    from openpyxl import load_workbook
    out = tmp_path / "banners.xlsx"
    result = run("slogans", "--theme", "公平", "--theme", "留守儿童", "--max-chars", "14", "-o", out)
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    expected = select(corpus, ["公平", "留守儿童"], None, 14)
    assert [row[1] for row in rows] == [s.text for s in expected]
    assert all(row[2] <= 14 for row in rows)
    assert {"公平", "留守儿童"} <= {theme for row in rows[:2] for theme in row[7].split("、")}
    first = banner_size(expected[0])
    assert (rows[0][3], rows[0][4]) == (float(first.length_m), float(first.height_m))
    again = tmp_path / "again.xlsx"
    assert run("slogans", "--theme", "公平", "--theme", "留守儿童", "--max-chars", "14", "-o", again).exit_code == 0
    assert again.read_bytes() == out.read_bytes()


def test_banner_list_for_a_centre_names_each_site(tmp_path, run):
    out = tmp_path / "banners.docx"
    result = run("slogans", "--centre", REPO / "samples" / "dongong-centre.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    rows = _table_rows(out)
    assert len(rows) == 17 and rows[0][4] == "陆坪完小\n杜家坪村委会"
    assert len({row[1] for row in rows}) == 17


def test_print_file_one_slogan_per_page_in_large_type(tmp_path, run):
    from docx import Document
    out = tmp_path / "print.docx"
    result = run("slogans", "--count", "5", "--print", out)
    assert result.exit_code == 0, result.output
    doc = Document(str(out))
    section = doc.sections[0]
    assert section.page_width > section.page_height                    # landscape
    xml = doc.element.xml
    assert xml.count('w:type="page"') == 4                              # 5 pages
    for slogan in select(corpus, count=5):
        lines, points = print_layout(slogan)
        assert "".join(lines) == slogan.text and points >= 30
        for line in lines:
            assert line in xml
        assert f'<w:sz w:val="{points * 2}"/>' in xml


def test_print_layout_breaks_between_clauses_only():
    slogan = _slogan("推进均衡发展，维护教育公平")
    assert print_layout(slogan) == (["推进均衡发展，", "维护教育公平"], 102)
    long_clause = _slogan("优先发展教育是党和国家长期坚持的一项重要方针")
    assert print_layout(long_clause) == (["优先发展教育是党和国家长期坚持的一项重要方针"], 32)


def test_for_facts_chooses_themes_from_weak_criteria(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school(books=5000))
    out = tmp_path / "banners.docx"
    result = run("slogans", "--for", facts, "--count", "6", "-o", out)
    assert result.exit_code == 0, result.output
    assert "K3 生均图书册数 → 标准化建设、资源" in result.output
    from docx import Document
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "按示例小学的薄弱项选择标语主题：" in text and "生均图书册数：选用标准化建设、资源主题的标语。" in text and "K3" not in text
    rows = _table_rows(out)
    assert len(rows) == 6
    themed = {s.text: s.themes for s in corpus.slogans}
    assert all({"标准化建设", "资源"} & set(themed[row[1]]) for row in rows)


def test_for_facts_of_a_school_meeting_everything(tmp_path, run):
    facts = write_yaml(tmp_path / "s.yaml", school())
    result = run("slogans", "--for", facts, "--count", "3")
    assert result.exit_code == 0 and "没有薄弱项" in result.output


def test_slogans_bad_input_exits_2(tmp_path, run):
    result = run("slogans", "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2 and "-o 只能写 .docx / .xlsx 文件" in result.output
    result = run("slogans", "--print", tmp_path / "x.xlsx")
    assert result.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    result = run("slogans", "--theme", "标准化")
    assert result.exit_code == 2 and "是否想写“标准化建设”" in result.output and "Traceback" not in result.output
    result = run("slogans", "--theme", "信息化")
    assert result.exit_code == 2 and "没有“信息化”主题的标语" in result.output and "没有符合条件的标语" in result.output
    result = run("slogans", "--for", REPO / "samples" / "dongong-centre.yaml")
    assert result.exit_code == 2 and "--centre" in result.output
    result = run("slogans", "--count", "0")
    assert result.exit_code == 2
    result = run("slogans", "--centre", REPO / "samples" / "dongong-centre.yaml", "--count", "4", "--lang", "en")
    assert result.exit_code == 2 and "17 banner sites in all but only 4 slogans" in result.output
