"""bench/bench_collect.py runs at a tiny size, so that it still runs after the next change (not a timed test:
only that every save and every board view is answered)."""
from __future__ import annotations

import sys

from collect_support import REPO


def test_the_collect_benchmark_runs_at_a_tiny_size(capsys):
    sys.path.insert(0, str(REPO / "bench"))
    import bench_collect
    assert bench_collect.main(["--schools", "4", "--county-users", "2", "--threads", "2"]) == 0
    out = capsys.readouterr().out
    assert "saves (2 server threads): 4 at once, 4 answered, 0 errors" in out
    assert "board (again, no change): 2 at once, 2 answered, 0 errors" in out
