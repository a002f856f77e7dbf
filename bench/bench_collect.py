"""Benchmark `junheng serve --data`: 300 schools saving their forms at once, then 50 county users opening the
board of the 300-school campaign at once.

    python bench/bench_collect.py                              # 300 schools, 50 county users
    python bench/bench_collect.py --schools 30 --county-users 5  # quicker

Prints, in one run:
  * the in-process evaluation of the same campaign (its accepted facts judged by the service layer, as `…/check`
    does),
    the floor of the first board view after a change;
  * the saves: the server (its own process, waitress, 127.0.0.1 only) gets one PUT of a school's facts from each
    school at once (API tokens); answered, p50 / p95 / max, wall time;
  * the board: every school is then submitted and accepted (not timed), and the county users, each with its own
    login session, GET the board page at once: the first evaluates the campaign, the others wait for that one
    evaluation (one per change, not per view); answered, p50 / p95 / max;
  * the server's memory at start and its peak (VmHWM).
Accounts are created before the server starts with Argon2 at its lowest cost (a hash keeps its own parameters;
the login cost is not what is measured). Every loop is bounded (N requests, each with a timeout); the server is
stopped at the end.
"""
from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_check import GOVERNMENT, make_school_facts  # noqa: E402
from bench_serve import free_port, peak_memory_kib, percentile  # noqa: E402


def setup(data: Path, schools: int, county_users: int, seed: int = 17):
    """The campaign of `schools` named schools, their accounts (token each) and `county_users` county logins."""
    from generator.collect import accounts, campaigns
    from generator.collect.db import Store

    saved, accounts.PASSWORD_COST = accounts.PASSWORD_COST, {"time_cost": 1, "memory_cost": 8, "parallelism": 1}
    try:
        return _setup(data, schools, county_users, seed)
    finally:
        accounts.PASSWORD_COST = saved


def _setup(data: Path, schools: int, county_users: int, seed: int):
    from generator.collect import accounts, campaigns
    from generator.collect.db import Store

    rng = random.Random(seed)
    facts = [make_school_facts(rng, i) for i in range(schools)]
    store = Store(data)
    county_token = accounts.add(store, "bureau", "county", "基准县", None, "bureau-password")
    for number in range(county_users):
        accounts.add(store, f"clerk{number}", "county", "基准县", None, "clerk-password")
    county = accounts.get(store, "bureau")
    campaign = campaigns.create(store, county, "基准县", 2024, "basic-2012")
    campaigns.put_county(store, county, campaign, {"name": "基准县", "satisfaction_rate": 0.9,
                                                   "government": dict(GOVERNMENT),
                                                   "schools": [{"name": f["name"], "stage": f["stage"]}
                                                               for f in facts]})
    tokens = {f["name"]: accounts.add(store, f"s{i}", "school", "基准县", f["name"], "school-password")
              for i, f in enumerate(facts)}
    store.close()
    return campaign, facts, tokens, county_token


def in_process_evaluation(data: Path, campaign_id: int, runs: int = 3) -> float:
    from generator.collect import campaigns, county
    from generator.collect.db import Store

    store = Store(data)
    reader = county._Reader("基准县")
    campaign = campaigns.need_campaign(store, reader, campaign_id)
    rows = campaigns.stored_schools(store, campaign)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        county.evaluate(campaign, rows)
        times.append(time.perf_counter() - start)
    store.close()
    return min(times)


def _request(port, method, path, body=None, headers=None, timeout=600.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, urllib.parse.quote(path, safe="/?=&"), body=body, headers=headers or {})
        answer = conn.getresponse()
        return answer.status, answer.read(), answer.getheader("Set-Cookie") or ""
    finally:
        conn.close()


def at_once(jobs, timeout: float):
    """Run every job in its own thread, released together; (status, seconds, ok) each, and the wall time."""
    results, lock = [], threading.Lock()
    gate = threading.Barrier(len(jobs))

    def one(job):
        gate.wait()
        start = time.perf_counter()
        try:
            status, ok = job()
        except OSError as error:
            status, ok = type(error).__name__, False
        with lock:
            results.append((status, time.perf_counter() - start, ok))
    threads = [threading.Thread(target=one, args=(job,)) for job in jobs]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout + 5)
    return results, time.perf_counter() - start


