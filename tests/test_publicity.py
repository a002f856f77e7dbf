"""`junheng publicity`: the centre school's 宣传方案 and each school's own, as Word files and PDF."""
from __future__ import annotations

import re

import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from docx import Document

from conftest import REPO, write_yaml

SAMPLE = REPO / "samples" / "dongong-centre.yaml"
SITES = {
    "陆坪完小": ["杜家坪村委会", "学校门口", "春秋寨门口"],
    "东巩完小": ["下泉街道", "小河口桥", "学校门口"],
    "东巩中学": ["东巩十字街", "学校门口", "张家湾"],
    "大道完小": ["铁家垭村委会", "学校进口", "石板河"],
    "苍坪完小": ["代家棚", "学校进口", "铜孔集"],
    "中心幼儿园": ["进园路口"],
    "中心学校": ["龙泉桥"],
}


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def placement_rows(path: Path) -> list[list[str]]:
    """The rows of the placement table (序号, 学校, 悬挂地点, 横幅标语, 建议尺寸)."""
    doc = Document(str(path))
    for table in doc.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:3] == ["序号", "学校", "悬挂地点"]:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError("no placement table")


def attachment_rows(path: Path) -> list[list[str]]:
    doc = Document(str(path))
    for table in doc.tables:
        if [cell.text for cell in table.rows[0].cells][:2] == ["序号", "标语"]:
            return [[cell.text for cell in row.cells] for row in table.rows[1:]]
    raise AssertionError("no attachment table")


def centre_file(tmp_path, schools, name="某镇中心学校", **extra) -> Path:
    data = {"kind": "centre", "name": name, "county": "某县", "date": "2024-03-05", **extra,
            "schools": [{"name": school, "banner_sites": sites} for school, sites in schools.items()]}
    return write_yaml(tmp_path / "centre.yaml", data)


