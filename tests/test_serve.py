"""`junheng serve` in process (Flask's test client): every page, every download, every error path.

The documents the pages hand out must be the very bytes the CLI writes for the same input
(same core, no second copy), and an error must read as the CLI's, naming the uploaded file.
"""
from __future__ import annotations

import json
import io
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from generator.web import uploads
from generator.web.app import create_app

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


@pytest.fixture
def client():
    app = create_app()
    yield app.test_client()
    app.config["JOBS"].shutdown()


def post(client, url, data: bytes | None, name: str, **fields):
    form = dict(fields)
    if data is not None:
        form["file"] = (io.BytesIO(data), name)
    return client.post(url, data=form, content_type="multipart/form-data")


def upload(client, data: bytes, name: str, **fields) -> str:
    """Upload a file once (as the first page does) and return the token its result page carries."""
    response = post(client, "/check", data, name, **fields)
    found = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', response.get_data(as_text=True))
    assert found, response.get_data(as_text=True)[:2000]
    return found.group(1)


def errors_of(response) -> str:
    found = re.findall(r'<div class="errors" role="alert" id="errors">.*?<pre>(.*?)</pre>',
                       response.get_data(as_text=True), re.S)
    assert found, response.get_data(as_text=True)[:2000]
    import html
    return html.unescape(found[0])


def county_zip(extra: dict | None = None, county_text: str | None = None, top="清河县", replace=None) -> bytes:
    """samples/county as the .zip a bureau would upload; `replace` swaps a member's text."""
    replace = dict(replace or {})
    if county_text is not None:
        replace["county.yaml"] = county_text
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in sorted((SAMPLES / "county").rglob("*.yaml")):
            relative = path.relative_to(SAMPLES / "county").as_posix()
            text = replace.get(relative, path.read_bytes())
            zf.writestr(f"{top}/{relative}", text)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buffer.getvalue()


def cells(response, table_id):
    import html
    text = response.get_data(as_text=True)
    body = re.search(rf'<table[^>]*id="{table_id}".*?<tbody>(.*?)</tbody>', text, re.S).group(1)
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def wait_job(client, location, timeout=120):
    import time
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        state = client.get(location + ".json").get_json()
        if state["state"] != "running":
            return state
        time.sleep(0.1)
    raise AssertionError("job did not finish")


# ---------------------------------------------------------------- pages
@pytest.mark.parametrize("url, words", [("/", "义务教育均衡发展材料"), ("/check", "学校 / 县（区）：检查与材料"),
                                        ("/centre", "中心学校：宣传方案与标语横幅"), ("/audit", "督导核查：重算报告中的每个数字")])
def test_every_page_answers_in_chinese(client, url, words):
    response = client.get(url)
    assert response.status_code == 200 and words in response.get_data(as_text=True)
    assert "本服务不保存生成的材料；上传的文件只为下载材料在服务器上保留 1 小时" in response.get_data(as_text=True)


def test_profiles_listed_are_the_shipped_ones(client):
    from generator.criteria.profiles import shipped_profiles
    text = client.get("/check").get_data(as_text=True)
    assert re.findall(r'<option value="([^"]+)"', text) == ["auto", *shipped_profiles()]


@pytest.mark.parametrize("kind, sheet", [("school", "学校基本情况"), ("county", None), ("centre", None)])
def test_blank_workbooks_are_the_cli_ones(client, kind, sheet):
    from generator.io.workbook.fillin import blank_workbook
    response = client.get(f"/blank/{kind}.xlsx")
    assert response.status_code == 200 and response.data == blank_workbook(kind)
    load_workbook(io.BytesIO(response.data))          # opens as a workbook


def test_unknown_page_and_blank_kind_are_404(client):
    assert client.get("/blank/province.xlsx").status_code == 404
    assert client.get("/nowhere").status_code == 404


def test_static_assets_are_served_from_the_package(client):
    assert b"font-family" in client.get("/static/style.css").data
    assert b"fetch(" in client.get("/static/job.js").data


# ---------------------------------------------------------------- 学校 / 县
def test_school_verdicts_as_the_cli_prints_them(client):
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml")
    assert response.status_code == 200
    rows = {row[0].split()[-1]: row for row in cells(response, "verdicts")}      # the id is the name's hint
    # 3616 ㎡ / 981 = 3.69；5.2 × 981 − 3616 = 1485.2 ㎡；10600 / 981 = 10.8；981 × 15 − 10600 = 4115 册
    assert rows["K1"] == ["生均校舍建筑面积（不含宿舍） K1", "3.69", "≥ 5.2 ㎡/生", "未达标", "1,485.2 ㎡"]
    assert rows["K3"][1:] == ["10.8", "≥ 15 册/生", "未达标", "4,115 册"]
    assert rows["K10"][1:4] == ["是", "开齐开足", "达标"]
    text = response.get_data(as_text=True)
    assert "结论：未达标" in text and "<svg" in text
    # what the CLI prints under its table: the sentence of each item that falls short
    problems = re.findall(r"<li>(.*?)</li>", re.search(r'id="problems">(.*?)</ol>', text, re.S).group(1))
    assert problems[1] == "生均图书册数仅10.8册（图书册数10600册，在校生981人），低于15册的标准，尚缺图书4115册。"


