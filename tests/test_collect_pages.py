"""The county's pages in process: the school list imported from a county workbook (names only, or with the data:
complete schools accepted), from last year's campaign, and the county's own facts entered on their page."""
from __future__ import annotations

import json
import re

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
    from generator.model.facts import load_facts
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
