"""Publicity for 优质均衡: the web slogan corpus, the profile's `standard`, and
`junheng publicity` / `junheng slogans` following it.

The shipped quality-2017 profile is built on another branch; these tests use a test-only profile
(tests/profiles/quality-standard.yaml: basic-2012's rules with `standard: quality`).
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import yaml
from docx import Document

from generator.publicity.corpus import corpus_for, empty_themes, load_corpus, select, select_favouring
from generator.errors import InputErrors
from generator.criteria.profiles import load_profile
from generator.publicity.scheme import wording

from conftest import REPO, write_yaml

QUALITY_PROFILE = REPO / "tests" / "profiles" / "quality-standard.yaml"
SAMPLE_CENTRE = REPO / "samples" / "dongong-centre.yaml"
SEEDS = REPO / "corpora" / "sources"
WEB_FOUND = SEEDS / "web" / "found.yaml"
WEB_FILE = REPO / "corpora" / "slogans" / "slogans-web.yaml"
FOCUS = ("质量", "师资", "信息化", "社会认可", "优质均衡")


def _load_tool():
    spec = importlib.util.spec_from_file_location("build_slogan_corpus", REPO / "tools" / "build_slogan_corpus.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("build_slogan_corpus", module)
    spec.loader.exec_module(module)
    return module


tool = _load_tool()
web = yaml.safe_load(WEB_FILE.read_text(encoding="utf-8"))
found = yaml.safe_load(WEB_FOUND.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the web corpus
def test_stored_web_corpus_is_what_the_tool_builds():
    seeds = tool.build(SEEDS)["entries"]
    assert tool.render_web(tool.build_web(WEB_FOUND, seeds)) == WEB_FILE.read_text(encoding="utf-8")


def test_web_slogans_counted_by_hand():
    # m18cc.com 教师节标语 list, 17 items: the theme rules tag items 6, 7, 12, 15, 16 with 师资
    # (教师 / 师德 / 尊师重教); the other twelve carry no 优质均衡 focus theme and are not used.
    assert web["unique"] == 5 and web["pages"] == 1 and web["found"] == 17
    assert [(e["id"], e["text"], e["sources"][0]["number"]) for e in web["slogans"]] == [
        ("W001", "树师德、铸师魂，塑新世纪人民教师的崇高形象", "6"),
        ("W002", "尊重知识、尊重人才、尊重教师", "7"),
        ("W003", "苦口婆心手把手，师德永恒心连心", "12"),
        ("W004", "尊重知识、尊重人才，形成全社会尊师重教的良好风尚", "15"),
        ("W005", "向全体人民教师致敬", "16"),
    ]


def test_every_web_slogan_names_its_page_and_keeps_the_found_wording():
    by_url = {page["url"]: page for page in found["pages"]}
    for entry in web["slogans"]:
        assert entry["origin"] == "web" and entry["sources"]
        assert set(entry["themes"]) & set(FOCUS)
        for source in entry["sources"]:
            assert source["url"].startswith(("http://", "https://")) and source["title"]
            page = by_url[source["url"]]
            assert source["title"] == page["title"]
            assert {"number": source["number"], "as_written": source["as_written"]} in page["items"]
            # the only change to a found item is the corpus's documented normalisation
            assert tool.normalise(source["as_written"]) == entry["text"]


def test_web_slogans_are_kept_apart_from_the_seeds():
    seeds = load_corpus()
    assert len(seeds.slogans) == 92 and seeds.web == 0
    assert all(s.origin == "seed" and s.id.startswith("S") for s in seeds.slogans)
    assert corpus_for("basic") is seeds
    quality = corpus_for("quality")
    assert len(quality.slogans) == 97 and quality.web == 5
    assert [s.id for s in quality.slogans if s.origin == "web"] == ["W001", "W002", "W003", "W004", "W005"]
    seed_keys = {tool.dedup_key(s.text) for s in seeds.slogans}
    assert not any(tool.dedup_key(e["text"]) in seed_keys for e in web["slogans"])


def test_readme_counts_web_slogans_apart():
    readme = (REPO / "corpora" / "slogans" / "README.md").read_text(encoding="utf-8")
    assert "**92 unique slogans from 240 occurrences**" in readme
    assert "**5 web slogans from 1 page**" in readme


def test_theme_rules_for_the_quality_themes():
    assert tool.themes_of("加快学校标准化建设，促进教育优质均衡") == ["均衡", "标准化建设", "质量", "优质均衡"]
    assert tool.themes_of("促进义务教育均衡发展，努力办人民满意教育") == ["均衡", "质量", "社会认可"]
    assert tool.themes_of("尊重知识、尊重人才，形成全社会尊师重教的良好风尚") == ["师资"]
    assert tool.themes_of("建设智慧校园") == ["信息化"]
    assert tool.themes_of("滴水师恩，涌泉相报") == []


# ---------------------------------------------------------------- selection
def test_quality_default_selection_favours_its_themes():
    quality = corpus_for("quality")
    favoured = wording("quality")["themes"]
    assert favoured == ["优质均衡", "质量", "师资", "信息化", "社会认可"]
    chosen = select_favouring(quality, favoured, 30)
    # turns: 优质均衡 S051 (used 4×), 质量 S001 (5×), 师资 S034 (2×), 信息化 none, 社会认可 S073
    # (S001 already taken), then 优质均衡 S089 …
    assert [s.id for s in chosen[:5]] == ["S051", "S001", "S034", "S073", "S089"]
    tagged = [s for s in quality.slogans if set(s.themes) & set(favoured)]
    assert len(tagged) == 23
    assert all(set(s.themes) & set(favoured) for s in chosen[:23])
    assert not any(set(s.themes) & set(favoured) for s in chosen[23:])
    # 师资: 1 seed slogan + the 5 web ones in the 30; the basic default 30 has none
    assert sum("师资" in s.themes for s in chosen) == 6
    assert sum("师资" in s.themes for s in select(corpus_for("basic"), (), 30)) == 0
    assert len({s.id for s in chosen}) == 30


def test_information_theme_is_still_empty():
    assert empty_themes(corpus_for("quality"), ["信息化", "师资"]) == ["信息化"]


# ---------------------------------------------------------------- profiles
def test_profile_standard_is_declared_and_inherited(tmp_path):
    assert load_profile("basic-2012").standard == "basic"
    assert load_profile("guizhou").standard == "basic"
    assert load_profile(str(QUALITY_PROFILE)).standard == "quality"
    child = write_yaml(tmp_path / "province.yaml", {"id": "province", "inherits": str(QUALITY_PROFILE)})
    assert load_profile(str(child)).standard == "quality"
    back = write_yaml(tmp_path / "back.yaml", {"id": "back", "inherits": str(QUALITY_PROFILE), "standard": "basic"})
    assert load_profile(str(back)).standard == "basic"


def test_unknown_standard_is_an_input_error(tmp_path, run):
    bad = write_yaml(tmp_path / "bad.yaml", {"id": "bad", "inherits": "basic-2012", "standard": "excellent"})
    with pytest.raises(InputErrors) as caught:
        load_profile(str(bad))
    assert "unknown standard 'excellent'" in caught.value.describe("en")
    result = run("publicity", SAMPLE_CENTRE, "--profile", bad, "-o", tmp_path / "x.docx")
    assert result.exit_code == 2 and "Traceback" not in result.output and not (tmp_path / "x.docx").exists()


# ---------------------------------------------------------------- documents
def _paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def _section(paragraphs: list[str], heading: str, next_heading: str) -> list[str]:
    start = paragraphs.index(heading)
    return paragraphs[start + 1:paragraphs.index(next_heading)]


def _attachment(path: Path) -> list[str]:
    for table in Document(str(path)).tables:
        if [cell.text for cell in table.rows[0].cells][:2] == ["序号", "标语"]:
            return [row.cells[1].text for row in table.rows[1:]]
    raise AssertionError("no attachment table")


@pytest.fixture(scope="module")
def quality_scheme(tmp_path_factory):
    from click.testing import CliRunner

    from generator.cli import main
    out = tmp_path_factory.mktemp("qpub") / "方案.docx"
    result = CliRunner().invoke(main, ["publicity", str(SAMPLE_CENTRE), "--profile", str(QUALITY_PROFILE),
                                       "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "优先选用以下主题的标语：优质均衡、质量、师资、信息化、社会认可" in result.output
    assert "语料中没有“信息化”主题的标语" in result.output
    return out


def test_quality_scheme_speaks_of_quality_balance(quality_scheme):
    paragraphs = _paragraphs(quality_scheme)
    assert "东巩镇中心学校\n义务教育优质均衡发展创建宣传工作方案" in paragraphs
    purpose = _section(paragraphs, "一、宣传目的", "二、宣传内容")
    assert purpose == ["通过多种形式、多种渠道的宣传，使我镇各校师生、家长和社会各界知晓创建义务教育优质均衡发展县的"
                       "意义、标准和要求，了解学校在资源配置、教师队伍、教育信息化和教育质量方面的变化，主动关心、"
                       "支持和监督学校工作，如实参加社会认可度调查，为义务教育优质均衡创建营造良好的舆论环境。"]
    assert "基本均衡" not in purpose[0]
    content = _section(paragraphs, "二、宣传内容", "三、宣传方式")
    assert len(content) == 4
    assert content[0].startswith("（一）义务教育优质均衡创建的重大意义") and "教督〔2017〕6号" in content[0]
    assert content[1].startswith("（二）资源配置七项指标的要求：高于规定学历教师、县级以上骨干教师")
    assert content[2].startswith("（三）政府保障程度、教育质量和社会认可度的评估内容")
    assert content[3] == "（四）我镇各校推进优质均衡创建、提高教育质量取得的成效和好的经验。"
    # outside the slogans, no sentence is left speaking of the 2012 goal
    body = "\n".join(paragraphs)
    assert "义务教育均衡发展" not in body and "基本均衡" not in body
    assert "附件：义务教育优质均衡发展宣传标语" in paragraphs
    assert "向家长讲清优质均衡创建的政策和学校的变化" in body


def test_quality_scheme_attachment_holds_the_web_slogans(quality_scheme):
    attachment = _attachment(quality_scheme)
    assert len(attachment) == 30
    assert attachment[:3] == ["加快学校标准化建设，促进教育优质均衡", "促进义务教育均衡发展，努力办人民满意教育",
                              "努力办好每一所学校，精心教好每一个学生"]
    for entry in web["slogans"]:
        assert entry["text"] in attachment


def test_centre_file_names_its_profile(tmp_path, run, quality_scheme):
    data = yaml.safe_load(SAMPLE_CENTRE.read_text(encoding="utf-8"))
    data["profile"] = str(QUALITY_PROFILE)
    centre = write_yaml(tmp_path / "centre.yaml", data)
    out = tmp_path / "方案.docx"
    assert run("publicity", centre, "-o", out).exit_code == 0
    assert out.read_bytes() == quality_scheme.read_bytes()
    # --profile given explicitly wins over the file's
    basic = tmp_path / "basic.docx"
    assert run("publicity", centre, "--profile", "guizhou", "-o", basic).exit_code == 0
    assert "义务教育均衡发展宣传工作方案" in "\n".join(_paragraphs(basic))


def test_each_school_scheme_under_quality(tmp_path, run):
    folder = tmp_path / "各校"
    assert run("publicity", SAMPLE_CENTRE, "--profile", QUALITY_PROFILE, "--each-school", "-o", folder).exit_code == 0
    paragraphs = _paragraphs(folder / "陆坪完小宣传方案.docx")
    assert "陆坪完小\n义务教育优质均衡发展创建宣传工作方案" in paragraphs
    purpose = _section(paragraphs, "一、宣传目的", "二、宣传内容")
    assert purpose[0].startswith("通过多种形式、多种渠道的宣传，使我校师生") and "优质均衡" in purpose[0]


def test_basic_scheme_keeps_its_wording(tmp_path, run):
    """The 2012 wording, as the template said it before the wording moved to data."""
    out = tmp_path / "basic.docx"
    assert run("publicity", SAMPLE_CENTRE, "-o", out).exit_code == 0
    paragraphs = _paragraphs(out)
    assert "东巩镇中心学校\n义务教育均衡发展宣传工作方案" in paragraphs
    assert ("为落实南漳县教育局推进县域义务教育均衡发展的部署，让广大群众、家长和师生了解义务教育均衡发展的政策和"
            "进展，形成全社会关心、支持教育的良好氛围，东巩镇中心学校结合本镇实际，制定本方案，请各校认真组织实施。"
            in paragraphs)
    assert _section(paragraphs, "一、宣传目的", "二、宣传内容") == [
        "通过多种形式、多种渠道的宣传，使我镇各校师生、家长和社会各界知晓义务教育均衡发展的意义、目标和要求，了解学校"
        "办学条件和教育质量的变化，主动关心、支持和监督学校工作，为推进义务教育均衡发展营造良好的舆论环境。"]
    assert _section(paragraphs, "二、宣传内容", "三、宣传方式") == [
        "（一）义务教育均衡发展的重大意义、目标任务、实施步骤和有关法律法规、政策措施。",
        "（二）学校标准化建设、教师队伍建设、关爱留守儿童、就近入学等方面的政策和做法。",
        "（三）我镇各校改善办学条件、提高教育质量取得的成效和好的经验。"]
    body = "\n".join(paragraphs)
    assert "优质均衡" not in body.replace("促进教育优质均衡", "")      # a seed slogan may say it; the scheme does not
    assert "我镇各校利用校园广播、黑板报、宣传栏和升旗仪式，定期宣传义务教育均衡发展的政策和学校的做法，做到人人知晓。" in body
    assert "（一）各校每月向东巩镇中心学校办公室报送义务教育均衡发展工作信息1条。" in body
    assert "附件：义务教育均衡发展宣传标语" in paragraphs
    web_texts = {e["text"] for e in web["slogans"]}
    assert not web_texts & set(_attachment(out))                    # the basic scheme uses the seed slogans only


def test_slogans_list_under_quality(tmp_path, run):
    result = run("slogans", "--profile", QUALITY_PROFILE, "--count", "12")
    assert result.exit_code == 0
    assert "义务教育优质均衡宣传标语（横幅）一览表" in result.output
    assert "树师德、铸师魂" in result.output
    out = tmp_path / "list.docx"
    assert run("slogans", "--profile", QUALITY_PROFILE, "--count", "30", "-o", out).exit_code == 0
    text = "\n".join(_paragraphs(out))
    assert "义务教育优质均衡宣传标语（横幅）一览表" in text
    # the note names where the slogans come from without software words or file names (a clerk files it)
    assert "以上标语均选自各地义务教育均衡发展宣传方案和公开发布的宣传材料中使用过的标语。" in text
    assert "junheng" not in text and "corpora" not in text
    # an explicit --theme is honoured as before, now over seed and web slogans
    result = run("slogans", "--profile", QUALITY_PROFILE, "--theme", "师资")
    assert result.exit_code == 0 and "向全体人民教师致敬" in result.output


def test_slogans_basic_list_does_not_use_web_slogans(run):
    result = run("slogans", "--theme", "师资")
    assert result.exit_code == 0 and "向全体人民教师致敬" not in result.output
    assert "努力办好每一所学校" in result.output


def test_weak_criteria_then_the_standard_themes_under_quality(run):
    county = REPO / "samples" / "county" / "county.yaml"
    result = run("slogans", "--for", county, "--profile", QUALITY_PROFILE, "--count", "8")
    assert result.exit_code == 0
    assert "B18 音体美等学科教师配齐 → 师资、素质教育" in result.output
    assert "优先选用以下主题的标语：优质均衡、质量、师资、信息化、社会认可" in result.output
    assert "义务教育优质均衡宣传标语（横幅）一览表" in result.output
