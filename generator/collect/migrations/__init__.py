"""Alembic migrations of the collect database; db.upgrade() runs them at every start."""
