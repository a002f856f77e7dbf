"""Accounts, passwords, API tokens, login sessions and the lockout.

Passwords are hashed with Argon2id (memory-hard; argon2-cffi's RFC 9106 defaults); an API token and a session
id are 256-bit random strings, so the database keeps only their SHA-256 (a stolen database yields no working
token, and a lookup by hash is one indexed query). Hashing is bounded to two at once: each takes 64 MiB.
After MAX_FAILED_LOGINS failed logins in a row the account is locked for LOCK_MINUTES; a login to an unknown name
costs the same hash as a known one, so timing does not tell which names exist.
"""
from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from generator.collect import db

ROLES = ("county", "school", "inspector")
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
SESSION_HOURS = 12
MIN_PASSWORD = 8
_HASHING = threading.BoundedSemaphore(2)
# argon2-cffi's defaults (RFC 9106 low-memory: t=3, 64 MiB, p=4); the tests lower them (a hash records its own
# parameters, so verifying never depends on this setting)
PASSWORD_COST: dict = {}


class AccountError(Exception):
    """A refused account operation: a message id of generator/messages/collect.py and its parameters."""

    def __init__(self, msg_id: str, **params):
        super().__init__(msg_id)
        self.msg_id, self.params = msg_id, params


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    role: str
    county: str
    school: str | None
    disabled: bool = False


def _hasher():
    from argon2 import PasswordHasher
    return PasswordHasher(**PASSWORD_COST)


def hash_password(password: str) -> str:
    with _HASHING:
        return _hasher().hash(password)


def _verify(stored: str, password: str) -> bool:
    from argon2.exceptions import VerificationError, InvalidHashError
    with _HASHING:
        try:
            return _hasher().verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False


_DUMMY: list[str] = []


def _dummy_hash() -> str:
    if not _DUMMY:
        _DUMMY.append(hash_password(secrets.token_urlsafe(16)))
    return _DUMMY[0]


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


def first_password() -> str:
    """A password to print on paper: 10 characters without look-alikes (0/O, 1/l/I)."""
    alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def _account(row) -> Account:
    return Account(row.id, row.name, row.role, row.county, row.school, bool(row.disabled))


def _check_new(name: str, role: str, county: str, school: str | None, password: str) -> None:
    if not name or not name.strip() or len(name) > 200:
        raise AccountError("acc_bad_name")
    if role not in ROLES:
        raise AccountError("acc_bad_role", role=role, roles="|".join(ROLES))
    if not county or not county.strip():
        raise AccountError("acc_needs_county")
    if role == "school" and not (school and school.strip()):
        raise AccountError("acc_needs_school")
    if role != "school" and school:
        raise AccountError("acc_school_only", role=role)
    if len(password) < MIN_PASSWORD:
        raise AccountError("acc_short_password", length=MIN_PASSWORD)


def add(store, name: str, role: str, county: str, school: str | None, password: str) -> str:
    """Create an account; returns its API token (shown once, stored hashed)."""
    name, county, school = name.strip(), county.strip(), (school or "").strip() or None
    _check_new(name, role, county, school, password)
    token = new_token()
    hashed = hash_password(password)
    with store.write() as conn:
        if conn.execute(sa.select(db.accounts.c.id).where(db.accounts.c.name == name)).first():
            raise AccountError("acc_exists", name=name)
        conn.execute(db.accounts.insert().values(
            name=name, role=role, county=county, school=school, password_hash=hashed,
            token_hash=digest(token), disabled=False, created_at=db.now(), failed_logins=0))
    return token


def listing(store, county: str | None = None) -> list[Account]:
    query = sa.select(db.accounts).order_by(db.accounts.c.county, db.accounts.c.role, db.accounts.c.name)
    if county is not None:
        query = query.where(db.accounts.c.county == county)
    with store.read() as conn:
        return [_account(row) for row in conn.execute(query)]


def get(store, name: str) -> Account | None:
    with store.read() as conn:
        row = conn.execute(sa.select(db.accounts).where(db.accounts.c.name == name)).first()
    return _account(row) if row else None


def disable(store, name: str) -> None:
    with store.write() as conn:
        done = conn.execute(db.accounts.update().where(db.accounts.c.name == name).values(disabled=True))
        if not done.rowcount:
            raise AccountError("acc_unknown", name=name)
        account_id = conn.execute(sa.select(db.accounts.c.id).where(db.accounts.c.name == name)).scalar_one()
        conn.execute(db.sessions.delete().where(db.sessions.c.account_id == account_id))


def renew_token(store, name: str) -> str:
    """A new API token for NAME; the old one stops working at once."""
    token = new_token()
    with store.write() as conn:
        done = conn.execute(db.accounts.update().where(db.accounts.c.name == name)
                            .values(token_hash=digest(token)))
        if not done.rowcount:
            raise AccountError("acc_unknown", name=name)
    return token