def test_county_zip_verdicts_cv_government_and_schools(client):
    response = post(client, "/check", county_zip(), "清河县.zip")
    assert response.status_code == 200, errors_of(response)
    rows = {row[0]: row for row in cells(response, "verdicts")}
    assert rows["学校均达到省定办学基本标准 C1"][1:] == ["71.43%", "≥ 100%", "未达标", "4 所学校"]   # 10 of 14 schools
    primary = next(row for name, row in rows.items() if name.startswith("综合差异系数") and "小学" in name)
    assert primary[1:4] == ["0.081", "≤ 0.65", "达标"]
    assert next(row for name, row in rows.items() if name.endswith("C3"))[1] == "96"
    text = response.get_data(as_text=True)
    assert "县级人民政府推进工作：96 / 100 分（85 分达标）" in text
    assert "差异系数（小学，8 所学校，7770 名学生）" in text
    schools = {row[0]: row for row in cells(response, "schools")}
    assert schools["石门小学"][1:] == ["小学", "610", "未达标", "生均运动场地面积、生均图书册数"]
    excluded = re.search(r'id="excluded">(.*?)</ul>', text, re.S).group(1)
    assert "后山教学点" in excluded and "育英学校" in excluded
    assert len(schools) == 14


def test_county_workbook_is_accepted_inline(client):
    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook
    data = facts_workbook(load_facts(SAMPLES / "county" / "county.yaml"))
    response = post(client, "/check", data, "清河县.xlsx")
    assert response.status_code == 200
    assert len(cells(response, "schools")) == 14


def _cli_file(run, tmp_path, *args, name):
    target = tmp_path / name
    result = run(*args, "-o", target)
    assert result.exit_code in (0, 1), result.output
    return target.read_bytes()


def test_report_plan_ledger_and_xlsx_are_the_cli_bytes(client, run, tmp_path):
    sample = SAMPLES / "dongshe-primary.yaml"
    token = upload(client, sample.read_bytes(), "东社小学.yaml", profile="auto", date="2024-09-01")
    common = {"token": token, "profile": "auto", "date": "2024-09-01"}
    report = client.post("/check", data={**common, "action": "report"})
    assert report.status_code == 200
    assert "filename*=UTF-8''" in report.headers["Content-Disposition"]
    assert report.data == _cli_file(run, tmp_path, "report", sample, "--date", "2024-09-01", name="r.docx")
    plan = client.post("/check", data={**common, "action": "plan"})
    ledger = client.post("/check", data={**common, "action": "ledger"})
    result = run("plan", sample, "-o", tmp_path / "p.docx", "--ledger", tmp_path / "l.xlsx", "--date", "2024-09-01")
    assert result.exit_code == 1
    assert plan.data == (tmp_path / "p.docx").read_bytes()
    assert ledger.data == (tmp_path / "l.xlsx").read_bytes()
    xlsx = client.post("/check", data={**common, "action": "xlsx"})
    run("check", sample, "--xlsx", tmp_path / "c.xlsx")
    assert xlsx.data == (tmp_path / "c.xlsx").read_bytes()


