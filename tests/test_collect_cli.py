"""`junheng accounts`, `junheng backup` and `junheng restore` (the contract's third round): the token is the last
line of stdout, refusals exit 2 in Chinese, a backup taken while the store is being written is consistent, and a
restored folder serves what the copy held."""
from __future__ import annotations

import threading

from click.testing import CliRunner

from collect_support import cheap_hashing, postgres_server  # noqa: F401 (fixtures)
from generator.cli import main
from generator.collect import accounts, campaigns
from generator.collect.db import Store


def _run(*args, stdin=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=stdin, catch_exceptions=False)


def _campaign_of_forty(store):
    """A county account and its campaign of 40 primary schools: (the account, the campaign's number, the names)."""
    accounts.add(store, "bureau", "county", "清河县", None, "county-password")
    county = accounts.get(store, "bureau")
    number = campaigns.create(store, county, "清河县", 2024, "basic-2012")
    names = [f"学校{i}" for i in range(40)]
    campaigns.put_county(store, county, number, {"name": "清河县", "schools": [
        {"name": n, "stage": "primary", "students": 100 + i} for i, n in enumerate(names)]})
    return county, number, names


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
    english = _run("accounts", "--data", data, "--lang", "en", "print", "--county", "清河县", "--school", "东社小学")
    assert english.output.splitlines()[0] == "school\taccount\tfirst password"
    store.close()


def test_backup_and_restore_speak_the_runs_language(tmp_path):
    # the refusals of backup and restore follow --lang (before, Chinese whatever was asked), exit 2 either way
    data, copy = tmp_path / "data", tmp_path / "copy.sqlite3"
    missing = [_run("backup", "--data", tmp_path / "none", "-o", copy, *lang) for lang in ((), ("--lang", "en"))]
    assert [done.exit_code for done in missing] == [2, 2]
    assert missing[0].output.strip() == f"错误: {tmp_path / 'none'} 中没有数据库（PostgreSQL 请加 --db URL）"
    assert missing[1].output.strip() == f"error: {tmp_path / 'none'} holds no database (for PostgreSQL add --db URL)"
    Store(data).close()
    made = _run("--lang", "en", "backup", "--data", data, "-o", copy)
    assert made.exit_code == 0 and made.output.strip().endswith(" bytes)")
    assert _run("backup", "--data", data, "-o", copy, "--lang", "en").output.strip() == \
        f"error: {copy} exists already (add --force to overwrite it)"
    assert _run("restore", "--data", data, copy, "--lang", "en").output.strip() == \
        f"error: {data} holds a database already; add --force to replace it (stop the server first)"
    assert "已有数据库" in _run("restore", "--data", data, copy).output


def test_backup_while_writing_and_restore(tmp_path):
    data = tmp_path / "data"
    store = Store(data)
    county, number, names = _campaign_of_forty(store)
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
        _consistent(restored, county, number, names)
        assert accounts.login(restored, "bureau", "county-password").name == "bureau"
        restored.close()
    assert _run("restore", "--data", tmp_path / "restored0", copies[0]).exit_code == 2   # has a database
    store.close()


def _consistent(store, county, number, names) -> int:
    """One moment of the database: every school, each school's facts equal to the last change its history
    records, and the campaign's change counter equal to the writes the history holds. The writes seen."""
    import sqlalchemy as sa

    from generator.collect import db
    campaign = campaigns.need_campaign(store, county, number)
    rows = campaigns.stored_schools(store, campaign)
    assert [r.name for r in rows] == names
    writes = 0
    for row in rows:
        books = [h["new"] for h in campaigns.history(store, county, number, row.name) if h["field"] == "books"]
        assert row.facts.get("books") == (books[-1] if books else None)
        writes += len(books)
    with store.read() as conn:
        changes = conn.execute(sa.select(db.campaigns.c.changes).where(db.campaigns.c.id == number)).scalar_one()
    assert changes == 1 + writes            # the county list, then one bump per accepted write
    return writes


