"""bench/bench_readers.py at a tiny size, so that it keeps running (the full run is by hand)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO


@pytest.mark.slow
def test_bench_readers_runs_every_case_without_a_traceback():
    result = subprocess.run([sys.executable, str(REPO / "bench" / "bench_readers.py"), "--tiny",
                             "--timeout", "300"], cwd=REPO, capture_output=True, text=True,
                            timeout=900)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    for case in ("baseline: one school YAML", "400k unknown keys, full loader", "9,000 unknown keys",
                 "normal county workbook", "190 MB text, unused sheet", "sheet outside xl/worksheets",
                 "millions of shared strings", "119 MB --template", "119 MB report for audit", "400k unknown keys",
                 "web: 8 × 190 MB text"):
        row = next((line for line in lines if line.startswith(case)), None)
        assert row is not None and "killed" not in row, result.stdout
    text_row = next(line for line in lines if line.startswith("190 MB text"))
    assert " 2 " in text_row and "32,767" in text_row          # 95,000 characters: still past a cell's limit
    web_row = next(line for line in lines if line.startswith("web: 8 × 190 MB text"))
    assert "HTTP [400, 400, 400, 400, 400, 400, 400, 400]" in web_row
