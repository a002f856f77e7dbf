"""Campaigns, schools' facts and statuses, and who may do what with them.

Rights (the contract's table): a county account creates and decides its own county's campaigns; a school
account reads and writes only its own school in its county's campaigns; an inspector reads its county's
campaigns and writes nothing. A campaign of another county is 404 (its existence is not told); a school asking
for another school is 404 as well (the names of other schools are not told); a step the role may not take on
what it can see is 403; a step that does not apply to the current status is 409.

Statuses: missing → draft (the school saves) → submitted (the school submits) → accepted (the county accepts)
or returned (the county returns, with a comment) → draft … A school cannot write over submitted or accepted
facts (409: the county returns them first); the county's own entry is accepted at once, and every change it
makes to accepted facts is kept in the history like any other.

Every write bumps the school's version (optimistic concurrency: a writer that names the version it read gets
409 if someone wrote in between) and the campaign's change counter (the key of the evaluation cache).
"""
from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from generator.collect import db
from generator.collect.facts import check_county, check_school
from generator.collect.refusals import Refused
from generator.collect import standards
from generator.i18n import message

MIN_YEAR, MAX_YEAR = 1990, 2100      # a campaign's year: a typing slip (20244) is refused
STATUSES = ("missing", "draft", "submitted", "accepted", "returned")


@dataclass(frozen=True)
class Campaign:
    id: int
    county: str
    year: int
    profile: str
    county_facts: dict
    changes: int
    created_at: str


def _campaign(row) -> Campaign:
    return Campaign(row.id, row.county, row.year, row.profile, row.county_facts or {}, row.changes, row.created_at)


def _word(code: str, lang: str, prefix: str = "col_status_") -> str:
    return message(prefix + code, lang)


# ---------------------------------------------------------------- rights
def visible(account, campaign: Campaign) -> bool:
    return account.county == campaign.county


def need_campaign(store, account, campaign_id) -> Campaign:
    try:
        number = int(campaign_id)
    except (TypeError, ValueError):
        raise Refused(404, "col_no_campaign") from None
    with store.read() as conn:
        row = conn.execute(sa.select(db.campaigns).where(db.campaigns.c.id == number)).first()
    if row is None or not visible(account, _campaign(row)):
        raise Refused(404, "col_no_campaign")
    return _campaign(row)


def need_role(account, *roles) -> None:
    if account.role not in roles:
        raise Refused(403, "col_forbidden")


def may_see_school(account, school: str) -> None:
    if account.role == "school" and account.school != school:
        raise Refused(404, "col_no_school")


# ---------------------------------------------------------------- campaigns
def create(store, account, county: str, year, profile: str) -> int:
    from generator.criteria.profiles import shipped_profiles

    need_role(account, "county")
    if county != account.county:
        raise Refused(403, "col_other_county", county=county)
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise Refused(422, "col_bad_year", errors=[{"field": "year", "message": "", "incomplete": False}]) from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise Refused(422, "col_bad_year", errors=[{"field": "year", "message": "", "incomplete": False}])
    own = standards.is_own(profile) and (store.data / profile).is_file()
    if profile not in shipped_profiles() and not own:
        raise Refused(422, "col_bad_profile", known="、".join(shipped_profiles()), name=profile)
    with store.write() as conn:
        made = conn.execute(db.campaigns.insert().values(
            county=county, year=year, profile=profile, county_facts={}, changes=0,
            created_at=db.now(), created_by=account.name))
        return int(made.inserted_primary_key[0])


def listing(store, account) -> list[Campaign]:
    query = (sa.select(db.campaigns).where(db.campaigns.c.county == account.county)
             .order_by(db.campaigns.c.year.desc(), db.campaigns.c.id.desc()))
    with store.read() as conn:
        return [_campaign(row) for row in conn.execute(query)]


def _bump(conn, campaign_id: int) -> None:
    """The accepted facts changed: the evaluation cache's key moves (a draft or a submission leaves it)."""
    conn.execute(db.campaigns.update().where(db.campaigns.c.id == campaign_id)
                 .values(changes=db.campaigns.c.changes + 1))


