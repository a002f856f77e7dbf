"""Every route of `junheng serve --data`, taken from the application's own URL map (a new route cannot slip
past): a changing request with a session but no CSRF token is 403 and changes nothing; a school asking for
another school is 404 on every page and API route and learns nothing of it; an inspector changes nothing (403);
every page and API answer sends the security headers and no-store; the session cookie's flags; the lockout seen
through the login page."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest

from collect_support import cheap_hashing  # noqa: F401 (fixture)
from generator.collect import accounts
from test_collect_rights import csrf_of, login, _secure

OWN, OTHER = "东社小学", "西社小学"
SECRET = 42424                       # only the other school's facts hold this figure
FACTS = {"stage": "primary", "students": 981, "books": 10600}
CENTRE = {"kind": "centre", "name": "东巩镇中心学校", "schools": [{"name": "东巩完小", "banner_sites": ["学校门口"]}]}
WORDS = {"campaign_id": None, "name": None, "what": "submit", "kind": None, "filename": "collect.css"}


@pytest.fixture
def world(tmp_path):
    from generator.collect.app import create_collect_app
    app = create_collect_app(tmp_path / "data")
    store = app.config["COLLECT"].store
    for name, role, school in (("county", "county", None), ("inspector", "inspector", None),
                               ("school-a", "school", OWN), ("school-b", "school", OTHER)):
        accounts.add(store, name, role, "清河县", school, "password-" + name)
    client = app.test_client()
    login(client, "county", "password-county")
    token = csrf_of(client, "/collect")
    number = int(client.post("/collect/campaigns", data={"csrf_token": token, "year": "2024",
                                                         "profile": "basic-2012"}).headers["Location"].rsplit("/", 1)[1])
    headers = {"X-CSRF-Token": token}
    assert client.put(f"/api/campaigns/{number}/county", headers=headers, json={"name": "清河县", "schools": [
        {"name": OWN, **FACTS}, {"name": OTHER, **FACTS, "books": SECRET}]}).status_code == 200
    assert client.put(f"/api/campaigns/{number}/centres", headers=headers, json=CENTRE).status_code == 200
    yield app, number
    store.close()


def routes(app, number, school=OTHER):
    """(method, path) of every collect route, its placeholders filled: the campaign, `school`, a document."""
    out = []
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith(("/api/", "/collect", "/login", "/logout")):
            continue
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            path = rule.rule
            kind = "print.docx" if "centres" in path else "least-cost.json"
            for key, value in {"campaign_id": number, "name": school if "centres" not in path else CENTRE["name"],
                               "kind": kind, "filename": "collect.css"}.items():
                path = re.sub(r"<(?:[a-z]+:)?" + key + ">", str(value), path)
            whats = ("submit", "accept", "return") if "<any" in path else (None,)
            for what in whats:
                out.append((method, re.sub(r"<any\([^)]*\):what>", what, path) if what else path))
    return out


def _counter(app, number) -> tuple:
    """What a change would move: the campaign's change counter, the history and the schools' versions."""
    import sqlalchemy as sa

    from generator.collect import db
    with app.config["COLLECT"].store.read() as conn:
        return (conn.execute(sa.select(db.campaigns.c.changes)).all(), conn.execute(sa.select(sa.func.count())
                .select_from(db.changes)).scalar_one(), conn.execute(sa.select(db.schools.c.version)).all(),
                conn.execute(sa.select(db.centres.c.text)).all())


def test_every_changing_route_needs_the_csrf_token(world):
    app, number = world
    client = app.test_client()
    login(client, "county", "password-county")
    before = _counter(app, number)
    changing = [(m, p) for m, p in routes(app, number) if m in ("POST", "PUT", "DELETE") and p != "/login"]
    assert len(changing) >= 14
    for method, path in changing:
        for token in (None, "forged"):
            headers = {"X-CSRF-Token": token} if token else {}
            answer = client.open(path, method=method, headers=headers, data={"csrf_token": token or ""},
                                 content_type="application/x-www-form-urlencoded")
            assert answer.status_code == 403, (method, path, token, answer.status_code)
    assert _counter(app, number) == before
    # the login form carries its own token in a SameSite=Strict cookie: a post from elsewhere is refused
    other = app.test_client()
    assert other.post("/login", data={"name": "county", "password": "password-county"}).status_code == 401


def test_a_school_reaches_no_other_school_on_any_route(world):
    app, number = world
    client = app.test_client()
    login(client, "school-a", "password-school-a")
    token = csrf_of(client, f"/collect/{number}/schools/{OWN}")
    before = _counter(app, number)
    seen = 0
    for method, path in routes(app, number, OTHER):
        if path in ("/login", "/logout") or path.endswith(".css"):
            continue
        answer = client.open(path, method=method, headers={"X-CSRF-Token": token}, json={"books": 1},
                             data=None)
        text = answer.get_data(as_text=True)
        assert answer.status_code in (200, 201, 403, 404, 409, 422) or (
            answer.status_code == 302 and unquote(answer.headers["Location"]).endswith(f"/schools/{OWN}")), \
            (method, path, answer.status_code)              # the board sends a school to its own page
        assert str(SECRET) not in text and OTHER not in text, (method, path)
        if f"/schools/{OTHER}" in path:
            assert answer.status_code == 404, (method, path, answer.status_code)
            seen += 1
    assert seen >= 8
    assert _counter(app, number) == before
    # its own school: read and written
    assert client.get(f"/collect/{number}/schools/{OWN}").status_code == 200


def test_an_inspector_changes_nothing(world):
    app, number = world
    client = app.test_client()
    login(client, "inspector", "password-inspector")
    token = csrf_of(client, "/collect")
    before = _counter(app, number)
    for method, path in routes(app, number):
        if method in ("POST", "PUT") and path not in ("/login", "/logout"):
            answer = client.open(path, method=method, headers={"X-CSRF-Token": token}, json={"comment": "x"})
            assert answer.status_code == 403, (method, path, answer.status_code)
        elif method == "GET" and not path.endswith(".css"):
            assert client.get(path).status_code in (200, 404, 409), path
    assert _counter(app, number) == before


def test_headers_on_every_page_and_answer_and_the_cookie_flags(world):
    app, number = world
    for role in ("county", "inspector", "school-a", None):
        client = app.test_client()
        if role:
            login(client, role, "password-" + role)
        for method, path in routes(app, number, OWN):
            if method != "GET" or path.endswith(".css"):
                continue
            answer = client.get(path)
            assert answer.status_code != 500 and _secure(answer), (role, path, answer.status_code)
            assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"]
    stateless = app.test_client()
    for path in ("/", "/check", "/centre", "/audit", "/no-such-page"):
        answer = stateless.get(path)
        assert "frame-ancestors 'none'" in answer.headers["Content-Security-Policy"], path
        assert answer.headers["X-Content-Type-Options"] == "nosniff" and answer.headers["Referrer-Policy"], path
    # the session cookie: HttpOnly, SameSite=Strict, and Secure when the page is served over HTTPS
    for base, secure in (("http://localhost", False), ("https://localhost", True)):
        client = app.test_client()
        page = client.get("/login", base_url=base).get_data(as_text=True)
        sent = re.search(r'name="login_token" value="([^"]+)"', page).group(1)
        done = client.post("/login", base_url=base, data={"name": "county", "password": "password-county",
                                                          "login_token": sent})
        cookie = next(c for c in done.headers.getlist("Set-Cookie") if c.startswith("junheng_session="))
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and ("Secure" in cookie) == secure, cookie


def test_the_lockout_through_the_login_page(world):
    app, number = world
    client = app.test_client()
    for attempt in range(accounts.MAX_FAILED_LOGINS):
        answer = login(client, "school-a", "wrong-password")
        assert answer.status_code == 401
    text = login(client, "school-a", "password-school-a").get_data(as_text=True)
    assert "账号已锁定" in text and client.get("/collect").status_code == 302
    # an unknown name is told exactly as a wrong password
    unknown = login(client, "nobody", "whatever-password").get_data(as_text=True)
    assert "账号或密码不对" in unknown
