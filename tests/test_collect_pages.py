"""The county's pages in process: the school list imported from a county workbook (names only, or with the data:
complete schools accepted), from last year's campaign, and the county's own facts entered on their page."""
from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from collect_support import REPO, cheap_hashing  # noqa: F401 (fixture)
from generator.collect import accounts
from test_collect_rights import csrf_of, login


@pytest.fixture
def county(tmp_path):
    from generator.collect.app import create_collect_app
    app = create_collect_app(tmp_path / "data")
    accounts.add(app.config["COLLECT"].store, "bureau", "county", "清河县", None, "county-password")
    client = app.test_client()
    login(client, "bureau", "county-password")
    yield client
    app.config["COLLECT"].store.close()


def _create(client, year):
    token = csrf_of(client, "/collect")
    made = client.post("/collect/campaigns", data={"csrf_token": token, "year": str(year), "profile": "basic-2012"})
    assert made.status_code == 302
    return int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])


def _workbook(tmp_path):
    from generator.io.workbook.export import facts_workbook
    from generator.io.facts import load_facts
    path = tmp_path / "清河县.xlsx"
    path.write_bytes(facts_workbook(load_facts(REPO / "samples/county/county.yaml")))
    return path


def test_workbook_import_with_data_gives_the_samples_verdicts(county, run, tmp_path):
    number = _create(county, 2024)
    token = csrf_of(county, f"/collect/{number}")
    with _workbook(tmp_path).open("rb") as handle:
        done = county.post(f"/collect/{number}/import", data={"csrf_token": token, "mode": "all",
                                                              "file": (handle, "清河县.xlsx")})
    assert done.status_code == 302
    status = county.get(f"/api/campaigns/{number}/status").json["schools"]
    assert len(status) == 14 and {s["status"] for s in status} == {"accepted"}
    ours = json.loads(county.get(f"/api/campaigns/{number}/check").data)
    assert ours == json.loads(run("check", REPO / "samples/county/county.yaml", "--json").output)
    board = county.get(f"/collect/{number}?only=fail").get_data(as_text=True)
    assert "石门小学" in board and "城关第一小学" not in board          # 只看未达标


def test_names_only_then_last_years_list_and_the_county_facts(county, tmp_path):
    first = _create(county, 2023)
    token = csrf_of(county, f"/collect/{first}")
    with _workbook(tmp_path).open("rb") as handle:
        county.post(f"/collect/{first}/import", data={"csrf_token": token, "mode": "names",
                                                      "file": (handle, "清河县.xlsx")})
    listed = county.get(f"/api/campaigns/{first}/status").json["schools"]
    assert len(listed) == 14 and {s["status"] for s in listed} == {"missing"}
    assert {s["stage"] for s in listed} == {"primary", "junior", "nine_year", "teaching_point"}
    second = _create(county, 2024)
    token = csrf_of(county, f"/collect/{second}")
    assert county.post(f"/collect/{second}/import", data={"csrf_token": token, "source": "last",
                                                          "mode": "names"}).status_code == 302
    assert [s["name"] for s in county.get(f"/api/campaigns/{second}/status").json["schools"]] == \
        [s["name"] for s in listed]
    # the county's own facts: 满意度 and a government item, stored and kept in the history
    page = county.post(f"/collect/{second}/government", data={
        "csrf_token": token, "c.satisfaction_rate": "93%", "g.migrant_children_planned": "true",
        "g.disabled_enrolment_rate": "很高"})
    assert page.status_code == 422 and "很高" in page.get_data(as_text=True)        # nothing stored
    assert county.post(f"/collect/{second}/government", data={
        "csrf_token": token, "c.satisfaction_rate": "93%", "g.migrant_children_planned": "true",
        "g.disabled_enrolment_rate": "0.9"}).status_code == 302
    shown = county.get(f"/collect/{second}/government").get_data(as_text=True)
    assert re.search(r'name="c.satisfaction_rate"[^>]*value="93%"', shown)
    assert 'name="g.disabled_enrolment_rate" id="g-disabled_enrolment_rate" value="0.9"' in shown


OWN = """inherits: basic-2012
id: 本县
name: 本县办学标准
overrides:
  K3: {threshold: {primary: 20, junior: 30}}
"""


