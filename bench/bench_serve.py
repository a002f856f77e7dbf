"""Benchmark `junheng serve`: 50 concurrent uploads of a 300-school county workbook.

    python bench/bench_serve.py                  # 50 uploads, 300 schools
    python bench/bench_serve.py --uploads 10     # quicker
    python bench/bench_serve.py --tiny           # 2 uploads, 5 schools (what the test suite runs)

Prints, in one run:
  * the baseline: the same check (upload → load → evaluate → result page) in this process,
    one after another through Flask's test client, no network — the floor a server cannot beat
    per request on this machine;
  * the server: `junheng serve` started as its own process on 127.0.0.1 (loopback only), the
    uploads sent at once from as many client threads; every answer must be 200 with the
    verdict table; p50 / p95 / max latency, wall time, and the server's peak memory (VmHWM).
The request loop is bounded (N uploads, each with a timeout) and the server is stopped at the end.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from bench_check import GOVERNMENT, make_school_facts  # noqa: E402


def county_workbook(schools: int, seed: int = 17) -> bytes:
    """A generated county of `schools` schools as the fill-in workbook a bureau would upload."""
    import yaml

    from generator.io.facts import load_facts
    from generator.io.workbook.export import facts_workbook

    rng = random.Random(seed)
    data = {"kind": "county", "name": "基准县", "year": 2024, "satisfaction_rate": 0.9,
            "government": dict(GOVERNMENT), "schools": [make_school_facts(rng, i) for i in range(schools)]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "county.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
        return facts_workbook(load_facts(path))


def multipart(data: bytes, name: str) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\ncheck\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"profile\"\r\n\r\nauto\r\n"
            f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head + data + f"\r\n--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))]


def baseline(workbook: bytes, count: int) -> list[float]:
    from generator.web.app import create_app

    client = create_app().test_client()
    body, kind = multipart(workbook, "基准县.xlsx")
    times = []
    for _ in range(count):
        start = time.perf_counter()
        response = client.post("/check", data=body, content_type=kind)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200 and b'id="verdicts"' in response.data, response.status_code
    return times


def peak_memory_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def against_server(workbook: bytes, uploads: int, threads: int, timeout: float):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--host", "127.0.0.1", "--port", str(port),
                               "--threads", str(threads)], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        idle = peak_memory_kib(server.pid)
        body, kind = multipart(workbook, "基准县.xlsx")
        results: list[tuple[int, float, bool]] = []
        lock = threading.Lock()
        gate = threading.Barrier(uploads)

        def one():
            gate.wait()
            start = time.perf_counter()
            status, ok = 0, False
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
                conn.request("POST", "/check", body=body, headers={"Content-Type": kind})
                answer = conn.getresponse()
                page = answer.read()
                status, ok = answer.status, b'id="verdicts"' in page
                conn.close()
            except OSError as exc:
                status = f"{type(exc).__name__}"
            with lock:
                results.append((status, time.perf_counter() - start, ok))

        clients = [threading.Thread(target=one) for _ in range(uploads)]
        start = time.perf_counter()
        for thread in clients:
            thread.start()
        for thread in clients:
            thread.join(timeout + 5)
        wall = time.perf_counter() - start
        return results, wall, idle, peak_memory_kib(server.pid)
    finally:
        server.terminate()
        server.wait(10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uploads", type=int, default=50)
    parser.add_argument("--schools", type=int, default=300)
    parser.add_argument("--threads", type=int, default=8, help="the server's waitress threads")
    parser.add_argument("--timeout", type=float, default=600)
    parser.add_argument("--baseline", type=int, default=10, help="sequential in-process checks for the baseline")
    parser.add_argument("--tiny", action="store_true", help="2 uploads of a 5-school county (what the test suite runs)")
    args = parser.parse_args()
    if args.tiny:
        args.uploads, args.schools, args.threads, args.baseline, args.timeout = 2, 5, 2, 1, 120

    workbook = county_workbook(args.schools)
    print(f"county workbook: {args.schools} schools, {len(workbook) / 1024:.0f} KiB; {os.cpu_count()} CPU cores")

    times = baseline(workbook, args.baseline)
    print(f"baseline (in process, sequential, no network): {args.baseline} checks, "
          f"median {statistics.median(times):.2f} s, min {min(times):.2f} s "
          f"→ {len(times) / sum(times):.2f} checks/s")

    results, wall, idle, peak = against_server(workbook, args.uploads, args.threads, args.timeout)
    ok = [r for r in results if r[0] == 200 and r[2]]
    latencies = [r[1] for r in results]
    print(f"server ({args.threads} threads): {args.uploads} concurrent uploads, {len(ok)} answered with the verdicts, "
          f"{len(results) - len(ok)} errors {sorted({str(r[0]) for r in results if not (r[0] == 200 and r[2])})}")
    print(f"  latency p50 {percentile(latencies, 0.5):.2f} s, p95 {percentile(latencies, 0.95):.2f} s, "
          f"max {max(latencies):.2f} s; wall {wall:.2f} s → {len(ok) / wall:.2f} checks/s")
    print(f"  server memory: {idle / 1024:.0f} MiB at start, peak {peak / 1024:.0f} MiB (VmHWM)")
    if len(ok) != args.uploads:
        sys.exit(1)


if __name__ == "__main__":
    main()