def report(title, results, wall, expected) -> bool:
    ok = [r for r in results if r[2]]
    latencies = [r[1] for r in results] or [0.0]
    print(f"{title}: {expected} at once, {len(ok)} answered, {expected - len(ok)} errors "
          f"{sorted({str(r[0]) for r in results if not r[2]})}")
    print(f"  latency p50 {percentile(latencies, 0.5):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
          f"max {max(latencies):.2f} s; wall {wall:.2f} s → {len(ok) / wall:.1f} answers/s")
    return len(ok) == expected


def login(port, name, password) -> str:
    _, page, cookie = _request(port, "GET", "/login")
    token = re.search(rb'name="login_token" value="([^"]+)"', page).group(1).decode()
    login_cookie = cookie.split(";")[0]
    body = urllib.parse.urlencode({"name": name, "password": password, "login_token": token})
    status, _, cookie = _request(port, "POST", "/login", body, {
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": login_cookie})
    assert status == 302, status
    return cookie.split(";")[0]


def run(schools: int, county_users: int, threads: int, timeout: float) -> bool:
    with tempfile.TemporaryDirectory(prefix="junheng-bench-collect-") as folder:
        data = Path(folder) / "data"
        campaign, facts, tokens, county_token = setup(data, schools, county_users)
        print(f"campaign: {schools} schools, {county_users} county users; {os.cpu_count()} CPU cores")
        port = free_port()
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--data", str(data), "--host",
                                   "127.0.0.1", "--port", str(port), "--threads", str(threads)],
                                  cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    with socket.create_connection(("127.0.0.1", port), timeout=1):
                        break
                except OSError:
                    time.sleep(0.1)
            idle = peak_memory_kib(server.pid)

            def save(school):
                body = json.dumps({k: v for k, v in school.items() if k not in ("kind", "name")}).encode()
                def job():
                    status, answer, _ = _request(port, "PUT", f"/api/campaigns/{campaign}/schools/{school['name']}/facts",
                                                 body, {"Authorization": f"Bearer {tokens[school['name']]}",
                                                        "Content-Type": "application/json"}, timeout)
                    return status, status == 200 and json.loads(answer)["status"] == "draft"
                return job
            results, wall = at_once([save(school) for school in facts], timeout)
            saved = report(f"saves ({threads} server threads)", results, wall, schools)

            for school in facts:                     # not timed: every school submitted and accepted
                name = school["name"]
                _request(port, "POST", f"/api/campaigns/{campaign}/schools/{name}/submit", None,
                         {"Authorization": f"Bearer {tokens[name]}"})
                status, _, _ = _request(port, "POST", f"/api/campaigns/{campaign}/schools/{name}/accept", None,
                                        {"Authorization": f"Bearer {county_token}"})
                assert status == 200, status
            cookies = [login(port, f"clerk{n}", "clerk-password") for n in range(county_users)]

            def board(cookie):
                def job():
                    status, page, _ = _request(port, "GET", f"/collect/{campaign}", None, {"Cookie": cookie}, timeout)
                    return status, status == 200 and page.count(b'class="status-accepted"') == schools
                return job
            results, wall = at_once([board(cookie) for cookie in cookies], timeout)
            shown = report("board (first view after the last acceptance)", results, wall, county_users)
            results, wall = at_once([board(cookie) for cookie in cookies], timeout)
            again = report("board (again, no change)", results, wall, county_users)
            print(f"  server memory: {idle / 1024:.0f} MiB at start, peak {peak_memory_kib(server.pid) / 1024:.0f} MiB"
                  " (VmHWM)")
        finally:
            server.terminate()
            server.wait(30)
        evaluation = in_process_evaluation(data, campaign)
        print(f"in-process evaluation of the same campaign (accepted facts, service layer): {evaluation:.2f} s")
        return saved and shown and again


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--county-users", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8, help="the server's waitress threads")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args(argv)
    return 0 if run(args.schools, args.county_users, args.threads, args.timeout) else 1


if __name__ == "__main__":
    sys.exit(main())
