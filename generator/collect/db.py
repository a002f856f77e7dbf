"""The database: SQLAlchemy Core tables, the engine for SQLite (under DIR) or PostgreSQL, and the schema
upgrade that runs at every start (Alembic, versioned: a newer junheng upgrades an older DIR in place).

Why SQLite by default: one file, no server to run, and with WAL readers never wait for the writer. Every
write runs in its own transaction (BEGIN IMMEDIATE on SQLite, so two writers queue instead of failing on a
lock upgrade) and is committed before the answer is sent; synchronous=FULL makes a commit survive a power cut,
not only a killed process.
"""
from __future__ import annotations

import json
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

metadata = sa.MetaData()

# The tables as the newest revision leaves them (migrations/versions/ builds them step by step).
accounts = sa.Table(
    "accounts", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("name", sa.String(200), nullable=False, unique=True),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("county", sa.String(200), nullable=False),
    sa.Column("school", sa.String(200)),
    sa.Column("password_hash", sa.String(300), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("disabled", sa.Boolean, nullable=False, default=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.String(32)),
    sa.Column("last_login", sa.String(32)),
)

campaigns = sa.Table(
    "campaigns", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("county", sa.String(200), nullable=False),
    sa.Column("year", sa.Integer, nullable=False),
    sa.Column("profile", sa.String(200), nullable=False),
    sa.Column("county_facts", sa.JSON, nullable=False),      # the county file without its schools
    sa.Column("changes", sa.Integer, nullable=False, default=0),   # bumped by every write: the cache key
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("created_by", sa.String(200), nullable=False),
)

schools = sa.Table(
    "schools", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("stage", sa.String(40)),
    sa.Column("facts", sa.JSON, nullable=False),
    sa.Column("status", sa.String(20), nullable=False),
    sa.Column("version", sa.Integer, nullable=False, default=1),
    sa.Column("comment", sa.Text),
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
    sa.UniqueConstraint("campaign_id", "name", name="uq_schools_campaign_name"),
)

changes = sa.Table(
    "changes", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    sa.Column("school", sa.String(200)),           # None: the county's own facts
    sa.Column("field", sa.String(200), nullable=False),
    sa.Column("old", sa.JSON),
    sa.Column("new", sa.JSON),
    sa.Column("by", sa.String(200), nullable=False),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Index("ix_changes_campaign_school", "campaign_id", "school"),
)

centres = sa.Table(
    "centres", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("campaign_id", sa.Integer, sa.ForeignKey("campaigns.id", ondelete="CASCADE"), nullable=False),
    sa.Column("name", sa.String(200), nullable=False),
    sa.Column("text", sa.Text, nullable=False),                 # the centre's fact file as `export` writes it
    sa.Column("updated_at", sa.String(32), nullable=False),
    sa.Column("updated_by", sa.String(200), nullable=False),
    sa.UniqueConstraint("campaign_id", "name", name="uq_centres_campaign_name"),
)

sessions = sa.Table(
    "sessions", metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("account_id", sa.Integer, sa.ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False),
    sa.Column("csrf", sa.String(64), nullable=False),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("expires_at", sa.String(32), nullable=False),
)

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
DEFAULT_DATA = "junheng-data"


def now() -> str:
    """UTC, to the second, as text that sorts (the same on both engines)."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def sqlite_path(data: Path) -> Path:
    return Path(data) / "junheng.sqlite3"


def make_engine(data, url: str | None = None) -> sa.Engine:
    """The engine for DIR (SQLite) or for a PostgreSQL URL; DIR is created on first start."""
    data = Path(data)
    data.mkdir(parents=True, exist_ok=True)
    if url:
        if url.startswith("postgresql://") or url.startswith("postgres://"):
            url = "postgresql+psycopg://" + url.split("://", 1)[1]
        return sa.create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20,
                                json_serializer=_dumps)
    engine = sa.create_engine(f"sqlite:///{sqlite_path(data)}", json_serializer=_dumps,
                              connect_args={"timeout": 60, "check_same_thread": False})
    _sqlite_events(engine)
    return engine


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=False)


def _sqlite_events(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None      # we say BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=60000"):
            cursor.execute("PRAGMA " + pragma)
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(connection):
        # a writer takes the write lock at once: two writers queue on busy_timeout instead of one failing
        # when it upgrades a read lock (SQLITE_BUSY inside a deferred transaction is not retried)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if connection.get_execution_options().get("write")
                                   else "BEGIN")


class Store:
    """The engine and the two ways in: `read()` and `write()`, each one transaction."""

    def __init__(self, data, url: str | None = None, upgrade_schema: bool = True):
        self.data = Path(data)
        self.url = url
        self.engine = make_engine(self.data, url)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self._writer = self.engine.execution_options(write=True)
        if upgrade_schema:
            upgrade(self.engine)

    @contextmanager
    def read(self):
        with self.engine.connect() as connection:
            with connection.begin():
                yield connection

    @contextmanager
    def write(self):
        with self._writer.begin() as connection:
            yield connection

    def close(self) -> None:
        self.engine.dispose()


def alembic_config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: sa.Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` (at start: head), in one transaction; a no-op when it is there."""
    from alembic import command

    with engine.execution_options(write=True).begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def current_revision(engine: sa.Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
