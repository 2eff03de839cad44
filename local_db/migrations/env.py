"""Alembic environment for the desk cache.

Only ever run programmatically (local_db.migrate) with a live connection handed in through
`config.attributes`, so there is no alembic.ini and no URL here.
"""

from __future__ import annotations

from alembic import context

from local_db.schema import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    # SQLite cannot ALTER most things; batch mode rebuilds tables instead.
    render_as_batch=True,
)
with context.begin_transaction():
    context.run_migrations()
