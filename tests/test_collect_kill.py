"""Nothing accepted is lost to a kill -9: the server (waitress, a separate process) accepts two submissions and
is killed at once; restarted on the same folder, it serves both. A write is committed before its answer."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from collect_support import REPO, cheap_hashing  # noqa: F401 (fixture)
from generator.collect import accounts
from generator.collect.db import Store

FACTS = {"stage": "primary", "students": 981, "classes": 20, "teachers": 53, "books": 10600, "computers": 110}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(data, port):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(data), "--port", str(port)],
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=str(REPO))
    end = time.monotonic() + 60
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process
        except OSError:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode())
            time.sleep(0.2)
    process.kill()
    raise AssertionError("the server did not start")


def _call(base, method, path, token, body=None):
    request = urllib.request.Request(base + urllib.parse.quote(path), method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, json.loads(answer.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


def test_kill_9_between_accepted_submissions_loses_nothing(tmp_path):
    data = tmp_path / "data"
    store = Store(data)
    county = accounts.add(store, "bureau", "county", "清河县", None, "county-password")
    schools = {name: accounts.add(store, f"clerk-{name}", "school", "清河县", name, "school-password")
               for name in ("东社小学", "西社小学")}
    store.close()
    port = _port()
    base = f"http://127.0.0.1:{port}"
    server = _start(data, port)
    try:
        status, made = _call(base, "POST", "/api/campaigns", county,
                             {"county": "清河县", "year": 2024, "profile": "basic-2012"})
        assert status == 201
        number = made["id"]
        assert _call(base, "PUT", f"/api/campaigns/{number}/county", county,
                     {"name": "清河县", "schools": [{"name": n, "stage": "primary"} for n in schools]})[0] == 200
        for books, (name, token) in enumerate(schools.items(), 10600):
            assert _call(base, "PUT", f"/api/campaigns/{number}/schools/{name}/facts", token,
                         {**FACTS, "books": books})[0] == 200
            assert _call(base, "POST", f"/api/campaigns/{number}/schools/{name}/submit", token) == \
                (200, {"status": "submitted"})
        for name in schools:
            assert _call(base, "POST", f"/api/campaigns/{number}/schools/{name}/accept", county) == \
                (200, {"status": "accepted"})
        server.send_signal(signal.SIGKILL)          # no shutdown, no flush: the answers above were the promise
        server.wait(timeout=30)
        server = _start(data, port)
        status, listing = _call(base, "GET", f"/api/campaigns/{number}/status", county)
        assert status == 200
        assert {s["name"]: s["status"] for s in listing["schools"]} == {n: "accepted" for n in schools}
        status, result = _call(base, "GET", f"/api/campaigns/{number}/check", county)
        assert status == 200 and [s["name"] for s in result["schools"]] == list(schools)
        for books, name in enumerate(schools, 10600):
            assert _call(base, "GET", f"/api/campaigns/{number}/schools/{name}/facts", county)[1]["facts"]["books"] \
                == books
    finally:
        server.kill()
        server.wait(timeout=30)