def test_the_plan_page_makes_only_the_document_asked_for(client, renders):
    # a 整改方案 download renders no 整改台账 and a 整改台账 download renders no 整改方案 (both came from one call)
    made = renders
    token = upload(client, (SAMPLES / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml", profile="auto")
    common = {"token": token, "profile": "auto", "date": "2024-09-01"}
    made.clear()
    plan = client.post("/check", data={**common, "action": "plan"})
    assert plan.status_code == 200 and plan.data[:2] == b"PK"
    assert made == ["docx"]
    made.clear()
    ledger = client.post("/check", data={**common, "action": "ledger"})
    assert ledger.status_code == 200 and load_workbook(io.BytesIO(ledger.data)).sheetnames
    assert made == ["xlsx"]


def test_each_school_job_progress_and_one_download(client, run, tmp_path):
    response = post(client, "/check", county_zip(), "清河县.zip", action="each")
    assert response.status_code == 303
    location = response.headers["Location"]
    page = client.get(location)
    assert page.status_code == 200 and "清河县：各校自查报告（.zip）" in page.get_data(as_text=True)
    state = wait_job(client, location)
    assert (state["state"], state["done"], state["total"]) == ("done", 14, 14)
    got = client.get(location + "/download")
    assert got.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(got.data)).namelist()
    assert len(names) == 14 and "石门小学自查报告.docx" in names
    # the same bytes as `junheng report --each-school`
    run("report", SAMPLES / "county" / "county.yaml", "--each-school", "-o", tmp_path / "each", "--jobs", "1")
    assert zipfile.ZipFile(io.BytesIO(got.data)).read("石门小学自查报告.docx") == \
        (tmp_path / "each" / "石门小学自查报告.docx").read_bytes()
    assert client.get(location + "/download").status_code == 404        # handed out once, then forgotten
    assert client.get(location + ".json").status_code == 404


def test_each_school_needs_a_county(client):
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml", action="each")
    assert response.status_code == 400
    assert "--each-school 需要县的事实文件（kind: county）" in errors_of(response)


def test_unknown_job_is_404(client):
    assert client.get("/jobs/nope").status_code == 404
    assert client.get("/jobs/nope.json").get_json() == {"state": "gone"}
    assert client.get("/jobs/nope/download").status_code == 404


def test_pdf_job_without_libreoffice_fails_with_the_cli_words(client, monkeypatch):
    from generator.render import pdf as documents   # soffice_command, convert_many_to_pdf
    monkeypatch.setattr(documents, "soffice_command", lambda: None)
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "x.yaml", action="report_pdf")
    state = wait_job(client, response.headers["Location"])
    from generator.errors import InputError, InputErrors
    assert state["state"] == "failed"
    assert state["error"] == InputErrors([InputError(None, None, None, "soffice_missing")]).describe("zh")


@pytest.mark.pdf
@pytest.mark.skipif(not __import__("shutil").which("soffice"), reason="LibreOffice not installed; CI installs it")
def test_all_zip_holds_docx_pdf_and_workbooks(client):
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "x.yaml", action="all")
    assert wait_job(client, response.headers["Location"])["state"] == "done"
    got = client.get(response.headers["Location"] + "/download")
    archive = zipfile.ZipFile(io.BytesIO(got.data))
    assert sorted(archive.namelist()) == sorted(["东社小学自查报告.docx", "东社小学整改方案.docx", "东社小学自查报告.pdf",
                                                 "东社小学整改方案.pdf", "东社小学整改台账.xlsx", "东社小学检查结论.xlsx"])
    assert archive.read("东社小学自查报告.pdf").startswith(b"%PDF")


# ---------------------------------------------------------------- input errors: the CLI's words, the choices kept
def test_bad_yaml_shows_the_cli_message_and_keeps_the_choices(client, run, tmp_path):
    bad = "kind: school\nname: 某小学\nstage: primary\nstudents: 很多\n"
    response = post(client, "/check", bad.encode(), "坏文件.yaml", profile="guizhou", date="2024-09-01")
    assert response.status_code == 400
    (tmp_path / "坏文件.yaml").write_text(bad, encoding="utf-8")
    cli = run("check", tmp_path / "坏文件.yaml")
    assert cli.exit_code == 2
    # the CLI names the path typed; the page names the uploaded file
    assert errors_of(response) == cli.output.strip().replace(str(tmp_path / "坏文件.yaml"), "坏文件.yaml")
    text = response.get_data(as_text=True)
    assert '<option value="guizhou" selected>' in text and 'value="2024-09-01"' in text
    assert "当前文件：<b>坏文件.yaml</b>" in text


@pytest.mark.parametrize("data, name, expected", [
    (None, "", "错误: 请选择要上传的文件"),
    (b"x", "报告.pdf", "错误: 只能上传 .yaml / .yml / .xlsx / .zip 文件，实际是“报告.pdf”"),
    (b"not a zip", "a.zip", "错误: a.zip：不是有效的 .zip 压缩包：File is not a zip file"),
    # a UTF-16 byte-order mark is read as UTF-16 (Notepad's "Unicode"): these bytes are then no mapping
    (b"\xff\xfe bad", "b.yaml", "错误: b.yaml, 第 1 行：应为键值对（映射），实际是“戠摡”"),
    ("kind: centre\nname: x\nschools: [{name: a, banner_sites: [门口]}]\n".encode(), "c.yaml",
     "错误: c.yaml, kind：此页需要学校或县（区）的事实文件，实际 kind 是“centre”"),
])
def test_check_input_errors(client, data, name, expected):
    response = post(client, "/check", data, name)
    assert response.status_code == 400
    assert errors_of(response) == expected


def test_bad_date_is_an_input_error(client):
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "x.yaml", date="2024-13-45")
    assert response.status_code == 400 and "date" in errors_of(response)


def test_profile_must_be_shipped(client):
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "x.yaml",
                    profile="../../etc/passwd.yaml")
    assert "服务器上只能用内置的评估标准" in errors_of(response)