def set_password(store, name: str, password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise AccountError("acc_short_password", length=MIN_PASSWORD)
    hashed = hash_password(password)
    with store.write() as conn:
        done = conn.execute(db.accounts.update().where(db.accounts.c.name == name)
                            .values(password_hash=hashed, failed_logins=0, locked_until=None))
        if not done.rowcount:
            raise AccountError("acc_unknown", name=name)
        account_id = conn.execute(sa.select(db.accounts.c.id).where(db.accounts.c.name == name)).scalar_one()
        conn.execute(db.sessions.delete().where(db.sessions.c.account_id == account_id))


def school_accounts_for(store, county: str, school_names, prefix: str) -> list[tuple[str, str, str]]:
    """(account name, school, first-time password) for each school of the list: a new account where the school
    has none, a fresh password for a school account that never logged in; an account in use is left alone."""
    rows = []
    with store.read() as conn:
        existing = {row.school: row for row in conn.execute(
            sa.select(db.accounts).where(db.accounts.c.county == county, db.accounts.c.role == "school"))}
    for school in school_names:
        password = first_password()
        row = existing.get(school)
        if row is None:
            name = f"{prefix}{school}"
            add(store, name, "school", county, school, password)
            rows.append((name, school, password))
        elif row.last_login is None and not row.disabled:
            set_password(store, row.name, password)
            rows.append((row.name, school, password))
    return rows


# ---------------------------------------------------------------- tokens, logins, sessions
def by_token(store, token: str) -> Account | None:
    if not token:
        return None
    with store.read() as conn:
        row = conn.execute(sa.select(db.accounts).where(db.accounts.c.token_hash == digest(token))).first()
    return _account(row) if row is not None and not row.disabled else None


def _later(minutes: int = 0, hours: int = 0) -> str:
    when = datetime.now(timezone.utc) + timedelta(minutes=minutes, hours=hours)
    return when.strftime("%Y-%m-%dT%H:%M:%SZ")


def login(store, name: str, password: str) -> Account:
    """The account when NAME and PASSWORD hold; AccountError("login_failed" | "login_locked") otherwise."""
    with store.read() as conn:
        row = conn.execute(sa.select(db.accounts).where(db.accounts.c.name == (name or "").strip())).first()
    if row is None:
        _verify(_dummy_hash(), password or "")
        raise AccountError("login_failed")
    if row.locked_until and row.locked_until > db.now():
        raise AccountError("login_locked", minutes=LOCK_MINUTES)
    good = _verify(row.password_hash, password or "") and not row.disabled
    locked = False
    with store.write() as conn:
        if good:
            conn.execute(db.accounts.update().where(db.accounts.c.id == row.id)
                         .values(failed_logins=0, locked_until=None, last_login=db.now()))
        else:
            failed = db.accounts.c.failed_logins + 1
            conn.execute(db.accounts.update().where(db.accounts.c.id == row.id).values(failed_logins=failed))
            count = conn.execute(sa.select(db.accounts.c.failed_logins)
                                 .where(db.accounts.c.id == row.id)).scalar_one()
            locked = count >= MAX_FAILED_LOGINS
            if locked:
                conn.execute(db.accounts.update().where(db.accounts.c.id == row.id)
                             .values(locked_until=_later(minutes=LOCK_MINUTES), failed_logins=0))
    if not good and locked:           # raised after the commit: the count and the lock are kept
        raise AccountError("login_locked", minutes=LOCK_MINUTES)
    if not good:
        raise AccountError("login_failed")
    return _account(row)


def open_session(store, account: Account) -> tuple[str, str]:
    """(session id for the cookie, CSRF token for the forms); only the id's hash is stored."""
    session_id, csrf = new_token(), secrets.token_urlsafe(32)
    with store.write() as conn:
        conn.execute(db.sessions.delete().where(db.sessions.c.expires_at < db.now()))
        conn.execute(db.sessions.insert().values(id_hash=digest(session_id), account_id=account.id, csrf=csrf,
                                                 created_at=db.now(), expires_at=_later(hours=SESSION_HOURS)))
    return session_id, csrf


def session(store, session_id: str) -> tuple[Account, str] | None:
    """(account, CSRF token) of a live session, or None (unknown, expired, or the account disabled)."""
    if not session_id:
        return None
    query = (sa.select(db.accounts, db.sessions.c.csrf, db.sessions.c.expires_at)
             .join(db.sessions, db.sessions.c.account_id == db.accounts.c.id)
             .where(db.sessions.c.id_hash == digest(session_id)))
    with store.read() as conn:
        row = conn.execute(query).first()
    if row is None or row.expires_at < db.now() or row.disabled:
        return None
    return _account(row), row.csrf


def close_session(store, session_id: str) -> None:
    with store.write() as conn:
        conn.execute(db.sessions.delete().where(db.sessions.c.id_hash == digest(session_id or "")))
