"""Worker processes of `report --each-school`: they stop when the run stops.

- Ctrl-C goes to the parent only (workers ignore SIGINT): the parent ends the pool at once
  (`stop_pool`) and says how many documents were written and which were not, instead of
  waiting while the pool writes every queued document.
- A worker ended by the parent (SIGTERM) unwinds normally, so the atomic writer removes its
  temporary file; nothing half-written stays under a final name.
- A worker whose parent dies (kill -9) exits within half a second: a thread waits on the
  parent process (multiprocessing's parent sentinel, on every platform).
- A temporary file left by a worker killed outright is removed by the next run
  (generator.io.writing.clean_stale_temps).
"""
from __future__ import annotations

import os
import signal
import threading
import time


def _exit_on_term(signum, frame):
    raise SystemExit(128 + signum)


def _watch_parent():
    import multiprocessing
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    parent.join()               # returns when the parent process is gone
    os._exit(1)


def school_worker_init():
    """Initializer of each worker process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, _exit_on_term)
    threading.Thread(target=_watch_parent, daemon=True).start()


def stop_pool(pool, grace: float = 0.5) -> list[int]:
    """End a ProcessPoolExecutor now: drop queued jobs, terminate running workers. Returns their
    process ids (all ended by then), so the caller can remove what they were writing."""
    processes = list(getattr(pool, "_processes", {}).values())
    try:
        pool.shutdown(wait=False, cancel_futures=True)
    except Exception:
        pass
    for process in processes:
        try:
            process.terminate()
        except Exception:
            pass
    deadline = time.monotonic() + grace          # one grace period for all, not one each
    for process in processes:
        process.join(max(deadline - time.monotonic(), 0))
    for process in processes:
        if process.is_alive():
            process.kill()
            process.join(grace)
    return [process.pid for process in processes if process.pid is not None]