def test_county_file_profile_path_is_refused(client):
    text = (SAMPLES / "county" / "county.yaml").read_text(encoding="utf-8").replace(
        "profile: basic-2012", "profile: /etc/passwd.yaml")
    response = post(client, "/check", county_zip(county_text=text), "清河县.zip")
    assert errors_of(response).startswith("错误: 清河县.zip:清河县/county.yaml, 第 11 行, profile：服务器上只能用内置的评估标准")


def test_single_county_file_naming_school_files_asks_for_a_zip(client):
    response = post(client, "/check", (SAMPLES / "county" / "county.yaml").read_bytes(), "county.yaml")
    assert errors_of(response) == ("错误: county.yaml, 第 14 行, schools：县文件引用了 13 个学校文件（如 "
                                   "schools/chengguan-1.yaml）：请把县文件和这些学校文件一起打包成 .zip 上传，"
                                   "或把学校直接写在县文件（填报表）里")


@pytest.mark.parametrize("school_path", ["../../../../etc/passwd", "/etc/passwd", "schools/../../x.yaml",
                                         "C:/Windows/win.ini"])
def test_county_never_opens_a_school_path_outside_the_upload(client, monkeypatch, school_path):
    from generator.io import facts                # where a county's school files are read
    opened = []
    real = facts.read_source
    monkeypatch.setattr(facts, "read_source", lambda path: opened.append(str(path)) or real(path))
    text = (SAMPLES / "county" / "county.yaml").read_text(encoding="utf-8").replace(
        "  - schools/chengguan-1.yaml", f"  - {school_path}")
    response = post(client, "/check", county_zip(county_text=text), "清河县.zip")
    assert errors_of(response) == (f"错误: 清河县.zip:清河县/county.yaml, 第 14 行, schools[0]：服务器上学校文件只能随县文件"
                                   f"一起放进 .zip 上传，且为压缩包内的相对路径，不能是绝对路径或含“..”：{school_path}")
    assert not any("passwd" in path or "win.ini" in path for path in opened)


def test_zip_member_names_that_climb_out_are_refused(client):
    for name in ("../evil.yaml", "/abs.yaml", "a/../../evil.yaml", "C:\\evil.yaml"):
        data = county_zip(extra={name: b"kind: school"})
        response = post(client, "/check", data, "x.zip")
        assert errors_of(response) == f"错误: x.zip：压缩包内的文件名不安全（绝对路径或含“..”）：{name}", name