def test_the_countys_own_standard(county, run, tmp_path):
    token = csrf_of(county, "/collect")
    made = county.post("/collect/campaigns", data={"csrf_token": token, "year": "2024", "profile": "basic-2012",
                                                   "profile_file": (io.BytesIO(OWN.encode()), "本县标准.yaml")})
    assert made.status_code == 302
    number = int(made.headers["Location"].rstrip("/").rsplit("/", 1)[1])
    assert "本县办学标准" in county.get(f"/collect/{number}").get_data(as_text=True)
    from test_collect_api import inline_county
    data = inline_county(REPO / "samples/county/county.yaml")
    data.pop("profile")
    assert county.put(f"/api/campaigns/{number}/county", json=data,
                      headers={"X-CSRF-Token": csrf_of(county, "/collect")}).status_code == 200
    ours = county.get(f"/api/campaigns/{number}/check").get_data(as_text=True)
    folder = tmp_path / "x"
    with zipfile.ZipFile(io.BytesIO(county.get(f"/api/campaigns/{number}/export").data)) as archive:
        archive.extractall(folder)
    assert (folder / "profile.yaml").read_text(encoding="utf-8") == OWN
    cli = run("check", folder / "county.yaml", "--profile", folder / "profile.yaml", "--json")
    assert ours == cli.output
    assert json.loads(ours)["profile"] == "本县"
    # a profile that names a file of the server, or a key the loader refuses: 422, no campaign
    for bad in ("inherits: /etc/passwd\n", "inherits: basic-2012\nbasic_conditions: /etc/passwd\n",
                "inherits: basic-2012\noverrides: {K99: {threshold: 1}}\n"):
        refused = county.post("/collect/campaigns", data={"csrf_token": token, "year": "2025", "profile": "basic-2012",
                                                          "profile_file": (io.BytesIO(bad.encode()), "x.yaml")})
        assert refused.status_code == 422 and "passwd" not in refused.get_data(as_text=True).replace(
            "/etc/passwd", ""), bad
    assert [c["year"] for c in county.get("/api/campaigns").json["campaigns"]] == [2024]


def test_centre_schools_uploaded_on_the_board_give_their_publicity(county, tmp_path):
    """A centre's workbook uploaded on the board: listed with its five downloads; the wording follows the
    campaign's standard; a broken centre file is 422 in Chinese and stores nothing; a school cannot see
    centres, an inspector reads them but cannot upload."""
    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook
    from generator.collect.centres import DOCUMENTS
    app = county.application
    store = app.config["COLLECT"].store
    number = _create(county, 2024)
    token = csrf_of(county, f"/collect/{number}")
    workbook = facts_workbook(load_facts(REPO / "samples/dongong-centre.yaml"))
    refused = county.post(f"/collect/{number}/centres", data={"csrf_token": token,
                                                              "file": (io.BytesIO(b"kind: centre\nname: x\n"), "x.yaml")})
    assert refused.status_code == 422 and "所辖学校" in refused.get_data(as_text=True)
    assert county.get(f"/api/campaigns/{number}/centres").json == {"centres": []}
    # without the form's CSRF token: refused, nothing stored
    assert county.post(f"/collect/{number}/centres",
                       data={"file": (io.BytesIO(workbook), "东巩.xlsx")}).status_code == 403
    done = county.post(f"/collect/{number}/centres", data={"csrf_token": token,
                                                           "file": (io.BytesIO(workbook), "东巩.xlsx")})
    assert done.status_code == 302 and done.headers["Location"].endswith("#centres")
    board = county.get(f"/collect/{number}").get_data(as_text=True)
    # the section is in the page once, never inside its <title>
    title = board[board.index("<title>"):board.index("</title>")]
    assert "<h2" not in title and board.count('id="centre-upload"') == 1
    base = f"/api/campaigns/{number}/centres/%E4%B8%9C%E5%B7%A9%E9%95%87%E4%B8%AD%E5%BF%83%E5%AD%A6%E6%A0%A1/documents/"
    for kind in DOCUMENTS:
        assert f'href="{base}{kind}"' in board
    scheme = county.get(base + "publicity.docx")
    assert scheme.status_code == 200 and scheme.data[:2] == b"PK"
    assert "filename*=UTF-8''%E4%B8%9C%E5%B7%A9" in scheme.headers["Content-Disposition"]    # 东巩镇中心学校宣传方案
    assert county.get(base + "nonsense.docx").status_code == 404
    assert county.get(f"/api/campaigns/{number}/centres/没有/documents/publicity.docx").status_code == 404
    from generator.collect import campaigns
    changes = campaigns.history(store, accounts.get(store, "bureau"), number, None)
    assert [c["field"] for c in changes if c["field"].startswith("中心学校")] == ["中心学校：东巩镇中心学校"]
    # a school sees no centre; an inspector reads them but uploads nothing
    accounts.add(store, "school", "school", "清河县", "东社小学", "school-password")
    accounts.add(store, "inspector", "inspector", "清河县", None, "inspector-password")
    for name, status in (("school", 403), ("inspector", 200)):
        other = app.test_client()
        login(other, name, f"{name}-password")
        assert other.get(base + "print.docx").status_code == status
        assert other.get(f"/api/campaigns/{number}/centres").status_code == status
        mine = csrf_of(other, "/collect")
        assert other.post(f"/collect/{number}/centres", data={"csrf_token": mine, "file": (
            io.BytesIO(workbook), "东巩.xlsx")}).status_code == 403
    assert len(county.get(f"/api/campaigns/{number}/centres").json["centres"]) == 1


