"""`junheng accounts`, `junheng backup` and `junheng restore` (the contract's third round): the token is the last
line of stdout, refusals exit 2 in Chinese, a backup taken while the store is being written is consistent, and a
restored folder serves what the copy held."""
from __future__ import annotations

import threading

from click.testing import CliRunner

from collect_support import cheap_hashing  # noqa: F401 (fixture)
from generator.cli import main
from generator.collect import accounts, campaigns
from generator.collect.db import Store


def _run(*args, stdin=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False)


def test_accounts_verbs(tmp_path):
    data = tmp_path / "data"
    made = _run("accounts", "--data", data, "add", "教育局", "--role", "county", "--county", "清河县",
                "--password-stdin", stdin="a-long-password\n")
    assert made.exit_code == 0
    token = made.output.strip().splitlines()[-1]
    store = Store(data)
    assert accounts.by_token(store, token).role == "county"
    assert accounts.login(store, "教育局", "a-long-password").county == "清河县"
    school = _run("accounts", "--data", data, "add", "东社", "--role", "school", "--county", "清河县",
                  "--school", "东社小学", "--password-stdin", stdin="short\n")
    assert school.exit_code == 2 and "密码至少 8 个字符" in school.output
    no_school = _run("accounts", "--data", data, "add", "东社", "--role", "school", "--county", "清河县",
                     "--password-stdin", stdin="long-enough\n")
    assert no_school.exit_code == 2 and "--school" in no_school.output
    assert _run("accounts", "--data", data, "add", "教育局", "--role", "county", "--county", "清河县",
                "--password-stdin", stdin="a-long-password\n").exit_code == 2           # exists
    listing = _run("accounts", "--data", data, "list")
    assert listing.output.splitlines() == ["教育局\tcounty\t清河县\t\tactive"]
    renewed = _run("accounts", "--data", data, "token", "教育局").output.strip().splitlines()[-1]
    assert accounts.by_token(store, token) is None and accounts.by_token(store, renewed).name == "教育局"
    printed = _run("accounts", "--data", data, "print", "--county", "清河县", "--school", "东社小学",
                   "--school", "西社小学").output.splitlines()
    assert printed[0] == "学校\t账号\t初始密码" and len(printed) == 3
    school_name, account_name, password = printed[1].split("\t")
    assert school_name == "东社小学" and accounts.login(store, account_name, password).school == "东社小学"
    # printing again: the account that logged in keeps its password; the other gets a new first one
    again = _run("accounts", "--data", data, "print", "--county", "清河县", "--school", "东社小学",
                 "--school", "西社小学").output.splitlines()
    assert [line.split("\t")[0] for line in again[1:]] == ["西社小学"]
    assert _run("accounts", "--data", data, "disable", "教育局").exit_code == 0
    assert accounts.by_token(store, renewed) is None
    assert _run("accounts", "--data", data, "disable", "nobody").exit_code == 2
    store.close()


def test_backup_while_writing_and_restore(tmp_path):
    data = tmp_path / "data"
    store = Store(data)
    accounts.add(store, "bureau", "county", "清河县", None, "county-password")
    county = accounts.get(store, "bureau")
    number = campaigns.create(store, county, "清河县", 2024, "basic-2012")
    names = [f"学校{i}" for i in range(40)]
    campaigns.put_county(store, county, number, {"name": "清河县", "schools": [
        {"name": n, "stage": "primary", "students": 100 + i} for i, n in enumerate(names)]})
    stop = threading.Event()

    def keep_writing():
        books = 0
        while not stop.is_set():
            books += 1
            campaigns.put_school(store, county, number, names[books % 40],
                                 {"stage": "primary", "students": 100, "books": books})
    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = [tmp_path / f"copy{i}.sqlite3" for i in range(3)]
        for copy in copies:
            done = _run("backup", "--data", data, "-o", copy)
            assert done.exit_code == 0, done.output
    finally:
        stop.set()
        writer.join()
    assert _run("backup", "--data", data, "-o", copies[0]).exit_code == 2              # exists: refused
    assert _run("backup", "--data", tmp_path / "none", "-o", tmp_path / "x").exit_code == 2
    for number_copy, copy in enumerate(copies):
        target = tmp_path / f"restored{number_copy}"
        assert _run("restore", "--data", target, copy).exit_code == 0
        restored = Store(target)
        # one moment of the database: every school present, the history and the facts agree
        rows = campaigns.stored_schools(restored, campaigns.Campaign(number, "清河县", 2024, "basic-2012", {}, 0, ""))
        assert [r.name for r in rows] == names
        for row in rows[:5]:
            history = campaigns.history(restored, county, number, row.name)
            books = [h["new"] for h in history if h["field"] == "books"]
            assert row.facts.get("books") == (books[-1] if books else None)
        assert accounts.login(restored, "bureau", "county-password").name == "bureau"
        restored.close()
    assert _run("restore", "--data", tmp_path / "restored0", copies[0]).exit_code == 2   # has a database
    store.close()
