"""The county collects, in a real browser (Debian's headless Chromium driven by selenium, as
tests/test_serve_browser.py): a county creates a campaign from samples/county, hands out school accounts, two
schools log in and fill in (one types into the form and sees its verdicts as it types, one uploads its file) and
submit; the county returns one with a comment and accepts the other; the board, the verdicts and a downloaded
report follow; a school cannot open another school's page. JUNHENG_SCREENSHOTS=DIR keeps a screenshot of every
page at 1280 px and at 390 px (a phone).
"""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest

from collect_support import REPO
from browser_support import BROWSER_MARKS, LiveServer, chromium, submit, wait_file as _wait_file

pytestmark = BROWSER_MARKS
TYPED = "城关第一小学"          # fills in by typing
UPLOADED = "河口小学"           # uploads its own file


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from generator.collect import accounts
    from generator.collect.app import create_collect_app

    saved = accounts.PASSWORD_COST
    accounts.PASSWORD_COST = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    app = create_collect_app(tmp_path_factory.mktemp("collect") / "data")
    accounts.add(app.config["COLLECT"].store, "清河县教育局", "county", "清河县", None, "county-password")
    live = LiveServer(app)
    yield live.url
    live.close()
    app.config["COLLECT"].store.close()
    accounts.PASSWORD_COST = saved


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
    for width, suffix in ((1280, ""), (390, "-390")):
        driver.set_window_size(width, 900)
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(height + 160, 800), 8000))
        driver.save_screenshot(str(Path(folder) / f"collect-{name}{suffix}.png"))
    # a phone's first screen, and its screen at the school's verdicts when the page has them
    driver.set_window_size(390, 844)
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(str(Path(folder) / f"collect-{name}-390-screen.png"))
    if driver.execute_script("return !!document.getElementById('result')"):
        driver.execute_script("document.getElementById('result').scrollIntoView()")
        driver.save_screenshot(str(Path(folder) / f"collect-{name}-390-result.png"))
    driver.set_window_size(1280, 1000)


def _click(driver, selector):
    submit(driver, selector)


def _login(driver, server, name, password):
    from selenium.webdriver.common.by import By
    driver.delete_all_cookies()
    driver.get(server + "/login")
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    _click(driver, "#login-button")
    assert name in driver.find_element(By.ID, "who").text


def _board(driver) -> dict:
    from selenium.webdriver.common.by import By
    rows = driver.find_elements(By.CSS_SELECTOR, "#board tbody tr")
    return {r.find_elements(By.TAG_NAME, "td")[0].text: [c.text for c in r.find_elements(By.TAG_NAME, "td")]
            for r in rows if len(r.find_elements(By.TAG_NAME, "td")) > 1}