@pytest.fixture(scope="module")
def scheme(tmp_path_factory):
    from click.testing import CliRunner

    from generator.cli import main
    folder = tmp_path_factory.mktemp("publicity")
    out = folder / "东巩镇宣传方案.docx"
    result = CliRunner().invoke(main, ["publicity", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


def test_every_site_appears_with_its_slogan(scheme):
    rows = placement_rows(scheme)
    assert [(row[1], row[2]) for row in rows] == [(school, site) for school, sites in SITES.items() for site in sites]
    assert [row[0] for row in rows] == [str(n) for n in range(1, 18)]
    text = docx_text(scheme)
    for school, sites in SITES.items():
        each = "各挂一幅横幅标语" if len(sites) > 1 else "挂一幅横幅标语"
        assert f"{school}在{'、'.join(sites)}{each}。" in text


def test_no_slogan_twice_in_a_school_and_all_different_in_the_centre(scheme):
    rows = placement_rows(scheme)
    by_school = defaultdict(list)
    for row in rows:
        by_school[row[1]].append(row[3])
    for slogans in by_school.values():
        assert len(slogans) == len(set(slogans))
    assert len({row[3] for row in rows}) == 17


def test_placed_slogans_come_from_the_attachment_with_their_sizes(scheme):
    from generator.publicity.banners import banner_size
    from generator.publicity.corpus import load_corpus
    corpus = {s.text: s for s in load_corpus().slogans}
    attachment = attachment_rows(scheme)
    assert len(attachment) == 30                        # as the real scheme's 附件
    listed = {row[1]: row for row in attachment}
    for row in placement_rows(scheme):
        assert row[3] in listed
        size = banner_size(corpus[row[3]])
        assert row[4] == listed[row[3]][3] == f"{size.length_m}×{size.height_m}"
        assert listed[row[3]][2] == str(corpus[row[3]].chars)


def test_structure_signature_and_date(scheme):
    text = docx_text(scheme)
    for heading in ("一、宣传目的", "二、宣传内容", "三、宣传方式", "四、目标任务", "五、工作要求", "附件：义务教育均衡发展宣传标语"):
        assert heading in text
    assert "东巩镇中心学校\n义务教育均衡发展宣传工作方案" in text          # title breaks after the name
    assert "南漳县教育局信息网" in text and "10月中旬" in text and "信息1条" in text
    # 署名 above 成文日期 (paragraphs now; the date padded so the 署名 is centred over it, as filed papers are)
    assert re.search("\n东巩镇中心学校\n2013年9月23日\n", text), text[-400:]      # no padding characters
    assert "共17处" in text and "各处标语互不相同" in text


def test_same_input_same_bytes(tmp_path, run, scheme):
    again = tmp_path / "again.docx"
    assert run("publicity", SAMPLE, "-o", again).exit_code == 0
    assert again.read_bytes() == scheme.read_bytes()


def test_existing_output_is_refused_without_force(tmp_path, run):
    out = tmp_path / "x.docx"
    out.write_bytes(b"keep")
    result = run("publicity", SAMPLE, "-o", out)
    assert result.exit_code == 2 and "输出文件已存在" in result.output and out.read_bytes() == b"keep"
    assert run("publicity", SAMPLE, "-o", out, "--force").exit_code == 0
    assert out.read_bytes() != b"keep"


def test_more_sites_than_slogans_exits_2_and_writes_nothing(tmp_path, run):
    out = tmp_path / "x.docx"
    result = run("publicity", SAMPLE, "-o", out, "--count", "10")
    assert result.exit_code == 2
    assert "各校共有 17 处悬挂地点，但只选出 10 条标语" in result.output and "--allow-repeat" in result.output
    assert "Traceback" not in result.output and not out.exists()
    result = run("publicity", SAMPLE, "-o", out, "--count", "2", "--allow-repeat", "--lang", "en")
    assert result.exit_code == 2 and "'陆坪完小' has 3 banner sites but only 2 slogans" in result.output
    assert "line" in result.output and not out.exists()


def test_allow_repeat_spreads_slogans_evenly(tmp_path, run):
    out = tmp_path / "x.docx"
    assert run("publicity", SAMPLE, "-o", out, "--count", "5", "--allow-repeat").exit_code == 0
    rows = placement_rows(out)
    uses = defaultdict(int)
    for row in rows:
        uses[row[3]] += 1
    assert sorted(uses.values()) == [3, 3, 3, 4, 4]     # 17 sites over 5 slogans
    by_school = defaultdict(list)
    for row in rows:
        by_school[row[1]].append(row[3])
    assert all(len(v) == len(set(v)) for v in by_school.values())
    assert "同一学校内不重复" in docx_text(out)


def test_each_school_writes_its_own_scheme(tmp_path, run, scheme):
    folder = tmp_path / "各校"
    result = run("publicity", SAMPLE, "--each-school", "-o", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{school}宣传方案.docx" for school in SITES)
    centre_rows = {(row[1], row[2]): row[3] for row in placement_rows(scheme)}
    for school, sites in SITES.items():
        path = folder / f"{school}宣传方案.docx"
        rows = placement_rows(path)
        assert [(row[1], row[2]) for row in rows] == [(school, site) for site in sites]
        assert [row[3] for row in rows] == [centre_rows[(school, site)] for site in sites]   # same plan
        text = docx_text(path)
        assert "东巩镇中心学校" in text
        if school.endswith("幼儿园"):       # a kindergarten speaks as 我园, led by its 园长
            assert "我园在" in text and "园长是我园宣传工作的第一责任人" in text and "园长和教师" in text
            assert not re.search("我校|校长|本校", text), re.findall(".{8}(?:我校|校长|本校).{4}", text)
        else:
            assert "我校在" in text and "校长是我校宣传工作的第一责任人" in text and "我园" not in text
        other = next(s for s in SITES if s != school and SITES[s][0] not in sites)
        assert SITES[other][0] not in [row[2] for row in rows]
    # refused as a whole when one file exists
    result = run("publicity", SAMPLE, "--each-school", "-o", folder)
    assert result.exit_code == 2 and "输出文件已存在" in result.output


def test_names_are_printed_literally(tmp_path, run):
    nasty = "A&B <一小> {{ x }} {% if %}"
    path = centre_file(tmp_path, {nasty: ["村口 & 桥头"], "二小": ["<校门>"]}, name="某镇{{centre}}中心学校&")
    out = tmp_path / "x.docx"
    result = run("publicity", path, "-o", out)
    assert result.exit_code == 0, result.output
    text = docx_text(out)
    assert nasty in text and "村口 & 桥头" in text and "<校门>" in text and "某镇{{centre}}中心学校&" in text
    folder = tmp_path / "each"
    assert run("publicity", path, "--each-school", "-o", folder).exit_code == 0
    assert {p.name for p in folder.iterdir()} == {"A&B _一小_ {{ x }} {% if %}宣传方案.docx", "二小宣传方案.docx"}


def test_missing_date_is_left_blank_and_said(tmp_path, run):
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    del data["date"]
    path = write_yaml(tmp_path / "nodate.yaml", data)
    out = tmp_path / "x.docx"
    result = run("publicity", path, "-o", out)
    assert result.exit_code == 0 and "没有 date" in result.output
    assert "    年  月  日" in docx_text(out)


def test_defaults_for_the_optional_centre_fields(tmp_path, run):
    path = centre_file(tmp_path, {"甲校": ["校门口"]})
    out = tmp_path / "x.docx"
    assert run("publicity", path, "-o", out).exit_code == 0
    text = docx_text(out)
    assert "某县教育局网站" in text and "本学期内" in text and "信息1条" in text and "2024年3月5日" in text


def test_bad_input_exits_2(tmp_path, run):
    out = tmp_path / "x.docx"
    result = run("publicity", REPO / "samples" / "dongshe-primary.yaml", "-o", out)
    assert result.exit_code == 2 and "中心学校文件" in result.output and not out.exists()
    path = centre_file(tmp_path, {"甲校": ["校门口", "校门口"]})
    result = run("publicity", path, "-o", out)
    assert result.exit_code == 2 and "“校门口”重复" in result.output and "第" in result.output
    result = run("publicity", SAMPLE, "-o", tmp_path / "x.pdf")
    assert result.exit_code == 2 and ".docx" in result.output
    result = run("publicity", SAMPLE, "-o", out, "--theme", "均衡发展")
    assert result.exit_code == 2 and "是否想写“均衡”" in result.output


# ---------------------------------------------------------------- PDF (one LibreOffice run for the module)
@pytest.fixture(scope="module")
def pdf_texts(scheme, tmp_path_factory):
    if shutil.which("soffice") is None or shutil.which("pdftotext") is None:
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) not installed; CI installs both")
    from click.testing import CliRunner

    from generator.cli import main
    from generator.render.pdf import convert_many_to_pdf
    folder = tmp_path_factory.mktemp("pdf")
    banners, printed = folder / "banners.docx", folder / "print.docx"
    result = CliRunner().invoke(main, ["slogans", "--count", "20", "-o", str(banners), "--print", str(printed)])
    assert result.exit_code == 0, result.output
    texts = {}
    for docx, pdf in zip((scheme, banners, printed), convert_many_to_pdf([scheme, banners, printed])):
        texts[docx.name] = (subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                                           text=True, check=True).stdout,
                            int(subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
                                .stdout.split("Pages:")[1].split()[0]))
    return texts


@pytest.mark.pdf
def test_scheme_pdf_shows_every_site_and_page_numbers(pdf_texts, scheme):
    text, pages = pdf_texts[scheme.name]
    flat = text.replace(" ", "")
    for sites in SITES.values():
        for site in sites:
            assert site in flat
    assert "—1—" in flat and "附件" in flat and pages >= 5


@pytest.mark.pdf
def test_print_pdf_has_one_page_per_slogan(pdf_texts):
    from generator.publicity.corpus import load_corpus, select
    text, pages = pdf_texts["print.docx"]
    assert pages == 20
    flat = text.replace(" ", "").replace("\n", "")
    for slogan in select(load_corpus(), count=20):
        assert slogan.text in flat


@pytest.mark.pdf
def test_banner_list_pdf(pdf_texts):
    text, pages = pdf_texts["banners.docx"]
    assert "一览表" in text.replace(" ", "") and pages >= 1


def test_school_without_sites_and_file_name_clashes(tmp_path, run):
    path = centre_file(tmp_path, {"A/B": ["甲"], "A_B": ["乙"], "空校": []})
    folder = tmp_path / "each"
    result = run("publicity", path, "--each-school", "-o", folder)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == ["A_B宣传方案.docx", "A_B（2）宣传方案.docx", "空校宣传方案.docx"]
    text = docx_text(folder / "空校宣传方案.docx")
    assert "我校未列横幅悬挂地点" in text and "共0处" not in text
    assert [row[2] for row in placement_rows(folder / "A_B（2）宣传方案.docx")] == ["乙"]
