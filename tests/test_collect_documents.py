"""Every document of a stored campaign is the CLI's bytes on the exported county, for a basic (basic-2012) and a
优质均衡 (quality-2017) campaign, without --date as every campaign download: the 自查报告, the 整改方案 and its
整改台账, the 整改方案 with 达标测算 and its JSON, the county workbook, one 自查报告 per school (.zip of
`report --each-school`), and for a centre school the 宣传方案, each school's scheme (.zip of
`publicity --each-school`), the 标语横幅清单 (.xlsx, .docx) and the print sheet (`slogans --centre`)."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from urllib.parse import quote

import pytest

from collect_support import REPO, cheap_hashing  # noqa: F401 (fixture)
from test_collect_api import app, bearer, county_token, inline_county  # noqa: F401 (fixture)

CENTRE = REPO / "samples/dongong-centre.yaml"


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _folder(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _campaign(app, sample: str):
    from generator.io.yaml_source import read_source
    from test_collect_api import _plain

    data = inline_county(REPO / sample)
    client, token = app.test_client(), county_token(app, data["name"])
    number = client.post("/api/campaigns", headers=bearer(token), json={
        "county": data["name"], "year": data.get("year", 2024), "profile": data.get("profile", "basic-2012")}).json["id"]
    assert client.put(f"/api/campaigns/{number}/county", headers=bearer(token), json=data).status_code == 200
    centre = _plain(read_source(CENTRE))
    centre["profile"] = "quality-2017" if data.get("profile") != "quality-2017" else "basic-2012"   # not used
    stored = client.put(f"/api/campaigns/{number}/centres", headers=bearer(token), json=centre)
    assert stored.status_code == 200, stored.json
    return client, token, number, stored.json["name"]


@pytest.mark.slow
@pytest.mark.parametrize("sample", ["samples/county/county.yaml", "samples/quality/county.yaml"])
def test_every_download_is_the_cli_on_the_export(app, run, tmp_path, sample):
    client, token, number, centre = _campaign(app, sample)
    base = f"/api/campaigns/{number}"

    def get(path):
        answer = client.get(base + path, headers=bearer(token))
        assert answer.status_code == 200, (path, answer.get_data(as_text=True)[:300])
        assert answer.headers["Cache-Control"] == "no-store"
        return answer.data

    with zipfile.ZipFile(io.BytesIO(get("/export"))) as archive:
        archive.extractall(tmp_path / "x")
        names = archive.namelist()
    county = tmp_path / "x" / "county.yaml"
    centre_files = [name for name in names if name.startswith("centres/")]
    assert centre_files == ["centres/东巩镇中心学校.yaml"]
    centre_file = tmp_path / "x" / centre_files[0]

    def cli(*args):
        done = run(*args)
        assert done.exit_code in (0, 1), done.output
        return done

    out = tmp_path / "cli"
    out.mkdir()
    cli("report", county, "-o", out / "report.docx")
    assert get("/documents/report.docx") == (out / "report.docx").read_bytes()
    cli("plan", county, "-o", out / "plan.docx", "--ledger", out / "ledger.xlsx")
    assert get("/documents/plan.docx") == (out / "plan.docx").read_bytes()
    assert get("/documents/ledger.xlsx") == (out / "ledger.xlsx").read_bytes()
    cli("plan", county, "--least-cost", "-o", out / "least-cost.docx")
    assert get("/documents/least-cost.docx") == (out / "least-cost.docx").read_bytes()
    assert get("/documents/least-cost.json").decode("utf-8") == cli("plan", county, "--least-cost", "--json").output
    cli("export", county, "-o", out / "county.xlsx")
    assert get("/documents/county.xlsx") == (out / "county.xlsx").read_bytes()
    cli("report", county, "--each-school", "-o", out / "each")
    each = _members(get("/documents/schools.zip"))
    assert each == _folder(out / "each") and len(each) >= 13          # every accepted school, the same bytes

    at = f"/centres/{quote(centre, safe='')}/documents/"
    cli("publicity", centre_file, "-o", out / "publicity.docx")
    assert get(at + "publicity.docx") == (out / "publicity.docx").read_bytes()
    cli("publicity", centre_file, "--each-school", "-o", out / "schemes")
    schemes = _members(get(at + "publicity-schools.zip"))
    assert schemes == _folder(out / "schemes") and len(schemes) == 7
    cli("slogans", "--centre", centre_file, "-o", out / "slogans.xlsx", "--print", out / "print.docx")
    cli("slogans", "--centre", centre_file, "-o", out / "slogans.docx")
    assert get(at + "slogans.xlsx") == (out / "slogans.xlsx").read_bytes()
    assert get(at + "slogans.docx") == (out / "slogans.docx").read_bytes()
    assert get(at + "print.docx") == (out / "print.docx").read_bytes()
    # the campaign's standard decides the wording, not the uploaded file's own profile: 优质均衡 says so
    from test_publicity import docx_text
    said = docx_text(out / "publicity.docx")
    title = said.splitlines()[1]
    assert title == ("义务教育优质均衡发展创建宣传工作方案" if "quality" in sample else "义务教育均衡发展宣传工作方案")


def test_a_download_makes_only_the_document_asked_for(app, renders):
    # the 整改台账 renders no 整改方案, and the 整改方案 no 整改台账 (each is made, and kept, when it is asked for)
    made = renders
    client, token, number, _ = _campaign(app, "samples/county/county.yaml")
    base = f"/api/campaigns/{number}/documents/"
    ledger = client.get(base + "ledger.xlsx", headers=bearer(token))
    assert ledger.status_code == 200 and ledger.data[:2] == b"PK"
    assert made == ["xlsx"]
    plan = client.get(base + "plan.docx", headers=bearer(token))
    assert plan.status_code == 200 and plan.data[:2] == b"PK"
    assert made == ["xlsx", "docx"]
    assert client.get(base + "plan.docx", headers=bearer(token)).data == plan.data
    assert made == ["xlsx", "docx"]          # kept: asked again, made once