def test_county_campaign_two_schools_return_accept_and_report(server, browser, tmp_path):
    from docx import Document
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select, WebDriverWait

    # the county: a campaign, its school list from samples/county (a .zip of the county file and its schools)
    _login(browser, server, "清河县教育局", "county-password")
    _shot(browser, "1-campaigns")
    browser.find_element(By.ID, "year").send_keys("2024")
    Select(browser.find_element(By.ID, "profile")).select_by_value("basic-2012")
    _click(browser, "#create-button")
    archive = tmp_path / "清河县.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in [REPO / "samples/county/county.yaml", *(REPO / "samples/county/schools").glob("*.yaml")]:
            bundle.write(path, path.relative_to(REPO / "samples/county").as_posix())
    browser.find_element(By.ID, "import-file").send_keys(str(archive))
    _click(browser, "#import-button")
    board = _board(browser)
    assert len(board) == 14 and board[TYPED][2] == "未填报"
    campaign_url = browser.current_url
    _click(browser, "#make-accounts")
    issued = {cells[0].text: (cells[1].text, cells[2].text) for cells in
              (r.find_elements(By.TAG_NAME, "td") for r in browser.find_elements(By.CSS_SELECTOR,
                                                                                  "#accounts-list tbody tr"))}
    assert len(issued) == 14
    _shot(browser, "2-accounts")

    # school 1 types its facts; the verdicts appear as it types, before any save
    facts = __import__("yaml").safe_load((REPO / "samples/county/schools/chengguan-1.yaml").read_text("utf-8"))
    _login(browser, server, *issued[TYPED])
    _click(browser, "a.fill")                        # its campaigns; one to fill in
    assert browser.find_element(By.ID, "school-name").text == TYPED
    for key, value in facts.items():
        if key in ("kind", "name", "stage", "labs", "county", "year"):
            continue
        name = f"f.{key}.primary" if key in ("students", "teachers", "teachers_above_required_degree",
                                             "teachers_mid_senior_title") else f"f.{key}"
        field = browser.find_element(By.NAME, name)
        if field.tag_name == "select":
            Select(field).select_by_value({True: "true", False: "false"}.get(value, str(value)))
        else:
            field.send_keys(str(value))
    browser.find_element(By.NAME, "f.labs.science").send_keys("2")
    browser.find_element(By.NAME, "f.books").send_keys("x")            # a typing slip, shown at once
    WebDriverWait(browser, 60).until(lambda d: d.find_element(By.CSS_SELECTOR, ".field-error[data-for=books]").text)
    assert "38000x" in browser.find_element(By.CSS_SELECTOR, ".field-error[data-for=books]").text
    browser.find_element(By.NAME, "f.books").send_keys("\b")
    WebDriverWait(browser, 60).until(lambda d: len(d.find_elements(By.CSS_SELECTOR, "#verdicts tbody tr")) >= 10)
    assert not browser.find_element(By.CSS_SELECTOR, ".field-error[data-for=books]").text
    _shot(browser, "3-school-form")
    _click(browser, "#save-submit")
    assert browser.find_element(By.ID, "status").text == "已提交"

    # school 2 uploads its own file; cannot open school 1's page
    _login(browser, server, *issued[UPLOADED])
    _click(browser, "a.fill")
    browser.find_element(By.ID, "upload-file").send_keys(str(REPO / "samples/county/schools/hekou.yaml"))
    _click(browser, "#upload")
    assert browser.find_element(By.ID, "status").text == "草稿"
    _click(browser, "#save-submit")
    assert browser.find_element(By.ID, "status").text == "已提交"
    browser.get(campaign_url + "/schools/" + TYPED)
    assert "本任务中没有这所学校" in browser.find_element(By.ID, "errors").text
    assert "2160" not in browser.page_source
    _shot(browser, "4-other-school-refused")

    # the county returns school 1 with a comment, accepts school 2
    _login(browser, server, "清河县教育局", "county-password")
    browser.get(campaign_url)
    board = _board(browser)
    assert board[TYPED][2] == board[UPLOADED][2] == "已提交"
    browser.find_element(By.LINK_TEXT, TYPED).click()
    _shot(browser, "5-county-review")
    browser.find_element(By.ID, "return-comment").send_keys("图书册数请附图书室登记表")
    _click(browser, "#return")
    browser.find_element(By.LINK_TEXT, UPLOADED).click()
    _click(browser, "#accept")
    board = _board(browser)
    assert board[TYPED][2] == "已退回" and board[UPLOADED][2] == "已通过" and board[UPLOADED][3] == "达标"
    _shot(browser, "6-board")
    browser.find_element(By.ID, "only-fail").click()
    assert UPLOADED not in _board(browser)
    browser.get(campaign_url + "/verdicts")
    schools = [r.find_elements(By.TAG_NAME, "td")[0].text
               for r in browser.find_elements(By.CSS_SELECTOR, "#schools tbody tr")]
    assert schools == [UPLOADED]
    _shot(browser, "7-verdicts")
    browser.find_element(By.ID, "dl-report").click()
    report = _wait_file(browser.downloads, ".docx")
    text = "\n".join(p.text for p in Document(report).paragraphs)
    assert "清河县" in text and "自查报告" in text

    # school 1 sees the comment and can change its facts again
    _login(browser, server, *issued[TYPED])
    _click(browser, "a.fill")
    assert "图书册数请附图书室登记表" in browser.find_element(By.ID, "comment").text
    assert browser.find_element(By.ID, "status").text == "已退回"
    assert browser.find_element(By.ID, "save")
    _shot(browser, "8-school-returned")


def test_home_to_login_and_a_centre_schools_publicity(server, browser, tmp_path):
    """From the home page without an account to the login and back; the county uploads a centre school's
    workbook on the board and downloads its 宣传方案, worded by the campaign's standard."""
    from docx import Document
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook

    browser.delete_all_cookies()
    browser.get(server + "/")
    _click(browser, "#login-link")
    assert browser.current_url.endswith("/login")
    _click(browser, "#to-home")
    assert browser.find_element(By.ID, "to-login").text == "登录填报"
    _login(browser, server, "清河县教育局", "county-password")
    browser.find_element(By.ID, "year").send_keys("2025")
    Select(browser.find_element(By.ID, "profile")).select_by_value("quality-2017")
    _click(browser, "#create-button")
    workbook = tmp_path / "东巩镇中心学校.xlsx"
    workbook.write_bytes(facts_workbook(load_facts(REPO / "samples/dongong-centre.yaml")))
    browser.find_element(By.ID, "centre-file").send_keys(str(workbook))
    _click(browser, "#centre-button")
    row = browser.find_element(By.CSS_SELECTOR, "#centre-list tbody tr")
    assert row.find_elements(By.TAG_NAME, "td")[0].text == "东巩镇中心学校"
    link = row.find_element(By.LINK_TEXT, "宣传方案").get_attribute("href")
    _shot(browser, "9-centres")
    for old in browser.downloads.iterdir():
        old.unlink()
    browser.get(link)                    # an attachment: the page stays, the file arrives
    scheme = _wait_file(browser.downloads, ".docx")
    assert scheme.name == "东巩镇中心学校宣传方案.docx"
    text = "\n".join(p.text for p in Document(scheme).paragraphs)
    assert "义务教育优质均衡发展创建宣传工作方案" in text
