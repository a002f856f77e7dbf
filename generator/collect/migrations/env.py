"""Alembic's entry point: the connection comes from db.upgrade() (config.attributes), never from an ini file."""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