def _record(conn, campaign_id, school, old: dict, new: dict, who: str, when: str) -> None:
    rows = []
    for key in list(old) + [k for k in new if k not in old]:
        if old.get(key) != new.get(key):
            rows.append({"campaign_id": campaign_id, "school": school, "field": key,
                         "old": old.get(key), "new": new.get(key), "by": who, "at": when})
    if rows:
        conn.execute(db.changes.insert(), rows)


def put_county(store, account, campaign_id, mapping: dict, lang: str = "zh") -> dict:
    """The county file as JSON: its own facts, and its schools inline (accepted at once) or named with a stage
    only (missing, to be filled in by the school). Schools not listed keep what they have: nothing is deleted."""
    campaign = need_campaign(store, account, campaign_id)
    need_role(account, "county")
    stored, errors, entries = check_county(mapping, lang)
    if not isinstance(entries, list):
        raise Refused(422, "col_unusable", errors=[{"field": "schools", "message": "", "incomplete": False}])
    schools, seen = [], set()
    for index, entry in enumerate(entries):
        if not isinstance(entry, dict) or not isinstance(entry.get("name", entry.get("学校名称")), str):
            errors.append({"field": f"schools[{index}].name", "message": "", "incomplete": False})
            continue
        name = entry.get("name", entry.get("学校名称")).strip()
        if name in seen:
            errors.append({"field": f"schools[{index}].name", "message": name, "incomplete": False})
            continue
        seen.add(name)
        named_only = set(entry) - {"name", "学校名称", "stage", "学校类型", "学段", "kind", "类型"} == set()
        checked = check_school(entry, name, None, lang)
        problems = [e for e in checked.errors if not (named_only and e["incomplete"])]
        for problem in problems:
            errors.append({**problem, "field": f"schools[{index}].{problem['field']}"})
        schools.append((name, checked, named_only))
    if errors:
        raise Refused(422, "col_unusable", errors=errors)
    when = db.now()
    with store.write() as conn:
        old = conn.execute(sa.select(db.campaigns.c.county_facts)
                           .where(db.campaigns.c.id == campaign.id)).scalar_one() or {}
        stored.pop("name", None)
        conn.execute(db.campaigns.update().where(db.campaigns.c.id == campaign.id).values(county_facts=stored))
        _record(conn, campaign.id, None, old, stored, account.name, when)
        for name, checked, named_only in schools:
            _county_school(conn, campaign.id, name, checked, named_only, account.name, when)
        _bump(conn, campaign.id)
    return {"schools": len(schools)}


def _county_school(conn, campaign_id, name, checked, named_only, who, when) -> None:
    row = conn.execute(sa.select(db.schools).where(db.schools.c.campaign_id == campaign_id,
                                                   db.schools.c.name == name)).first()
    stage = checked.stored.get("stage")
    if named_only:
        if row is None:
            conn.execute(db.schools.insert().values(campaign_id=campaign_id, name=name, stage=stage, facts={},
                                                    status="missing", version=1, updated_at=when, updated_by=who))
        elif stage and stage != row.stage and row.status == "missing":
            conn.execute(db.schools.update().where(db.schools.c.id == row.id)
                         .values(stage=stage, version=row.version + 1, updated_at=when, updated_by=who))
        return
    old_facts, old_status = (row.facts or {}, row.status) if row is not None else ({}, "missing")
    values = {"stage": stage, "facts": checked.stored, "status": "accepted", "comment": None,
              "updated_at": when, "updated_by": who}
    if row is None:
        conn.execute(db.schools.insert().values(campaign_id=campaign_id, name=name, version=1, **values))
    else:
        conn.execute(db.schools.update().where(db.schools.c.id == row.id)
                     .values(version=row.version + 1, **values))
    _record(conn, campaign_id, name, old_facts, checked.stored, who, when)
    _record(conn, campaign_id, name, {"status": old_status}, {"status": "accepted"}, who, when)


