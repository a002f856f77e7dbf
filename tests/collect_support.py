"""Shared by the tests of `junheng serve --data` (generator.collect): cheap password hashing, a store on SQLite
or PostgreSQL, and a campaign built through the API.

PostgreSQL: the URL in JUNHENG_TEST_POSTGRES if set; else a throw-away cluster started here with initdb/pg_ctl
(Debian's /usr/lib/postgresql/*/bin) in a temporary folder on a free loopback port — as the `postgres` user
when the tests run as root (root cannot run a server); else the PostgreSQL tests are skipped, saying why
(or fail, where JUNHENG_REQUIRE_POSTGRES is set: .ci/run sets it, so CI never skips them silently).
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    """Argon2 at its lowest cost: the tests create many accounts; the server's setting is not what they test
    (a hash carries its own parameters, so a check against it works the same)."""
    from generator.collect import accounts
    monkeypatch.setattr(accounts, "PASSWORD_COST", {"time_cost": 1, "memory_cost": 8, "parallelism": 1})


def _unavailable(reason: str):
    """Skip the PostgreSQL tests, saying why — or fail where they must run (CI sets JUNHENG_REQUIRE_POSTGRES)."""
    if os.environ.get("JUNHENG_REQUIRE_POSTGRES"):
        pytest.fail("PostgreSQL tests required but: " + reason)
    pytest.skip(reason)


def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Cluster:
    def __init__(self):
        self.folder = self.prefix = None

    def start(self) -> str:
        binaries = _pg_bin()
        if binaries is None:
            _unavailable("PostgreSQL is not installed (apt-get install postgresql) and JUNHENG_TEST_POSTGRES is unset")
        self.folder = Path(tempfile.mkdtemp(prefix="junheng-pg-"))
        self.prefix = []
        if os.geteuid() == 0:
            if shutil.which("runuser") is None:
                _unavailable("running as root without runuser: cannot start a PostgreSQL cluster")
            shutil.chown(self.folder, "postgres")
            os.chmod(self.folder, 0o700)
            self.prefix = ["runuser", "-u", "postgres", "--"]
        data, port = self.folder / "data", _free_port()
        run = lambda *args: subprocess.run([*self.prefix, *map(str, args)], check=True,  # noqa: E731
                                           capture_output=True, timeout=120)
        try:
            run(binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
            run(binaries / "pg_ctl", "-D", data, "-l", self.folder / "log", "-w", "-t", "60", "start", "-o",
                f"-p {port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off")
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            detail = getattr(error, "stderr", b"") or b""
            _unavailable(f"could not start a throw-away PostgreSQL: {error} {detail.decode(errors='replace')[-300:]}")
        self.binaries, self.data = binaries, data
        return f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def stop(self):
        if self.folder is None:
            return
        subprocess.run([*self.prefix, str(self.binaries / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                        "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server():
    url = os.environ.get("JUNHENG_TEST_POSTGRES")
    if url:
        yield url
        return
    cluster = _Cluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


def fresh_database(server_url: str) -> str:
    """A new, empty database on the server; its URL."""
    import psycopg
    name = "junheng_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url.replace("postgresql://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = server_url.rsplit("/", 1)[0]
    return f"{base}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    from generator.collect.db import Store
    url = fresh_database(request.getfixturevalue("postgres_server")) if request.param == "postgresql" else None
    made = Store(tmp_path / "data", url)
    yield made
    made.close()


def make_accounts(store, county="清河县", schools=("东社小学", "西社小学")) -> dict:
    """name → (Account, API token): a county, an inspector, one account per school, and another county."""
    from generator.collect import accounts
    made = {}
    for name, role, where, school in [("county", "county", county, None), ("inspector", "inspector", county, None),
                                      ("other-county", "county", "别县", None)] + \
            [(f"school-{i}", "school", county, s) for i, s in enumerate(schools)]:
        token = accounts.add(store, name, role, where, school, "password-" + name)
        made[name] = (accounts.get(store, name), token)
    return made
