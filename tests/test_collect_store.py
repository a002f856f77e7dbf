"""The store of `junheng serve --data` on SQLite and PostgreSQL: migrations keep old data, every change is kept,
two writers of one school get a conflict, an accepted value is never overwritten by a school, backup/restore."""
from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from collect_support import cheap_hashing, make_accounts, postgres_server, store  # noqa: F401 (fixtures)
from generator.collect import accounts, campaigns, db
from generator.collect.campaigns import Refused

HEAD = "r0003"
FACTS = {"stage": "primary", "students": 981, "classes": 20, "teachers": 53, "land_area_m2": "13,125",
         "building_area_m2": 3616, "books": 10600, "computers": 110}


def _campaign(store, made):
    county = made["county"][0]
    number = campaigns.create(store, county, "清河县", 2024, "basic-2012")
    campaigns.put_county(store, county, number, {"name": "清河县", "schools": [
        {"name": "东社小学", "stage": "primary"}, {"name": "西社小学", "stage": "primary"}]})
    return number


@pytest.mark.parametrize("start", ["r0001", "r0002"])
def test_upgrade_from_an_older_revision_keeps_every_row(tmp_path, request, start):
    """A folder (and a PostgreSQL database) left by an older junheng — the schema at the first and the second
    revision, rows written as those releases wrote them — is upgraded in place by the current code at its
    start: every row is there, new columns take their defaults, the new tables work."""
    for engine_name in ("sqlite", "postgresql"):
        url = None
        if engine_name == "postgresql":
            from collect_support import fresh_database
            url = fresh_database(request.getfixturevalue("postgres_server"))
        engine = db.make_engine(tmp_path / engine_name, url)
        db.upgrade(engine, start)
        assert db.current_revision(engine) == start
        with engine.begin() as conn:            # rows as the first release wrote them (no lockout columns yet)
            conn.execute(sa.text("INSERT INTO accounts (name, role, county, password_hash, token_hash, disabled,"
                                 " created_at) VALUES ('old', 'county', '清河县', 'x', 'y', false, '2026-01-01T00:00:00Z')"))
            conn.execute(sa.text("INSERT INTO campaigns (county, year, profile, county_facts, changes, created_at,"
                                 " created_by) VALUES ('清河县', 2023, 'basic-2012', '{}', 0, '2026-01-01', 'old')"))
            conn.execute(sa.text("INSERT INTO schools (campaign_id, name, stage, facts, status, version, updated_at,"
                                 " updated_by) VALUES (1, '东社小学', 'primary', '{\"students\": 981}', 'accepted', 3,"
                                 " '2026-01-01', 'old')"))
        engine.dispose()
        upgraded = db.Store(tmp_path / engine_name, url)       # a newer junheng starts on the old folder
        assert db.current_revision(upgraded.engine) == HEAD
        with upgraded.read() as conn:
            account = conn.execute(sa.select(db.accounts)).one()
            school = conn.execute(sa.select(db.schools)).one()
        assert (account.name, account.failed_logins, account.locked_until) == ("old", 0, None)
        assert (school.facts, school.status, school.version) == ({"students": 981}, "accepted", 3)
        # the old rows work with the new code: the county account's campaign takes a centre school
        from generator.collect import centres
        from generator.publicity.placement import load_centre
        from collect_support import REPO
        accounts.add(upgraded, "bureau", "county", "清河县", None, "county-password")
        bureau = accounts.get(upgraded, "bureau")
        centres.put(upgraded, bureau, 1, load_centre(REPO / "samples/dongong-centre.yaml"))
        assert [row.name for row in centres.listing(upgraded, campaigns.need_campaign(upgraded, bureau, 1))] == \
            ["东巩镇中心学校"]
        assert campaigns.school(upgraded, bureau, 1, "东社小学")["facts"] == {"students": 981}
        upgraded.close()


def test_history_keeps_every_change_oldest_first(store):
    made = make_accounts(store)
    number = _campaign(store, made)
    school = made["school-0"][0]
    campaigns.put_school(store, school, number, "东社小学", FACTS)
    campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": 12000})
    rows = campaigns.history(store, school, number, "东社小学")
    books = [(r["old"], r["new"], r["by"]) for r in rows if r["field"] == "books"]
    assert books == [(None, 10600, "school-0"), (10600, 12000, "school-0")]
    # the thousands separator was read as the checker reads it: the stored value is the number
    assert campaigns.school(store, school, number, "东社小学")["facts"]["land_area_m2"] == 13125
    assert [r["new"] for r in rows if r["field"] == "status"] == ["draft"]