def test_zip_bomb_is_refused_while_inflating(client, monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_TOTAL_BYTES", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("bomb.yaml", b"0" * (8 * 1024 * 1024))         # 8 MB of zeros, ~8 KB compressed
    assert len(buffer.getvalue()) < 20_000
    response = post(client, "/check", buffer.getvalue(), "bomb.zip")
    assert errors_of(response) == "错误: bomb.zip：压缩包解压后超过 1 MB（或单个文件超过 20 MB），已拒绝"


def test_zip_with_too_many_members_is_refused(client, monkeypatch):
    monkeypatch.setattr(uploads, "ZIP_MEMBERS", 5)
    data = county_zip()          # 14 files
    assert errors_of(post(client, "/check", data, "x.zip")) == "错误: x.zip：压缩包内文件过多（超过 5 个）"


def test_zip_needs_one_main_file(client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("a.yaml", "kind: school")
        zf.writestr("b.yaml", "kind: school")
    assert errors_of(post(client, "/check", buffer.getvalue(), "x.zip")) == \
        "错误: x.zip：压缩包最上层应恰有一个事实文件（.yaml/.xlsx），实际有 2 个：a.yaml、b.yaml"


def test_zip_names_written_by_windows_in_gbk_are_read(client):
    raw = "东社小学.yaml".encode("gbk")              # 13 bytes, as Windows Explorer writes it: no UTF-8 flag
    placeholder = b"X" * (len(raw) - 5) + b".yaml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(placeholder.decode(), (SAMPLES / "dongshe-primary.yaml").read_bytes())
    data = buffer.getvalue().replace(placeholder, raw)
    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == [raw.decode("cp437")]
    response = post(client, "/check", data, "东社.zip")
    assert response.status_code == 200 and "东社小学 — 办学基本条件" in response.get_data(as_text=True)


def test_upload_over_the_limit_gets_a_clear_message():
    app = create_app()
    for url in ("/check", "/centre", "/audit"):
        response = post(app.test_client(), url, b"x" * (21 * 1024 * 1024), "big.yaml")
        assert response.status_code == 413
        assert "错误: 上传的文件超过 20 MB，请压缩或拆分后再传" in response.get_data(as_text=True)
        assert 'type="file"' in response.get_data(as_text=True)          # the form, to try again


@pytest.mark.parametrize("token", ["%%%not a token", "A" * 32, "../../etc/passwd"])
def test_an_unknown_or_malformed_token_asks_for_the_file_again(client, token):
    response = client.post("/check", data={"token": token})
    assert errors_of(response) == "错误: 上次上传的文件已过期（服务器只保留 1 小时），请重新选择文件"


def test_every_request_folder_is_removed(client, monkeypatch):
    import tempfile
    made = []
    real = tempfile.mkdtemp

    def tracking(*args, **kwargs):
        made.append(real(*args, **kwargs))
        return made[-1]
    monkeypatch.setattr(tempfile, "mkdtemp", tracking)
    post(client, "/check", county_zip(), "清河县.zip")
    post(client, "/check", b"kind: [", "bad.yaml")
    post(client, "/check", county_zip(), "清河县.zip", action="report")
    assert len([m for m in made if "junheng-web-" in m]) == 3
    assert not any(Path(m).exists() for m in made)


def test_keep_saves_outputs_under_generated_names(tmp_path):
    app = create_app(keep=tmp_path / "kept")
    response = post(app.test_client(), "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "../../x.yaml",
                    action="report")
    assert response.status_code == 200
    kept = sorted(p.name for p in (tmp_path / "kept").iterdir())
    assert len(kept) == 2 and kept[1] == "index.tsv" and re.fullmatch(r"\d{8}-\d{6}-00001\.docx", kept[0])
    assert (tmp_path / "kept" / kept[0]).read_bytes() == response.data
    assert (tmp_path / "kept" / "index.tsv").read_text(encoding="utf-8").strip().endswith("\t东社小学自查报告.docx")
    assert "管理员设置为另存生成的材料" in app.test_client().get("/").get_data(as_text=True)


# ---------------------------------------------------------------- 中心学校
def test_centre_page_lists_sites_and_slogans(client):
    response = post(client, "/centre", (SAMPLES / "dongong-centre.yaml").read_bytes(), "东巩.yaml")
    assert response.status_code == 200
    sites = {row[0]: row[1] for row in cells(response, "sites")}
    assert sites["陆坪完小"] == "杜家坪村委会、学校门口、春秋寨门口"
    slogans = cells(response, "slogans")
    assert len(slogans) == 17 and slogans[0][4] == "陆坪完小 杜家坪村委会"      # one per site: 5 × 3 + 1 + 1


def test_centre_documents_are_the_cli_bytes(client, run, tmp_path):
    centre = SAMPLES / "dongong-centre.yaml"
    data = centre.read_bytes()
    got = {action: post(client, "/centre", data, "c.yaml", action=action).data
           for action in ("publicity", "slogans_docx", "slogans_xlsx", "print")}
    assert got["publicity"] == _cli_file(run, tmp_path, "publicity", centre, name="p.docx")
    run("slogans", "--centre", centre, "-o", tmp_path / "s.docx", "--print", tmp_path / "print.docx")
    run("slogans", "--centre", centre, "-o", tmp_path / "s.xlsx")
    assert got["slogans_docx"] == (tmp_path / "s.docx").read_bytes()
    assert got["slogans_xlsx"] == (tmp_path / "s.xlsx").read_bytes()
    assert got["print"] == (tmp_path / "print.docx").read_bytes()


def test_centre_options_reach_the_selection(client, run, tmp_path):
    centre = SAMPLES / "dongong-centre.yaml"
    got = post(client, "/centre", centre.read_bytes(), "c.yaml", action="publicity", themes="公平、留守儿童",
               max_chars="16", allow_repeat="on").data
    assert got == _cli_file(run, tmp_path, "publicity", centre, "--theme", "公平", "--theme", "留守儿童",
                            "--max-chars", "16", "--allow-repeat", name="p.docx")


def test_centre_each_school_job(client, run, tmp_path):
    response = post(client, "/centre", (SAMPLES / "dongong-centre.yaml").read_bytes(), "c.yaml", action="each")
    state = wait_job(client, response.headers["Location"])
    assert (state["state"], state["done"], state["total"]) == ("done", 7, 7)
    archive = zipfile.ZipFile(io.BytesIO(client.get(response.headers["Location"] + "/download").data))
    run("publicity", SAMPLES / "dongong-centre.yaml", "--each-school", "-o", tmp_path / "each")
    assert sorted(archive.namelist()) == sorted(p.name for p in (tmp_path / "each").iterdir())
    for name in archive.namelist():
        assert archive.read(name) == (tmp_path / "each" / name).read_bytes()


def test_centre_all_zip_without_pdf(client):
    response = post(client, "/centre", (SAMPLES / "dongong-centre.yaml").read_bytes(), "c.yaml", action="all")
    assert wait_job(client, response.headers["Location"])["state"] == "done"
    names = zipfile.ZipFile(io.BytesIO(client.get(response.headers["Location"] + "/download").data)).namelist()
    assert "东巩镇中心学校宣传方案.docx" in names and "东巩镇中心学校标语横幅清单.xlsx" in names
    assert len([n for n in names if n.startswith("各校宣传方案/")]) == 7


@pytest.mark.parametrize("fields, expected", [
    ({"count": "三十"}, "错误: --count：应为整数，实际是“三十”"),
    ({"themes": "均衡 飞行"}, "错误: --theme：未知的主题“飞行”"),
])
def test_centre_option_errors_keep_the_choices(client, fields, expected):
    response = post(client, "/centre", (SAMPLES / "dongong-centre.yaml").read_bytes(), "c.yaml", **fields)
    assert response.status_code == 400 and errors_of(response).startswith(expected)
    for value in fields.values():
        assert f'value="{value}"' in response.get_data(as_text=True)


def test_centre_page_wants_a_centre_file(client):
    response = post(client, "/centre", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "s.yaml")
    assert errors_of(response) == "错误: s.yaml, kind：此页需要中心学校的事实文件，实际 kind 是“school”"


# ---------------------------------------------------------------- 督导
def test_audit_of_a_fact_file_and_its_opinion(client, run, tmp_path):
    sample = SAMPLES / "audit" / "school-errors.yaml"
    response = post(client, "/audit", sample.read_bytes(), "西岭小学.yaml")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "核对声明与分项合计 15 项、事实关系 9 条：不符 15 处，无法核对 0 项。" in text
    rows = cells(response, "findings")
    # claimed 9.6 ㎡ per student; 7800 ㎡ / 600 students = 13.0
    assert rows[0] == ["第37行", "占地面积：生均", "9.6", "13.0", "-3.4", "不符"]
    opinion = post(client, "/audit", sample.read_bytes(), "西岭小学.yaml", action="opinion")
    assert opinion.data == _cli_file(run, tmp_path, "audit", sample, name="o.docx")


def test_audit_of_a_report_text(client, run):
    report = SAMPLES / "reports" / "xinghuo-planted.txt"
    response = post(client, "/audit", report.read_bytes(), "星火小学.txt")
    assert response.status_code == 200
    assert "不符 5 处" in response.get_data(as_text=True)


def test_audit_bad_input(client):
    assert errors_of(post(client, "/audit", b"x", "a.pdf")) == \
        "错误: 只能上传 .yaml / .yml / .xlsx / .docx / .txt / .zip 文件，实际是“a.pdf”"
    response = post(client, "/audit", b"kind: school\nname: [\n", "bad.yaml", profile="example-a")
    assert errors_of(response).startswith("错误: bad.yaml, 第 3 行：YAML 格式错误")
    assert '<option value="example-a" selected>' in response.get_data(as_text=True)


# ---------------------------------------------------------------- the verb, the converter, the server itself
def test_serve_verb_is_registered(run):
    result = run("serve", "--help")
    assert result.exit_code == 0 and "--keep" in result.output and "0.0.0.0" in result.output


def test_converter_runs_one_libreoffice_at_a_time(monkeypatch):
    import threading
    import time

    from generator.render import pdf as documents   # soffice_command, convert_many_to_pdf
    from generator.web.service import Converter
    active, peak, lock = [0], [0], threading.Lock()

    def fake(paths, timeout):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.05)
        with lock:
            active[0] -= 1
        out = Path(__import__("tempfile").mkdtemp())
        for path in paths:
            (out / (Path(path).stem + ".pdf")).write_bytes(b"%PDF-fake")
        return [out / (Path(p).stem + ".pdf") for p in paths]
    monkeypatch.setattr(documents, "convert_many_to_pdf", fake)
    monkeypatch.setattr(documents, "soffice_command", lambda: "soffice")
    converter = Converter(slots=1)
    results = []
    threads = [threading.Thread(target=lambda: results.append(converter.to_pdf([("a/报告.docx", b"x")])))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert peak[0] == 1 and results == [[("a/报告.pdf", b"%PDF-fake")]] * 4


def test_converter_gives_up_waiting_with_a_message(monkeypatch):
    from generator.render import pdf as documents   # soffice_command, convert_many_to_pdf
    from generator.errors import InputErrors
    from generator.web.service import Converter
    monkeypatch.setattr(documents, "soffice_command", lambda: "soffice")
    converter = Converter(slots=1, wait=0)
    converter.slots.acquire()
    with pytest.raises(InputErrors) as caught:
        converter.to_pdf([("a.docx", b"x")])
    assert caught.value.describe("zh") == "错误: PDF 转换排队超时（同时转换的人太多），请稍后再试"


def test_server_survives_a_client_that_disconnects_mid_upload():
    import socket
    import urllib.request

    from browser_support import LiveServer
    live = LiveServer(create_app(), threads=2)
    try:
        port = live.server.effective_port
        for _ in range(3):       # a body promised and never sent, then the connection dropped
            with socket.create_connection(("127.0.0.1", port)) as sock:
                sock.sendall(b"POST /check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                             b"Content-Length: 5000000\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\"; "
                             b"filename=\"a.yaml\"\r\n\r\nkind: sch")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/check", timeout=10) as answer:
            assert answer.status == 200
    finally:
        live.close()


def test_county_workbook_profile_cell_must_be_shipped(client, monkeypatch):
    from generator.criteria import profiles
    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook
    asked = []
    real = profiles.load_profile
    monkeypatch.setattr(profiles, "load_profile", lambda name=None: asked.append(name) or real(name))
    county = load_facts(SAMPLES / "county" / "county.yaml")
    county.facts["profile"] = "/etc/passwd.yaml"
    response = post(client, "/check", facts_workbook(county), "清河县.xlsx")
    known = "、".join(profiles.shipped_profiles())
    assert errors_of(response) == f"错误: profile：服务器上只能用内置的评估标准（{known}），文件写的是“/etc/passwd.yaml”"
    assert "/etc/passwd.yaml" not in asked
    # a shipped profile chosen on the page is used whatever the file says
    response = post(client, "/check", facts_workbook(county), "清河县.xlsx", profile="guizhou")
    assert response.status_code == 200 and "（基本均衡 贵州式办学基本标准）" in response.get_data(as_text=True)


def test_an_unforeseen_failure_is_a_plain_500_and_the_server_goes_on(client, monkeypatch):
    from generator.web import service

    def broken(*args):
        raise RuntimeError("boom")
    monkeypatch.setattr(service, "check", broken)
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "x.yaml")
    assert response.status_code == 500 and "内部错误" in response.get_data(as_text=True)
    assert "boom" not in response.get_data(as_text=True) and "Traceback" not in response.get_data(as_text=True)
    monkeypatch.undo()
    assert post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "x.yaml").status_code == 200