def test_postgresql_backup_while_writing_and_restore(tmp_path, request):
    """`junheng backup --db URL` (pg_dump) while the store is being written gives copies that are each one
    moment of the database; `junheng restore --db URL COPY` puts one back (into a new database, or over the
    database it came from with --force), and the restored database serves what the copy held; an older copy
    is upgraded at the next start."""
    from collect_support import fresh_database
    from generator.collect import db

    server = request.getfixturevalue("postgres_server")
    url = fresh_database(server)
    store = Store(tmp_path / "data", url)
    county, number, names = _campaign_of_forty(store)
    stop, written_so_far = threading.Event(), [0]

    def keep_writing():
        books = 0
        while not stop.is_set():
            books += 1
            campaigns.put_school(store, county, number, names[books % 40],
                                 {"stage": "primary", "students": 100, "books": books})
            written_so_far[0] = books

    def writes_go_on():                  # each copy is taken after more writes than the one before
        import time
        goal, deadline = written_so_far[0] + 2, time.monotonic() + 60
        while written_so_far[0] < goal and time.monotonic() < deadline:
            time.sleep(0.01)
    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copies = [tmp_path / f"copy{i}.dump" for i in range(3)]
        for copy in copies:
            writes_go_on()
            done = _run("backup", "--db", url, "-o", copy)
            assert done.exit_code == 0, done.output
    finally:
        stop.set()
        writer.join()
    assert _run("backup", "--db", url, "-o", copies[0]).exit_code == 2                 # exists: refused
    written = _consistent(store, county, number, names)
    seen = []
    for copy in copies:
        target = fresh_database(server)
        done = _run("restore", "--db", target, copy)
        assert done.exit_code == 0, done.output
        restored = Store(tmp_path / "data", target)
        seen.append(_consistent(restored, county, number, names))
        assert accounts.login(restored, "bureau", "county-password").name == "bureau"
        restored.close()
    assert 0 < seen[0] < seen[1] < seen[2] <= written              # taken while the writes went on
    # over the database it came from: refused without --force; with it, the database is the copy again
    assert _run("restore", "--db", url, copies[0]).exit_code == 2
    store.close()
    assert _run("restore", "--db", url, copies[0], "--force").exit_code == 0
    again = Store(tmp_path / "data", url)
    assert _consistent(again, county, number, names) == seen[0]
    again.close()
    # a copy that is not pg_dump's, and a copy restored into a database that is not there: exit 2, in Chinese
    (tmp_path / "not-a-dump").write_bytes(b"SQLite format 3\x00")
    refused = _run("restore", "--db", target, tmp_path / "not-a-dump", "--force")
    assert refused.exit_code == 2 and "不是 junheng backup --db 的备份" in refused.output
    missing = _run("restore", "--db", url.rsplit("/", 1)[0] + "/no_such_database", copies[0])
    assert missing.exit_code == 2 and "无法连接 PostgreSQL 数据库" in missing.output
    failed = _run("backup", "--db", url.rsplit("/", 1)[0] + "/no_such_database", "-o", tmp_path / "none.dump")
    assert failed.exit_code == 2 and "pg_dump 未能完成" in failed.output and not (tmp_path / "none.dump").exists()
    # an older copy (the schema at the first revision) comes back and is upgraded at the next start
    old_url = fresh_database(server)
    engine = db.make_engine(tmp_path / "old", old_url)
    db.upgrade(engine, "r0001")
    engine.dispose()
    old_copy = tmp_path / "old.dump"
    assert _run("backup", "--db", old_url, "-o", old_copy).exit_code == 0
    newer = fresh_database(server)
    assert _run("restore", "--db", newer, old_copy).exit_code == 0
    upgraded = Store(tmp_path / "old", newer)
    assert db.current_revision(upgraded.engine) == "r0003"
    upgraded.close()