# ---------------------------------------------------------------- one school
def _school_row(conn, campaign_id, name, lock: bool = False):
    query = sa.select(db.schools).where(db.schools.c.campaign_id == campaign_id, db.schools.c.name == name)
    if lock:            # PostgreSQL: hold the row until the update (SQLite's writer holds the whole file)
        query = query.with_for_update()
    return conn.execute(query).first()


def school(store, account, campaign_id, name: str, lang: str = "zh") -> dict:
    campaign = need_campaign(store, account, campaign_id)
    may_see_school(account, name)
    with store.read() as conn:
        row = _school_row(conn, campaign.id, name)
    if row is None:
        raise Refused(404, "col_no_school")
    checked = check_school(row.facts or {}, row.name, row.stage, lang) if row.facts else None
    errors = checked.errors if checked is not None else []
    return {"facts": row.facts or {}, "status": row.status, "errors": errors, "version": row.version,
            "stage": row.stage, "comment": row.comment, "updated_at": row.updated_at, "updated_by": row.updated_by}


def put_school(store, account, campaign_id, name: str, mapping, version=None, lang: str = "zh") -> dict:
    """A school's save (a draft) or the county's entry (accepted at once). 422 when a value cannot be used,
    nothing stored; 409 when the version named is not the stored one, or the school's facts are not its to
    change (submitted or accepted)."""
    campaign = need_campaign(store, account, campaign_id)
    need_role(account, "school", "county")
    may_see_school(account, name)
    with store.read() as conn:
        row = _school_row(conn, campaign.id, name)
    if row is None:
        raise Refused(404, "col_no_school")
    if account.role == "school" and row.status in ("submitted", "accepted"):
        raise Refused(409, "col_locked", state=_word(row.status, lang))
    checked = check_school(mapping, name, row.stage, lang)
    if checked.unusable or (account.role == "county" and not checked.complete):
        raise Refused(422, "col_unusable", errors=checked.errors)
    status = "accepted" if account.role == "county" else "draft"
    when = db.now()
    with store.write() as conn:
        query = db.schools.update().where(db.schools.c.id == row.id)
        if version is not None:
            query = query.where(db.schools.c.version == int(version))
        # the status is read again inside the transaction: a submit or accept in between is not overwritten
        if account.role == "school":
            query = query.where(db.schools.c.status.notin_(("submitted", "accepted")))
        current = _school_row(conn, campaign.id, name, lock=True)
        done = conn.execute(query.values(facts=checked.stored, stage=checked.stored.get("stage") or row.stage,
                                         status=status, version=db.schools.c.version + 1,
                                         updated_at=when, updated_by=account.name))
        if not done.rowcount:
            raise Refused(409, "col_conflict", version=current.version, state=_word(current.status, lang))
        _record(conn, campaign.id, name, current.facts or {}, checked.stored, account.name, when)
        if current.status != status:
            _record(conn, campaign.id, name, {"status": current.status}, {"status": status}, account.name, when)
        if "accepted" in (status, current.status):
            _bump(conn, campaign.id)
        new_version = conn.execute(sa.select(db.schools.c.version).where(db.schools.c.id == row.id)).scalar_one()
    return {"status": status, "errors": checked.errors, "version": new_version}


# which role takes which step, from which statuses, to which status
STEPS = {
    "submit": ("school", ("draft", "returned"), "submitted"),
    "accept": ("county", ("submitted",), "accepted"),
    "return": ("county", ("submitted", "accepted"), "returned"),
}