def test_county_chart_counts_schools_short_per_indicator(client):
    response = post(client, "/check", county_zip(), "清河县.zip")
    text = response.get_data(as_text=True)
    # the sample: K2 short at 石门小学 and 育英学校, K3 at 石门小学, K4 at 后山教学点, K8 at 第二中学
    counts = dict(re.findall(r">([^<>]+)</text>(?:<circle[^>]*/>|<circle.*?</circle>)*<text[^>]*>(\d+ 所未达标|全部达标)</text>", text))
    assert counts["生均运动场地面积"] == "2 所未达标" and counts["生均图书册数"] == "1 所未达标"
    assert counts["生机比"] == "1 所未达标" and counts["生均校舍建筑面积（不含宿舍）"] == "全部达标"
    assert "<title>石门小学：" in text                               # each dot names its school


def test_names_from_uploads_are_escaped_in_tables_and_charts(client):
    # 石门小学 falls short, so its dots in the chart carry its name too
    text = (SAMPLES / "county" / "schools" / "shimen-primary.yaml").read_text(encoding="utf-8").replace(
        "name: 石门小学", "name: 河口<script>alert(1)</script>&小学")
    response = post(client, "/check", county_zip(replace={"schools/shimen-primary.yaml": text}), "清河县.zip")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert(1)" not in page
    assert page.count("河口&lt;script&gt;alert(1)&lt;/script&gt;&amp;小学") >= 2      # the table and the chart


