"""The stateless pages keep an upload on the server behind an expiring token: every download of any upload
up to the limit works, an error keeps the file for the resubmit, and every page sends its security headers."""
from __future__ import annotations

import re
import time

import pytest

from counties import county_facts
from test_serve import SAMPLES, client, errors_of, post, upload  # noqa: F401  (the client fixture)

import yaml


def test_every_page_sends_the_security_headers(client):
    token = upload(client, (SAMPLES / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml")
    answers = [client.get(url) for url in ("/", "/check", "/centre", "/audit", "/no-such-page")]
    answers += [client.post("/check", data={"token": token}), client.post("/check", data={"token": token,
                                                                                         "action": "report"})]
    for response in answers:
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cache-Control"] == "no-store"
    static = client.get("/static/style.css")
    assert static.status_code == 200 and "no-store" not in static.headers.get("Cache-Control", "")


def test_404_and_405_are_in_chinese(client):
    assert "没有这个页面" in client.get("/nothing-here").get_data(as_text=True)
    wrong = client.put("/check")
    assert wrong.status_code == 405 and "请求方法不对" in wrong.get_data(as_text=True)


def test_a_large_upload_downloads_every_document(client, tmp_path):
    # the size is the point (a file too big for a hidden form field), not the number of schools: a county of
    # 30 schools and a long comment
    facts = county_facts(30, "basic", seed=3)
    data = yaml.safe_dump(facts, allow_unicode=True, sort_keys=False).encode("utf-8")
    data += b"\n" + b"# " + "备注".encode("utf-8") * 200_000 + b"\n"        # well over the old 366 KB
    assert len(data) > 1_000_000
    token = upload(client, data, "大县.yaml")
    for action in ("report", "plan", "ledger", "xlsx", "least_cost_json"):
        response = client.post("/check", data={"token": token, "action": action})
        assert response.status_code == 200, (action, response.get_data(as_text=True)[:300])
        assert response.headers["Content-Disposition"].startswith("attachment")


def test_a_download_reuses_the_evaluation(client, monkeypatch):
    from generator.web import service
    calls = []
    real = service.check
    monkeypatch.setattr(service, "check", lambda *args: calls.append(args) or real(*args))
    token = upload(client, (SAMPLES / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml")
    for action in ("report", "plan", "ledger"):
        assert client.post("/check", data={"token": token, "action": action}).status_code == 200
    assert len(calls) == 1
    client.post("/check", data={"token": token, "action": "check", "profile": "example-a"})
    assert len(calls) == 2                               # another standard is another evaluation


def test_after_an_error_the_kept_file_is_used_again(client):
    response = post(client, "/check", (SAMPLES / "dongshe-primary.yaml").read_bytes(), "东社小学.yaml",
                    date="2024-13-45")
    assert response.status_code == 400 and "实际是“2024-13-45”" in errors_of(response)
    page = response.get_data(as_text=True)
    assert "不再选文件即沿用此文件" in page
    token = re.search(r'name="token" value="([A-Za-z0-9_-]{32})"', page).group(1)
    again = client.post("/check", data={"token": token, "date": "2024-09-01"})
    assert again.status_code == 200 and 'id="verdicts"' in again.get_data(as_text=True)


def test_a_token_expires(tmp_path):
    from generator.web.store import UploadStore
    store = UploadStore(tmp_path / "store", ttl=1)
    token = store.put("a.yaml", b"kind: school\n")
    assert store.get(token) == ("a.yaml", b"kind: school\n")
    time.sleep(1.2)
    assert store.get(token) is None
    store.sweep()
    assert list((tmp_path / "store").iterdir()) == []


def test_the_store_keeps_within_its_size(tmp_path):
    from generator.web.store import UploadStore
    store = UploadStore(tmp_path / "store", max_bytes=250)
    tokens = []
    for number in range(5):
        tokens.append(store.put(f"{number}.yaml", b"x" * 100))
        time.sleep(0.01)
    kept = [token for token in tokens if store.get(token) is not None]
    assert kept == tokens[-2:]


def test_a_large_form_field_is_named_as_such(client):
    response = client.post("/check", data={"profile": "x" * (600 * 1024)})
    assert response.status_code == 413
    text = response.get_data(as_text=True)
    assert "表单中的某一项超过 500 KB" in text and "20 MB" not in text.split("文件不超过")[0]


def test_a_300_school_county_page_stays_light(client):
    facts = county_facts(300, "basic", seed=1)
    data = yaml.safe_dump(facts, allow_unicode=True, sort_keys=False).encode("utf-8")
    page = post(client, "/check", data, "大县.yaml").get_data(as_text=True)
    # each school still has its row; the chart names only the schools that fall short (passing dots
    # where one is already drawn are not drawn again)
    assert page.count("<tr><td>") >= 300 and len(page.encode("utf-8")) < 200_000