def step(store, account, campaign_id, name: str, what: str, comment: str | None = None, version=None,
         lang: str = "zh") -> dict:
    campaign = need_campaign(store, account, campaign_id)
    role, sources, target = STEPS[what]
    may_see_school(account, name)
    need_role(account, role)
    with store.read() as conn:
        row = _school_row(conn, campaign.id, name)
    if row is None:
        raise Refused(404, "col_no_school")
    if what == "submit":
        checked = check_school(row.facts or {}, name, row.stage, lang)
        if row.status in sources and not checked.complete:
            raise Refused(422, "col_incomplete", errors=checked.errors)
    if comment is not None and not isinstance(comment, str):
        raise Refused(422, "col_unusable", errors=[{"field": "comment", "message": "", "incomplete": False}])
    when = db.now()
    with store.write() as conn:
        query = (db.schools.update().where(db.schools.c.id == row.id)
                 .where(db.schools.c.status.in_(sources)))
        if version is not None:
            query = query.where(db.schools.c.version == int(version))
        values = {"status": target, "version": db.schools.c.version + 1, "updated_at": when,
                  "updated_by": account.name}
        if what == "return":
            values["comment"] = (comment or "").strip()[:2000] or None
        elif what == "accept":
            values["comment"] = None
        current = _school_row(conn, campaign.id, name, lock=True)
        done = conn.execute(query.values(**values))
        if not done.rowcount:
            raise Refused(409, "col_step", step=_word(what, lang, "col_step_"), state=_word(current.status, lang))
        _record(conn, campaign.id, name, {"status": current.status}, {"status": target}, account.name, when)
        if what == "return" and values["comment"]:
            _record(conn, campaign.id, name, {}, {"comment": values["comment"]}, account.name, when)
        if "accepted" in (target, current.status):
            _bump(conn, campaign.id)
    return {"status": target}


def statuses(store, account, campaign_id) -> list[dict]:
    campaign = need_campaign(store, account, campaign_id)
    need_role(account, "county", "inspector")
    query = (sa.select(db.schools.c.name, db.schools.c.stage, db.schools.c.status, db.schools.c.updated_at,
                       db.schools.c.updated_by, db.schools.c.version)
             .where(db.schools.c.campaign_id == campaign.id).order_by(db.schools.c.id))
    with store.read() as conn:
        return [{"name": r.name, "stage": r.stage, "status": r.status, "updated_at": r.updated_at,
                 "updated_by": r.updated_by} for r in conn.execute(query)]


def history(store, account, campaign_id, name: str | None) -> list[dict]:
    """Every change of a school (or, with name None, of the county's own facts), oldest first."""
    campaign = need_campaign(store, account, campaign_id)
    if name is None:
        need_role(account, "county", "inspector")
    else:
        may_see_school(account, name)
        with store.read() as conn:
            if _school_row(conn, campaign.id, name) is None:
                raise Refused(404, "col_no_school")
    school_is = db.changes.c.school.is_(None) if name is None else db.changes.c.school == name
    query = (sa.select(db.changes).where(db.changes.c.campaign_id == campaign.id, school_is)
             .order_by(db.changes.c.id))
    with store.read() as conn:
        return [{"at": r.at, "by": r.by, "field": r.field, "old": r.old, "new": r.new} for r in conn.execute(query)]


def stored_schools(store, campaign: Campaign, accepted_only: bool = True) -> list:
    """The schools' rows in their order of entry (the county file's order)."""
    query = sa.select(db.schools).where(db.schools.c.campaign_id == campaign.id).order_by(db.schools.c.id)
    if accepted_only:
        query = query.where(db.schools.c.status == "accepted")
    with store.read() as conn:
        return list(conn.execute(query))


def previous(store, campaign: Campaign) -> Campaign | None:
    """The county's campaign of the year before (the same standard or not): the schools' last year."""
    query = (sa.select(db.campaigns).where(db.campaigns.c.county == campaign.county,
                                           db.campaigns.c.year < campaign.year)
             .order_by(db.campaigns.c.year.desc(), db.campaigns.c.id.desc()).limit(1))
    with store.read() as conn:
        row = conn.execute(query).first()
    return _campaign(row) if row else None


def changes_counter(store, campaign_id: int) -> int:
    with store.read() as conn:
        return conn.execute(sa.select(db.campaigns.c.changes).where(db.campaigns.c.id == campaign_id)).scalar_one()
