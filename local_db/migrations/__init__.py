"""Alembic scripts for the desk cache; run by local_db.migrate at every open."""
