"""Long jobs (a county's each-school reports, PDF batches): a small pool of background threads.

A request hands its temporary folder to the job and returns at once with the job's page; the
page polls /jobs/<id>.json for progress. Waitress keeps serving other users meanwhile. The
finished file is held in memory only until it is downloaded (then dropped) or for `ttl`
seconds; job ids are random, so one user cannot fetch another's result by guessing.
"""
from __future__ import annotations

import secrets
import shutil
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from generator.errors import InputErrors


@dataclass
class Job:
    id: str
    title: str
    done: int = 0
    total: int = 0
    stage: str = "排队中"
    state: str = "running"           # running | done | failed
    error: str = ""
    filename: str = ""
    mimetype: str = ""
    data: bytes | None = field(default=None, repr=False)
    finished: float = 0.0

    def progress(self, done: int, total: int, stage: str | None = None) -> None:
        self.done, self.total = done, total
        if stage:
            self.stage = stage

    def as_json(self) -> dict:
        return {"id": self.id, "title": self.title, "done": self.done, "total": self.total, "stage": self.stage,
                "state": self.state, "error": self.error, "filename": self.filename}


class Jobs:
    def __init__(self, workers: int = 2, ttl: int = 1800, keep=None):
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="junheng-job")
        self.jobs: dict[str, Job] = {}
        self.lock = threading.Lock()
        self.ttl, self.keep = ttl, keep

    def start(self, title: str, work, folder=None, lang="zh") -> Job:
        """Run work(job) → (filename, mimetype, bytes) in the background; `folder` is removed after."""
        self.sweep()
        job = Job(id=secrets.token_urlsafe(16), title=title)
        with self.lock:
            self.jobs[job.id] = job

        def run():
            try:
                job.stage = "进行中"
                job.filename, job.mimetype, job.data = work(job)
                job.state, job.stage = "done", "完成"
                if self.keep is not None:
                    self.keep.save(job.filename, job.data)
            except InputErrors as errors:
                job.state, job.error = "failed", errors.describe(lang)
            except Exception as exc:          # noqa: BLE001 — a job's failure is shown, never kills the server
                job.state, job.error = "failed", f"内部错误：{type(exc).__name__}: {exc}"
            finally:
                job.finished = time.monotonic()
                if folder is not None:
                    shutil.rmtree(folder, ignore_errors=True)

        self.pool.submit(run)
        return job

    def get(self, job_id: str) -> Job | None:
        self.sweep()
        with self.lock:
            return self.jobs.get(job_id)

    def take(self, job_id: str) -> Job | None:
        """The finished job, removed: its file is handed out once and then forgotten."""
        with self.lock:
            job = self.jobs.get(job_id)
            if job is None or job.state != "done":
                return None
            return self.jobs.pop(job_id)

    def sweep(self) -> None:
        now = time.monotonic()
        with self.lock:
            for key in [k for k, j in self.jobs.items() if j.finished and now - j.finished > self.ttl]:
                del self.jobs[key]

    def shutdown(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