def quality_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for path in sorted((SAMPLES / "quality").rglob("*.yaml")):
            zf.writestr(f"清源县/{path.relative_to(SAMPLES / 'quality').as_posix()}", path.read_bytes())
    return buffer.getvalue()


def test_quality_county_page_and_documents(client):
    # 优质均衡: seven CVs per 学段 judged one by one (no composite), items met or not (no points)
    response = post(client, "/check", quality_zip(), "清源县.zip", profile="quality-2017")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert "优质均衡" in text and "综合差异系数" not in text
    assert "0.644" in text and "各项差异系数标准：不高于 0.45" in text
    assert "政府保障程度、教育质量、一票否决：2 项未达到要求" in text
    import docx
    for action, words in (("report", "优质均衡"), ("plan", "整改")):
        download = post(client, "/check", quality_zip(), "清源县.zip", profile="quality-2017", action=action)
        assert download.status_code == 200, download.get_data(as_text=True)[:500]
        document = docx.Document(io.BytesIO(download.data))
        assert words in "\n".join(p.text for p in document.paragraphs)


# ---------------------------------------------------------------- 最低成本达标测算 on the page
def _docx_text(data: bytes) -> str:
    import docx
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u200d", "")


def test_least_cost_downloads_are_the_cli_bytes(client, run, tmp_path):
    # samples/county: 石门小学 books 1,500 册 (45,000) and sports 572 ㎡ (171,600), 第二中学 a biology lab
    # (150,000) and one teacher trained (20,000), 育英学校 sports 1,444 ㎡ (433,200), 后山教学点 2 computers
    # (9,000): 828,800 元 = 82.88万元 (tests/test_leastcost.py computes each by hand).
    page = post(client, "/check", county_zip(), "清河县.zip", date="2024-09-01")
    text = page.get_data(as_text=True)
    assert 'id="dl-least-cost"' in text and 'id="dl-least-cost-json"' in text and "最低成本达标测算" in text
    docx_response = post(client, "/check", county_zip(), "清河县.zip", date="2024-09-01", action="least_cost")
    assert docx_response.status_code == 200, docx_response.get_data(as_text=True)[:500]
    assert "filename*=UTF-8''" in docx_response.headers["Content-Disposition"]
    assert docx_response.mimetype.endswith("wordprocessingml.document")
    county = SAMPLES / "county" / "county.yaml"
    result = run("plan", county, "--least-cost", "-o", tmp_path / "lc.docx", "--date", "2024-09-01")
    assert result.exit_code == 1, result.output        # the county falls short: check, plan and --least-cost alike
    assert docx_response.data == (tmp_path / "lc.docx").read_bytes()
    words = _docx_text(docx_response.data)
    # a document writes figures without thousands separators, the 达标测算 section too (generator.numbers)
    assert "达标测算" in words and "82.88万元（828800元）" in words and "2024年9月1日" in words
    assert "1500册" in words and "828,800" not in words and "1,500" not in words
    json_response = post(client, "/check", county_zip(), "清河县.zip", date="2024-09-01", action="least_cost_json")
    assert json_response.status_code == 200 and json_response.mimetype == "application/json"
    cli_json = run("plan", county, "--least-cost", "--json")
    assert cli_json.exit_code == 1
    assert json_response.data.decode("utf-8") == cli_json.stdout
    data = json_response.get_json()
    assert data["total_cost_yuan"] == 828800 and data["reached"] is True
    assert [(a["school"], a["fact"], a["amount"]) for a in data["additions"]] == [
        ("石门小学", "books", 1500), ("石门小学", "sports_area_m2", 572), ("第二中学", "labs", 1),
        ("第二中学", "qualified_degree_rate", 1), ("育英学校", "sports_area_m2", 1444), ("后山教学点", "computers", 2)]


