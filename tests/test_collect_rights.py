"""Who may do what on `junheng serve --data`: every API endpoint × every role × own / other school answers as
the contract says — 401/403/404/409/422, never 500, and never another school's data; the pages' CSRF tokens,
login sessions and security headers."""
from __future__ import annotations

import re

import pytest

from collect_support import cheap_hashing  # noqa: F401 (fixture)
from generator.collect import accounts

OTHER = "西社小学"            # school-0's other school; its facts carry a figure no other answer holds
SECRET_BOOKS = 42424
FACTS = {"stage": "primary", "students": 981, "books": 10600}
CENTRE = {"kind": "centre", "name": "东巩镇中心学校", "schools": [{"name": "东巩完小", "banner_sites": ["学校门口"]}]}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from generator.collect.app import create_collect_app
    from collect_support import cheap_hashing as _unused  # noqa: F401
    from generator.collect import accounts as module
    saved = module.PASSWORD_COST
    module.PASSWORD_COST = {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    app = create_collect_app(tmp_path_factory.mktemp("rights") / "data")
    store = app.config["COLLECT"].store
    tokens = {}
    for name, role, county, school in [("county", "county", "清河县", None), ("inspector", "inspector", "清河县", None),
                                       ("other-county", "county", "别县", None),
                                       ("own-school", "school", "清河县", OTHER),
                                       ("other-school", "school", "清河县", "东社小学")]:
        tokens[name] = accounts.add(store, name, role, county, school, "password-" + name)
    client = app.test_client()
    auth = {"Authorization": f"Bearer {tokens['county']}"}
    number = client.post("/api/campaigns", headers=auth,
                         json={"county": "清河县", "year": 2024, "profile": "basic-2012"}).json["id"]
    client.put(f"/api/campaigns/{number}/county", headers=auth, json={"name": "清河县", "schools": [
        {"name": "东社小学", **FACTS}, {"name": OTHER, **FACTS, "books": SECRET_BOOKS}]})
    assert client.put(f"/api/campaigns/{number}/centres", headers=auth, json=CENTRE).status_code == 200
    yield app, tokens, number
    module.PASSWORD_COST = saved
    store.close()


# (method, path, body, roles that may) — the path's school is OTHER: "own-school" owns it, "other-school" not
def endpoints(number):
    school = f"/api/campaigns/{number}/schools/{OTHER}"
    return [
        ("POST", "/api/campaigns", {"county": "清河县", "year": 2025, "profile": "basic-2012"}, {"county"}),
        ("GET", "/api/campaigns", None, {"county", "inspector", "own-school", "other-school", "other-county"}),
        ("PUT", f"/api/campaigns/{number}/county", {"name": "清河县", "schools": []}, {"county"}),
        ("GET", f"{school}/facts", None, {"county", "inspector", "own-school"}),
        ("PUT", f"{school}/facts", {**FACTS, "books": SECRET_BOOKS}, {"county", "own-school"}),
        ("POST", f"{school}/validate", {"books": 5}, {"county", "own-school"}),
        ("POST", f"{school}/submit", None, {"own-school"}),
        ("POST", f"{school}/accept", None, {"county"}),
        ("POST", f"{school}/return", {"comment": "请核实"}, {"county"}),
        ("GET", f"{school}/history", None, {"county", "inspector", "own-school"}),
        ("GET", f"/api/campaigns/{number}/status", None, {"county", "inspector"}),
        ("GET", f"/api/campaigns/{number}/check", None, {"county", "inspector"}),
        ("GET", f"/api/campaigns/{number}/documents/least-cost.json", None, {"county", "inspector"}),
        ("GET", f"/api/campaigns/{number}/documents/schools.zip", None, {"county", "inspector"}),
        ("PUT", f"/api/campaigns/{number}/centres", CENTRE, {"county"}),
        ("GET", f"/api/campaigns/{number}/centres", None, {"county", "inspector"}),
        ("GET", f"/api/campaigns/{number}/centres/东巩镇中心学校/documents/print.docx", None, {"county", "inspector"}),
        ("GET", f"/api/campaigns/{number}/export", None, {"county", "inspector"}),
    ]


def test_every_endpoint_by_every_role(world):
    app, tokens, number = world
    client = app.test_client()
    seen = []
    for method, path, body, allowed in endpoints(number):
        for role in [*tokens, None, "bad-token"]:
            headers = {} if role is None else {"Authorization": "Bearer " + tokens.get(role, "not-a-token")}
            answer = client.open(path, method=method, headers=headers, json=body)
            text = answer.data.decode("utf-8", "replace")
            seen.append((method, path, role, answer.status_code))
            assert answer.status_code != 500, (method, path, role, text)
            if role in (None, "bad-token"):
                assert answer.status_code == 401, (method, path, role)
            elif role in allowed:
                assert answer.status_code in (200, 201, 409, 422), (method, path, role, text)
            elif role == "other-county" or (role == "other-school" and "/schools/" in path):
                assert answer.status_code in (403, 404), (method, path, role)
                assert answer.status_code == 404 or path == "/api/campaigns"
            else:
                assert answer.status_code == 403, (method, path, role, text)
            if role in ("other-school", "other-county"):
                assert str(SECRET_BOOKS) not in text and OTHER not in text, (method, path, role)
    assert len(seen) == len(endpoints(number)) * (len(tokens) + 2)


def test_a_school_never_sees_another_school_in_lists(world):
    app, tokens, number = world
    client = app.test_client()
    mine = client.get("/api/campaigns", headers={"Authorization": "Bearer " + tokens["other-school"]})
    assert mine.status_code == 200 and OTHER not in mine.get_data(as_text=True)


# ---------------------------------------------------------------- pages: sessions, CSRF, headers
def login(client, name, password):
    page = client.get("/login")
    token = re.search(r'name="login_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    return client.post("/login", data={"name": name, "password": password, "login_token": token})


def csrf_of(client, path):
    page = client.get(path)
    return re.search(r'name="csrf-token" content="([^"]+)"', page.get_data(as_text=True)).group(1)


def test_login_session_csrf_and_logout(world):
    app, tokens, number = world
    client = app.test_client()
    assert client.get("/collect").status_code == 302                          # no session: to the login page
    # a login post without the login form's token is refused (login CSRF)
    refused = client.post("/login", data={"name": "own-school", "password": "password-own-school"})
    assert refused.status_code == 401 and "表单已过期" in refused.get_data(as_text=True)
    done = login(client, "own-school", "password-own-school")
    assert done.status_code == 302
    cookie = done.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    path = f"/collect/{number}/schools/{OTHER}"
    page = client.get(path)
    assert page.status_code == 200 and str(SECRET_BOOKS) in page.get_data(as_text=True)
    # a form post without the CSRF token, or with a wrong one: 403, nothing saved
    for data in ({"f.books": "1"}, {"f.books": "1", "csrf_token": "forged"}):
        assert client.post(path + "/save", data=data).status_code == 403
    # a script call with the session but without X-CSRF-Token: 403
    api = f"/api/campaigns/{number}/schools/{OTHER}/validate"
    assert client.post(api, json={"books": 1}).status_code == 403
    token = csrf_of(client, path)
    assert client.post(api, json={"form": {"f.books": "x"}}, headers={"X-CSRF-Token": token}).status_code == 200
    # the other school's page: 404, and nothing of it
    other = client.get(f"/collect/{number}/schools/东社小学")
    assert other.status_code == 404 and "10600" not in other.get_data(as_text=True)
    # logout ends the session on the server: the old cookie no longer works
    assert client.post("/logout", data={"csrf_token": token}).status_code == 302
    client.set_cookie("junheng_session", cookie.split(";")[0].split("=", 1)[1])
    assert client.get(path).status_code == 302


def test_an_inspector_reads_and_writes_nothing(world):
    app, tokens, number = world
    client = app.test_client()
    login(client, "inspector", "password-inspector")
    path = f"/collect/{number}/schools/{OTHER}"
    page = client.get(path)
    assert page.status_code == 200 and 'id="facts-form" class="readonly"' in page.get_data(as_text=True)
    token = csrf_of(client, path)
    for what in ("save", "accept", "return", "submit"):
        assert client.post(f"{path}/{what}", data={"csrf_token": token, "comment": "x"}).status_code == 403
    assert client.post(f"/collect/{number}/government", data={"csrf_token": token}).status_code == 403


def test_every_collect_page_sends_the_security_headers(world):
    app, tokens, number = world
    client = app.test_client()
    pages = ["/login"]
    assert all(_secure(client.get(p)) for p in pages)
    login(client, "county", "password-county")
    for path in ("/collect", f"/collect/{number}", f"/collect/{number}/schools/{OTHER}",
                 f"/collect/{number}/verdicts", f"/collect/{number}/government", "/collect/999", "/collect/x",
                 f"/api/campaigns/{number}/check"):
        answer = client.get(path)
        assert answer.status_code in (200, 404), path
        assert _secure(answer), path
    assert client.delete(f"/collect/{number}").status_code == 405


def _secure(answer) -> bool:
    csp = answer.headers.get("Content-Security-Policy", "")
    return ("frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
            and answer.headers.get("X-Content-Type-Options") == "nosniff"
            and answer.headers.get("Referrer-Policy") == "same-origin"
            and answer.headers.get("Cache-Control") == "no-store")


def test_the_home_page_without_an_account_links_to_the_login_and_back(world, tmp_path):
    """With --data the stateless home page and every stateless page's bar point to /login (in Chinese), and
    the login page points back; without --data there is no login to point to."""
    app, tokens, number = world
    client = app.test_client()
    home = client.get("/").get_data(as_text=True)
    assert 'href="/login" id="login-link">登录数据填报</a>' in home and 'id="to-login">登录填报</a>' in home
    assert 'id="to-login"' in client.get("/check").get_data(as_text=True)
    back = client.get("/login").get_data(as_text=True)
    assert re.search(r'<a href="/" id="to-home">[^<]*首页', back)
    from generator.web.app import create_app
    plain = create_app().test_client().get("/").get_data(as_text=True)
    assert "/login" not in plain and "登录" not in plain