def test_the_verdicts_page_names_indicators_and_additions_in_chinese(county, tmp_path):
    """The 差异系数 by the indicators' names (ids only as a small hint) and the least-cost rows as the document
    words them: no fact key (sports_area_m2, labs) reaches the clerk."""
    number = _create(county, 2024)
    token = csrf_of(county, f"/collect/{number}")
    with _workbook(tmp_path).open("rb") as handle:
        county.post(f"/collect/{number}/import", data={"csrf_token": token, "mode": "all",
                                                       "file": (handle, "清河县.xlsx")})
    page = county.get(f"/collect/{number}/verdicts").get_data(as_text=True)
    assert "生均教学及辅助用房面积 <span class=\"rid\">M1</span>" in page
    table = page[page.index('id="least-cost"'):]
    assert "实验室（生物）" in table and "体育运动场馆面积" in table
    for key in ("sports_area_m2", ">labs<", "qualified_degree_rate", "computers"):
        assert key not in table, key
    # a school's missing fact is said by its name beside the field, not by the file's key
    from generator.collect.facts import check_school
    said = {e["field"]: e["message"] for e in check_school({"books": 1}, "东社小学", "primary").errors}
    assert said["students"] == "必填项“在校生数”尚未填写"


def test_last_years_values_offered_only_when_there_are_some(county):
    """"以去年数据为起点" appears only for a school with accepted facts last year, and fills the form with them;
    asked for a school without any, the form keeps what is stored instead of going blank."""
    headers = {"X-CSRF-Token": csrf_of(county, "/collect")}
    facts = {"stage": "primary", "students": 981, "books": 10600}
    first, second = _create(county, 2023), _create(county, 2024)
    county.put(f"/api/campaigns/{first}/county", headers=headers,
               json={"name": "清河县", "schools": [{"name": "东社小学", **facts, "books": 7777}]})
    county.put(f"/api/campaigns/{second}/county", headers=headers, json={"name": "清河县", "schools": [
        {"name": "东社小学", "stage": "primary"}, {"name": "新建小学", **facts, "books": 5555}]})
    store = county.application.config["COLLECT"].store
    county.post(f"/api/campaigns/{second}/schools/新建小学/return", headers=headers, json={"comment": "请核对"})
    clients = {}
    for school in ("东社小学", "新建小学"):
        accounts.add(store, school, "school", "清河县", school, "school-password")
        clients[school] = county.application.test_client()
        login(clients[school], school, "school-password")
    known = clients["东社小学"].get(f"/collect/{second}/schools/东社小学").get_data(as_text=True)
    assert 'id="from-last"' in known
    started = clients["东社小学"].get(f"/collect/{second}/schools/东社小学?from=last").get_data(as_text=True)
    assert 'value="7777"' in started
    new = clients["新建小学"].get(f"/collect/{second}/schools/新建小学").get_data(as_text=True)
    assert 'id="from-last"' not in new and 'id="save"' in new
    kept = clients["新建小学"].get(f"/collect/{second}/schools/新建小学?from=last").get_data(as_text=True)
    assert 'value="5555"' in kept