def test_least_cost_is_offered_for_a_county_only(client):
    school_file = (SAMPLES / "dongshe-primary.yaml").read_bytes()
    page = post(client, "/check", school_file, "东社小学.yaml").get_data(as_text=True)
    assert "dl-least-cost" not in page
    for action in ("least_cost", "least_cost_json"):
        response = post(client, "/check", school_file, "东社小学.yaml", action=action)
        assert response.status_code == 400
        assert "最低成本达标测算需要县（区）的事实文件（kind: county）" in errors_of(response)


def test_least_cost_of_the_quality_county(client, run, tmp_path):
    # samples/quality under quality-2017: 312,500 元 (tests/test_leastcost.py: three school items and
    # 15 骨干 trained for the junior Q2 CV); the page's download is the CLI's file.
    response = post(client, "/check", quality_zip(), "清源县.zip", profile="quality-2017", date="2024-09-01",
                    action="least_cost")
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    run("plan", SAMPLES / "quality" / "county.yaml", "--profile", "quality-2017", "--least-cost",
        "-o", tmp_path / "q.docx", "--date", "2024-09-01")
    assert response.data == (tmp_path / "q.docx").read_bytes()
    assert "31.25万元" in _docx_text(response.data)


def test_all_zip_of_a_county_holds_the_least_cost_plan(client, monkeypatch):
    from generator.render import pdf as documents   # soffice_command, convert_many_to_pdf
    monkeypatch.setattr(documents, "soffice_command", lambda: None)      # the .zip without PDFs
    response = post(client, "/check", county_zip(), "清河县.zip", date="2024-09-01", action="all")
    assert wait_job(client, response.headers["Location"])["state"] == "done"
    archive = zipfile.ZipFile(io.BytesIO(client.get(response.headers["Location"] + "/download").data))
    assert sorted(archive.namelist()) == sorted([
        "清河县自查报告.docx", "清河县整改方案.docx", "清河县整改方案（达标测算）.docx", "清河县整改台账.xlsx",
        "清河县最低成本达标测算.json", "清河县检查结论.xlsx"])
    alone = post(client, "/check", county_zip(), "清河县.zip", date="2024-09-01", action="least_cost")
    assert archive.read("清河县整改方案（达标测算）.docx") == alone.data
    assert json.loads(archive.read("清河县最低成本达标测算.json"))["total_cost_yuan"] == 828800
