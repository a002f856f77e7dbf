"""`junheng serve` in a real browser: Debian's headless Chromium driven by selenium (no browser download).

The server runs in this process (waitress on a loopback port); the browser uploads samples/
files, the test reads the verdict table from the page, downloads the report and opens it with
python-docx. Set JUNHENG_SCREENSHOTS=DIR to keep a screenshot of every page.
Skipped only when Chromium or its driver is absent (CI installs them: apt-get install chromium chromium-driver).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from browser_support import BROWSER_MARKS, LiveServer, chromium, submit, wait_file as _wait_file

REPO = Path(__file__).resolve().parents[1]

pytestmark = BROWSER_MARKS


@pytest.fixture(scope="module")
def server():
    from generator.web.app import create_app

    live = LiveServer(create_app())
    yield live.url
    live.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    driver = chromium(tmp_path_factory)
    yield driver
    driver.quit()


def _shot(driver, name):
    folder = os.environ.get("JUNHENG_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    # the whole page, not only the window: size the window to the document first
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height + 160, 800), 8000))   # + the window frame
    driver.save_screenshot(str(Path(folder) / f"{name}.png"))
    driver.set_window_size(1280, 1000)


def _submit(driver, selector):
    submit(driver, selector)


def _rows(driver, table_id):
    from selenium.webdriver.common.by import By
    return [[cell.text for cell in row.find_elements(By.TAG_NAME, "td")]
            for row in driver.find_elements(By.CSS_SELECTOR, f"#{table_id} tbody tr")]


def test_school_upload_verdicts_and_report(server, browser):
    from docx import Document
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert "义务教育均衡发展" in browser.find_element(By.TAG_NAME, "h1").text
    _shot(browser, "1-home")
    browser.get(server + "/check")
    _shot(browser, "2-check-form")
    browser.find_element(By.ID, "file").send_keys(str(REPO / "samples" / "dongshe-primary.yaml"))
    _submit(browser, "button[value=check]")
    rows = {row[0]: row for row in _rows(browser, "verdicts")}
    # as `junheng check samples/dongshe-primary.yaml` prints them : the same cells, named (id a hint)
    # hand check: 10600 册 / 981 人 = 10.8；981 × 15 − 10600 = 4115 册
    assert rows["生均图书册数 K3"][1:] == ["10.8", "≥ 15 册/生", "未达标", "4,115 册"]
    assert rows["生机比 K4"][1:] == ["8.9", "≤ 8 生/台", "未达标", "13 台"]
    assert rows["生均运动场地面积 K2"][3] == "达标" and rows["生均校舍建筑面积（不含宿舍） K1"][4] == "1,485.2 ㎡"
    assert browser.find_element(By.ID, "overall").text == "结论：未达标"
    _shot(browser, "3-school-result")
    browser.find_element(By.ID, "dl-report").click()
    report = _wait_file(browser.downloads, ".docx")
    assert report.name == "东社小学自查报告.docx"
    text = "\n".join(p.text for p in Document(report).paragraphs)
    assert "东社小学" in text and "自查报告" in text
    report.unlink()


def test_county_workbook_upload_shows_cv_and_government(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook

    workbook = tmp_path / "清河县.xlsx"
    workbook.write_bytes(facts_workbook(load_facts(REPO / "samples" / "county" / "county.yaml")))
    browser.get(server + "/check")
    browser.find_element(By.ID, "file").send_keys(str(workbook))
    _submit(browser, "button[value=check]")
    rows = {row[0].split()[-1] + ("-" + row[0][row[0].index("（") + 1:row[0].index("）")] if "（" in row[0] else ""):
            row for row in _rows(browser, "verdicts")}
    assert rows["C1"][3] == "未达标" and rows["C2-小学"][1] == "0.081" and rows["C2-初中"][1] == "0.048"
    schools = {row[0]: row for row in _rows(browser, "schools")}
    assert len(schools) == 14 and schools["石门小学"][3] == "未达标"
    assert browser.find_elements(By.CSS_SELECTOR, "svg.chart")
    _shot(browser, "4-county-result")


def test_county_least_cost_plan_downloads(server, browser, tmp_path):
    from docx import Document
    from selenium.webdriver.common.by import By

    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook

    workbook = tmp_path / "清河县.xlsx"
    workbook.write_bytes(facts_workbook(load_facts(REPO / "samples" / "county" / "county.yaml")))
    browser.get(server + "/check")
    browser.find_element(By.ID, "file").send_keys(str(workbook))
    _submit(browser, "button[value=check]")
    assert browser.find_element(By.ID, "least-cost").is_displayed()
    _shot(browser, "4b-county-least-cost")
    browser.find_element(By.ID, "dl-least-cost").click()
    got = _wait_file(browser.downloads, ".docx")
    assert got.name == "清河县整改方案（达标测算）.docx"
    document = Document(got)
    text = "\n".join([p.text for p in document.paragraphs] +
                     [c.text for t in document.tables for r in t.rows for c in r.cells]).replace("\u200d", "")
    # 828,800 元 in all (tests/test_leastcost.py adds it up by hand)
    assert "达标测算" in text and "82.88万元" in text
    got.unlink()


def test_bad_upload_shows_cli_message_and_keeps_choice(server, browser, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    bad = tmp_path / "坏文件.yaml"
    bad.write_text("kind: school\nname: 某小学\nstage: primary\nstudents: 很多\n", encoding="utf-8")
    browser.get(server + "/check")
    browser.find_element(By.ID, "file").send_keys(str(bad))
    Select(browser.find_element(By.ID, "profile")).select_by_value("guizhou")
    _submit(browser, "button[value=check]")
    message = browser.find_element(By.ID, "errors").text
    assert "坏文件.yaml, 第 4 行, students：应为非负整数（单位：人），实际是“很多”" in message
    assert Select(browser.find_element(By.ID, "profile")).first_selected_option.get_attribute("value") == "guizhou"
    _shot(browser, "5-check-error")


def test_centre_and_audit_pages(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/centre")
    _shot(browser, "6-centre-form")
    browser.find_element(By.ID, "file").send_keys(str(REPO / "samples" / "dongong-centre.yaml"))
    _submit(browser, "button[value=show]")
    assert _rows(browser, "sites") and _rows(browser, "slogans")
    _shot(browser, "7-centre-result")
    browser.get(server + "/audit")
    _shot(browser, "8-audit-form")
    browser.find_element(By.ID, "file").send_keys(str(REPO / "samples" / "audit" / "school-errors.yaml"))
    _submit(browser, "button[value=audit]")
    # as `junheng audit samples/audit/school-errors.yaml` ends
    assert browser.find_element(By.ID, "summary").text == "核对声明与分项合计 15 项、事实关系 9 条：不符 15 处，无法核对 0 项。"
    assert len(browser.find_elements(By.CSS_SELECTOR, "ol.findings li")) == 15
    _shot(browser, "9-audit-result")
    browser.get(server + "/jobs/no-such-job")
    assert "任务不存在或已过期" in browser.find_element(By.CSS_SELECTOR, ".errors").text
    _shot(browser, "11-job-gone")


def test_each_school_job_shows_progress_and_downloads(server, browser, tmp_path):
    import zipfile

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    archive = tmp_path / "清河县.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in (REPO / "samples" / "county").rglob("*.yaml"):
            zf.write(path, path.relative_to(REPO / "samples").as_posix())
    browser.get(server + "/check")
    browser.find_element(By.ID, "file").send_keys(str(archive))
    _submit(browser, "button[value=check]")
    _submit(browser, "button[value=each]")
    link = WebDriverWait(browser, 60).until(lambda d: d.find_elements(By.ID, "download"))[0]
    assert browser.find_element(By.ID, "stage").text == "完成：14 / 14"
    _shot(browser, "10-job-done")
    link.click()
    got = _wait_file(browser.downloads, ".zip")
    with zipfile.ZipFile(got) as zf:
        assert len(zf.namelist()) == 14 and "石门小学自查报告.docx" in zf.namelist()


@pytest.mark.parametrize("sample, profile", [("dongshe-primary.yaml", "auto"), ("county/county.yaml", "auto"),
                                             ("quality/county.yaml", "quality-2017")])
def test_verdict_pages_name_things_and_fit_a_phone(server, browser, tmp_path, sample, profile):
    """No raw id outside its grey hint, and at 390 px nothing scrolls the page sideways."""
    import re

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook

    upload = REPO / "samples" / sample
    if sample.startswith(("county", "quality")):
        upload = tmp_path / "county.xlsx"
        upload.write_bytes(facts_workbook(load_facts(REPO / "samples" / sample)))
    browser.get(server + "/check")
    select = Select(browser.find_element(By.ID, "profile"))
    assert not any(re.search(r"[a-z]-\d|example|quality|basic", option.text) for option in select.options)
    select.select_by_value(profile)
    browser.find_element(By.ID, "file").send_keys(str(upload))
    _submit(browser, "button[value=check]")
    hints = {element.text for element in browser.find_elements(By.CSS_SELECTOR, ".rid")}
    visible = browser.find_element(By.TAG_NAME, "main").text
    for hint in hints:
        visible = visible.replace(" " + hint, "")
    visible = visible.replace(upload.name, "")          # the user's own file name is theirs
    assert not re.search(r"\b(?:[KMQBCEPV]|QC)\d{1,2}\b|C2-|primary|junior|basic-2012|quality-2017", visible), \
        re.findall(r".{20}\b(?:[KMQBCEPV]|QC)\d{1,2}\b.{10}", visible)[:5]
    name = sample.replace("/", "-").removesuffix(".yaml")
    _shot(browser, f"9-{name}-desktop")
    browser.set_window_size(390, 900)
    try:
        width = browser.execute_script("return document.documentElement.scrollWidth")
        inner = browser.execute_script("return window.innerWidth")
        assert width <= inner, (width, inner)
        folder = os.environ.get("JUNHENG_SCREENSHOTS")
        if folder:
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.set_window_size(390, min(max(height + 160, 800), 8000))
            browser.save_screenshot(str(Path(folder) / f"9-{name}-phone.png"))
    finally:
        browser.set_window_size(1280, 1000)