def test_two_writers_of_one_school_get_a_conflict_not_a_lost_update(store):
    made = make_accounts(store)
    number = _campaign(store, made)
    school, county = made["school-0"][0], made["county"][0]
    version = campaigns.put_school(store, school, number, "东社小学", FACTS)["version"]
    campaigns.put_school(store, county, number, "东社小学", {**FACTS, "books": 11000}, version)  # the county first
    with pytest.raises(Refused) as refused:
        campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": 99}, version)
    assert refused.value.status == 409
    assert campaigns.school(store, county, number, "东社小学")["facts"]["books"] == 11000


def test_concurrent_writers_with_the_same_version_one_wins(store):
    made = make_accounts(store)
    number = _campaign(store, made)
    school = made["school-0"][0]
    version = campaigns.put_school(store, school, number, "东社小学", FACTS)["version"]
    outcomes = []

    def write(books):
        try:
            campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": books}, version)
            outcomes.append(("ok", books))
        except Refused as refused:
            outcomes.append((refused.status, books))
    threads = [threading.Thread(target=write, args=(11000 + i,)) for i in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [books for result, books in outcomes if result == "ok"]
    assert len(winners) == 1 and sorted(r for r, _ in outcomes if r != "ok") == [409] * 5
    assert campaigns.school(store, school, number, "东社小学")["facts"]["books"] == winners[0]


def test_accepted_facts_are_not_the_schools_to_change(store):
    made = make_accounts(store)
    number = _campaign(store, made)
    school, county = made["school-0"][0], made["county"][0]
    campaigns.put_school(store, school, number, "东社小学", FACTS)
    campaigns.step(store, school, number, "东社小学", "submit")
    with pytest.raises(Refused) as refused:                   # submitted: the school waits for the county
        campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": 1})
    assert refused.value.status == 409
    campaigns.step(store, county, number, "东社小学", "accept")
    for what in ("submit", "accept"):
        with pytest.raises(Refused) as refused:
            campaigns.step(store, county if what == "accept" else school, number, "东社小学", what)
        assert refused.value.status == 409
    with pytest.raises(Refused) as refused:
        campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": 1})
    assert refused.value.status == 409
    assert campaigns.school(store, county, number, "东社小学")["facts"]["books"] == 10600
    # the county may return it, with a comment the school sees; then the school writes again
    campaigns.step(store, county, number, "东社小学", "return", "图书册数请核实")
    found = campaigns.school(store, school, number, "东社小学")
    assert (found["status"], found["comment"]) == ("returned", "图书册数请核实")
    assert campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": 10700})["status"] == "draft"


def test_an_unusable_value_stores_nothing(store):
    made = make_accounts(store)
    number = _campaign(store, made)
    school = made["school-0"][0]
    with pytest.raises(Refused) as refused:
        campaigns.put_school(store, school, number, "东社小学", {**FACTS, "books": "很多", "computers": -3})
    assert refused.value.status == 422
    fields = {e["field"] for e in refused.value.errors}
    assert fields == {"books", "computers"}
    assert all("“" in e["message"] or "应为" in e["message"] for e in refused.value.errors)
    found = campaigns.school(store, school, number, "东社小学")
    assert (found["status"], found["facts"]) == ("missing", {})
    assert campaigns.history(store, school, number, "东社小学") == []


def test_lockout_after_repeated_failed_logins(store):
    accounts.add(store, "clerk", "school", "清河县", "东社小学", "right-password")
    for _ in range(accounts.MAX_FAILED_LOGINS - 1):
        with pytest.raises(accounts.AccountError) as refused:
            accounts.login(store, "clerk", "wrong-password")
        assert refused.value.msg_id == "login_failed"
    with pytest.raises(accounts.AccountError) as refused:
        accounts.login(store, "clerk", "wrong-password")
    assert refused.value.msg_id == "login_locked"
    with pytest.raises(accounts.AccountError) as refused:          # even the right password, while locked
        accounts.login(store, "clerk", "right-password")
    assert refused.value.msg_id == "login_locked"


def test_tokens_and_passwords_are_stored_hashed_and_disable_stops_both(store):
    token = accounts.add(store, "clerk", "school", "清河县", "东社小学", "right-password")
    with store.read() as conn:
        row = conn.execute(sa.select(db.accounts)).one()
    assert token not in (row.token_hash, row.password_hash) and row.password_hash.startswith("$argon2id$")
    assert accounts.by_token(store, token).name == "clerk"
    session_id, _ = accounts.open_session(store, accounts.login(store, "clerk", "right-password"))
    assert accounts.session(store, session_id)[0].name == "clerk"
    accounts.disable(store, "clerk")
    assert accounts.by_token(store, token) is None and accounts.session(store, session_id) is None
    with pytest.raises(accounts.AccountError):
        accounts.login(store, "clerk", "right-password")
