"""The JSON API of `junheng serve --data` (contract.md, third round) in-process: the verdicts over the accepted
facts are exactly `junheng check --json` of the exported county on every shipped county sample, the documents
are the CLI's bytes, and the statuses, 422 field errors and 409 steps behave as the contract says."""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from collect_support import REPO, cheap_hashing  # noqa: F401 (fixture)
from generator.collect import accounts
from generator.collect.importing import _plain

SAMPLES = ["samples/county/county.yaml", "samples/quality/county.yaml", "samples/audit/county/county.yaml",
           "samples/quality/audit/county-claims.yaml"]


def inline_county(path: Path) -> dict:
    """A county file with its school files read in (as the project's loader reads them)."""
    from generator.io.yaml_source import read_source
    data = _plain(read_source(path))
    data["schools"] = [_plain(read_source(path.parent / entry)) if isinstance(entry, str) else entry
                       for entry in data["schools"]]
    return data


@pytest.fixture
def app(tmp_path):
    from generator.collect.app import create_collect_app
    made = create_collect_app(tmp_path / "data")
    yield made
    made.config["COLLECT"].store.close()


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def county_token(app, county="清河县"):
    return accounts.add(app.config["COLLECT"].store, f"bureau-{county}", "county", county, None, "county-password")


def _unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(folder)
    return folder / "county.yaml"


@pytest.mark.parametrize("sample", SAMPLES)
def test_check_is_the_cli_on_the_exported_county(app, run, tmp_path, sample):
    data = inline_county(REPO / sample)
    client, token = app.test_client(), county_token(app, data["name"])
    made = client.post("/api/campaigns", headers=bearer(token), json={
        "county": data["name"], "year": data.get("year", 2024), "profile": data.get("profile", "basic-2012")})
    assert made.status_code == 201
    number = made.json["id"]
    put = client.put(f"/api/campaigns/{number}/county", headers=bearer(token), json=data)
    assert put.status_code == 200, put.json
    status = client.get(f"/api/campaigns/{number}/status", headers=bearer(token)).json["schools"]
    assert [s["name"] for s in status] == [s.get("name", s.get("学校名称")) for s in data["schools"]]
    assert {s["status"] for s in status} == {"accepted"}           # inline schools arrive accepted
    answer = client.get(f"/api/campaigns/{number}/check", headers=bearer(token))
    assert answer.status_code == 200
    exported = _unzip(client.get(f"/api/campaigns/{number}/export", headers=bearer(token)).data, tmp_path / "x")
    cli = run("check", exported, "--json")
    assert cli.exit_code in (0, 1), cli.output
    assert answer.get_data(as_text=True) == cli.output            # exactly the CLI's text
    # and the accepted facts are the sample's own: the same verdicts as the sample file itself
    original = json.loads(run("check", REPO / sample, "--json").output)
    assert json.loads(cli.output) == original


def test_documents_are_the_cli_bytes_of_the_exported_county(app, run, tmp_path):
    data = inline_county(REPO / "samples/county/county.yaml")
    client, token = app.test_client(), county_token(app)
    number = client.post("/api/campaigns", headers=bearer(token),
                         json={"county": "清河县", "year": 2024, "profile": "basic-2012"}).json["id"]
    client.put(f"/api/campaigns/{number}/county", headers=bearer(token), json=data)
    exported = _unzip(client.get(f"/api/campaigns/{number}/export", headers=bearer(token)).data, tmp_path / "x")
    report = client.get(f"/api/campaigns/{number}/documents/report.docx", headers=bearer(token))
    assert report.status_code == 200 and report.headers["Cache-Control"] == "no-store"
    run("report", exported, "-o", tmp_path / "r.docx")
    assert report.data == (tmp_path / "r.docx").read_bytes()
    plan = client.get(f"/api/campaigns/{number}/documents/least-cost.json", headers=bearer(token))
    cli = run("plan", exported, "--least-cost", "--json")
    assert plan.get_data(as_text=True) == cli.output
    workbook = client.get(f"/api/campaigns/{number}/documents/county.xlsx", headers=bearer(token))
    run("export", exported, "-o", tmp_path / "c.xlsx")
    assert workbook.data == (tmp_path / "c.xlsx").read_bytes()
    assert client.get(f"/api/campaigns/{number}/documents/nonsense.docx", headers=bearer(token)).status_code == 404


