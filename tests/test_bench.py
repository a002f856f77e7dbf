"""Every benchmark runs, at a tiny size, in every test run: a change that breaks one (as the naive docxtpl
loop once lacked the templates' own filter) fails here, not the next time someone measures. Each prints
its baseline or floor in the same run; these tests read that line too. Numbers are not judged here —
a shared 2-core machine cannot time anything — only that every measurement runs and says what it is."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO


def _bench(name: str, *args: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, str(REPO / "bench" / name), "--tiny", *args], capture_output=True,
                          text=True, timeout=600, cwd=REPO, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


@pytest.mark.slow
def test_bench_docs_runs_with_its_naive_baseline():
    out = _bench("bench_docs.py")
    assert "baseline: naive DocxTemplate/doc" in out and "junheng (1 process)" in out
    assert "junheng (2 processes)" in out and "end to end (2 processes)" in out
    assert "speed-up over the baseline:" in out and "CPU per report: baseline" in out


@pytest.mark.slow
def test_bench_check_runs_with_its_floor():
    out = _bench("bench_check.py")
    assert "plain-Python floor" in out and "junheng native" in out
    assert "PyYAML's C loader (the floor)" in out and "CLI end to end" in out and "`junheng --help`" in out


@pytest.mark.slow
def test_bench_leastcost_runs_with_its_naive_baseline():
    out = _bench("bench_leastcost.py")
    # the baseline is a plan that passes when applied, and the saving is stated only against it
    assert "least-cost" in out and "baseline (full-standard deficits + CV fix-up)" in out
    assert "passes when applied=True" in out and "CPU" in out


@pytest.mark.slow
def test_bench_serve_runs_with_its_baseline():
    out = _bench("bench_serve.py")
    assert "baseline (in process, sequential, no network)" in out
    assert "2 concurrent uploads, 2 answered with the verdicts" in out