def test_statuses_errors_and_steps(app):
    store = app.config["COLLECT"].store
    client, token = app.test_client(), county_token(app)
    school = accounts.add(store, "dongshe", "school", "清河县", "东社小学", "school-password")
    number = client.post("/api/campaigns", headers=bearer(token),
                         json={"county": "清河县", "year": 2024, "profile": "basic-2012"}).json["id"]
    assert client.put(f"/api/campaigns/{number}/county", headers=bearer(token), json={
        "name": "清河县", "schools": [{"name": "东社小学", "stage": "primary"}]}).status_code == 200
    base = f"/api/campaigns/{number}/schools/%E4%B8%9C%E7%A4%BE%E5%B0%8F%E5%AD%A6"      # percent-encoded
    got = client.get(base + "/facts", headers=bearer(school))
    assert got.status_code == 200 and got.json["status"] == "missing" and got.json["facts"] == {}
    # nothing submitted yet: 409
    assert client.post(base + "/submit", headers=bearer(school)).status_code == 409
    # a value that cannot be used: 422 naming the field in Chinese, nothing stored
    bad = client.put(base + "/facts", headers=bearer(school), json={"students": "九百", "books": 100})
    assert bad.status_code == 422
    assert [e["field"] for e in bad.json["errors"]] == ["students"] and "九百" in bad.json["errors"][0]["message"]
    assert client.get(base + "/facts", headers=bearer(school)).json["status"] == "missing"
    # a draft may be incomplete: stored, the missing facts listed
    draft = client.put(base + "/facts", headers=bearer(school), json={"books": 100})
    assert draft.status_code == 200 and draft.json["status"] == "draft"
    assert "students" in {e["field"] for e in draft.json["errors"]}
    assert client.post(base + "/submit", headers=bearer(school)).status_code == 422      # incomplete
    facts = {"stage": "primary", "students": 981, "books": 10600, "学校占地面积": 13125}
    assert client.put(base + "/facts", headers=bearer(school), json=facts).json == {
        "status": "draft", "errors": [], "version": 3}
    assert client.post(base + "/submit", headers=bearer(school)).json == {"status": "submitted"}
    assert client.post(base + "/return", headers=bearer(token), json={"comment": "图书请核实"}).json == \
        {"status": "returned"}
    assert client.get(base + "/facts", headers=bearer(school)).json["comment"] == "图书请核实"
    assert client.put(base + "/facts", headers=bearer(school), json={**facts, "books": 11000}).status_code == 200
    assert client.post(base + "/submit", headers=bearer(school)).status_code == 200
    assert client.post(base + "/accept", headers=bearer(token)).json == {"status": "accepted"}
    assert client.post(base + "/accept", headers=bearer(token)).status_code == 409
    assert client.put(base + "/facts", headers=bearer(school), json=facts).status_code == 409
    # the county's own entry is accepted at once and kept in the history
    assert client.put(base + "/facts", headers=bearer(token), json={**facts, "books": 12000}).json["status"] == \
        "accepted"
    history = client.get(base + "/history", headers=bearer(school)).json
    assert [(h["old"], h["new"]) for h in history if h["field"] == "books"] == [
        (None, 100), (100, 10600), (10600, 11000), (11000, 12000)]
    assert history == sorted(history, key=lambda h: h["at"])
    # an optimistic writer naming an old version: 409
    stale = client.put(base + "/facts", headers={**bearer(token), "If-Match": '"2"'}, json=facts)
    assert stale.status_code == 409
    status = client.get(f"/api/campaigns/{number}/status", headers=bearer(token)).json["schools"][0]
    assert (status["status"], status["updated_by"]) == ("accepted", "bureau-清河县")


def test_evaluated_once_per_change_not_per_view(app):
    data = inline_county(REPO / "samples/county/county.yaml")
    client, token = app.test_client(), county_token(app)
    number = client.post("/api/campaigns", headers=bearer(token),
                         json={"county": "清河县", "year": 2024, "profile": "basic-2012"}).json["id"]
    client.put(f"/api/campaigns/{number}/county", headers=bearer(token), json=data)
    evaluations = app.config["COLLECT"].evaluations
    before = evaluations.computed
    first = [client.get(f"/api/campaigns/{number}/check", headers=bearer(token)).data for _ in range(5)]
    assert evaluations.computed == before + 1 and len(set(first)) == 1
    name = data["schools"][0].get("name", data["schools"][0].get("学校名称"))
    client.post(f"/api/campaigns/{number}/schools/{name}/return", headers=bearer(token), json={"comment": "x"})
    after = json.loads(client.get(f"/api/campaigns/{number}/check", headers=bearer(token)).data)
    assert evaluations.computed == before + 2
    assert name not in {s["name"] for s in after["schools"]}
